"""The command line on hostile input: special files are refused at once with exit
2, a full disk on standard output is an error, read-only outputs need --force,
and every error is one line."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core import save_project

from cli_projects import clean_project

pytestmark = pytest.mark.timeout(60)


def showscribe(*args: str, stdout=subprocess.PIPE) -> tuple[int, str, str, float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "editor.cli", *args], stdout=stdout,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            timeout=30)
    return (result.returncode, result.stdout or "", result.stderr,
            time.monotonic() - started)


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "ep.showscribe.yaml"
    save_project(clean_project(), path)
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.showscribe.yaml"
    os.mkfifo(path)
    return path


def _assert_refused_fast(code, err, seconds, message):
    # the program starts in well under a second on an idle machine; the reading
    # itself must not wait, so even a busy machine stays far below the timeout
    assert code == 2, err
    assert err == f"showscribe: {message}\n"
    assert seconds < 5


@pytest.mark.parametrize("target, problem", [
    ("fifo", "is a pipe (FIFO), not a regular file"),
    ("/dev/zero", "is a device, not a regular file"),
    ("/dev/urandom", "is a device, not a regular file"),
])
def test_check_refuses_special_files_at_once(tmp_path, target, problem):
    path = str(_fifo(tmp_path)) if target == "fifo" else target
    code, out, err, seconds = showscribe("check", path)
    _assert_refused_fast(code, err, seconds, f"{path}: {problem}")
    assert out == ""


def test_check_on_special_files_exits_within_a_second(tmp_path):
    from editor.cli import main
    for path in (str(_fifo(tmp_path)), "/dev/zero", "/dev/urandom"):
        started = time.monotonic()
        assert main(["check", path]) == 2
        assert time.monotonic() - started < 1


def test_import_of_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "talk.vtt"
    os.mkfifo(fifo)
    out_path = tmp_path / "out.showscribe.yaml"
    code, out, err, seconds = showscribe("import", str(fifo), "-o", str(out_path))
    _assert_refused_fast(code, err, seconds, f"{fifo}: is a pipe (FIFO), not a regular file")
    assert not out_path.exists()


def test_export_to_a_full_standard_output_fails(project_file):
    with open("/dev/full", "w") as full:
        code, _, err, _ = showscribe("export", str(project_file), "--format", "vtt",
                                     stdout=full)
    assert code == 2
    assert err == "showscribe: standard output: cannot write: No space left on device\n"


def test_export_to_standard_output_still_works(project_file):
    code, out, err, _ = showscribe("export", str(project_file), "--format", "vtt")
    assert code == 0, err
    assert out.startswith("WEBVTT\n")


def test_export_over_a_read_only_file_needs_force(tmp_path, project_file):
    target = tmp_path / "ep.vtt"
    target.write_text("old")
    target.chmod(0o444)
    code, _, err, _ = showscribe("export", str(project_file), "--format", "vtt",
                                 "-o", str(target))
    assert code == 2
    assert err == (f"showscribe: {target}: cannot write: the file is read-only "
                   "(not replaced unless forced)\n")
    assert target.read_text() == "old"
    code, _, err, _ = showscribe("export", str(project_file), "--format", "vtt",
                                 "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text().startswith("WEBVTT")


def test_import_over_a_read_only_project_needs_force(tmp_path, project_file):
    source = tmp_path / "talk.vtt"
    source.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Hi\n")
    project_file.chmod(0o444)
    before = project_file.read_bytes()
    code, _, err, _ = showscribe("import", str(source), "-o", str(project_file))
    assert code == 2
    assert err == (f"showscribe: {project_file}: cannot save: the file is read-only "
                   "(not replaced unless forced)\n")
    assert project_file.read_bytes() == before
    code, out, err, _ = showscribe("import", str(source), "-o", str(project_file), "--force")
    assert code == 0, err
    assert out.startswith("ep.showscribe.yaml: 1 turn, 1 speaker")


def test_a_5000_digit_number_is_one_line_with_exit_2(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text("showscribe: 1\nepisode:\n  number: " + "7" * 5000 + "\n")
    code, _, err, _ = showscribe("check", str(path))
    assert code == 2
    assert err == f"showscribe: {path}:3: a number of 5,000 digits is too long to read\n"
