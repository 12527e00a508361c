"""Recovery copies: the unsaved state of a project, with its undo history, kept
in the user's data folder so a crash, a power cut or a killed process loses at
most the last moments of typing.

Where: ``recovery/`` under ``$SHOWSCRIBE_DATA_DIR``, else
``$XDG_DATA_HOME/showscribe`` (default ``~/.local/share/showscribe``); never
beside the project file. One copy per project, named after the project and a
hash of its resolved path (:func:`recovery_key`); the original path is stored
inside.

What: one UTF-8 JSON document (``docs/recovery.md``): the project as the
project file's plain data (read back through the project file's own checks), the
undo history as tagged data (every command's state; only the core's own command
and model classes can be named, so a planted file can build nothing else and run
nothing), the clean index, when it was written, and the fingerprint of the saved
file it is based on.

How: :func:`take_snapshot` runs on the GUI thread and only copies (about a
millisecond for 5,000 turns); :func:`encode_snapshot` and
:meth:`RecoveryStore.write` run on a worker and write atomically (temporary
file, fsync, rename in the same folder), so a copy is always the previous one
or the new one, never half of one. :meth:`RecoveryStore.read` gives a
:class:`RecoveryCopy` or raises :class:`RecoveryError` (one line); an
unreadable copy is renamed ``*.broken`` by :meth:`RecoveryStore.set_aside`,
never deleted. :func:`differences` says what a copy changes in the saved file.

Nothing here emits signals.
"""
from __future__ import annotations

import dataclasses
import datetime
import difflib
import hashlib
import json
import os
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import commands as _commands
from .atomic import write_atomically
from .errors import ProjectFileError, SchemaError
from .history import Command, History, Macro
from .model import Chapter, Credit, Episode, Link, Project, Speaker, Turn
from .ondisk import Fingerprint, changed_on_disk
from .projectdump import project_to_data
from .projectfile import project_from_data

__all__ = ["RecoveryError", "NewerRecoveryError", "RecoveryStore", "RecoveryCopy", "Snapshot",
           "Differences", "DATA_DIR_ENV", "FORMAT_VERSION", "recovery_key", "untitled_key",
           "take_snapshot", "encode_snapshot", "decode_copy", "differences",
           "default_data_dir"]

DATA_DIR_ENV = "SHOWSCRIBE_DATA_DIR"
FORMAT_VERSION = 1
MARKER = "showscribe-recovery"
SUFFIX = ".recovery.json"
BROKEN_SUFFIX = ".broken"
# What recovery_key and untitled_key make: a file name, never a path elsewhere.
_KEY = re.compile(r"[\w-][\w.-]{0,79}")


class RecoveryError(ProjectFileError):
    """A recovery copy that cannot be written or read: one line naming the file."""


class NewerRecoveryError(RecoveryError):
    """A copy written by a newer Showscribe: left where it is, for that version."""


def default_data_dir() -> Path:
    """Showscribe's data folder: $SHOWSCRIBE_DATA_DIR, else the XDG data folder."""
    root = os.environ.get(DATA_DIR_ENV)
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "showscribe"


def recovery_key(project_path: Path | str) -> str:
    """The name of a project's recovery copy: readable, and unique per resolved path."""
    resolved = Path(project_path).resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:16]
    stem = resolved.name.removesuffix(".yaml").removesuffix(".showscribe")
    stem = re.sub(r"[^\w.-]+", "-", stem)[:40].strip("-.") or "project"
    return f"{stem}-{digest}"


def untitled_key() -> str:
    """A key for a project that has no file yet (made by an import)."""
    return f"untitled-{uuid.uuid4().hex[:16]}"


# -- the snapshot: taken on the GUI thread, copies only --------------------------

class _Copies(NamedTuple):
    """The commands of a history or a macro: their classes, and copies of their
    attributes. Two lists, not a pair per command: the fewer objects the GUI
    thread makes, the less often the garbage collector runs there."""
    classes: list[type]
    states: list[dict]


@dataclass(frozen=True)
class Snapshot:
    """Everything a recovery copy holds, detached from the live project.

    Turns are copied as columns and commands as copies of their attributes: what
    those attributes hold (turns a command keeps for its undo, tuples of links) is
    never changed in place once recorded, so the worker may read it safely.
    """
    key: str
    project_path: Path | None
    written: float                                  # time.time()
    base: Fingerprint | None                        # the saved file this builds on
    episode: Episode
    audio: tuple[Path | None, int | None]
    speakers: tuple[Speaker, ...]
    chapters: tuple[Chapter, ...]
    # start, speaker, text, estimated, words: Turn's fields in order
    turns: tuple[list[int], list[str], list[str], list[bool], list]
    dictionary: list[str]
    commands: _Copies
    history_index: int
    clean_index: int | None
    owner: Project = field(repr=False, compare=False)   # for identity checks only


def _copy_commands(commands: list[Command]) -> _Copies:
    # Comprehensions, and recursion only for macros: a long session holds
    # thousands of commands and this runs on the GUI thread.
    return _Copies([type(c) for c in commands],
                   [c.__dict__.copy() if not isinstance(c, Macro) else _macro_state(c)
                    for c in commands])


def _macro_state(macro: Macro) -> dict:
    state = macro.__dict__.copy()
    state["children"] = _copy_commands(macro.children)
    return state


def take_snapshot(project: Project, key: str, base: Fingerprint | None = None) -> Snapshot:
    """Copy what a recovery copy needs. Call it on the thread that edits ``project``."""
    history, turns = project.history, project.turns
    return Snapshot(
        key=key, project_path=project.path, written=time.time(), base=base,
        episode=dataclasses.replace(project.episode),
        audio=(project.audio_path, project.audio_duration),
        speakers=tuple(dataclasses.replace(s) for s in project.speakers),
        chapters=tuple(dataclasses.replace(c) for c in project.chapters),
        turns=([t.start for t in turns], [t.speaker for t in turns], [t.text for t in turns],
               [t.estimated for t in turns], [t.words for t in turns]),
        dictionary=list(project.dictionary),
        commands=_copy_commands(history.steps),
        history_index=history.index, clean_index=history.clean_index, owner=project)


# -- tagged data for the undo history -------------------------------------------
# Every JSON object in the encoded history has exactly one key, its tag.

_MODEL_CLASSES = {cls.__name__: cls for cls in (Turn, Chapter, Speaker, Link, Credit)}
_COMMAND_CLASSES = {
    cls.__name__: cls for cls in [Macro, *vars(_commands).values()]
    if isinstance(cls, type) and issubclass(cls, Command) and cls is not Command}


def _encode(value: Any, owner: Project) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, list):
        return [_encode(v, owner) for v in value]
    if isinstance(value, _Copies):   # a macro's children
        return _encode_commands(value, owner)
    if isinstance(value, tuple):
        return {"tuple": [_encode(v, owner) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode(k, owner), _encode(v, owner)] for k, v in value.items()]}
    if isinstance(value, Path):
        return {"path": str(value)}
    if value is owner:
        return {"project": None}
    name = type(value).__name__
    if _MODEL_CLASSES.get(name) is type(value):
        return {name: {f.name: _encode(getattr(value, f.name), owner)
                       for f in dataclasses.fields(value)}}
    raise TypeError(f"a recovery copy cannot hold {type(value).__qualname__}")


def _encode_commands(copies: _Copies, owner: Project) -> list:
    return [_encode_command(cls, state, owner) for cls, state in zip(*copies)]


def _encode_command(cls: type, state: dict, owner: Project) -> dict:
    if _COMMAND_CLASSES.get(cls.__name__) is not cls:
        raise TypeError(f"a recovery copy cannot hold the command {cls.__qualname__}")
    return {"command": [cls.__name__, {k: _encode(v, owner) for k, v in state.items()}]}


class _Decoder:
    """Builds values from tagged data; the only classes it can name are the core's
    commands and model records. ``where`` is the field path for messages."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def value(self, data: Any, where: str) -> Any:
        if data is None or isinstance(data, (bool, int, str)):
            return data
        if isinstance(data, list):
            return [self.value(v, f"{where}[{i}]") for i, v in enumerate(data)]
        if not isinstance(data, dict) or len(data) != 1:
            raise SchemaError(where, "is not a tagged value")
        (tag, body), = data.items()
        if tag == "tuple":
            items = self._list(body, where)
            return tuple(self.value(v, f"{where}[{i}]") for i, v in enumerate(items))
        if tag == "dict":
            pairs = self._list(body, where)
            out = {}
            for i, pair in enumerate(pairs):
                if not isinstance(pair, list) or len(pair) != 2:
                    raise SchemaError(f"{where}[{i}]", "is not a key and a value")
                key = self.value(pair[0], f"{where}[{i}]")
                if not isinstance(key, (str, int, bool)) and key is not None:
                    raise SchemaError(f"{where}[{i}]", "has a key that is not plain data")
                out[key] = self.value(pair[1], f"{where}[{i}]")
            return out
        if tag == "float":
            try:
                return float(body)
            except (TypeError, ValueError):
                raise SchemaError(where, f"{body!r} is not a number") from None
        if tag == "path":
            if not isinstance(body, str):
                raise SchemaError(where, "a path should be text")
            return Path(body)
        if tag == "project":
            return self.project
        if tag == "command":
            return self.command(body, where)
        cls = _MODEL_CLASSES.get(tag)
        if cls is None:
            raise SchemaError(where, f"{tag!r} is not something a recovery copy can hold "
                              "(nothing was run)")
        if not isinstance(body, dict):
            raise SchemaError(where, f"a {tag} should be a mapping")
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(body) - names
        if unknown:
            raise SchemaError(where, f"a {tag} has no field {sorted(unknown)[0]!r}")
        try:
            return cls(**{k: self.value(v, f"{where}.{k}") for k, v in body.items()})
        except TypeError as exc:
            raise SchemaError(where, f"a {tag} is incomplete ({exc})") from None

    def command(self, body: Any, where: str) -> Command:
        if not isinstance(body, list) or len(body) != 2 or not isinstance(body[1], dict):
            raise SchemaError(where, "a command should be its name and its state")
        name, state = body
        cls = _COMMAND_CLASSES.get(name) if isinstance(name, str) else None
        if cls is None:
            raise SchemaError(where, f"{name!r} is not a Showscribe command (nothing was run)")
        command = cls.__new__(cls)   # no __init__: the state is restored as it was
        for attr, value in state.items():
            if not attr.isidentifier() or attr.startswith("__"):
                raise SchemaError(where, f"{attr!r} is not a command field")
            command.__dict__[attr] = self.value(value, f"{where}.{attr}")
        return command

    @staticmethod
    def _list(body: Any, where: str) -> list:
        if not isinstance(body, list):
            raise SchemaError(where, "should be a list")
        return body


# -- writing ---------------------------------------------------------------------

def _iso(stamp: float) -> str:
    moment = datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def encode_snapshot(snapshot: Snapshot) -> bytes:
    """The recovery copy's bytes. Safe to run on a worker thread."""
    project = Project()
    project.episode = snapshot.episode
    project.audio_path, project.audio_duration = snapshot.audio
    project.speakers = list(snapshot.speakers)
    project.chapters = list(snapshot.chapters)
    project.turns = [Turn(*t) for t in zip(*snapshot.turns)]
    project.dictionary = list(snapshot.dictionary)
    document = {
        MARKER: FORMAT_VERSION,
        "key": snapshot.key,
        "project_path": str(snapshot.project_path) if snapshot.project_path else None,
        "written": _iso(snapshot.written),
        "base": snapshot.base.to_data() if snapshot.base else None,
        "project": project_to_data(project),
        "history": {
            "index": snapshot.history_index,
            "clean": snapshot.clean_index,
            "commands": _encode_commands(snapshot.commands, snapshot.owner),
        },
    }
    return json.dumps(document, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


# -- reading ---------------------------------------------------------------------

@dataclass
class RecoveryCopy:
    """A recovery copy read back: ``project`` is ready to edit, as unsaved changes
    on ``project_path`` with the undo history it had."""
    path: Path                      # the recovery copy itself
    key: str
    project_path: Path | None
    written: datetime.datetime      # UTC
    base: Fingerprint | None
    project: Project
    history_note: str | None = None  # why the undo history was not kept, if it was not

    def written_text(self) -> str:
        """When it was written, in local time, for the prompt."""
        return self.written.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    def saved_file_changed(self) -> str | None:
        """How the project file differs from the one this copy was based on."""
        if self.project_path is None:
            return None
        return changed_on_disk(self.project_path, self.base) if self.base else None

    def restore(self) -> Project:
        """The project to edit: unsaved changes on the original path. When the file
        on disk is no longer the one the history's clean mark stands for, no step
        of the history counts as saved."""
        if self.saved_file_changed():
            self.project.history.set_unsaved()
        return self.project


def _history_from(data: Any, project: Project) -> History:
    history_data = data.get("history") if isinstance(data, dict) else None
    if not isinstance(history_data, dict):
        raise SchemaError("history", "is missing")
    items = history_data.get("commands")
    if not isinstance(items, list):
        raise SchemaError("history.commands", "should be a list")
    decoder = _Decoder(project)
    commands = []
    for i, item in enumerate(items):
        where = f"history.commands[{i}]"
        if not isinstance(item, dict) or list(item) != ["command"]:
            raise SchemaError(where, "is not a command")
        commands.append(decoder.command(item["command"], where))
    index, clean = history_data.get("index"), history_data.get("clean")
    if type(index) is not int or not 0 <= index <= len(commands):
        raise SchemaError("history.index", f"{index!r} is not a step of the history")
    if clean is not None and (type(clean) is not int or not 0 <= clean <= len(commands)):
        raise SchemaError("history.clean", f"{clean!r} is not a step of the history")
    return History.restored(commands, index, clean)


def _replays(project: Project, history: History) -> str | None:
    """Undo every step, redo every step (the redo steps too), and undo back: the
    history belongs to this project only if that ends where it started. Returns
    the problem, or None."""
    before = project_to_data(project)
    index = history.index
    try:
        while history.undo():
            pass
        while history.redo():
            pass
        project_to_data(project)   # the last state too must be one a save could write
        while history.index > index and history.undo():
            pass
        after = project_to_data(project)
    except Exception as exc:   # noqa: BLE001 (any failure means the history is not usable)
        return f"it does not replay ({type(exc).__name__}: {exc})"
    if after != before or history.index != index:
        return "it does not lead to the recovered text"
    return None


def decode_copy(raw: bytes, path: Path) -> RecoveryCopy:
    """Read a recovery copy's bytes. Raises :class:`RecoveryError` (one line)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecoveryError(path, "not a recovery copy (not UTF-8 text at byte "
                            f"{exc.start})") from None
    if not text.strip():
        raise RecoveryError(path, "the recovery copy is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecoveryError(path, f"not a readable recovery copy ({exc.msg})",
                            line=exc.lineno, column=exc.colno) from None
    except ValueError as exc:   # a number of thousands of digits
        raise RecoveryError(path, f"not a readable recovery copy ({exc})") from None
    except RecursionError:
        raise RecoveryError(path, "nested too deeply to be a recovery copy") from None
    if not isinstance(data, dict) or MARKER not in data:
        raise RecoveryError(path, "not a Showscribe recovery copy")
    version = data[MARKER]
    if type(version) is not int or version < 1:
        raise RecoveryError(path, f"{version!r} is not a recovery copy version")
    if version > FORMAT_VERSION:
        raise NewerRecoveryError(path, f"written by a newer Showscribe (recovery format "
                                 f"{version}; this version reads up to {FORMAT_VERSION}): "
                                 "open it with that version")
    try:
        key = data.get("key")
        if not isinstance(key, str) or not key:
            raise SchemaError("key", "is missing")
        if _KEY.fullmatch(key) is None:
            raise SchemaError("key", f"{key!r} is not a recovery copy's name")
        project_path = data.get("project_path")
        if project_path is not None and not isinstance(project_path, str):
            raise SchemaError("project_path", "should be text")
        try:
            stamp = str(data.get("written")).replace("Z", "+00:00")
            written = datetime.datetime.fromisoformat(stamp)
        except ValueError:
            raise SchemaError("written", f"{data.get('written')!r} is not a time") from None
        if written.tzinfo is None:
            written = written.replace(tzinfo=datetime.timezone.utc)
        try:
            project = project_from_data(data.get("project"))
        except SchemaError as exc:
            raise SchemaError(f"project.{exc.field}" if exc.field else "project",
                              exc.problem) from None
        history = _history_from(data, project)
    except SchemaError as exc:
        raise RecoveryError(path, exc.problem, field=exc.field or None) from None
    except RecursionError:
        raise RecoveryError(path, "nested too deeply to be a recovery copy") from None
    project.path = Path(project_path) if project_path else None
    base = Fingerprint.from_data(data.get("base"))
    note = _replays(project, history)
    if note is None:
        project.history = history
    else:
        note = f"the undo history could not be kept: {note}"
        # The failed replay may have left the project half undone: read it again.
        project = project_from_data(data["project"])
        project.path = Path(project_path) if project_path else None
        project.history.set_unsaved()
    return RecoveryCopy(path=path, key=key, project_path=project.path, written=written,
                        base=base, project=project, history_note=note)


# -- the store ---------------------------------------------------------------------

class RecoveryStore:
    """The folder of recovery copies (``recovery/`` under the data folder)."""

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_data_dir() / "recovery"

    def path_for(self, key: str) -> Path:
        if _KEY.fullmatch(key) is None:
            raise ValueError(f"{key!r} is not a recovery copy's name")
        return self.folder / f"{key}{SUFFIX}"

    def write(self, snapshot: Snapshot, data: bytes | None = None) -> Path:
        """Write the copy atomically (the previous copy stays whole on any failure).
        Raises :class:`RecoveryError` saying what happened and what to do."""
        target = self.path_for(snapshot.key)
        if data is None:
            data = encode_snapshot(snapshot)
        try:
            # Made again on every write: a folder removed while the editor runs
            # comes back. Private, since transcripts can be confidential.
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(target, data)
        except OSError as exc:
            raise RecoveryError(target, f"cannot write the recovery copy "
                                f"({exc.strerror or exc}): your edits are still open; "
                                "save the project, or Save As elsewhere, to keep them") from None
        return target

    def remove(self, key: str) -> None:
        """After a clean save, or a deliberate close without saving."""
        path = self.path_for(key)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise RecoveryError(path, "cannot remove the recovery copy "
                                f"({exc.strerror or exc})") from None

    def read(self, path: Path | str) -> RecoveryCopy:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RecoveryError(path, "cannot read the recovery copy "
                                f"({exc.strerror or exc})") from None
        return decode_copy(raw, path)

    def find(self, project_path: Path | str) -> tuple[RecoveryCopy | None, str | None]:
        """The copy of the project being opened, if there is one, and one line for a
        copy that could not be read (set aside, as :meth:`scan` does)."""
        path = self.path_for(recovery_key(project_path))
        if not path.exists():
            return None, None
        return self._read_or_set_aside(path)

    def copies(self) -> list[Path]:
        """Every recovery copy, oldest first (not the ones set aside)."""
        try:
            found = [p for p in self.folder.iterdir() if p.name.endswith(SUFFIX)]
        except FileNotFoundError:
            return []
        return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))

    def set_aside(self, path: Path | str) -> Path:
        """Rename an unreadable copy ``*.broken`` (never deleted) and return the new name."""
        path = Path(path)
        target = path.with_name(path.name + BROKEN_SUFFIX)
        n = 2
        while target.exists():
            target, n = path.with_name(f"{path.name}.{n}{BROKEN_SUFFIX}"), n + 1
        os.replace(path, target)
        return target

    def scan(self) -> tuple[list[RecoveryCopy], list[str]]:
        """Read every copy at start: the readable ones, and one line for each one
        that could not be read (it is set aside, and the line says where)."""
        found, problems = [], []
        for path in self.copies():
            copy, problem = self._read_or_set_aside(path)
            if copy is not None:
                found.append(copy)
            if problem is not None:
                problems.append(problem)
        return found, problems

    def _read_or_set_aside(self, path: Path) -> tuple[RecoveryCopy | None, str | None]:
        try:
            return self.read(path), None
        except NewerRecoveryError as exc:
            return None, f"{exc} (left as it is)"
        except RecoveryError as exc:
            try:
                kept = self.set_aside(path)
            except OSError as move:
                return None, f"{exc} (it stays where it is: {move.strerror or move})"
            return None, f"{exc} (kept as {kept.name})"


# -- what a copy changes -------------------------------------------------------------

@dataclass(frozen=True)
class Differences:
    turns_changed: int = 0
    turns_added: int = 0
    turns_removed: int = 0
    chapters_added: int = 0
    chapters_removed: int = 0
    chapters_changed: int = 0
    speakers_changed: bool = False
    details_changed: tuple[str, ...] = ()   # episode field names
    audio_changed: bool = False

    def __bool__(self) -> bool:
        return self != Differences()

    def describe(self) -> str:
        """One line for the prompt: "3 turns changed, 1 chapter added"."""
        parts = []

        def count(n: int, what: str, how: str) -> None:
            if n:
                parts.append(f"{n} {what}{'' if n == 1 else 's'} {how}")
        count(self.turns_changed, "turn", "changed")
        count(self.turns_added, "turn", "added")
        count(self.turns_removed, "turn", "removed")
        count(self.chapters_added, "chapter", "added")
        count(self.chapters_removed, "chapter", "removed")
        count(self.chapters_changed, "chapter", "changed")
        if self.speakers_changed:
            parts.append("speakers changed")
        if self.details_changed:
            parts.append("episode details changed (" + ", ".join(self.details_changed) + ")")
        if self.audio_changed:
            parts.append("audio changed")
        return ", ".join(parts) if parts else "no differences from the saved file"


def _compare(old: list, new: list) -> tuple[int, int, int]:
    """(changed, added, removed) between two sequences, aligned as a diff would."""
    changed = added = removed = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            removed += (i2 - i1) - common
            added += (j2 - j1) - common
        elif op == "delete":
            removed += i2 - i1
        elif op == "insert":
            added += j2 - j1
    return changed, added, removed


def differences(saved: Project, recovered: Project) -> Differences:
    """What ``recovered`` changes in ``saved`` (the file on disk)."""
    turn = lambda t: (t.start, t.speaker, t.text, t.estimated, t.words)   # noqa: E731
    turns = _compare([turn(t) for t in saved.turns], [turn(t) for t in recovered.turns])
    chapter = lambda c: (c.start, c.title, c.url, c.image, c.toc, repr(c.extra))  # noqa: E731
    chapters = _compare([chapter(c) for c in saved.chapters],
                        [chapter(c) for c in recovered.chapters])
    details = tuple(name for name in (f.name for f in dataclasses.fields(Episode))
                    if getattr(saved.episode, name) != getattr(recovered.episode, name))
    return Differences(
        turns_changed=turns[0], turns_added=turns[1], turns_removed=turns[2],
        chapters_changed=chapters[0], chapters_added=chapters[1], chapters_removed=chapters[2],
        speakers_changed=saved.speakers != recovered.speakers,
        details_changed=details,
        audio_changed=(saved.audio_path, saved.audio_duration)
        != (recovered.audio_path, recovered.audio_duration))
