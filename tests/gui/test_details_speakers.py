"""The episode details and speakers panels: every edit a core command, undo and
redo shown at once, the speakers model under qtmodeltester."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog

from editor.core.commands import AddSpeaker, MergeSpeakers, SetEpisodeField
from editor.core.model import Credit, Link, Project, Speaker, Turn, date_problem
from editor.core.speakers import PALETTE
from editor.gui.details import EpisodePanel, split_names
from editor.gui.speakers import SpeakersModel, SpeakersPanel
from editor.gui.transcript.colors import TEXT_CONTRAST, contrast, readable


def make_project() -> Project:
    project = Project()
    project.speakers = [Speaker("a", "Ann", "#111111", 1), Speaker("b", "Bo", "#222222", 2)]
    project.turns = [Turn(0, "a", "hi"), Turn(1000, "b", "hello"), Turn(2000, "a", "bye")]
    return project


def test_split_names():
    assert split_names("Tom Rebane and Ann Sild, Lea & Mo") == \
        ("Tom Rebane", "Ann Sild", "Lea", "Mo")
    assert split_names("  ") == ()


def test_every_field_edits_through_commands(qtbot):
    project = make_project()
    panel = EpisodePanel(project)
    qtbot.addWidget(panel)
    panel.edits["subtitle"].textEdited.emit("A sub")
    panel.edits["number"].textEdited.emit("17")
    panel.edits["description"].setPlainText("Line one\nLine two")
    panel.edits["date"].setText("2026-05-14")
    panel.edits["date"].editingFinished.emit()
    episode = project.episode
    assert (episode.subtitle, episode.number, episode.description, episode.date) == \
        ("A sub", 17, "Line one\nLine two", "2026-05-14")
    panel.edits["number"].textEdited.emit("")
    assert episode.number is None
    project.history.undo()
    assert episode.number == 17


def test_a_date_the_core_refuses_shows_its_message_and_changes_nothing(qtbot):
    project = make_project()
    panel = EpisodePanel(project)
    qtbot.addWidget(panel)
    panel.show()
    panel.edits["date"].setText("2025-W11-5")     # Python alone would read this
    panel.edits["date"].editingFinished.emit()
    assert project.episode.date is None and not project.history.can_undo
    assert panel.message.isVisible()
    assert panel.message.text() == date_problem("2025-W11-5")
    panel.edits["date"].setText("")
    panel.edits["date"].editingFinished.emit()
    assert not panel.message.isVisible() and project.episode.date is None


def test_links_and_credits_tables(qtbot):
    project = make_project()
    panel = EpisodePanel(project)
    qtbot.addWidget(panel)
    panel.credits.set_rows([("Hosted", "Ann and Bo")])
    panel._on_credits_edited()
    assert project.episode.credits == (Credit("Hosted", ("Ann", "Bo")),)
    panel.links.set_rows([("Site", "https://x.example"), ("Subscribe", "")])
    panel._on_links_edited()
    assert project.episode.links == (Link("Site", "https://x.example"), Link("Subscribe"))
    project.history.undo()
    assert panel.links.rows() == []
    project.history.undo()
    assert panel.credits.rows() == []


def test_the_panel_shows_undo_and_redo(qtbot):
    project = make_project()
    panel = EpisodePanel(project)
    qtbot.addWidget(panel)
    project.history.push(SetEpisodeField(project, "title", "Pushed"))
    assert panel.edits["title"].text() == "Pushed"
    project.history.undo()
    assert panel.edits["title"].text() == ""


def test_the_speakers_model_passes_qtmodeltester(qtmodeltester):
    project = make_project()
    model = SpeakersModel(project)
    qtmodeltester.check(model, force_py=True)
    project.history.push(AddSpeaker(project, Speaker("c", "Cy")))
    project.history.push(MergeSpeakers(project, "b", "a"))
    project.history.undo()
    project.history.undo()
    assert model.rowCount() == 2


def test_rename_applies_to_every_turn_and_refuses_an_empty_name(qtbot):
    project = make_project()
    model = SpeakersModel(project)
    assert model.setData(model.index(0, 0), "Annie")
    assert [project.speaker_name(t.speaker) for t in project.turns] == ["Annie", "Bo", "Annie"]
    with qtbot.waitSignal(model.problem):
        assert not model.setData(model.index(0, 0), "  ")
    with qtbot.waitSignal(model.problem):
        assert not model.setData(model.index(0, 2), "12")
    assert project.speakers[0].slot == 1


def test_add_speaker_takes_a_free_key_and_colour(qtbot):
    project = make_project()
    model = SpeakersModel(project)
    row = model.add_speaker()
    added = project.speakers[row]
    assert added.name == "Speaker 3" and added.slot == 3
    assert added.color not in {"#111111", "#222222"}


@pytest.mark.parametrize("background", ["#ffffff", "#f5f5f5", "#1e1e1e", "#2d2d2d"])
def test_the_palette_stays_readable_and_distinct_in_light_and_dark_themes(qapp, background):
    """Shown as the transcript shows speakers: adapted for contrast to the background."""
    base = QColor(background)
    shown = [readable(QColor(color), base) for color in PALETTE]
    assert all(contrast(color, base) >= TEXT_CONTRAST for color in shown)
    assert len({color.name() for color in shown}) == len(PALETTE)
    hues = sorted(color.hslHueF() for color in shown if color.hslSaturationF() > 0.2)
    assert len(hues) == len(PALETTE) - 1           # all but the grey have a hue of their own
    assert min(b - a for a, b in zip(hues, hues[1:])) > 0.015


def test_merge_into_asks_for_the_target(qtbot, monkeypatch):
    project = make_project()
    panel = SpeakersPanel(project)
    qtbot.addWidget(panel)
    panel.table.setCurrentIndex(panel.model.index(1, 0))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("Ann", True))
    panel.merge_selected()
    assert [t.speaker for t in project.turns] == ["a", "a", "a"]
    assert [s.id for s in project.speakers] == ["a"]
