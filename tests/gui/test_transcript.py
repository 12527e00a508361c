"""The transcript editor: edits go through the project's history, the view follows
the project's signals, and the gutter, highlight and following behave."""
from __future__ import annotations

import gc
import statistics
import time
import weakref

import pytest
from projects import small_project, uniform_project
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import (QColor, QFontMetricsF, QInputMethodEvent, QPalette, QTextCursor,
                           QWheelEvent)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QApplication

from editor.core import load_project
from editor.core.commands import (DeleteTurn, InsertTurn, MergeSpeakers, ReplaceTexts,
                                  SetSpeakerField, SetTurnText)
from editor.core.model import Project, Turn
from editor.gui.transcript import TranscriptView
from editor.gui.transcript.colors import TranscriptColors, contrast, readable

SAMPLE = "sample-episode/episode.showscribe.yaml"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def make_view(qtbot):
    def make(project: Project, height: int = 400) -> TranscriptView:
        view = TranscriptView(project)
        qtbot.addWidget(view)
        view.resize(700, height)
        view.show()
        qtbot.waitExposed(view)
        return view
    return make


def shown_texts(view: TranscriptView) -> list[str]:
    """Each turn's text as the document shows it, found by walking the blocks."""
    document = view.editor.document()
    first = view.mirror.blocks.first
    texts = []
    for index, start in enumerate(first):
        end = first[index + 1] if index + 1 < len(first) else document.blockCount()
        texts.append("\n".join(document.findBlockByNumber(n).text() for n in range(start, end)))
    return texts


def assert_in_sync(view: TranscriptView) -> None:
    model = [turn.text for turn in view.project.turns]
    assert shown_texts(view) == model
    assert view.editor.document().blockCount() == sum(t.count("\n") + 1 for t in model)


def type_text(widget, text: str) -> None:
    for char in text:
        QTest.keyClick(widget, char)


def first_line_point(view: TranscriptView, turn: int, x: float) -> QPoint:
    """A point on ``turn``'s first line, at gutter/viewport x."""
    for index, block, top, _height, is_first in view.visible_blocks():
        if index == turn and is_first:
            line = block.layout().lineAt(0)
            return QPoint(int(x), int(top + line.y() + line.height() / 2))
    raise AssertionError(f"turn {turn} is not in view")


# -- typing -------------------------------------------------------------------------

def test_typing_changes_the_turn_through_history_and_undo_redo_follow(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, 3)
    type_text(view.editor, "xyz")
    assert project.turns[3].text == "Bigxyz news indeed, really big."
    assert project.turns[3].estimated   # typing is text only
    assert len(project.history) == 1    # consecutive typing: one undo step
    assert project.history.undo()
    assert project.turns[3].text == "Big news indeed, really big."
    assert_in_sync(view)
    assert project.history.redo()
    assert project.turns[3].text == "Bigxyz news indeed, really big."
    assert_in_sync(view)


def test_typing_in_another_turn_is_a_new_undo_step(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, 0)
    type_text(view.editor, "ab")
    QTest.keyClick(view.editor, Qt.Key.Key_Down)     # into turn 1
    assert view.current_turn() == 1
    type_text(view.editor, "cd")
    assert len(project.history) == 2
    project.history.undo()
    assert project.turns[0].text == "abWelcome back to the show."
    assert project.turns[1].text == "Thanks for having me here today."
    assert_in_sync(view)


def test_enter_makes_a_new_paragraph_in_the_same_turn(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, len("Welcome"))
    QTest.keyClick(view.editor, Qt.Key.Key_Return)
    type_text(view.editor, "x")
    assert len(project.turns) == 7
    assert project.turns[0].text == "Welcome\nx back to the show."
    assert view.current_turn() == 0 and view.cursor_offset() == len("Welcome\nx")
    assert_in_sync(view)
    # The next turn is still its own turn, below the new paragraph.
    view.focus_turn(1, 0)
    assert view.cursor_offset() == 0 and view.current_turn() == 1
    project.history.undo()
    assert project.turns[0].text == "Welcome back to the show."
    assert_in_sync(view)


def test_shift_return_is_a_paragraph_too(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(4, len("I have"))
    QTest.keyClick(view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert project.turns[4].text == "I have\n a question about that one."
    assert_in_sync(view)


def test_backspace_joins_paragraphs_inside_a_turn(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(2, len("Let us start.\n"))
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace)
    assert project.turns[2].text == "Let us start.First, the news of the week."
    assert_in_sync(view)


def test_backspace_at_a_turn_start_and_delete_at_its_end_do_nothing(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(2, 0)
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace)
    view.focus_turn(1, len(project.turns[1].text))
    QTest.keyClick(view.editor, Qt.Key.Key_Delete)
    assert len(project.history) == 0
    assert [t.text for t in project.turns] == [t.text for t in small_project().turns]
    assert_in_sync(view)


def test_keys_cross_turns_with_the_cursor(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, len("Welcome back to the show."))
    QTest.keyClick(view.editor, Qt.Key.Key_Right)
    assert (view.current_turn(), view.cursor_offset()) == (1, 0)
    QTest.keyClick(view.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.current_turn() == 6
    assert view.cursor_offset() == len(project.turns[6].text)
    QTest.keyClick(view.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert (view.current_turn(), view.cursor_offset()) == (0, 0)


def test_current_turn_changed_is_emitted_when_the_cursor_changes_turn(make_view, qtbot):
    view = make_view(small_project())
    view.focus_turn(0)
    with qtbot.waitSignal(view.current_turn_changed) as signal:
        view.focus_turn(3, 2)
    assert signal.args == [3]
    assert view.cursor_offset() == 2


def test_typing_over_a_selection_across_turns_is_one_step(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, len("Welcome"))
    cursor = view.editor.textCursor()
    cursor.setPosition(view.mirror.turn_start_pos(2) + len("Let us"),
                       QTextCursor.MoveMode.KeepAnchor)
    view.editor.setTextCursor(cursor)
    QTest.keyClick(view.editor, "X")
    assert [t.text for t in project.turns] == [
        "WelcomeX start.\nFirst, the news of the week.", "Big news indeed, really big.",
        "I have a question about that one.", "Go ahead.", "And now a word from our sponsor."]
    assert project.turns[0].speaker == "ann" and project.turns[0].start == 0
    assert (view.current_turn(), view.cursor_offset()) == (0, len("WelcomeX"))
    assert_in_sync(view)
    project.history.undo()
    assert [t.text for t in project.turns] == [t.text for t in small_project().turns]
    assert_in_sync(view)


def test_deleting_a_selection_across_turns_joins_them(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(5, len("Go"))
    cursor = view.editor.textCursor()
    cursor.setPosition(view.mirror.turn_start_pos(6) + len("And now"),
                       QTextCursor.MoveMode.KeepAnchor)
    view.editor.setTextCursor(cursor)
    QTest.keyClick(view.editor, Qt.Key.Key_Delete)
    assert [t.text for t in project.turns][5:] == ["Go a word from our sponsor."]
    assert_in_sync(view)


def test_pasting_lines_makes_paragraphs_in_one_step(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(5, len("Go"))
    QApplication.clipboard().setText("one\r\ntwo")
    QTest.keySequence(view.editor, "Ctrl+V")
    assert project.turns[5].text == "Goone\ntwo ahead."
    assert len(project.history) == 1
    assert_in_sync(view)


def test_a_stray_edit_across_turns_is_undone_by_the_view(make_view, qtbot):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, 2)
    # A path the view does not route (a program editing the document directly).
    cursor = QTextCursor(view.editor.document())
    cursor.setPosition(3)
    cursor.setPosition(view.mirror.turn_start_pos(1) + 2, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    qtbot.waitUntil(lambda: shown_texts(view) == [t.text for t in project.turns])
    assert len(project.history) == 0
    assert_in_sync(view)


# -- turn actions ------------------------------------------------------------------------

def test_split_at_cursor_and_undo(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(4, len("I have a"))
    view.split_at_cursor()
    assert [t.text for t in project.turns][4:6] == ["I have a", "question about that one."]
    assert project.turns[5].speaker == "cy" and project.turns[5].estimated
    assert (view.current_turn(), view.cursor_offset()) == (5, 0)
    assert_in_sync(view)
    project.history.undo()
    assert [t.text for t in project.turns] == [t.text for t in small_project().turns]
    assert_in_sync(view)


def test_merge_with_previous_only_at_a_turn_start(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, 0)
    assert view.merge_with_previous() is False          # the first turn
    view.focus_turn(3, 1)
    assert view.merge_with_previous() is False          # not at the start
    assert len(project.history) == 0
    view.focus_turn(3, 0)
    assert view.merge_with_previous() is True
    joined = "Let us start.\nFirst, the news of the week. "
    assert project.turns[2].text == joined + "Big news indeed, really big."
    assert len(project.turns) == 6
    assert (view.current_turn(), view.cursor_offset()) == (2, len(joined))
    assert_in_sync(view)
    project.history.undo()
    assert [t.text for t in project.turns] == [t.text for t in small_project().turns]
    assert_in_sync(view)


def test_ctrl_backspace_leaves_merging_to_the_window_and_deletes_a_word_elsewhere(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(4, 0)
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert [t.text for t in project.turns] == [t.text for t in small_project().turns]
    view.focus_turn(0, len("Welcome back to the show"))
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert project.turns[0].text == "Welcome back to the ."
    assert_in_sync(view)


def test_set_current_turn_start_confirms_and_undims_the_time(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(2, 4)
    assert view.gutter.time_text(2) == "~00:12" and view.gutter.is_dimmed(2)
    view.set_current_turn_start(13_500)
    assert project.turns[2].start == 13_500 and not project.turns[2].estimated
    assert view.gutter.time_text(2) == "00:13" and not view.gutter.is_dimmed(2)
    project.history.undo()
    assert view.gutter.time_text(2) == "~00:12"


def test_set_current_turn_speaker_and_delete_turn(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(1)
    view.set_current_turn_speaker("cy")
    assert project.turns[1].speaker == "cy"
    view.set_current_turn_speaker("cy")                 # already: nothing pushed
    assert len(project.history) == 1
    view.delete_current_turn()
    assert [t.text for t in project.turns] == [t.text for k, t in enumerate(small_project().turns)
                                               if k != 1]
    assert view.current_turn() == 1
    assert_in_sync(view)
    project.history.undo()
    assert project.turns[1].text == "Thanks for having me here today."
    assert_in_sync(view)


def test_select_in_turn_selects_that_text(make_view):
    view = make_view(small_project())
    view.select_in_turn(1, 7, 10)
    assert view.editor.textCursor().selectedText() == "for"
    assert view.current_turn() == 1


# -- the gutter ---------------------------------------------------------------------------

def test_clicking_a_time_emits_seek_requested(make_view, qtbot):
    view = make_view(small_project())
    point = first_line_point(view, 3, view.gutter.time_rect(0, 1).center().x())
    with qtbot.waitSignal(view.seek_requested) as signal:
        QTest.mouseClick(view.gutter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         point)
    assert signal.args == [30_000]


def test_clicking_beside_a_paragraph_does_not_seek(make_view, qtbot):
    view = make_view(small_project())
    x = view.gutter.time_rect(0, 1).center().x()
    second = [top + height / 2 for turn, _b, top, height, first in view.visible_blocks()
              if turn == 2 and not first][0]
    with qtbot.assertNotEmitted(view.seek_requested):
        QTest.mouseClick(view.gutter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(x), int(second)))


def test_clicking_a_speaker_offers_the_speakers(make_view):
    project = small_project()
    view = make_view(project)
    point = first_line_point(view, 0, view.gutter.speaker_rect(0, 1).center().x())
    QTest.mouseClick(view.gutter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    menu = view.speaker_menu
    assert menu is not None and menu.isVisible()
    actions = {a.data(): a for a in menu.actions()}
    assert set(actions) == {"ann", "bo", "cy"} and actions["ann"].isChecked()
    actions["bo"].trigger()
    menu.close()
    assert project.turns[0].speaker == "bo"
    project.history.undo()
    assert project.turns[0].speaker == "ann"


def test_gutter_is_wide_enough_for_its_text_at_any_font_size(make_view):
    project = small_project()
    project.turns[-1].start = 3 * 3_600_000
    view = make_view(project)
    for size in (8, 14, 24):
        font = view.font()
        font.setPointSize(size)
        view.setFont(font)
        gutter = view.gutter
        metrics = gutter.fontMetrics()
        assert gutter.time_width >= metrics.horizontalAdvance("~3:00:00")
        assert gutter.width() >= gutter.speaker_rect(0, 1).right() + gutter.bar_width
        assert view.text_layout.turn_gap > view.text_layout.paragraph_gap


def test_a_font_change_is_not_taken_for_an_edit(make_view, qtbot):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, 4)
    font = view.font()
    font.setPointSize(font.pointSize() + 6)
    with qtbot.assertNotEmitted(view.mirror.reloaded, wait=50):
        view.setFont(font)              # Qt reports the new margin as a change of every block
    assert (view.current_turn(), view.cursor_offset()) == (3, 4)
    assert len(project.history) == 0
    assert_in_sync(view)


# -- playback -----------------------------------------------------------------------------

def painted_rows(view: TranscriptView) -> dict[int, list[tuple[bool, bool]]]:
    """For each turn in view, whether each of its lines shows the playing colour
    in the text (right of the words) and in the gutter (its left edge), as painted."""
    text, gutter = view.editor.viewport().grab().toImage(), view.gutter.grab().toImage()
    colors, x = view.colors(), view.editor.viewport().width() - 5
    rows: dict[int, list[tuple[bool, bool]]] = {}
    for turn, block, top, _height, _first in view.visible_blocks():
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            y = int(top + line.y() + line.height() / 2)
            if 0 <= y < text.height():
                rows.setdefault(turn, []).append(
                    (QColor(text.pixel(x, y)) == colors.playing,
                     QColor(gutter.pixel(1, y)) == colors.playing_gutter))
    return rows


def highlighted(view: TranscriptView) -> set[int]:
    """The turns painted as playing; fails if any turn is only partly painted."""
    rows = painted_rows(view)
    partly = {turn for turn, lines in rows.items() if any(a or b for a, b in lines)}
    wholly = {turn for turn, lines in rows.items() if all(a and b for a, b in lines)}
    assert partly == wholly, f"partly highlighted rows: {rows}"
    return wholly


def test_set_playhead_highlights_the_turn_under_it(make_view):
    view = make_view(small_project())
    assert view.playing_turn() == -1 and highlighted(view) == set()
    for ms, turn in ((13_000, 2), (30_000, 3), (0, 0), (59_999, 4)):
        view.set_playhead(ms)
        assert view.playing_turn() == turn
        assert highlighted(view) == {turn}


def test_the_band_follows_its_turn_when_the_view_scrolls_and_text_above_grows(make_view):
    project = uniform_project(60)
    view = make_view(project)
    view.set_following(False)
    view.set_playhead(project.turns[5].start + 10)
    assert highlighted(view) == {5}
    view.editor.verticalScrollBar().setValue(2)         # the pixels move up two turns
    assert view.editor.firstVisibleBlock().blockNumber() == 2
    assert highlighted(view) == {5}
    view.focus_turn(3, len("Turn"))
    QTest.keyClick(view.editor, Qt.Key.Key_Return)      # a paragraph above the band
    assert project.turns[3].text.startswith("Turn\n")
    assert highlighted(view) == {5}


def test_highlight_band_is_painted_behind_the_playing_turn(make_view):
    view = make_view(small_project())
    view.set_playhead(12_500)
    image = view.editor.viewport().grab().toImage()
    playing = view.colors().playing
    inside = first_line_point(view, 2, view.editor.viewport().width() - 5)
    outside = first_line_point(view, 0, view.editor.viewport().width() - 5)
    assert QColor(image.pixel(inside)) == playing
    assert QColor(image.pixel(outside)) != playing


def test_following_scrolls_to_the_playing_turn(make_view):
    project = uniform_project(400)
    view = make_view(project)
    assert view.is_following()
    view.set_playhead(project.turns[300].start + 10)
    assert view.playing_turn() == 300
    numbers = [block.blockNumber() for _t, block, *_ in view.visible_blocks()]
    assert view.mirror.blocks.first[300] in numbers
    assert highlighted(view) == {300}


def test_user_scrolling_stops_following_and_set_following_brings_it_back(make_view, qtbot):
    project = uniform_project(400)
    view = make_view(project)
    view.set_playhead(project.turns[200].start)
    with qtbot.waitSignal(view.follow_changed) as signal:
        view.editor.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert signal.args == [False] and not view.is_following()
    view.set_playhead(project.turns[350].start)         # not followed now
    assert view.editor.firstVisibleBlock().blockNumber() == 0
    with qtbot.waitSignal(view.follow_changed) as signal:
        view.set_following(True)
    assert signal.args == [True]
    numbers = [block.blockNumber() for _t, block, *_ in view.visible_blocks()]
    assert view.mirror.blocks.first[350] in numbers
    assert highlighted(view) == {350}


def test_the_wheel_stops_following(make_view, qtbot):
    view = make_view(uniform_project(200))
    centre = QPointF(view.editor.viewport().rect().center())
    wheel = QWheelEvent(centre, view.editor.viewport().mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    with qtbot.waitSignal(view.follow_changed):
        QApplication.sendEvent(view.editor.viewport(), wheel)
    assert not view.is_following()


def test_moving_the_cursor_to_another_turn_stops_following(make_view, qtbot):
    view = make_view(small_project())
    view.set_playhead(4_500)
    view.focus_turn(1, 2)                 # the playing turn: still following
    assert view.is_following()
    with qtbot.waitSignal(view.follow_changed) as signal:
        QTest.keyClick(view.editor, Qt.Key.Key_Up)
    assert signal.args == [False]


# -- changes from elsewhere -----------------------------------------------------------------

def test_commands_pushed_elsewhere_show_in_the_view(make_view):
    project = small_project()
    view = make_view(project)
    history = project.history
    history.push(ReplaceTexts(project, {0: "Hello\nthere.", 4: "Great."}))
    assert_in_sync(view)
    history.push(SetTurnText(project, 1, "Short."))
    assert_in_sync(view)
    history.push(InsertTurn(project, 7, Turn(100_000, "cy", "Bye.\nBye!")))
    history.push(InsertTurn(project, 0, Turn(0, "cy", "Intro.")))
    assert_in_sync(view)
    history.push(DeleteTurn(project, 3))
    assert_in_sync(view)
    history.push(MergeSpeakers(project, "cy", "ann"))
    assert {t.speaker for t in project.turns} == {"ann", "bo"}
    narrow = view.gutter.speaker_width
    history.push(SetSpeakerField(project, "ann", "name", "Annabel Longname"))
    assert view.gutter.speaker_width > narrow           # the column fits the new name
    assert view.editor.viewportMargins().left() == view.gutter.width_hint()
    while history.undo():
        assert_in_sync(view)
    assert [t.text for t in project.turns] == [t.text for t in small_project().turns]


def test_deleting_every_turn_and_undoing(make_view):
    project = small_project()
    view = make_view(project)
    with project.history.macro("Delete all"):
        for index in reversed(range(len(project.turns))):
            project.history.push(DeleteTurn(project, index))
    assert not view.editor.isReadOnly() and view.current_turn() == -1
    assert view.editor.document().toPlainText() == ""
    project.history.undo()
    assert not view.editor.isReadOnly()
    assert_in_sync(view)


def test_set_project_shows_the_new_one_and_lets_go_of_the_old(make_view):
    old = small_project()
    view = make_view(old)
    new = uniform_project(10)
    view.set_project(new)
    assert_in_sync(view)
    old.history.push(SetTurnText(old, 0, "Changed in the old project."))
    assert shown_texts(view)[0] == new.turns[0].text


def test_a_view_nobody_holds_is_freed_at_once_and_the_project_lets_go(qtbot):
    project = small_project()
    view = TranscriptView(project)
    view.show()
    QTest.keyClick(view.editor, "a")
    gone = weakref.ref(view)
    gc.disable()                # freed by reference counting, not by the cycle collector
    try:
        del view
        assert gone() is None
    finally:
        gc.enable()
    project.history.push(SetTurnText(project, 0, "Still editable."))
    assert project.turns[0].text == "Still editable."
    assert project.turns_changed.handler_count() == 0


def test_sample_project_shows_every_turn(make_view, sample_dir):
    path = sample_dir / SAMPLE
    if not path.exists():
        pytest.fail(f"the sample project is missing: {path}")
    project = load_project(path)
    view = make_view(project, height=600)
    assert_in_sync(view)
    estimated = [i for i, t in enumerate(project.turns) if t.estimated]
    assert estimated and all(view.gutter.time_text(i).startswith("~") for i in estimated)


# -- colours ------------------------------------------------------------------------------

@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"])
def test_speaker_colours_are_readable_on_light_and_dark(base):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000" if base == "#ffffff" else "#eeeeee"))
    colors = TranscriptColors(palette)
    for color in ("#333333", "#1f7ae0", "#ffee00", "#d9480f", "#4b5563"):
        assert contrast(colors.speaker(color), colors.gutter) >= 4.5
    assert contrast(colors.time, colors.gutter) >= 4.5


def test_readable_keeps_colours_that_already_read_well():
    assert readable(QColor("#000000"), QColor("#ffffff")) == QColor("#000000")
    assert readable(QColor("not a colour"), QColor("#ffffff")).isValid()


def test_undo_keys_never_reach_the_document(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, len("Welcome"))
    type_text(view.editor, "ab")
    QTest.keySequence(view.editor, "Ctrl+Z")
    QTest.keySequence(view.editor, "Ctrl+Shift+Z")
    assert project.turns[0].text == "Welcomeab back to the show."
    assert project.history.can_undo and not project.history.can_redo
    assert_in_sync(view)


# -- size ---------------------------------------------------------------------------------

def _open_and_type(qtbot, turns: int) -> tuple[float, float, TranscriptView]:
    """Seconds to build and first paint a view of ``turns`` turns (best of three),
    and the median seconds of a keystroke in its middle turn."""
    best, view = float("inf"), None
    for _ in range(3):
        project = uniform_project(turns)
        begin = time.perf_counter()
        view = TranscriptView(project)
        view.resize(700, 400)
        view.show()
        view.grab()
        best = min(best, time.perf_counter() - begin)
        qtbot.addWidget(view)
    view.focus_turn(turns // 2, 4)
    keys = []
    for char in "abcdefghijklmnopqrstuvwxyzabcd":
        begin = time.perf_counter()
        QTest.keyClick(view.editor, char)
        QApplication.processEvents()
        keys.append(time.perf_counter() - begin)
    return best, statistics.median(keys), view


def test_a_5000_turn_episode_opens_and_costs_grow_linearly_at_most(qtbot):
    small_open, small_key, _ = _open_and_type(qtbot, 500)
    large_open, large_key, view = _open_and_type(qtbot, 5000)
    assert_in_sync(view)
    assert view.project.turns[2500].text.startswith("Turnabcdefghijklmnopqrstuvwxyzabcd")
    # Ten times the turns: opening may cost about ten times (never a hundred),
    # and a keystroke should not grow with the episode at all.
    assert large_open < small_open * 40
    assert large_key < small_key * 5


def test_cutting_across_turns_copies_and_joins(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(0, len("Welcome back "))
    cursor = view.editor.textCursor()
    cursor.setPosition(view.mirror.turn_start_pos(1) + len("Thanks "),
                       QTextCursor.MoveMode.KeepAnchor)
    view.editor.setTextCursor(cursor)
    QTest.keySequence(view.editor, "Ctrl+X")
    assert QApplication.clipboard().text() == "to the show.\nThanks "
    assert [t.text for t in project.turns][:2] == ["Welcome back for having me here today.",
                                                    "Let us start.\nFirst, the news of the week."]
    assert len(project.history) == 1
    assert_in_sync(view)


def test_turns_are_spaced_further_apart_than_paragraphs(make_view):
    view = make_view(small_project())
    blocks = {block.blockNumber(): (top, height, block)
              for _turn, block, top, height, _first in view.visible_blocks()}

    def first_line_top(number: int) -> float:
        top, _height, block = blocks[number]
        return top + block.layout().lineAt(0).y()

    def last_line_bottom(number: int) -> float:
        top, _height, block = blocks[number]
        layout = block.layout()
        line = layout.lineAt(layout.lineCount() - 1)
        return top + line.y() + line.height()

    # blocks: 0 = turn 0; 1 = turn 1; 2, 3 = turn 2's paragraphs; 4 = turn 3
    paragraph_gap = first_line_top(3) - last_line_bottom(2)
    turn_gap = first_line_top(4) - last_line_bottom(3)
    assert 0 < paragraph_gap < turn_gap


def spaced_lines(view: TranscriptView) -> list[tuple[int, float, int]]:
    """(block, first line's y, line count) of each block in view, and that each
    block's lines lie apart by the layout's extra line spacing."""
    layout = view.text_layout
    found = []
    for _turn, block, _top, _height, _first in view.visible_blocks():
        lines = block.layout()
        assert lines.lineCount(), f"block {block.blockNumber()} has no lines: it paints nothing"
        for index in range(1, lines.lineCount()):
            above, line = lines.lineAt(index - 1), lines.lineAt(index)
            assert line.y() == above.y() + above.height() + layout.line_extra
        found.append((block.blockNumber(), lines.lineAt(0).y(), lines.lineCount()))
    return found


def test_the_spacing_holds_when_a_new_width_rewraps_every_line(make_view, qtbot):
    project = uniform_project(40)
    for turn in project.turns:
        turn.text = " ".join([turn.text] * 6)
    view = make_view(project)
    layout = view.text_layout
    wide = spaced_lines(view)
    expected_top = {n: layout.top_gap(n) + layout.line_extra // 2 for n, _y, _c in wide}
    assert all(y == expected_top[n] for n, y, _count in wide)

    view.resize(350, 400)       # Qt lays every block out again, lines from y = 0
    qtbot.waitUntil(lambda: view.editor.viewport().width() < 350)
    narrow = spaced_lines(view)
    assert [count for _n, _y, count in narrow[:5]] > [count for _n, _y, count in wide[:5]]
    assert all(y == layout.top_gap(n) + layout.line_extra // 2 for n, y, _count in narrow)
    heights = [view.editor.blockBoundingRect(block).height()
               for _turn, block, *_rest in view.visible_blocks()][:3]
    for (number, _y, count), height in zip(narrow, heights):
        assert height > count * layout.line_spacing + layout.top_gap(number)


def test_a_click_in_the_spaced_text_lands_in_the_turn_clicked(make_view):
    view = make_view(small_project())
    point = first_line_point(view, 3, 60)
    QTest.mouseClick(view.editor.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point)
    assert view.current_turn() == 3
    assert 0 < view.cursor_offset() < len("Big news indeed, really big.")


def test_focusing_a_far_turn_brings_it_into_view(make_view):
    project = uniform_project(300)
    view = make_view(project)
    view.set_following(False)
    view.focus_turn(250, 5)
    rect = view.editor.cursorRect()
    assert 0 <= rect.top() and rect.bottom() <= view.editor.viewport().height()
    assert (view.current_turn(), view.cursor_offset()) == (250, 5)


# -- turn times kept in order, the cursor after opening and after undo, empty transcripts --

def starts(project: Project) -> list[tuple[int, bool]]:
    return [(turn.start, turn.estimated) for turn in project.turns]


def test_a_turn_start_outside_its_neighbours_changes_nothing_and_says_why(make_view, qtbot):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, 3)
    before = starts(project)
    with qtbot.waitSignal(view.problem) as blocker:
        view.set_current_turn_start(50_000)       # past turn 4's confirmed 45 s
    assert "cannot start" in blocker.args[0] and "\n" not in blocker.args[0]
    assert starts(project) == before and len(project.history) == 0


def test_set_project_puts_the_cursor_at_the_start_of_the_first_turn(make_view):
    view = make_view(uniform_project(100))
    view.focus_turn(80, 3)                      # scrolled down, the cursor far in
    assert view.editor.verticalScrollBar().value() > 0
    view.set_project(uniform_project(200))
    assert (view.current_turn(), view.cursor_offset()) == (0, 0)
    assert view.editor.verticalScrollBar().value() == 0


def test_the_bare_view_leaves_ctrl_return_and_ctrl_backspace_to_the_window(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(1, len("Thanks"))
    QTest.keyClick(view.editor, Qt.Key.Key_Return, CTRL)
    view.focus_turn(3, 0)
    QTest.keyClick(view.editor, Qt.Key.Key_Backspace, CTRL)
    assert [turn.text for turn in project.turns] == [turn.text for turn in small_project().turns]
    view.focus_turn(3, len("Big news"))
    QTest.keyClick(view.editor, Qt.Key.Key_Return)            # plain Return: a paragraph
    assert project.turns[3].text == "Big news\n indeed, really big." and len(project.turns) == 7


def test_typing_into_an_empty_transcript_starts_the_first_turn(make_view):
    project = uniform_project(0)
    view = make_view(project)
    assert not view.editor.isReadOnly() and view.editor.hint()
    view.editor.setFocus()
    QTest.keyClicks(view.editor, "Hi there")
    assert [(t.start, t.speaker, t.text) for t in project.turns] == [(0, "a", "Hi there")]
    assert view.editor.toPlainText() == "Hi there"
    assert (view.current_turn(), view.cursor_offset()) == (0, len("Hi there"))
    while project.history.undo():
        pass
    assert project.turns == [] and view.editor.toPlainText() == ""


def test_an_input_method_commit_into_an_empty_transcript_starts_the_first_turn(make_view):
    project = uniform_project(0)
    view = make_view(project)
    view.editor.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("Grüße")
    QApplication.sendEvent(view.editor, event)
    assert [turn.text for turn in project.turns] == ["Grüße"]
    assert view.editor.toPlainText() == "Grüße"


def test_undo_and_redo_put_the_cursor_where_the_text_changed(make_view):
    project = small_project()
    view = make_view(project)
    view.focus_turn(3, len("Big news"))
    QTest.keyClicks(view.editor, "!!")
    view.focus_turn(0, 0)
    project.history.undo()
    assert (view.current_turn(), view.cursor_offset()) == (3, len("Big news"))
    view.focus_turn(1, 2)
    project.history.redo()
    assert (view.current_turn(), view.cursor_offset()) == (3, len("Big news"))
    assert project.turns[3].text == "Big news!! indeed, really big."


# -- the gutter's repaints ----------------------------------------------------------

class _PaintRecorder(QObject):
    """The rectangles of every paint event of the object it watches."""

    def __init__(self, watched) -> None:
        super().__init__(watched)
        self.rects = []
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def gutter_on_screen(view: TranscriptView):
    """The gutter's pixels as they are on the screen (not painted afresh)."""
    gutter = view.gutter
    corner = gutter.mapTo(view.window(), QPoint(0, 0))
    return view.screen().grabWindow(view.window().winId(), corner.x(), corner.y(),
                                    gutter.width(), gutter.height()).toImage()


def test_a_renamed_speaker_is_painted_as_a_fresh_view_paints_the_name(make_view, qtbot):
    project = small_project()
    view = make_view(project)
    qtbot.wait(50)
    history = project.history
    for name in ("Annabel Longname-Fitzgerald of the Western Isles", "Ann", "Annie"):
        history.push(SetSpeakerField(project, "ann", "name", name))
        QApplication.processEvents()
        fresh = make_view(project)
        qtbot.wait(50)
        assert gutter_on_screen(view) == gutter_on_screen(fresh), name
    long_name = "Annabel Longname-Fitzgerald of the Western Isles"
    history.push(SetSpeakerField(project, "ann", "name", long_name))
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)     # the same name, elided at another size
    view.setFont(font)
    QApplication.processEvents()
    fresh = make_view(project)
    fresh.setFont(font)
    qtbot.wait(50)
    assert gutter_on_screen(view) == gutter_on_screen(fresh)
    shown = view.gutter.elided_name(long_name)
    assert shown != long_name and shown.endswith("\u2026")
    assert QFontMetricsF(view.gutter.bold_font()).horizontalAdvance(shown) <= view.gutter.speaker_width


def test_a_keystroke_inside_a_line_repaints_no_time_or_name(make_view, qtbot):
    project = uniform_project(40)
    view = make_view(project)
    view.focus_turn(1, 5)
    qtbot.wait(50)
    painted = _PaintRecorder(view.gutter)
    type_text(view.editor, "xy")
    QApplication.processEvents()
    assert project.turns[1].text.startswith("Turn xy")
    assert painted.rects == []


def test_a_keystroke_that_wraps_repaints_the_rows_below_and_they_show_right(make_view, qtbot):
    project = uniform_project(40)
    view = make_view(project)
    view.focus_turn(1, 5)
    qtbot.wait(50)
    painted = _PaintRecorder(view.gutter)
    third_turn_top = first_line_point(view, 2, 1).y()
    before_lines = view.editor.document().findBlockByNumber(1).layout().lineCount()
    type_text(view.editor, " more" * 40)
    QApplication.processEvents()
    assert view.editor.document().findBlockByNumber(1).layout().lineCount() > before_lines
    assert painted.rects, "the rows below the wrapped line moved, but nothing was repainted"
    assert min(rect.top() for rect in painted.rects) <= third_turn_top
    assert max(rect.bottom() for rect in painted.rects) >= view.gutter.height() - 1
    fresh = make_view(project)
    qtbot.wait(50)
    assert gutter_on_screen(view) == gutter_on_screen(fresh)
    # and back: the text shrinks, the rows below move up
    for _ in range(len(" more") * 40):
        QTest.keyClick(view.editor, Qt.Key.Key_Backspace)
    QApplication.processEvents()
    fresh = make_view(project)
    qtbot.wait(50)
    assert gutter_on_screen(view) == gutter_on_screen(fresh)
