"""Writers write through, not around: the real file behind a symlink is replaced
and the link kept; special files are written in place; read-only targets are
refused unless forced; no temporary file outlives a save; NAME.bak never goes
missing."""
from __future__ import annotations

import os
import stat
import threading
import time

import pytest

from editor.core import atomic
from editor.core.atomic import ReadOnlyFile, write_atomically
from editor.core.errors import ProjectFileError, ShowscribeError
from editor.core.importing import export_file
from editor.core.projectfile import load_project, save_project
from helpers import small_project


def test_saving_through_a_symlink_replaces_the_real_file(tmp_path):
    real = tmp_path / "real" / "ep.showscribe.yaml"
    real.parent.mkdir()
    save_project(small_project(), real)
    link = tmp_path / "ep.showscribe.yaml"
    link.symlink_to(real)
    project = load_project(link)
    project.episode.title = "Changed through the link"
    save_project(project, link)
    assert link.is_symlink() and link.resolve() == real
    assert load_project(real).episode.title == "Changed through the link"
    assert (real.parent / "ep.showscribe.yaml.bak").is_file()
    assert not (tmp_path / "ep.showscribe.yaml.bak").exists()


def test_exporting_to_a_fifo_writes_into_it(tmp_path):
    fifo = tmp_path / "out.vtt"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:   # wait until the reader has the pipe open
        try:
            export_file(small_project(), "vtt", fifo)
            break
        except ShowscribeError as error:
            assert "a pipe with no reader" in str(error)
            time.sleep(0.02)
    reader.join(5)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"WEBVTT")


def test_exporting_to_a_fifo_with_no_reader_is_refused_at_once(tmp_path):
    fifo = tmp_path / "out.vtt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ShowscribeError) as caught:
        export_file(small_project(), "vtt", fifo)
    assert time.monotonic() - started < 1
    assert str(caught.value) == f"{fifo}: cannot write: a pipe with no reader"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_exporting_to_dev_full_reports_the_full_disk(tmp_path):
    link = tmp_path / "full.vtt"
    link.symlink_to("/dev/full")
    with pytest.raises(ShowscribeError) as caught:
        export_file(small_project(), "vtt", link)
    assert str(caught.value) == f"{link}: cannot write: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_read_only_export_target_is_refused_unless_forced(tmp_path):
    target = tmp_path / "ep.vtt"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(ShowscribeError) as caught:
        export_file(small_project(), "vtt", target)
    assert str(caught.value) == (f"{target}: cannot write: the file is read-only "
                                 "(not replaced unless forced)")
    assert target.read_text() == "old"
    export_file(small_project(), "vtt", target, force=True)
    assert target.read_text().startswith("WEBVTT")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_read_only_project_is_refused_unless_forced(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    save_project(small_project(), path)
    path.chmod(0o444)
    before = path.read_bytes()
    project = load_project(path)
    project.episode.title = "New title"
    with pytest.raises(ProjectFileError) as caught:
        save_project(project, path)
    assert caught.value.read_only
    assert str(caught.value) == (f"{path}: cannot save: the file is read-only "
                                 "(not replaced unless forced)")
    assert path.read_bytes() == before
    save_project(project, path, force=True)
    assert load_project(path).episode.title == "New title"


def test_a_stale_temporary_file_is_removed_by_the_next_save(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    save_project(small_project(), path)
    stale = tmp_path / ".ep.showscribe.yaml.abc123.tmp"
    stale.write_text("half a save")
    old = time.time() - atomic.STALE_TMP_SECONDS - 10
    os.utime(stale, (old, old))
    fresh = tmp_path / ".ep.showscribe.yaml.def456.tmp"   # another save, still running
    fresh.write_text("in progress")
    save_project(small_project(), path)
    assert not stale.exists() and fresh.exists()
    other = tmp_path / ".other.yaml.abc.tmp"
    other.write_text("x")
    os.utime(other, (old, old))
    save_project(small_project(), path)
    assert other.exists()          # only this file's leftovers are its to remove


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "ep.showscribe.yaml"
    save_project(small_project(), path)

    def crash(*args):
        raise OSError(28, "No space left on device")

    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(ProjectFileError, match="No space left on device"):
        save_project(small_project(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["ep.showscribe.yaml"]
    assert path.read_bytes() == before


def test_the_backup_is_never_missing_during_a_save(tmp_path, monkeypatch):
    path = tmp_path / "ep.showscribe.yaml"
    save_project(small_project(), path)
    save_project(small_project(), path)
    backup = tmp_path / "ep.showscribe.yaml.bak"
    seen = []
    real_unlink, real_replace = os.unlink, os.replace

    def watch(name):
        def call(*args, **kwargs):
            before = backup.exists()
            result = (real_unlink if name == "unlink" else real_replace)(*args, **kwargs)
            seen.append((name, before and backup.exists()))
            return result
        return call

    # os.unlink is what Path.unlink calls too
    monkeypatch.setattr(atomic.os, "unlink", watch("unlink"))
    monkeypatch.setattr(atomic.os, "replace", watch("replace"))
    project = small_project()
    project.episode.title = "Third"
    save_project(project, path)
    assert seen and all(present for _, present in seen), seen
    assert backup.exists() and load_project(path).episode.title == "Third"
    assert "Third" not in backup.read_text()


def test_write_atomically_refuses_a_folder(tmp_path):
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path, "x")


def test_read_only_is_an_os_error_that_names_the_file(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("x")
    target.chmod(0o400 & ~0o200)
    with pytest.raises(ReadOnlyFile) as caught:
        write_atomically(target, "y")
    assert caught.value.filename == str(target)
