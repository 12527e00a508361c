"""A recovery copy that cannot be written loses nothing: on a read-only folder, a
full disk or a vanished folder the previous copy stays byte-identical, the
project stays unsaved, and one line says what happened and what to do.

As root (CI containers) the full disk is a real 64 KiB tmpfs and the read-only
folder a tmpfs remounted read-only (root ignores permission bits); elsewhere a
write that raises ENOSPC, and a folder without write permission."""
from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from editor.core import commands as C
from editor.core.recovery import RecoveryError, RecoveryStore, take_snapshot

from helpers import load_synthetic, small_project

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                   check=True)


def _umount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def disk(tmp_path):
    """A folder for the store: a small tmpfs as root, else a plain folder."""
    folder = tmp_path / "disk"
    if AS_ROOT:
        _mount_tmpfs(folder, "64k")
        yield folder
        _umount(folder)
    else:
        folder.mkdir()
        yield folder


def unsaved_project():
    project = small_project()
    project.history.push(C.SetTurnText(project, 0, "Typed before the write failed."))
    return project


def previous_copy(store: RecoveryStore) -> tuple[Path, bytes]:
    project = small_project()
    project.history.push(C.SetTurnText(project, 1, "An earlier edit."))
    path = store.write(take_snapshot(project, "episode"))
    return path, path.read_bytes()


def assert_refused_cleanly(store, project, path, before, problem):
    with pytest.raises(RecoveryError) as caught:
        store.write(take_snapshot(project, "episode"))
    message = str(caught.value)
    assert message == (f"{path}: cannot write the recovery copy ({problem}): your edits are "
                       "still open; save the project, or Save As elsewhere, to keep them")
    assert path.read_bytes() == before
    assert not project.history.is_clean
    assert [p.name for p in store.folder.iterdir()] == [path.name]   # no temporary left


@pytest.mark.parametrize("full", ["a real small disk", "a write raising ENOSPC"])
def test_a_full_disk_keeps_the_previous_copy_whole(disk, monkeypatch, full):
    store = RecoveryStore(disk / "recovery")
    path, before = previous_copy(store)
    project = unsaved_project()
    if full == "a real small disk":
        if not AS_ROOT:
            pytest.skip("mounting a small tmpfs needs root; the raised ENOSPC stands in")
        # Fill what is left, then write a copy far bigger than a page.
        with open(disk / "filler", "wb", buffering=0) as filler:
            with pytest.raises(OSError) as filled:
                while True:
                    filler.write(b"\0" * 4096)
            assert filled.value.errno == errno.ENOSPC
        project = load_synthetic().make_project(200)
        project.history.push(C.SetTurnText(project, 0, "Typed before the write failed."))
    else:
        def no_space(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(os, "fsync", no_space)
    assert_refused_cleanly(store, project, path, before, os.strerror(errno.ENOSPC))


def test_a_read_only_folder_keeps_the_previous_copy_whole(disk):
    store = RecoveryStore(disk / "recovery")
    path, before = previous_copy(store)
    if AS_ROOT:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        problem = os.strerror(errno.EROFS)
    else:
        store.folder.chmod(0o500)
        problem = os.strerror(errno.EACCES)
    try:
        assert_refused_cleanly(store, unsaved_project(), path, before, problem)
    finally:
        if AS_ROOT:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        else:
            store.folder.chmod(0o700)


def test_a_vanished_folder_is_made_again(tmp_path):
    store = RecoveryStore(tmp_path / "data" / "recovery")
    path, _ = previous_copy(store)
    for leftover in store.folder.iterdir():
        leftover.unlink()
    store.folder.rmdir()
    store.folder.parent.rmdir()
    project = unsaved_project()
    assert store.write(take_snapshot(project, "episode")) == path
    assert store.read(path).project.turns[0].text == "Typed before the write failed."


def test_a_folder_that_cannot_be_made_is_one_clear_line(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    store = RecoveryStore(tmp_path / "data" / "recovery")
    project = unsaved_project()
    with pytest.raises(RecoveryError) as caught:
        store.write(take_snapshot(project, "episode"))
    assert str(caught.value) == (
        f"{store.path_for('episode')}: cannot write the recovery copy "
        f"({os.strerror(errno.ENOTDIR)}): your edits are still open; save the project, "
        "or Save As elsewhere, to keep them")
    assert (tmp_path / "data").read_text() == "a file where the data folder should be"
    assert not project.history.is_clean
