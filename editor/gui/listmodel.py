"""A Qt table model over one of the project's lists, following its notifications.

The core announces every change to ``chapters`` or ``speakers`` in about-to/done
pairs; :class:`ProjectListModel` turns each into the matching Qt call
(about_to_insert -> beginInsertRows, moved -> endMoveRows, changed ->
dataChanged), so views and pytest-qt's model tester see a consistent model.
Subclasses name the list and the columns and implement data/flags/setData.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from editor.core.model import Project

from .projectlink import ProjectLink


class ProjectListModel(QAbstractTableModel):
    problem = Signal(str)   # an edit that was refused, said in one line

    list_name = ""          # "chapters" or "speakers"
    columns: tuple[str, ...] = ()

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self._link = ProjectLink()
        self.project = project
        self._connect(project)

    def set_project(self, project: Project) -> None:
        self.beginResetModel()
        self._link.disconnect_all()
        self.project = project
        self._connect(project)
        self.endResetModel()

    def items(self) -> list:
        return getattr(self.project, self.list_name)

    def _connect(self, project: Project) -> None:
        def signal(event: str):
            return getattr(project, f"{self.list_name}_{event}")

        link = self._link
        link.connect(signal("about_to_insert"),
                     lambda first, last: self.beginInsertRows(QModelIndex(), first, last))
        link.connect(signal("inserted"), lambda first, last: self.endInsertRows())
        link.connect(signal("about_to_remove"),
                     lambda first, last: self.beginRemoveRows(QModelIndex(), first, last))
        link.connect(signal("removed"), lambda first, last: self.endRemoveRows())
        link.connect(signal("changed"), lambda first, last: self.dataChanged.emit(
            self.index(first, 0), self.index(last, len(self.columns) - 1)))
        if hasattr(project, f"{self.list_name}_about_to_move"):
            link.connect(signal("about_to_move"), self._on_project_about_to_move)
            link.connect(signal("moved"), lambda src, dst: self.endMoveRows())

    def _on_project_about_to_move(self, src: int, dst: int) -> None:
        # Qt counts the destination before the move: moving down lands before dst + 1.
        self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), dst + 1 if dst > src else dst)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return None
