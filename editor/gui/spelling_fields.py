"""Misspelled words underlined with a wavy line in the episode's fields and the
chapter titles.

A QLineEdit cannot format characters, so :class:`LineEditUnderline` is a child
drawn over the line edit that paints a wavy line under each misspelled span
(placed by the font's advances from the text's start: the short texts of a
title or subtitle fit their field; a text scrolled sideways is not underlined
rather than underlined in the wrong place). :class:`TextEditUnderline` is a
syntax highlighter for a QPlainTextEdit field (description, disclaimer), and
:class:`TitleDelegate` paints the chapter table's title column with the same
line. Each checks only its own text, again when it changes; none changes the
project. With no checker nothing is underlined. Emits nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import (QColor, QPainter, QPainterPath, QPen, QSyntaxHighlighter,
                           QTextCharFormat)
from PySide6.QtWidgets import (QLineEdit, QPlainTextEdit, QStyle, QStyledItemDelegate,
                               QStyleOptionFrame, QWidget)

from editor.core.spelling import SpellChecker, utf16_spans

WAVE_COLOR = QColor(Qt.GlobalColor.red)
WAVE_STEP = 2.0        # px: half a wave's length, and its height
LINE_EDIT_MARGIN = 2   # px QLineEdit keeps between its contents rect and its text


def wave_path(left: float, right: float, baseline: float) -> QPainterPath:
    """A zigzag from ``left`` to ``right`` just under ``baseline``."""
    path = QPainterPath(QPointF(left, baseline + WAVE_STEP))
    x, up = left, True
    while x < right:
        x = min(x + WAVE_STEP, right)
        path.lineTo(x, baseline + (0 if up else WAVE_STEP))
        up = not up
    return path


def paint_waves(painter: QPainter, spans: list[tuple[float, float]], baseline: float) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(WAVE_COLOR, 1))
    for left, right in spans:
        painter.drawPath(wave_path(left, right, baseline))


def misspelled(checker: SpellChecker | None, text: str) -> list[tuple[int, int]]:
    return checker.misspelled_spans(text) if checker is not None else []


class LineEditUnderline(QWidget):
    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.checker: SpellChecker | None = None
        self._spans: list[tuple[int, int]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        edit.textChanged.connect(self._on_edit_text_changed)
        edit.installEventFilter(self)

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self.check()

    def words(self) -> list[str]:
        """The words underlined now, in order."""
        text = self.edit.text()
        return [text[start:end] for start, end in self._spans]

    def check(self) -> None:
        self._spans = misspelled(self.checker, self.edit.text())
        self.setGeometry(self.edit.rect())
        self.raise_()
        self.update()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == event.Type.Resize:
            self.setGeometry(self.edit.rect())
        return False

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        if not self._spans:
            return
        edit, text = self.edit, self.edit.text()
        metrics = edit.fontMetrics()
        contents = self._text_rect()
        if metrics.horizontalAdvance(text) > contents.width():
            return           # scrolled sideways: where the text starts is not known here
        left = contents.left()
        spans = [(left + metrics.horizontalAdvance(text[:start]),
                  left + metrics.horizontalAdvance(text[:end])) for start, end in self._spans]
        baseline = contents.center().y() + (metrics.ascent() - metrics.descent()) / 2 + 1
        painter = QPainter(self)
        paint_waves(painter, spans, baseline)
        painter.end()

    def _text_rect(self) -> QRect:
        option = QStyleOptionFrame()
        self.edit.initStyleOption(option)
        rect = self.edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option,
                                                self.edit)
        margins = self.edit.textMargins()
        return rect.adjusted(margins.left() + LINE_EDIT_MARGIN, margins.top(),
                             -margins.right() - LINE_EDIT_MARGIN, -margins.bottom())

    def _on_edit_text_changed(self, _text: str) -> None:
        self.check()


class TextEditUnderline(QSyntaxHighlighter):
    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit.document())
        self.checker: SpellChecker | None = None
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(WAVE_COLOR)

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        spans = misspelled(self.checker, text)
        for start, end in utf16_spans(text, spans):
            self.setFormat(start, end - start, self._format)


class TitleDelegate(QStyledItemDelegate):
    """The chapter title column: the default look, misspelled words underlined."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.checker: SpellChecker | None = None

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self.parent().viewport().update()

    def misspelled_words(self, index) -> list[str]:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        return [text[start:end] for start, end in misspelled(self.checker, text)]

    def paint(self, painter, option, index) -> None:  # noqa: N802 (Qt override)
        super().paint(painter, option, index)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        spans = misspelled(self.checker, text)
        if not spans:
            return
        metrics = option.fontMetrics
        style = option.widget.style() if option.widget is not None else None
        margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                    option.widget) + 1) if style is not None else 3
        left = option.rect.left() + margin
        if left + metrics.horizontalAdvance(text) > option.rect.right():
            return           # elided: the words are not where the text says
        baseline = option.rect.center().y() + (metrics.ascent() - metrics.descent()) / 2 + 1
        painter.save()
        paint_waves(painter, [(left + metrics.horizontalAdvance(text[:start]),
                               left + metrics.horizontalAdvance(text[:end]))
                              for start, end in spans], baseline)
        painter.restore()
