"""WebVTT transcript (``text/vtt``), with speakers as voice spans ``<v Name>``.

Writing: ``WEBVTT``, then one cue per piece of a turn (see ``_captions``: never
across turns, cut at word times, at least a second each where the turn allows):
every cue starts with ``<v Name>`` when the turn has a speaker; text is escaped
(``&amp; &lt; &gt;``); times are always ``HH:MM:SS.mmm``; at most two lines of
``line_length`` (42) characters a cue. Each cue's identifier
``<turn>-<paragraph>-<piece>`` lets a re-import restore turns and paragraphs
exactly; a cue that holds a paragraph break adds the line that starts the next
paragraph, ``<turn>-<paragraph>-<piece>-<line>``. Other players ignore it.

Reading is written here rather than through webvtt-py, which drops cues with a
bad timestamp (``75:00.000``) without a word, keeps only the first voice of a
cue and reports no line numbers. NOTE, STYLE and REGION blocks are skipped;
every voice span of a cue counts (a second speaker in a cue starts a new turn,
its time estimated from its place in the cue); other tags are dropped and
character references unescaped; a line break inside a cue is a space. A
malformed block (a bad timing line, text that is not a cue) is skipped, as
browsers skip it, and reported in ``Project.import_warnings`` with its line;
a file in which no cue can be read is an error. Without our identifiers, consecutive cues of
one voice form one turn (see ``_captions`` for files without voices).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..errors import FormatError
from ..model import Project
from ..timecode import format_vtt, parse_vtt
from . import Format
from ._captions import CueReader, cut_turns
from ..textparse import decode

LINE_LENGTH = 42
LINES_PER_CUE = 2

_SIGNATURE = re.compile(r"WEBVTT(?:[ \t].*)?")
_TIMING = re.compile(r"\s*(?P<start>\S+?)\s*-->\s*(?P<end>\S+)(?:\s.*)?")
_OUR_ID = re.compile(r"(\d+)-(\d+)-(\d+)(?:-(\d+))?")
# A tag opens with a letter or "/" (or a digit: an inline timestamp) and closes
# with ">"; any other "<" (as in "I <3 it", though invalid) is kept as text.
_TAG = re.compile(r"<(/?[A-Za-z][^>]*|\d[\d:.]*)>")
_VOICE = re.compile(r"v(?:\.[^\s.]+)*(?:[ \t\n\f](?P<name>.*))?", re.DOTALL)
_SHORT_HOURS = re.compile(r"\d:\d{2}:\d{2}\.\d{3}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(project: Project, *, line_length: int = LINE_LENGTH) -> str:
    out = ["WEBVTT", ""]
    for cue in cut_turns(project, line_length, LINES_PER_CUE):
        lines = [_escape(line) for line in cue.lines]
        if cue.speaker:
            lines[0] = f"<v {_escape(cue.speaker)}>{lines[0]}"
        identifier = f"{cue.turn}-{cue.paragraph}-{cue.piece}"
        if cue.break_line is not None:
            identifier += f"-{cue.break_line}"
        out += [identifier,
                f"{format_vtt(cue.start)} --> {format_vtt(cue.end)}", *lines, ""]
    return "\n".join(out)


# -- reading ------------------------------------------------------------------

@dataclass
class _Cue:
    line: int
    identifier: str
    start: int
    end: int
    pieces: list[tuple[str | None, str]]     # (voice or None, plain text)
    payload: list[str]                       # the text lines as written


def _time(text: str, line: int) -> int:
    if _SHORT_HOURS.fullmatch(text):
        text = "0" + text  # one-digit hours: invalid, but common and unambiguous
    try:
        return parse_vtt(text)
    except ValueError:
        raise FormatError(f"'{text[:40]}' is not a WebVTT timestamp "
                          "(HH:MM:SS.mmm, or MM:SS.mmm below an hour)", line=line) from None


def _pieces(payload: str) -> list[tuple[str | None, str]]:
    """The text of a cue split by voice, tags removed and references unescaped.
    Line breaks are spaces: ``<i>one</i>`` and ``<i>two</i>`` on two lines are two words."""
    payload = payload.replace("\n", " ")
    groups: list[list] = []          # [voice, [fragments]]
    voice: str | None = None
    position = 0
    for match in _TAG.finditer(payload):
        if match.start() > position:
            groups.append([voice, [payload[position:match.start()]]])
        position = match.end()
        tag = match[1].strip()
        voiced = _VOICE.fullmatch(tag)
        if voiced:
            voice = " ".join(html.unescape(voiced["name"] or "").split()) or None
            groups.append([voice, []])
        elif tag == "/v":
            voice = None
    if position < len(payload):
        groups.append([voice, [payload[position:]]])
    merged: list[list] = []
    for group_voice, fragments in groups:
        text = html.unescape("".join(fragments))
        if merged and merged[-1][0] == group_voice:
            merged[-1][1] += text
        else:
            merged.append([group_voice, text])
    # Space between two voices belongs to neither.
    return [(v, t) for v, t in merged if v is not None or t.strip()]


def _blocks(lines: list[str], first: int) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its number (``first`` for the first)."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, first):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_keyword_block(first: str, keyword: str) -> bool:
    return first == keyword or first.startswith((keyword + " ", keyword + "\t"))


def _cues(text: str) -> tuple[list[_Cue], list[FormatError]]:
    """The readable cues, and the problems of the blocks skipped."""
    lines = text.split("\n")
    if not _SIGNATURE.fullmatch(lines[0]):
        raise FormatError(f"'{lines[0][:40]}' is not the WebVTT signature: a WebVTT "
                          "file starts with a line 'WEBVTT'", line=1)
    blocks = _blocks(lines[1:], 2)
    # Header lines right under the signature (no blank line) belong to it.
    if blocks and blocks[0][0][0] == 2 and not any("-->" in l for _, l in blocks[0]):
        blocks = blocks[1:]
    cues: list[_Cue] = []
    skipped: list[FormatError] = []
    for block in blocks:
        first = block[0][1]
        if _is_keyword_block(first, "NOTE"):
            continue
        if any(_is_keyword_block(first.strip(), k) for k in ("STYLE", "REGION")) \
                and not any("-->" in l for _, l in block):
            continue
        at = 0
        while at < len(block):
            try:
                at = _cue(block, at, cues)
            except FormatError as problem:
                skipped.append(FormatError(f"{problem.problem} (skipped)", problem.line))
                # Go on at the next timing line of the block after the bad one.
                after = at + 1 if "-->" in block[at][1] else at + 2
                at = next((k for k in range(after, len(block)) if "-->" in block[k][1]),
                          len(block))
    if skipped and not cues:
        first = skipped[0]
        raise FormatError(first.problem.removesuffix(" (skipped)"), first.line)
    return cues, skipped


def _cue(block: list[tuple[int, str]], at: int, cues: list[_Cue]) -> int:
    """Read the cue starting at ``block[at]``; returns where the next one starts
    (a timing line without a blank line before it starts another cue)."""
    identifier = ""
    if "-->" not in block[at][1]:
        if at + 1 >= len(block) or "-->" not in block[at + 1][1]:
            number, line = block[at]
            raise FormatError(f"'{line[:40]}' starts neither a cue (a cue needs a "
                              "line 'HH:MM:SS.mmm --> HH:MM:SS.mmm') nor a NOTE",
                              line=number)
        identifier = block[at][1].strip()
        at += 1
    number, timing = block[at]
    match = _TIMING.fullmatch(timing)
    if not match:
        raise FormatError(f"'{timing[:60]}' is not a cue timing line "
                          "('HH:MM:SS.mmm --> HH:MM:SS.mmm')", line=number)
    start = _time(match["start"], number)
    end = _time(match["end"], number)
    end_of_payload = at + 1
    while end_of_payload < len(block) and "-->" not in block[end_of_payload][1]:
        end_of_payload += 1
    payload = "\n".join(line for _, line in block[at + 1:end_of_payload])
    cues.append(_Cue(number, identifier, start, end, _pieces(payload), payload.split("\n")))
    return end_of_payload


def read(text: str) -> Project:
    cues, skipped = _cues(decode(text))
    marked = any(voice for cue in cues for voice, _ in cue.pieces)
    reader = CueReader(marked)
    last_turn: str | None = None     # our identifier's turn and paragraph, if any
    last_paragraph = ""
    for cue in cues:
        ours = _OUR_ID.fullmatch(cue.identifier)
        if ours and len(cue.pieces) <= 1:
            voice, body = cue.pieces[0] if cue.pieces else (None, "")
            turn, paragraph = ours[1], ours[2]
            rest = None
            if ours[4] is not None and 1 < int(ours[4]) <= len(cue.payload):
                # The paragraph break sits before that line of the cue.
                at = int(ours[4]) - 1
                body = "".join(text for _, text in _pieces("\n".join(cue.payload[:at])))
                rest = "".join(text for _, text in _pieces("\n".join(cue.payload[at:])))
            if reader.speaker is None or turn != last_turn:
                reader.new_turn(cue.start, voice or "", body)
            elif paragraph != last_paragraph:
                reader.new_paragraph(body)
            else:
                reader.add(body)
            if rest is not None:
                reader.new_paragraph(rest)
                paragraph = str(int(paragraph) + 1)
            last_turn, last_paragraph = turn, paragraph
            continue
        last_turn = None
        _read_generic(reader, cue)
    project = reader.project()
    project.import_warnings = skipped
    return project


def _read_generic(reader: CueReader, cue: _Cue) -> None:
    total = sum(len(body) for _, body in cue.pieces) or 1
    before = 0
    for k, (voice, body) in enumerate(cue.pieces):
        start = cue.start + max(cue.end - cue.start, 0) * before // total
        before += len(body)
        current = reader.speaker
        if current is None:
            reader.new_turn(start, voice or "", body, estimated=k > 0)
        elif voice is None:
            if reader.marked or k > 0:
                reader.add(body)
            else:
                reader.new_turn(start, "", body)
        elif voice == current:
            reader.add(body)
        else:
            reader.new_turn(start, voice, body, estimated=k > 0)


FORMATS = [Format(
    name="vtt", label="WebVTT transcript", kind="transcript", extensions=(".vtt",),
    read=read, write=write, options=("line_length",), mime="text/vtt",
    carries=frozenset({"turns", "speakers", "paragraphs", "turn_times"}),
)]
