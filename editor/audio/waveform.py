"""Waveform peaks of a whole episode, streamed from ffmpeg and cached on disk.

:func:`waveform_peaks` runs ffmpeg to decode the file to mono 16-bit samples at
a low rate (:data:`SAMPLE_RATE`), reads its output in chunks and reduces each
chunk to (min, max) per bucket as it arrives, so memory stays flat however long
the episode is. A long file is cut into one time range per core, decoded by one
ffmpeg each in parallel (``-ss``/``-t`` on the input, starting a margin early)
and the ranges' buckets joined: the same buckets as one decode, seam included. It reports progress through an optional ``progress(fraction)``
callback (non-decreasing, ending at 1.0), stops early when ``cancel`` is set
(raising :class:`WaveformCancelled`), and raises :class:`WaveformError` naming
the file when the file is missing or cannot be decoded. :class:`PeakReducer` is
the pure reduction; :class:`Peaks` holds the result and :class:`PeakLevels` its
coarser levels of detail, for drawing any zoom without decoding again. Results are cached in
``peaks/`` under ``$SHOWSCRIBE_CACHE_DIR`` (default ``$XDG_CACHE_HOME/showscribe``
or ``~/.cache/showscribe``), keyed by absolute path, size, mtime and resolution.
Imports no Qt and no numpy: ``array`` and ``memoryview`` do the work.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import mutagen

try:
    import fcntl
except ImportError:             # not on Windows
    fcntl = None
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import audioop          # the standard library's up to 3.12, audioop-lts after
    except ImportError:
        audioop = None

from editor.core.errors import ShowscribeError

# 4 kHz keeps the pipe and the reduction cheap while still giving 40 samples to
# each bucket at 100 buckets a second; a short resampling filter keeps ffmpeg's
# cost at the decode floor (its default 32-tap filter cost ~40% more here).
SAMPLE_RATE = 4000
_RESAMPLE = f"aresample={SAMPLE_RATE}:filter_size=4"
_NATIVE_S16 = "s16le" if sys.byteorder == "little" else "s16be"
DEFAULT_BUCKETS_PER_SECOND = 100
FULL_SCALE = 32768          # sample values are in -FULL_SCALE..FULL_SCALE-1
CACHE_ENV = "SHOWSCRIBE_CACHE_DIR"
# Each level of detail has 4 buckets of the one below in one: all of them together
# take a third of the finest peaks' memory (halving would take as much again), and
# a column still reads at most a few buckets.
LEVEL_FACTOR = 4
_SHORT_SPAN = 16            # buckets a column: below this, min()/max() on the slice

# A range decode starts this many samples (1 s) before its own first one.
SEEK_MARGIN_SAMPLES = SAMPLE_RATE
# Seeks land on multiples of 40 ms, where the 4 kHz output's samples fall on the
# source's (44.1, 22.05, 11.025, 48 kHz...): the resampler's phase stays as in
# one decode, so even a fast transient reduces to the same peaks.
_SEEK_GRID = 160
MIN_RANGE_S = 60            # shorter ranges spend more on starting ffmpeg than they save

SKETCH_BUCKETS = 4096      # an overview's worth, whatever the window's width
SKETCH_INTERVAL_S = 0.25

_CHUNK_BYTES = 256 * 1024
_CACHE_MAGIC = b"SSPEAKS1"
_CACHE_HEADER = struct.Struct("<8sdqQ")   # magic, bucket_ms, duration_ms, bucket count
_PROGRESS_STEP = 0.005

Cancel = threading.Event | Callable[[], bool]


class WaveformError(ShowscribeError):
    """The waveform of a file cannot be made; the message names the file."""


class WaveformCancelled(ShowscribeError):
    """The caller cancelled the waveform before it was done."""


@dataclass(frozen=True)
class Peaks:
    """Lowest and highest sample of each bucket of ``bucket_ms`` from the start."""

    bucket_ms: float
    duration_ms: int
    minima: array          # array('h')
    maxima: array          # array('h')

    def __len__(self) -> int:
        return len(self.minima)

    def bucket_at(self, ms: float) -> int:
        """Index of the bucket holding ``ms``, clamped to the buckets there are."""
        return min(max(int(ms / self.bucket_ms), 0), max(len(self.minima) - 1, 0))

    def columns(self, start_ms: float, end_ms: float, count: int) -> list[tuple[int, int]]:
        """(min, max) for each of ``count`` equal columns from start_ms to end_ms.

        A column narrower than a bucket shows the bucket under it; columns past
        the end of the audio are (0, 0).
        """
        return list(zip(*self.column_extremes(start_ms, end_ms, count)))

    def column_extremes(self, start_ms: float, end_ms: float,
                        count: int) -> tuple[array, array]:
        """The columns of :meth:`columns` as two ``array('h')``: the minima and the
        maxima. No object a column, so a repaint leaves the cyclic garbage
        collector nothing new to track."""
        total = len(self.minima)
        lows, highs = self.minima, self.maxima
        step = (end_ms - start_ms) / count / self.bucket_ms
        origin = start_ms / self.bucket_ms
        edges = [int(origin + column * step) for column in range(count + 1)]
        wide = step > _SHORT_SPAN
        if wide:
            low_bytes = memoryview(lows).cast("B")
            high_bytes = memoryview(highs).cast("B")
        out_lows, out_highs = array("h", bytes(2 * count)), array("h", bytes(2 * count))
        for column in range(count):
            first, last = edges[column], edges[column + 1]
            if last <= first:
                last = first + 1
            if first < 0:
                first = 0
            if last > total:
                last = total
            if first >= last:
                continue                # past the end: (0, 0)
            if last - first == 1:
                out_lows[column], out_highs[column] = lows[first], highs[first]
            elif wide:          # audioop's C loop beats min()/max() on long spans
                out_lows[column] = default_minmax(low_bytes[2 * first:2 * last], 2)[0]
                out_highs[column] = default_minmax(high_bytes[2 * first:2 * last], 2)[1]
            else:
                out_lows[column] = min(lows[first:last])
                out_highs[column] = max(highs[first:last])
        return out_lows, out_highs


class PeakLevels:
    """The peaks at their own resolution and ever coarser copies of them, each
    :data:`LEVEL_FACTOR` times coarser, made once; :meth:`columns` reads the
    coarsest copy still finer than a column, so any zoom, from the whole episode
    down to a few seconds, reads one to three buckets a column."""

    def __init__(self, peaks: Peaks) -> None:
        self.peaks = peaks
        self.levels = [peaks]
        while len(self.levels[-1]) > 1024:
            self.levels.append(_coarser(self.levels[-1], LEVEL_FACTOR))

    @property
    def duration_ms(self) -> int:
        return self.peaks.duration_ms

    def level_for(self, ms_per_column: float) -> Peaks:
        found = self.levels[0]
        for level in self.levels[1:]:
            if level.bucket_ms > ms_per_column:
                break
            found = level
        return found

    def columns(self, start_ms: float, end_ms: float, count: int) -> list[tuple[int, int]]:
        return self.level_for((end_ms - start_ms) / count).columns(start_ms, end_ms, count)

    def column_extremes(self, start_ms: float, end_ms: float,
                        count: int) -> tuple[array, array]:
        return self.level_for((end_ms - start_ms) / count).column_extremes(start_ms, end_ms,
                                                                           count)


def _coarser(peaks: Peaks, factor: int) -> Peaks:
    """Every ``factor`` buckets in one (taken by map at C speed over ``factor``
    strided slices); the few left at the end make one bucket of their own."""
    lows, highs = peaks.minima, peaks.maxima
    minima = array("h", map(min, *(lows[start::factor] for start in range(factor))))
    maxima = array("h", map(max, *(highs[start::factor] for start in range(factor))))
    left = len(lows) % factor
    if left:
        minima.append(min(lows[-left:]))
        maxima.append(max(highs[-left:]))
    return Peaks(peaks.bucket_ms * factor, peaks.duration_ms, minima, maxima)


def find_ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        raise WaveformError("ffmpeg is not installed: the waveform needs it")
    return path


def default_cache_dir() -> Path:
    """Where peaks are cached: ``peaks/`` under $SHOWSCRIBE_CACHE_DIR or the XDG cache."""
    root = os.environ.get(CACHE_ENV)
    if root:
        return Path(root) / "peaks"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "showscribe" / "peaks"


def waveform_peaks(path: Path | str, *,
                   buckets_per_second: int = DEFAULT_BUCKETS_PER_SECOND,
                   bucket_count: int | None = None,
                   progress: Callable[[float], None] | None = None,
                   sketch: Callable[[Peaks], None] | None = None,
                   cancel: Cancel | None = None,
                   cache_dir: Path | str | None = None,
                   use_cache: bool = True,
                   ranges: int | None = None) -> Peaks:
    """Peaks of the file at ``buckets_per_second``, or exactly ``bucket_count`` buckets.

    The file is decoded as ``ranges`` time ranges in parallel (default: one a core,
    see :func:`default_ranges`) and their peaks joined. While it decodes,
    ``sketch(peaks)`` gets, every SKETCH_INTERVAL_S, :data:`SKETCH_BUCKETS`
    buckets across the whole file holding what each range has read so far
    ((0, 0) where nothing is read yet): enough to draw an overview at once.

    Raises WaveformError (missing or undecodable file, no ffmpeg) and
    WaveformCancelled; ValueError for a resolution out of range.
    """
    path = Path(path).absolute()
    if bucket_count is None and not 1 <= buckets_per_second <= SAMPLE_RATE:
        raise ValueError(f"buckets_per_second must be 1..{SAMPLE_RATE}")
    if bucket_count is not None and bucket_count < 1:
        raise ValueError("bucket_count must be at least 1")
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise WaveformError(f"{path}: file not found") from None
    except OSError as error:
        raise WaveformError(f"{path}: cannot read: {error.strerror}") from None
    if not path.is_file():
        raise WaveformError(f"{path}: not a file")

    resolution = f"count={bucket_count}" if bucket_count else f"bps={buckets_per_second}"
    cache_file = None
    if use_cache:
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        key = f"{SAMPLE_RATE}\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{resolution}"
        cache_file = directory / (hashlib.sha256(key.encode()).hexdigest()[:40] + ".peaks")
        cached = _read_cache(cache_file)
        if cached is not None:
            if progress is not None:
                progress(1.0)
            return cached

    peaks = _decode_peaks(path, buckets_per_second, bucket_count, progress, cancel, ranges,
                          sketch)
    if cache_file is not None:
        _write_cache(cache_file, peaks)
    return peaks


def _duration_s(path: Path) -> float | None:
    """Duration in seconds from the headers (mutagen, else ffprobe); None when unknown."""
    try:
        info = mutagen.File(path)
    except Exception:   # mutagen raises many kinds for files it cannot read
        info = None
    if info is not None and getattr(info.info, "length", 0) > 0:
        return float(info.info.length)
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    result = subprocess.run(
        [ffprobe, "-v", "error", "-select_streams", "a:0", "-show_entries",
         "stream=duration:format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise WaveformError(f"{path}: cannot decode it as audio "
                            f"({_last_line(result.stderr, path)})")
    data = json.loads(result.stdout or "{}")
    streams = data.get("streams") or []
    if not streams:
        raise WaveformError(f"{path}: no audio stream found")
    for text in (streams[0].get("duration"), data.get("format", {}).get("duration")):
        try:
            return float(text)
        except (TypeError, ValueError):
            continue
    return None


def _minmax_pure(fragment: memoryview, width: int) -> tuple[int, int]:
    """audioop.minmax for 16-bit samples, for Pythons without audioop."""
    samples = fragment.cast("h")
    return min(samples), max(samples)


# audioop's C loop is about 6x faster than min()/max() over the samples.
default_minmax = audioop.minmax if audioop is not None else _minmax_pure


class PeakReducer:
    """Reduces native 16-bit samples, fed in chunks of any size, to (min, max) per bucket.

    Bucket k covers samples ``[k*num//den, (k+1)*num//den)``; with ``last_bucket``
    set, that bucket also takes every sample after it. A reducer for a range of
    the file starts at ``first_bucket``, its first sample being that bucket's first;
    its arrays hold its own buckets only. A bucket split across
    chunks is carried as its running (min, max), never as samples.
    ``minmax(fragment, 2)`` works like ``audioop.minmax``.
    """

    def __init__(self, num: int, den: int, last_bucket: int | None = None,
                 minmax: Callable[[memoryview, int], tuple[int, int]] = default_minmax,
                 first_bucket: int = 0) -> None:
        self.num, self.den, self.last_bucket = num, den, last_bucket
        self.first_bucket = first_bucket
        self.minima, self.maxima = array("h"), array("h")
        self.consumed = first_bucket * num // den      # samples before the first one fed
        self._minmax = minmax
        self._partial: tuple[int, int] | None = None   # the open bucket so far
        self._odd = b""         # a byte split from its sample by the chunking

    def feed(self, data: bytes) -> None:
        if self._odd:
            data, self._odd = self._odd + data, b""
        if len(data) % 2:
            data, self._odd = data[:-1], data[-1:]
        if not data:
            return
        num, den, minmax = self.num, self.den, self._minmax
        first = self.consumed               # sample index of data's first sample
        self.consumed += len(data) // 2
        # Buckets that end inside this chunk: k+1 <= ((S+1)*den - 1)//num, S = samples so far.
        completed = ((self.consumed + 1) * den - 1) // num
        if self.last_bucket is not None:
            completed = min(completed, self.last_bucket)
        bucket = self.first_bucket + len(self.minima)
        # Byte offsets in data of the bucket ends, starting at 0.
        ends = [0] + [2 * ((k + 1) * num // den - first) for k in range(bucket, completed)]
        with memoryview(data) as view:
            add_min, add_max = self.minima.append, self.maxima.append
            for start, end in zip(ends, ends[1:]):
                low, high = minmax(view[start:end], 2)
                if self._partial is not None:
                    low = min(low, self._partial[0])
                    high = max(high, self._partial[1])
                    self._partial = None
                add_min(low)
                add_max(high)
            if ends[-1] < len(data):
                low, high = minmax(view[ends[-1]:], 2)
                if self._partial is not None:
                    low = min(low, self._partial[0])
                    high = max(high, self._partial[1])
                self._partial = (low, high)

    def finish(self, bucket_count: int | None = None) -> tuple[array, array]:
        """Close the open bucket; pad with (0, 0) up to bucket ``bucket_count`` (absolute)."""
        if self._partial is not None:
            self.minima.append(self._partial[0])
            self.maxima.append(self._partial[1])
            self._partial = None
        if bucket_count is not None:
            missing = bucket_count - self.first_bucket - len(self.minima)
            self.minima.extend([0] * missing)
            self.maxima.extend([0] * missing)
        return self.minima, self.maxima


def default_ranges(duration_s: float | None) -> int:
    """How many parallel decodes a file gets: one a core, none shorter than MIN_RANGE_S."""
    if not duration_s:
        return 1
    return max(1, min(os.cpu_count() or 1, int(duration_s // MIN_RANGE_S)))


def _decode_peaks(path: Path, buckets_per_second: int, bucket_count: int | None,
                  progress: Callable[[float], None] | None,
                  cancel: Cancel | None, ranges: int | None,
                  sketch: Callable[[Peaks], None] | None = None) -> Peaks:
    is_cancelled = _cancel_check(cancel)
    duration_s = _duration_s(path)
    expected = round(duration_s * SAMPLE_RATE) if duration_s else None
    if bucket_count is None:
        num, den, last_bucket = SAMPLE_RATE, buckets_per_second, None
    elif not expected:
        raise WaveformError(f"{path}: duration unknown, cannot split it "
                            f"into {bucket_count} buckets")
    elif bucket_count > expected:
        raise ValueError(f"bucket_count must be at most {expected} for {path}")
    else:
        num, den, last_bucket = expected, bucket_count, bucket_count - 1
    count = ranges if ranges is not None else default_ranges(duration_s)
    total = bucket_count or (-(-expected * den // num) if expected else 0)
    if count < 1 or total < 2 * count:
        count = 1
    # Ranges start on bucket boundaries: no bucket is shared by two decodes.
    splits = [k * total // count for k in range(count)] + [None]
    decodes = [_RangeDecode(path, PeakReducer(num, den, None if end is not None else last_bucket,
                                              first_bucket=start), end)
               for start, end in zip(splits, splits[1:])]
    stop = threading.Event()
    threads = [threading.Thread(target=decode.run, args=(stop,), daemon=True)
               for decode in decodes]
    try:
        for decode in decodes:
            decode.start()
        for thread in threads:
            thread.start()
        reported = 0.0
        sketched = time.monotonic()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.02)
                if is_cancelled():
                    raise WaveformCancelled(f"{path}: waveform cancelled")
                if any(decode.error for decode in decodes):
                    stop.set()      # one failed: the file cannot be read whole
                if sketch is not None and total and \
                        time.monotonic() - sketched >= SKETCH_INTERVAL_S:
                    sketched = time.monotonic()
                    sketch(_sketch(decodes, total, num / den / SAMPLE_RATE * 1000.0,
                                   expected * 1000 // SAMPLE_RATE))
                if progress is not None and expected:
                    done = sum(decode.owned_samples() for decode in decodes)
                    fraction = min(done / expected, 0.99)
                    if fraction - reported >= _PROGRESS_STEP:
                        reported = fraction
                        progress(fraction)
        if is_cancelled():      # asked for during the last report, as the ranges ended
            raise WaveformCancelled(f"{path}: waveform cancelled")
    finally:
        stop.set()
        for thread in threads:
            if thread.ident is not None:        # started (a failed start stops the rest)
                thread.join()
        for decode in decodes:
            decode.close()
    for decode in decodes:
        if decode.error is not None:
            raise WaveformError(decode.error)
    consumed = sum(decode.owned_samples() for decode in decodes)
    if consumed == 0:
        raise WaveformError(f"{path}: no audio could be decoded")
    minima, maxima = array("h"), array("h")
    for decode in decodes:
        low, high = decode.reducer.finish(decode.end_bucket if decode.end_bucket is not None
                                          else bucket_count)
        minima.extend(low)
        maxima.extend(high)
    if progress is not None:
        progress(1.0)
    bucket_ms = num / den / SAMPLE_RATE * 1000.0
    return Peaks(bucket_ms, consumed * 1000 // SAMPLE_RATE, minima, maxima)


def _sketch(decodes: list[_RangeDecode], total: int, bucket_ms: float,
            duration_ms: int) -> Peaks:
    """SKETCH_BUCKETS buckets over all ``total`` buckets, from what is read so far."""
    count = min(SKETCH_BUCKETS, total)
    minima, maxima = array("h", [0]) * count, array("h", [0]) * count
    for decode in decodes:
        reducer = decode.reducer
        # Copies of the buckets closed so far: the arrays grow on the range's thread,
        # and an array lent to a memoryview could not grow.
        done = min(len(reducer.minima), len(reducer.maxima))
        lows = memoryview(reducer.minima[:done]).cast("B")
        highs = memoryview(reducer.maxima[:done]).cast("B")
        first = reducer.first_bucket
        for column in range(first * count // total, (first + done) * count // total):
            start = max(column * total // count - first, 0)
            end = min((column + 1) * total // count - first, done)
            if start < end:
                minima[column] = default_minmax(lows[2 * start:2 * end], 2)[0]
                maxima[column] = default_minmax(highs[2 * start:2 * end], 2)[1]
    return Peaks(bucket_ms * total / count, duration_ms, minima, maxima)


class _RangeDecode:
    """One ffmpeg decoding the samples of the reducer's buckets up to ``end_bucket``
    (None: to the end of the file) into that reducer, on a thread of its own.

    A range after the first starts ffmpeg SEEK_MARGIN_SAMPLES early and drops
    them: whatever a seek leaves imperfect (an MP3 frame missing its bit
    reservoir, the resampler's filter filling up) falls in the margin, and the
    range's first owned sample lands where a single decode would put it.
    """

    def __init__(self, path: Path, reducer: PeakReducer, end_bucket: int | None) -> None:
        self.path, self.reducer, self.end_bucket = path, reducer, end_bucket
        self.first_sample = reducer.consumed
        self.end_sample = (None if end_bucket is None
                           else end_bucket * reducer.num // reducer.den)
        margin_start = max(self.first_sample - SEEK_MARGIN_SAMPLES, 0)
        self.seek_sample = margin_start - margin_start % _SEEK_GRID
        self.error: str | None = None
        self.process: subprocess.Popen | None = None
        self._errors = None

    def owned_samples(self) -> int:
        return self.reducer.consumed - self.first_sample

    def start(self) -> None:
        command = [find_ffmpeg(), "-nostdin", "-v", "error"]       # names it when missing
        if self.seek_sample:
            command += ["-ss", _seconds(self.seek_sample)]
        if self.end_sample is not None:
            command += ["-t", _seconds(self.end_sample - self.seek_sample + SEEK_MARGIN_SAMPLES)]
        command += ["-i", str(self.path),
                    "-map", "0:a:0", "-vn", "-sn", "-dn", "-ac", "1", "-af", _RESAMPLE,
                    "-f", _NATIVE_S16, "-acodec", f"pcm_{_NATIVE_S16}",
                    # Write in full 32 KiB blocks, not one tiny packet per MP3 frame:
                    # that alone cost both processes ~30% more CPU, measured here.
                    "-flush_packets", "0", "-"]
        self._errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=self._errors)
        _widen_pipe(self.process.stdout)

    def run(self, stop: threading.Event) -> None:
        skip = 2 * (self.first_sample - self.seek_sample)      # bytes of the margin
        room = None if self.end_sample is None else 2 * (self.end_sample - self.first_sample)
        read, feed = self.process.stdout.read, self.reducer.feed
        try:
            while not stop.is_set():
                data = read(_CHUNK_BYTES)
                if not data:
                    break
                if skip:
                    cut = min(skip, len(data))
                    data, skip = data[cut:], skip - cut
                if room is not None:
                    data = data[:room]
                    room -= len(data)
                feed(data)
                if room == 0:
                    return          # the rest belongs to the next range
            if stop.is_set():
                return
            if self.process.wait() != 0:
                self._errors.seek(0)
                message = _last_line(self._errors.read().decode("utf-8", "replace"),
                                     self.path)
                if "matches no streams" in message:
                    self.error = f"{self.path}: no audio stream found"
                else:
                    self.error = f"{self.path}: cannot decode it as audio ({message})"
        except (OSError, ValueError) as error:      # the pipe closed under a cancel
            if not stop.is_set():
                self.error = f"{self.path}: cannot decode it as audio ({error})"

    def close(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process.stdout.close()
        if self._errors is not None:
            self._errors.close()


def _seconds(samples: int) -> str:
    return f"{samples / SAMPLE_RATE:.6f}"      # exact: 1/4000 s has four decimals


def _widen_pipe(pipe) -> None:
    """Let ffmpeg run up to 1 MiB ahead while a chunk is reduced (Linux only)."""
    if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def _cancel_check(cancel: Cancel | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def _last_line(text: str, path: Path) -> str:
    """ffmpeg's last message, without the file name it starts with."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "ffmpeg failed without a message"
    return lines[-1].removeprefix(f"{path}: ")


def _read_cache(cache_file: Path) -> Peaks | None:
    """The cached peaks, or None when absent or unreadable (then they are remade)."""
    try:
        data = cache_file.read_bytes()
    except OSError:
        return None
    if len(data) < _CACHE_HEADER.size:
        return None
    magic, bucket_ms, duration_ms, count = _CACHE_HEADER.unpack_from(data)
    if magic != _CACHE_MAGIC or len(data) != _CACHE_HEADER.size + 4 * count:
        return None
    minima, maxima = array("h"), array("h")
    body = memoryview(data)[_CACHE_HEADER.size:]
    minima.frombytes(body[:2 * count])
    maxima.frombytes(body[2 * count:])
    if sys.byteorder == "big":
        minima.byteswap()
        maxima.byteswap()
    return Peaks(bucket_ms, duration_ms, minima, maxima)


def _write_cache(cache_file: Path, peaks: Peaks) -> None:
    """Write atomically; a cache that cannot be written only costs time later."""
    minima, maxima = peaks.minima, peaks.maxima
    if sys.byteorder == "big":
        minima, maxima = array("h", minima), array("h", maxima)
        minima.byteswap()
        maxima.byteswap()
    header = _CACHE_HEADER.pack(_CACHE_MAGIC, peaks.bucket_ms, peaks.duration_ms,
                                len(peaks.minima))
    temporary = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_file.parent, suffix=".tmp",
                                         delete=False) as out:
            temporary = out.name
            out.write(header)
            out.write(minima.tobytes())
            out.write(maxima.tobytes())
        os.replace(temporary, cache_file)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
