"""File > Export: every writable format, its options, a live preview, and saving.

The preview is the exact text the file will hold, so what a producer sees is
what gets published. Errors show in the dialog as one line; nothing half-written.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from ...core.checks import check_project
from ...core.errors import ShowscribeError
from ...core.formats import Format, all_formats
from ...core.importing import export_file, export_text
from ...core.model import Project
from .check_panel import count_text

_KIND_TITLES = {"shownotes": "Show notes", "transcript": "Transcripts", "chapters": "Chapters"}
_PREVIEW_LIMIT = 200_000  # characters shown; the file always gets everything


def checks_summary(project: Project) -> str:
    """One line on what the publish checks found, shown before anything is exported."""
    findings = check_project(project)
    if not findings:
        return "Publish checks: nothing to fix."
    return (f"Publish checks: {count_text(findings)} (File > Check Before Publishing "
            f"lists them). First: {findings[0].message}")


def writable_formats() -> list[Format]:
    return [f for f in all_formats() if f.can_write and not f.binary]


class ExportDialog(QDialog):
    exported = Signal(str)  # the path written

    def __init__(self, project: Project, parent: QWidget | None = None,
                 initial: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.resize(980, 640)
        self._project = project

        self._list = QListWidget()
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for kind in ("shownotes", "transcript", "chapters"):
            formats = [f for f in writable_formats() if f.kind == kind]
            if not formats:
                continue
            header = QListWidgetItem(_KIND_TITLES[kind])
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self._list.addItem(header)
            for fmt in formats:
                item = QListWidgetItem(f"  {fmt.label}")
                item.setData(Qt.ItemDataRole.UserRole, fmt.name)
                item.setToolTip(f"{fmt.name}  ({', '.join(fmt.extensions)})")
                self._list.addItem(item)

        self._transcript = QCheckBox("Include the transcript")
        self._transcript.setChecked(True)
        self._times = QCheckBox("Show a time for every turn")
        self._words = QCheckBox("One segment per word")
        self._preview = QPlainTextEdit()
        self._preview.setReadOnly(True)
        self._preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._status = QLabel()
        self._status.setWordWrap(True)
        self.checks = QLabel(checks_summary(project))
        self.checks.setWordWrap(True)

        options = QHBoxLayout()
        options.addWidget(self._transcript)
        options.addWidget(self._times)
        options.addWidget(self._words)
        options.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(options)
        right_layout.addWidget(self._preview, 1)
        right_layout.addWidget(self._status)

        splitter = QSplitter()
        splitter.addWidget(self._list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        self._list.setMinimumWidth(self._list.sizeHintForColumn(0) + 24)
        splitter.setSizes([self._list.minimumWidth(), 980 - self._list.minimumWidth()])

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._copy = QPushButton("Copy")
        self._save = QPushButton("Export…")
        self._save.setDefault(True)
        self._buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        self._buttons.addButton(self._save, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.checks)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._buttons)

        self._list.currentItemChanged.connect(self._on_list_current_changed)
        self._transcript.toggled.connect(self._refresh)
        self._times.toggled.connect(self._refresh)
        self._words.toggled.connect(self._refresh)
        self._copy.clicked.connect(self._on_copy_clicked)
        self._save.clicked.connect(self._on_save_clicked)
        self._buttons.rejected.connect(self.reject)

        self.select_format(initial or "shownotes-text")

    # -- state ---------------------------------------------------------------

    def current_format(self) -> Format | None:
        item = self._list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((f for f in writable_formats() if f.name == name), None)

    def select_format(self, name: str) -> bool:
        for row in range(self._list.count()):
            if self._list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self._list.setCurrentRow(row)
                return True
        for row in range(self._list.count()):  # fall back to the first format
            if self._list.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                self._list.setCurrentRow(row)
                break
        return False

    def options(self) -> dict:
        fmt = self.current_format()
        chosen = {"transcript": self._transcript.isChecked(), "times": self._times.isChecked(),
                  "words": self._words.isChecked()}
        return {k: v for k, v in chosen.items() if fmt and k in fmt.options}

    def preview_text(self) -> str:
        return self._preview.toPlainText()

    # -- handlers --------------------------------------------------------------

    def _on_list_current_changed(self, *_):
        fmt = self.current_format()
        self._transcript.setEnabled(bool(fmt and "transcript" in fmt.options))
        self._times.setEnabled(bool(fmt and "times" in fmt.options))
        self._words.setEnabled(bool(fmt and "words" in fmt.options))
        self._refresh()

    def _refresh(self, *_):
        fmt = self.current_format()
        self._save.setEnabled(fmt is not None)
        self._copy.setEnabled(fmt is not None)
        if fmt is None:
            self._preview.setPlainText("")
            return
        try:
            text = export_text(self._project, fmt.name, **self.options())
        except ShowscribeError as exc:
            self._preview.setPlainText("")
            self._status.setText(f"Cannot export: {exc}")
            self._save.setEnabled(False)
            return
        shown = text if len(text) <= _PREVIEW_LIMIT else text[:_PREVIEW_LIMIT] + "\n…"
        self._preview.setPlainText(shown)
        lines = text.count("\n")
        self._status.setText(f"{fmt.label}: {lines:,} lines, {len(text.encode()):,} bytes")

    def _default_path(self, fmt: Format) -> str:
        base = self._project.path
        stem = base.name.split(".")[0] if base else "episode"
        folder = base.parent if base else Path.home()
        return str(folder / f"{stem}{fmt.extensions[0]}")

    def _on_copy_clicked(self):
        fmt = self.current_format()
        if fmt is None:
            return
        try:
            text = export_text(self._project, fmt.name, **self.options())
        except ShowscribeError as exc:
            self._status.setText(f"Cannot export: {exc}")
            return
        QGuiApplication.clipboard().setText(text)
        self._status.setText(f"{fmt.label} copied to the clipboard")

    def _on_save_clicked(self):
        fmt = self.current_format()
        if fmt is None:
            return
        filters = f"{fmt.label} ({' '.join('*' + e for e in fmt.extensions)});;All files (*)"
        path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.label}",
                                              self._default_path(fmt), filters)
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        fmt = self.current_format()
        if fmt is None:
            return False
        try:
            export_file(self._project, fmt.name, path, **self.options())
        except ShowscribeError as exc:
            self._status.setText(f"Not exported: {exc}")
            return False
        self._status.setText(f"Exported to {path}")
        self.exported.emit(path)
        return True
