"""What every alignment engine takes and returns, and the protocol it follows.

An engine gets the audio file and the turns (their current start and text) and
returns an :class:`AlignmentResult`: for every turn a start and a confidence,
for every word of its text (``text.split()``) a start, an end and a confidence,
plus the transcript passages it found no audio for and the stretches of audio
it found no transcript for. Times are integer milliseconds from the start of
the file; confidences are 0..1, and :data:`CONFIDENT` is the line above which a
time counts as heard rather than guessed. Engines raise :class:`AlignError`
(one line naming the file and the problem) and :class:`AlignCancelled`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol, Sequence

from editor.core.errors import ShowscribeError

# A word or turn at or above this was matched in the recognised speech or
# force-aligned in a short gap between matches; below it, its time is a guess.
CONFIDENT = 0.5

Progress = Callable[[float], None]
Cancel = threading.Event | Callable[[], bool]


class AlignError(ShowscribeError):
    """The transcript cannot be aligned to this audio; the message says why."""


class AlignCancelled(ShowscribeError):
    """The caller cancelled the alignment before it was done."""


@dataclass(frozen=True, slots=True)
class TurnText:
    """One turn as the aligner sees it: its current start (a hint) and its text."""

    start: int
    text: str


@dataclass(frozen=True, slots=True)
class WordTime:
    start: int
    end: int
    confidence: float

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True, slots=True)
class TurnTime:
    start: int
    confidence: float
    words: tuple[WordTime, ...]     # one per word of the turn's text.split()

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True, slots=True)
class Unspoken:
    """Transcript words found nowhere in the audio (a passage cut from the edit).

    ``first`` and ``last`` are (turn index, word index) of its first and last word.
    """

    first: tuple[int, int]
    last: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Untranscribed:
    """Audio with speech in it that no transcript word was placed in (an ad break)."""

    start: int
    end: int


@dataclass(frozen=True)
class AlignmentResult:
    turns: list[TurnTime]
    unspoken: list[Unspoken] = field(default_factory=list)
    untranscribed: list[Untranscribed] = field(default_factory=list)
    duration: int = 0               # of the audio, ms


class Aligner(Protocol):
    """An alignment engine: pocketsphinx today, a local Whisper or CTC model later."""

    def align(self, audio_path: Path | str, turns: Sequence[TurnText],
              progress: Progress | None = None,
              cancel: Cancel | None = None) -> AlignmentResult:
        ...


def is_cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())
