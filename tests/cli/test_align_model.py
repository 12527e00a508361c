"""`showscribe align --model FOLDER`: the speech model for an episode in a language
that has none shipped; a folder that is no model is refused in one line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import save_project
from editor.core.projectfile import load_project

SAMPLE = Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"


@pytest.fixture
def xx_sample(tmp_path: Path) -> Path:
    """A copy of the sample whose episode says its language is "xx"."""
    shutil.copytree(SAMPLE, tmp_path / "sample")
    path = tmp_path / "sample" / "episode.showscribe.yaml"
    project = load_project(path)
    project.episode.language = "xx"
    save_project(project, path)
    return path


def test_a_model_folder_that_is_no_model_exits_2_in_one_line(xx_sample, tmp_path, capsys):
    fake = tmp_path / "fake-model"
    fake.mkdir()
    (fake / "notes.txt").write_text("not a model\n")
    before = xx_sample.read_bytes()
    code = main(["align", str(xx_sample), "--model", str(fake)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == (f"showscribe: {fake}: not a pocketsphinx model folder (it needs an "
                   "acoustic model with mdef and a .dict file)\n")
    assert xx_sample.read_bytes() == before


@pytest.mark.slow
def test_a_model_folder_given_for_the_language_is_used(xx_sample, tmp_path, capsys):
    from pocketsphinx import get_model_path
    model = tmp_path / "model-xx"
    shutil.copytree(get_model_path("en-us/en-us"), model / "acoustic")
    shutil.copy(get_model_path("en-us/cmudict-en-us.dict"), model / "words.dict")
    truth = load_project(xx_sample)
    project = load_project(xx_sample)
    for turn in project.turns[:5]:
        turn.start, turn.estimated = 0, True
    save_project(project, xx_sample)
    code = main(["align", str(xx_sample), "--model", str(model)])
    out, err = capsys.readouterr()
    assert code == 0, err
    aligned = load_project(xx_sample)
    for before, after in zip(truth.turns[:5], aligned.turns[:5]):
        assert abs(after.start - before.start) <= 100 and not after.estimated
