"""What an alignment changes in a project: the changes for one ApplyAlignment.

:func:`alignment_changes` reads an alignment result (the shape
``editor/audio/align/base.py`` defines: ``result.turns[i].start``,
``.confidence``, ``.confident`` and ``.words[j].start`` / ``.confident``; read
by duck typing, so the core never imports the audio layer) and says, for each
chosen turn, its new start, whether that start is still an estimate, and its
word times as offsets from that start:

- a turn the aligner is confident of, whose first word was heard (matched in
  the recognised speech or aligned in a short gap), is confirmed; any other one
  is estimated;
- a word below confidence has no time (None);
- a turn that is confirmed already keeps its start unless ``all_turns``; it
  still gets its word times;
- a confirmation that would put a turn before a confirmed turn above it or
  after one below it (or past the audio's end) stays an estimate, so the
  changes always keep confirmed turns in time order, as
  :class:`~editor.core.commands.ApplyAlignment` requires.

Turns whose start, flag and word times would not change are left out. Pure
functions; nothing is changed until the changes are pushed as a command.
"""
from __future__ import annotations

from typing import Any, Iterable

from .model import Project, word_count
from .wordtimes import fitted, rebased

__all__ = ["Change", "alignment_changes"]

# (turn index, start ms, estimated, word offsets from that start or None)
Change = tuple[int, int, bool, "tuple[int | None, ...] | None"]


def alignment_changes(project: Project, result: Any, turn_indices: Iterable[int], *,
                      all_turns: bool) -> list[Change]:
    """The changes that bring ``result`` into ``project`` for the turns in
    ``turn_indices``, in turn order. ``result.turns`` holds one entry per turn of
    the project, in order (every turn is aligned; the others give context)."""
    turns = project.turns
    if len(result.turns) != len(turns):
        raise ValueError(f"the alignment is of {len(result.turns)} turns, the project "
                         f"has {len(turns)}")
    chosen = sorted(set(turn_indices))
    for index in chosen:
        if type(index) is not int or not 0 <= index < len(turns):
            raise IndexError(f"there is no turn {index!r} (there are {len(turns)})")
    proposed: dict[int, list] = {}
    for index in chosen:
        turn, aligned = turns[index], result.turns[index]
        if all_turns or turn.estimated:
            first_heard = not aligned.words or aligned.words[0].confident
            start = round(aligned.start)
            estimated = not (aligned.confident and first_heard)
        else:
            start, estimated = turn.start, turn.estimated
        proposed[index] = [start, estimated, _heard(aligned, word_count(turn.text))]
    _keep_in_order(project, proposed)
    changes: list[Change] = []
    for index in chosen:
        turn = turns[index]
        start, estimated, heard = proposed[index]
        if heard is None:       # the text changed since it was aligned: keep its words
            words = rebased(turn.words, turn.start, start)
        else:
            words = fitted(None if t is None else t - start for t in heard)
        if (start, estimated, words) != (turn.start, turn.estimated, turn.words):
            changes.append((index, start, estimated, words))
    return changes


def _heard(aligned: Any, count: int) -> list[int | None] | None:
    """When each word was heard (absolute ms, None below confidence); None when the
    alignment is of another number of words than the turn has now."""
    if len(aligned.words) != count:
        return None
    return [round(word.start) if word.confident else None for word in aligned.words]


def _keep_in_order(project: Project, proposed: dict[int, list]) -> None:
    """Make each new confirmation that falls outside its confirmed neighbours an
    estimate. The neighbours are the turns that stay confirmed at the time they
    have (below) and the confirmations kept so far (above), so the confirmed
    starts end up in order; the first turn bounds those after it, as in
    :func:`~editor.core.commands.start_bounds`."""
    turns = project.turns

    def final(index: int) -> tuple[int, bool]:
        change = proposed.get(index)
        return (change[0], change[1]) if change else (turns[index].start, turns[index].estimated)

    fresh = {index for index, (start, estimated, _) in proposed.items()
             if not estimated and (start, estimated) != (turns[index].start,
                                                         turns[index].estimated)}
    if not fresh:
        return
    count = len(turns)
    limit: list[int | None] = [None] * count     # the earliest fixed confirmation after
    high = project.audio_duration
    for index in range(count - 1, -1, -1):
        limit[index] = high
        start, estimated = final(index)
        if not estimated and index not in fresh:
            high = start if high is None else min(high, start)
    low = 0
    for index in range(count):
        start, estimated = final(index)
        if index in fresh:
            high = limit[index]
            if start < low or (high is not None and start > high):
                proposed[index][1] = estimated = True
        if index == 0 or not estimated:
            low = start
