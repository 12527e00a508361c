"""Every reader and the project loader take time in proportion to their input:
ten times the input costs at most about twelve times the time. (The big
absolute sizes are measured in benchmarks/bench_hostile.py, not here.)"""
from __future__ import annotations

import gc
import importlib.util
import time

import pytest

from editor.core.importing import import_file
from editor.core.projectfile import load_project
from helpers import ROOT

_spec = importlib.util.spec_from_file_location(
    "hostile_inputs", ROOT / "benchmarks" / "hostile_inputs.py")
hostile_inputs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile_inputs)

SMALL, FACTOR, MOST = 800, 10, 12.0


def _seconds(reader: str, path, runs: int) -> float:
    """The least processor time of ``runs`` reads (other work on the machine only adds)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        if reader == "project":
            load_project(path)
        else:
            import_file(path, reader)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("reader", hostile_inputs.READERS)
def test_ten_times_the_input_costs_at_most_twelve_times_the_time(reader, tmp_path):
    times = []
    for n in (SMALL, SMALL * FACTOR):
        path = tmp_path / f"{n}{hostile_inputs.SUFFIX[reader]}"
        path.write_bytes(hostile_inputs.make_input(reader, n))
        times.append(_seconds(reader, path, 3))
    small, big = times
    # below 30 ms, timer and allocator noise outweigh the reading itself
    assert big <= MOST * max(small, 0.03), f"{reader}: {small:.3f} s, then {big:.3f} s"
