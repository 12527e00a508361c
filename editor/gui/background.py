"""A long job off the GUI thread, with its progress and a Cancel button in the
status bar: aligning (Align Transcript, Replace Audio) and a draft transcript.

:class:`BackgroundJob` runs one job at a time on a thread of its own: a
function given a progress callback and a cancel event, as the engines in
``editor/audio/align`` take them. What it says comes back to the GUI thread:
``progress(fraction)``, then one of ``finished(result)``, ``failed(message)``
(one line) or ``cancelled()``. Reports from a run that was cancelled or
replaced by a newer one are dropped. :class:`JobStatus` is the status-bar
part: what is under way, a progress bar and Cancel.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

CLOSE_WAIT_S = 10.0


class _Relay(QObject):
    """Carries one run's news from its thread (queued to the GUI thread)."""

    progress = Signal(int, float)       # run, fraction
    finished = Signal(int, object)      # run, what the work returned
    failed = Signal(int, str)           # run, message
    cancelled = Signal(int)             # run


class BackgroundJob(QObject):
    progress = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = 0
        self._cancel: threading.Event | None = None
        self._thread: threading.Thread | None = None
        # No parent: a thread still winding down when this goes keeps it alive.
        self._relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_relay_progress, queued)
        self._relay.finished.connect(self._on_relay_finished, queued)
        self._relay.failed.connect(self._on_relay_failed, queued)
        self._relay.cancelled.connect(self._on_relay_cancelled, queued)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start(self, work: Callable[[Callable[[float], None], threading.Event], object],
              subject: Path, doing: str) -> None:
        """Run ``work(progress, cancel)``; a run still going is cancelled first.
        ``subject`` (the file it works on) and ``doing`` ("alignment") name it in
        the message of a failure the work did not put in words itself."""
        self.cancel()
        self._run += 1
        cancel = threading.Event()
        self._cancel = cancel
        self._thread = threading.Thread(target=_work, name="showscribe-job", daemon=True,
                                        args=(work, subject, doing, cancel, self._relay,
                                              self._run))
        self._thread.start()

    def cancel(self) -> None:
        """Stop the run (the engines stop ffmpeg and their workers); ``cancelled`` follows."""
        if self._cancel is not None:
            self._cancel.set()

    def close(self) -> None:
        """Stop the run and wait a moment for its thread (the window is closing)."""
        self.cancel()
        self._cancel = None
        if self._thread is not None:
            self._thread.join(CLOSE_WAIT_S)
            self._thread = None

    def _current(self, run: int) -> bool:
        return run == self._run and self._cancel is not None

    def _on_relay_progress(self, run: int, fraction: float) -> None:
        if self._current(run) and not self._cancel.is_set():
            self.progress.emit(fraction)

    def _on_relay_finished(self, run: int, result) -> None:
        if self._current(run):
            cancelled = self._cancel.is_set()
            self._cancel = None
            if cancelled:       # Cancel pressed as the last chunk finished: honour it
                self.cancelled.emit()
            else:
                self.finished.emit(result)

    def _on_relay_failed(self, run: int, message: str) -> None:
        if self._current(run):
            self._cancel = None
            self.failed.emit(message)

    def _on_relay_cancelled(self, run: int) -> None:
        if self._current(run):
            self._cancel = None
            self.cancelled.emit()


def _work(work, subject: Path, doing: str, cancel: threading.Event, relay: _Relay,
          run: int) -> None:
    from editor.audio.align import AlignCancelled
    from editor.core.errors import ShowscribeError

    def tell(signal, *args) -> None:
        try:
            signal.emit(run, *args)
        except RuntimeError:        # the window (and the relay) is gone: stop
            cancel.set()

    try:
        result = work(lambda fraction: tell(relay.progress, fraction), cancel)
    except AlignCancelled:
        tell(relay.cancelled)
    except (ShowscribeError, OSError) as error:
        tell(relay.failed, str(error))
    except Exception as error:      # noqa: BLE001 (a one-line message, never a traceback)
        problem = " ".join(str(error).split())[:200] or type(error).__name__
        tell(relay.failed, f"{subject.name}: {doing} failed ({type(error).__name__}: {problem})")
    else:
        tell(relay.finished, result)


class JobStatus(QWidget):
    """"Aligning NAME… [progress] Cancel", for the status bar; hidden while idle."""

    def __init__(self, job: BackgroundJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(job.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        job.progress.connect(self._on_job_progress)
        for signal in (job.finished, job.failed, job.cancelled):
            signal.connect(self.hide)
        self.hide()

    def begin(self, what: str) -> None:
        self.label.setText(what)
        self.bar.setValue(0)
        self.show()

    def _on_job_progress(self, fraction: float) -> None:
        self.bar.setValue(round(100 * min(max(fraction, 0.0), 1.0)))
