"""The chapters model and panel: Qt's model rules (qtmodeltester), one-to-one
tracking of the core's chapter signals, editing times and titles in place, the
URL / image / hidden fields, delete, and undo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.core.commands import AddChapter, DeleteChapter, MoveChapter
from editor.core.model import Chapter, Project
from editor.gui.chapters import TIME, TITLE, ChaptersModel, ChaptersPanel


@pytest.fixture
def project() -> Project:
    project = Project()
    project.chapters = [Chapter(0, "Intro"), Chapter(60_000, "Middle"),
                        Chapter(120_000, "End", toc=False)]
    return project


def titles(project: Project) -> list[str]:
    return [c.title for c in project.chapters]


def test_the_model_passes_qtmodeltester_through_every_change(qtmodeltester, project):
    model = ChaptersModel(project)
    qtmodeltester.check(model, force_py=True)
    history = project.history
    history.push(AddChapter(project, Chapter(30_000, "Added")))
    history.push(MoveChapter(project, 0, 90_000))        # first row moves down
    history.push(MoveChapter(project, 3, 1_000))         # a later row moves up
    history.push(DeleteChapter(project, 1))
    while history.undo():
        pass
    assert titles(project) == ["Intro", "Middle", "End"]
    assert [model.data(model.index(r, TITLE)) for r in range(3)] == titles(project)


def test_editing_a_time_keeps_the_list_sorted_and_undoes(qtbot, project):
    model = ChaptersModel(project)
    assert model.setData(model.index(0, TIME), "1:30")
    assert titles(project) == ["Middle", "Intro", "End"]
    assert model.data(model.index(1, TIME)) == "01:30"
    assert model.data(model.index(1, TIME), Qt.ItemDataRole.EditRole) == "01:30"
    project.history.undo()
    assert titles(project) == ["Intro", "Middle", "End"]


def test_a_bad_time_changes_nothing_and_says_why(qtbot, project):
    model = ChaptersModel(project)
    with qtbot.waitSignal(model.problem) as blocker:
        assert not model.setData(model.index(1, TIME), "half past one")
    assert "half past one" in blocker.args[0] and "not a time" in blocker.args[0]
    assert project.chapters[1].start == 60_000
    assert not project.history.can_undo


def test_editing_a_title(qtbot, project):
    model = ChaptersModel(project)
    assert model.setData(model.index(2, TITLE), "  Goodbye ")
    assert project.chapters[2].title == "Goodbye"
    assert project.history.undo_text == "Rename chapter"


def test_hidden_chapters_show_in_italics(project):
    model = ChaptersModel(project)
    assert model.data(model.index(2, TITLE), Qt.ItemDataRole.FontRole).italic()
    assert model.data(model.index(0, TITLE), Qt.ItemDataRole.FontRole) is None


def test_the_panel_edits_url_image_and_hidden_of_the_selected_chapter(qtbot, project):
    panel = ChaptersPanel(project)
    qtbot.addWidget(panel)
    panel.table.setCurrentIndex(panel.model.index(1, TITLE))
    assert panel.url_edit.isEnabled()
    panel.url_edit.setText("https://example.com/middle")
    panel.url_edit.editingFinished.emit()
    panel.image_edit.setText("middle.jpg")
    panel.image_edit.editingFinished.emit()
    panel.hidden_check.click()
    chapter = project.chapters[1]
    assert (chapter.url, chapter.image, chapter.toc) == \
        ("https://example.com/middle", "middle.jpg", False)
    project.history.undo()
    assert chapter.toc and not panel.hidden_check.isChecked()
    panel.delete_selected()
    assert titles(project) == ["Intro", "End"]
    project.history.undo()
    assert titles(project) == ["Intro", "Middle", "End"]


def test_the_panel_follows_another_project(qtbot, project):
    panel = ChaptersPanel(project)
    qtbot.addWidget(panel)
    other = Project()
    other.chapters = [Chapter(5_000, "Only")]
    panel.set_project(other)
    assert panel.model.rowCount() == 1
    project.history.push(AddChapter(project, Chapter(1, "Old project")))
    assert panel.model.rowCount() == 1       # no longer listening to the old one
