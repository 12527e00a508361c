"""Re-timing a project to a re-cut audio file: every turn and chapter moves by the
rules in editor/core/retime.py, in one undo step with the new audio, text untouched,
and what could not be found is listed. The alignments here are made by hand (the
real engine's run on a cut of the sample is in tests/audio/test_retime_sample.py)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from editor.audio.align.base import AlignmentResult, TurnTime, Untranscribed, Unspoken, WordTime
from editor.core.model import Chapter
from editor.core.retime import RetimeMismatch, plan_retime, retime_to_audio

from helpers import SignalLog, dump, small_project

NEW_AUDIO = Path("/podcasts/small-talk-recut.mp3")
HEARD, GUESSED = 0.9, 0.1


def aligned(project, shifts, lost=(), guesses=None, duration=100_000, **extra):
    """An alignment of ``project``'s turns where turn k starts ``shifts[k]`` ms from
    its old start (or at ``guesses[k]``), its words 300 ms apart; turns in ``lost``
    are low-confidence."""
    guesses = guesses or {}
    turns = []
    for k, turn in enumerate(project.turns):
        start = guesses.get(k, turn.start + shifts[k])
        confidence = GUESSED if k in lost else HEARD
        words = tuple(WordTime(start + 300 * i, start + 300 * i + 250, confidence)
                      for i in range(len(turn.text.split())))
        turns.append(TurnTime(start, confidence, words))
    return AlignmentResult(turns, duration=duration, **extra)


# Turns 0-5 stay, turn 6 comes 20 s earlier: 20 s were cut after turn 5 (60 s).
CUT = [0, 0, 0, 0, 0, 0, -20_000]


def test_a_cut_moves_the_turns_and_chapters_after_it_and_one_undo_restores_all():
    project = small_project()
    before = dump(project)
    texts = [turn.text for turn in project.turns]
    missing = retime_to_audio(project, NEW_AUDIO, aligned(project, CUT))

    assert [t.start for t in project.turns] == [0, 4_000, 12_000, 30_000, 45_000,
                                                60_000, 70_000]
    assert not any(t.estimated for t in project.turns)     # every one was heard
    assert [c.start for c in project.chapters] == [0, 30_000, 70_000]
    assert (project.audio_path, project.audio_duration) == (NEW_AUDIO, 100_000)
    assert [turn.text for turn in project.turns] == texts
    assert project.turns[1].words == (0, 300, 600, 900, 1200, 1500)
    assert missing == []
    assert project.history.undo_text == "Replace audio" and len(project.history) == 1

    after = dump(project)
    assert project.history.undo()
    assert dump(project) == before
    assert project.history.redo()
    assert dump(project) == after


def test_a_chapter_between_turns_keeps_its_distance_from_the_turn_before():
    project = small_project()
    project.chapters.insert(2, Chapter(50_000, "Question"))     # 5 s after turn 4
    project.chapters.insert(3, Chapter(58_000, "Late"))         # 13 s after turn 4
    shifts = [0, 0, 0, 0, 3_000, -5_000, -5_000]
    retime_to_audio(project, NEW_AUDIO, aligned(project, shifts))
    # Turn 4 is at 48 s, turn 5 at 55 s: "Late" would be at 61 s, past turn 5.
    assert [c.start for c in project.chapters] == [0, 30_000, 53_000, 55_000, 85_000]


def test_chapters_keep_their_rows_and_order_whichever_way_they_move():
    project = small_project()
    project.chapters = [Chapter(0, "A"), Chapter(4_000, "B"), Chapter(30_000, "C"),
                        Chapter(45_000, "D"), Chapter(90_000, "E")]
    # B, C and D each pass the next one's old start on the way; E moves back.
    shifts = [2_000, 30_000, 30_000, 16_000, 2_000, -8_000, -35_000]
    log = SignalLog(project)
    orders = []
    project.chapters_changed.connect(lambda *_: orders.append([c.start for c in
                                                               project.chapters]))
    retime_to_audio(project, NEW_AUDIO, aligned(project, shifts))
    assert [c.title for c in project.chapters] == list("ABCDE")
    assert [c.start for c in project.chapters] == [2_000, 34_000, 46_000, 47_000, 55_000]
    assert not any(name == "chapters_moved" for name, _ in log.calls())
    assert len(orders) == 5 and all(starts == sorted(starts) for starts in orders)
    project.history.undo()
    assert [c.start for c in project.chapters] == [0, 4_000, 30_000, 45_000, 90_000]
    assert [c.title for c in project.chapters] == list("ABCDE")
    assert all(starts == sorted(starts) for starts in orders)


def test_a_chapter_before_the_first_turn_stays_as_far_before_it():
    project = small_project()
    for turn in project.turns:
        turn.start += 10_000
    project.chapters[0] = Chapter(4_000, "Cold open")      # 6 s before the first turn
    retime_to_audio(project, NEW_AUDIO, aligned(project, [-3_000] * 7))
    assert project.chapters[0].start == 1_000
    project.history.undo()
    retime_to_audio(project, NEW_AUDIO, aligned(project, [-9_000] * 7))
    assert project.chapters[0].start == 0                    # never before the audio


def test_a_turn_not_heard_between_turns_moved_alike_moves_with_them():
    project = small_project()
    project.turns[4].words = (0, 400, None, 1200, 1500, 1800, 2100)
    result = aligned(project, [0, 0, 0, -5_000, 0, 0, -5_000], lost={4, 5},
                     guesses={4: 47_000, 5: 58_000})
    missing = retime_to_audio(project, NEW_AUDIO, result)
    # Turns 3 and 6 both moved by -5 s: 4 (confirmed) and 5 (estimated) move too.
    assert project.turns[4].start == 40_000 and not project.turns[4].estimated
    assert project.turns[5].start == 55_000 and project.turns[5].estimated
    assert project.turns[4].words == (0, 400, None, 1200, 1500, 1800, 2100)
    assert missing == ["Not heard, moved with the turns around it: Cy\u2019s turn at 00:40",
                       "Not heard, moved with the turns around it: Ann\u2019s turn at ~00:55"]


def test_a_turn_not_found_where_the_turns_around_it_moved_apart_takes_the_guess():
    project = small_project()
    result = aligned(project, [0, 0, 0, 0, 0, 0, -20_000], lost={5}, guesses={5: 52_000})
    missing = retime_to_audio(project, NEW_AUDIO, result)
    assert project.turns[5].start == 52_000 and project.turns[5].estimated
    assert project.turns[5].words is None          # no word of it was heard
    assert missing == ["Not found, time guessed: Ann\u2019s turn at ~00:52"]


def test_a_guess_is_kept_between_its_neighbours_and_inside_the_audio():
    project = small_project()
    result = aligned(project, [0, 0, 0, 0, 0, 0, 30_000], lost={5}, guesses={5: 20_000},
                     duration=110_000)
    retime_to_audio(project, NEW_AUDIO, result)
    starts = [t.start for t in project.turns]
    assert starts[5] == 45_000                     # not before turn 4
    assert starts[6] == 110_000                    # not past the end of the audio
    assert starts == sorted(starts)


def test_passages_not_in_the_audio_are_listed_once_with_their_words():
    project = small_project()
    project.chapters.insert(2, Chapter(60_000, "Questions"))
    # Turn 4's last three words and all of turn 5 were cut out.
    gone = [Unspoken((4, 4), (5, 1))]
    result = aligned(project, [0, 0, 0, 0, 0, -15_000, -15_000], lost={5},
                     guesses={5: 46_500}, unspoken=gone,
                     untranscribed=[Untranscribed(80_000, 95_000)])
    missing = retime_to_audio(project, NEW_AUDIO, result)
    assert missing == [
        "Not in the new audio: \u201cabout that one. \u2026 Go ahead.\u201d "
        "(Cy\u2019s turn at 00:45 to Ann\u2019s turn at ~00:46)",
        "Chapter \u201cQuestions\u201d starts at a turn not found: check it at 00:46",
        "Audio not in the transcript: 01:20 to 01:35",
    ]
    assert project.chapters[-2].start == 46_500     # it followed its turn


def test_words_not_heard_have_no_time_and_a_typed_turn_keeps_none():
    project = small_project()
    result = aligned(project, [0] * 7)
    words = list(result.turns[1].words)
    words[2] = replace(words[2], confidence=GUESSED)
    result.turns[1] = replace(result.turns[1], words=tuple(words))
    plan = plan_retime(project, result)
    assert plan.words[1] == (0, 300, None, 900, 1200, 1500)
    project.turns[2].text += " More typed."                  # while it was aligning
    assert plan_retime(project, result).words[2] is None


def test_an_alignment_of_another_transcript_is_refused_and_nothing_changes():
    project = small_project()
    result = aligned(project, CUT)
    result.turns.pop()
    before = dump(project)
    with pytest.raises(RetimeMismatch, match="7"):
        retime_to_audio(project, NEW_AUDIO, result)
    assert dump(project) == before and len(project.history) == 0


def test_a_recovery_copy_holds_the_step_and_replays_its_undo(tmp_path):
    from editor.core.ondisk import fingerprint
    from editor.core.projectfile import save_project
    from editor.core.recovery import RecoveryStore, recovery_key, take_snapshot
    project = small_project()
    save_project(project, tmp_path / "talk.showscribe.yaml")
    before = dump(project)
    retime_to_audio(project, NEW_AUDIO, aligned(project, CUT, lost={5}, guesses={5: 52_000}))
    store = RecoveryStore(tmp_path / "recovery")
    restored = store.read(store.write(take_snapshot(project, recovery_key(project.path),
                                                    fingerprint(project.path)))).restore()
    assert dump(restored) == dump(project)
    assert restored.history.undo_text == "Replace audio"
    restored.history.undo()
    project.history.undo()
    assert dump(restored) == dump(project) == before


@pytest.mark.parametrize("starts, message", [
    ([0, 30_000], "2 starts for 3 chapters"),
    ([0, 95_000, 90_000], "not in their order"),
    ([0, -1, 90_000], "is not a time"),
])
def test_chapter_starts_out_of_order_or_count_are_refused(starts, message):
    from editor.core.commands import SetChapterStarts
    project = small_project()
    with pytest.raises(ValueError, match=message):
        SetChapterStarts(project, starts)
