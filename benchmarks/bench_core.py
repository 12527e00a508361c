"""Project file speed on a 5,000-turn episode, against libyaml in the same run,
and the cost of its recovery copy: the snapshot the GUI thread takes (a bound),
and the encoding and atomic write the worker does (against a save).
Loading and saving the episode with word times on every turn (as after an
alignment) is measured against the same episode without.

A save dumps again only the turns that changed since the last save, or since
the file was opened, so saves are timed three ways: a save that dumps every
turn (an imported episode's first), the first save after opening a file and a
word typed, and a save after a word typed in a session. Ten times the turns
(50,000) are measured against 5,000 each way; the dump of every turn, linear
and so near 10x by nature, is held to the complexity bound of 12x.

Load and save pause the garbage collector while they build their objects, so
the libyaml references run with it paused too: both sides are timed the same
way.

Prints one line per figure, as docs/performance.md asks:
``name  ours  reference  ratio  target  PASS|FAIL``; exits 1 if any figure fails.

    .venv/bin/python benchmarks/bench_core.py [--runs N] [--turns N]
"""
from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import median_seconds, paired_medians  # noqa: E402
from benchmarks.synthetic import (episode_arguments, make_project,  # noqa: E402
                                 save_after_typing, save_dumping_every_turn)
from editor.core import (load_project, project_from_data, project_to_data,  # noqa: E402
                         save_project)
from editor.core.commands import SetTurnText  # noqa: E402
from editor.core.recovery import RecoveryStore, encode_snapshot, take_snapshot  # noqa: E402

TARGET_RATIO = 1.5
SCALE = 10                 # the large episode has this many times the turns
SCALE_TARGET_RATIO = 10.0  # and may cost at most this many times as much to save
LINEAR_BOUND = 12.0        # a path that does ten times the work: about linear
SNAPSHOT_BOUND_MS = 5.0    # on the GUI thread: well inside one keystroke's budget
SESSION_STEPS = 2000       # undo steps of a long session, carried by the copy


def plain(value):
    """project_to_data output as builtin dicts, lists and strs (no style hints)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def collector_paused(action):
    """``action`` run as load_project and save_project run their work: with the
    cyclic garbage collector paused."""
    def paused():
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            action()
        finally:
            if was_enabled:
                gc.enable()
    return paused




def report(name: str, ours: float, reference: float, target: float = TARGET_RATIO) -> bool:
    ratio = ours / reference
    passed = ratio <= target
    print(f"{name}  {ours * 1000:.1f}ms  {reference * 1000:.1f}ms  {ratio:.2f}x  "
          f"<={target}x  {'PASS' if passed else 'FAIL'}")
    return passed


def report_bound(name: str, ours: float, bound_ms: float) -> bool:
    passed = ours * 1000 <= bound_ms
    print(f"{name}  {ours * 1000:.1f}ms  -  -  <={bound_ms:g}ms  {'PASS' if passed else 'FAIL'}")
    return passed


def with_word_times(project):
    """A copy of ``project`` in which every turn has word times, as an alignment
    leaves them: a word about every 320 ms, one in twelve not known."""
    timed = project_from_data(project_to_data(project))
    for k, turn in enumerate(timed.turns):
        turn.words = tuple(None if (k + j) % 12 == 5 else 320 * j + (k * 37 + j * 11) % 90
                           for j in range(len(turn.text.split())))
    return timed


def saves_after_opening(small_path: Path, large_path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the first save after opening each file and typing a
    word in its middle turn, the two alternating; each opened anew, untimed."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for path, spent in ((large_path, times[0]), (small_path, times[1])):
            project = load_project(path)
            project.turns[len(project.turns) // 2].text += " so"
            gc.collect()
            begin = time.perf_counter()
            save_project(project, path)
            spent.append(time.perf_counter() - begin)
            del project
    return statistics.median(times[0]), statistics.median(times[1])


def long_session(project) -> None:
    """Typing in many turns, one undo step each, as after hours of editing."""
    for step in range(SESSION_STEPS):
        index = (step * 37) % len(project.turns)
        project.history.push(SetTurnText(project, index, project.turns[index].text + " um"))
        project.history.break_merge()




def main(argv: list[str] | None = None) -> int:
    args = episode_arguments(__doc__.splitlines()[0]).parse_args(argv)

    project = make_project(turns=args.turns, seed=1)
    with tempfile.TemporaryDirectory(prefix="showscribe-bench-") as folder:
        path = Path(folder) / "episode.showscribe.yaml"
        save_project(project, path)
        text = path.read_text(encoding="utf-8")
        data = plain(project_to_data(project, path.parent))
        words = sum(len(t.text.split()) for t in project.turns)
        print(f"# {len(project.turns)} turns, {words} words, {len(project.chapters)} chapters,"
              f" {len(text.encode()) / 1e6:.2f} MB; median of {args.runs} runs")

        load_ours, load_ref = paired_medians(
            lambda: load_project(path),
            collector_paused(lambda: yaml.load(text, Loader=yaml.CSafeLoader)), args.runs)
        save_ours, save_ref = paired_medians(
            save_dumping_every_turn(project, path),
            collector_paused(lambda: yaml.dump(data, Dumper=yaml.CSafeDumper)), args.runs)

        timed = with_word_times(project)
        timed_path = Path(folder) / "timed.showscribe.yaml"
        save_project(timed, timed_path)
        load_timed, load_plain = paired_medians(
            lambda: load_project(timed_path), lambda: load_project(path), args.runs)
        save_timed, save_plain = paired_medians(
            save_dumping_every_turn(timed, timed_path), save_dumping_every_turn(project, path),
            args.runs)

        large = make_project(turns=args.turns * SCALE, seed=1)
        large_path = Path(folder) / "large.showscribe.yaml"
        # Linear costs land near 10x by nature: more runs, so the median is the cost.
        first_large, first_small = paired_medians(
            save_dumping_every_turn(large, large_path), save_dumping_every_turn(project, path),
            args.runs * 2)
        opened_large, opened_small = saves_after_opening(path, large_path, args.runs)
        typed_large, typed_small = paired_medians(
            save_after_typing(large, large_path), save_after_typing(project, path),
            args.runs * 2)

        long_session(project)
        store = RecoveryStore(Path(folder) / "recovery")
        snapshot_time = median_seconds(lambda: take_snapshot(project, "episode"), args.runs * 3)
        snapshot = take_snapshot(project, "episode")
        copy_ours, copy_ref = paired_medians(
            lambda: store.write(snapshot, encode_snapshot(snapshot)),
            save_dumping_every_turn(project, path), args.runs)

    results = [
        report("load_project (reference: CSafeLoader, collector paused for both)",
               load_ours, load_ref),
        report("save_project, every turn dumped (reference: CSafeDumper, collector "
               "paused for both)", save_ours, save_ref),
        report(f"save_project {len(large.turns)} turns, every turn dumped (reference: "
               f"{len(project.turns)} turns)", first_large, first_small, LINEAR_BOUND),
        report(f"save_project {len(large.turns)} turns, first after opening (reference: "
               f"{len(project.turns)} turns)", opened_large, opened_small, SCALE_TARGET_RATIO),
        report(f"save_project {len(large.turns)} turns after typing (reference: "
               f"{len(project.turns)} turns)", typed_large, typed_small, SCALE_TARGET_RATIO),
        report("load_project with word times on every turn (reference: the same "
               "without)", load_timed, load_plain),
        report("save_project, every turn dumped, with word times on every turn "
               "(reference: the same without)", save_timed, save_plain),
        report_bound(f"recovery_snapshot (GUI thread, {SESSION_STEPS} undo steps)",
                     snapshot_time, SNAPSHOT_BOUND_MS),
        report("recovery_copy_write (worker; reference: save_project, every turn dumped)",
               copy_ours, copy_ref),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
