"""Importing chapters or a transcript into the open project: one undo step."""
from __future__ import annotations

import pytest

from editor.core.apply_import import apply_import
from editor.core.model import Chapter, Project, Speaker, Turn
from editor.core.speakers import PALETTE

from helpers import dump, small_project


def imported_transcript() -> Project:
    other = Project()
    other.speakers = [Speaker("s1", "bo", "#111111"), Speaker("s2", "Dana Ng", "#222222")]
    other.turns = [Turn(0, "s1", "Hi."), Turn(2_000, "s2", "Hello.\nSecond."),
                   Turn(5_000, "", "Nobody.")]
    return other


def test_transcript_matches_speakers_by_name_and_adds_new_ones():
    project = small_project()
    before = dump(project)
    apply_import(project, imported_transcript(), "transcript")
    names = [project.speaker_name(t.speaker) for t in project.turns]
    assert names == ["Bo", "Dana Ng", ""]
    assert [t.text for t in project.turns] == ["Hi.", "Hello.\nSecond.", "Nobody."]
    dana = project.speaker(project.turns[1].speaker)
    assert dana.color == "#222222" and dana.slot == 3  # Ann has 1, Bo 2
    assert project.history.undo_text == "Import transcript"
    project.history.undo()
    assert dump(project) == before
    project.history.redo()
    assert [t.text for t in project.turns][0] == "Hi."


def test_a_new_speaker_whose_colour_is_taken_gets_the_next_free_one():
    project = small_project()                   # Ann has PALETTE[0]
    project.speakers[1].color = PALETTE[1]
    project.speakers[2].color = "#16a34a"
    other = Project()
    other.speakers = [Speaker("s1", "Dana", PALETTE[0]), Speaker("s2", "Eli", "#16a34a"),
                      Speaker("s3", "Fay", "#123456")]
    other.turns = [Turn(0, "s1", "Hi."), Turn(1_000, "s2", "Yo."), Turn(2_000, "s3", "Hey.")]
    apply_import(project, other, "transcript")
    added = {s.name: (s.color, s.slot) for s in project.speakers[3:]}
    assert added == {"Dana": (PALETTE[2], 3), "Eli": (PALETTE[3], 4), "Fay": ("#123456", 5)}


def test_chapters_replace_the_list_in_one_step():
    project = small_project()
    before = dump(project)
    other = Project()
    other.chapters = [Chapter(0, "A"), Chapter(10_000, "B", url="https://x.org", toc=False)]
    apply_import(project, other, "chapters")
    assert [(c.start, c.title, c.toc) for c in project.chapters] == \
        [(0, "A", True), (10_000, "B", False)]
    assert len(project.turns) == len(small_project().turns)  # turns untouched
    project.history.undo()
    assert dump(project) == before


def test_show_notes_are_not_merged_into_an_open_project():
    with pytest.raises(ValueError):
        apply_import(small_project(), Project(), "shownotes")
