"""Pronunciations for the episode's words: a dictionary restricted to them.

:func:`episode_dictionary` reads the model's pronunciation dictionary (CMUdict
format: ``word phones``, alternates as ``word(2) phones``) keeping only the
episode's words, and gives every word it lacks a pronunciation of its own
(guests' names, British spellings, numbers) so that forced alignment never
meets an unknown word. Its lines are in the dictionary's format, ready to write.
The fallback tries, in order: the word's parts (hyphens, a possessive or
plural ending, a compound of two known words), the American spelling, then
plain letter-to-sound rules — rough, but the aligner trusts its recognised
matches over them.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

_DIGITS = {"0": "Z IH R OW", "1": "W AH N", "2": "T UW", "3": "TH R IY", "4": "F AO R",
           "5": "F AY V", "6": "S IH K S", "7": "S EH V AH N", "8": "EY T", "9": "N AY N"}

# American spellings of British ones, tried on a word the dictionary lacks.
_SPELLINGS = [(re.compile(p), r) for p, r in [
    (r"our(s?)$", r"or\1"), (r"our(ed|ing|ite|ites|ful|able)$", r"or\1"),
    (r"tre(s?)$", r"ter\1"), (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"), (r"ogue(s?)$", r"og\1"), (r"ll(ed|ing|er|ers)$", r"l\1"),
    (r"ence$", r"ense"), (r"ae", "e"), (r"oe", "e")]]

# Letter-to-sound rules, longest spelling first at each position.
_LETTERS = {
    "tion": "SH AH N", "sion": "ZH AH N", "ough": "AO", "augh": "AO", "eigh": "EY",
    "igh": "AY", "tch": "CH", "sch": "S K", "dge": "JH", "que": "K",
    "th": "TH", "sh": "SH", "ch": "CH", "ph": "F", "wh": "W", "ck": "K", "ng": "NG",
    "qu": "K W", "kn": "N", "wr": "R", "gh": "G", "ee": "IY", "ea": "IY", "oo": "UW",
    "ai": "EY", "ay": "EY", "ei": "EY", "ey": "EY", "oa": "OW", "ou": "AW", "ow": "OW",
    "oi": "OY", "oy": "OY", "au": "AO", "aw": "AO", "ie": "IY", "ue": "UW", "ew": "UW",
    "ar": "AA R", "er": "ER", "ir": "ER", "ur": "ER", "or": "AO R",
    "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH",
    "i": "IH", "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P",
    "q": "K", "r": "R", "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "x": "K S",
    "y": "IY", "z": "Z",
}
_LONGEST = max(len(key) for key in _LETTERS)
_ALTERNATE = re.compile(r"\(\d+\)$")


def read_dictionary(path: Path, words: Iterable[str]) -> dict[str, list[str]]:
    """Every pronunciation in ``path`` of the given words, keyed by word."""
    wanted = set(words)
    found: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            head, _, phones = line.strip().partition(" ")
            word = _ALTERNATE.sub("", head)
            if word in wanted and phones.strip():
                found.setdefault(word, []).append(phones.strip())
    return found


def episode_dictionary(path: Path, tokens: Iterable[str]) -> dict[str, list[str]]:
    """Pronunciations of every token: the dictionary's, else a made-up one."""
    tokens = {token for token in tokens if token}
    # A missing word may be built from parts, so read the parts too.
    parts = {part for token in tokens for part in _candidate_parts(token)}
    known = read_dictionary(path, tokens | parts)
    result = {}
    for token in tokens:
        result[token] = known.get(token) or [guess(token, known)]
    return result


def dictionary_lines(pronunciations: dict[str, list[str]]) -> list[str]:
    lines = []
    for word in sorted(pronunciations):
        for number, phones in enumerate(pronunciations[word], start=1):
            lines.append(f"{word} {phones}" if number == 1 else f"{word}({number}) {phones}")
    return lines


def _candidate_parts(token: str) -> set[str]:
    parts = set(re.split(r"[-']", token))
    for ending in ("'s", "s", "es", "'"):
        if token.endswith(ending):
            parts.add(token[:-len(ending)])
    for pattern, replacement in _SPELLINGS:
        parts.add(pattern.sub(replacement, token))
    for cut in range(3, len(token) - 2):
        parts.add(token[:cut])
        parts.add(token[cut:])
    return parts


def guess(token: str, known: dict[str, list[str]]) -> str:
    """A pronunciation for a token the dictionary lacks, from what it has."""
    def first(word: str) -> str | None:
        return known[word][0] if word in known else None

    if "-" in token:
        pieces = [first(piece) or guess(piece, known) for piece in token.split("-") if piece]
        return " ".join(pieces)
    for ending, sound in (("'s", "Z"), ("s'", "Z"), ("s", "Z"), ("es", "IH Z"), ("'", "")):
        stem = token[:-len(ending)]
        if token.endswith(ending) and first(stem):
            return f"{first(stem)} {sound}".strip()
    for pattern, replacement in _SPELLINGS:
        american = pattern.sub(replacement, token)
        if american != token and first(american):
            return first(american)
    for cut in range(3, len(token) - 2):
        head, tail = first(token[:cut]), first(token[cut:])
        if head and tail:
            return f"{head} {tail}"
    return letter_to_sound(token)


def letter_to_sound(token: str) -> str:
    phones = []
    spelling = token.replace("'", "")
    position = 0
    while position < len(spelling):
        char = spelling[position]
        if char in _DIGITS:
            phones.append(_DIGITS[char])
            position += 1
            continue
        for size in range(min(_LONGEST, len(spelling) - position), 0, -1):
            piece = spelling[position:position + size]
            if piece in _LETTERS:
                # A final silent e after a consonant says nothing.
                if not (piece == "e" and position == len(spelling) - 1 and position > 1):
                    phones.append(_LETTERS[piece])
                position += size
                break
        else:
            position += 1       # a letter no rule knows
    return " ".join(phones) or "AH"
