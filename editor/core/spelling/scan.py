"""The unknown words of a whole episode, with their counts and first places.

:class:`SpellingScan` reads the episode's details (title, subtitle,
description, disclaimer), the chapter titles and then the turns, in that
order, a few hundred texts per ``run()`` so that a GUI can run it in slices
between events (or a worker can run it whole); ``scan_project`` runs it to the
end. A :class:`SpellingReport` lists each unknown word once, in the order of
its first place, and is what the publish checks and ``showscribe check
--spelling`` report. Emits nothing; nothing here changes the project.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Project
from ..timecode import format_clock
from .checker import SpellChecker

__all__ = ["Place", "UnknownWord", "SpellingReport", "SpellingScan", "scan_project"]

EPISODE_TEXT_FIELDS = ("title", "subtitle", "description", "disclaimer")
SLICE = 100      # texts per run(): 1 to 3 ms, a small part of one frame


@dataclass(frozen=True)
class Place:
    """A text of the episode: ``kind`` is "episode" (``key`` a field name),
    "chapter" or "turn" (``key`` an index); ``offset`` is where in it."""

    kind: str
    key: str | int
    offset: int = 0

    @property
    def target(self) -> tuple[str, object]:
        """What a publish check points to: ("turn", 11), ("episode", "title")."""
        return (self.kind, self.key)

    def describe(self, project: Project) -> str:
        """``turn 12 (Takeo) at 03:36``, ``chapter 2 'News' at 00:30``, ``episode title``."""
        if self.kind == "episode":
            return f"episode {self.key}"
        if self.kind == "chapter":
            chapter = project.chapters[self.key]
            return f"chapter {self.key + 1} {chapter.title!r} at {format_clock(chapter.start)}"
        turn = project.turns[self.key]
        who = f" ({project.speaker_name(turn.speaker)})" if turn.speaker else ""
        at = ("~" if turn.estimated else "") + format_clock(turn.start)
        return f"turn {self.key + 1}{who} at {at}"


@dataclass(frozen=True)
class UnknownWord:
    word: str
    count: int
    first: Place


@dataclass(frozen=True)
class SpellingReport:
    unknown: tuple[UnknownWord, ...] = ()
    not_checked: str | None = None       # why spelling was not checked at all

    @property
    def occurrences(self) -> int:
        return sum(word.count for word in self.unknown)


class SpellingScan:
    """A scan of ``project`` with ``checker`` that runs in slices.

    The project must not change between slices; if it does, start a new scan.
    """

    def __init__(self, checker: SpellChecker, project: Project) -> None:
        self.checker, self.project = checker, project
        self._counts: dict[str, int] = {}
        self._first: dict[str, Place] = {}      # in the order first seen
        self._texts = self._places()

    def _places(self):
        project = self.project
        for field in EPISODE_TEXT_FIELDS:
            yield "episode", field, getattr(project.episode, field)
        for index, chapter in enumerate(project.chapters):
            yield "chapter", index, chapter.title
        for index, turn in enumerate(project.turns):
            yield "turn", index, turn.text

    @property
    def done(self) -> bool:
        return self._texts is None

    def run(self, texts: int = SLICE) -> bool:
        """Check up to ``texts`` more texts; True once the whole episode is done."""
        if self._texts is None:
            return True
        misspelled = self.checker.misspelled_spans
        counts, first = self._counts, self._first
        for _ in range(texts):
            item = next(self._texts, None)
            if item is None:
                self._texts = None
                return True
            kind, key, text = item
            for start, end in misspelled(text):
                word = text[start:end]
                if word in counts:
                    counts[word] += 1
                else:
                    counts[word] = 1
                    first[word] = Place(kind, key, start)
        return False

    def report(self) -> SpellingReport:
        if not self.checker.active:
            return SpellingReport(not_checked=self.checker.problem)
        return SpellingReport(tuple(UnknownWord(word, self._counts[word], place)
                                    for word, place in self._first.items()))


def scan_project(checker: SpellChecker, project: Project | None = None) -> SpellingReport:
    scan = SpellingScan(checker, project if project is not None else checker.project)
    while not scan.run():
        pass
    return scan.report()
