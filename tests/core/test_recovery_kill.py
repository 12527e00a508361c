"""Killed mid-write: a process saving the 5,000-turn project, and one writing its
recovery copy, are killed with SIGKILL at 200 random moments each. Every time,
the project file is the old version or the new one, byte for byte (both load and
equal their models), and the recovery copy is absent, the previous one or the
new one.

A helper process loads everything once, then forks one writer per round; the
test kills the writer. The writers alternate between the two versions, so "old"
and "new" are both always one of them. The YAML text and the JSON of the two
versions are made once in the helper (that is computation that touches no
file), so the moments drawn fall in the writing itself, and a round takes
milliseconds; a few rounds more kill the full ``save_project``, dumping
included.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core.projectfile import load_project
from editor.core.recovery import RecoveryStore

from helpers import dump, load_synthetic

ROUNDS = 200
WHOLE_SAVE_ROUNDS = 8
KEY = "episode"


def versions():
    """The old and the new version of the 5,000-turn episode."""
    from editor.core import commands as C
    from editor.core.model import Chapter
    old = load_synthetic().make_project(5000, seed=3)
    new = load_synthetic().make_project(5000, seed=3)
    h = new.history
    h.push(C.SetTurnText(new, 10, "Typed after the last save."))
    h.push(C.SplitTurn(new, 2500, 3))
    h.push(C.DeleteTurn(new, 4000))
    h.push(C.AddChapter(new, Chapter(1_000, "A new chapter")))
    return old, new


# -- the helper process ------------------------------------------------------------

def helper(folder: Path) -> None:
    """Reads commands on stdin: ``save``, ``save-whole`` or ``recovery`` forks a
    writer and prints its pid; ``reap`` waits for it and prints how it ended."""
    from editor.core import projectfile
    from editor.core.projectdump import dump_project
    from editor.core.projectfile import save_project
    from editor.core.recovery import encode_snapshot, take_snapshot

    old, new = versions()
    target = folder / "episode.showscribe.yaml"
    save_project(old, folder / "ref-old.showscribe.yaml")
    save_project(new, folder / "ref-new.showscribe.yaml")
    save_project(old, target)
    texts = {id(p): dump_project(p, folder) for p in (old, new)}
    store = RecoveryStore(folder / "recovery")
    snapshots = [take_snapshot(p, KEY) for p in (old, new)]
    copies = [encode_snapshot(s) for s in snapshots]
    (folder / "ref-old.recovery.json").write_bytes(copies[0])
    (folder / "ref-new.recovery.json").write_bytes(copies[1])

    def save_loop(whole: bool) -> None:
        if not whole:
            projectfile.dump_project = lambda project, base_dir=None: texts[id(project)]
        while True:
            save_project(new, target)
            save_project(old, target)

    def recovery_loop() -> None:
        while True:
            store.write(snapshots[1], copies[1])
            store.write(snapshots[0], copies[0])

    print("ready", flush=True)
    child = None
    for line in sys.stdin:
        command = line.strip()
        if command == "reap":
            _, status = os.waitpid(child, 0)
            ended = (f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                     else f"exit {os.WEXITSTATUS(status)}")
            print(ended, flush=True)
            continue
        child = os.fork()
        if child == 0:
            try:
                recovery_loop() if command == "recovery" else save_loop(command == "save-whole")
            finally:
                os._exit(1)
        print(child, flush=True)


# -- the test ------------------------------------------------------------------------

class Helper:
    def __init__(self, folder: Path) -> None:
        here = Path(__file__).parent
        # The helpers this module imports, as pytest finds them: tests/ and tests/core/.
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(here.parent), str(here)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(folder)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, cwd=here, env=env)
        assert self.ask(None) == "ready"

    def ask(self, command: str | None) -> str:
        if command is not None:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def kill_after(self, command: str, delay: float) -> None:
        pid = int(self.ask(command))
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        # Killed, not dead of an error of its own.
        assert self.ask("reap") == f"signal {signal.SIGKILL}"

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(30)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def models():
    return versions()


@pytest.fixture(scope="module")
def writers(tmp_path_factory):
    """One helper for both tests: loading the episodes is the slow part."""
    folder = tmp_path_factory.mktemp("killed")
    started = Helper(folder)
    yield started, folder
    started.close()


def test_a_killed_save_leaves_the_old_or_the_new_file(writers, models):
    helper_process, folder = writers
    old, new = models
    references = {}
    for name, model in (("old", old), ("new", new)):
        reference = folder / f"ref-{name}.showscribe.yaml"
        assert dump(load_project(reference)) == dump(model)
        references[reference.read_bytes()] = name
    target = folder / "episode.showscribe.yaml"
    backup = target.with_name(target.name + ".bak")
    rng = random.Random(20261201)
    seen = []
    for round_ in range(ROUNDS + WHOLE_SAVE_ROUNDS):
        whole = round_ >= ROUNDS
        helper_process.kill_after("save-whole" if whole else "save",
                                  rng.uniform(0, 1.0 if whole else 0.03))
        found = references.get(target.read_bytes())
        assert found is not None, f"round {round_}: the project file is neither version"
        if backup.exists():
            assert backup.read_bytes() in references, f"round {round_}: a torn .bak"
        seen.append(found)
        leftovers = {p.name for p in folder.iterdir()} - {
            target.name, backup.name, "recovery", "ref-old.showscribe.yaml",
            "ref-new.showscribe.yaml", "ref-old.recovery.json", "ref-new.recovery.json"}
        assert all(n.startswith(f".{target.name}.") and n.endswith(".tmp")
                   for n in leftovers), leftovers
    # The kills fell before, during and after writes: both versions were left.
    assert seen.count("old") >= 10 and seen.count("new") >= 10, seen


def test_a_killed_recovery_write_leaves_no_copy_the_previous_or_the_new_one(writers, models):
    helper_process, folder = writers
    old, new = models
    store = RecoveryStore(folder / "recovery")
    references = {}
    for name, model in (("old", old), ("new", new)):
        reference = folder / f"ref-{name}.recovery.json"
        copy = store.read(reference)
        assert copy.history_note is None
        assert dump(copy.project) == dump(model)
        assert len(copy.project.history) == len(model.history)
        references[reference.read_bytes()] = name
    path = store.path_for(KEY)
    rng = random.Random(1201)
    seen = []
    for round_ in range(ROUNDS):
        helper_process.kill_after("recovery", rng.uniform(0, 0.02))
        if not path.exists():
            assert "old" not in seen and "new" not in seen, \
                f"round {round_}: a copy written before has gone"
            seen.append("absent")
            continue
        found = references.get(path.read_bytes())
        assert found is not None, f"round {round_}: the recovery copy is neither version"
        seen.append(found)
    assert seen.count("old") >= 10 and seen.count("new") >= 10, seen


if __name__ == "__main__":
    helper(Path(sys.argv[1]))
