"""`showscribe align`: turn times from the audio, the progress line, exit codes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import save_project
from editor.core.projectfile import load_project

SAMPLE = Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"

pytestmark = pytest.mark.usefixtures("speech_model")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "sample")
    return tmp_path / "sample" / "episode.showscribe.yaml"


@pytest.mark.slow
def test_align_times_the_estimated_turns_and_keeps_the_confirmed(sample_copy, tmp_path, capsys):
    truth = load_project(sample_copy)
    project = load_project(sample_copy)
    # Forget the times of the first chapter's turns; keep one confirmed but wrong.
    for turn in project.turns[:5]:
        turn.start, turn.estimated = 0, True
    project.turns[5].start = project.turns[5].start + 3000
    save_project(project, sample_copy)
    out_file = tmp_path / "aligned.showscribe.yaml"
    code, out, err = run(["align", str(sample_copy), "-o", str(out_file)], capsys)
    assert code == 0, err
    assert "aligning episode.mp3: 0%" in err and err.rstrip().endswith("aligning episode.mp3: 100%")
    aligned = load_project(out_file)
    for before, after in zip(truth.turns[:5], aligned.turns[:5]):
        assert abs(after.start - before.start) <= 100 and not after.estimated
    assert aligned.turns[5].start == truth.turns[5].start + 3000      # confirmed: untouched
    assert load_project(sample_copy).turns[0].estimated               # -o: input unchanged
    assert out.startswith(f"{out_file.name}: {len(truth.turns)} turns, ")

    code, out, err = run(["align", str(out_file), "--all"], capsys)
    assert code == 0, err
    realigned = load_project(out_file)
    assert abs(realigned.turns[5].start - truth.turns[5].start) <= 100
    assert not realigned.turns[5].estimated


def test_align_without_audio_exits_2_with_one_line(tmp_path, sample_copy, capsys):
    project = load_project(sample_copy)
    project.audio_path = None
    path = tmp_path / "no-audio.showscribe.yaml"
    save_project(project, path)
    code, out, err = run(["align", str(path)], capsys)
    assert code == 2 and out == ""
    assert err == f"showscribe: {path}: the project has no audio file; give --audio\n"


def test_align_with_missing_audio_or_project_exits_2(tmp_path, sample_copy, capsys):
    before = sample_copy.read_bytes()
    code, out, err = run(["align", str(sample_copy), "--audio", str(tmp_path / "gone.mp3")],
                         capsys)
    assert code == 2 and err == f"showscribe: {tmp_path / 'gone.mp3'}: file not found\n"
    assert sample_copy.read_bytes() == before
    code, out, err = run(["align", str(tmp_path / "none.showscribe.yaml")], capsys)
    assert code == 2 and err.startswith("showscribe: ") and err.count("\n") == 1


def test_align_in_a_language_without_a_model_says_what_to_do(sample_copy, capsys):
    project = load_project(sample_copy)
    project.episode.language = "fi"
    save_project(project, sample_copy)
    code, out, err = run(["align", str(sample_copy)], capsys)
    assert code == 2
    assert "'fi'" in err and "Preferences" in err and err.count("\n") == 1
