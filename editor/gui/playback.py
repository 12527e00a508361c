"""The GUI's side of playback: one Player, its events brought to the GUI thread,
and the playhead polled on a timer.

The player's ``on_event`` runs on the backend's thread; it only emits a queued
signal. Everything else calls the player from the GUI thread.

Emits:
- ``position_changed(ms)``: about every 30 ms while playing, and after a seek;
- ``playing_changed(bool)``;
- ``loaded(duration_ms)`` (-1 when unknown) and ``failed(message)``;
- ``rate_changed(float)``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from editor.audio.player import MAX_RATE, MIN_RATE, EventKind, Player, PlayerEvent
from editor.core.errors import ShowscribeError

POLL_MS = 30
RATE_STEP = 0.1


class Playback(QObject):
    position_changed = Signal(int)
    playing_changed = Signal(bool)
    loaded = Signal(int)
    failed = Signal(str)
    rate_changed = Signal(float)
    _event_arrived = Signal(object)     # from the backend's thread

    def __init__(self, make_player: Callable[..., Player], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_player = make_player
        self._player: Player | None = None
        self._has_media = False
        self._playing = False
        self.rewind_on_resume_ms = 1000
        self._volume = 100
        self._paused_at: int | None = None   # where a pause stopped: resuming rewinds
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._event_arrived.connect(self._on_player_event, Qt.ConnectionType.QueuedConnection)

    @property
    def player(self) -> Player:
        if self._player is None:  # libvlc starts lazily: opening a project stays quick
            self._player = self._make_player(on_event=self._event_arrived.emit)
            self._player.set_volume(self._volume)
        return self._player

    def _start_player(self) -> bool:
        try:
            self.player
        except ShowscribeError as exc:   # the backend itself cannot start
            self.failed.emit(str(exc))
            return False
        return True

    # -- media ---------------------------------------------------------------------

    def load(self, path: Path | None) -> bool:
        """Open ``path`` (None: unload). False when it is missing or unplayable;
        ``failed`` carries the reason."""
        self.pause()
        self._has_media = False
        self._paused_at = None
        if path is None:
            self.position_changed.emit(0)
            return False
        ok = self._start_player() and self.player.load(path)
        self._has_media = ok
        self.position_changed.emit(0)
        return ok

    @property
    def has_media(self) -> bool:
        return self._has_media

    def duration_ms(self) -> int | None:
        return self.player.duration_ms() if self._has_media else None

    def position_ms(self) -> int:
        return self.player.position_ms() if self._has_media else 0

    # -- transport -------------------------------------------------------------------

    @property
    def is_playing(self) -> bool:
        return self._playing

    def play(self) -> None:
        if not self._has_media or self._playing:
            return
        if self._paused_at is not None and self.rewind_on_resume_ms:
            self.player.seek_ms(max(0, self._paused_at - self.rewind_on_resume_ms))
        self._paused_at = None
        self.player.play()
        self._set_playing(True)

    def pause(self) -> None:
        if self._has_media and self._playing:
            self.player.pause()
            self._paused_at = self.player.position_ms()
        self._set_playing(False)

    def toggle(self) -> None:
        self.pause() if self._playing else self.play()

    def seek(self, ms: int) -> None:
        if not self._has_media:
            return
        duration = self.player.duration_ms()
        ms = max(0, int(ms) if duration is None else min(int(ms), duration))
        self.player.seek_ms(ms)
        self._paused_at = None       # playing from a chosen place: no rewind
        self.position_changed.emit(ms)

    @property
    def rate(self) -> float:
        return self.player.rate if self._player is not None else 1.0

    def set_rate(self, rate: float) -> None:
        rate = round(min(MAX_RATE, max(MIN_RATE, rate)), 2)
        if self._start_player():
            self.player.set_rate(rate)
        self.rate_changed.emit(rate)

    def change_rate(self, steps: int) -> None:
        self.set_rate(self.rate + steps * RATE_STEP)

    def set_volume(self, volume: int) -> None:
        self._volume = volume
        if self._player is not None:
            self._player.set_volume(volume)

    def close(self) -> None:
        self._timer.stop()
        if self._player is not None:
            self._player.close()
            self._player = None

    # -- internals -------------------------------------------------------------------

    def _set_playing(self, playing: bool) -> None:
        if playing:
            self._timer.start()
        else:
            self._timer.stop()
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def _on_timer_timeout(self) -> None:
        self.position_changed.emit(self.player.position_ms())

    def _on_player_event(self, event: PlayerEvent) -> None:
        if event.kind is EventKind.LOADED:
            self.loaded.emit(event.detail if isinstance(event.detail, int) else -1)
        elif event.kind is EventKind.ENDED:
            self._set_playing(False)
            self.position_changed.emit(self.player.position_ms())
        elif event.kind is EventKind.ERROR:
            self._set_playing(False)
            self.failed.emit(str(event.detail or "the audio cannot be played"))
        elif event.kind is EventKind.PAUSED:
            # libvlc reports its state late: a pause followed at once by play()
            # delivers PAUSED after the play. The player knows the current state.
            self._set_playing(self.player.is_playing)
