"""A turn starts where its speech does, not in the speech before it.

A turn's first word is sometimes heard (or force-aligned) in the tail of the
previous turn's speech: the next words are placed right, after the pause
between the turns, but the first one sits before that pause, and the turn
starts a second or two early. Turns are nearly always preceded by a pause, so
a first word that starts in speech, with a pause of at least 150 ms between
it and the turn's next word of 250 ms or more, is moved to where the longest such pause ends.
A first word that starts after a pause is left alone (a speaker may well
pause after it). Pause and speech are told apart by the energy of 10 ms
frames against the level of the seconds around the word, so a noisy
recording's floor is its noise.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

from editor.audio.align.base import WordTime
from editor.audio.align.stream import audioop, read_span

FRAME_MS = 10
_FRAME_BYTES = 32 * FRAME_MS            # 16 kHz, 16-bit mono
PAUSE_FRAMES = 15                       # no word holds a silence of 150 ms
TURN_PAUSE_FRAMES = 25                  # a pause between turns: 250 ms or more
CONTEXT_MS = 2000                       # either side, for the level of the place
MIN_MOVE_MS = 100                       # closer than this, the span is left as it is
MIN_WORD_MS = 30                        # a moved word keeps at least this before the next
MAX_BACK_MS = 1500                      # a late word goes back at most this far


def energies(samples: bytes) -> list[int]:
    return [audioop.rms(samples[k:k + _FRAME_BYTES], 2)
            for k in range(0, len(samples) - _FRAME_BYTES + 1, _FRAME_BYTES)]


def levels(energy: list[int]) -> tuple[int, int]:
    """The floor of this stretch of audio (its quietest tenth: the noise) and the
    level under which a frame counts as pause."""
    ordered = sorted(energy)
    floor, loud = ordered[len(ordered) // 10], ordered[len(ordered) * 9 // 10]
    return floor, max(4 * floor, floor + (loud - floor) // 20)


def speech_after_longest_pause(energy: list[int], threshold: int, first: int,
                               last: int, shortest: int = PAUSE_FRAMES) -> int | None:
    """The frame where the longest pause of at least ``shortest`` frames within
    frames first..last-1 ends (``last`` when it runs to the end), or None."""
    best_length, best_end = 0, None
    run = 0
    for frame in range(first, last):
        if energy[frame] <= threshold:
            run += 1
            continue
        if run >= shortest and run >= best_length:
            best_length, best_end = run, frame
        run = 0
    if run >= shortest and run >= best_length:
        best_end = last
    return best_end


def speech_start_before(energy: list[int], threshold: int, frame: int,
                        shortest: int = TURN_PAUSE_FRAMES) -> int | None:
    """Where the speech running back from ``frame`` starts: the end of the first
    pause of ``shortest`` frames before it, or None when there is none."""
    run = 0
    for back in range(frame - 1, -1, -1):
        if energy[back] <= threshold:
            run += 1
            if run >= shortest:
                return back + run
        else:
            run = 0
    return None


def start_first_words_after_pauses(times: dict[int, WordTime], first_words: Iterable[int],
                                   pcm_path: Path | str) -> None:
    """Start each turn's first word (token index in ``first_words``, time in
    ``times``) that starts in speech where the turn's speech starts; changes
    ``times`` in place.

    The speech the word starts in is either the previous turn's (the word is
    early: it goes to where the pause before the turn's next word ends) or its
    own (it is late: it goes back to where that speech starts, after the pause
    between the turns). Which one, the previous word's time tells: if it
    reaches into that speech, the speech is the previous turn's."""
    for index in first_words:
        word, following = times.get(index), times.get(index + 1)
        if word is None or following is None or \
                following.start - word.start < PAUSE_FRAMES * FRAME_MS:
            continue
        lo = max(word.start - CONTEXT_MS, 0)
        energy = energies(read_span(Path(pcm_path), lo, following.start + CONTEXT_MS))
        first = (word.start - lo) // FRAME_MS
        last = min((following.start - lo) // FRAME_MS, len(energy))
        if first < PAUSE_FRAMES or last <= first:
            continue
        floor, threshold = levels(energy)
        # Near the floor, not only under the pause level: the fading end of the
        # speech before is under that too.
        hush = min(threshold, 2 * floor)
        quiet_before = sum(1 for e in energy[first - PAUSE_FRAMES:first] if e <= hush)
        if quiet_before * 3 >= PAUSE_FRAMES * 2:
            continue            # it starts after a pause: where a turn starts
        back = speech_start_before(energy, threshold, first)
        previous = times.get(index - 1)
        if back is not None and word.start - (lo + back * FRAME_MS) <= MAX_BACK_MS and (
                previous is None or previous.end <= lo + back * FRAME_MS + MIN_MOVE_MS // 2):
            start = lo + back * FRAME_MS            # late, in its own speech
        else:
            onset = speech_after_longest_pause(energy, threshold, first, last,
                                               TURN_PAUSE_FRAMES)
            if onset is None:
                continue
            start = min(lo + onset * FRAME_MS, following.start - MIN_WORD_MS)
        if abs(start - word.start) >= MIN_MOVE_MS:
            times[index] = replace(word, start=start, end=max(word.end, start + MIN_WORD_MS))
