"""Where the transcript's blocks and turns show in the text area's viewport.

:class:`BlockGeometry` owns the one walk over the blocks in view that the
playhead follower (for the band under the playing turn) and the gutter (for
times, names and bars) both need, and the cheap test that skips the walk for a
turn far out of view. It reads the text area, the turn map and the spaced
layout; it changes nothing and emits nothing.
"""
from __future__ import annotations

import weakref
from typing import Iterator, NamedTuple

from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from .blocks import TurnBlocks
from .layout import SpacedLayout


class Band(NamedTuple):
    """A turn's rows in the viewport: ``top``..``bottom`` is what the highlight
    covers (from half the gap above the turn); ``first_top`` is where its first
    block in view begins, and ``starts_here`` whether that is the turn's first."""
    top: float
    bottom: float
    first_top: float
    starts_here: bool

    def moved(self, dy: float) -> "Band":
        """The band after the view scrolled its pixels ``dy`` down."""
        return Band(self.top + dy, self.bottom + dy, self.first_top + dy, self.starts_here)


def same_rows(a: Band | None, b: Band | None) -> bool:
    """Whether two bands cover the same rows (None: no band)."""
    if a is None or b is None:
        return a is b
    return a.top == b.top and a.bottom == b.bottom


def band_repaint_rows(old: Band | None, new: Band | None, scrolled: int = 0
                      ) -> list[tuple[int, int]]:
    """The (top, height) pixel rows to repaint when the band moves from ``old`` to
    ``new``, after a scroll of ``scrolled`` pixels moved the old band's pixels with
    the view; none when it covers the same rows."""
    if old is not None and scrolled:
        old = old.moved(scrolled)
    if same_rows(old, new):
        return []
    return [(int(rows.top), int(rows.bottom - rows.top) + 2)
            for rows in (old, new) if rows is not None]


class BlockGeometry:
    def __init__(self, editor: QPlainTextEdit, blocks: TurnBlocks, layout: SpacedLayout) -> None:
        # Weak: the gutter holds this and is itself a child of the text area; a
        # strong reference back would make a cycle only the cycle collector frees.
        self._editor = weakref.ref(editor)
        self.blocks = blocks
        self.layout = layout

    def begins_turn(self, block_number: int) -> bool:
        return self.blocks.begins_turn(block_number)

    def visible_blocks(self) -> Iterator[tuple[int, QTextBlock, float, float, bool]]:
        """(turn, block, top, height, is_turn_start) for each block in view, in order."""
        editor = self._editor()
        blocks = self.blocks
        if editor is None or not len(blocks):
            return
        block = editor.firstVisibleBlock()
        if not block.isValid():
            return
        first = blocks.first
        count = len(first)
        number = block.blockNumber()
        turn = blocks.turn_of_block(number)
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
        limit = editor.viewport().height()
        while block.isValid() and top <= limit:
            if turn + 1 < count and number == first[turn + 1]:
                turn += 1
            height = editor.blockBoundingRect(block).height()
            yield turn, block, top, height, number == first[turn]
            top += height
            block = block.next()
            number += 1

    def rows_signature(self) -> tuple:
        """What changes whenever a block in view moves or changes height, without
        walking the blocks: the first block in view and its offset, the number of
        blocks, the document's height in lines and the line spacing."""
        editor = self._editor()
        if editor is None:
            return ()
        document = editor.document()
        return (editor.firstVisibleBlock().blockNumber(), editor.contentOffset().y(),
                document.blockCount(), document.documentLayout().documentSize().height(),
                self.layout.line_spacing, editor.viewport().height())

    def might_be_in_view(self, turn: int) -> bool:
        """Cheap test by block numbers: False means ``turn`` surely is not in view."""
        editor, blocks = self._editor(), self.blocks
        if editor is None or not 0 <= turn < len(blocks):
            return False
        first_visible = editor.firstVisibleBlock().blockNumber()
        # Blocks are never shorter than a line plus the paragraph gap.
        shortest = self.layout.line_spacing + self.layout.paragraph_gap
        most = first_visible + editor.viewport().height() / shortest + 1
        return blocks.last_block(turn) >= first_visible and blocks.first[turn] <= most

    def turn_band(self, turn: int) -> Band | None:
        """The rows ``turn`` shows in the viewport; None when none are in view."""
        if not self.might_be_in_view(turn):
            return None
        top = bottom = first_top = None
        starts_here = False
        for index, block, block_top, height, is_first in self.visible_blocks():
            if index > turn:
                break
            if index != turn:
                continue
            if top is None:
                gap = self.layout.top_gap(block.blockNumber()) // 2 if is_first else 0
                top, first_top, starts_here = block_top + gap, block_top, is_first
            bottom = block_top + height
        if top is None:
            return None
        return Band(top, bottom, first_top, starts_here)
