"""Which blocks of the transcript document belong to which turn.

The transcript is one text document: each paragraph of each turn is one block,
in turn order. :class:`TurnBlocks` keeps, beside the document, the text each
turn shows and how many blocks it takes, and from those the number of every
turn's first block. Typing inside a paragraph changes no block numbers, so the
map is renumbered (one pass over a list of ints, from the first turn that
changed on) only when paragraphs or turns come or go. Emits nothing.
"""
from __future__ import annotations

import bisect
from itertools import accumulate, islice

# What QTextDocument treats as the end of a paragraph when text is inserted.
_PARAGRAPH_BREAKS = ("\r\n", "\r", "\u2029")


def shown_text(text: str) -> str:
    """A turn's text as the document holds it: paragraphs split by "\\n" only."""
    for brk in _PARAGRAPH_BREAKS:
        if brk in text:
            text = text.replace(brk, "\n")
    return text


def block_count(text: str) -> int:
    return shown_text(text).count("\n") + 1


class TurnBlocks:
    def __init__(self) -> None:
        self.texts: list[str] = []      # the turn texts the document shows
        self.counts: list[int] = []     # blocks per turn
        self.first: list[int] = []      # number of each turn's first block

    def __len__(self) -> int:
        return len(self.texts)

    def reset(self, texts: list[str]) -> None:
        self.texts = list(texts)
        self.counts = [block_count(t) for t in self.texts]
        self._renumber()

    def _renumber(self, start: int = 0) -> None:
        """Number the first blocks of turn ``start`` on; those before it keep theirs
        (a split at turn 40,000 of 50,000 renumbers 10,000 turns, not all)."""
        first = self.first
        base = first[start - 1] + self.counts[start - 1] if start > 0 else 0
        del first[start:]
        first.extend(accumulate(islice(self.counts, start, None), initial=base))
        first.pop()

    def turn_of_block(self, number: int) -> int:
        """The turn holding block ``number`` (-1 when there are no turns)."""
        return bisect.bisect_right(self.first, number) - 1

    def begins_turn(self, number: int) -> bool:
        """Whether block ``number`` is a turn's first (a bisection: no set of every
        first block to rebuild on each split or merge)."""
        first = self.first
        index = bisect.bisect_right(first, number) - 1
        return index >= 0 and first[index] == number

    def last_block(self, turn: int) -> int:
        return self.first[turn] + self.counts[turn] - 1

    def total_blocks(self) -> int:
        return sum(self.counts) if self.counts else 1

    def set_texts(self, changes: dict[int, str]) -> bool:
        """Record new texts; True if block numbers moved."""
        renumber_from = None
        for turn, text in changes.items():
            self.texts[turn] = text
            count = block_count(text)
            if count != self.counts[turn]:
                self.counts[turn] = count
                renumber_from = turn if renumber_from is None else min(renumber_from, turn)
        if renumber_from is not None:
            self._renumber(renumber_from)
        return renumber_from is not None

    def insert(self, index: int, texts: list[str]) -> None:
        self.texts[index:index] = texts
        self.counts[index:index] = [block_count(t) for t in texts]
        self._renumber(index)

    def remove(self, first: int, last: int) -> None:
        del self.texts[first:last + 1]
        del self.counts[first:last + 1]
        self._renumber(first)
