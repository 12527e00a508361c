"""Text handling shared by the format modules and the show-notes page reader:
decoding input, locating lines, the timestamp and chapter-line grammar of
docs/formats.md, spotting ``Name:`` speaker prefixes (one stoplist for every
reader), and wrapping text into caption lines.

Pure functions; nothing here builds a project (see ``builder``).
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from typing import Iterable

from .errors import FormatError

__all__ = ["decode", "line_at", "LineIndex", "clean_inline", "one_line", "TIMESTAMP",
           "SEPARATORS", "CHAPTER_LINE", "chapter_line_title", "speaker_name", "speaker_prefix",
           "capitalised_name", "accepted_speakers", "wrap_words"]


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


# -- timestamps and chapter lines ----------------------------------------------

# A show-notes timestamp: 12:34, 1:02:03, 75:00, with an optional fraction (docs/formats.md).
TIMESTAMP = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# Marks a reader skips between a chapter line's time and its title.
SEPARATORS = "-–—:|."
# A timestamp at the line start, one optional separator, the title (docs/formats.md).
# A closing bracket right after the time is always taken, never left as the title,
# and the time is never cut short: "00:03:00" is a time alone, not 00:03 titled "00".
CHAPTER_LINE = re.compile(rf"^\s*[\[(]?(?P<ts>{TIMESTAMP})(?![:.,]?\d)(?:[\])]|(?![\])]))\s*"
                          rf"[{SEPARATORS}]?\s*(?P<title>\S.*?)\s*$")


def chapter_line_title(title: str) -> str:
    """A chapter title as written after a time on a chapter line.

    A title opening with a separator (``.NET``, ``- Q&A -``) gets ``- `` in
    front: a reader takes the first separator after the time as punctuation.
    """
    title = one_line(title)
    return f"- {title}" if title[:1] and title[0] in SEPARATORS else title


# -- speaker prefixes ---------------------------------------------------------

# Words and phrases that end in ":" at a line start without naming anyone (docs/formats.md).
_STOPWORDS = frozenset({
    "note", "notes", "nb", "ps", "p.s", "update", "updated", "edit", "edited", "warning",
    "caution", "tip", "correction", "source", "sources", "disclaimer", "transcript",
    "timestamps", "chapters", "http", "https", "ftp", "www", "mailto", "tel", "email",
    "e-mail", "webvtt",   # a caption file's first word, never a name
})
_STOP_PHRASES = frozenset({"editor's note", "editors note", "editor's notes"})
_PREFIX = re.compile(r"(?P<name>[^\s:：][^:：]{0,59}?)\s*(?::(?:\s+|$)|：\s*)(?P<body>.*)",
                     re.DOTALL)
# A name word starts with a letter and holds letters, digits and . ' ’ - only.
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
# The remark in brackets after a name: up to three words, no brackets or colons.
_REMARK = re.compile(r"[^\s():：,][^\s():：]*(?:,? [^\s():：,][^\s():：]*){0,2}")
# Lower-case words that may sit inside a name ("Ludwig van Beethoven").
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della",
                        "la", "le", "bin", "ibn", "al", "el", "y", "dos", "das", "ten", "ter"})


def _symbol_word(word: str) -> bool:
    """An emoji (with its modifiers and joiners), as in "Mia 🎧" or "🎙️ Host"."""
    return unicodedata.category(word[0]) == "So" and all(
        unicodedata.category(ch) in ("So", "Sk", "Mn", "Cf") for ch in word)


def speaker_name(name: str) -> bool:
    """Whether ``name`` may be a speaker's name: one to four words, each a name
    word or an emoji (later words may be numbers, as in "Speaker 2"), not
    opening with a lower-case letter, and not a stopword such as "Note".

    Names as people write them count too: a comma after a word
    ("O'Brien, Pat"), ``&`` between words ("Zoë & Co") and a closing remark
    in brackets of up to three words ("Anna (host)", "Bo (co-host, remote)").
    """
    if not name or name != name.strip() or name[0].islower() or name[0] in ",&(":
        return False
    main, remark = name, ""
    if name.endswith(")") and " (" in name:
        main, remark = name[:-1].split(" (", 1)
        if not _REMARK.fullmatch(remark):
            return False
    words = main.split()   # a doubled space is a slip of the keyboard, not a new word
    named = [w for w in words if w != "&"]
    if not 1 <= len(named) <= 4 or words[-1] == "&" or "& &" in main:
        return False
    for i, word in enumerate(words):
        if word == "&":
            continue
        if word.endswith(",") and i < len(words) - 1:
            word = word[:-1]
        if not (_NAME_WORD.fullmatch(word) or _symbol_word(word)
                or (i > 0 and word.isdigit())):
            return False
    folded = main.casefold().replace("’", "'")
    return words[0].casefold().rstrip(".,") not in _STOPWORDS and folded not in _STOP_PHRASES


def speaker_prefix(line: str) -> tuple[str, str] | None:
    """``("Name", "rest")`` when ``line`` starts with a plausible ``Name:`` prefix
    (a full-width ``：`` as in Japanese text counts too)."""
    match = _PREFIX.match(line.lstrip())
    if not match or not speaker_name(match["name"]):
        return None
    return match["name"], match["body"]


def capitalised_name(name: str) -> bool:
    """Every word of ``name`` is capitalised (or caseless, a number, an emoji),
    or a particle such as "van" after the first word."""
    return all(not word[:1].islower() or (i > 0 and word in _PARTICLES)
               for i, word in enumerate(name.split()))


def accepted_speakers(candidates: Iterable[str]) -> set[str]:
    """Which plausible prefix names of one file to take as speakers.

    A name used twice or more is a speaker. A name used once is one only when
    it is ``capitalised_name``: a capitalised phrase before a colon ("The
    problem is: ...") is a sentence, not a name.
    """
    counts = Counter(candidates)
    return {name for name, count in counts.items() if count >= 2 or capitalised_name(name)}


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
