"""Which recognised words are which transcript words: the anchors of an alignment.

:func:`match_words` compares the recognised words with the transcript in
windows that follow the speech along (so the cost grows linearly with the
episode), and :func:`anchor_chain` keeps the best chain of matched runs that
rises in both orders at a speaking rate a person can keep up. Between two
anchors of that chain lie either a few words to force-align, transcript words
nobody said (too many for the time there: a cut passage) or audio with no
transcript words in it (an ad break); :func:`plan_gaps` says which, and
:class:`SpeechEdges` finds where the heard speech next to a match begins or
ends. Pure functions over lists; no audio, no engine.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

BLOCK = 200                 # recognised words compared at a time
AHEAD = 400                 # transcript words looked at past the last match
BEHIND = 60
WIDEN = 12                  # how much wider to look when a window finds little
MAX_RATE = 5.0              # words a second nobody speaks faster than, on average
LOOKBACK = 64               # runs a chain may come from: keeps the chain linear
LONG_SILENCE_MS = 10000     # a jump over this much audio needs a strong run after it
CUT_PENALTY = 3             # a chain may jump over unspoken words, at a price
PAUSE_MS = 250              # a silence this long between heard words ends a stretch of speech


@dataclass(frozen=True, slots=True)
class Heard:
    token: str
    start: int      # ms
    end: int


@dataclass(frozen=True, slots=True)
class Run:
    word: int       # first transcript word
    heard: int      # first recognised word
    length: int


def match_words(words: list[str], heard: list[Heard]) -> list[tuple[int, int]]:
    """(transcript index, heard index) pairs that look like the same word."""
    tokens = [item.token for item in heard]
    pairs: list[tuple[int, int]] = []
    pointer = 0
    for block_start in range(0, len(tokens), BLOCK):
        block = tokens[block_start:block_start + BLOCK]
        found = []
        for widen in (1, WIDEN):
            low = max(0, pointer - BEHIND * widen)
            high = min(len(words), pointer + (AHEAD + len(block)) * widen)
            found = _blocks(words[low:high], block, low)
            if sum(size for _, _, size in found) >= len(block) // 4 or high == len(words) and low == 0:
                break
        for word, index, size in found:
            pairs.extend((word + k, block_start + index + k) for k in range(size))
        # Follow the speech along by its solid matches only: one stray match
        # far ahead would leave the next window looking in the wrong place.
        solid = [(word, size) for word, _, size in found if size >= 3]
        if solid:
            pointer = max(pointer, solid[-1][0] + solid[-1][1])
    return pairs


def _blocks(window: list[str], block: list[str], offset: int) -> list[tuple[int, int, int]]:
    matcher = SequenceMatcher(None, window, block, autojunk=False)
    found = []
    for word, index, size in matcher.get_matching_blocks():
        # A lone short word ("the", "and") matches anywhere; a lone long one rarely.
        if size >= 2 or (size == 1 and len(window[word]) >= 6):
            found.append((offset + word, index, size))
    return found


def runs_of(pairs: list[tuple[int, int]]) -> list[Run]:
    runs: list[Run] = []
    for word, index in sorted(pairs, key=lambda pair: (pair[1], pair[0])):
        if runs:
            last = runs[-1]
            if word == last.word + last.length and index == last.heard + last.length:
                runs[-1] = Run(last.word, last.heard, last.length + 1)
                continue
        runs.append(Run(word, index, 1))
    return runs


def anchor_chain(runs: list[Run], heard: list[Heard]) -> list[Run]:
    """The heaviest chain of runs rising in both orders at a possible speaking rate."""
    score = [0.0] * len(runs)
    back = [-1] * len(runs)
    for current, run in enumerate(runs):
        score[current] = run.length
        for before in range(max(0, current - LOOKBACK), current):
            prior = runs[before]
            if prior.word + prior.length > run.word or prior.heard + prior.length > run.heard:
                continue
            step = _step_cost(prior, run, heard)
            if step is None:
                continue
            candidate = score[before] + run.length - step
            if candidate > score[current]:
                score[current], back[current] = candidate, before
    if not runs:
        return []
    chain = []
    current = max(range(len(runs)), key=score.__getitem__)
    while current >= 0:
        chain.append(runs[current])
        current = back[current]
    return chain[::-1]


def _step_cost(prior: Run, run: Run, heard: list[Heard]) -> float | None:
    """What joining ``run`` after ``prior`` costs, None when it cannot follow it."""
    skipped = run.word - (prior.word + prior.length)
    seconds = (heard[run.heard].start - heard[prior.heard + prior.length - 1].end) / 1000
    if seconds > LONG_SILENCE_MS / 1000 and run.length < 3:
        return None
    if skipped <= MAX_RATE * max(seconds, 0) + 3:
        return 0
    if prior.length >= 3 and run.length >= 3:
        return CUT_PENALTY
    return None


@dataclass(frozen=True, slots=True)
class Gap:
    """Transcript words ``first``..``last`` (inclusive; none when first > last)
    between audio ``start`` and ``end`` ms, and what to do with them:
    "align" (force-align the words there), "unspoken" (too many words for the
    time: nobody said them), "long" (far more time than the words need: some
    of it is audio with no transcript)."""

    first: int
    last: int
    start: int
    end: int
    kind: str

    @property
    def count(self) -> int:
        return max(self.last - self.first + 1, 0)


def plan_gaps(chain: list[Run], heard: list[Heard], word_count: int,
              duration: int) -> list[Gap]:
    """The gaps before, between and after the anchors of ``chain``."""
    bounds = []             # (last word before, its end ms, next word after, its start)
    previous_word, previous_end = -1, 0
    for run in chain:
        bounds.append((previous_word, previous_end, run.word, heard[run.heard].start))
        previous_word = run.word + run.length - 1
        previous_end = heard[run.heard + run.length - 1].end
    bounds.append((previous_word, previous_end, word_count, duration))
    gaps = []
    for before, start, after, end in bounds:
        count = after - before - 1
        gaps.append(Gap(before + 1, after - 1, start, end, gap_kind(count, end - start)))
    return gaps


def gap_kind(count: int, span_ms: int) -> str:
    if count > MAX_RATE * span_ms / 1000 + 2:
        return "unspoken"
    if span_ms > 1000 * (0.6 * count + 6):
        return "long"
    return "align"


class SpeechEdges:
    """Where the stretch of speech that runs into a moment begins (or ends):
    heard words with no pause of :data:`PAUSE_MS` between them."""

    def __init__(self, heard: list[Heard]) -> None:
        self.heard = heard
        self.starts = [item.start for item in heard]
        self.ends = [item.end for item in heard]

    def start_before(self, moment: int, limit: int) -> int:
        """The start of the speech that ends at ``moment``, not before ``limit``."""
        index = bisect_right(self.ends, moment + 10) - 1
        start = moment
        while index >= 0 and self.heard[index].end >= start - PAUSE_MS:
            start = min(start, self.heard[index].start)
            if start <= limit:
                return limit
            index -= 1
        return start

    def end_after(self, moment: int, limit: int) -> int:
        """The end of the speech that starts at ``moment``, not after ``limit``."""
        index = bisect_left(self.starts, moment - 10)
        end = moment
        while index < len(self.heard) and self.heard[index].start <= end + PAUSE_MS:
            end = max(end, self.heard[index].end)
            if end >= limit:
                return limit
            index += 1
        return end
