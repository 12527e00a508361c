"""The editor window and transcript after review: turn times kept in order, the
cursor after opening and after undo, find-bar and Esc focus, keys that follow the
keymap, undo inside text fields, audio that keeps playing after a bad Locate, the
last turn and an empty transcript, and labels that stay put."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from editor.core.commands import DeleteChapter, start_bounds
from editor.core.model import Project, Speaker, Turn
from editor.gui.transcript import TranscriptView

CTRL = Qt.KeyboardModifier.ControlModifier


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press where the user is typing (the focus widget)."""
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def focus_turn(qtbot, window, index: int, offset: int = 0) -> None:
    window.transcript.focus_turn(index, offset)
    qtbot.waitUntil(lambda: window.transcript.current_turn() == index)


def small_project(turns: int = 5) -> Project:
    project = Project()
    project.speakers = [Speaker("ann", "Ann", "#1f7ae0", 1), Speaker("bob", "Bob", "#d9480f", 2)]
    project.turns = [Turn(k * 4_000, ("ann", "bob")[k % 2], f"Turn {k} says something.",
                          estimated=k == 2)
                     for k in range(turns)]
    project.audio_duration = turns * 4_000
    return project


@pytest.fixture
def make_view(qtbot):
    def make(project: Project) -> TranscriptView:
        view = TranscriptView(project)
        qtbot.addWidget(view)
        view.resize(600, 300)
        view.show()
        qtbot.waitExposed(view)
        return view
    return make


def starts(project: Project) -> list[tuple[int, bool]]:
    return [(turn.start, turn.estimated) for turn in project.turns]


# -- 1. Ctrl+J never puts turns out of time order ----------------------------------------

def test_a_turn_start_outside_its_neighbours_changes_nothing_and_says_why(make_view, qtbot):
    project = small_project()
    view = make_view(project)
    view.focus_turn(2, 3)
    before = starts(project)
    with qtbot.waitSignal(view.problem) as blocker:
        view.set_current_turn_start(13_000)       # past turn 3's confirmed 12 s
    assert "cannot start" in blocker.args[0] and "\n" not in blocker.args[0]
    assert starts(project) == before and len(project.history) == 0


def test_ctrl_j_past_the_next_confirmed_turn_is_refused_in_the_status_bar(window, qtbot):
    project = window.project
    low, high = start_bounds(project, 4)
    focus_turn(qtbot, window, 4, 2)
    window.playback.seek(high + 5_000)
    before, steps = starts(project), len(project.history)
    press(Qt.Key.Key_J, CTRL)
    assert starts(project) == before and len(project.history) == steps
    message = window.statusBar().currentMessage()
    assert message.startswith("Turn 5 cannot start") and "between" in message


# -- 2. opening puts the cursor at the first turn ------------------------------------------

def test_set_project_puts_the_cursor_at_the_start_of_the_first_turn(make_view):
    view = make_view(small_project())
    view.set_project(small_project(200))
    assert (view.current_turn(), view.cursor_offset()) == (0, 0)
    assert view.editor.verticalScrollBar().value() == 0


def test_an_opened_project_acts_on_its_first_turn(window, qtbot):
    assert window.transcript.current_turn() == 0
    window.transcript.setFocus()
    turns = window.project.turns
    other = next(s for s in window.project.speakers if s.slot and s.id != turns[0].speaker)
    before = [turn.speaker for turn in turns]
    press(getattr(Qt.Key, f"Key_{other.slot}"), CTRL)
    assert [turn.speaker for turn in turns] == [other.id] + before[1:]


# -- 3. Enter in the replace field stays there --------------------------------------------

def test_enter_in_the_replace_field_keeps_replacing_there(window, qtbot):
    focus_turn(qtbot, window, 0)
    press(Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    QTest.keyClicks(bar.find_edit, "hive")
    bar.word_check.setChecked(True)
    bar.replace_edit.setFocus()
    QTest.keyClicks(bar.replace_edit, "colony")
    paragraphs = sum(turn.text.count("\n") for turn in window.project.turns)
    hives = sum(turn.text.count("hive") for turn in window.project.turns)
    for _ in range(4):
        press(Qt.Key.Key_Return)
        assert QApplication.focusWidget() is bar.replace_edit
    texts = [turn.text for turn in window.project.turns]
    assert sum(text.count("\n") for text in texts) == paragraphs
    assert sum(text.count("hive") for text in texts) == hives - 3   # first Enter finds


# -- 4. Embed Chapters follows the chapters -------------------------------------------------

def test_embed_chapters_is_enabled_only_while_there_are_chapters(window):
    action = window.actions_by_id["embed_chapters"]
    assert action.isEnabled()
    project = window.project
    with project.history.macro("Delete every chapter"):
        for index in reversed(range(len(project.chapters))):
            project.history.push(DeleteChapter(project, index))
    assert not action.isEnabled()
    window.actions_by_id["undo"].trigger()
    assert action.isEnabled()


# -- 5. split and merge keys come from the keymap only ----------------------------------------

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


def test_the_bare_view_leaves_ctrl_return_and_ctrl_backspace_to_the_window(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(1, len("Turn "))
    QTest.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
    view.focus_turn(3, 0)
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace, CTRL)
    assert [turn.text for turn in project.turns] == [turn.text for turn in small_project().turns]
    view.focus_turn(3, len("Turn 3"))
    QTest.keyClick(view.editor, Qt.Key.Key_Return)            # plain Return: a paragraph
    assert project.turns[3].text == "Turn 3\n says something." and len(project.turns) == 5


# -- 6. a bad Locate keeps the audio that played ------------------------------------------------

def test_locating_an_unplayable_file_keeps_the_working_audio(window, qtbot, tmp_path):
    audio = window.project.audio_path
    bad = tmp_path / "noise.mp3"
    bad.write_bytes(b"this is not audio\n" * 200)
    window.playback.seek(20_000)
    assert not window.locate_audio(bad)
    assert window.project.audio_path == audio and not window.project.history.can_undo
    assert "noise.mp3 cannot be played" in window.message_bar.text()
    assert window.playback.has_media and window.actions_by_id["play_pause"].isEnabled()
    assert abs(window.playback.position_ms() - 20_000) <= 300
    qtbot.wait(100)                           # the failed load's own report arrives
    assert "noise.mp3 cannot be played" in window.message_bar.text()
    window.playback.play()
    qtbot.waitUntil(lambda: window.playback.position_ms() > 20_500, timeout=4000)
    window.playback.pause()


# -- 7. the last turn, and an empty transcript ------------------------------------------------

def test_typing_into_an_empty_transcript_starts_the_first_turn(make_view):
    project = small_project(0)
    view = make_view(project)
    assert not view.editor.isReadOnly() and view.editor.placeholderText()
    view.editor.setFocus()
    QTest.keyClicks(view.editor, "Hi there")
    assert [(t.start, t.speaker, t.text) for t in project.turns] == [(0, "ann", "Hi there")]
    assert view.editor.toPlainText() == "Hi there"
    assert (view.current_turn(), view.cursor_offset()) == (0, len("Hi there"))
    while project.history.undo():
        pass
    assert project.turns == [] and view.editor.toPlainText() == ""


def test_an_input_method_commit_into_an_empty_transcript_starts_the_first_turn(make_view):
    project = small_project(0)
    view = make_view(project)
    view.editor.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("Grüße")
    QApplication.sendEvent(view.editor, event)
    assert [turn.text for turn in project.turns] == ["Grüße"]
    assert view.editor.toPlainText() == "Grüße"


def test_the_only_turn_cannot_be_deleted_and_an_empty_window_takes_typing(make_window, qtbot):
    window = make_window()
    assert window.project.turns == []
    window.transcript.setFocus()
    QTest.keyClicks(QApplication.focusWidget(), "Welcome")
    assert [turn.text for turn in window.project.turns] == ["Welcome"]
    assert window.transcript.current_turn() == 0
    delete = window.actions_by_id["delete_turn"]
    assert not delete.isEnabled()
    window.transcript.split_at_cursor()
    window.transcript.focus_turn(0, 0)
    assert delete.isEnabled()


# -- 8. Ctrl+Z inside a field with its own typing ---------------------------------------------

def test_ctrl_z_in_a_new_chapter_title_undoes_the_typing_first(window, qtbot):
    project = window.project
    count = len(project.chapters)
    focus_turn(qtbot, window, 2)
    press(Qt.Key.Key_M, CTRL)
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
    press(Qt.Key.Key_M, CTRL)
    assert window.chapters_panel.table.state() == QAbstractItemView.State.EditingState
    press(Qt.Key.Key_Z, CTRL)
    assert len(project.chapters) == count and not project.history.can_undo


# -- 9. Esc in the find bar and in item editors ------------------------------------------------

def test_esc_in_the_find_bar_closes_it_and_returns_to_the_transcript(window, qtbot):
    focus_turn(qtbot, window, 1)
    press(Qt.Key.Key_F, CTRL)
    QTest.keyClicks(window.find_bar.find_edit, "bees")
    press(Qt.Key.Key_Escape)
    assert window.find_bar.isHidden() and not window.playback.is_playing
    assert window.transcript.isAncestorOf(QApplication.focusWidget())


def test_esc_in_a_table_editor_cancels_the_edit(window, qtbot):
    project = window.project
    focus_turn(qtbot, window, 2)
    press(Qt.Key.Key_M, CTRL)
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


# -- 10. undo and redo show where they changed the text ------------------------------------------

def test_undo_and_redo_put_the_cursor_where_the_text_changed(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, len("Turn 3"))
    QTest.keyClicks(view.editor, "!!")
    view.focus_turn(0, 0)
    project.history.undo()
    assert (view.current_turn(), view.cursor_offset()) == (3, len("Turn 3"))
    view.focus_turn(1, 2)
    project.history.redo()
    assert (view.current_turn(), view.cursor_offset()) == (3, len("Turn 3"))
    assert project.turns[3].text == "Turn 3!! says something."


# -- 11. the Play / Pause menu item keeps its label ------------------------------------------------

def test_play_pause_keeps_its_menu_label_while_the_button_says_what_it_does(window, qtbot):
    action = window.actions_by_id["play_pause"]
    button = window.transport.buttons["play_pause"]
    assert button.text() == "Play"
    window.playback.play()
    assert button.text() == "Pause" and action.text() == "&Play / Pause"
    window.playback.pause()
    assert button.text() == "Play" and action.text() == "&Play / Pause"


# -- a second look ------------------------------------------------------------------------

def test_a_failed_locate_while_playing_plays_on(window, qtbot, tmp_path):
    bad = tmp_path / "noise.mp3"
    bad.write_bytes(b"this is not audio\n" * 200)
    window.playback.play()
    qtbot.waitUntil(lambda: window.playback.position_ms() > 300, timeout=4000)
    assert not window.locate_audio(bad)
    assert window.playback.is_playing
    start = window.playback.position_ms()
    qtbot.waitUntil(lambda: window.playback.position_ms() > start + 300, timeout=4000)
    window.playback.pause()


def test_keypad_enter_with_ctrl_splits_like_ctrl_return(window, qtbot):
    focus_turn(qtbot, window, 2, 5)
    before = len(window.project.turns)
    press(Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    assert len(window.project.turns) == before + 1


def test_closing_the_window_stops_a_waveform_read(make_window, sample_copy, qtbot, monkeypatch):
    import threading
    from editor.audio import waveform as audio_waveform
    started, stopped = threading.Event(), threading.Event()

    def slow(path, *, cancel=None, progress=None, **_options):
        started.set()
        if cancel.wait(10):
            stopped.set()
        raise audio_waveform.WaveformCancelled("cancelled")

    monkeypatch.setattr(audio_waveform, "waveform_peaks", slow)
    window = make_window(sample_copy)
    assert started.wait(5)
    window.close()
    assert stopped.wait(3), "the read went on after the window closed"
