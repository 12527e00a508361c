"""YouTube description chapter lines: ``HH:MM:SS Title``, one per line.

Writing follows FORMATS.md §9: whole seconds, no brackets, hidden chapters
left out. Whether the list meets YouTube's rules (first at 0:00, at least
three, 10 s apart) is for the publish checks to say, not for the writer.

Reading takes a whole video description: lines that start with a timestamp
(``0:00``, ``(1:02:03)``, ``[12:34]``, ``12:34 - Title``, with an optional
fraction) are chapters, every other line is ignored. Chapters are sorted.
A title that opens with a separator mark is written after ``- `` so that it
reads back whole (``_text.chapter_line_title``, shared with the classic show
notes).
"""
from __future__ import annotations

from ..errors import FormatError
from ..model import Chapter, Project
from ..timecode import format_hms_ms, parse_shownotes
from . import Format
from ._build import ProjectBuilder, visible_chapters
from ._text import CHAPTER_LINE, chapter_line_title, decode, one_line


def _line(chapter: Chapter) -> str:
    # HH:MM:SS: HH:MM:SS.mmm without the milliseconds (whole seconds, cut down).
    return f"{format_hms_ms(chapter.start)[:-4]} {chapter_line_title(chapter.title)}".rstrip()


def write(project: Project) -> str:
    return "".join(_line(c) + "\n" for c in visible_chapters(project))


def read(text: str) -> Project:
    builder = ProjectBuilder()
    for number, line in enumerate(decode(text).split("\n"), 1):
        match = CHAPTER_LINE.match(line)
        if not match:
            continue
        try:
            start = parse_shownotes(match["ts"])
        except ValueError:
            raise FormatError(f"'{match['ts']}' is not a time (like 1:02:03 or 12:34)",
                              line=number) from None
        builder.chapter(Chapter(start=start, title=one_line(match["title"])))
    project = builder.project()
    if not project.chapters:
        raise FormatError("no chapter lines (a line starting with a time, like "
                          "'0:00 Intro')")
    return project


def sniff(text: str) -> int:
    """2 when most non-blank lines of the head start with a timestamp."""
    lines = [l for l in text.lstrip("\ufeff").splitlines()[:50] if l.strip()]
    hits = sum(1 for line in lines if CHAPTER_LINE.match(line))
    return 2 if lines and hits * 2 >= len(lines) else 0


FORMATS = [Format(
    name="youtube", label="YouTube description chapters", kind="chapters",
    extensions=(".youtube.txt", ".txt"), read=read, write=write, mime="text/plain",
    extra={"sniff": sniff},
)]
