"""The text area of the transcript view: a QPlainTextEdit that asks its view first.

Keys, pastes and input-method text that would cross a turn boundary go to the
view before the document sees them; undo and redo keys are never the
document's (the window's actions own them). It holds its view weakly, so a view
is freed as soon as nothing else holds it (never by the cycle collector halfway
through Qt's teardown). Emits nothing of its own.
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit

if TYPE_CHECKING:
    from .view import TranscriptView

_CTRL = Qt.KeyboardModifier.ControlModifier


def is_window_key(event: QKeyEvent) -> bool:
    """Undo/redo belong to the window's actions, never to the document."""
    return (event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or (event.key() == Qt.Key.Key_Y and event.modifiers() == _CTRL))


class TextArea(QPlainTextEdit):
    def __init__(self, view: "TranscriptView") -> None:
        super().__init__(view)
        self._view = weakref.ref(view)

    def event(self, event: QEvent) -> bool:
        view = self._view()
        if (view is not None and event.type() == QEvent.Type.ShortcutOverride
                and view._yields_key(event)):
            event.ignore()          # let the window's action have it
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        view = self._view()
        if is_window_key(event):
            event.ignore()
            return
        if view is None or not view._handle_key(event):
            super().keyPressEvent(event)
            if view is not None:
                view._after_native_edit()

    def inputMethodEvent(self, event) -> None:  # noqa: N802 (Qt override)
        view = self._view()
        if view is not None and event.commitString() and (
                view._selection_crosses_turns() or not len(view._blocks)):
            view._insert_text(event.commitString())     # across turns, or the first turn
            event.accept()
            return
        super().inputMethodEvent(event)
        if view is not None:
            view._after_native_edit()

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt override)
        view = self._view()
        if view is not None and source.hasText():
            view._insert_text(source.text())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        view = self._view()
        if view is not None:
            view._context_menu(self.cursorForPosition(event.pos()), event.globalPos())

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        view = self._view()
        if view is not None:
            view.set_following(False)
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        view = self._view()
        if view is not None:
            rect = self.contentsRect()
            view.gutter.setGeometry(QRect(rect.left(), rect.top(), view.gutter.width_hint(),
                                          rect.height()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        view = self._view()
        if view is not None:
            view._paint_band(event)
        super().paintEvent(event)
