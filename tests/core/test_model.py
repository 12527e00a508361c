"""The model's mutators: each emits its about-to / done pair with the right rows,
before and after the change, and chapters stay sorted."""
from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.model import Chapter, Project, Speaker, Turn, word_count
from editor.core.signals import Signal, declared_signals

from helpers import PROJECT_SIGNALS, SignalLog, small_project


@pytest.fixture
def project():
    return small_project()


@pytest.fixture
def log(project):
    return SignalLog(project)


def assert_pair(log, about, done, args, sizes_before, sizes_after):
    """Exactly the pair, with ``args``, about-to seen at the old sizes, done at the new."""
    assert [(name, a) for name, a, _ in log.events] == [(about, args), (done, args)]
    assert log.events[0][2] == sizes_before
    assert log.events[1][2] == sizes_after


def test_the_log_hears_every_project_signal():
    assert declared_signals(Project) == PROJECT_SIGNALS
    project = Project()
    assert all(isinstance(getattr(project, name), Signal) for name in PROJECT_SIGNALS)


def test_signals_call_handlers_in_order_and_can_disconnect():
    signal, calls = Signal(), []

    def first(*args):
        calls.append(("first", args))

    signal.connect(first)
    signal.connect(lambda *args: calls.append(("second", args)))
    signal.emit(1, 2)
    signal.disconnect(first)
    signal.emit(3)
    assert calls == [("first", (1, 2)), ("second", (1, 2)), ("second", (3,))]


# -- turns -------------------------------------------------------------------------

def test_insert_turns_emits_pair_around_the_insert(project, log):
    project.insert_turns(2, [Turn(5_000, "ann", "a"), Turn(6_000, "bo", "b")])
    assert_pair(log, "turns_about_to_insert", "turns_inserted", (2, 3), (7, 3, 3), (9, 3, 3))
    assert [t.text for t in project.turns[2:4]] == ["a", "b"]


def test_insert_no_turns_emits_nothing(project, log):
    project.insert_turns(0, [])
    assert log.events == []


def test_remove_turns_emits_pair_around_the_removal(project, log):
    removed = project.remove_turns(4, 2)
    assert [t.speaker for t in removed] == ["cy", "ann"]
    assert_pair(log, "turns_about_to_remove", "turns_removed", (4, 5), (7, 3, 3), (5, 3, 3))


def test_update_turn_emits_changed_for_its_row(project, log):
    project.update_turn(3, text="New", speaker="ann")
    assert log.calls() == [("turns_changed", (3, 3))]
    assert (project.turns[3].text, project.turns[3].speaker) == ("New", "ann")


def test_set_turn_times_emits_one_changed_for_the_span(project, log):
    project.set_turn_times(2, [(13_000, False), (31_000, True), (46_000, False)])
    assert log.calls() == [("turns_changed", (2, 4))]
    assert [(t.start, t.estimated) for t in project.turns[2:5]] == \
        [(13_000, False), (31_000, True), (46_000, False)]
    log.clear()
    project.set_turn_times(0, [])
    assert log.events == []


def test_set_turn_speakers_emits_changed_from_first_to_last(project, log):
    project.set_turn_speakers({5: "cy", 1: "cy"})
    assert log.calls() == [("turns_changed", (1, 5))]
    log.clear()
    project.set_turn_speakers({})
    assert log.events == []


def test_set_turn_texts_emits_changed_from_first_to_last(project, log):
    project.set_turn_texts({6: "x", 2: "y"})
    assert log.calls() == [("turns_changed", (2, 6))]
    assert (project.turns[2].text, project.turns[6].text) == ("y", "x")


# -- chapters ----------------------------------------------------------------------

@pytest.mark.parametrize("start, row", [(0, 1), (10_000, 1), (30_000, 2), (95_000, 3)])
def test_insert_chapter_goes_to_its_sorted_row(project, log, start, row):
    index = project.insert_chapter(Chapter(start, "New"))
    assert index == row
    assert_pair(log, "chapters_about_to_insert", "chapters_inserted", (row, row),
                (7, 3, 3), (7, 4, 3))
    assert project.chapters[row].title == "New"
    assert [c.start for c in project.chapters] == sorted(c.start for c in project.chapters)


def test_remove_chapter_emits_pair(project, log):
    chapter = project.remove_chapter(1)
    assert chapter.title == "News"
    assert_pair(log, "chapters_about_to_remove", "chapters_removed", (1, 1),
                (7, 3, 3), (7, 2, 3))


def test_update_chapter_emits_changed(project, log):
    project.update_chapter(2, title="Sponsor", toc=True)
    assert log.calls() == [("chapters_changed", (2, 2))]
    assert (project.chapters[2].title, project.chapters[2].toc) == ("Sponsor", True)


@pytest.mark.parametrize("index, start, dst, titles", [
    (0, 100_000, 2, ["News", "Ads", "Intro"]),
    (0, 60_000, 1, ["News", "Intro", "Ads"]),
    (2, 10_000, 1, ["Intro", "Ads", "News"]),
    (2, 0, 1, ["Intro", "Ads", "News"]),           # after the equal start
    (1, 90_000, 2, ["Intro", "Ads", "News"]),       # after the equal start
])
def test_move_chapter_emits_move_pair_and_keeps_order(project, log, index, start, dst,
                                                      titles):
    assert project.move_chapter(index, start) == dst
    assert log.calls() == [("chapters_about_to_move", (index, dst)),
                           ("chapters_moved", (index, dst)),
                           ("chapters_changed", (dst, dst))]
    assert [c.title for c in project.chapters] == titles
    assert project.chapters[dst].start == start
    assert [c.start for c in project.chapters] == sorted(c.start for c in project.chapters)


def test_move_chapter_data_changes_between_about_to_and_done(project):
    seen = []
    project.chapters_about_to_move.connect(
        lambda src, dst: seen.append([c.title for c in project.chapters]))
    project.chapters_moved.connect(
        lambda src, dst: seen.append([c.title for c in project.chapters]))
    project.move_chapter(0, 100_000)
    assert seen == [["Intro", "News", "Ads"], ["News", "Ads", "Intro"]]


def test_move_chapter_within_its_place_only_changes(project, log):
    assert project.move_chapter(1, 45_000) == 1
    assert log.calls() == [("chapters_changed", (1, 1))]
    assert project.chapters[1].start == 45_000


def test_move_chapter_to_a_forced_row(project, log):
    project.chapters.insert(2, Chapter(30_000, "Also at 30"))
    assert project.move_chapter(2, 30_000, dst=1) == 1
    assert [c.title for c in project.chapters] == ["Intro", "Also at 30", "News", "Ads"]
    assert log.calls()[:2] == [("chapters_about_to_move", (2, 1)), ("chapters_moved", (2, 1))]


# -- speakers, episode, audio -----------------------------------------------------

def test_insert_speaker_emits_pair(project, log):
    project.insert_speaker(1, Speaker("dee", "Dee"))
    assert_pair(log, "speakers_about_to_insert", "speakers_inserted", (1, 1),
                (7, 3, 3), (7, 3, 4))
    assert [s.id for s in project.speakers] == ["ann", "dee", "bo", "cy"]


def test_remove_speaker_emits_pair(project, log):
    assert project.remove_speaker(0).id == "ann"
    assert_pair(log, "speakers_about_to_remove", "speakers_removed", (0, 0),
                (7, 3, 3), (7, 3, 2))


def test_update_speaker_emits_changed(project, log):
    project.update_speaker(2, name="Cyrus", slot=3)
    assert log.calls() == [("speakers_changed", (2, 2))]
    assert project.speaker_name("cy") == "Cyrus"


def test_set_episode_field_emits_its_name(project, log):
    project.set_episode_field("title", "Other")
    assert log.calls() == [("episode_changed", ("title",))]
    assert project.episode.title == "Other"


def test_set_episode_field_refuses_unknown_fields(project, log):
    with pytest.raises(KeyError):
        project.set_episode_field("rating", 5)
    assert log.events == []


def test_set_audio_emits_changed(project, log):
    project.set_audio(Path("/x.mp3"), 1_000)
    assert log.calls() == [("audio_changed", ())]
    assert (project.audio_path, project.audio_duration) == (Path("/x.mp3"), 1_000)


# -- queries ------------------------------------------------------------------------

def test_turn_at_and_chapter_at(project):
    assert project.turn_at(-1) == -1
    assert project.turn_at(0) == 0
    assert project.turn_at(29_999) == 2
    assert project.turn_at(30_000) == 3
    assert project.turn_at(10**9) == 6
    assert project.turn_at(44_999) == 3
    assert project.chapter_at(89_999) == 1
    assert project.chapter_at(90_000) == 2


def test_turn_and_chapter_ends(project):
    assert project.turn_end(0) == 4_000
    assert project.turn_end(6) == 120_000
    assert project.chapter_end(1) == 90_000
    assert project.chapter_end(2) == 120_000
    project.audio_duration = None
    assert project.turn_end(6) is None


def test_new_speaker_ids_are_readable_and_unique(project):
    assert project.new_speaker_id("Dr. Sam O'Kafor") == "dr-sam-o-kafor"
    assert project.new_speaker_id("Ann") == "ann-2"
    assert project.new_speaker_id("!!!") == "speaker"
    project.speakers.append(Speaker("ann-2", "Ann"))
    assert project.new_speaker_id("ANN") == "ann-3"


def test_speaker_lookups(project):
    assert project.speaker("bo").name == "Bo"
    assert project.speaker("nobody") is None
    assert project.speaker_index("cy") == 2
    assert project.speaker_name("nobody") == "nobody"
    with pytest.raises(KeyError):
        project.speaker_index("nobody")


def test_word_count_and_paragraphs():
    assert word_count("  one two\nthree ") == 3
    assert word_count("") == 0
    assert Turn(0, "", "a\nb").paragraphs == ["a", "b"]


def test_a_new_project_is_empty_and_clean():
    project = Project()
    assert (project.turns, project.chapters, project.speakers) == ([], [], [])
    assert project.audio_path is None and project.history.is_clean


def test_an_episode_shows_all_its_times_in_one_width():
    project = small_project()
    assert project.clock(65_000) == "01:05" and not project.shows_hours()
    project.audio_duration = 3_600_000
    assert project.shows_hours()
    assert [project.clock(ms) for ms in (65_000, 3_725_000)] == ["0:01:05", "1:02:05"]
    project.audio_duration = None
    project.chapters[-1].start = 3_700_000
    assert project.clock(0) == "0:00:00"


def test_a_turn_is_named_by_speaker_and_time_not_by_number():
    project = small_project()
    assert project.turn_label(1) == "Bo\u2019s turn at ~00:04"
    assert project.turn_label(4) == "Cy\u2019s turn at 00:45"
    project.turns[4].speaker = ""
    assert project.turn_label(4) == "the turn at 00:45"
