"""Shared by the caption formats (WebVTT, SRT): cutting turns into cues, and
turning a sequence of cues back into turns.

Writing: a cue never runs across turns (so never across a speaker change), and
each paragraph of a turn starts a new cue. A paragraph too long for one cue of
``lines_per_cue`` lines of ``line_length`` characters is cut into as few cues
as will hold it, their lengths balanced (not filled one by one, which leaves a
last cue of a word or two); in a cue of several lines the lines are balanced
too. The turn's span is shared among its cues by character count, but every
cue gets at least ``MIN_CUE_MS`` where the span allows (else all get equal
shares).

Reading: a file that marks speakers anywhere (voices, ``Name:`` prefixes) uses
the mark to start turns, and unmarked cues continue the current turn; a file
with no speaker marks at all gets one turn per cue.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Project, Turn
from ..builder import ProjectBuilder, split_span, turn_spans
from ..textparse import wrap_words

__all__ = ["Cue", "MIN_CUE_MS", "cut_turns", "CueReader"]

MIN_CUE_MS = 1000     # shorter captions flash by before they can be read


@dataclass
class Cue:
    start: int
    end: int
    lines: list[str]
    turn: int                   # 1-based index of the turn in the project
    paragraph: int              # 1-based, within the turn
    piece: int                  # 1-based, within the paragraph
    speaker: str = ""           # the speaker's name, "" for none


def cut_turns(project: Project, line_length: int, lines_per_cue: int,
              prefix_first: bool = False) -> list[Cue]:
    """Cues for every turn. With ``prefix_first`` the turn's first cue starts
    with ``Name: `` (kept whole on the first line); else no prefix is added."""
    names = {s.id: " ".join(s.name.split()) for s in project.speakers}
    cues: list[Cue] = []
    for number, (turn, span) in enumerate(zip(project.turns, turn_spans(project)), 1):
        name = names[turn.speaker] if turn.speaker in names else " ".join(turn.speaker.split())
        pieces: list[tuple[int, int, list[str]]] = []    # paragraph, piece, lines
        for p_number, paragraph in enumerate(
                (p for p in turn.paragraphs if p.split()), 1):
            words = paragraph.split()
            if prefix_first and name and not pieces:
                words = [f"{name}:"] + words
            for k, group in enumerate(_cue_words(words, line_length, lines_per_cue), 1):
                pieces.append((p_number, k, _balanced_lines(group, line_length)))
        if not pieces:
            if not name:
                continue  # an empty turn with no speaker shows nothing
            pieces.append((1, 1, [f"{name}:"] if prefix_first else [""]))
        weights = [sum(len(line) for line in lines) for _, _, lines in pieces]
        for (p_number, k, lines), (start, end) in zip(pieces, _share(*span, weights)):
            cues.append(Cue(start, end, lines, number, p_number, k, name))
    return cues


# -- cutting a paragraph into cues ----------------------------------------------------

def _cue_words(words: list[str], width: int, lines: int) -> list[list[str]]:
    """The words of each cue of a paragraph: as few cues as hold it in ``lines``
    lines of ``width``, with the least spread of lengths among them."""
    if _length(words) <= width or len(wrap_words(words, width)) <= lines:
        return [words]    # most paragraphs: one cue
    # Shortest path over the places between words: a step is one cue that fits;
    # cost (cues, sum of squared room left in each) puts fewer cues first, then
    # balance, since with the count fixed the squares are least when the lengths are even.
    capacity = width * lines
    best: list[tuple[int, int] | None] = [None] * (len(words) + 1)
    back = [0] * (len(words) + 1)
    best[0] = (0, 0)
    for begin in range(len(words)):
        if best[begin] is None:
            continue
        cues, cost = best[begin]
        used, line, size = 1, -1, -1      # lines so far, the last line's length, cue size
        for end in range(begin, len(words)):
            word = len(words[end])
            if line < 0:
                line = word
            elif line + 1 + word <= width:
                line += 1 + word
            else:
                used, line = used + 1, word
            if used > lines:
                break
            size += 1 + word
            score = (cues + 1, cost + (capacity - size) ** 2)
            if best[end + 1] is None or score < best[end + 1]:
                best[end + 1], back[end + 1] = score, begin
    groups, end = [], len(words)
    while end > 0:
        groups.append(words[back[end]:end])
        end = back[end]
    return groups[::-1]


def _length(words: list[str]) -> int:
    """The characters of ``words`` on one line."""
    return len(" ".join(words))


def _balanced_lines(words: list[str], width: int) -> list[str]:
    """``words`` wrapped into as few lines of ``width`` as hold them, made as even
    as they can be: the narrowest wrap that needs no more lines."""
    total = _length(words)
    if total <= width:
        return [" ".join(words)]
    # The usual cue, two lines: the break that makes the longer line shortest.
    left, best, best_longer = -1, 0, total
    for k in range(1, len(words)):
        left += len(words[k - 1]) + 1
        longer = max(left, total - left - 1)
        if longer < best_longer:
            best, best_longer = k, longer
    if best_longer <= width:
        return [" ".join(words[:best]), " ".join(words[best:])]
    lines = len(wrap_words(words, width))
    low, high = max(len(w) for w in words), width    # the narrowest width that works
    while low < high:
        middle = (low + high) // 2
        if len(wrap_words(words, middle)) <= lines:
            high = middle
        else:
            low = middle + 1
    return wrap_words(words, max(low, 1))


# -- sharing a turn's span among its cues -----------------------------------------------

def _share(start: int, end: int, weights: list[int]) -> list[tuple[int, int]]:
    """Cut [start, end) into consecutive pieces in proportion to ``weights``, each
    at least ``MIN_CUE_MS`` long when the span has room for that (else all equal)."""
    count = len(weights)
    span = max(end - start, 0)
    if count == 1:
        return split_span(start, end, weights)
    if span < MIN_CUE_MS * count:
        return split_span(start, end, [1] * count)
    # Pieces that would be too short get the minimum; the rest share what is left.
    short: set[int] = set()
    while True:
        free = [i for i in range(count) if i not in short]
        left = span - MIN_CUE_MS * len(short)
        total = sum(max(weights[i], 1) for i in free)
        newly = {i for i in free if left * max(weights[i], 1) < MIN_CUE_MS * total}
        if not newly:
            break
        short |= newly
    return split_span(start, end, [MIN_CUE_MS if i in short else
                                   round(left * max(weights[i], 1) / total)
                                   for i in range(count)])


@dataclass
class _Open:
    turn: Turn
    speaker: str
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])


class CueReader:
    """Builds turns from cues read in file order.

    ``marked`` says whether the file marks speakers at all (see module doc).
    """

    def __init__(self, marked: bool) -> None:
        self.marked = marked
        self.builder = ProjectBuilder()
        self._open: _Open | None = None

    @property
    def speaker(self) -> str | None:
        """The current turn's speaker name, or None before the first turn."""
        return self._open.speaker if self._open else None

    def new_turn(self, start: int, speaker: str, text: str, estimated: bool = False) -> None:
        self._close()
        turn = self.builder.turn(start, speaker, [], estimated)
        self._open = _Open(turn, speaker)
        self.add(text)

    def new_paragraph(self, text: str) -> None:
        if self._open.paragraphs[-1]:
            self._open.paragraphs.append([])
        self.add(text)

    def add(self, text: str) -> None:
        """Continue the current paragraph of the current turn."""
        self._open.paragraphs[-1].extend(text.split())

    def project(self) -> Project:
        self._close()
        return self.builder.project()

    def _close(self) -> None:
        if self._open is not None:
            self._open.turn.text = "\n".join(
                " ".join(words) for words in self._open.paragraphs if words)
            self._open = None
