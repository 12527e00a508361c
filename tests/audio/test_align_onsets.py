"""A turn's first word starts where the turn's speech does: moved out of the
speech before the pause between turns, or back to the start of its own speech,
and left alone when it already starts after a pause."""
from __future__ import annotations

import math
import random
import struct

import pytest

from editor.audio.align.base import WordTime
from editor.audio.align.onsets import start_first_words_after_pauses

RATE = 16000


def pcm(pieces: list[tuple[str, int]], seed: int = 4) -> bytes:
    """("speech"|"pause", ms) pieces: a 300 Hz tone at about -10 dBFS for speech,
    white noise 20 dB under it throughout."""
    rng = random.Random(seed)
    samples = []
    for kind, ms in pieces:
        for n in range(ms * RATE // 1000):
            value = rng.gauss(0, 300)
            if kind == "speech":
                value += 9000 * math.sin(2 * math.pi * 300 * n / RATE)
            samples.append(max(-32768, min(32767, int(value))))
    return struct.pack(f"<{len(samples)}h", *samples)


@pytest.fixture
def audio(tmp_path):
    # 0-3000 the previous turn's speech, 3000-4000 the pause between turns,
    # 4000-4400 the turn's first word, 4400-4600 speech of the second, a
    # 300 ms pause inside the turn (4600-4900), then more speech.
    path = tmp_path / "audio.pcm"
    path.write_bytes(pcm([("speech", 3000), ("pause", 1000), ("speech", 600),
                          ("pause", 300), ("speech", 1500), ("pause", 500)]))
    return path


def word(start: int, end: int) -> WordTime:
    return WordTime(start, end, 0.75)


def moved(audio, first: WordTime, second: WordTime, before: WordTime | None) -> int:
    times = {1: first, 2: second}
    if before is not None:
        times[0] = before
    start_first_words_after_pauses(times, [1], audio)
    return times[1].start


def test_a_first_word_heard_in_the_previous_turn_goes_to_where_the_turn_starts(audio):
    # Placed at the end of the previous turn's last word, before the pause.
    start = moved(audio, word(2900, 3950), word(4400, 4600), before=word(2500, 2950))
    assert 4000 <= start <= 4030


def test_a_late_first_word_goes_back_to_the_start_of_its_speech(audio):
    start = moved(audio, word(4250, 4400), word(4400, 4600), before=word(2500, 3000))
    assert 3990 <= start <= 4020


def test_a_first_word_that_starts_after_a_pause_stays(audio):
    assert moved(audio, word(4000, 4400), word(4400, 4600), before=word(2500, 3000)) == 4000
    # Even with a pause inside the turn before its next word.
    assert moved(audio, word(4000, 4600), word(4900, 5200), before=word(2500, 3000)) == 4000


def test_a_word_late_in_speech_the_previous_word_reaches_into_goes_forward_not_back(audio):
    # The speech before it is the previous turn's (its last word ends at 2960):
    # it is early, and the pause ends at the turn's start.
    start = moved(audio, word(2950, 3990), word(4400, 4600), before=word(2600, 2960))
    assert 4000 <= start <= 4030


def test_a_first_word_with_no_pause_before_its_next_word_stays(tmp_path):
    path = tmp_path / "audio.pcm"
    path.write_bytes(pcm([("speech", 6000)]))
    assert moved(path, word(2900, 3300), word(3300, 3600), before=word(2500, 2900)) == 2900


def test_words_without_a_time_or_a_next_word_are_left(audio):
    times = {1: word(2900, 3950)}
    start_first_words_after_pauses(times, [1, 5], audio)
    assert times == {1: word(2900, 3950)}


def test_a_first_word_after_a_pause_stays_when_the_previous_word_is_given_too_long(audio):
    # The previous word's end reaches past the turn's start; the turn's first
    # word still starts after the pause, so the pause inside the turn does not
    # pull it onto the next word.
    assert moved(audio, word(4000, 4600), word(4900, 5200), before=word(2500, 4200)) == 4000


def test_speech_the_previous_word_fills_is_not_the_turns_own(tmp_path):
    # A short last word of the previous turn (1000-1800) after a pause, the
    # pause between turns, then the turn (2800-). The first word placed inside
    # the previous word goes forward to 2800, not back to 1000.
    path = tmp_path / "audio.pcm"
    path.write_bytes(pcm([("pause", 1000), ("speech", 800), ("pause", 1000), ("speech", 1500)]))
    start = moved(path, word(1500, 2700), word(3100, 3400), before=word(1000, 1800))
    assert 2800 <= start <= 2830
