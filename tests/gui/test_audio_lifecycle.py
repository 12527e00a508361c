"""The project's audio in the editor window: a Locate that fails keeps the audio
that played, where it was, and says why."""
from __future__ import annotations


def test_locating_an_unplayable_file_keeps_the_working_audio(window, qtbot, tmp_path):
    audio = window.project.audio_path
    bad = tmp_path / "noise.mp3"
    bad.write_bytes(b"this is not audio\n" * 200)
    window.playback.seek(20_000)
    assert not window.locate_audio(bad)
    assert window.project.audio_path == audio and not window.project.history.can_undo
    assert "noise.mp3 cannot be played" in window.message_bar.text()
    assert window.playback.has_media and window.actions_by_id["play_pause"].isEnabled()
    assert abs(window.playback.position_ms() - 20_000) <= 300
    qtbot.wait(100)                           # the failed load's own report arrives
    assert "noise.mp3 cannot be played" in window.message_bar.text()
    window.playback.play()
    qtbot.waitUntil(lambda: window.playback.position_ms() > 20_500, timeout=4000)
    window.playback.pause()


def test_a_failed_locate_while_playing_plays_on(window, qtbot, tmp_path):
    bad = tmp_path / "noise.mp3"
    bad.write_bytes(b"this is not audio\n" * 200)
    window.playback.play()
    qtbot.waitUntil(lambda: window.playback.position_ms() > 300, timeout=4000)
    assert not window.locate_audio(bad)
    assert window.playback.is_playing
    start = window.playback.position_ms()
    qtbot.waitUntil(lambda: window.playback.position_ms() > start + 300, timeout=4000)
    window.playback.pause()
