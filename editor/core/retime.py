"""Re-timing a project to a re-cut audio file (Audio > Replace Audio).

The transcript is aligned to the new file (an alignment result: see
``editor/audio/align/base.py``); :func:`plan_retime` turns that result into new
times for every turn and chapter, and :func:`retime_to_audio` applies them with
the new audio path and length as one undo step (``SetAudio``,
``ApplyAlignment`` and ``SetChapterStarts`` in one macro, so a recovery copy
holds it like any edit). Text is never touched.

The rules, as the README states them:

- A turn heard in the new audio (confidently, its first word too) starts where
  it was heard and is confirmed; its word times are those heard.
- A turn not heard there but lying between two heard turns that both moved by
  the same amount (within :data:`SAME_SHIFT_MS`) moves by that amount: the audio
  between them was not cut, so its old time is still good, and it keeps its
  confirmed or estimated mark and its word times.
- Any other turn takes the aligner's guess, kept between its neighbours, and is
  marked estimated.
- A chapter starting at a turn's start moves with that turn; a chapter between
  turns keeps its distance from the turn before it (never past the next turn).

:func:`plan_retime` also lists what could not be found in the new audio, in
lines for the user: transcript passages not in it, turns whose times are
guesses, chapters that start at such a turn, and audio the transcript lacks.

Pure apart from :func:`retime_to_audio`; the alignment result is read by its attributes
only (``turns[k].start / .confident / .words[i].start / .confident``,
``unspoken[j].first / .last`` as (turn, word), ``untranscribed[j].start / .end``,
``duration``), so the core needs no import of the aligner.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from .commands import ApplyAlignment, SetAudio, SetChapterStarts
from .model import Project
from .timecode import MAX_MS, format_clock
from .wordtimes import fitted, rebased

__all__ = ["SAME_SHIFT_MS", "Retiming", "RetimeMismatch", "plan_retime", "retime_to_audio"]

SAME_SHIFT_MS = 250
_QUOTE_WORDS = 6


@dataclass
class Retiming:
    """New times for a project, in the order of its turns and chapters."""

    times: list[tuple[int, bool]]                 # (start, estimated) of every turn
    words: list[tuple[int | None, ...] | None]    # every turn's word offsets
    chapter_starts: list[int]
    duration: int
    missing: list[str] = field(default_factory=list)


class RetimeMismatch(ValueError):
    """The alignment was made for another transcript than the project's."""


def plan_retime(project: Project, result, duration: int | None = None) -> Retiming:
    """New times for ``project`` from ``result``, an alignment of its transcript
    against the new audio (``duration`` overrides the result's length)."""
    turns = project.turns
    if len(result.turns) != len(turns):
        raise RetimeMismatch(f"the alignment has {len(result.turns)} turns and the "
                             f"transcript {len(turns)}: align again")
    length = min(max(duration if duration is not None else result.duration, 0), MAX_MS)
    old = [turn.start for turn in turns]
    heard = [aligned.confident and (not aligned.words or aligned.words[0].confident)
             for aligned in result.turns]
    found = [round(aligned.start) for aligned in result.turns]
    shifts = [start - old_start for start, old_start in zip(found, old)]
    previous = _nearest(heard, range(len(turns)))
    following = _nearest(heard, reversed(range(len(turns))))

    times: list[tuple[int, bool]] = []
    moved_with = set()
    for k, turn in enumerate(turns):
        before, after = previous[k], following[k]
        if heard[k]:
            times.append((found[k], False))
        elif (before is not None and after is not None
              and abs(shifts[before] - shifts[after]) <= SAME_SHIFT_MS):
            times.append((old[k] + shifts[before], turn.estimated))
            moved_with.add(k)
        else:
            times.append((found[k], True))
    planned = [start for start, _ in times]
    times = _in_order(times, length)
    # A turn that only moved keeps its words' times (they count from its start).
    words = [rebased(turn.words, planned[k], start) if k in moved_with
             else _heard_offsets(turn.text, aligned, start)
             for k, (turn, aligned, (start, _)) in enumerate(zip(turns, result.turns, times))]

    new = [start for start, _ in times]
    chapter_starts = [_chapter_start(c.start, old, new, length) for c in project.chapters]
    retiming = Retiming(times, words, chapter_starts, length)
    retiming.missing = _missing(project, result, retiming, heard, moved_with)
    return retiming


def _nearest(heard: list[bool], order) -> list[int | None]:
    """For each turn, the nearest heard turn strictly before it in ``order``."""
    out: list[int | None] = [None] * len(heard)
    last = None
    for k in order:
        out[k] = last
        if heard[k]:
            last = k
    return out


def _heard_offsets(text: str, aligned, start: int) -> tuple[int | None, ...] | None:
    """The turn's heard words as offsets from ``start``, in order; None when none is."""
    if len(aligned.words) != len(text.split()):     # typed into while it was aligned
        return None
    return fitted(round(word.start) - start if word.confident else None
                  for word in aligned.words)


def _in_order(times: list[tuple[int, bool]], length: int) -> list[tuple[int, bool]]:
    """Starts within the audio, never before the turn above."""
    out, floor = [], 0
    for start, estimated in times:
        start = min(max(start, floor), length)
        out.append((start, estimated))
        floor = start
    return out


def _chapter_start(start: int, old: list[int], new: list[int], length: int) -> int:
    if not old:
        return min(start, length)
    k = bisect.bisect_right(old, start) - 1
    if k < 0:       # before the first turn: as far before it as it was
        return max(0, new[0] - (old[0] - start))
    if old[k] == start:
        return new[bisect.bisect_left(old, start)]
    moved = new[k] + start - old[k]
    if k + 1 < len(new):
        moved = min(moved, new[k + 1])
    return min(moved, length)


def _missing(project: Project, result, retiming: Retiming, heard: list[bool],
             moved_with: set[int]) -> list[str]:
    turns = project.turns
    clock = _Clock(project, retiming)
    lines = []
    covered = set()
    for passage in result.unspoken:
        (first_turn, first_word), (last_turn, last_word) = passage.first, passage.last
        covered.update(range(first_turn, last_turn + 1))
        quote = _quote(turns[first_turn].text, first_word, turns[last_turn].text, last_word,
                       same=first_turn == last_turn)
        where = clock.turn(first_turn) if first_turn == last_turn else \
            f"{clock.turn(first_turn)} to {clock.turn(last_turn)}"
        lines.append(f"Not in the new audio: {quote} ({where})")
    for k in range(len(turns)):
        if heard[k] or k in covered:
            continue
        if k in moved_with:
            lines.append(f"Not heard, moved with the turns around it: {clock.turn(k)}")
        else:
            lines.append(f"Not found, time guessed: {clock.turn(k)}")
    old = [turn.start for turn in turns]
    for index, chapter in enumerate(project.chapters):
        at = bisect.bisect_left(old, chapter.start)
        if at < len(old) and old[at] == chapter.start and not heard[at] \
                and at not in moved_with:
            lines.append(f"Chapter \u201c{chapter.title}\u201d starts at a turn not found: "
                         f"check it at {clock.at(retiming.chapter_starts[index])}")
    for span in result.untranscribed:
        lines.append(f"Audio not in the transcript: {clock.at(span.start)} to "
                     f"{clock.at(span.end)}")
    return lines


class _Clock:
    """Turns and times as the window will show them once re-timed."""

    def __init__(self, project: Project, retiming: Retiming) -> None:
        self.project, self.retiming = project, retiming
        self.hours = max(retiming.duration, retiming.times[-1][0] if retiming.times else 0,
                         retiming.chapter_starts[-1] if retiming.chapter_starts else 0
                         ) >= 3_600_000

    def at(self, ms: int) -> str:
        return format_clock(max(0, ms), hours=True if self.hours else None)

    def turn(self, index: int) -> str:
        start, estimated = self.retiming.times[index]
        when = ("~" if estimated else "") + self.at(start)
        speaker = self.project.turns[index].speaker
        if not speaker:
            return f"the turn at {when}"
        return f"{self.project.speaker_name(speaker)}\u2019s turn at {when}"


def _quote(first_text: str, first_word: int, last_text: str, last_word: int,
           same: bool) -> str:
    """The passage's words, shortened in the middle: “from here … to there”."""
    if same:
        words = first_text.split()[first_word:last_word + 1]
    else:
        words = first_text.split()[first_word:] + ["\u2026"] + last_text.split()[:last_word + 1]
    if len(words) > 2 * _QUOTE_WORDS:
        words = words[:_QUOTE_WORDS] + ["\u2026"] + words[-_QUOTE_WORDS:]
    return "\u201c" + " ".join(words) + "\u201d"


def retime_to_audio(project: Project, audio_path: Path | str, result,
                    duration: int | None = None) -> list[str]:
    """Re-time ``project`` to ``audio_path`` from ``result`` (one undo step) and
    return the lines saying what could not be found there."""
    retiming = plan_retime(project, result, duration)
    turns = project.turns
    changes = [(k, start, estimated, words) for k, ((start, estimated), words)
               in enumerate(zip(retiming.times, retiming.words))
               if (start, estimated, words) != (turns[k].start, turns[k].estimated,
                                                turns[k].words)]
    history = project.history
    with history.macro("Replace audio"):
        # The audio first: the turns' bounds are the new audio's length.
        history.push(SetAudio(project, Path(audio_path), retiming.duration))
        history.push(ApplyAlignment(project, changes))
        history.push(SetChapterStarts(project, retiming.chapter_starts))
    return retiming.missing
