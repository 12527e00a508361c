"""What a first day with the editor showed, seen through the whole window: the
chapter being played is marked as playback moves, a speaker's rename reaches the
credits, and a long episode shows every time in one width."""
from __future__ import annotations

from PySide6.QtCore import Qt

from editor.core.commands import SetAudio


def test_the_chapters_list_marks_the_chapter_being_played(window, qtbot):
    chapters = window.project.chapters
    panel = window.chapters_panel
    target = chapters[2].start + 1_500
    window.playback.seek(target)
    qtbot.waitUntil(lambda: panel.model.playing == 2, timeout=3000)
    font = panel.model.data(panel.model.index(2, 1), Qt.ItemDataRole.FontRole)
    assert font.bold()
    window.playback.seek(chapters[1].start + 500)
    qtbot.waitUntil(lambda: panel.model.playing == 1, timeout=3000)


def test_renaming_a_speaker_renames_their_credits_in_one_undo_step(window):
    project = window.project
    model = window.speakers_panel.model
    assert project.speakers[0].name == "Callum Reid"
    assert model.setData(model.index(0, 0), "Cal Reid")
    assert project.episode.credits[0].names == ("Cal Reid", "Dana Whitfield")
    details = window.episode_panel.credits.rows()
    assert details[0] == ("Hosted", "Cal Reid, Dana Whitfield")
    window.actions_by_id["undo"].trigger()
    assert project.speakers[0].name == "Callum Reid"
    assert project.episode.credits[0].names == ("Callum Reid", "Dana Whitfield")


def test_an_episode_over_an_hour_shows_times_in_one_width(window, qtbot):
    project = window.project
    project.history.push(SetAudio(project, project.audio_path, 2 * 3_600_000))
    model = window.chapters_panel.model
    assert model.data(model.index(1, 0)) == project.clock(project.chapters[1].start)
    assert model.data(model.index(1, 0)).count(":") == 2
    assert window.transcript.gutter.time_text(0).lstrip("~").count(":") == 2
    window.status_line.show_position(65_000)
    assert window.status_line.position_label.text() == "0:01:05"
