"""The wheel works anywhere: built from a copy of the sources, installed (not
editable) into a fresh virtual environment, and run from an unrelated folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import editor
from editor import resources

from packaging_support import (PRINT_TITLE, ROOT, SAMPLE, SHOWNOTES_FORMATS, app_env,
                               clone_output)

pytestmark = pytest.mark.slow

# What a source distribution of Showscribe holds; nothing else goes into the build.
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "editor", "resources",
           "sample_projects")


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its folder."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / name, source / name)
    pip_env = dict(os.environ, PIP_CACHE_DIR=str(base / "pip-cache"),
                   PIP_DISABLE_PIP_VERSION_CHECK="1")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(base / "dist"),
                  str(source)], env=pip_env)
    assert built.returncode == 0, built.stderr
    wheel, = (base / "dist").glob("showscribe-*.whl")
    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)])
    assert made.returncode == 0, made.stderr
    done = _run([str(venv / "bin" / "python"), "-m", "pip", "install", str(wheel)], env=pip_env)
    assert done.returncode == 0, done.stderr
    return venv


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """An unrelated working folder, with a home of its own."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def _installed_sample(venv: Path) -> Path:
    asked = _run([str(venv / "bin" / "python"), "-c",
                  "from editor import resources; print(resources.sample_project())"],
                 cwd=venv.parent)
    assert asked.returncode == 0, asked.stderr
    return Path(asked.stdout.strip())


def test_the_package_and_its_sample_come_from_the_environment(installed):
    sample = _installed_sample(installed)
    assert sample.is_relative_to(installed / "lib") and sample.is_file()
    assert (sample.parent / "audio" / "episode.mp3").read_bytes() == \
        (SAMPLE.parent / "audio" / "episode.mp3").read_bytes()


def test_version(installed, elsewhere):
    result = _run([str(installed / "bin" / "showscribe"), "--version"], cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"showscribe {editor.__version__}\n"


def test_check_on_the_installed_sample(installed, elsewhere):
    sample = _installed_sample(installed)
    result = _run([str(installed / "bin" / "showscribe"), "check", str(sample)], cwd=elsewhere)
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout == clone_output("check", str(SAMPLE))


@pytest.mark.parametrize("fmt", SHOWNOTES_FORMATS)
def test_show_notes_in_each_built_in_template(installed, elsewhere, fmt):
    sample = _installed_sample(installed)
    result = _run([str(installed / "bin" / "showscribe"), "export", str(sample), "--format", fmt],
                  cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "What the Bees Know About Your Street" in result.stdout
    assert result.stdout == clone_output("export", str(SAMPLE), "--format", fmt)


def test_python_dash_m_editor_is_the_same_command(installed, elsewhere):
    result = _run([str(installed / "bin" / "python"), "-m", "editor", "--version"],
                  cwd=elsewhere)
    assert result.stdout == f"showscribe {editor.__version__}\n"


def test_the_installed_desktop_entry_starts_the_environment_s_command(installed, elsewhere):
    env = dict(os.environ, XDG_DATA_HOME=str(elsewhere / "share"))
    command = installed / "bin" / "showscribe"
    result = _run([str(command), "--install-desktop"], cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    entry = elsewhere / "share" / "applications" / f"{resources.APP_ID}.desktop"
    assert f"Exec={command.resolve()} %f" in entry.read_text().splitlines()


def test_the_editor_opens_the_installed_sample_the_first_time(installed, elsewhere, libvlc,
                                                              ffmpeg):
    sample = _installed_sample(installed)
    env = app_env(elsewhere, SHOWSCRIBE_REPORT_PAINTED="1")
    started = _run([str(installed / "bin" / "showscribe")], cwd=elsewhere, env=env)
    assert started.returncode == 0, started.stderr
    word, _seconds, shown = started.stdout.split()
    assert word == "painted" and Path(shown) == sample
    titled = _run([str(installed / "bin" / "python"), "-c", PRINT_TITLE], cwd=elsewhere,
                  env=app_env(elsewhere / "fresh", SHOWSCRIBE_REPORT_PAINTED="1"))
    assert titled.returncode == 0, titled.stderr
    assert titled.stdout.splitlines()[-2:] == [
        "title episode.showscribe.yaml[*] \u2014 Showscribe",
        "icon " + " ".join(str(size) for size in resources.ICON_SIZES)]
