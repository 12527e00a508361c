"""Shared fixtures. In CI (CI=true) a missing ffmpeg, libvlc, spelling
dictionary, pocketsphinx model, flite or Chromium fails the run: the tests that
need them must run there, never be skipped."""
from __future__ import annotations

import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Recovery copies and project locks of the tests never land in the real home.
_STATE = tempfile.mkdtemp(prefix="showscribe-tests-")
os.environ.setdefault("SHOWSCRIBE_DATA_DIR", os.path.join(_STATE, "data"))
os.environ.setdefault("SHOWSCRIBE_RUNTIME_DIR", os.path.join(_STATE, "runtime"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_projects"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _require(what: str, present: bool) -> None:
    if present:
        return
    message = f"{what} is not installed (packaging/setup.sh installs it)"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def require():
    """``require(what, present)``: fail in CI, skip elsewhere, when ``present`` is false."""
    return _require


@pytest.fixture(scope="session")
def ffmpeg() -> str:
    """Path of the ffmpeg binary; fails in CI, skips elsewhere, when missing."""
    path = shutil.which("ffmpeg")
    _require("ffmpeg", path is not None and shutil.which("ffprobe") is not None)
    return path


@pytest.fixture(scope="session")
def libvlc() -> None:
    """libvlc with its base plugins present; fails in CI, skips elsewhere."""
    found = ctypes.util.find_library("vlc") is not None
    _require("libvlc", found)
    import vlc  # noqa: F401  (python-vlc loads libvlc here)


@pytest.fixture(scope="session")
def english_dictionary() -> None:
    """Enchant with the Hunspell en_US dictionary; fails in CI, skips elsewhere."""
    try:
        import enchant
        present = "en_US" in enchant.list_languages()
    except ImportError:  # pyenchant installed, libenchant-2 missing
        present = False
    _require("Enchant with the Hunspell en_US dictionary (libenchant-2-2, hunspell-en-us)",
             present)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Chromium, whose WebVTT parser reads our captions; fails in CI,
    skips elsewhere, when missing."""
    path = shutil.which("chromium")
    _require("Chromium (chromium)", path is not None)
    return path


@pytest.fixture(scope="session")
def speech_model():
    """pocketsphinx's English model (acoustic model, dictionary, general language
    model) as align and transcribe use it; fails in CI, skips elsewhere."""
    from editor.audio.align.base import AlignError
    from editor.audio.align.sphinx import find_model
    try:
        model = find_model("en")
    except AlignError as error:
        _require(f"pocketsphinx's English model ({error})", False)
    return model


@pytest.fixture(scope="session")
def flite() -> str:
    """Path of flite, which speaks the alignment tests' episodes; fails in CI,
    skips elsewhere, when missing."""
    path = shutil.which("flite")
    _require("flite", path is not None)
    return path


@pytest.fixture(scope="session")
def _config_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("config")


@pytest.fixture(autouse=True)
def _config_folder_of_the_test(_config_home, monkeypatch):
    """The user's config folder (their own word list) is never the real one; a
    test that writes there uses its own through ``monkeypatch.setenv``."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(_config_home))


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE_DIR


# Hypothesis: reproducible in CI (same examples every run, no wall-clock deadline
# on a shared machine); random elsewhere, to keep finding new cases.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if IN_CI else "dev")
