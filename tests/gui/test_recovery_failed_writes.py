"""Failed writes lose nothing, in the window: Save, export, embed and the
recovery copy on a read-only folder, a full disk and a vanished folder. The
original stays byte-identical, the project stays unsaved, and one one-line
message says what happened and what to do.

The read-only folder and the full disk are real where they can be: a small
tmpfs, remounted read-only or filled to the last byte, which needs root. The
full disk is also stood in for everywhere, root or not, by the one low-level
write of ``core/atomic.py`` raising ``OSError(ENOSPC)`` ("full, raised"), so
these tests run without root too; the vanished folder needs no mount at all."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from editor.core import atomic
from editor.core.commands import SetTurnText
from editor.core.recovery import RecoveryStore, recovery_key
from editor.gui.publish.export_dialog import ExportDialog

SAMPLE_FILE = "episode.showscribe.yaml"
NO_SPACE = os.strerror(errno.ENOSPC)
REASONS = {"read-only": "Read-only file system", "full": NO_SPACE, "full, raised": NO_SPACE,
           "vanished": "No such file or directory"}
MOUNTED = {"read-only", "full"}      # these need a tmpfs of their own, so root


class Folder:
    """A folder holding a copy of the sample episode (on a tmpfs of its own for the
    kinds that need one), made hostile on request."""

    def __init__(self, mount: Path, sample: Path, monkeypatch) -> None:
        self.mount = mount
        self.episode = mount / "episode"
        shutil.copytree(sample, self.episode)
        self.project = self.episode / SAMPLE_FILE
        self.audio = self.episode / "audio" / "episode.mp3"
        self._monkeypatch = monkeypatch

    def make(self, kind: str, folder: Path | None = None) -> None:
        if kind == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(self.mount)], check=True)
        elif kind == "full":
            fill(self.mount / "filler")
        elif kind == "full, raised":
            self._monkeypatch.setattr(atomic, "write_all", write_until_full)
        else:
            shutil.rmtree(folder or self.episode)


def write_until_full(fd: int, data: bytes) -> None:
    """As a full disk does: part of the data is written, then ENOSPC."""
    os.write(fd, data[:len(data) // 2])
    raise OSError(errno.ENOSPC, NO_SPACE)


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
    """``hostile(kind)``: the folder to make ``kind`` of trouble in."""
    mounted: list[Path] = []

    def make(kind: str) -> Folder:
        mount = tmp_path / "mnt"
        mount.mkdir()
        if kind in MOUNTED:
            if os.geteuid() != 0:
                pytest.skip("mounting a tmpfs needs root ('full, raised' stands in for "
                            "the full disk)")
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                           check=True)
            mounted.append(mount)
        monkeypatch.setenv("SHOWSCRIBE_DATA_DIR", str(mount / "data"))
        monkeypatch.setenv("SHOWSCRIBE_RUNTIME_DIR", str(tmp_path / "runtime"))
        return Folder(mount, sample_dir / "sample-episode", monkeypatch)

    yield make
    for mount in mounted:
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
    folder = hostile(kind)
    window = make_window(folder.project)
    before = folder.project.read_bytes()
    listing = sorted(p.name for p in folder.episode.iterdir())
    edit(window)
    folder.make(kind)
    assert not window.files.save()
    if kind == "vanished":
        assert not folder.episode.exists()
    else:
        assert folder.project.read_bytes() == before
        assert sorted(p.name for p in folder.episode.iterdir()) == listing   # no leftovers
    assert window.isWindowModified() and not window.project.history.is_clean
    one_line(errors, str(folder.project), REASONS[kind], "Save As")


@pytest.mark.parametrize("kind", list(REASONS))
def test_export_loses_nothing(hostile, make_window, errors, kind):
    folder = hostile(kind)
    window = make_window(folder.project)
    target = folder.episode / "transcript.srt"
    target.write_bytes(b"the old export\n")
    edit(window)
    folder.make(kind)
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
@pytest.mark.parametrize("kind", ["read-only", "full", "full, raised"])
def test_embed_loses_nothing(hostile, make_window, errors, kind, overwrite):
    folder = hostile(kind)
    window = make_window(folder.project)
    before = folder.audio.read_bytes()
    folder.make(kind)
    assert window.publishing.embed_chapters(overwrite=overwrite) is None
    assert folder.audio.read_bytes() == before
    assert sorted(p.name for p in folder.audio.parent.iterdir()) == ["episode.mp3"]
    one_line(errors, "episode", REASONS[kind], "the audio is unchanged")


def test_embed_with_the_audio_gone_says_so(hostile, make_window, errors):
    folder = hostile("vanished")
    window = make_window(folder.project)
    folder.make("vanished", folder.audio.parent)
    assert window.publishing.embed_chapters() is None
    one_line(errors, str(folder.audio), "no such audio file")


@pytest.mark.parametrize("kind", ["read-only", "full", "full, raised"])
def test_a_failed_recovery_copy_keeps_the_previous_one(hostile, make_window, qtbot, kind):
    folder = hostile(kind)
    window = make_window(folder.project)
    said: list[str] = []
    window.safekeeping.problem.connect(said.append)
    copy = RecoveryStore().path_for(recovery_key(folder.project))
    edit(window)
    qtbot.waitUntil(copy.exists, timeout=2500)
    window.safekeeping.flush()
    previous = copy.read_bytes()
    folder.make(kind)
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
    folder = hostile("vanished")
    window = make_window(folder.project)
    copy = RecoveryStore().path_for(recovery_key(folder.project))
    edit(window)
    qtbot.waitUntil(copy.exists, timeout=2500)
    window.safekeeping.flush()
    folder.make("vanished", copy.parent)
    edit(window)
    qtbot.waitUntil(copy.exists, timeout=2500)
    window.safekeeping.flush()
    recovered = RecoveryStore().read(copy).project
    assert recovered.turns[0].text == window.project.turns[0].text
