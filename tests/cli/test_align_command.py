"""`showscribe align`: turn times from the audio, the progress line, exit codes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.audio.align import sphinx
from editor.audio.align.base import AlignmentResult, TurnTime, WordTime
from editor.cli import main
from editor.core import save_project
from editor.core.commands import SetTurnText
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
    # the words it heard keep their times, from each turn's start, in order
    timed = [turn for turn in aligned.turns if turn.words is not None]
    assert len(timed) >= len(aligned.turns) // 2
    for turn in timed:
        assert len(turn.words) == len(turn.text.split())
        known = [w for w in turn.words if w is not None]
        assert known == sorted(known) and known[0] >= 0

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
    before = sample_copy.read_bytes()
    code, out, err = run(["align", str(sample_copy)], capsys)
    assert code == 2
    assert err == (f"showscribe: {sample_copy}: no speech model for the episode's language "
                   "'fi': only English ships; give a pocketsphinx model folder for it with "
                   "--model FOLDER\n")
    assert sample_copy.read_bytes() == before


class FakeAligner:
    """Hears every word 250 ms after the one before, from 100 ms after each turn's
    start; unsure of the turns and words it is told to be."""

    unsure_turns: set[int] = set()
    unsure_words: set[tuple[int, int]] = set()

    def __init__(self, language: str, model_dir=None) -> None:
        self.language = language

    def align(self, audio, turns, progress=None, cancel=None):
        aligned = []
        for t, turn in enumerate(turns):
            words = tuple(WordTime(turn.start + 100 + 250 * w, turn.start + 300 + 250 * w,
                                   0.1 if (t, w) in self.unsure_words else 0.9)
                          for w in range(len(turn.text.split())))
            aligned.append(TurnTime(turn.start + 100, 0.1 if t in self.unsure_turns else 0.9,
                                    words))
        if progress:
            progress(1.0)
        return AlignmentResult(turns=aligned, duration=10 ** 7)


@pytest.fixture
def fake_aligner(monkeypatch):
    FakeAligner.unsure_turns, FakeAligner.unsure_words = {2}, {(0, 1), (3, 0)}
    monkeypatch.setattr(sphinx, "PocketsphinxAligner", FakeAligner)
    return FakeAligner


def test_align_stores_the_word_times_it_heard(sample_copy, fake_aligner, capsys):
    project = load_project(sample_copy)
    for turn in project.turns[:4]:
        turn.estimated = True
    save_project(project, sample_copy)
    code, out, err = run(["align", str(sample_copy)], capsys)
    assert code == 0, err
    aligned = load_project(sample_copy)
    assert sample_copy.read_bytes().startswith(b"showscribe: 3\n")
    first = aligned.turns[0]
    assert first.start == project.turns[0].start + 100 and not first.estimated
    assert first.words[:3] == (0, None, 500)                  # an unsure word has no time
    assert aligned.turns[2].estimated                          # an unsure turn stays estimated
    assert aligned.turns[3].estimated and aligned.turns[3].words[0] is None   # first word unsure
    # a confirmed turn keeps its start and gets its words, from that start
    fifth = aligned.turns[4]
    assert fifth.start == project.turns[4].start and not fifth.estimated
    assert fifth.words[:2] == (100, 350)
    assert out.splitlines()[0].endswith(f", {len(aligned.turns)} with word times")
    assert all(turn.words is not None for turn in aligned.turns)


def test_aligning_again_after_an_edit_times_the_new_words(sample_copy, fake_aligner, capsys):
    code, out, err = run(["align", str(sample_copy), "--all"], capsys)
    assert code == 0, err
    project = load_project(sample_copy)
    text = project.turns[1].text
    project.history.push(SetTurnText(project, 1, "Well, " + text))
    assert project.turns[1].words[0] is None
    assert project.turns[1].words[1:] == load_project(sample_copy).turns[1].words
    save_project(project, sample_copy)
    code, out, err = run(["align", str(sample_copy), "--all"], capsys)
    assert code == 0, err
    again = load_project(sample_copy)
    assert again.turns[1].words[:2] == (0, 250)
