"""One window per project: a lock held while a project is open for editing.

Locks live in ``locks/`` under ``$SHOWSCRIBE_RUNTIME_DIR``, else
``$XDG_RUNTIME_DIR/showscribe``, else the data folder: never beside the
project, so a read-only folder or a sync folder sees nothing of them. A lock is
named by a hash of the project's resolved path and says who holds it (pid,
host, when); the holder keeps an OS lock (``flock``) on it, which the system
drops when the process dies, however it dies. A lock whose holder is gone
(no OS lock held; on a system without ``flock``, a pid no longer alive on
this host) is taken over silently.

:func:`acquire` gives a :class:`ProjectLock` or raises :class:`LockedError`
naming the holder. Nothing here emits signals.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ShowscribeError

try:
    import fcntl
except ImportError:   # not a POSIX system: fall back to asking whether the pid lives
    fcntl = None  # type: ignore[assignment]

__all__ = ["ProjectLock", "LockedError", "Holder", "acquire", "lock_folder",
           "RUNTIME_DIR_ENV"]

RUNTIME_DIR_ENV = "SHOWSCRIBE_RUNTIME_DIR"


def lock_folder() -> Path:
    root = os.environ.get(RUNTIME_DIR_ENV)
    if root:
        return Path(root) / "locks"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "showscribe" / "locks"
    from .recovery import default_data_dir
    return default_data_dir() / "locks"


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: float          # time.time() when it was taken
    project: str

    def describe(self) -> str:
        when = time.strftime("%H:%M", time.localtime(self.since))
        here = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"Showscribe (process {self.pid}{here}, since {when})"


class LockedError(ShowscribeError):
    """The project is open in another Showscribe: one line naming it."""

    def __init__(self, project: Path, holder: Holder | None) -> None:
        self.project, self.holder = project, holder
        who = holder.describe() if holder else "another Showscribe"
        super().__init__(f"{project}: already open in {who}; open it read-only, "
                         "or close it there first")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 64 * 1024).decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), float(data["since"]),
                      str(data["project"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ProjectLock:
    """A held lock; :meth:`release` (or closing the process) lets it go."""

    def __init__(self, path: Path, fd: int, project: Path) -> None:
        self.path, self._fd, self.project = path, fd, project

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Unlinked while still locked, so nobody reads a holder that has gone.
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(fd)

    def __enter__(self) -> "ProjectLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock_path(project: Path, folder: Path) -> Path:
    digest = hashlib.sha256(os.fsencode(project)).hexdigest()[:24]
    return folder / f"{digest}.lock"


def acquire(project_path: Path | str, folder: Path | str | None = None) -> ProjectLock:
    """Lock the project for this process. Raises :class:`LockedError` when a live
    Showscribe holds it, OSError when the lock folder cannot be made."""
    project = Path(project_path).resolve()
    folder = Path(folder) if folder is not None else lock_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = _lock_path(project, folder)
    for _ in range(5):   # a holder releasing just now unlinks the file under us: retry
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _take(fd, path):
                raise LockedError(project, _read_holder(fd))
            if os.path.exists(path) and os.path.samestat(os.fstat(fd), os.stat(path)):
                _write_holder(fd, project)
                return ProjectLock(path, fd, project)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise LockedError(project, None)


def _take(fd: int, path: Path) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True
    # Only a holder on this host can be known to be gone.
    holder = _read_holder(fd)
    return holder is None or (holder.host == socket.gethostname()
                              and not _pid_alive(holder.pid))


def _write_holder(fd: int, project: Path) -> None:
    record = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time(),
              "project": str(project)}
    data = json.dumps(record).encode("utf-8")
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
