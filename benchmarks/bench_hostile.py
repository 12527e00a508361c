"""Every reader and the project loader on its largest stated input: time and peak
memory, each read in a fresh process so that the peak is the read's own.

Prints one line per reader: ``reader  items  MB  seconds  cpu-seconds  peak-MB  bounds
PASS|FAIL``; exits 1 if any fails. The time bound is on processor time, which other
work on a shared machine does not inflate as it does wall time. ``--scale 0.1``
runs a tenth of each size (a quick look).

    .venv/bin/python benchmarks/bench_hostile.py [--scale S] [--only READER ...]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.hostile_inputs import READERS, SUFFIX, make_input  # noqa: E402

# reader -> (items, at most seconds, at most peak MB): far above any real episode
TURNS = (1_000_000, 60, 2500)
CHAPTERS = (1_000_000, 40, 2000)
SIZES = {reader: TURNS for reader in ("vtt", "srt", "text", "transcript-html",
                                      "transcript-json", "otr", "shownotes-text", "project")}
SIZES.update({reader: CHAPTERS for reader in ("chapters-json", "podlove", "mp4chaps",
                                              "youtube", "audacity", "ffmetadata")})

CHILD = """
import resource, sys, time
from editor.core.importing import import_file
from editor.core.projectfile import load_project
reader, path = sys.argv[1], sys.argv[2]
started, cpu_started = time.perf_counter(), time.process_time()
project = load_project(path) if reader == "project" else import_file(path, reader)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
try:   # the peak of this program alone: ru_maxrss keeps the forking parent's across exec
    with open("/proc/self/status") as status:
        peak_mb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(project.turns) + len(project.chapters), f"{seconds:.2f}", f"{cpu:.2f}",
      f"{peak_mb:.0f}")
"""


def measure(reader: str, items: int, folder: Path
            ) -> tuple[int, float, float, float, float]:
    path = folder / ("input" + SUFFIX[reader])
    data = make_input(reader, items)
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-c", CHILD, reader, str(path)],
                            capture_output=True, text=True)
    path.unlink()
    if result.returncode != 0:
        # A refusal is a failed line of its own, not the end of the run.
        lines = result.stderr.strip().splitlines() or [f"exit {result.returncode}"]
        raise ChildFailed(lines[-1])
    read, seconds, cpu, peak = result.stdout.split()
    return int(read), len(data) / 1e6, float(seconds), float(cpu), float(peak)


class ChildFailed(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", nargs="*", choices=READERS)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for reader in args.only or READERS:
            items, most_seconds, most_mb = SIZES[reader]
            items = max(int(items * args.scale), 1)
            try:
                read, mb, seconds, cpu, peak = measure(reader, items, Path(folder))
            except ChildFailed as refused:
                failed = True
                print(f"{reader:16} {items:>9,} items  not read: {refused}  FAIL", flush=True)
                continue
            ok = read >= items and cpu <= most_seconds * args.scale + 1 and peak <= most_mb
            failed |= not ok
            print(f"{reader:16} {items:>9,} items {mb:7.1f} MB {seconds:7.2f} s {cpu:7.2f} s cpu "
                  f"{peak:6.0f} MB peak  (at most {most_seconds * args.scale + 1:.0f} s, "
                  f"{most_mb} MB)  {'PASS' if ok else 'FAIL'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
