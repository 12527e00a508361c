"""Every command in editor/core/commands.py: do, undo, redo, twice, with complete
dumps compared at each stage (``@reversion_test``), plus what each one does."""
from __future__ import annotations

import functools
import inspect
from pathlib import Path

import pytest

from editor.core import commands
from editor.core.commands import (AddChapter, AddEpisodeWord, ApplyAlignment, RemoveEpisodeWord, AddSpeaker, DeleteChapter, DeleteTurn,
                                  EditAcrossTurns, InsertTurn, MergeSpeakers, MergeWithPrevious, MoveChapter,
                                  ReplaceTexts, ReplaceTurns, SetAudio, SetChapterField, SetEpisodeField,
                                  SetSpeakerField, SetTurnSpeaker, SetTurnStart, SetTurnText,
                                  SetTurnTimes, SplitTurn)
from editor.core.history import Command
from editor.core.model import Chapter, Credit, Link, Project, Speaker, Turn

from helpers import SignalLog, assert_reverts, dump, small_project

REVERSION_TESTED: set[type] = set()


def reversion_test(command_class: type):
    """Mark a test that builds one ``command_class`` command for the project it is
    given; the command is then pushed, undone and redone twice (assert_reverts)."""
    def decorate(build):
        REVERSION_TESTED.add(command_class)

        @functools.wraps(build)
        def test(project):
            command = build(project)
            assert type(command) is command_class
            assert_reverts(project, command)
        return test
    return decorate


@pytest.fixture
def project():
    return small_project()


def defined_commands() -> set[type]:
    return {obj for obj in vars(commands).values()
            if inspect.isclass(obj) and issubclass(obj, Command)
            and obj.__module__ == commands.__name__}


def test_every_command_has_a_reversion_test():
    assert defined_commands(), "no command classes found"
    assert REVERSION_TESTED == defined_commands()


# -- turns -------------------------------------------------------------------

@reversion_test(SetTurnText)
def test_set_turn_text_reverts(project):
    return SetTurnText(project, 2, "Let us begin.\nNews first.\nThen questions.")


@reversion_test(SetTurnStart)
def test_set_turn_start_of_confirmed_turn_reverts(project):
    return SetTurnStart(project, 4, 40_000)


@reversion_test(SetTurnStart)
def test_set_turn_start_of_estimated_turn_reverts(project):
    return SetTurnStart(project, 2, 14_500)


@reversion_test(SetTurnTimes)
def test_set_turn_times_reverts(project):
    return SetTurnTimes(project, 4, [(50_000, False), (70_000, True), (100_000, True)])


@reversion_test(SetTurnTimes)
def test_confirm_turn_times_reverts(project):
    return SetTurnTimes(project, 1, [(4_000, False)])


@reversion_test(SetTurnSpeaker)
def test_set_turn_speaker_reverts(project):
    return SetTurnSpeaker(project, 1, "cy")


@reversion_test(SetTurnSpeaker)
def test_clear_turn_speaker_reverts(project):
    return SetTurnSpeaker(project, 0, "")


@reversion_test(SplitTurn)
def test_split_turn_reverts(project):
    return SplitTurn(project, 1, len("Thanks for having"))


@reversion_test(SplitTurn)
def test_split_multi_paragraph_turn_at_paragraph_break_reverts(project):
    return SplitTurn(project, 2, project.turns[2].text.index("\n"))


@reversion_test(SplitTurn)
def test_split_last_turn_reverts(project):
    return SplitTurn(project, 6, 4)


@reversion_test(SplitTurn)
def test_split_turn_at_the_playhead_reverts(project):
    return SplitTurn(project, 1, len("Thanks for having"), playhead=5_000)


@reversion_test(MergeWithPrevious)
def test_merge_back_a_split_without_space_reverts(project):
    project.history.push(SplitTurn(project, 1, len("Thanks")))
    return MergeWithPrevious(project, 2)


@reversion_test(MergeWithPrevious)
def test_merge_with_previous_reverts(project):
    return MergeWithPrevious(project, 3)


@reversion_test(MergeWithPrevious)
def test_merge_last_turn_with_previous_reverts(project):
    return MergeWithPrevious(project, 6)


@reversion_test(InsertTurn)
def test_insert_turn_reverts(project):
    return InsertTurn(project, 0, Turn(0, "cy", "Cold open.", estimated=True))


@reversion_test(InsertTurn)
def test_append_turn_reverts(project):
    return InsertTurn(project, len(project.turns), Turn(110_000, "ann", "Bye."))


@reversion_test(DeleteTurn)
def test_delete_first_turn_reverts(project):
    return DeleteTurn(project, 0)


@reversion_test(DeleteTurn)
def test_delete_last_turn_reverts(project):
    return DeleteTurn(project, len(project.turns) - 1)


@reversion_test(ReplaceTexts)
def test_replace_texts_reverts(project):
    return ReplaceTexts(project, {0: "Welcome back!", 3: "Small news.", 6: ""})


@reversion_test(ApplyAlignment)
def test_apply_alignment_reverts(project):
    return ApplyAlignment(project, [(1, 4_200, False, (0, 300, None, 900, 1_200, 1_500)),
                                    (3, 31_000, True, None), (5, 61_000, False, (0, 400))])


@reversion_test(ApplyAlignment)
def test_apply_alignment_of_word_times_only_reverts(project):
    project.turns[0].words = (0, 200, 400, 600, 800)
    return ApplyAlignment(project, [(0, 0, False, (0, 250, None, 650, 900))])


# -- chapters -----------------------------------------------------------------

@reversion_test(ReplaceTurns)
def test_replace_turns_reverts(project):
    return ReplaceTurns(project, [Turn(0, "bo", "Only this.", True), Turn(9_000, "", "And this.")])


@reversion_test(ReplaceTurns)
def test_replace_turns_with_none_reverts(project):
    return ReplaceTurns(project, [])


@reversion_test(EditAcrossTurns)
def test_edit_across_turns_reverts(project):
    return EditAcrossTurns(project, 1, 4, "Thanks for the question.")


@reversion_test(EditAcrossTurns)
def test_edit_across_every_turn_leaving_nothing_reverts(project):
    return EditAcrossTurns(project, 0, len(project.turns) - 1, "")


@reversion_test(EditAcrossTurns)
def test_edit_across_one_turn_reverts(project):
    return EditAcrossTurns(project, 6, 6, "A word from nobody.")


@reversion_test(AddChapter)
def test_add_chapter_reverts(project):
    return AddChapter(project, Chapter(60_000, "Questions", image="q.png"))


@reversion_test(AddChapter)
def test_add_chapter_at_an_existing_start_reverts(project):
    return AddChapter(project, Chapter(30_000, "Second at the same time"))


@reversion_test(DeleteChapter)
def test_delete_chapter_reverts(project):
    return DeleteChapter(project, 1)


@reversion_test(MoveChapter)
def test_move_chapter_later_past_another_reverts(project):
    return MoveChapter(project, 0, 100_000)


@reversion_test(MoveChapter)
def test_move_chapter_earlier_reverts(project):
    return MoveChapter(project, 2, 10_000)


@reversion_test(MoveChapter)
def test_move_chapter_within_its_place_reverts(project):
    return MoveChapter(project, 1, 31_000)


@reversion_test(MoveChapter)
def test_move_chapter_onto_an_equal_start_reverts(project):
    project.chapters.insert(2, Chapter(30_000, "Same time as News"))
    return MoveChapter(project, 1, 30_000 + 1)


@reversion_test(SetChapterField)
def test_rename_chapter_reverts(project):
    return SetChapterField(project, 0, "title", "Welcome")


@reversion_test(SetChapterField)
def test_hide_chapter_from_toc_reverts(project):
    return SetChapterField(project, 1, "toc", False)


@reversion_test(SetChapterField)
def test_set_chapter_image_reverts(project):
    return SetChapterField(project, 2, "image", "https://example.com/ad.jpg")


# -- episode, audio, speakers -------------------------------------------------------

@reversion_test(SetEpisodeField)
def test_set_episode_title_reverts(project):
    return SetEpisodeField(project, "title", "Big talk")


@reversion_test(SetEpisodeField)
def test_set_episode_links_reverts(project):
    return SetEpisodeField(project, "links", (Link("New", "https://example.org"),))


@reversion_test(SetEpisodeField)
def test_set_episode_credits_reverts(project):
    return SetEpisodeField(project, "credits", (Credit("Editing", ("Bo", "Cy")),))


@reversion_test(SetAudio)
def test_set_audio_reverts(project):
    return SetAudio(project, Path("/podcasts/other.ogg"), 3_600_000)


@reversion_test(SetAudio)
def test_clear_audio_reverts(project):
    return SetAudio(project, None, None)


@reversion_test(AddSpeaker)
def test_add_speaker_reverts(project):
    return AddSpeaker(project, Speaker("dee", "Dee", "#9333ea", 4))


@reversion_test(AddSpeaker)
def test_add_speaker_first_reverts(project):
    return AddSpeaker(project, Speaker("eve", "Eve"), index=0)


@reversion_test(SetSpeakerField)
def test_rename_speaker_reverts(project):
    return SetSpeakerField(project, "bo", "name", "Robert")


@reversion_test(SetSpeakerField)
def test_rename_speaker_with_credits_reverts(project):
    project.episode.credits = (Credit("Host", ("Ann",)), Credit("Guest", ("Bo", "Cy")))
    return SetSpeakerField(project, "bo", "name", "Robert")


@reversion_test(SetSpeakerField)
def test_recolour_speaker_reverts(project):
    return SetSpeakerField(project, "cy", "color", "#000000")


@reversion_test(SetSpeakerField)
def test_reslot_speaker_reverts(project):
    return SetSpeakerField(project, "cy", "slot", 3)


@reversion_test(MergeSpeakers)
def test_merge_speakers_reverts(project):
    return MergeSpeakers(project, "ann", "bo")


# -- what the commands do -------------------------------------------------------

def test_split_turn_cuts_text_and_estimates_new_start_in_proportion(project):
    turn = project.turns[1]      # 4_000 .. 12_000
    position = len("Thanks for having")
    project.history.push(SplitTurn(project, 1, position))
    head, tail = project.turns[1], project.turns[2]
    assert (head.text, tail.text) == ("Thanks for having", "me here today.")
    assert tail.speaker == turn.speaker and tail.estimated
    share = len("Thanks for having") / len("Thanks for having" + "me here today.")
    assert tail.start == 4_000 + int(8_000 * share)
    assert len(project.turns) == 8


def test_split_last_turn_without_duration_uses_speaking_rate(project):
    project.audio_duration = None
    last = project.turns[-1]
    words = len(last.text.split())
    project.history.push(SplitTurn(project, len(project.turns) - 1, len(last.text)))
    assert project.turns[-1].text == ""
    assert project.turns[-1].start == last.start + words * 60_000 // 150


def test_set_turn_times_sets_starts_and_flags_as_one_undo_step(project):
    project.history.push(SetTurnTimes(project, 5, [(70_000, False), (100_000, True)]))
    assert [(t.start, t.estimated) for t in project.turns[5:]] == \
        [(70_000, False), (100_000, True)]
    assert project.turn_at(99_999) == 5 and project.history.undo_text == "Set turn times"
    project.history.undo()
    assert [(t.start, t.estimated) for t in project.turns[5:]] == \
        [(60_000, True), (90_000, True)]


def test_merge_with_previous_joins_with_a_space(project):
    command = MergeWithPrevious(project, 4)
    project.history.push(command)
    assert project.turns[3].text == ("Big news indeed, really big. "
                                     "I have a question about that one.")
    assert project.turns[3].text[command.join_position:] == "I have a question about that one."
    assert len(project.turns) == 6


def test_split_while_the_playhead_is_inside_the_turn_starts_the_new_turn_there(project):
    project.history.push(SplitTurn(project, 1, len("Thanks for having"), playhead=7_250))
    assert (project.turns[2].start, project.turns[2].estimated) == (7_250, True)


@pytest.mark.parametrize("playhead", [4_000, 12_000, 50_000, None])
def test_split_with_the_playhead_outside_the_turn_stays_between_its_neighbours(
        project, playhead):
    project.history.push(SplitTurn(project, 1, len("Thanks for having"), playhead=playhead))
    share = len("Thanks for having") / len("Thanks for having" + "me here today.")
    assert project.turns[2].start == 4_000 + int(8_000 * share)


def test_split_of_the_only_turn_of_a_fresh_project_is_not_timed_at_the_episode_end():
    # A project made from audio alone: one turn at 0:00 and a long audio.
    project = Project()
    project.speakers = [Speaker("s1", "Speaker 1")]
    project.turns = [Turn(0, "s1", "Hello and welcome. Today we talk about rain.")]
    project.audio_duration = 189_000
    text = project.turns[0].text
    project.history.push(SplitTurn(project, 0, text.index("Today"), playhead=7_000))
    assert project.turns[1].start == 7_000
    project.history.undo()
    project.history.push(SplitTurn(project, 0, text.index("Today")))
    words = len(text.split())
    assert 0 < project.turns[1].start < words * 60_000 // 150
    project.history.undo()
    project.history.push(SplitTurn(project, 0, text.index("Today"), playhead=200_000))
    assert project.turns[1].start < words * 60_000 // 150      # past the audio: not a time


def test_split_never_starts_the_new_turn_past_the_next_confirmed_turn(project):
    project.turns[2].start = project.turns[1].start      # a turn of no length before it
    project.history.push(SplitTurn(project, 1, 6, playhead=9_000))
    assert project.turns[1].start <= project.turns[2].start <= project.turns[3].start


@pytest.mark.parametrize("text, position, merged", [
    ("Exactly. In the end.", len("Exactly"), "Exactly. In the end."),
    ("Exactly. In the end.", len("Exactly."), "Exactly. In the end."),
    ("Exactly.   In the end.", len("Exactly. "), "Exactly. In the end."),
    ("Splitting mid-word", len("Splitting mid"), "Splitting mid-word"),
    ("First paragraph.\nSecond one.", len("First paragraph."), "First paragraph.\nSecond one."),
])
def test_merge_after_a_split_joins_with_what_the_split_removed(project, text, position, merged):
    project.turns[1].text = text
    project.history.push(SplitTurn(project, 1, position))
    project.history.push(MergeWithPrevious(project, 2))
    assert project.turns[1].text == merged


def test_merge_keeps_the_seam_through_undo_and_redo(project):
    project.turns[1].text = "Exactly. In"
    project.history.push(SplitTurn(project, 1, len("Exactly")))
    project.history.push(MergeWithPrevious(project, 2))
    project.history.undo()
    project.history.undo()
    project.history.redo()
    project.history.push(MergeWithPrevious(project, 2))
    assert project.turns[1].text == "Exactly. In"


def test_rename_speaker_renames_credits_that_name_them_exactly_in_one_step(project):
    project.episode.credits = (Credit("Hosted", ("Cal Reid",)),
                               Credit("Guest", ("Bo", "Bob", "bo", "Bo Chan")))
    project.history.push(SetSpeakerField(project, "bo", "name", "Robert"))
    assert project.episode.credits == (Credit("Hosted", ("Cal Reid",)),
                                       Credit("Guest", ("Robert", "Bob", "bo", "Bo Chan")))
    assert project.history.undo_text == "Rename speaker"
    project.history.undo()
    assert project.episode.credits[1].names == ("Bo", "Bob", "bo", "Bo Chan")
    assert project.speakers[1].name == "Bo"


def test_recolouring_a_speaker_leaves_the_credits_alone(project):
    project.episode.credits = (Credit("Guest", ("Bo",)),)
    log = []
    project.episode_changed.connect(log.append)
    project.history.push(SetSpeakerField(project, "bo", "color", "#000000"))
    assert log == [] and project.episode.credits == (Credit("Guest", ("Bo",)),)


def test_merge_with_previous_of_first_turn_is_refused(project):
    with pytest.raises(IndexError):
        MergeWithPrevious(project, 0)


def test_move_chapter_keeps_chapters_sorted_and_undo_restores_order(project):
    project.chapters.insert(2, Chapter(30_000, "Same time as News"))
    titles = [c.title for c in project.chapters]
    project.history.push(MoveChapter(project, 0, 30_000))
    assert [c.title for c in project.chapters] == ["News", "Same time as News", "Intro", "Ads"]
    assert [c.start for c in project.chapters] == sorted(c.start for c in project.chapters)
    project.history.undo()
    assert [c.title for c in project.chapters] == titles


def test_add_chapter_goes_to_its_sorted_place(project):
    project.history.push(AddChapter(project, Chapter(60_000, "Questions")))
    assert [c.title for c in project.chapters] == ["Intro", "News", "Questions", "Ads"]


def test_merge_speakers_reassigns_every_turn_and_removes_the_source(project):
    ann_turns = [i for i, t in enumerate(project.turns) if t.speaker == "ann"]
    project.history.push(MergeSpeakers(project, "ann", "bo"))
    assert project.speaker("ann") is None
    assert all(project.turns[i].speaker == "bo" for i in ann_turns)
    project.history.undo()
    assert [s.id for s in project.speakers] == ["ann", "bo", "cy"]
    assert [i for i, t in enumerate(project.turns) if t.speaker == "ann"] == ann_turns


def test_rename_speaker_shows_in_every_turn(project):
    project.history.push(SetSpeakerField(project, "bo", "name", "Robert"))
    assert {project.speaker_name(t.speaker) for t in project.turns if t.speaker == "bo"} \
        == {"Robert"}


@pytest.mark.parametrize("make", [
    lambda p: AddSpeaker(p, Speaker("ann", "Another Ann")),
    lambda p: MergeSpeakers(p, "bo", "bo"),
    lambda p: MergeSpeakers(p, "bo", "nobody"),
    lambda p: MergeSpeakers(p, "nobody", "bo"),
    lambda p: SetSpeakerField(p, "bo", "id", "robert"),
    lambda p: SetSpeakerField(p, "nobody", "name", "X"),
    lambda p: SetChapterField(p, 0, "start", 5),
    lambda p: SetEpisodeField(p, "rating", 5),
], ids=["duplicate-speaker", "merge-into-itself", "merge-into-unknown", "merge-unknown",
        "speaker-id", "unknown-speaker", "chapter-start", "unknown-episode-field"])
def test_invalid_commands_are_refused_before_changing_anything(project, make):
    before = dump(project)
    with pytest.raises((KeyError, ValueError)):
        make(project)
    assert dump(project) == before
    assert len(project.history) == 0


def test_typing_in_an_episode_field_merges_but_other_fields_do_not(project):
    project.history.push(SetEpisodeField(project, "title", "B"))
    project.history.push(SetEpisodeField(project, "title", "Bi"))
    project.history.push(SetEpisodeField(project, "subtitle", "S"))
    assert len(project.history) == 2
    project.history.undo()
    project.history.undo()
    assert project.episode.title == "Small talk"


# -- invalid arguments are refused before anything changes ----------------------

INVALID = [
    (lambda p: SetTurnStart(p, 1, -5000), ValueError),
    (lambda p: SetTurnStart(p, 0, 10**15), ValueError),
    (lambda p: SetTurnStart(p, 99, 1000), IndexError),
    (lambda p: SetTurnText(p, -1, "x"), IndexError),
    (lambda p: SetTurnTimes(p, 6, [(95_000, True), (99_000, True)]), IndexError),
    (lambda p: SetTurnTimes(p, -1, [(0, False)]), IndexError),
    (lambda p: SetTurnTimes(p, 5, [(-1, True)]), ValueError),
    (lambda p: SetTurnTimes(p, 5, [(61_000, "yes")]), ValueError),
    (lambda p: SetTurnSpeaker(p, 0, "zed"), ValueError),
    (lambda p: SplitTurn(p, 0, 10_000), IndexError),
    (lambda p: InsertTurn(p, 99, Turn(0, "ann", "x")), IndexError),
    (lambda p: InsertTurn(p, 0, Turn(-1, "ann", "x")), ValueError),
    (lambda p: InsertTurn(p, 0, Turn(0, "nobody", "x")), ValueError),
    (lambda p: DeleteTurn(p, -1), IndexError),
    (lambda p: EditAcrossTurns(p, 3, 2, "x"), IndexError),
    (lambda p: EditAcrossTurns(p, 2, 7, "x"), IndexError),
    (lambda p: EditAcrossTurns(p, 2, 3, None), ValueError),
    (lambda p: ReplaceTexts(p, {99: "x"}), IndexError),
    (lambda p: ReplaceTurns(p, [Turn(0, "nobody", "x")]), ValueError),
    (lambda p: AddChapter(p, Chapter(-1, "x")), ValueError),
    (lambda p: AddChapter(p, Chapter(0, "x", toc="no")), ValueError),
    (lambda p: DeleteChapter(p, -1), IndexError),
    (lambda p: MoveChapter(p, 1, -100), ValueError),
    (lambda p: SetChapterField(p, 0, "toc", "no"), ValueError),
    (lambda p: SetEpisodeField(p, "number", "42"), ValueError),
    (lambda p: SetEpisodeField(p, "date", "14 March 2025"), ValueError),
    (lambda p: SetEpisodeField(p, "date", "2025-02-30"), ValueError),
    (lambda p: SetSpeakerField(p, "bo", "slot", 42), ValueError),
    (lambda p: SetSpeakerField(p, "bo", "color", "red"), ValueError),
    (lambda p: AddSpeaker(p, Speaker("", "Nobody")), ValueError),
    (lambda p: AddSpeaker(p, Speaker("dee", "Dee", "#12345")), ValueError),
]


@pytest.mark.parametrize("build, error", INVALID)
def test_invalid_arguments_are_refused_and_nothing_changes(project, build, error):
    before = dump(project)
    with pytest.raises(error):
        project.history.push(build(project))
    assert dump(project) == before
    assert not project.history.can_undo


def test_a_turn_start_must_stay_between_its_confirmed_neighbours(project):
    low, high = commands.start_bounds(project, 3)
    assert low <= high
    with pytest.raises(ValueError, match=r"^Bo\u2019s turn at ~00:30 cannot start at .*: it must start between"):
        SetTurnStart(project, 3, high + 1)
    with pytest.raises(ValueError):
        SetTurnStart(project, 3, low - 1) if low else SetTurnStart(project, 3, -1)
    project.history.push(SetTurnStart(project, 3, (low + high) // 2))
    starts = [t.start for t in project.turns]
    assert starts == sorted(starts)


def test_every_state_commands_make_saves_and_loads_again(project, tmp_path):
    """What a command accepts, the project file accepts back."""
    from editor.core import load_project, save_project
    project.history.push(SetEpisodeField(project, "date", "2024-02-29"))
    project.history.push(SetSpeakerField(project, "bo", "slot", 9))
    project.history.push(SetChapterField(project, 0, "toc", False))
    save_project(project, tmp_path / "p.yaml")
    assert dump(load_project(tmp_path / "p.yaml")) == dump(project)


# -- editing across turns ---------------------------------------------------------

def across_by_single_steps(project, first: int, last: int, text: str) -> None:
    """What typing over a selection of turns did before EditAcrossTurns: delete the
    turns in between one by one, merge the last into the first, set the text."""
    with project.history.macro("Edit across turns"):
        for index in range(last - 1, first, -1):
            project.history.push(DeleteTurn(project, index))
        if last > first:
            project.history.push(MergeWithPrevious(project, first + 1))
        project.history.push(SetTurnText(project, first, text))


@pytest.mark.parametrize("first, last", [(1, 4), (0, 6), (5, 6), (3, 3)])
def test_edit_across_turns_ends_where_the_single_steps_end(first, last):
    by_steps, at_once = small_project(), small_project()
    across_by_single_steps(by_steps, first, last, "Typed over.")
    at_once.history.push(EditAcrossTurns(at_once, first, last, "Typed over."))
    assert dump(at_once) == dump(by_steps)
    assert at_once.history.undo() and by_steps.history.undo()
    assert dump(at_once) == dump(by_steps) == dump(small_project())


def test_edit_across_turns_is_one_removal_and_one_change_each_way(project):
    log = SignalLog(project)
    project.history.push(EditAcrossTurns(project, 1, 5, "Joined."))
    assert log.calls() == [("turns_about_to_remove", (2, 5)), ("turns_removed", (2, 5)),
                           ("turns_changed", (1, 1))]
    log.clear()
    project.history.undo()
    assert log.calls() == [("turns_changed", (1, 1)), ("turns_about_to_insert", (2, 5)),
                           ("turns_inserted", (2, 5))]


# -- the episode's dictionary ---------------------------------------------------

@reversion_test(AddEpisodeWord)
def test_add_episode_word_reverts(project):
    project.dictionary = ["Takeo"]
    return AddEpisodeWord(project, " Ilves ")


def test_add_episode_word_appends_it_stripped_and_says_so(project):
    heard = []
    project.dictionary_changed.connect(lambda: heard.append(list(project.dictionary)))
    project.history.push(AddEpisodeWord(project, " Ilves "))
    assert project.dictionary == ["Ilves"]
    assert heard == [["Ilves"]]
    assert project.history.undo_text == "Add to episode dictionary"


@pytest.mark.parametrize("word", ["", "   ", "two\nlines", None, 7])
def test_add_episode_word_refuses_what_is_no_word(project, word):
    with pytest.raises(ValueError, match="is not a word for the dictionary"):
        AddEpisodeWord(project, word)
    assert project.dictionary == [] and len(project.history) == 0


def test_add_episode_word_refuses_a_word_already_there(project):
    project.dictionary = ["Takeo"]
    with pytest.raises(ValueError, match="already in the episode dictionary"):
        AddEpisodeWord(project, "Takeo")


@reversion_test(RemoveEpisodeWord)
def test_remove_episode_word_reverts(project):
    project.dictionary = ["Takeo", "Ilves", "Pärn"]
    return RemoveEpisodeWord(project, "Ilves")


def test_remove_episode_word_undo_puts_it_back_in_its_place(project):
    project.dictionary = ["Takeo", "Ilves", "Pärn"]
    project.history.push(RemoveEpisodeWord(project, "Ilves"))
    assert project.dictionary == ["Takeo", "Pärn"]
    project.history.undo()
    assert project.dictionary == ["Takeo", "Ilves", "Pärn"]
    with pytest.raises(ValueError, match="not in the episode dictionary"):
        RemoveEpisodeWord(project, "Nobody")
