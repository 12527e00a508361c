"""Key routing in the editor window: the window's keys win over text fields
(and follow the keymap), while Esc and undo stay with the field that has a use for
them; Ctrl+Backspace away from a turn's start keeps its delete-word meaning."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication
from window_input import focus_turn, press

CTRL = Qt.KeyboardModifier.ControlModifier


def edit_new_chapter_title(window) -> None:
    """Add a chapter with the list's button, which goes on to its title."""
    QTest.mouseClick(window.chapters_panel.add_button, Qt.MouseButton.LeftButton)
    assert window.chapters_panel.table.state() == QAbstractItemView.State.EditingState


def test_rebound_split_and_merge_keys_replace_the_old_ones(window, qtbot):
    keymap = window.settings.keymap()
    keymap["split_turn"], keymap["merge_with_previous"] = ["F9"], ["F10"]
    window.settings.set_keymap(keymap)
    window.settings.changed.emit()
    project = window.project
    count, text = len(project.turns), project.turns[3].text
    cut = text.index(" ", 10) + 1
    focus_turn(qtbot, window, 3, cut)
    press(Qt.Key.Key_Return, CTRL)
    assert len(project.turns) == count and project.turns[3].text == text
    press(Qt.Key.Key_F9)
    assert len(project.turns) == count + 1 and project.turns[4].text == text[cut:]

    focus_turn(qtbot, window, 4, 0)
    press(Qt.Key.Key_Backspace, CTRL)
    assert len(project.turns) == count + 1
    end = len(project.turns[4].text)
    focus_turn(qtbot, window, 4, end)
    press(Qt.Key.Key_F10)                       # not at a start: the key's own meaning
    assert len(project.turns) == count + 1 and len(project.turns[4].text) == end
    press(Qt.Key.Key_Backspace, CTRL)           # still deletes a word in the text
    assert len(project.turns[4].text) < end
    focus_turn(qtbot, window, 4, 0)
    press(Qt.Key.Key_F10)
    assert len(project.turns) == count


def test_keypad_enter_with_ctrl_splits_like_ctrl_return(window, qtbot):
    focus_turn(qtbot, window, 2, 5)
    before = len(window.project.turns)
    press(Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    assert len(window.project.turns) == before + 1


def test_ctrl_z_in_a_new_chapter_title_undoes_the_typing_first(window, qtbot):
    project = window.project
    count = len(project.chapters)
    focus_turn(qtbot, window, 2)
    edit_new_chapter_title(window)
    table = window.chapters_panel.table
    assert table.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, "Swarms")
    press(Qt.Key.Key_Z, CTRL)
    assert len(project.chapters) == count + 1
    assert table.state() == QAbstractItemView.State.EditingState
    assert "Swarms" not in editor.text()
    press(Qt.Key.Key_Y, CTRL)
    assert editor.text() == "Swarms"
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(c.title == "Swarms" for c in project.chapters))
    press(Qt.Key.Key_Z, CTRL)                  # nothing left in a field: the project's undo
    assert project.history.undo_text == "Add chapter"


def test_ctrl_z_in_an_untouched_chapter_title_is_the_projects_undo(window, qtbot):
    project = window.project
    count = len(project.chapters)
    focus_turn(qtbot, window, 2)
    edit_new_chapter_title(window)
    assert window.chapters_panel.table.state() == QAbstractItemView.State.EditingState
    press(Qt.Key.Key_Z, CTRL)
    assert len(project.chapters) == count and not project.history.can_undo


def test_esc_in_the_find_bar_plays_and_pauses_and_the_bar_stays(window, qtbot):
    focus_turn(qtbot, window, 1)
    press(Qt.Key.Key_F, CTRL)
    QTest.keyClicks(window.find_bar.find_edit, "bees")
    press(Qt.Key.Key_Escape)
    assert window.playback.is_playing
    assert window.find_bar.isVisible() and QApplication.focusWidget() is window.find_bar.find_edit
    press(Qt.Key.Key_Escape)
    assert not window.playback.is_playing and window.find_bar.find_edit.text() == "bees"


def test_esc_that_leaves_the_menu_bar_does_not_also_play(window, qtbot):
    focus_turn(qtbot, window, 1)
    menu_bar = window.menuBar()
    typing_in = QApplication.focusWidget()
    QTest.keyPress(typing_in, Qt.Key.Key_Alt, Qt.KeyboardModifier.AltModifier)   # Alt alone:
    QTest.keyRelease(typing_in, Qt.Key.Key_Alt)                                   # the menu bar
    qtbot.waitUntil(lambda: QApplication.focusWidget() is menu_bar)
    QTest.keyClick(menu_bar, Qt.Key.Key_Escape)
    assert not window.playback.is_playing
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not menu_bar)
    press(Qt.Key.Key_Escape)                    # back where the user was: it plays
    assert window.playback.is_playing
    window.playback.pause()


def test_esc_in_a_table_editor_cancels_the_edit(window, qtbot):
    project = window.project
    focus_turn(qtbot, window, 2)
    edit_new_chapter_title(window)
    table = window.chapters_panel.table
    QTest.keyClicks(QApplication.focusWidget(), "Swarms")
    press(Qt.Key.Key_Escape)
    assert table.state() != QAbstractItemView.State.EditingState
    assert not window.playback.is_playing
    assert not any(c.title == "Swarms" for c in project.chapters)
    table.setFocus()
    press(Qt.Key.Key_Escape)                    # outside an editor: play and pause
    assert window.playback.is_playing
    window.playback.pause()


def test_merge_from_the_menu_never_replays_an_earlier_key(window, qtbot):
    """Ctrl+Backspace at a turn start merges and is used up: Merge chosen from the
    menu later, away from a start, leaves the text alone (no word deleted)."""
    project = window.project
    focus_turn(qtbot, window, 3, 0)
    count = len(project.turns)
    press(Qt.Key.Key_Backspace, CTRL)
    assert len(project.turns) == count - 1
    end = len(project.turns[3].text)
    focus_turn(qtbot, window, 3, end)
    window.actions_by_id["merge_with_previous"].trigger()
    assert len(project.turns) == count - 1 and len(project.turns[3].text) == end
