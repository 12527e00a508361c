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


def best_of(runs: int, small, large) -> tuple[float, float]:
    """The fastest of ``runs`` timings of each action, taken in turns so that a
    busy moment on the machine hits both alike."""
    best = [float("inf"), float("inf")]
    for _ in range(runs):
        for slot, action in enumerate((small, large)):
            begin = time.perf_counter()
            action()
            best[slot] = min(best[slot], time.perf_counter() - begin)
    return best[0], best[1]


def assert_about_linear(small, large, what: str) -> None:
    """``large`` does ten times the work of ``small``: it may cost 12x, not more."""
    small_cost, large_cost = best_of(5, small, large)
    ratio = large_cost / small_cost
    assert ratio <= 12, f"{what}: 10x the size cost {ratio:.1f}x the time"


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


# -- saving -----------------------------------------------------------------------------

def test_saving_ten_times_the_turns_costs_at_most_twelve_times(tmp_path):
    from editor.core.projectfile import save_project
    small, large = (synthetic.make_project(turns=n, seed=5) for n in (1_000, 10_000))
    assert_about_linear(lambda: save_project(small, tmp_path / "small.yaml"),
                        lambda: save_project(large, tmp_path / "large.yaml"), "saving")


def test_saving_runs_no_garbage_collection_and_leaves_the_collector_as_it_was(tmp_path):
    # A dump makes objects that all live until it ends: a collection in the middle
    # scans them all again for nothing, and these add up to more than linear.
    import gc
    from editor.core.errors import ProjectFileError
    from editor.core.projectfile import save_project
    project = synthetic.make_project(turns=3_000, seed=5)
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        save_project(project, tmp_path / "episode.yaml")
        during_save = list(collections)
        assert gc.isenabled()
        (tmp_path / "folder.yaml").mkdir()
        try:
            save_project(project, tmp_path / "folder.yaml")
        except ProjectFileError:
            pass
        assert gc.isenabled(), "a failed save left the collector off"
    finally:
        gc.callbacks.remove(count)
    assert during_save == []
