"""The unknown words of a whole episode, with their counts and first places.

:class:`SpellingScan` reads the episode's details (title, subtitle,
description, disclaimer), the chapter titles and then the turns, in that
order, a few hundred texts per ``run()`` so that a GUI can run it in slices
between events (or a worker can run it whole); ``scan_project`` runs it to the
end. A :class:`SpellingReport` lists each unknown word once, in the order of
its first place, and is what the publish checks and ``showscribe check
--spelling`` report. ``next_misspelling`` finds the one after a place, in the
same order and round to the start (F7). Emits nothing; nothing here changes
the project.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Project
from .checker import SpellChecker

__all__ = ["Place", "UnknownWord", "SpellingReport", "SpellingScan", "next_misspelling",
           "scan_project"]

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
        """``Takeo's turn at 03:36`` (by speaker and time: the window shows no turn
        numbers), ``chapter 2 'News' at 00:30``, ``episode title``."""
        if self.kind == "episode":
            return f"episode {self.key}"
        if self.kind == "chapter":
            chapter = project.chapters[self.key]
            return f"chapter {self.key + 1} {chapter.title!r} at {project.clock(chapter.start)}"
        return project.turn_label(self.key)


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


def _texts(project: Project, start: int = 0):
    """(kind, key, text) of every checked text in document order, from the
    ``start``-th on."""
    fields = len(EPISODE_TEXT_FIELDS)
    chapters = len(project.chapters)
    for field in EPISODE_TEXT_FIELDS[start:]:
        yield "episode", field, getattr(project.episode, field)
    for index in range(max(start - fields, 0), chapters):
        yield "chapter", index, project.chapters[index].title
    for index in range(max(start - fields - chapters, 0), len(project.turns)):
        yield "turn", index, project.turns[index].text


def _ordinal(project: Project, kind: str, key: str | int) -> int:
    """Where a text comes in ``_texts``' order."""
    if kind == "episode":
        return EPISODE_TEXT_FIELDS.index(key)
    if kind == "chapter":
        return len(EPISODE_TEXT_FIELDS) + key
    return len(EPISODE_TEXT_FIELDS) + len(project.chapters) + key


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
        return _texts(self.project)

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


def next_misspelling(checker: SpellChecker, project: Project,
                     after: Place | None = None) -> tuple[Place, str] | None:
    """The first misspelled word that starts after ``after`` (a cursor: a text
    and an offset in it), going on from the episode's start once the end is
    passed; None when there is none. With ``after`` None, the first of all.

    Reads texts only until it finds one, so the next misspelling close by
    costs little whatever the episode's length.
    """
    if not checker.active:
        return None
    first = _ordinal(project, after.kind, after.key) if after is not None else 0
    rounds = (_texts(project, first), _texts(project))
    for round_, texts in enumerate(rounds):
        for kind, key, text in texts:
            for start, end in checker.misspelled_spans(text):
                place = Place(kind, key, start)
                if round_ == 0 and after is not None and place.target == after.target \
                        and start <= after.offset:
                    continue
                return place, text[start:end]
    return None
