"""The text area of the transcript: a QPlainTextEdit and the edit policy across turns.

:class:`TextArea` owns what keys, pastes, cuts and input-method text do where
they meet a turn boundary. Typing inside one turn is left to the document (the
mirror pushes it to the model). An edit over a selection spanning turns is made
one "Edit across turns" command first (the turns after the first leave in one
removal and the first takes the joined text), so it reads like a document and
undoes in one step; the document then follows the model. Backspace at a turn's
start and Delete at a turn's end do nothing (merging is the window's Merge
action, on purpose). Plain Return is a new paragraph; splitting and merging
keys belong to the window's actions, whose keys the user chooses, as do undo
and redo keys. A new paragraph starts a new undo step. An empty transcript stays editable: what is typed or pasted into
it becomes the first turn.

It also paints the band under the playing turn it is handed and, over it,
the background of the playing word it is handed (a document range: its
rectangles are found when painting, so a scroll or a relayout never leaves it
behind), the hint an
empty transcript shows (on the cursor's line: Qt's own placeholder sits at
the document margin, above the line the spaced layout puts the cursor on),
keeps the gutter it is given in its left margin, and shows the extra
selections of several rooms at once (find matches, misspellings), each room
setting its own group. It holds its mirror weakly, so the
transcript view is freed as soon as nothing else holds it (never by the cycle
collector halfway through Qt's teardown).

Emits ``context_menu_requested(position, global_pos)`` (the document position
under the pointer), ``word_clicked(position)`` (a Ctrl+click: the document
position under the pointer; the cursor stays where it was), ``wheel_turned()``
and ``resized()``.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (QColor, QContextMenuEvent, QGuiApplication, QKeyEvent,
                           QKeySequence, QPainter, QPaintEvent, QPalette, QTextCursor)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.core.commands import EditAcrossTurns, InsertTurn
from editor.core.model import Turn

from .blocks import shown_text
from .geometry import Band, band_repaint_rows
from .mirror import DocumentMirror

_CTRL = Qt.KeyboardModifier.ControlModifier
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_BACKWARD_DELETES = (QKeySequence.StandardKey.DeleteStartOfWord,)
_FORWARD_DELETES = (QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.DeleteEndOfWord,
                    QKeySequence.StandardKey.DeleteEndOfLine,
                    QKeySequence.StandardKey.DeleteCompleteLine)


def is_window_key(event: QKeyEvent) -> bool:
    """Undo/redo belong to the window's actions, never to the document."""
    return (event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or (event.key() == Qt.Key.Key_Y and event.modifiers() == _CTRL))


def _normalise(text: str) -> str:
    return shown_text(text).replace("\u2028", "\n")


class TextArea(QPlainTextEdit):
    context_menu_requested = Signal(int, QPoint)
    word_clicked = Signal(int)
    wheel_turned = Signal()
    resized = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._mirror = lambda: None
        self._band: Band | None = None
        self._band_color = QColor()
        self._word: tuple[int, int] | None = None     # the playing word's document range
        self._word_color = QColor()
        self._side: QWidget | None = None
        self._side_width = 0
        self._hint = ""
        self._groups: dict[str, list] = {}       # extra selections, by the room that set them

    def set_mirror(self, mirror: DocumentMirror) -> None:
        self._mirror = weakref.ref(mirror)

    # -- the band and the gutter ------------------------------------------------------------

    def set_band_color(self, color: QColor) -> None:
        self._band_color = QColor(color)
        self.viewport().update()

    def set_band(self, band: Band | None, scrolled: int = 0) -> None:
        """Paint ``band`` under the playing turn from now on. ``scrolled``: pixels the
        view has just scrolled, which moved the old band's pixels with it."""
        old, self._band = self._band, band
        for top, height in band_repaint_rows(old, band, scrolled):
            self.viewport().update(QRect(0, top, self.viewport().width(), height))

    def set_word_color(self, color: QColor) -> None:
        self._word_color = QColor(color)
        self.viewport().update()

    def set_word_range(self, word: tuple[int, int] | None) -> None:
        """Paint the background of document range ``word`` (start, end) from now
        on (None: no word); only the old and the new word's rectangles repaint."""
        old, self._word = self._word, word
        for rect in self.word_rects(old) + self.word_rects(word):
            self.viewport().update(rect)

    def word_range(self) -> tuple[int, int] | None:
        return self._word

    def word_rects(self, word: tuple[int, int] | None) -> list[QRect]:
        """Where document range ``word`` shows in the viewport: one rectangle a line."""
        if word is None or word[1] > self.document().characterCount():
            return []
        cursor = QTextCursor(self.document())
        cursor.setPosition(word[0])
        first = self.cursorRect(cursor)
        cursor.setPosition(word[1])
        last = self.cursorRect(cursor)
        pad = 2
        if first.top() == last.top():
            return [QRect(first.left() - pad, first.top(), last.left() - first.left() + 2 * pad,
                          first.height())]
        # A word longer than a line wraps: its first line to the right, its last from the left.
        right = self.viewport().width()
        return [QRect(first.left() - pad, first.top(), right - first.left() + pad,
                      first.height()),
                QRect(0, last.top(), last.left() + pad, last.height())]

    def set_selection_group(self, name: str, selections: list) -> None:
        """Show ``selections`` (extra selections) as group ``name``, with every
        other group's: a room replaces only its own."""
        self._groups[name] = selections
        self.setExtraSelections([s for group in self._groups.values() for s in group])

    def selection_group(self, name: str) -> list:
        return list(self._groups.get(name, ()))

    def set_hint(self, text: str) -> None:
        """What an empty transcript shows where typing will go."""
        self._hint = text
        self.viewport().update()

    def hint(self) -> str:
        return self._hint

    def set_side_widget(self, widget: QWidget, width: int) -> None:
        """Keep ``widget`` (the gutter) ``width`` px wide along the left margin."""
        self._side, self._side_width = widget, width
        self.setViewportMargins(width, 0, 0, 0)
        self._place_side_widget()

    def _place_side_widget(self) -> None:
        if self._side is not None:
            rect = self.contentsRect()
            self._side.setGeometry(QRect(rect.left(), rect.top(), self._side_width, rect.height()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        band = self._band
        if band is not None:
            painter = QPainter(self.viewport())
            painter.fillRect(QRect(0, int(band.top), self.viewport().width(),
                                   int(band.bottom - band.top) + 1), self._band_color)
            painter.end()
        if self._word is not None:
            painter = QPainter(self.viewport())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._word_color)
            for rect in self.word_rects(self._word):
                if rect.intersects(event.rect()):
                    painter.drawRoundedRect(rect, 3, 3)
            painter.end()
        super().paintEvent(event)
        if self._hint and self.document().isEmpty():
            line = self.cursorRect()
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(line.right() + 1, line.top(), self.viewport().width(),
                                   line.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             self._hint)
            painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_side_widget()
        self.resized.emit()

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.wheel_turned.emit()
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if (event.button() == Qt.MouseButton.LeftButton
                and event.modifiers() & _CTRL == _CTRL):
            self.word_clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
            event.accept()
            return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        self.context_menu_requested.emit(self.cursorForPosition(event.pos()).position(),
                                         event.globalPos())

    # -- what reaches the text ---------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_window_key(event):
            event.ignore()          # let the window's action have it
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if is_window_key(event):
            event.ignore()
            return
        mirror = self._mirror()
        if mirror is None or not self._handle_key(mirror, event):
            super().keyPressEvent(event)
            if mirror is not None:
                mirror.after_native_edit()

    def inputMethodEvent(self, event) -> None:  # noqa: N802 (Qt override)
        mirror = self._mirror()
        if mirror is not None and event.commitString() and (
                mirror.selection_crosses_turns() or not mirror.turn_count()):
            self.insert_text(event.commitString())     # across turns, or the first turn
            event.accept()
            return
        super().inputMethodEvent(event)
        if mirror is not None:
            mirror.after_native_edit()

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt override)
        if source.hasText():
            self.insert_text(source.text())

    def _handle_key(self, mirror: DocumentMirror, event: QKeyEvent) -> bool:
        """Handle keys that touch turn boundaries; False leaves the key to the editor.

        Split and merge are the window's actions (their keys come from the keymap):
        a Ctrl+Return that reaches the text is no action's key, and does nothing."""
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not mirror.turn_count():
            return self._handle_key_when_empty(event)
        if key in _RETURN_KEYS:
            if not modifiers & _CTRL:
                # Shift+Return too: always a new paragraph, and a new undo step.
                mirror.project.history.break_merge()
                self.insert_text("\n")
            return True
        backward = key == Qt.Key.Key_Backspace or any(event.matches(k) for k in _BACKWARD_DELETES)
        forward = any(event.matches(k) for k in _FORWARD_DELETES)
        if mirror.selection_crosses_turns():
            if event.matches(QKeySequence.StandardKey.Cut):
                self.cut_selection()
            elif event.matches(QKeySequence.StandardKey.Paste):
                self.paste_clipboard()
            elif backward or forward:
                self._replace_selection(mirror, "")
            elif event.text() and event.text().isprintable() and not modifiers & _CTRL:
                self._replace_selection(mirror, event.text())
            else:
                return False
            return True
        if backward and mirror.at_turn_start():
            return True      # a turn boundary: merging is the window's Merge action
        if forward and mirror.at_turn_end():
            return True
        return False

    def _handle_key_when_empty(self, event: QKeyEvent) -> bool:
        """No turns yet: typed or pasted text starts the first one; nothing else edits."""
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif event.text() and event.text().isprintable() and not event.modifiers() & _CTRL:
            self.insert_text(event.text())
        return True

    # -- edits ------------------------------------------------------------------------------

    def paste_clipboard(self) -> None:
        self.insert_text(QGuiApplication.clipboard().text())

    def cut_selection(self) -> None:
        """Copy the selection and remove it, as one step even across turns."""
        mirror = self._mirror()
        self.copy()
        if mirror is not None and mirror.selection_crosses_turns():
            self._replace_selection(mirror, "")
        else:
            self.insert_text("")

    def insert_text(self, text: str) -> None:
        """``text`` where the cursor is, over the selection, as the user's edit."""
        mirror = self._mirror()
        if mirror is None:
            return
        text = _normalise(text)
        if mirror.selection_crosses_turns():
            self._replace_selection(mirror, text)
            return
        if not mirror.turn_count():
            self._start_first_turn(mirror, text)
            return
        if mirror.current_turn() < 0:
            return
        history = mirror.project.history
        several = len(text) > 1
        if several:
            history.break_merge()     # a paste is its own undo step
        cursor = self.textCursor()
        cursor.insertText(text)
        self.setTextCursor(cursor)
        mirror.after_native_edit()
        if several:
            history.break_merge()
        self.ensureCursorVisible()

    def _start_first_turn(self, mirror: DocumentMirror, text: str) -> None:
        """An empty transcript's first turn, holding ``text``, for the first speaker."""
        if not text:
            return
        project = mirror.project
        speakers = project.speakers
        turn = Turn(start=0, speaker=speakers[0].id if speakers else "", text=text)
        project.history.break_merge()
        project.history.push(InsertTurn(project, 0, turn))
        mirror.place_cursor(0, len(text))

    def _replace_selection(self, mirror: DocumentMirror, text: str) -> None:
        """Replace the selection, which spans turns, as one undo step."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        text = _normalise(text)
        first, last = mirror.turn_of_pos(start), mirror.turn_of_pos(end)
        texts = mirror.blocks.texts
        head = shown_text(texts[first])[:start - mirror.turn_start_pos(first)]
        tail = shown_text(texts[last])[end - mirror.turn_start_pos(last):]
        project = mirror.project
        # One model step: the turns after the first leave in one removal, so the
        # view renumbers its blocks once however many turns the selection spans.
        project.history.push(EditAcrossTurns(project, first, last, head + text + tail))
        mirror.place_cursor(first, len(head) + len(text))

