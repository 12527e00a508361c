"""File > Import / Export / Embed Chapters / Check in the editor window."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from editor.core import dump_project
from editor.core.commands import DeleteChapter
from editor.core.importing import export_file

PAGE = Path(__file__).resolve().parents[1] / "core" / "shownotes" / "data" / "page.txt"


def test_the_file_menu_offers_publishing(window):
    for action_id in ("import", "import_page", "export", "embed_chapters", "check"):
        assert action_id in window.actions_by_id
    assert window.actions_by_id["embed_chapters"].isEnabled()  # sample: MP3 + chapters


def test_importing_a_transcript_is_one_undo_step(window, tmp_path):
    before = dump_project(window.project)
    source = tmp_path / "edited.srt"
    export_file(window.project, "srt", source)
    source.write_text(source.read_text(encoding="utf-8").replace("Rooftop Hours", "Roof Hours"),
                      encoding="utf-8")
    assert window.publishing.import_path(source)
    assert "Roof Hours" in window.project.turns[0].text
    assert window.isWindowModified()
    assert window.actions_by_id["undo"].text() == "&Undo Import transcript"
    window.actions_by_id["undo"].trigger()
    assert dump_project(window.project) == before


def test_importing_chapters_replaces_the_list(window, tmp_path):
    source = tmp_path / "ch.json"
    source.write_text(json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "Start"}, {"startTime": 42.5, "title": "Later"}]}),
        encoding="utf-8")
    assert window.publishing.import_path(source)
    assert [(c.start, c.title) for c in window.project.chapters] == [(0, "Start"),
                                                                    (42_500, "Later")]
    assert window.chapters_panel.table.model().rowCount() == 2


def test_an_import_that_skipped_a_cue_says_so_in_the_status_bar(window, tmp_path):
    source = tmp_path / "partly.vtt"
    source.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello\n\n"
                      "00:00:03.000 --> later\nlost\n", encoding="utf-8")
    assert window.publishing.import_path(source)
    assert [t.text for t in window.project.turns] == ["Hello"]
    assert window.statusBar().currentMessage() == (
        "Imported 1 turns from partly.vtt; partly.vtt:6: 'later' is not a WebVTT "
        "timestamp (HH:MM:SS.mmm, or MM:SS.mmm below an hour) (skipped)")


def test_a_page_becomes_a_new_unsaved_project(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Discard)
    window.project.history.set_unsaved()          # the open project has changes
    assert window.publishing.import_path(PAGE)
    assert asked, "unsaved changes must be asked about"
    assert window.project.path is None
    assert window.project.turns and all(t.estimated for t in window.project.turns)
    assert window.isWindowModified()


def test_a_bad_import_is_a_message_and_changes_nothing(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    before = dump_project(window.project)
    bad = tmp_path / "bad.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 --> soon\nHi\n", encoding="utf-8")
    assert not window.publishing.import_path(bad)
    assert len(shown) == 1 and "bad.vtt:3:" in shown[0]
    assert dump_project(window.project) == before


def test_embed_chapters_writes_a_copy_ffprobe_reads(window, ffmpeg):
    audio = window.project.audio_path
    original = audio.read_bytes()
    target = window.publishing.embed_chapters()
    assert target == audio.with_name("episode.chapters.mp3")
    assert audio.read_bytes() == original
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json",
                            str(target)], capture_output=True, text=True, check=True)
    # In ffprobe's own order: the order players list the chapters in.
    probed = [(round(float(c["start_time"]) * 1000), c["tags"]["title"])
              for c in json.loads(probe.stdout)["chapters"]]
    assert probed == [(c.start, c.title) for c in window.project.chapters]


def test_check_tab_lists_findings_and_jumps_to_them(window):
    window.actions_by_id["check"].trigger()
    assert window.side_tabs.currentWidget() is window.publishing.check_panel
    codes = [f.code for f in window.publishing.check_panel.findings]
    assert "estimated-times" in codes
    finding = window.publishing.check_panel.findings[codes.index("estimated-times")]
    window.publishing.check_panel.jump_requested.emit(*finding.target)
    assert window.transcript.current_turn() == finding.target[1]


def test_check_tab_follows_edits(window, qtbot):
    window.actions_by_id["check"].trigger()
    from editor.core.commands import SetChapterField
    window.project.history.push(SetChapterField(window.project, 1, "title", ""))
    qtbot.waitUntil(lambda: any(f.code == "chapter-without-title"
                                for f in window.publishing.check_panel.findings), timeout=3000)
    panel = window.publishing.check_panel
    chapter = next(f for f in panel.findings if f.code == "chapter-without-title")
    panel.jump_requested.emit(*chapter.target)
    assert window.side_tabs.currentWidget() is window.chapters_panel
    assert window.chapters_panel.selected_row() == 1


def test_embed_chapters_is_enabled_only_while_there_are_chapters(window):
    action = window.actions_by_id["embed_chapters"]
    assert action.isEnabled()
    project = window.project
    with project.history.macro("Delete every chapter"):
        for index in reversed(range(len(project.chapters))):
            project.history.push(DeleteChapter(project, index))
    assert not action.isEnabled()
    window.actions_by_id["undo"].trigger()
    assert action.isEnabled()
