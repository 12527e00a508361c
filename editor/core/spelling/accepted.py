"""The words one episode accepts that a dictionary may not know.

:class:`AcceptedWords` gathers them from the project (the speakers' names, the
credited names, the show's name, the episode's ``dictionary``), the user's own
list, and the words ignored while the episode is open. It listens to the
project and the user's list and rebuilds itself lazily, on the next question
after a change. Emits ``changed()`` when what it accepts may have changed.

Case follows Hunspell's rule: a lower-case entry accepts any capitalisation
(``podcast``: Podcast, PODCAST), any other entry its own spelling and ALL
CAPS (``Takeo``: TAKEO, not takeo). A possessive ``'s`` is not part of the word.
"""
from __future__ import annotations

from ..model import Project
from ..signals import signal
from .userdict import UserDictionary
from .words import name_words, plain_apostrophes

__all__ = ["AcceptedWords"]

_PROJECT_SIGNALS = ("speakers_inserted", "speakers_removed", "speakers_changed",
                    "dictionary_changed")
_EPISODE_FIELDS = ("credits", "show")


class AcceptedWords:
    changed = signal()

    def __init__(self, project: Project, user: UserDictionary | None = None) -> None:
        self.project, self.user = project, user
        self._ignored: set[str] = set()
        self._exact: set[str] | None = None        # None: rebuild on the next question
        self._any_case: set[str] = set()
        self._upper: set[str] = set()
        for name in _PROJECT_SIGNALS:
            getattr(project, name).connect(self._on_source_changed)
        project.episode_changed.connect(self._on_project_episode_changed)
        if user is not None:
            user.changed.connect(self._on_source_changed)

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the episode is closed ("Ignore"; not saved)."""
        self._ignored.add(plain_apostrophes(word))
        self._on_source_changed()

    def entries(self) -> list[str]:
        """Every accepted entry, from the project first, then the user's list."""
        project = self.project
        entries = [speaker.name for speaker in project.speakers]
        entries += [name for credit in project.episode.credits for name in credit.names]
        entries.append(project.episode.show)
        entries += project.dictionary
        if self.user is not None:
            entries += self.user.words
        return entries

    def __contains__(self, word: str) -> bool:
        if self._exact is None:
            self._rebuild()
        word = plain_apostrophes(word)
        if self._accepts(word):
            return True
        if word.endswith("'s") and len(word) > 2:
            return self._accepts(word[:-2])
        return False

    def _accepts(self, word: str) -> bool:
        return (word in self._exact or word.lower() in self._any_case
                or (word.isupper() and word.casefold() in self._upper))

    def _rebuild(self) -> None:
        words = {word for entry in self.entries() for word in name_words(entry)}
        words |= self._ignored
        self._exact = words
        self._any_case = {word for word in words if word.islower()}
        self._upper = {word.casefold() for word in words}

    def _on_source_changed(self, *args) -> None:
        self._exact = None
        self.changed.emit()

    def _on_project_episode_changed(self, field: str) -> None:
        if field in _EPISODE_FIELDS:
            self._on_source_changed()
