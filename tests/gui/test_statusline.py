"""The status line's word and turn counts follow every kind of edit, and a
change recounts only the turns it names."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from editor.core.commands import DeleteTurn, EditAcrossTurns, SetTurnText, SplitTurn
from editor.core.model import Turn, word_count
from editor.gui import statusline
from editor.gui.statusline import COUNT_DELAY_MS, StatusLine

ROOT = Path(__file__).resolve().parents[2]


def load_synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def every_word(project) -> int:
    return sum(word_count(turn.text) for turn in project.turns)


def test_counts_follow_edits_undo_and_redo(qtbot):
    project = load_synthetic().make_project(turns=300, seed=8)
    line = StatusLine()
    qtbot.addWidget(line)
    line.set_project(project)
    assert line.words_label.text() == f"{every_word(project):,} words"
    rng, history = random.Random(8), project.history
    for step in range(80):
        index = rng.randrange(0, len(project.turns) - 4)
        kind = step % 4
        if kind == 0:
            history.push(EditAcrossTurns(project, index, index + rng.randrange(0, 4),
                                         "two words"))
        elif kind == 1:
            history.push(SplitTurn(project, index, len(project.turns[index].text) // 2))
        elif kind == 2:
            history.push(SetTurnText(project, index, "one two three four"))
        else:
            history.push(DeleteTurn(project, index))
        if step % 7 == 6:
            history.undo()
        if step % 11 == 10:
            history.undo()
            history.redo()
        assert line.word_total() == every_word(project), f"step {step}"
    qtbot.waitUntil(lambda: line.words_label.text() == f"{every_word(project):,} words",
                    timeout=COUNT_DELAY_MS * 8)
    assert line.turns_label.text() == f"{len(project.turns):,} turns"


def test_turns_replaced_behind_the_signals_are_counted_afresh(qtbot):
    project = load_synthetic().make_project(turns=50, seed=9)
    line = StatusLine()
    qtbot.addWidget(line)
    line.set_project(project)
    project.turns = [Turn(0, "", "a b"), Turn(10, "", "c")]
    project.set_turn_texts({1: "c d e"})
    assert line.word_total() == 5


def test_typing_in_one_turn_counts_that_turn_only(qtbot, monkeypatch):
    project = load_synthetic().make_project(turns=2_000, seed=10)
    line = StatusLine()
    qtbot.addWidget(line)
    line.set_project(project)
    counted = []
    monkeypatch.setattr(statusline, "word_count",
                        lambda text: counted.append(text) or len(text.split()))
    before = line.word_total()
    project.history.push(SetTurnText(project, 700, project.turns[700].text + " more"))
    assert counted == [project.turns[700].text]
    assert line.word_total() == before + 1
    counted.clear()
    project.history.push(EditAcrossTurns(project, 100, 1_100, "x"))
    assert len(counted) == 1, "removing 1,000 turns recounted turns"
    assert line.word_total() == every_word(project)
