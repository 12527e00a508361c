"""YouTube description chapter lines: ``HH:MM:SS Title``, one per line.

Writing follows docs/formats.md (youtube): whole seconds, no brackets, hidden
chapters left out. An untitled chapter is written with
``builder.placeholder_title`` ("Chapter 3"): after a time alone, YouTube and
yt-dlp take the next line as its title. Whether the list meets YouTube's rules
(first at 0:00, at least three, 10 s apart) is for the publish checks to say,
not for the writer.

Reading takes a whole video description: lines that start with a timestamp
(``0:00``, ``(1:02:03)``, ``[12:34]``, ``12:34 - Title``, with an optional
fraction) are chapters, every other line is ignored. Chapters are sorted.
A line that is only a time is an untitled chapter (as some tools write one)
when it is clearly part of the chapter list: next to other timestamp lines
with a titled one among them (no blank or other line between), or in a text
holding nothing but timestamp lines. Elsewhere in a description a lone time
is text and ignored. A description with no line starting with a time is read
with the time after the title (``Intro 0:00``, ``Title - 12:34``), as yt-dlp
reads it.
A title that opens with a separator mark is written after ``- `` so that it
reads back whole (``textparse.chapter_line_title``, shared with the classic show
notes).
"""
from __future__ import annotations

import re

from ..errors import FormatError
from ..model import Chapter, Project
from ..timecode import format_hms_ms, parse_shownotes
from . import Format
from ..builder import ProjectBuilder, placeholder_title, visible_chapters
from ..textparse import (CHAPTER_LINE, SEPARATORS, TIMESTAMP, chapter_line_title, decode,
                         one_line)

# A line that is only a time, bracketed or not. Checked before CHAPTER_LINE,
# which would read "00:03:00" as the time 00:03 with the title "00".
_BARE_TIME = re.compile(rf"\s*[\[(]?(?P<ts>{TIMESTAMP})[\])]?\s*")
# The time after the title, past a space and maybe a separator: "Title - 12:34".
_TITLE_FIRST = re.compile(rf"\s*(?P<title>\S.*?)[{re.escape(SEPARATORS)}\s]*\s"
                          rf"[\[(]?(?P<ts>{TIMESTAMP})[\])]?\s*")


def _line(chapter: Chapter, number: int) -> str:
    # HH:MM:SS: HH:MM:SS.mmm without the milliseconds (whole seconds, cut down).
    title = one_line(chapter.title) or placeholder_title(number)
    return f"{format_hms_ms(chapter.start)[:-4]} {chapter_line_title(title)}"


def write(project: Project) -> str:
    return "".join(_line(c, n) + "\n" for n, c in enumerate(visible_chapters(project), 1))


def _timestamp_line(line: str) -> tuple[str, str | None] | None:
    """(time, title) for a line that starts with a time; title None when the
    line is only a time; None for any other line."""
    bare = _BARE_TIME.fullmatch(line)
    if bare:
        return bare["ts"], None
    match = CHAPTER_LINE.match(line)
    return (match["ts"], match["title"]) if match else None


def _title_first_line(line: str) -> tuple[str, str] | None:
    match = _TITLE_FIRST.fullmatch(line)
    return (match["ts"], match["title"]) if match else None


def read(text: str) -> Project:
    lines = decode(text).split("\n")
    found = [_timestamp_line(line) for line in lines]
    if not any(found):
        found = [_title_first_line(line) for line in lines]
    only_times = all(hit or not line.strip() for hit, line in zip(found, lines))
    builder = ProjectBuilder()
    run: list[tuple[int, str, str | None]] = []     # consecutive timestamp lines
    for number, hit in enumerate([*found, None], 1):
        if hit:
            run.append((number, *hit))
            continue
        titled_run = any(title is not None for _, _, title in run)
        for line_number, ts, title in run:
            if title is None and not (titled_run or only_times):
                continue
            try:
                start = parse_shownotes(ts)
            except ValueError:
                raise FormatError(f"'{ts}' is not a time (like 1:02:03 or 12:34)",
                                  line=line_number) from None
            builder.chapter(Chapter(start=start, title=one_line(title or "")))
        run = []
    project = builder.project()
    if not project.chapters:
        raise FormatError("no chapter lines (a line starting with a time, like "
                          "'0:00 Intro')")
    return project


def sniff(text: str) -> int:
    """2 when most non-blank lines of the head start with a timestamp."""
    lines = [l for l in text.lstrip("\ufeff").splitlines()[:50] if l.strip()]
    hits = sum(1 for line in lines if _timestamp_line(line))
    return 2 if lines and hits * 2 >= len(lines) else 0


FORMATS = [Format(
    name="youtube", label="YouTube description chapters", kind="chapters",
    extensions=(".youtube.txt", ".txt"), read=read, write=write, mime="text/plain",
    carries=frozenset({"chapter_titles", "chapter_seconds"}),
    extra={"sniff": sniff, "placeholder_titles": True},
)]
