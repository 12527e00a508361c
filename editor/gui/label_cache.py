"""Labels drawn at every repaint, laid out once: :class:`LabelCache` keeps a
``QStaticText`` of each text at each width it was asked to fit, elided at the
right, so that a scroll step draws prepared glyphs instead of eliding and laying
out every chapter title and speaker name in view again.

Entries are keyed by the text itself, so a renamed chapter or speaker simply
asks for a new one; the owner calls :meth:`LabelCache.clear` when its font
changes. The ink is the painter's pen when drawn, so a palette switch needs
nothing. Emits nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QStaticText

LIMIT = 4096                # entries kept before starting afresh (zooming makes new widths)


class Label:
    """One laid-out label: ``text`` as drawn ("" when not even an ellipsis fits),
    its advance in px, and its ``static`` text (None when ``text`` is empty)."""

    __slots__ = ("text", "advance", "static")

    def __init__(self, text: str, advance: int) -> None:
        self.text, self.advance = text, advance
        self.static: QStaticText | None = None
        if text:
            self.static = QStaticText(text)
            self.static.setTextFormat(Qt.TextFormat.PlainText)     # a title is never markup


class LabelCache:
    def __init__(self) -> None:
        self._whole: dict[str, Label] = {}
        self._elided: dict[tuple[str, int], Label] = {}

    def label(self, metrics: QFontMetrics, text: str, width: int) -> Label:
        """``text`` in at most ``width`` px: whole when it fits, else elided."""
        whole = self._whole.get(text)
        if whole is None:
            self._make_room()
            whole = self._whole[text] = Label(text, metrics.horizontalAdvance(text))
        if whole.advance <= width:
            return whole
        key = (text, width)
        elided = self._elided.get(key)
        if elided is None:
            self._make_room()
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            elided = self._elided[key] = Label(shown, metrics.horizontalAdvance(shown))
        return elided

    def clear(self) -> None:
        self._whole.clear()
        self._elided.clear()

    def __len__(self) -> int:
        return len(self._whole) + len(self._elided)

    def _make_room(self) -> None:
        if len(self) >= LIMIT:
            self.clear()
