"""Which keys the editor window takes from the text field being typed in, and which
the field keeps: an application-wide event filter for one window.

:class:`KeyRouter` sees every key event meant for a widget of its window. The
window's keys (Esc, F1-F4, undo...) win over a field's own use of them, so they
work while typing; keys of ``transcript`` scope (Ctrl+Return, Ctrl+Backspace) win
only in the transcript and keep their editing meaning elsewhere. A few keys stay
with the field even so: Esc in the find bar closes it and in a table's cell editor
cancels the edit; undo and redo go to a line edit that has typing of its own not
yet handed to the project. The scopes are declared in ``actions.py``.

It also remembers the key that fired an action, so an action that turns out to
have nothing to do (Ctrl+Backspace away from a turn's start) can hand the key back
to the transcript with its text meaning (:meth:`KeyRouter.resend_to_transcript`).
Emits nothing: it lets an action's shortcut fire or keeps the key for the field.
"""
from __future__ import annotations

from typing import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from .actions import ACTIONS_BY_ID


class KeyRouter(QObject):
    def __init__(self, window: QWidget, actions_by_id: Mapping[str, QAction],
                 transcript: QWidget, find_bar, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._actions = actions_by_id
        self._transcript = transcript
        self._find_bar = find_bar
        self._key_owner: dict[str, str] = {}    # portable key text -> action id
        self._fired: tuple[str, QKeySequence] | None = None
        self._passing_key = False

    def install(self) -> None:
        QApplication.instance().installEventFilter(self)

    def uninstall(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def set_keymap(self, keymap: Mapping[str, list[str]]) -> None:
        """Route the keys of ``{action id: [portable key text, ...]}``."""
        self._key_owner = {QKeySequence(key).toString(): action_id
                           for action_id, keys in keymap.items() for key in keys}

    def take_fired_key(self, action_id: str) -> QKeySequence | None:
        """The key that just fired ``action_id``, once (None when a menu or button did)."""
        fired, self._fired = self._fired, None
        return fired[1] if fired is not None and fired[0] == action_id else None

    def resend_to_transcript(self, action_id: str, key: QKeySequence) -> None:
        """Give ``key`` its text meaning in the transcript (when the focus is there).
        A sent key press meets the shortcuts again, so the action lets go of it first."""
        focus = QApplication.focusWidget()
        if focus is None or not self.in_transcript(focus):
            return
        action = self._actions[action_id]
        shortcuts = action.shortcuts()
        combination = key[0]
        self._passing_key = True
        action.setShortcuts([])
        try:
            QApplication.sendEvent(focus, QKeyEvent(
                QEvent.Type.KeyPress, combination.key(), combination.keyboardModifiers()))
        finally:
            action.setShortcuts(shortcuts)
            self._passing_key = False

    def in_transcript(self, widget: QWidget) -> bool:
        return widget is self._transcript or self._transcript.isAncestorOf(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or self._passing_key or not isinstance(watched, QWidget) \
                or watched.window() is not self._window:
            return False
        if kind == QEvent.Type.KeyPress:
            return self._field_key_pressed(watched, event)
        key = QKeySequence(event.keyCombination())
        action_id = self._key_owner.get(key.toString())
        if self._field_takes_key(watched, event, action_id):
            event.accept()      # taken by the field: it arrives there as a key press
            return True
        if action_id is None or not self._actions[action_id].isEnabled():
            return False
        if ACTIONS_BY_ID[action_id].scope == "transcript" and not self.in_transcript(watched):
            return False
        self._fired = (action_id, key)
        event.ignore()      # not taken by the text field: the shortcut fires
        return True

    def _field_takes_key(self, widget: QWidget, event: QKeyEvent, action_id: str | None) -> bool:
        """Keys a field keeps from the window's actions (see the module docstring)."""
        if _is_plain_escape(event):
            return self._in_find_bar(widget) or _in_item_editor(widget)
        return _own_history_step(widget, action_id) is not None

    def _field_key_pressed(self, widget: QWidget, event: QKeyEvent) -> bool:
        """The key presses :meth:`_field_takes_key` let through that need the window."""
        if _is_plain_escape(event) and self._in_find_bar(widget):
            self._find_bar.close_bar()
            return True
        if not isinstance(widget, QLineEdit):
            return False        # every keystroke passes here: keep the common case cheap
        action_id = self._key_owner.get(QKeySequence(event.keyCombination()).toString())
        step = _own_history_step(widget, action_id)
        if step is not None:
            step()              # the line edit's own undo/redo, whatever the keys are
            return True
        return False

    def _in_find_bar(self, widget: QWidget) -> bool:
        return widget is self._find_bar or self._find_bar.isAncestorOf(widget)


def _is_plain_escape(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier


def _in_item_editor(widget: QWidget) -> bool:
    """Whether ``widget`` is (inside) the open cell editor of a table or list."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return parent.state() == QAbstractItemView.State.EditingState
        parent = parent.parentWidget()
    return False


def _own_history_step(widget: QWidget, action_id: str | None) -> Callable[[], None] | None:
    """The line edit's own undo or redo when ``action_id`` is undo/redo and the field
    has a step of its own to take: undo only while it holds typing not yet given to
    the project (fields that hand each keystroke over mark themselves unmodified)."""
    if not isinstance(widget, QLineEdit) or widget.isReadOnly():
        return None
    if action_id == "undo" and widget.isModified() and widget.isUndoAvailable():
        return widget.undo
    if action_id == "redo" and widget.isRedoAvailable():
        return widget.redo
    return None
