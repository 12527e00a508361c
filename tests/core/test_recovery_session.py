"""A recovery session follows one open project: an edit makes a copy within the
schedule, a save or an undo back to the saved state removes it, a Save As moves
it, and closing without saving on purpose discards it."""
from __future__ import annotations

import pytest

from editor.core import commands as C
from editor.core.ondisk import fingerprint
from editor.core.projectfile import save_project
from editor.core.recovery import RecoveryStore, recovery_key
from editor.core.recoverywriter import RecoverySession, RecoveryWriter

from helpers import dump, small_project


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def setting(tmp_path):
    store = RecoveryStore(tmp_path / "recovery")
    failures = []
    writer = RecoveryWriter(store, on_failed=failures.append)
    project = small_project()
    save_project(project, tmp_path / "talk.showscribe.yaml")
    clock = FakeClock()
    session = RecoverySession(project, writer, fingerprint(project.path), clock=clock)
    yield project, session, store, clock
    writer.close()
    assert failures == []


def copy_of(store, session):
    session.writer.flush(10)
    path = store.path_for(session.key)
    return store.read(path) if path.exists() else None


def test_an_edit_is_copied_once_typing_pauses(setting):
    project, session, store, clock = setting
    assert session.tick() is None
    project.history.push(C.SetTurnText(project, 0, "Welcome back, everyone."))
    assert session.tick() == pytest.approx(1.0)
    clock.now += 0.5
    assert session.tick() == pytest.approx(0.5)
    assert copy_of(store, session) is None          # not yet due
    clock.now += 0.5
    assert session.tick() is None                   # taken; nothing pending
    copy = copy_of(store, session)
    assert dump(copy.restore()) == dump(project)
    assert copy.base == session.base
    assert session.key == recovery_key(project.path)


def test_a_save_or_an_undo_to_the_saved_state_removes_the_copy(setting):
    project, session, store, clock = setting
    project.history.push(C.SetTurnText(project, 0, "Changed."))
    clock.now += 2
    session.tick()
    assert copy_of(store, session) is not None
    project.history.undo()                          # back to what is on disk
    assert copy_of(store, session) is None and session.tick() is None
    project.history.redo()
    clock.now += 2
    session.tick()
    assert copy_of(store, session) is not None
    save_project(project, project.path)
    session.saved(fingerprint(project.path))
    assert copy_of(store, session) is None and session.tick() is None


def test_a_save_as_moves_the_copy_to_the_new_name(setting, tmp_path):
    project, session, store, clock = setting
    old_key = session.key
    project.history.push(C.SetTurnText(project, 0, "Changed."))
    clock.now += 2
    session.tick()
    project.history.push(C.SetTurnText(project, 1, "Changed too."))
    save_project(project, tmp_path / "renamed.showscribe.yaml")
    session.saved(fingerprint(project.path))
    assert session.key == recovery_key(tmp_path / "renamed.showscribe.yaml") != old_key
    assert store.copies() == []
    project.history.push(C.SetTurnText(project, 2, "After the Save As."))
    clock.now += 2
    session.tick()
    assert copy_of(store, session).project_path == tmp_path / "renamed.showscribe.yaml"


def test_closing_without_saving_discards_and_write_now_writes_at_once(setting):
    project, session, store, clock = setting
    project.history.push(C.SetTurnText(project, 0, "Unsaved."))
    path = session.write_now()                      # before a Reload, say
    assert store.read(path).project.turns[0].text == "Unsaved."
    assert session.tick() is None                   # that write counts as the snapshot
    session.discard()
    assert copy_of(store, session) is None
    project.history.push(C.SetTurnText(project, 0, "After the close."))
    clock.now += 5
    assert session.tick() is None                   # no longer following the project
    assert copy_of(store, session) is None


def test_a_restored_or_imported_project_is_copied_without_a_new_edit(tmp_path):
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store)
    project = small_project()
    project.history.set_unsaved()                   # made by an import: never saved
    clock = FakeClock()
    session = RecoverySession(project, writer, clock=clock)
    assert session.key.startswith("untitled-")
    clock.now += 2
    session.tick()
    writer.flush(10)
    assert store.read(store.path_for(session.key)).project_path is None
    writer.close()
