"""The playback interface the GUI talks to, whatever plays the audio.

A :class:`Player` never raises into its caller for a bad file: problems arrive
as :class:`PlayerEvent` values through the ``on_event`` callback, which may be
called from a backend thread. The GUI's callback must only post the event to its
own thread (a queued signal) and never call the player back from there. All
methods are called from one thread (the GUI's); times are int milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Protocol

from editor.core.errors import ShowscribeError

MIN_RATE = 0.5
MAX_RATE = 2.0


class EventKind(Enum):
    LOADED = "loaded"            # media parsed; detail: duration in ms (or None)
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"              # reached the end of the media
    ERROR = "error"              # detail: a one-line message for a person


@dataclass(frozen=True)
class PlayerEvent:
    kind: EventKind
    detail: object = None


EventCallback = Callable[[PlayerEvent], None]


class PlayerError(ShowscribeError):
    """Raised only by a player's constructor, when its backend cannot start at all."""


class Player(Protocol):
    on_event: EventCallback | None

    def load(self, path: Path | str) -> bool:
        """Open a file. False (and an ERROR event) when it is missing or unplayable.

        On success a LOADED event (detail: duration ms or None) is emitted before
        returning; the playhead is at 0 and the player is paused.
        """

    def play(self) -> None:
        """Play from the playhead; after ENDED, from 0 or the last seek target."""

    def pause(self) -> None: ...

    @property
    def is_playing(self) -> bool:
        """True from play() until pause(), the end of the media, an error or close()."""

    def seek_ms(self, ms: int) -> None:
        """Move the playhead, clamped to 0..duration; works playing, paused or ended."""

    def position_ms(self) -> int:
        """The playhead, interpolated between the backend's coarse readings.

        Never goes backwards while playing, except after seek_ms; the duration
        after ENDED.
        """

    def duration_ms(self) -> int | None:
        """Length of the loaded media, None when unknown or nothing is loaded."""

    @property
    def rate(self) -> float: ...

    def set_rate(self, rate: float) -> None:
        """Clamped to MIN_RATE..MAX_RATE; pitch is kept."""

    @property
    def volume(self) -> int: ...

    def set_volume(self, volume: int) -> None:
        """0..100."""

    def close(self) -> None:
        """Free the backend; afterwards the player does nothing. Safe to call twice."""
