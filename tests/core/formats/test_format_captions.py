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


def test_a_paragraph_is_cut_into_as_few_cues_as_hold_it_at_its_comma():
    greedy = wrap_words(LONG.split(), 42)
    assert len(greedy) == 3 and greedy[-1] == "first."    # what filling would leave
    cues = cut_turns(project_of((0, LONG), duration=10_000), 42, 2)
    assert len(cues) == 2
    assert " ".join(cue_texts(cues)) == LONG
    # Two cues fit only with the cut near the middle: the comma is there.
    assert cue_texts(cues)[0] == "The harder part was the paperwork,"
    assert all(len(text.split()) >= 3 for text in cue_texts(cues))


def test_a_sentence_end_is_a_better_cut_than_a_comma_or_a_word():
    text = ("We knocked on every door before the colony came. A few people, "
            "mostly the older ones, were nervous about stings.")
    cues = cut_turns(project_of((0, text), duration=10_000), 42, 2)
    assert cue_texts(cues)[0] == "We knocked on every door before the colony came."
    # Without the full stop, the comma is taken.
    cues = cut_turns(project_of((0, text.replace("came.", "came")), duration=10_000), 42, 2)
    assert cue_texts(cues)[0] == "We knocked on every door before the colony came A few people,"


def test_the_lines_of_a_cue_are_balanced_and_within_the_width():
    text = "Stay calm and keep your distance from the swarm"   # 48 characters
    [cue] = cut_turns(project_of((0, text)), 42, 2)
    assert cue.lines == ["Stay calm and keep your", "distance from the swarm"]
    [short] = cut_turns(project_of((0, "Stay calm.")), 42, 2)
    assert short.lines == ["Stay calm."]                       # one line stays one


def test_a_paragraph_too_short_for_a_cue_shares_one_with_its_neighbour():
    # By word length "Yes." gets about 0.3 s of the turn: it joins the cue
    # before it, the paragraph break between the cue's two lines.
    project = project_of((0, FULL_CUE + "\nYes."), (5_000, "Next."), duration=8_000)
    cues = cut_turns(project, 42, 2)
    assert [(c.turn, c.paragraph, c.piece) for c in cues] == [(1, 1, 1), (1, 1, 2), (2, 1, 1)]
    assert cues[1].lines[-1] == "Yes." and cues[1].break_line == len(cues[1].lines)
    assert [c.break_line for c in (cues[0], cues[2])] == [None, None]
    assert all(c.end - c.start >= MIN_CUE_MS for c in cues)
    assert (cues[0].start, cues[1].end) == (0, 5_000)          # the turn's span, exactly
    assert cues[0].end == cues[1].start
    # Long enough for a cue of its own, a paragraph starts one.
    project = project_of((0, "Yes, I think so.\n" + FULL_CUE), duration=8_000)
    assert [(c.paragraph, c.break_line) for c in cut_turns(project, 42, 2)] == [
        (1, None), (2, None)]


def test_a_turn_shorter_than_a_second_is_one_short_cue():
    project = project_of((0, "Oh.\nYes, fine."), (600, "Next."), duration=4_000)
    cues = cut_turns(project, 42, 2)
    assert [(c.start, c.end, c.lines, c.break_line) for c in cues[:1]] == [
        (0, 600, ["Oh.", "Yes, fine."], 2)]
    assert cues[1].start == 600                                # nothing runs into Bo's turn
    # One that cannot fit one cue is cut all the same: lines come first.
    project = project_of((0, FULL_CUE + "\n" + FULL_CUE), (900, "Next."))
    cues = [c for c in cut_turns(project, 42, 2) if c.turn == 1]
    assert len(cues) == 2 and cues[0].start == 0 and cues[-1].end == 900
    assert all(len(c.lines) <= 2 for c in cues)


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
