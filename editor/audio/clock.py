"""The playhead between a backend's coarse readings.

libvlc's ``get_time()`` moves only about every 250 ms of wall time. A
:class:`PlayheadClock` turns those steps into a smooth position: it extrapolates
from the readings with a monotonic clock and the playback rate, never moves
backwards while playing (only a seek moves it back), and follows the backend
whenever its reading changes. It is pure logic: the time source is injected, it
calls no backend and emits nothing.

How the readings are used: during steady playback ``media = wall * rate - offset``
for a constant ``offset``. A reading that changed is seen some time after the
backend took it, so each change gives an upper bound on the offset; the smallest
bound over the last few changes is the estimate. Anchors that are not readings
(play, seek, a rate change) are provisional: the first real change replaces them.
When the backend stops moving (buffering, a stall) the position waits at most
``max_lead_ms`` of wall time past the last reading, and the next change re-syncs.
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

# Readings equal to the seek target arrive at once (libvlc echoes set_time);
# readings from the old place may still follow. Until a reading lands near the
# target (or this long has passed) readings are not trusted.
SEEK_SETTLE_S = 1.5
SEEK_WINDOW_BEFORE_MS = 250
SEEK_WINDOW_AFTER_MS = 600


class PlayheadClock:
    """Smooth, monotonic playhead position in ms from coarse backend readings."""

    def __init__(self, now: Callable[[], float] = time.monotonic, *,
                 max_lead_ms: int = 400, window: int = 4) -> None:
        self._now = now
        self._max_lead_ms = max_lead_ms
        self._bounds: deque[float] = deque(maxlen=window)
        self._rate = 1.0
        self._playing = False
        self._anchor_media = 0.0    # ms at _anchor_wall
        self._anchor_wall = now()   # seconds
        self._provisional = True    # anchor not taken from a backend reading
        self._last_reading: int | None = None
        self._shown = 0.0           # never goes below this while playing
        self._stalled = False
        self._seek_target: int | None = None
        self._seek_wall = 0.0

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def rate(self) -> float:
        return self._rate

    def play(self) -> None:
        """Start advancing from the current position."""
        if self._playing:
            return
        self._reanchor(self._shown)
        self._playing = True

    def pause(self) -> None:
        """Stop advancing; the position stays where it was shown to be."""
        if not self._playing:
            return
        self._shown = max(self._shown, self._estimate())
        self._playing = False

    def seek(self, ms: int) -> None:
        """Jump to ``ms`` (may go backwards); readings from the old place are ignored."""
        self._shown = float(ms)
        self._reanchor(float(ms))
        self._seek_target = ms
        self._seek_wall = self._now()
        self._last_reading = ms

    def set_rate(self, rate: float) -> None:
        """Keep the position, advance at ``rate`` from now on."""
        if rate == self._rate:
            return
        current = self.position_ms_exact()
        self._rate = rate
        self._reanchor(current)

    def observe(self, reading_ms: int | None) -> None:
        """Feed the backend's latest reading (the same value again is no news)."""
        if reading_ms is None or reading_ms < 0 or reading_ms == self._last_reading:
            return
        now = self._now()
        if self._seek_target is not None and not self._settled(reading_ms, now):
            return
        self._last_reading = reading_ms
        if not self._playing:
            return
        bound = now * 1000.0 * self._rate - reading_ms
        if self._provisional or self._stalled:
            self._bounds.clear()
            self._provisional = False
            self._stalled = False
        self._bounds.append(bound)
        offset = min(self._bounds)
        self._anchor_wall = now
        self._anchor_media = now * 1000.0 * self._rate - offset

    def position_ms(self) -> int:
        """The position to show, in whole ms."""
        return round(self.position_ms_exact())

    def position_ms_exact(self) -> float:
        """The position to show, unrounded; never less than the last one while playing."""
        if self._playing:
            self._shown = max(self._shown, self._estimate())
        return self._shown

    def _estimate(self) -> float:
        now = self._now()
        estimate = self._anchor_media + (now - self._anchor_wall) * 1000.0 * self._rate
        # Before the first real reading the anchor itself is the reference.
        reference = self._anchor_media if self._provisional else self._last_reading
        if reference is not None:
            ceiling = reference + self._max_lead_ms * self._rate
            if estimate > ceiling:
                self._stalled = True
                estimate = ceiling
        return estimate

    def _reanchor(self, media_ms: float) -> None:
        self._anchor_media = media_ms
        self._anchor_wall = self._now()
        self._provisional = True
        self._stalled = False
        self._bounds.clear()

    def _settled(self, reading_ms: int, now: float) -> bool:
        target = self._seek_target
        assert target is not None
        elapsed_ms = (now - self._seek_wall) * 1000.0 * self._rate
        near = (target - SEEK_WINDOW_BEFORE_MS
                <= reading_ms <= target + elapsed_ms + SEEK_WINDOW_AFTER_MS)
        if near or now - self._seek_wall > SEEK_SETTLE_S:
            self._seek_target = None
            return True
        return False
