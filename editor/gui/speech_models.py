"""Speech models for alignment: which one an episode's language uses, and the
Preferences part that sets a pocketsphinx model folder for a language.

English ships inside pocketsphinx; any other language needs a folder in
pocketsphinx's layout (an acoustic model folder with ``mdef``, and a ``.dict``
file) set in Edit > Preferences. :func:`make_aligner` builds the aligner for an
episode's language from the folder set for it, raising the aligner's one-line
:class:`~editor.audio.align.AlignError` (which language, what to do) when there
is none or it is not a model. :class:`SpeechModelsEditor` is the table in the
Preferences dialog; :meth:`SpeechModelsEditor.problem` says what is wrong with
what was typed, checked only when the dialog is accepted (a folder is searched).
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from .settings import Settings, language_key

_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*")


def make_aligner(settings: Settings, language: str):
    """The aligner for an episode in ``language`` ("" counts as English)."""
    from editor.audio.align.sphinx import PocketsphinxAligner
    language = language or "en"
    return PocketsphinxAligner(language=language,
                               model_dir=settings.speech_model_folder(language))


def model_problem(language: str, folder: Path | str) -> str | None:
    """Why ``folder`` cannot be the speech model for ``language``, in one line."""
    from editor.audio.align import AlignError
    from editor.audio.align.sphinx import find_model
    try:
        find_model(language, folder)
    except AlignError as error:
        return str(error)
    return None


class SpeechModelsEditor(QWidget):
    """A row per language: its code and its model folder."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Language", "Speech model folder"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(5 * self.table.verticalHeader().defaultSectionSize())
        for language, folder in sorted(settings.speech_model_folders().items()):
            self.add_row(language, folder)
        add = QPushButton("Add Folder...", self)
        add.clicked.connect(self.choose_folder)
        remove = QPushButton("Remove", self)
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        note = QLabel("Alignment uses the model of the episode's language. English ships "
                      "with Showscribe; for another language add a pocketsphinx model "
                      "folder (an acoustic model with mdef, and a .dict file) and type "
                      "its language code, as the episode gives it (de, pt-br).", self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, language: str, folder: Path | str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(language))
        self.table.setItem(row, 1, QTableWidgetItem(str(folder)))
        return row

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Speech Model Folder")
        if folder:
            row = self.add_row("", folder)
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def remove_current(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def folders(self) -> dict[str, str]:
        """{language: folder} as typed (rows with neither are left out)."""
        out = {}
        for row in range(self.table.rowCount()):
            language = language_key(self._text(row, 0))
            folder = self._text(row, 1).strip()
            if language or folder:
                out[language] = folder
        return out

    def problem(self) -> str | None:
        """What keeps the rows from being saved, in one line; None when nothing.
        The rows' codes and folders are checked first, then each folder's model."""
        seen: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            language, folder = language_key(self._text(row, 0)), self._text(row, 1).strip()
            if not language and not folder:
                continue
            if not _LANGUAGE.fullmatch(language):
                return (f"Speech models, row {row + 1}: \u201c{self._text(row, 0)}\u201d is "
                        "not a language code (type one such as de or pt-br).")
            if language in seen:
                return f"Speech models: {language} has two folders; keep one."
            if not folder:
                return f"Speech models, row {row + 1}: choose the folder for {language}."
            seen[language] = folder
        for language, folder in seen.items():
            problem = model_problem(language, folder)
            if problem:
                return f"Speech models: {problem}."
        return None

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
