"""Comparing a transcript line with chapter titles, for finding chapter headings.

What this owns, forgiving typographic quotes, punctuation and word forms
(``-s``, ``-ed``, ``-ing``...):

- :class:`Words`: a line or title made ready for comparing;
- :func:`similarity` (and :func:`title_similarity` on plain strings): how alike
  two titles are, 0..1; :func:`threshold` is the score a heading worded a little
  differently from its title reaches;
- :func:`shortens`: whether a line is a shortened form of a title: its opening
  words (``Weather`` for ``Weather Rolls In``), or at least two of its words in
  their order (``Trust Across Borders``, ``Freight and Customs`` for ``Freight,
  Customs and the 40-Foot Box``), the last one perhaps cut short (``Weather Rol…``).

Nothing here knows about pages: the page reader decides which chapter a line heads.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["Words", "shortens", "similarity", "threshold", "title_similarity"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "–": "-", "—": "-"})

# Words too small to make a line a title's heading on their own ("In", "The").
_SMALL_WORDS = frozenset({"the", "and", "for", "with", "from", "into", "our", "your", "its",
                          "are", "was", "how", "why", "what", "who", "but", "not", "you"})


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    kept = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(kept.split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Words:
    """A title or line made ready for comparing: normalised text, its words in
    order, and their stems (in order, and as a set)."""

    text: str
    words: tuple[str, ...]
    ordered_stems: tuple[str, ...]
    stems: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "Words":
        norm = _normalise(text)
        words = tuple(norm.split())
        ordered = tuple(_stem(w) for w in words)
        return cls(norm, words, ordered, frozenset(ordered))


def similarity(a: Words, b: Words) -> float:
    """How alike two titles are, 0..1: shared word stems, or characters in common."""
    if not a.text or not b.text:
        return 0.0
    if a.text == b.text:
        return 1.0
    dice = 2 * len(a.stems & b.stems) / (len(a.stems) + len(b.stems))
    shorter, longer = sorted((len(a.text), len(b.text)))
    if dice >= 0.9 or 2 * shorter / (shorter + longer) < 0.7:
        return dice  # the ratio cannot change the verdict: skip computing it
    matcher = SequenceMatcher(None, a.text, b.text, autojunk=False)
    if matcher.quick_ratio() < 0.7:
        return dice
    return max(dice, matcher.ratio())


def title_similarity(a: str, b: str) -> float:
    """How alike two chapter titles are, 0..1, forgiving word forms and punctuation."""
    return similarity(Words.of(a), Words.of(b))


def threshold(title: Words) -> float:
    """The similarity a heading worded a little differently from ``title`` reaches."""
    # Short titles leave little room for a changed word.
    return 0.9 if len(title.words) <= 2 else 0.75


def _content(word: str) -> bool:
    return not word.isascii() or (len(word) >= 3 and word not in _SMALL_WORDS)


def shortens(line: Words, title: Words) -> bool:
    """Whether ``line`` is a shortened form of ``title`` (see the module doc).

    Small words ("and", "the", "in") are left out of the comparison. The line's
    other words must appear in the title in the same order (a word may take
    another form; the last may be cut short); there must be two of them, or one
    that is the title's first such word.
    """
    if len(line.words) > len(title.words) or line.text == title.text:
        return False
    wanted = [(word, stem) for word, stem in zip(line.words, line.ordered_stems)
              if _content(word)]
    if not wanted:
        return False
    places = [k for k, word in enumerate(title.words) if _content(word)]
    at = 0            # the next of those title words a line word may match
    first = None      # where the line's first word matched
    for n, (word, stem) in enumerate(wanted):
        cut_short = n == len(wanted) - 1
        while at < len(places):
            k = places[at]
            at += 1
            if stem == title.ordered_stems[k] or (cut_short and title.words[k].startswith(word)):
                first = k if first is None else first
                break
        else:
            return False
    return len(wanted) >= 2 or first == places[0]
