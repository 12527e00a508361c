"""Building a project from what a reader found, and the time spans writers need.

:class:`ProjectBuilder` collects speakers (id, colour and key as
``speakers.new_speaker`` gives them), turns and chapters, then hands
over a new :class:`Project`. ``turn_spans`` and ``chapter_spans`` give every turn
and chapter an end, as the export formats need.
"""
from __future__ import annotations

from collections import Counter

from .estimate import speaking_ms, spread
from .model import Chapter, Project, Speaker, Turn, word_count
from .speakers import PALETTE, SLOTS
from .timecode import MAX_MS
from .textparse import accepted_speakers, speaker_prefix

__all__ = ["MAX_MS", "ProjectBuilder", "fill_times", "turn_spans",
           "chapter_spans", "visible_chapters", "turns_from_lines",
           "placeholder_title"]

class ProjectBuilder:
    """Accumulates what a reader found; ``project()`` returns the result."""

    def __init__(self) -> None:
        self._project = Project()
        self._ids: dict[str, str] = {}
        self._taken_ids: set[str] = set()
        self._next_suffix: dict[str, int] = {}
        self._turns: list[Turn] = []
        self._chapters: list[Chapter] = []

    def speaker(self, name: str) -> str:
        """The id of the speaker called ``name`` (created on first use); "" for none."""
        name = " ".join(name.split())
        if not name:
            return ""
        if name not in self._ids:
            project = self._project
            index = len(project.speakers)
            # What speakers.new_speaker gives a project that only grows from empty
            # (the palette in turn, keys 1-9 in order), without its rescan of every
            # speaker, which made 40,000 voices take minutes.
            speaker = Speaker(
                id=project.new_speaker_id(name, self._taken_ids, self._next_suffix),
                name=name, color=PALETTE[index % len(PALETTE)],
                slot=SLOTS[index] if index < len(SLOTS) else None)
            project.speakers.append(speaker)
            self._ids[name] = speaker.id
            self._taken_ids.add(speaker.id)
        return self._ids[name]

    def turn(self, start: int, speaker_name: str, paragraphs: list[str],
             estimated: bool = False) -> Turn:
        turn = Turn(start=start, speaker=self.speaker(speaker_name),
                    text="\n".join(paragraphs), estimated=estimated)
        self._turns.append(turn)
        return turn

    def chapter(self, chapter: Chapter) -> None:
        self._chapters.append(chapter)

    @property
    def episode(self):
        return self._project.episode

    def project(self) -> Project:
        project = self._project
        project.turns = self._turns
        # Sorted on import, as every chapter format asks; stable for equal starts.
        project.chapters = sorted(self._chapters, key=lambda c: c.start)
        return project


def fill_times(times: list[int | None], words: list[int]) -> list[tuple[int, bool]]:
    """(start, estimated) for turns of which only some have a known time.

    A turn with a time keeps it. A run of turns without one shares the span
    from the known turn before it (or from 0) to the next known time by word
    count; after the last known time they take 150 words a minute
    (``estimate.spread``).
    """
    count = len(times)
    result = [(t, False) if t is not None else (0, True) for t in times]
    i = 0
    while i < count:
        if times[i] is not None:
            i += 1
            continue
        j = i
        while j < count and times[j] is None:
            j += 1
        anchor = i - 1 if i > 0 else None
        begin = times[anchor] if anchor is not None else 0
        end = times[j] if j < count else None
        if end is not None and end < begin:
            end = begin
        first = anchor if anchor is not None else i
        starts = spread(begin, end, words[first:j])
        for k in range(i, j):
            result[k] = (starts[k - first], True)
        i = j
    return result


def turn_spans(project: Project) -> list[tuple[int, int]]:
    """(start, end) of every turn: the end is the next turn's start, or the
    audio's end for the last turn, or its start plus the time its words take."""
    turns = project.turns
    spans = []
    for i, turn in enumerate(turns):
        end = turns[i + 1].start if i + 1 < len(turns) else project.audio_duration
        if end is None or end <= turn.start:
            end = turn.start + speaking_ms(word_count(turn.text))
        spans.append((turn.start, end))
    return spans


def visible_chapters(project: Project) -> list[Chapter]:
    """Chapters that appear in a table of contents (``toc`` true)."""
    return [c for c in project.chapters if c.toc]


def placeholder_title(number: int) -> str:
    """What a format that cannot show an untitled chapter writes for chapter
    ``number`` (1-based): MP3 players would show the frame's id, and yt-dlp
    takes the next line of a YouTube description as the title."""
    return f"Chapter {number}"


def chapter_spans(chapters: list[Chapter], duration: int | None
                  ) -> list[tuple[Chapter, int | None]]:
    """Each chapter with its end: the next chapter's start, or ``duration``."""
    spans = []
    for i, chapter in enumerate(chapters):
        end = chapters[i + 1].start if i + 1 < len(chapters) else duration
        if end is not None and end < chapter.start:
            end = chapter.start
        spans.append((chapter, end))
    return spans


def turns_from_lines(lines: list[tuple[int | None, str]]) -> Project:
    """A project from lines of ``Name: text``, each with a start time or None.

    A blank line ends a turn. A line starts a turn when it has a time or a
    speaker prefix (see ``textparse.accepted_speakers``; names at the start of a
    block or after a time are taken more readily than others); a timed line without a
    name keeps the previous turn's speaker. Other lines continue
    the current turn as new paragraphs; but in a text with no times and no
    speakers at all, every block is a turn of its own. Turns without a time
    get estimated ones (``fill_times``).
    """
    parsed = [(time, " ".join(text.split()), speaker_prefix(text)) for time, text in lines]
    block_starts = [i == 0 or not parsed[i - 1][1] for i in range(len(parsed))]
    at_start = [p[2][0] for p, first in zip(parsed, block_starts)
                if p[2] and (first or p[0] is not None)]
    anywhere = Counter(p[2][0] for p in parsed if p[2])
    names = accepted_speakers(at_start) | {n for n, c in anywhere.items() if c >= 2}
    marked = bool(names) or any(time is not None for time, _, _ in parsed)

    builder = ProjectBuilder()
    times: list[int | None] = []
    turns: list[tuple[str, list[str]]] = []       # speaker name, paragraphs
    for (time, text, prefix), first in zip(parsed, block_starts):
        if not text and time is None:
            continue
        named = prefix is not None and prefix[0] in names
        if time is not None or named or not turns or (first and not marked):
            if named:
                name, body = prefix[0], " ".join(prefix[1].split())
            else:
                # A timed line without a name goes on with the same speaker
                # (transcripts often stamp every paragraph but name only changes).
                name, body = (turns[-1][0] if turns else ""), text
            times.append(time)
            turns.append((name, [body] if body else []))
        elif text:
            turns[-1][1].append(text)
    words = [sum(word_count(p) for p in paragraphs) for _, paragraphs in turns]
    for (start, estimated), (name, paragraphs) in zip(fill_times(times, words), turns):
        builder.turn(start, name, paragraphs, estimated)
    return builder.project()
