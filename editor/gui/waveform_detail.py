"""The waveform detail: a zoomable view of the audio around the playhead, for
placing chapter marks and turn starts to the tenth of a second.

:class:`WaveformDetail` owns its window on the episode (``window()``: first and
last ms across the view, from the whole episode down to :data:`MIN_SPAN_MS`),
drawn from :class:`~editor.audio.waveform.PeakLevels` (a zoom never decodes
again). It draws chapter marks with their titles, turn boundaries in their
speaker's colour with the speaker's name, the playhead, and the time under the
pointer.

Ctrl+wheel zooms around the pointer (``zoom_in``/``zoom_out`` zoom around the
playhead, for the window's keys); the wheel or a drag on the waveform scrolls.
While following (:mod:`editor.gui.follow`, the transcript's rule) the window
keeps the playhead in view; scrolling stops following, ``set_following(True)``
resumes it.

Dragging a chapter mark pushes one MoveChapter on release, stopping at the
neighbouring marks. Dragging a turn boundary pushes one SetTurnStart, the
command and order rule of Ctrl+J: a start it refuses is not set and
``problem(reason)`` says why. A click elsewhere seeks; a double-click on a turn
boundary selects that turn.

:func:`link_strip` ties it to the overview strip. Emits ``seek_requested(ms)``,
``window_changed(first_ms, last_ms)``, ``outline_changed(window or None)``,
``follow_changed(on)``, ``turn_activated(index)`` and ``problem(message)``.
"""
from __future__ import annotations

import bisect
import math
import struct
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLineF, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette,
                           QPen, QWheelEvent)
from PySide6.QtWidgets import QSizePolicy, QWidget

from editor.audio import waveform as audio_waveform
from editor.core.commands import MoveChapter, SetTurnStart, start_bounds
from editor.core.model import Project
from editor.core.timecode import format_clock

from .follow import FOLLOW_TO, FollowState, should_follow
from .label_cache import LabelCache
from .projectlink import ProjectLink
from .transcript.colors import is_dark, mix, readable
from .waveform import MAX_GAIN, WaveformStrip, chapter_drag_bounds

DETAIL_HEIGHT = 150
TITLE_ROW = 20              # chapter titles along the top
NAME_ROW = 18               # speaker names along the bottom
MIN_SPAN_MS = 2_000         # the deepest zoom: two seconds across the view
ZOOM_STEP = 1.5             # one key press or wheel notch
SCROLL_STEP = 0.1           # of the view, one wheel notch
GRAB_DISTANCE = 4           # px from a mark or boundary that still grabs it
DRAG_THRESHOLD = 3          # px of movement before a press becomes a drag
MIN_LABEL_ROOM = 28         # px a title or name needs before it is drawn at all
PLAYHEAD_WIDTH = 2
CLIP_MARGIN = 3             # px beyond a repainted area a mark's line may reach into it
_PIXEL = struct.Struct("=I")    # a QImage ARGB32 pixel as it lies in memory


@dataclass
class _Press:
    kind: str               # "chapter", "turn" or "pan"
    index: int              # the chapter or turn; -1 for a pan
    press_x: float
    origin: float           # the mark's start, or the window's first ms for a pan
    ms: int = 0             # where the mark would land now
    moved: bool = False


class _LinePool:
    """QLineF objects kept from paint to paint and set in place. New ones at every
    scroll step, one a pixel column, kept Python's cyclic collector busy enough
    that every few dozen steps it ran a full collection, over the whole project,
    in the middle of a paint."""

    def __init__(self) -> None:
        self._lines: list[QLineF] = []

    def take(self, count: int) -> list[QLineF]:
        """``count`` lines to set, good until the next ``take``."""
        missing = count - len(self._lines)
        if missing > 0:
            self._lines.extend(QLineF() for _ in range(missing))
        return self._lines[:count]


def link_strip(strip: WaveformStrip, detail: WaveformDetail) -> None:
    """The overview strip hands its peaks' levels to the detail and outlines the
    detail's window while the detail is shown; dragging the outline scrolls it."""
    strip.levels_changed.connect(detail.set_levels)
    detail.outline_changed.connect(strip.set_detail_window)
    strip.detail_window_dragged.connect(detail.scroll_to)


def clock_tenths(ms: int) -> str:
    """``1:02:03.4``: the clock to the tenth of a second."""
    return f"{format_clock(ms)}.{ms % 1000 // 100}"


class WaveformDetail(QWidget):
    seek_requested = Signal(int)
    window_changed = Signal(int, int)
    outline_changed = Signal(object)    # (first_ms, last_ms) while shown, else None
    follow_changed = Signal(bool)
    turn_activated = Signal(int)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(DETAIL_HEIGHT)
        self.setMouseTracking(True)     # the time under the pointer
        # It paints every pixel: a playhead tick need not repaint the widgets behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._project: Project | None = None
        self._link = ProjectLink()
        self._levels: audio_waveform.PeakLevels | None = None
        self._full_scale = float(audio_waveform.FULL_SCALE)
        self._first = 0.0           # ms at the left edge
        self._span: float | None = None     # ms across the view; None: the whole episode
        self._playhead = 0
        self._press: _Press | None = None
        self._hover_x: float | None = None
        self._bars: tuple[tuple, list[QLineF]] | None = None
        self._bar_pool = _LinePool()
        self._labels = LabelCache()     # chapter titles and speaker names, laid out
        self._speaker_colors: dict[tuple[str, int], QColor] = {}
        self._colors_of: tuple[int, dict[str, QColor]] | None = None   # palette key, colours
        self._drawn_starts: list[int] | None = None     # the starts list last drawn from
        self._speakers: list[str] = []      # every turn's speaker, kept in step
        self._follow = FollowState(self)
        self._follow.follow_changed.connect(self.follow_changed)

    # -- what the window asks -------------------------------------------------------

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(DETAIL_HEIGHT)
        hint.setWidth(max(hint.width(), 400))
        return hint

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setHeight(DETAIL_HEIGHT)
        return hint

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self._project = project
        self._press = None
        self._speakers = [turn.speaker for turn in project.turns]
        self._drawn_starts = None
        link = self._link
        link.connect(project.turns_inserted, self._on_project_turns_inserted)
        link.connect(project.turns_removed, self._on_project_turns_removed)
        link.connect(project.turns_changed, self._on_project_turns_changed)
        for signal in (project.chapters_inserted, project.chapters_removed,
                       project.chapters_moved, project.chapters_changed,
                       project.speakers_changed, project.speakers_inserted,
                       project.speakers_removed):
            link.connect(signal, self._on_project_changed)
        link.connect(project.audio_changed, self._on_project_audio_changed)
        self._clamp_and_tell()
        self.update()

    def set_levels(self, levels: audio_waveform.PeakLevels | None) -> None:
        """Draw these peaks (None: a flat line until some arrive)."""
        self._levels = levels
        self._bars = None
        if levels is not None:
            coarsest = levels.levels[-1]
            loudest = max(max(coarsest.maxima, default=0), -min(coarsest.minima, default=0))
            self._full_scale = float(max(loudest, audio_waveform.FULL_SCALE / MAX_GAIN))
        self._clamp_and_tell()
        self.update()

    def duration_ms(self) -> int | None:
        if self._levels is not None and self._levels.duration_ms > 0:
            return self._levels.duration_ms
        if self._project is not None and self._project.audio_duration:
            return self._project.audio_duration
        return None

    def window(self) -> tuple[int, int]:
        """The first and last ms across the view ((0, 0) with no audio)."""
        span = self.span_ms()
        return round(self._first), round(self._first + span)

    def span_ms(self) -> float:
        duration = self.duration_ms() or 0
        return duration if self._span is None else min(self._span, duration)

    def playhead(self) -> int:
        return self._playhead

    def pointer_time(self) -> str:
        """The time shown under the pointer ("" when it is not over the view)."""
        return "" if self._hover_x is None else clock_tenths(self.ms_at(self._hover_x))

    def set_playhead(self, ms: int) -> None:
        old_x = self.x_of(self._playhead)
        self._playhead = ms
        span = self.span_ms()
        if self._follow.is_following() and span and should_follow(ms - self._first, span):
            self._set_window(ms - span * FOLLOW_TO, self._span)
            return
        new_x = self.x_of(ms)
        if old_x != new_x:
            for x in (old_x, new_x):
                if 0 <= x <= self.width():
                    self.update(QRect(int(x) - PLAYHEAD_WIDTH, 0, 2 * PLAYHEAD_WIDTH + 2,
                                      self.height()))

    # -- zoom and scroll ------------------------------------------------------------

    def zoom_at(self, factor: float, x: float) -> None:
        """Zoom in by ``factor`` (below 1: out), keeping the time under ``x`` where it is."""
        duration = self.duration_ms()
        if not duration or self.width() <= 0:
            return
        anchor = self.ms_at(x)
        span = min(max(self.span_ms() / factor, MIN_SPAN_MS), duration)
        self._set_window(anchor - x * span / self.width(), None if span >= duration else span)

    def zoom_in(self) -> None:
        self.zoom_at(ZOOM_STEP, self._zoom_anchor_x())

    def zoom_out(self) -> None:
        self.zoom_at(1 / ZOOM_STEP, self._zoom_anchor_x())

    def zoom_to_episode(self) -> None:
        self._set_window(0, None)

    def can_zoom_in(self) -> bool:
        return bool(self.duration_ms()) and self.span_ms() > MIN_SPAN_MS

    def can_zoom_out(self) -> bool:
        duration = self.duration_ms()
        return bool(duration) and self.span_ms() < duration

    def set_span(self, span_ms: float) -> None:
        """Show ``span_ms`` across the view around the playhead."""
        duration = self.duration_ms()
        if not duration:
            return
        span = min(max(span_ms, MIN_SPAN_MS), duration)
        self._set_window(self._playhead - span * FOLLOW_TO, None if span >= duration else span)

    def scroll_to(self, first_ms: float) -> None:
        """The user moved the window (here or on the overview): following stops."""
        self._follow.user_scrolled()
        self._set_window(first_ms, self._span)

    def scroll_by(self, fraction: float) -> None:
        self.scroll_to(self._first + fraction * self.span_ms())

    def is_following(self) -> bool:
        return self._follow.is_following()

    def set_following(self, on: bool) -> None:
        self._follow.set_following(on)
        if on:
            span = self.span_ms()
            if span and should_follow(self._playhead - self._first, span):
                self._set_window(self._playhead - span * FOLLOW_TO, self._span)

    def _zoom_anchor_x(self) -> float:
        x = self.x_of(self._playhead)
        return x if 0 <= x <= self.width() else self.width() / 2

    def _set_window(self, first: float, span: float | None) -> None:
        before = (self._first, self._span)
        self._first, self._span = first, span
        self._clamp_window()
        if (self._first, self._span) != before:
            self._bars = None
            self.update()
            self._tell_window()

    def _tell_window(self) -> None:
        self.window_changed.emit(*self.window())
        if self.isVisible():
            self.outline_changed.emit(self.window())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.outline_changed.emit(self.window())

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.outline_changed.emit(None)

    def _clamp_window(self) -> None:
        duration = self.duration_ms() or 0
        if self._span is not None and self._span >= duration:
            self._span = None
        self._first = min(max(self._first, 0.0), max(duration - self.span_ms(), 0.0))

    def _clamp_and_tell(self) -> None:
        before = self.window()
        self._clamp_window()
        if self.window() != before:
            self._bars = None
            self._tell_window()

    # -- geometry -------------------------------------------------------------------

    def x_of(self, ms: float) -> float:
        span = self.span_ms()
        if not span:
            return -1.0
        return (ms - self._first) * self.width() / span

    def ms_at(self, x: float) -> int:
        span = self.span_ms()
        duration = self.duration_ms() or 0
        return min(max(round(self._first + x * span / max(self.width(), 1)), 0), duration)

    def _ms_per_px(self) -> float:
        return self.span_ms() / max(self.width(), 1)

    def _chapter_near(self, x: float) -> int | None:
        if self._project is None:
            return None
        best, best_distance = None, GRAB_DISTANCE + 1
        for index, chapter in enumerate(self._project.chapters):
            distance = abs(self.x_of(chapter.start) - x)
            if distance < best_distance:
                best, best_distance = index, distance
        return best

    def _turn_near(self, x: float) -> int | None:
        """The turn whose start is within grabbing distance of ``x``; None where
        several are (zoomed out, boundaries crowd: a press there scrolls or seeks)."""
        if self._project is None:
            return None
        starts = self._project.turn_starts()
        ms = self._first + x * self._ms_per_px()
        reach = (GRAB_DISTANCE + 1) * self._ms_per_px()
        first = bisect.bisect_left(starts, ms - reach)
        last = bisect.bisect_right(starts, ms + reach)
        if last - first > 1:
            return None
        best, best_distance = None, GRAB_DISTANCE + 1
        for index in range(first, last):
            distance = abs(self.x_of(starts[index]) - x)
            if distance < best_distance:
                best, best_distance = index, distance
        return best

    def _wave_rect(self) -> QRectF:
        return QRectF(0, TITLE_ROW, self.width(), self.height() - TITLE_ROW - NAME_ROW)

    # -- colours --------------------------------------------------------------------

    def _colors(self) -> dict[str, QColor]:
        # Every follow tick paints: the colours are worked out once per palette.
        palette = self.palette()
        if self._colors_of is not None and self._colors_of[0] == palette.cacheKey():
            return self._colors_of[1]
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark = is_dark(palette)
        chapter = readable(QColor(highlight).lighter(135) if dark else QColor(highlight), base)
        colors = {
            "base": base, "text": text,
            "wave": mix(base, text, 0.55 if dark else 0.5),
            "axis": mix(base, text, 0.2),
            "rows": mix(base, text, 0.05),
            "chapter": chapter, "chapter_text": _readable_on(chapter),
            "chapter_dim": mix(chapter, base, 0.45),
            "playhead": QColor("#ff5a4f") if dark else QColor("#d7261e"),
            "refused": QColor("#ff5a4f") if dark else QColor("#b91c1c"),
            "hover": mix(base, text, 0.6),
        }
        self._colors_of = (palette.cacheKey(), colors)
        return colors

    def _speaker_color(self, speaker_id: str, base: QColor) -> QColor:
        speaker = self._project.speaker(speaker_id)
        color = speaker.color if speaker is not None else "#6b7280"
        key = (color, base.rgba())
        found = self._speaker_colors.get(key)
        if found is None:
            found = self._speaker_colors[key] = readable(QColor(color), base)
        return found

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = self._colors()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colors["base"])
        painter.fillRect(QRectF(0, 0, self.width(), TITLE_ROW), colors["rows"])
        painter.fillRect(QRectF(0, self.height() - NAME_ROW, self.width(), NAME_ROW),
                         colors["rows"])
        if not self.span_ms():
            painter.setPen(colors["hover"])
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No audio: the detail shows here once the episode has audio.")
            return
        rect = self._wave_rect()
        painter.setPen(QPen(colors["axis"], 1))
        painter.drawLine(QPointF(0, rect.center().y()), QPointF(self.width(), rect.center().y()))
        bars = self._bar_lines()
        if bars:
            clip = event.rect()
            painter.setPen(QPen(colors["wave"], 1))
            painter.drawLines(bars[max(clip.left(), 0):clip.right() + 1])
        if self._project is not None:
            # A follow tick repaints a few columns: draw only the marks that reach them.
            clip = event.rect()
            left, right = clip.left() - CLIP_MARGIN, clip.right() + 1 + CLIP_MARGIN
            self._draw_turns(painter, colors, left, right)
            self._draw_chapters(painter, colors, left, right)
        x = self.x_of(self._playhead)
        if 0 <= x <= self.width():
            painter.fillRect(QRectF(x - PLAYHEAD_WIDTH / 2, 0, PLAYHEAD_WIDTH, self.height()),
                             colors["playhead"])
        self._draw_pointer_time(painter, colors)

    def _bar_lines(self) -> list[QLineF]:
        key = (self._first, self.span_ms(), self.width(), self.height())
        if self._bars is not None and self._bars[0] == key:
            return self._bars[1]
        lines: list[QLineF] = []
        if self._levels is not None and self.width() > 0:
            lows, highs = self._levels.column_extremes(
                self._first, self._first + self.span_ms(), self.width())
            rect = self._wave_rect()
            middle = rect.center().y()
            scale = rect.height() / 2 / self._full_scale
            # Silence still shows as a line half a pixel either side of the middle.
            above, below = middle - 0.5, middle + 0.5
            lines = self._bar_pool.take(len(lows))
            for x, line in enumerate(lines):
                line.setLine(x + 0.5, min(middle - highs[x] * scale, above),
                             x + 0.5, max(middle - lows[x] * scale, below))
        self._bars = (key, lines)
        return lines

    def _draw_turns(self, painter: QPainter, colors: dict[str, QColor],
                    left: float, right: float) -> None:
        """The turn boundaries and names that reach the columns ``left`` to ``right``."""
        project = self._project
        starts = self._drawn_starts = project.turn_starts()
        first_ms, span = self._first, self.span_ms()
        scale = self.width() / span
        view_first = bisect.bisect_left(starts, first_ms)
        # From the turn whose name may run into ``left``, and from the first turn
        # of its pixel column, so the line drawn there is the one a whole paint draws.
        first = max(bisect.bisect_right(starts, first_ms + left / scale) - 1, view_first)
        if first < len(starts):
            x_first = int((starts[first] - first_ms) * scale)
            first = _first_right_of(starts, view_first, first, first_ms, scale, x_first - 1)
        last = bisect.bisect_right(starts, first_ms + min(right / scale, span))
        press = self._press
        dragged = press.index if press is not None and press.kind == "turn" and press.moved \
            else -1
        top, bottom = TITLE_ROW, self.height()
        base = colors["base"]
        speaker_colors = {speaker.id: self._speaker_color(speaker.id, base)
                          for speaker in project.speakers}
        no_speaker = self._speaker_color("", base)
        by_color: dict[int, tuple[QColor, list[int]]] = {}     # the columns of each colour
        labels: list[tuple[float, float, QColor, str]] = []
        turns = project.turns
        right_edge, count = self.width(), len(starts)
        index = first
        while index < last:
            if index == dragged:
                index += 1
                continue
            x = int((starts[index] - first_ms) * scale)
            # The first turn of each pixel column: at the widest zoom thousands of
            # turns share columns, and a jump to the next column skips them.
            this, index = index, _first_right_of(starts, index + 1, last, first_ms, scale, x)
            speaker = turns[this].speaker
            color = speaker_colors.get(speaker, no_speaker)
            group = by_color.get(color.rgba())
            if group is None:
                group = by_color[color.rgba()] = (color, [])
            group[1].append(x)
            room = ((starts[this + 1] - first_ms) * scale if this + 1 < count
                    else right_edge) - x
            if room >= MIN_LABEL_ROOM:
                labels.append((x, room, color, project.speaker_name(speaker)))
        self._draw_boundaries(painter, by_color.values(), top, bottom)
        metrics = self.fontMetrics()
        row_top = self.height() - NAME_ROW
        text_top = row_top + (NAME_ROW - metrics.height()) / 2
        for x, room, color, name in labels:
            label = self._labels.label(metrics, name, int(room) - 8)
            if label.static is None:
                continue
            painter.fillRect(QRectF(x, row_top, 3, NAME_ROW), color)
            painter.setPen(color)
            painter.drawStaticText(QPointF(x + 5, text_top), label.static)
        if dragged >= 0:
            self._draw_dragged_turn(painter, colors)

    def _draw_boundaries(self, painter: QPainter, groups, top: int, bottom: int) -> None:
        """One line a column in each group's colour, from ``top`` to ``bottom``: a
        row of pixels stretched down, since zoomed out a thousand full-height lines
        cost their pixels one by one, and a stretched image row does not."""
        width = self.width()
        row = bytearray(4 * width)
        for color, xs in groups:
            pixel = _PIXEL.pack(_premultiplied(color))
            for x in xs:
                if 0 <= x < width:
                    row[4 * x:4 * x + 4] = pixel
        image = QImage(row, width, 1, QImage.Format.Format_ARGB32_Premultiplied)
        painter.drawImage(QRect(0, top, width, bottom - top), image)

    def _draw_dragged_turn(self, painter: QPainter, colors: dict[str, QColor]) -> None:
        press = self._press
        turn = self._project.turns[press.index]
        allowed = self._turn_start_allowed(press.index, press.ms)
        color = colors["refused"] if not allowed else self._speaker_color(turn.speaker,
                                                                      colors["base"])
        x = self.x_of(press.ms)
        painter.setPen(QPen(color, 2))
        painter.drawLine(QPointF(x, TITLE_ROW), QPointF(x, self.height()))
        self._draw_label(painter, x, self.height() - NAME_ROW - 22, clock_tenths(press.ms),
                         color, _readable_on(color))

    def _draw_chapters(self, painter: QPainter, colors: dict[str, QColor],
                       left: float, right: float) -> None:
        """The chapter marks and titles that reach the columns ``left`` to ``right``."""
        chapters = self._project.chapters
        press = self._press
        dragged = press.index if press is not None and press.kind == "chapter" and press.moved \
            else -1
        starts = [chapter.start for chapter in chapters]
        if dragged >= 0:
            starts[dragged] = press.ms      # it stays between its neighbours: still sorted
        metrics = self.fontMetrics()
        text_top = 1 + (TITLE_ROW - 2 - metrics.height()) / 2
        first_ms, scale, width = self._first, self.width() / self.span_ms(), self.width()
        # The chapter whose title may reach ``left`` (at the left edge: the one whose
        # title stays there), to the last one in view before ``right``.
        first = max(bisect.bisect_right(starts, first_ms + max(left, 0) / scale) - 1, 0)
        last = bisect.bisect_right(starts, first_ms + min(right / scale, self.span_ms()))
        for index in range(first, last):
            chapter = chapters[index]
            x = (starts[index] - first_ms) * scale
            end = min((starts[index + 1] - first_ms) * scale if index + 1 < len(starts)
                      else width, width)
            strong = chapter.toc or index == dragged
            color = colors["chapter"] if strong else colors["chapter_dim"]
            pen = QPen(color, 2 if strong else 1)
            if not strong:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height() - NAME_ROW))
            # The title sits right of its mark; one whose mark scrolled off the left
            # edge stays readable at the edge until the next chapter.
            begin = max(x, 0)
            room = end - begin - 2
            if room >= MIN_LABEL_ROOM:
                label = self._labels.label(metrics, chapter.title or "(untitled)",
                                           int(room) - 10)
                painter.fillRect(QRectF(begin, 1, min(label.advance + 10, room), TITLE_ROW - 2),
                                 color)
                if label.static is not None:
                    painter.setPen(colors["chapter_text"])
                    painter.drawStaticText(QPointF(begin + 5, text_top), label.static)
        if dragged >= 0:
            self._draw_label(painter, self.x_of(press.ms), TITLE_ROW + 4,
                             clock_tenths(press.ms), colors["chapter"], colors["chapter_text"])

    def _draw_pointer_time(self, painter: QPainter, colors: dict[str, QColor]) -> None:
        if self._hover_x is None or (self._press is not None and self._press.moved):
            return
        x = self._hover_x
        painter.setPen(QPen(colors["hover"], 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x, TITLE_ROW), QPointF(x, self.height() - NAME_ROW))
        self._draw_label(painter, x, TITLE_ROW + 4, self.pointer_time(),
                         colors["text"], colors["base"])

    def _draw_label(self, painter: QPainter, x: float, y: float, text: str,
                    fill: QColor, ink: QColor) -> None:
        metrics = self.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + 10, metrics.height() + 2
        left = x + 6 if x + 6 + width <= self.width() else x - 6 - width
        box = QRectF(left, y, width, height)
        painter.fillRect(box, fill)
        painter.setPen(ink)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- mouse ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.span_ms():
            return super().mousePressEvent(event)
        x = event.position().x()
        chapter = self._chapter_near(x)
        turn = self._turn_near(x) if chapter is None else None
        if chapter is not None:
            start = self._project.chapters[chapter].start
            self._press = _Press("chapter", chapter, x, start, start)
        elif turn is not None:
            start = self._project.turns[turn].start
            self._press = _Press("turn", turn, x, start, start)
        else:
            self._press = _Press("pan", -1, x, self._first)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        press = self._press
        if press is None:
            self._set_hover(x)
            grab = self._chapter_near(x) is not None or self._turn_near(x) is not None
            self.setCursor(Qt.CursorShape.SizeHorCursor if grab else Qt.CursorShape.ArrowCursor)
            return
        if not press.moved and abs(x - press.press_x) < DRAG_THRESHOLD:
            return
        press.moved = True
        moved_ms = (x - press.press_x) * self._ms_per_px()
        if press.kind == "pan":
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.scroll_to(press.origin - moved_ms)
            return
        duration = self.duration_ms()
        target = min(max(round(press.origin + moved_ms), 0), duration)
        if press.kind == "chapter":
            low, high = chapter_drag_bounds(self._project, press.index, duration)
            target = min(max(target, low), high)
        press.ms = target
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        self.setCursor(Qt.CursorShape.ArrowCursor)
        if not press.moved:
            if press.kind == "pan":
                self.seek_requested.emit(self.ms_at(press.press_x))
            else:
                self.seek_requested.emit(round(press.origin))
        elif press.kind == "chapter" and press.ms != press.origin:
            self._project.history.push(MoveChapter(self._project, press.index, press.ms))
        elif press.kind == "turn":
            self._drop_turn(press.index, press.ms)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        turn = self._turn_near(event.position().x())
        if turn is not None:
            self._press = None
            self.turn_activated.emit(turn)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        notches = (delta.y() or delta.x()) / 120
        if not notches or not self.span_ms():
            return super().wheelEvent(event)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_at(ZOOM_STEP ** notches, event.position().x())
        else:
            self.scroll_by(-notches * SCROLL_STEP)
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._labels.clear()        # laid out and elided in the old font
        super().changeEvent(event)

    def leaveEvent(self, event) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def _set_hover(self, x: float | None) -> None:
        if x != self._hover_x:
            self._hover_x = x
            self.update()

    # -- turn starts --------------------------------------------------------------------

    def _turn_start_allowed(self, index: int, start: int) -> bool:
        """Whether Ctrl+J's order rule lets turn ``index`` start at ``start``."""
        low, high = start_bounds(self._project, index)
        return low <= start and (high is None or start <= high)

    def _drop_turn(self, index: int, start: int) -> None:
        """Set and confirm turn ``index``'s start as Ctrl+J does, or say why not."""
        try:
            command = SetTurnStart(self._project, index, start)
        except ValueError as error:
            self.problem.emit(str(error))
            return
        self._project.history.push(command)

    # -- the project ----------------------------------------------------------------

    def _on_project_turns_inserted(self, first: int, last: int) -> None:
        self._speakers[first:first] = [turn.speaker
                                       for turn in self._project.turns[first:last + 1]]
        self._repaint_between_turns(first - 1, last + 1)

    def _on_project_turns_removed(self, first: int, last: int) -> None:
        del self._speakers[first:last + 1]
        self._repaint_between_turns(first - 1, first)

    def _repaint_between_turns(self, before: int, after: int) -> None:
        """Repaint the columns from turn ``before``'s boundary to turn ``after``'s
        (the view's edge past the first or last turn): turns inserted or removed
        between them change only the marks there and the room of ``before``'s name.
        At 50,000 turns a whole paint of the widest zoom costs more than the rest
        of a split."""
        if self._press is not None:
            self._on_project_changed()      # a drag's mark may have moved: draw it all
            return
        starts = self._project.turn_starts()
        left = self.x_of(starts[before]) if before >= 0 else 0.0
        right = self.x_of(starts[after]) if after < len(starts) else float(self.width())
        # Clamped: zoomed in, a turn hours away lies millions of pixels off.
        edge = self.width() + CLIP_MARGIN + 1
        left = min(max(math.floor(left) - CLIP_MARGIN, -CLIP_MARGIN - 1), edge)
        right = min(max(math.ceil(right) + CLIP_MARGIN, -CLIP_MARGIN - 1), edge)
        self.update(QRect(left, 0, right - left + 1, self.height()))

    def _on_project_turns_changed(self, first: int, last: int) -> None:
        # Typing changes a turn's text, which is not drawn here: repaint only when a
        # start (a new starts list, see Project.turn_starts) or a speaker changed.
        speakers = [turn.speaker for turn in self._project.turns[first:last + 1]]
        if (self._project.turn_starts() is self._drawn_starts
                and self._speakers[first:last + 1] == speakers):
            return
        self._speakers[first:last + 1] = speakers
        self._on_project_changed()

    def _on_project_changed(self, *_args) -> None:
        # An undo or an edit elsewhere may move what is being dragged.
        self._press = None
        self.update()

    def _on_project_audio_changed(self) -> None:
        self._clamp_and_tell()
        self.update()


def _first_right_of(starts: list[int], low: int, high: int, first_ms: float, scale: float,
                    x: int) -> int:
    """The first turn from ``low`` to ``high`` drawn right of pixel column ``x``
    (``high`` if none), by the column rule of the drawing: ``int((start - first_ms)
    * scale)``; a bisection, then a step or two where rounding disagrees."""
    found = bisect.bisect_left(starts, first_ms + (x + 1) / scale, low, high)
    while found > low and int((starts[found - 1] - first_ms) * scale) > x:
        found -= 1
    while found < high and int((starts[found] - first_ms) * scale) <= x:
        found += 1
    return found


def _premultiplied(color: QColor) -> int:
    """``color`` as a premultiplied ARGB32 pixel value."""
    alpha = color.alpha()
    return (alpha << 24 | color.red() * alpha // 255 << 16
            | color.green() * alpha // 255 << 8 | color.blue() * alpha // 255)


def _readable_on(background: QColor) -> QColor:
    return QColor("black") if background.lightness() > 140 else QColor("white")
