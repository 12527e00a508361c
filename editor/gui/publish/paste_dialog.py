"""File > Import > Show notes page…: paste a published episode page, get a project.

A page that cannot be read keeps the dialog open, names the line and puts the
cursor on it, so the producer can fix the paste in place.
"""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ...core.errors import FormatError
from ...core.formats import by_name
from ...core.importing import decode_source
from ...core.model import Project

PAGE_FORMAT = "shownotes-text"


class PastePageDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import show notes page")
        self.resize(760, 620)
        self.project: Project | None = None

        hint = QLabel("Paste the episode page: title, description, Timestamps, credits, "
                      "and the Transcript with its chapter headings.")
        hint.setWordWrap(True)
        self._editor = QPlainTextEdit()
        self._editor.setPlaceholderText("Episode title\nSubtitle…\nTimestamps\n(00:00) Intro;\n…"
                                        "\nTranscript\nIntro\nName: text…")
        self._error = QLabel()
        self._error.setWordWrap(True)
        self._error.setStyleSheet("color: white; background: #b91c1c;"
                                  " padding: 4px; border-radius: 3px;")
        self._error.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        paste = QPushButton("Paste from clipboard")
        self._import = QPushButton("Import")
        self._import.setDefault(True)
        buttons.addButton(paste, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._import, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self._editor, 1)
        layout.addWidget(self._error)
        layout.addWidget(buttons)

        paste.clicked.connect(self._on_paste_clicked)
        self._import.clicked.connect(self._on_import_clicked)
        buttons.rejected.connect(self.reject)

    def set_text(self, text: str) -> None:
        self._editor.setPlainText(text)

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() else ""

    def _on_paste_clicked(self):
        self._editor.setPlainText(QGuiApplication.clipboard().text())

    def _on_import_clicked(self):
        text = decode_source(self._editor.toPlainText().encode("utf-8"), "pasted page")
        try:
            self.project = by_name(PAGE_FORMAT).read(text)
        except FormatError as exc:
            error = exc.with_source("pasted page")
            self._error.setText(str(error))
            self._error.show()
            if error.line:
                block = self._editor.document().findBlockByNumber(error.line - 1)
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.LineUnderCursor)
                self._editor.setTextCursor(cursor)
                self._editor.setFocus()
            return
        self.accept()
