"""The chapters panel marks the chapter being played and follows it; its time
editor stays inside its column; its times have the episode's one width."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from editor.core.commands import AddChapter, DeleteChapter, MoveChapter
from editor.core.model import Chapter, Project
from editor.gui.chapters import TIME, TITLE, ChaptersPanel


@pytest.fixture
def panel(qtbot):
    project = Project()
    project.chapters = [Chapter(i * 60_000, f"Part {i}") for i in range(40)]
    project.audio_duration = 40 * 60_000
    panel = ChaptersPanel(project)
    qtbot.addWidget(panel)
    panel.resize(360, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def marked_rows(panel: ChaptersPanel) -> list[int]:
    model = panel.model
    rows = []
    for row in range(model.rowCount()):
        font = model.data(model.index(row, TITLE), Qt.ItemDataRole.FontRole)
        icon = model.data(model.index(row, TITLE), Qt.ItemDataRole.DecorationRole)
        bold = isinstance(font, QFont) and font.bold()
        assert bold == (icon is not None), "the mark is both bold and the play marker"
        if bold:
            rows.append(row)
    return rows


def row_in_view(panel: ChaptersPanel, row: int) -> bool:
    rect = panel.table.visualRect(panel.model.index(row, TITLE))
    return rect.isValid() and panel.table.viewport().rect().contains(rect)


def test_the_chapter_being_played_is_marked_and_followed(panel):
    assert marked_rows(panel) == []
    panel.set_playhead(90_000)
    assert marked_rows(panel) == [1]
    panel.set_playhead(35 * 60_000 + 5_000)
    assert marked_rows(panel) == [35]
    assert row_in_view(panel, 35)
    panel.set_playhead(2_000)
    assert marked_rows(panel) == [0] and row_in_view(panel, 0)


def test_the_mark_follows_chapters_added_and_deleted(panel):
    project = panel.model.project
    panel.set_playhead(90_000)
    project.history.push(AddChapter(project, Chapter(80_000, "Inserted")))
    assert marked_rows(panel) == [2]
    project.history.push(DeleteChapter(project, 2))
    assert marked_rows(panel) == [1]


def test_the_mark_does_not_move_the_selection(panel):
    panel.table.selectRow(3)
    panel.set_playhead(10 * 60_000)
    assert panel.selected_row() == 3


def test_the_time_editor_stays_inside_its_column(panel, qtbot):
    project = panel.model.project
    # Milliseconds make the longest edit text.
    project.history.push(MoveChapter(project, 1, 61_500))
    table = panel.table
    index = panel.model.index(1, TIME)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    qtbot.wait(20)
    cell = table.visualRect(index)
    assert editor.geometry().left() >= cell.left()
    assert editor.geometry().right() <= cell.right(), (editor.geometry(), cell)
    assert editor.text() == "01:01.500"
    text_width = editor.fontMetrics().horizontalAdvance(editor.text())
    assert text_width <= editor.contentsRect().width() - 2, "the edited time is cut off"


def test_an_episode_over_an_hour_shows_every_chapter_time_with_hours(panel):
    project = panel.model.project
    model = panel.model
    assert model.data(model.index(1, TIME)) == "01:00"
    project.history.push(AddChapter(project, Chapter(3_725_000, "Late")))
    assert [model.data(model.index(r, TIME)) for r in (0, 1, 40)] == \
        ["0:00:00", "0:01:00", "1:02:05"]


@pytest.mark.parametrize("text, base", [("#111111", "#ffffff"), ("#e6e6e6", "#16181c")])
def test_the_play_marker_has_the_text_colour_of_light_and_dark_palettes(panel, text, base):
    app = QApplication.instance()
    saved = app.palette()
    palette = QPalette(saved)
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    app.setPalette(palette)
    try:
        panel.set_playhead(90_000)
        icon = panel.model.data(panel.model.index(1, TITLE), Qt.ItemDataRole.DecorationRole)
        image = icon.pixmap(16, 16).toImage()
        middle = image.pixelColor(image.width() // 3, image.height() // 2)
        assert middle.name() == text
    finally:
        app.setPalette(saved)
