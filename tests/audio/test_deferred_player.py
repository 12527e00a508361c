"""DeferredPlayer: a load answered from the file's headers, the backend made at
the first play and handed the playhead, rate and volume; its events passed on,
but for the hand-over's LOADED."""
from __future__ import annotations

from pathlib import Path

import pytest

from editor.audio.deferred_player import DeferredPlayer
from editor.audio.player import EventKind, PlayerError, PlayerEvent


class FakeBackend:
    """A Player that records its calls; its load emits LOADED as a backend does."""

    def __init__(self, on_event, length: int | None = 90_000) -> None:
        self.on_event = on_event
        self.length = length
        self.calls: list[tuple] = []
        self.playing = False
        self.position = 0
        self.rate = 1.0
        self.volume = 100

    def load(self, path) -> bool:
        self.calls.append(("load", Path(path)))
        self.on_event(PlayerEvent(EventKind.LOADED, self.length))
        return True

    def play(self) -> None:
        self.calls.append(("play",))
        self.playing = True

    def pause(self) -> None:
        self.calls.append(("pause",))
        self.playing = False

    @property
    def is_playing(self) -> bool:
        return self.playing

    def seek_ms(self, ms: int) -> None:
        self.calls.append(("seek", ms))
        self.position = ms

    def position_ms(self) -> int:
        return self.position

    def duration_ms(self) -> int | None:
        return self.length

    def set_rate(self, rate: float) -> None:
        self.calls.append(("rate", rate))
        self.rate = rate

    def set_volume(self, volume: int) -> None:
        self.calls.append(("volume", volume))
        self.volume = volume

    def close(self) -> None:
        self.calls.append(("close",))


class Made:
    """make_backend that keeps what it made."""

    def __init__(self, fails: bool = False) -> None:
        self.backends: list[FakeBackend] = []
        self.fails = fails

    def __call__(self, on_event) -> FakeBackend:
        if self.fails:
            raise PlayerError("libvlc could not start with arguments: --bad")
        backend = FakeBackend(on_event)
        self.backends.append(backend)
        return backend


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    path = tmp_path / "episode.mp3"
    path.write_bytes(b"not read: the length comes from length_of")
    return path


def deferred(made: Made, events: list, length: int | None = 90_000) -> DeferredPlayer:
    return DeferredPlayer(made, events.append, length_of=lambda _path: length)


def test_a_load_with_a_header_length_makes_no_backend(audio):
    made, events = Made(), []
    player = deferred(made, events)
    assert player.load(audio)
    assert events == [PlayerEvent(EventKind.LOADED, 90_000)]
    player.seek_ms(120_000)             # clamped to the length, as a backend does
    assert player.position_ms() == 90_000
    player.seek_ms(-5)
    player.seek_ms(30_000)
    player.set_rate(5.0)
    player.set_volume(40)
    player.pause()
    assert (player.position_ms(), player.duration_ms(), player.rate, player.volume,
            player.is_playing) == (30_000, 90_000, 2.0, 40, False)
    assert made.backends == [] and player.backend is None


def test_the_first_play_hands_everything_to_the_backend(audio):
    made, events = Made(), []
    player = deferred(made, events)
    player.load(audio)
    player.seek_ms(30_000)
    player.set_rate(1.5)
    player.set_volume(40)
    player.play()
    (backend,) = made.backends
    assert backend.calls == [("volume", 40), ("rate", 1.5), ("load", audio),
                             ("seek", 30_000), ("play",)]
    assert player.backend is backend and player.is_playing
    assert events == [PlayerEvent(EventKind.LOADED, 90_000)]     # not told twice
    backend.on_event(PlayerEvent(EventKind.ENDED))                # from then on: passed on
    backend.on_event(PlayerEvent(EventKind.LOADED, 90_000))
    assert events[1:] == [PlayerEvent(EventKind.ENDED), PlayerEvent(EventKind.LOADED, 90_000)]
    player.pause()
    player.seek_ms(10_000)
    player.close()
    assert backend.calls[-3:] == [("pause",), ("seek", 10_000), ("close",)]
    assert player.position_ms() == 10_000
    player.play()
    assert len(made.backends) == 1


def test_a_file_without_a_header_length_goes_to_the_backend_at_once(audio):
    made, events = Made(), []
    player = deferred(made, events, length=None)
    assert player.load(audio)
    (backend,) = made.backends
    assert backend.calls == [("volume", 100), ("rate", 1.0), ("load", audio)]
    assert events == [PlayerEvent(EventKind.LOADED, 90_000)]      # the backend's, passed on
    player.play()
    assert backend.calls[-1] == ("play",) and len(made.backends) == 1


def test_a_missing_file_is_an_error_and_nothing_is_loaded(tmp_path):
    made, events = Made(), []
    player = deferred(made, events)
    assert not player.load(tmp_path / "gone.mp3")
    assert [event.kind for event in events] == [EventKind.ERROR]
    assert "gone.mp3" in events[0].detail
    player.play()
    assert made.backends == []
    assert (player.position_ms(), player.duration_ms()) == (0, None)


def test_a_backend_that_cannot_start_at_play_is_an_error_event(audio):
    made, events = Made(fails=True), []
    player = deferred(made, events)
    assert player.load(audio)
    player.play()                       # no exception into the GUI
    assert events[-1] == PlayerEvent(EventKind.ERROR,
                                     "libvlc could not start with arguments: --bad")
    assert not player.is_playing


def test_a_closed_player_loads_nothing(audio):
    made, events = Made(), []
    player = deferred(made, events)
    player.close()
    assert not player.load(audio)
    assert events == [PlayerEvent(EventKind.ERROR, "the audio player is closed")]
    assert made.backends == []
