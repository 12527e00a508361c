"""An alignment brought into a project: alignment_changes (editor/core/alignment.py)
says what changes, ApplyAlignment (editor/core/commands.py) makes it one undo step."""
from __future__ import annotations

import pytest

from editor.audio.align.base import AlignmentResult, TurnTime, WordTime
from editor.core.alignment import alignment_changes
from editor.core.commands import ApplyAlignment
from editor.core.projectdump import project_to_data

from helpers import SignalLog, small_project

SURE, UNSURE = 0.9, 0.2


def heard(*starts, confidence=SURE, unsure=()):
    """Word times at ``starts`` (absolute ms); the words at ``unsure`` positions guessed."""
    return tuple(WordTime(t, t + 200, UNSURE if k in unsure else confidence)
                 for k, t in enumerate(starts))


def result_for(project, **aligned):
    """An alignment of every turn: each where it is, unsure, with unsure words, but
    for the turns given as ``t<index>=TurnTime(...)``."""
    turns = []
    for index, turn in enumerate(project.turns):
        given = aligned.get(f"t{index}")
        if given is None:
            count = len(turn.text.split())
            given = TurnTime(turn.start, UNSURE,
                             heard(*(turn.start + 100 * k for k in range(count)),
                                   confidence=UNSURE))
        turns.append(given)
    return AlignmentResult(turns=turns, duration=project.audio_duration)


@pytest.fixture
def project():
    return small_project()


def changes_by_turn(changes):
    return {index: (start, estimated, words) for index, start, estimated, words in changes}


# -- alignment_changes ---------------------------------------------------------

def test_a_confident_turn_is_confirmed_with_its_word_times_from_its_new_start(project):
    # turn 1 "Thanks for having me here today." is estimated at 4,000
    result = result_for(project, t1=TurnTime(4_500, SURE, heard(4_500, 4_800, 5_000, 5_300,
                                                                 5_500, 5_900, unsure={3})))
    changes = changes_by_turn(alignment_changes(project, result, [1], all_turns=False))
    assert changes == {1: (4_500, False, (0, 300, 500, None, 1_000, 1_400))}


def test_a_turn_the_aligner_is_unsure_of_stays_estimated(project):
    result = result_for(project, t1=TurnTime(4_500, UNSURE, heard(4_500, 4_800, 5_000, 5_300,
                                                                   5_500, 5_900)))
    changes = changes_by_turn(alignment_changes(project, result, [1], all_turns=False))
    assert changes[1][:2] == (4_500, True)
    assert changes[1][2] == (0, 300, 500, 800, 1_000, 1_400)


def test_a_turn_whose_first_word_was_not_heard_stays_estimated(project):
    result = result_for(project, t1=TurnTime(4_500, SURE, heard(4_500, 4_800, 5_000, 5_300,
                                                                 5_500, 5_900, unsure={0})))
    changes = changes_by_turn(alignment_changes(project, result, [1], all_turns=False))
    assert changes[1] == (4_500, True, (None, 300, 500, 800, 1_000, 1_400))


def test_a_confirmed_turn_keeps_its_start_but_gets_word_times(project):
    # turn 0 "Welcome back to the show." is confirmed at 0; turn 4 at 45,000
    result = result_for(project, t4=TurnTime(44_000, SURE, heard(
        44_800, 45_100, 45_300, 45_600, 45_800, 46_000, 46_300)))
    changes = changes_by_turn(alignment_changes(project, result, [4], all_turns=False))
    # the first word, heard before the confirmed start, has no time from it
    assert changes == {4: (45_000, False, (None, 100, 300, 600, 800, 1_000, 1_300))}


def test_all_turns_retimes_confirmed_turns_too(project):
    result = result_for(project, t4=TurnTime(44_000, SURE, heard(
        44_000, 44_200, 44_400, 44_600, 44_800, 45_000, 45_200)))
    changes = changes_by_turn(alignment_changes(project, result, [4], all_turns=True))
    assert changes == {4: (44_000, False, (0, 200, 400, 600, 800, 1_000, 1_200))}


def test_with_all_turns_an_unsure_confirmed_turn_becomes_estimated(project):
    result = result_for(project)
    changes = changes_by_turn(alignment_changes(project, result, [0], all_turns=True))
    assert changes == {0: (0, True, None)}


def test_only_the_chosen_turns_change_and_unchanged_ones_are_left_out(project):
    result = result_for(project,
                        t1=TurnTime(4_500, SURE, heard(4_500, 4_800, 5_000, 5_300, 5_500, 5_900)),
                        t2=TurnTime(13_000, SURE, heard(*range(13_000, 15_250, 250))))
    changes = alignment_changes(project, result, [2, 5], all_turns=False)
    assert [change[0] for change in changes] == [2]
    # a turn that is already as the alignment says is no change at all
    project.history.push(ApplyAlignment(project, changes))
    assert alignment_changes(project, result, [2], all_turns=False) == []


def test_a_confirmation_that_would_pass_a_confirmed_neighbour_stays_an_estimate(project):
    # turn 3 (estimated at 30,000) aligned after turn 4's confirmed 45,000
    result = result_for(project, t3=TurnTime(46_000, SURE, heard(46_000, 46_300, 46_600,
                                                                  46_900, 47_200)),
                        t5=TurnTime(61_000, SURE, heard(61_000, 61_400)))
    changes = changes_by_turn(alignment_changes(project, result, [3, 5], all_turns=False))
    assert changes[3][:2] == (46_000, True)
    assert changes[5][:2] == (61_000, False)
    project.history.push(ApplyAlignment(project, list(
        (index, *change) for index, change in changes.items())))   # accepted as they are


def test_a_confirmation_before_an_earlier_new_confirmation_stays_an_estimate(project):
    result = result_for(project,
                        t1=TurnTime(20_000, SURE, heard(*range(20_000, 21_200, 200))),
                        t2=TurnTime(15_000, SURE, heard(*range(15_000, 17_250, 250))))
    changes = changes_by_turn(alignment_changes(project, result, [1, 2], all_turns=False))
    assert changes[1][:2] == (20_000, False)
    assert changes[2][:2] == (15_000, True)


def test_a_turn_edited_since_the_alignment_keeps_its_own_word_times(project):
    project.turns[5].words = (0, 500)          # "Go ahead."
    result = result_for(project, t5=TurnTime(60_200, SURE, heard(60_200, 60_500, 60_900)))
    changes = changes_by_turn(alignment_changes(project, result, [5], all_turns=False))
    # three aligned words for a two-word turn: the start is taken, and the turn's own
    # word times stay where they were heard
    assert changes == {5: (60_200, False, (None, 300))}


def test_an_alignment_of_another_number_of_turns_is_refused(project):
    result = result_for(project)
    short = AlignmentResult(turns=result.turns[:-1])
    with pytest.raises(ValueError, match="alignment is of 6 turns, the project has 7"):
        alignment_changes(project, short, [0], all_turns=False)
    with pytest.raises(IndexError, match="no turn 7"):
        alignment_changes(project, result, [7], all_turns=False)


# -- ApplyAlignment ---------------------------------------------------------------

def test_apply_alignment_is_one_step_with_one_notification(project):
    log = SignalLog(project)
    command = ApplyAlignment(project, [(1, 4_500, False, (0, 300, 500, None, 1_000, 1_400)),
                                       (5, 61_000, False, None)])
    project.history.push(command)
    assert log.calls() == [("turns_changed", (1, 5))]
    assert (project.turns[1].start, project.turns[1].estimated) == (4_500, False)
    assert project.turns[1].words == (0, 300, 500, None, 1_000, 1_400)
    assert project.turn_starts()[1] == 4_500 and project.turn_starts()[5] == 61_000
    assert project.history.undo_text == "Align to audio"
    project.history.undo()
    assert project.turns[1].words is None and project.turns[1].start == 4_000
    assert project.turns[1].estimated
    project.history.redo()
    assert project.turns[1].words == (0, 300, 500, None, 1_000, 1_400)


def test_undo_gives_back_the_word_times_the_alignment_replaced(project):
    project.turns[5].words = (0, 700)
    before = [(t.start, t.estimated, t.words) for t in project.turns]
    project.history.push(ApplyAlignment(project, [(5, 60_100, False, (0, 350))]))
    project.history.undo()
    assert [(t.start, t.estimated, t.words) for t in project.turns] == before


@pytest.mark.parametrize("change, message", [
    ((1, 50_000, False, None), r"Bo.s turn at ~00:04 cannot start at 00:50: it must start "
                               r"between 00:00 and 00:45"),
    ((5, 121_000, False, None), r"between 00:45 and 02:00"),
    ((1, 4_000, False, (0, 1, 2)), r"3 entries for 6 words"),
    ((5, 60_000, False, (-5, 10)), r"\(word 1\): a negative offset"),
    ((5, 60_000, False, (500, 100)), r"\(word 2\): 100 comes before the word ahead of it"),
    ((5, 60_000, False, (0, 1.5)), r"\(word 2\): 1.5 is not a whole number"),
    ((5, 60_000, False, (0, True)), r"True is not a whole number"),
    ((5, 60_000, "no", None), r"estimated flag must be true or false"),
    ((5, -1, True, None), r"is not a time"),
    ((9, 60_000, True, None), r"there is no turn 9"),
    ((5, 60_000), r"is not \(turn, start, estimated, words\)"),
])
def test_apply_alignment_refuses_what_a_save_could_not_write(project, change, message):
    before = project_to_data(project)
    with pytest.raises((ValueError, IndexError), match=message):
        ApplyAlignment(project, [(3, 31_000, True, None), change])
    assert project_to_data(project) == before
    assert len(project.history) == 0


def test_apply_alignment_judges_order_after_every_change(project):
    # turn 4 (confirmed, 45,000) moves earlier, so turn 3 may be confirmed at 40,000
    project.history.push(ApplyAlignment(project, [(3, 40_000, False, None),
                                                  (4, 42_000, False, None)]))
    assert [t.start for t in project.turns[3:5]] == [40_000, 42_000]
    with pytest.raises(ValueError, match="between"):
        ApplyAlignment(project, [(3, 43_000, False, None), (4, 42_500, False, None)])


def test_the_same_turn_twice_is_refused(project):
    with pytest.raises(ValueError, match="aligned twice"):
        ApplyAlignment(project, [(5, 60_000, False, None), (5, 61_000, False, None)])
