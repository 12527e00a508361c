"""The find bar in the editor window: find and replace from the keyboard."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from window_input import focus_turn, press

CTRL = Qt.KeyboardModifier.ControlModifier


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
