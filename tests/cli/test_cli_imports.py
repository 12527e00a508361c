"""The command line imports only what a command uses: a check or an Audacity
export, each in a fresh interpreter, loads neither Jinja2 (show notes) nor
mutagen (chapters in audio files), and does its job."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor.core import save_project

from cli_projects import clean_project

HEAVY = ("jinja2", "mutagen")

# Runs the command line in this interpreter, then reports which heavy libraries
# it loaded on standard error, after the command's own output.
PROBE = """
import sys
from editor.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("loaded:", ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
sys.exit(code)
"""


def run_fresh(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "ep.showscribe.yaml"
    save_project(clean_project(), path)
    return path


def loaded(result: subprocess.CompletedProcess) -> str:
    return result.stderr.splitlines()[-1]


def test_check_loads_neither_jinja2_nor_mutagen(project_file):
    result = run_fresh("check", str(project_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ep.showscribe.yaml: 3 turns, 2 speakers, 3 chapters")
    assert loaded(result) == "loaded: "


def test_audacity_export_loads_neither_jinja2_nor_mutagen(project_file, tmp_path):
    target = tmp_path / "labels.txt"
    result = run_fresh("export", "--format", "audacity", str(project_file), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").splitlines()[0].split("\t")[2] == "Hello"
    assert loaded(result) == "loaded: "


def test_a_show_notes_export_does_load_jinja2(project_file):
    # The probe can see a library: the show-notes writer renders with Jinja2.
    result = run_fresh("export", "--format", "shownotes-md", str(project_file))
    assert result.returncode == 0, result.stderr
    assert "Night Shift Radio" in result.stdout
    assert loaded(result) == "loaded: jinja2"


def test_an_unknown_format_still_names_every_format(project_file):
    result = run_fresh("export", "--format", "nope", str(project_file))
    assert result.returncode == 2
    message = result.stderr.splitlines()[0]
    assert message.startswith("showscribe: unknown format 'nope' (known: ")
    assert "audacity" in message and "shownotes-md" in message
