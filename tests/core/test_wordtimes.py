"""Word times through edits (editor/core/wordtimes.py and the commands): every
word an edit leaves alone keeps its time, a split and a merge carry words to
their turn, a moved start keeps words where they were heard, and undo and redo
give back exactly what was there."""
from __future__ import annotations

import re
import sys

import pytest

from editor.core.commands import (EditAcrossTurns, InsertTurn, MergeWithPrevious,
                                  ReplaceTexts, ReplaceTurns, SetTurnStart, SetTurnText,
                                  SetTurnTimes, SplitTurn)
from editor.core.find import Query, replace_all, replace_match, find_all
from editor.core.model import Turn
from editor.core.wordtimes import (edited_words, fitted, merged_words, rebased, split_words,
                                   word_spans, words_fit)

from helpers import assert_reverts, small_project


def timed(project):
    """small_project with word times on the turns the tests edit (offsets from
    each turn's start, a word every 300 ms, one unknown word in turn 2)."""
    for index in (0, 1, 2, 3, 4, 5):
        turn = project.turns[index]
        turn.words = tuple(300 * k for k in range(len(turn.text.split())))
    project.turns[2].words = project.turns[2].words[:4] + (None,) + project.turns[2].words[5:]
    return project


@pytest.fixture
def project():
    return timed(small_project())


def words_by_token(turn):
    return list(zip(turn.text.split(), turn.words or [None] * len(turn.text.split())))


def states(project):
    return [(t.start, t.estimated, t.text, t.words) for t in project.turns]


def pushed_and_reverted(project, command):
    """Push ``command``; undo and redo it twice, checking each state exactly
    (the word times included); return the project as the command left it."""
    before = states(project)
    project.history.break_merge()
    project.history.push(command)
    after = states(project)
    for _ in range(2):
        project.history.undo()
        assert states(project) == before
        project.history.redo()
        assert states(project) == after
    return project


# -- typing, replacing --------------------------------------------------------------

def test_editing_one_word_of_an_aligned_turn_keeps_every_other_words_time(project):
    # turn 1: "Thanks for having me here today." at 0, 300, ... 1500
    pushed_and_reverted(project, SetTurnText(project, 1, "Thanks for having us here today."))
    assert project.turns[1].words == (0, 300, 600, None, 1_200, 1_500)


def test_adding_and_removing_words_keeps_the_others(project):
    pushed_and_reverted(project, SetTurnText(project, 0, "Well, welcome back to the show."))
    assert words_by_token(project.turns[0]) == [
        ("Well,", None), ("welcome", None), ("back", 300), ("to", 600), ("the", 900),
        ("show.", 1_200)]
    pushed_and_reverted(project, SetTurnText(project, 0, "Well, welcome the show."))
    assert project.turns[0].words == (None, None, 900, 1_200)


def test_typing_merged_into_one_step_undoes_to_the_first_times(project):
    original = project.turns[1].words
    for text in ("Thanks for having me here today. A", "Thanks for having me here today. An",
                 "Thanks for having me here today. And"):
        project.history.push(SetTurnText(project, 1, text))
    assert len(project.history) == 1
    assert project.turns[1].words == original + (None,)
    project.history.undo()
    assert project.turns[1].words == original
    project.history.redo()
    assert project.turns[1].words == original + (None,)


def test_a_turn_without_word_times_stays_without(project):
    project.history.push(SetTurnText(project, 6, "And now a word from nobody."))
    assert project.turns[6].words is None


def test_a_turn_whose_every_word_changed_has_no_word_times_left(project):
    pushed_and_reverted(project, SetTurnText(project, 5, "Carry on."))
    assert project.turns[5].words is None


def test_replace_all_keeps_the_other_words_of_every_turn_it_changes(project):
    changes = replace_all(project.turns, Query("the"), "THE")
    assert set(changes) == {0, 2}
    pushed_and_reverted(project, ReplaceTexts(project, changes))
    assert project.turns[0].words == (0, 300, 600, None, 1_200)
    assert words_by_token(project.turns[2])[3:] == [
        ("First,", 900), ("THE", None), ("news", 1_500), ("of", 1_800), ("THE", None),
        ("week.", 2_400)]
    assert project.turns[6].words is None


def test_replacing_one_match_as_the_find_bar_does_keeps_the_others(project):
    match = find_all(project.turns, Query("having"))[0]
    text = replace_match(project.turns[match.turn].text, match, "had")
    pushed_and_reverted(project, SetTurnText(project, match.turn, text))
    assert project.turns[1].words == (0, 300, None, 900, 1_200, 1_500)


def test_an_edit_across_turns_keeps_the_words_left_from_the_last_turn(project):
    # turn 3 "Big news indeed, really big." starts at 30,000; turn 4 at 45,000
    first, last = project.turns[3], project.turns[4]
    head, tail = first.text[:len("Big news")], last.text[len("I have a"):]
    pushed_and_reverted(project, EditAcrossTurns(project, 3, 4, head + tail))
    assert project.turns[3].text == "Big news question about that one."
    # "question" was heard 900 ms into turn 4, which started 15 s after turn 3
    assert project.turns[3].words == (0, 300, 15_900, 16_200, 16_500, 16_800)
    assert project.turns[3].start == 30_000


def test_edited_words_match_repeated_words_as_a_diff_would():
    turn = Turn(0, "", "a b a b a", words=(0, 100, 200, 300, 400))
    assert edited_words([turn], "a b x a b a") == (0, 100, None, 200, 300, 400)
    assert edited_words([turn], "b a") == (300, 400)
    assert edited_words([turn], "") is None


# -- split and merge -----------------------------------------------------------------

def test_split_and_merge_keep_word_times(project):
    # turn 1 at 4,000: "Thanks for having me | here today."
    turn = project.turns[1]
    cut = turn.text.index("here")
    pushed_and_reverted(project, SplitTurn(project, 1, cut))
    head, new = project.turns[1], project.turns[2]
    assert head.words == (0, 300, 600, 900)
    # the new turn starts when its first word was heard, and its words count from there
    assert new.start == 4_000 + 1_200 and new.estimated
    assert new.words == (0, 300)
    pushed_and_reverted(project, MergeWithPrevious(project, 2))
    assert project.turns[1].text == "Thanks for having me here today."
    assert project.turns[1].words == (0, 300, 600, 900, 1_200, 1_500)


def test_a_known_first_word_time_wins_over_the_playhead(project):
    cut = project.turns[1].text.index("here")
    project.history.push(SplitTurn(project, 1, cut, playhead=6_000))
    assert project.turns[2].start == 5_200


def test_with_the_first_word_unknown_the_playhead_starts_the_new_turn(project):
    project.turns[1].words = (0, 300, 600, 900, None, 1_500)     # "here" unknown
    cut = project.turns[1].text.index("here")
    project.history.push(SplitTurn(project, 1, cut, playhead=5_000))
    assert project.turns[2].start == 5_000
    assert project.turns[2].words == (None, 500)      # "today." heard at 5,500


def test_the_new_start_is_never_after_a_known_word_of_the_new_turn(project):
    project.turns[1].words = (0, 300, 600, 900, None, 1_500)
    cut = project.turns[1].text.index("here")
    project.history.push(SplitTurn(project, 1, cut, playhead=7_000))
    assert project.turns[2].start == 5_500
    assert project.turns[2].words == (None, 0)
    project.history.undo()
    project.turns[1].words = None
    project.history.push(SplitTurn(project, 1, cut, playhead=7_000))
    assert project.turns[2].start == 7_000 and project.turns[2].words is None


def test_a_split_inside_a_word_keeps_its_time_in_the_first_half_and_a_merge_rejoins_it(
        project):
    cut = project.turns[1].text.index("having") + 3       # "hav|ing"
    pushed_and_reverted(project, SplitTurn(project, 1, cut))
    assert words_by_token(project.turns[1]) == [("Thanks", 0), ("for", 300), ("hav", 600)]
    assert words_by_token(project.turns[2])[0] == ("ing", None)
    pushed_and_reverted(project, MergeWithPrevious(project, 2))
    assert project.turns[1].words == (0, 300, 600, 900, 1_200, 1_500)


def test_a_merge_rebases_the_second_turns_words_to_the_first_start(project):
    # turn 5 "Go ahead." at 60,000 joins turn 4 "I have a question about that one." at 45,000
    pushed_and_reverted(project, MergeWithPrevious(project, 5))
    assert project.turns[4].words == (0, 300, 600, 900, 1_200, 1_500, 1_800, 15_000, 15_300)


def test_merging_two_untimed_turns_gives_no_word_times(project):
    project.turns[5].words = None
    pushed_and_reverted(project, MergeWithPrevious(project, 6))
    assert project.turns[5].words is None


def test_merging_a_timed_turn_into_an_untimed_one(project):
    # turn 6 "And now a word from our sponsor." at 90,000 joins turn 5 "Go ahead." at 60,000
    project.turns[6].words = (0, 300, 600, 900, 1_200, 1_500, 1_800)
    project.turns[5].words = None
    pushed_and_reverted(project, MergeWithPrevious(project, 6))
    assert project.turns[5].words == (None, None) + tuple(30_000 + 300 * k for k in range(7))


# -- moving a start ------------------------------------------------------------------

def test_moving_a_start_keeps_the_words_where_they_were_heard(project):
    # turn 4 "I have a question about that one." confirmed at 45,000
    pushed_and_reverted(project, SetTurnStart(project, 4, 45_500))
    assert project.turns[4].start == 45_500
    assert project.turns[4].words == (None, None, 100, 400, 700, 1_000, 1_300)
    # the two words before 45,500 are not known any more, wherever the start goes
    pushed_and_reverted(project, SetTurnStart(project, 4, 44_000))
    assert project.turns[4].words == (None, None, 1_600, 1_900, 2_200, 2_500, 2_800)


def heard_at(turn):
    """Each word's absolute time (None where unknown)."""
    words = turn.words or (None,) * len(turn.text.split())
    return [None if w is None else turn.start + w for w in words]


def test_the_estimated_turns_a_new_start_moves_keep_their_word_times_too(project):
    before = [(t.start, heard_at(t)) for t in project.turns]
    pushed_and_reverted(project, SetTurnStart(project, 4, 40_000))
    moved = [k for k, t in enumerate(project.turns) if t.start != before[k][0] and k != 4]
    assert moved, "the new start moved no estimated turn"
    for k in moved:
        old_heard = before[k][1]
        now = heard_at(project.turns[k])
        # a word still after the turn's start is heard when it was; one before it is not known
        assert now == [h if h is not None and h >= project.turns[k].start else None
                       for h in old_heard]


def test_set_turn_times_rebases_and_undo_gives_back_the_dropped_times(project):
    pushed_and_reverted(project, SetTurnTimes(project, 5, [(60_400, False)]))
    assert project.turns[5].words is None            # both words were before 60,400
    project.history.undo()
    assert project.turns[5].words == (0, 300)


# -- turns brought in whole are checked ------------------------------------------------

@pytest.mark.parametrize("words, message", [
    ((0, 10), "2 entries for 3 words"),
    ((0, -1, 5), "word 2"),
    ((0, 50, 20), "never go back"),
    ([0, "x", 9], "'x' is not a whole number"),
])
def test_a_turn_whose_word_times_do_not_fit_is_refused(project, words, message):
    turn = Turn(70_000, "ann", "One two three.", words=words)
    with pytest.raises(ValueError, match=message):
        InsertTurn(project, 6, turn)
    with pytest.raises(ValueError, match=message):
        ReplaceTurns(project, [turn])


def test_a_turn_brought_in_with_word_times_keeps_them(project):
    command = InsertTurn(project, 6, Turn(70_000, "ann", "One two three.", words=[0, None, 9]))
    assert_reverts(project, command)
    assert project.turns[6].words == (0, None, 9)


# -- the helpers -----------------------------------------------------------------------

def test_str_split_and_the_word_pattern_agree_on_whitespace():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    spaces = "".join(c for c in everything if c.isspace())
    assert re.findall(r"\s", everything) == list(spaces)
    text = "a" + "b".join(spaces) + "c"
    assert [m.group() for m in re.finditer(r"\S+", text)] == text.split()


def test_fitted_and_rebased():
    assert fitted([None, 5, 3, 7, -1]) == (None, 5, None, 7, None)
    assert fitted([None, None]) is None
    assert rebased((0, 100, 200), 1_000, 1_150) == (None, None, 50)
    assert rebased((0, 100), 1_000, 1_200) is None
    assert rebased((0, 100), 1_000, 900) == (100, 200)
    assert rebased(None, 0, 5) is None


def test_split_words_and_merged_words_are_inverse():
    turn = Turn(1_000, "", "one two  three\nfour", words=(0, 200, None, 600))
    head, tail = split_words(turn, len("one tw"), len("one tw"))
    assert head == (0, 200) and tail == [None, None, 1_600]
    second = Turn(1_500, "", "o  three\nfour", words=fitted(
        None if t is None else t - 1_500 for t in tail))
    first = Turn(1_000, "", "one tw", words=head)
    assert merged_words(first, "", second) == turn.words


def test_word_times_the_commands_make_always_fit(project):
    for command in (SetTurnText(project, 2, "Let us\nstart now. First, news."),
                    SplitTurn(project, 0, 7), MergeWithPrevious(project, 4),
                    EditAcrossTurns(project, 0, 2, "Welcome, news of the week."),
                    SetTurnStart(project, 1, 1_000)):
        project.history.push(command)
        assert all(words_fit(turn) for turn in project.turns)
        assert all(len(word_spans(t, None)) == len(t.text.split()) for t in project.turns)
        project.history.undo()
