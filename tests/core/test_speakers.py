"""Speaker rules in editor/core/speakers.py: the palette, the next colour and key
for a new speaker, and which speaker a keyboard slot picks; and the project a new
audio file starts with (editor/core/newproject.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.builder import ProjectBuilder
from editor.core.model import Project, Speaker, is_color
from editor.core.newproject import new_project_for_audio
from editor.core.speakers import (PALETTE, free_slot, new_speaker, next_color,
                                  speaker_for_slot)

WHITE = "#ffffff"


def _luminance(color: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    def channel(byte: str) -> float:
        value = int(byte, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(color[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def project_with(*speakers: Speaker) -> Project:
    project = Project()
    project.speakers = list(speakers)
    return project


# -- the palette -------------------------------------------------------------------

def test_the_palette_is_nine_distinct_colours_one_per_key():
    assert len(PALETTE) == 9
    assert len(set(c.lower() for c in PALETTE)) == 9
    assert all(is_color(c) for c in PALETTE)


@pytest.mark.parametrize("color", PALETTE)
def test_every_palette_colour_is_readable_as_text_on_white(color):
    assert contrast(color, WHITE) >= 4.5


# -- the next colour -----------------------------------------------------------------

def test_a_new_speaker_takes_the_first_colour_nobody_has():
    project = project_with(Speaker("a", "A", PALETTE[0]), Speaker("b", "B", PALETTE[2]))
    assert next_color(project) == PALETTE[1]


def test_colours_outside_the_palette_do_not_use_it_up():
    project = project_with(Speaker("a", "A", "#111111"), Speaker("b", "B", "#222222"))
    assert next_color(project) == PALETTE[0]


def test_once_the_palette_is_used_up_speakers_go_round_it_again():
    project = Project()
    for n in range(len(PALETTE) * 2 + 1):
        project.speakers.append(new_speaker(project, f"Person {n}"))
    colours = [s.color for s in project.speakers]
    assert colours == list(PALETTE) + list(PALETTE) + [PALETTE[0]]


def test_after_the_palette_the_least_used_colour_comes_next():
    project = project_with(*(Speaker(f"s{i}", "S", c) for i, c in enumerate(PALETTE)),
                           Speaker("x", "X", PALETTE[0]), Speaker("y", "Y", PALETTE[1]))
    assert next_color(project) == PALETTE[2]


# -- the next free key --------------------------------------------------------------

def test_the_free_slot_is_the_lowest_nobody_has():
    project = project_with(Speaker("a", "A", slot=1), Speaker("b", "B", slot=3),
                           Speaker("c", "C", slot=None))
    assert free_slot(project) == 2


def test_there_is_no_free_slot_once_nine_are_taken():
    project = project_with(*(Speaker(f"s{n}", "S", slot=n) for n in range(1, 10)))
    assert free_slot(project) is None
    assert new_speaker(project, "Tenth").slot is None


def test_a_new_speaker_gets_an_unused_id_colour_and_key():
    project = project_with(Speaker("ann", "Ann", PALETTE[0], 1))
    speaker = new_speaker(project, "Ann")
    assert (speaker.id, speaker.name, speaker.color, speaker.slot) == \
        ("ann-2", "Ann", PALETTE[1], 2)
    assert project.speakers == [Speaker("ann", "Ann", PALETTE[0], 1)]   # not added


def test_readers_build_speakers_by_the_same_rules():
    builder = ProjectBuilder()
    for n in range(11):
        builder.speaker(f"Person {n}")
    speakers = builder.project().speakers
    assert [s.slot for s in speakers] == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None]
    assert [s.color for s in speakers] == list(PALETTE) + [PALETTE[0], PALETTE[1]]


# -- the speaker for a key slot ---------------------------------------------------------

def test_a_slot_picks_the_speaker_that_has_it():
    project = project_with(Speaker("a", "A", slot=2), Speaker("b", "B", slot=1),
                           Speaker("c", "C", slot=None))
    assert speaker_for_slot(project, 1).id == "b"
    assert speaker_for_slot(project, 2).id == "a"


def test_a_slot_no_speaker_has_picks_nobody():
    project = project_with(Speaker("a", "A", slot=1), Speaker("b", "B", slot=None),
                           Speaker("c", "C", slot=None))
    # Not the third speaker: once any speaker has a key, keys are what count.
    assert speaker_for_slot(project, 3) is None
    assert speaker_for_slot(project, 9) is None


def test_two_speakers_on_one_slot_the_first_listed_wins():
    project = project_with(Speaker("a", "A", slot=None), Speaker("b", "B", slot=4),
                           Speaker("c", "C", slot=4))
    assert speaker_for_slot(project, 4).id == "b"


def test_without_any_keys_the_slot_counts_speakers_in_order():
    project = project_with(Speaker("a", "A"), Speaker("b", "B"), Speaker("c", "C"))
    assert [speaker_for_slot(project, n).id for n in (1, 2, 3)] == ["a", "b", "c"]
    assert speaker_for_slot(project, 4) is None
    assert speaker_for_slot(project, 0) is None
    assert speaker_for_slot(Project(), 1) is None


# -- a new project for an audio file ----------------------------------------------------

def test_a_new_project_for_audio_is_ready_to_transcribe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = new_project_for_audio(Path("audio") / "Episode 12.mp3", 1_234_567)
    assert project.episode.title == "Episode 12"
    assert project.audio_path == tmp_path / "audio" / "Episode 12.mp3"
    assert project.audio_duration == 1_234_567
    assert [(s.id, s.name, s.color, s.slot) for s in project.speakers] == \
        [("speaker-1", "Speaker 1", PALETTE[0], 1), ("speaker-2", "Speaker 2", PALETTE[1], 2)]
    assert [(t.start, t.speaker, t.text, t.estimated) for t in project.turns] == \
        [(0, "speaker-1", "", False)]
    assert project.turn_starts() == [0]
    assert project.path is None and project.history.is_clean


def test_a_new_project_for_audio_of_unknown_length():
    project = new_project_for_audio(Path("/podcasts/x.ogg"), None)
    assert project.audio_duration is None
    assert project.audio_path == Path("/podcasts/x.ogg")
