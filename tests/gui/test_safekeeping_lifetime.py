"""The recovery writer's thread ends with its window, however the window ends:
closed, deleted without a close event, garbage-collected, or the app quitting.
A writer left running into freed Qt objects is what crashes a process at
teardown (docs/recovery.md, "In the window")."""
from __future__ import annotations

import gc
import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from editor.core.commands import SetTurnText
from editor.core.model import Project, Speaker, Turn
from editor.core.recovery import RecoveryStore
from editor.gui.safekeeping import Safekeeping

ROUNDS = 25


def writers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "recovery-writer" and t.is_alive()]


def new_writer(before: list[threading.Thread]) -> threading.Thread:
    """The one writer started since ``before`` was taken (a writer of an earlier
    test's window may end meanwhile, so counts would not tell)."""
    started = [t for t in writers() if t not in before]
    assert len(started) == 1, started
    return started[0]


def edited_project() -> Project:
    project = Project()
    project.speakers = [Speaker("ann", "Ann", "#2563eb", None)]
    project.turns = [Turn(0, "ann", "Hello there.")]
    project.history.push(SetTurnText(project, 0, "Hello there, edited."))
    return project


def delete_later(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def delete_now(widget: QWidget) -> None:
    shiboken6.delete(widget)


def collect(widget: QWidget) -> None:
    pass     # the caller drops its last reference; gc.collect() follows


ENDINGS = {"deleteLater": delete_later, "deleted at once": delete_now,
           "garbage-collected": collect}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_no_writer_outlives_a_window_that_is_never_closed(qapp, tmp_path, ending):
    store = RecoveryStore(tmp_path / "recovery")
    for round_ in range(ROUNDS):
        before = writers()
        window = QWidget()
        keeper = Safekeeping(window, store=store)
        keeper.shown(edited_project())
        writer = new_writer(before)
        ENDINGS[ending](window)
        del window, keeper
        gc.collect()
        assert not writer.is_alive(), f"a writer outlived its window (round {round_})"


def test_a_snapshot_waiting_when_the_window_is_deleted_is_written_first(qapp, tmp_path):
    before = writers()
    store = RecoveryStore(tmp_path / "recovery")
    window = QWidget()
    keeper = Safekeeping(window, store=store)
    project = edited_project()
    keeper.shown(project)
    writer = new_writer(before)
    keeper.session.schedule.edited(0.0)      # due long ago: the next tick submits it
    keeper.session.tick()
    key = keeper.session.key
    delete_now(window)
    assert not writer.is_alive()
    copy = store.read(store.path_for(key))
    assert copy.project.turns[0].text == "Hello there, edited."
    project.history.push(SetTurnText(project, 0, "After the window went."))   # no crash


def test_the_app_quitting_ends_the_writer(qapp, tmp_path):
    before = writers()
    window = QWidget()
    keeper = Safekeeping(window, store=RecoveryStore(tmp_path / "recovery"))
    keeper.shown(edited_project())
    writer = new_writer(before)
    QApplication.instance().aboutToQuit.emit()
    assert not writer.is_alive()
    keeper.shutdown()      # the close event after the quit does nothing more
    assert keeper.lock is None
    delete_now(window)


@pytest.mark.parametrize("ending", ["deleteLater", "deleted at once"])
def test_main_windows_deleted_without_closing_leave_no_writer(qapp, libvlc, headless_vlc,
                                                             sample_copy, ending):
    from editor.gui.mainwindow import MainWindow
    from editor.gui.settings import Settings

    for round_ in range(5):
        before = writers()
        window = MainWindow(Settings())
        assert window.open_path(sample_copy)
        window.project.history.push(SetTurnText(window.project, 0, f"Edit {round_}."))
        assert window.safekeeping.lock is not None
        writer = new_writer(before)
        ENDINGS[ending](window)
        del window
        gc.collect()
        assert not writer.is_alive(), f"a writer outlived its window (round {round_})"
    # Each window let its lock go: a new one opens the project for editing.
    window = MainWindow(Settings())
    assert window.safekeeping.lock_for_opening(sample_copy) is True
    window.safekeeping.shutdown()
    delete_now(window)
