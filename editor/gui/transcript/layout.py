"""Line, paragraph and turn spacing for the transcript's plain-text document.

QPlainTextDocumentLayout lays blocks out lazily and keeps typing cheap however
long the document is, but it ignores block margins and line height. This
subclass adds them after the fact: when a block's geometry is asked for, its
lines are moved apart (extra line spacing) and down (a gap above each paragraph,
a larger one above each turn's first paragraph). QPlainTextEdit reads block
heights, draws and hit-tests through these line positions, so the spacing holds
for painting, clicking and the cursor alike.

Qt asks for block geometry some 80 times per keystroke (cursor rectangles,
scrolling, the repaint), each call a trip from C++ into Python, so spaced
rectangles are cached by block number and a cached one is returned without
touching the block, except an edited block while Qt handles the edit (Qt lays
it out anew between two asks): that one is checked against its first line.
An entry is dropped when its block changes or the block numbers shift; the
whole cache goes whenever the layout announces an update of everything, which
Qt does after each relayout of its own (a new width, a wrap, a change spanning
blocks), so none is missed. Emits nothing of its own.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from .blocks import TurnBlocks

# The height of the rectangle Qt's text layouts send for "all of the document" (1e9).
EVERYTHING = 1e9


class SpacedLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument, blocks: TurnBlocks) -> None:
        super().__init__(document)
        self._blocks = blocks
        self.line_spacing = 0.0   # the font's line spacing, px
        self.line_extra = 0       # px added between the lines of a paragraph
        self.paragraph_gap = 0    # px above a paragraph
        self.turn_gap = 0         # px above a turn's first paragraph
        self._cache: dict[int, tuple[QRectF, int]] = {}   # block number -> (rect, first line's y)
        self._changing = range(0)     # the blocks of the edit Qt is handling
        self._block_count = document.blockCount()
        self.update.connect(self._on_update)

    def _on_update(self, rect: QRectF) -> None:
        # Qt clears blocks' lines without telling documentChanged (relayout() on a
        # new width) but always follows with an update of the whole document.
        if rect.height() >= EVERYTHING:
            self._cache.clear()

    def forget(self) -> None:
        """Drop every cached rectangle (the turn map or the spacing changed)."""
        self._cache.clear()

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802
        document = self.document()
        if document.blockCount() != self._block_count:
            self._block_count = document.blockCount()
            self._cache.clear()
            changed = range(0)
        else:
            first = document.findBlock(position).blockNumber()
            last = document.findBlock(position + added).blockNumber()
            if last < first:            # the change ran to the document's end
                last = self._block_count - 1
            changed = range(first, last + 1)
            for number in changed:
                self._cache.pop(number, None)
        # Qt lays the changed block out again between two calls for its rectangle
        # and compares them: there, a cached rectangle is checked against its lines.
        # (Changes Qt handles otherwise end in an update of everything.)
        self._changing = changed
        try:
            super().documentChanged(position, removed, added)
        finally:
            self._changing = range(0)

    def set_font_metrics(self, metrics: QFontMetricsF) -> None:
        line = self.line_spacing = metrics.lineSpacing()
        self.line_extra = max(2, round(line * 0.3))
        self.paragraph_gap = max(2, round(line * 0.35))
        self.turn_gap = max(6, round(line * 0.85))
        self._cache.clear()

    def top_gap(self, block_number: int) -> int:
        return self.turn_gap if self._blocks.begins_turn(block_number) else self.paragraph_gap

    @staticmethod
    def _still_spaced(block: QTextBlock, cached: tuple[QRectF, int]) -> bool:
        layout = block.layout()
        return bool(layout.lineCount()) and layout.lineAt(0).y() == cached[1]

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt override)
        number = block.blockNumber()
        cached = self._cache.get(number)
        if cached is not None and (number not in self._changing
                                   or self._still_spaced(block, cached)):
            return cached[0]
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        count = layout.lineCount()
        if not count:
            return rect
        half = self.line_extra // 2
        top = self.top_gap(number) + half
        if layout.lineAt(0).y() != top:
            # Freshly laid out (lines start at 0) or its turn role changed.
            y = float(top)
            for index in range(count):
                line = layout.lineAt(index)
                line.setPosition(QPointF(line.x(), y))
                y += line.height() + self.line_extra
            rect = super().blockBoundingRect(block)
        rect = QRectF(rect.x(), rect.y(), rect.width(), rect.height() + half)
        self._cache[number] = (rect, top)
        return rect
