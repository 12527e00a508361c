"""Estimated turn times, as docs/project-format.md "Estimated turn times" defines them.

A pasted transcript has chapter times but no per-turn times. The first turn under
a chapter heading starts at the chapter's time, and a chapter's turns share its
span in proportion to their word counts; the last chapter ends at the audio's
duration when known, else at about 150 words per minute.

When a person confirms a turn's time, the estimated turns between it and the
nearest confirmed turns on either side are laid out again the same way. Two
more things anchor a stretch: an estimated turn that starts exactly on a chapter
mark stays pinned there (it is a chapter's first turn), and with no confirmed
turn before, the first turn keeps its time.

Pure functions over plain numbers and turns; no notifications.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from .model import Turn, word_count

WORDS_PER_MINUTE = 150


def speaking_ms(words: int) -> int:
    """How long ``words`` take at the estimating rate."""
    return max(words, 1) * 60_000 // WORDS_PER_MINUTE


def spread(start: int, end: int | None, weights: Sequence[int]) -> list[int]:
    """Starts of ``len(weights)`` turns laid from ``start`` in proportion to weight.

    The span runs to ``end``; with no end the turns take 150 words a minute.
    """
    weights = [max(w, 1) for w in weights]
    if end is None:
        starts, t = [], start
        for w in weights:
            starts.append(t)
            t += speaking_ms(w)
        return starts
    span = max(end - start, 0)
    total = sum(weights)
    starts, acc = [], 0
    for w in weights:
        starts.append(start + span * acc // total)
        acc += w
    return starts


def estimate_by_chapters(groups: Sequence[Sequence[int]], chapter_starts: Sequence[int],
                         duration: int | None, lead: Sequence[int] = ()) -> list[int]:
    """Estimated starts for turns grouped under chapters.

    ``groups[i]`` holds the word counts of the turns under chapter ``i`` (sorted
    starts in ``chapter_starts``); ``lead`` those of turns before any heading,
    which share the time from 0 to the first chapter (or, with no chapters, to
    the duration). Returns the starts of all turns in order: lead first, then
    each group.
    """
    starts: list[int] = []
    if lead:
        # The lead-in (turns before any heading) runs to the first chapter, so
        # times stay in document order even when that chapter starts at 0; with
        # no chapters it is the last stretch.
        if chapter_starts:
            lead_end: int | None = chapter_starts[0]
        else:
            lead_end = duration if duration is not None and duration > 0 else None
        starts += spread(0, lead_end, lead)
    for i, words in enumerate(groups):
        if not words:
            continue
        begin = chapter_starts[i]
        if i + 1 < len(chapter_starts):
            end: int | None = chapter_starts[i + 1]
        else:
            end = duration if duration is not None and duration > begin else None
        starts += spread(begin, end, words)
    return starts


def _pinned(turns: Sequence[Turn], lo: int, hi: int, low_t: int, high_t: int | None,
            chapter_starts: set[int]) -> list[int]:
    """Estimated turns in (lo, hi) sitting exactly on a chapter mark in range."""
    return [k for k in range(lo + 1, hi)
            if turns[k].estimated and turns[k].start in chapter_starts
            and low_t <= turns[k].start and (high_t is None or turns[k].start <= high_t)]


def _lay(turns: Sequence[Turn], lo: int, hi: int, end: int | None,
         chapter_starts: set[int], out: dict[int, int]) -> None:
    """Re-lay estimated turns lo+1..hi-1 between turn lo and time ``end``."""
    low_t = out.get(lo, turns[lo].start)
    anchors = [lo] + _pinned(turns, lo, hi, low_t, end, chapter_starts)
    for a, b in zip(anchors, anchors[1:] + [hi]):
        a_t = out.get(a, turns[a].start)
        b_t = end if b == hi else turns[b].start
        starts = spread(a_t, b_t, [word_count(turns[k].text) for k in range(a, b)])
        for k, t in zip(range(a + 1, b), starts[1:]):
            out[k] = t


def reestimate_around(turns: Sequence[Turn], index: int, new_start: int,
                      chapter_starts: Sequence[int], duration: int | None
                      ) -> tuple[int, list[tuple[int, bool]]]:
    """New (start, estimated) pairs after turn ``index`` is confirmed at ``new_start``.

    Returns ``(first, times)``: the times of turns ``first .. first+len-1``,
    which include ``index`` itself (now confirmed) and every estimated turn up
    to the nearest anchors around it.
    """
    return confirm_turns(turns, {index: new_start}, chapter_starts, duration)


def confirm_turns(turns: Sequence[Turn], confirmed: Mapping[int, int],
                  chapter_starts: Sequence[int], duration: int | None
                  ) -> tuple[int, list[tuple[int, bool]]]:
    """New (start, estimated) pairs after each turn in ``confirmed`` (index: start)
    is confirmed at its start, as :func:`reestimate_around` returns them.

    Each stretch of estimated turns next to a newly confirmed one is laid out
    once, between its two anchors, so confirming many turns at once (a page
    where some turns carry times) costs one walk over the turns, not one per
    confirmed turn.
    """
    n = len(turns)
    marks = set(chapter_starts)
    out: dict[int, int] = dict(confirmed)
    # Audio that ends before a chapter starts contradicts the page: its end is
    # not trusted to squeeze the last turns, which stay on their chapters.
    last_mark = max(marks, default=0)

    def anchor(k: int) -> bool:
        return k in confirmed or not turns[k].estimated

    for index in sorted(confirmed):
        left = index - 1
        while left > 0 and not anchor(left):
            left -= 1
        if left >= 0:
            _lay(turns, left, index, confirmed[index], marks, out)
        right = index + 1
        while right < n and not anchor(right):
            right += 1
        if right < n:
            if right in confirmed:
                continue  # that turn lays this stretch as its left one
            end: int | None = turns[right].start
        elif duration is not None and duration > max(confirmed[index], last_mark):
            end = duration
        else:
            end = None
        if right > index + 1:
            _lay(turns, index, right, end, marks, out)

    first = min(out)
    last = max(out)
    times = [(out.get(k, turns[k].start), turns[k].estimated and k not in confirmed)
             for k in range(first, last + 1)]
    return first, times


def fit_to_duration(turns: Sequence[Turn], chapter_starts: Sequence[int],
                    duration: int) -> tuple[int, list[tuple[int, bool]]] | None:
    """Stretch the estimated turns after the last anchor so they end at ``duration``.

    A pasted page has no audio length, so its last chapter was laid out at 150
    words a minute; once the audio is known its end is the better anchor.
    Returns ``(first, times)`` as :func:`reestimate_around` does, or None when
    there is nothing to move.
    """
    marks = set(chapter_starts)
    anchor = len(turns) - 1
    while anchor > 0 and turns[anchor].estimated and turns[anchor].start not in marks:
        anchor -= 1
    if anchor < 0 or anchor == len(turns) - 1 or duration <= turns[anchor].start:
        return None
    out: dict[int, int] = {}
    _lay(turns, anchor, len(turns), duration, marks, out)
    first = min(out)
    return first, [(out[k], turns[k].estimated) for k in range(first, len(turns))]
