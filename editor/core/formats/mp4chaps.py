"""mp4chaps chapter text (``<media>.chapters.txt``): ``HH:MM:SS.mmm Title``.

Writing: one chapter per line. The format has no links, hidden chapters or
images: mp4v2's own ``mp4chaps`` reads a trailing ``<url>`` as part of the
title, so URLs are not written; chapters with ``toc`` false are left out.

Reading also takes Podlove's trailing ``<https://url>`` as the chapter's
link, ``#`` comments, any NPT time (``1:35.5``, ``95``), a tab after the
time, and the OGM form ``CHAPTER01=00:00:00.000`` /
``CHAPTER01NAME=Intro``. Chapters are sorted by start.
"""
from __future__ import annotations

import re

from ..errors import FormatError
from ..model import Chapter, Project
from ..timecode import format_npt, parse_npt
from . import Format
from ..builder import ProjectBuilder, visible_chapters
from ..textparse import decode, one_line

_GAP = re.compile(r"[ \t]")
_OGM = re.compile(r"\s*CHAPTER(?P<n>\d{1,6})(?P<name>NAME)?\s*=(?P<value>.*)", re.IGNORECASE)
_LINK = re.compile(r"(?P<title>.*?)\s*<(?P<url>[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")


def write(project: Project) -> str:
    lines = []
    for chapter in visible_chapters(project):
        lines.append(f"{format_npt(chapter.start)} {one_line(chapter.title)}".rstrip())
    return "".join(line + "\n" for line in lines)


def _time(text: str, line: int) -> int:
    try:
        return parse_npt(text)
    except ValueError:
        raise FormatError(f"'{text.strip()[:40]}' is not a time (like 00:01:35.500)",
                          line=line) from None


def looks_like_link(title: str) -> bool:
    """Whether a title ends like Podlove's ``<url>`` and so reads back as a link."""
    return _LINK.fullmatch(one_line(title)) is not None


def _title_and_url(text: str) -> tuple[str, str | None]:
    link = _LINK.fullmatch(text)
    if link:
        return link["title"], link["url"]
    return text, None


def read(text: str) -> Project:
    builder = ProjectBuilder()
    ogm: dict[int, dict] = {}              # number -> {time, title, line}
    for number, line in enumerate(decode(text).split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        common = _OGM.fullmatch(line)
        if common:
            entry = ogm.setdefault(int(common["n"]), {"line": number})
            if common["name"]:
                entry["title"] = common["value"].strip()
            else:
                entry["time"] = _time(common["value"], number)
                entry["line"] = number
            continue
        # The title starts after the first space or tab.
        time, *rest = _GAP.split(line.strip(), maxsplit=1)
        title, url = _title_and_url(rest[0].strip() if rest else "")
        builder.chapter(Chapter(start=_time(time, number), title=one_line(title), url=url))
    for n, entry in sorted(ogm.items()):
        if "time" not in entry:
            raise FormatError(f"CHAPTER{n:02d}NAME has no CHAPTER{n:02d}= time",
                              line=entry["line"])
        title, url = _title_and_url(entry.get("title", ""))
        builder.chapter(Chapter(start=entry["time"], title=one_line(title), url=url))
    return builder.project()


# What mp4v2 writes: the time always with milliseconds (YouTube lines have none).
_LINE = re.compile(r"\s*\d+:\d{2}:\d{2}\.\d{3}(?:[ \t]|$)|\s*CHAPTER\d+=", re.IGNORECASE)


def sniff(text: str) -> int:
    """3 when the first non-comment line is an mp4chaps line, else 0."""
    for line in text.lstrip("\ufeff").splitlines()[:50]:
        if line.strip() and not line.lstrip().startswith("#"):
            return 3 if _LINE.match(line) else 0
    return 0


FORMATS = [Format(
    name="mp4chaps", label="mp4chaps chapter text", kind="chapters",
    extensions=(".chapters.txt", ".txt"), read=read, write=write, mime="text/plain",
    carries=frozenset({"chapter_titles", "chapter_times"}),
    extra={"sniff": sniff, "title_rule": lambda title: not looks_like_link(title)},
)]
