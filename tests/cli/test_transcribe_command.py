"""`showscribe transcribe`: a draft project from the audio alone, its exit codes.

On real speech: the sample episode (espeak-ng voices) and a flite episode from
benchmarks/bench_align.py's generator, both with their true text and turn
starts. The recogniser is rough, so the word error rate is measured and held
to a bound, not expected to be low.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_align import Voices, make_episode
from editor.cli import main
from editor.core.projectfile import load_project
from scoring import nearest, word_error_rate

SAMPLE = Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"

pytestmark = pytest.mark.usefixtures("speech_model")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_missing_audio_exits_2_naming_it(tmp_path, capsys):
    out_file = tmp_path / "draft.showscribe.yaml"
    code, out, err = run(["transcribe", str(tmp_path / "gone.mp3"), "-o", str(out_file)],
                         capsys)
    assert (code, out) == (2, "")
    assert err == f"showscribe: {tmp_path / 'gone.mp3'}: file not found\n"
    assert not out_file.exists()


def test_a_file_that_is_not_audio_exits_2_in_one_line_and_writes_nothing(tmp_path, capsys):
    notes = tmp_path / "notes.mp3"
    notes.write_text("These are show notes, not audio.\n" * 20)
    out_file = tmp_path / "draft.showscribe.yaml"
    code, out, err = run(["transcribe", str(notes), "-o", str(out_file)], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"showscribe: {notes}: cannot decode it as audio")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == [notes]


def test_an_existing_output_is_kept_unless_forced(tmp_path, capsys):
    out_file = tmp_path / "draft.showscribe.yaml"
    out_file.write_text("mine\n")
    audio = SAMPLE / "audio" / "episode.mp3"
    code, out, err = run(["transcribe", str(audio), "-o", str(out_file)], capsys)
    assert (code, out) == (2, "")
    assert err == f"showscribe: {out_file}: already exists; give --force to replace it\n"
    assert out_file.read_text() == "mine\n"


def test_an_output_in_a_missing_folder_is_refused_before_any_work(tmp_path, capsys):
    out_file = tmp_path / "nowhere" / "draft.showscribe.yaml"
    audio = SAMPLE / "audio" / "episode.mp3"
    code, out, err = run(["transcribe", str(audio), "-o", str(out_file)], capsys)
    assert (code, out) == (2, "")
    assert err == f"showscribe: {out_file}: the folder {out_file.parent} does not exist\n"


def _draft_of(audio: Path, out_file: Path, capsys, *extra: str):
    code, out, err = run(["transcribe", str(audio), "-o", str(out_file), *extra], capsys)
    assert code == 0, err
    return load_project(out_file), out, err


def _check_turns(draft, true_starts: list[int]) -> list[int]:
    """The draft's turns are in time order, confirmed, all one placeholder
    speaker; the distance of each turn start from the nearest true one."""
    starts = [turn.start for turn in draft.turns]
    assert starts == sorted(set(starts))
    assert not any(turn.estimated for turn in draft.turns)
    assert {turn.speaker for turn in draft.turns} == {draft.speakers[0].id}
    assert draft.speakers[0].name == "Speaker 1"
    # The word times are in the file: each word's start from its turn's.
    for turn in draft.turns:
        assert turn.words is not None and len(turn.words) == len(turn.text.split())
        assert turn.words[0] == 0 and list(turn.words) == sorted(turn.words)
    return [nearest(start, true_starts) for start in starts]


@pytest.mark.slow
def test_the_sample_episode_gets_a_rough_draft(tmp_path, capsys):
    truth = load_project(SAMPLE / "episode.showscribe.yaml")
    out_file = tmp_path / "draft.showscribe.yaml"
    draft, out, err = _draft_of(SAMPLE / "audio" / "episode.mp3", out_file, capsys)
    assert "transcribing episode.mp3: 0%" in err
    assert err.rstrip().endswith("transcribing episode.mp3: 100%")
    assert out.startswith(f"{out_file.name}: a rough draft: {len(draft.turns)} turns, ")
    assert draft.audio_path == (SAMPLE / "audio" / "episode.mp3").resolve()
    assert abs(draft.audio_duration - truth.audio_duration) <= 50
    # The sample has no pause of 1.5 s: its turns are cut for length, at the
    # longest pause, which is most often the one between two speakers.
    offsets = _check_turns(draft, [turn.start for turn in truth.turns])
    assert len(draft.turns) >= truth.audio_duration // 20000
    assert sum(offset <= 400 for offset in offsets) >= 0.6 * len(offsets), offsets
    # espeak-ng's voices are far from the speech the model learnt from: 0.86
    # and 0.87 were measured, so most words are wrong; the bound still fails
    # a draft with nothing or nonsense in it.
    wer = word_error_rate([turn.text for turn in truth.turns],
                          [turn.text for turn in draft.turns])
    assert wer <= 0.92, wer
    said, heard = (sum(len(t.text.split()) for t in turns) for turns in (truth.turns, draft.turns))
    assert 0.5 * said <= heard <= 1.5 * said


@pytest.fixture(scope="module")
def flite_episode(tmp_path_factory, flite):
    # Pauses between turns as long as a draft cuts at; inside turns far shorter.
    folder = tmp_path_factory.mktemp("flite")
    return make_episode(folder, 1.2, "clean", seed=11, voices=Voices(folder),
                        turn_pause=(1800, 2600))


@pytest.mark.slow
def test_a_flite_episode_gets_a_turn_at_each_long_pause(flite_episode, tmp_path, capsys):
    episode = flite_episode
    out_file = tmp_path / "draft.showscribe.yaml"
    out_file.write_text("an older draft\n")
    draft, _out, _err = _draft_of(episode.audio, out_file, capsys, "--force")
    true_starts = episode.truth.turn_starts
    offsets = _check_turns(draft, true_starts)
    assert max(offsets) <= 300, offsets
    # Every true turn begins a draft turn (its first word may be missed).
    found = [nearest(start, [turn.start for turn in draft.turns]) for start in true_starts]
    assert sum(offset <= 600 for offset in found) >= len(true_starts) - 1, found
    wer = word_error_rate([turn.text for turn in episode.turns],
                          [turn.text for turn in draft.turns])
    assert wer <= 0.60, wer           # 0.47 measured
