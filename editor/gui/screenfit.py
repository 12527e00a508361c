"""Windows that fit the screen they open on: the main window takes its last size
and place, else its preferred size, and dialogs shrink where the screen's
available area is smaller (a laptop's 1366x768 has no room for 800 px and a
title bar)."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for what the window manager adds around a window.
TITLE_BAR_ALLOWANCE = 40
FRAME_ALLOWANCE = 4


def place_on_screen(window: QWidget, saved: QByteArray | None, preferred: QSize) -> None:
    """Restore ``saved`` geometry (else ``preferred`` size), bounded by the screen's
    available area and moved onto it when it lies outside."""
    if saved is None or not window.restoreGeometry(saved):
        window.resize(preferred)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    window.resize(window.size().boundedTo(QSize(room.width() - 2 * FRAME_ALLOWANCE,
                                                room.height() - TITLE_BAR_ALLOWANCE)))
    place = window.geometry()
    if saved is None or not room.contains(place):
        place.moveCenter(room.center())
        place.moveTop(max(room.top() + TITLE_BAR_ALLOWANCE - FRAME_ALLOWANCE, place.top()))
        window.move(place.topLeft())


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width`` x ``height``, or less where the screen's
    available area (less room for a title bar) is smaller."""
    screen = dialog.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - 2 * FRAME_ALLOWANCE)
        height = min(height, room.height() - TITLE_BAR_ALLOWANCE - 2 * FRAME_ALLOWANCE)
    dialog.resize(width, height)
