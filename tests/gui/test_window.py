"""The editor window on the sample episode: opening, playback in sync with the
transcript, the keyboard map (real key events), undo/redo, find and replace,
speakers, saving, the unsaved-changes question and audio problems."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from editor.core.commands import start_bounds
from editor.core.projectdump import project_to_data
from editor.core.projectfile import load_project
from window_input import focus_turn

PLAYHEAD_TOLERANCE_MS = 300
CTRL = Qt.KeyboardModifier.ControlModifier


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press where the user is typing (the focus widget)."""
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


def starts(project) -> list[tuple[int, bool]]:
    return [(turn.start, turn.estimated) for turn in project.turns]


def test_the_sample_opens_with_its_audio(window, sample_copy):
    expected = load_project(sample_copy)
    assert sample_copy.name in window.windowTitle()
    assert not window.isWindowModified()
    assert project_to_data(window.project) == project_to_data(expected)
    assert window.chapters_panel.model.rowCount() == len(expected.chapters)
    assert window.speakers_panel.model.rowCount() == len(expected.speakers)
    assert window.episode_panel.edits["title"].text() == expected.episode.title
    assert window.message_bar.isHidden()
    assert window.transport.slider.maximum() == window.playback.duration_ms() > 0
    assert window.status_line.turns_label.text() == f"{len(expected.turns)} turns"
    assert window.actions_by_id["play_pause"].isEnabled()


def test_play_advances_the_position(window, qtbot):
    window.playback.play()
    qtbot.waitUntil(lambda: window.playback.position_ms() > 500, timeout=4000)
    assert window.transport.slider.value() > 0
    window.playback.pause()


def turn_time_point(window, index: int) -> QPoint:
    """Where turn ``index``'s time is drawn in the transcript's gutter."""
    gutter = window.transcript.gutter
    x = round(gutter.time_rect(0, 1).center().x())
    for y in range(gutter.height()):
        if gutter.hit(QPoint(x, y)) == ("time", index):
            return QPoint(x, y)
    raise AssertionError(f"turn {index}'s time is not on screen")


def test_clicking_a_turn_time_seeks_there(window, qtbot):
    turn = window.project.turns[5]
    QTest.mouseClick(window.transcript.gutter, Qt.MouseButton.LeftButton,
                     pos=turn_time_point(window, 5))
    assert abs(window.playback.position_ms() - turn.start) <= PLAYHEAD_TOLERANCE_MS
    window.playback.play()
    qtbot.wait(300)
    window.playback.pause()
    assert abs(window.playback.position_ms() - turn.start) <= 300 + PLAYHEAD_TOLERANCE_MS + 200


def test_clicking_a_chapter_time_seeks_there(window, qtbot):
    table = window.chapters_panel.table
    row = 2
    rect = table.visualRect(window.chapters_panel.model.index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    start = window.project.chapters[row].start
    assert abs(window.playback.position_ms() - start) <= PLAYHEAD_TOLERANCE_MS


def test_the_highlight_follows_playback_across_turns(window, qtbot, monkeypatch):
    seen: list[int] = []
    original = window.transcript.set_playhead

    def record(ms):
        seen.append(window.project.turn_at(ms))
        original(ms)

    monkeypatch.setattr(window.transcript, "set_playhead", record)
    boundary = window.project.turns[3].start
    window.playback.rewind_on_resume_ms = 0
    window.playback.seek(boundary - 400)
    window.playback.play()
    qtbot.waitUntil(lambda: 3 in seen, timeout=4000)
    window.playback.pause()
    assert 2 in seen and seen.index(2) < seen.index(3)


def test_esc_plays_and_pauses_while_typing(window, qtbot):
    focus_turn(qtbot, window, 1, 4)
    press(window, Qt.Key.Key_Escape)
    assert window.playback.is_playing
    qtbot.wait(200)
    press(window, Qt.Key.Key_Escape)
    assert not window.playback.is_playing
    assert window.transcript.current_turn() == 1   # the cursor stayed where it was


def test_resume_after_a_pause_rewinds(window, qtbot):
    window.playback.seek(20_000)
    window.playback.play()
    window.playback.pause()
    paused_at = window.playback.position_ms()
    window.playback.play()
    resumed_at = window.playback.position_ms()
    window.playback.pause()
    assert abs((paused_at - resumed_at) - 1000) <= 100
    window.playback.seek(10_000)                 # a chosen place plays as chosen
    window.playback.play()
    assert abs(window.playback.position_ms() - 10_000) <= 100
    window.playback.pause()


def test_a_zero_rewind_setting_disables_the_rewind(window):
    window.settings.rewind_on_resume_seconds = 0
    window.settings.changed.emit()
    window.playback.seek(20_000)
    window.playback.play()
    window.playback.pause()
    paused_at = window.playback.position_ms()
    window.playback.play()
    assert abs(window.playback.position_ms() - paused_at) <= 100
    window.playback.pause()


def test_follow_playback_action_and_the_view_agree(window, qtbot):
    action = window.actions_by_id["follow_playback"]
    assert action.isChecked() and window.transcript.is_following()
    action.trigger()
    assert not window.transcript.is_following()
    window.transcript.set_following(True)
    assert not action.isChecked()               # the waveform detail is not following yet
    window.waveform_detail.set_following(True)
    assert action.isChecked()


def test_f1_f2_skip_and_f3_f4_change_speed(window, qtbot):
    focus_turn(qtbot, window, 0)
    window.playback.seek(30_000)
    press(window, Qt.Key.Key_F1)
    assert abs(window.playback.position_ms() - 25_000) <= 50
    press(window, Qt.Key.Key_F2)
    press(window, Qt.Key.Key_F2)
    assert abs(window.playback.position_ms() - 35_000) <= 50
    press(window, Qt.Key.Key_F4)
    assert window.playback.rate == pytest.approx(1.1)
    press(window, Qt.Key.Key_F3)
    press(window, Qt.Key.Key_F3)
    assert window.playback.rate == pytest.approx(0.9)
    assert window.transport.speed.value() == pytest.approx(0.9)


def test_ctrl_j_sets_the_turn_start_to_the_playhead(window, qtbot):
    focus_turn(qtbot, window, 4, 2)
    target = window.project.turns[4].start + 1234
    window.playback.seek(target)
    press(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    turn = window.project.turns[4]
    assert abs(turn.start - target) <= 50
    assert not turn.estimated
    assert window.actions_by_id["undo"].text().replace("&", "") == "Undo Set turn start"


def test_ctrl_m_adds_a_chapter_at_the_playhead_and_keeps_the_cursor(window, qtbot):
    focus_turn(qtbot, window, 2, 5)
    count = len(window.project.chapters)
    window.playback.seek(50_000)
    press(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.chapters) == count + 1
    starts = [c.start for c in window.project.chapters]
    assert starts == sorted(starts)
    row = next(i for i, c in enumerate(window.project.chapters) if c.title == "New chapter")
    assert abs(window.project.chapters[row].start - 50_000) <= 50
    table = window.chapters_panel.table
    assert table.currentIndex().row() == row and table.currentIndex().column() == 1
    assert table.state() != QAbstractItemView.State.EditingState
    # Typing goes on in the turn, where the cursor was.
    assert window.transcript.isAncestorOf(QApplication.focusWidget())
    before = window.project.turns[2].text
    QTest.keyClicks(QApplication.focusWidget(), "xy")
    qtbot.waitUntil(lambda: window.project.turns[2].text == before[:5] + "xy" + before[5:])
    assert window.project.chapters[row].title == "New chapter"
    # The title is a double-click away.
    rect = table.visualRect(table.currentIndex())
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
    QTest.keyClicks(QApplication.focusWidget(), "Swarms")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.project.chapters[row].title.endswith("Swarms"))


def test_the_add_button_goes_on_to_the_new_chapters_title(window, qtbot):
    window.playback.seek(40_000)
    qtbot.mouseClick(window.chapters_panel.add_button, Qt.MouseButton.LeftButton)
    table = window.chapters_panel.table
    assert table.state() == QAbstractItemView.State.EditingState
    QTest.keyClicks(QApplication.focusWidget(), "Swarms")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(c.title == "Swarms" and abs(c.start - 40_000) <= 50
                                for c in window.project.chapters))


def test_ctrl_return_splits_the_turn_at_the_cursor(window, qtbot):
    text = window.project.turns[3].text
    cut = text.index(" ", 10) + 1
    count = len(window.project.turns)
    focus_turn(qtbot, window, 3, cut)
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.turns) == count + 1
    assert window.project.turns[3].text == text[:cut].rstrip()
    assert window.project.turns[4].text == text[cut:]
    assert window.project.turns[4].speaker == window.project.turns[3].speaker


def test_ctrl_backspace_merges_only_at_a_turn_start(window, qtbot):
    turns = window.project.turns
    first, second = turns[5].text, turns[6].text
    count = len(turns)
    # Inside a turn it deletes the previous word, as in any text field.
    focus_turn(qtbot, window, 6, len(second))
    press(window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.turns) == count
    shortened = window.project.turns[6].text
    assert len(shortened) < len(second) and second.startswith(shortened.rstrip())
    # At the start it merges with the previous turn.
    focus_turn(qtbot, window, 6, 0)
    press(window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.turns) == count - 1
    assert window.project.turns[5].text == first + " " + shortened


def test_ctrl_1_gives_the_turn_to_speaker_1(window, qtbot):
    slot_1 = next(s for s in window.project.speakers if s.slot == 1)
    index = next(i for i, t in enumerate(window.project.turns) if t.speaker != slot_1.id)
    focus_turn(qtbot, window, index)
    press(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.project.turns[index].speaker == slot_1.id
    assert window.actions_by_id["speaker_1"].text().endswith(slot_1.name)


def test_typing_then_undo_and_redo(window, qtbot):
    original = window.project.turns[2].text
    focus_turn(qtbot, window, 2, len(original))
    QTest.keyClicks(QApplication.focusWidget(), " Really")
    typed = window.project.turns[2].text
    assert typed == original + " Really"
    assert window.isWindowModified()
    assert window.actions_by_id["undo"].text().replace("&", "") == "Undo Typing"
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.turns[2].text == original
    assert not window.isWindowModified()
    assert window.actions_by_id["redo"].text().replace("&", "") == "Redo Typing"
    press(window, Qt.Key.Key_Z,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.project.turns[2].text == typed
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.project.turns[2].text == typed


def test_replace_all_is_one_undo_step(window, qtbot):
    before = [t.text for t in window.project.turns]
    hits = sum(1 for text in before if "bees" in text.lower())
    assert hits >= 2
    focus_turn(qtbot, window, 0)
    press(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible()
    QTest.keyClicks(bar.find_edit, "bees")
    QTest.keyClicks(bar.replace_edit, "wasps")
    QTest.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    after = [t.text for t in window.project.turns]
    assert sum(1 for a, b in zip(before, after) if a != b) == hits
    assert not any("bees" in text.lower() for text in after)
    window.actions_by_id["undo"].trigger()
    assert [t.text for t in window.project.turns] == before
    assert not window.project.history.can_undo


def test_find_selects_matches_for_one_speaker(window, qtbot):
    focus_turn(qtbot, window, 0)
    press(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and not bar.replace_edit.isVisible()
    aino = next(s for s in window.project.speakers if s.name.startswith("Aino"))
    bar.speaker_combo.setCurrentIndex(bar.speaker_combo.findData(aino.id))
    QTest.keyClicks(bar.find_edit, "the")
    match = bar.find_next()
    assert match is not None and window.project.turns[match.turn].speaker == aino.id
    assert window.transcript.current_turn() == match.turn


def test_renaming_a_speaker_renames_every_turn(window):
    model = window.speakers_panel.model
    speaker = window.project.speakers[0]
    turns = [i for i, t in enumerate(window.project.turns) if t.speaker == speaker.id]
    assert model.setData(model.index(0, 0), "Cal")
    assert {window.project.speaker_name(window.project.turns[i].speaker) for i in turns} == \
        {"Cal"}
    window.actions_by_id["undo"].trigger()
    assert model.data(model.index(0, 0)) == speaker.name


def test_merging_speakers_reassigns_their_turns(window):
    model = window.speakers_panel.model
    source, target = window.project.speakers[2].id, window.project.speakers[0].id
    moved = [i for i, t in enumerate(window.project.turns) if t.speaker == source]
    model.merge(source, target)
    assert window.project.speaker(source) is None
    assert all(window.project.turns[i].speaker == target for i in moved)
    window.actions_by_id["undo"].trigger()
    assert all(window.project.turns[i].speaker == source for i in moved)


def test_a_speaker_key_moves_from_its_old_owner_in_one_step(window):
    model = window.speakers_panel.model
    assert model.setData(model.index(2, 2), "1")
    speakers = window.project.speakers
    assert speakers[2].slot == 1 and speakers[0].slot is None
    window.actions_by_id["undo"].trigger()
    assert speakers[0].slot == 1 and speakers[2].slot == 3


def test_episode_details_edit_and_follow_undo(window, qtbot):
    edit = window.episode_panel.edits["title"]
    original = window.project.episode.title
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "Bees")
    assert window.project.episode.title == "Bees"
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.episode.title == original
    assert edit.text() == original
    # The project's undo, not the field's own (each keystroke was handed over already).
    assert window.project.history.redo_text == "Change title"
    assert not window.isWindowModified()


def test_a_bad_date_changes_nothing(window, qtbot):
    edit = window.episode_panel.edits["date"]
    before = window.project.episode.date
    edit.setText("14.05.2026")
    edit.editingFinished.emit()
    assert window.project.episode.date == before
    assert "YYYY-MM-DD" in window.episode_panel.message.text()
    edit.setText("2026-06-01")
    edit.editingFinished.emit()
    assert window.project.episode.date == "2026-06-01"


def test_save_then_reopen_gives_the_same_project(window, qtbot, sample_copy):
    focus_turn(qtbot, window, 0, 0)
    QTest.keyClicks(QApplication.focusWidget(), "So. ")
    window.chapters_panel.model.add_chapter(12_345, "Saved chapter")
    assert window.isWindowModified()
    press(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    reopened = load_project(sample_copy)
    assert project_to_data(reopened) == project_to_data(window.project)
    assert reopened.turns[0].text.startswith("So. ")
    assert window.settings.recent_files()[0] == sample_copy
    assert window.actions_by_id["open_recent"].isEnabled()


def test_a_save_error_is_one_line_in_a_message_box(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert not window.files.save_to(tmp_path / "no-such-folder" / "x.showscribe.yaml")
    assert len(shown) == 1 and "\n" not in shown[0] and "cannot save" in shown[0]


def test_closing_with_unsaved_changes_asks(window, qtbot, monkeypatch):
    asked = []
    answer = QMessageBox.StandardButton.Cancel

    def warning(*args, **kwargs):
        asked.append(args[2])
        return answer

    monkeypatch.setattr(QMessageBox, "warning", warning)
    window.actions_by_id["add_chapter"].trigger()
    assert not window.close()
    assert asked and window.isVisible()
    answer = QMessageBox.StandardButton.Discard
    assert window.close()
    assert len(asked) == 2


def test_opening_another_file_with_unsaved_changes_asks(window, monkeypatch, sample_copy):
    asked = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *args, **kw: asked.append(1) or QMessageBox.StandardButton.Cancel)
    window.actions_by_id["add_chapter"].trigger()
    window.files.open_recent(sample_copy)
    assert asked
    assert window.project.history.can_undo       # still the edited project


def test_a_project_that_cannot_load_shows_why_and_keeps_the_window(window, monkeypatch,
                                                                    tmp_path):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    bad = tmp_path / "bad.showscribe.yaml"
    bad.write_text("showscribe: 1\nturns: [\n", encoding="utf-8")
    before = window.project
    assert not window.open_path(bad)
    assert len(shown) == 1 and str(bad) in shown[0] and "\n" not in shown[0]
    assert window.project is before and window.actions_by_id["find"].isEnabled()


def test_missing_audio_opens_with_a_message_and_locate(make_window, sample_copy, qtbot):
    audio = sample_copy.parent / "audio" / "episode.mp3"
    moved = sample_copy.parent / "moved.mp3"
    shutil.move(audio, moved)
    window = make_window(sample_copy, wait_audio=False)
    qtbot.waitUntil(lambda: "not found" in window.message_bar.text())
    assert window.message_bar.button.text() == "Locate..."
    assert not window.actions_by_id["play_pause"].isEnabled()
    focus_turn(qtbot, window, 1, 0)
    QTest.keyClicks(QApplication.focusWidget(), "Well, ")
    assert window.project.turns[1].text.startswith("Well, ")
    assert window.locate_audio(moved)
    assert window.message_bar.isHidden() and window.playback.has_media
    assert window.project.audio_path == moved.absolute()
    window.actions_by_id["undo"].trigger()
    assert window.project.audio_path == audio


def test_unplayable_audio_says_so_and_editing_goes_on(make_window, sample_copy, qtbot):
    audio = sample_copy.parent / "audio" / "episode.mp3"
    audio.write_bytes(b"this is not audio\n" * 200)
    window = make_window(sample_copy, wait_audio=False)
    qtbot.waitUntil(lambda: "cannot" in window.message_bar.text().lower(), timeout=8000)
    assert not window.playback.has_media
    focus_turn(qtbot, window, 0, 0)
    QTest.keyClicks(QApplication.focusWidget(), "Hi. ")
    assert window.project.turns[0].text.startswith("Hi. ")
    press(window, Qt.Key.Key_Escape)          # nothing to play: nothing happens
    assert not window.playback.is_playing


def test_new_from_audio_starts_an_empty_project(make_window, sample_copy, qtbot):
    window = make_window()
    window.new_from_audio(sample_copy.parent / "audio" / "episode.mp3")
    project = window.project
    assert project.path is None and len(project.turns) == 1
    assert project.audio_duration and project.audio_duration > 0
    assert window.windowTitle().startswith("Untitled")
    qtbot.waitUntil(lambda: window.playback.has_media)


def test_rebinding_a_key_in_the_keymap_takes_effect(window, qtbot):
    keymap = window.settings.keymap()
    keymap["play_pause"] = ["F8"]
    window.settings.set_keymap(keymap)
    window.settings.changed.emit()
    focus_turn(qtbot, window, 0)
    press(window, Qt.Key.Key_Escape)
    assert not window.playback.is_playing
    press(window, Qt.Key.Key_F8)
    assert window.playback.is_playing
    window.playback.pause()


def test_replace_one_replaces_the_found_match_and_moves_on(window, qtbot):
    focus_turn(qtbot, window, 0)
    press(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    QTest.keyClicks(bar.find_edit, "hive")
    bar.word_check.setChecked(True)
    QTest.keyClicks(bar.replace_edit, "colony")
    first = bar.find_next()
    assert first is not None
    before = window.project.turns[first.turn].text
    QTest.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
    after = window.project.turns[first.turn].text
    assert after == before[:first.start] + "colony" + before[first.end:]
    assert window.project.history.undo_text == "Typing"
    assert bar.current_match not in (None, first)      # the next match is selected
    window.actions_by_id["undo"].trigger()
    assert window.project.turns[first.turn].text == before


def test_help_lists_the_current_keys(window, monkeypatch):
    shown = []
    from editor.gui.preferences import ShortcutsDialog
    monkeypatch.setattr(ShortcutsDialog, "exec",
                        lambda box: shown.append(box.text.toPlainText()) or 0)
    keymap = window.settings.keymap()
    keymap["set_turn_start"] = ["F7"]
    window.settings.set_keymap(keymap)
    window.actions_by_id["shortcuts"].trigger()
    assert len(shown) == 1 and "F7" in shown[0] and "Ctrl+J" not in shown[0]


def test_menus_hold_every_action_with_its_keys(window):
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert titles == ["File", "Edit", "Playback", "Audio", "View", "Help"]
    edit_menu = window.menuBar().actions()[1].menu()
    labels = [a.text().replace("&", "") for a in edit_menu.actions() if not a.isSeparator()]
    assert "Split Turn at Cursor" in labels and "Add Chapter at Playhead" in labels
    assert window.actions_by_id["add_chapter"].shortcut().toString() == "Ctrl+M"
    assert window.actions_by_id["add_chapter"].toolTip() == "Add Chapter at Playhead (Ctrl+M)"


def test_ctrl_j_past_the_next_confirmed_turn_is_refused_in_the_status_bar(window, qtbot):
    project = window.project
    low, high = start_bounds(project, 4)
    focus_turn(qtbot, window, 4, 2)
    window.playback.seek(high + 5_000)
    before, steps = starts(project), len(project.history)
    press(window, Qt.Key.Key_J, CTRL)
    assert starts(project) == before and len(project.history) == steps
    message = window.statusBar().currentMessage()
    assert message.startswith("Dana Whitfield\u2019s turn at 00:29 cannot start")
    assert "between" in message


def test_an_opened_project_acts_on_its_first_turn(window, qtbot):
    assert window.transcript.current_turn() == 0
    window.transcript.setFocus()
    turns = window.project.turns
    other = next(s for s in window.project.speakers if s.slot and s.id != turns[0].speaker)
    before = [turn.speaker for turn in turns]
    press(window, getattr(Qt.Key, f"Key_{other.slot}"), CTRL)
    assert [turn.speaker for turn in turns] == [other.id] + before[1:]


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


def test_play_pause_keeps_its_menu_label_while_the_button_says_what_it_does(window, qtbot):
    action = window.actions_by_id["play_pause"]
    button = window.transport.buttons["play_pause"]
    assert button.text() == "Play"
    window.playback.play()
    assert button.text() == "Pause" and action.text() == "&Play / Pause"
    window.playback.pause()
    assert button.text() == "Play" and action.text() == "&Play / Pause"


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
