"""Costs that must grow with what changed, not with the square of the episode.

Timings are loose on purpose (a shared machine): linear work at 10x the size
costs about 10x, and each bound is 12x; a quadratic path costs about 100x. Where
the claim is "proportional to what changed", a test also checks the mechanism
itself (the starts cache is kept, not rebuilt), which no timing noise can blur.
"""
from __future__ import annotations

import random
import time

from editor.core.commands import EditAcrossTurns, SetTurnStart, SplitTurn

from helpers import load_synthetic

synthetic = load_synthetic()


def best_of(runs: int, action, setup=lambda: None) -> float:
    """The fastest of ``runs`` timings of ``action`` (``setup`` untimed before each)."""
    best = float("inf")
    for _ in range(runs):
        setup()
        begin = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - begin)
    return best


# -- the starts cache -------------------------------------------------------------------

def test_turn_starts_cache_is_kept_in_place_through_edits_and_undo():
    project = synthetic.make_project(turns=400, seed=3)
    starts = project.turn_starts()
    rng = random.Random(3)
    history = project.history
    for step in range(60):
        index = rng.randrange(1, len(project.turns) - 3)
        choice = step % 3
        if choice == 0:
            history.push(SplitTurn(project, index, len(project.turns[index].text) // 2))
        elif choice == 1:
            history.push(EditAcrossTurns(project, index, index + 2, "Typed over."))
        else:
            turns = project.turns
            if turns[index].estimated:
                low, high = turns[index - 1].start, turns[index + 1].start
                if low <= high:
                    history.push(SetTurnStart(project, index, (low + high) // 2))
        if step % 5 == 4:
            history.undo()
        assert project.turn_starts() is starts, "the cache was rebuilt"
        assert starts == [turn.start for turn in project.turns]
    while history.undo():
        assert starts == [turn.start for turn in project.turns]
    assert project.turn_starts() is starts
