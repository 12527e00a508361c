"""One window per project: a second Showscribe is told who has the project open;
a lock left by a killed process is taken over silently."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from editor.core import projectlock
from editor.core.projectlock import RUNTIME_DIR_ENV, LockedError, acquire, lock_folder

HOLD = """
import sys, time
from editor.core.projectlock import acquire
lock = acquire(sys.argv[1], sys.argv[2])
print("held", flush=True)
time.sleep(120)
"""


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "show" / "ep.showscribe.yaml"
    path.parent.mkdir()
    path.write_text("showscribe: 1\n")
    return path


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "locks"


@pytest.fixture
def holder(project, folder):
    """Another process holding the project's lock; killed with SIGKILL at the end."""
    started = []

    def start():
        process = subprocess.Popen([sys.executable, "-c", HOLD, str(project), str(folder)],
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "held"
        started.append(process)
        return process
    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        process.stdout.close()


def test_a_second_showscribe_is_told_who_has_it_open(project, folder, holder):
    other = holder()
    with pytest.raises(LockedError) as caught:
        acquire(project, folder)
    message = str(caught.value)
    assert message.startswith(f"{project}: already open in Showscribe (process {other.pid}, since ")
    assert message.endswith("); open it read-only, or close it there first")
    assert caught.value.holder.pid == other.pid
    assert caught.value.holder.host == socket.gethostname()
    # The same project by another spelling of its path is the same project.
    with pytest.raises(LockedError):
        acquire(project.parent / ".." / "show" / project.name, folder)


def test_a_lock_left_by_a_killed_process_is_taken_over_silently(project, folder, holder):
    other = holder()
    other.send_signal(signal.SIGKILL)
    other.wait(10)
    lock_file = next(folder.iterdir())
    assert json.loads(lock_file.read_text())["pid"] == other.pid   # left behind by the crash
    with acquire(project, folder) as lock:
        assert lock.held
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()
    assert not lock.held and list(folder.iterdir()) == []


def test_release_lets_the_next_window_open_it(project, folder):
    first = acquire(project, folder)
    with pytest.raises(LockedError):
        acquire(project, folder)        # a second window of this same process
    first.release()
    first.release()                     # twice is harmless
    second = acquire(project, folder)
    second.release()


def test_other_projects_are_not_locked(project, folder, holder):
    holder()
    other = project.with_name("other.showscribe.yaml")
    with acquire(other, folder) as lock:
        assert lock.held


def test_locks_are_not_written_beside_the_project(project, monkeypatch, tmp_path):
    monkeypatch.setenv(RUNTIME_DIR_ENV, str(tmp_path / "run"))
    assert lock_folder() == tmp_path / "run" / "locks"
    with acquire(project):
        assert [p.name for p in project.parent.iterdir()] == [project.name]
        assert len(list(lock_folder().iterdir())) == 1
    monkeypatch.delenv(RUNTIME_DIR_ENV)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "xdg-run"))
    assert lock_folder() == tmp_path / "xdg-run" / "showscribe" / "locks"


def _planted(folder, project, pid: int, host: str) -> None:
    folder.mkdir(exist_ok=True)
    path = projectlock._lock_path(project.resolve(), folder)
    path.write_text(json.dumps({"pid": pid, "host": host, "since": time.time(),
                                "project": str(project)}))


def test_without_flock_a_dead_pid_on_this_host_is_taken_over(project, folder, monkeypatch):
    monkeypatch.setattr(projectlock, "fcntl", None)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(10)
    _planted(folder, project, gone.pid, socket.gethostname())
    with acquire(project, folder) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()


def test_without_flock_a_live_pid_or_another_host_holds_it(project, folder, monkeypatch):
    monkeypatch.setattr(projectlock, "fcntl", None)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _planted(folder, project, alive.pid, socket.gethostname())
        with pytest.raises(LockedError, match=f"process {alive.pid}, since"):
            acquire(project, folder)
    finally:
        alive.kill()
        alive.wait(10)
    _planted(folder, project, alive.pid, "studio-mac")
    with pytest.raises(LockedError, match=f"process {alive.pid} on studio-mac, since"):
        acquire(project, folder)
