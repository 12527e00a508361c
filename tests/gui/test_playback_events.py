"""Playback state follows what the user did last, not libvlc's late reports."""
from __future__ import annotations


def test_pause_then_play_at_once_keeps_playing(window, qtbot):
    playback = window.playback
    playback.play()
    qtbot.waitUntil(lambda: playback.position_ms() > 300, timeout=5000)
    playback.pause()
    playback.play()              # libvlc's PAUSED for the pause arrives after this
    qtbot.wait(600)
    assert playback.is_playing
    start = playback.position_ms()
    qtbot.waitUntil(lambda: playback.position_ms() > start + 300, timeout=5000)
    assert window.transport.isEnabled()


def test_the_transport_shows_the_files_length(window):
    """The sample runs 3:09.6; libvlc's first guess (2:42) must not reach the screen."""
    assert abs(window.playback.duration_ms() - window.project.audio_duration) < 100
