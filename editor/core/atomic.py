"""Atomic file writes: a reader always sees the old file or the whole new one.

The new content goes to a temporary file in the same folder, is flushed and
synced, and is renamed over the target; with ``backup`` the previous version is
kept beside it as ``NAME.bak``. On any failure the target is untouched and the
temporary file is removed.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path | str, data: bytes | str, *, backup: bool = False) -> None:
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        if backup and path.exists():
            saved = path.with_name(path.name + ".bak")
            saved.unlink(missing_ok=True)
            try:
                os.link(path, saved)
            except OSError:  # no hard links on this file system: a copy does as well
                saved.write_bytes(path.read_bytes())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
