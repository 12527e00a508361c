"""The word under the playhead, highlighted in a turn with word times, and
Ctrl+click on a word seeking to its start."""
from __future__ import annotations

import pytest
from projects import small_project
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.commands import ApplyAlignment, SetTurnText
from editor.core.wordtimes import word_spans
from editor.gui.theme import dark_palette, light_palette
from editor.gui.transcript import TranscriptView
from editor.gui.transcript.colors import TranscriptColors, contrast

CTRL = Qt.KeyboardModifier.ControlModifier
# Turn 0 of the small project: "Welcome back to the show." from 0 to 4 s.
WORD_TIMES = (0, 500, 1000, 1500, 2000)


@pytest.fixture
def view(qtbot):
    project = small_project()
    project.turns[0].words = WORD_TIMES
    view = TranscriptView(project)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def word_range(view: TranscriptView, turn: int, word: int) -> tuple[int, int]:
    """Document positions of word ``word`` of ``turn``, found by searching its text."""
    text = view.project.turns[turn].text
    at = 0
    for k, token in enumerate(text.split()):
        at = text.index(token, at)
        if k == word:
            base = view.mirror.turn_start_pos(turn)
            return base + at, base + at + len(token)
        at += len(token)
    raise AssertionError(f"turn {turn} has no word {word}")


def word_point(view: TranscriptView, turn: int, word: int) -> QPoint:
    rects = view.editor.word_rects(word_range(view, turn, word))
    return rects[0].center()


def test_the_word_under_the_playhead_is_the_one_marked(view):
    for ms, word in ((0, 0), (499, 0), (500, 1), (1200, 2), (1999, 3), (3900, 4)):
        view.set_playhead(ms)
        assert view.playing_word() == word, ms
        assert view.editor.word_range() == word_range(view, 0, word)


def test_the_same_word_of_the_next_turn_is_marked_there(qtbot):
    project = small_project()
    project.turns[0].words = WORD_TIMES
    project.turns[1].words = (0, 500, 1000, 1500, 2000, 2500)
    view = TranscriptView(project)
    qtbot.addWidget(view)
    view.set_playhead(1200)
    assert view.editor.word_range() == word_range(view, 0, 2)
    view.set_playhead(5200)             # word 2 again, of turn 1
    assert view.playing_turn() == 1 and view.playing_word() == 2
    assert view.editor.word_range() == word_range(view, 1, 2)


def test_a_turn_without_word_times_marks_no_word(view):
    view.set_playhead(1200)
    assert view.editor.word_range() is not None
    view.set_playhead(5_000)            # turn 1: no word times
    assert view.playing_turn() == 1
    assert view.playing_word() == -1 and view.editor.word_range() is None


def test_before_its_first_word_is_heard_a_turn_marks_none(qtbot):
    project = small_project()
    project.turns[0].words = (300, 500, 1000, 1500, 2000)
    view = TranscriptView(project)
    qtbot.addWidget(view)
    view.set_playhead(100)
    assert view.playing_word() == -1
    view.set_playhead(300)
    assert view.playing_word() == 0


def background_point(view: TranscriptView, turn: int, word: int) -> QPoint:
    """A pixel of the word's background before its first letter (never a glyph's)."""
    rect = view.editor.word_rects(word_range(view, turn, word))[0]
    return QPoint(rect.left() + 1, rect.center().y())


def test_the_word_is_painted_over_the_band_and_only_the_word(view):
    view.set_playhead(1200)             # "to"
    QApplication.processEvents()
    image = view.editor.viewport().grab().toImage()
    colors = view.colors()
    assert QColor(image.pixel(background_point(view, 0, 2))) == colors.word
    for other in (0, 4):
        assert QColor(image.pixel(background_point(view, 0, other))) == colors.playing
    view.set_playhead(1600)             # "the": "to" goes back to the band
    QApplication.processEvents()
    image = view.editor.viewport().grab().toImage()
    assert QColor(image.pixel(background_point(view, 0, 2))) == colors.playing
    assert QColor(image.pixel(background_point(view, 0, 3))) == colors.word


@pytest.mark.parametrize("palette", [light_palette, dark_palette])
def test_the_word_background_is_subtle_and_its_text_readable(qtbot, palette):
    colors = TranscriptColors(palette())
    text = palette().color(QPalette.ColorRole.Text)
    assert contrast(text, colors.word) >= 4.5
    assert colors.word != colors.playing
    assert contrast(colors.word, colors.base) < 3       # a background, not a block of colour


def test_an_edit_before_the_word_moves_the_mark_with_it(view, qtbot):
    view.set_playhead(1200)
    before = view.editor.word_range()
    project = view.project
    project.history.push(SetTurnText(project, 0, "Welcome, back to the show."))
    assert project.turns[0].words[1:] == WORD_TIMES[1:]     # the other words keep their times
    qtbot.waitUntil(lambda: view.editor.word_range() == word_range(view, 0, 2))
    assert view.editor.word_range() == (before[0] + 1, before[1] + 1)
    assert view.playing_word() == 2


def test_a_turn_whose_word_times_are_gone_marks_nothing(view, qtbot):
    view.set_playhead(1200)
    project = view.project
    project.history.push(SetTurnText(project, 0, "Something else entirely."))
    qtbot.waitUntil(lambda: view.editor.word_range() is None)
    assert view.playing_word() == -1


def test_ctrl_click_on_a_word_seeks_to_its_start(view, qtbot):
    before = view.editor.textCursor().position()
    with qtbot.waitSignal(view.seek_requested) as sought:
        QTest.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton, CTRL,
                         word_point(view, 0, 3))
    assert sought.args == [1500]
    assert view.editor.textCursor().position() == before     # the cursor stays


def test_ctrl_click_in_a_turn_without_word_times_seeks_to_the_words_share(view, qtbot):
    turn = view.project.turns[1]
    expected = word_spans(turn, view.project.turn_end(1))[4].start
    assert turn.start < expected < view.project.turns[2].start
    with qtbot.waitSignal(view.seek_requested) as sought:
        QTest.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton, CTRL,
                         word_point(view, 1, 4))
    assert sought.args == [expected]


def test_a_plain_click_places_the_cursor_and_seeks_nowhere(view, qtbot):
    sought = []
    view.seek_requested.connect(sought.append)
    QTest.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, word_point(view, 0, 3))
    QApplication.processEvents()
    assert sought == []
    start, end = word_range(view, 0, 3)
    assert start <= view.editor.textCursor().position() <= end


def test_word_times_given_to_the_playing_turn_show_its_word_at_once(qtbot):
    project = small_project()
    view = TranscriptView(project)
    qtbot.addWidget(view)
    view.set_playhead(1200)
    assert view.playing_word() == -1               # no word times yet
    project.history.push(ApplyAlignment(project, [(0, 0, False, WORD_TIMES)]))
    qtbot.waitUntil(lambda: view.playing_word() == 2)     # paused: no tick needed
    project.history.undo()
    qtbot.waitUntil(lambda: view.playing_word() == -1)


def test_during_playback_the_highlight_moves_word_by_word(window, qtbot):
    project = window.project
    turn = project.turns[1]
    count = len(turn.text.split())
    assert (project.turns[2].start - turn.start) / count > 250    # each word several ticks
    project.history.push(ApplyAlignment(project, [
        (1, turn.start, False, tuple(k * 250 for k in range(count)))]))
    window.seek_and_show(turn.start)
    window.playback.play()
    seen = []

    def sample() -> bool:
        if window.transcript.playing_turn() == 1:
            word = window.transcript.playing_word()
            if word >= 0 and (not seen or seen[-1] != word):
                seen.append(word)
        return len(seen) >= 8
    qtbot.waitUntil(sample, timeout=6_000)
    window.playback.pause()
    assert seen == list(range(seen[0], seen[0] + len(seen))), seen
    assert seen[0] <= 1
    start, end = window.transcript.editor.word_range()
    text = window.transcript.editor.document().toPlainText()
    assert text[start:end] == turn.text.split()[window.transcript.playing_word()]
