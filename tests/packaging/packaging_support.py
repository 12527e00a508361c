"""What the packaging tests share: the freedesktop validators, a way to hide the
system's libvlc from one command, and the clone's own answers to compare with."""
from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_projects" / "sample-episode" / "episode.showscribe.yaml"
SHOWNOTES_FORMATS = ("shownotes-text", "shownotes-md", "shownotes-html")


def libvlc_file() -> Path | None:
    """The file the system's libvlc loads from (as the dynamic loader finds it)."""
    try:
        ctypes.CDLL("libvlc.so.5")
    except OSError:
        return None
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1]
        if "/libvlc.so" in path:
            return Path(path)
    return None


def _unshare() -> list[str]:
    """A private mount namespace: as root directly, else inside a user namespace."""
    if os.geteuid() == 0:
        return ["unshare", "--mount"]
    return ["unshare", "--user", "--map-root-user", "--mount"]


def can_hide_libvlc() -> bool:
    """Whether this machine lets us hide libvlc from one command (tried for real)."""
    if shutil.which("unshare") is None or libvlc_file() is None:
        return False
    probe = subprocess.run(without_libvlc(["true"]), capture_output=True)
    return probe.returncode == 0


def without_libvlc(command: list[str]) -> list[str]:
    """``command`` run where the system's libvlc file reads as empty: no program
    started by it can load libvlc, and the system itself is untouched."""
    return [*_unshare(), "sh", "-c", 'mount --bind /dev/null "$0" && exec "$@"',
            str(libvlc_file()), *command]


def clone_output(*arguments: str) -> str:
    """What the clone's own ``showscribe`` prints for ``arguments``."""
    result = subprocess.run([sys.executable, "-m", "editor", *arguments], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def app_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for the editor run headless with its own empty settings."""
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", SHOWSCRIBE_VLC_ARGS="--aout=adummy",
                HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), **extra)


# Runs the editor and, as it quits, prints its window title (the project it opened)
# and the sizes of the window's icon.
PRINT_TITLE = """
import sys
import editor.app as app
first_paint = app._report_first_paint
def report(window, qt_app, memory=False):
    def show():
        print("title", window.windowTitle(), flush=True)
        sizes = window.windowIcon().availableSizes()
        print("icon", *(size.width() for size in sizes), flush=True)
    qt_app.aboutToQuit.connect(show)
    first_paint(window, qt_app, memory)
app._report_first_paint = report
sys.exit(app.run(None))
"""
