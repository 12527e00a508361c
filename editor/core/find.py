"""Find and replace across a transcript's turns (no Qt; the find bar calls it).

A :class:`Query` is literal text, never a pattern: characters such as ``.``, ``*``
or ``(`` match themselves, and the replacement is inserted as typed. Options:
case-sensitive, whole word (the match may not touch a letter, digit or ``_`` on
either side) and a speaker filter (only turns of one speaker id).

``replace_all`` returns the new texts only; the caller pushes them as one
:class:`~editor.core.commands.ReplaceTexts`, so replace-all is one undo step.

For the find counter ("3 of 8") and the highlights: ``find_all`` lists every
match once per search, ``match_number`` places a match in that list by
bisection, and ``matches_in_text`` searches one turn's text (the transcript
highlights only the turns in view, however long the episode).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from .model import Turn

__all__ = ["Query", "Match", "find_all", "find_next", "match_at", "match_number",
           "matches_in_text", "replace_all", "replace_match"]


@dataclass(frozen=True)
class Query:
    text: str
    case_sensitive: bool = False
    whole_word: bool = False
    speaker: str | None = None       # a speaker id; None: every turn

    def pattern(self) -> re.Pattern[str] | None:
        """The compiled search, or None for an empty query."""
        if not self.text:
            return None
        body = re.escape(self.text)
        if self.whole_word:
            body = rf"(?<!\w){body}(?!\w)"
        return re.compile(body, 0 if self.case_sensitive else re.IGNORECASE)

    def searches(self, turn: Turn) -> bool:
        return self.speaker is None or turn.speaker == self.speaker


@dataclass(frozen=True, order=True)
class Match:
    turn: int
    start: int
    end: int


def _matches_in(turns: Sequence[Turn], index: int, pattern: re.Pattern[str]) -> list[Match]:
    return [Match(index, m.start(), m.end()) for m in pattern.finditer(turns[index].text)
            if m.end() > m.start()]


def find_all(turns: Sequence[Turn], query: Query) -> list[Match]:
    """Every match, in document order."""
    pattern = query.pattern()
    if pattern is None:
        return []
    found: list[Match] = []
    for index, turn in enumerate(turns):
        if query.searches(turn):
            found.extend(_matches_in(turns, index, pattern))
    return found


def matches_in_text(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) of every match of ``query`` in one turn's ``text``."""
    pattern = query.pattern()
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def match_number(matches: Sequence[Match], match: Match) -> int:
    """``match``'s place (1-based) in ``matches`` (as ``find_all`` lists them), or
    0 when it is not one of them."""
    at = bisect.bisect_left(matches, match)
    return at + 1 if at < len(matches) and matches[at] == match else 0


def find_next(turns: Sequence[Turn], query: Query, turn: int, offset: int,
              backwards: bool = False) -> Match | None:
    """The first match starting at or after (turn, offset) — or, backwards, the last
    one ending before it — wrapping around the transcript's end."""
    pattern = query.pattern()
    if pattern is None or not turns:
        return None
    count = len(turns)
    turn = min(max(turn, 0), count - 1)
    order = [(turn + step * (-1 if backwards else 1)) % count for step in range(count + 1)]
    for step, index in enumerate(order):
        if not query.searches(turns[index]):
            continue
        matches = _matches_in(turns, index, pattern)
        if step == 0:
            matches = [m for m in matches if m.start >= offset] if not backwards else \
                [m for m in matches if m.end <= offset]
        elif step == count:  # back at the start turn after wrapping: the skipped part
            matches = [m for m in matches if m.start < offset] if not backwards else \
                [m for m in matches if m.end > offset]
        if matches:
            return matches[-1] if backwards else matches[0]
    return None


def match_at(turns: Sequence[Turn], query: Query, match: Match) -> bool:
    """Whether ``match`` is still a match of ``query`` (the text may have changed)."""
    return 0 <= match.turn < len(turns) and query.searches(turns[match.turn]) and \
        match in _matches_in(turns, match.turn, query.pattern() or re.compile(r"(?!)"))


def replace_match(text: str, match: Match, replacement: str) -> str:
    return text[:match.start] + replacement + text[match.end:]


def replace_all(turns: Sequence[Turn], query: Query, replacement: str) -> dict[int, str]:
    """New texts for every turn with a match: {turn index: new text}."""
    pattern = query.pattern()
    if pattern is None:
        return {}
    changes: dict[int, str] = {}
    for index, turn in enumerate(turns):
        if query.searches(turn):
            # A function, so backslashes and group references stay literal text.
            new_text = pattern.sub(lambda _m: replacement, turn.text)
            if new_text != turn.text:
                changes[index] = new_text
    return changes
