"""What a first day with the editor showed, in the window's own parts: the status
bar's counts, a speaker key with no speaker, the theme, seeks that show their
turn, the playback position kept per project (real key events, real libvlc)."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from window_input import focus_turn

CTRL = Qt.KeyboardModifier.ControlModifier


def test_counts_say_one_turn_and_many_turns():
    from editor.gui.statusline import counted
    assert counted(1, "turn") == "1 turn"
    assert counted(0, "turn") == "0 turns"
    assert counted(5000, "word") == "5,000 words"


def test_a_new_project_says_1_turn_in_the_status_bar(make_window, sample_copy, qtbot):
    window = make_window()
    window.new_from_audio(sample_copy.parent / "audio" / "episode.mp3")
    qtbot.waitUntil(lambda: window.status_line.turns_label.text() == "1 turn")
    assert window.status_line.words_label.text() == "0 words"


def test_a_speaker_key_with_no_speaker_says_so(window, qtbot):
    focus_turn(qtbot, window, 1)
    speaker = window.project.turns[1].speaker
    assert window.speaker_for_slot(7) is None
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_7, CTRL)
    message = window.status_line.currentMessage()
    assert message == ("No speaker has Ctrl+7 yet: give a speaker that key in the "
                       "Speakers tab.")
    assert window.project.turns[1].speaker == speaker
    assert not window.project.history.can_undo


@pytest.fixture
def restored_palette(qapp):
    """The application's palette and colour scheme as they were, after the test."""
    from editor.gui.theme import apply_theme
    yield
    apply_theme("system")


def test_the_theme_chosen_in_preferences_colours_the_window(window, qtbot, restored_palette):
    from editor.gui.preferences import PreferencesDialog
    from editor.gui.transcript.colors import is_dark
    desktop_base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert not is_dark(window.transcript.palette())     # the test platform is light

    def choose(theme: str) -> None:
        dialog = PreferencesDialog(window.settings, window)
        dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
        dialog.accept()

    choose("dark")
    assert is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: is_dark(window.transcript.palette()))
    choose("light")
    qtbot.waitUntil(lambda: not is_dark(window.transcript.palette()))
    choose("system")
    assert QApplication.palette().color(QPalette.ColorRole.Base) == desktop_base


def _turns_in_view(window) -> set[int]:
    return {turn for turn, _block, _top, _height, starts in window.transcript.visible_blocks()
            if starts}


def _scroll_to_top_not_following(window, qtbot) -> None:
    window.transcript.set_following(False)
    window.transcript.editor.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: 0 in _turns_in_view(window))


def test_a_waveform_click_shows_its_turn_with_following_off(window, qtbot):
    _scroll_to_top_not_following(window, qtbot)
    strip = window.waveform
    qtbot.waitUntil(lambda: strip.duration_ms() is not None)
    x = strip.width() * 0.8
    QTest.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(round(x), strip.height() // 2))
    position = window.playback.position_ms()
    assert position > strip.duration_ms() * 0.6
    turn = window.project.turn_at(position)
    assert turn > 0 and window.transcript.playing_turn() == turn
    qtbot.waitUntil(lambda: turn in _turns_in_view(window))
    assert not window.transcript.is_following()


def test_a_chapter_time_and_f2_show_their_turn_with_following_off(window, qtbot):
    _scroll_to_top_not_following(window, qtbot)
    table = window.chapters_panel.table
    row = len(window.project.chapters) - 1
    rect = table.visualRect(window.chapters_panel.model.index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    turn = window.project.turn_at(window.project.chapters[row].start)
    qtbot.waitUntil(lambda: turn in _turns_in_view(window))
    assert not window.transcript.is_following()
    _scroll_to_top_not_following(window, qtbot)
    window.transcript.focus_turn(0)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    turn = window.project.turn_at(window.playback.position_ms())
    qtbot.waitUntil(lambda: turn in _turns_in_view(window))
    assert not window.transcript.is_following()


def test_the_playback_position_is_kept_per_project(make_window, sample_copy, qtbot, tmp_path):
    first = make_window(sample_copy)
    first.playback.seek(42_000)
    first.close()
    assert not first.isVisible()

    again = make_window(sample_copy)
    qtbot.waitUntil(lambda: abs(again.playback.position_ms() - 42_000) <= 50)
    assert again.status_line.position_label.text() == "00:42"
    turn = again.project.turn_at(42_000)
    qtbot.waitUntil(lambda: turn in _turns_in_view(again))

    # Another project starts at its own place, and leaving one keeps its place.
    other_dir = tmp_path / "other"
    shutil.copytree(sample_copy.parent, other_dir)
    again.playback.seek(12_000)
    assert again.open_path(other_dir / sample_copy.name)
    qtbot.waitUntil(lambda: again.playback.has_media)
    qtbot.wait(100)
    assert again.playback.position_ms() == 0
    assert abs(again.settings.playback_position(sample_copy) - 12_000) <= 50


def test_a_new_project_from_audio_keeps_the_old_projects_place(window, sample_copy, qtbot):
    window.playback.seek(33_000)
    window.new_from_audio(sample_copy.parent / "audio" / "episode.mp3")
    qtbot.waitUntil(lambda: window.playback.has_media)
    assert abs(window.settings.playback_position(sample_copy) - 33_000) <= 50


def test_the_window_is_painted_before_libvlc_starts(qtbot, libvlc, headless_vlc, sample_copy):
    """Starting libvlc can take seconds on a first start: the window must be drawn
    first, not left black meanwhile."""
    from PySide6.QtCore import QEvent, QObject

    from editor.gui.mainwindow import MainWindow, default_player
    from editor.gui.settings import Settings

    painted = []
    painted_when_started = []

    class PaintSeen(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                painted.append(True)
            return False

    def make_player(on_event):
        painted_when_started.append(bool(painted))
        return default_player(on_event)

    window = MainWindow(Settings(), make_player=make_player)
    watcher = PaintSeen()
    window.installEventFilter(watcher)
    qtbot.addWidget(window, before_close_func=lambda w: w.project.history.set_clean())
    assert window.open_path(sample_copy)
    window.show()
    qtbot.waitUntil(lambda: window.playback.has_media, timeout=5000)
    assert painted_when_started == [True]
