"""The core's signals: declared per class, one per instance, bound methods held
weakly (a dead receiver drops out by itself), functions tied to an owner."""
from __future__ import annotations

import gc

import pytest

from editor.core.model import Project
from editor.core.signals import Signal, declared_signals, signal


class Emitter:
    changed = signal()
    moved = signal()


class Receiver:
    def __init__(self) -> None:
        self.heard: list[tuple] = []

    def on_changed(self, *args) -> None:
        self.heard.append(args)


def test_each_instance_has_its_own_signal():
    a, b = Emitter(), Emitter()
    assert isinstance(a.changed, Signal) and a.changed is a.changed
    assert a.changed is not b.changed and a.changed is not a.moved
    assert declared_signals(Emitter) == ("changed", "moved")


def test_a_bound_method_is_called_while_its_object_lives():
    emitter, receiver = Emitter(), Receiver()
    emitter.changed.connect(receiver.on_changed)
    emitter.changed.emit(1, 2)
    assert receiver.heard == [(1, 2)]


def test_a_collected_receiver_is_disconnected_without_explicit_code():
    emitter, receiver = Emitter(), Receiver()
    emitter.changed.connect(receiver.on_changed)
    heard = receiver.heard
    del receiver
    gc.collect()
    assert emitter.changed.handler_count() == 0
    emitter.changed.emit("late")
    assert heard == []


def test_the_signal_does_not_keep_its_receiver_alive():
    emitter, receiver = Emitter(), Receiver()
    emitter.changed.connect(receiver.on_changed)
    import weakref
    ref = weakref.ref(receiver)
    del receiver
    gc.collect()
    assert ref() is None


def test_a_function_lives_as_long_as_its_owner():
    emitter, owner, calls = Emitter(), Receiver(), []
    emitter.changed.connect(lambda *args: calls.append(args), owner=owner)
    emitter.changed.emit(1)
    del owner
    gc.collect()
    emitter.changed.emit(2)
    assert calls == [(1,)]


def test_a_plain_function_is_held_strongly():
    emitter, calls = Emitter(), []
    emitter.changed.connect(lambda *args: calls.append(args))
    gc.collect()
    emitter.changed.emit(3)
    assert calls == [(3,)]


def test_disconnect_finds_a_bound_method_by_its_object_and_function():
    emitter, receiver = Emitter(), Receiver()
    emitter.changed.connect(receiver.on_changed)
    emitter.changed.disconnect(receiver.on_changed)   # a new bound-method object
    emitter.changed.emit(1)
    assert receiver.heard == []
    with pytest.raises(ValueError):
        emitter.changed.disconnect(receiver.on_changed)


def test_a_handler_connected_during_emit_waits_for_the_next_one():
    emitter, calls = Emitter(), []

    def first():
        calls.append("first")
        emitter.changed.connect(lambda: calls.append("added"))

    emitter.changed.connect(first)
    emitter.changed.emit()
    assert calls == ["first"]


def test_project_turn_starts_are_cached_and_follow_every_change():
    from editor.core.model import Turn
    project = Project()
    project.turns = [Turn(0, ""), Turn(1_000, ""), Turn(5_000, "")]
    starts = project.turn_starts()
    assert starts == [0, 1_000, 5_000] and project.turn_starts() is starts
    assert project.turn_at(4_999) == 1 and project.turn_at(-1) == -1
    project.insert_turns(2, [Turn(3_000, "")])
    assert project.turn_starts() == [0, 1_000, 3_000, 5_000]
    project.update_turn(1, start=2_000)
    assert project.turn_at(1_500) == 0
    project.set_turn_times(3, [(6_000, True)])
    assert project.turn_at(5_500) == 2
    project.remove_turns(0, 2)
    assert project.turn_starts() == [3_000, 6_000]
    project.update_turn(0, text="no new start")
    assert project.turn_starts() == [3_000, 6_000]
    project.turns = [Turn(7, "")]
    assert project.turn_starts() == [7]

