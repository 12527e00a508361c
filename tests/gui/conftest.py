"""Fixtures for the window's tests: settings isolated in tmp_path, a copy of the
sample project to edit, and a shown, active editor window playing through real
libvlc with the dummy audio output."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

SAMPLE_FILE = "episode.showscribe.yaml"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Path:
    """Every QSettings of the test lives in tmp_path (never the user's own)."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(scope="session")
def _waveform_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("waveform-cache")


@pytest.fixture(autouse=True)
def isolated_waveform_cache(_waveform_cache: Path, monkeypatch) -> Path:
    """Waveform peaks are cached in a folder of the test run (never the user's);
    one folder for the whole run, so the sample is decoded once."""
    monkeypatch.setenv("SHOWSCRIBE_CACHE_DIR", str(_waveform_cache))
    return _waveform_cache


@pytest.fixture
def headless_vlc(monkeypatch) -> None:
    monkeypatch.setenv("SHOWSCRIBE_VLC_ARGS", "--aout=adummy")


@pytest.fixture
def sample_copy(tmp_path: Path, sample_dir: Path) -> Path:
    """A copy of the sample episode (project file and audio) to edit; its project file."""
    target = tmp_path / "sample-episode"
    shutil.copytree(sample_dir / "sample-episode", target)
    return target / SAMPLE_FILE


@pytest.fixture
def make_window(qtbot, libvlc, headless_vlc):
    """Build a shown, active MainWindow, optionally opening a project file."""
    from editor.gui.mainwindow import MainWindow
    from editor.gui.settings import Settings

    def make(path: Path | None = None, wait_audio: bool = True) -> MainWindow:
        window = MainWindow(Settings())
        # Tests never leave a save question open at teardown.
        qtbot.addWidget(window, before_close_func=lambda w: w.project.history.set_clean())
        if path is not None:
            assert window.open_path(path)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        if path is not None and wait_audio:
            qtbot.waitUntil(lambda: window.playback.has_media, timeout=5000)
        return window

    return make


@pytest.fixture
def window(make_window, sample_copy):
    """The editor on a copy of the sample, its audio loaded."""
    return make_window(sample_copy)


@pytest.fixture
def x_display(require):
    """A private Xvfb server; yields its DISPLAY value."""
    from xserver import require_xserver, xvfb
    require_xserver(require)
    with xvfb() as display:
        yield display
