"""Cutting turns into caption cues (shared by WebVTT and SRT): as few cues as
hold a paragraph, balanced; lines balanced; at least a second each where the
turn has room; never a cue across turns."""
from __future__ import annotations

import srt as srtlib

from editor.core.formats import srt
from editor.core.formats._captions import MIN_CUE_MS, cut_turns
from editor.core.model import Project, Speaker, Turn
from editor.core.textparse import wrap_words


def project_of(*turns: tuple[int, str], duration: int | None = None) -> Project:
    project = Project()
    project.speakers = [Speaker("a", "Ann"), Speaker("b", "Bo")]
    project.turns = [Turn(start, "ab"[n % 2], text) for n, (start, text) in enumerate(turns)]
    project.audio_duration = duration
    return project


def cue_texts(cues) -> list[str]:
    return [" ".join(cue.lines) for cue in cues]


# Filled cue by cue (two lines of 42), the second cue would hold "first." alone.
LONG = ("The harder part was the paperwork, because the building needed a structural "
        "check first.")


# Two full lines of 42: one cue.
FULL_CUE = "The harder part was the paperwork, because the building needed a permit."


def test_a_paragraph_is_cut_into_as_few_cues_as_hold_it_with_even_lengths():
    greedy = wrap_words(LONG.split(), 42)
    assert len(greedy) == 3 and greedy[-1] == "first."    # what filling would leave
    cues = cut_turns(project_of((0, LONG), duration=10_000), 42, 2)
    assert len(cues) == 2
    assert " ".join(cue_texts(cues)) == LONG
    lengths = [len(text) for text in cue_texts(cues)]
    assert max(lengths) - min(lengths) <= 12, cue_texts(cues)
    assert all(len(text.split()) >= 3 for text in cue_texts(cues))


def test_the_lines_of_a_cue_are_balanced_and_within_the_width():
    text = "Stay calm and keep your distance from the swarm"   # 48 characters
    [cue] = cut_turns(project_of((0, text)), 42, 2)
    assert cue.lines == ["Stay calm and keep your", "distance from the swarm"]
    [short] = cut_turns(project_of((0, "Stay calm.")), 42, 2)
    assert short.lines == ["Stay calm."]                       # one line stays one


def test_every_cue_gets_a_second_when_the_turn_has_room():
    # Two paragraphs: by characters alone the one-word paragraph would get 0.25 s.
    project = project_of((0, FULL_CUE + "\nYes."), (5_000, "Next."), duration=8_000)
    cues = cut_turns(project, 42, 2)
    assert [(c.turn, c.paragraph) for c in cues] == [(1, 1), (1, 2), (2, 1)]
    assert cues[1].end - cues[1].start == MIN_CUE_MS
    assert (cues[0].start, cues[1].end) == (0, 5_000)          # the turn's span, exactly
    assert cues[0].end == cues[1].start


def test_a_turn_too_short_for_a_second_a_cue_shares_its_span_evenly():
    project = project_of((0, FULL_CUE + "\nYes."), (1_500, "Next."), duration=4_000)
    cues = cut_turns(project, 42, 2)
    assert [(c.start, c.end) for c in cues[:2]] == [(0, 750), (750, 1_500)]
    assert cues[2].start == 1_500                              # nothing runs into Bo's turn


def test_a_cue_never_runs_across_turns():
    project = project_of((0, "Hi."), (400, "Hello there, how are you doing today?"),
                         (900, "Fine."), duration=5_000)
    cues = cut_turns(project, 42, 2)
    assert [(c.turn, c.start, c.end, c.speaker) for c in cues] == [
        (1, 0, 400, "Ann"), (2, 400, 900, "Bo"), (3, 900, 5_000, "Ann")]


def test_srt_of_the_sample_read_by_the_srt_library(sample_dir):
    from editor.core.projectfile import load_project
    project = load_project(sample_dir / "sample-episode" / "episode.showscribe.yaml")
    subtitles = list(srtlib.parse(srt.write(project)))
    for subtitle in subtitles:
        lines = subtitle.content.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 32 for line in lines), lines
        assert len(subtitle.content.split()) >= 3, subtitle.content
        assert (subtitle.end - subtitle.start).total_seconds() >= 1.2, subtitle
    starts = [t.start for t in project.turns]
    firsts = [s for s in subtitles if round(s.start.total_seconds() * 1000) in starts]
    assert [s.content.split(":")[0] for s in firsts] == [
        project.speaker_name(t.speaker) for t in project.turns]
