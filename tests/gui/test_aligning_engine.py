"""Align Transcript to Audio in the window with the real engine (pocketsphinx's
worker processes and ffmpeg) on the sample episode: Cancel stops all of them and
changes nothing; a run to its end confirms the chapter's turns in one undo step,
and playing them afterwards highlights their words one after another."""
from __future__ import annotations

import pytest
from processes import workers_and_ffmpeg
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.slow

LISTENER_QUESTIONS = range(18, 26)      # the sample's last chapter, estimated


@pytest.fixture
def ready(window, qtbot):
    """The window on the sample, its waveform read (so no ffmpeg of its own runs)."""
    qtbot.waitUntil(lambda: window.waveform.levels is not None, timeout=20_000)
    assert workers_and_ffmpeg() == []
    return window


def test_cancel_stops_the_workers_and_ffmpeg_and_changes_nothing(ready, qtbot):
    window = ready
    project = window.project
    before = [(t.start, t.estimated, t.words) for t in project.turns]
    steps = len(project.history)
    assert window.aligning.start(list(LISTENER_QUESTIONS))
    seen = []

    def busy() -> bool:
        running = workers_and_ffmpeg()
        seen[:] = running
        return sum("spawn_main" in c for c in running) >= 1 and any("ffmpeg" in c
                                                                   for c in running)
    qtbot.waitUntil(busy, timeout=30_000)
    QTest.mouseClick(window.aligning.progress.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.aligning.is_running(), timeout=20_000)
    qtbot.waitUntil(lambda: workers_and_ffmpeg() == [], timeout=10_000)
    assert seen
    assert window.status_line.currentMessage() == "Alignment cancelled; nothing changed"
    assert [(t.start, t.estimated, t.words) for t in project.turns] == before
    assert len(project.history) == steps


def test_a_run_confirms_the_chapter_and_playing_it_highlights_word_after_word(ready, qtbot):
    window = ready
    project = window.project
    steps = len(project.history)
    assert window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: not window.aligning.is_running(), timeout=240_000)
    assert len(project.history) == steps + 1
    confirmed = [k for k in LISTENER_QUESTIONS if not project.turns[k].estimated]
    assert len(confirmed) >= len(LISTENER_QUESTIONS) - 1
    assert window.status_line.currentMessage().startswith(
        f"Aligned {len(LISTENER_QUESTIONS)} turns: {len(confirmed)} confirmed")
    assert workers_and_ffmpeg() == []

    turn = confirmed[0]
    window.seek_and_show(project.turns[turn].start)
    window.playback.play()
    words = []

    def sample() -> bool:
        if window.transcript.playing_turn() == turn:
            word = window.transcript.playing_word()
            if word >= 0 and (not words or words[-1] != word):
                words.append(word)
        return len(words) >= 6
    qtbot.waitUntil(sample, timeout=8_000)
    window.playback.pause()
    assert words == list(range(words[0], words[0] + len(words))), words
