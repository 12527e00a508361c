"""Scoring a draft transcript against the text that was really said."""
from __future__ import annotations

from editor.audio.align.words import spoken_token


def tokens(texts) -> list[str]:
    """The spoken words of ``texts``, lower case, punctuation gone."""
    return [token for text in texts for token in (spoken_token(w) for w in text.split()) if token]


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Words substituted, deleted and inserted to turn one into the other."""
    previous = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, start=1):
        current = [i]
        for j, heard in enumerate(hypothesis, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (word != heard)))
        previous = current
    return previous[-1]


def word_error_rate(reference_texts, hypothesis_texts) -> float:
    reference, hypothesis = tokens(reference_texts), tokens(hypothesis_texts)
    return edit_distance(reference, hypothesis) / max(len(reference), 1)


def nearest(value: int, candidates: list[int]) -> int:
    """How far ``value`` is from the closest of ``candidates``."""
    return min(abs(value - c) for c in candidates)
