"""Audio > Replace Audio: re-time the whole project to a re-cut audio file.

:class:`ReplaceAudioController` asks for the new file, aligns the transcript to
it in the background (progress and Cancel in the status bar, see
``background.py``) with the speech model of the episode's language, then
applies :func:`editor.core.retime.retime_to_audio`: every turn and chapter
re-timed and the new audio set, as one undo step. The project's ``audio_changed``
makes the window load the new file into the player and the waveform (and the old
one again on Undo). What could not be found in the new audio is listed in a
:class:`NotFoundReport` the user can keep open while checking.

The window binds the ``replace_audio`` action to :meth:`handlers` and the
``not_replacing_audio`` rule to :meth:`predicates`. Emits ``running_changed()`` when an
alignment starts or ends (the window updates its enable rules).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget,
                               QVBoxLayout, QWidget)

from editor.core.model import Project
from editor.core.retime import RetimeMismatch, retime_to_audio

from .audio_lifecycle import AUDIO_FILTER
from .background import BackgroundJob, JobStatus
from .settings import Settings
from .speech_models import make_aligner
from .statusline import StatusLine

DONE_MESSAGE_MS = 8000


class ReplaceAudioController(QObject):
    running_changed = Signal()

    def __init__(self, parent: QWidget, settings: Settings, status_line: StatusLine, *,
                 show_error: Callable[[str], None], aligner_for: Callable = make_aligner) -> None:
        super().__init__(parent)
        self._parent = parent
        self._settings = settings
        self._say = status_line.say
        self._show_error = show_error
        self.aligner_for = aligner_for      # (settings, language) -> an Aligner
        self._project = Project()
        self._target: tuple[Project, Path] | None = None
        self.report: NotFoundReport | None = None
        self.job = BackgroundJob(self)
        self.status = JobStatus(self.job, status_line)
        status_line.insertPermanentWidget(0, self.status)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)

    def handlers(self) -> dict[str, Callable[..., None]]:
        return {"replace_audio": self.choose_and_replace}

    def predicates(self) -> dict[str, Callable[[], bool]]:
        return {"not_replacing_audio": lambda: not self.job.running}

    def set_project(self, project: Project) -> None:
        """Show another project: an alignment for the one before is dropped."""
        if self.job.running:
            self.job.cancel()
        self._project = project

    def choose_and_replace(self) -> None:
        old = self._project.audio_path
        start = str(old.parent) if old else ""
        path, _filter = QFileDialog.getOpenFileName(self._parent, "Replace Audio", start,
                                                    AUDIO_FILTER)
        if path:
            self.replace(path)

    def replace(self, path: Path | str) -> bool:
        """Start aligning the transcript to ``path``; False (and why, in a
        message) when it cannot start."""
        from editor.audio.align import AlignError, TurnText
        path, project = Path(path).absolute(), self._project
        if not path.is_file():
            self._show_error(f"{path}: the audio file is not there.")
            return False
        try:
            aligner = self.aligner_for(self._settings, project.episode.language)
        except AlignError as error:
            self._show_error(f"Replace Audio: {error}.")
            return False
        self._target = (project, path)
        given = [TurnText(t.start, t.text) for t in project.turns]
        self.job.start(lambda progress, cancel: aligner.align(path, given, progress=progress,
                                                             cancel=cancel),
                       path, "alignment")
        self.status.begin(f"Aligning the transcript to {path.name}\u2026")
        self.running_changed.emit()
        return True

    def close(self) -> None:
        """The window is closing: stop an alignment still running."""
        self.job.close()

    def _on_job_finished(self, result) -> None:
        project, path = self._target
        self._target = None
        self.running_changed.emit()
        if project is not self._project:
            return
        try:
            missing = retime_to_audio(project, path, result)
        except RetimeMismatch as error:
            self._show_error(f"Replace Audio: {path.name}: the transcript changed while it "
                             f"was aligned ({error}). Choose Replace Audio again.")
            return
        except ValueError as error:     # a time the project cannot take: nothing changed
            self._show_error(f"Replace Audio: {path.name}: {error}.")
            return
        if self.report is not None:     # the list of an earlier replacement
            self.report.close()
            self.report = None
        if missing:
            self.report = NotFoundReport(path.name, missing, self._parent)
            self.report.show()
        else:
            self._say(f"Re-timed to {path.name}: every turn was found.", DONE_MESSAGE_MS)

    def _on_job_failed(self, message: str) -> None:
        self._target = None
        self.running_changed.emit()
        self._show_error(f"Replace Audio: {message}")

    def _on_job_cancelled(self) -> None:
        self._target = None
        self.running_changed.emit()
        self._say("Replace Audio cancelled; nothing changed.", DONE_MESSAGE_MS)


class NotFoundReport(QDialog):
    """What could not be found in the new audio, one line each; not modal, so
    the user can go through the episode with it open."""

    def __init__(self, audio_name: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Replace Audio")
        self.lines = list(lines)
        self.list = QListWidget(self)
        self.list.addItems(self.lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Re-timed to {audio_name}. Not found there, to check "
                                "(Undo puts the old audio and times back):", self))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)
