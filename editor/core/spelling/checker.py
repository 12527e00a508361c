"""Spell checking for one open episode, one text at a time.

:class:`SpellChecker` answers what the editor asks while the producer types:
``misspelled_spans(text)`` for one paragraph, turn, title or field (fast: each
distinct word goes to the dictionary once, then comes from a cache),
``suggestions(word)`` for a context menu (slow, tens of milliseconds: only on
request), ``ignore(word)`` while the episode is open. The language is the
episode's ``language``; when no dictionary is installed for it, ``problem``
says why, and nothing is flagged until the language changes.

Emits ``changed()`` when earlier answers may no longer hold (the language, a
name, a credit or a dictionary changed): a view re-checks what it shows.
"""
from __future__ import annotations

from ..model import Project
from ..signals import signal
from .accepted import AcceptedWords
from .engine import Dictionary, SpellingUnavailable, open_dictionary
from .userdict import UserDictionary
from .words import check_spans

__all__ = ["SpellChecker"]

SUGGESTIONS = 8


class SpellChecker:
    changed = signal()

    def __init__(self, project: Project, user: UserDictionary | None = None, *,
                 ignore_all_caps: bool = True) -> None:
        self.project = project
        self.accepted = AcceptedWords(project, user)
        self.ignore_all_caps = ignore_all_caps
        self.problem: str | None = None       # why nothing is checked, if so
        self._dictionary: Dictionary | None = None
        self._known: dict[str, bool] = {}     # the dictionary's answers, per word
        self._open(project.episode.language)
        self.accepted.changed.connect(self._on_accepted_changed)
        project.episode_changed.connect(self._on_project_episode_changed)

    @property
    def active(self) -> bool:
        return self._dictionary is not None

    @property
    def language(self) -> str | None:
        """The installed dictionary in use (``en_US``), or None."""
        return self._dictionary.tag if self._dictionary else None

    def set_ignore_all_caps(self, ignore: bool) -> None:
        if ignore != self.ignore_all_caps:
            self.ignore_all_caps = ignore
            self.changed.emit()

    def is_misspelled(self, word: str) -> bool:
        if self._dictionary is None or (self.ignore_all_caps and word.isupper()):
            return False
        if word in self.accepted:
            return False
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._dictionary.check(word)
        return not known

    def misspelled_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each misspelled word in ``text``, in order."""
        if self._dictionary is None:
            return []
        return [(start, end) for start, end in check_spans(text)
                if self.is_misspelled(text[start:end])]

    def suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        if self._dictionary is None:
            return []
        return self._dictionary.suggest(word)[:limit]

    def ignore(self, word: str) -> None:
        self.accepted.ignore(word)

    def _open(self, language: str) -> None:
        self._known.clear()
        try:
            self._dictionary, self.problem = open_dictionary(language), None
        except SpellingUnavailable as exc:
            self._dictionary, self.problem = None, str(exc)

    def _on_accepted_changed(self) -> None:
        self.changed.emit()

    def _on_project_episode_changed(self, field: str) -> None:
        if field == "language":
            self._open(self.project.episode.language)
            self.changed.emit()
