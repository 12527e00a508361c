"""The playback interface the GUI talks to, whatever plays the audio.

A :class:`Player` never raises into its caller for a bad file: problems arrive
as :class:`PlayerEvent` values through the ``on_event`` callback, which may be
called from a backend thread. The GUI's callback must only post the event to its
own thread (a queued signal) and never call the player back from there.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Protocol

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


class Player(Protocol):
    on_event: EventCallback | None

    def load(self, path: Path | str) -> bool:
        """Open a file. False (and an ERROR event) when it is missing or unplayable."""

    def play(self) -> None: ...

    def pause(self) -> None: ...

    @property
    def is_playing(self) -> bool: ...

    def seek_ms(self, ms: int) -> None: ...

    def position_ms(self) -> int:
        """The playhead, interpolated between the backend's coarse readings."""

    def duration_ms(self) -> int | None: ...

    @property
    def rate(self) -> float: ...

    def set_rate(self, rate: float) -> None:
        """Clamped to MIN_RATE..MAX_RATE; pitch is kept."""

    @property
    def volume(self) -> int: ...

    def set_volume(self, volume: int) -> None:
        """0..100."""

    def close(self) -> None: ...
