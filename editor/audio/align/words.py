"""The transcript as the recogniser sees it: each written word to a spoken token.

:func:`spoken_token` turns one written word ("Mäkelä,", "don't", "—") into the
lower-case token a pronunciation dictionary is keyed by ("makela", "don't"), or
"" for a word with nothing to say (a dash, a lone symbol). Digits are spelled
out one by one by the pronunciation fallback, so they stay as they are here.
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# Letters and digits, with apostrophes and hyphens allowed inside a word.
_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


def spoken_token(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES).lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = plain.replace("&", "and")
    parts = _TOKEN.findall(plain)
    return "-".join(parts)


def turn_tokens(text: str) -> list[str]:
    """One token per word of ``text.split()``, "" where nothing is spoken."""
    return [spoken_token(word) for word in text.split()]
