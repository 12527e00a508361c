"""When to take a recovery snapshot, the worker that writes it, and the session
that ties both to one open project.

:class:`RecoverySchedule` is the policy, pure and clock-free: after an edit a
snapshot is due once typing pauses for ``quiet`` seconds, and at the latest
``max_wait`` seconds after the first edit not yet captured, so continuous
typing is captured too. Both are well under two seconds, which leaves time for
the write itself. The GUI feeds it edit times and drives it with a timer.

:class:`RecoveryWriter` is one worker thread with a one-slot mailbox: the newest
snapshot waits there and older ones waiting are dropped (only the newest matters).
``remove`` waits for a write in progress, so a copy removed after a clean save
is not brought back by a late write. Results are reported by calling
``on_written(path)`` or ``on_failed(message)`` on the worker thread, which must
touch nothing of the GUI's: the window queues them and reads the queue on its
own thread. ``close`` ends the thread; it may be called any number of times, from
any thread but the worker's, and a snapshot submitted after it is dropped.

:class:`RecoverySession` keeps one open project's copy up to date: it listens to
the project's history (an edit schedules a snapshot; reaching the saved state,
by a save or by undo, removes the copy), takes the snapshot when the GUI's timer
calls :meth:`~RecoverySession.tick`, and follows a Save As to the new name.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from .model import Project
from .ondisk import Fingerprint
from .recovery import (RecoveryError, RecoveryStore, Snapshot, encode_snapshot, recovery_key,
                       take_snapshot, untitled_key)

__all__ = ["RecoverySchedule", "RecoveryWriter", "RecoverySession", "QUIET_S", "MAX_WAIT_S"]

QUIET_S = 1.0
MAX_WAIT_S = 1.5


class RecoverySchedule:
    """Edit times in, snapshot times out (seconds on any monotonic clock)."""

    def __init__(self, quiet: float = QUIET_S, max_wait: float = MAX_WAIT_S) -> None:
        if not 0 < quiet <= max_wait:
            raise ValueError("the quiet time must be positive and no longer than the wait")
        self.quiet, self.max_wait = quiet, max_wait
        self._first: float | None = None   # the first edit not yet in a snapshot
        self._last: float | None = None

    def edited(self, now: float) -> None:
        if self._first is None:
            self._first = now
        self._last = now

    def due_at(self) -> float | None:
        """When the next snapshot should be taken; None when nothing is pending."""
        if self._first is None or self._last is None:
            return None
        return min(self._last + self.quiet, self._first + self.max_wait)

    def is_due(self, now: float) -> bool:
        due = self.due_at()
        return due is not None and now >= due

    def snapshot_taken(self) -> None:
        """Everything edited so far is in a snapshot."""
        self._first = self._last = None

    # A clean save or a close leaves nothing to capture either.
    saved = snapshot_taken


class RecoveryWriter:
    """Writes snapshots to a :class:`RecoveryStore` on one worker thread."""

    def __init__(self, store: RecoveryStore,
                 on_written: Callable[[Path], None] | None = None,
                 on_failed: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.on_written, self.on_failed = on_written, on_failed
        self._waiting: Snapshot | None = None
        self._wake = threading.Condition()
        self._writing = threading.Lock()    # held while a copy is written
        self._stopped = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="recovery-writer", daemon=True)
        self._thread.start()

    def submit(self, snapshot: Snapshot) -> None:
        """Write ``snapshot`` soon; a snapshot still waiting is replaced."""
        with self._wake:
            if self._stopped:
                return
            self._waiting = snapshot
            self._wake.notify()

    def remove(self, key: str) -> None:
        """Drop a waiting snapshot of ``key``, wait for a write in progress, and
        remove the copy. Raises RecoveryError."""
        with self._wake:
            if self._waiting is not None and self._waiting.key == key:
                self._waiting = None
        with self._writing:
            self.store.remove(key)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until nothing waits and nothing is being written; False on timeout."""
        with self._wake:
            return self._wake.wait_for(lambda: self._waiting is None and not self._busy,
                                       timeout)

    def is_idle(self) -> bool:
        """Nothing waits and nothing is being written (every report is made)."""
        with self._wake:
            return self._waiting is None and not self._busy

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def close(self) -> None:
        """Write what waits, then stop the thread and wait for it to end."""
        with self._wake:
            self._stopped = True
            self._wake.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._waiting is not None or self._stopped)
                snapshot, self._waiting = self._waiting, None
                if snapshot is None:
                    return
                self._busy = True
                # Taken before the mailbox is released, so that remove() sees the
                # write either not begun or finished, never half way.
                self._writing.acquire()
            try:
                self._write(snapshot)
            finally:
                self._writing.release()
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def _write(self, snapshot: Snapshot) -> None:
        try:
            path = self.store.write(snapshot, encode_snapshot(snapshot))
        except RecoveryError as exc:
            if self.on_failed:
                self.on_failed(str(exc))
            return
        except Exception as exc:   # noqa: BLE001 (the worker must outlive a bad snapshot)
            if self.on_failed:
                self.on_failed(f"{self.store.path_for(snapshot.key)}: cannot write the "
                               f"recovery copy ({type(exc).__name__}: {exc})")
            return
        if self.on_written:
            self.on_written(path)


class RecoverySession:
    """One open project's recovery copy, kept up to date through ``writer``.

    The GUI calls :meth:`tick` from a timer (the return value says when to call
    again), :meth:`saved` after each save with the new file's fingerprint,
    :meth:`discard` when the person closes without saving, and :meth:`write_now`
    before anything that replaces the project in the window (a Reload).
    """

    def __init__(self, project: Project, writer: RecoveryWriter,
                 base: Fingerprint | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 schedule: RecoverySchedule | None = None) -> None:
        self.project, self.writer, self.base, self.clock = project, writer, base, clock
        self.schedule = schedule or RecoverySchedule()
        self.key = recovery_key(project.path) if project.path else untitled_key()
        project.history.changed.connect(self._on_history_changed)
        if not project.history.is_clean:   # restored, or made by an import
            self.schedule.edited(clock())

    def _on_history_changed(self) -> None:
        if self.project.history.is_clean:
            # Back at the state on disk, by a save or by undo: nothing to keep.
            self.schedule.saved()
            self.writer.remove(self.key)
        else:
            self.schedule.edited(self.clock())

    def tick(self) -> float | None:
        """Take and hand over a snapshot if one is due. Returns the seconds until
        the next one is due, or None when nothing is pending."""
        now = self.clock()
        if self.schedule.is_due(now):
            self.writer.submit(take_snapshot(self.project, self.key, self.base))
            self.schedule.snapshot_taken()
        due = self.schedule.due_at()
        return None if due is None else max(0.0, due - now)

    def saved(self, base: Fingerprint | None) -> None:
        """After a save (``project.path`` may be new: a Save As)."""
        self.base = base
        new_key = recovery_key(self.project.path) if self.project.path else self.key
        if new_key != self.key:
            self.writer.remove(self.key)
            self.key = new_key
        self.schedule.saved()
        self.writer.remove(self.key)

    def discard(self) -> None:
        """Closed without saving, on purpose: the copy goes."""
        self.close()
        self.writer.remove(self.key)

    def write_now(self) -> Path:
        """Write the copy at once, on this thread (before a Reload replaces the
        project). Raises RecoveryError."""
        snapshot = take_snapshot(self.project, self.key, self.base)
        self.writer.flush()
        path = self.writer.store.write(snapshot)
        self.schedule.snapshot_taken()
        return path

    def close(self) -> None:
        """Stop following the project (the copy, if any, stays)."""
        try:
            self.project.history.changed.disconnect(self._on_history_changed)
        except ValueError:
            pass
