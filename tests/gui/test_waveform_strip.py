"""The waveform strip: peaks computed in the background (real ffmpeg audio, and a
controlled stand-in for progress and cancelling), what it paints (louder bars
where the audio is loud, chapter marks, dimmer hidden chapters, turn ticks, the
playhead), click to seek, dragging a chapter mark (one undoable MoveChapter),
and following a new project or no audio."""
from __future__ import annotations

import subprocess
import threading
from array import array
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from editor.audio import waveform as audio_waveform
from editor.core.commands import MoveChapter
from editor.core.model import Chapter, Project, Turn
from editor.core.projectfile import load_project
from editor.core.timecode import format_clock
from editor.gui.waveform import STRIP_HEIGHT, WaveformStrip

WIDTH = 500
DURATION = 100_000          # ms: 200 ms to a pixel at WIDTH
MS_PER_PIXEL = DURATION / WIDTH
MIDDLE_Y = 30               # inside the waveform band, below the chapter handles
HANDLE_ROWS = 10            # the chapter handles' rows at the top


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(audio_waveform.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def silence_then_tone(ffmpeg, tmp_path: Path) -> Path:
    """Five seconds: two of silence, then three of a loud 440 Hz tone."""
    path = tmp_path / "silence-then-tone.wav"
    subprocess.run(
        [ffmpeg, "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono:d=2",
         "-f", "lavfi", "-i", "sine=f=440:r=8000:d=3",
         "-filter_complex", "[0:a][1:a]concat=n=2:v=0:a=1", str(path)],
        check=True, capture_output=True)
    return path


def make_strip(qtbot, project: Project | None = None) -> WaveformStrip:
    strip = WaveformStrip()
    qtbot.addWidget(strip)
    strip.resize(WIDTH, STRIP_HEIGHT)
    if project is not None:
        strip.set_project(project)
    # Shown: grab() of a hidden widget resends its resize event, which would hide
    # a cache that fails to follow a change.
    strip.show()
    qtbot.waitExposed(strip)
    return strip


def project_with(chapters=(), turns=(), duration: int | None = DURATION) -> Project:
    project = Project()
    project.audio_duration = duration
    project.chapters = list(chapters)
    project.turns = list(turns)
    return project


def base_color(strip: WaveformStrip) -> QColor:
    return strip.palette().color(QPalette.ColorRole.Base)


def marked_rows(image: QImage, x: int, background: QColor, rows: range) -> int:
    """How many pixels of column ``x`` (within ``rows``) differ from the background."""
    return sum(image.pixelColor(x, y) != background for y in rows)


def distance(first: QColor, second: QColor) -> int:
    return (abs(first.red() - second.red()) + abs(first.green() - second.green()) +
            abs(first.blue() - second.blue()))


def fake_peaks(duration_ms: int = 1000) -> audio_waveform.Peaks:
    count = duration_ms // 10
    return audio_waveform.Peaks(10.0, duration_ms, array("h", [0] * count),
                                array("h", [0] * count))


# -- computing the peaks ------------------------------------------------------------

def test_peaks_load_in_the_background_and_the_tone_draws_taller_bars(
        qtbot, silence_then_tone):
    strip = make_strip(qtbot)
    strip.load(silence_then_tone)
    assert strip.peaks is None
    assert strip.status_text == "Reading waveform… 0%"
    qtbot.waitUntil(lambda: strip.peaks is not None, timeout=5000)
    assert strip.status_text == ""
    assert strip.duration_ms() == pytest.approx(5000, abs=50)

    image = strip.grab().toImage()
    background, rows = base_color(strip), range(0, STRIP_HEIGHT - 1)
    silent = [marked_rows(image, x, background, rows) for x in range(10, 180)]  # 0.1-1.8 s
    tone = [marked_rows(image, x, background, rows) for x in range(220, 490)]   # 2.2-4.9 s
    assert max(silent) <= 2                     # a flat line where it is silent
    assert min(tone) > 20                       # tall bars where the tone is
    assert sum(tone) / len(tone) > 10 * sum(silent) / len(silent)


def test_progress_shows_while_the_worker_runs_off_the_gui_thread(qtbot, monkeypatch, tmp_path):
    release, seen = threading.Event(), {}
    peaks = fake_peaks()

    def slow_peaks(path, *, progress=None, cancel=None, **_options):
        seen["thread"] = threading.current_thread()
        progress(0.25)
        assert release.wait(5)
        progress(1.0)
        return peaks

    monkeypatch.setattr(audio_waveform, "waveform_peaks", slow_peaks)
    strip = make_strip(qtbot)
    strip.load(tmp_path / "episode.mp3")
    qtbot.waitUntil(lambda: strip.status_text == "Reading waveform… 25%", timeout=3000)
    assert seen["thread"] is not threading.main_thread()
    assert strip.peaks is None
    release.set()
    qtbot.waitUntil(lambda: strip.peaks is peaks, timeout=3000)
    assert strip.status_text == ""


def test_the_sketch_read_so_far_is_drawn_before_the_peaks_are_done(qtbot, monkeypatch,
                                                                  tmp_path):
    """The overview appears while reading: each range's part as far as it is read."""
    release = threading.Event()
    loud = audio_waveform.FULL_SCALE // 2
    # The first fifth of each half read: 0-10 s and 50-60 s of 100 s.
    read_so_far = audio_waveform.Peaks(1000.0, DURATION, array("h", [0] * 100),
                                       array("h", ([loud] * 10 + [0] * 40) * 2))
    final = audio_waveform.Peaks(1000.0, DURATION, array("h", [0] * 100),
                                 array("h", [loud] * 100))

    def sketching_peaks(path, *, progress=None, cancel=None, sketch=None, **_options):
        sketch(read_so_far)
        progress(0.2)
        assert release.wait(5)
        return final

    monkeypatch.setattr(audio_waveform, "waveform_peaks", sketching_peaks)
    strip = make_strip(qtbot)
    strip.load(tmp_path / "episode.mp3")
    qtbot.waitUntil(lambda: strip.sketch is not None, timeout=3000)
    qtbot.waitUntil(lambda: strip.status_text == "Reading waveform… 20%", timeout=3000)
    assert strip.peaks is None and strip.duration_ms() == DURATION
    image = strip.grab().toImage()
    background, rows = base_color(strip), range(HANDLE_ROWS, MIDDLE_Y - 8)
    read = [marked_rows(image, x, background, rows) for x in (10, 40, 260, 290)]
    unread = [marked_rows(image, x, background, rows) for x in (100, 200, 350, 450)]
    assert min(read) > 5 and max(unread) == 0
    release.set()
    qtbot.waitUntil(lambda: strip.peaks is final, timeout=3000)
    assert strip.sketch is None


def test_a_new_load_cancels_the_previous_one_and_ignores_its_late_result(
        qtbot, monkeypatch, tmp_path):
    first_cancel, stale, fresh = {}, fake_peaks(1000), fake_peaks(2000)
    fresh_shown, stale_sent = threading.Event(), threading.Event()

    def peaks_for(path, *, progress=None, cancel=None, **_options):
        if path.name == "first.mp3":
            first_cancel["event"] = cancel
            assert cancel.wait(5)
            # A worker that finishes despite the cancel, after the newer one.
            assert fresh_shown.wait(5)
            stale_sent.set()
            return stale
        return fresh

    monkeypatch.setattr(audio_waveform, "waveform_peaks", peaks_for)
    strip = make_strip(qtbot)
    strip.load(tmp_path / "first.mp3")
    qtbot.waitUntil(lambda: "event" in first_cancel, timeout=3000)
    strip.load(tmp_path / "second.mp3")
    assert first_cancel["event"].is_set()
    qtbot.waitUntil(lambda: strip.peaks is fresh, timeout=3000)
    fresh_shown.set()
    assert stale_sent.wait(5)
    qtbot.wait(200)                 # time for the stale result to arrive
    assert strip.peaks is fresh
    assert strip.duration_ms() == 2000


@pytest.mark.parametrize("content", [b"this is not audio at all\n" * 50, None])
def test_a_file_that_cannot_be_read_shows_a_message(qtbot, ffmpeg, tmp_path, content):
    path = tmp_path / "broken.mp3"
    if content is not None:
        path.write_bytes(content)
    strip = make_strip(qtbot, project_with(duration=None))
    strip.load(path)
    qtbot.waitUntil(lambda: strip.status_text.startswith("No waveform"), timeout=5000)
    assert "broken.mp3" in strip.status_text
    assert str(path) in strip.toolTip()         # the full reason, naming the file
    assert strip.peaks is None
    image = strip.grab().toImage()              # paints the message, no crash
    assert any(image.pixelColor(x, STRIP_HEIGHT // 2) != base_color(strip)
               for x in range(WIDTH))


def test_the_sample_episode_loads_with_the_length_of_its_audio(qtbot, ffmpeg, sample_dir):
    project = load_project(sample_dir / "sample-episode" / "episode.showscribe.yaml")
    strip = make_strip(qtbot, project)
    strip.load(project.audio_path)
    qtbot.waitUntil(lambda: strip.peaks is not None, timeout=10000)
    assert strip.duration_ms() == pytest.approx(project.audio_duration, abs=100)


def test_load_none_clears_the_waveform(qtbot, silence_then_tone):
    strip = make_strip(qtbot)
    strip.load(silence_then_tone)
    qtbot.waitUntil(lambda: strip.peaks is not None, timeout=5000)
    strip.load(None)
    assert strip.peaks is None
    assert strip.status_text == ""
    assert strip.duration_ms() is None          # no project duration either: the hint
    with qtbot.assertNotEmitted(strip.seek_requested):
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(100, MIDDLE_Y))


# -- seeking and the playhead ----------------------------------------------------------

@pytest.mark.parametrize("x", [0, 123, 250, WIDTH - 1])
def test_a_click_requests_a_seek_to_that_time(qtbot, x):
    strip = make_strip(qtbot, project_with(chapters=[Chapter(90_000, "Far away")]))
    with qtbot.waitSignal(strip.seek_requested, timeout=1000) as blocker:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, MIDDLE_Y))
    assert abs(blocker.args[0] - x * MS_PER_PIXEL) <= MS_PER_PIXEL


def test_setting_the_playhead_repaints_only_the_old_and_new_columns(qtbot, monkeypatch):
    strip = make_strip(qtbot, project_with())
    strip.set_playhead(10_000)                  # x = 50
    repainted = []
    monkeypatch.setattr(strip, "update", lambda *args: repainted.append(args))
    strip.set_playhead(60_000)                  # x = 300
    rects = [args[0] for args in repainted]
    assert len(rects) == 2
    assert all(rect.width() <= 6 and rect.height() == STRIP_HEIGHT for rect in rects)
    assert rects[0].contains(50, 0) and rects[1].contains(300, 0)
    repainted.clear()
    strip.set_playhead(60_050)                  # the same pixel column: nothing to repaint
    assert repainted == []


def test_the_playhead_is_drawn_where_it_is(qtbot):
    strip = make_strip(qtbot, project_with())
    strip.set_playhead(60_000)
    image = strip.grab().toImage()
    background = base_color(strip)
    assert image.pixelColor(300, 5) != background
    assert image.pixelColor(200, 5) == background


# -- chapter marks -----------------------------------------------------------------------

def drag(qtbot, strip: WaveformStrip, from_x: int, to_x: int) -> None:
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(from_x, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint((from_x + to_x) // 2, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(to_x, MIDDLE_Y))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(to_x, MIDDLE_Y))


def recorded_pushes(project: Project, monkeypatch) -> list:
    pushed = []
    push = project.history.push

    def record(command):
        pushed.append(command)
        push(command)

    monkeypatch.setattr(project.history, "push", record)
    return pushed


def test_dragging_a_chapter_mark_pushes_one_move_that_undoes(qtbot, monkeypatch):
    project = project_with(chapters=[Chapter(0, "Intro"), Chapter(50_000, "Middle")])
    strip = make_strip(qtbot, project)
    pushed = recorded_pushes(project, monkeypatch)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(252, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(300, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(350, MIDDLE_Y))
    assert pushed == []                         # nothing happens until the drop
    assert project.chapters[1].start == 50_000
    moved = 50_000 + round((350 - 252) * MS_PER_PIXEL)   # as far as the pointer went
    assert strip.toolTip() == format_clock(moved)
    with qtbot.assertNotEmitted(strip.seek_requested):
        qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(350, MIDDLE_Y))

    assert len(pushed) == 1 and isinstance(pushed[0], MoveChapter)
    assert project.chapters[1].start == moved
    assert project.chapters[1].title == "Middle"
    assert project.history.undo()
    assert [c.start for c in project.chapters] == [0, 50_000]


def test_a_chapter_dropped_past_the_end_lands_at_the_end(qtbot, monkeypatch):
    project = project_with(chapters=[Chapter(0, "Intro"), Chapter(50_000, "Middle")])
    strip = make_strip(qtbot, project)
    pushed = recorded_pushes(project, monkeypatch)
    drag(qtbot, strip, 250, WIDTH + 80)
    assert len(pushed) == 1
    assert project.chapters[1].start == DURATION


def test_a_chapter_dragged_past_its_neighbour_stops_at_it(qtbot):
    """Dragging never reorders chapters behind the user's back: the mark stops at
    the neighbour, on either side, while dragging and when dropped."""
    project = project_with(chapters=[Chapter(20_000, "A"), Chapter(50_000, "B"),
                                     Chapter(70_000, "C")])
    strip = make_strip(qtbot, project)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(250, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(150, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(20, MIDDLE_Y))        # B to 4 s, past A at 20 s
    assert strip.toolTip() == format_clock(20_000)      # the label stops at A too
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(20, MIDDLE_Y))
    assert [(c.title, c.start) for c in project.chapters] == [
        ("A", 20_000), ("B", 20_000), ("C", 70_000)]
    project.history.undo()
    drag(qtbot, strip, 250, 480)                        # B to 96 s, past C at 70 s
    assert [c.title for c in project.chapters] == ["A", "B", "C"]
    assert project.chapters[1].start == 69_999
    project.history.undo()
    assert [(c.title, c.start) for c in project.chapters] == [
        ("A", 20_000), ("B", 50_000), ("C", 70_000)]


def test_a_press_and_release_on_a_mark_without_moving_pushes_nothing(qtbot, monkeypatch):
    project = project_with(chapters=[Chapter(50_000, "Middle")])
    strip = make_strip(qtbot, project)
    pushed = recorded_pushes(project, monkeypatch)
    with qtbot.waitSignal(strip.seek_requested, timeout=1000) as blocker:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(251, MIDDLE_Y))
    assert blocker.args == [50_000]             # a click on a mark goes to its chapter
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(250, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(251, MIDDLE_Y))       # a tremble, not a drag
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(251, MIDDLE_Y))
    assert pushed == []
    assert project.chapters[0].start == 50_000


def test_a_chapter_change_during_a_drag_drops_the_drag(qtbot, monkeypatch):
    project = project_with(chapters=[Chapter(0, "Intro"), Chapter(50_000, "Middle")])
    strip = make_strip(qtbot, project)
    pushed = recorded_pushes(project, monkeypatch)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(250, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(350, MIDDLE_Y))
    project.remove_chapter(1)                   # e.g. an undo by keyboard mid-drag
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(350, MIDDLE_Y))
    assert pushed == []
    assert [c.start for c in project.chapters] == [0]


def test_hidden_chapters_are_drawn_dimmer_than_listed_ones(qtbot):
    project = project_with(chapters=[Chapter(25_000, "Listed"),
                                     Chapter(75_000, "Hidden", toc=False)])
    strip = make_strip(qtbot, project)
    image = strip.grab().toImage()
    background = base_color(strip)
    listed = image.pixelColor(125, 1)           # the handles at the top
    hidden = image.pixelColor(375, 1)
    assert distance(listed, background) > distance(hidden, background) > 30


def test_marks_follow_chapter_changes(qtbot):
    project = project_with(chapters=[Chapter(25_000, "Intro")])
    strip = make_strip(qtbot, project)
    background = base_color(strip)
    assert strip.grab().toImage().pixelColor(125, 1) != background
    project.history.push(MoveChapter(project, 0, 75_000))
    image = strip.grab().toImage()
    assert image.pixelColor(125, 1) == background
    assert image.pixelColor(375, 1) != background


# -- turns and projects -------------------------------------------------------------------

def test_turn_ticks_follow_turn_changes(qtbot):
    project = project_with(turns=[Turn(20_000, "")])
    strip = make_strip(qtbot, project)
    background, bottom = base_color(strip), STRIP_HEIGHT - 3
    assert strip.grab().toImage().pixelColor(100, bottom) != background
    project.update_turn(0, start=60_000)
    image = strip.grab().toImage()
    assert image.pixelColor(100, bottom) == background
    assert image.pixelColor(300, bottom) != background


def test_five_thousand_turns_paint(qtbot):
    project = project_with(turns=[Turn(i * 20, "") for i in range(5000)])
    strip = make_strip(qtbot, project)
    image = strip.grab().toImage()
    bottom = STRIP_HEIGHT - 3
    assert all(image.pixelColor(x, bottom) != base_color(strip) for x in range(1, 500, 7))


def test_a_new_project_replaces_the_old_ones_connections(qtbot, monkeypatch):
    old = project_with(chapters=[Chapter(10_000, "Old")], turns=[Turn(0, "")])
    new = project_with(chapters=[Chapter(80_000, "New")], duration=200_000)
    strip = make_strip(qtbot, old)
    strip.set_project(new)
    assert strip.duration_ms() == 200_000
    repaints = []
    monkeypatch.setattr(strip, "update", lambda *args: repaints.append(args))
    old.insert_chapter(Chapter(30_000, "Later"))
    old.remove_turns(0)
    old.remove_chapter(0)
    assert repaints == []
    new.insert_chapter(Chapter(90_000, "Added"))
    assert repaints
    monkeypatch.undo()
    image = strip.grab().toImage()
    assert image.pixelColor(200, 1) != base_color(strip)       # 80 s of 200 s


def test_an_empty_strip_shows_a_hint_and_has_a_fixed_height(qtbot):
    strip = make_strip(qtbot)
    assert strip.sizeHint().height() == STRIP_HEIGHT
    assert strip.sizePolicy().verticalPolicy().name == "Fixed"
    assert strip.duration_ms() is None
    image = strip.grab().toImage()
    assert any(image.pixelColor(x, STRIP_HEIGHT // 2) != base_color(strip)
               for x in range(WIDTH))
    strip.set_playhead(5000)                    # harmless without a duration


def test_the_bars_are_computed_once_per_width(qtbot, monkeypatch, silence_then_tone):
    strip = make_strip(qtbot)
    strip.load(silence_then_tone)
    qtbot.waitUntil(lambda: strip.peaks is not None, timeout=5000)
    strip.grab()                    # the bars of this width, now cached
    widths = []
    columns = audio_waveform.Peaks.columns

    def counted(peaks, start_ms, end_ms, count):
        widths.append(count)
        return columns(peaks, start_ms, end_ms, count)

    monkeypatch.setattr(audio_waveform.Peaks, "columns", counted)
    strip.set_playhead(1000)
    strip.grab()
    strip.grab()
    assert widths == []
    strip.resize(300, STRIP_HEIGHT)
    strip.grab()
    assert widths == [300]
    strip.load(silence_then_tone)   # new peaks (from the disk cache this time)
    qtbot.waitUntil(lambda: strip.peaks is not None, timeout=5000)
    strip.grab()
    assert widths == [300, 300]


def test_a_strip_deleted_while_reading_stops_its_worker(qtbot, monkeypatch, tmp_path):
    cancelled, finished = threading.Event(), threading.Event()

    def waits_for_cancel(path, *, progress=None, cancel=None, **_options):
        progress(0.1)
        if cancel.wait(5):
            cancelled.set()
        progress(0.5)               # a late report to a strip that is gone
        finished.set()
        return fake_peaks()

    monkeypatch.setattr(audio_waveform, "waveform_peaks", waits_for_cancel)
    strip = WaveformStrip()
    strip.load(tmp_path / "episode.mp3")
    qtbot.waitUntil(lambda: strip.status_text == "Reading waveform… 10%", timeout=3000)
    shiboken6.delete(strip)
    assert cancelled.wait(5)
    assert finished.wait(5)
    qtbot.wait(100)                 # the queued reports arrive at no one


def test_typing_does_not_redraw_the_turn_ticks_but_a_new_start_does(qtbot):
    """Every keystroke changes a turn's text: the strip must not rebuild 5,000
    tick positions for it, only when a start moves."""
    from editor.core.commands import SetTurnStart, SetTurnText
    project = Project()
    project.audio_duration = DURATION
    project.turns = [Turn(i * 1000, "", f"turn {i}") for i in range(60)]
    strip = make_strip(qtbot, project)
    strip.grab()
    ticks = strip._turn_positions()
    project.history.push(SetTurnText(project, 10, "typed"))
    assert strip._turn_positions() is ticks          # kept: nothing moved
    project.history.push(SetTurnStart(project, 10, 10_500))
    moved = strip._turn_positions()
    assert moved is not ticks
    assert int(10_500 / MS_PER_PIXEL) in moved


def test_a_drag_away_and_back_changes_nothing(qtbot, monkeypatch):
    """The mark was grabbed 4 px to its side: returning there is no move at all."""
    project = project_with(chapters=[Chapter(0, "Intro"), Chapter(50_123, "Middle")])
    strip = make_strip(qtbot, project)
    pushed = recorded_pushes(project, monkeypatch)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(254, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(320, MIDDLE_Y))
    qtbot.mouseMove(strip, QPoint(254, MIDDLE_Y))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(254, MIDDLE_Y))
    assert pushed == []
    assert project.chapters[1].start == 50_123


def test_a_mark_grabbed_beside_its_line_moves_by_the_pointers_movement(qtbot):
    project = project_with(chapters=[Chapter(0, "Intro"), Chapter(50_000, "Middle")])
    strip = make_strip(qtbot, project)
    drag(qtbot, strip, 254, 258)                # grabbed 4 px right, moved 4 px
    assert project.chapters[1].start == 50_000 + round(4 * MS_PER_PIXEL)


def test_a_failure_that_is_not_the_files_says_what_it_is(qtbot, monkeypatch, tmp_path):
    def no_ffmpeg(path, **_options):
        raise audio_waveform.WaveformError("ffmpeg is not installed: the waveform needs it")

    monkeypatch.setattr(audio_waveform, "waveform_peaks", no_ffmpeg)
    strip = make_strip(qtbot)
    strip.load(tmp_path / "episode.mp3")
    qtbot.waitUntil(lambda: strip.status_text.startswith("No waveform"), timeout=3000)
    assert strip.status_text == "No waveform: ffmpeg is not installed: the waveform needs it"


def test_tick_columns_are_those_of_every_turn_start_taken_one_by_one():
    """The jump from column to column finds exactly the columns the turns fall in."""
    import random
    from editor.gui.waveform import _tick_columns
    rng = random.Random(12)
    for trial in range(300):
        duration, width = rng.randrange(1, 10_000_000), rng.randrange(1, 2_000)
        starts = sorted(rng.randrange(-5_000, duration + 5_000)
                        for _ in range(rng.randrange(0, 3_000)))
        one_by_one: list[int] = []
        for start in starts:
            x = min(int(min(max(start, 0), duration) * width / duration), width - 1)
            if not one_by_one or one_by_one[-1] != x:
                one_by_one.append(x)
        assert _tick_columns(starts, duration, width) == one_by_one, (duration, width)


def test_tick_columns_mended_around_an_edit_are_those_of_a_whole_walk():
    """Turns inserted or removed anywhere (at either end, many at once, into
    crowded or empty columns): the columns mended around the change are the ones
    a walk over every start finds; out of time order there, none are offered."""
    import random
    from editor.gui.waveform import _respliced_columns, _tick_columns
    rng = random.Random(7)
    for trial in range(2_000):
        duration, width = rng.randrange(1, 1_000_000), rng.randrange(1, 600)
        starts = sorted(rng.randrange(-500, duration + 500)
                        for _ in range(rng.randrange(0, 400)))
        xs = _tick_columns(starts, duration, width)
        if starts and rng.random() < 0.5:
            first = rng.randrange(len(starts))
            last = min(len(starts) - 1, first + rng.randrange(4) ** 3)
            del starts[first:last + 1]
            before, after = first - 1, first
        else:
            first = rng.randrange(len(starts) + 1)
            low = starts[first - 1] if first else -500
            high = starts[first] if first < len(starts) else duration + 500
            inserted = sorted(rng.randint(low, high) for _ in range(1 + rng.randrange(4) ** 3))
            starts[first:first] = inserted
            before, after = first - 1, first + len(inserted)
        assert _respliced_columns(xs, starts, before, after, duration, width) \
            == _tick_columns(starts, duration, width), (trial, duration, width)
    assert _respliced_columns([0, 5], [0, 900, 100, 1_000], 0, 3, 1_000, 10) is None


def test_a_split_that_adds_no_tick_column_repaints_nothing(qtbot, monkeypatch):
    from editor.core.commands import SplitTurn
    # every column up to 50 s holds turns; one turn alone at 90 s
    project = project_with(turns=[Turn(i * 50, "", "two words") for i in range(1_000)]
                           + [Turn(90_000, "", "one two three four five six")])
    strip = make_strip(qtbot, project)
    strip.grab()
    repaints = []
    monkeypatch.setattr(strip, "update", lambda *args: repaints.append(args))
    project.history.push(SplitTurn(project, 700, 4))   # its new turn shares a column
    project.history.undo()
    assert repaints == []
    project.history.push(SplitTurn(project, 1_000, 14))  # the lone turn's half: a new column
    assert len(strip._turn_positions()) == 252
    assert repaints


# -- the detail view's window ------------------------------------------------------------

def test_the_levels_of_detail_are_handed_on_and_withdrawn(qtbot, silence_then_tone):
    strip = make_strip(qtbot)
    with qtbot.waitSignal(strip.levels_changed, timeout=5000) as blocker:
        strip.load(silence_then_tone)
    (levels,) = blocker.args
    assert isinstance(levels, audio_waveform.PeakLevels)
    assert levels is strip.levels and levels.peaks is strip.peaks
    with qtbot.waitSignal(strip.levels_changed) as blocker:
        strip.load(None)
    assert blocker.args == [None]


def test_the_detail_window_is_outlined_however_narrow(qtbot):
    strip = make_strip(qtbot, project_with())
    before = strip.grab().toImage()
    strip.set_detail_window((40_000, 40_200))       # one pixel wide at this zoom
    after = strip.grab().toImage()
    changed = [x for x in range(WIDTH)
               if before.pixelColor(x, MIDDLE_Y) != after.pixelColor(x, MIDDLE_Y)]
    assert changed and changed[0] == 200 and changed[-1] >= 205
    strip.set_detail_window(None)
    assert strip.grab().toImage() == before


def test_moving_the_detail_window_repaints_only_where_the_outline_was_and_is(qtbot,
                                                                            monkeypatch):
    # The detail moves it at every scroll step: the whole strip of chapter marks
    # is not redrawn for it.
    strip = make_strip(qtbot, project_with(
        chapters=[Chapter(k * 10_000, f"Part {k}") for k in range(10)]))
    strip.set_detail_window((40_000, 42_000))       # x 200 to 210
    repainted = []
    monkeypatch.setattr(strip, "update", lambda *args: repainted.append(args))
    strip.set_detail_window((43_000, 45_000))       # x 215 to 225
    rects = [args[0] for args in repainted]
    assert len(rects) == 2
    assert rects[0].contains(200, MIDDLE_Y) and rects[0].contains(210, MIDDLE_Y)
    assert rects[1].contains(215, MIDDLE_Y) and rects[1].contains(225, MIDDLE_Y)
    assert all(rect.width() <= 14 for rect in rects)
    repainted.clear()
    strip.set_detail_window(None)
    assert [args[0].contains(220, MIDDLE_Y) for args in repainted] == [True]


def test_the_outline_moved_in_steps_looks_as_if_drawn_afresh(qtbot):
    strip = make_strip(qtbot, project_with(
        chapters=[Chapter(k * 10_000, f"Part {k}") for k in range(10)],
        turns=[Turn(k * 1_500, "", "Words.") for k in range(60)]))
    screen = strip.screen()
    for window in ((0, 100_000), (10_000, 90_000), (18_000, 98_000), (30_000, 60_000),
                   (41_000, 41_500), (43_000, 45_000), (90_000, 100_000), None, (5_000, 6_000)):
        strip.set_detail_window(window)
        qtbot.wait(1)                   # the partial repaints happen
        shown = screen.grabWindow(strip.winId()).toImage()
        assert shown.convertToFormat(QImage.Format.Format_RGB32) == \
            strip.grab().toImage().convertToFormat(QImage.Format.Format_RGB32), window
