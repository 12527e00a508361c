"""The strip left of the transcript text: each turn's time and speaker.

Painted like a code editor's line-number area: only the blocks in view are
visited, and each turn's first line gets its time (``~`` and dimmed when
estimated) and its speaker's name in the speaker's colour, with a bar in that
colour along the turn. It is given what it paints: the project, the shared
block geometry, the colours and the band under the playing turn (repainting
only the rows the band left and entered). When the text repaints, it repaints
only if lines came or went, so a keystroke inside a line repaints nothing. Emits ``time_clicked(turn)`` and
``speaker_clicked(turn, global_pos)``.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from editor.core.model import Project
from editor.core.timecode import format_clock

from .colors import TranscriptColors
from .geometry import Band, BlockGeometry, band_repaint_rows

SPEAKER_COLUMN_CHARS = 16      # longer names are elided


class Gutter(QWidget):
    time_clicked = Signal(int)
    speaker_clicked = Signal(int, QPoint)

    def __init__(self, parent: QWidget, project: Project, geometry: BlockGeometry,
                 colors: TranscriptColors) -> None:
        super().__init__(parent)
        self.project = project
        self.geometry = geometry
        self.colors = colors
        self._band: Band | None = None
        self._rows: tuple | None = None     # the geometry's rows signature, last seen
        self.setMouseTracking(True)
        # It paints every pixel itself, so scrolling can move pixels instead of repainting.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hours = False
        self.pad = self.time_width = self.speaker_width = self.bar_width = 0.0
        self.measure()

    def set_project(self, project: Project) -> None:
        self.project = project
        self.measure()

    def set_colors(self, colors: TranscriptColors) -> None:
        self.colors = colors
        self.update()

    def follow_text_repaint(self, rect: QRect) -> None:
        """The text area repaints ``rect`` without scrolling. Times, names and bars
        move only when lines come or go (a wrap, a paragraph, a new width or font)
        or the view moved: then all of it is repainted; otherwise (a keystroke
        inside a line, the cursor blinking) nothing is, since times and names
        change only by the turns' own signals, which repaint them."""
        rows = self.geometry.rows_signature()
        old, self._rows = self._rows, rows
        if old is None:
            self.update(0, rect.y(), self.width(), rect.height())
        elif rows != old:
            self.update()

    def forget_rows(self) -> None:
        """The view scrolled: the next text repaint is followed as asked, not
        compared against rows that no longer hold."""
        self._rows = None

    def set_band(self, band: Band | None, scrolled: int = 0) -> None:
        """Paint ``band`` as the playing turn's rows from now on. ``scrolled``: pixels
        the gutter has just scrolled, which moved the old band's pixels with it."""
        old, self._band = self._band, band
        for top, height in band_repaint_rows(old, band, scrolled):
            self.update(0, top, self.width(), height)

    # -- geometry ----------------------------------------------------------

    def bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def measure(self) -> None:
        """Column widths from the current font: nothing is clipped at any size.
        The fonts, their metrics and the names as elided are kept for painting,
        which the playing turn's band does on every turn change."""
        self._regular, self._bold = QFont(self.font()), self.bold_font()
        metrics = self._metrics = QFontMetricsF(self._regular)
        bold = self._bold_metrics = QFontMetricsF(self._bold)
        self._elided: dict[str, str] = {}
        digit = max(metrics.horizontalAdvance(d) for d in "0123456789")
        sample_digits = 5 if self.hours else 4
        self.pad = round(metrics.averageCharWidth() * 1.2)
        self.time_width = (metrics.horizontalAdvance("~") + digit * sample_digits
                           + metrics.horizontalAdvance(":") * (2 if self.hours else 1) + 2)
        names = [s.name for s in self.project.speakers] or ["Speaker"]
        cap = bold.averageCharWidth() * SPEAKER_COLUMN_CHARS
        self.speaker_width = min(max(bold.horizontalAdvance(n) for n in names) + 2, cap)
        self.bar_width = max(3.0, round(metrics.height() / 6))
        self.updateGeometry()

    def width_hint(self) -> int:
        return int(self.pad * 3 + self.time_width + self.speaker_width + self.bar_width + self.pad)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.width_hint(), 0)

    def time_rect(self, line_top: float, line_height: float) -> QRectF:
        return QRectF(self.pad, line_top, self.time_width, line_height)

    def speaker_rect(self, line_top: float, line_height: float) -> QRectF:
        return QRectF(self.pad * 2 + self.time_width, line_top, self.speaker_width, line_height)

    # -- what a turn shows ------------------------------------------------------

    def time_text(self, turn: int) -> str:
        item = self.project.turns[turn]
        shown = format_clock(item.start, hours=True if self.hours else None)
        return "~" + shown if item.estimated else shown

    def is_dimmed(self, turn: int) -> bool:
        return self.project.turns[turn].estimated

    def elided_name(self, name: str) -> str:
        shown = self._elided.get(name)
        if shown is None:
            shown = self._elided[name] = self._bold_metrics.elidedText(
                name, Qt.TextElideMode.ElideRight, self.speaker_width)
        return shown

    # -- painting -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        colors, project, layout = self.colors, self.project, self.geometry.layout
        painter = QPainter(self)
        painter.fillRect(event.rect(), colors.gutter)
        painter.setPen(colors.rule)
        painter.drawLine(self.width() - 1, event.rect().top(), self.width() - 1, event.rect().bottom())
        regular, bold = self._regular, self._bold
        metrics, bold_metrics = self._metrics, self._bold_metrics
        band = self._band
        if band is not None:
            painter.fillRect(QRectF(0, band.top, self.width() - 1, band.bottom - band.top),
                             colors.playing_gutter)
        turns = project.turns
        bar_x = self.width() - self.pad - self.bar_width
        top_limit, bottom_limit = event.rect().top(), event.rect().bottom()
        for turn, block, top, height, is_first in self.geometry.visible_blocks():
            if top > bottom_limit:
                break
            if top + height < top_limit:
                continue
            lines = block.layout()
            if not lines.lineCount():
                continue
            line = lines.lineAt(0)
            line_top = top + line.y()
            item = turns[turn]
            speaker = project.speaker(item.speaker)
            bar_color = colors.speaker(speaker.color if speaker else "#6b7280", colors.gutter)
            # One unbroken bar along the turn: from its first line through its paragraphs.
            bar_top = line_top if is_first else top
            bar_bottom = top + height
            if self.geometry.begins_turn(block.blockNumber() + 1) or not block.next().isValid():
                bar_bottom -= layout.line_extra // 2      # the turn's last line
            painter.fillRect(QRectF(bar_x, bar_top, self.bar_width, bar_bottom - bar_top), bar_color)
            if not is_first:
                continue
            baseline = line_top + line.ascent()
            painter.setFont(regular)
            text = self.time_text(turn)
            painter.setPen(colors.estimated_time if self.is_dimmed(turn) else colors.time)
            x = self.pad + self.time_width - metrics.horizontalAdvance(text)
            painter.drawText(QRectF(x, baseline - metrics.ascent(), self.time_width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft, text)
            name = project.speaker_name(item.speaker) if item.speaker else ""
            if name:
                painter.setFont(bold)
                painter.setPen(bar_color)
                name = self.elided_name(name)
                rect = self.speaker_rect(line_top, line.height())
                painter.drawText(QRectF(rect.x(), baseline - bold_metrics.ascent(), rect.width(),
                                        bold_metrics.height()), Qt.AlignmentFlag.AlignLeft, name)
        painter.end()

    # -- clicks ---------------------------------------------------------------------

    def hit(self, pos) -> tuple[str, int] | None:
        """("time" | "speaker", turn) under ``pos`` on a turn's first line, else None."""
        for turn, block, top, height, is_first in self.geometry.visible_blocks():
            if top > pos.y():
                break
            if not is_first or pos.y() > top + height:
                continue
            line = block.layout().lineAt(0)
            slack = self.geometry.layout.line_extra / 2 + 2
            line_top, line_bottom = top + line.y() - slack, top + line.y() + line.height() + slack
            if not line_top <= pos.y() <= line_bottom:
                continue
            if self.time_rect(line_top, line_bottom - line_top).contains(pos):
                return "time", turn
            if self.speaker_rect(line_top, line_bottom - line_top).contains(pos):
                return "speaker", turn
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        found = self.hit(event.position())
        if found is None:
            return super().mousePressEvent(event)
        kind, turn = found
        if kind == "time":
            self.time_clicked.emit(turn)
        else:
            self.speaker_clicked.emit(turn, event.globalPosition().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        found = self.hit(event.position())
        if found is None:
            self.unsetCursor()
            self.setToolTip("")
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Play from here" if found[0] == "time" else "Change speaker")
        super().mouseMoveEvent(event)
