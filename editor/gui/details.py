"""The episode details panel: every metadata field of ``project.episode``.

Each edit is a SetEpisodeField command (typing in one field merges into one undo
step); the panel listens to ``episode_changed`` so undo and redo show at once.
Links and credits are small tables (credits: a role and its names, separated by
commas or "and"). A date the core refuses (``model.date_problem``) is not
set; its one-line reason shows under the field.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from editor.core.commands import SetEpisodeField
from editor.core.model import Credit, Link, Project, date_problem

from .projectlink import ProjectLink, compact_rows

LINE_FIELDS = (("title", "Title"), ("subtitle", "Subtitle"), ("show", "Show"),
               ("language", "Language"))
TEXT_FIELDS = (("description", "Description"), ("disclaimer", "Disclaimer"))
_NAME_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")


def split_names(text: str) -> tuple[str, ...]:
    """"Tom Rebane and Ann Sild, Lea" -> ("Tom Rebane", "Ann Sild", "Lea")."""
    return tuple(name for name in _NAME_SEPARATORS.split(text.strip()) if name)


def join_names(names: tuple[str, ...]) -> str:
    return ", ".join(names)


class _ListTable(QWidget):
    """A two-column table with Add and Remove buttons, for links and credits."""

    def __init__(self, headers: tuple[str, str], add_text: str, parent=None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 150)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(150)
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton("Remove", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in (0, 1)]
            out.append(tuple(cell.text().strip() if cell else "" for cell in cells))
        return out

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.blockSignals(False)


class EpisodePanel(QScrollArea):
    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._updating = False
        self.edits: dict[str, QWidget] = {}

        for name, label in LINE_FIELDS[:3]:
            self._add_line(form, name, label)
        number = QLineEdit(body)
        number.setValidator(QIntValidator(0, 999_999, number))
        number.setPlaceholderText("episode number")
        number.textEdited.connect(self._on_number_edited)
        self.edits["number"] = number
        form.addRow("Number:", number)
        date = QLineEdit(body)
        date.setPlaceholderText("YYYY-MM-DD")
        date.editingFinished.connect(self._on_date_editing_finished)
        self.edits["date"] = date
        form.addRow("Date:", date)
        self._add_line(form, *LINE_FIELDS[3])
        self.message = QLabel(body)
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        self.message.hide()
        form.addRow(self.message)
        self._add_text(form, *TEXT_FIELDS[0])

        self.links = _ListTable(("Label", "URL"), "Add Link", body)
        self.links.add_button.clicked.connect(lambda: self._add_row(self.links))
        self.links.remove_button.clicked.connect(lambda: self._remove_row(self.links))
        self.links.table.itemChanged.connect(lambda _item: self._on_links_edited())
        form.addRow("Links:", self.links)
        self.credits = _ListTable(("Role", "Names"), "Add Credit", body)
        self.credits.add_button.clicked.connect(lambda: self._add_row(self.credits))
        self.credits.remove_button.clicked.connect(lambda: self._remove_row(self.credits))
        self.credits.table.itemChanged.connect(lambda _item: self._on_credits_edited())
        self.credits.table.setToolTip("Role: Hosted, Produced, Edited... "
                                      "Names: separated by commas or \u201cand\u201d")
        form.addRow("Credits:", self.credits)
        self._add_text(form, *TEXT_FIELDS[1])
        self.setWidget(body)

        self.project = project
        self._link = ProjectLink()
        self.set_project(project)

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self.project = project
        self._link.connect(project.episode_changed, self._on_project_episode_changed)
        self.message.hide()
        for name in ("title", "subtitle", "show", "number", "date", "language", "description",
                     "disclaimer", "links", "credits"):
            self._on_project_episode_changed(name)

    # -- building -------------------------------------------------------------------

    def _add_line(self, form: QFormLayout, name: str, label: str) -> None:
        edit = QLineEdit(form.parentWidget())
        edit.textEdited.connect(lambda text: self._push(name, text))
        self.edits[name] = edit
        form.addRow(f"{label}:", edit)

    def _add_text(self, form: QFormLayout, name: str, label: str) -> None:
        edit = QPlainTextEdit(form.parentWidget())
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(80)
        edit.setMaximumHeight(160)
        edit.textChanged.connect(lambda: self._push(name, edit.toPlainText()))
        self.edits[name] = edit
        form.addRow(f"{label}:", edit)

    # -- editing --------------------------------------------------------------------

    def _push(self, name: str, value) -> None:
        if self._updating or getattr(self.project.episode, name) == value:
            return
        self._updating = True
        try:
            self.project.history.push(SetEpisodeField(self.project, name, value))
        finally:
            self._updating = False
        edit = self.edits.get(name)
        if isinstance(edit, QLineEdit):
            edit.setModified(False)     # handed over: Ctrl+Z is the project's undo now

    def _on_number_edited(self, text: str) -> None:
        self._push("number", int(text) if text else None)

    def _on_date_editing_finished(self) -> None:
        text = self.edits["date"].text().strip()
        problem = date_problem(text) if text else None
        if problem:
            self.message.setText(problem)
            self.message.show()
            return
        self.message.hide()
        self._push("date", text or None)

    def _on_links_edited(self) -> None:
        links = tuple(Link(label=label, url=url or None)
                      for label, url in self.links.rows() if label or url)
        self._push("links", links)

    def _on_credits_edited(self) -> None:
        credits = tuple(Credit(role=role, names=split_names(names))
                        for role, names in self.credits.rows() if role or names)
        self._push("credits", credits)

    def _add_row(self, table: _ListTable) -> None:
        """An empty row to type into; it becomes part of the episode once filled in."""
        widget = table.table
        row = widget.rowCount()
        widget.blockSignals(True)
        widget.insertRow(row)
        for column in (0, 1):
            widget.setItem(row, column, QTableWidgetItem(""))
        widget.blockSignals(False)
        widget.setCurrentCell(row, 0)
        widget.editItem(widget.item(row, 0))

    def _remove_row(self, table: _ListTable) -> None:
        row = table.table.currentRow()
        if row >= 0:
            table.table.removeRow(row)
            self._on_links_edited() if table is self.links else self._on_credits_edited()

    # -- following the project --------------------------------------------------------

    def _on_project_episode_changed(self, name: str) -> None:
        if self._updating:
            return
        value = getattr(self.project.episode, name)
        self._updating = True
        try:
            if name == "links":
                self.links.set_rows([(link.label, link.url or "") for link in value])
            elif name == "credits":
                self.credits.set_rows([(c.role, join_names(c.names)) for c in value])
            elif name in self.edits:
                edit = self.edits[name]
                text = "" if value is None else str(value)
                if isinstance(edit, QPlainTextEdit):
                    if edit.toPlainText() != text:
                        edit.setPlainText(text)
                elif edit.text() != text:
                    edit.setText(text)
                    edit.setCursorPosition(0)      # show the start of a long text
        finally:
            self._updating = False

