"""A crash costs at most two seconds of typing, on a real X server: start the app
on a copy of the sample, type a word into a turn, wait three seconds, kill the
process with SIGKILL, start it again, accept Restore with the keyboard, save
(Ctrl+S) and find the word in the file; Ctrl+Z then Ctrl+S removes it.

The X server and the helpers that drive it come from ``xserver.py``.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from xserver import wait_for, xdotool

from editor.core.projectfile import load_project

WORD = "Zqxjvow"


def _texts(path) -> list[str]:
    return [turn.text for turn in load_project(path).turns]


def _start(env, project):
    return subprocess.Popen(
        [sys.executable, "-c",
         "import editor.app, sys; sys.exit(editor.app.run(sys.argv[1]))", str(project)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _window(display: str, name: str) -> str:
    found = wait_for(lambda: xdotool(display, "search", "--onlyvisible", "--name", name),
                     60, f"a window named {name!r}")
    return found.splitlines()[0]


def test_typing_survives_a_kill_and_undoes_after_restore(libvlc, x_display, sample_copy,
                                                         tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=x_display, SHOWSCRIBE_VLC_ARGS="--aout=adummy",
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path),
               SHOWSCRIBE_DATA_DIR=str(tmp_path / "data"),
               SHOWSCRIBE_RUNTIME_DIR=str(tmp_path / "runtime"))
    before = _texts(sample_copy)
    assert not any(WORD in text for text in before)

    app = _start(env, sample_copy)
    try:
        window = _window(x_display, "Showscribe")
        time.sleep(1.5)     # the audio loads just after the first paint
        xdotool(x_display, "windowfocus", "--sync", window)
        xdotool(x_display, "type", "--delay", "30", WORD)
        time.sleep(3.0)
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        app.kill()
        app.communicate(timeout=10)
    assert _texts(sample_copy) == before        # never saved: only the recovery copy has it

    app = _start(env, sample_copy)
    try:
        prompt = _window(x_display, "Recover")
        xdotool(x_display, "windowfocus", "--sync", prompt)
        xdotool(x_display, "key", "Return")     # Restore is the default button
        window = _window(x_display, "Showscribe")
        time.sleep(1.0)
        xdotool(x_display, "windowfocus", "--sync", window)
        xdotool(x_display, "key", "ctrl+s")
        restored = wait_for(lambda: [t for t in _texts(sample_copy) if WORD in t], 10,
                             "the restored text to be saved")
        assert len(restored) == 1
        xdotool(x_display, "key", "ctrl+z")
        time.sleep(0.3)
        xdotool(x_display, "key", "ctrl+s")
        wait_for(lambda: _texts(sample_copy) == before, 10, "the undone text to be saved")
    finally:
        app.terminate()
        output, _ = app.communicate(timeout=10)
    assert _texts(sample_copy) == before, output
