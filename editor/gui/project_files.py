"""The editor window's project files: New from Audio, Open, Open Recent, Save and
Save As, and the question before unsaved changes would be lost.

:class:`ProjectFiles` asks for file names and writes the project the window
shows; opening a file or an audio file is the window's own (``open_path`` and
``new_from_audio`` are given to it). New from Audio asks whether to start empty
or with a rough draft transcript (``transcribe``, given too). A file that cannot be written is said in one
message and the project stays as it was, unsaved; a read-only file is replaced
only once the user says so.

Before a save over the project's own file it asks :class:`Safekeeping` whether
another program changed it; after a save it tells it (a new fingerprint, no
recovery copy), and a close without saving lets the recovery copy go. A project
open read-only (another window has it) saves only through Save As.

Emits ``saved(path)`` once the project is written to ``path``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from editor.core.errors import ProjectFileError, ShowscribeError
from editor.core.model import Project
from editor.core.projectfile import save_project

from .audio_lifecycle import AUDIO_FILTER
from .drafting import DRAFT_NOTE
from .safekeeping import Safekeeping
from .settings import Settings

PROJECT_FILTER = "Showscribe projects (*.showscribe.yaml *.yaml *.yml);;All files (*)"


class ProjectFiles(QObject):
    saved = Signal(Path)

    def __init__(self, window: QWidget, settings: Settings, recent_menu: QMenu, *,
                 project: Callable[[], Project], open_path: Callable[[Path | str], bool],
                 new_from_audio: Callable[[Path | str], None],
                 transcribe: Callable[[Path | str], object],
                 show_error: Callable[[str], None], safekeeping: Safekeeping) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._recent_menu = recent_menu
        self._project = project
        self._open_path = open_path
        self._new_from_audio = new_from_audio
        self._transcribe = transcribe
        self._show_error = show_error
        self._safekeeping = safekeeping

    def handlers(self) -> dict[str, Callable[..., None]]:
        """The handler of each file action, by action id."""
        return {"new_from_audio": self._on_new_from_audio_triggered,
                "open": self._on_open_triggered,
                "open_recent": self._on_open_recent_about_to_show,
                "save": self.save,
                "save_as": self.save_as}

    def save(self) -> bool:
        path = self._project().path
        if path is None or self._safekeeping.read_only:
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        start = str(self._project().path or Path.home() / "episode.showscribe.yaml")
        path, _filter = QFileDialog.getSaveFileName(self._window, "Save Project As", start,
                                                    PROJECT_FILTER)
        if not path:
            return False
        if not path.endswith((".yaml", ".yml")):
            path += ".showscribe.yaml"
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        if not self._safekeeping.may_save_to(path, self.save_as, self.reload):
            return False
        try:
            try:
                save_project(self._project(), path)
            except ProjectFileError as exc:
                if not exc.read_only or not self._replace_read_only(path):
                    raise
                save_project(self._project(), path, force=True)
        except (ShowscribeError, OSError) as exc:
            self._show_error(f"{exc}. Nothing was changed on disk and your edits are still "
                             "open: use Save As to save them elsewhere.")
            return False
        self._safekeeping.saved(Path(path).absolute())
        self._settings.add_recent_file(path)
        self.saved.emit(path)
        return True

    def _replace_read_only(self, path: Path) -> bool:
        """Ask before replacing a file someone marked read-only."""
        answer = QMessageBox.question(
            self._window, "Save Project", f"{path.name} is read-only. Replace it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def maybe_save(self) -> bool:
        """Ask before unsaved changes are lost: True when it is fine to go on."""
        project = self._project()
        if project.history.is_clean:
            return True
        name = project.path.name if project.path else "this new project"
        answer = QMessageBox.warning(
            self._window, "Unsaved Changes", f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard |
            QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._safekeeping.discarded()
            return True
        return False

    def reload(self) -> None:
        """Show the project file as it is on disk now; unsaved changes go to a
        recovery copy first."""
        path = self._project().path
        if path is not None and self._safekeeping.keep_before_reload():
            self._open_path(path)

    def open_recent(self, path: Path) -> None:
        """Open a project from the recent files, once unsaved changes are dealt with."""
        if self.maybe_save():
            self._open_path(path)

    # -- handlers -----------------------------------------------------------------------

    def _on_new_from_audio_triggered(self) -> None:
        if not self.maybe_save():
            return
        path, _filter = QFileDialog.getOpenFileName(self._window, "New Project from Audio", "",
                                                    AUDIO_FILTER)
        if not path:
            return
        start = self._ask_how_to_start(Path(path))
        if start == "empty":
            self._new_from_audio(path)
        elif start == "draft":
            self._transcribe(path)

    def _ask_how_to_start(self, audio: Path) -> str | None:
        """"empty", "draft" (a draft transcript first), or None (cancelled)."""
        box = QMessageBox(QMessageBox.Icon.Question, "New Project from Audio",
                          f"Start the project for {audio.name} with an empty transcript, "
                          "or with a rough draft transcribed from the audio?",
                          QMessageBox.StandardButton.Cancel, self._window)
        box.setInformativeText(DRAFT_NOTE)
        empty = box.addButton("Start &Empty", QMessageBox.ButtonRole.AcceptRole)
        draft = box.addButton("&Transcribe (Draft)", QMessageBox.ButtonRole.AcceptRole)
        draft.setToolTip(DRAFT_NOTE)
        box.setDefaultButton(empty)
        box.exec()
        return {empty: "empty", draft: "draft"}.get(box.clickedButton())

    def _on_open_triggered(self) -> None:
        if not self.maybe_save():
            return
        current = self._project().path
        start = str(current.parent) if current else ""
        path, _filter = QFileDialog.getOpenFileName(self._window, "Open Project", start,
                                                    PROJECT_FILTER)
        if path:
            self._open_path(path)

    def _on_open_recent_about_to_show(self) -> None:
        self._recent_menu.clear()
        for path in self._settings.recent_files():
            action = self._recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))

