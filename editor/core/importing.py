"""Reading import sources and writing exports through the format registry.

The one path both the command line and the File menu take, so a source is
decoded, named in errors and written the same way everywhere.

``import_file`` is every reader's one guarded entry: it reads only regular files
of bounded size (``safeio``), turns what Python raises on hostile data (deep
nesting, lone surrogates, huge numbers) into a one-line :class:`FormatError`
naming the file, and refuses a result the project loader would refuse, so what
an import writes, a load accepts. ``export_file`` writes through
``atomic.write_atomically`` (symlinks followed, read-only targets refused
unless forced).
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path

from .errors import FormatError, ShowscribeError
from .formats import Format, by_name, guess
from .model import Project
from .atomic import write_atomically
from .limits import count_problem
from .projectdump import project_to_data
from .projectfile import collector_paused, project_from_data
from .safeio import UnreadableFile, check_regular, read_regular


def resolve_format(path: Path | str | None, name: str | None, *, readable: bool) -> Format:
    """The format named ``name``, else the one ``path``'s name suggests."""
    try:
        if name:
            fmt = by_name(name)
        elif path is not None:
            fmt = guess(path, readable=readable)
        else:
            raise KeyError("name a format with --format")
    except KeyError as exc:
        raise ShowscribeError(exc.args[0]) from None
    if readable and not fmt.can_read:
        raise ShowscribeError(f"{fmt.name} can be exported but not imported")
    if not readable and not fmt.can_write:
        raise ShowscribeError(f"{fmt.name} can be imported but not exported")
    return fmt


def decode_source(raw: bytes, source: str) -> str:
    """Text of an import source: UTF-8, or UTF-16 with its byte order mark (what
    some Windows tools write); a BOM is dropped and newlines are made LF."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise FormatError("not UTF-16 text, though it starts like it", source=source) \
                from None
        return text.replace("\r\n", "\n").replace("\r", "\n")
    if b"\0" in raw:
        raise FormatError("not a text file (it holds binary data, or UTF-16 without a "
                          "byte order mark)", source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise FormatError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", line,
                          source) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def import_file(path: Path | str, format_name: str | None = None) -> Project:
    """A new project holding what ``path`` carries. Errors name the file."""
    path = Path(path)
    fmt = resolve_format(path, format_name, readable=True)
    try:
        try:
            with collector_paused():   # as in loading: the objects made all live on
                if fmt.binary:
                    check_regular(path)
                    project = _guarded(fmt.read, path)
                else:
                    project = _guarded(fmt.read, decode_source(read_regular(path), str(path)))
                check_loadable(project)
        except UnreadableFile as exc:
            raise FormatError(exc.problem) from None
    except FormatError as exc:
        raise exc.with_source(str(path)) from None
    return project


def _guarded(read, source) -> Project:
    """``read(source)``, with what Python raises on hostile data made one line."""
    try:
        return read(source)
    except RecursionError:
        raise FormatError("nested too deeply to read") from None
    except MemoryError:
        raise FormatError("too large to read in the memory available") from None
    except UnicodeError as exc:
        raise FormatError(f"holds text that is not valid Unicode ({_short(exc)})") from None
    except (ValueError, OverflowError) as exc:   # int() past 4300 digits, and the like
        raise FormatError(f"cannot read: {_short(exc)}") from None


def _short(exc: BaseException, limit: int = 120) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_loadable(project: Project) -> None:
    """Refuse an imported project that a save would write and a load then refuse:
    the same rules as the project loader, applied to the project's own data."""
    problem = count_problem(len(project.turns), len(project.chapters),
                            len(project.speakers))
    if problem:
        raise FormatError(problem)
    data = project_to_data(project)
    try:   # one pass in C; the walk that names the field only when it fails
        json.dumps(data, ensure_ascii=False, check_circular=False).encode("utf-8")
        field = None
    except (UnicodeEncodeError, TypeError, ValueError):   # the walk sees every kind
        field = _unencodable(data, "")
    if field is not None:
        raise FormatError(f"{field}: holds a lone surrogate (an invalid \\u escape), "
                          "which no file can carry")
    try:
        project_from_data(data, None)
    except ShowscribeError as exc:
        raise FormatError(f"would make a project Showscribe cannot load: {exc}") from None


def _unencodable(value, field: str) -> str | None:
    """The path of the first text in ``value`` that UTF-8 cannot encode, else None."""
    stack = [(value, field, None)]   # a field's name is made only when it is reported
    while stack:
        value, parent, key = stack.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return _field_name(parent, key) or "text"
        elif isinstance(value, dict):
            here = _field_name(parent, key)
            for name, item in value.items():
                stack.append((name, here, None))
                stack.append((item, here, str(name)))
        elif isinstance(value, (list, tuple)):
            here = _field_name(parent, key)
            stack.extend((item, here, i) for i, item in enumerate(value))
    return None


def _field_name(parent: str, key: str | int | None) -> str:
    if key is None:
        return parent
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def export_text(project: Project, format_name: str, **options) -> str:
    fmt = resolve_format(None, format_name, readable=False)
    if fmt.binary:
        raise ShowscribeError(f"{fmt.name} is written by embedding, not exported as text")
    unknown = set(options) - set(fmt.options)
    if unknown:
        raise ShowscribeError(f"{fmt.name} has no option {', '.join(sorted(unknown))}")
    return fmt.write(project, **options)


def export_file(project: Project, format_name: str, target: Path | str, *,
                force: bool = False, **options) -> None:
    """Write an export atomically: the target is the old file or the whole new one.
    A read-only target is refused unless ``force``."""
    text = export_text(project, format_name, **options)
    try:
        write_atomically(Path(target), text, force=force)
    except OSError as exc:
        raise ShowscribeError(f"{target}: cannot write: {exc.strerror or exc}") from None
