"""The draft transcriber on real audio: word times, digital silence, cancel, bad input.

Speech comes from benchmarks/bench_align.py's flite generator, which knows
where every word spoken on its own starts.
"""
from __future__ import annotations

import statistics
import subprocess
import threading
import time
from difflib import SequenceMatcher

import pytest

from benchmarks.bench_align import Voices, make_episode
from editor.audio.align import AlignCancelled, AlignError
from editor.audio.align import workers
from editor.audio.align.transcribe import PocketsphinxTranscriber
from editor.audio.align.words import spoken_token
from processes import workers_and_ffmpeg

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("speech_model")]


@pytest.fixture(scope="module")
def episode(tmp_path_factory, flite):
    folder = tmp_path_factory.mktemp("flite")
    return make_episode(folder, 0.6, "clean", seed=7, voices=Voices(folder),
                        turn_pause=(1800, 2600))


@pytest.fixture(scope="module")
def draft(episode):
    return PocketsphinxTranscriber().transcribe(episode.audio)


def test_each_word_heard_right_has_its_start(episode, draft):
    said = [(spoken_token(word), start)
            for turn, starts in zip(episode.turns, episode.truth.word_starts)
            for word, start in zip(turn.text.split(), starts)]
    heard = [(spoken_token(word), start)
             for turn in draft.turns for word, start in zip(turn.text.split(), turn.words)]
    matcher = SequenceMatcher(None, [w for w, _ in said], [w for w, _ in heard],
                              autojunk=False)
    errors = [abs(heard[b + k][1] - said[a + k][1])
              for a, b, size in matcher.get_matching_blocks() for k in range(size)
              if said[a + k][1] is not None]
    assert len(errors) >= len(said) // 3     # the rough recogniser hears about half right
    assert statistics.median(errors) <= 50, statistics.median(errors)
    for turn in draft.turns:
        assert len(turn.words) == len(turn.text.split())
        assert list(turn.words) == sorted(turn.words) and turn.words[0] == turn.start
    assert abs(draft.duration - episode.duration_ms) <= 50


def test_speech_after_a_long_digital_silence_is_still_heard(episode, draft, tmp_path, ffmpeg):
    # 40 s of digital silence first: two whole chunks of zeros, then the
    # speech. Without the faint noise the stream adds, pocketsphinx hears
    # words in the zeros ("dog dog dog", seen here) and turns start there.
    quiet_first = tmp_path / "quiet-first.wav"
    subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    "anullsrc=r=16000:cl=mono:d=40", "-i", str(episode.audio),
                    "-filter_complex", "[0][1]concat=n=2:v=0:a=1", str(quiet_first)],
                   check=True)
    result = PocketsphinxTranscriber().transcribe(quiet_first)
    assert result.turns and result.turns[0].start >= 40000 - 50
    words = sum(len(turn.words) for turn in result.turns)
    assert words >= 0.8 * sum(len(turn.words) for turn in draft.turns)


def test_cancel_stops_the_workers_and_ffmpeg_and_leaves_nothing(episode, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    cancel = threading.Event()
    seen = []

    def watch() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not cancel.is_set():
            running = workers_and_ffmpeg()
            if sum("spawn_main" in c for c in running) >= 2:
                seen.extend(running)
                time.sleep(0.5)
                cancel.set()
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with pytest.raises(AlignCancelled, match="transcription cancelled"):
            PocketsphinxTranscriber().transcribe(episode.audio, cancel=cancel)
    finally:
        cancel.set()
        watcher.join()
    assert seen, "the workers were never seen"
    assert workers_and_ffmpeg() == []
    assert list(tmp_path.iterdir()) == []


def test_progress_rises_to_one(episode):
    seen = []
    PocketsphinxTranscriber().transcribe(episode.audio, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_bad_input_is_one_line_naming_the_file_before_any_worker_starts(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(workers, "open_pool", lambda *args, **kw: started.append(args))
    transcriber = PocketsphinxTranscriber()
    with pytest.raises(AlignError, match=r"gone\.mp3: file not found"):
        transcriber.transcribe(tmp_path / "gone.mp3")
    notes = tmp_path / "notes.mp3"
    notes.write_text("These are show notes, not audio.\n" * 20)
    with pytest.raises(AlignError) as caught:
        transcriber.transcribe(notes)
    assert str(caught.value).startswith(f"{notes}: cannot decode it as audio")
    assert "\n" not in str(caught.value)
    assert started == []
    assert workers_and_ffmpeg() == []
