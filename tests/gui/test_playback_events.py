"""Playback state follows what the user did last, not libvlc's late reports."""
from __future__ import annotations

import subprocess


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


def test_the_transport_shows_the_files_length(window, ffmpeg):
    """The sample runs 3:09.6 by ffprobe; libvlc's first guess (2:42) must not reach
    the screen: the label shows the whole seconds of the file's own length."""
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                            "-of", "default=noprint_wrappers=1:nokey=1",
                            str(window.project.audio_path)],
                           capture_output=True, text=True, check=True)
    seconds = int(float(probe.stdout))
    assert window.transport.time_label.text() == f"00:00 / {seconds // 60:02d}:{seconds % 60:02d}"
    assert abs(window.transport.slider.maximum() - float(probe.stdout) * 1000) < 100


def test_libvlc_starts_at_the_first_play_from_where_the_playhead_was(window, qtbot):
    """Opening the project loads its audio from the file's headers alone; python-vlc
    and libvlc start when it is first played, from the place sought before."""
    from editor.audio.vlc_player import VlcPlayer
    playback = window.playback
    assert playback.has_media and playback.duration_ms() > 100_000
    assert playback.player.backend is None
    window.seek_and_show(40_000)
    assert playback.position_ms() == 40_000
    playback.play()
    assert isinstance(playback.player.backend, VlcPlayer)
    qtbot.waitUntil(lambda: playback.position_ms() > 40_300, timeout=5000)
    assert playback.position_ms() < 45_000 and playback.is_playing
