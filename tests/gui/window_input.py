"""Input the window tests give as a user would: a key press where the user is
typing, and the cursor put into a turn."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press where the user is typing (the focus widget)."""
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def focus_turn(qtbot, window, index: int, offset: int = 0) -> None:
    window.transcript.focus_turn(index, offset)
    qtbot.waitUntil(lambda: window.transcript.current_turn() == index)
