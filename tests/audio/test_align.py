"""The pocketsphinx aligner on real audio: the sample episode and flite speech.

The flite episodes come from benchmarks/bench_align.py's generator, which
knows where every turn (and most words) really start.
"""
from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import pytest

from benchmarks.bench_align import Voices, make_episode
from editor.audio.align import AlignCancelled, AlignError, TurnText
from editor.audio.align.sphinx import PocketsphinxAligner
from editor.core.projectfile import load_project
from processes import workers_and_ffmpeg

SAMPLE = Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"

# In CI a missing model or flite fails these tests rather than skipping them.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("speech_model")]


@pytest.fixture(scope="module")
def voices(tmp_path_factory, flite) -> Voices:
    return Voices(tmp_path_factory.mktemp("voices"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory, voices):
    return make_episode(tmp_path_factory.mktemp("clean"), 1.2, "clean", seed=3, voices=voices)


@pytest.fixture(scope="module")
def clean_result(clean):
    return PocketsphinxAligner().align(clean.audio, clean.turns)


def test_aligning_the_sample_confirms_its_turns_at_their_committed_times():
    project = load_project(SAMPLE / "episode.showscribe.yaml")
    turns = [TurnText(0, turn.text) for turn in project.turns]   # no hints at all
    result = PocketsphinxAligner().align(project.audio_path, turns)
    assert len(result.turns) == len(project.turns)
    checked = 0
    for turn, aligned in zip(project.turns, result.turns):
        assert len(aligned.words) == len(turn.text.split())
        if not turn.estimated:      # the sample's last chapter is deliberately estimated
            assert abs(aligned.start - turn.start) <= 100, (turn.text[:40], aligned.start)
            assert aligned.confident
            checked += 1
    assert checked >= 15
    assert result.unspoken == [] and result.untranscribed == []
    assert abs(result.duration - project.audio_duration) <= 50


def test_flite_speech_gets_its_turn_and_word_times(clean, clean_result):
    result = clean_result
    assert len(result.turns) == len(clean.turns)
    turn_errors = [abs(a.start - t) for a, t in zip(result.turns, clean.truth.turn_starts)]
    assert statistics.median(turn_errors) <= 40
    assert max(turn_errors) <= 200
    word_errors = [abs(w.start - t) for a, truth in zip(result.turns, clean.truth.word_starts)
                   for w, t in zip(a.words, truth) if t is not None]
    assert len(word_errors) > 100
    assert statistics.median(word_errors) <= 40
    for turn in result.turns:
        assert [w.start for w in turn.words] == sorted(w.start for w in turn.words)
        assert all(w.end >= w.start for w in turn.words)
    assert sum(turn.confident for turn in result.turns) >= len(result.turns) - 1


def test_untranscribed_speech_is_found_and_no_turn_is_put_inside_it(tmp_path, voices):
    episode = make_episode(tmp_path, 1.5, "errors", seed=5, voices=voices)
    result = PocketsphinxAligner().align(episode.audio, episode.turns)
    low, high = episode.truth.extra
    assert result.untranscribed, "the 30 s passage was not noticed"
    found = max(result.untranscribed, key=lambda span: span.end - span.start)
    assert abs(found.start - low) <= 3000 and abs(found.end - high) <= 3000
    assert not [turn.start for turn in result.turns if low + 500 < turn.start < high - 500]
    errors = [abs(a.start - t) for a, t in zip(result.turns, episode.truth.turn_starts)]
    assert statistics.median(errors) <= 60


def test_a_passage_nobody_said_is_reported_not_stretched_over(clean, clean_result):
    # Eight turns of another episode pasted into the middle of the transcript.
    middle = len(clean.turns) // 2
    pasted = [TurnText(0, "Seven purple elephants negotiate the library budget with "
                          f"committee number {k} tomorrow morning.") for k in range(8)]
    turns = clean.turns[:middle] + pasted + clean.turns[middle:]
    result = PocketsphinxAligner().align(clean.audio, turns)
    assert result.unspoken, "the pasted passage was not reported"
    first, last = result.unspoken[0].first, result.unspoken[-1].last
    assert first[0] <= middle + 1 and last[0] >= middle + 6
    for k in range(middle, middle + 8):
        assert not result.turns[k].confident
    others = result.turns[:middle] + result.turns[middle + 8:]
    errors = [abs(a.start - t) for a, t in zip(others, clean.truth.turn_starts)]
    assert statistics.median(errors) <= 40 and max(errors) <= 200
    # The rest is where it was without the pasted passage.
    assert [t.start for t in others] == pytest.approx(
        [t.start for t in clean_result.turns], abs=60)


def test_cancel_stops_the_workers_and_ffmpeg_and_leaves_nothing(clean, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    cancel = threading.Event()
    seen = []
    outcome = {}

    def watch() -> None:
        # Cancel once the workers are busy recognising.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not cancel.is_set():
            running = workers_and_ffmpeg()
            if sum("spawn_main" in c for c in running) >= 2:
                seen.extend(running)
                time.sleep(0.5)
                cancel.set()
            time.sleep(0.05)

    def run() -> None:
        try:
            outcome["result"] = PocketsphinxAligner().align(clean.audio, clean.turns,
                                                            cancel=cancel)
        except AlignCancelled as error:
            outcome["cancelled"] = error

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    run()
    watcher.join()
    assert "cancelled" in outcome, "the alignment ran to its end"
    assert time.monotonic() - started < 30
    assert seen, "the workers were never seen"
    assert workers_and_ffmpeg() == []
    assert list(tmp_path.iterdir()) == []       # no scratch files left


def test_cancel_while_ffmpeg_still_decodes_kills_it(clean, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with pytest.raises(AlignCancelled):
        PocketsphinxAligner().align(clean.audio, clean.turns, cancel=lambda: True)
    assert workers_and_ffmpeg() == []
    assert list(tmp_path.iterdir()) == []


def test_progress_rises_to_one(clean):
    seen = []
    PocketsphinxAligner().align(clean.audio, clean.turns[:6], progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert seen == sorted(seen) and 0 <= seen[0]


def test_bad_input_gets_a_one_line_message_naming_the_file(tmp_path, clean):
    aligner = PocketsphinxAligner()
    missing = tmp_path / "gone.mp3"
    with pytest.raises(AlignError, match=r"gone\.mp3: file not found"):
        aligner.align(missing, clean.turns)
    notes = tmp_path / "notes.mp3"
    notes.write_text("These are show notes, not audio.\n" * 20)
    with pytest.raises(AlignError) as caught:
        aligner.align(notes, clean.turns)
    assert str(notes) in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(AlignError, match="no words"):
        aligner.align(clean.audio, [TurnText(0, " — "), TurnText(0, "")])
    assert workers_and_ffmpeg() == []
