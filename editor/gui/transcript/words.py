"""The word under the playhead, marked within its turn; the word under a Ctrl+click.

:class:`PlayingWord` owns the word highlight. For the playing turn it keeps the
start of every word (:func:`editor.core.wordtimes.word_spans`, up to the next
turn's start or the audio's end) and where each word sits in the document, made
once when the playing turn, its text or its times change; a tick is then one
bisection of those starts, and only when the word changes is the text area
handed the new word's document range, which repaints the old and the new
word's rectangles (no layout, no format change).

Only a turn with word times (``Turn.words`` with a known time in it, as
alignment leaves them) shows its word: in any other turn every word's time
would be a guess at a speaking pace, and a highlight running ahead or behind
the voice misleads more than none. :meth:`PlayingWord.word_start_at` gives the
start of the word at a document position in any turn (guessed as
``word_spans`` guesses where nothing is known), for Ctrl+click. Emits nothing.
"""
from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QObject, QTimer

from editor.core.model import Project
from editor.core.spelling import utf16_spans
from editor.core.wordtimes import has_word_times, word_spans

from .mirror import DocumentMirror
from .textarea import TextArea

_WORD = re.compile(r"\S+")      # the words of text.split(), with their places


def word_places(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text.split()`` in the document's UTF-16 units."""
    return utf16_spans(text, [match.span() for match in _WORD.finditer(text)])


class PlayingWord(QObject):
    def __init__(self, project: Project, editor: TextArea, mirror: DocumentMirror,
                 parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self.editor = editor
        self.mirror = mirror
        self._playhead = 0
        self._turn = -1                 # the turn the starts below are of
        self._starts: list[int] = []    # ms, of each word of that turn (none: no times)
        self._places: list[tuple[int, int]] = []    # each word's place in the turn's text
        self._word = -1
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._on_refresh_timeout)
        editor.document().contentsChange.connect(self._on_document_contents_change)
        mirror.reloaded.connect(self._on_mirror_reloaded)
        mirror.turns_reshaped.connect(self._on_mirror_turns_reshaped)
        mirror.turns_changed.connect(self._on_mirror_turns_changed)

    def set_project(self, project: Project) -> None:
        self.project = project
        self._forget()

    def playing_word(self) -> int:
        """The index of the word highlighted in the playing turn; -1 when none is."""
        return self._word

    def set_playhead(self, ms: int) -> None:
        self._playhead = ms
        turn = self.project.turn_at(ms)
        if turn != self._turn:
            self._load(turn)
        starts = self._starts
        word = bisect.bisect_right(starts, ms) - 1 if starts else -1
        if word != self._word:
            self._show(word)

    def word_start_at(self, position: int) -> int | None:
        """The start (ms) of the word at document ``position`` (or just before it);
        None when no word is there."""
        if not self.mirror.turn_count():
            return None
        turn = self.mirror.turn_of_pos(position)
        offset = position - self.mirror.turn_start_pos(turn)
        places = word_places(self.mirror.blocks.texts[turn])
        word = next((k for k, (start, end) in enumerate(places) if start <= offset <= end), None)
        if word is None:
            return None
        spans = word_spans(self.project.turns[turn], self.project.turn_end(turn))
        return spans[word].start if word < len(spans) else None

    # -- the playing turn's words -------------------------------------------------------

    def _load(self, turn: int) -> None:
        self._turn = turn
        self._word = -2                 # another turn: its word is shown, whatever its index
        self._starts, self._places = [], []
        if 0 <= turn < len(self.project.turns) and turn < self.mirror.turn_count():
            model = self.project.turns[turn]
            if has_word_times(model):
                places = word_places(self.mirror.blocks.texts[turn])
                if len(places) == len(model.words):
                    spans = word_spans(model, self.project.turn_end(turn))
                    self._starts = [span.start for span in spans]
                    self._places = places

    def _show(self, word: int) -> None:
        self._word = word
        if word < 0:
            self.editor.set_word_range(None)
            return
        base = self.mirror.turn_start_pos(self._turn)
        start, end = self._places[word]
        self.editor.set_word_range((base + start, base + end))

    def _forget(self) -> None:
        """The playing turn's words may have moved: read them again once events are done."""
        self._turn = -1
        self._refresh.start()

    def _on_refresh_timeout(self) -> None:
        self.set_playhead(self._playhead)

    def _on_document_contents_change(self, *_args) -> None:
        if self._starts:        # a word's place may have moved (typing adds no times)
            self._forget()

    def _on_mirror_reloaded(self) -> None:
        self._forget()

    def _on_mirror_turns_reshaped(self) -> None:
        self._forget()

    def _on_mirror_turns_changed(self, _first: int, _last: int) -> None:
        self._forget()
