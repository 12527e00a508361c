"""Settings over QSettings, the actions table, and the Preferences dialog: keys
rebound and kept, conflicts reported, skip and rewind lengths."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from editor.gui.actions import ACTIONS, ACTIONS_BY_ID
from editor.gui.preferences import PreferencesDialog, find_conflicts, shortcuts_text
from editor.gui.settings import Settings

KEYMAP = {"play_pause": "Esc", "back": "F1", "forward": "F2", "slower": "F3",
          "faster": "F4", "set_turn_start": "Ctrl+J", "add_chapter": "Ctrl+M",
          "split_turn": "Ctrl+Return", "merge_with_previous": "Ctrl+Backspace",
          "find": "Ctrl+F", "replace": "Ctrl+H", "save": "Ctrl+S", "save_as": "Ctrl+Shift+S",
          "open": "Ctrl+O", "undo": "Ctrl+Z", "speaker_1": "Ctrl+1", "speaker_9": "Ctrl+9"}


def test_the_default_keys_are_the_products_keyboard_map():
    for action_id, key in KEYMAP.items():
        assert ACTIONS_BY_ID[action_id].keys[0] == key
    assert ACTIONS_BY_ID["redo"].keys == ("Ctrl+Shift+Z", "Ctrl+Y")
    assert find_conflicts({spec.id: list(spec.keys) for spec in ACTIONS}) == {}


def test_every_action_id_is_unique_and_labelled():
    assert len(ACTIONS_BY_ID) == len(ACTIONS)
    assert all(spec.label and spec.menu for spec in ACTIONS)


def test_settings_keep_changed_keys_and_defaults(qapp):
    settings = Settings()
    keymap = settings.keymap()
    keymap["play_pause"] = ["F8"]
    keymap["back"] = []
    settings.set_keymap(keymap)
    again = Settings()
    assert again.keys("play_pause") == ["F8"]
    assert again.keys("back") == []
    assert again.keys("redo") == ["Ctrl+Shift+Z", "Ctrl+Y"]


def test_settings_recent_files_newest_first_without_duplicates(qapp, tmp_path):
    settings = Settings()
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    settings.add_recent_file(a)
    settings.add_recent_file(b)
    settings.add_recent_file(a)
    assert Settings().recent_files() == [a, b]


def test_the_dialog_reports_a_conflict_and_blocks_ok(qtbot):
    settings = Settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.conflicts.text() == ""
    dialog.key_edits["back"][0].setKeySequence(QKeySequence("Ctrl+J"))
    assert not ok.isEnabled()
    assert "Ctrl+J" in dialog.conflicts.text() and "Back" in dialog.conflicts.text()
    dialog.restore_default_keys()
    assert ok.isEnabled()


def test_the_dialog_saves_keys_skip_and_rewind(qtbot):
    settings = Settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.key_edits["play_pause"][1].setKeySequence(QKeySequence("F9"))
    dialog.skip.setValue(3)
    dialog.rewind.setValue(0)
    with qtbot.waitSignal(settings.changed):
        dialog.accept()
    assert settings.keys("play_pause") == ["Esc", "F9"]
    assert settings.skip_seconds == 3 and settings.rewind_on_resume_seconds == 0


def test_the_shortcuts_list_shows_every_action(qapp):
    text = shortcuts_text(Settings().keymap())
    assert text.count("<tr>") == len(ACTIONS) and "Ctrl+J" in text


def test_the_conflict_message_never_moves_the_key_list(qtbot):
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    table.scrollToBottom()
    qtbot.wait(50)
    probe = table.viewport().rect().center()

    def where() -> tuple:
        _process_events()
        return (table.geometry(), table.viewport().height(), table.rowAt(probe.y()),
                table.verticalScrollBar().value())

    before = where()
    dialog.key_edits["back"][0].setKeySequence(QKeySequence("Ctrl+J"))
    assert dialog.conflicts.text()
    assert where() == before
    dialog.key_edits["back"][0].setKeySequence(QKeySequence("F1"))
    assert dialog.conflicts.text() == ""
    assert where() == before


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()


def test_the_dialog_saves_the_theme(qtbot):
    settings = Settings()
    assert settings.theme == "system"
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    assert Settings().theme == "dark"
    again = PreferencesDialog(Settings())
    qtbot.addWidget(again)
    assert again.theme.currentData() == "dark"
