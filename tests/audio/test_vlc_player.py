"""VlcPlayer against real libvlc, headless (--aout=adummy), on short ffmpeg-made files."""
from __future__ import annotations

import statistics
import threading
import time

import pytest

from editor.audio.player import MAX_RATE, MIN_RATE, EventKind, Player, PlayerEvent

HEADLESS = ["--aout=adummy"]


class Recorder:
    """on_event that keeps every event with the thread it arrived on."""

    def __init__(self) -> None:
        self.events: list[tuple[object, threading.Thread]] = []
        self._arrived = threading.Condition()

    def __call__(self, event: object) -> None:
        with self._arrived:
            self.events.append((event, threading.current_thread()))
            self._arrived.notify_all()

    def kinds(self) -> list[EventKind]:
        return [event.kind for event, _ in self.events]

    def wait_for(self, kind: EventKind, timeout: float = 5.0, after: int = 0) -> PlayerEvent:
        """The first event of ``kind`` at index >= ``after``, waiting for it."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for event, _ in self.events[after:]:
                    if event.kind is kind:
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind} event; got {self.kinds()}")
                self._arrived.wait(left)


class ThreadCheckingLibvlc:
    """Stands in front of libvlc's media player and records who calls it, with what."""

    def __init__(self, real: object) -> None:
        self._real = real
        self.calls: list[tuple[str, tuple, threading.Thread]] = []

    def __getattr__(self, name: str):
        attribute = getattr(self._real, name)
        if not callable(attribute):
            return attribute

        def call(*args):
            self.calls.append((name, args, threading.current_thread()))
            return attribute(*args)
        return call


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def player(libvlc, recorder):
    from editor.audio.vlc_player import VlcPlayer
    made = VlcPlayer(HEADLESS, on_event=recorder)
    made._player = ThreadCheckingLibvlc(made._player)
    yield made
    made.close()


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def test_it_has_every_member_of_the_player_protocol(player) -> None:
    members = {name for name in vars(Player) if not name.startswith("_")}
    members |= set(Player.__annotations__)
    assert {"load", "play", "seek_ms", "position_ms", "on_event"} <= members
    missing = {name for name in members if not hasattr(player, name)}
    assert missing == set()


def test_load_reports_the_duration(player, recorder, tone_mp3) -> None:
    assert player.load(tone_mp3) is True
    loaded = recorder.wait_for(EventKind.LOADED)
    assert 5900 <= loaded.detail <= 6200
    assert player.duration_ms() == loaded.detail
    assert player.position_ms() == 0
    assert not player.is_playing


def test_loaded_length_is_the_files_not_libvlcs_first_guess(player, recorder, sample_dir,
                                                            ffmpeg) -> None:
    """Before playback libvlc guesses the sample MP3 at 2:42; it runs 3:10. The
    length must be right at once: the seek slider and seek clamping use it."""
    import shutil
    import subprocess
    audio = sample_dir / "sample-episode" / "audio" / "episode.mp3"
    probed = subprocess.run([shutil.which("ffprobe"), "-v", "error",
                             "-show_entries", "format=duration", "-of", "csv=p=0", str(audio)],
                            capture_output=True, text=True, check=True)
    assert player.load(audio)
    assert abs(player.duration_ms() - float(probed.stdout) * 1000) < 50
    player.seek_ms(185_000)
    assert player.position_ms() >= 184_000


def test_missing_file_is_an_error_event_not_an_exception(player, recorder, tmp_path) -> None:
    missing = tmp_path / "gone.mp3"
    assert player.load(missing) is False
    assert recorder.events[-1][0] == PlayerEvent(EventKind.ERROR,
                                                 f"audio file not found: {missing}")
    player.play()                       # nothing loaded: does nothing, raises nothing
    assert not player.is_playing
    assert player.position_ms() == 0


def test_unplayable_file_is_an_error_event(player, recorder, not_audio_mp3,
                                           tone_mp3) -> None:
    assert player.load(not_audio_mp3) is False
    error = recorder.events[-1][0]
    assert error.kind is EventKind.ERROR
    assert str(not_audio_mp3) in error.detail and "no audio" in error.detail
    assert "\n" not in error.detail
    assert player.duration_ms() is None
    assert player.load(tone_mp3) is True   # the player still works afterwards


def test_play_pause_and_position(player, recorder, tone_mp3) -> None:
    player.load(tone_mp3)
    player.play()
    assert player.is_playing
    recorder.wait_for(EventKind.PLAYING)
    time.sleep(0.6)
    playing_at = player.position_ms()
    assert 300 <= playing_at <= 1500
    player.pause()
    assert not player.is_playing
    recorder.wait_for(EventKind.PAUSED)
    frozen = player.position_ms()
    time.sleep(0.3)
    assert player.position_ms() == frozen
    assert frozen >= playing_at


def test_seek_while_paused_then_play_from_there(player, tone_mp3) -> None:
    player.load(tone_mp3)
    player.seek_ms(3000)                    # before the first play: kept for play()
    assert player.position_ms() == 3000
    player.play()
    wait_until(lambda: (player.backend_position_ms() or 0) > 3000)
    assert player.backend_position_ms() < 4200
    player.pause()
    player.seek_ms(1000)
    time.sleep(0.3)
    assert player.position_ms() == 1000     # stays at the target while paused
    player.play()
    time.sleep(0.5)
    assert 1100 <= player.position_ms() <= 2200


def test_a_jump_made_during_a_long_pause_plays_on_at_once(player, long_mp3) -> None:
    """Pause a few seconds, jump, wait, play: libvlc given the jump while paused
    resumed late or early by about the pause; the playhead must move on from the
    target at once, and libvlc must really play from there."""
    player.load(long_mp3)
    player.play()
    wait_until(lambda: player.position_ms() > 800)
    player.pause()
    time.sleep(3.0)
    player.seek_ms(50_000)
    time.sleep(0.5)
    player.play()
    started = time.monotonic()
    shown = []
    while time.monotonic() - started < 1.6:
        time.sleep(0.1)
        shown.append((time.monotonic() - started, player.position_ms(),
                      player.backend_position_ms()))
    # libvlc takes a few hundred ms to start at the target, as after any seek; the
    # playhead may wait that long, never longer.
    assert all(b[1] > a[1] for a, b in zip(shown, shown[3:])), shown
    elapsed, position, backend = shown[-1]
    assert 50_000 + (elapsed - 0.4) * 1000 <= position <= 50_000 + (elapsed + 0.4) * 1000, shown
    assert backend is not None and abs(backend - position) < 450, shown


def test_seek_while_playing_moves_back_at_once(player, tone_mp3) -> None:
    player.load(tone_mp3)
    player.play()
    wait_until(lambda: player.position_ms() > 2000)
    player.seek_ms(500)
    assert 500 <= player.position_ms() <= 600     # moves on from the target at once
    time.sleep(0.6)
    assert 700 <= player.position_ms() <= 1800
    assert player.is_playing


def test_seek_is_clamped_to_the_media(player, tone_mp3) -> None:
    player.load(tone_mp3)
    player.seek_ms(-400)
    assert player.position_ms() == 0
    player.seek_ms(60_000)
    assert player.position_ms() == player.duration_ms()


def test_rate_is_clamped_and_really_speeds_playback(player, tone_mp3) -> None:
    player.set_rate(5.0)
    assert player.rate == MAX_RATE
    player.set_rate(0.1)
    assert player.rate == MIN_RATE
    player.load(tone_mp3)
    player.set_rate(2.0)
    player.play()
    wait_until(lambda: (player.backend_position_ms() or 0) > 0)
    start_reading, start = player.backend_position_ms(), time.monotonic()
    wait_until(lambda: player.backend_position_ms() >= start_reading + 2000, timeout=3)
    elapsed = time.monotonic() - start
    # 2 s of media in about 1 s of wall time (readings move in 250 ms steps).
    assert 0.6 <= elapsed <= 1.6
    assert ("set_rate", (2.0,)) in [(name, args) for name, args, _ in player._player.calls]


def test_time_stretch_cannot_be_turned_off(libvlc, monkeypatch) -> None:
    from editor.audio.vlc_player import ARGS_ENV, VlcPlayer, vlc_arguments
    monkeypatch.setenv(ARGS_ENV, "--no-audio-time-stretch --verbose=0")
    arguments = vlc_arguments(["--aout=adummy", "--no-audio-time-stretch"])
    assert arguments[-1] == "--audio-time-stretch"
    assert "--verbose=0" in arguments and "--aout=adummy" in arguments
    made = VlcPlayer(HEADLESS)
    try:
        assert made.arguments == vlc_arguments(HEADLESS)
    finally:
        made.close()


def test_bad_libvlc_arguments_raise_player_error(libvlc) -> None:
    from editor.audio.player import PlayerError
    from editor.audio.vlc_player import VlcPlayer
    with pytest.raises(PlayerError, match="--no-such-libvlc-option"):
        VlcPlayer(["--no-such-libvlc-option"])


def test_volume_is_clamped_and_passed_to_libvlc(player, tone_mp3) -> None:
    player.load(tone_mp3)
    player.set_volume(150)
    assert player.volume == 100
    player.set_volume(-5)
    assert player.volume == 0
    player.set_volume(40)
    assert player.volume == 40
    volumes = [args for name, args, _ in player._player.calls if name == "audio_set_volume"]
    assert volumes == [(100,), (0,), (40,)]
    player.play()
    time.sleep(0.3)
    assert player.position_ms() > 0     # still plays


def test_end_of_media_then_play_again(player, recorder, tone_mp3) -> None:
    player.load(tone_mp3)
    player.seek_ms(5000)
    player.play()
    recorder.wait_for(EventKind.ENDED, timeout=5)
    assert not player.is_playing
    assert player.position_ms() == player.duration_ms()
    count = len(recorder.events)
    player.play()                           # from the beginning
    recorder.wait_for(EventKind.PLAYING, after=count)
    assert player.is_playing
    time.sleep(0.4)
    assert 100 <= player.position_ms() <= 1400
    assert player.backend_position_ms() < 1400


def test_after_the_end_play_starts_from_the_last_seek(player, recorder, tone_mp3) -> None:
    player.load(tone_mp3)
    player.seek_ms(5200)
    player.play()
    recorder.wait_for(EventKind.ENDED, timeout=5)
    player.seek_ms(2000)
    assert player.position_ms() == 2000
    player.play()
    wait_until(lambda: (player.backend_position_ms() or 0) > 2000)
    assert player.backend_position_ms() < 3200
    assert 2000 <= player.position_ms() < 3200


def test_callbacks_only_deliver_events_and_never_call_libvlc(player, recorder,
                                                             tone_mp3) -> None:
    player.load(tone_mp3)
    player.seek_ms(4800)
    player.play()
    recorder.wait_for(EventKind.ENDED, timeout=5)
    player.play()
    time.sleep(0.3)
    player.pause()
    recorder.wait_for(EventKind.PAUSED, after=3)
    assert all(isinstance(event, PlayerEvent) for event, _ in recorder.events)
    main = threading.main_thread()
    from_libvlc = [event.kind for event, thread in recorder.events if thread is not main]
    assert EventKind.ENDED in from_libvlc and EventKind.PLAYING in from_libvlc
    callers = {thread for _, _, thread in player._player.calls}
    assert callers == {main}


def test_position_is_monotonic_and_close_to_true_time(player, tone_mp3) -> None:
    player.load(tone_mp3)
    started = time.monotonic()
    player.play()
    samples = []                            # (wall s since play, shown ms, libvlc's reading)
    while time.monotonic() - started < 2.6:
        shown = player.position_ms()
        now = time.monotonic() - started
        samples.append((now, shown, player.backend_position_ms()))
        time.sleep(0.005)
    shown = [s for _, s, _ in samples]
    assert shown == sorted(shown)
    # Startup latency: each time libvlc's reading moves, (wall - reading) bounds it
    # from above; the smallest bound is the best measure of when playback began.
    changes = [(w, r) for (w, _, r), (_, _, before) in zip(samples[1:], samples)
               if r and r != before]
    assert len(changes) >= 6
    latency_ms = min(w * 1000 - r for w, r in changes)
    errors = [abs(s - (w * 1000 - latency_ms)) for w, s, _ in samples
              if w * 1000 > latency_ms + 300]
    # The strict 30 ms figure is measured by benchmarks/bench_audio.py; this bound
    # only has to hold on a busy shared machine.
    assert statistics.median(errors) <= 60
    assert sorted(errors)[int(len(errors) * 0.9)] <= 150


def test_close_is_final_and_safe_twice(libvlc, recorder, tone_mp3) -> None:
    from editor.audio.vlc_player import VlcPlayer
    made = VlcPlayer(HEADLESS, on_event=recorder)
    made.load(tone_mp3)
    made.play()
    made.close()
    made.close()
    assert not made.is_playing
    assert made.load(tone_mp3) is False
    assert recorder.events[-1][0].kind is EventKind.ERROR
    made.play()
    made.seek_ms(100)
    assert made.backend_position_ms() is None


def test_a_file_with_readable_audio_headers_is_not_parsed_by_libvlc(player, recorder, tone_mp3,
                                                                     not_audio_mp3,
                                                                     monkeypatch) -> None:
    """libvlc's parse loads its decoders (about 18 MB) before anyone plays; a file
    whose headers give its length does not need it. Anything else is parsed at once,
    so a file with no audio is still reported at load."""
    parsed = []
    real_parse = type(player)._parse
    monkeypatch.setattr(type(player), "_parse",
                        lambda self, media: parsed.append(media) or real_parse(self, media))
    assert player.load(tone_mp3)
    assert parsed == []
    player.play()
    wait_until(lambda: player.position_ms() > 200)
    player.pause()
    assert not player.load(not_audio_mp3)
    assert len(parsed) == 1
    assert recorder.events[-1][0].kind is EventKind.ERROR
