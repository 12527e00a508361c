"""The speakers panel: a table model over ``project.speakers`` and its panel.

:class:`SpeakersModel` follows the core's speaker notifications one to one and
edits through commands: a new name is SetSpeakerField (every turn shows it at
once, since turns refer to speakers by id), a key slot taken by another speaker
moves to this one in a single undo step. :class:`SpeakersPanel` adds Add,
Colour... (QColorDialog) and Merge Into... (MergeSpeakers).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QColorDialog, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from editor.core.commands import AddSpeaker, MergeSpeakers, SetSpeakerField
from editor.core.model import Project, Speaker
from editor.core.speakers import new_speaker

from .listmodel import ProjectListModel
from .projectlink import compact_rows

NAME, COLOR, KEY = 0, 1, 2


class SpeakersModel(ProjectListModel):
    list_name = "speakers"
    columns = ("Name", "Colour", "Key")

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (NAME, KEY):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.project.speakers):
            return None
        speaker = self.project.speakers[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME:
                return speaker.name
            if column == COLOR:
                return speaker.color
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Ctrl+{speaker.slot}" if speaker.slot else ""
            return str(speaker.slot or "")
        if role == Qt.ItemDataRole.DecorationRole and column == COLOR:
            return QColor(speaker.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return {NAME: "Double-click to rename (every turn follows)",
                    COLOR: "Double-click to choose a colour",
                    KEY: "Ctrl+<key> gives the current turn to this speaker"}[column]
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        speaker = self.project.speakers[index.row()]
        if index.column() == NAME:
            name = str(value).strip()
            if not name:
                self.problem.emit("A speaker needs a name.")
                return False
            if name == speaker.name:
                return False
            self.project.history.push(SetSpeakerField(self.project, speaker.id, "name", name))
            return True
        if index.column() == KEY:
            text = str(value).strip().removeprefix("Ctrl+")
            if text and text not in tuple("123456789"):
                self.problem.emit(f"\u201c{value}\u201d is not a key: use 1 to 9, or empty.")
                return False
            return self.set_slot(speaker.id, int(text) if text else None)
        return False

    def set_slot(self, speaker_id: str, slot: int | None) -> bool:
        """Give a speaker a key slot, taking it from whoever had it (one undo step)."""
        project = self.project
        if project.speaker(speaker_id).slot == slot:
            return False
        with project.history.macro("Change speaker key"):
            for other in project.speakers:
                if slot is not None and other.id != speaker_id and other.slot == slot:
                    project.history.push(SetSpeakerField(project, other.id, "slot", None))
            project.history.push(SetSpeakerField(project, speaker_id, "slot", slot))
        return True

    def set_color(self, speaker_id: str, color: str) -> None:
        if self.project.speaker(speaker_id).color != color:
            self.project.history.push(SetSpeakerField(self.project, speaker_id, "color", color))

    def add_speaker(self, name: str | None = None) -> int:
        """Add a speaker (with a free colour and key when there is one); returns its row."""
        project = self.project
        name = name or f"Speaker {len(project.speakers) + 1}"
        project.history.push(AddSpeaker(project, new_speaker(project, name)))
        return len(project.speakers) - 1

    def merge(self, source_id: str, target_id: str) -> None:
        self.project.history.push(MergeSpeakers(self.project, source_id, target_id))


class SpeakersPanel(QWidget):
    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.model = SpeakersModel(project, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                   QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLOR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._on_table_double_clicked)

        self.add_button = QPushButton("Add", self)
        self.color_button = QPushButton("Colour...", self)
        self.merge_button = QPushButton("Merge Into...", self)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.color_button.clicked.connect(self.choose_color)
        self.merge_button.clicked.connect(self.merge_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.color_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.hide()
        self.model.problem.connect(self._show_problem)
        hint = QLabel("Double-click a name to rename the speaker everywhere. "
                      "Key: Ctrl+1 ... Ctrl+9 gives the current turn to that speaker.", self)
        hint.setWordWrap(True)
        hint.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def set_project(self, project: Project) -> None:
        self.model.set_project(project)

    def selected_speaker(self) -> Speaker | None:
        index = self.table.currentIndex()
        speakers = self.model.project.speakers
        return speakers[index.row()] if index.isValid() and index.row() < len(speakers) else None

    def choose_color(self) -> None:
        speaker = self.selected_speaker()
        if speaker is None:
            return
        color = QColorDialog.getColor(QColor(speaker.color), self, f"Colour of {speaker.name}")
        if color.isValid():
            self.model.set_color(speaker.id, color.name())

    def merge_selected(self) -> None:
        source = self.selected_speaker()
        others = [s for s in self.model.project.speakers if source and s.id != source.id]
        if source is None or not others:
            return
        names = [s.name for s in others]
        name, ok = QInputDialog.getItem(
            self, "Merge Speakers",
            f"Give every turn of {source.name} to:", names, 0, False)
        if ok:
            self.model.merge(source.id, others[names.index(name)].id)

    def _on_add_clicked(self) -> None:
        row = self.model.add_speaker()
        index = self.model.index(row, NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _on_table_double_clicked(self, index) -> None:
        if index.column() == COLOR:
            self.choose_color()

    def _show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
