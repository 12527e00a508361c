"""What a first day with the editor showed, in the window's own parts: the status
bar's counts, a speaker key with no speaker, ... (real key events, real libvlc)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


def focus_turn(qtbot, window, index: int, offset: int = 0) -> None:
    window.transcript.focus_turn(index, offset)
    qtbot.waitUntil(lambda: window.transcript.current_turn() == index)


def test_counts_say_one_turn_and_many_turns():
    from editor.gui.statusline import counted
    assert counted(1, "turn") == "1 turn"
    assert counted(0, "turn") == "0 turns"
    assert counted(5000, "word") == "5,000 words"


def test_a_new_project_says_1_turn_in_the_status_bar(make_window, sample_copy, qtbot):
    window = make_window()
    window.new_from_audio(sample_copy.parent / "audio" / "episode.mp3")
    qtbot.waitUntil(lambda: window.status_line.turns_label.text() == "1 turn")
    assert window.status_line.words_label.text() == "0 words"


def test_a_speaker_key_with_no_speaker_says_so(window, qtbot):
    focus_turn(qtbot, window, 1)
    speaker = window.project.turns[1].speaker
    assert window.speaker_for_slot(7) is None
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_7, CTRL)
    message = window.status_line.currentMessage()
    assert message == ("No speaker has Ctrl+7 yet: give a speaker that key in the "
                       "Speakers tab.")
    assert window.project.turns[1].speaker == speaker
    assert not window.project.history.can_undo


@pytest.fixture
def restored_palette(qapp):
    """The application's palette and colour scheme as they were, after the test."""
    from editor.gui.theme import apply_theme
    yield
    apply_theme("system")


def test_the_theme_chosen_in_preferences_colours_the_window(window, qtbot, restored_palette):
    from editor.gui.preferences import PreferencesDialog
    from editor.gui.transcript.colors import is_dark
    desktop_base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert not is_dark(window.transcript.palette())     # the test platform is light

    def choose(theme: str) -> None:
        dialog = PreferencesDialog(window.settings, window)
        dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
        dialog.accept()

    choose("dark")
    assert is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: is_dark(window.transcript.palette()))
    choose("light")
    qtbot.waitUntil(lambda: not is_dark(window.transcript.palette()))
    choose("system")
    assert QApplication.palette().color(QPalette.ColorRole.Base) == desktop_base
