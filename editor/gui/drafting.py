"""A draft transcript made in the window: New from Audio's "Transcribe (Draft)".

:class:`DraftTranscription` runs the draft transcriber
(:mod:`editor.audio.align.transcribe`: its recognisers work in processes of
their own) on a thread of its own, so the window stays responsive, and shows
its progress with a Cancel button in the status bar. One runs at a time.

Emits ``finished(audio, draft)`` with the :class:`~editor.audio.align.transcribe.Draft`
when it is done; a failure is said through ``show_error`` in one line, a
cancel through ``say``; neither leaves anything behind.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, \
    QWidget

# What the window says about a draft, wherever it offers one.
DRAFT_NOTE = ("A rough draft by offline speech recognition, English only: expect many "
              "wrong words and no punctuation. Turns are cut at long pauses and all given "
              "to Speaker 1: it does not tell voices apart. It runs in the background, with "
              "Cancel in the status bar.")
JOIN_S = 30                 # a cancelled job stops its workers in well under this


def default_transcriber():
    from editor.audio.align.transcribe import PocketsphinxTranscriber
    return PocketsphinxTranscriber()


class _Relay(QObject):
    """Carries the job's news from its thread to the GUI thread (queued)."""

    progress = Signal(float)
    done = Signal(object)           # the Draft
    failed = Signal(str)
    cancelled = Signal()


class DraftTranscription(QObject):
    finished = Signal(Path, object)     # audio, Draft

    def __init__(self, status_bar: QStatusBar, *, say: Callable[[str], None],
                 show_error: Callable[[str], None],
                 make_transcriber: Callable = default_transcriber) -> None:
        super().__init__(status_bar)
        self._say = say
        self._show_error = show_error
        self._make_transcriber = make_transcriber
        self._thread: threading.Thread | None = None
        self._cancel: threading.Event | None = None
        self._audio: Path | None = None
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_relay_progress, queued)
        self._relay.done.connect(self._on_relay_done, queued)
        self._relay.failed.connect(self._on_relay_failed, queued)
        self._relay.cancelled.connect(self._on_relay_cancelled, queued)

        self.panel = QWidget(status_bar)
        row = QHBoxLayout(self.panel)
        row.setContentsMargins(8, 0, 8, 0)
        self.label = QLabel(self.panel)
        self.progress_bar = QProgressBar(self.panel)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setFixedWidth(120)
        self.progress_bar.setToolTip(DRAFT_NOTE)
        self.cancel_button = QPushButton("Cancel", self.panel)
        self.cancel_button.setToolTip("Stop the draft transcription; nothing is kept")
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.label, self.progress_bar, self.cancel_button):
            row.addWidget(widget)
        # Beside the counts, where brief messages do not cover it.
        status_bar.insertPermanentWidget(0, self.panel)
        self.panel.hide()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, audio: Path | str) -> bool:
        """Transcribe ``audio`` in the background; False if one is running already."""
        if self.running:
            self._say("A draft transcription is running already: cancel it first, "
                      "in the status bar.")
            return False
        self._audio = Path(audio)
        self._cancel = cancel = threading.Event()
        self.label.setText(f"Transcribing {self._audio.name} (draft)…")
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.panel.show()
        self._thread = threading.Thread(target=self._run, args=(self._audio, cancel),
                                        name="draft-transcription", daemon=True)
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.label.setText("Cancelling the draft…")

    def shut_down(self) -> None:
        """Cancel a job still running and wait for its workers to stop (closing)."""
        thread = self._thread
        if thread is not None:
            self.cancel()
            thread.join(JOIN_S)

    # -- on the job's thread -----------------------------------------------------------

    def _run(self, audio: Path, cancel: threading.Event) -> None:
        from editor.audio.align.base import AlignCancelled
        from editor.core.errors import ShowscribeError
        relay = self._relay

        def tell(signal, *args) -> None:
            try:
                signal.emit(*args)
            except RuntimeError:    # the window (and the relay) is gone: nobody to tell
                cancel.set()

        try:
            draft = self._make_transcriber().transcribe(
                audio, progress=lambda fraction: tell(relay.progress, fraction), cancel=cancel)
        except AlignCancelled:
            tell(relay.cancelled)
        except (ShowscribeError, OSError) as error:
            tell(relay.failed, str(error))
        except Exception as error:  # noqa: BLE001 - one line in a dialog, never a traceback
            problem = " ".join(str(error).split())[:200] or type(error).__name__
            tell(relay.failed, f"{audio}: the draft transcription failed ({problem})")
        else:
            if cancel.is_set():     # cancelled as it finished: the user said no all the same
                tell(relay.cancelled)
            else:
                tell(relay.done, draft)

    # -- back on the GUI thread ------------------------------------------------------

    def _finish(self) -> Path:
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        self._cancel = None
        self.panel.hide()
        return self._audio

    def _on_relay_progress(self, fraction: float) -> None:
        if self.running:
            self.progress_bar.setValue(round(fraction * 100))

    def _on_relay_done(self, draft) -> None:
        self.finished.emit(self._finish(), draft)

    def _on_relay_failed(self, message: str) -> None:
        self._finish()
        self._show_error(message)

    def _on_relay_cancelled(self) -> None:
        audio = self._finish()
        self._say(f"Draft transcription of {audio.name} cancelled.")
