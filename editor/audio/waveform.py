"""Waveform peaks of a whole episode, streamed from ffmpeg and cached on disk.

:func:`waveform_peaks` runs ffmpeg to decode the file to mono 16-bit samples at
a low rate (:data:`SAMPLE_RATE`), reads its output in chunks and reduces each
chunk to (min, max) per bucket as it arrives, so memory stays flat however long
the episode is. It reports progress through an optional ``progress(fraction)``
callback (non-decreasing, ending at 1.0), stops early when ``cancel`` is set
(raising :class:`WaveformCancelled`), and raises :class:`WaveformError` naming
the file when the file is missing or cannot be decoded. :class:`PeakReducer` is
the pure reduction; :class:`Peaks` holds the result. Results are cached in
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
        total = len(self.minima)
        width = (end_ms - start_ms) / count
        lows = memoryview(self.minima).cast("B")
        highs = memoryview(self.maxima).cast("B")
        out = []
        for column in range(count):
            first = int((start_ms + column * width) / self.bucket_ms)
            last = max(first + 1, int((start_ms + (column + 1) * width) / self.bucket_ms))
            first, last = max(first, 0), min(last, total)
            if first >= last:
                out.append((0, 0))
            else:
                out.append((default_minmax(lows[2 * first:2 * last], 2)[0],
                            default_minmax(highs[2 * first:2 * last], 2)[1]))
        return out


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
                   cancel: Cancel | None = None,
                   cache_dir: Path | str | None = None,
                   use_cache: bool = True) -> Peaks:
    """Peaks of the file at ``buckets_per_second``, or exactly ``bucket_count`` buckets.

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

    peaks = _decode_peaks(path, buckets_per_second, bucket_count, progress, cancel)
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
    set, that bucket also takes every sample after it. A bucket split across
    chunks is carried as its running (min, max), never as samples.
    ``minmax(fragment, 2)`` works like ``audioop.minmax``.
    """

    def __init__(self, num: int, den: int, last_bucket: int | None = None,
                 minmax: Callable[[memoryview, int], tuple[int, int]] = default_minmax
                 ) -> None:
        self.num, self.den, self.last_bucket = num, den, last_bucket
        self.minima, self.maxima = array("h"), array("h")
        self.consumed = 0
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
        bucket = len(self.minima)
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
        """Close the open bucket; pad with (0, 0) up to ``bucket_count``."""
        if self._partial is not None:
            self.minima.append(self._partial[0])
            self.maxima.append(self._partial[1])
            self._partial = None
        if bucket_count is not None:
            missing = bucket_count - len(self.minima)
            self.minima.extend([0] * missing)
            self.maxima.extend([0] * missing)
        return self.minima, self.maxima


def _decode_peaks(path: Path, buckets_per_second: int, bucket_count: int | None,
                  progress: Callable[[float], None] | None,
                  cancel: Cancel | None) -> Peaks:
    is_cancelled = _cancel_check(cancel)
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [find_ffmpeg(), "-nostdin", "-v", "error", "-i", str(path),
             "-map", "0:a:0", "-vn", "-sn", "-dn", "-ac", "1", "-af", _RESAMPLE,
             "-f", _NATIVE_S16, "-acodec", f"pcm_{_NATIVE_S16}",
             # Write in full 32 KiB blocks, not one tiny packet per MP3 frame:
             # that alone cost both processes ~30% more CPU, measured here.
             "-flush_packets", "0", "-"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
        _widen_pipe(process.stdout)
        try:
            # ffmpeg is already decoding while the duration is read.
            duration_s = _duration_s(path)
            expected = round(duration_s * SAMPLE_RATE) if duration_s else None
            if bucket_count is None:
                reducer = PeakReducer(SAMPLE_RATE, buckets_per_second)
            elif not expected:
                raise WaveformError(f"{path}: duration unknown, cannot split it "
                                    f"into {bucket_count} buckets")
            elif bucket_count > expected:
                raise ValueError(f"bucket_count must be at most {expected} for {path}")
            else:
                reducer = PeakReducer(expected, bucket_count, bucket_count - 1)
            reported = 0.0
            while True:
                if is_cancelled():
                    raise WaveformCancelled(f"{path}: waveform cancelled")
                data = process.stdout.read(_CHUNK_BYTES)
                if not data:
                    break
                reducer.feed(data)
                if progress is not None and expected:
                    fraction = min(reducer.consumed / expected, 0.99)
                    if fraction - reported >= _PROGRESS_STEP:
                        reported = fraction
                        progress(fraction)
            returncode = process.wait()
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            process.stdout.close()
        if returncode != 0:
            errors.seek(0)
            message = _last_line(errors.read().decode("utf-8", "replace"), path)
            if "matches no streams" in message:
                raise WaveformError(f"{path}: no audio stream found")
            raise WaveformError(f"{path}: cannot decode it as audio ({message})")
    if reducer.consumed == 0:
        raise WaveformError(f"{path}: no audio could be decoded")
    minima, maxima = reducer.finish(bucket_count)
    if progress is not None:
        progress(1.0)
    bucket_ms = reducer.num / reducer.den / SAMPLE_RATE * 1000.0
    return Peaks(bucket_ms, reducer.consumed * 1000 // SAMPLE_RATE, minima, maxima)


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
