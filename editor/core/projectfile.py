"""The project file: YAML, project formats 1 to 3 (``docs/project-format.md``).

A save writes the oldest format that holds the project: 1, or 2 when the
episode has its own dictionary, or 3 when a turn has word times, so a project
that uses nothing newer saves byte for byte as before. Loading reads them all
and refuses newer ones.

Word times are one flow list a turn (``words: [0, 320, null]``), tens of
thousands of small numbers in a long episode: YAML would make an object for
each. So a save writes those lines itself, into marks the dump leaves, and a
load reads the lines written that way itself before YAML sees the file, each
checked to have landed where a turn's words belong (else the file is read
the plain way).

``load_project`` reads and validates a file into a :class:`Project`;
``save_project`` writes one atomically and keeps the previous version as
``NAME.bak``. ``project_to_data`` / ``project_from_data`` convert between a
project and plain data; tests use the former as a complete dump.

Only safe YAML loading is used (libyaml's C loader when present): tags such as
``!!python/object/apply`` are refused and nothing runs. The file is read through
``safeio`` (regular files only, bounded size) and held to ``limits``: counts of
turns, chapters and speakers, digits of numbers, and the depth and size of
``extra`` data, where an alias that refers to itself or is expanded again and
again is refused rather than copied.
"""
from __future__ import annotations

import gc
import math
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import yaml

from .atomic import ReadOnlyFile, write_atomically
from .errors import ProjectFileError, SchemaError
from .limits import MAX_DEPTH, MAX_DIGITS, MAX_EXTRA_VALUES, count_problem
from .safeio import UnreadableFile, read_regular
from .projectdump import SCHEMA_VERSION, dump_project, new_mark, remember_file_turns
from .model import (Chapter, Credit, Episode, Link, Project, Speaker, Turn, is_color,
                    is_iso_date, is_slot)
from .timecode import MAX_MS, TimeError, parse_time
from .wordtimes import words_problem


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading; a subclass so no global resolver of the yaml module is touched.

    It also refuses a key written twice in one mapping, which plain YAML loading
    takes silently, keeping only the last (a hand edit that loses text).
    """

    def construct_mapping(self, node, deep=False):
        # Merging ("<<") removes its keys from this list in place and puts the merged
        # pairs in a new list before it, so ``written`` ends up holding the pairs
        # written in this mapping itself: only those must not repeat.
        written = node.value
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen = set()
            for key_node, _ in written:
                key = self.construct_object(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"the key {key!r} appears twice", key_node.start_mark)
                seen.add(key)
        return mapping


# Dates stay text, as every other scalar the schema reads as text: the model
# checks them, and an unquoted 2025-02-30 in a title is a title, not an error.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}


def save_project(project: Project, path: Path | str, *, force: bool = False) -> None:
    """Write ``project`` to ``path`` atomically; the history is marked clean.

    Through a symlink the real file is written; a read-only file is refused
    (:class:`ProjectFileError`, ``read_only`` true) unless ``force``."""
    path = Path(path).absolute()
    with collector_paused():
        text = dump_project(project, path.parent)
    try:
        write_atomically(path, text, backup=True, force=force)
    except ReadOnlyFile as exc:
        error = ProjectFileError(path, f"cannot save: {exc.strerror}")
        error.read_only = True
        raise error from None
    except OSError as exc:
        raise ProjectFileError(path, f"cannot save: {exc.strerror or exc}") from exc
    project.path = path
    project.history.set_clean()


# -- reading -----------------------------------------------------------------

def _mapping(value: Any, field: str, keys: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise SchemaError(field, f"should be a mapping, not {_kind(value)}")
    for key in value:
        if key not in keys:
            raise SchemaError(f"{field}.{key}" if field else str(key),
                              f"unknown field (known: {', '.join(keys)})")
    return value


def _list(value: Any, field: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SchemaError(field, f"should be a list, not {_kind(value)}")
    return value


def _too_long(number: int) -> bool:
    return abs(number) >= 10 ** MAX_DIGITS


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` for a message, cut short: a hostile value may be megabytes."""
    if isinstance(value, int) and _too_long(value):
        return f"a number of more than {MAX_DIGITS} digits"
    text = repr(value) if isinstance(value, (str, int, float, bool)) else _kind(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _text(value: Any, field: str, *, optional: bool = False) -> str | None:
    if value is None:
        return None if optional else ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise SchemaError(field, f"should be text, not {_kind(value)}")
    return str(value)


def _paragraphs_in(value: Any, field: str) -> str:
    text = _text(value, field) or ""
    # Showscribe writes only doubled line breaks; a single one was typed by hand:
    # a wrapped line inside a paragraph, or the last line's end in a "|" block.
    paragraphs = text.split("\n\n")
    if paragraphs[-1].endswith("\n"):
        paragraphs[-1] = paragraphs[-1][:-1]
    return "\n".join(p.replace("\n", " ") for p in paragraphs)


def _time(value: Any, field: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool):
        raise SchemaError(field, f"{value!r} is not a time")
    if isinstance(value, (int, float)):
        # A bare number is seconds (an unquoted 00:01:05 reads as 65 in YAML 1.1).
        if isinstance(value, int) and _too_long(value):
            raise SchemaError(field, f"{_short(value)} is not a time within 1000 hours")
        ms = value * 1000
        if value < 0 or (isinstance(ms, float) and not math.isfinite(ms)):
            raise SchemaError(field, f"{_short(value)} is not a time")
        if ms > MAX_MS:
            raise SchemaError(field, f"{_short(value)} is not a time within 1000 hours")
        return round(ms)
    if not isinstance(value, str):
        raise SchemaError(field, f"should be a time like '00:01:05.000', not {_kind(value)}")
    try:
        return parse_time(value)
    except TimeError as exc:
        raise SchemaError(field, str(exc)) from None


def _bool(value: Any, field: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise SchemaError(field, f"should be true or false, not {value!r}")
    return value


def _episode(data: Any) -> Episode:
    if data is None:
        return Episode()
    names = tuple(f for f in Episode.__dataclass_fields__)
    d = _mapping(data, "episode", names)
    number = d.get("number")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise SchemaError("episode.number", f"{_short(number)} is not a whole number")
    if number is not None and _too_long(number):
        raise SchemaError("episode.number", f"has more than {MAX_DIGITS} digits")
    date = d.get("date")
    if date == "":
        date = None
    elif date is not None:
        date = _text(date, "episode.date")
        if not is_iso_date(date):
            raise SchemaError("episode.date", f"{date!r} is not a date like 2025-03-14")
    links = []
    for i, item in enumerate(_list(d.get("links"), "episode.links")):
        f = f"episode.links[{i}]"
        item = _mapping(item, f, ("label", "url"))
        links.append(Link(label=_text(item.get("label"), f + ".label"),
                          url=_text(item.get("url"), f + ".url", optional=True)))
    credits = []
    for i, item in enumerate(_list(d.get("credits"), "episode.credits")):
        f = f"episode.credits[{i}]"
        item = _mapping(item, f, ("role", "names"))
        names = item.get("names")
        if isinstance(names, str):
            names = [names]
        names = tuple(_text(n, f"{f}.names[{j}]") for j, n in
                      enumerate(_list(names, f + ".names")))
        credits.append(Credit(role=_text(item.get("role"), f + ".role"), names=names))
    return Episode(
        title=_text(d.get("title"), "episode.title"),
        subtitle=_text(d.get("subtitle"), "episode.subtitle"),
        description=_text(d.get("description"), "episode.description"),
        show=_text(d.get("show"), "episode.show"),
        number=number,
        date=date,
        language=_text(d.get("language"), "episode.language"),
        links=tuple(links),
        credits=tuple(credits),
        disclaimer=_text(d.get("disclaimer"), "episode.disclaimer"),
        notes=_text(d.get("notes"), "episode.notes"),
    )


def _speakers(data: Any) -> list[Speaker]:
    speakers, seen = [], set()
    for i, item in enumerate(_list(data, "speakers")):
        f = f"speakers[{i}]"
        item = _mapping(item, f, ("id", "name", "color", "key"))
        sid = _text(item.get("id"), f + ".id")
        if not sid:
            raise SchemaError(f + ".id", "is missing")
        if sid in seen:
            raise SchemaError(f + ".id", f"{sid!r} is used by another speaker")
        seen.add(sid)
        color = _text(item.get("color"), f + ".color") or "#4b5563"
        if not is_color(color):
            raise SchemaError(f + ".color", f"{color!r} is not a colour like '#2563eb'")
        slot = item.get("key")
        if not is_slot(slot):
            raise SchemaError(f + ".key", f"{slot!r} is not a key from 1 to 9")
        name = item.get("name")
        # A missing name reads as the id; an empty one stays empty.
        name = sid if name is None else _text(name, f + ".name")
        speakers.append(Speaker(id=sid, name=name, color=color, slot=slot))
    return speakers


class _PlainBudget:
    """How many more values ``extra`` data may hold: an alias is expanded on each use,
    so a few lines of YAML can stand for billions of values."""

    def __init__(self) -> None:
        self.left = MAX_EXTRA_VALUES


def _plain(value: Any, field: str, budget: _PlainBudget, depth: int = 0,
           open_ids: frozenset[int] = frozenset()) -> Any:
    """JSON-like data (text, numbers, true/false, null, lists, mappings by text)."""
    budget.left -= 1
    if budget.left < 0:
        raise SchemaError(field, f"extra data holds more than {MAX_EXTRA_VALUES:,} values "
                          "(aliases expanded)")
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        if _too_long(value):
            raise SchemaError(field, f"has more than {MAX_DIGITS} digits")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SchemaError(field, f"{value!r} is not a finite number")
        return value
    if isinstance(value, (list, dict)):
        if id(value) in open_ids:
            raise SchemaError(field, "refers to itself (a recursive alias)")
        if depth >= MAX_DEPTH:
            # the path down would be a hundred levels long: name the extra it is in
            raise SchemaError(field.split(".extra", 1)[0] + ".extra",
                              f"nested more than {MAX_DEPTH} levels deep")
        inside = open_ids | {id(value)}
        if isinstance(value, list):
            return [_plain(v, f"{field}[{i}]", budget, depth + 1, inside)
                    for i, v in enumerate(value)]
        for key in value:
            if not isinstance(key, str):
                raise SchemaError(field, f"the key {_short(key)} is not text")
        return {k: _plain(v, f"{field}.{k}", budget, depth + 1, inside)
                for k, v in value.items()}
    raise SchemaError(field, f"{_kind(value)} is not plain data")


def _chapters(data: Any) -> list[Chapter]:
    chapters = []
    budget = _PlainBudget()
    for i, item in enumerate(_list(data, "chapters")):
        f = f"chapters[{i}]"
        item = _mapping(item, f, ("start", "title", "url", "image", "toc", "extra"))
        if "start" not in item:
            raise SchemaError(f + ".start", "is missing")
        extra = item.get("extra") or {}
        _mapping(extra, f + ".extra", tuple(extra) if isinstance(extra, dict) else ())
        chapters.append(Chapter(
            start=_time(item["start"], f + ".start"),
            title=_text(item.get("title"), f + ".title"),
            url=_text(item.get("url"), f + ".url", optional=True),
            image=_text(item.get("image"), f + ".image", optional=True),
            toc=_bool(item.get("toc"), f + ".toc", True),
            extra=_plain(extra, f + ".extra", budget),
        ))
    chapters.sort(key=lambda c: c.start)  # stable: equal starts keep file order
    return chapters


def _dictionary(data: Any) -> list[str]:
    words = []
    for i, item in enumerate(_list(data, "dictionary")):
        word = _text(item, f"dictionary[{i}]")
        if not word.strip():
            raise SchemaError(f"dictionary[{i}]", "is empty")
        if "\n" in word:
            raise SchemaError(f"dictionary[{i}]", f"{word!r} is not one line")
        words.append(word)
    return words


_TURN_KEYS = ("start", "speaker", "estimated", "words", "text")
_TURN_KEY_SET = frozenset(_TURN_KEYS)
# The form Showscribe writes. A 5,000-turn file holds 5,000 of them, so they are
# read here directly; any other form goes through the full parser.
_WRITTEN_TIME = re.compile(r"(\d{2,3}):([0-5]\d):([0-5]\d)\.(\d{3})")  # below MAX_MS


def _turns(data: Any, speaker_ids: set[str], read_ahead: _WordLines | None = None
           ) -> list[Turn]:
    turns = []
    for i, item in enumerate(_list(data, "turns")):
        words = None
        if type(item) is not dict or not item.keys() <= _TURN_KEY_SET:
            if read_ahead is not None and type(item) is dict:
                item, words = read_ahead.unmarked(item, f"turns[{i}].words")
            if type(item) is not dict or not item.keys() <= _TURN_KEY_SET:
                _mapping(item, f"turns[{i}]", _TURN_KEYS)
        start = item.get("start")
        written = _WRITTEN_TIME.fullmatch(start) if type(start) is str else None
        if written:
            h, m, s, ms = written.groups()
            start = ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)
        elif "start" not in item:
            raise SchemaError(f"turns[{i}].start", "is missing")
        else:
            start = _time(start, f"turns[{i}].start")
        speaker = item.get("speaker")
        if speaker is None:
            speaker = ""
        elif type(speaker) is not str or speaker not in speaker_ids:
            speaker = _text(speaker, f"turns[{i}].speaker")
            if speaker and speaker not in speaker_ids:
                known = ", ".join(sorted(speaker_ids)) or "none are defined"
                raise SchemaError(f"turns[{i}].speaker",
                                  f"{speaker!r} is not one of the speakers ({known})")
        text = item.get("text")
        if type(text) is not str or "\n" in text:
            text = _paragraphs_in(text, f"turns[{i}].text")
        estimated = item.get("estimated", False)
        if type(estimated) is not bool:
            estimated = _bool(estimated, f"turns[{i}].estimated", False)
        if words is None:
            words = item.get("words")
        if words is not None:
            words = _words(words, text, f"turns[{i}].words")
        turns.append(Turn(start, speaker, text, estimated, words))
    return turns


def _words(value: Any, text: str, field: str) -> tuple[int | None, ...]:
    if isinstance(value, (list, tuple)):
        words = tuple(value)
    else:
        raise SchemaError(field, f"should be a list of ms offsets like [0, 320, null], "
                          f"not {_kind(value)}")
    problem = words_problem(words, len(text.split()))
    if problem is not None:
        entry, why = problem
        raise SchemaError(field if entry is None else f"{field}[{entry}]", why)
    return words


# A turn's word times as Showscribe writes them, with the text key after them:
# read before YAML sees the file.
_OFFSET = r"(?:0|[1-9][0-9]{0,11}|null)"
_WORD_LINE = re.compile(rf"^  words: \[((?:{_OFFSET}(?:, {_OFFSET})*)?)\]\n  text:",
                        re.MULTILINE)


class _WordLines:
    """The word-time lines of a file, read ahead of YAML. Each line goes, and the
    text key under it takes a numbered mark ("text" and a word the file does not
    hold): the turn whose text comes under that key takes those times. So YAML
    makes no object for them, and a line that was not a turn's words as written
    shows itself (its mark is found elsewhere, or not once)."""

    def __init__(self, text: str) -> None:
        mark = new_mark()
        while mark in text:           # a mark must be nothing the file says itself
            mark = new_mark()
        self.key = "text" + mark
        self.lists: list[tuple[int | None, ...]] = []
        self.taken: list[int] = []
        self.text = _WORD_LINE.sub(self._marked, text) if "\n  words: [" in text else text

    def _marked(self, match: re.Match) -> str:
        body = match.group(1)
        if not body:
            words: tuple = ()
        elif "n" in body:
            words = tuple([None if item == "null" else int(item) for item in body.split(", ")])
        else:
            words = tuple(map(int, body.split(", ")))
        self.lists.append(words)
        return f"  {self.key}{len(self.lists) - 1}:"

    def unmarked(self, item: dict, field: str) -> tuple[dict, tuple[int | None, ...] | None]:
        """A turn's mapping with its marked text key back as "text", and the word
        times the mark stands for (None when it has no mark). A new mapping: an
        alias may use the same one twice, and each use must find the mark."""
        prefix = self.key
        for marked in item:
            if type(marked) is str and marked.startswith(prefix):
                break
        else:
            return item, None
        number = marked[len(prefix):]
        if "words" in item or "text" in item or not (
                number.isascii() and number.isdigit() and str(int(number)) == number
                and int(number) < len(self.lists)):
            raise SchemaError(field, "is not as written")     # read again, the plain way
        self.taken.append(int(number))
        unmarked = item.copy()
        unmarked["text"] = unmarked.pop(marked)
        return unmarked, self.lists[int(number)]

    def all_taken(self) -> bool:
        """Every mark was a turn's words, each once: the file read as YAML reads it."""
        return len(self.taken) == len(self.lists) == len(set(self.taken))


def project_from_data(data: Any, base_dir: Path | None = None,
                      read_ahead: _WordLines | None = None) -> Project:
    """Validate plain data (as loaded from YAML) and build a project from it."""
    if not isinstance(data, dict) or "showscribe" not in data:
        raise SchemaError("", "not a Showscribe project (it has no 'showscribe:' version line)")
    version = data["showscribe"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1 \
            or _too_long(version):
        raise SchemaError("showscribe", f"{_short(version)} is not a project format version")
    if version > SCHEMA_VERSION:
        raise SchemaError("showscribe", f"written by a newer Showscribe (project format "
                          f"{version}; this version reads up to {SCHEMA_VERSION}); "
                          "update Showscribe to open it")
    _mapping(data, "", ("showscribe", "episode", "audio", "speakers", "chapters",
                        "dictionary", "turns"))
    problem = count_problem(*(len(data[key]) if isinstance(data.get(key), list) else 0
                              for key in ("turns", "chapters", "speakers")))
    if problem:
        raise SchemaError("", problem)
    project = Project()
    project.episode = _episode(data.get("episode"))
    audio = data.get("audio")
    if audio is not None:
        audio = _mapping(audio, "audio", ("path", "duration"))
        rel = _text(audio.get("path"), "audio.path", optional=True)
        if rel:
            path = Path(rel)
            if base_dir is not None and not path.is_absolute():
                path = Path(os.path.normpath(base_dir / path))
            project.audio_path = path
        project.audio_duration = _time(audio.get("duration"), "audio.duration", optional=True)
    project.speakers = _speakers(data.get("speakers"))
    project.chapters = _chapters(data.get("chapters"))
    project.dictionary = _dictionary(data.get("dictionary"))
    project.turns = _turns(data.get("turns"), {s.id for s in project.speakers}, read_ahead)
    return project


def _line_and_column(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    # PyYAML's reader counts characters; libyaml counts bytes of the UTF-8 text.
    if exc.encoding == "unicode":
        before = text[:exc.position]
    else:
        before = text.encode("utf-8")[:exc.position].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    match = re.search(r"constructor for the tag '([^']*)'", problem)
    if match:
        tag = match.group(1).replace("tag:yaml.org,2002:", "!!")
        return f"the tag {tag} is not allowed in a project file (nothing was run)"
    context = getattr(exc, "context", None)
    if not context:
        return problem
    if "while" not in context:
        return f"{context}: {problem}"
    # "while scanning a quoted scalar": say where that began, often far above
    mark, at = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if mark is not None and (at is None or mark.line != at.line):
        return f"{problem} ({context} that starts at line {mark.line + 1}, " \
               f"column {mark.column + 1})"
    return problem


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading, saving and imports make tens of thousands of objects (the model, or the data
    being dumped) that all live until the end; without this the cyclic collector
    scans them again and again while they are being made, which grows faster
    than the file."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_project(path: Path | str) -> Project:
    """Read a project file. Raises :class:`ProjectFileError` with a one-line message."""
    path = Path(path)
    try:
        raw = read_regular(path)
    except UnreadableFile as exc:
        problem = exc.problem
        if problem == "is a folder, not a file":
            problem = "is a folder, not a project file"
        raise ProjectFileError(path, problem) from None
    if not raw.strip():
        raise ProjectFileError(path, "the file is empty")
    if b"\0" in raw:
        raise ProjectFileError(path, "not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ProjectFileError(path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                               line=line) from None
    with collector_paused():
        project = _read(path, text, _WordLines(text))
        if project is None:
            project = _read(path, text, None)
        remember_file_turns(project, text)
    project.path = path.absolute()
    return project


def _read(path: Path, text: str, read_ahead: _WordLines | None) -> Project | None:
    """The project in ``text``; None when the word-time lines read ahead were not
    all where a turn's words are (a hand-edited file: read it the plain way)."""
    try:
        data = _parse_yaml(path, read_ahead.text if read_ahead else text)
        project = project_from_data(data, path.absolute().parent, read_ahead)
    except (ProjectFileError, SchemaError) as exc:
        if read_ahead is not None and read_ahead.lists:
            return None      # say what the file itself holds, read the plain way
        if isinstance(exc, SchemaError):
            raise ProjectFileError(path, exc.problem, field=exc.field or None) from None
        raise
    if read_ahead is not None and not read_ahead.all_taken():
        return None
    return project


# The turns as Showscribe writes them: the last key of the file, its items at the
# start of a line. Read a part at a time (see _parsed_in_parts).
_TURNS_KEY = re.compile(r"^turns:\n(?=- )", re.MULTILINE)
_TURN_ITEM = re.compile(r"^- ", re.MULTILINE)
_TURNS_PER_PARSE = 1000
_PARTS_FROM_CHARS = 1_000_000     # a smaller file is parsed whole: its tree is small


def _parsed_in_parts(text: str) -> Any | None:
    """The file's data, its turns parsed a thousand at a time; None when the file
    is not laid out as Showscribe writes it, or any part does not read on its
    own (an alias to an anchor in another part, a key after the turns, a quoted
    text cut at a line that looks like an item: anything): the caller then
    parses the whole file, which also names the line of any problem.

    PyYAML builds a node for every value of a document before it makes any of
    them: for a million turns that tree alone took gigabytes. In parts, only
    one part's tree lives at a time; the data is the same, since each part is a
    top-level list of the same mappings."""
    found = _TURNS_KEY.search(text)
    if found is None:
        return None
    try:
        data = yaml.load(text[:found.start()] + "turns: []\n", Loader=_Loader)
        if not isinstance(data, dict) or data.get("turns") != []:
            return None
        starts = [item.start() for item in _TURN_ITEM.finditer(text, found.end())]
        turns: list = []
        for first in range(0, len(starts), _TURNS_PER_PARSE):
            stop = first + _TURNS_PER_PARSE
            end = starts[stop] if stop < len(starts) else len(text)
            part = yaml.load(text[starts[first]:end], Loader=_Loader)
            if not isinstance(part, list):
                return None
            turns += part
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    data["turns"] = turns
    return data


def _parse_yaml(path: Path, text: str) -> Any:
    if len(text) > _PARTS_FROM_CHARS:
        data = _parsed_in_parts(text)
        if data is not None:
            return data
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        line, column = _line_and_column(text, exc)
        raise ProjectFileError(path, f"the character U+{exc.character:04X} is not allowed "
                               "in a project file", line=line, column=column) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise ProjectFileError(path, _yaml_problem(exc), line=line, column=column) from None
    except yaml.YAMLError as exc:
        raise ProjectFileError(path, _yaml_problem(exc)) from None
    except RecursionError:
        raise ProjectFileError(path, "nested too deeply to be a project file") from None
    except ValueError as exc:   # int() refuses more than 4300 digits
        long_number = re.search(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        problem = (f"a number of {len(long_number.group()):,} digits is too long to read"
                   if long_number else " ".join(str(exc).split())[:120])
        raise ProjectFileError(path, problem, line=line) from None
