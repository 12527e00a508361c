"""The export dialog, the pasted-page import dialog and the publish-check panel."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.core import load_project
from editor.core.importing import export_text
from editor.gui.publish import CheckPanel, ExportDialog, PastePageDialog

SAMPLE = (Path(__file__).resolve().parents[2] / "sample_projects" / "sample-episode"
          / "episode.showscribe.yaml")
PAGE = Path(__file__).resolve().parents[1] / "core" / "shownotes" / "data" / "page.txt"


@pytest.fixture
def project():
    return load_project(SAMPLE)


def test_export_preview_is_the_exported_text(qtbot, project):
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.current_format().name == "shownotes-text"
    assert dialog.preview_text() == export_text(project, "shownotes-text", transcript=True,
                                                times=False)
    assert dialog.select_format("vtt")
    assert dialog.preview_text().startswith("WEBVTT")
    assert dialog.options() == {}  # VTT takes no show-notes options


def test_export_options_change_the_preview(qtbot, project):
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    with_transcript = dialog.preview_text()
    dialog._transcript.setChecked(False)
    assert "\nTranscript\n" in with_transcript
    assert "\nTranscript\n" not in dialog.preview_text()
    assert dialog.options() == {"transcript": False, "times": False}


def test_export_json_transcript_word_by_word(qtbot, project):
    dialog = ExportDialog(project, initial="shownotes-text")
    qtbot.addWidget(dialog)
    assert not dialog._words.isEnabled()
    assert dialog.select_format("transcript-json")
    assert dialog._words.isEnabled() and not dialog._times.isEnabled()
    assert dialog.options() == {"words": False}
    dialog._words.setChecked(True)
    assert dialog.options() == {"words": True}
    assert dialog.preview_text() == export_text(project, "transcript-json", words=True)
    assert dialog.preview_text() != export_text(project, "transcript-json")


def test_export_writes_the_file(qtbot, project, tmp_path):
    dialog = ExportDialog(project, initial="chapters-json")
    qtbot.addWidget(dialog)
    target = tmp_path / "chapters.json"
    with qtbot.waitSignal(dialog.exported) as signal:
        assert dialog.export_to(str(target))
    assert signal.args == [str(target)]
    assert target.read_text(encoding="utf-8") == export_text(project, "chapters-json")


def test_export_failure_is_a_message_not_a_crash(qtbot, project, tmp_path):
    dialog = ExportDialog(project, initial="srt")
    qtbot.addWidget(dialog)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert not dialog.export_to(str(folder))
    assert dialog._status.text().startswith("Not exported:")
    assert list(folder.iterdir()) == []


def test_copy_puts_the_export_on_the_clipboard(qtbot, project):
    dialog = ExportDialog(project, initial="youtube")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog._copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == export_text(project, "youtube")


def test_paste_dialog_imports_a_page(qtbot):
    dialog = PastePageDialog()
    qtbot.addWidget(dialog)
    dialog.set_text(PAGE.read_text(encoding="utf-8").replace("\n", "\r\n"))
    qtbot.mouseClick(dialog._import, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.project is not None
    assert dialog.project.turns and dialog.project.chapters
    assert all(t.estimated for t in dialog.project.turns)


def test_paste_dialog_points_at_the_bad_line(qtbot):
    dialog = PastePageDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_text("\n\n\n")
    qtbot.mouseClick(dialog._import, Qt.MouseButton.LeftButton)
    assert dialog.project is None
    assert dialog.error_text().startswith("pasted page")
    assert dialog.isVisible()


def test_check_panel_lists_findings_and_jumps(qtbot, project):
    panel = CheckPanel(project)
    qtbot.addWidget(panel)
    codes = {f.code for f in panel.findings}
    assert "estimated-times" in codes  # the sample's last chapter is unconfirmed
    row = next(i for i, f in enumerate(panel.findings) if f.code == "estimated-times")
    first_estimated = next(i for i, t in enumerate(project.turns) if t.estimated)
    with qtbot.waitSignal(panel.jump_requested) as signal:
        panel._list.itemClicked.emit(panel._list.item(row))
    assert signal.args == ["turn", first_estimated]
    assert "to review" in panel._summary.text()


def test_check_panel_platform_rules(qtbot, project):
    project.chapters[1].start = project.chapters[0].start + 4000  # too close for YouTube
    panel = CheckPanel(project)
    qtbot.addWidget(panel)
    panel.set_platform("youtube")
    close = [f for f in panel.findings if f.code == "chapter-too-short"]
    assert close and close[0].severity == "error"
    assert close[0].target == ("chapter", 0)
    assert "to fix" in panel._summary.text()


def test_export_dialog_says_what_the_publish_checks_found(qtbot, project):
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.checks.text().startswith("Publish checks: 2 to review")
    assert "estimated" in dialog.checks.text() or "credit" in dialog.checks.text()
