"""The transcript editor: every turn of a project, edited in place like a document.

Design: one QPlainTextEdit holds all turns, one block per paragraph, and a
gutter beside it paints each turn's time and speaker (the way a code editor
shows line numbers). Not a widget per turn, and not a list view with a
delegate: a single document gives native typing, selection, input methods and
keyboard movement across turns for free, and QPlainTextDocumentLayout lays out
only what is shown and relayouts only the edited block, so a 5,000-turn episode
opens, scrolls and takes keystrokes as fast as a short one (see
benchmarks/bench_transcript.py). :class:`~.blocks.TurnBlocks` maps blocks to
turns; :class:`~.layout.SpacedLayout` adds the line, paragraph and turn spacing
the plain layout lacks.

Edits: typing inside one turn is done natively by the document, then pushed as
``SetTurnText`` (consecutive typing in a turn merges into one undo step; moving
the cursor to another turn calls ``history.break_merge()``). Edits that would
cross a turn boundary are turned into core commands first and the document
follows the model: typing over, deleting, cutting or pasting over a selection
spanning turns is one "Edit across turns" macro (delete the turns in between,
merge the last into the first, set the joined text), so it reads like a
document and undoes in one step. Backspace at a turn's start and Delete at a
turn's end do nothing (merging is the window's Merge action, on purpose). The
view handles plain Return (a new paragraph) itself; splitting and merging keys
belong to the window's actions, whose keys the user chooses. Anything else that
reaches the document across a boundary is undone by reloading the view from the
model, so the two never disagree. An empty transcript stays editable: what is
typed into it becomes the first turn.

The view listens to the project's done-signals (``turns_inserted``,
``turns_removed``, ``turns_changed``, ``speakers_*``, ``audio_changed``) and
updates only the turns named; it keeps its own copy of the texts it shows, so
changes it made itself are recognised and not applied twice. (The about-to half
of each pair is for item models, which must hear of rows before they move; this
view compares against its own copy after the fact, so it needs only the done half.)
Text it did not change itself (undo, redo, replace) moves the cursor to the first
change once the history step is done, so the user sees what changed.

Playback: ``set_playhead`` finds the playing turn by bisecting a cached list
of turn starts (dropped when a start changes) and repaints only the bands of
the turn left and the turn entered. While following, the view scrolls when the
playing turn passes two thirds of the view, bringing it to a third; wheel or
scrollbar use, or the cursor moving into another turn, stops following
(``follow_changed(False)``) and ``set_following(True)`` resumes it.

Lifetime: the project, the text area and the gutter hold the view weakly, so a
view nobody holds is freed at once by reference counting, not later by the
cycle collector in the middle of some Qt paint.

Emits ``seek_requested(ms)`` (a turn's time was clicked),
``current_turn_changed(index)``, ``follow_changed(on)`` and ``problem(message)``
(an edit the core refused, one line for the user).
"""
from __future__ import annotations

import bisect
import os
import weakref

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (QFontMetricsF, QGuiApplication,
                           QIcon, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPixmap,
                           QTextCursor, QTextDocument)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QVBoxLayout, QWidget

from editor.core.commands import (DeleteTurn, InsertTurn, MergeWithPrevious, SetTurnSpeaker,
                                  SetTurnStart, SetTurnText, SplitTurn)
from editor.core.model import Project, Turn
from editor.core.signals import Signal as CoreSignal

from .blocks import TurnBlocks, shown_text
from .colors import TranscriptColors
from .gutter import HOUR_MS, Gutter
from .layout import SpacedLayout
from .textarea import TextArea, is_window_key

_BACKWARD_DELETES = (QKeySequence.StandardKey.DeleteStartOfWord,)
_FORWARD_DELETES = (QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.DeleteEndOfWord,
                    QKeySequence.StandardKey.DeleteEndOfLine,
                    QKeySequence.StandardKey.DeleteCompleteLine)
_CTRL = Qt.KeyboardModifier.ControlModifier
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
EMPTY_PLACEHOLDER = "Type here to start the transcript."


def _normalise(text: str) -> str:
    return shown_text(text).replace("\u2028", "\n")


def _first_difference(old: str, new: str) -> int:
    """Where ``new`` first differs from ``old`` (as the document shows them)."""
    return len(os.path.commonprefix([shown_text(old), shown_text(new)]))


class _ProjectHandler:
    """Calls one of the view's handlers for a project signal while the view lives;
    lets go of the signal once it is gone (the project does not keep views alive)."""

    __slots__ = ("_view", "_name", "_signal")

    def __init__(self, view: "TranscriptView", name: str, signal: CoreSignal) -> None:
        self._view, self._name, self._signal = weakref.ref(view), name, signal

    def __call__(self, *args) -> None:
        view = self._view()
        if view is None or not shiboken6.isValid(view):
            self._signal.disconnect(self)
            return
        getattr(view, self._name)(*args)


class _Span:
    """Where a turn shows in the viewport: its band, and whether it starts in view."""

    __slots__ = ("top", "bottom", "first_top", "starts_here")

    def __init__(self, top: float, first_top: float, starts_here: bool) -> None:
        self.top, self.bottom = top, top
        self.first_top, self.starts_here = first_top, starts_here


class TranscriptView(QWidget):
    seek_requested = Signal(int)
    current_turn_changed = Signal(int)
    follow_changed = Signal(bool)
    problem = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._blocks = TurnBlocks()
        self._syncing = False           # the view is changing the document itself
        self._own_text_push = False     # a SetTurnText the view pushed is running
        self._native_broke = False      # a native edit crossed a turn: reload
        self._edit_turn, self._edit_start, self._edit_end = -1, 0, 0
        self._current = -1
        self._playhead = 0
        self._playing = -1
        self._starts: list[int] | None = None
        self._following = True
        self.speaker_menu: QMenu | None = None
        self._speaker_menu_turn = -1
        self._project_handlers: list[tuple[CoreSignal, _ProjectHandler]] = []
        self._reveal: tuple[int, int] | None = None   # (turn, offset) of the first outside change
        self._colors: TranscriptColors | None = None

        self.editor = TextArea(self)
        self.editor.setUndoRedoEnabled(False)
        document = QTextDocument(self.editor)
        document.setUndoRedoEnabled(False)
        self.text_layout = SpacedLayout(document, self._blocks)
        document.setDocumentLayout(self.text_layout)
        self.editor.setDocument(document)
        self.editor.setAcceptDrops(False)
        self.editor.viewport().setAcceptDrops(False)
        self.editor.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.editor.setCursorWidth(2)
        self.editor.setTabChangesFocus(True)     # a transcript has no use for tab characters
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor.setPlaceholderText(EMPTY_PLACEHOLDER)
        self.gutter = Gutter(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.editor)
        self.setFocusProxy(self.editor)

        self.editor.updateRequest.connect(self._on_editor_update_request)
        self.editor.verticalScrollBar().actionTriggered.connect(self._on_scrollbar_action_triggered)
        self.gutter.time_clicked.connect(self._on_gutter_time_clicked)
        self.gutter.speaker_clicked.connect(self._on_gutter_speaker_clicked)
        self._apply_font()
        self._connect(project)
        self._reload()
        self._show_start()
        document.contentsChange.connect(self._on_document_contents_change)
        self.editor.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)

    # -- the project ----------------------------------------------------------------

    _PROJECT_SIGNALS = {
        "turns_inserted": "_on_project_turns_inserted",
        "turns_removed": "_on_project_turns_removed",
        "turns_changed": "_on_project_turns_changed",
        "speakers_inserted": "_on_project_speakers_changed",
        "speakers_removed": "_on_project_speakers_changed",
        "speakers_changed": "_on_project_speakers_changed",
        "audio_changed": "_on_project_audio_changed",
    }

    def _connect(self, project: Project) -> None:
        self._project_handlers = []
        signals = [(getattr(project, name), handler_name)
                   for name, handler_name in self._PROJECT_SIGNALS.items()]
        signals.append((project.history.changed, "_on_history_changed"))
        for signal, handler_name in signals:
            handler = _ProjectHandler(self, handler_name, signal)
            signal.connect(handler)
            self._project_handlers.append((signal, handler))

    def _disconnect(self) -> None:
        for signal, handler in self._project_handlers:
            signal.disconnect(handler)
        self._project_handlers = []

    def set_project(self, project: Project) -> None:
        self._disconnect()
        self.project = project
        self._connect(project)
        self._reveal = None
        self._reload()
        self._show_start()
        self._set_playing(self._turn_at(self._playhead))

    def _show_start(self) -> None:
        """The cursor at the start of the first turn, scrolled to the top: what the
        turn keys act on after opening is what the user sees."""
        self._syncing = True
        try:
            self.editor.setTextCursor(QTextCursor(self.editor.document()))
        finally:
            self._syncing = False
        self.editor.verticalScrollBar().setValue(0)
        self._refresh_cursor_turn()

    def _reload(self) -> None:
        """Show the whole project afresh (opening, or repairing a stray edit)."""
        texts = [turn.text for turn in self.project.turns]
        self._blocks.reset(texts)
        self.text_layout.forget()
        self._syncing = True
        try:
            self.editor.document().setPlainText("\n".join(shown_text(t) for t in texts))
        finally:
            self._syncing = False
        self._starts = None
        self._update_hours()
        self.gutter.measure()
        self._update_gutter_width()
        self._refresh_cursor_turn()
        self.editor.viewport().update()
        self.gutter.update()

    # -- looks ------------------------------------------------------------------------

    def _apply_font(self) -> None:
        self._line_spacing = QFontMetricsF(self.editor.font()).lineSpacing()
        self.text_layout.set_font_metrics(QFontMetricsF(self.editor.font()))
        self.editor.document().setDocumentMargin(max(6, QFontMetricsF(self.editor.font()).height() // 2))
        self.gutter.setFont(self.editor.font())
        self.gutter.measure()
        self._update_gutter_width()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self.editor.setFont(self.font())
            self._apply_font()
            self.editor.document().markContentsDirty(0, self.editor.document().characterCount())
        elif event.type() == QEvent.Type.PaletteChange:
            self._colors = None
            self.editor.setPalette(self.palette())
            self.gutter.update()
        super().changeEvent(event)

    def _update_gutter_width(self) -> None:
        width = self.gutter.width_hint()
        self.editor.setViewportMargins(width, 0, 0, 0)
        rect = self.editor.contentsRect()
        self.gutter.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def _update_hours(self) -> None:
        turns = self.project.turns
        longest = max(turns[-1].start if turns else 0, self.project.audio_duration or 0)
        hours = longest >= HOUR_MS
        if hours != self.gutter.hours:
            self.gutter.hours = hours
            self.gutter.measure()
            self._update_gutter_width()

    # -- geometry shared with the gutter ------------------------------------------------

    def visible_blocks(self):
        """(turn, block, top, height, is_turn_start) for each block in view, in order."""
        editor = self.editor
        blocks = self._blocks
        block = editor.firstVisibleBlock()
        if not len(blocks) or not block.isValid():
            return
        first = blocks.first
        count = len(first)
        number = block.blockNumber()
        turn = blocks.turn_of_block(number)
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
        limit = editor.viewport().height()
        while block.isValid() and top <= limit:
            if turn + 1 < count and number == first[turn + 1]:
                turn += 1
            height = editor.blockBoundingRect(block).height()
            yield turn, block, top, height, number == first[turn]
            top += height
            block = block.next()
            number += 1

    def playing_turn(self) -> int:
        return self._playing

    def turn_starts(self) -> frozenset[int]:
        """Numbers of the blocks that begin a turn."""
        return self._blocks.first_set

    def colors(self) -> TranscriptColors:
        if self._colors is None:
            self._colors = TranscriptColors(self.palette())
        return self._colors

    def _paint_band(self, event: QPaintEvent) -> None:
        span = self._turn_spans((self._playing,)).get(self._playing)
        if span is None:
            return
        painter = QPainter(self.editor.viewport())
        painter.fillRect(QRect(0, int(span.top), self.editor.viewport().width(),
                               int(span.bottom - span.top) + 1), self.colors().playing)
        painter.end()

    def _might_be_in_view(self, turn: int) -> bool:
        """Cheap test by block numbers: False means ``turn`` surely is not in view."""
        blocks = self._blocks
        if not 0 <= turn < len(blocks):
            return False
        first_visible = self.editor.firstVisibleBlock().blockNumber()
        # Blocks are never shorter than a line plus the paragraph gap.
        shortest = self._line_spacing + self.text_layout.paragraph_gap
        most = first_visible + self.editor.viewport().height() / shortest + 1
        return blocks.last_block(turn) >= first_visible and blocks.first[turn] <= most

    def _turn_spans(self, wanted) -> dict[int, "_Span"]:
        """The band (viewport y range) each turn in ``wanted`` shows, if in view."""
        wanted = [turn for turn in wanted if self._might_be_in_view(turn)]
        spans: dict[int, _Span] = {}
        if not wanted:
            return spans
        last_wanted = max(wanted)
        for turn, block, top, height, is_first in self.visible_blocks():
            if turn > last_wanted:
                break
            if turn not in wanted:
                continue
            span = spans.get(turn)
            if span is None:
                band_top = top + (self.text_layout.top_gap(block.blockNumber()) // 2 if is_first else 0)
                span = spans[turn] = _Span(band_top, top, is_first)
            span.bottom = top + height
        return spans

    def _on_editor_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    # -- positions ----------------------------------------------------------------------

    def _turn_start_pos(self, turn: int) -> int:
        return self.editor.document().findBlockByNumber(self._blocks.first[turn]).position()

    def _turn_end_pos(self, turn: int) -> int:
        block = self.editor.document().findBlockByNumber(self._blocks.last_block(turn))
        return block.position() + block.length() - 1

    def _turn_of_pos(self, position: int) -> int:
        block = self.editor.document().findBlock(position)
        return self._blocks.turn_of_block(block.blockNumber())

    def _turn_text(self, turn: int) -> str:
        """The text turn ``turn`` shows now, read from the document."""
        document = self.editor.document()
        first, last = self._blocks.first[turn], self._blocks.last_block(turn)
        block = document.findBlockByNumber(first)
        if first == last:
            return block.text()
        parts = []
        for _ in range(last - first + 1):
            parts.append(block.text())
            block = block.next()
        return "\n".join(parts)

    def current_turn(self) -> int:
        return self._current

    def cursor_offset(self) -> int:
        if self._current < 0:
            return 0
        return self.editor.textCursor().position() - self._turn_start_pos(self._current)

    def _place_cursor(self, turn: int, anchor: int, position: int | None = None) -> None:
        start = self._turn_start_pos(turn)
        length = self._turn_end_pos(turn) - start
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start + min(max(anchor, 0), length))
        if position is not None:
            cursor.setPosition(start + min(max(position, 0), length),
                               QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        rect = self.editor.cursorRect()
        if rect.top() < 0 or rect.bottom() > self.editor.viewport().height():
            self.editor.centerCursor()      # a jump (find, undo): show it mid-view

    def focus_turn(self, index: int, offset: int = 0) -> None:
        if not 0 <= index < len(self._blocks):
            return
        self._place_cursor(index, offset)
        self.editor.setFocus()

    def select_in_turn(self, index: int, start: int, end: int) -> None:
        if not 0 <= index < len(self._blocks):
            return
        self._place_cursor(index, start, end)

    # -- the cursor -------------------------------------------------------------------

    def _refresh_cursor_turn(self) -> None:
        """Remember the cursor's turn and its extent before the next native edit."""
        if not len(self._blocks):
            self._edit_turn, self._edit_start, self._edit_end = -1, 0, 0
        else:
            turn = self._blocks.turn_of_block(self.editor.textCursor().blockNumber())
            self._edit_turn = turn
            self._edit_start = self._turn_start_pos(turn)
            self._edit_end = self._turn_end_pos(turn)
        turn = self._edit_turn
        if turn != self._current:
            self._current = turn
            self.project.history.break_merge()
            self.current_turn_changed.emit(turn)

    def _on_editor_cursor_position_changed(self) -> None:
        if self._syncing:
            return
        self._refresh_cursor_turn()
        if self._following and self._playing >= 0 and self._current != self._playing:
            self.set_following(False)

    def _selection_crosses_turns(self) -> bool:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection() or not len(self._blocks):
            return False
        return self._turn_of_pos(cursor.selectionStart()) != self._turn_of_pos(cursor.selectionEnd())

    # -- keys -----------------------------------------------------------------------------

    def _at_turn_start(self) -> bool:
        cursor = self.editor.textCursor()
        return (self._current >= 0 and not cursor.hasSelection()
                and cursor.position() == self._turn_start_pos(self._current))

    def _at_turn_end(self) -> bool:
        cursor = self.editor.textCursor()
        return (self._current >= 0 and not cursor.hasSelection()
                and cursor.position() == self._turn_end_pos(self._current))

    def _yields_key(self, event: QKeyEvent) -> bool:
        """Keys the window's actions take even while the text has focus."""
        return is_window_key(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Handle keys that touch turn boundaries; False leaves the key to the editor.

        Split and merge are the window's actions (their keys come from the keymap):
        a Ctrl+Return that reaches the text is no action's key, and does nothing."""
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not len(self._blocks):
            return self._handle_key_when_empty(event)
        if key in _RETURN_KEYS:
            if not modifiers & _CTRL:
                self._insert_text("\n")     # Shift+Return too: always a new paragraph
            return True
        backward = key == Qt.Key.Key_Backspace or any(event.matches(k) for k in _BACKWARD_DELETES)
        forward = any(event.matches(k) for k in _FORWARD_DELETES)
        if self._selection_crosses_turns():
            if event.matches(QKeySequence.StandardKey.Cut):
                self.editor.copy()
                self._replace_selection("")
            elif event.matches(QKeySequence.StandardKey.Paste):
                self._insert_text(QGuiApplication.clipboard().text())
            elif backward or forward:
                self._replace_selection("")
            elif event.text() and event.text().isprintable() and not modifiers & _CTRL:
                self._replace_selection(event.text())
            else:
                return False
            return True
        if backward and self._at_turn_start():
            return True      # a turn boundary: merging is the window's Merge action
        if forward and self._at_turn_end():
            return True
        return False

    def _handle_key_when_empty(self, event: QKeyEvent) -> bool:
        """No turns yet: typed or pasted text starts the first one; nothing else edits."""
        if event.matches(QKeySequence.StandardKey.Paste):
            self._insert_text(QGuiApplication.clipboard().text())
        elif event.text() and event.text().isprintable() and not event.modifiers() & _CTRL:
            self._insert_text(event.text())
        return True

    # -- edits made in the view ------------------------------------------------------------

    def _insert_text(self, text: str) -> None:
        text = _normalise(text)
        if self._selection_crosses_turns():
            self._replace_selection(text)
            return
        if not len(self._blocks):
            self._start_first_turn(text)
            return
        if self._current < 0:
            return
        several = len(text) > 1
        if several:
            self.project.history.break_merge()     # a paste is its own undo step
        cursor = self.editor.textCursor()
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)
        self._after_native_edit()
        if several:
            self.project.history.break_merge()
        self.editor.ensureCursorVisible()

    def _start_first_turn(self, text: str) -> None:
        """An empty transcript's first turn, holding ``text``, for the first speaker."""
        if not text:
            return
        speakers = self.project.speakers
        turn = Turn(start=0, speaker=speakers[0].id if speakers else "", text=text)
        self.project.history.break_merge()
        self.project.history.push(InsertTurn(self.project, 0, turn))
        self._place_cursor(0, len(text))

    def _replace_selection(self, text: str) -> None:
        cursor = self.editor.textCursor()
        self._replace_range(cursor.selectionStart(), cursor.selectionEnd(), _normalise(text))

    def _replace_range(self, start: int, end: int, text: str) -> None:
        """Replace document positions start..end, which span turns, as one undo step."""
        first, last = self._turn_of_pos(start), self._turn_of_pos(end)
        head = shown_text(self._blocks.texts[first])[:start - self._turn_start_pos(first)]
        tail = shown_text(self._blocks.texts[last])[end - self._turn_start_pos(last):]
        project = self.project
        with project.history.macro("Edit across turns"):
            for index in range(last - 1, first, -1):
                project.history.push(DeleteTurn(project, index))
            if last > first:
                project.history.push(MergeWithPrevious(project, first + 1))
            project.history.push(SetTurnText(project, first, head + text + tail))
        self._place_cursor(first, len(head) + len(text))

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._syncing or self._native_broke or not (removed or added):
            return
        self._reveal = None      # the user is typing here: nothing to show elsewhere
        turn = self._edit_turn
        if turn < 0 or position < self._edit_start or position + removed > self._edit_end:
            self._native_broke = True       # crossed a turn boundary: undone by a reload
            QTimer.singleShot(0, self._after_native_edit)
            return
        self._edit_end += added - removed
        blocks = self._blocks
        text_before = blocks.texts[turn]
        if blocks.set_texts({turn: self._read_turn_after_edit(turn)}):
            self.text_layout.forget()
        text = blocks.texts[turn]
        if text == text_before or text == self.project.turns[turn].text:
            return
        self._own_text_push = True
        try:
            self.project.history.push(SetTurnText(self.project, turn, text))
        finally:
            self._own_text_push = False

    def _read_turn_after_edit(self, turn: int) -> str:
        """Turn ``turn``'s text from its (possibly re-counted) blocks after an edit."""
        document = self.editor.document()
        start = document.findBlock(self._edit_start)
        end = document.findBlock(self._edit_end)
        parts, block = [], start
        while True:
            parts.append(block.text())
            if block == end or not block.isValid():
                break
            block = block.next()
        return "\n".join(parts)

    def _after_native_edit(self) -> None:
        if self._native_broke:
            position = self.editor.textCursor().position()
            self._reload()
            self._native_broke = False
            document = self.editor.document()
            cursor = QTextCursor(document)
            cursor.setPosition(min(position, document.characterCount() - 1))
            self.editor.setTextCursor(cursor)

    # -- edit actions -----------------------------------------------------------------------

    def split_at_cursor(self) -> None:
        turn = self._current
        if turn < 0:
            return
        offset = self.cursor_offset()
        history = self.project.history
        history.break_merge()
        history.push(SplitTurn(self.project, turn, offset))
        self._place_cursor(turn + 1, 0)

    def merge_with_previous(self) -> bool:
        turn = self._current
        if turn <= 0 or not self._at_turn_start():
            return False
        command = MergeWithPrevious(self.project, turn)
        self.project.history.push(command)
        self._place_cursor(turn - 1, command.join_position)
        return True

    def set_current_turn_start(self, ms: int) -> None:
        """Confirm the current turn's start at ``ms``; a time out of order with its
        confirmed neighbours changes nothing and is reported by ``problem``."""
        if self._current < 0:
            return
        try:
            command = SetTurnStart(self.project, self._current, max(0, int(ms)))
        except ValueError as exc:
            self.problem.emit(str(exc))
            return
        self.project.history.push(command)

    def set_current_turn_speaker(self, speaker_id: str) -> None:
        self._set_turn_speaker(self._current, speaker_id)

    def _set_turn_speaker(self, turn: int, speaker_id: str) -> None:
        if 0 <= turn < len(self.project.turns) and self.project.turns[turn].speaker != speaker_id:
            self.project.history.push(SetTurnSpeaker(self.project, turn, speaker_id))

    def delete_current_turn(self) -> None:
        """Delete the current turn; never the only one (it is where typing goes)."""
        turn = self._current
        if turn < 0 or len(self.project.turns) < 2:
            return
        self.project.history.push(DeleteTurn(self.project, turn))
        if len(self._blocks):
            self._place_cursor(min(turn, len(self._blocks) - 1), 0)

    # -- menus -----------------------------------------------------------------------------------

    def open_speaker_menu(self, turn: int, global_pos: QPoint) -> QMenu:
        """The menu of speakers for ``turn`` (shown, not blocking); returns it."""
        if self.speaker_menu is not None:
            self.speaker_menu.deleteLater()
        menu = QMenu(self)
        current = self.project.turns[turn].speaker
        colors = self.colors()
        for speaker in self.project.speakers:
            label = speaker.name + (f"\tCtrl+{speaker.slot}" if speaker.slot else "")
            swatch = QPixmap(12, 12)
            swatch.fill(colors.speaker(speaker.color, colors.base))
            action = menu.addAction(QIcon(swatch), label)
            action.setCheckable(True)
            action.setChecked(speaker.id == current)
            action.setData(speaker.id)
        if not self.project.speakers:
            menu.addAction("No speakers yet").setEnabled(False)
        self._speaker_menu_turn = turn
        menu.triggered.connect(self._on_speaker_menu_triggered)
        self.speaker_menu = menu
        menu.popup(global_pos)
        return menu

    def _on_speaker_menu_triggered(self, action) -> None:
        if action.data():
            self._set_turn_speaker(self._speaker_menu_turn, action.data())

    def _context_menu(self, cursor: QTextCursor, global_pos: QPoint) -> None:
        editor = self.editor
        if not editor.textCursor().hasSelection():
            editor.setTextCursor(cursor)
        has_selection = editor.textCursor().hasSelection()
        menu = QMenu(self)
        menu.addAction("Cut", self._cut).setEnabled(has_selection)
        menu.addAction("Copy", editor.copy).setEnabled(has_selection)
        menu.addAction("Paste", self._paste)
        menu.addAction("Select All", editor.selectAll)
        menu.addSeparator()
        menu.addAction("Split Turn Here", self.split_at_cursor)
        menu.addAction("Merge With Previous Turn", self.merge_with_previous).setEnabled(
            self._at_turn_start() and self._current > 0)
        menu.addAction("Delete Turn", self.delete_current_turn).setEnabled(
            self._current >= 0 and len(self.project.turns) > 1)
        menu.exec(global_pos)
        menu.deleteLater()

    def _paste(self) -> None:
        self._insert_text(QGuiApplication.clipboard().text())

    def _cut(self) -> None:
        self.editor.copy()
        if self._selection_crosses_turns():
            self._replace_selection("")
        else:
            self._insert_text("")

    # -- the project's signals -------------------------------------------------------------------

    def _saved_cursor(self) -> tuple[int, int]:
        return self._current, self.cursor_offset() if self._current >= 0 else 0

    def _on_project_turns_changed(self, first: int, last: int) -> None:
        turns = self.project.turns
        if not self._own_text_push:
            texts = self._blocks.texts
            changed = {k: turns[k].text for k in range(first, last + 1) if turns[k].text != texts[k]}
            if changed:
                turn = min(changed)
                self._note_reveal(turn, _first_difference(texts[turn], changed[turn]))
                self._apply_texts(changed)
            self.gutter.update()
        starts = self._starts
        if starts is not None and any(starts[k] != turns[k].start for k in range(first, last + 1)):
            self._starts = None
            self._set_playing(self._turn_at(self._playhead))
        if last == len(turns) - 1:
            self._update_hours()

    def _apply_texts(self, changed: dict[int, str]) -> None:
        cursor_turn, offset = self._saved_cursor()
        document = self.editor.document()
        cursor = QTextCursor(document)
        self._syncing = True
        try:
            cursor.beginEditBlock()
            for turn in sorted(changed, reverse=True):
                cursor.setPosition(self._turn_start_pos(turn))
                cursor.setPosition(self._turn_end_pos(turn), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(shown_text(changed[turn]))
            cursor.endEditBlock()
        finally:
            self._syncing = False
        if self._blocks.set_texts(changed):
            self.text_layout.forget()
        if cursor_turn in changed:
            self._syncing = True
            try:
                self._place_cursor(cursor_turn, offset)
            finally:
                self._syncing = False
        self._refresh_cursor_turn()

    def _on_project_turns_inserted(self, first: int, last: int) -> None:
        texts = [t.text for t in self.project.turns[first:last + 1]]
        joined = "\n".join(shown_text(t) for t in texts)
        document = self.editor.document()
        cursor = QTextCursor(document)
        count = len(self._blocks)
        self._syncing = True
        try:
            if count == 0:
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.insertText(joined)
            elif first < count:
                cursor.setPosition(self._turn_start_pos(first))
                cursor.insertText(joined + "\n")
            else:
                cursor.setPosition(self._turn_end_pos(count - 1))
                cursor.insertText("\n" + joined)
        finally:
            self._syncing = False
        self._blocks.insert(first, texts)
        if self._reveal is not None and self._reveal[0] >= first:
            self._reveal = (self._reveal[0] + len(texts), self._reveal[1])
        self._note_reveal(first, 0)
        self._after_structure_change()

    def _on_project_turns_removed(self, first: int, last: int) -> None:
        count = len(self._blocks)
        cursor = QTextCursor(self.editor.document())
        self._syncing = True
        try:
            if first == 0 and last == count - 1:
                cursor.select(QTextCursor.SelectionType.Document)
            elif last == count - 1:
                cursor.setPosition(self._turn_end_pos(first - 1))
                cursor.setPosition(self._turn_end_pos(last), QTextCursor.MoveMode.KeepAnchor)
            else:
                cursor.setPosition(self._turn_start_pos(first))
                cursor.setPosition(self._turn_start_pos(last + 1), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        finally:
            self._syncing = False
        self._blocks.remove(first, last)
        if self._reveal is not None and self._reveal[0] >= first:
            turn, offset = self._reveal
            self._reveal = (first, 0) if turn <= last else (turn - (last - first + 1), offset)
        self._after_structure_change()

    def _note_reveal(self, turn: int, offset: int) -> None:
        """Remember the earliest change made from outside the view in this history step."""
        if self._reveal is None or turn < self._reveal[0]:
            self._reveal = (turn, offset)

    def _on_history_changed(self) -> None:
        """A history step is done: show its first change (undo, redo, replace)."""
        reveal, self._reveal = self._reveal, None
        if reveal is not None and len(self._blocks):
            self._place_cursor(min(reveal[0], len(self._blocks) - 1), reveal[1])

    def _after_structure_change(self) -> None:
        self.text_layout.forget()
        self._starts = None
        self._update_hours()
        self._refresh_cursor_turn()
        self._set_playing(self._turn_at(self._playhead), force=True)
        self.gutter.update()

    def _on_project_speakers_changed(self, first: int, last: int) -> None:
        self.gutter.measure()
        self._update_gutter_width()
        self.gutter.update()

    def _on_project_audio_changed(self) -> None:
        self._update_hours()
        self.gutter.update()

    # -- playback -----------------------------------------------------------------------------

    def _turn_at(self, ms: int) -> int:
        if self._starts is None:
            self._starts = [turn.start for turn in self.project.turns]
        return bisect.bisect_right(self._starts, ms) - 1

    def set_playhead(self, ms: int) -> None:
        self._playhead = ms
        self._set_playing(self._turn_at(ms))

    def _set_playing(self, turn: int, force: bool = False) -> None:
        if turn == self._playing and not force:
            return
        old, self._playing = self._playing, turn
        spans = self._turn_spans((old, turn))
        if self._following and turn >= 0:
            span = spans.get(turn)
            if span is None or not span.starts_here or span.first_top > self.editor.viewport().height() * 2 / 3:
                self._scroll_to_turn(turn)
                spans = self._turn_spans((old, turn))
        for span in spans.values():
            rect = QRect(0, int(span.top), self.editor.viewport().width(), int(span.bottom - span.top) + 2)
            self.editor.viewport().update(rect)
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def _scroll_to_turn(self, turn: int) -> None:
        """Scroll so that ``turn`` starts a third of the way down the view."""
        editor = self.editor
        block = editor.document().findBlockByNumber(self._blocks.first[turn])
        room = editor.viewport().height() / 3
        while block.previous().isValid():
            above = editor.blockBoundingRect(block.previous()).height()
            if above > room:
                break
            room -= above
            block = block.previous()
        # Scrolling moves the pixels already drawn; only the uncovered strip repaints.
        editor.verticalScrollBar().setValue(block.firstLineNumber())

    def is_following(self) -> bool:
        return self._following

    def set_following(self, on: bool) -> None:
        if on != self._following:
            self._following = on
            self.follow_changed.emit(on)
        if on and self._playing >= 0:
            self._set_playing(self._playing, force=True)

    def _on_scrollbar_action_triggered(self, action: int) -> None:
        self.set_following(False)      # only user scrolling triggers actions

    # -- the gutter's clicks --------------------------------------------------------------------

    def _on_gutter_time_clicked(self, turn: int) -> None:
        self.seek_requested.emit(self.project.turns[turn].start)

    def _on_gutter_speaker_clicked(self, turn: int, global_pos: QPoint) -> None:
        self.open_speaker_menu(turn, global_pos)
