"""PlayheadClock as pure logic: a fake time source and a simulated coarse backend."""
from __future__ import annotations

import statistics

import pytest

from editor.audio.clock import SEEK_SETTLE_S, PlayheadClock


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance_ms(self, ms: float) -> None:
        self.now += ms / 1000.0


class CoarseBackend:
    """Plays at ``rate`` from ``start_ms`` after ``latency_ms``; its reading moves every 250 ms."""

    def __init__(self, clock_time: FakeTime, rate: float = 1.0, start_ms: int = 0,
                 latency_ms: float = 20.0, period_ms: float = 250.0) -> None:
        self.time, self.rate, self.start_ms = clock_time, rate, start_ms
        self.began = clock_time.now + latency_ms / 1000.0
        self.period_ms = period_ms

    def true_ms(self) -> float:
        return self.start_ms + max(0.0, (self.time.now - self.began) * 1000.0) * self.rate

    def reading(self) -> int:
        elapsed = max(0.0, (self.time.now - self.began) * 1000.0)
        ticks = int(elapsed // self.period_ms)
        return int(self.start_ms + ticks * self.period_ms * self.rate)


def run(clock: PlayheadClock, time: FakeTime, backend: CoarseBackend,
        duration_ms: float, poll_ms: float = 16.0) -> list[tuple[int, float]]:
    """Poll like the GUI's timer: feed the reading, record (shown, true)."""
    samples = []
    elapsed = 0.0
    while elapsed < duration_ms:
        time.advance_ms(poll_ms)
        elapsed += poll_ms
        clock.observe(backend.reading())
        samples.append((clock.position_ms(), backend.true_ms()))
    return samples


def test_stays_put_until_played() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    time.advance_ms(500)
    assert clock.position_ms() == 0
    clock.seek(1234)
    time.advance_ms(500)
    assert clock.position_ms() == 1234
    assert not clock.playing


@pytest.mark.parametrize("rate", [0.5, 1.0, 1.5, 2.0])
def test_follows_the_backend_smoothly_at_every_rate(rate: float) -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    clock.set_rate(rate)
    backend = CoarseBackend(time, rate=rate)
    clock.play()
    samples = run(clock, time, backend, 5000)
    shown = [s for s, _ in samples]
    assert shown == sorted(shown)
    # Once the first real reading has arrived the error is within one poll.
    errors = [abs(s - t) for s, t in samples[40:]]
    assert max(errors) <= 16 * rate + 1
    # Between readings the position moves at every poll, not in 250 ms steps.
    assert len(set(shown[40:])) > len(shown[40:]) * 0.9


def test_lands_on_the_backend_even_with_slow_polling() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    backend = CoarseBackend(time, latency_ms=35)
    clock.play()
    samples = run(clock, time, backend, 6000, poll_ms=47)
    errors = [abs(s - t) for s, t in samples[20:]]
    # The smallest of several upper bounds beats a single late sighting.
    assert statistics.median(errors) <= 10
    assert max(errors) <= 47


def test_never_moves_back_when_the_first_reading_is_behind() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    clock.play()
    time.advance_ms(300)
    assert clock.position_ms() == 300   # provisional: started counting at play()
    clock.observe(250)                  # playback really began 50 ms after play()
    assert clock.position_ms() == 300
    time.advance_ms(30)
    assert clock.position_ms() == 300   # holds until the reading catches up
    time.advance_ms(30)
    assert clock.position_ms() == 310   # then moves on from the reading


def test_seek_jumps_back_and_ignores_readings_from_the_old_place() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    clock.play()
    time.advance_ms(5000)
    clock.observe(5000)
    clock.seek(1000)
    assert clock.position_ms() == 1000
    time.advance_ms(20)
    clock.observe(1000)         # libvlc echoes the target
    clock.observe(5250)         # a reading from before the seek
    time.advance_ms(20)
    assert 1000 <= clock.position_ms() <= 1040
    time.advance_ms(260)
    clock.observe(1250)         # the first reading after the seek took hold
    assert clock.position_ms() == 1250
    time.advance_ms(100)
    assert clock.position_ms() == 1350


def test_a_seek_that_lands_elsewhere_is_accepted_after_settling() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    clock.play()
    clock.seek(10_000)
    time.advance_ms(200)
    clock.observe(3000)
    assert clock.position_ms() >= 10_000
    time.advance_ms(SEEK_SETTLE_S * 1000 + 10)
    clock.pause()
    clock.seek(10_000)
    clock.play()
    time.advance_ms(SEEK_SETTLE_S * 1000 + 10)
    clock.observe(3000)
    clock.pause()
    clock.seek(2000)
    assert clock.position_ms() == 2000


def test_pause_freezes_and_play_continues_from_there() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    backend = CoarseBackend(time)
    clock.play()
    run(clock, time, backend, 1000)
    clock.pause()
    frozen = clock.position_ms()
    time.advance_ms(3000)
    clock.observe(backend.reading())        # the backend's stale reading while paused
    assert clock.position_ms() == frozen
    clock.play()
    time.advance_ms(100)
    assert clock.position_ms() == frozen + 100


def test_rate_change_keeps_the_position_and_changes_the_speed() -> None:
    time = FakeTime()
    clock = PlayheadClock(time)
    clock.play()
    time.advance_ms(1000)
    before = clock.position_ms()
    clock.set_rate(2.0)
    assert clock.position_ms() == before
    time.advance_ms(100)
    assert clock.position_ms() == before + 200
    assert clock.rate == 2.0


def test_a_stalled_backend_holds_the_playhead_then_resyncs() -> None:
    time = FakeTime()
    clock = PlayheadClock(time, max_lead_ms=400)
    clock.play()
    time.advance_ms(250)
    clock.observe(250)
    time.advance_ms(2000)               # no new reading: buffering
    assert clock.position_ms() == 650   # at most max_lead past the last reading
    clock.observe(500)                  # playback resumed from where it stalled
    assert clock.position_ms() == 650   # never back while playing
    time.advance_ms(200)
    assert clock.position_ms() == 700   # 500 + 200 from the new reading, not ahead
