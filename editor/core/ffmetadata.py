"""FFMETADATA chapter files, for muxing chapters into M4A/MP3 with ffmpeg.

The grammar lives here, below both its users: the ``ffmetadata`` format
(``formats/ffmetadata.py``) and chapter embedding (``embed.py``).

Writing: ``;FFMETADATA1``; the episode's ``title``, ``album`` (the show),
``date`` and ``comment`` (the description); then one ``[CHAPTER]`` section per
chapter with ``TIMEBASE=1/1000`` always (without it ffmpeg 5.1 reads
nanoseconds), ``START``, ``END`` and ``title``. ``= ; # \\`` and newlines in
values are escaped with a backslash (and a value ending in a backslash gets a
trailing space, or ffmpeg 5.1 would read the next line into it). Hidden
chapters are left out, and a chapter's end is the next one's start, or the
audio's end, or (the last one, duration unknown) its own start plus one second.

Reading follows ffmpeg's grammar: comments (``;``, ``#``), escapes, a line
ending in an escaped newline continues, ``TIMEBASE`` defaults to 1/1000000000,
and keys are case-sensitive (``a = b`` sets ``"a "``). Only ``title`` of a
chapter and the global keys above are kept.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .builder import MAX_MS, ProjectBuilder, chapter_spans, visible_chapters
from .errors import FormatError
from .model import Chapter, Project
from .textparse import decode

HEADER = ";FFMETADATA1"
_GLOBAL_KEYS = (("title", "title"), ("album", "show"), ("date", "date"),
                ("comment", "description"))
_ESCAPED = re.compile(r"([=;#\\\n])")
_TIMEBASE = re.compile(r"[ \t]*(\d{1,18})[ \t]*/[ \t]*(\d{1,18})[ \t]*")
_INTEGER = re.compile(r"[ \t]*[+-]?\d{1,19}[ \t]*")  # int() takes these spaces only
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _escape(value: str) -> str:
    escaped = _ESCAPED.sub(r"\\\1", value)
    # ffmpeg 5.1 takes any line ending in "\" as continued, even an escaped "\\":
    # a trailing space keeps the next line out of the value.
    return escaped + " " if escaped.endswith("\\") else escaped


def write(project: Project) -> str:
    out = [HEADER]
    for key, field in _GLOBAL_KEYS:
        value = getattr(project.episode, field)
        if value:
            out.append(f"{key}={_escape(value)}")
    for chapter, end in chapter_spans(visible_chapters(project), project.audio_duration):
        if end is None or end <= chapter.start:
            end = chapter.start + 1000
        out += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={chapter.start}", f"END={end}",
                f"title={_escape(' '.join(chapter.title.split()))}"]
    return "\n".join(out) + "\n"


def _logical_lines(text: str):
    """(line number, text) with escaped newlines joined; escapes kept for later."""
    pending, first = "", 0
    for number, line in enumerate(text.split("\n"), 1):
        if not pending:
            first = number
        trailing = len(line) - len(line.rstrip("\\"))
        if trailing % 2 == 1:            # an odd run of backslashes escapes the newline
            pending += line[:-1] + "\\\n"
            continue
        yield first, pending + line
        pending = ""
    if pending:
        yield first, pending


def _split(line: str) -> tuple[str, str | None]:
    """Key and value, unescaped, split at the first unescaped '='."""
    key, value, current, escaped = [], None, [], False
    for ch in line:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "=" and value is None:
            key, current, value = current, [], ""
        else:
            current.append(ch)
    if value is None:
        return "".join(current), None
    return "".join(key), "".join(current)


def read(text: str) -> Project:
    text = decode(text)
    if not text.startswith(HEADER):
        raise FormatError(f"an FFMETADATA file starts with the line {HEADER!r}", line=1)
    builder = ProjectBuilder()
    chapter: dict | None = None
    for number, line in _logical_lines(text):
        if number == 1 or not line or line[0] in ";#":
            continue
        if line.startswith("["):
            _finish(builder, chapter)
            # Keys after [STREAM] (or any other section) are not global any more.
            chapter = {"line": number, "ignored": line.strip() != "[CHAPTER]"}
            continue
        key, value = _split(line)
        if value is None:
            continue  # ffmpeg skips lines without '=' too
        if chapter is None:
            for name, field in _GLOBAL_KEYS:
                if key == name and (field != "date" or _DATE.fullmatch(value.strip())):
                    setattr(builder.episode, field, value.strip())
        elif not chapter.get("ignored"):
            chapter[key] = (number, value)
    _finish(builder, chapter)
    return builder.project()


def _finish(builder: ProjectBuilder, chapter: dict | None) -> None:
    if chapter is None or chapter.get("ignored"):
        return
    timebase = Fraction(1, 1_000_000_000)
    if "TIMEBASE" in chapter:
        number, value = chapter["TIMEBASE"]
        match = _TIMEBASE.fullmatch(value)
        if not match or int(match[1]) == 0 or int(match[2]) == 0:
            raise FormatError(f"TIMEBASE {value[:40]!r} is not a fraction like 1/1000",
                              line=number)
        timebase = Fraction(int(match[1]), int(match[2]))
    if "START" not in chapter:
        raise FormatError("a [CHAPTER] has no START", line=chapter["line"])
    number, value = chapter["START"]
    if not _INTEGER.fullmatch(value):
        raise FormatError(f"START {value[:40]!r} is not a whole number", line=number)
    ms = round(int(value) * timebase * 1000)
    if not 0 <= ms <= MAX_MS:
        raise FormatError(f"START {value.strip()} (timebase {timebase}) is not a time "
                          "from 0 to 1000 hours", line=number)
    title = chapter.get("title", (0, ""))[1]
    builder.chapter(Chapter(start=ms, title=" ".join(title.split())))


def sniff(text: str) -> int:
    return 4 if text.lstrip("\ufeff").startswith(HEADER) else 0

