"""Command-line start: whole processes, as a user or a script waits for them.

Each figure is the median wall time of a whole ``showscribe`` process on the
repository's sample episode, against ``python -c 'import yaml'`` (an interpreter
that starts and loads the YAML library a project file needs) in the same run,
the runs taken in turns so that load on the machine hits both.

Prints one line per figure: ``name  ours  reference  ratio  target  PASS|FAIL``;
exits 1 if any figure fails.

    .venv/bin/python benchmarks/bench_cli.py [--runs N]

The editor is byte-compiled first, as installing it does (see
``benchmarks/sandbox.py``).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sandbox import compile_editor  # noqa: E402
SAMPLE = ROOT / "sample_projects" / "sample-episode" / "episode.showscribe.yaml"
REFERENCE = [sys.executable, "-c", "import yaml"]
CHECK_TARGET_RATIO = 3.0
EXPORT_TARGET_RATIO = 4.0


def showscribe() -> list[str]:
    """The installed command beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("showscribe")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "editor.cli"]


def wall_seconds(command: list[str]) -> float:
    begin = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - begin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (median)")
    args = parser.parse_args(argv)

    # As installed: from bytecode, not compiled again at every start (the
    # reference's yaml module runs from the bytecode pip wrote).
    compile_editor()
    folder = Path(tempfile.mkdtemp(prefix="showscribe-bench-"))
    try:
        command = showscribe()
        figures = {
            "showscribe check": (command + ["check", str(SAMPLE)], CHECK_TARGET_RATIO),
            "showscribe export --format audacity": (
                command + ["export", "--format", "audacity", str(SAMPLE),
                           "-o", str(folder / "labels.txt")], EXPORT_TARGET_RATIO),
            "showscribe export --format vtt": (
                command + ["export", "--format", "vtt", str(SAMPLE),
                           "-o", str(folder / "episode.vtt")], EXPORT_TARGET_RATIO),
        }
        for name, (cmd, _) in figures.items():   # each must work, and warms the disk cache
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if result.returncode not in (0, 1):   # check exits 1 on findings
                print(f"# {name} failed: {result.stderr.strip()}")
                return 1
        wall_seconds(REFERENCE)
        times: dict[str, list[float]] = {name: [] for name in figures}
        reference: list[float] = []
        for _ in range(args.runs):
            reference.append(wall_seconds(REFERENCE))
            for name, (cmd, _) in figures.items():
                times[name].append(wall_seconds(cmd))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    ref = statistics.median(reference)
    print(f"# {SAMPLE.relative_to(ROOT)}; reference: python -c 'import yaml'; "
          f"median of {args.runs} runs, taken in turns")
    results = []
    for name, (_, target) in figures.items():
        ours = statistics.median(times[name])
        ratio = ours / ref
        passed = ratio <= target
        results.append(passed)
        print(f"{name}  {ours * 1000:.1f}ms  {ref * 1000:.1f}ms  {ratio:.2f}x  <={target}x  "
              f"{'PASS' if passed else 'FAIL'}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
