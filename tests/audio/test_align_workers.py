"""The recogniser workers take tasks in turn, not whichever is free first: a
decoder learns the recording as it goes, so which stretches each one decoded
before decides what it hears next, and the same episode must align alike in
every run."""
from __future__ import annotations

import os
import time

from editor.audio.align import workers
from editor.audio.align.sphinx import find_model
from processes import workers_and_ffmpeg


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_the_kth_task_goes_to_worker_k_mod_n_even_when_another_is_free():
    model = find_model("en")
    pool = workers.open_pool(model.hmm, model.dictionary, model.lm, 2)
    try:
        # The first task keeps its worker busy: free-first, all the rest would go
        # to the other one.
        results = [pool.apply_async(pid_after, (1.0 if k == 0 else 0.0,)) for k in range(6)]
        pids = [result.get(timeout=60) for result in results]
    finally:
        workers.close_pool(pool, finished=True)
    first, second = pids[0], pids[1]
    assert first != second
    assert pids == [first, second] * 3
    assert workers_and_ffmpeg() == []


def test_a_pool_not_finished_is_stopped_at_once():
    model = find_model("en")
    pool = workers.open_pool(model.hmm, model.dictionary, model.lm, 2)
    pending = [pool.apply_async(pid_after, (30.0,)) for _ in range(2)]
    started = time.monotonic()
    workers.close_pool(pool, finished=False)
    assert time.monotonic() - started < 10
    assert not any(result.ready() for result in pending)
    assert workers_and_ffmpeg() == []
