"""The pool of recogniser processes both engines share, and what runs in them.

:func:`open_pool` starts one worker process per core (two at most), each with a
pocketsphinx decoder on the model and language model it is given, and hands
tasks to them in turn (:class:`WorkerPool`: so that every run aligns alike);
:func:`recognise` streams the audio (:class:`~editor.audio.align.stream.PcmStream`)
into it chunk by chunk as ffmpeg decodes it and gathers the words heard, in time
order, reporting progress and stopping at once when cancelled (:func:`check`).
The samples each worker reads come through :func:`~editor.audio.align.stream.read_span`,
which adds faint fixed noise: runs of digital silence make pocketsphinx give up
on a whole chunk. :func:`decoder`, :func:`decode` and :func:`words_of` are the
worker side, for the engines' own tasks (the aligner's forced alignment).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Iterable

from editor.audio.align.base import AlignCancelled, AlignError, Cancel, Progress, is_cancelled
from editor.audio.align.matching import Heard
from editor.audio.align.stream import Chunk, PcmStream, read_span

POLL_S = 0.05


def worker_count() -> int:
    return max(1, min(2, os.cpu_count() or 1))


class WorkerPool:
    """Worker processes, each with a decoder, taking tasks in turn: the k-th task
    goes to worker k mod count. A decoder's front end learns the recording as it
    goes (its cepstral mean, its noise), so what a worker decoded before shapes
    what it hears next; with tasks handed out by whichever worker is free first,
    the same episode aligned differently from run to run."""

    def __init__(self, count: int, initargs: tuple) -> None:
        context = multiprocessing.get_context("spawn")
        self._workers = [context.Pool(1, initializer=_start_worker, initargs=initargs)
                         for _ in range(count)]
        self._handed_out = 0

    def apply_async(self, function, args: tuple):
        worker = self._workers[self._handed_out % len(self._workers)]
        self._handed_out += 1
        return worker.apply_async(function, args)

    def end(self, finished: bool) -> None:
        """Let workers that did their work end; stop them at once if not."""
        for worker in self._workers:
            if finished:
                worker.close()
            else:
                worker.terminate()
        for worker in self._workers:
            worker.join()


def open_pool(hmm: Path, dict_path: Path, lm_path: Path, count: int, **options) -> WorkerPool:
    """``count`` worker processes, each with a decoder (``options`` go to pocketsphinx)."""
    return WorkerPool(count, (str(hmm), str(dict_path), str(lm_path), options))


def close_pool(pool: WorkerPool | None, finished: bool) -> None:
    """Let a pool that did its work end; stop one that did not at once."""
    if pool is not None:
        pool.end(finished)


def check(cancel: Cancel | None, what: str) -> None:
    if is_cancelled(cancel):
        raise AlignCancelled(f"{what} cancelled")


def wait(result, cancel: Cancel | None, what: str):
    """The value of a pool task, checking for a cancel while it runs."""
    while not result.ready():
        check(cancel, what)
        time.sleep(POLL_S)
    return result.get()


def recognise(pool, stream: PcmStream, report: Progress, cancel: Cancel | None, what: str,
              share: float = 1.0, chunks: Iterable[Chunk] | None = None) -> list[Heard]:
    """Every word the pool's decoders hear in the stream, in time order; progress
    rises to ``share``. ``chunks`` continues a stream already begun."""
    pending = []
    for chunk in stream.chunks() if chunks is None else chunks:
        check(cancel, what)
        pending.append((chunk, pool.apply_async(
            _recognise_chunk, (str(stream.pcm_path), chunk.start, chunk.end))))
    total = max(stream.duration, 1)
    heard: list[Heard] = []
    done_ms = 0
    for chunk, result in pending:
        heard.extend(Heard(*item) for item in wait(result, cancel, what))
        done_ms += chunk.end - chunk.start
        report(share * done_ms / total)
    return heard


# -- in the worker processes ---------------------------------------------------

_decoder = None
_start_error = ""


def _start_worker(hmm: str, dict_path: str, lm_path: str, options: dict) -> None:
    # A pool replaces a worker whose initializer raises, forever: so keep the
    # error and let the first task report it.
    global _decoder, _start_error
    try:
        from pocketsphinx import Decoder
        _decoder = Decoder(hmm=hmm, dict=dict_path, lm=lm_path, samprate=16000,
                           loglevel="FATAL", **options)
    except Exception as error:
        _start_error = f"{hmm}: pocketsphinx cannot load this model ({error})"


def decoder():
    """This worker's decoder; the reason it could not start, raised, if none."""
    if _decoder is None:
        raise AlignError(_start_error or "pocketsphinx did not start")
    return _decoder


# A frame's features cover the 25 ms after its start, so a word heard from
# frame f began about half a window later: measured early by 20-30 ms here
# on both the sample's voices and flite's without this.
_ONSET_MS = 10


def words_of(offset_ms: int) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word the last decode heard, fillers left out."""
    out = []
    for segment in decoder().seg() or ():
        word = segment.word
        if word.startswith(("<", "[")):
            continue
        if word.endswith(")") and "(" in word:
            word = word[:word.index("(")]
        out.append((word, offset_ms + segment.start_frame * 10 + _ONSET_MS,
                    offset_ms + (segment.end_frame + 1) * 10))
    return out


def decode(samples: bytes) -> None:
    engine = decoder()
    engine.start_utt()
    engine.process_raw(samples, full_utt=True)
    engine.end_utt()


def _recognise_chunk(pcm_path: str, start: int, end: int,
                     depth: int = 0) -> list[tuple[str, int, int]]:
    decoder().activate_search("_default")
    decode(read_span(Path(pcm_path), start, end))
    words = words_of(start)
    # Now and then the search loses its way and a whole chunk comes back
    # (nearly) empty: the halves usually decode.
    if len(words) * 1000 < (end - start) // 2 and end - start > 4000 and depth < 2:
        middle = (start + end) // 2
        halves = (_recognise_chunk(pcm_path, start, middle, depth + 1)
                  + _recognise_chunk(pcm_path, middle, end, depth + 1))
        if len(halves) > len(words):
            return halves
    return words
