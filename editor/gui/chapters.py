"""The chapters panel: a table model over ``project.chapters`` and its panel.

:class:`ChaptersModel` translates the core's chapter notifications one to one
(through :class:`~editor.gui.listmodel.ProjectListModel`). Edits go through
core commands: a new time is a MoveChapter (the list stays sorted), a new title a
SetChapterField. A time that does not parse changes nothing; the model emits
``problem(message)`` instead. Times have the episode's one width
(:meth:`~editor.core.model.Project.clock`), and the chapter being played is
marked (bold, with a play marker).

:class:`ChaptersPanel` shows the table (click a time: ``seek_requested(ms)``), the
selected chapter's URL, image and hidden-from-list flag, and Add / Delete buttons.
Given the playhead (``set_playhead``), it marks the chapter being played and
keeps it in view, as the transcript follows the turn being played; the selection
stays the user's. A time is edited in a line edit that keeps to its column.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (QAction, QFont, QFontMetrics, QIcon, QKeySequence, QPainter,
                           QPalette, QPixmap, QPolygonF)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from editor.core.commands import AddChapter, DeleteChapter, MoveChapter, SetChapterField
from editor.core.model import Chapter, Project
from editor.core.timecode import TimeError, format_hms_ms, parse_time

from .listmodel import ProjectListModel
from .projectlink import ProjectLink, compact_rows

TIME, TITLE = 0, 1
NEW_CHAPTER_TITLE = "New chapter"
EDIT_MARGIN = 4        # px a line edit keeps around its text


class ChaptersModel(ProjectListModel):
    list_name = "chapters"
    columns = ("Time", "Title")

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(project, parent)
        self.playing = -1          # the row of the chapter being played
        self._markers: dict[tuple[int, int], QIcon] = {}

    def set_playing(self, row: int) -> None:
        """Mark ``row`` as the chapter being played (-1: none)."""
        old, self.playing = self.playing, row
        for changed in {old, row}:
            if 0 <= changed < self.rowCount():
                self.dataChanged.emit(self.index(changed, TIME), self.index(changed, TITLE),
                                      [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole])

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemIsEditable

    def edit_time(self, ms: int) -> str:
        """A chapter's time as it is edited: as shown, with milliseconds if any."""
        return self.project.clock(ms) + (f".{ms % 1000:03d}" if ms % 1000 else "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.project.chapters):
            return None
        chapter = self.project.chapters[index.row()]
        column = index.column()
        playing = index.row() == self.playing
        if role == Qt.ItemDataRole.DisplayRole:
            return self.project.clock(chapter.start) if column == TIME else chapter.title
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_time(chapter.start) if column == TIME else chapter.title
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TIME:
                return f"{format_hms_ms(chapter.start)} - click to play from here"
            return (chapter.title + ("" if chapter.toc else " (hidden from the chapter list)")
                    + (" - playing" if playing else ""))
        if role == Qt.ItemDataRole.FontRole and (playing or not chapter.toc):
            font = QFont()
            font.setItalic(not chapter.toc)
            font.setBold(playing)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and playing:
            return self._play_marker()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _play_marker(self) -> QIcon:
        """A triangle in the palette's text colour: the style's own media icon is
        dark on every palette, and vanished on a dark one."""
        color = QApplication.palette().color(QPalette.ColorRole.Text)
        size = max(8, QFontMetrics(QApplication.font()).height() * 3 // 5)
        key = (color.rgba(), size)
        if key not in self._markers:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(QPolygonF([QPointF(1, 0), QPointF(size - 1, size / 2),
                                           QPointF(1, size)]))
            painter.end()
            self._markers[key] = QIcon(pixmap)
        return self._markers[key]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, project = index.row(), self.project
        if index.column() == TIME:
            try:
                start = parse_time(str(value))
            except TimeError:
                self.problem.emit(f"\u201c{value}\u201d is not a time: type it like 1:05, "
                                  "01:02:07 or 00:05:12.500")
                return False
            if start == project.chapters[row].start:
                return False
            project.history.push(MoveChapter(project, row, start))
            return True
        title = str(value).strip()
        if title == project.chapters[row].title:
            return False
        project.history.push(SetChapterField(project, row, "title", title))
        return True

    def add_chapter(self, start: int, title: str = NEW_CHAPTER_TITLE) -> int:
        """Add a chapter at ``start`` ms; returns its row."""
        command = AddChapter(self.project, Chapter(start=start, title=title))
        self.project.history.push(command)
        return command.index


class TimeDelegate(QStyledItemDelegate):
    """Edits a time in a plain line edit: the default editor grows with its text
    and covered the title beside it."""

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt override)
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802 (Qt override)
        editor.setGeometry(option.rect)

    def sizeHint(self, option, index):  # noqa: N802 (Qt override)
        # Wide enough for the time as edited (with its milliseconds), not only as
        # shown, so the editor that keeps to the column shows all it holds.
        size = super().sizeHint(option, index)
        edited = index.data(Qt.ItemDataRole.EditRole) or ""
        wanted = option.fontMetrics.horizontalAdvance(str(edited)) + 4 * EDIT_MARGIN
        size.setWidth(max(size.width(), wanted))
        return size


class ChaptersPanel(QWidget):
    seek_requested = Signal(int)
    problem = Signal(str)

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.model = ChaptersModel(project, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(TIME, TimeDelegate(self.table))
        self.table.clicked.connect(self._on_table_clicked)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, previous: self._show_selected())

        delete = QAction("Delete Chapter", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)

        self.add_button = QPushButton("Add at Playhead", self)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://... (optional)")
        self.image_edit = QLineEdit(self)
        self.image_edit.setPlaceholderText("image URL or file (optional)")
        self.hidden_check = QCheckBox("Hidden from the chapter list", self)
        self.url_edit.editingFinished.connect(lambda: self._set_field("url", self.url_edit))
        self.image_edit.editingFinished.connect(
            lambda: self._set_field("image", self.image_edit))
        self.hidden_check.clicked.connect(self._on_hidden_check_clicked)
        form = QFormLayout()
        form.addRow("URL:", self.url_edit)
        form.addRow("Image:", self.image_edit)
        form.addRow("", self.hidden_check)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.hide()
        self.model.problem.connect(self._show_problem)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addLayout(form)

        self._playhead = -1
        self._link = ProjectLink()
        self._connect(project)
        self._show_selected()

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self.model.set_project(project)
        self._connect(project)
        self._show_selected()
        self._mark_playing(follow=False)

    def _connect(self, project: Project) -> None:
        self._link.connect(project.chapters_changed, lambda first, last: self._show_selected())
        self._link.connect(project.chapters_removed, lambda first, last: self._show_selected())
        # Rows that come, go or move change which row is being played.
        for signal in (project.chapters_inserted, project.chapters_removed,
                       project.chapters_moved, project.chapters_changed):
            self._link.connect(signal, lambda *_: self._mark_playing(follow=False))
        self._link.connect(project.audio_changed, self._on_project_audio_changed)

    def _on_project_audio_changed(self) -> None:
        # The audio's length may have changed every time's width.
        model = self.model
        if model.rowCount():
            model.dataChanged.emit(model.index(0, TIME), model.index(model.rowCount() - 1, TIME))

    # -- the chapter being played ------------------------------------------------------

    def set_playhead(self, ms: int) -> None:
        """Mark the chapter playing at ``ms`` and keep it in view."""
        self._playhead = ms
        self._mark_playing(follow=True)

    def _mark_playing(self, follow: bool) -> None:
        project = self.model.project
        row = project.chapter_at(self._playhead) if self._playhead >= 0 else -1
        if row == self.model.playing:
            return
        self.model.set_playing(row)
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if follow and row >= 0 and not editing:
            self.table.scrollTo(self.model.index(row, TITLE),
                                QAbstractItemView.ScrollHint.EnsureVisible)

    # -- actions --------------------------------------------------------------------

    def add_at(self, ms: int) -> None:
        """Add a chapter at ``ms`` and start editing its title."""
        row = self.model.add_chapter(ms)
        index = self.model.index(row, TITLE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.table.edit(index)

    def selected_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row >= 0:
            project = self.model.project
            project.history.push(DeleteChapter(project, row))

    # -- handlers ---------------------------------------------------------------------

    def _on_table_clicked(self, index) -> None:
        if index.column() == TIME:
            self.seek_requested.emit(self.model.project.chapters[index.row()].start)

    def _show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.problem.emit(message)

    def _show_selected(self) -> None:
        row = self.selected_row()
        chapters = self.model.project.chapters
        chapter = chapters[row] if 0 <= row < len(chapters) else None
        for widget in (self.url_edit, self.image_edit, self.hidden_check, self.delete_button):
            widget.setEnabled(chapter is not None)
        self.url_edit.setText(chapter.url or "" if chapter else "")
        self.image_edit.setText(chapter.image or "" if chapter else "")
        self.hidden_check.setChecked(bool(chapter and not chapter.toc))
        self.message.hide()

    def _set_field(self, field: str, edit: QLineEdit) -> None:
        row = self.selected_row()
        project = self.model.project
        if row < 0 or row >= len(project.chapters):
            return
        value = edit.text().strip() or None
        if getattr(project.chapters[row], field) != value:
            project.history.push(SetChapterField(project, row, field, value))

    def _on_hidden_check_clicked(self, checked: bool) -> None:
        row = self.selected_row()
        project = self.model.project
        if 0 <= row < len(project.chapters):
            project.history.push(SetChapterField(project, row, "toc", not checked))

