"""The draft transcriber's pure parts: heard words into turns, and into a project."""
from __future__ import annotations

from pathlib import Path

from editor.audio.align.matching import Heard
from editor.audio.align.transcribe import (MAX_TURN_MS, MIN_TURN_MS, TURN_PAUSE_MS, DraftTurn,
                                           draft_turns)
from editor.core.newproject import new_project_from_draft
from editor.core.wordtimes import words_fit


def _speech(start: int, count: int, step: int = 400, length: int = 300,
            word: str = "bee") -> list[Heard]:
    return [Heard(word, start + k * step, start + k * step + length) for k in range(count)]


def test_a_long_pause_ends_a_turn_and_a_shorter_one_does_not():
    first = _speech(0, 5)                                   # ends at 1900
    after_short = _speech(1900 + TURN_PAUSE_MS - 10, 5)
    after_long = _speech(after_short[-1].end + TURN_PAUSE_MS, 5)
    turns = draft_turns(first + after_short + after_long)
    assert [turn.start for turn in turns] == [0, after_long[0].start]
    assert [len(turn.words) for turn in turns] == [10, 5]


def test_word_times_are_each_words_start_one_per_word_of_the_text():
    heard = [Heard("i'm", 100, 300), Heard("on", 350, 500), Heard("the", 520, 600),
             Heard("roof", 650, 900), Heard("i", 950, 1000), Heard("think", 1010, 1300)]
    (turn,) = draft_turns(heard)
    assert turn == DraftTurn(100, "I'm on the roof I think.", (100, 350, 520, 650, 950, 1010))
    assert len(turn.text.split()) == len(turn.words)


def test_speech_without_a_long_pause_is_cut_at_its_longest_pause_once_too_long():
    # A word every 400 ms, and one pause of 900 ms twelve seconds in.
    before = _speech(0, 30)                                  # 0 .. 11.9 s
    after = _speech(before[-1].end + 900, 60)
    turns = draft_turns(before + after)
    assert turns[0].start == 0 and turns[1].start == after[0].start
    for turn in turns:
        assert turn.words[-1] - turn.start <= MAX_TURN_MS
    assert sum(len(turn.words) for turn in turns) == 90
    # A pause before MIN_TURN_MS would leave too short a turn: it is passed over.
    early = _speech(0, 10)                                   # 0 .. 3.9 s
    rest = _speech(early[-1].end + 1200, 60)
    cut = draft_turns(early + rest)
    assert cut[0].start == 0 and cut[1].words[0] - cut[0].start >= MIN_TURN_MS


def test_nothing_heard_is_no_turns():
    assert draft_turns([]) == []


def test_a_draft_becomes_a_project_of_confirmed_turns_all_speaker_1(tmp_path: Path):
    turns = [DraftTurn(1200, "Hello there.", (1200, 1700)),
             DraftTurn(5000, "Bees know.", (5000, 5400))]
    project = new_project_from_draft(tmp_path / "show.mp3", 9000, turns)
    assert [(t.start, t.text, t.words, t.estimated) for t in project.turns] == [
        (1200, "Hello there.", (0, 500), False), (5000, "Bees know.", (0, 400), False)]
    assert all(words_fit(turn) for turn in project.turns)
    assert {turn.speaker for turn in project.turns} == {project.speakers[0].id}
    assert project.speakers[0].name == "Speaker 1"
    assert project.audio_path == (tmp_path / "show.mp3").absolute()
    assert project.audio_duration == 9000 and project.episode.title == "show"
    # Nothing heard: the empty project New from Audio makes.
    empty = new_project_from_draft(tmp_path / "show.mp3", 9000, [])
    assert [(t.start, t.text) for t in empty.turns] == [(0, "")]
