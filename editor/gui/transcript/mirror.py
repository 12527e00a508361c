"""The project mirrored in the transcript's text document, and the cursor's turn.

:class:`DocumentMirror` owns the two-way copy between the project's turns and
the one text document that shows them (one block per paragraph, mapped to
turns by :class:`~.blocks.TurnBlocks`), and the map between document positions
and (turn, offset).

Project to document: it listens to the project's done-signals
(``turns_inserted``, ``turns_removed``, ``turns_changed``) and changes only the
turns named. It keeps its own copy of the texts it shows, so changes it pushed
itself are recognised and not applied twice. (The about-to half of each pair is
for item models, which must hear of rows before they move; the mirror compares
against its own copy after the fact, so it needs only the done half.) Text it
did not change itself (undo, redo, replace) moves the cursor to the first change
once the history step is done, so the user sees what changed.

Document to project: typing inside one turn is done natively by the document,
then pushed as ``SetTurnText`` (consecutive typing in a turn merges into one
undo step; the cursor moving other than by typing, within the turn or to
another, calls ``history.break_merge()``).
An edit that reached the document across a turn boundary is undone by
reloading the document from the model, so the two never disagree. (Edits meant
to cross turns never get here: the text area turns them into commands first.)

Emits ``current_turn_changed(turn)`` when the cursor enters another turn,
``cursor_moved(turn)`` whenever the user moves it, ``reloaded()`` after the
whole document was shown afresh, ``turns_reshaped()`` after turns came or went,
``turns_changed(first, last)`` after turns' texts, times or speakers changed other
than by typing here (typing changes only the text the document already shows),
and ``speakers_changed()`` and ``audio_changed()`` as the project does.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.commands import SetTurnText
from editor.core.model import Project

from .blocks import TurnBlocks, shown_text
from .layout import SpacedLayout


def _first_difference(old: str, new: str) -> int:
    """Where ``new`` first differs from ``old`` (as the document shows them)."""
    return len(os.path.commonprefix([shown_text(old), shown_text(new)]))


class DocumentMirror(QObject):
    current_turn_changed = Signal(int)
    cursor_moved = Signal(int)
    reloaded = Signal()
    turns_reshaped = Signal()
    turns_changed = Signal(int, int)
    speakers_changed = Signal()
    audio_changed = Signal()

    def __init__(self, project: Project, editor: QPlainTextEdit, blocks: TurnBlocks,
                 layout: SpacedLayout, parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self.editor = editor
        self.blocks = blocks
        self.layout = layout
        self._syncing = False           # the mirror is changing the document itself
        self._own_text_push = False     # a SetTurnText the mirror pushed is running
        self._native_broke = False      # a native edit crossed a turn: reload
        self._edit_turn, self._edit_start, self._edit_end = -1, 0, 0
        self._current = -1
        self._typed_to: int | None = None     # where the last native edit left the cursor
        self._reveal: tuple[int, int] | None = None   # (turn, offset) of the first outside change
        for signal, handler in self._project_signals(project):
            signal.connect(handler)
        editor.document().contentsChange.connect(self._on_document_contents_change)
        editor.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)

    # -- the project ----------------------------------------------------------------

    def _project_signals(self, project: Project) -> list:
        """(signal, handler) for each project signal the mirror hears. The core
        holds bound methods weakly: a mirror nobody holds drops out by itself."""
        return [
            (project.turns_inserted, self._on_project_turns_inserted),
            (project.turns_removed, self._on_project_turns_removed),
            (project.turns_changed, self._on_project_turns_changed),
            (project.speakers_inserted, self._on_project_speakers_changed),
            (project.speakers_removed, self._on_project_speakers_changed),
            (project.speakers_changed, self._on_project_speakers_changed),
            (project.audio_changed, self._on_project_audio_changed),
            (project.history.changed, self._on_history_changed),
        ]

    def set_project(self, project: Project) -> None:
        for signal, handler in self._project_signals(self.project):
            signal.disconnect(handler)
        self.project = project
        for signal, handler in self._project_signals(project):
            signal.connect(handler)
        self._reveal = None
        self.reload()

    def reload(self) -> None:
        """Show the whole project afresh (opening, or repairing a stray edit)."""
        texts = [turn.text for turn in self.project.turns]
        self.blocks.reset(texts)
        self.layout.forget()
        with self._syncing_document():
            self.editor.document().setPlainText("\n".join(shown_text(t) for t in texts))
        self._refresh_cursor_turn()
        self.reloaded.emit()

    def show_start(self) -> None:
        """The cursor at the start of the first turn, scrolled to the top: what the
        turn keys act on after opening is what the user sees."""
        with self._syncing_document():
            self.editor.setTextCursor(QTextCursor(self.editor.document()))
        self.editor.verticalScrollBar().setValue(0)
        self._refresh_cursor_turn()

    def set_margin(self, margin: float) -> None:
        """The document's margin; Qt reports the change as an edit of every block,
        which it is not."""
        with self._syncing_document():
            self.editor.document().setDocumentMargin(margin)

    @contextmanager
    def _syncing_document(self):
        """The mirror changes the document or cursor itself: not the user's edit."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    @contextmanager
    def _pushing_own_text(self):
        self._own_text_push = True
        try:
            yield
        finally:
            self._own_text_push = False

    # -- positions ------------------------------------------------------------------

    def turn_count(self) -> int:
        return len(self.blocks)

    def turn_start_pos(self, turn: int) -> int:
        return self.editor.document().findBlockByNumber(self.blocks.first[turn]).position()

    def turn_end_pos(self, turn: int) -> int:
        block = self.editor.document().findBlockByNumber(self.blocks.last_block(turn))
        return block.position() + block.length() - 1

    def turn_of_pos(self, position: int) -> int:
        block = self.editor.document().findBlock(position)
        return self.blocks.turn_of_block(block.blockNumber())

    def current_turn(self) -> int:
        return self._current

    def cursor_offset(self) -> int:
        if self._current < 0:
            return 0
        return self.editor.textCursor().position() - self.turn_start_pos(self._current)

    def place_cursor(self, turn: int, anchor: int, position: int | None = None) -> None:
        """The cursor at ``anchor`` in ``turn`` (selecting to ``position``), shown."""
        start = self.turn_start_pos(turn)
        length = self.turn_end_pos(turn) - start
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start + min(max(anchor, 0), length))
        if position is not None:
            cursor.setPosition(start + min(max(position, 0), length),
                               QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        rect = self.editor.cursorRect()
        if rect.top() < 0 or rect.bottom() > self.editor.viewport().height():
            self.editor.centerCursor()      # a jump (find, undo): show it mid-view

    def at_turn_start(self) -> bool:
        cursor = self.editor.textCursor()
        return (self._current >= 0 and not cursor.hasSelection()
                and cursor.position() == self.turn_start_pos(self._current))

    def at_turn_end(self) -> bool:
        cursor = self.editor.textCursor()
        return (self._current >= 0 and not cursor.hasSelection()
                and cursor.position() == self.turn_end_pos(self._current))

    def selection_crosses_turns(self) -> bool:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection() or not len(self.blocks):
            return False
        return self.turn_of_pos(cursor.selectionStart()) != self.turn_of_pos(cursor.selectionEnd())

    # -- the cursor -------------------------------------------------------------------

    def _refresh_cursor_turn(self) -> None:
        """Remember the cursor's turn and its extent before the next native edit."""
        if not len(self.blocks):
            self._edit_turn, self._edit_start, self._edit_end = -1, 0, 0
        else:
            turn = self.blocks.turn_of_block(self.editor.textCursor().blockNumber())
            self._edit_turn = turn
            self._edit_start = self.turn_start_pos(turn)
            self._edit_end = self.turn_end_pos(turn)
        turn = self._edit_turn
        if turn != self._current:
            self._current = turn
            self.project.history.break_merge()
            self.current_turn_changed.emit(turn)

    def _on_editor_cursor_position_changed(self) -> None:
        if self._syncing:
            return
        typed_to, self._typed_to = self._typed_to, None
        if self.editor.textCursor().position() != typed_to:
            self.project.history.break_merge()      # a jump, not typing: a new undo step
        self._refresh_cursor_turn()
        self.cursor_moved.emit(self._current)

    # -- native edits ---------------------------------------------------------------------

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._syncing or self._native_broke or not (removed or added):
            return
        self._reveal = None      # the user is typing here: nothing to show elsewhere
        self._typed_to = position + added      # where typing leaves the cursor
        turn = self._edit_turn
        if turn < 0 or position < self._edit_start or position + removed > self._edit_end:
            self._native_broke = True       # crossed a turn boundary: undone by a reload
            QTimer.singleShot(0, self, self.after_native_edit)
            return
        self._edit_end += added - removed
        blocks = self.blocks
        text_before = blocks.texts[turn]
        if blocks.set_texts({turn: self._read_turn_after_edit()}):
            self.layout.forget()
        text = blocks.texts[turn]
        if text == text_before or text == self.project.turns[turn].text:
            return
        with self._pushing_own_text():
            self.project.history.push(SetTurnText(self.project, turn, text))

    def _read_turn_after_edit(self) -> str:
        """The edited turn's text from its (possibly re-counted) blocks."""
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

    def after_native_edit(self) -> None:
        """Repair the document if the edit just made crossed a turn boundary."""
        if self._native_broke:
            position = self.editor.textCursor().position()
            self.reload()
            self._native_broke = False
            document = self.editor.document()
            cursor = QTextCursor(document)
            cursor.setPosition(min(position, document.characterCount() - 1))
            self.editor.setTextCursor(cursor)

    # -- the project's signals -------------------------------------------------------------------

    def _on_project_turns_changed(self, first: int, last: int) -> None:
        if self._own_text_push:
            return          # the document shows it already; no time or speaker moved
        turns, texts = self.project.turns, self.blocks.texts
        changed = {k: turns[k].text for k in range(first, last + 1) if turns[k].text != texts[k]}
        if changed:
            turn = min(changed)
            self._note_reveal(turn, _first_difference(texts[turn], changed[turn]))
            self._apply_texts(changed)
        self.turns_changed.emit(first, last)

    def _apply_texts(self, changed: dict[int, str]) -> None:
        cursor_turn = self._current
        offset = self.cursor_offset()
        cursor = QTextCursor(self.editor.document())
        with self._syncing_document():
            cursor.beginEditBlock()
            for turn in sorted(changed, reverse=True):
                cursor.setPosition(self.turn_start_pos(turn))
                cursor.setPosition(self.turn_end_pos(turn), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(shown_text(changed[turn]))
            cursor.endEditBlock()
        if self.blocks.set_texts(changed):
            self.layout.forget()
        if cursor_turn in changed:
            with self._syncing_document():
                self.place_cursor(cursor_turn, offset)
        self._refresh_cursor_turn()

    def _on_project_turns_inserted(self, first: int, last: int) -> None:
        texts = [t.text for t in self.project.turns[first:last + 1]]
        joined = "\n".join(shown_text(t) for t in texts)
        cursor = QTextCursor(self.editor.document())
        count = len(self.blocks)
        with self._syncing_document():
            if count == 0:
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.insertText(joined)
            elif first < count:
                cursor.setPosition(self.turn_start_pos(first))
                cursor.insertText(joined + "\n")
            else:
                cursor.setPosition(self.turn_end_pos(count - 1))
                cursor.insertText("\n" + joined)
        self.blocks.insert(first, texts)
        if self._reveal is not None and self._reveal[0] >= first:
            self._reveal = (self._reveal[0] + len(texts), self._reveal[1])
        self._note_reveal(first, 0)
        self._after_reshape()

    def _on_project_turns_removed(self, first: int, last: int) -> None:
        count = len(self.blocks)
        cursor = QTextCursor(self.editor.document())
        with self._syncing_document():
            if first == 0 and last == count - 1:
                cursor.select(QTextCursor.SelectionType.Document)
            elif last == count - 1:
                cursor.setPosition(self.turn_end_pos(first - 1))
                cursor.setPosition(self.turn_end_pos(last), QTextCursor.MoveMode.KeepAnchor)
            else:
                cursor.setPosition(self.turn_start_pos(first))
                cursor.setPosition(self.turn_start_pos(last + 1), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        self.blocks.remove(first, last)
        if self._reveal is not None and self._reveal[0] >= first:
            turn, offset = self._reveal
            self._reveal = (first, 0) if turn <= last else (turn - (last - first + 1), offset)
        self._after_reshape()

    def _after_reshape(self) -> None:
        self.layout.forget()
        self._refresh_cursor_turn()
        self.turns_reshaped.emit()

    def _note_reveal(self, turn: int, offset: int) -> None:
        """Remember the earliest change made from outside the view in this history step."""
        if self._reveal is None or turn < self._reveal[0]:
            self._reveal = (turn, offset)

    def _on_history_changed(self) -> None:
        """A history step is done: show its first change (undo, redo, replace)."""
        reveal, self._reveal = self._reveal, None
        if reveal is not None and len(self.blocks):
            self.place_cursor(min(reveal[0], len(self.blocks) - 1), reveal[1])

    def _on_project_speakers_changed(self, first: int, last: int) -> None:
        self.speakers_changed.emit()

    def _on_project_audio_changed(self) -> None:
        self.audio_changed.emit()

