"""A new user's first minute, on a real X server with nothing but the keyboard:
start the app on a copy of the sample, Esc (play), wait two seconds, Ctrl+M (add a
chapter at the playhead), Ctrl+S. The saved file must hold the new chapter.

This runs the xcb platform, so it needs Xvfb, xdotool and Qt's xcb libraries
(Debian: xvfb xdotool libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0).
In CI a missing one fails the test; elsewhere it is skipped.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core.projectfile import load_project

def _xcb_libraries_missing() -> list[str]:
    import PySide6
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file() or shutil.which("ldd") is None:
        return []
    output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    return sorted({line.split()[0] for line in output.splitlines() if "not found" in line})


@pytest.fixture
def x_display(tmp_path, require):
    """A private Xvfb server; yields its DISPLAY value."""
    require("Xvfb", shutil.which("Xvfb") is not None)
    require("xdotool", shutil.which("xdotool") is not None)
    missing = _xcb_libraries_missing()
    require("Qt's xcb libraries (" + ", ".join(missing) + ")", not missing)
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not report a display"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _xdotool(display: str, *args: str) -> str:
    result = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display),
                            capture_output=True, text=True, timeout=20)
    return result.stdout.strip()


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_play_add_a_chapter_and_save_with_the_keyboard(libvlc, x_display, sample_copy,
                                                       tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=x_display, SHOWSCRIBE_VLC_ARGS="--aout=adummy",
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    chapters_before = len(load_project(sample_copy).chapters)
    app = subprocess.Popen(
        [sys.executable, "-c",
         "import editor.app, sys; sys.exit(editor.app.run(sys.argv[1]))", str(sample_copy)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        window = _wait_for(lambda: app.poll() is None and _xdotool(
            x_display, "search", "--onlyvisible", "--name", "Showscribe"),
            30, "the Showscribe window")
        window = window.splitlines()[0]
        time.sleep(1.5)     # the audio loads just after the first paint
        _xdotool(x_display, "windowfocus", "--sync", window)
        _xdotool(x_display, "key", "Escape")
        time.sleep(2.0)
        _xdotool(x_display, "key", "ctrl+m")
        time.sleep(0.3)
        _xdotool(x_display, "key", "ctrl+s")

        def saved_chapters():
            chapters = load_project(sample_copy).chapters
            return chapters if len(chapters) > chapters_before else None

        chapters = _wait_for(saved_chapters, 10, "the project to be saved")
    finally:
        app.terminate()
        output, _ = app.communicate(timeout=10)
    added = [c for c in chapters if c.title == "New chapter"]
    assert len(added) == 1, output
    assert 1000 <= added[0].start <= 4000
