"""Estimated turn times, as docs/project-format.md defines them: chapter
starts, shares in proportion to word counts, the audio's end or 150 words a
minute, and re-estimation between confirmed anchors when a time is set."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.commands import SetTurnStart
from editor.core.estimate import (confirm_turns, estimate_by_chapters, fit_to_duration,
                                  reestimate_around, speaking_ms, spread)
from editor.core.model import Chapter, Project, Speaker, Turn


def words(n: int) -> str:
    return " ".join(["word"] * n)


# -- laying out a pasted transcript ---------------------------------------------------

def test_first_turn_under_each_chapter_starts_at_the_chapter():
    starts = estimate_by_chapters([[10, 20], [5, 5, 5], [7]], [0, 60_000, 90_000], 120_000)
    assert starts[0] == 0
    assert starts[2] == 60_000
    assert starts[5] == 90_000


def test_turns_share_the_chapter_span_in_proportion_to_words():
    starts = estimate_by_chapters([[10, 20, 30], [1]], [6_000, 66_000], 100_000)
    # chapter 1 runs 6 s .. 66 s: 60 s for 60 words, one second a word
    assert starts[:3] == [6_000, 16_000, 36_000]
    assert starts[3] == 66_000


def test_last_chapter_ends_at_the_audio_duration_when_known():
    starts = estimate_by_chapters([[1], [30, 10]], [0, 60_000], 100_000)
    # 40 s left for 40 words: the second turn starts after 30 of them
    assert starts == [0, 60_000, 90_000]


@pytest.mark.parametrize("duration", [None, 60_000, 50_000])
def test_last_chapter_takes_150_words_a_minute_without_a_usable_duration(duration):
    starts = estimate_by_chapters([[1], [150, 75, 10]], [0, 60_000], duration)
    assert starts == [0, 60_000, 120_000, 150_000]


def test_turns_before_the_first_heading_share_the_time_before_it():
    starts = estimate_by_chapters([[10]], [40_000], None, lead=[30, 10])
    assert starts == [0, 30_000, 40_000]


def test_turns_before_a_heading_at_zero_all_start_at_zero():
    starts = estimate_by_chapters([[10, 10]], [0], 60_000, lead=[5, 5])
    assert starts == [0, 0, 0, 30_000]
    assert starts == sorted(starts)


@pytest.mark.parametrize("duration, expected", [(40_000, [0, 30_000]),
                                                (None, [0, 12_000])])
def test_without_chapters_turns_run_to_the_duration_or_at_150_words_a_minute(
        duration, expected):
    assert estimate_by_chapters([], [], duration, lead=[30, 10]) == expected


@given(st.lists(st.lists(st.integers(0, 400), max_size=6), min_size=1, max_size=6),
       st.lists(st.integers(0, 400), max_size=4), st.data())
def test_estimated_starts_are_in_document_order(groups, lead, data):
    chapter_starts = sorted(data.draw(st.lists(st.integers(0, 10**7), min_size=len(groups),
                                               max_size=len(groups))))
    duration = data.draw(st.none() | st.integers(0, 2 * 10**7))
    starts = estimate_by_chapters(groups, chapter_starts, duration, lead)
    assert len(starts) == len(lead) + sum(map(len, groups))
    assert starts == sorted(starts)
    assert all(start >= 0 for start in starts)


def test_a_chapter_without_turns_is_skipped():
    starts = estimate_by_chapters([[10], [], [10, 10]], [0, 30_000, 60_000], 80_000)
    assert starts == [0, 60_000, 70_000]


def test_an_empty_turn_counts_as_one_word():
    assert spread(0, 3_000, [0, 1, 1]) == [0, 1_000, 2_000]
    assert speaking_ms(0) == speaking_ms(1) == 400


def test_spread_without_end_runs_at_150_words_a_minute():
    assert spread(1_000, None, [150, 15, 1]) == [1_000, 61_000, 67_000]


# -- setting a time re-estimates between confirmed anchors -----------------------

def make_project(duration: int | None = 120_000) -> Project:
    """T0 and T5 confirmed; T3 estimated on the chapter mark at 60 s."""
    project = Project()
    project.speakers = [Speaker("a", "A"), Speaker("b", "B")]
    project.chapters = [Chapter(0, "One"), Chapter(60_000, "Two")]
    counts = [10, 20, 30, 40, 10, 30, 10]
    starts = [0, 10_000, 20_000, 60_000, 80_000, 100_000, 110_000]
    confirmed = {0, 5}
    project.turns = [Turn(s, "ab"[i % 2], words(n), estimated=i not in confirmed)
                     for i, (s, n) in enumerate(zip(starts, counts))]
    project.audio_duration = duration
    return project


def times(project: Project) -> list[tuple[int, bool]]:
    return [(t.start, t.estimated) for t in project.turns]


def test_setting_a_start_confirms_the_turn_and_relays_both_stretches():
    project = make_project()
    project.history.push(SetTurnStart(project, 2, 30_000))
    assert times(project) == [
        (0, False),
        (0 + 30_000 * 10 // 30, True),            # T1 between T0 and T2, by words
        (30_000, False),                           # confirmed now
        (60_000, True),                            # on the chapter mark: pinned
        (60_000 + 40_000 * 40 // 50, True),        # T4 between the pin and T5
        (100_000, False),                          # confirmed: left alone
        (110_000, True),                           # beyond the anchor: untouched
    ]


def test_confirmed_turns_are_never_moved():
    project = make_project()
    for index, start in [(3, 70_000), (1, 5_000), (6, 115_000), (4, 90_000)]:
        project.history.push(SetTurnStart(project, index, start))
    assert project.turns[0].start == 0 and not project.turns[0].estimated
    assert project.turns[5].start == 100_000 and not project.turns[5].estimated
    assert [t.start for t in project.turns] == [0, 5_000, 31_000, 70_000, 90_000,
                                                100_000, 115_000]
    # T2 is the only estimated turn left: laid between T1 and T3 by words
    assert [t.estimated for t in project.turns] == [False, False, True, False, False,
                                                    False, False]
    assert project.turns[2].start == 5_000 + 65_000 * 20 // 50


def test_a_chapter_pin_outside_the_new_span_is_relaid():
    project = make_project()
    project.history.push(SetTurnStart(project, 2, 70_000))
    total = 30 + 40 + 10
    assert [t.start for t in project.turns[2:5]] == [
        70_000, 70_000 + 30_000 * 30 // total, 70_000 + 30_000 * 70 // total]


def test_estimated_turns_after_the_last_anchor_run_to_the_audio_end():
    project = make_project()
    project.history.push(SetTurnStart(project, 5, 96_000))
    assert project.turns[6].start == 96_000 + 24_000 * 30 // 40
    assert project.turns[6].estimated
    # and T4, between the chapter pin and T5
    assert project.turns[4].start == 60_000 + 36_000 * 40 // 50


def test_without_duration_the_last_stretch_runs_at_150_words_a_minute():
    project = make_project(duration=None)
    project.history.push(SetTurnStart(project, 5, 96_000))
    assert project.turns[6].start == 96_000 + 30 * 400


def test_with_no_confirmed_turn_before_the_first_turn_keeps_its_time():
    project = make_project()
    for turn in project.turns:
        turn.estimated = True
    project.history.push(SetTurnStart(project, 2, 24_000))
    assert project.turns[0].start == 0 and project.turns[0].estimated
    assert project.turns[1].start == 24_000 * 10 // 30


def test_setting_a_start_is_one_undo_step():
    project = make_project()
    before = times(project)
    project.history.push(SetTurnStart(project, 2, 30_000))
    assert project.history.undo()
    assert times(project) == before


def test_reestimate_around_reports_the_changed_span():
    project = make_project()
    first, new_times = reestimate_around(project.turns, 2, 30_000,
                                         [c.start for c in project.chapters], 120_000)
    assert first == 1
    assert new_times == [(10_000, True), (30_000, False), (60_000, True), (92_000, True)]


def test_reestimate_around_the_first_turn():
    project = make_project()
    first, new_times = reestimate_around(project.turns, 0, 2_000, [0, 60_000], 120_000)
    assert first == 0
    # T1, T2 between T0 and the chapter pin T3, then T4 between the pin and T5
    assert new_times == [(2_000, False), (2_000 + 58_000 * 10 // 60, True),
                         (2_000 + 58_000 * 30 // 60, True), (60_000, True),
                         (60_000 + 40_000 * 40 // 50, True)]


@given(st.lists(st.tuples(st.integers(0, 60), st.booleans()), min_size=1, max_size=12),
       st.data())
def test_setting_a_start_moves_only_estimated_turns(shape, data):
    turns = [Turn(i * 5_000, "", words(n), estimated=est) for i, (n, est) in enumerate(shape)]
    index = data.draw(st.integers(0, len(turns) - 1))
    new_start = data.draw(st.integers(0, len(turns) * 5_000))
    chapter_starts = data.draw(st.sets(st.sampled_from([t.start for t in turns])).map(sorted))
    duration = data.draw(st.none() | st.integers(0, 100_000))
    first, new_times = reestimate_around(turns, index, new_start, chapter_starts, duration)
    assert first <= index < first + len(new_times)
    assert new_times[index - first] == (new_start, False)
    for k, (start, estimated) in enumerate(new_times, start=first):
        if k != index:
            assert estimated == turns[k].estimated
            if not turns[k].estimated or (k == 0 and index > 0):
                assert start == turns[k].start    # anchors stay where they are


@given(st.lists(st.tuples(st.integers(0, 40), st.booleans()), min_size=1, max_size=30),
       st.integers(0, 4), st.data())
def test_confirming_many_turns_at_once_is_confirming_them_one_by_one(shape, chapters, data):
    # A pasted page's layout: chapter starts, turns under them by words, most estimated.
    n = len(shape)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), min_size=chapters, max_size=chapters)))
    chapter_starts = sorted(data.draw(st.lists(st.integers(0, 600).map(lambda s: s * 1_000),
                                               min_size=len(cuts), max_size=len(cuts),
                                               unique=True)))
    counts = [w for w, _ in shape]
    bounds = cuts + [n]
    groups = [counts[bounds[i]:bounds[i + 1]] for i in range(len(cuts))]
    lead = counts[:bounds[0]]
    starts = estimate_by_chapters(groups, chapter_starts, None, lead)
    turns = [Turn(s, "", words(w), estimated=est) for s, (w, est) in zip(starts, shape)]
    open_turns = [k for k, t in enumerate(turns) if t.estimated]
    picked = sorted(data.draw(st.sets(st.sampled_from(open_turns), min_size=1)
                              if open_turns else st.nothing()))
    new_starts = sorted(data.draw(st.lists(st.integers(0, 700_000), min_size=len(picked),
                                           max_size=len(picked))))
    confirmed = dict(zip(picked, new_starts))   # the page's own times, in order
    duration = data.draw(st.none() | st.integers(0, 800_000))

    one_by_one = [Turn(t.start, "", t.text, t.estimated) for t in turns]
    for index, start in confirmed.items():
        first, new_times = reestimate_around(one_by_one, index, start, chapter_starts,
                                             duration)
        for k, (t, est) in enumerate(new_times, start=first):
            one_by_one[k].start, one_by_one[k].estimated = t, est
    expected = [(t.start, t.estimated) for t in one_by_one]

    first, new_times = confirm_turns(turns, confirmed, chapter_starts, duration)
    at_once = [(t.start, t.estimated) for t in turns]
    at_once[first:first + len(new_times)] = new_times
    assert at_once == expected



def test_audio_that_ends_before_a_chapter_leaves_the_last_turns_on_their_chapters():
    # The page says a chapter starts at 0:10, the audio says it ends at 0:01: the
    # audio's end does not drag that chapter's first turn back before it.
    turns = [Turn(0, "", "one two", estimated=True), Turn(800, "", "three", estimated=True),
             Turn(10_000, "", "four five", estimated=True)]
    first, times = confirm_turns(turns, {0: 0}, [0, 10_000], 1_000)
    laid = [(t.start, t.estimated) for t in turns]
    laid[first:first + len(times)] = times
    assert laid[0] == (0, False) and laid[2] == (10_000, True)
    assert 0 < laid[1][0] < 10_000 and laid[1][1]

def test_fit_to_duration_stretches_the_last_chapter_to_the_audio_end():
    # A pasted page: every turn estimated, the last chapter laid at 150 words a minute.
    chapter_starts = [0, 60_000]
    starts = estimate_by_chapters([[10, 10], [30, 10]], chapter_starts, None)
    turns = [Turn(t, "", words(n), True) for t, n in zip(starts, [10, 10, 30, 10])]
    assert turns[3].start == 60_000 + speaking_ms(30)
    first, fitted = fit_to_duration(turns, chapter_starts, 140_000)
    assert first == 3  # the first chapter and the pinned chapter start stay
    assert fitted == [(60_000 + 80_000 * 30 // 40, True)]


def test_fit_to_duration_leaves_confirmed_turns_and_short_audio_alone():
    turns = [Turn(0, "", words(5)), Turn(10_000, "", words(5))]
    assert fit_to_duration(turns, [0], 60_000) is None  # nothing estimated after the anchor
    est = [Turn(0, "", words(5), True), Turn(50_000, "", words(5), True)]
    assert fit_to_duration(est, [0], 0) is None

