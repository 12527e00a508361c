"""Where the words to spell-check are in a text, and which ones never are.

``check_spans(text)`` gives ``(start, end)`` for every word a dictionary should
judge, as indexes into the Python string; ``utf16_spans`` converts spans to the
UTF-16 positions Qt's text classes count (they differ after an emoji). Skipped
whole: URLs, ``www.`` and bare domains,
e-mail addresses and @handles, and any word with a digit in it (numbers,
times such as ``03:36``, ``mp3``, ``21st``). A hyphenated word is checked by
part; an apostrophe inside a word (``don't``, ``O'Brien``, typographic
``O’Brien``) keeps it whole. Emits nothing.
"""
from __future__ import annotations

import re

__all__ = ["check_spans", "name_words", "plain_apostrophes", "utf16_spans"]

# Letters (and digits, so that a word with one is skipped whole), with the
# combining accents of decomposed text, joined by apostrophes.
_LETTERS = r"(?:[^\W_]|[\u0300-\u036f])+"
_WORD = re.compile(rf"{_LETTERS}(?:['’]{_LETTERS})*")
_CHUNK = re.compile(r"\S+")
_EDGE_PUNCTUATION = "()[]{}<>\"'“”‘’«».,;:!?…"
# "example.org", "shop.example.co.uk/path": lower-case top-level domain of 2+ letters.
_DOMAIN = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[a-z]{2,}(?:[/:?#]\S*)?")
_HAS_DIGIT = re.compile(r"\d")


def _is_address(chunk: str) -> bool:
    """A URL, a domain, an e-mail address or a handle: not words to spell."""
    if "://" in chunk or "@" in chunk or chunk.lower().startswith("www."):
        return True
    return "." in chunk and _DOMAIN.fullmatch(chunk.strip(_EDGE_PUNCTUATION)) is not None


def check_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for chunk in _CHUNK.finditer(text):
        value = chunk.group()
        if ("." in value or "@" in value or ":" in value) and _is_address(value):
            continue
        base = chunk.start()
        for word in _WORD.finditer(value):
            if not _HAS_DIGIT.search(word.group()):
                spans.append((base + word.start(), base + word.end()))
    return spans


def name_words(text: str) -> list[str]:
    """The words of a name or dictionary entry (``Jean-Luc O’Brien``: Jean, Luc, O'Brien)."""
    return [plain_apostrophes(text[start:end]) for start, end in check_spans(text)]


def plain_apostrophes(word: str) -> str:
    """``O’Brien`` and ``O'Brien`` are one word to the accepted lists."""
    return word.replace("’", "'")


def utf16_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``text`` in UTF-16 units: a character beyond U+FFFF counts two."""
    if not spans or max(text, default="\0") <= "\uffff":
        return spans
    units, count = [], 0
    for char in text:
        units.append(count)
        count += 2 if char > "\uffff" else 1
    units.append(count)
    return [(units[start], units[end]) for start, end in spans]
