"""Reading import sources and writing exports through the format registry.

The one path both the command line and the File menu take, so a source is
decoded, named in errors and written the same way everywhere.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import FormatError, ShowscribeError
from .formats import Format, by_name, guess
from .model import Project
from .atomic import write_atomically


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
        if fmt.binary:
            return fmt.read(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise FormatError(f"cannot read: {exc.strerror or exc}") from None
        return fmt.read(decode_source(raw, str(path)))
    except FormatError as exc:
        raise exc.with_source(str(path)) from None


def export_text(project: Project, format_name: str, **options) -> str:
    fmt = resolve_format(None, format_name, readable=False)
    if fmt.binary:
        raise ShowscribeError(f"{fmt.name} is written by embedding, not exported as text")
    unknown = set(options) - set(fmt.options)
    if unknown:
        raise ShowscribeError(f"{fmt.name} has no option {', '.join(sorted(unknown))}")
    return fmt.write(project, **options)


def export_file(project: Project, format_name: str, target: Path | str, **options) -> None:
    """Write an export atomically: the target is the old file or the whole new one."""
    text = export_text(project, format_name, **options)
    try:
        write_atomically(Path(target), text)
    except OSError as exc:
        raise ShowscribeError(f"{target}: cannot write: {exc.strerror or exc}") from None
