"""Word times: when each word of a turn was heard, and times for the rest.

A turn's ``words`` (see :class:`editor.core.model.Turn`) holds one entry per
word of ``text.split()``: the word's start in ms from the turn's start, or None
where nobody knows it (the aligner could not place it, or the word was typed
since). :func:`word_spans` gives every word a start and an end all the same:
the known times as they are, the unknown ones shared out between their known
neighbours (or the turn's start and end) by word length, so a caption cut or a
highlight always has a time to use and knows whether it was heard.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Turn

__all__ = ["WordSpan", "spans_within", "word_spans", "words_fit"]


@dataclass(frozen=True, slots=True)
class WordSpan:
    start: int          # ms from the start of the audio
    end: int
    known: bool         # heard (aligned), not shared out


def words_fit(turn: Turn) -> bool:
    """``turn.words`` is None, or one non-negative entry per word, known ones in order."""
    words = turn.words
    if words is None:
        return True
    if len(words) != len(turn.text.split()):
        return False
    last = 0
    for offset in words:
        if offset is None:
            continue
        if type(offset) is not int or offset < last:
            return False
        last = offset
    return True


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


def spans_within(turn: Turn, end: int) -> list[WordSpan]:
    """:func:`word_spans` trusting only the word times that fall inside the
    turn (from its start to ``end``) and in order: a time past the next turn, or
    before an earlier word's, is shared out like an unknown one. What a writer
    that cuts or times by words uses, so its times stay in order and in the turn."""
    words = turn.words
    if words is not None and len(words) == len(turn.text.split()):
        kept: list[int | None] = []
        last = 0
        for offset in words:
            trusted = offset is not None and last <= offset and turn.start + offset < end
            kept.append(offset if trusted else None)
            last = offset if trusted else last
        if kept != list(words):
            turn = Turn(turn.start, turn.speaker, turn.text, turn.estimated, tuple(kept))
    return word_spans(turn, end)


_WORD_MS = 400          # 150 words a minute
