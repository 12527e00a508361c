"""A draft transcript made in the window: New from Audio's "Transcribe (Draft)".

:class:`DraftTranscription` runs the draft transcriber
(:mod:`editor.audio.align.transcribe`: its recognisers work in processes of
their own) in a :class:`~.background.BackgroundJob`, as alignment does, so the
window stays responsive, and shows its progress with a Cancel button in the
status bar. One runs at a time. The draft, when done, becomes a new unsaved
project through ``show_project`` (the window's: it asks about unsaved changes
first); a failure is said through ``show_error`` in one line, a cancel through
``say``; neither leaves anything behind. Emits nothing.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from editor.core.model import Project
from editor.core.newproject import new_project_from_draft

from .background import BackgroundJob, JobStatus

# What the window says about a draft, wherever it offers one.
DRAFT_NOTE = ("A rough draft by offline speech recognition, English only: expect many "
              "wrong words and no punctuation. Turns are cut at long pauses and all given "
              "to Speaker 1: it does not tell voices apart. It runs in the background, with "
              "Cancel in the status bar.")


def default_transcriber():
    from editor.audio.align.transcribe import PocketsphinxTranscriber
    return PocketsphinxTranscriber()


class DraftTranscription(QObject):
    def __init__(self, status_bar: QStatusBar, *, say: Callable[[str], None],
                 show_error: Callable[[str], None],
                 show_project: Callable[[Project], bool],
                 make_transcriber: Callable = default_transcriber) -> None:
        super().__init__(status_bar)
        self._say = say
        self._show_error = show_error
        self._show_project = show_project
        self._make_transcriber = make_transcriber
        self._audio: Path | None = None
        self.job = BackgroundJob(self)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._show_error)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.panel = JobStatus(self.job, status_bar)
        self.panel.bar.setToolTip(DRAFT_NOTE)
        self.panel.cancel_button.setToolTip("Stop the draft transcription; nothing is kept")
        self.label, self.progress_bar = self.panel.label, self.panel.bar
        self.cancel_button = self.panel.cancel_button
        # Beside the counts, where brief messages do not cover it.
        status_bar.insertPermanentWidget(0, self.panel)

    @property
    def running(self) -> bool:
        return self.job.running

    def start(self, audio: Path | str) -> bool:
        """Transcribe ``audio`` in the background; False if one is running already."""
        if self.running:
            self._say("A draft transcription is running already: cancel it first, "
                      "in the status bar.")
            return False
        self._audio = audio = Path(audio)
        transcriber = self._make_transcriber()
        self.job.start(lambda progress, cancel: transcriber.transcribe(
            audio, progress=progress, cancel=cancel), audio, "the draft transcription")
        self.panel.begin(f"Transcribing {audio.name} (draft)\u2026")
        return True

    def cancel(self) -> None:
        self.job.cancel()

    def shut_down(self) -> None:
        """Cancel a job still running and wait for its workers to stop (closing)."""
        self.job.close()

    def _on_job_finished(self, draft) -> None:
        audio = self._audio
        project = new_project_from_draft(audio, draft.duration, draft.turns)
        project.history.set_unsaved()   # minutes of work that nothing on disk holds yet
        if not self._show_project(project):
            self._say(f"The draft of {audio.name} was not opened.")

    def _on_job_cancelled(self) -> None:
        self._say(f"Draft transcription of {self._audio.name} cancelled.")
