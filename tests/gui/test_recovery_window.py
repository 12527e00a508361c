"""Never losing work, in the window: recovery copies kept while typing and
removed by a save or a deliberate close, the Restore / Discard / Decide later
offer on open and at start, the changed-on-disk question (before a save and on
focus), one window per project, and the changed-audio-length warning.

Questions are answered through ``window.safekeeping.ask``; everything else is
the real window, real files and real libvlc."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from editor.core.commands import AddChapter, SetTurnText
from editor.core.model import Chapter
from editor.core.projectdump import project_to_data
from editor.core.projectfile import load_project
from editor.core.projectlock import acquire
from editor.core.recovery import RecoveryStore, recovery_key, take_snapshot
from editor.gui import safekeeping as sk

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch) -> Path:
    """Recovery copies and locks of this test only."""
    monkeypatch.setenv("SHOWSCRIBE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SHOWSCRIBE_RUNTIME_DIR", str(tmp_path / "runtime"))
    return tmp_path / "data" / "recovery"


class Answers:
    """Answers the window's questions in order, and remembers what was asked."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str, str, list[str]]] = []

    def __call__(self, title, text, detail, choices):
        self.asked.append((title, text, detail, choices))
        assert self.answers, f"unexpected question: {title}: {text}"
        answer = self.answers.pop(0)
        assert answer in choices
        return answer


def type_into_turn(qtbot, window, index: int, text: str) -> None:
    window.transcript.focus_turn(index, len(window.project.turns[index].text))
    qtbot.waitUntil(lambda: window.transcript.current_turn() == index)
    QTest.keyClicks(QApplication.focusWidget(), text)


def copy_path(project_path: Path) -> Path:
    return RecoveryStore().path_for(recovery_key(project_path))


def problems_of(window) -> list[str]:
    said: list[str] = []
    window.safekeeping.problem.connect(said.append)
    return said


def leave_a_copy(project_path: Path, typed: str) -> str:
    """A recovery copy of ``project_path`` as a crash leaves it: the first turn
    typed into and a chapter added. Returns the typed turn's text."""
    project = load_project(project_path)
    text = project.turns[0].text + typed
    project.history.push(SetTurnText(project, 0, text))
    project.history.push(AddChapter(project, Chapter(start=1000, title="Recovered")))
    RecoveryStore().write(take_snapshot(project, recovery_key(project_path)))
    return text


# -- continuous recovery ---------------------------------------------------------------

def test_typing_writes_a_copy_within_two_seconds_and_save_removes_it(window, qtbot,
                                                                     sample_copy):
    copy = copy_path(sample_copy)
    started = time.monotonic()
    type_into_turn(qtbot, window, 1, " Bees!")
    qtbot.waitUntil(copy.exists, timeout=2000)
    assert time.monotonic() - started < 2.0
    window.safekeeping.flush()
    recovered = RecoveryStore().read(copy).project
    assert project_to_data(recovered) == project_to_data(window.project)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    assert not copy.exists()


def test_typing_takes_no_snapshot_until_the_timer(window, qtbot, sample_copy, monkeypatch):
    taken = []
    real = sk.RecoverySession.tick
    monkeypatch.setattr(sk.RecoverySession, "tick",
                        lambda self: taken.append(time.monotonic()) or real(self))
    type_into_turn(qtbot, window, 1, " one two")
    assert taken == []          # every keystroke only starts a timer
    qtbot.waitUntil(lambda: copy_path(sample_copy).exists(), timeout=2500)
    assert taken


def test_closing_without_saving_removes_the_copy(window, qtbot, sample_copy, monkeypatch):
    type_into_turn(qtbot, window, 1, " gone")
    copy = copy_path(sample_copy)
    qtbot.waitUntil(copy.exists, timeout=2500)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *args, **kw: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not copy.exists()


def test_undo_back_to_the_saved_text_removes_the_copy(window, qtbot, sample_copy):
    type_into_turn(qtbot, window, 1, "x")
    copy = copy_path(sample_copy)
    qtbot.waitUntil(copy.exists, timeout=2500)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert not window.isWindowModified()
    assert not copy.exists()


# -- restore on open and at start --------------------------------------------------------

def test_restore_on_open_gives_unsaved_changes_that_undo(make_window, sample_copy):
    saved_text = load_project(sample_copy).turns[0].text
    typed = leave_a_copy(sample_copy, " Recovered words.")
    window = make_window()
    answers = window.safekeeping.ask = Answers(sk.RESTORE)
    assert window.open_path(sample_copy)
    title, text, detail, choices = answers.asked[0]
    assert choices == [sk.RESTORE, sk.DISCARD, sk.LATER]
    assert sample_copy.name in text
    assert "1 turn changed, 1 chapter added" in detail and "Written 20" in detail
    assert window.project.path == sample_copy
    assert window.project.turns[0].text == typed
    assert window.isWindowModified()
    window.project.history.undo()
    window.project.history.undo()
    assert window.project.turns[0].text == saved_text
    assert not window.isWindowModified()     # back at the saved file
    assert not copy_path(sample_copy).exists()


def test_discard_removes_the_copy_and_opens_the_saved_file(make_window, sample_copy):
    leave_a_copy(sample_copy, " nope")
    window = make_window()
    window.safekeeping.ask = Answers(sk.DISCARD)
    assert window.open_path(sample_copy)
    assert project_to_data(window.project) == project_to_data(load_project(sample_copy))
    assert not copy_path(sample_copy).exists()


def test_decide_later_keeps_the_copy_through_new_edits_and_saves(make_window, sample_copy,
                                                                qtbot):
    leave_a_copy(sample_copy, " later")
    copy = copy_path(sample_copy)
    kept = copy.read_bytes()
    window = make_window()
    window.safekeeping.ask = Answers(sk.LATER)
    assert window.open_path(sample_copy)
    type_into_turn(qtbot, window, 2, " new")
    qtbot.waitUntil(lambda: window.safekeeping.last_written is not None, timeout=2500)
    assert window.files.save()
    window.safekeeping.flush()
    assert copy.read_bytes() == kept


def test_an_unreadable_copy_is_reported_and_kept_aside(make_window, sample_copy):
    copy = copy_path(sample_copy)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(b'{"showscribe-recovery": 1, "key": ')
    window = make_window()
    said = problems_of(window)
    window.safekeeping.ask = Answers()
    assert window.open_path(sample_copy)
    assert len(said) == 1 and str(copy) in said[0] and "\n" not in said[0]
    assert not copy.exists()
    assert copy.with_name(copy.name + ".broken").read_bytes() == \
        b'{"showscribe-recovery": 1, "key": '


def test_at_start_a_copy_of_another_project_is_offered(make_window, sample_copy, tmp_path):
    typed = leave_a_copy(sample_copy, " from the crash")
    window = make_window()
    answers = window.safekeeping.ask = Answers(sk.RESTORE)
    restored = window.safekeeping.offer_at_start(tmp_path / "other.showscribe.yaml")
    assert restored is not None and window.show_recovered(restored)
    assert answers.asked[0][0] == "Recover Unsaved Changes"
    assert window.project.turns[0].text == typed and window.project.path == sample_copy
    assert window.safekeeping.lock is not None


def test_at_start_the_copy_of_the_project_being_opened_waits_for_it(make_window,
                                                                   sample_copy):
    leave_a_copy(sample_copy, " wait")
    window = make_window()
    window.safekeeping.ask = Answers()
    assert window.safekeeping.offer_at_start(sample_copy) is None
    assert copy_path(sample_copy).exists()


# -- changed on disk ----------------------------------------------------------------------

def change_behind_the_window(path: Path) -> bytes:
    data = path.read_bytes() + b"# changed by another program\n"
    path.write_bytes(data)
    os.utime(path, ns=(time.time_ns() + 5_000_000_000,) * 2)
    return data


def test_save_over_a_changed_file_asks_and_cancel_keeps_both(window, qtbot, sample_copy):
    type_into_turn(qtbot, window, 1, " mine")
    theirs = change_behind_the_window(sample_copy)
    answers = window.safekeeping.ask = Answers(sk.CANCEL)
    assert not window.files.save()
    assert answers.asked[0][0] == "Changed on Disk"
    assert "was changed by another program" in answers.asked[0][1]
    assert sample_copy.read_bytes() == theirs
    assert window.isWindowModified()


def test_save_over_a_changed_file_overwrites_when_asked(window, qtbot, sample_copy):
    type_into_turn(qtbot, window, 1, " mine")
    change_behind_the_window(sample_copy)
    window.safekeeping.ask = Answers(sk.OVERWRITE)
    assert window.files.save()
    assert load_project(sample_copy).turns[1].text.endswith(" mine")
    window.safekeeping.ask = Answers()     # saved by us: no question the next time
    type_into_turn(qtbot, window, 1, "!")
    assert window.files.save()


def test_a_touch_without_a_change_asks_nothing(window, qtbot, sample_copy):
    type_into_turn(qtbot, window, 1, " mine")
    os.utime(sample_copy, ns=(time.time_ns() + 5_000_000_000,) * 2)
    window.safekeeping.ask = Answers()
    assert window.files.save()


def test_reload_keeps_the_unsaved_changes_in_a_recovery_copy(window, qtbot, sample_copy):
    type_into_turn(qtbot, window, 1, " mine")
    mine = project_to_data(window.project)
    change_behind_the_window(sample_copy)
    window.safekeeping.ask = Answers(sk.RELOAD)
    assert not window.files.save()
    assert project_to_data(window.project) == project_to_data(load_project(sample_copy))
    assert not window.isWindowModified()
    kept = RecoveryStore().read(window.safekeeping.last_written)
    assert project_to_data(kept.project) == mine
    assert kept.project_path == sample_copy
    assert not copy_path(sample_copy).exists()   # not offered again on this file


def activate(window) -> None:
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    QApplication.processEvents()


def test_regaining_focus_after_a_change_offers_reload(window, qtbot, sample_copy):
    activate(window)   # nothing changed: nothing asked
    change_behind_the_window(sample_copy)
    answers = window.safekeeping.ask = Answers(sk.RELOAD)
    activate(window)
    qtbot.waitUntil(lambda: bool(answers.asked))
    assert answers.asked[0][0] == "Changed on Disk"
    assert window.project.turns  # reloaded
    assert project_to_data(window.project) == project_to_data(load_project(sample_copy))
    window.safekeeping.ask = Answers()
    activate(window)               # seen now: not asked again


def test_focus_then_overwrite_keeps_the_edits_and_asks_once(window, qtbot, sample_copy):
    type_into_turn(qtbot, window, 1, " mine")
    change_behind_the_window(sample_copy)
    answers = window.safekeeping.ask = Answers(sk.OVERWRITE)
    activate(window)
    qtbot.waitUntil(lambda: bool(answers.asked))
    assert window.project.turns[1].text.endswith(" mine") and window.isWindowModified()
    assert window.files.save()      # no second question
    assert load_project(sample_copy).turns[1].text.endswith(" mine")


# -- one window per project ----------------------------------------------------------------

def test_a_second_window_on_the_same_project_says_so(make_window, sample_copy, monkeypatch,
                                                     tmp_path):
    first = make_window(sample_copy)
    second = make_window()
    answers = second.safekeeping.ask = Answers(sk.CANCEL)
    assert not second.open_path(sample_copy)
    assert "already open in Showscribe (process" in answers.asked[0][1]
    assert second.project.path is None

    second.safekeeping.ask = Answers(sk.READ_ONLY)
    assert second.open_path(sample_copy)
    assert "(read-only)" in second.windowTitle()
    before = sample_copy.read_bytes()
    second.project.history.push(SetTurnText(second.project, 0, "read-only edit"))
    target = tmp_path / "elsewhere.showscribe.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert second.files.save()                 # Save became Save As
    assert sample_copy.read_bytes() == before
    assert load_project(target).turns[0].text == "read-only edit"
    assert "(read-only)" not in second.windowTitle()
    assert first.safekeeping.lock.held


def test_closing_lets_the_lock_go(make_window, sample_copy, monkeypatch):
    first = make_window(sample_copy)
    first.close()
    second = make_window()
    second.safekeeping.ask = Answers()
    assert second.open_path(sample_copy)


def test_opening_another_project_lets_the_first_lock_go(make_window, sample_copy, tmp_path):
    other = tmp_path / "other.showscribe.yaml"
    other.write_bytes(sample_copy.read_bytes())
    first = make_window(sample_copy)
    assert first.open_path(other)
    acquire(sample_copy).release()    # free again


def test_a_lock_left_by_a_killed_process_is_taken_over_silently(make_window, sample_copy):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from editor.core.projectlock import acquire; "
         "lock = acquire(sys.argv[1]); print('held', flush=True); time.sleep(60)",
         str(sample_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        window = make_window()
        window.safekeeping.ask = Answers(sk.CANCEL)
        assert not window.open_path(sample_copy)      # alive: asked
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        window.safekeeping.ask = Answers()           # dead: nothing asked
        assert window.open_path(sample_copy)
        assert window.safekeeping.lock.held
    finally:
        holder.kill()
        holder.wait(timeout=10)


# -- the audio's length ---------------------------------------------------------------------

def test_audio_of_another_length_warns_that_times_may_be_off(make_window, sample_copy):
    text = sample_copy.read_text(encoding="utf-8")
    assert "duration: '00:03:09.597'" in text
    sample_copy.write_text(text.replace("duration: '00:03:09.597'",
                                        "duration: '00:04:00.000'"), encoding="utf-8")
    window = make_window(sample_copy)
    assert window.message_bar.text() == (
        "episode.mp3 is 03:09 long, shorter than the 04:00 this project was made with: "
        "turn and chapter times may be off (was it edited or replaced?)")


def test_audio_of_the_recorded_length_warns_nothing(window):
    assert window.message_bar.text() == ""


def test_decide_later_on_one_project_leaves_the_next_one_keyed_by_its_path(
        make_window, sample_copy, tmp_path, qtbot):
    other = tmp_path / "other.showscribe.yaml"
    other.write_bytes(sample_copy.read_bytes())
    leave_a_copy(sample_copy, " later")
    window = make_window()
    window.safekeeping.ask = Answers(sk.LATER)
    assert window.open_path(sample_copy)
    assert window.open_path(other)
    type_into_turn(qtbot, window, 1, " other")
    qtbot.waitUntil(copy_path(other).exists, timeout=2500)


def test_the_first_save_of_a_new_project_takes_its_lock(make_window, tmp_path, monkeypatch):
    window = make_window()
    window.project.history.push(AddChapter(window.project, Chapter(start=0, title="New")))
    target = tmp_path / "new.showscribe.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save()
    other = make_window()
    other.safekeeping.ask = answers = Answers(sk.CANCEL)
    assert not other.open_path(target)
    assert "already open" in answers.asked[0][1]
