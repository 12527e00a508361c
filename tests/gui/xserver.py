"""A private Xvfb server and the editor started on it, driven with xdotool: the
pieces the real-input tests share (``from xserver import ...``).

This runs Qt's xcb platform, so it needs Xvfb, xdotool and Qt's xcb libraries
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
from contextlib import contextmanager
from pathlib import Path


def xcb_libraries_missing() -> list[str]:
    import PySide6
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file() or shutil.which("ldd") is None:
        return []
    output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    return sorted({line.split()[0] for line in output.splitlines() if "not found" in line})


def require_xserver(require) -> None:
    require("Xvfb", shutil.which("Xvfb") is not None)
    require("xdotool", shutil.which("xdotool") is not None)
    missing = xcb_libraries_missing()
    require("Qt's xcb libraries (" + ", ".join(missing) + ")", not missing)


@contextmanager
def xvfb(size: str = "1280x1024"):
    """A private Xvfb server with one screen of ``size``; yields its DISPLAY value."""
    read, write = os.pipe()
    # -noreset: the server resets whenever its last client (an xdotool poll, say)
    # leaves, and a program connecting during the reset fails to start.
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24",
                               "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not report a display"
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display),
                            capture_output=True, text=True, timeout=20)
    return result.stdout.strip()


def window_geometry(display: str, window: str) -> tuple[int, int, int, int]:
    """x, y, width and height of an X window, as xdotool reports them."""
    fields = dict(line.split("=", 1) for line in
                  xdotool(display, "getwindowgeometry", "--shell", window).splitlines())
    return int(fields["X"]), int(fields["Y"]), int(fields["WIDTH"]), int(fields["HEIGHT"])


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def start_editor(display: str, project: Path, home: Path) -> subprocess.Popen:
    """The editor on ``display`` opening ``project``, its settings under ``home``."""
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, SHOWSCRIBE_VLC_ARGS="--aout=adummy",
               XDG_CONFIG_HOME=str(home / "config"), HOME=str(home))
    return subprocess.Popen(
        [sys.executable, "-c",
         "import editor.app, sys; sys.exit(editor.app.run(sys.argv[1]))", str(project)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def editor_window(display: str, app: subprocess.Popen, name: str = "Showscribe") -> str:
    """The id of the editor's visible window whose title holds ``name``."""
    def found() -> str:
        if app.poll() is not None:
            raise AssertionError(f"the editor ended before showing {name}:\n"
                                 + app.communicate(timeout=10)[0])
        return xdotool(display, "search", "--onlyvisible", "--name", name)

    # A machine busy with other work can take long to start Python, Qt and libvlc.
    return wait_for(found, 60, f"the {name} window").splitlines()[0]


def stop_editor(app: subprocess.Popen) -> str:
    """End the editor; its output."""
    if app.poll() is None:
        app.terminate()
    output, _ = app.communicate(timeout=10)
    return output
