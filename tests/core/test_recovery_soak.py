"""Every kind of command survives a recovery copy: a random session of edits,
undo, redo and macros (the core soak's own makers), written and read back every
so often. Each copy holds the project as it was, and its history walks back
through every earlier state and forward again exactly as the live one does."""
from __future__ import annotations

import random

from editor.core import commands as c
from editor.core.recovery import RecoveryStore, take_snapshot

from helpers import dump, small_project
from test_soak import _random_command

STEPS = 3000
CHECK_EVERY = 300


def test_random_sessions_survive_the_recovery_copy_with_their_history(tmp_path):
    rng = random.Random(20261201)
    store = RecoveryStore(tmp_path / "recovery")
    project = small_project()
    history = project.history
    states = [dump(project)]
    kinds: set[type] = set()
    for step in range(1, STEPS + 1):
        roll = rng.random()
        if roll < 0.15:
            history.undo()
        elif roll < 0.25:
            history.redo()
        elif roll < 0.3:
            with history.macro("Several edits"):
                for _ in range(rng.randint(1, 3)):
                    command = _random_command(rng, project)
                    kinds.add(type(command))
                    history.push(command)
            del states[history.index:]
            states.append(dump(project))
        else:
            if roll < 0.35:
                history.break_merge()
            command = _random_command(rng, project)
            kinds.add(type(command))
            history.push(command)
            del states[history.index:]
            states.append(dump(project))
        if step % CHECK_EVERY:
            continue
        copy = store.read(store.write(take_snapshot(project, "soak")))
        assert copy.history_note is None, f"step {step}: {copy.history_note}"
        restored = copy.project.history
        assert dump(copy.project) == dump(project), f"step {step}"
        assert (restored.index, len(restored)) == (history.index, len(history))
        index = restored.index
        while restored.undo():
            assert dump(copy.project) == states[restored.index], f"step {step}: undo"
        while restored.redo():
            assert dump(copy.project) == states[restored.index], f"step {step}: redo"
        assert restored.index == len(history) and index <= restored.index
    assert kinds == {
        obj for obj in vars(c).values()
        if isinstance(obj, type) and issubclass(obj, c.Command) and obj.__module__ == c.__name__
    }, "the session did not use every kind of command"
