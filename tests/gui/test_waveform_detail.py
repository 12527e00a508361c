"""The waveform detail: zoom around the pointer, scroll, following the playhead by
the transcript's rule, dragging turn boundaries (Ctrl+J's command and order rule,
one undo step, the reason when refused) and chapter marks (stopping at the
neighbours), the time under the pointer, and what it paints in light and dark
palettes. Also the overview strip's outline of the detail's window."""
from __future__ import annotations

import gc
import threading
from array import array

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication

from editor.audio.waveform import FULL_SCALE, PeakLevels, Peaks
from editor.core.commands import MoveChapter, SetChapterField, SetSpeakerField, SetTurnStart
from editor.core.model import Chapter, Project, Speaker, Turn
from editor.gui.transcript.colors import contrast
from editor.gui.waveform import STRIP_HEIGHT, WaveformStrip
from editor.gui.waveform_detail import (DETAIL_HEIGHT, MIN_SPAN_MS, NAME_ROW, TITLE_ROW,
                                        ZOOM_STEP, WaveformDetail, clock_tenths, link_strip)

WIDTH = 500
DURATION = 100_000
WAVE_Y = 70                     # inside the waveform, between the title and name rows


def tone_levels(duration_ms: int = DURATION) -> PeakLevels:
    """Half-scale peaks all along, at 100 buckets a second."""
    count = duration_ms // 10
    return PeakLevels(Peaks(10.0, duration_ms, array("h", [-FULL_SCALE // 2] * count),
                            array("h", [FULL_SCALE // 2] * count)))


def project_with(turns=(), chapters=(), speakers=()) -> Project:
    project = Project()
    project.audio_duration = DURATION
    project.speakers = list(speakers)
    project.turns = list(turns)
    project.chapters = list(chapters)
    return project


def make_detail(qtbot, project: Project | None = None, span: int | None = None,
                first: int = 0) -> WaveformDetail:
    detail = WaveformDetail()
    qtbot.addWidget(detail)
    detail.resize(WIDTH, DETAIL_HEIGHT)
    detail.set_project(project or project_with())
    detail.set_levels(tone_levels())
    detail.show()
    qtbot.waitExposed(detail)
    if span is not None:
        detail.set_following(False)
        detail.set_span(span)
        detail.scroll_to(first)
    return detail


class PaintCounter(QObject):
    """Counts the paint events ``widget`` gets."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def wheel(widget, x: float, notches: float, ctrl: bool = False) -> None:
    position = QPointF(x, WAVE_Y)
    event = QWheelEvent(position, widget.mapToGlobal(position), QPoint(),
                        QPoint(0, round(120 * notches)), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier if ctrl
                        else Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def drag(qtbot, widget, from_x: float, to_x: float, y: int = WAVE_Y) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(from_x), y))
    qtbot.mouseMove(widget, QPoint(round((from_x + to_x) / 2), y))
    qtbot.mouseMove(widget, QPoint(round(to_x), y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(to_x), y))


def recorded_pushes(project: Project, monkeypatch) -> list:
    pushed = []
    push = project.history.push

    def record(command):
        pushed.append(command)
        push(command)

    monkeypatch.setattr(project.history, "push", record)
    return pushed


# -- zoom and scroll ----------------------------------------------------------------------

def test_it_starts_on_the_whole_episode(qtbot):
    detail = make_detail(qtbot)
    assert detail.window() == (0, DURATION)
    assert not detail.can_zoom_out() and detail.can_zoom_in()


@pytest.mark.parametrize("x", [37, 250, 480])
def test_ctrl_wheel_zoom_keeps_the_time_under_the_pointer(qtbot, x):
    detail = make_detail(qtbot, span=40_000, first=30_000)
    under = detail.ms_at(x)
    wheel(detail, x, 1, ctrl=True)
    assert detail.span_ms() == pytest.approx(40_000 / ZOOM_STEP)
    assert abs(detail.ms_at(x) - under) <= 1
    wheel(detail, x, -2, ctrl=True)
    assert detail.span_ms() == pytest.approx(40_000 * ZOOM_STEP)
    assert abs(detail.ms_at(x) - under) <= 1


def test_zoom_stops_at_two_seconds_and_at_the_whole_episode(qtbot):
    detail = make_detail(qtbot)
    with qtbot.waitSignal(detail.window_changed):
        for _ in range(30):
            detail.zoom_in()
    assert detail.span_ms() == MIN_SPAN_MS and not detail.can_zoom_in()
    for _ in range(30):
        detail.zoom_out()
    assert detail.window() == (0, DURATION)


def test_the_wheel_scrolls_and_the_window_stays_inside_the_episode(qtbot):
    detail = make_detail(qtbot, span=10_000, first=50_000)
    wheel(detail, 200, -1)                      # down: later
    assert detail.window() == (51_000, 61_000)
    for _ in range(100):
        wheel(detail, 200, -1)
    assert detail.window() == (DURATION - 10_000, DURATION)
    for _ in range(200):
        wheel(detail, 200, 1)
    assert detail.window() == (0, 10_000)


def test_scrolling_makes_no_objects_for_the_cyclic_collector(qtbot):
    # Each scroll step used to make a line object for every pixel column and
    # every boundary in view; some of them lived on into the collector's oldest
    # generation, till it ran a full collection, over the whole project, mid-paint.
    speakers = [Speaker("ann", "Ann", "#2563eb"), Speaker("bo", "Bo", "#dc2626")]
    project = project_with(
        turns=[Turn(i * 250, ("ann", "bo")[i % 3 % 2], "Words.") for i in range(400)],
        chapters=[Chapter(i * 5_000, f"Chapter {i + 1}") for i in range(20)],
        speakers=speakers)
    detail = make_detail(qtbot, project, span=40_000, first=10_000)   # 160 boundaries
    detail.resize(1280, DETAIL_HEIGHT)      # a column for each pixel of a wide window
    qtbot.waitUntil(lambda: detail.windowHandle().isExposed()
                    and detail.windowHandle().width() == 1280)
    paints = PaintCounter(detail)
    detail.repaint()
    assert paints.count == 1
    collections = []

    def count(phase, info):
        # Only this thread's: a worker of another test still winding down allocates too.
        if phase == "start" and threading.get_ident() == main:
            collections.append(info["generation"])

    main = threading.get_ident()
    threshold = gc.get_threshold()
    gc.collect()
    gc.set_threshold(700, 10, 10)           # CPython's default
    gc.callbacks.append(count)
    try:
        for step in range(20):
            detail.scroll_by(0.1 if step < 10 else -0.1)
            detail.repaint()
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
    assert detail.window() == (10_000, 50_000) and paints.count == 21
    assert collections == []


def test_dragging_the_waveform_scrolls_it_and_a_click_seeks(qtbot):
    detail = make_detail(qtbot, span=10_000, first=50_000)      # 20 ms a pixel
    drag(qtbot, detail, 300, 200)
    assert detail.window() == (52_000, 62_000)                  # 100 px to the left
    with qtbot.waitSignal(detail.seek_requested) as blocker:
        qtbot.mouseClick(detail, Qt.MouseButton.LeftButton, pos=QPoint(100, WAVE_Y))
    assert blocker.args == [54_000]


# -- following the playhead -----------------------------------------------------------------

def play(detail: WaveformDetail, until: int, step: int = 250) -> None:
    for ms in range(detail.playhead(), until + 1, step):
        detail.set_playhead(ms)


def test_following_moves_the_window_past_two_thirds_to_a_third(qtbot):
    detail = make_detail(qtbot)
    detail.set_span(9_000)
    assert detail.is_following()
    assert detail.window() == (0, 9_000)
    play(detail, 6_000)
    assert detail.window() == (0, 9_000)        # not yet two thirds
    play(detail, 6_250)
    assert detail.window() == (3_250, 12_250)   # the playhead brought to a third


def test_following_stops_when_the_user_scrolls_and_resumes_with_the_button(qtbot):
    detail = make_detail(qtbot)
    detail.set_span(9_000)
    play(detail, 20_000)
    with qtbot.waitSignal(detail.follow_changed) as blocker:
        wheel(detail, 100, 3)                   # back, away from the playhead
    assert blocker.args == [False] and not detail.is_following()
    scrolled = detail.window()
    play(detail, 40_000)
    assert detail.window() == scrolled          # playing on leaves the view alone
    with qtbot.waitSignal(detail.follow_changed) as blocker:
        detail.set_following(True)
    assert blocker.args == [True]
    assert detail.window() == (37_000, 46_000)  # the playhead a third of the way in


def test_dragging_the_overview_window_moves_the_detail_and_stops_following(qtbot):
    project = project_with()
    detail = make_detail(qtbot, project)
    detail.set_span(10_000)
    strip = WaveformStrip()
    qtbot.addWidget(strip)
    strip.resize(WIDTH, STRIP_HEIGHT)
    strip.set_project(project)
    strip.show()
    qtbot.waitExposed(strip)
    link_strip(strip, detail)
    detail.scroll_to(20_000)
    detail.set_playhead(25_000)
    detail.set_following(True)                  # the playhead is in view: it stays
    assert detail.is_following()
    # The window 20..30 s is x 100..150 of the strip (200 ms a pixel).
    drag(qtbot, strip, 120, 220, y=30)
    assert detail.window() == (40_000, 50_000)
    outlined = strip.grab().toImage()
    assert not detail.is_following()
    with qtbot.waitSignal(strip.seek_requested) as blocker:     # a click there still seeks
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(225, 30))
    assert blocker.args == [45_000]
    detail.hide()                               # no detail shown: no outline either
    assert strip.grab().toImage() != outlined


# -- turn boundaries -------------------------------------------------------------------------

SPEAKERS = [Speaker("ann", "Ann", "#1d4ed8"), Speaker("bo", "Bo", "#f59e0b")]


def three_turns(second_estimated: bool = True) -> Project:
    return project_with(turns=[Turn(0, "ann", "Hello."), Turn(10_000, "bo", "Hi.",
                                                                estimated=second_estimated),
                               Turn(20_000, "ann", "Well.", estimated=True)],
                        speakers=SPEAKERS)


def test_dragging_a_turn_boundary_sets_and_confirms_its_start_in_one_undo_step(
        qtbot, monkeypatch):
    project = three_turns()
    detail = make_detail(qtbot, project, span=10_000, first=5_000)     # 20 ms a pixel
    pushed = recorded_pushes(project, monkeypatch)
    x = detail.x_of(10_000)
    assert x == 250
    drag(qtbot, detail, x + 2, x + 2 + 115)     # grabbed beside the line: moves as far
    assert len(pushed) == 1 and isinstance(pushed[0], SetTurnStart)
    assert (project.turns[1].start, project.turns[1].estimated) == (12_300, False)
    assert project.history.undo()
    assert (project.turns[1].start, project.turns[1].estimated) == (10_000, True)


def test_a_turn_dragged_before_its_confirmed_predecessor_is_refused_with_the_reason(
        qtbot, monkeypatch):
    project = three_turns(second_estimated=False)
    detail = make_detail(qtbot, project, span=20_000, first=5_000)     # 40 ms a pixel
    pushed = recorded_pushes(project, monkeypatch)
    with pytest.raises(ValueError) as expected:
        SetTurnStart(project, 2, 8_000)
    x = detail.x_of(20_000)
    with qtbot.waitSignal(detail.problem) as blocker:
        drag(qtbot, detail, x, detail.x_of(8_000))
    assert blocker.args == [str(expected.value)]
    assert "cannot start at 00:08" in blocker.args[0]
    assert pushed == []
    assert [t.start for t in project.turns] == [0, 10_000, 20_000]


def test_a_turn_boundary_under_a_drag_shows_where_it_would_go(qtbot):
    project = three_turns()
    detail = make_detail(qtbot, project, span=10_000, first=5_000)
    qtbot.mousePress(detail, Qt.MouseButton.LeftButton, pos=QPoint(250, WAVE_Y))
    qtbot.mouseMove(detail, QPoint(300, WAVE_Y))
    image = detail.grab().toImage()
    qtbot.mouseRelease(detail, Qt.MouseButton.LeftButton, pos=QPoint(300, WAVE_Y))
    base = detail.palette().color(QPalette.ColorRole.Base)
    line = image.pixelColor(300, WAVE_Y + 30)
    assert contrast(line, base) > 2
    assert project.turns[1].start == 11_000


def test_crowded_turn_boundaries_are_not_grabbed_a_press_scrolls(qtbot, monkeypatch):
    turns = [Turn(k * 300, "ann", "Yes.", estimated=k % 2 == 1) for k in range(300)]
    project = project_with(turns=turns, speakers=SPEAKERS)
    detail = make_detail(qtbot, project, span=60_000, first=0)     # 120 ms a pixel
    pushed = recorded_pushes(project, monkeypatch)
    drag(qtbot, detail, 250, 200)
    assert pushed == [] and detail.window() == (6_000, 66_000)


def test_a_double_click_on_a_turn_boundary_selects_that_turn(qtbot):
    project = three_turns()
    detail = make_detail(qtbot, project, span=30_000, first=0)
    with qtbot.waitSignal(detail.turn_activated) as blocker:
        qtbot.mouseDClick(detail, Qt.MouseButton.LeftButton,
                          pos=QPoint(round(detail.x_of(20_000)) + 1, WAVE_Y))
    assert blocker.args == [2]


# -- chapter marks ---------------------------------------------------------------------------

def test_dragging_a_chapter_mark_moves_it_in_one_step_and_stops_at_its_neighbour(
        qtbot, monkeypatch):
    project = project_with(chapters=[Chapter(0, "Intro"), Chapter(10_000, "News"),
                                     Chapter(14_000, "Mail")])
    detail = make_detail(qtbot, project, span=10_000, first=5_000)     # 20 ms a pixel
    pushed = recorded_pushes(project, monkeypatch)
    drag(qtbot, detail, 250, 280, y=TITLE_ROW // 2)
    assert len(pushed) == 1 and isinstance(pushed[0], MoveChapter)
    assert project.chapters[1].start == 10_600
    drag(qtbot, detail, detail.x_of(10_600), 490, y=TITLE_ROW // 2)    # past Mail
    assert [(c.title, c.start) for c in project.chapters] == [
        ("Intro", 0), ("News", 13_999), ("Mail", 14_000)]
    project.history.undo()
    project.history.undo()
    assert project.chapters[1].start == 10_000


# -- what it shows ---------------------------------------------------------------------------

def test_hovering_shows_the_time_under_the_pointer(qtbot):
    detail = make_detail(qtbot, span=10_000, first=60_000)
    before = detail.grab().toImage()
    qtbot.mouseMove(detail, QPoint(125, WAVE_Y))
    assert detail.pointer_time() == clock_tenths(62_500) == "01:02.5"
    after = detail.grab().toImage()
    changed = [x for x in range(WIDTH) if any(
        before.pixelColor(x, y) != after.pixelColor(x, y) for y in range(TITLE_ROW, 50))]
    assert changed and min(changed) >= 124      # the line and the label beside it


def palette(dark: bool) -> QPalette:
    colors = QPalette()
    if dark:
        for role, value in ((QPalette.ColorRole.Base, "#16181c"),
                            (QPalette.ColorRole.Text, "#e6e6e6"),
                            (QPalette.ColorRole.Window, "#1f2227"),
                            (QPalette.ColorRole.Highlight, "#3b82f6")):
            colors.setColor(role, QColor(value))
    else:
        for role, value in ((QPalette.ColorRole.Base, "#ffffff"),
                            (QPalette.ColorRole.Text, "#111111"),
                            (QPalette.ColorRole.Window, "#efefef"),
                            (QPalette.ColorRole.Highlight, "#3b82f6")):
            colors.setColor(role, QColor(value))
    return colors


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("span", [DURATION, 30_000, MIN_SPAN_MS])
def test_marks_names_and_waveform_are_readable_in_both_palettes(qtbot, dark, span):
    # A dark blue speaker on a dark palette and a light yellow one on a light one
    # would vanish as given: they are adjusted for contrast.
    project = project_with(
        turns=[Turn(0, "ann", "Hello."), Turn(41_000, "bo", "Hi.")],
        chapters=[Chapter(0, "Intro"), Chapter(40_500, "The long middle part")],
        speakers=[Speaker("ann", "Ann", "#0a0a40"), Speaker("bo", "Bo", "#fff7a0")])
    detail = make_detail(qtbot, project)
    detail.setPalette(palette(dark))
    detail.set_following(False)
    detail.set_playhead(40_900)
    detail.set_span(span)
    image = detail.grab().toImage()
    base = detail.palette().color(QPalette.ColorRole.Base)
    turn_x = round(detail.x_of(41_000))
    assert 0 <= turn_x < WIDTH
    boundary = image.pixelColor(turn_x, WAVE_Y - 25)
    assert contrast(boundary, base) >= 3
    wave = image.pixelColor(5, DETAIL_HEIGHT // 2 - 2 + (TITLE_ROW - NAME_ROW) // 2)
    assert contrast(wave, base) >= 2
    if span < DURATION:     # room enough for the names and titles
        name_row = [image.pixelColor(x, DETAIL_HEIGHT - NAME_ROW // 2)
                    for x in range(turn_x + 5, min(turn_x + 40, WIDTH))]
        assert max(contrast(c, base) for c in name_row) >= 3
        title_row = [image.pixelColor(x, TITLE_ROW // 2)
                     for x in range(round(detail.x_of(40_500)) + 1, WIDTH)]
        assert len({c.rgb() for c in title_row}) > 2        # a title drawn in its box


# -- what it repaints --------------------------------------------------------------------------

def crowded_project(count: int = 5_000) -> Project:
    """``count`` turns of two speakers over the episode, crowding each pixel column at
    the widest zoom, and chapters whose titles run across many columns."""
    step = DURATION // count
    return project_with(
        turns=[Turn(i * step + (i % 7) * 3, SPEAKERS[i % 2].id, f"turn {i}")
               for i in range(count)],
        chapters=[Chapter(i * 9_000, f"Chapter {i}", toc=i % 2 == 0) for i in range(11)],
        speakers=SPEAKERS)


def test_typing_repaints_nothing_but_a_new_speaker_or_start_does(qtbot, monkeypatch):
    """Every keystroke changes a turn's text, which the detail does not draw."""
    from editor.core.commands import DeleteTurn, SetTurnSpeaker, SetTurnText, SplitTurn
    project = three_turns()
    detail = make_detail(qtbot, project)
    detail.grab()
    repaints = []
    monkeypatch.setattr(detail, "update", lambda *args: repaints.append(args))
    project.history.push(SetTurnText(project, 1, "Hi there."))
    project.history.undo()
    assert repaints == []
    project.history.push(SetTurnSpeaker(project, 1, "ann"))
    assert len(repaints) == 1
    detail.grab()
    project.history.push(SetTurnStart(project, 2, 25_000))
    assert len(repaints) == 2
    detail.grab()
    project.history.push(SplitTurn(project, 0, 3))      # the new turn's speaker is known
    assert len(repaints) == 3
    project.history.push(SetTurnText(project, 1, "lo!"))
    assert len(repaints) == 3
    project.history.push(SetTurnSpeaker(project, 1, "bo"))
    assert len(repaints) == 4
    project.history.undo()
    project.history.undo()
    project.history.undo()                              # the split: a turn goes
    assert len(repaints) == 6
    project.history.push(SetTurnText(project, 2, "Still."))
    project.history.push(SetTurnSpeaker(project, 2, "bo"))
    assert len(repaints) == 7
    project.history.push(DeleteTurn(project, 0))        # Ann's, Bo's left
    project.history.push(SetTurnSpeaker(project, 1, "ann"))
    assert len(repaints) == 9


def rendered(detail: WaveformDetail, region=None):
    """The detail painted into an image, wholly or only ``region`` (as a partial
    repaint, which sees only that rectangle)."""
    from PySide6.QtCore import QPoint as Point
    from PySide6.QtGui import QImage, QRegion
    image = QImage(detail.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    if region is None:
        detail.render(image)
    else:
        detail.render(image, Point(region.x(), region.y()), QRegion(region))
    return image


@pytest.mark.parametrize("span", [DURATION, 30_000, MIN_SPAN_MS])
def test_a_repaint_of_a_few_columns_draws_what_a_whole_paint_draws_there(qtbot, span):
    """A follow tick repaints the playhead's columns only; what it draws there must
    match the whole view: the crowded boundaries, names and titles running across."""
    from PySide6.QtCore import QRect
    detail = make_detail(qtbot, crowded_project())
    detail.set_following(False)
    detail.set_playhead(40_333)
    detail.set_span(span)
    whole = rendered(detail)
    for x in (0, 3, 61, 177, 250, 251, 333, 494):
        area = QRect(x, 0, 6, DETAIL_HEIGHT).intersected(detail.rect())
        part = rendered(detail, area)
        differing = [(px, y) for px in range(area.left(), area.right() + 1)
                     for y in range(DETAIL_HEIGHT) if part.pixel(px, y) != whole.pixel(px, y)]
        assert differing == [], (x, differing[:5])


def test_a_repaint_beside_a_crowded_column_draws_no_name_the_whole_paint_lacks(qtbot):
    """Three turns share column 50, then nothing until column 100: a whole paint draws
    the column's first turn and no name (it has no room); a repaint starting just
    right of it must not take the column's last turn and give it a name."""
    from PySide6.QtCore import QRect
    project = project_with(turns=[Turn(10_010, "ann", "a"), Turn(10_080, "bo", "b"),
                                  Turn(10_150, "ann", "c"), Turn(20_000, "bo", "d")],
                           speakers=SPEAKERS)
    detail = make_detail(qtbot, project)
    assert int(detail.x_of(10_010)) == int(detail.x_of(10_150)) == 50
    whole = rendered(detail)
    for x in range(44, 64):
        area = QRect(x, 0, 6, DETAIL_HEIGHT)
        part = rendered(detail, area)
        assert all(part.pixel(px, y) == whole.pixel(px, y)
                   for px in range(x, x + 6) for y in range(DETAIL_HEIGHT)), x


def test_a_playhead_tick_draws_only_the_marks_near_it(qtbot, monkeypatch):
    """At the widest zoom every turn is in view: a tick's repaint of a few columns
    must not walk all of them."""
    detail = make_detail(qtbot, crowded_project())
    detail.set_playhead(49_700)
    QApplication.processEvents()
    project = detail._project
    project._turn_starts = CountingList(project.turn_starts())
    CountingList.reads = 0
    painted = []
    monkeypatch.setattr(detail, "paintEvent", lambda event: painted.append(event.rect())
                        or WaveformDetail.paintEvent(detail, event))
    detail.set_playhead(50_000)
    QApplication.processEvents()
    assert painted and all(rect.width() < 10 for rect in painted)
    tick = CountingList.reads       # the few columns' turns, not the 5,000 in view
    assert 0 < tick < len(project.turns) / 10
    CountingList.reads = 0
    detail.update()
    QApplication.processEvents()
    assert CountingList.reads >= max(WIDTH / 2, 10 * tick)   # a whole paint: every column


def sparse_project() -> Project:
    """Forty turns with room for their names at the widest zoom."""
    return project_with(turns=[Turn(i * 2_500, SPEAKERS[i % 2].id, f"turn number {i}")
                               for i in range(40)],
                        chapters=[Chapter(0, "Opening"), Chapter(50_000, "Middle")],
                        speakers=SPEAKERS)


def turn_edits(project: Project):
    """(name, command maker) of each edit that inserts or removes turns."""
    from editor.core.commands import DeleteTurn, InsertTurn, MergeWithPrevious, SplitTurn
    middle, last = len(project.turns) // 2, len(project.turns) - 1
    return [
        ("split", lambda: SplitTurn(project, middle, 4)),
        ("split the last", lambda: SplitTurn(project, last, 4)),
        ("merge", lambda: MergeWithPrevious(project, middle)),
        ("delete the first", lambda: DeleteTurn(project, 0)),
        ("delete the last", lambda: DeleteTurn(project, last)),
        ("insert first", lambda: InsertTurn(project, 0, Turn(0, "bo", "Before."))),
        ("insert last", lambda: InsertTurn(project, last + 1,
                                           Turn(DURATION - 700, "bo", "After."))),
    ]


@pytest.mark.parametrize("make_project", [sparse_project, crowded_project])
@pytest.mark.parametrize("span, first", [(DURATION, 0), (30_000, 35_000), (MIN_SPAN_MS, 50_000)])
def test_turns_inserted_or_removed_repaint_all_that_changed_and_little_else(
        qtbot, monkeypatch, make_project, span, first):
    """A split, a merge, an insert or a delete (and each undo) repaints only the
    columns around the turns it adds or takes away, and every pixel a whole paint
    would change lies in what it repaints."""
    from PySide6.QtGui import QRegion
    project = make_project()
    detail = make_detail(qtbot, project, span=span, first=first)
    repainted = []
    update = detail.update
    monkeypatch.setattr(detail, "update", lambda *args: repainted.append(args) or update(*args))
    for name, make in turn_edits(project):
        for step in ("do", "undo"):
            before = rendered(detail)
            repainted.clear()
            if step == "do":
                project.history.push(make())
            else:
                project.history.undo()
            after = rendered(detail)
            assert repainted and all(args for args in repainted), (name, step)
            region = QRegion()
            for (rect,) in repainted:
                region = region.united(rect)
            changed = [(x, y) for x in range(WIDTH) for y in range(0, DETAIL_HEIGHT, 3)
                       if before.pixel(x, y) != after.pixel(x, y)
                       and not region.contains(QPoint(x, y))]
            assert changed == [], (name, step, changed[:5])
            if name == "split" and span == DURATION and make_project is sparse_project:
                assert region.boundingRect().width() < WIDTH / 4, (name, step)


class CountingList(list):
    """A list that counts the items read from it."""

    reads = 0

    def __getitem__(self, index):
        CountingList.reads += 1
        return super().__getitem__(index)


def test_a_whole_paint_of_crowded_turns_reads_a_few_starts_a_column(qtbot):
    """50,000 turns at the widest zoom draw one boundary a column: the paint jumps
    from column to column instead of reading every turn's start."""
    detail = make_detail(qtbot, crowded_project(50_000))
    detail.grab()
    project = detail._project
    project._turn_starts = CountingList(project.turn_starts())
    CountingList.reads = 0
    whole = detail.grab().toImage()
    assert 0 < CountingList.reads < 20 * WIDTH
    base = detail.palette().color(QPalette.ColorRole.Base)
    boundary_columns = [x for x in range(WIDTH) if whole.pixelColor(x, WAVE_Y - 40) != base]
    assert len(boundary_columns) > WIDTH * 0.9


def labelled_detail(qtbot, change=None) -> tuple[WaveformDetail, Project]:
    """Three chapters and three turns in view, a title and a name too long for
    their room; ``change(detail, project)`` made before it is first shown."""
    project = project_with(
        turns=[Turn(7_000, "ann", "Hello."), Turn(12_500, "bo", "Hi."),
               Turn(15_000, "ann", "So.")],
        chapters=[Chapter(0, "Intro"), Chapter(11_000, "A title far too long for its room"),
                  Chapter(14_000, "After")],
        speakers=[Speaker("ann", "Ann", "#2563eb"),
                  Speaker("bo", "Bo Lindqvist-Okafor", "#dc2626")])
    detail = WaveformDetail()
    qtbot.addWidget(detail)
    detail.resize(WIDTH, DETAIL_HEIGHT)
    if change is not None:
        change(detail, project)
    detail.set_project(project)
    detail.set_levels(tone_levels())
    detail.set_following(False)
    detail.set_span(20_000)
    detail.scroll_to(5_000)
    detail.show()
    qtbot.waitExposed(detail)
    return detail, project


def rename(detail: WaveformDetail, project: Project) -> None:
    project.history.push(SetChapterField(project, 1, "title", "Renamed"))
    project.history.push(SetSpeakerField(project, "bo", "name", "Bea"))


def new_font(detail: WaveformDetail, project: Project) -> None:
    font = QFont(detail.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    detail.setFont(font)


def dark_palette(detail: WaveformDetail, project: Project) -> None:
    detail.setPalette(palette(True))


@pytest.mark.parametrize("change", [rename, new_font, dark_palette],
                         ids=["renamed", "font", "palette"])
def test_titles_and_names_follow_renames_the_font_and_the_palette(qtbot, change):
    # Their layouts are kept from paint to paint: after a change the detail
    # must draw what one made after the change draws.
    detail, project = labelled_detail(qtbot)
    before = detail.grab().toImage()
    change(detail, project)
    after = detail.grab().toImage()
    fresh, _ = labelled_detail(qtbot, change)
    assert after != before
    assert after == fresh.grab().toImage()
