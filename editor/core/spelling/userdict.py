"""The user's own word list, shared by every episode: a plain UTF-8 text file,
one word (or name) a line, in ``$XDG_CONFIG_HOME/showscribe/dictionary.txt``
(``~/.config/showscribe/`` when that is unset).

:class:`UserDictionary` reads it, and adds or removes a word by rewriting the
file atomically, keeping every other line (comments starting with ``#`` and
blank lines too) as it was. :class:`AddUserWord` is the undoable edit
"Add to my dictionary". Emits ``UserDictionary.changed()`` after each change.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..atomic import write_atomically
from ..errors import ShowscribeError
from ..history import Command
from ..signals import signal

__all__ = ["UserDictionary", "AddUserWord", "user_dictionary_path"]

FILE_NAME = "dictionary.txt"


def user_dictionary_path(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME", "")
    # The XDG rules ignore a relative path here.
    folder = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return folder / "showscribe" / FILE_NAME


class UserDictionary:
    changed = signal()

    def __init__(self, path: Path | str, lines: list[str] | None = None) -> None:
        self.path = Path(path)
        self._lines = list(lines or [])

    @classmethod
    def load(cls, path: Path | str | None = None) -> "UserDictionary":
        """Read the list at ``path`` (the user's own by default); none yet is empty.

        Raises :class:`ShowscribeError` with a one-line message if it cannot be read.
        """
        path = Path(path) if path is not None else user_dictionary_path()
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path)
        except OSError as exc:
            raise ShowscribeError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if b"\0" in raw:
            raise ShowscribeError(f"{path}: not a text file (it holds binary data)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise ShowscribeError(
                f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
        return cls(path, text.splitlines())

    @property
    def words(self) -> list[str]:
        """The entries, in file order: every line but blanks and ``#`` comments."""
        return [line.strip() for line in self._lines
                if line.strip() and not line.lstrip().startswith("#")]

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def add(self, word: str) -> None:
        word = word.strip()
        if not word or "\n" in word or word.startswith("#"):
            raise ValueError(f"{word!r} is not a word for the dictionary")
        self._write(self._lines + [word])

    def remove(self, word: str) -> None:
        """Remove the last line holding ``word`` (the one ``add`` wrote)."""
        for index in range(len(self._lines) - 1, -1, -1):
            if self._lines[index].strip() == word:
                self._write(self._lines[:index] + self._lines[index + 1:])
                return
        raise ValueError(f"{word!r} is not in {self.path}")

    def _write(self, lines: list[str]) -> None:
        # The file first: if it cannot be written, nothing has changed.
        text = "".join(line + "\n" for line in lines)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, text)
        except OSError as exc:
            raise ShowscribeError(f"{self.path}: cannot save: {exc.strerror or exc}") from None
        self._lines = lines
        self.changed.emit()


class AddUserWord(Command):
    """The edit "Add to my dictionary": the word is accepted in every episode from now on.

    It sits in the project's undo history like any edit, so Undo takes it back
    out of the file.
    """

    text = "Add to my dictionary"

    def __init__(self, dictionary: UserDictionary, word: str) -> None:
        if not isinstance(word, str) or not word.strip():
            raise ValueError(f"{word!r} is not a word for the dictionary")
        self.dictionary, self.word = dictionary, word.strip()
        if self.word in dictionary:
            raise ValueError(f"{self.word!r} is already in {dictionary.path}")

    def redo(self) -> None:
        self.dictionary.add(self.word)

    def undo(self) -> None:
        self.dictionary.remove(self.word)
