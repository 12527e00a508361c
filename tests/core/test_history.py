"""The undo history: typing merges, break_merge, the clean mark, macros, redo branches."""
from __future__ import annotations

import pytest

from editor.core.commands import DeleteTurn, SetTurnSpeaker, SetTurnText
from editor.core.history import Command, History

from helpers import dump, small_project


@pytest.fixture
def project():
    return small_project()


def type_into(project, index: int, *texts: str) -> None:
    for text in texts:
        project.history.push(SetTurnText(project, index, text))


def test_consecutive_typing_in_one_turn_is_one_undo_step(project):
    original = project.turns[0].text
    type_into(project, 0, "W", "We", "We are")
    assert len(project.history) == 1
    assert project.history.undo_text == "Typing"
    assert project.history.undo()
    assert project.turns[0].text == original
    assert not project.history.can_undo
    assert project.history.redo()
    assert project.turns[0].text == "We are"


def test_typing_in_another_turn_is_a_new_step(project):
    type_into(project, 0, "A")
    type_into(project, 1, "B")
    type_into(project, 1, "BB")
    assert len(project.history) == 2
    project.history.undo()
    assert (project.turns[0].text, project.turns[1].text) == \
        ("A", "Thanks for having me here today.")


def test_another_kind_of_edit_between_typing_breaks_the_merge(project):
    type_into(project, 0, "A")
    project.history.push(SetTurnSpeaker(project, 0, "bo"))
    type_into(project, 0, "AB")
    assert len(project.history) == 3


def test_break_merge_starts_a_new_step(project):
    type_into(project, 0, "A", "AB")
    project.history.break_merge()
    type_into(project, 0, "ABC", "ABCD")
    assert len(project.history) == 2
    project.history.undo()
    assert project.turns[0].text == "AB"


def test_no_merge_after_undo(project):
    type_into(project, 0, "A")
    type_into(project, 1, "B")
    project.history.undo()
    type_into(project, 0, "AX")
    assert len(project.history) == 2
    project.history.undo()
    assert project.turns[0].text == "A"


def test_typing_does_not_merge_across_the_clean_mark(project):
    type_into(project, 0, "A", "AB")
    project.history.set_clean()
    type_into(project, 0, "ABC")
    assert len(project.history) == 2
    assert not project.history.is_clean
    project.history.undo()
    assert project.history.is_clean
    assert project.turns[0].text == "AB"


def test_clean_mark_follows_undo_and_redo(project):
    history = project.history
    assert history.is_clean
    type_into(project, 0, "A")
    assert not history.is_clean
    history.set_clean()
    assert history.is_clean
    history.undo()
    assert not history.is_clean
    history.redo()
    assert history.is_clean
    type_into(project, 1, "B")
    assert not history.is_clean
    history.undo()
    assert history.is_clean


def test_clean_state_discarded_by_a_new_branch_is_never_clean_again(project):
    history = project.history
    type_into(project, 0, "A")
    type_into(project, 1, "B")
    history.set_clean()                 # saved at index 2
    history.undo()
    history.undo()
    type_into(project, 2, "C")           # the saved state is gone
    history.push(DeleteTurn(project, 0))  # index 2 again, but a different state
    assert history.index == 2
    assert not history.is_clean


def test_new_push_discards_the_redo_branch(project):
    history = project.history
    type_into(project, 0, "A")
    history.break_merge()
    type_into(project, 0, "AB")
    history.undo()
    assert history.can_redo and history.redo_text == "Typing"
    history.push(SetTurnSpeaker(project, 0, "cy"))
    assert not history.can_redo
    assert history.redo_text == ""
    assert not history.redo()
    assert len(history) == 2
    assert project.turns[0].text == "A"


def test_macro_is_one_step(project):
    before = dump(project)
    with project.history.macro("Fix names") as macro:
        project.history.push(SetTurnSpeaker(project, 0, "bo"))
        project.history.push(SetTurnText(project, 0, "Hello"))
        project.history.push(DeleteTurn(project, 6))
        assert not project.history.can_undo   # not while recording
    after = dump(project)
    assert len(project.history) == 1 and len(macro.children) == 3
    assert project.history.undo_text == "Fix names"
    project.history.undo()
    assert dump(project) == before
    project.history.redo()
    assert dump(project) == after


def test_nested_macros_are_one_step(project):
    before = dump(project)
    with project.history.macro("Outer"):
        project.history.push(SetTurnText(project, 0, "One"))
        with project.history.macro("Inner"):
            project.history.push(SetTurnText(project, 1, "Two"))
            project.history.push(SetTurnSpeaker(project, 1, "cy"))
        project.history.push(DeleteTurn(project, 2))
    assert len(project.history) == 1
    project.history.undo()
    assert dump(project) == before


def test_macro_whose_body_raises_undoes_what_it_did_and_records_nothing(project):
    type_into(project, 0, "Kept")
    before = dump(project)
    with pytest.raises(RuntimeError):
        with project.history.macro("Broken"):
            project.history.push(SetTurnText(project, 1, "Gone"))
            project.history.push(DeleteTurn(project, 2))
            raise RuntimeError("failed halfway")
    assert dump(project) == before
    assert len(project.history) == 1
    assert project.history.can_undo and project.history.undo_text == "Typing"


def test_inner_macro_that_raises_is_undone_and_the_outer_goes_on(project):
    before = dump(project)
    with project.history.macro("Outer"):
        project.history.push(SetTurnText(project, 0, "Outer edit"))
        with pytest.raises(ValueError):
            with project.history.macro("Inner"):
                project.history.push(SetTurnText(project, 1, "Inner edit"))
                raise ValueError
        assert project.turns[1].text == "Thanks for having me here today."
    assert project.turns[0].text == "Outer edit"
    project.history.undo()
    assert dump(project) == before
    project.history.redo()
    assert project.turns[0].text == "Outer edit"
    assert project.turns[1].text == "Thanks for having me here today."


def test_empty_macro_records_nothing(project):
    with project.history.macro("Nothing"):
        pass
    assert len(project.history) == 0 and project.history.is_clean


def test_commands_in_a_macro_do_not_merge_with_typing_before_it(project):
    type_into(project, 0, "A")
    with project.history.macro("Replace"):
        type_into(project, 0, "AB")
    type_into(project, 0, "ABC")
    assert len(project.history) == 3


def test_undo_and_redo_at_the_ends_do_nothing():
    history = History()
    assert not history.undo() and not history.redo()
    assert history.undo_text == "" and history.redo_text == ""


def test_changed_is_emitted_for_every_change_of_state(project):
    seen = []
    project.history.changed.connect(lambda: seen.append(project.history.index))
    type_into(project, 0, "A", "AB")     # record, merge
    project.history.undo()
    project.history.redo()
    project.history.set_clean()
    project.history.clear()
    assert seen == [1, 1, 0, 1, 1, 0]
    assert len(project.history) == 0 and project.history.is_clean


def test_a_command_that_fails_is_not_recorded():
    class Failing(Command):
        def redo(self):
            raise OSError("disk gone")

        def undo(self):
            raise AssertionError("never done, never undone")

    history = History()
    with pytest.raises(OSError):
        history.push(Failing())
    assert len(history) == 0 and not history.can_undo


def test_set_unsaved_means_no_state_is_clean_until_saved():
    from editor.core.history import History
    history = History()
    assert history.is_clean
    history.set_unsaved()
    assert not history.is_clean
    history.set_clean()
    assert history.is_clean


def test_a_pause_of_a_second_in_typing_starts_a_new_step():
    now = [100.0]
    project = small_project()
    project.history = History(clock=lambda: now[0])
    original = project.turns[0].text
    for text, at in (("W", 100.0), ("We", 100.4), ("We a", 101.3), ("We ar", 102.4),
                     ("We are", 102.5)):
        now[0] = at
        project.history.push(SetTurnText(project, 0, text))
    # 0.9 s between keys still merges; a full second does not.
    assert len(project.history) == 2
    project.history.undo()
    assert project.turns[0].text == "We a"
    project.history.undo()
    assert project.turns[0].text == original
