"""Plain text transcript: ``Name: text`` per turn, a blank line between turns.

A turn's paragraphs are lines of their own under its first line. With
``times=True`` each turn starts with its time, ``[HH:MM:SS.mmm] Name: text``.

Reading takes the same shape, and also ``(00:12:34) Name: text`` or
``[12:34]`` times (FORMATS.md §12, shapes A and B). A line with a time or a
speaker's ``Name:`` starts a turn; ``Note:``, ``Update:``, ``Warning:`` and URLs
are not speakers; a timed line without a name keeps the previous speaker (so a
turn without a speaker right after one with a speaker does not survive a round
trip). Turns without a time get estimated times (150 words a minute from the
previous known time), marked as estimated.
"""
from __future__ import annotations

import re

from ..errors import FormatError
from ..model import Project
from ..timecode import format_hms_ms, parse_shownotes
from . import Format
from ._build import turns_from_lines
from ._text import decode

_TS = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMED = re.compile(rf"\s*(?P<ts>\[{_TS}\]|\({_TS}\))\s*(?P<rest>.*)")


def write(project: Project, *, times: bool = False) -> str:
    blocks = []
    for turn in project.turns:
        name = " ".join(project.speaker_name(turn.speaker).split()) if turn.speaker else ""
        paragraphs = [" ".join(p.split()) for p in turn.paragraphs]
        paragraphs = [p for p in paragraphs if p] or [""]
        head = f"{name}: {paragraphs[0]}".rstrip() if name else paragraphs[0]
        if times:
            head = f"[{format_hms_ms(turn.start)}] {head}".rstrip()
        if head or len(paragraphs) > 1:
            blocks.append("\n".join([head, *paragraphs[1:]]).strip("\n"))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def read(text: str) -> Project:
    lines: list[tuple[int | None, str]] = []
    for number, line in enumerate(decode(text).split("\n"), 1):
        timed = _TIMED.fullmatch(line)
        if timed:
            try:
                lines.append((parse_shownotes(timed["ts"]), timed["rest"]))
            except ValueError:
                raise FormatError(f"'{timed['ts']}' is not a time", line=number) from None
        else:
            lines.append((None, line))
    return turns_from_lines(lines)


def sniff(text: str) -> int:
    """Plain text is what any text file can be read as: the fallback."""
    return 1


FORMATS = [Format(
    name="text", label="Plain text transcript", kind="transcript", extensions=(".txt",),
    read=read, write=write, options=("times",), mime="text/plain",
    extra={"sniff": sniff},
)]
