"""Timing shared by the benchmarks: medians of several runs, and medians of two
actions run in turn so that load on the machine hits both alike."""
from __future__ import annotations

import gc
import statistics
import time


def median_seconds(action, runs: int) -> float:
    spent = []
    for _ in range(runs):
        gc.collect()
        begin = time.perf_counter()
        action()
        spent.append(time.perf_counter() - begin)
    return statistics.median(spent)


def paired_medians(ours, reference, runs: int) -> tuple[float, float]:
    """Median seconds of each, alternating runs so that load on the machine hits both;
    a collection before each run so neither pays for the other's garbage."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, spent in ((ours, times[0]), (reference, times[1])):
            gc.collect()
            begin = time.perf_counter()
            action()
            spent.append(time.perf_counter() - begin)
    return statistics.median(times[0]), statistics.median(times[1])
