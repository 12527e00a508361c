"""Edits in the whole window cost what they change, not the square of the episode.

The window is built on long synthetic episodes (every panel, the waveform strip
and the status line listening), and an edit at 1x and 10x the size is timed,
best of three, taken in turns so that a busy moment hits both alike; processor
time, not wall time. Linear work at 10x costs about 10x, so the bound is 12x;
the quadratic path this guards cost 16x already between 1,000 and 10,000
turns, and 100x further on. Timings
below a floor of a few milliseconds are clock noise, so the smaller one counts
as at least the floor.
"""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from editor.core.projectfile import save_project

ROOT = Path(__file__).resolve().parents[2]
LINEAR_BOUND = 12
FLOOR_S = 0.005


def load_synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def open_window(make_window, tmp_path: Path, turns: int):
    path = tmp_path / f"episode-{turns}.showscribe.yaml"
    save_project(load_synthetic().make_project(turns=turns, seed=4), path)
    window = make_window(path, wait_audio=False)
    window.grab()
    return window


def best_of(runs: int, small, large) -> tuple[float, float]:
    best = [float("inf"), float("inf")]
    for _ in range(runs):
        for slot, action in enumerate((small, large)):
            begin = time.process_time()
            action()
            best[slot] = min(best[slot], time.process_time() - begin)
    return best[0], best[1]


def assert_about_linear(small, large, what: str, bound: float = LINEAR_BOUND) -> None:
    small_cost, large_cost = best_of(3, small, large)
    ratio = large_cost / max(small_cost, FLOOR_S)
    assert ratio <= bound, (f"{what}: 10x the size cost {ratio:.1f}x the time "
                            f"({small_cost * 1000:.1f} ms, {large_cost * 1000:.1f} ms)")


def press(target, key: Qt.Key, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def test_typing_over_select_all_in_ten_times_the_turns_costs_about_ten_times(
        make_window, tmp_path):
    # One turn removed at a time renumbered every block each time: 100x here.
    def type_over_everything(turns: int):
        window = open_window(make_window, tmp_path, turns)
        view, project = window.transcript, window.project

        def action():
            view.focus_turn(0, 0)
            view.editor.selectAll()
            press(view.editor, Qt.Key.Key_X, "x")
            QApplication.processEvents()
            assert [turn.text for turn in project.turns] == ["x"]
            project.history.undo()
            QApplication.processEvents()
            assert len(project.turns) == turns
        return action
    assert_about_linear(type_over_everything(1_000), type_over_everything(10_000),
                        "typing over Select All")


def test_split_and_undo_in_ten_times_the_turns_cost_about_the_same(
        make_window, tmp_path):
    def split_and_undo(turns: int):
        window = open_window(make_window, tmp_path, turns)
        view, history, middle = window.transcript, window.project.history, turns // 2

        def action():
            for _ in range(10):
                view.focus_turn(middle, 5)
                view.split_at_cursor()
                QApplication.processEvents()
                history.undo()
                QApplication.processEvents()
            assert len(window.project.turns) == turns
        return action
    # What changed is one turn; the block map's renumbering is the only pass over
    # every turn left, a list of ints, far below the rest of the step.
    assert_about_linear(split_and_undo(5_000), split_and_undo(50_000), "split and undo",
                        bound=4)
