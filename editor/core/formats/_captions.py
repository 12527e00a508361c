"""Shared by the caption formats (WebVTT, SRT): cutting turns into cues, and
turning a sequence of cues back into turns.

Writing: a cue never runs across turns (so never across a speaker change). A
turn of one paragraph that fits one cue of ``lines_per_cue`` lines of
``line_length`` characters is one cue over the whole turn; any other is cut
into cues at word times (:func:`editor.core.wordtimes.spans_within`: the heard
times where the turn has them, else times shared out by word length, so the
cutting is one rule either way). The first cue of a turn starts with the
turn, every other one at the start of its first word, and each ends where the
next begins. Among the cuts that fit, the one chosen has, in this order: the
fewest cues shorter than ``MIN_CUE_MS`` (a short tail is merged into its
neighbour rather than flashed; a turn shorter than that is one short cue when
it fits one); the fewest cues holding a paragraph break; the fewest cues; then
the best places to cut (a paragraph break, then a sentence end or a pause,
then a comma, then anywhere) and the most even lengths. A paragraph starts a
new cue unless it is too short for a cue of its own: then it shares one with
its neighbour, the break falling between the cue's lines.

Reading: a file that marks speakers anywhere (voices, ``Name:`` prefixes) uses
the mark to start turns, and unmarked cues continue the current turn; a file
with no speaker marks at all gets one turn per cue.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Project, Turn
from ..builder import ProjectBuilder, turn_spans
from ..textparse import wrap_words
from ..wordtimes import spans_within

__all__ = ["Cue", "MIN_CUE_MS", "cut_turns", "CueReader"]

MIN_CUE_MS = 1000     # shorter captions flash by before they can be read


@dataclass
class Cue:
    start: int
    end: int
    lines: list[str]
    turn: int                   # 1-based index of the turn in the project
    paragraph: int              # 1-based, within the turn: where the cue starts
    piece: int                  # 1-based, among the cues starting in that paragraph
    speaker: str = ""           # the speaker's name, "" for none
    # The 1-based line that starts the next paragraph, in a cue holding a
    # paragraph break; None in a cue within one paragraph.
    break_line: int | None = None


def cut_turns(project: Project, line_length: int, lines_per_cue: int,
              prefix_first: bool = False) -> list[Cue]:
    """Cues for every turn. With ``prefix_first`` the turn's first cue starts
    with ``Name: `` (kept whole on the first line); else no prefix is added."""
    names = {s.id: " ".join(s.name.split()) for s in project.speakers}
    cues: list[Cue] = []
    for number, (turn, (start, end)) in enumerate(zip(project.turns, turn_spans(project)), 1):
        name = names[turn.speaker] if turn.speaker in names else " ".join(turn.speaker.split())
        prefix = f"{name}:" if prefix_first and name else None
        paragraphs = [words for words in (p.split() for p in turn.paragraphs) if words]
        if not paragraphs:
            if name:     # an empty turn with no speaker shows nothing
                cues.append(Cue(start, end, [prefix or ""], number, 1, 1, name))
            continue
        if len(paragraphs) == 1 and _fits(([prefix] if prefix else []) + paragraphs[0],
                                          line_length, lines_per_cue):
            cues.append(Cue(start, end, _balanced_lines(
                ([prefix] if prefix else []) + paragraphs[0], line_length),
                number, 1, 1, name))     # most turns: one cue, no word times needed
            continue
        cues += _TurnCutter(turn, start, end, paragraphs, prefix, line_length,
                            lines_per_cue).cues(number, name)
    return cues


def _fits(words: list[str], width: int, lines: int) -> bool:
    return len(" ".join(words)) <= width or len(wrap_words(words, width)) <= lines


# -- cutting a turn at word times ------------------------------------------------------

# What a cut costs by where it falls, in the units of the evenness term (the
# square of the characters a cue leaves free): a sentence end or a pause is
# worth a cue some 25 characters off even, a comma about 15.
_CUT_COST = {"paragraph": 0, "sentence": 0, "comma": 700, "word": 1900}
_SENTENCE_END = ".?!\u2026"
_CLAUSE_END = ",;:\u2013\u2014"
_CLOSING = "\"')]\u201d\u2019\u00bb"
_PAUSE_MS = 400        # a word lasting this much longer than its letters take


class _TurnCutter:
    """The shortest path over the places between a turn's words: a step is one
    cue that fits, its cost in the order the module docstring gives."""

    def __init__(self, turn: Turn, start: int, end: int, paragraphs: list[list[str]],
                 prefix: str | None, width: int, lines: int) -> None:
        self.words = [word for words in paragraphs for word in words]
        self.paragraph = [k for k, words in enumerate(paragraphs) for _ in words]
        self.prefix, self.width, self.lines = prefix, width, lines
        self.start, self.end = start, max(end, start + 1)
        spans = spans_within(turn, self.end)
        self.times = [span.start for span in spans]
        self.times[0] = start
        # The turn's own pace, ms a character: a word heard for much longer than
        # its letters take at that pace is followed by a pause.
        self.pace = (self.end - start) / max(sum(len(w) + 1 for w in self.words), 1)
        self.cut_cost = [self._cut_cost(k, spans) for k in range(len(self.words))]

    def _cut_cost(self, k: int, spans) -> int:
        """What a cut after word ``k`` costs."""
        if k + 1 >= len(self.words) or self.paragraph[k] != self.paragraph[k + 1]:
            return _CUT_COST["paragraph"]
        word = self.words[k].rstrip(_CLOSING)
        if word.endswith(tuple(_SENTENCE_END)):
            return _CUT_COST["sentence"]
        span = spans[k]
        if span.known and spans[k + 1].known and \
                span.end - span.start > self.pace * (len(self.words[k]) + 1) + _PAUSE_MS:
            return _CUT_COST["sentence"]
        if word.endswith(tuple(_CLAUSE_END)) or self.words[k + 1] in ("\u2013", "\u2014", "-"):
            return _CUT_COST["comma"]
        return _CUT_COST["word"]

    def cues(self, number: int, name: str) -> list[Cue]:
        count, width, capacity = len(self.words), self.width, self.lines
        sizes = [len(word) for word in self.words]
        cut_cost, paragraph = self.cut_cost, self.paragraph
        opens = [k > 0 and paragraph[k] != paragraph[k - 1] for k in range(count)]
        times = self.times + [self.end]         # where a cue ending before word k ends
        room = width * capacity
        prefix = len(self.prefix) if self.prefix else -1
        # A path's cost is one number, each term far above all the ones after it
        # can add up to (a cue costs at most room squared and a cut).
        cue = (room * room + 2 * _CUT_COST["word"]) * (count + 1)
        crossing = cue * (count + 1)
        short = crossing * (count + 1)
        # In a turn too short for a readable cue, every cue is short: fewest is best.
        short_turn = self.end - self.start < MIN_CUE_MS
        unreached = short * (count + 1)
        best = [unreached] * (count + 1)
        back = [0] * (count + 1)
        best[0] = 0
        for begin in range(count):
            base = best[begin] + cue
            readable = times[begin] + MIN_CUE_MS
            before = 0                     # lines of the first paragraph, once past a break
            used, line = 1, -1             # lines of the part being laid, its last line
            size = -1                      # the cue's characters
            if begin == 0 and prefix >= 0:
                line = size = prefix
            for end in range(begin, count):
                word = sizes[end]
                if opens[end] and end > begin:
                    if before:
                        break              # one paragraph break a cue at most
                    before, used, line = used, 1, word
                    base += crossing
                elif line < 0:
                    line = word
                elif line + 1 + word <= width:
                    line += 1 + word
                else:
                    used, line = used + 1, word
                if used + before > capacity and end > begin:
                    break
                size += 1 + word
                free = room - size
                score = base + cut_cost[end] + (free * free if free > 0 else 0)
                if short_turn or times[end + 1] < readable:
                    score += short
                if score < best[end + 1]:
                    best[end + 1], back[end + 1] = score, begin
        places, end = [], count
        while end > 0:
            places.append((back[end], end))
            end = back[end]
        return self._made(places[::-1], number, name)

    def _made(self, places, number: int, name: str) -> list[Cue]:
        cues: list[Cue] = []
        pieces: dict[int, int] = {}
        for at, (begin, end) in enumerate(places):
            words = self.words[begin:end]
            if begin == 0 and self.prefix:
                words = [self.prefix] + words
            break_line = None
            if self.paragraph[begin] == self.paragraph[end - 1]:
                lines = _balanced_lines(words, self.width)
            else:
                split = next(k for k in range(begin + 1, end)
                             if self.paragraph[k] != self.paragraph[k - 1]) - end
                head = _balanced_lines(words[:split], self.width)
                lines = head + _balanced_lines(words[split:], self.width)
                break_line = len(head) + 1
            paragraph = self.paragraph[begin] + 1
            pieces[paragraph] = pieces.get(paragraph, 0) + 1
            start = max(self.times[begin], cues[-1].start + 1 if cues else self.start)
            stop = max(self.times[end] if end < len(self.words) else self.end, start + 1)
            if cues:
                cues[-1].end = start
            cues.append(Cue(start, stop, lines, number, paragraph, pieces[paragraph],
                            name, break_line))
        return cues


# -- laying a cue's words out in lines ---------------------------------------------------

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
