"""The waveform strip: the whole episode at a glance above the transcript.

:class:`WaveformStrip` owns the overview of the episode's audio (min/max bars
per pixel column), the playhead, the chapter marks (drag one to move it) and
the turn boundaries. Peaks are computed off the GUI thread by
:func:`editor.audio.waveform.waveform_peaks` on Qt's global thread pool; the
worker reports through a relay object whose signals are queued to the GUI
thread, so only the GUI thread touches the widget.

It also outlines the detail view's window (``set_detail_window``); dragging
that outline emits ``detail_window_dragged(first_ms)``. While reading, the strip
draws the worker's sketches (each range's peaks read so far) under the
progress; the worker also makes the peaks' levels of detail; ``levels_changed(levels)`` hands them on (None
when a new file is loading).

Emits ``seek_requested(ms)`` on a click away from a chapter mark (or on a
click on a mark without moving it: that chapter's start). A chapter drag
stops at the neighbouring marks (the chapters never reorder under a drag) and
pushes one :class:`~editor.core.commands.MoveChapter` on release.
"""
from __future__ import annotations

import bisect

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLineF, QObject, QPointF, QRect, QRectF, QRunnable, Qt, \
    QThreadPool, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, \
    QPolygonF, QRegion, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from editor.audio import waveform as audio_waveform
from editor.core.commands import MoveChapter
from editor.core.model import Project
from editor.core.timecode import format_clock

from .heap import release_freed_memory
from .projectlink import ProjectLink

STRIP_HEIGHT = 64
HANDLE_HEIGHT = 9           # the chapter handle's triangle at the top
HANDLE_HALF_WIDTH = 5
GRAB_DISTANCE = 4           # px from a chapter line that still grabs it
DRAG_THRESHOLD = 3          # px of movement before a press becomes a drag
TICK_HEIGHT = 6             # turn ticks along the bottom edge
PLAYHEAD_WIDTH = 2
# Quiet recordings are scaled up to fill the strip, but never more than this,
# so a silent file stays a flat line rather than magnified noise.
MAX_GAIN = 8


_pool: QThreadPool | None = None


def _reader_pool() -> QThreadPool:
    """Waveform reads get threads of their own: a cancelled read still winding down
    (ffmpeg takes a moment to stop) must never hold up the next one, nor anything
    else on Qt's global pool."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
    return _pool



def _tick_columns(starts: list[int], duration: int, width: int) -> list[int]:
    """The pixel columns, left to right, where at least one of ``starts`` (in time
    order) falls. Tens of thousands of turns share a few hundred columns: after
    each column found, a binary search jumps to the first start of the next one,
    so the cost follows the width, not the number of turns."""
    xs: list[int] = []
    last, index, count = width - 1, 0, len(starts)
    while index < count:
        x = min(int(min(max(starts[index], 0), duration) * width / duration), last)
        if not xs or x > xs[-1]:
            xs.append(x)
        elif x < xs[-1]:
            index += 1              # out of time order (a project being repaired)
            continue
        if x == last:
            break
        # the first ms the next column shows, in exact integer arithmetic
        following = ((x + 1) * duration + width - 1) // width
        index = max(index + 1, bisect.bisect_left(starts, following, index + 1))
    return xs

def _respliced_columns(xs: list[int], starts: list[int], before: int, after: int,
                       duration: int, width: int) -> list[int] | None:
    """``xs``, the tick columns of ``starts`` before turns were inserted or removed
    between turn ``before`` and turn ``after`` (indices in ``starts`` as it is now;
    -1 and ``len(starts)`` for none), made true again: only the columns between
    those two turns' can change, and only the turns between them fall there. None
    when those turns are out of time order: only a whole walk is right then."""
    low = starts[before] if before >= 0 else None
    high = starts[after] if after < len(starts) else None
    between = starts[before + 1:after]
    run = ([low] if low is not None else []) + between + ([high] if high is not None else [])
    if any(a > b for a, b in zip(run, run[1:])):
        return None

    def column(start: int) -> int:
        return min(int(min(max(start, 0), duration) * width / duration), width - 1)

    x_low = column(low) if low is not None else -1
    x_high = column(high) if high is not None else width
    middle = [x for x in _tick_columns(between, duration, width) if x_low < x < x_high]
    head = bisect.bisect_right(xs, x_low)
    tail = max(bisect.bisect_left(xs, x_high), head)    # the two turns may share a column
    return xs[:head] + middle + xs[tail:]


class _PeaksRelay(QObject):
    """Carries one computation's news from the worker thread (queued to the GUI)."""

    progress = Signal(int, float)       # generation, fraction
    sketched = Signal(int, object)      # generation, Peaks read so far (a sketch)
    ready = Signal(int, object)         # generation, PeakLevels
    failed = Signal(int, str)           # generation, message


class _PeaksJob(QRunnable):
    def __init__(self, path: Path, generation: int, relay: _PeaksRelay,
                 cancel: threading.Event) -> None:
        super().__init__()
        self.path, self.generation, self.relay, self.cancel = path, generation, relay, cancel

    def run(self) -> None:
        relay, generation = self.relay, self.generation

        def tell(signal, *args) -> None:
            try:
                signal.emit(generation, *args)
            except RuntimeError:    # the strip (and its relay) is gone: nobody to tell
                self.cancel.set()

        try:
            peaks = audio_waveform.waveform_peaks(
                self.path, cancel=self.cancel,
                progress=lambda fraction: tell(relay.progress, fraction),
                sketch=lambda sketch: tell(relay.sketched, sketch))
        except audio_waveform.WaveformCancelled:
            return
        except (audio_waveform.WaveformError, ValueError, OSError) as error:
            tell(relay.failed, str(error))
            return
        # The levels of detail are made here too, off the GUI thread.
        tell(relay.ready, audio_waveform.PeakLevels(peaks))


@dataclass
class _Drag:
    index: int              # the chapter being dragged; -1: the detail's window
    press_x: int
    ms: int                 # where it would land now (the window: its first ms)
    moved: bool = False


class WaveformStrip(QWidget):
    seek_requested = Signal(int)
    levels_changed = Signal(object)         # PeakLevels, or None
    detail_window_dragged = Signal(int)     # the detail window's new first ms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(STRIP_HEIGHT)
        self.setMouseTracking(True)     # the resize cursor over chapter marks
        # It paints every pixel: a playhead tick need not repaint the widgets behind it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._project: Project | None = None
        self._link = ProjectLink()
        self._peaks: audio_waveform.Peaks | None = None
        self._sketch: audio_waveform.Peaks | None = None    # drawn until the peaks come
        self._levels: audio_waveform.PeakLevels | None = None
        self._detail_window: tuple[int, int] | None = None
        self._path: Path | None = None
        self._status = ""               # "Reading waveform… N%", an error, or ""
        self._status_detail = ""        # the full message behind it, as a tooltip
        self._playhead_ms = 0
        self._drag: _Drag | None = None
        self._bars: tuple[tuple[int, int], list[QLineF]] | None = None   # (size, lines)
        self._turn_xs: list[int] | None = None
        # The project's cached turn starts _turn_xs was made from: the project
        # replaces that list whenever a start changes, so "is" tells.
        self._tick_starts: list[int] | None = None
        self._tick_scale: tuple[int | None, int] = (None, 0)  # duration, width of _turn_xs
        self._ticks: tuple[list[int], int, list[QLineF]] | None = None    # xs, height, lines
        self._generation = 0
        self._cancel: threading.Event | None = None
        # No parent: a worker still running when the strip goes keeps its relay alive.
        self._relay = _PeaksRelay()
        # Queued explicitly: the worker emits from its own thread.
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_relay_progress, queued)
        self._relay.sketched.connect(self._on_relay_sketched, queued)
        self._relay.ready.connect(self._on_relay_ready, queued)
        self._relay.failed.connect(self._on_relay_failed, queued)
        # A worker outliving the strip stops at its next chunk; it holds the
        # cancel event, not the strip.
        cancels: list[threading.Event] = []
        self._cancels = cancels
        self.destroyed.connect(lambda *_args: [event.set() for event in cancels])

    # -- public API -------------------------------------------------------------------

    @property
    def peaks(self) -> audio_waveform.Peaks | None:
        return self._peaks

    @property
    def levels(self) -> audio_waveform.PeakLevels | None:
        return self._levels

    def set_detail_window(self, window: tuple[int, int] | None) -> None:
        """Outline the part of the episode the detail view shows (None: none)."""
        if window == self._detail_window:
            return
        # Only where the outline was or is but not both, and its borders: every
        # scroll step of the detail moves it, and zoomed out it spans most of the
        # strip, whose chapter marks need not be drawn again for it.
        before = self._outline_region()
        self._detail_window = window
        for part in before.xored(self._outline_region()):
            self.update(part.adjusted(-1, -1, 1, 1))

    def _outline_region(self) -> QRegion:
        rect = self._detail_rect()
        return QRegion() if rect is None else QRegion(rect.toAlignedRect())

    @property
    def status_text(self) -> str:
        """What the strip says instead of (or over) the waveform; "" when nothing."""
        return self._status

    @property
    def playhead(self) -> int:
        return self._playhead_ms

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(STRIP_HEIGHT)
        hint.setWidth(max(hint.width(), 400))
        return hint

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setHeight(STRIP_HEIGHT)
        return hint

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self._project = project
        self._drag = None
        link = self._link
        link.connect(project.turns_inserted, self._on_project_turns_inserted)
        link.connect(project.turns_removed, self._on_project_turns_removed)
        link.connect(project.turns_changed, self._on_project_turns_changed)
        for name in ("chapters_inserted", "chapters_removed", "chapters_moved",
                     "chapters_changed"):
            link.connect(getattr(project, name), self._on_project_chapters_changed)
        link.connect(project.audio_changed, self._on_project_audio_changed)
        self._turn_xs = None
        self.update()

    def load(self, path: Path | str | None) -> None:
        """Show the waveform of ``path`` once computed (None: no waveform)."""
        self._stop_worker()
        self._generation += 1
        had_levels = self._levels is not None
        self._peaks = None
        self._sketch = None
        self._levels = None
        if had_levels:
            self.levels_changed.emit(None)
        self._bars = None
        self._turn_xs = None
        self._path = Path(path) if path is not None else None
        self._set_status("")
        if self._path is not None:
            self._set_status("Reading waveform… 0%")
            cancel = threading.Event()
            self._cancel = cancel
            self._cancels.append(cancel)
            _reader_pool().start(_PeaksJob(self._path, self._generation, self._relay, cancel))
        self.update()

    def set_playhead(self, ms: int) -> None:
        old_x = self._x_of(self._playhead_ms)
        self._playhead_ms = ms
        new_x = self._x_of(ms)
        if old_x == new_x:
            return
        for x in (old_x, new_x):
            if x is not None:
                self.update(QRect(x - PLAYHEAD_WIDTH, 0, 2 * PLAYHEAD_WIDTH + 1, self.height()))

    @property
    def sketch(self) -> audio_waveform.Peaks | None:
        """The overview read so far, while the peaks are still being read."""
        return self._sketch

    def duration_ms(self) -> int | None:
        """The length the strip spans: the peaks', else the project's audio's."""
        if self._peaks is not None and self._peaks.duration_ms > 0:
            return self._peaks.duration_ms
        if self._sketch is not None and self._sketch.duration_ms > 0:
            return self._sketch.duration_ms
        if self._project is not None and self._project.audio_duration:
            return self._project.audio_duration
        return None

    # -- geometry -------------------------------------------------------------------

    def _x_of(self, ms: int) -> int | None:
        duration = self.duration_ms()
        if duration is None or self.width() <= 0:
            return None
        ms = min(max(ms, 0), duration)
        return min(int(ms * self.width() / duration), self.width() - 1)

    def _ms_at(self, x: float) -> int | None:
        duration = self.duration_ms()
        if duration is None or self.width() <= 0:
            return None
        return min(max(round(x * duration / self.width()), 0), duration)

    def _chapter_near(self, x: float) -> int | None:
        """Index of the chapter whose line is nearest ``x``, if within grabbing distance."""
        if self._project is None:
            return None
        best, best_distance = None, GRAB_DISTANCE + 1
        for index, chapter in enumerate(self._project.chapters):
            chapter_x = self._x_of(chapter.start)
            if chapter_x is None:
                return None
            distance = abs(chapter_x - x)
            if distance < best_distance:
                best, best_distance = index, distance
        return best

    def _wave_rect(self) -> QRectF:
        return QRectF(0, HANDLE_HEIGHT + 1, self.width(),
                      self.height() - HANDLE_HEIGHT - 2 - TICK_HEIGHT)

    # -- cached drawing data ----------------------------------------------------------

    def _bar_lines(self) -> list[QLineF]:
        size = (self.width(), self.height())
        if self._bars is not None and self._bars[0] == size:
            return self._bars[1]
        lines: list[QLineF] = []
        source = self._levels if self._levels is not None else self._sketch
        if source is not None and self.width() > 0 and source.duration_ms > 0:
            columns = source.columns(0, source.duration_ms, self.width())
            loudest = max((max(-low, high) for low, high in columns), default=0)
            full = max(loudest, audio_waveform.FULL_SCALE / MAX_GAIN)
            rect = self._wave_rect()
            middle, half = rect.center().y(), rect.height() / 2
            for x, (low, high) in enumerate(columns):
                top = middle - high / full * half
                bottom = middle - low / full * half
                # Silence still shows as a line, so the strip reads as "loaded".
                top, bottom = min(top, middle - 0.5), max(bottom, middle + 0.5)
                lines.append(QLineF(x + 0.5, top, x + 0.5, bottom))
        self._bars = (size, lines)
        return lines

    def _turn_positions(self) -> list[int]:
        if self._turn_xs is None:
            xs: list[int] = []
            duration, width = self.duration_ms(), self.width()
            if self._project is not None and duration and width > 0:
                xs = _tick_columns(self._project.turn_starts(), duration, width)
            self._turn_xs = xs
            self._tick_starts = self._project.turn_starts() if self._project else None
            self._tick_scale = (duration, width)
        return self._turn_xs

    # -- colours ----------------------------------------------------------------------

    def _colors(self) -> dict[str, QColor]:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        wave = _mix(text, base, 0.4)
        tick = _mix(text, base, 0.5 if dark else 0.4)
        chapter = QColor(highlight).lighter(135) if dark else QColor(highlight)
        chapter_dim = _mix(chapter, base, 0.55)
        playhead = QColor("#ff5a4f") if dark else QColor("#d7261e")
        hint = QColor(text)
        hint.setAlpha(150)
        return {"base": base, "wave": wave, "tick": tick, "chapter": chapter,
                "chapter_dim": chapter_dim, "playhead": playhead, "hint": hint,
                "text": text, "frame": palette.color(QPalette.ColorRole.Mid)}

    # -- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = self._colors()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colors["base"])
        painter.setPen(colors["frame"])
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        duration = self.duration_ms()
        if duration is None:
            self._draw_text(painter, colors["hint"], self._status or
                            "No audio: the waveform shows here once the episode has audio.")
            return
        bars = self._bar_lines()
        # Part by part, each clipped to itself, so nothing is drawn twice: a moved
        # outline repaints two bands, far apart when zoomed out.
        for clip in event.region():
            painter.setClipRect(clip)
            if bars:
                painter.setPen(QPen(colors["wave"], 1))
                painter.drawLines(bars[max(clip.left(), 0):clip.right() + 1])
            else:
                middle = self._wave_rect().center().y()
                painter.setPen(QPen(colors["tick"], 1))
                painter.drawLine(QPointF(0, middle), QPointF(self.width(), middle))
            self._draw_turn_ticks(painter, colors["tick"], clip)
            self._draw_detail_window(painter, colors)
            self._draw_chapters(painter, colors, clip)
        painter.setClipRegion(event.region())
        if self._status:
            self._draw_text(painter, colors["text"], self._status, backdrop=colors["base"])
        x = self._x_of(self._playhead_ms)
        if x is not None:
            painter.fillRect(QRectF(x - PLAYHEAD_WIDTH / 2 + 0.5, 0, PLAYHEAD_WIDTH,
                                    self.height()), colors["playhead"])
        if self._drag is not None and self._drag.moved and self._drag.index >= 0:
            self._draw_drag_label(painter, colors)

    def _detail_rect(self) -> QRectF | None:
        if self._detail_window is None:
            return None
        first, last = (self._x_of(ms) for ms in self._detail_window)
        if first is None:
            return None
        # However deep the zoom, the window stays wide enough to see and to grab.
        width = max(last - first, 6)
        left = min(first, self.width() - width)
        return QRectF(left + 0.5, HANDLE_HEIGHT + 0.5, width, self.height() - HANDLE_HEIGHT - 2)

    def _draw_detail_window(self, painter: QPainter, colors: dict[str, QColor]) -> None:
        rect = self._detail_rect()
        if rect is None:
            return
        fill = QColor(colors["chapter"])
        fill.setAlpha(40)
        painter.fillRect(rect, fill)
        painter.setPen(QPen(colors["text"], 1))
        painter.drawRect(rect)

    def _draw_turn_ticks(self, painter: QPainter, color: QColor, clip: QRect) -> None:
        xs = self._turn_positions()
        if self._ticks is None or self._ticks[0] is not xs or self._ticks[1] != self.height():
            # Made once for these columns, not at every repaint of the outline.
            bottom = self.height() - 2
            self._ticks = (xs, self.height(), [QLineF(x + 0.5, bottom - TICK_HEIGHT,
                                                      x + 0.5, bottom) for x in xs])
        lines = self._ticks[2][bisect.bisect_left(xs, clip.left()):
                               bisect.bisect_right(xs, clip.right())]
        if lines:
            painter.setPen(QPen(color, 1))
            painter.drawLines(lines)

    def _draw_chapters(self, painter: QPainter, colors: dict[str, QColor], clip: QRect) -> None:
        if self._project is None:
            return
        chapters = self._project.chapters
        duration, width = self.duration_ms(), self.width()
        # Only the marks whose line or handle may reach into the part (a handle's
        # base slides inside at the edges), and the one being dragged.
        reach = 2 * HANDLE_HALF_WIDTH + 3
        starts = [chapter.start for chapter in chapters]
        indices = list(range(bisect.bisect_left(starts, (clip.left() - reach) * duration / width),
                             bisect.bisect_right(starts, (clip.right() + 1 + reach) * duration
                                                 / width)))
        if self._drag is not None and self._drag.moved and self._drag.index not in indices:
            indices = sorted(indices + [self._drag.index])     # drawn in their order
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for index in indices:
            chapter = chapters[index]
            dragged = self._drag is not None and self._drag.moved and self._drag.index == index
            ms = self._drag.ms if dragged else chapter.start
            x = self._x_of(ms) + 0.5
            # At the edges the handle's base slides inside; its tip stays on the line.
            base = min(max(x, HANDLE_HALF_WIDTH), self.width() - HANDLE_HALF_WIDTH)
            if (max(x, base) + HANDLE_HALF_WIDTH + 2 < clip.left()
                    or min(x, base) - HANDLE_HALF_WIDTH - 2 > clip.right()):
                continue        # outside the repainted part (a playhead step)
            color = colors["chapter"] if chapter.toc or dragged else colors["chapter_dim"]
            pen = QPen(color, 2 if chapter.toc or dragged else 1)
            if not chapter.toc and not dragged:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, HANDLE_HEIGHT), QPointF(x, self.height() - 2))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(QPolygonF([
                QPointF(base - HANDLE_HALF_WIDTH, 0), QPointF(base + HANDLE_HALF_WIDTH, 0),
                QPointF(x, HANDLE_HEIGHT)]))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _draw_drag_label(self, painter: QPainter, colors: dict[str, QColor]) -> None:
        text = format_clock(self._drag.ms)
        metrics = self.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
        x = self._x_of(self._drag.ms) + 6
        if x + width > self.width():
            x -= width + 12
        box = QRectF(x, HANDLE_HEIGHT + 2, width, height)
        painter.fillRect(box, colors["chapter"])
        painter.setPen(_readable_on(colors["chapter"]))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_text(self, painter: QPainter, color: QColor, text: str,
                   backdrop: QColor | None = None) -> None:
        text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle,
                                             self.width() - 16)
        if backdrop is not None:
            metrics = self.fontMetrics()
            width = metrics.horizontalAdvance(text) + 16
            box = QRectF((self.width() - width) / 2, (self.height() - metrics.height()) / 2 - 2,
                         width, metrics.height() + 4)
            fill = QColor(backdrop)
            fill.setAlpha(220)
            painter.fillRect(box, fill)
        painter.setPen(color)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)

    # -- mouse -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        x = event.position().x()
        index = self._chapter_near(x)
        if index is not None:
            self._drag = _Drag(index, round(x), self._project.chapters[index].start)
            return
        rect = self._detail_rect()
        if rect is not None and rect.left() - 1 <= x <= rect.right() + 1:
            # A press inside the window drags it; one that does not move seeks.
            self._drag = _Drag(-1, round(x), self._detail_window[0])
            return
        ms = self._ms_at(x)
        if ms is not None:
            self.seek_requested.emit(ms)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        drag = self._drag
        if drag is None:
            near = self._chapter_near(x) is not None
            self.setCursor(Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.ArrowCursor)
            return
        if not drag.moved and abs(x - drag.press_x) < DRAG_THRESHOLD:
            return
        drag.moved = True
        if drag.index < 0:
            duration, width = self.duration_ms(), self.width()
            if duration and width > 0:
                self.detail_window_dragged.emit(
                    max(round(drag.ms + (x - drag.press_x) * duration / width), 0))
            return
        # The chapter moves as far as the pointer did: grabbing a mark a few pixels
        # to its side, or dragging away and back, must not shift it.
        duration, width = self.duration_ms(), self.width()
        if duration and width > 0:
            start = self._project.chapters[drag.index].start
            moved_ms = round((x - drag.press_x) * duration / width)
            low, high = chapter_drag_bounds(self._project, drag.index, duration)
            drag.ms = min(max(start + moved_ms, low), high)
        self.setToolTip(format_clock(drag.ms))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._drag is None:
            return super().mouseReleaseEvent(event)
        drag, self._drag = self._drag, None
        self.setToolTip(self._status_detail)
        if drag.index < 0:
            if not drag.moved:
                ms = self._ms_at(drag.press_x)
                if ms is not None:
                    self.seek_requested.emit(ms)
            return
        chapter = self._project.chapters[drag.index]
        if not drag.moved:
            self.seek_requested.emit(chapter.start)
        elif drag.ms != chapter.start:
            self._project.history.push(MoveChapter(self._project, drag.index, drag.ms))
        self.update()

    # -- events -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._turn_xs = None        # the bars check their own size
        super().resizeEvent(event)

    def _set_status(self, text: str, detail: str = "") -> None:
        self._status, self._status_detail = text, detail
        self.setToolTip(detail)

    def _stop_worker(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancels.remove(self._cancel)
            self._cancel = None

    def _on_relay_progress(self, generation: int, fraction: float) -> None:
        if generation != self._generation:
            return
        text = f"Reading waveform… {int(fraction * 100)}%"
        if text != self._status:
            self._set_status(text)
            self.update()

    def _on_relay_sketched(self, generation: int, sketch: audio_waveform.Peaks) -> None:
        if generation != self._generation:
            return
        self._sketch = sketch
        self._bars = None
        self._turn_xs = None
        self.update()

    def _on_relay_ready(self, generation: int, levels: audio_waveform.PeakLevels) -> None:
        if generation != self._generation:
            return
        self._stop_worker()
        self._levels = levels
        self._peaks = levels.peaks
        self._sketch = None
        self._bars = None
        self._turn_xs = None
        self._set_status("")
        self.update()
        self.levels_changed.emit(levels)
        release_freed_memory()      # the read's buffers, freed on the worker threads

    def _on_relay_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._stop_worker()
        name = self._path.name if self._path is not None else ""
        if self._path is not None and self._path.name in message:
            self._set_status(f"No waveform: {name} could not be read", message)
        else:                       # not the file's fault (no ffmpeg, say): say what is
            self._set_status(f"No waveform: {message}", message)
        self.update()

    def _on_project_turns_inserted(self, first: int, last: int) -> None:
        self._turns_came_or_went(first - 1, last + 1)

    def _on_project_turns_removed(self, first: int, last: int) -> None:
        self._turns_came_or_went(first - 1, first)

    def _turns_came_or_went(self, before: int, after: int) -> None:
        # A split or a merge in a long episode rarely adds or clears a tick column:
        # then the strip need not repaint at all. The columns are mended around
        # the change; walking every column again cost 2 ms a split at 50,000 turns.
        old, self._turn_xs = self._turn_xs, None
        duration, width = self.duration_ms(), self.width()
        if old is not None and duration and width > 0 and self._tick_scale == (duration, width):
            self._turn_xs = _respliced_columns(old, self._project.turn_starts(), before,
                                               after, duration, width)
        if old is None or self._turn_positions() != old:
            self.update()

    def _on_project_turns_changed(self, first: int, last: int) -> None:
        # Typing changes a turn's text, not its start: nothing here moves then.
        if self._turn_xs is not None and self._project.turn_starts() is self._tick_starts:
            return
        self._turn_xs = None
        self.update()

    def _on_project_chapters_changed(self, *_args) -> None:
        # An undo or an edit elsewhere may move the chapter being dragged.
        self._drag = None
        self.update()

    def _on_project_audio_changed(self) -> None:
        self._turn_xs = None
        self.update()


def chapter_drag_bounds(project: Project, index: int, duration: int) -> tuple[int, int]:
    """Where a dragged chapter mark may go: up to its neighbours, never past them, so
    a drag never reorders the chapters (at the previous one's start it stays after
    it, as the list keeps equal starts in order; the next one's start would not)."""
    chapters = project.chapters
    low = chapters[index - 1].start if index > 0 else 0
    high = chapters[index + 1].start - 1 if index + 1 < len(chapters) else duration
    return low, max(low, min(high, duration))


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``amount`` of ``first`` over ``second``."""
    return QColor.fromRgbF(
        first.redF() * amount + second.redF() * (1 - amount),
        first.greenF() * amount + second.greenF() * (1 - amount),
        first.blueF() * amount + second.blueF() * (1 - amount))


def _readable_on(background: QColor) -> QColor:
    return QColor("black") if background.lightness() > 140 else QColor("white")
