"""Misspelled words, underlined with a wavy line in the transcript's text.

:class:`MisspellingUnderline` owns the "spelling" group of the text area's extra
selections. Like the find highlights it checks only the turns in view, and
checks again when the view scrolls, resizes or its text changes, once the event
loop is free (never inside a keystroke); a turn's answer is kept by its text,
so only a turn that changed is checked again. The word being typed (the
cursor in it, just after an edit there) is not underlined until the cursor
leaves it: a half-typed word is no misspelling. With no checker (spelling off,
or not made yet) nothing is underlined. ``misspelling_at(position)`` names the
word under a document position, for the context menu. Emits nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from editor.core.model import Project
from editor.core.spelling import SpellChecker, utf16_spans

from .blocks import shown_text
from .geometry import BlockGeometry
from .mirror import DocumentMirror
from .textarea import TextArea

GROUP = "spelling"
CACHE_LIMIT = 4000       # distinct turn texts remembered; past it, start again


@dataclass(frozen=True)
class Misspelling:
    """A misspelled ``word`` of ``turn``: ``start``/``end`` index its text."""

    turn: int
    start: int
    end: int
    word: str


class MisspellingUnderline(QObject):
    def __init__(self, project: Project, editor: TextArea, geometry: BlockGeometry,
                 mirror: DocumentMirror, parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self.editor = editor
        self.geometry = geometry
        self.mirror = mirror
        self.checker: SpellChecker | None = None
        self._spans: dict[str, list[tuple[int, int, int, int]]] = {}   # text: (utf16, index)
        self._typed_to = -1       # where the last edit ended: the word being typed ends there
        self._edited: set[int] = set()     # positions typed at since the last refresh
        self._whole_view = True            # False: only edits since then, no scroll or reload
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor(Qt.GlobalColor.red))
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._on_refresh_timeout)
        editor.verticalScrollBar().valueChanged.connect(self._on_view_changed)
        editor.resized.connect(self._on_view_changed)
        editor.document().contentsChange.connect(self._on_document_contents_change)
        editor.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)
        mirror.reloaded.connect(self._on_view_changed)

    def set_project(self, project: Project) -> None:
        self.project = project
        self._whole_view = True
        self._refresh.start()

    def set_checker(self, checker: SpellChecker | None) -> None:
        """Underline what ``checker`` flags from now on (None: nothing)."""
        if self.checker is not None:
            self.checker.changed.disconnect(self._on_checker_changed)
        self.checker = checker
        self._spans.clear()
        self._whole_view = True
        if checker is not None:
            checker.changed.connect(self._on_checker_changed)
        self._refresh.start()

    def shown(self) -> list[tuple[int, int]]:
        """(start, end) document positions of the words underlined now."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in self.editor.selection_group(GROUP)]

    def misspelling_at(self, position: int) -> Misspelling | None:
        """The misspelled word at document ``position`` (or just after it), if any."""
        if self.checker is None or not self.mirror.turn_count():
            return None
        turn = self.mirror.turn_of_pos(position)
        if not 0 <= turn < len(self.project.turns):
            return None
        text = shown_text(self.project.turns[turn].text)
        offset = position - self.mirror.turn_start_pos(turn)
        for first, last, start, end in self._spans_of(text):
            if first <= offset <= last:
                return Misspelling(turn, start, end, text[start:end])
        return None

    def refresh(self) -> None:
        """Check the turns in view again and underline what is misspelled."""
        self._refresh.stop()
        edited, self._edited = self._edited, set()
        whole, self._whole_view = self._whole_view, False
        if not whole and self._edits_changed_nothing(edited):
            return
        wanted: list[tuple[int, int]] = []
        if self.checker is not None and self.checker.active:
            if len(self._spans) > CACHE_LIMIT:
                self._spans.clear()
            texts = self.mirror.blocks.texts
            seen: set[int] = set()
            for turn, *_rest in self.geometry.visible_blocks():
                if turn in seen or turn >= len(texts):
                    continue
                seen.add(turn)
                spans = self._spans_of(shown_text(texts[turn]))
                if spans:
                    base = self.mirror.turn_start_pos(turn)
                    wanted += [(base + first, base + last) for first, last, _s, _e in spans]
        # The underlines' cursors follow edits: after most keystrokes they are already
        # where they belong, and setting them again would repaint every one of them.
        wanted = self._without_word_being_typed(wanted)
        if wanted == self.shown():
            return
        document = self.editor.document()
        selections = []
        for first, last in wanted:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(document)
            selection.cursor.setPosition(first)
            selection.cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
            selection.format = self._format
            selections.append(selection)
        self.editor.set_selection_group(GROUP, selections)

    def _edits_changed_nothing(self, positions: set[int]) -> bool:
        """True when each turn typed in is underlined as it should be (its underlines'
        cursors moved with the typing): a keystroke checks one turn, not the view."""
        if self.checker is None or not self.checker.active or not self.mirror.turn_count():
            return False
        shown = self.shown()
        texts = self.mirror.blocks.texts
        for turn in {self.mirror.turn_of_pos(position) for position in positions}:
            if not 0 <= turn < len(texts):
                return False
            base, end = self.mirror.turn_start_pos(turn), self.mirror.turn_end_pos(turn)
            wanted = self._without_word_being_typed(
                [(base + first, base + last)
                 for first, last, _s, _e in self._spans_of(shown_text(texts[turn]))])
            if wanted != [(first, last) for first, last in shown if base <= first <= end]:
                return False
        return True

    def _without_word_being_typed(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        typing = self.editor.textCursor().position()
        if typing != self._typed_to:
            return spans
        return [(first, last) for first, last in spans if not first <= typing <= last]

    def _spans_of(self, text: str) -> list[tuple[int, int, int, int]]:
        """Each misspelled word of ``text``: (UTF-16 start, end, index start, end)."""
        spans = self._spans.get(text)
        if spans is None:
            found = self.checker.misspelled_spans(text)
            spans = self._spans[text] = [
                (first, last, start, end)
                for (first, last), (start, end) in zip(utf16_spans(text, found), found)]
        return spans

    def _on_refresh_timeout(self) -> None:
        self.refresh()

    def _on_view_changed(self, *_args) -> None:
        self._whole_view = True
        self._schedule()

    def _schedule(self) -> None:
        if self.checker is not None or self.editor.selection_group(GROUP):
            self._refresh.start()

    def _on_document_contents_change(self, position: int, _removed: int, added: int) -> None:
        self._typed_to = position + added
        self._edited.add(position)
        self._schedule()

    def _on_editor_cursor_position_changed(self) -> None:
        if self._typed_to >= 0 and self.editor.textCursor().position() != self._typed_to:
            self._typed_to = -1          # the cursor left the word: underline it now
            self._on_view_changed()

    def _on_checker_changed(self) -> None:
        self._spans.clear()
        self._whole_view = True
        self._refresh.start()
