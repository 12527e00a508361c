"""Waveform peaks: streamed from real ffmpeg, reduced per bucket, cached on disk."""
from __future__ import annotations

import os
import random
import threading
from array import array

import pytest

from editor.audio import waveform
from editor.audio.waveform import (CACHE_ENV, FULL_SCALE, Peaks, PeakReducer,
                                   WaveformCancelled, WaveformError, default_cache_dir,
                                   waveform_peaks)

HALF_SCALE = FULL_SCALE // 2        # the fixtures' tone amplitude


def loudest(peaks: Peaks, start_ms: float, end_ms: float) -> int:
    first, last = peaks.bucket_at(start_ms), peaks.bucket_at(end_ms)
    return max(max(peaks.maxima[first:last]), -min(peaks.minima[first:last]))


def test_shape_at_100_buckets_a_second(ffmpeg, tone_mp3, tmp_path) -> None:
    peaks = waveform_peaks(tone_mp3, cache_dir=tmp_path)
    assert peaks.bucket_ms == 10.0
    assert 5950 <= peaks.duration_ms <= 6150
    assert len(peaks) == len(peaks.maxima) == -(-peaks.duration_ms // 10)
    assert peaks.minima.typecode == peaks.maxima.typecode == "h"
    assert all(lo <= hi for lo, hi in zip(peaks.minima, peaks.maxima))


def test_a_chosen_bucket_count_is_exact(ffmpeg, tone_mp3, tmp_path) -> None:
    peaks = waveform_peaks(tone_mp3, bucket_count=50, cache_dir=tmp_path)
    assert len(peaks) == 50
    assert 118 <= peaks.bucket_ms <= 123
    # Every bucket of a steady tone holds its full swing, the last one too.
    assert min(peaks.maxima) > HALF_SCALE * 0.8
    assert max(peaks.minima) < -HALF_SCALE * 0.8


def test_the_tone_amplitude_comes_through(ffmpeg, tone_mp3, tmp_path) -> None:
    peaks = waveform_peaks(tone_mp3, cache_dir=tmp_path)
    level = loudest(peaks, 500, 5500)
    assert HALF_SCALE * 0.85 <= level <= HALF_SCALE * 1.15


def test_peaks_find_the_loud_part_in_time(ffmpeg, silence_then_tone_mp3, tmp_path) -> None:
    peaks = waveform_peaks(silence_then_tone_mp3, cache_dir=tmp_path)
    assert loudest(peaks, 0, 1900) < FULL_SCALE * 0.01
    assert loudest(peaks, 2100, 3900) > HALF_SCALE * 0.8
    onset = next(i for i, hi in enumerate(peaks.maxima) if hi > HALF_SCALE * 0.4)
    assert 1950 <= onset * peaks.bucket_ms <= 2100
    columns = peaks.columns(0, 4000, 4)
    assert [hi > HALF_SCALE * 0.8 for _, hi in columns] == [False, False, True, True]


def test_columns_narrower_than_a_bucket_and_past_the_end(ffmpeg, tone_mp3,
                                                        tmp_path) -> None:
    peaks = waveform_peaks(tone_mp3, cache_dir=tmp_path)
    wide = peaks.columns(0, 6000, 7)
    edges = [int(i * 6000 / 7 / 10) for i in range(8)]
    assert wide == [(min(peaks.minima[a:b]), max(peaks.maxima[a:b]))
                    for a, b in zip(edges, edges[1:])]
    narrow = peaks.columns(1000, 1010, 5)           # five columns inside one bucket
    assert narrow == [(peaks.minima[100], peaks.maxima[100])] * 5
    assert peaks.columns(10_000, 11_000, 3) == [(0, 0)] * 3


def test_progress_rises_to_one(ffmpeg, long_mp3, tmp_path) -> None:
    seen: list[float] = []
    waveform_peaks(long_mp3, progress=seen.append, cache_dir=tmp_path)
    assert len(seen) >= 3
    assert seen == sorted(seen)
    assert seen[-1] == 1.0 and all(0 < f < 1 for f in seen[:-1])


def test_cancel_with_an_event_stops_the_decode(ffmpeg, long_mp3, tmp_path) -> None:
    stop = threading.Event()
    seen: list[float] = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        stop.set()

    with pytest.raises(WaveformCancelled, match="long.mp3"):
        waveform_peaks(long_mp3, progress=progress, cancel=stop, cache_dir=tmp_path)
    assert len(seen) == 1 and seen[0] < 1.0
    assert list(tmp_path.iterdir()) == []       # nothing cached from half a decode


def test_cancel_with_a_callable(ffmpeg, tone_mp3, tmp_path) -> None:
    with pytest.raises(WaveformCancelled):
        waveform_peaks(tone_mp3, cancel=lambda: True, cache_dir=tmp_path)


def test_second_call_comes_from_the_cache(ffmpeg, tone_mp3, tmp_path, monkeypatch) -> None:
    first = waveform_peaks(tone_mp3, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.peaks"))) == 1

    def no_decoding(*args, **kwargs):
        raise AssertionError("ffmpeg ran although the peaks were cached")
    monkeypatch.setattr(waveform.subprocess, "Popen", no_decoding)
    seen: list[float] = []
    second = waveform_peaks(tone_mp3, cache_dir=tmp_path, progress=seen.append)
    assert second == first
    assert seen == [1.0]


def test_the_cache_key_follows_file_and_resolution(ffmpeg, tone_mp3, tmp_path) -> None:
    copy = tmp_path / "copy.mp3"
    copy.write_bytes(tone_mp3.read_bytes())
    cache = tmp_path / "cache"
    waveform_peaks(copy, cache_dir=cache)
    waveform_peaks(copy, buckets_per_second=20, cache_dir=cache)
    assert len(list(cache.glob("*.peaks"))) == 2
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    waveform_peaks(copy, cache_dir=cache)       # changed mtime: made again
    assert len(list(cache.glob("*.peaks"))) == 3


def test_a_damaged_cache_file_is_remade(ffmpeg, tone_mp3, tmp_path) -> None:
    first = waveform_peaks(tone_mp3, cache_dir=tmp_path)
    (cached,) = tmp_path.glob("*.peaks")
    cached.write_bytes(cached.read_bytes()[:100])
    assert waveform_peaks(tone_mp3, cache_dir=tmp_path) == first
    assert cached.stat().st_size > 100


def test_cache_dir_from_the_environment(ffmpeg, tone_mp3, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "root"))
    assert default_cache_dir() == tmp_path / "root" / "peaks"
    waveform_peaks(tone_mp3)
    assert len(list((tmp_path / "root" / "peaks").glob("*.peaks"))) == 1


def test_default_cache_dir_follows_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "showscribe" / "peaks"


def test_missing_file_names_it(tmp_path) -> None:
    missing = tmp_path / "episode-12.mp3"
    with pytest.raises(WaveformError, match=r"episode-12\.mp3: file not found"):
        waveform_peaks(missing, cache_dir=tmp_path)


def test_undecodable_file_names_it(ffmpeg, not_audio_mp3, tmp_path) -> None:
    with pytest.raises(WaveformError) as caught:
        waveform_peaks(not_audio_mp3, cache_dir=tmp_path / "cache")
    message = str(caught.value)
    assert message.startswith(f"{not_audio_mp3}: cannot decode it as audio (")
    assert "\n" not in message
    assert not (tmp_path / "cache").exists()


def test_a_file_without_audio_names_it(ffmpeg, tmp_path) -> None:
    import subprocess
    video = tmp_path / "picture.mkv"
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=32x32:d=1",
                    str(video)], check=True)
    with pytest.raises(WaveformError, match=r"picture\.mkv: no audio stream found"):
        waveform_peaks(video, use_cache=False)


def test_resolution_out_of_range(tone_mp3, tmp_path) -> None:
    with pytest.raises(ValueError):
        waveform_peaks(tone_mp3, buckets_per_second=0, cache_dir=tmp_path)
    with pytest.raises(ValueError):
        waveform_peaks(tone_mp3, bucket_count=0, cache_dir=tmp_path)


def samples_bytes(values: list[int]) -> bytes:
    return array("h", values).tobytes()        # native order, as ffmpeg is asked for


MINMAX = [pytest.param(waveform.default_minmax, id="default"),
          pytest.param(waveform._minmax_pure, id="pure")]


def test_audioop_does_the_reduction_where_python_has_it() -> None:
    try:
        import audioop  # noqa: F401
    except ImportError:
        assert waveform.default_minmax is waveform._minmax_pure
    else:
        assert waveform.default_minmax is audioop.minmax


@pytest.mark.parametrize("minmax", MINMAX)
@pytest.mark.parametrize("num, den, last", [(4000, 100, None), (4000, 7, None),
                                            (10_007, 13, 12)])
def test_reducer_is_independent_of_chunking(minmax, num, den, last) -> None:
    rng = random.Random(num + den)
    values = [rng.randint(-32768, 32767) for _ in range(10_007)]
    data = samples_bytes(values)
    whole = PeakReducer(num, den, last, minmax=minmax)
    whole.feed(data)
    expected = whole.finish()
    bounds = [k * num // den for k in range(len(expected[0]))] + [len(values)]
    assert [(lo, hi) for lo, hi in zip(*expected)] == [
        (min(values[a:b]), max(values[a:b])) for a, b in zip(bounds, bounds[1:])]
    pieces = PeakReducer(num, den, last, minmax=minmax)
    position = 0
    while position < len(data):
        size = rng.randint(1, 301)          # odd sizes split samples across chunks
        pieces.feed(data[position:position + size])
        position += size
    assert pieces.finish() == expected
    assert pieces.consumed == len(values)


def test_reducer_buckets_at_100_a_second() -> None:
    values = list(range(-200, 200))
    reducer = PeakReducer(4000, 100)
    reducer.feed(samples_bytes(values))
    minima, maxima = reducer.finish()
    assert list(minima) == list(range(-200, 200, 40))
    assert list(maxima) == list(range(-161, 200, 40))


@pytest.mark.parametrize("minmax", MINMAX)
def test_reducer_with_uneven_buckets_and_a_last_bucket_that_takes_the_rest(minmax) -> None:
    values = list(range(100))
    reducer = PeakReducer(90, 7, last_bucket=6, minmax=minmax)   # 90 expected, 7 buckets
    reducer.feed(samples_bytes(values))
    minima, maxima = reducer.finish(7)
    bounds = [k * 90 // 7 for k in range(7)] + [100]
    assert list(minima) == bounds[:-1]
    assert list(maxima) == [b - 1 for b in bounds[1:]]


def test_reducer_pads_a_short_file_to_the_bucket_count() -> None:
    reducer = PeakReducer(100, 10, last_bucket=9)
    reducer.feed(samples_bytes([5] * 35))
    minima, maxima = reducer.finish(10)
    assert list(maxima) == [5, 5, 5, 5] + [0] * 6
    assert list(minima) == [5, 5, 5, 5] + [0] * 6


def test_levels_of_detail_agree_with_the_finest_peaks() -> None:
    rng = random.Random(5)
    count = 100 * 600 + 1                   # ten minutes at 100 buckets a second, and one
    lows = array("h", [rng.randint(-32768, 0) for _ in range(count)])
    highs = array("h", [rng.randint(0, 32767) for _ in range(count)])
    peaks = Peaks(10.0, count * 10, lows, highs)
    levels = waveform.PeakLevels(peaks)
    sizes = [len(level) for level in levels.levels]
    assert sizes[:3] == [count, count // 4 + 1, count // 16 + 1] and 256 < sizes[-1] <= 1024
    assert sum(sizes[1:]) <= count // 3 + len(sizes)      # a third of the finest, at most
    assert [level.bucket_ms for level in levels.levels[:3]] == [10.0, 40.0, 160.0]
    assert levels.level_for(5.0) is peaks and levels.level_for(45.0) is levels.levels[1]
    third = levels.levels[2]                # 160 ms buckets: sixteen of the finest each
    assert third.minima[3] == min(lows[48:64]) and third.maxima[3] == max(highs[48:64])
    assert third.maxima[-1] == highs[-1]    # the one left at the end stands alone
    # 1,200 columns of 500 ms read the 160 ms level: each column holds the finest
    # buckets of the coarse buckets it covers.
    coarse = levels.columns(0, 600_000, 1200)
    assert levels.level_for(500).bucket_ms == 160.0
    for column in (0, 1, 599, 1199):
        first, last = int(column * 500 / 160), int((column + 1) * 500 / 160)
        assert coarse[column] == (min(lows[16 * first:16 * last]),
                                  max(highs[16 * first:16 * last]))


@pytest.mark.parametrize("count", [1, 3, 4, 5, 4097])
def test_a_coarser_level_takes_the_buckets_left_at_the_end_as_one(count) -> None:
    lows = array("h", [-i for i in range(count)])
    highs = array("h", list(range(count)))
    coarser = waveform._coarser(Peaks(10.0, count * 10, lows, highs), 4)
    assert coarser.bucket_ms == 40.0 and len(coarser) == -(-count // 4)
    assert list(coarser.maxima) == [max(highs[i:i + 4]) for i in range(0, count, 4)]
    assert list(coarser.minima) == [min(lows[i:i + 4]) for i in range(0, count, 4)]


@pytest.mark.parametrize("count", [7, 100, 3000])
def test_columns_short_and_long_spans_agree_with_the_buckets(count) -> None:
    rng = random.Random(count)
    lows = array("h", [rng.randint(-32768, 0) for _ in range(5000)])
    highs = array("h", [rng.randint(0, 32767) for _ in range(5000)])
    peaks = Peaks(10.0, 50_000, lows, highs)
    columns = peaks.columns(1_000, 41_000, count)
    width = 40_000 / count
    for column in range(0, count, max(count // 7, 1)):
        first = int((1_000 + column * width) / 10)
        last = max(first + 1, int((1_000 + (column + 1) * width) / 10))
        assert columns[column] == (min(lows[first:last]), max(highs[first:last]))
