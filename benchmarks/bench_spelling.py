"""Spell-checking speed on a 5,000-turn episode, in the core (no window).

Prints one line per figure, as docs/performance.md asks:
``name  ours  reference  ratio  target  PASS|FAIL``; exits 1 if any figure fails.

    .venv/bin/python benchmarks/bench_spelling.py [--runs N] [--turns N]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import episode_arguments, make_project  # noqa: E402
from editor.core.spelling import SpellChecker, SpellingScan, scan_project  # noqa: E402

OPEN_MS = 300          # a fresh process: import Enchant and load the dictionary
SCAN_MS = 500          # the whole episode, nothing cached
SLICE_MS = 16          # one slice of a scan run between GUI events: one frame
KEYSTROKE_MS = 1       # re-check the turn being typed in (the bound)

OPEN_PROBE = """
import time
begin = time.perf_counter()
from editor.core.model import Project
from editor.core.spelling import SpellChecker
project = Project()
project.episode.language = "en"
assert SpellChecker(project).active
print(time.perf_counter() - begin)
"""


def line(name: str, ours_ms: float, target_ms: float) -> bool:
    passed = ours_ms <= target_ms
    print(f"{name}  {ours_ms:.2f}ms  -  -  <={target_ms}ms  {'PASS' if passed else 'FAIL'}")
    return passed


def open_seconds() -> float:
    result = subprocess.run([sys.executable, "-c", OPEN_PROBE], capture_output=True,
                            text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    return float(result.stdout.split()[-1])


def typing_times(checker: SpellChecker, text: str) -> list[float]:
    """Seconds to re-check a turn after each key of a sentence typed at its end:
    every key makes a new half-typed word the cache has not seen."""
    typed = " Then Virtanen recieved a lettre from Montreal about the lighthouses."
    times = []
    for end in range(1, len(typed) + 1):
        current = text + typed[:end]
        begin = time.perf_counter()
        checker.misspelled_spans(current)
        times.append(time.perf_counter() - begin)
    return times


def main(argv: list[str] | None = None) -> int:
    args = episode_arguments(__doc__.splitlines()[0], runs=5).parse_args(argv)
    project = make_project(turns=args.turns, seed=1)
    project.episode.language = project.episode.language or "en"
    words = sum(len(t.text.split()) for t in project.turns)
    print(f"# {len(project.turns)} turns, {words} words; median of {args.runs} runs")

    opens, scans, slices, keys = [], [], [], []
    for run in range(args.runs):
        opens.append(open_seconds())
        checker = SpellChecker(project)
        begin = time.perf_counter()
        report = scan_project(checker)
        scans.append(time.perf_counter() - begin)
        fresh = SpellChecker(project)        # slices with nothing cached: the worst ones
        scan = SpellingScan(fresh, project)
        done = False
        while not done:
            begin = time.perf_counter()
            done = scan.run()
            slices.append(time.perf_counter() - begin)
        middle = project.turns[len(project.turns) // 2].text
        keys += typing_times(SpellChecker(project), middle)
    print(f"# {len(report.unknown)} unknown words, {report.occurrences} times; "
          f"dictionary {checker.language}")
    keys.sort()
    results = [
        line("spelling: open the dictionary (fresh process)",
             statistics.median(opens) * 1000, OPEN_MS),
        line(f"spelling: scan {len(project.turns)} turns, nothing cached",
             statistics.median(scans) * 1000, SCAN_MS),
        line("spelling: one scan slice, nothing cached, 99th percentile",
             sorted(slices)[int(len(slices) * 0.99)] * 1000, SLICE_MS),
        line("spelling: re-check the turn typed in, median",
             statistics.median(keys) * 1000, KEYSTROKE_MS),
        line("spelling: re-check the turn typed in, 99th percentile",
             keys[int(len(keys) * 0.99)] * 1000, KEYSTROKE_MS),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
