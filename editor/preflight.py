"""Before the window opens: are libvlc (playback) and ffmpeg (decoding, the waveform,
chapters) installed? The standalone build uses the system's copies of both.

``missing()`` returns one line per missing program saying how to install it on this
system; ``report(lines)`` prints them on standard error and shows them in a dialog
when there is a screen to show it on. Cheap: no Qt and no python-vlc on Linux
unless something is missing.
"""
from __future__ import annotations

import _ctypes
import ctypes
import os
import shutil
import sys

EXIT_MISSING = 3

if sys.platform == "darwin":
    INSTALL_LIBVLC = "install VLC from https://www.videolan.org into /Applications"
    INSTALL_FFMPEG = "brew install ffmpeg"
elif sys.platform == "win32":
    INSTALL_LIBVLC = "install VLC (64-bit) from https://www.videolan.org"
    INSTALL_FFMPEG = "winget install Gyan.FFmpeg"
else:
    INSTALL_LIBVLC = "sudo apt-get install libvlc5 vlc-plugin-base (Fedora: sudo dnf install vlc)"
    INSTALL_FFMPEG = "sudo apt-get install ffmpeg (Fedora: sudo dnf install ffmpeg)"


def libvlc_loads() -> bool:
    """Whether python-vlc will find a working libvlc (python-vlc's own search)."""
    if sys.platform.startswith("linux") and "PYTHON_VLC_LIB_PATH" not in os.environ:
        try:  # what python-vlc falls back to, and a quick look-up
            library = ctypes.CDLL("libvlc.so.5")
        except OSError:
            return False
        # Let it go again (about 1.3 MB): playback loads it when audio is first played.
        _ctypes.dlclose(library._handle)
        return True
    try:
        import vlc
    except (ImportError, OSError, NotImplementedError, SystemExit):
        return False
    # Without libvlc, python-vlc may load the running program in its place.
    return hasattr(vlc.dll, "libvlc_new")


def missing() -> list[str]:
    """One line per missing program, each with the command that installs it."""
    lines = []
    if not libvlc_loads():
        lines.append(f"libvlc (VLC's library, for playback) is not installed: {INSTALL_LIBVLC}")
    absent = [name for name in ("ffmpeg", "ffprobe") if shutil.which(name) is None]
    if absent:
        lines.append(f"{' and '.join(absent)} (for decoding audio) not found on PATH: "
                     f"{INSTALL_FFMPEG}")
    return lines


def has_screen() -> bool:
    """Whether a dialog would be seen (not offscreen, and a display on Linux)."""
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def report(lines: list[str]) -> int:
    """Say what is missing on standard error and in a dialog; return the exit code."""
    for line in lines:
        print(f"showscribe: {line}", file=sys.stderr)
    if has_screen():
        from PySide6.QtWidgets import QApplication, QMessageBox
        _app = QApplication.instance() or QApplication(sys.argv[:1])  # a dialog needs one
        QMessageBox.critical(None, "Showscribe cannot start",
                             "Showscribe needs programs that are not installed:\n\n" +
                             "\n\n".join(lines))
    return EXIT_MISSING
