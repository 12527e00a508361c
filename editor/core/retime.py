"""Re-timing a project to a re-cut audio file (Audio > Replace Audio).

The transcript is aligned to the new file (an alignment result: see
``editor/audio/align/base.py``); :func:`plan_retime` turns that result into new
times for every turn and chapter, and :class:`RetimeToAudio` applies them with
the new audio path and length as one undo step. Text is never touched.

The rules, as the README states them:

- A turn heard in the new audio starts where it was heard and is confirmed; its
  word times are those heard.
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

Pure apart from the command; the alignment result is read by its attributes
only (``turns[k].start / .confident / .words[i].start / .confident``,
``unspoken[j].first / .last`` as (turn, word), ``untranscribed[j].start / .end``,
``duration``), so the core needs no import of the aligner.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from .history import Command
from .model import Project
from .timecode import MAX_MS, format_clock

__all__ = ["SAME_SHIFT_MS", "Retiming", "plan_retime", "RetimeToAudio", "retime_to_audio"]

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
    heard = [aligned.confident for aligned in result.turns]
    shifts = [aligned.start - start for aligned, start in zip(result.turns, old)]
    previous = _nearest(heard, range(len(turns)))
    following = _nearest(heard, reversed(range(len(turns))))

    times: list[tuple[int, bool]] = []
    moved_with = set()
    for k, turn in enumerate(turns):
        before, after = previous[k], following[k]
        if heard[k]:
            times.append((result.turns[k].start, False))
        elif (before is not None and after is not None
              and abs(shifts[before] - shifts[after]) <= SAME_SHIFT_MS):
            times.append((old[k] + shifts[before], turn.estimated))
            moved_with.add(k)
        else:
            times.append((result.turns[k].start, True))
    times = _in_order(times, length)
    # A turn that only moved keeps its words' times (they count from its start).
    words = [turn.words if k in moved_with else _heard_offsets(turn.text, aligned, start)
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
    count = len(text.split())
    if len(aligned.words) != count:     # typed into while the audio was aligned
        return None
    offsets: list[int | None] = []
    last = 0
    for word in aligned.words:
        offset = word.start - start
        if word.confident and offset >= last:
            offsets.append(offset)
            last = offset
        else:
            offsets.append(None)
    return tuple(offsets) if any(o is not None for o in offsets) else None


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


class RetimeToAudio(Command):
    """Use another audio file, re-timing every turn and chapter to it: one step."""

    text = "Replace audio"

    def __init__(self, project: Project, audio_path: Path | str, retiming: Retiming) -> None:
        if len(retiming.times) != len(project.turns) \
                or len(retiming.chapter_starts) != len(project.chapters):
            raise RetimeMismatch("the re-timing was planned for another version of the "
                                 "project: align again")
        self.project = project
        self.new_audio = (Path(audio_path), retiming.duration)
        self.old_audio = (project.audio_path, project.audio_duration)
        self.new_times, self.new_words = list(retiming.times), list(retiming.words)
        self.old_times = [(t.start, t.estimated) for t in project.turns]
        self.old_words = [t.words for t in project.turns]
        self.new_chapters = list(retiming.chapter_starts)
        self.old_chapters = [c.start for c in project.chapters]

    def redo(self) -> None:
        self._show(self.new_times, self.new_words, self.old_chapters, self.new_chapters,
                   self.new_audio)

    def undo(self) -> None:
        self._show(self.old_times, self.old_words, self.new_chapters, self.old_chapters,
                   self.old_audio)

    def _show(self, times, words, chapters_now, chapters, audio) -> None:
        project = self.project
        project.set_turn_times(0, times)
        for index, offsets in enumerate(words):
            if project.turns[index].words != offsets:
                project.update_turn(index, words=offsets)
        for index in _move_order(chapters_now, chapters):
            # Each row stays where it is: the new starts are in the same order.
            project.move_chapter(index, chapters[index], dst=index)
        project.set_audio(*audio)


def _move_order(now: list[int], new: list[int]) -> list[int]:
    """An order of moving chapters from ``now`` to ``new`` (both sorted) in which
    none passes a neighbour on the way: those moving earlier first to last,
    then those moving later last to first."""
    earlier = [k for k in range(len(new)) if new[k] < now[k]]
    later = [k for k in reversed(range(len(new))) if new[k] > now[k]]
    return earlier + later


def retime_to_audio(project: Project, audio_path: Path | str, result,
                    duration: int | None = None) -> list[str]:
    """Re-time ``project`` to ``audio_path`` from ``result`` (one undo step) and
    return the lines saying what could not be found there."""
    retiming = plan_retime(project, result, duration)
    project.history.push(RetimeToAudio(project, audio_path, retiming))
    return retiming.missing
