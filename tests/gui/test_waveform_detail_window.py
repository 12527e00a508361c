"""The waveform detail in the editor window, on the sample episode with real libvlc
and ffmpeg: it gets the strip's peaks, zooms with the View actions' keys, follows
playback with the transcript and comes back with Follow Playback, says a refused
turn drag in the status bar, selects a turn on a double-click, and hides."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.commands import SetTurnStart
from editor.gui.waveform_detail import MIN_SPAN_MS, ZOOM_STEP

WAVE_Y = 70


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


def with_peaks(qtbot, window):
    detail = window.waveform_detail
    qtbot.waitUntil(lambda: window.waveform.levels is not None, timeout=15_000)
    qtbot.waitUntil(lambda: detail.duration_ms() == window.waveform.peaks.duration_ms)
    return detail


def test_the_detail_zooms_with_the_keys_and_the_actions_follow_its_limits(window, qtbot):
    detail = with_peaks(qtbot, window)
    zoom_in, zoom_out = (window.actions_by_id[name] for name in ("zoom_in", "zoom_out"))
    assert detail.window() == (0, detail.duration_ms())
    assert zoom_in.isEnabled() and not zoom_out.isEnabled()
    window.transcript.focus_turn(0, 0)
    press(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert abs(detail.span_ms() - detail.duration_ms() / ZOOM_STEP) < 1
    assert zoom_out.isEnabled()
    for _ in range(20):
        press(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert detail.span_ms() == MIN_SPAN_MS and not zoom_in.isEnabled()
    press(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert detail.window() == (0, detail.duration_ms())


def test_scrolling_the_detail_unchecks_follow_playback_which_brings_it_back(window, qtbot):
    detail = with_peaks(qtbot, window)
    action = window.actions_by_id["follow_playback"]
    detail.set_span(10_000)
    window.playback.seek(60_000)
    qtbot.waitUntil(lambda: detail.window()[0] <= 60_000 <= detail.window()[1])
    detail.scroll_to(150_000)                   # as a wheel or a drag on the outline does
    assert not action.isChecked() and window.transcript.is_following()
    window.playback.seek(61_000)
    qtbot.wait(100)
    assert detail.window()[0] == 150_000        # left where the user put it
    action.trigger()
    assert action.isChecked() and detail.is_following()
    assert detail.window()[0] <= window.playback.position_ms() <= detail.window()[1]


def test_a_refused_turn_drag_is_said_in_the_status_bar(window, qtbot):
    detail = with_peaks(qtbot, window)
    project = window.project
    index = next(k for k in range(2, len(project.turns)) if not project.turns[k - 1].estimated)
    before = project.turns[index - 1].start
    detail.set_following(False)
    detail.set_span(20_000)
    detail.scroll_to(before - 10_000)
    x = round(detail.x_of(project.turns[index].start))
    target = round(detail.x_of(before - 3_000))
    qtbot.mousePress(detail, Qt.MouseButton.LeftButton, pos=QPoint(x, WAVE_Y))
    qtbot.mouseMove(detail, QPoint((x + target) // 2, WAVE_Y))
    qtbot.mouseMove(detail, QPoint(target, WAVE_Y))
    qtbot.mouseRelease(detail, Qt.MouseButton.LeftButton, pos=QPoint(target, WAVE_Y))
    with pytest.raises(ValueError) as refused:
        SetTurnStart(project, index, detail.ms_at(target))
    reason = str(refused.value)
    assert window.status_line.currentMessage() == reason[:1].upper() + reason[1:]
    assert "where its confirmed neighbours are" in reason
    assert project.history.can_undo is False


def test_a_double_click_on_a_boundary_selects_that_turn_in_the_transcript(window, qtbot):
    detail = with_peaks(qtbot, window)
    project = window.project
    detail.set_following(False)
    detail.set_span(10_000)
    detail.scroll_to(project.turns[3].start - 5_000)
    qtbot.mouseDClick(detail, Qt.MouseButton.LeftButton,
                      pos=QPoint(round(detail.x_of(project.turns[3].start)), WAVE_Y))
    qtbot.waitUntil(lambda: window.transcript.current_turn() == 3)


def test_the_detail_hides_and_the_overview_drops_its_outline(window, qtbot):
    with_peaks(qtbot, window)
    action = window.actions_by_id["waveform_detail"]
    assert action.isChecked() and window.waveform_detail.isVisible()
    action.trigger()
    assert not window.waveform_detail.isVisible()
    assert not window.actions_by_id["zoom_in"].isEnabled()
    action.trigger()
    assert window.waveform_detail.isVisible() and window.actions_by_id["zoom_in"].isEnabled()
