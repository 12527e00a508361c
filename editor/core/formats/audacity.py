"""Audacity label track text: ``start<TAB>end<TAB>label``, seconds with 6 decimals.

Writing: one label per chapter, spanning to the next chapter (or the audio's
end; a point label when the end is unknown). Hidden chapters, links and
images have no place in a label and are left out.

Reading is as lenient as Audacity's own importer: a ``,`` decimal mark, a
point label when the second field is not a number (that field is the title),
spectral lines starting with ``\\`` skipped, fields split by spaces when a
line has no tab, and labels sorted afterwards.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..errors import FormatError
from ..model import Chapter, Project
from . import Format
from ..builder import MAX_MS, ProjectBuilder, chapter_spans, visible_chapters
from ..textparse import decode, one_line

_NUMBER = re.compile(r"[+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def _seconds(ms: int) -> str:
    return f"{ms // 1000}.{ms % 1000:03d}000"


def write(project: Project) -> str:
    lines = []
    for chapter, end in chapter_spans(visible_chapters(project), project.audio_duration):
        end = chapter.start if end is None else end
        lines.append(f"{_seconds(chapter.start)}\t{_seconds(end)}\t{one_line(chapter.title)}")
    return "".join(line + "\n" for line in lines)


def _ms(text: str) -> int | None:
    """Seconds (``.`` or ``,`` decimal mark) as ms, or None when not a number."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    try:
        ms = int((Decimal(text.replace(",", ".")) * 1000).to_integral_value())
    except (InvalidOperation, ValueError):
        return None
    return ms


def read(text: str) -> Project:
    builder = ProjectBuilder()
    for number, line in enumerate(decode(text).split("\n"), 1):
        if not line.strip() or line.startswith("\\"):
            continue
        fields = line.split("\t", 2) if "\t" in line else line.strip().split(None, 2)
        start = _ms(fields[0])
        if start is None:
            raise FormatError(f"'{fields[0].strip()[:40]}' is not a time in seconds "
                              "(a label line is 'start<TAB>end<TAB>title')", line=number)
        if start > MAX_MS:
            raise FormatError(f"{fields[0].strip()[:40]} seconds is past 1000 hours",
                              line=number)
        if len(fields) > 1 and _ms(fields[1]) is not None:
            title = fields[2] if len(fields) > 2 else ""
        else:
            title = "\t".join(fields[1:])   # a point label: the rest is its title
        builder.chapter(Chapter(start=start, title=one_line(title)))
    return builder.project()


_LABEL = re.compile(r"\s*\d+(?:[.,]\d+)?\t")


def sniff(text: str) -> int:
    """3 when the first non-blank line is a tab-separated label line."""
    for line in text.lstrip("\ufeff").splitlines()[:50]:
        if line.strip():
            return 3 if _LABEL.match(line) else 0
    return 0


FORMATS = [Format(
    name="audacity", label="Audacity labels", kind="chapters",
    extensions=(".txt", ".labels.txt"), read=read, write=write, mime="text/plain",
    carries=frozenset({"chapter_titles", "chapter_times"}),
    extra={"sniff": sniff},
)]
