"""The action table and the window's bindings: every action has exactly one
handler, every enable rule a predicate, and a table that does not match is refused
when the window is built (not found later, when a menu item does nothing)."""
from __future__ import annotations

import pytest

from editor.gui.actions import ACTIONS, binding_problems, joined, rule_names
from editor.gui.mainwindow import MainWindow


def test_every_action_has_one_handler_and_every_rule_a_predicate(make_window):
    window = make_window()
    handlers, predicates = window.action_handlers(), window.enable_predicates()
    assert binding_problems(handlers, predicates) == []
    assert list(handlers) and sorted(handlers) == sorted(spec.id for spec in ACTIONS)
    assert sorted(predicates) == sorted(rule_names())
    assert all(callable(handler) for handler in handlers.values())
    assert all(isinstance(predicate(), bool) for predicate in predicates.values())


def test_a_deleted_handler_or_predicate_is_named(make_window):
    window = make_window()
    handlers, predicates = window.action_handlers(), window.enable_predicates()
    del handlers["merge_with_previous"]
    del predicates["has_embeddable_audio"]
    predicates["has_wings"] = lambda: True
    assert binding_problems(handlers, predicates) == [
        "action merge_with_previous has no handler",
        "rule has_embeddable_audio has no predicate",
        "predicate for unknown rule has_wings"]


def test_a_handler_bound_twice_is_refused():
    with pytest.raises(ValueError, match="bound twice: save"):
        joined({"save": print, "open": print}, {"save": repr})


def test_a_window_whose_table_lacks_a_handler_is_not_built(make_window, monkeypatch):
    own = MainWindow.action_handlers

    def without_export(self):
        handlers = own(self)
        del handlers["export"]
        return handlers

    monkeypatch.setattr(MainWindow, "action_handlers", without_export)
    with pytest.raises(ValueError, match="action export has no handler"):
        make_window()


def test_each_rule_enables_its_actions(window, qtbot):
    """The predicates are the ones that act: no turn before the first means Merge is
    off there, and on again one turn on."""
    merge = window.actions_by_id["merge_with_previous"]
    window.transcript.focus_turn(0, 0)
    qtbot.waitUntil(lambda: window.transcript.current_turn() == 0)
    assert not merge.isEnabled()
    window.transcript.focus_turn(1, 0)
    qtbot.waitUntil(lambda: window.transcript.current_turn() == 1)
    assert merge.isEnabled()
