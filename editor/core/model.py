"""The episode model: metadata, speakers, turns, chapters and the audio reference.

:class:`Project` owns the data and is the only thing that changes it. Its mutating
methods are small single steps meant to be called by the commands in
``commands.py`` (so that every change can be undone); each emits notifications
that Qt models translate one to one:

- turns_about_to_insert(first, last) / turns_inserted(first, last)
- turns_about_to_remove(first, last) / turns_removed(first, last)
- turns_changed(first, last)                       (data only; no rows move)
- chapters_about_to_insert / chapters_inserted, chapters_about_to_remove /
  chapters_removed (first, last); chapters_about_to_move(src, dst) /
  chapters_moved(src, dst), where dst is the row the chapter ends up at;
  chapters_changed(first, last)
- speakers_about_to_insert / speakers_inserted, speakers_about_to_remove /
  speakers_removed (first, last); speakers_changed(first, last)
- episode_changed(field_name)
- audio_changed()
- dictionary_changed()                             (the episode's own words)

Chapters are always kept sorted by start time (stable for equal starts); turns
stay in document order.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .signals import signal
from .timecode import format_clock

HOUR_MS = 3_600_000

__all__ = ["Link", "Credit", "Episode", "Speaker", "Turn", "Chapter", "Project",
           "EPISODE_FIELDS", "word_count", "is_color", "is_slot", "is_iso_date",
           "date_problem"]


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None = None


@dataclass(frozen=True)
class Credit:
    role: str
    names: tuple[str, ...]


@dataclass
class Episode:
    title: str = ""
    subtitle: str = ""
    description: str = ""
    show: str = ""
    number: int | None = None
    date: str | None = None          # ISO 8601 date, YYYY-MM-DD
    language: str = ""
    links: tuple[Link, ...] = ()
    credits: tuple[Credit, ...] = ()
    disclaimer: str = ""
    notes: str = ""                  # anything an import could not place elsewhere


EPISODE_FIELDS = tuple(f.name for f in dataclasses.fields(Episode))


@dataclass(slots=True)
class Speaker:
    id: str
    name: str
    color: str = "#4b5563"
    slot: int | None = None          # Ctrl+<slot> gives a turn this speaker


@dataclass(slots=True)
class Turn:
    start: int                       # ms
    speaker: str                     # a Speaker.id, or "" for none
    text: str = ""                   # paragraphs separated by "\n"
    estimated: bool = False
    # When each word of the text (``text.split()``) was heard, in ms from
    # ``start``: one entry per word, None for a word whose time is not known.
    # None when the turn has no word times at all. See editor/core/wordtimes.py.
    words: tuple[int | None, ...] | None = None
    # What a split took away between the turn before and this one ("" for
    # nothing, " ", "\n"), so merging them back restores it; None when the turn
    # was not made by a split. Not saved, and no part of a turn's equality.
    seam: str | None = field(default=None, compare=False, repr=False)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n")


@dataclass(slots=True)
class Chapter:
    start: int                       # ms
    title: str = ""
    url: str | None = None
    image: str | None = None
    toc: bool = True                 # False: a silent chapter, hidden from the list
    # Fields another format carries that Showscribe does not edit (a JSON
    # chapter's "location", say): kept so an import and export lose nothing.
    extra: dict = field(default_factory=dict)


def word_count(text: str) -> int:
    return len(text.split())


# -- values every writer of the model checks (commands, the project file) ------

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# ASCII digits only: Python also reads week dates ("2025-W11-5") and plain digits.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_color(value: object) -> bool:
    """``#rrggbb``."""
    return isinstance(value, str) and _COLOR.fullmatch(value) is not None


def is_slot(value: object) -> bool:
    """A speaker's keyboard slot: None, or 1 to 9 (Ctrl+1 ... Ctrl+9)."""
    return value is None or (type(value) is int and 1 <= value <= 9)


def is_iso_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    if not isinstance(value, str) or _ISO_DATE.fullmatch(value) is None:
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def date_problem(text: str) -> str | None:
    """Why ``text`` cannot be an episode date, in one line; None when it can."""
    if is_iso_date(text):
        return None
    return f"\u201c{text}\u201d is not a date: type it as YYYY-MM-DD, e.g. 2025-03-14."


class Project:
    """One episode being edited."""

    turns_about_to_insert = signal()
    turns_inserted = signal()
    turns_about_to_remove = signal()
    turns_removed = signal()
    turns_changed = signal()
    chapters_about_to_insert = signal()
    chapters_inserted = signal()
    chapters_about_to_remove = signal()
    chapters_removed = signal()
    chapters_about_to_move = signal()
    chapters_moved = signal()
    chapters_changed = signal()
    speakers_about_to_insert = signal()
    speakers_inserted = signal()
    speakers_about_to_remove = signal()
    speakers_removed = signal()
    speakers_changed = signal()
    episode_changed = signal()
    audio_changed = signal()
    dictionary_changed = signal()

    def __init__(self) -> None:
        self.episode = Episode()
        self.speakers: list[Speaker] = []
        self._turns: list[Turn] = []
        self.chapters: list[Chapter] = []
        self.audio_path: Path | None = None      # absolute once loaded
        self.audio_duration: int | None = None   # ms, when known
        self.path: Path | None = None            # the project file, once saved
        # Words the spell checker accepts in this episode (names, places,
        # products), in the order they were added; each entry may hold several.
        self.dictionary: list[str] = []
        # Problems a reader stepped over (a skipped cue), as FormatErrors with lines.
        self.import_warnings: list = []

        from .history import History  # late: history imports nothing of ours
        self.history = History()
        self._turn_starts: list[int] | None = None   # see turn_starts()

    @property
    def turns(self) -> list[Turn]:
        """The turns in document order. Change them through the methods below
        (or assign a whole new list), so that the cached starts stay true."""
        return self._turns

    @turns.setter
    def turns(self, turns: list[Turn]) -> None:
        self._turns = turns
        self._turn_starts = None

    # -- queries -------------------------------------------------------------

    def speaker(self, speaker_id: str) -> Speaker | None:
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        return None

    def speaker_index(self, speaker_id: str) -> int:
        for index, speaker in enumerate(self.speakers):
            if speaker.id == speaker_id:
                return index
        raise KeyError(speaker_id)

    def speaker_name(self, speaker_id: str) -> str:
        speaker = self.speaker(speaker_id)
        return speaker.name if speaker else speaker_id

    def speaker_names(self) -> dict[str, str]:
        """Every speaker's name by id: writers look a turn's speaker up here once
        per turn, where ``speaker_name`` would scan the speakers for each."""
        return {speaker.id: speaker.name for speaker in reversed(self.speakers)}

    # -- how times and turns are named on screen and in messages -----------------

    def shows_hours(self) -> bool:
        """Whether this episode's times are shown with hours: one width for every
        time of the episode, chosen by its longest (audio, last turn, last chapter)."""
        longest = max(self.audio_duration or 0, self.turns[-1].start if self.turns else 0,
                      self.chapters[-1].start if self.chapters else 0)
        return longest >= HOUR_MS

    def clock(self, ms: int) -> str:
        """``ms`` as this episode shows times: ``05:12``, or ``0:05:12`` in a long one."""
        return format_clock(max(0, ms), hours=True if self.shows_hours() else None)

    def turn_label(self, index: int) -> str:
        """A turn as the window shows it, by speaker and time (never its number,
        which the window does not show): "Bo's turn at ~05:12"."""
        turn = self.turns[index]
        when = ("~" if turn.estimated else "") + self.clock(turn.start)
        if not turn.speaker:
            return f"the turn at {when}"
        return f"{self.speaker_name(turn.speaker)}\u2019s turn at {when}"

    def turn_starts(self) -> list[int]:
        """Every turn's start, in turn order: one cache shared by the transcript,
        the waveform and the checks. Read-only for callers.

        Built from the turns on first use, then kept true by the steps below
        instead of being rebuilt: inserting or removing turns updates the list
        in place (readers hear ``turns_inserted`` / ``turns_removed``), so a
        split at turn 40,000 of 50,000 costs what it changed; retiming turns
        gives a new list, so that on ``turns_changed`` a reader tells with
        ``is`` whether any start moved (typing moves none)."""
        if self._turn_starts is None:
            self._turn_starts = [turn.start for turn in self._turns]
        return self._turn_starts

    def turn_at(self, ms: int) -> int:
        """Index of the turn playing at ``ms`` (-1 before the first): O(log n).

        Turns are in time order when the project is valid; the last turn that
        starts at or before ``ms`` is the one playing.
        """
        return bisect.bisect_right(self.turn_starts(), ms) - 1

    def chapter_at(self, ms: int) -> int:
        return bisect.bisect_right([c.start for c in self.chapters], ms) - 1

    def chapter_insert_index(self, start: int) -> int:
        """Where a chapter starting at ``start`` belongs (after equal starts)."""
        return bisect.bisect_right([c.start for c in self.chapters], start)

    def turn_end(self, index: int) -> int | None:
        """When turn ``index`` ends: the next turn's start, else the audio's end."""
        if index + 1 < len(self.turns):
            return self.turns[index + 1].start
        return self.audio_duration

    def chapter_end(self, index: int) -> int | None:
        if index + 1 < len(self.chapters):
            return self.chapters[index + 1].start
        return self.audio_duration

    def new_speaker_id(self, name: str, taken: set[str] | None = None,
                       next_suffix: dict[str, int] | None = None) -> str:
        """A stable, readable id for a new speaker named ``name``.

        A reader adding thousands of speakers keeps ``taken`` (the ids in use) and
        ``next_suffix`` (per base, the first suffix not yet tried) itself, so each
        new id costs the same, instead of rebuilding the set and retrying every
        suffix for each speaker."""
        base = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
        base = "-".join(part for part in base.split("-") if part) or "speaker"
        if taken is None:
            taken = {speaker.id for speaker in self.speakers}
        suffixes = next_suffix if next_suffix is not None else {}
        candidate, n = base, suffixes.get(base, 2)
        if n > 2:
            candidate = f"{base}-{n}"
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        suffixes[base] = n
        return candidate

    # -- single-step mutations (called by commands) --------------------------

    def insert_turns(self, index: int, turns: list[Turn]) -> None:
        if not turns:
            return
        last = index + len(turns) - 1
        self.turns_about_to_insert.emit(index, last)
        self._turns[index:index] = turns
        if self._turn_starts is not None:
            self._turn_starts[index:index] = [turn.start for turn in turns]
        self.turns_inserted.emit(index, last)

    def remove_turns(self, index: int, count: int = 1) -> list[Turn]:
        """Remove ``count`` turns from ``index`` on: one notification pair however
        many there are."""
        last = index + count - 1
        self.turns_about_to_remove.emit(index, last)
        removed = self._turns[index:index + count]
        del self._turns[index:index + count]
        if self._turn_starts is not None:
            del self._turn_starts[index:index + count]
        self.turns_removed.emit(index, last)
        return removed

    def update_turn(self, index: int, **values) -> None:
        turn = self._turns[index]
        for name, value in values.items():
            setattr(turn, name, value)
        if "start" in values and self._turn_starts is not None:
            self._turn_starts = self._turn_starts.copy()
            self._turn_starts[index] = turn.start
        self.turns_changed.emit(index, index)

    def set_turn_times(self, first: int, times: list[tuple[int, bool]],
                       words: list[tuple[int | None, ...] | None] | None = None) -> None:
        """Set (start, estimated) for the turns from ``first`` on, in one step, and
        with ``words`` (one entry per turn of ``times``) their word times too;
        without, the word times stay as they are (relative to the new starts)."""
        for offset, (start, estimated) in enumerate(times):
            turn = self.turns[first + offset]
            turn.start = start
            turn.estimated = estimated
            if words is not None:
                turn.words = words[offset]
        if times:
            starts = self._turn_starts
            if starts is not None:
                self._turn_starts = (starts[:first] + [start for start, _ in times]
                                     + starts[first + len(times):])
            self.turns_changed.emit(first, first + len(times) - 1)

    def set_turn_speakers(self, changes: dict[int, str]) -> None:
        for index, speaker_id in changes.items():
            self.turns[index].speaker = speaker_id
        if changes:
            self.turns_changed.emit(min(changes), max(changes))

    def set_turn_texts(self, changes: dict[int, str],
                       words: dict[int, tuple[int | None, ...] | None] | None = None) -> None:
        """Set the texts of turns, with their word times from ``words``: a turn
        missing from it has none (its words may not be the ones timed)."""
        words = words or {}
        for index, text in changes.items():
            turn = self.turns[index]
            turn.text = text
            turn.words = words.get(index)
        if changes:
            self.turns_changed.emit(min(changes), max(changes))

    def insert_chapter(self, chapter: Chapter, index: int | None = None) -> int:
        if index is None:
            index = self.chapter_insert_index(chapter.start)
        self.chapters_about_to_insert.emit(index, index)
        self.chapters.insert(index, chapter)
        self.chapters_inserted.emit(index, index)
        return index

    def remove_chapter(self, index: int) -> Chapter:
        self.chapters_about_to_remove.emit(index, index)
        chapter = self.chapters.pop(index)
        self.chapters_removed.emit(index, index)
        return chapter

    def update_chapter(self, index: int, **values) -> None:
        chapter = self.chapters[index]
        for name, value in values.items():
            setattr(chapter, name, value)
        self.chapters_changed.emit(index, index)

    def move_chapter(self, index: int, start: int, dst: int | None = None) -> int:
        """Give chapter ``index`` a new start and keep the list sorted.

        Returns the row it ends at; ``dst`` forces that row (used by undo so a
        chapter returns exactly where it was among chapters of equal start).
        """
        chapter = self.chapters[index]
        others = self.chapters[:index] + self.chapters[index + 1:]
        if dst is None:
            dst = bisect.bisect_right([c.start for c in others], start)
        if dst != index:
            self.chapters_about_to_move.emit(index, dst)
            self.chapters[:] = others[:dst] + [chapter] + others[dst:]
            chapter.start = start
            self.chapters_moved.emit(index, dst)
        else:
            chapter.start = start
        self.chapters_changed.emit(dst, dst)
        return dst

    def insert_speaker(self, index: int, speaker: Speaker) -> None:
        self.speakers_about_to_insert.emit(index, index)
        self.speakers.insert(index, speaker)
        self.speakers_inserted.emit(index, index)

    def remove_speaker(self, index: int) -> Speaker:
        self.speakers_about_to_remove.emit(index, index)
        speaker = self.speakers.pop(index)
        self.speakers_removed.emit(index, index)
        return speaker

    def update_speaker(self, index: int, **values) -> None:
        speaker = self.speakers[index]
        for name, value in values.items():
            setattr(speaker, name, value)
        self.speakers_changed.emit(index, index)

    def set_episode_field(self, name: str, value) -> None:
        if name not in EPISODE_FIELDS:
            raise KeyError(name)
        setattr(self.episode, name, value)
        self.episode_changed.emit(name)

    def set_audio(self, path: Path | None, duration: int | None) -> None:
        self.audio_path = path
        self.audio_duration = duration
        self.audio_changed.emit()

    def insert_dictionary_word(self, index: int, word: str) -> None:
        self.dictionary.insert(index, word)
        self.dictionary_changed.emit()

    def remove_dictionary_word(self, index: int) -> str:
        word = self.dictionary.pop(index)
        self.dictionary_changed.emit()
        return word
