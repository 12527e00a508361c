"""Guarded reading: the one way a file's bytes come in.

``read_regular`` opens a path only when it is a regular file (a FIFO, a device
or a folder is refused without ever blocking on it) and reads at most
``limits.MAX_FILE_BYTES``. ``check_regular`` does the same check for readers
that open the file themselves (audio containers). Both raise
:class:`UnreadableFile`, whose ``problem`` the caller puts in its own one-line
error naming the file.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ShowscribeError
from . import limits

__all__ = ["UnreadableFile", "read_regular", "check_regular", "read_head"]


class UnreadableFile(ShowscribeError):
    """A path that is not read: ``problem`` says why, in a few words."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _open(path: Path, limit: int) -> tuple[int, int]:
    """A descriptor of ``path`` and its size, once it is known to be a regular file
    within ``limit`` bytes. O_NONBLOCK: opening a FIFO must not wait for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(path, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, _kind(info.st_mode))
        if info.st_size > limit:
            raise UnreadableFile(path, f"{info.st_size:,} bytes is larger than Showscribe "
                                 f"reads ({limit:,} bytes)")
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def check_regular(path: Path | str, limit: int | None = None) -> None:
    """Refuse ``path`` unless it is a regular file of at most ``limit`` bytes
    (default ``limits.MAX_FILE_BYTES``)."""
    fd, _size = _open(Path(path), limit or limits.MAX_FILE_BYTES)
    os.close(fd)


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``: at most ``limit`` (default
    ``limits.MAX_FILE_BYTES``), else refused (also when it grows while being read)."""
    path = Path(path)
    limit = limit or limits.MAX_FILE_BYTES
    fd, _size = _open(path, limit)
    try:
        with os.fdopen(fd, "rb", closefd=True) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UnreadableFile(path, f"grew past {limit:,} bytes while being read")
    return data


def read_head(path: Path | str, count: int) -> bytes | None:
    """The first ``count`` bytes of a regular file, or None when it cannot be read."""
    try:
        fd, _size = _open(Path(path), 1 << 62)
    except UnreadableFile:
        return None
    try:
        with os.fdopen(fd, "rb", closefd=True) as stream:
            return stream.read(count)
    except OSError:
        return None
