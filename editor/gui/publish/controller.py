"""The window's publishing commands: import, import a pasted show-notes page,
export, embed chapters in the audio, and the Check tab kept up to date.

:class:`PublishingController` is owned by the editor window and is given, when it
is made, everything of the window it uses: the parent for its dialogs, the side
tabs that show its ``check_panel`` (the window adds the tab), and callables to say a status message, show an
error and show a new project. The window binds the publishing rows of the action
table to :meth:`PublishingController.handlers` and their enable rules to
:meth:`PublishingController.predicates`.

Emits nothing itself; its ``check_panel`` emits ``jump_requested(kind, where)``
when a finding is activated (the window goes there).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTabWidget, QWidget

from ...core.apply_import import apply_import
from ...core.embed import MP3_SUFFIXES, MP4_SUFFIXES, default_target, embed_chapters
from ...core.errors import ShowscribeError
from ...core.formats import all_formats
from ...core.importing import import_file, resolve_format
from ...core.model import Project
from ..projectlink import ProjectLink
from .check_panel import CheckPanel
from .export_dialog import ExportDialog
from .paste_dialog import PastePageDialog

CHECK_DELAY_MS = 400   # re-check once typing pauses, not on every keystroke


def import_filters() -> tuple[str, dict[str, str]]:
    """File dialog filters for every importable format, and filter -> format name."""
    readable = [f for f in all_formats() if f.can_read]
    patterns = sorted({f"*{ext}" for f in readable for ext in f.extensions})
    by_filter = {}
    for fmt in readable:
        by_filter[f"{fmt.label} ({' '.join('*' + e for e in fmt.extensions)})"] = fmt.name
    everything = f"Everything Showscribe imports ({' '.join(patterns)})"
    return ";;".join([everything, *by_filter]), by_filter


class PublishingController(QObject):
    def __init__(self, parent: QWidget, side_tabs: QTabWidget, *,
                 say: Callable[[str], None], show_error: Callable[[str], None],
                 show_new_project: Callable[[Project], bool]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._side_tabs = side_tabs
        self._say = say
        self._show_error = show_error
        self._show_new_project = show_new_project
        self._project = Project()
        self._link = ProjectLink()
        self.check_panel = CheckPanel(self._project, parent)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.refresh_checks)
        side_tabs.currentChanged.connect(self._on_side_tabs_current_changed)

    def handlers(self) -> dict[str, Callable[..., None]]:
        """The handler of each publishing action, by action id."""
        return {"import": self._on_import_triggered,
                "import_page": self._on_import_page_triggered,
                "export": self._on_export_triggered,
                "embed_chapters": self._on_embed_chapters_triggered,
                "check": self._on_check_triggered}

    def predicates(self) -> dict[str, Callable[[], bool]]:
        """The enable rules of the publishing actions, by rule name."""
        return {"has_chapters": lambda: bool(self._project.chapters),
                "has_embeddable_audio": self._has_embeddable_audio}

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self._project = project
        self._link.connect(project.history.changed, self._on_history_changed)
        self.refresh_checks()

    def refresh_checks(self) -> None:
        """Check the project again, while the Check tab is the one shown."""
        if self._side_tabs.currentWidget() is self.check_panel:
            self.check_panel.set_project(self._project)

    def import_path(self, path: Path, format_name: str | None = None) -> bool:
        """Import ``path``: chapters and transcripts into this project (one undo
        step); a show-notes page becomes a new project."""
        try:
            kind = resolve_format(path, format_name, readable=True).kind
            imported = import_file(path, format_name)
        except ShowscribeError as exc:
            self._show_error(str(exc))
            return False
        if kind == "shownotes":
            return self._open_imported(imported)
        apply_import(self._project, imported, kind)
        what = "chapters" if kind == "chapters" else "turns"
        count = len(imported.chapters if kind == "chapters" else imported.turns)
        message = f"Imported {count} {what} from {path.name}"
        if imported.import_warnings:
            first = imported.import_warnings[0].with_source(path.name)
            more = len(imported.import_warnings) - 1
            message += f"; {first}" + (f", and {more} more skipped" if more else "")
        self._say(message)
        return True

    def embed_chapters(self, overwrite: bool = False) -> Path | None:
        """Write the chapters into the project's audio (a copy unless ``overwrite``)."""
        try:
            target = embed_chapters(self._project, self._project.audio_path,
                                    overwrite=overwrite)
        except ShowscribeError as exc:
            self._show_error(str(exc))
            return None
        self._say(f"Chapters written to {target.name}")
        return target

    def _has_embeddable_audio(self) -> bool:
        path = self._project.audio_path
        return bool(path and path.suffix.lower() in MP3_SUFFIXES + MP4_SUFFIXES
                    and path.is_file())

    def _open_imported(self, project: Project) -> bool:
        project.history.set_unsaved()   # nothing on disk holds it yet
        return self._show_new_project(project)

    # -- handlers -----------------------------------------------------------------------

    def _on_history_changed(self, *_args) -> None:
        self._check_timer.start()

    def _on_side_tabs_current_changed(self, _index: int) -> None:
        self.refresh_checks()

    def _on_import_triggered(self) -> None:
        filters, by_filter = import_filters()
        start = str(self._project.path.parent if self._project.path else Path.home())
        path, chosen = QFileDialog.getOpenFileName(self._parent, "Import", start, filters)
        if path:
            self.import_path(Path(path), by_filter.get(chosen))

    def _on_import_page_triggered(self) -> None:
        dialog = PastePageDialog(self._parent)
        if dialog.exec() and dialog.project is not None:
            self._open_imported(dialog.project)

    def _on_export_triggered(self) -> None:
        ExportDialog(self._project, self._parent).exec()

    def _on_embed_chapters_triggered(self) -> None:
        audio = self._project.audio_path
        copy = default_target(audio)
        box = QMessageBox(QMessageBox.Icon.Question, "Embed Chapters",
                          f"Write {len(self._project.chapters)} chapters into the audio?",
                          parent=self._parent)
        box.setInformativeText(f"A copy keeps {audio.name} as it is and writes {copy.name}.")
        as_copy = box.addButton(f"Write {copy.name}", QMessageBox.ButtonRole.AcceptRole)
        in_place = box.addButton(f"Change {audio.name}", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(as_copy)
        box.exec()
        if box.clickedButton() not in (as_copy, in_place):
            return
        self.embed_chapters(overwrite=box.clickedButton() is in_place)

    def _on_check_triggered(self) -> None:
        self._side_tabs.setCurrentWidget(self.check_panel)
        self.refresh_checks()
