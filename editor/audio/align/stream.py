"""The episode's audio for recognition: streamed once through ffmpeg, cut at pauses.

:class:`PcmStream` runs ffmpeg to decode any audio file to 16 kHz mono 16-bit
samples, writes them to a scratch file (so workers can read any stretch again
without a second decode) and yields :class:`Chunk` spans of about
:data:`CHUNK_MIN_MS`..:data:`CHUNK_MAX_MS`, each cut at the quietest moment of its
last seconds, as soon as the audio for one is there. Memory stays flat however
long the episode is. :func:`read_span` reads a span back with a little fixed
noise added: runs of digital silence make pocketsphinx give up on a whole chunk.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop              # the standard library's up to 3.12, audioop-lts after

from editor.audio.align.base import AlignError

RATE = 16000
BYTES_PER_MS = RATE * 2 // 1000
FRAME_MS = 10
CHUNK_MIN_MS = 15000
CHUNK_MAX_MS = 25000
_QUIET_WINDOW = 20              # frames: a pause is the quietest 200 ms, not one frame
_READ_BYTES = BYTES_PER_MS * 500
_NATIVE_S16 = "s16le" if sys.byteorder == "little" else "s16be"


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int      # ms
    end: int


def find_ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        raise AlignError("ffmpeg is not installed: alignment needs it")
    return path


class PcmStream:
    """Decode ``audio`` into ``pcm_path`` and yield the chunks as they are ready.

    ``process`` is the running ffmpeg (None before :meth:`chunks` starts);
    :meth:`stop` kills it. ``duration`` is known once the chunks are exhausted.
    """

    def __init__(self, audio: Path, pcm_path: Path) -> None:
        self.audio = audio
        self.pcm_path = pcm_path
        self.process: subprocess.Popen | None = None
        self.duration = 0

    def chunks(self) -> Iterator[Chunk]:
        if not self.audio.is_file():
            raise AlignError(f"{self.audio}: file not found")
        self.process = subprocess.Popen(
            [find_ffmpeg(), "-nostdin", "-v", "error", "-i", str(self.audio), "-vn",
             "-ac", "1", "-ar", str(RATE), "-f", _NATIVE_S16, "-"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        energies: list[int] = []        # one per 10 ms frame since the chunk's start
        chunk_start = 0                 # ms
        pending = b""
        frame_bytes = BYTES_PER_MS * FRAME_MS
        with open(self.pcm_path, "wb") as out:
            while True:
                block = self.process.stdout.read(_READ_BYTES)
                if not block:
                    break
                out.write(block)
                pending += block
                whole = len(pending) - len(pending) % frame_bytes
                for offset in range(0, whole, frame_bytes):
                    energies.append(audioop.rms(pending[offset:offset + frame_bytes], 2))
                pending = pending[whole:]
                while len(energies) * FRAME_MS >= CHUNK_MAX_MS:
                    cut = _quietest(energies, CHUNK_MIN_MS // FRAME_MS)
                    out.flush()
                    yield Chunk(chunk_start, chunk_start + cut * FRAME_MS)
                    chunk_start += cut * FRAME_MS
                    del energies[:cut]
        _, errors = self.process.communicate()
        if self.process.returncode != 0:
            last = (errors.decode(errors="replace").strip().splitlines() or ["no audio"])[-1]
            raise AlignError(f"{self.audio}: cannot decode it as audio ({last})")
        self.duration = chunk_start + len(energies) * FRAME_MS + len(pending) // BYTES_PER_MS
        if self.duration == 0:
            raise AlignError(f"{self.audio}: no audio in it")
        if self.duration > chunk_start:
            yield Chunk(chunk_start, self.duration)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _quietest(energies: list[int], earliest: int) -> int:
    """The frame at the centre of the quietest window at or after ``earliest``."""
    window = sum(energies[earliest:earliest + _QUIET_WINDOW])
    best, best_at = window, earliest
    for start in range(earliest + 1, len(energies) - _QUIET_WINDOW + 1):
        window += energies[start + _QUIET_WINDOW - 1] - energies[start - 1]
        if window < best:
            best, best_at = window, start
    return best_at + _QUIET_WINDOW // 2


_rng = random.Random(20261201)
# One second of low noise (about -60 dBFS), added in a loop: fixed, so runs repeat.
_DITHER = b"".join(int(_rng.gauss(0, 33)).to_bytes(2, sys.byteorder, signed=True)
                   for _ in range(RATE))


def read_span(pcm_path: Path, start: int, end: int) -> bytes:
    """Samples from ``start`` to ``end`` ms of the scratch file, dithered."""
    with open(pcm_path, "rb") as pcm:
        pcm.seek(start * BYTES_PER_MS)
        raw = pcm.read(max(end - start, 0) * BYTES_PER_MS)
    out = bytearray()
    for offset in range(0, len(raw), len(_DITHER)):
        piece = raw[offset:offset + len(_DITHER)]
        out += audioop.add(piece, _DITHER[:len(piece)], 2)
    return bytes(out)
