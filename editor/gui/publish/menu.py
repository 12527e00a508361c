"""The window's publishing commands: import, export, embed chapters, check.

``PublishingMixin`` gives :class:`~editor.gui.mainwindow.MainWindow` the
``_on_action_*`` handlers and ``_rule_*`` enable rules for the publishing rows
of the actions table, and the Check tab; everything else in it is the window's.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.apply_import import apply_import
from ...core.embed import MP3_SUFFIXES, MP4_SUFFIXES, default_target, embed_chapters
from ...core.errors import ShowscribeError
from ...core.formats import all_formats
from ...core.importing import import_file, resolve_format
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


class PublishingMixin:
    def _build_check_tab(self) -> None:
        self.check_panel = CheckPanel(self.project, self)
        self.side_tabs.addTab(self.check_panel, "Check")
        self.check_panel.jump_requested.connect(self._on_check_panel_jump_requested)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._refresh_checks)
        self.side_tabs.currentChanged.connect(lambda _i: self._refresh_checks())

    def _refresh_checks(self) -> None:
        if self.side_tabs.currentWidget() is self.check_panel:
            self.check_panel.set_project(self.project)

    # -- rules --------------------------------------------------------------------------

    def _rule_has_chapters(self) -> bool:
        return bool(self.project.chapters)

    def _rule_has_embeddable_audio(self) -> bool:
        path = self.project.audio_path
        return bool(path and path.suffix.lower() in MP3_SUFFIXES + MP4_SUFFIXES
                    and path.is_file())

    # -- handlers -----------------------------------------------------------------------

    def _on_action_import(self) -> None:
        filters, by_filter = import_filters()
        start = str(self.project.path.parent if self.project.path else Path.home())
        path, chosen = QFileDialog.getOpenFileName(self, "Import", start, filters)
        if path:
            self.import_path(Path(path), by_filter.get(chosen))

    def import_path(self, path: Path, format_name: str | None = None) -> bool:
        """Import ``path``: chapters and transcripts into this project (one undo
        step); a show-notes page becomes a new project."""
        try:
            kind = resolve_format(path, format_name, readable=True).kind
            imported = import_file(path, format_name)
        except ShowscribeError as exc:
            self.show_error(str(exc))
            return False
        if kind == "shownotes":
            return self._open_imported(imported)
        apply_import(self.project, imported, kind)
        what = "chapters" if kind == "chapters" else "turns"
        count = len(imported.chapters if kind == "chapters" else imported.turns)
        message = f"Imported {count} {what} from {path.name}"
        if imported.import_warnings:
            first = imported.import_warnings[0].with_source(path.name)
            more = len(imported.import_warnings) - 1
            message += f"; {first}" + (f", and {more} more skipped" if more else "")
        self.statusBar().showMessage(message, 10000)
        return True

    def _open_imported(self, project) -> bool:
        if not self.maybe_save():
            return False
        project.history.set_unsaved()   # nothing on disk holds it yet
        self._set_project(project)
        self._update_actions()
        return True

    def _on_action_import_page(self) -> None:
        dialog = PastePageDialog(self)
        if dialog.exec() and dialog.project is not None:
            self._open_imported(dialog.project)

    def _on_action_export(self) -> None:
        ExportDialog(self.project, self).exec()

    def _on_action_embed_chapters(self) -> None:
        audio = self.project.audio_path
        copy = default_target(audio)
        box = QMessageBox(QMessageBox.Icon.Question, "Embed Chapters",
                          f"Write {len(self.project.chapters)} chapters into the audio?",
                          parent=self)
        box.setInformativeText(f"A copy keeps {audio.name} as it is and writes {copy.name}.")
        as_copy = box.addButton(f"Write {copy.name}", QMessageBox.ButtonRole.AcceptRole)
        in_place = box.addButton(f"Change {audio.name}", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(as_copy)
        box.exec()
        if box.clickedButton() not in (as_copy, in_place):
            return
        self.embed_chapters(overwrite=box.clickedButton() is in_place)

    def embed_chapters(self, overwrite: bool = False) -> Path | None:
        try:
            target = embed_chapters(self.project, self.project.audio_path, overwrite=overwrite)
        except ShowscribeError as exc:
            self.show_error(str(exc))
            return None
        self.statusBar().showMessage(f"Chapters written to {target.name}", 5000)
        return target

    def _on_action_check(self) -> None:
        self.side_tabs.setCurrentWidget(self.check_panel)
        self._refresh_checks()

    def _on_check_panel_jump_requested(self, kind: str, where) -> None:
        if kind == "turn":
            self.transcript.focus_turn(where)
        elif kind == "chapter":
            self.side_tabs.setCurrentWidget(self.chapters_panel)
            self.chapters_panel.table.selectRow(where)
            self.chapters_panel.table.setFocus()
        elif kind == "episode":
            self.side_tabs.setCurrentWidget(self.episode_panel)
            edit = self.episode_panel.edits.get(where)
            if edit is not None:
                self.episode_panel.ensureWidgetVisible(edit)
                edit.setFocus()
