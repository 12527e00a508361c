"""A :class:`~editor.audio.player.Player` that starts its backend only when the
audio is first played.

Opening a project loads its audio at once (the transport shows its length, Play
is enabled), but python-vlc and a libvlc instance with the media cost about
12 MB and a moment of the first second, for a user who may only edit text.
:class:`DeferredPlayer` answers ``load`` from the file's headers
(:func:`~editor.audio.headers.header_length_ms`) and keeps the playhead, the
rate and the volume itself. The first ``play`` makes the backend, loads the
file there and hands the playhead, rate and volume over; from then on every
call goes straight to the backend. A file whose headers give no length goes to
the backend at once, which parses it to say whether it plays.

Events are the protocol's: LOADED (or a load ERROR) from ``load``, and the
backend's own from then on, except the LOADED of the hand-over (that load was
told already). A backend that cannot start at ``play`` is an ERROR event.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from editor.audio.headers import header_length_ms
from editor.audio.player import (MAX_RATE, MIN_RATE, EventCallback, EventKind, Player,
                                 PlayerError, PlayerEvent)


class DeferredPlayer:
    """A :class:`Player` in front of the one ``make_backend(on_event)`` makes, made late."""

    def __init__(self, make_backend: Callable[[EventCallback], Player],
                 on_event: EventCallback | None = None, *,
                 length_of: Callable[[Path], int | None] = header_length_ms) -> None:
        self.on_event = on_event
        self._make_backend = make_backend
        self._length_of = length_of
        self._backend: Player | None = None
        self._path: Path | None = None       # loaded here, not yet in a backend
        self._duration: int | None = None
        self._position = 0
        self._rate = 1.0
        self._volume = 100
        self._closed = False
        self._handing_over = False

    @property
    def backend(self) -> Player | None:
        """The backend once made (None until the first play)."""
        return self._backend

    def _emit(self, kind: EventKind, detail: object = None) -> None:
        if self.on_event is not None:
            self.on_event(PlayerEvent(kind, detail))

    def _pass_on(self, event: PlayerEvent) -> None:
        # Called on the backend's thread for playback events; the hand-over's
        # LOADED comes from inside load(), on this one.
        if not (self._handing_over and event.kind is EventKind.LOADED):
            if self.on_event is not None:
                self.on_event(event)

    def _start_backend(self) -> Player | None:
        if self._backend is None:
            try:
                backend = self._make_backend(self._pass_on)
            except PlayerError as exc:
                self._emit(EventKind.ERROR, str(exc))
                return None
            backend.set_volume(self._volume)
            backend.set_rate(self._rate)
            self._backend = backend
        return self._backend

    def _hand_over(self) -> Player | None:
        """The backend, made and given the file loaded here (None if it cannot start)."""
        if self._backend is not None or self._path is None:
            return self._backend
        backend = self._start_backend()
        if backend is None:
            return None
        path, self._path = self._path, None
        self._handing_over = True
        try:
            loaded = backend.load(path)     # a failure is the backend's ERROR event
        finally:
            self._handing_over = False
        if loaded and self._position:
            backend.seek_ms(self._position)
        return backend

    # -- the Player protocol ---------------------------------------------------------

    def load(self, path: Path | str) -> bool:
        if self._backend is not None:
            return self._backend.load(path)
        if self._closed:
            self._emit(EventKind.ERROR, "the audio player is closed")
            return False
        path = Path(path)
        self._path, self._duration, self._position = None, None, 0
        if not path.is_file():
            self._emit(EventKind.ERROR, f"audio file not found: {path}")
            return False
        length = self._length_of(path)
        if length is None:          # only the backend can tell whether it plays
            backend = self._start_backend()
            return backend is not None and backend.load(path)
        self._path, self._duration = path, length
        self._emit(EventKind.LOADED, length)
        return True

    def play(self) -> None:
        backend = self._hand_over()
        if backend is not None:
            backend.play()

    def pause(self) -> None:
        if self._backend is not None:
            self._backend.pause()

    @property
    def is_playing(self) -> bool:
        return self._backend is not None and self._backend.is_playing

    def seek_ms(self, ms: int) -> None:
        if self._backend is not None:
            self._backend.seek_ms(ms)
        elif self._path is not None:
            self._position = min(max(0, int(ms)), self._duration)

    def position_ms(self) -> int:
        if self._backend is not None:
            return self._backend.position_ms()
        return self._position if self._path is not None else 0

    def duration_ms(self) -> int | None:
        if self._backend is not None:
            return self._backend.duration_ms()
        return self._duration if self._path is not None else None

    @property
    def rate(self) -> float:
        return self._backend.rate if self._backend is not None else self._rate

    def set_rate(self, rate: float) -> None:
        self._rate = min(MAX_RATE, max(MIN_RATE, float(rate)))
        if self._backend is not None:
            self._backend.set_rate(self._rate)

    @property
    def volume(self) -> int:
        return self._backend.volume if self._backend is not None else self._volume

    def set_volume(self, volume: int) -> None:
        self._volume = min(100, max(0, int(volume)))
        if self._backend is not None:
            self._backend.set_volume(self._volume)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        self._closed = True
        self._path = None
