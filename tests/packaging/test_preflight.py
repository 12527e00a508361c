"""Starting the editor without libvlc or ffmpeg: a clear message naming what is
missing and how to install it, exit code 3, no window and no traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from editor import preflight

from packaging_support import app_env, can_hide_libvlc, without_libvlc


def _start_editor(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_nothing_is_missing_here(libvlc, ffmpeg):
    assert preflight.missing() == []


def test_without_ffmpeg_on_path_the_editor_says_how_to_install_it(libvlc, tmp_path):
    env = app_env(tmp_path, SHOWSCRIBE_REPORT_PAINTED="1", PATH=str(tmp_path))
    result = _start_editor([sys.executable, "-m", "editor"], env)
    assert result.returncode == preflight.EXIT_MISSING
    assert result.stdout == ""        # no window was painted
    assert result.stderr == (f"showscribe: ffmpeg and ffprobe (for decoding audio) not found "
                             f"on PATH: {preflight.INSTALL_FFMPEG}\n")


def test_a_missing_ffprobe_alone_is_named(libvlc, ffmpeg, tmp_path, monkeypatch):
    (tmp_path / "ffmpeg").symlink_to(ffmpeg)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert preflight.missing() == [
        f"ffprobe (for decoding audio) not found on PATH: {preflight.INSTALL_FFMPEG}"]


def test_without_libvlc_the_editor_says_how_to_install_it(require, ffmpeg, tmp_path):
    require("unshare with a mount namespace (to hide libvlc)", can_hide_libvlc())
    env = app_env(tmp_path, SHOWSCRIBE_REPORT_PAINTED="1")
    result = _start_editor(without_libvlc([sys.executable, "-m", "editor"]), env)
    assert result.returncode == preflight.EXIT_MISSING, result.stderr
    assert result.stdout == ""
    assert result.stderr == (f"showscribe: libvlc (VLC's library, for playback) is not "
                             f"installed: {preflight.INSTALL_LIBVLC}\n")


def test_a_libvlc_named_by_python_vlc_s_variable_that_cannot_load_is_missing(monkeypatch,
                                                                            tmp_path):
    monkeypatch.setenv("PYTHON_VLC_LIB_PATH", str(tmp_path / "libvlc.so.5"))
    monkeypatch.delitem(sys.modules, "vlc", raising=False)
    assert not preflight.libvlc_loads()


@pytest.mark.parametrize("env, shown", [
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
    ({"QT_QPA_PLATFORM": "", "DISPLAY": ""}, False),
    ({"QT_QPA_PLATFORM": "", "DISPLAY": ":0"}, True),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ""}, True),
])
def test_the_dialog_appears_only_where_it_can_be_seen(monkeypatch, env, shown):
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert preflight.has_screen() is shown


def test_the_dialog_says_what_standard_error_says(qapp, monkeypatch, capsys):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    monkeypatch.setattr(preflight, "has_screen", lambda: True)
    seen, tries = [], []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:      # not shown yet
            tries.append(1)
            if len(tries) < 100:
                QTimer.singleShot(20, read_and_close)
            return
        seen.append((dialog.windowTitle(), dialog.text()))
        dialog.accept()

    QTimer.singleShot(0, read_and_close)
    line = f"ffmpeg (for decoding audio) not found on PATH: {preflight.INSTALL_FFMPEG}"
    assert preflight.report([line]) == preflight.EXIT_MISSING
    assert seen == [("Showscribe cannot start",
                     f"Showscribe needs programs that are not installed:\n\n{line}")]
    assert capsys.readouterr().err == f"showscribe: {line}\n"
