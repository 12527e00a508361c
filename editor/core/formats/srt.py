"""SubRip transcript (``application/x-subrip``), speakers as ``Name:`` prefixes.

Writing (through the ``srt`` library): a turn starts a new cue whose first
line begins with ``Name: ``; long turns are cut into several cues of at most
two lines of ``line_length`` (32) characters, and only the turn's first cue
carries the prefix; each paragraph starts a new cue.

Reading uses the ``srt`` library's cue grammar (no index line, extra blank
lines, ``.`` for ``,``, trailing coordinates and missing final blank lines are
all fine) but reads the times itself: a fraction is decimal, so ``00:00:01,5``
is 1.5 s (the library reads 1.005 s), and minutes or seconds above 59 are
reported. A cue whose first line starts with a plausible ``Name:`` starts a
turn (``Note:``, ``Update:``, ``Warning:`` and URLs are not names); cues
without one continue the turn, their lines joined by spaces (SRT has no
paragraphs). A file with no prefixes at all gets one turn per cue. Formatting
tags (``<i>``, ``<font …>``, ``{\an8}``) are dropped, so text that looks like
one cannot survive a round trip (SRT has no escapes).

Known limits of a round trip through SRT: a turn without a speaker that
follows a speaker's turn merges into that turn on import (its cues carry no
prefix, so they read as the same speaker going on); paragraph breaks are not
carried (a paragraph starts a new cue on export, but cues of one turn are
joined by spaces on import).
"""
from __future__ import annotations

import re
from datetime import timedelta

import srt as srtlib

from ..errors import FormatError
from ..model import Project
from ..timecode import parse_srt
from . import Format
from ._captions import CueReader, cut_turns
from ..textparse import LineIndex, accepted_speakers, decode, line_at, speaker_prefix

LINE_LENGTH = 32
LINES_PER_CUE = 2

# Simple formatting tags and ASS overrides ({\an8}) that players do not print.
MARKUP = re.compile(r"</?[ibus]>|<font\b[^>]*>|</font>|\{\\[^}]*\}", re.IGNORECASE)
_FIELDS = re.compile(r"(\d+)\D(\d+)\D(\d+)(?:\D(\d*))?")


def write(project: Project, *, line_length: int = LINE_LENGTH) -> str:
    subtitles = [
        srtlib.Subtitle(index=number, start=timedelta(milliseconds=cue.start),
                        end=timedelta(milliseconds=cue.end), content="\n".join(cue.lines))
        for number, cue in enumerate(
            cut_turns(project, line_length, LINES_PER_CUE, prefix_first=True), 1)
    ]
    # reindex=False keeps document order (the library would sort by time).
    return srtlib.compose(subtitles, reindex=False, strict=True)


def _time(raw: str, line: int) -> int:
    """An SRT time with any of the separators the library accepts."""
    fields = _FIELDS.fullmatch(raw)
    if fields:
        h, m, s, f = fields.groups()
        raw_normal = f"{h}:{m}:{s},{f or '0'}"
        try:
            return parse_srt(raw_normal)
        except ValueError:
            pass
    raise FormatError(f"'{raw[:40]}' is not an SRT time (HH:MM:SS,mmm)", line=line)


def _cues(text: str) -> list[tuple[int, int, list[str]]]:
    """(line, start, content lines) of every cue; garbage between cues is an error."""
    cues = []
    expected = 0
    index = LineIndex(text)
    for match in srtlib.SRT_REGEX.finditer(text):
        _check_gap(text, expected, match.start())
        expected = match.end()
        line = index.line_at(match.start(2))
        start = _time(match[2], line)
        _time(match[3], line)
        content = MARKUP.sub("", match[5])
        lines = [clean for raw in content.split("\n") if (clean := raw.strip())]
        if lines:
            cues.append((line, start, lines))
    _check_gap(text, expected, len(text))
    return cues


def _check_gap(text: str, begin: int, end: int) -> None:
    gap = text[begin:end]
    if gap.strip():
        offset = begin + len(gap) - len(gap.lstrip())
        bad = gap.strip().split("\n", 1)[0]
        raise FormatError(f"'{bad[:40]}' is not part of a cue (a cue is an index line, "
                          "'HH:MM:SS,mmm --> HH:MM:SS,mmm' and text)",
                          line=line_at(text, offset))


def read(text: str) -> Project:
    cues = _cues(decode(text))
    prefixes = [speaker_prefix(lines[0]) for _, _, lines in cues]
    names = accepted_speakers(p[0] for p in prefixes if p)
    reader = CueReader(marked=bool(names))
    for (_, start, lines), prefix in zip(cues, prefixes):
        body = " ".join(lines)
        if prefix and prefix[0] in names:
            reader.new_turn(start, prefix[0], " ".join([prefix[1], *lines[1:]]))
        elif reader.speaker is None or not reader.marked:
            reader.new_turn(start, "", body)
        else:
            reader.add(body)
    return reader.project()


def lost_text(text: str, named: bool = True) -> bool:
    """Text a re-import changes: formatting tags are dropped (SRT has no escapes),
    and a timing arrow breaks the cue."""
    return bool(MARKUP.search(text)) or "-->" in text


def lost_turns(project: Project) -> list[int]:
    """Turns whose bounds a re-import does not keep: one without a speaker is
    continued from the turn before in a file with speakers, and is a turn per
    cue in a file without; and a cue that starts like ``Name:`` where no
    prefix was written starts a turn of its own."""
    cues = cut_turns(project, LINE_LENGTH, LINES_PER_CUE, prefix_first=True)
    per_turn: dict[int, int] = {}
    lost: set[int] = set()
    for cue in cues:
        per_turn[cue.turn] = per_turn.get(cue.turn, 0) + 1
        prefixed = cue.speaker and per_turn[cue.turn] == 1
        if not prefixed and speaker_prefix(cue.lines[0]):
            lost.add(cue.turn - 1)
    marked = any(cue.speaker for cue in cues)
    lost.update(i for i, turn in enumerate(project.turns) if not turn.speaker
                and ((marked and i > 0) or (not marked and per_turn.get(i + 1, 0) > 1)))
    return sorted(lost)


FORMATS = [Format(
    name="srt", label="SubRip (SRT) transcript", kind="transcript", extensions=(".srt",),
    read=read, write=write, options=("line_length",), mime="application/x-subrip",
    extra={"speaker_prefixes": True, "lost_turns": lost_turns, "lost_text": lost_text},
    carries=frozenset({"turns", "speakers", "turn_times"}),
)]
