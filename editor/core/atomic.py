"""Every writer's one guarded exit: a reader always sees the old file or the whole new one.

``write_atomically`` writes through, not around:

- a symlink is followed, and the real file is replaced beside itself (the link
  stays a link);
- a special file (a FIFO, ``/dev/full``, a terminal) is written in place, never
  replaced by a regular file; a FIFO with no reader is refused instead of waited on;
- a file without write permission is refused with :class:`ReadOnlyFile` unless
  ``force`` is given;
- the new content goes to ``.NAME.*.tmp`` beside the target, is synced and renamed
  over it; on failure the target is untouched and the temporary file removed, and
  temporary files a crash left behind are removed on the next write;
- with ``backup`` the previous version is kept as ``NAME.bak``, which is present
  at every moment: the new backup is linked under a temporary name and renamed
  over the old one.

``write_stream`` writes to an open stream (standard output) and reports a write
error (a full disk) instead of leaving the output cut short silently.
``copy_into`` copies a file into a temporary one (embedding copies the audio so).

Every byte these write goes through :func:`write_all`, so a full disk can be
stood in for by making it raise ``OSError(ENOSPC)`` (the tests do, where no
small file system can be mounted).
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import IO

__all__ = ["ReadOnlyFile", "write_atomically", "write_stream", "real_target", "copy_into",
           "write_all", "STALE_TMP_SECONDS"]

# A temporary file this old is a crash's leftover, not another save in progress.
STALE_TMP_SECONDS = 60
COPY_CHUNK = 1 << 20


class ReadOnlyFile(PermissionError):
    """The target has no write permission: it is not replaced unless forced."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EACCES, "the file is read-only (not replaced unless forced)",
                         str(path))


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


def real_target(path: Path | str) -> Path:
    """The file a write to ``path`` must change: symlinks followed to the end."""
    return Path(os.path.realpath(path))


def _is_read_only(info: os.stat_result, path: Path) -> bool:
    # Mode bits as well as access(): a superuser may write anything, but a file
    # marked read-only was marked so by someone who meant it.
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def _on_read_only_file_system(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False   # a missing folder: the write itself says so


def _write_in_place(path: Path, data: bytes, info: os.stat_result) -> None:
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    if stat.S_ISFIFO(info.st_mode):
        flags |= os.O_NONBLOCK   # no reader: refuse now rather than wait for one
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a pipe with no reader", str(path)) from None
        raise
    try:
        if flags & os.O_NONBLOCK:
            os.set_blocking(fd, True)
        write_all(fd, data)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to the descriptor ``fd``. Raises OSError."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def copy_into(source: Path | str, target: Path | str) -> None:
    """Copy the file ``source`` over ``target`` (a temporary file of the caller's,
    which replaces the real one when it is complete). Raises OSError."""
    with open(source, "rb") as reader:
        fd = os.open(target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0))
        try:
            while chunk := reader.read(COPY_CHUNK):
                write_all(fd, chunk)
        finally:
            os.close(fd)


def _remove_stale_tmp(path: Path) -> None:
    """Remove ``.NAME.*.tmp`` files that an interrupted write left beside ``path``."""
    now = time.time()
    try:
        leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        try:
            if now - leftover.lstat().st_mtime > STALE_TMP_SECONDS:
                leftover.unlink()
        except OSError:
            pass


def _keep_backup(path: Path) -> None:
    """Make the current ``path`` the new ``NAME.bak`` without a moment with none."""
    saved = path.with_name(path.name + ".bak")
    fd, link_name = tempfile.mkstemp(dir=path.parent, prefix=f".{saved.name}.", suffix=".tmp")
    os.close(fd)
    link = Path(link_name)
    try:
        link.unlink()
        try:
            os.link(path, link)
        except OSError:  # no hard links on this file system: a copy does as well
            link.write_bytes(path.read_bytes())
        os.replace(link, saved)
    except BaseException:
        link.unlink(missing_ok=True)
        raise


def write_atomically(path: Path | str, data: bytes | str, *, backup: bool = False,
                     force: bool = False) -> None:
    """Write ``data`` to ``path`` (see the module notes). Raises OSError, with
    :class:`ReadOnlyFile` for a read-only target when ``force`` is false."""
    path = real_target(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, data, info)
        return
    if _on_read_only_file_system(path.parent):
        # No permission would help, so say what the system would say.
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
    if info is not None and not force and _is_read_only(info, path):
        raise ReadOnlyFile(path)
    _remove_stale_tmp(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, info.st_mode & 0o7777 if info is not None else _default_mode())
        if backup and info is not None:
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_stream(stream: IO[str], text: str) -> None:
    """Write ``text`` to ``stream`` and flush it, so a full disk raises OSError here."""
    stream.write(text)
    stream.flush()
