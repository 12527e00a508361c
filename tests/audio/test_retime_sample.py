"""Replace Audio in the core with the real aligner: the sample episode re-timed to
a copy of its audio with 20 s cut out of the middle."""
from __future__ import annotations

from pathlib import Path

import pytest

from editor.audio.align import TurnText
from editor.audio.align.sphinx import PocketsphinxAligner
from editor.core.projectdump import project_to_data
from editor.core.projectfile import load_project
from editor.core.retime import retime_to_audio

from recut import CUT_MS, cut_out, moved_as_cut

SAMPLE = Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"

pytestmark = pytest.mark.slow


def test_a_cut_moves_what_follows_it_20_s_earlier_and_one_undo_restores_all(ffmpeg,
                                                                            tmp_path):
    project = load_project(SAMPLE / "episode.showscribe.yaml")
    recut = cut_out(ffmpeg, project.audio_path, tmp_path / "recut.mp3")
    before = project_to_data(project)
    old_turns = [(t.start, t.estimated, t.text) for t in project.turns]
    old_chapters = [c.start for c in project.chapters]
    old_duration = project.audio_duration

    result = PocketsphinxAligner().align(recut, [TurnText(t.start, t.text)
                                                 for t in project.turns])
    missing = retime_to_audio(project, recut, result)

    new = [t.start for t in project.turns]
    assert new == sorted(new)
    assert [t.text for t in project.turns] == [text for _, _, text in old_turns]
    checked = {True: 0, False: 0}
    for (old, estimated, _), turn in zip(old_turns, project.turns):
        moved = moved_as_cut(old, turn.start)
        if not estimated and moved is not None:     # the sample's last turns are estimates
            assert moved, (turn.text[:40], old, turn.start)
            checked[old >= CUT_MS[1]] += 1
    assert checked[False] >= 10 and checked[True] >= 3
    for old, chapter in zip(old_chapters, project.chapters):
        assert moved_as_cut(old, chapter.start), (chapter.title, old, chapter.start)
    assert old_chapters[-1] > CUT_MS[1]                 # one chapter comes after the cut

    # Dana's turn at 01:42 is wholly cut: its time is a guess, in a passage listed.
    dana = next(k for k, (old, _, _) in enumerate(old_turns) if old == 102_074)
    assert project.turns[dana].estimated
    assert any(p.first[0] <= dana <= p.last[0] for p in result.unspoken), result.unspoken
    assert any(line.startswith("Not in the new audio: \u201c") for line in missing), missing
    assert project.audio_path == recut
    assert abs(project.audio_duration - (old_duration - 20_000)) <= 100

    assert project.history.undo_text == "Replace audio"
    project.history.undo()
    assert project_to_data(project) == before

