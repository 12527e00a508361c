"""When recovery snapshots are taken (a fake clock), and the worker that writes
them: newest wins, a removal is not undone by a late write, failures are told."""
from __future__ import annotations

import errno
import os
import threading

import pytest

from editor.core import commands as C
from editor.core.recovery import RecoveryStore, take_snapshot
from editor.core.recoverywriter import MAX_WAIT_S, QUIET_S, RecoverySchedule, RecoveryWriter

from helpers import small_project


def test_a_pause_in_typing_takes_a_snapshot_a_quiet_time_later():
    schedule = RecoverySchedule(quiet=1.0, max_wait=1.5)
    assert schedule.due_at() is None
    schedule.edited(10.0)
    assert schedule.due_at() == 11.0
    assert not schedule.is_due(10.99) and schedule.is_due(11.0)
    schedule.snapshot_taken()
    assert schedule.due_at() is None and not schedule.is_due(100.0)


def test_continuous_typing_is_captured_within_the_longest_wait():
    schedule = RecoverySchedule(quiet=1.0, max_wait=1.5)
    now, taken = 0.0, []
    while now < 10.0:            # a key every 0.2 s for ten seconds
        schedule.edited(now)
        now = round(now + 0.2, 6)
        if schedule.is_due(now):
            taken.append(now)
            schedule.snapshot_taken()
    assert taken[0] == 1.6       # the first key at 0.0, the tick after 1.5
    gaps = [b - a for a, b in zip(taken, taken[1:])]
    assert max(gaps) <= 1.5 + 0.2 + 1e-9
    schedule.edited(now)
    assert schedule.due_at() == now + 1.0


def test_every_edit_is_captured_within_two_seconds_whatever_the_rhythm():
    import random
    rng = random.Random(7)
    schedule = RecoverySchedule()
    now, pending, eps = 0.0, [], 1e-9
    for _ in range(5000):
        now += rng.choice((0.05, 0.3, 0.9, 1.2, 3.0))
        due = schedule.due_at()
        if due is not None and now >= due:     # the timer fired at ``due``
            assert all(due - t <= 2.0 for t in pending)
            schedule.snapshot_taken()
            pending.clear()
        schedule.edited(now)
        pending.append(now)
        due = schedule.due_at()
        assert pending[-1] < due <= pending[0] + MAX_WAIT_S + eps
        assert due <= pending[-1] + QUIET_S + eps


def test_a_save_leaves_nothing_to_capture():
    schedule = RecoverySchedule()
    schedule.edited(1.0)
    schedule.saved()
    assert schedule.due_at() is None
    with pytest.raises(ValueError):
        RecoverySchedule(quiet=2.0, max_wait=1.0)


class _Results:
    def __init__(self) -> None:
        self.written, self.failed = [], []

    def writer(self, store) -> RecoveryWriter:
        return RecoveryWriter(store, on_written=self.written.append,
                              on_failed=self.failed.append)


def test_the_writer_writes_the_newest_snapshot(tmp_path):
    store, results = RecoveryStore(tmp_path / "recovery"), _Results()
    writer = results.writer(store)
    project = small_project()
    for n in range(20):
        project.history.push(C.SetTurnText(project, 0, f"Version {n}."))
        writer.submit(take_snapshot(project, "episode"))
    assert writer.flush(timeout=30)
    writer.close()
    assert results.failed == []
    assert 1 <= len(results.written) <= 20
    assert store.read(store.path_for("episode")).project.turns[0].text == "Version 19."


def test_a_removal_waits_for_the_write_in_progress(tmp_path, monkeypatch):
    store, results = RecoveryStore(tmp_path / "recovery"), _Results()
    started, release = threading.Event(), threading.Event()
    real_write = store.write

    def slow_write(snapshot, data=None):
        started.set()
        release.wait(10)
        return real_write(snapshot, data)
    monkeypatch.setattr(store, "write", slow_write)
    writer = results.writer(store)
    project = small_project()
    project.history.push(C.SetTurnText(project, 0, "Typed."))
    writer.submit(take_snapshot(project, "episode"))
    assert started.wait(10)
    remover = threading.Thread(target=writer.remove, args=("episode",))
    remover.start()
    remover.join(0.2)
    assert remover.is_alive()          # it waits for the write...
    release.set()
    remover.join(10)
    assert writer.flush(timeout=10)
    writer.close()
    assert not store.path_for("episode").exists()   # ...and the copy is gone after it
    assert len(results.written) == 1


def test_a_failed_write_is_told_in_one_line_and_the_writer_goes_on(tmp_path, monkeypatch):
    store, results = RecoveryStore(tmp_path / "recovery"), _Results()
    writer = results.writer(store)
    project = small_project()
    project.history.push(C.SetTurnText(project, 0, "Typed."))
    real_fsync = os.fsync

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", no_space)
    writer.submit(take_snapshot(project, "episode"))
    assert writer.flush(timeout=10)
    assert len(results.failed) == 1 and "\n" not in results.failed[0]
    assert "No space left on device" in results.failed[0]
    monkeypatch.setattr(os, "fsync", real_fsync)
    writer.submit(take_snapshot(project, "episode"))
    assert writer.flush(timeout=10)
    writer.close()
    assert results.written == [store.path_for("episode")]
