"""Plain text transcript: ``Name: text`` per turn, a blank line between turns.

A turn's paragraphs are lines of their own under its first line. With
``times=True`` each turn starts with its time, ``[HH:MM:SS.mmm] Name: text``.
Each listed chapter (``toc`` true) is a heading line of its own before its
first turn (the first starting at or after it; after the last turn if none):
``(HH:MM:SS.mmm) Title``, an untitled chapter as ``(HH:MM:SS.mmm)`` alone.

Reading takes the pasted shapes listed in docs/formats.md (text):

- A. ``Name: text``; B. the same after a ``[00:12:34]`` or ``(00:12:34)`` time;
- C. a header line ``Name (00:03:48):`` or ``Name [00:03:48]:`` (text may
  follow on the same line), and a bracketed name, ``[Name]:``;
- D. an Otter header ``Name␠␠1:02:03`` (exactly two spaces), after a blank
  line, a heading or at the file's start;
- E. chapter headings: ``## Title`` in the same places; or, in a text with
  speakers and with a turn right after it, a line that stands alone (a blank
  line or the file's start before it; at most 12 words, no colon, not ending
  in ``.`` ``,`` ``!`` ``?``), or a show-notes timestamp line ``(00:12) Title``
  (round brackets: ``[00:12]`` is this writer's own turn time; the title may
  be missing, an untitled chapter as the classic show notes write one).
  This writer's own heading, a paragraph of one line holding
  ``(HH:MM:SS.mmm)`` and maybe a title, is a heading whatever the title and
  wherever it stands: pasted turn times (shape B) carry no milliseconds.

Lines under a header are the turn's paragraphs, one a line. The speaker
rules are the ones every reader shares (``textparse.speaker_prefix``: ``Note:``,
``Update:``, ``Tip:``, URLs and times are not speakers); a ``Name:`` used once
must be capitalised (``textparse.accepted_speakers``), while C and D headers name
a speaker by their shape; so does a capitalised ``Name:`` used once on a line
right after a turn's first line or before one (turns with no blank line
between them). A timed line without a name keeps the previous
speaker, so a turn without a speaker right after one with a speaker does not
survive a round trip (nor does one that reads as a heading: a lone line
without closing punctuation), and a paragraph under a turn's first line that
starts with a time starts a turn (or is a heading) of its own. A turn with a
time gets it, confirmed; turns without get estimated times (shared by words
up to the next known time, else 150 words a minute), the first turn under a
timed heading starting at the heading's time.
A heading without a time starts where the turn after it starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import FormatError
from ..estimate import speaking_ms
from ..model import Chapter, Project, Turn, word_count
from ..timecode import format_hms_ms, parse_shownotes
from . import Format
from ..builder import ProjectBuilder, fill_times, visible_chapters
from ..textparse import (TIMESTAMP, accepted_speakers, capitalised_name, decode, one_line,
                         speaker_name, speaker_prefix)

# Turn lines (docs/formats.md, text) in two: an optional bracketed time (shape B), then a
# ``Name (time):`` header (shape C); names are checked by ``speaker_name``.
_TIMED = re.compile(rf"\s*(?P<ts>\[{TIMESTAMP}\]|\({TIMESTAMP}\))\s*(?P<rest>.*)")
_HEADER = re.compile(rf"(?P<name>[^\s:：()\[][^:：\[]*?)\s*(?:\((?P<ts>{TIMESTAMP})\)|"
                     rf"\[(?P<ts2>{TIMESTAMP})\])\s*(?::(?:\s+|$)|：\s*)(?P<body>.*)")
# ``[Name]:`` (shape C without a time).
_BRACKETED = re.compile(r"\[(?P<name>[^\]:：]+)\]\s*(?::(?:\s+|$)|：\s*)(?P<body>.*)")
# An Otter header (docs/formats.md, text, shape D): exactly two spaces between name and time.
_OTTER = re.compile(rf"(?P<name>\S.*?)  (?P<ts>{TIMESTAMP})\s*")
# The writer's chapter heading: a time in round brackets with milliseconds.
_OWN_HEADING = re.compile(r"\s*\((?P<ts>\d{2,3}:\d{2}:\d{2}\.\d{3})\)(?:\s+(?P<title>.*))?")
_MARKDOWN_HEADING = re.compile(r"\s*#{1,6}\s+(?P<title>\S.*?)\s*#*\s*")
_HEADING_WORDS = 12


@dataclass
class _Line:
    """One line as read: its time, a speaker name, the text after both."""

    plain: str                      # the line without its time
    text: str                       # ... and without its speaker name
    time: int | None = None
    name: str | None = None         # a plausible speaker name opening the line
    header: bool = False            # shape C or D: the name is certainly a speaker
    round_time: bool = False        # the time was in round brackets, ``(00:12)``
    heading: str | None = None      # set for a chapter heading: its title


@dataclass
class _Turn:
    name: str
    paragraphs: list[str] = field(default_factory=list)


def _turn_block(names: dict[str, str], turn: Turn, times: bool) -> str:
    name = " ".join(names.get(turn.speaker, turn.speaker).split()) if turn.speaker else ""
    paragraphs = [" ".join(p.split()) for p in turn.paragraphs]
    paragraphs = [p for p in paragraphs if p] or [""]
    head = f"{name}: {paragraphs[0]}".rstrip() if name else paragraphs[0]
    if times:
        head = f"[{format_hms_ms(turn.start)}] {head}".rstrip()
    return "\n".join([head, *paragraphs[1:]]).strip("\n")


def _heading(chapter: Chapter) -> str:
    return f"({format_hms_ms(chapter.start)}) {one_line(chapter.title)}".rstrip()


def write(project: Project, *, times: bool = False) -> str:
    blocks = []
    chapters = visible_chapters(project)
    names = project.speaker_names()
    for turn in project.turns:
        while chapters and chapters[0].start <= turn.start:
            blocks.append(_heading(chapters.pop(0)))
        block = _turn_block(names, turn, times)
        if block:
            blocks.append(block)
    blocks.extend(_heading(chapter) for chapter in chapters)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _time(text: str, number: int) -> int:
    try:
        return parse_shownotes(text)
    except ValueError:
        raise FormatError(f"'{text}' is not a time", line=number) from None


def _parse_line(number: int, raw: str, after_break: bool, alone: bool) -> _Line:
    """One non-blank line; ``after_break`` when a blank line, a heading or the
    file's start comes before it (where markdown and Otter headers may stand),
    ``alone`` when it is also followed by a blank line or the file's end."""
    text = " ".join(raw.split())
    own = _OWN_HEADING.fullmatch(raw) if alone else None
    if own:
        return _Line(text, text, _time(own["ts"], number), round_time=True,
                     heading=one_line(own["title"] or ""))
    markdown = _MARKDOWN_HEADING.fullmatch(raw) if after_break else None
    if markdown:
        return _Line(text, text, heading=" ".join(markdown["title"].split()))
    otter = _OTTER.fullmatch(raw) if after_break else None
    if otter and speaker_name(otter["name"]):
        return _Line(text, "", _time(otter["ts"], number), otter["name"], header=True)
    line = _Line(text, text)
    timed = _TIMED.fullmatch(raw)
    if timed:
        line.time = _time(timed["ts"], number)
        line.round_time = timed["ts"].startswith("(")
        line.plain = line.text = " ".join(timed["rest"].split())
    bracketed = _BRACKETED.fullmatch(line.plain)
    if bracketed and speaker_name(bracketed["name"].strip()):
        line.name, line.text, line.header = (bracketed["name"].strip(),
                                              " ".join(bracketed["body"].split()), True)
        return line
    header = _HEADER.fullmatch(line.plain)
    if header and speaker_name(header["name"]):
        own = _time(header["ts"] or header["ts2"], number)
        line.time = own if line.time is None else line.time   # "[ts] Name (ts):" keeps ts
        line.name, line.text, line.header = header["name"], header["body"], True
        return line
    prefix = speaker_prefix(line.plain)
    if prefix:
        line.name, line.text = prefix[0], " ".join(prefix[1].split())
    return line


def _names_beside_turns(lines: list[_Line | None], names: set[str]) -> set[str]:
    """Capitalised names used once on a line next to a named turn's line, with no
    blank line between: turns written one a line (``Ann: Hi`` / ``Bo: Hello``).

    A name taken this way makes its own lines named turns too, so acceptance
    spreads along a run of such lines; each line is visited once (linear time)."""
    lines_of: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line is not None and line.name:
            lines_of.setdefault(line.name, []).append(i)
    accepted = set(names)
    found: set[str] = set()
    pending = [i for name in accepted for i in lines_of.get(name, ())]
    while pending:
        i = pending.pop()
        for k in (i - 1, i + 1):
            other = lines[k] if 0 <= k < len(lines) else None
            if other is None or not other.name or other.name in accepted \
                    or not capitalised_name(other.name):
                continue
            accepted.add(other.name)
            found.add(other.name)
            pending.extend(lines_of[other.name])
    return found


def _title_like(text: str) -> bool:
    return (0 < len(text.split()) <= _HEADING_WORDS and ":" not in text
            and text[0] not in "[(" and text[-1] not in ".,!?…"
            and any(ch.isalpha() for ch in text))


def _mark_headings(lines: list[_Line | None], names: set[str]) -> None:
    """Standalone lines and ``(00:12) Title`` lines of a text with speakers become
    headings when a turn follows them (docs/formats.md, text, shape E)."""
    def starts_turn(line: _Line) -> bool:
        return line.heading is None and (line.time is not None or line.name in names)

    following: _Line | None = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line is None:
            continue
        unnamed = line.heading is None and line.name not in names
        if unnamed and following is not None and starts_turn(following):
            title = line.plain.rstrip(";").rstrip()
            if line.time is not None:
                if line.round_time and (not title or _title_like(title)):
                    line.heading = title
            elif (i == 0 or lines[i - 1] is None) and _title_like(title):
                line.heading = title
        following = line


def read(text: str) -> Project:
    lines: list[_Line | None] = []          # None for a blank line
    raws = decode(text).split("\n")
    for number, raw in enumerate(raws, 1):
        after_break = not lines or lines[-1] is None or lines[-1].heading is not None
        alone = ((not lines or lines[-1] is None)
                 and (number == len(raws) or not raws[number].strip()))
        lines.append(_parse_line(number, raw, after_break, alone) if raw.strip() else None)
    present = [line for line in lines if line is not None]

    # Names at a block's start or after a time are taken more readily than others.
    at_start = [line.name for i, line in enumerate(lines) if line is not None and line.name
                and (i == 0 or lines[i - 1] is None or line.time is not None)]
    used: dict[str, int] = {}
    for line in present:
        if line.name:
            used[line.name] = used.get(line.name, 0) + 1
    names = (accepted_speakers(at_start) | {n for n, c in used.items() if c >= 2}
             | {line.name for line in present if line.header})
    names |= _names_beside_turns(lines, names)
    if names:
        _mark_headings(lines, names)
    marked = bool(names) or any(line.time is not None and line.heading is None
                                for line in present)

    turns: list[_Turn] = []
    times: list[int | None] = []
    anchored: set[int] = set()      # turns that start at their heading's time, estimated
    headings: list[tuple[int | None, str, int]] = []   # time, title, index of the next turn
    for i, line in enumerate(lines):
        if line is None:
            continue
        if line.heading is not None:
            headings.append((line.time, line.heading, len(turns)))
            continue
        block_start = i == 0 or lines[i - 1] is None or lines[i - 1].heading is not None
        named = line.name in names
        if line.time is not None or named or not turns or (block_start and not marked):
            # A timed line without a name goes on with the same speaker
            # (transcripts often stamp every paragraph but name only changes).
            name = line.name if named else (turns[-1].name if turns else "")
            body = line.text if named else line.plain
            turns.append(_Turn(name, [body] if body else []))
            time = line.time
            if time is None and headings and headings[-1][2] == len(turns) - 1:
                time = headings[-1][0]
                if time is not None:
                    anchored.add(len(turns) - 1)
            times.append(time)
        else:
            turns[-1].paragraphs.append(line.plain)
    return _project(turns, times, anchored, headings)


def _project(turns: list[_Turn], times: list[int | None], anchored: set[int],
             headings: list[tuple[int | None, str, int]]) -> Project:
    builder = ProjectBuilder()
    words = [sum(word_count(p) for p in turn.paragraphs) for turn in turns]
    starts = fill_times(times, words)
    for k, ((start, estimated), turn) in enumerate(zip(starts, turns)):
        builder.turn(start, turn.name, turn.paragraphs, estimated or k in anchored)
    for time, title, next_turn in headings:
        if time is None:
            if next_turn < len(starts):
                time = starts[next_turn][0]
            elif starts:
                time = starts[-1][0] + speaking_ms(words[-1])
            else:
                time = 0
        builder.chapter(Chapter(start=time, title=title))
    return builder.project()


def lost_text(text: str, named: bool) -> bool:
    """Whether a turn's text reads back as more than text: a line (a paragraph;
    the first one too when no ``Name:`` comes before it) that has a time,
    names a speaker or is a heading."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.split()]
    for paragraph in paragraphs[1 if named else 0:]:
        try:
            line = _parse_line(1, paragraph, True, True)
        except FormatError:
            return True
        if line.time is not None or line.heading is not None or line.name or line.header:
            return True
    return False


def lost_turns(project: Project) -> list[int]:
    """Turns whose bounds a re-import does not keep: in a text with speakers, a
    turn without one joins the turn before it, and the first one reads as a
    heading when it looks like one."""
    if not any(turn.speaker for turn in project.turns):
        return []
    lost = []
    for i, turn in enumerate(project.turns):
        if turn.speaker:
            continue
        first = next((" ".join(p.split()) for p in turn.paragraphs if p.split()), "")
        if i > 0 or _title_like(first) or not first:
            lost.append(i)
    return lost


def sniff(text: str) -> int:
    """Plain text is what any text file can be read as: the fallback."""
    return 1


FORMATS = [Format(
    name="text", label="Plain text transcript", kind="transcript", extensions=(".txt",),
    read=read, write=write, options=("times",), mime="text/plain",
    carries=frozenset({"turns", "speakers", "paragraphs", "chapter_titles", "chapter_times"}),
    extra={"sniff": sniff, "speaker_prefixes": True, "lost_turns": lost_turns,
           "lost_text": lost_text},
)]
