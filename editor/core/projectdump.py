"""The project file's text, as a save writes it (``docs/project-format.md``).

A save writes the oldest format that holds the project: 1, or 2 when the
episode has its own dictionary, or 3 when a turn has word times, so a project
that uses nothing newer saves byte for byte as before.

Turns are nearly all of a long episode's file, and between two saves few of
them change. So the text each turn's entry was written as is kept from one
dump of a project to the next (or taken from the file it was opened from),
keyed by everything the entry is made of, and only the turns that changed or
are new are dumped again: a save in the middle of a session costs the header,
the changed turns and the joining, not a dump of tens of thousands of turns
(``docs/performance.md``).
"""
from __future__ import annotations

import os
import re
import secrets
import weakref
from pathlib import Path
from typing import Any, Callable

import yaml

from .model import Project, Turn
from .timecode import format_hms_ms

SCHEMA_VERSION = 3            # the newest format this version reads and writes
DICTIONARY_VERSION = 2        # the first format with the episode's dictionary
WORDS_VERSION = 3             # the first format with word times

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data):
        # Shared objects are written out each time: a project file holds no aliases.
        return True


class _Block(str):
    """A string written as a literal block scalar (``|-``)."""


class _Flow(dict):
    """A small mapping written on one line."""


class _FlowList(list):
    """A list written on one line."""


_Dumper.add_representer(
    _Block, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="|"))
_Dumper.add_representer(
    _Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m, flow_style=True))
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def yaml_text(data: Any) -> str:
    """``data`` in the project file's YAML style."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=4096)


def _block(text: str) -> str:
    """Non-empty text as a block scalar; empty text stays a plain ''."""
    return _Block(text) if text else text


def _paragraphs_out(text: str) -> str:
    # One paragraph a line inside; a blank line between paragraphs in the file.
    return _block(text.replace("\n", "\n\n"))


def _relative_audio(path: Path | None, base_dir: Path | None) -> str | None:
    if path is None:
        return None
    if base_dir is None:
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(path, base_dir)).as_posix()
    except ValueError:  # another drive
        return Path(path).as_posix()


# -- the whole project as data ------------------------------------------------------

def project_to_data(project: Project, base_dir: Path | None = None) -> dict[str, Any]:
    """The project as plain data in the file's key order (a complete dump)."""
    data = _header(project, base_dir)
    data["turns"] = [_turn_entry(t, None) for t in project.turns]
    return data


def _header(project: Project, base_dir: Path | None) -> dict[str, Any]:
    """Everything the file holds before its turns."""
    ep = project.episode
    episode = {
        "title": ep.title,
        "subtitle": ep.subtitle,
        "description": _block(ep.description),
        "show": ep.show,
        "number": ep.number,
        "date": ep.date or None,
        "language": ep.language,
        "links": [_Flow(label=l.label, url=l.url) for l in ep.links],
        "credits": [_Flow(role=c.role, names=list(c.names)) for c in ep.credits],
        "disclaimer": _block(ep.disclaimer),
        "notes": _block(ep.notes),
    }
    speakers = []
    for s in project.speakers:
        entry = _Flow(id=s.id, name=s.name, color=s.color)
        if s.slot is not None:
            entry["key"] = s.slot
        speakers.append(entry)
    chapters = []
    for c in project.chapters:
        entry = {"start": format_hms_ms(c.start), "title": c.title}
        if c.url:
            entry["url"] = c.url
        if c.image:
            entry["image"] = c.image
        if not c.toc:
            entry["toc"] = False
        if c.extra:
            entry["extra"] = c.extra
        chapters.append(entry)
    timed = any(t.words is not None for t in project.turns)
    duration = project.audio_duration
    data = {
        "showscribe": (WORDS_VERSION if timed else DICTIONARY_VERSION if project.dictionary
                       else 1),
        "episode": episode,
        "audio": {
            "path": _relative_audio(project.audio_path, base_dir),
            "duration": format_hms_ms(duration) if duration is not None else None,
        },
        "speakers": speakers,
        "chapters": chapters,
    }
    if project.dictionary:
        data["dictionary"] = list(project.dictionary)
    return data


def _turn_entry(t: Turn, text_key: Callable[[tuple], str] | None) -> dict[str, Any]:
    entry = {"start": format_hms_ms(t.start), "speaker": t.speaker}
    if t.estimated:
        entry["estimated"] = True
    if t.words is None:
        entry["text"] = _paragraphs_out(t.text)
    elif text_key is None:
        entry["words"] = _FlowList(t.words)
        entry["text"] = _paragraphs_out(t.text)
    else:
        entry[text_key(t.words)] = _paragraphs_out(t.text)
    return entry


# -- the file's text ------------------------------------------------------------------

def dump_project(project: Project, base_dir: Path | None = None) -> str:
    """The project file's text: the text one YAML dump of ``project_to_data``
    gives."""
    head = yaml_text(_header(project, base_dir))
    if not project.turns:
        return head + "turns: []\n"
    return "".join([head, "turns:\n", *_turn_texts(project)])


# Each project's turns as its last dump saw them (what each entry is made of),
# and the entry it wrote for each, in the same order.
_written: weakref.WeakKeyDictionary[Project, tuple[list[tuple], list[str]]] = \
    weakref.WeakKeyDictionary()


def forget_turn_texts(project: Project) -> None:
    """Make the next dump of ``project`` write every turn anew, as the first
    save after opening it does."""
    _written.pop(project, None)


# A turn's entry in the shape a dump writes it, nothing in it meaning anything
# outside it (no alias, anchor, tag, comment or other key): copied as it is into
# another file's list of turns, it reads as the same turn.
_TEXT_LINE = r"(?:    [^\n\r\x85\u2028\u2029]*\n|\n)"
_PLAIN_ENTRY = re.compile(
    r"- start: '\d{2,3}:\d\d:\d\d\.\d\d\d'\n"
    r"  speaker: (?:''|[A-Za-z0-9][A-Za-z0-9_.-]*)\n"
    r"(?:  estimated: true\n)?"
    r"(?:  words: \[(?:(?:0|[1-9]\d*|null)(?:, (?:0|[1-9]\d*|null))*)?\]\n)?"
    rf"  text: (?:''\n|\|-\n{_TEXT_LINE}+)")
_TURNS_KEY = re.compile(r"^turns:\n(?=- )", re.MULTILINE)


def remember_file_turns(project: Project, text: str) -> None:
    """Take the entries of the file ``project`` was just read from (``text``)
    as what the last dump wrote for its turns, so the first save after opening
    dumps only the turns that changed.

    Only when every entry is in the shape a dump writes, right to the end of
    the file: then each begins a line with "- " and nothing else does, so the
    n-th entry is the n-th turn. A file edited by hand in any other way (a
    comment, a quoted text over lines, a key after the turns) is dumped anew."""
    found = _TURNS_KEY.search(text)
    if found is None:
        return
    # Entry by entry: one match of the repeated pattern over the whole list
    # would hold the matcher's state for every entry at once (megabytes).
    texts: list[str] = []
    at, end, match = found.end(), len(text), _PLAIN_ENTRY.match
    while at < end:
        entry = match(text, at)
        if entry is None:
            return
        texts.append(entry.group())
        at = entry.end()
    if len(texts) != len(project.turns):
        return
    keys = _turn_keys(project.turns)
    _written[project] = (keys, texts)


def _turn_keys(turns: list[Turn]) -> list[tuple]:
    """What each turn's entry is made of: equal keys, equal entries."""
    return [(t.start, t.speaker, t.estimated, t.text, t.words) for t in turns]


def _turn_texts(project: Project) -> list[str]:
    """Each turn's entry under ``turns:``: those the last dump of ``project``
    wrote as they were, the others dumped now."""
    old_keys, old_texts = _written.get(project, ([], []))
    turns = project.turns
    keys = _turn_keys(turns)
    # An edit changes a run of turns: those before and after it are compared in
    # place, and only the run between is looked up by what it is made of.
    shorter = min(len(keys), len(old_keys))
    head = 0
    while head < shorter and keys[head] == old_keys[head]:
        head += 1
    tail = 0
    while tail < shorter - head and keys[-1 - tail] == old_keys[-1 - tail]:
        tail += 1
    old_end = len(old_keys) - tail
    known = dict(zip(old_keys[head:old_end], old_texts[head:old_end]))
    middle = [known.get(key) for key in keys[head:len(keys) - tail]]
    missing = [i for i, text in enumerate(middle) if text is None]
    for first in range(0, len(missing), _TURNS_PER_DUMP):
        part = missing[first:first + _TURNS_PER_DUMP]
        for i, text in zip(part, _entries([turns[head + i] for i in part])):
            middle[i] = text
    texts = old_texts[:head] + middle + old_texts[old_end:]
    _written[project] = (keys, texts)
    return texts


# PyYAML builds a node for every value of what it dumps before writing any; on a
# long episode that graph outgrows the caches, so turns are dumped a part at a time.
_TURNS_PER_DUMP = 200        # measured: from 1,000 down to 100 a part, the smaller the faster
_ENTRY_START = re.compile(r"^- ", re.MULTILINE)


def _entries(turns: list[Turn]) -> list[str]:
    """The text of each of ``turns``' entries in a block list. Every line inside
    an entry is indented, so an entry begins where a line begins with "- "."""
    text = _timed_dump(turns)
    starts = [match.start() for match in _ENTRY_START.finditer(text)]
    if len(starts) != len(turns) or (starts and starts[0] != 0):
        return [_timed_dump([turn]) for turn in turns]      # cannot happen; stay right if it does
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def _timed_dump(turns: list[Turn]) -> str:
    # A turn's word times are dumped as a mark in its text key ("text" and a word
    # no text holds, being new each time), which their line and the real key then
    # replace: exactly what YAML writes for a flow list, without an object a number.
    mark = "text" + new_mark()
    lines: list[str] = []

    def text_key(words) -> str:
        lines.append(_words_line(words))
        return mark

    text = yaml_text([_turn_entry(t, text_key) for t in turns])
    if not lines:
        return text
    pieces = text.split(f"\n  {mark}: ")
    if len(pieces) != len(lines) + 1:      # a mark landed elsewhere: dump the plain way
        return yaml_text([_turn_entry(t, None) for t in turns])
    out = [pieces[0]]
    for line, piece in zip(lines, pieces[1:]):
        out.append("\n" + line + "  text: ")
        out.append(piece)
    return "".join(out)


def _words_line(words) -> str:
    return "  words: [" + ", ".join(["null" if w is None else str(w) for w in words]) + "]\n"


def new_mark() -> str:
    return "wordtimes" + secrets.token_hex(8)
