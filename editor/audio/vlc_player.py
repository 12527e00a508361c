"""Playback through libvlc (python-vlc): the one module that imports vlc.

:class:`VlcPlayer` implements :class:`editor.audio.player.Player`. It emits
:class:`PlayerEvent` values through ``on_event``: LOADED and load ERRORs from the
caller's thread (inside :meth:`VlcPlayer.load`), PLAYING, PAUSED, ENDED and
playback ERRORs from libvlc's event thread. The libvlc callbacks only set flags
and call ``on_event``; every libvlc call happens on the caller's thread, which
also notices the end of the media when it next asks for anything.

A seek while paused is kept until play(): libvlc 3 given ``set_time`` on a
paused input resumes from there late or early by about the length of the pause
(its clock counts the pause against the new place), so play() resumes first and
then moves to the target.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Sequence

import vlc

from editor.audio.clock import PlayheadClock
from editor.audio.headers import header_length_ms
from editor.audio.player import (MAX_RATE, MIN_RATE, EventCallback, EventKind,
                                 PlayerError, PlayerEvent)

ARGS_ENV = "SHOWSCRIBE_VLC_ARGS"
# Appended last so that no caller or environment argument can turn them off:
# audio only, and libvlc's time-stretch keeps the pitch when the rate changes.
FORCED_ARGS = ("--no-video", "--audio-time-stretch")


def vlc_arguments(vlc_args: Sequence[str] = (),
                  environ: dict[str, str] | os._Environ = os.environ) -> list[str]:
    """libvlc's arguments: quiet, the caller's, ``$SHOWSCRIBE_VLC_ARGS``, then FORCED_ARGS."""
    extra = environ.get(ARGS_ENV, "").split()
    return ["--quiet", *vlc_args, *extra, *FORCED_ARGS]


class VlcPlayer:
    """A :class:`Player` on libvlc; raises only :class:`PlayerError` when libvlc cannot start."""

    def __init__(self, vlc_args: Sequence[str] = (), on_event: EventCallback | None = None,
                 *, parse_timeout_ms: int = 5000) -> None:
        self.on_event = on_event
        self._parse_timeout_ms = parse_timeout_ms
        self.arguments = vlc_arguments(vlc_args)
        self._instance = vlc.Instance(self.arguments)
        if self._instance is None:
            raise PlayerError("libvlc could not start with arguments: "
                              + " ".join(self.arguments))
        self._player = self._instance.media_player_new()
        # python-vlc keeps the C callback alive only as long as this object.
        self._events = self._player.event_manager()
        for kind, handler in ((vlc.EventType.MediaPlayerPlaying, self._on_playing),
                              (vlc.EventType.MediaPlayerPaused, self._on_paused),
                              (vlc.EventType.MediaPlayerEndReached, self._on_end),
                              (vlc.EventType.MediaPlayerEncounteredError, self._on_error)):
            self._events.event_attach(kind, handler)
        self._clock = PlayheadClock()
        self._path: Path | None = None
        self._media: vlc.Media | None = None
        self._duration: int | None = None
        self._rate = 1.0
        self._volume = 100
        self._started = False           # libvlc has an input (playing or paused)
        self._pending_seek: int | None = None
        # Set on libvlc's thread, handled on the caller's thread.
        self._ended = False
        self._failed = False

    # -- libvlc's thread: flags and on_event only -------------------------------
    def _emit(self, kind: EventKind, detail: object = None) -> None:
        callback = self.on_event
        if callback is not None:
            callback(PlayerEvent(kind, detail))

    def _on_playing(self, _event: vlc.Event) -> None:
        self._emit(EventKind.PLAYING)

    def _on_paused(self, _event: vlc.Event) -> None:
        self._emit(EventKind.PAUSED)

    def _on_end(self, _event: vlc.Event) -> None:
        self._ended = True
        self._emit(EventKind.ENDED)

    def _on_error(self, _event: vlc.Event) -> None:
        self._failed = True
        self._emit(EventKind.ERROR, f"cannot play {self._path}: libvlc could not decode it")

    # -- the caller's thread ---------------------------------------------------

    def load(self, path: Path | str) -> bool:
        """Open a file; False and an ERROR event when it is missing or has no playable audio."""
        if self._player is None:
            self._emit(EventKind.ERROR, "the audio player is closed")
            return False
        self._unload()
        path = Path(path)
        if not path.is_file():
            self._emit(EventKind.ERROR, f"audio file not found: {path}")
            return False
        media = self._instance.media_new_path(str(path))
        # A file whose audio headers mutagen reads needs no libvlc parse, which
        # loads the demuxer and decoder plugins (about 18 MB) before anyone plays.
        # Other files are parsed now, so a file with no audio says so at once.
        length = header_length_ms(path)
        problem = None if length else self._parse(media)
        if problem is not None:
            media.release()
            self._emit(EventKind.ERROR, f"cannot play {path}: {problem}")
            return False
        self._path, self._media = path, media
        self._duration = length or (media.get_duration() or None)
        self._player.set_media(media)
        self._emit(EventKind.LOADED, self._duration)
        return True

    def _parse(self, media: vlc.Media) -> str | None:
        """Parse the media's headers; a one-line problem, or None when it has audio."""
        parsed = threading.Event()
        events = media.event_manager()
        events.event_attach(vlc.EventType.MediaParsedChanged, lambda _e: parsed.set())
        try:
            if media.parse_with_options(vlc.MediaParseFlag.local, self._parse_timeout_ms) != 0:
                return "libvlc could not start reading it"
            parsed.wait(self._parse_timeout_ms / 1000 + 1.0)
        finally:
            events.event_detach(vlc.EventType.MediaParsedChanged)
        status = media.get_parsed_status()
        if status == vlc.MediaParsedStatus.timeout or not parsed.is_set():
            return f"reading it took longer than {self._parse_timeout_ms} ms"
        if status != vlc.MediaParsedStatus.done:
            return "libvlc could not read it"
        tracks = media.tracks_get() or ()
        if not any(track.type == vlc.TrackType.audio for track in tracks):
            return "no audio stream found (is it an audio file?)"
        return None

    def _unload(self) -> None:
        self._player.stop()
        if self._media is not None:
            self._media.release()
        self._path = self._media = None
        self._duration = None
        self._started = False
        self._pending_seek = None
        self._ended = self._failed = False
        self._clock.pause()
        self._clock.seek(0)

    def _settle(self) -> None:
        """Act on an end or error that libvlc's thread flagged: stop the clock there."""
        if not (self._ended or self._failed) or not self._started:
            return
        self._started = False
        self._clock.pause()
        if self._ended:
            self._clock.seek(self._duration if self._duration is not None
                             else self._clock.position_ms())

    def play(self) -> None:
        """Play; after the end (or an error) start again from 0 or the last seek target."""
        self._settle()
        if self._media is None or self._clock.playing:
            return
        if self._started:
            self._player.set_pause(0)
            if self._pending_seek is not None:
                self._player.set_time(self._pending_seek)
                self._clock.seek(self._pending_seek)   # the seek window starts now
                self._pending_seek = None
        else:
            if self._player.get_state() in (vlc.State.Ended, vlc.State.Error):
                self._player.stop()   # an input that ended does not play again
            self._ended = self._failed = False
            self._player.set_rate(self._rate)
            if self._player.play() != 0:
                self._emit(EventKind.ERROR, f"cannot play {self._path}: libvlc refused to start")
                return
            self._started = True
            start = self._pending_seek or 0
            self._pending_seek = None
            if start:
                self._player.set_time(start)
            self._clock.seek(start)
        self._clock.play()

    def pause(self) -> None:
        self._settle()
        if not self._clock.playing:
            return
        self._player.set_pause(1)
        self._clock.observe(self._player.get_time())
        self._clock.pause()

    @property
    def is_playing(self) -> bool:
        """True from play() until pause(), the end of the media, an error or close()."""
        self._settle()
        return self._clock.playing

    def seek_ms(self, ms: int) -> None:
        """Move the playhead (clamped to the media); kept for the next play() when stopped."""
        self._settle()
        if self._media is None:
            return
        ms = max(0, int(ms))
        if self._duration is not None:
            ms = min(ms, self._duration)
        self._clock.seek(ms)
        if self._started and self._clock.playing:
            self._player.set_time(ms)
        else:                           # stopped or paused: see the module docstring
            self._pending_seek = ms

    def position_ms(self) -> int:
        """The playhead, interpolated between libvlc's coarse readings (see clock.py)."""
        self._settle()
        if self._started and self._pending_seek is None:   # else libvlc's reading is stale
            self._clock.observe(self._player.get_time())
        return self._clock.position_ms()

    def backend_position_ms(self) -> int | None:
        """libvlc's own coarse reading (about every 250 ms), for diagnostics and tests."""
        if self._player is None or not self._started:
            return None
        reading = self._player.get_time()
        return reading if reading >= 0 else None

    def duration_ms(self) -> int | None:
        if self._duration is None and self._started:  # nothing knew it before playing
            length = self._player.get_length()
            self._duration = length if length > 0 else None
        return self._duration

    @property
    def rate(self) -> float:
        return self._rate

    def set_rate(self, rate: float) -> None:
        """Clamped to MIN_RATE..MAX_RATE; the pitch is kept (libvlc's time-stretch)."""
        self._rate = min(MAX_RATE, max(MIN_RATE, float(rate)))
        if self._player is None:
            return
        self._player.set_rate(self._rate)
        if self._started and self._pending_seek is None:
            self._clock.observe(self._player.get_time())
        self._clock.set_rate(self._rate)

    @property
    def volume(self) -> int:
        return self._volume

    def set_volume(self, volume: int) -> None:
        """0..100 (clamped)."""
        self._volume = min(100, max(0, int(volume)))
        if self._player is not None:
            self._player.audio_set_volume(self._volume)

    def close(self) -> None:
        """Stop and free libvlc; the player does nothing afterwards. Safe to call twice."""
        if self._player is None:
            return
        self._unload()
        for kind in (vlc.EventType.MediaPlayerPlaying, vlc.EventType.MediaPlayerPaused,
                     vlc.EventType.MediaPlayerEndReached,
                     vlc.EventType.MediaPlayerEncounteredError):
            self._events.event_detach(kind)
        self._player.release()
        self._instance.release()
        self._player = self._instance = None
