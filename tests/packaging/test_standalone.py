"""The standalone one-folder build (PyInstaller, packaging/build-linux.sh): it runs
with the system's libvlc and ffmpeg and says how to install them when missing."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import editor
from editor import preflight, resources

from packaging_support import (ROOT, SAMPLE, SHOWNOTES_FORMATS, app_env, can_hide_libvlc,
                               clone_output, without_libvlc)

pytestmark = pytest.mark.slow


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    """The built program, in a temporary dist folder."""
    dist = tmp_path_factory.mktemp("standalone")
    built = _run(["bash", str(ROOT / "packaging" / "build-linux.sh"), str(dist)])
    assert built.returncode == 0, built.stderr
    return dist / "showscribe" / "showscribe"


@pytest.fixture
def bundled_sample(program) -> Path:
    return (program.parent / "_internal" / "editor" / "_data" / "sample_projects" /
            "sample-episode" / "episode.showscribe.yaml")


def test_it_prints_its_version(program, tmp_path):
    result = _run([str(program), "--version"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"showscribe {editor.__version__}\n"


def test_it_brings_no_libvlc_of_its_own(program):
    assert [p.name for p in program.parent.rglob("libvlc*")] == []


@pytest.mark.parametrize("fmt", SHOWNOTES_FORMATS)
def test_it_exports_show_notes(program, bundled_sample, tmp_path, fmt):
    out = tmp_path / "notes"
    result = _run([str(program), "export", str(bundled_sample), "--format", fmt, "-o", str(out)],
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == clone_output("export", str(SAMPLE), "--format", fmt)


def test_it_opens_the_sample_episode_and_exits_cleanly(program, bundled_sample, tmp_path,
                                                       libvlc, ffmpeg):
    result = _run([str(program)], cwd=tmp_path,
                  env=app_env(tmp_path, SHOWSCRIBE_REPORT_PAINTED="1"))
    assert result.returncode == 0, result.stderr
    word, _seconds, shown = result.stdout.split()
    assert word == "painted" and Path(shown) == bundled_sample


def test_its_desktop_entry_starts_the_program(program, tmp_path):
    env = dict(app_env(tmp_path), XDG_DATA_HOME=str(tmp_path / "share"))
    result = _run([str(program), "--install-desktop"], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "share" / "applications" / f"{resources.APP_ID}.desktop"
    assert f"Exec={program} %f" in entry.read_text().splitlines()


def test_without_libvlc_it_says_how_to_install_it(program, tmp_path, require, ffmpeg):
    require("unshare with a mount namespace (to hide libvlc)", can_hide_libvlc())
    result = _run(without_libvlc([str(program)]), cwd=tmp_path,
                  env=app_env(tmp_path, SHOWSCRIBE_REPORT_PAINTED="1"))
    assert result.returncode == preflight.EXIT_MISSING, result.stderr
    assert result.stdout == ""
    assert result.stderr == (f"showscribe: libvlc (VLC's library, for playback) is not "
                             f"installed: {preflight.INSTALL_LIBVLC}\n")


def test_its_recognisers_run_in_worker_processes(program, tmp_path, ffmpeg, speech_model):
    # The frozen program's worker processes start as the program itself: they
    # must take up their task (multiprocessing.freeze_support), not start a
    # second showscribe, and the English model must be inside the folder.
    clip = tmp_path / "clip.wav"
    subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-i",
                    str(SAMPLE.parent / "audio" / "episode.mp3"), "-t", "20", str(clip)],
                   check=True)
    out = tmp_path / "draft.showscribe.yaml"
    result = subprocess.run([str(program), "transcribe", str(clip), "-o", str(out)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("draft.showscribe.yaml: a rough draft: ")
    assert "transcribing clip.wav: 100%" in result.stderr
    assert out.is_file()
