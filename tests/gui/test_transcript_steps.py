"""Undo steps of typing in the transcript, and where a split's new turn starts:
a step ends at a new paragraph and at a cursor jump; a split made while the
playhead is inside the turn starts the new turn at the playhead."""
from __future__ import annotations

import pytest
from projects import small_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.core.model import Project, Speaker, Turn
from editor.gui.transcript import TranscriptView


@pytest.fixture
def make_view(qtbot):
    def make(project: Project) -> TranscriptView:
        view = TranscriptView(project)
        qtbot.addWidget(view)
        view.resize(700, 400)
        view.show()
        qtbot.waitExposed(view)
        return view
    return make


def type_text(widget, text: str) -> None:
    for char in text:
        QTest.keyClick(widget, char)


def test_typing_on_without_moving_stays_one_step(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, 3)
    type_text(view.editor, "xyz")
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace)
    type_text(view.editor, "w")
    assert len(project.history) == 1


def test_a_new_paragraph_ends_a_typing_step(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, len(project.turns[0].text))
    type_text(view.editor, " Hi")
    QTest.keyClick(view.editor, Qt.Key.Key_Return)
    type_text(view.editor, "Next")
    assert project.turns[0].text == "Welcome back to the show. Hi\nNext"
    project.history.undo()
    assert project.turns[0].text == "Welcome back to the show. Hi"
    project.history.undo()
    assert project.turns[0].text == "Welcome back to the show."


@pytest.mark.parametrize("jump", ["click", "arrow"])
def test_a_cursor_jump_in_the_same_turn_ends_a_typing_step(make_view, jump):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, 3)
    type_text(view.editor, "xyz")
    if jump == "click":
        view.focus_turn(3, len(project.turns[3].text))
    else:
        QTest.keyClick(view.editor, Qt.Key.Key_End)
    type_text(view.editor, "!")
    assert project.turns[3].text == "Bigxyz news indeed, really big.!"
    project.history.undo()
    assert project.turns[3].text == "Bigxyz news indeed, really big."


def fresh_project() -> Project:
    """What a project made from audio alone looks like once someone types."""
    project = Project()
    project.speakers = [Speaker("s1", "Speaker 1", "#2563eb", 1)]
    project.turns = [Turn(0, "s1", "Hello and welcome. Today we talk about rain.")]
    project.audio_duration = 189_000
    return project


def test_split_while_playing_inside_the_turn_starts_the_new_turn_at_the_playhead(make_view):
    project = fresh_project()
    view = make_view(project)
    view.set_playhead(7_000)
    view.focus_turn(0, project.turns[0].text.index("Today"))
    view.split_at_cursor()
    assert [(t.start, t.estimated, t.text) for t in project.turns] == [
        (0, False, "Hello and welcome."), (7_000, True, "Today we talk about rain.")]
    assert view.gutter.time_text(1) == "~00:07"


def test_split_with_the_playhead_elsewhere_stays_inside_the_turn(make_view):
    project = small_project()
    view = make_view(project)
    view.set_playhead(50_000)             # in another turn
    view.focus_turn(1, len("Thanks for having"))
    view.split_at_cursor()
    assert 4_000 < project.turns[2].start < 12_000


def test_an_empty_transcripts_hint_sits_on_the_cursors_line(make_view, qtbot):
    project = Project()
    project.speakers = [Speaker("s1", "Speaker 1")]
    view = make_view(project)
    view.editor.setFocus()
    qtbot.wait(50)
    image = view.editor.viewport().grab().toImage()
    base = image.pixelColor(image.width() - 1, image.height() - 1)
    cursor = view.editor.cursorRect()
    inked = [y for y in range(image.height())
             if any(image.pixelColor(x, y) != base for x in range(cursor.right() + 2, 300))]
    assert inked, "the hint is not painted"
    assert cursor.top() <= min(inked) and max(inked) <= cursor.bottom(), (inked, cursor)
