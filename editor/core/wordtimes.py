"""Word times: when each word of a turn was heard, and times for the rest.

A turn's ``words`` (see :class:`editor.core.model.Turn`) holds one entry per
word of ``text.split()``: the word's start in ms from the turn's start, or None
where nobody knows it (the aligner could not place it, or the word was typed
since). :func:`word_spans` gives every word a start and an end all the same:
the known times as they are, the unknown ones shared out between their known
neighbours (or the turn's start and end) by word length, so a caption cut or a
highlight always has a time to use and knows whether it was heard.

The rest carries word times through edits, for the commands: an edited text
keeps the time of every word that did not change (:func:`edited_words`), a
split and a merge carry each word to the turn it ends up in
(:func:`split_words`, :func:`merged_words`), and a turn whose start moves keeps
its words where they were heard (:func:`rebased`). Each returns offsets that
:func:`words_fit` accepts, or None when no word's time is left.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from .model import Turn
from .timecode import MAX_MS

__all__ = ["WordSpan", "word_spans", "words_fit", "words_problem", "fitted", "rebased",
           "edited_words", "split_words", "merged_words"]


@dataclass(frozen=True, slots=True)
class WordSpan:
    start: int          # ms from the start of the audio
    end: int
    known: bool         # heard (aligned), not shared out


def words_fit(turn: Turn) -> bool:
    """``turn.words`` is None, or one non-negative entry per word, known ones in order."""
    return words_problem(turn.words, len(turn.text.split())) is None


def words_problem(words: object, count: int) -> tuple[int | None, str] | None:
    """Why ``words`` cannot be the word times of a text of ``count`` words: (the
    entry at fault or None for the whole, one line); None when they can."""
    if words is None:
        return None
    if not isinstance(words, (tuple, list)):
        return None, "should be a list of ms offsets like [0, 320, null]"
    if len(words) != count:
        return None, (f"{len(words)} {'entry' if len(words) == 1 else 'entries'} for "
                      f"{count} {'word' if count == 1 else 'words'}")
    last = 0
    for k, offset in enumerate(words):
        if offset is None:
            continue
        if type(offset) is not int:
            shown = repr(offset) if isinstance(offset, (str, float, bool)) else "a list" \
                if isinstance(offset, (list, tuple)) else "a mapping" \
                if isinstance(offset, dict) else type(offset).__name__
            if len(shown) > 40:
                shown = shown[:39] + "\u2026"
            return k, f"{shown} is not a whole number of ms"
        if offset < 0:
            return k, "a negative offset (word times are ms from the turn's start)"
        if offset > MAX_MS:
            return k, "an offset of more than 1000 hours"
        if offset < last:
            return k, f"{offset} comes before the word ahead of it ({last}): word times " \
                      "never go back"
        last = offset
    return None


def fitted(words: Iterable[int | None]) -> tuple[int | None, ...] | None:
    """``words`` as a turn may hold them: a negative entry, or one before the known
    word ahead of it, becomes None; None when no entry is left known."""
    out: list[int | None] = []
    last, known = 0, False
    for offset in words:
        if offset is None or offset < last:
            out.append(None)
        else:
            out.append(offset)
            last, known = offset, True
    return tuple(out) if known else None


def rebased(words: tuple[int | None, ...] | None, old_start: int,
            new_start: int) -> tuple[int | None, ...] | None:
    """The same words heard at the same moments, from a turn start moved from
    ``old_start`` to ``new_start``: a word now before the start is no longer known."""
    if words is None or old_start == new_start:
        return words
    delta = old_start - new_start
    return fitted(None if offset is None else offset + delta for offset in words)


def edited_words(turns: Sequence[Turn], new_text: str) -> tuple[int | None, ...] | None:
    """Word times for ``new_text``, which replaces the text of ``turns`` (one turn
    being typed in, or several joined by an edit across them; times from the first
    one's start). The words the edit left alone keep their times, matched word by
    word (as a diff would); the ones it changed or added are not known."""
    if all(turn.words is None for turn in turns):
        return None
    base = turns[0].start
    old_tokens: list[str] = []
    old_words: list[int | None] = []
    for turn in turns:
        tokens = turn.text.split()
        old_tokens += tokens
        if turn.words is None or len(turn.words) != len(tokens):
            old_words += [None] * len(tokens)
        elif turn.start == base:
            old_words += turn.words
        else:
            delta = turn.start - base
            old_words += [None if w is None else w + delta for w in turn.words]
    return fitted(_carried(old_tokens, old_words, new_text.split()))


# Beyond this many word pairs in the changed middle a diff is not worth its time
# (a whole transcript pasted over another): the middle's times are dropped.
_MAX_DIFF_PAIRS = 4_000_000


def _carried(old: list[str], words: list[int | None], new: list[str]) -> list[int | None]:
    n, m = len(old), len(new)
    limit = min(n, m)
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[n - 1 - tail] == new[m - 1 - tail]:
        tail += 1
    middle: list[int | None] = [None] * (m - head - tail)
    old_middle, new_middle = old[head:n - tail], new[head:m - tail]
    if old_middle and new_middle and len(old_middle) * len(new_middle) <= _MAX_DIFF_PAIRS:
        matcher = SequenceMatcher(None, old_middle, new_middle, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            middle[b:b + size] = words[head + a:head + a + size]
    return words[:head] + middle + words[n - tail:]


# The words of ``text.split()``, where each begins (str.split and \s agree on
# what whitespace is).
_WORD = re.compile(r"\S+")


def _word_starts(text: str) -> list[int]:
    return [match.start() for match in _WORD.finditer(text)]


def split_words(turn: Turn, head_end: int, tail_start: int
                ) -> tuple[tuple[int | None, ...] | None, list[int | None] | None]:
    """The word times of ``turn.text[:head_end]`` (ms from the turn's start), and the
    absolute times of the words of ``turn.text[tail_start:]``. A word cut in two
    keeps its time in the first half; the second half is not known."""
    text, words = turn.text, turn.words
    if words is None:
        return None, None
    starts = _word_starts(text)
    if len(starts) != len(words):
        return None, None
    known = dict(zip(starts, words))
    head = fitted(known.get(at) for at in _word_starts(text[:head_end]))
    tail = [None if (w := known.get(at + tail_start)) is None else turn.start + w
            for at in _word_starts(text[tail_start:])]
    return head, tail


def merged_words(first: Turn, joiner: str, second: Turn) -> tuple[int | None, ...] | None:
    """The word times of ``first.text + joiner + second.text`` from ``first``'s start.
    Words joined into one (nothing between the two texts) keep the first one's time."""
    if first.words is None and second.words is None:
        return None
    known: dict[int, int | None] = {}
    if first.words is not None:
        starts = _word_starts(first.text)
        if len(starts) == len(first.words):
            known.update(zip(starts, first.words))
    if second.words is not None:
        starts = _word_starts(second.text)
        if len(starts) == len(second.words):
            base, delta = len(first.text) + len(joiner), second.start - first.start
            known.update((at + base, None if w is None else w + delta)
                         for at, w in zip(starts, second.words))
    return fitted(known.get(at) for at in _word_starts(first.text + joiner + second.text))


def word_spans(turn: Turn, end: int | None) -> list[WordSpan]:
    """A start and end for every word of ``turn``, in absolute ms.

    ``end`` is where the turn ends (the next turn's start, or the audio's end);
    when it is None or not after the last known word, the words after that one
    take about 150 words a minute. Each run of unknown words shares the time
    from the known word before it (or the turn's start) to the known word after
    it (or ``end``) with that known word, by length; a word ends where the next
    one starts, and the last one at ``end``.
    """
    tokens = turn.text.split()
    count = len(tokens)
    if count == 0:
        return []
    offsets = turn.words if turn.words is not None and len(turn.words) == count else (None,) * count
    known = [offset is not None for offset in offsets]
    starts = [turn.start + offset if offset is not None else 0 for offset in offsets]
    last = max((k for k in range(count) if known[k]), default=None)
    floor = starts[last] if last is not None else turn.start
    if end is None or end <= floor:
        after_floor = count - last if last is not None else count
        end = floor + _WORD_MS * after_floor

    k = 0
    while k < count:
        if known[k]:
            k += 1
            continue
        stop = k
        while stop < count and not known[stop]:
            stop += 1
        first = k - 1 if k > 0 else k          # the known word before the run shares it
        left = starts[first] if k > 0 else turn.start
        right = max(starts[stop] if stop < count else end, left)
        weights = [len(token) + 1 for token in tokens[first:stop]]
        total = sum(weights)
        done = 0
        for index in range(first, stop):
            if index >= k:
                starts[index] = left + round((right - left) * done / total)
            done += weights[index - first]
        k = stop
    return [WordSpan(starts[k], starts[k + 1] if k + 1 < count else max(end, starts[k]), known[k])
            for k in range(count)]


_WORD_MS = 400          # 150 words a minute
