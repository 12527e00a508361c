"""When to take a recovery snapshot, and the worker that writes it.

:class:`RecoverySchedule` is the policy, pure and clock-free: after an edit a
snapshot is due once typing pauses for ``quiet`` seconds, and at the latest
``max_wait`` seconds after the first edit not yet captured, so continuous
typing is captured too. Both are well under two seconds, which leaves time for
the write itself. The GUI feeds it edit times and drives it with a timer.

:class:`RecoveryWriter` is one worker thread with a one-slot mailbox: the newest
snapshot waits there and older ones waiting are dropped (only the newest matters).
``remove`` waits for a write in progress, so a copy removed after a clean save
is not brought back by a late write. Results are reported by calling
``on_written(path)`` or ``on_failed(message)`` on the worker thread; the GUI
posts them to its own thread.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from .recovery import RecoveryError, RecoveryStore, Snapshot, encode_snapshot

__all__ = ["RecoverySchedule", "RecoveryWriter", "QUIET_S", "MAX_WAIT_S"]

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

    def close(self) -> None:
        """Write what waits, then stop the thread."""
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
