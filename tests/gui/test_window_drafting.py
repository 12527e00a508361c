"""File > New from Audio > Transcribe (Draft): the window transcribes the sample
in the background, with progress and Cancel in the status bar, and opens the
draft as a new unsaved project; Cancel leaves the open project as it was."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from processes import workers_and_ffmpeg

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("speech_model")]


def choose_in_new_from_audio(window, audio, button: str, monkeypatch, qtbot) -> dict:
    """Trigger New from Audio, pick ``audio``, press ``button`` in the question;
    what the question said."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(audio), ""))
    asked: dict = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked["text"], asked["detail"] = box.text(), box.informativeText()
        pressed = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        asked["tooltip"] = pressed.toolTip()
        pressed.click()

    QTimer.singleShot(0, answer)
    window.actions_by_id["new_from_audio"].trigger()
    assert asked, "New from Audio asked nothing"
    return asked


def test_a_draft_of_the_sample_opens_as_a_new_unsaved_project(make_window, sample_copy,
                                                              qtbot, monkeypatch):
    window = make_window(sample_copy)
    before = window.project
    audio = sample_copy.parent / "audio" / "episode.mp3"
    asked = choose_in_new_from_audio(window, audio, "Transcribe (Draft)", monkeypatch, qtbot)
    for said in (asked["detail"], asked["tooltip"]):
        assert "rough" in said and "English only" in said and "Speaker 1" in said
    drafting = window.drafting
    assert drafting.running and drafting.panel.isVisible()
    assert "episode.mp3" in drafting.label.text()
    # The window answers while it works: a 50 ms timer keeps its pace.
    ticks, values = [], []
    timer = QTimer(window)
    timer.timeout.connect(lambda: (ticks.append(time.monotonic()),
                                   values.append(drafting.progress_bar.value())))
    timer.start(50)
    qtbot.waitUntil(lambda: window.project is not before, timeout=600_000)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert gaps and sorted(gaps)[len(gaps) * 95 // 100] < 0.5, max(gaps)
    assert values == sorted(values) and 0 < max(values) <= 100

    project = window.project
    assert project.path is None and window.windowTitle().startswith("Untitled")
    assert window.isWindowModified()            # unsaved: closing asks first
    assert len(project.turns) >= 5
    assert [t.start for t in project.turns] == sorted(t.start for t in project.turns)
    assert all(turn.text and not turn.estimated for turn in project.turns)
    assert all(len(turn.words) == len(turn.text.split()) for turn in project.turns)
    assert project.audio_path == audio.absolute()
    document = window.transcript.editor.document()
    assert project.turns[0].text.split("\n")[0] in document.toPlainText()
    assert not drafting.running and not drafting.panel.isVisible()
    assert workers_and_ffmpeg() == []
    qtbot.waitUntil(lambda: window.playback.has_media)


def test_cancel_stops_the_draft_and_leaves_the_open_project(make_window, sample_copy, qtbot,
                                                          monkeypatch):
    window = make_window(sample_copy)
    before = window.project
    audio = sample_copy.parent / "audio" / "episode.mp3"
    choose_in_new_from_audio(window, audio, "Transcribe (Draft)", monkeypatch, qtbot)
    drafting = window.drafting
    # Once the recognisers are at work.
    qtbot.waitUntil(lambda: sum("spawn_main" in c for c in workers_and_ffmpeg()) >= 1,
                    timeout=60_000)
    assert drafting.cancel_button.isVisible()
    drafting.cancel_button.click()
    qtbot.waitUntil(lambda: not drafting.running, timeout=30_000)
    assert window.project is before and window.project.path == sample_copy
    assert not window.isWindowModified()
    assert not drafting.panel.isVisible()
    assert "cancelled" in window.status_line.currentMessage()
    qtbot.waitUntil(lambda: workers_and_ffmpeg() == [], timeout=10_000)
    # The window is free for another New from Audio, an empty one this time.
    choose_in_new_from_audio(window, audio, "Start Empty", monkeypatch, qtbot)
    assert window.project is not before and len(window.project.turns) == 1
    assert not drafting.running


def test_closing_the_window_while_it_transcribes_stops_the_workers(make_window, sample_copy,
                                                                 qtbot, monkeypatch):
    window = make_window(sample_copy)
    audio = sample_copy.parent / "audio" / "episode.mp3"
    choose_in_new_from_audio(window, audio, "Transcribe (Draft)", monkeypatch, qtbot)
    qtbot.waitUntil(lambda: sum("spawn_main" in c for c in workers_and_ffmpeg()) >= 1,
                    timeout=60_000)
    assert window.close()
    # Closing waited for the transcriber's workers to stop; the waveform's reader,
    # cancelled by the close, ends its ffmpeg moments later on a busy machine.
    assert not any("spawn_main" in c for c in workers_and_ffmpeg())
    qtbot.waitUntil(lambda: workers_and_ffmpeg() == [], timeout=10_000)
