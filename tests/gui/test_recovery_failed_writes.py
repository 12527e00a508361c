"""Failed writes lose nothing, in the window: Save, export, embed and the
recovery copy on a read-only folder, a full disk and a vanished folder. The
original stays byte-identical, the project stays unsaved, and one one-line
message says what happened and what to do.

The read-only folder and the full disk are real: a small tmpfs, remounted
read-only or filled to the last byte. Mounting needs root; elsewhere these
tests are skipped."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from editor.core.commands import SetTurnText
from editor.core.recovery import RecoveryStore, recovery_key
from editor.gui.publish.export_dialog import ExportDialog

SAMPLE_FILE = "episode.showscribe.yaml"
REASONS = {"read-only": "Read-only file system", "full": "No space left on device",
           "vanished": "No such file or directory"}


class Folder:
    """A tmpfs holding a copy of the sample episode, made hostile on request."""

    def __init__(self, mount: Path, sample: Path) -> None:
        self.mount = mount
        self.episode = mount / "episode"
        shutil.copytree(sample, self.episode)
        self.project = self.episode / SAMPLE_FILE
        self.audio = self.episode / "audio" / "episode.mp3"

    def make(self, kind: str, folder: Path | None = None) -> None:
        if kind == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(self.mount)], check=True)
        elif kind == "full":
            fill(self.mount / "filler")
        else:
            shutil.rmtree(folder or self.episode)


def fill(path: Path) -> None:
    """Write until the file system has no byte left."""
    with open(path, "wb", buffering=0) as handle:
        for size in (1 << 16, 1 << 10, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC


@pytest.fixture
def hostile(tmp_path, sample_dir, monkeypatch):
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    monkeypatch.setenv("SHOWSCRIBE_DATA_DIR", str(mount / "data"))
    monkeypatch.setenv("SHOWSCRIBE_RUNTIME_DIR", str(tmp_path / "runtime"))
    try:
        yield Folder(mount, sample_dir / "sample-episode")
    finally:
        # Lazily: libvlc may still hold the audio open.
        subprocess.run(["umount", "-l", str(mount)], check=True)


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    return shown


def edit(window) -> None:
    project = window.project
    project.history.push(SetTurnText(project, 0, project.turns[0].text + " edited"))


def one_line(messages: list[str], *parts: str) -> None:
    assert len(messages) == 1, messages
    assert "\n" not in messages[0]
    for part in parts:
        assert part in messages[0], (part, messages[0])


@pytest.mark.parametrize("kind", list(REASONS))
def test_save_loses_nothing(hostile, make_window, errors, kind):
    window = make_window(hostile.project)
    before = hostile.project.read_bytes()
    listing = sorted(p.name for p in hostile.episode.iterdir())
    edit(window)
    hostile.make(kind)
    assert not window.files.save()
    if kind == "vanished":
        assert not hostile.episode.exists()
    else:
        assert hostile.project.read_bytes() == before
        assert sorted(p.name for p in hostile.episode.iterdir()) == listing   # no leftovers
    assert window.isWindowModified() and not window.project.history.is_clean
    one_line(errors, str(hostile.project), REASONS[kind], "Save As")


@pytest.mark.parametrize("kind", list(REASONS))
def test_export_loses_nothing(hostile, make_window, errors, kind):
    window = make_window(hostile.project)
    target = hostile.episode / "transcript.srt"
    target.write_bytes(b"the old export\n")
    edit(window)
    hostile.make(kind)
    dialog = ExportDialog(window.project, window)
    assert dialog.select_format("srt")
    assert not dialog.export_to(str(target))
    status = dialog._status.text()
    assert status.startswith("Not exported: ") and "\n" not in status
    assert str(target) in status and REASONS[kind] in status
    if kind != "vanished":
        assert target.read_bytes() == b"the old export\n"
    assert window.isWindowModified()
    assert errors == []


@pytest.mark.parametrize("overwrite", [False, True], ids=["copy", "in-place"])
@pytest.mark.parametrize("kind", ["read-only", "full"])
def test_embed_loses_nothing(hostile, make_window, errors, kind, overwrite):
    window = make_window(hostile.project)
    before = hostile.audio.read_bytes()
    hostile.make(kind)
    assert window.publishing.embed_chapters(overwrite=overwrite) is None
    assert hostile.audio.read_bytes() == before
    assert sorted(p.name for p in hostile.audio.parent.iterdir()) == ["episode.mp3"]
    one_line(errors, "episode", REASONS[kind], "the audio is unchanged")


def test_embed_with_the_audio_gone_says_so(hostile, make_window, errors):
    window = make_window(hostile.project)
    hostile.make("vanished", hostile.audio.parent)
    assert window.publishing.embed_chapters() is None
    one_line(errors, str(hostile.audio), "no such audio file")


@pytest.mark.parametrize("kind", ["read-only", "full"])
def test_a_failed_recovery_copy_keeps_the_previous_one(hostile, make_window, qtbot, kind):
    window = make_window(hostile.project)
    said: list[str] = []
    window.safekeeping.problem.connect(said.append)
    copy = RecoveryStore().path_for(recovery_key(hostile.project))
    edit(window)
    qtbot.waitUntil(copy.exists, timeout=2500)
    window.safekeeping.flush()
    previous = copy.read_bytes()
    hostile.make(kind)
    edit(window)
    qtbot.waitUntil(lambda: bool(said), timeout=2500)
    window.safekeeping.flush()
    assert copy.read_bytes() == previous
    one_line(said, str(copy), "cannot write the recovery copy", REASONS[kind],
             "Save As elsewhere")
    edit(window)                       # the same trouble is said once, not per write
    qtbot.wait(2000)
    assert len(said) == 1
    assert window.isWindowModified()
    # The edits are still there to save elsewhere.
    window.project.history.set_clean()


def test_a_vanished_recovery_folder_is_made_again(hostile, make_window, qtbot):
    window = make_window(hostile.project)
    copy = RecoveryStore().path_for(recovery_key(hostile.project))
    edit(window)
    qtbot.waitUntil(copy.exists, timeout=2500)
    window.safekeeping.flush()
    hostile.make("vanished", copy.parent)
    edit(window)
    qtbot.waitUntil(copy.exists, timeout=2500)
    window.safekeeping.flush()
    recovered = RecoveryStore().read(copy).project
    assert recovered.turns[0].text == window.project.turns[0].text
