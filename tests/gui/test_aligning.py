"""Audio > Align Transcript to Audio in the window, with an aligner that answers
when the test says so: progress and Cancel in the status bar, the window
responsive meanwhile, the result one undo step applied only to unchanged turns,
and what the audio and the transcript do not share listed."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox

from editor.audio.align import (AlignCancelled, AlignError, AlignmentResult, TurnTime,
                                Untranscribed, Unspoken, WordTime)
from editor.core.commands import SetTurnText
from editor.gui.align_dialogs import AlignDialog, chapter_turns, gap_lines

LISTENER_QUESTIONS = range(18, 26)      # the sample's last chapter: its turns are estimated
UNHEARD = 24                            # the fake aligner is unsure of this one


def heard(turns, unsure=(UNHEARD,), shift=120) -> AlignmentResult:
    """Every turn heard ``shift`` ms after its start (the ones in ``unsure`` not
    sure of, nor of their first word), its words 300 ms apart."""
    out = []
    for index, turn in enumerate(turns):
        confidence = 0.2 if index in unsure else 0.9
        start = turn.start + shift
        # An unsure turn: its first word not heard, the others well.
        words = tuple(WordTime(start + 300 * k, start + 300 * k + 250,
                               confidence if k == 0 else 0.9)
                      for k in range(len(turn.text.split())))
        out.append(TurnTime(start, confidence, words))
    return AlignmentResult(out, duration=189_597)


class FakeAligner:
    """Reports a quarter done, then waits for ``go`` (or a cancel) before answering."""

    def __init__(self, answer=heard, error: Exception | None = None) -> None:
        self.answer = answer
        self.error = error
        self.go = threading.Event()
        self.given = None
        self.cancelled = threading.Event()

    def align(self, audio_path, turns, progress=None, cancel=None):
        self.given = list(turns)
        progress(0.25)
        while not self.go.wait(0.01):
            if cancel.is_set():
                self.cancelled.set()
                raise AlignCancelled("alignment cancelled")
        if self.error is not None:
            raise self.error
        progress(1.0)
        return self.answer(self.given)


@pytest.fixture
def fake(window):
    aligner = FakeAligner()
    window.aligning.make_aligner = lambda language: aligner
    return aligner


def status(window) -> str:
    return window.status_line.currentMessage()


def test_the_action_is_in_the_audio_menu_and_can_be_rebound(window):
    action = window.actions_by_id["align"]
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    audio = next(m for m in menus if m.title() == "&Audio")
    assert action in audio.actions()
    window.settings.set_keymap({"align": ["Ctrl+Alt+A"]})
    window.settings.changed.emit()
    assert action.shortcut().toString() == "Ctrl+Alt+A"


def test_a_run_shows_progress_keeps_the_window_responsive_and_applies_one_undo_step(
        window, fake, qtbot):
    project = window.project
    steps = len(project.history)
    assert window.aligning.start(list(range(len(project.turns))))
    progress = window.aligning.progress
    qtbot.waitUntil(lambda: progress.bar.value() == 25)
    assert progress.isVisible() and progress.cancel_button.isEnabled()
    assert not window.actions_by_id["align"].isEnabled()      # one run at a time
    # Responsive: the playhead moves and the window repaints while it runs.
    window.playback.play()
    qtbot.waitUntil(lambda: window.playback.position_ms() > 300, timeout=4000)
    window.playback.pause()
    assert [t.text for t in fake.given] == [t.text for t in project.turns]

    fake.go.set()
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert not progress.isVisible()
    assert window.actions_by_id["align"].isEnabled()
    assert len(project.history) == steps + 1
    for index, turn in enumerate(project.turns):
        if index in LISTENER_QUESTIONS and index != UNHEARD:
            assert not turn.estimated and turn.start == fake.given[index].start + 120
            assert turn.words is not None and turn.words[1] == 300
    assert project.turns[UNHEARD].estimated and project.turns[UNHEARD].words[0] is None
    assert status(window) == "Aligned 26 turns: 25 confirmed, 1 still estimated"
    assert project.history.undo_text == "Align to audio"

    # The Check tab lists the turn that stayed estimated, and goes there.
    window.actions_by_id["check"].trigger()
    panel = window.publishing.check_panel
    found = [f for f in panel.findings if f.code == "unconfirmed-after-alignment"]
    assert [f.target for f in found] == [("turn", UNHEARD)]
    rows = panel.findChild(QListWidget)
    rows.itemClicked.emit(rows.item(panel.findings.index(found[0])))
    assert window.transcript.current_turn() == UNHEARD

    project.history.undo()
    assert [t.estimated for t in project.turns].count(True) == len(LISTENER_QUESTIONS)
    assert all(t.words is None for t in project.turns)


def test_only_estimated_turns_move_unless_confirmed_ones_are_asked_for(window, fake, qtbot):
    project = window.project
    confirmed, neighbour = project.turns[3].start, project.turns[4].start
    window.aligning.start(list(range(len(project.turns))))
    fake.go.set()
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    # A confirmed turn keeps its start and gets its words' times from it.
    assert project.turns[3].start == confirmed and project.turns[3].words[:2] == (120, 420)

    again = FakeAligner()
    again.go.set()
    window.aligning.make_aligner = lambda language: again
    window.aligning.start([3], all_turns=True)
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert project.turns[3].start == confirmed + 120 and project.turns[3].words[:2] == (0, 300)
    assert project.turns[4].start == neighbour          # not chosen
    assert window.status_line.currentMessage() == "Aligned 1 turn: 1 confirmed, 0 still estimated"


def test_with_every_chosen_turn_confirmed_nothing_runs_and_the_reason_is_said(window, fake):
    assert not window.aligning.start([0, 1, 2])
    assert not window.aligning.is_running() and fake.given is None
    assert status(window).startswith("Nothing to align: every chosen turn is confirmed")


def test_cancel_stops_the_run_and_changes_nothing(window, fake, qtbot):
    project = window.project
    before = [(t.start, t.estimated, t.words) for t in project.turns]
    steps = len(project.history)
    window.aligning.start(list(LISTENER_QUESTIONS))
    progress = window.aligning.progress
    qtbot.waitUntil(lambda: progress.bar.value() == 25)
    QTest.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert fake.cancelled.is_set()
    assert status(window) == "Alignment cancelled; nothing changed"
    assert [(t.start, t.estimated, t.words) for t in project.turns] == before
    assert len(project.history) == steps


def test_an_edit_meanwhile_keeps_the_result_out_and_offers_to_run_again(
        window, fake, qtbot, monkeypatch):
    project = window.project
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.No)
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: window.aligning.progress.bar.value() == 25)
    project.history.push(SetTurnText(project, 20, project.turns[20].text + " Indeed."))
    steps = len(project.history)
    fake.go.set()
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert asked and "not applied" in asked[0]
    assert len(project.history) == steps
    assert all(project.turns[k].estimated for k in LISTENER_QUESTIONS)
    assert status(window) == "The alignment was not applied: the turns changed meanwhile"


def test_run_again_after_an_edit_aligns_the_turns_as_they_are_now(
        window, fake, qtbot, monkeypatch):
    project = window.project
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kw: QMessageBox.StandardButton.Yes)
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: window.aligning.progress.bar.value() == 25)
    project.history.push(SetTurnText(project, 20, project.turns[20].text + " Indeed."))
    second = FakeAligner()
    second.go.set()
    fake.go.set()
    window.aligning.make_aligner = lambda language: second
    qtbot.waitUntil(lambda: second.given is not None and not window.aligning.is_running())
    assert second.given[20].text.endswith(" Indeed.")
    assert not project.turns[20].estimated
    assert len(project.turns[20].words) == len(project.turns[20].text.split())


def test_an_edit_undone_before_the_end_lets_the_result_in(window, fake, qtbot):
    project = window.project
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: window.aligning.progress.bar.value() == 25)
    project.history.push(SetTurnText(project, 20, "Something else."))
    project.history.undo()
    fake.go.set()
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert not project.turns[20].estimated


def test_an_engine_error_is_one_line_and_changes_nothing(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    failing = FakeAligner(error=AlignError("episode.mp3: not audio ffmpeg can read"))
    failing.go.set()
    window.aligning.make_aligner = lambda language: failing
    steps = len(window.project.history)
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert shown == ["episode.mp3: not audio ffmpeg can read"]
    assert len(window.project.history) == steps


def test_a_language_without_a_model_is_said_before_anything_runs(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    window.project.episode.language = "fi"
    assert not window.aligning.start(list(LISTENER_QUESTIONS))
    assert len(shown) == 1 and "'fi'" in shown[0] and "\n" not in shown[0]
    assert not window.aligning.is_running()


def test_another_project_shown_cancels_the_run(window, fake, qtbot, sample_copy):
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: window.aligning.progress.bar.value() == 25)
    window.project.history.set_clean()
    assert window.open_path(sample_copy)
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert fake.cancelled.is_set()
    assert all(window.project.turns[k].estimated for k in LISTENER_QUESTIONS)


def test_what_the_audio_and_the_transcript_do_not_share_is_listed_with_a_way_there(
        window, qtbot):
    def with_gaps(turns):
        result = heard(turns)
        return AlignmentResult(result.turns, unspoken=[Unspoken((20, 2), (21, 1))],
                               untranscribed=[Untranscribed(150_000, 170_000)],
                               duration=result.duration)
    aligner = FakeAligner(answer=with_gaps)
    aligner.go.set()
    window.aligning.make_aligner = lambda language: aligner
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: not window.aligning.is_running())
    assert window.message_bar.text() == ("Alignment found 1 stretch of audio not in the "
                                         "transcript and 1 passage of the transcript not in "
                                         "the audio.")
    window.message_bar.button.click()
    dialog = window.aligning.gaps_dialog
    assert dialog.isVisible()
    lines = [dialog.list.item(k).text() for k in range(dialog.list.count())]
    assert lines[0] == "Audio not in the transcript: 02:30 to 02:50"
    words20, words21 = (window.project.turns[k].text.split() for k in (20, 21))
    quoted = " ".join(words20[2:] + words21[:2])
    assert lines[1].startswith(f"Not in the audio: {window.project.turn_label(20)} to "
                               f"{window.project.turn_label(21)}: \u201c{quoted[:40]}")
    dialog.list.itemClicked.emit(dialog.list.item(0))
    qtbot.waitUntil(lambda: abs(window.playback.position_ms() - 150_000) < 300)
    dialog.list.itemClicked.emit(dialog.list.item(1))
    assert window.transcript.current_turn() == 20


def test_a_long_passage_is_cut_short_in_its_line():
    from projects import small_project
    project = small_project()
    result = AlignmentResult([], unspoken=[Unspoken((0, 0), (6, 6))])
    (text, kind, where), = gap_lines(project, result)
    assert kind == "turn" and where == 0
    assert text.endswith("\u2026\u201d") and len(text) < 200


def test_the_dialog_offers_the_episode_the_chapter_and_the_selection(window, qtbot):
    project = window.project
    assert chapter_turns(project, 20) == LISTENER_QUESTIONS
    assert chapter_turns(project, 0) == range(0, chapter_turns(project, 0).stop)
    dialog = AlignDialog(project, 20, range(4, 7), window)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (list(range(26)), False)
    assert "Listener Questions" in dialog.buttons["chapter"].text()
    dialog.set_scope("chapter")
    dialog.retime_confirmed.setChecked(True)
    assert dialog.chosen() == (list(LISTENER_QUESTIONS), True)
    dialog.set_scope("selection")
    assert dialog.chosen() == ([4, 5, 6], True)


def test_the_dialog_without_chapters_or_turns_there_offers_what_there_is(qtbot):
    from projects import uniform_project
    project = uniform_project(5)
    dialog = AlignDialog(project, 2, range(0), None)
    qtbot.addWidget(dialog)
    assert dialog.buttons["episode"].isEnabled()
    assert not dialog.buttons["chapter"].isEnabled()
    assert not dialog.buttons["selection"].isEnabled()


def test_the_selected_turns_are_the_ones_the_selection_touches(window, qtbot):
    view = window.transcript
    view.select_in_turn(3, 2, 5)
    assert view.selected_turns() == range(3, 4)
    cursor = view.editor.textCursor()
    cursor.setPosition(view.mirror.turn_start_pos(3) + 1)
    cursor.setPosition(view.mirror.turn_start_pos(6) + 1, cursor.MoveMode.KeepAnchor)
    view.editor.setTextCursor(cursor)
    assert view.selected_turns() == range(3, 7)


def test_closing_the_window_stops_a_run(window, fake, qtbot):
    window.aligning.start(list(LISTENER_QUESTIONS))
    qtbot.waitUntil(lambda: window.aligning.progress.bar.value() == 25)
    window.project.history.set_clean()
    started = time.monotonic()
    window.close()
    assert fake.cancelled.is_set() and time.monotonic() - started < 5
    QApplication.processEvents()
