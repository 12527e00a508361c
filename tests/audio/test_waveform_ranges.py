"""Peaks decoded as parallel time ranges and joined: bucket for bucket the same as
one decode of the whole file, at the join too (real ffmpeg, real MP3 and WAV)."""
from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from editor.audio import waveform
from editor.audio.waveform import (FULL_SCALE, MIN_RANGE_S, WaveformCancelled, WaveformError,
                                   default_ranges, waveform_peaks)

TOLERANCE = FULL_SCALE // 100           # 1% of full scale


@pytest.fixture(scope="module")
def step_files(ffmpeg, tmp_path_factory) -> dict[str, Path]:
    """10 s of 440 Hz whose amplitude jumps sixfold exactly at 5.000 s, where two
    ranges (or the middle two of four) join."""
    folder = tmp_path_factory.mktemp("step")
    mp3 = folder / "step.mp3"
    subprocess.run(
        [ffmpeg, "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=5:sample_rate=44100",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=5:sample_rate=44100",
         "-filter_complex", "[1]volume=6[loud];[0][loud]concat=n=2:v=0:a=1",
         "-ac", "1", "-b:a", "64k", str(mp3)], check=True)
    wav = folder / "step.wav"
    subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(mp3), str(wav)],
                   check=True)
    return {"mp3": mp3, "wav": wav}


def far_buckets(one, joined) -> list[tuple[int, int, int]]:
    """(bucket, one-pass max, joined max) wherever min or max differ by over 1%."""
    return [(k, one.maxima[k], joined.maxima[k]) for k in range(len(one))
            if abs(one.maxima[k] - joined.maxima[k]) > TOLERANCE
            or abs(one.minima[k] - joined.minima[k]) > TOLERANCE]


@pytest.mark.parametrize("kind", ["mp3", "wav"])
@pytest.mark.parametrize("ranges", [2, 4])
def test_joined_ranges_match_one_pass_at_the_step(step_files, kind, ranges) -> None:
    path = step_files[kind]
    one = waveform_peaks(path, use_cache=False, ranges=1)
    joined = waveform_peaks(path, use_cache=False, ranges=ranges)
    # The step is really there, at the join, and loud enough to show a seam.
    assert max(one.maxima[480:499]) < FULL_SCALE * 0.2
    assert min(one.maxima[502:520]) > FULL_SCALE * 0.6
    assert (len(joined), joined.duration_ms, joined.bucket_ms) == \
        (len(one), one.duration_ms, one.bucket_ms)
    assert far_buckets(one, joined) == []


def test_joined_ranges_match_with_a_chosen_bucket_count(step_files) -> None:
    one = waveform_peaks(step_files["mp3"], bucket_count=640, use_cache=False, ranges=1)
    joined = waveform_peaks(step_files["mp3"], bucket_count=640, use_cache=False, ranges=3)
    assert len(joined) == len(one) == 640
    assert far_buckets(one, joined) == []


def test_a_range_starting_right_at_its_first_sample_would_show_a_seam(
        step_files, monkeypatch) -> None:
    """Why each range starts a margin early: an MP3 decode started at the join
    loses the first frames' bit reservoir (silence where the tone is loud)."""
    one = waveform_peaks(step_files["mp3"], use_cache=False, ranges=1)
    monkeypatch.setattr(waveform, "SEEK_MARGIN_SAMPLES", 0)
    joined = waveform_peaks(step_files["mp3"], use_cache=False, ranges=2)
    seam = [k for k, _, _ in far_buckets(one, joined)]
    assert seam and all(500 <= k < 520 for k in seam)


def test_progress_over_ranges_rises_to_one(ffmpeg, long_mp3) -> None:
    seen: list[float] = []
    waveform_peaks(long_mp3, use_cache=False, ranges=2, progress=seen.append)
    # How many reports come depends on how fast the ranges read (they are spaced
    # in time); that some come before the end, in order, does not.
    assert seen == sorted(seen) and seen[-1] == 1.0 and any(0 < f < 1 for f in seen)


def test_cancel_stops_every_range(ffmpeg, long_mp3) -> None:
    cancel = threading.Event()
    before = threading.active_count()

    def progress(fraction: float) -> None:
        if 0 < fraction < 1:    # the first report before the end, however fast it reads
            cancel.set()

    with pytest.raises(WaveformCancelled):
        waveform_peaks(long_mp3, use_cache=False, ranges=2, progress=progress, cancel=cancel)
    assert threading.active_count() == before       # no range thread left running


def test_a_range_that_fails_names_the_file(ffmpeg, step_files, tmp_path) -> None:
    """A file cut short after its header: the range past the cut cannot decode."""
    data = step_files["wav"].read_bytes()
    broken = tmp_path / "cut.wav"
    broken.write_bytes(data[:44] + b"\xff" * 10)
    with pytest.raises(WaveformError) as caught:
        waveform_peaks(broken, use_cache=False, ranges=2)
    assert str(caught.value).startswith(f"{broken}: ")
    assert "\n" not in str(caught.value)


def test_one_range_a_core_none_too_short(monkeypatch) -> None:
    monkeypatch.setattr(waveform.os, "cpu_count", lambda: 2)
    assert default_ranges(3 * 3600) == 2
    assert default_ranges(MIN_RANGE_S * 1.5) == 1
    assert default_ranges(None) == 1
    monkeypatch.setattr(waveform.os, "cpu_count", lambda: 16)
    assert default_ranges(MIN_RANGE_S * 5) == 5


def test_sketches_show_what_each_range_has_read_so_far(ffmpeg, long_mp3, monkeypatch) -> None:
    monkeypatch.setattr(waveform, "SKETCH_INTERVAL_S", 0.0)
    # Each piece read waits a little, so that the reads last long enough for
    # several sketches whatever the machine's speed (a fast read can end both
    # ranges between two sketches, and then there is nothing to see half-read).
    feed = waveform.PeakReducer.feed

    def slow_feed(reducer, data):
        feed(reducer, data)
        time.sleep(0.05)

    monkeypatch.setattr(waveform.PeakReducer, "feed", slow_feed)
    sketches = []
    final = waveform_peaks(long_mp3, use_cache=False, ranges=2, sketch=sketches.append)
    assert sketches
    count = waveform.SKETCH_BUCKETS
    for sketch in sketches:
        assert len(sketch) == count and sketch.duration_ms > 99_000
    # Each range fills from its own start: the second half shows before the first
    # is read to its end.
    half = count // 2
    assert any(any(sketch.maxima[half:half + 50]) and not all(sketch.maxima[half - 50:half])
               for sketch in sketches)
    # Every sketched bucket is the loudest of the final buckets under it.
    last = sketches[-1]
    total = round(count * last.bucket_ms / final.bucket_ms)    # buckets the header promised
    assert abs(total - len(final)) <= len(final) // 100
    for k in range(0, count, 97):
        first, end = k * total // count, (k + 1) * total // count
        if last.maxima[k]:
            assert last.maxima[k] == max(final.maxima[first:end])


def test_without_ffmpeg_the_message_says_so(step_files, monkeypatch) -> None:
    monkeypatch.setattr(waveform.shutil, "which", lambda name: None)
    with pytest.raises(WaveformError, match="ffmpeg is not installed"):
        waveform_peaks(step_files["wav"], use_cache=False, ranges=2)
