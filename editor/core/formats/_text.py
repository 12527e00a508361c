"""Text handling shared by the format modules: decoding input, locating lines,
spotting ``Name:`` speaker prefixes, and wrapping text into caption lines.

Pure functions; nothing here builds a project (see ``_build``).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Iterable

from ..errors import FormatError

__all__ = ["decode", "line_at", "LineIndex", "clean_inline", "speaker_prefix", "accepted_speakers",
           "wrap_words", "one_line"]


def decode(text: str) -> str:
    """Input text as every reader wants it: no BOM, LF line ends, no NUL.

    A NUL character means the bytes were not UTF-8 text (UTF-16 or binary).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        raise FormatError("the file is not UTF-8 text (it holds NUL characters; "
                          "UTF-16 or binary?)", line=line_at(text, nul))
    return text


def line_at(text: str, offset: int) -> int:
    """The 1-based line number of character ``offset`` in ``text``."""
    return text.count("\n", 0, max(offset, 0)) + 1


class LineIndex:
    """Line numbers of many offsets in one text, each found in O(log n)."""

    def __init__(self, text: str) -> None:
        self._breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_at(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1


_SPACES = re.compile(r"\s+")


def clean_inline(text: str) -> str:
    """Runs of whitespace (line breaks included) as single spaces, trimmed."""
    return _SPACES.sub(" ", text).strip()


def one_line(text: str) -> str:
    """Text for a one-line field (a title, a label): no line breaks or tabs."""
    return clean_inline(text)


# -- speaker prefixes ---------------------------------------------------------

# Words that end in ":" at a line start without naming anyone (FORMATS.md §12).
_STOPWORDS = frozenset({
    "note", "notes", "nb", "ps", "update", "edit", "warning", "caution", "tip",
    "source", "sources", "http", "https", "ftp", "www", "mailto",
})
_PREFIX = re.compile(r"(?P<name>[^\s:][^:]{0,39}?)\s*:(?:\s+|$)(?P<body>.*)", re.DOTALL)
# A name word starts with a letter and holds letters, digits and . ' ’ - only.
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_PLACEHOLDER = re.compile(r"Speaker \d{1,3}")


def _plausible_name(name: str) -> bool:
    words = name.split(" ")
    if not 1 <= len(words) <= 4 or name != name.strip():
        return False
    if _PLACEHOLDER.fullmatch(name):
        return True
    if not all(_NAME_WORD.fullmatch(word) for word in words):
        return False
    # The first letter is a capital or a letter without case (Japanese, Thai...).
    if name[0].islower():
        return False
    return words[0].lower().rstrip(".") not in _STOPWORDS


def speaker_prefix(line: str) -> tuple[str, str] | None:
    """``("Name", "rest")`` when ``line`` starts with a plausible ``Name:`` prefix."""
    match = _PREFIX.match(line.lstrip())
    if not match:
        return None
    name = match["name"]
    if not _plausible_name(name):
        return None
    return name, match["body"]


# Lower-case words that may sit inside a name ("Ludwig van Beethoven").
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della",
                        "la", "le", "bin", "ibn", "al", "el", "y", "dos", "das", "ten", "ter"})


def accepted_speakers(candidates: Iterable[str]) -> set[str]:
    """Which plausible prefix names of one file to take as speakers.

    A name used twice or more is a speaker. A name used once is one only when
    every word is capitalised (or a particle such as "van"): a capitalised
    phrase before a colon ("The problem is: ...") is a sentence, not a name.
    """
    counts = Counter(candidates)
    return {name for name, count in counts.items()
            if count >= 2 or all(not word[0].islower() or word in _PARTICLES
                                 for word in name.split(" "))}


# -- wrapping -----------------------------------------------------------------

def wrap_words(words: list[str], width: int, first_width: int | None = None) -> list[str]:
    """Greedy word wrap: lines of at most ``width`` characters (``first_width``
    for the first line). A word longer than a line stands on a line of its own."""
    lines: list[str] = []
    current = ""
    limit = width if first_width is None else first_width
    for word in words:
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= limit:
            current += " " + word
        else:
            lines.append(current)
            current = word
            limit = width
    if current:
        lines.append(current)
    return lines
