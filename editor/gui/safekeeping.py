"""Keeping the window's work safe: recovery copies, the project file changed on
disk, and one window per project (docs/recovery.md).

:class:`Safekeeping` drives the core's :class:`RecoverySession` from a timer (the
snapshot is taken on the GUI thread, written on the recovery writer's thread),
offers a recovery copy when a project is opened or the app starts (Restore /
Discard / Decide later), remembers the project file's fingerprint at open and
at each save, asks Reload / Overwrite / Save As when another program changed
the file (before a save, and when the window regains focus), and holds the
project's lock. A project another Showscribe holds opens read-only: it can be
edited, and its recovery copy is kept apart from the other window's, but Save
becomes Save As.

Questions go through ``ask(title, text, detail, choices) -> choice``, so tests
answer them without a modal dialog. Emits ``problem(message)`` with one-line
messages for the window's status line (a recovery copy that could not be
written or read), ``written(path)`` for each copy written, and
``read_only_changed(bool)``.

Lifetime: the writer's thread touches no Qt object (its reports wait in a plain
queue that a timer reads on the GUI thread), and it ends with the window however
the window ends: :meth:`Safekeeping.shutdown` from the close event or the app's
quit, else the ``destroyed`` signal (a window deleted without being closed), else
the finalizer when the window is collected or the interpreter exits. What these
run holds no Qt object either.
"""
from __future__ import annotations

import math
import queue
import weakref
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.model import Project
from editor.core.ondisk import Fingerprint, audio_length_problem, changed_on_disk, fingerprint
from editor.core.projectfile import load_project
from editor.core.projectlock import LockedError, ProjectLock, acquire
from editor.core.recovery import (RecoveryCopy, RecoveryError, RecoveryStore, differences,
                                  untitled_key)
from editor.core.recoverywriter import QUIET_S, RecoverySession, RecoveryWriter

RESTORE, DISCARD, LATER = "Restore", "Discard", "Decide Later"
RELOAD, OVERWRITE, SAVE_AS, CANCEL = "Reload", "Overwrite", "Save As...", "Cancel"
READ_ONLY = "Open Read-Only"
POLL_MS = 50     # how often the writer's reports are read while it works

Ask = Callable[[str, str, str, list[str]], str]


def ask_with_message_box(parent: QWidget) -> Ask:
    """A modal question with one button per choice; the first is the default, the
    last is what Esc picks."""
    # Weakly: the window holds this through its Safekeeping, and a strong reference
    # back would leave the window to the cycle collector, which clears the Python
    # side of its widgets while Qt still calls them.
    window = weakref.ref(parent)

    def ask(title: str, text: str, detail: str, choices: list[str]) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=window())
        if detail:
            box.setInformativeText(detail)
        buttons = [box.addButton(choice, QMessageBox.ButtonRole.ActionRole)
                   for choice in choices]
        box.setDefaultButton(buttons[0])
        box.setEscapeButton(buttons[-1])
        box.exec()
        clicked = box.clickedButton()
        return choices[buttons.index(clicked)] if clicked in buttons else choices[-1]
    return ask


class _ReportingWriter(RecoveryWriter):
    """A writer whose removals never raise: the session removes copies from inside
    the history's signal, where a failure must be a message, not an exception."""

    def remove(self, key: str) -> None:
        try:
            super().remove(key)
        except RecoveryError as exc:
            if self.on_failed:
                self.on_failed(str(exc))


class _Ending:
    """What must end with the window, whichever way it ends: the session, the
    writer's thread and the lock. Holds no Qt object, so that it can run from a
    ``destroyed`` signal or a finalizer; running it again does nothing."""

    def __init__(self, writer: RecoveryWriter) -> None:
        self.writer = writer
        self.session: RecoverySession | None = None
        self.lock: ProjectLock | None = None
        self.done = False

    def __call__(self, *_args) -> None:
        self.done = True
        if self.session is not None:
            self.session.close()
            self.session = None
        self.writer.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class Safekeeping(QObject):
    problem = Signal(str)
    written = Signal(object)
    read_only_changed = Signal(bool)

    def __init__(self, window: QWidget, *, ask: Ask | None = None,
                 store: RecoveryStore | None = None) -> None:
        super().__init__(window)
        self.ask: Ask = ask or ask_with_message_box(window)
        self.store = store or RecoveryStore()
        # Filled on the writer's thread, read on this one: a plain queue, no Qt.
        self._reports: queue.SimpleQueue[tuple[bool, object]] = queue.SimpleQueue()
        reports = self._reports
        self.writer = _ReportingWriter(self.store,
                                       on_written=lambda path: reports.put((True, path)),
                                       on_failed=lambda message: reports.put((False, message)))
        self._ending = _Ending(self.writer)
        self.destroyed.connect(self._ending)
        weakref.finalize(self, self._ending)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.base: Fingerprint | None = None
        self.read_only = False
        self.last_written: Path | None = None
        self.last_failure: str | None = None
        self._project: Project | None = None
        self._keep_key = False     # the session writes under a key of its own
        self._keep_next = False    # the project about to be shown has a copy kept for later
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.timeout.connect(self._read_reports)

    @property
    def session(self) -> RecoverySession | None:
        return self._ending.session

    @session.setter
    def session(self, session: RecoverySession | None) -> None:
        self._ending.session = session

    @property
    def lock(self) -> ProjectLock | None:
        return self._ending.lock

    @lock.setter
    def lock(self, lock: ProjectLock | None) -> None:
        self._ending.lock = lock

    # -- opening -------------------------------------------------------------------

    def lock_for_opening(self, path: Path) -> bool | None:
        """Take ``path``'s lock before it is shown: True to open it for editing,
        False to open it read-only, None when the person chose not to open it."""
        if self.lock is not None and self.lock.project == Path(path).resolve():
            return True
        try:
            lock = acquire(path)
        except LockedError as exc:
            answer = self.ask("Project Already Open", str(exc),
                              "Read-only: you can edit, but Save becomes Save As.",
                              [READ_ONLY, CANCEL])
            return False if answer == READ_ONLY else None
        except OSError as exc:
            # No lock folder: the project still opens, unguarded, and says so.
            self.problem.emit(f"{path}: cannot lock the project "
                              f"({exc.strerror or exc}); check that no other window has it open")
            return True
        self._release_lock()
        self.lock = lock
        return True

    def offer_recovery(self, project: Project) -> Project:
        """The project to show for the file just loaded: its recovery copy when the
        person restores it, else ``project``."""
        if project.path is None:
            return project
        copy, problem = self.store.find(project.path)
        if problem:
            self.problem.emit(problem)
        if copy is None:
            return project
        answer = self._offer(copy, project)
        if answer == RESTORE:
            return copy.restore()
        if answer == DISCARD:
            self._remove_copy(copy)
        else:
            # Decide later: the copy stays as it is; this window's edits go to a
            # copy of their own so that they never write over it.
            self._keep_next = True
        return project

    def offer_at_start(self, skip: Path | None) -> Project | None:
        """At start, offer the recovery copies of other projects (``skip`` is the one
        about to be opened, offered then): the project to show when one is
        restored, else None."""
        copies, problems = self.store.scan()
        for problem in problems:
            self.problem.emit(problem)
        skip_resolved = Path(skip).resolve() if skip else None
        for copy in reversed(copies):    # newest first
            if copy.project_path is not None and copy.project_path.resolve() == skip_resolved:
                continue
            saved = _saved_version(copy.project_path)
            answer = self._offer(copy, saved)
            if answer == RESTORE:
                return copy.restore()
            if answer == DISCARD:
                self._remove_copy(copy)
        return None

    def _offer(self, copy: RecoveryCopy, saved: Project | None) -> str:
        name = copy.project_path.name if copy.project_path else "an unsaved project"
        if saved is not None:
            changes = differences(saved, copy.project).describe()
        else:
            changes = "the project file is not there any more"
        detail = [f"Written {copy.written_text()}: {changes}."]
        changed = copy.saved_file_changed()
        if changed:
            detail.append(f"The saved file {changed} since.")
        if copy.history_note:
            detail.append(copy.history_note[:1].upper() + copy.history_note[1:] + ".")
        return self.ask("Recover Unsaved Changes",
                        f"Showscribe found unsaved changes to {name}.",
                        " ".join(detail), [RESTORE, DISCARD, LATER])

    def _remove_copy(self, copy: RecoveryCopy) -> None:
        self.writer.remove(copy.key)
        self._read_reports()

    def shown(self, project: Project, read_only: bool = False) -> None:
        """``project`` is now the window's: follow it (after :meth:`lock_for_opening`
        and :meth:`offer_recovery`, or for a project made in the window)."""
        if self.session is not None:
            self.session.close()
        self._timer.stop()
        if self._project is not None:
            try:
                self._project.history.changed.disconnect(self._on_history_changed)
            except (RuntimeError, TypeError):
                pass
        if project.path is None or read_only:
            self._release_lock()
        self._project = project
        self.base = _fingerprint_or_none(project.path)
        self.session = RecoverySession(project, self.writer, self.base)
        self._keep_key, self._keep_next = self._keep_next or read_only, False
        if self._keep_key:
            # Another window (or a copy kept for later) owns the project's key.
            self.session.key = untitled_key()
        self._set_read_only(read_only)
        project.history.changed.connect(self._on_history_changed)
        self._on_history_changed()

    def _set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            self.read_only_changed.emit(read_only)

    # -- recovery copies ---------------------------------------------------------------

    def _on_history_changed(self) -> None:
        # Every keystroke lands here: only start the timer (the snapshot waits).
        if self._ending.done or self._project is None:
            return
        if self._project.history.is_clean:
            self._read_reports()     # a copy removed: a removal that failed says so
        elif not self._timer.isActive():
            self._timer.start(round(QUIET_S * 1000))

    def _on_timer_timeout(self) -> None:
        if self.session is None:
            return
        wait = self.session.tick()
        self._read_reports()
        if wait is not None:
            self._timer.start(max(10, math.ceil(wait * 1000)))

    def _read_reports(self) -> None:
        """Take in what the writer reported; look again soon while it works."""
        idle = self.writer.is_idle()    # before reading: an idle writer has reported all
        while True:
            try:
                written, what = self._reports.get_nowait()
            except queue.Empty:
                break
            if written:
                self.last_written, self.last_failure = what, None
                self.written.emit(what)
            else:
                if what != self.last_failure:   # one line per trouble, not one per write
                    self.problem.emit(what)
                self.last_failure = what
        if not idle and not self._ending.done:
            self._poll.start(POLL_MS)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait for the recovery copy being written and take in its report (tests
        and closing)."""
        done = self.writer.flush(timeout)
        self._read_reports()
        return done

    # -- saving --------------------------------------------------------------------

    def may_save_to(self, path: Path, save_as: Callable[[], bool],
                    reload: Callable[[], None]) -> bool:
        """Before saving over ``path``: True to go on. When another program changed
        the file, ask Reload / Overwrite / Save As (the last two do what they say)."""
        project = self._project
        if project is None or project.path is None or Path(path) != project.path:
            return True
        change = changed_on_disk(path, self.base)
        if change is None or change == "was deleted or moved":
            return True    # a file gone is simply written again
        answer = self._ask_changed(path, change, saving=True)
        if answer == OVERWRITE:
            return True
        if answer == SAVE_AS:
            save_as()
        elif answer == RELOAD:
            reload()
        return False

    def saved(self, path: Path) -> None:
        """The project was written to ``path``: new fingerprint, lock, no copy."""
        project = self._project
        self.base = _fingerprint_or_none(path)
        if self.read_only or self.lock is None or self.lock.project != path.resolve():
            # The first save, or Save As to a new file: that file is this window's now.
            self._release_lock()
            try:
                self.lock = acquire(path)
            except (LockedError, OSError) as exc:
                self.problem.emit(str(exc))
            self._set_read_only(False)
        if self.session is None or project is None:
            return
        if self._keep_key:
            # The key's own copy is kept for later: drop only this window's.
            self.session.base = self.base
            self.session.schedule.saved()
            self.writer.remove(self.session.key)
        else:
            self.session.saved(self.base)
        self._read_reports()     # a removal that failed says so now

    def discarded(self) -> None:
        """The person chose not to save: the recovery copy goes."""
        if self.session is None:
            return
        self._timer.stop()
        self.session.discard()
        self.session = None
        self._read_reports()

    # -- changed on disk, on focus ---------------------------------------------------

    def check_on_focus(self, save_as: Callable[[], bool], reload: Callable[[], None]) -> None:
        """The window was activated: ask if another program changed the file."""
        project = self._project
        if self._asking or project is None or project.path is None:
            return
        change = changed_on_disk(project.path, self.base)
        if change is None:
            return
        if change == "was deleted or moved":
            self.problem.emit(f"{project.path}: {change}; Save writes it again")
            self.base = None    # said once
            return
        answer = self._ask_changed(project.path, change, saving=False)
        if answer == RELOAD:
            reload()
        elif answer == SAVE_AS:
            save_as()
        elif answer == OVERWRITE:
            # Keep the edits here and stop asking until the next change there.
            self.base = _fingerprint_or_none(project.path)
            if self.session is not None:
                self.session.base = self.base
            project.history.set_unsaved()

    def _ask_changed(self, path: Path, change: str, saving: bool) -> str:
        self._asking = True
        try:
            detail = ("Reload shows the file as it is now"
                      + (" (your unsaved changes are kept in a recovery copy first)"
                         if self._project is not None and not self._project.history.is_clean
                         else "")
                      + "; Overwrite " + ("saves your version over it" if saving else
                                          "keeps your version, to save over it")
                      + "; Save As keeps both.")
            return self.ask("Changed on Disk", f"{path.name} {change}.", detail,
                            [RELOAD, OVERWRITE, SAVE_AS, CANCEL])
        finally:
            self._asking = False

    def keep_before_reload(self) -> bool:
        """Before a Reload replaces the project: unsaved changes go to a recovery copy
        of their own (offered at the next start). False when that failed."""
        project, session = self._project, self.session
        if project is None or session is None or project.history.is_clean:
            return True
        self._timer.stop()
        session.close()
        old_key, session.key = session.key, untitled_key()
        try:
            path = session.write_now()
        except RecoveryError as exc:
            self.problem.emit(str(exc))
            return False
        if not self._keep_key:
            # The project's own copy would be offered on reopening the file.
            self.writer.remove(old_key)
        self.session = None
        self.last_written = path
        self._read_reports()
        return True

    # -- audio -----------------------------------------------------------------------

    def audio_warning(self, project: Project, measured_ms: int | None) -> str | None:
        name = project.audio_path.name if project.audio_path else "the audio"
        return audio_length_problem(project.audio_duration, measured_ms, name)

    # -- closing ---------------------------------------------------------------------

    def shutdown(self) -> None:
        """The window closes or the app quits: write what waits, stop the writer,
        let the lock go. Safe to call again."""
        self._timer.stop()
        self._poll.stop()
        self._ending()
        self._read_reports()

    def _release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class FocusWatcher(QObject):
    """Calls ``on_activated`` when the watched window becomes the active one."""

    def __init__(self, window: QWidget, on_activated: Callable[[], None]) -> None:
        super().__init__(window)
        self._on_activated = on_activated
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            # After the activation is done, so a question opened now gets the focus.
            QTimer.singleShot(0, self._on_activated)
        return False


def _fingerprint_or_none(path: Path | None) -> Fingerprint | None:
    if path is None:
        return None
    try:
        return fingerprint(path)
    except OSError:
        return None


def _saved_version(path: Path | None) -> Project | None:
    if path is None:
        return None
    try:
        return load_project(path)
    except Exception:   # noqa: BLE001 (the prompt says what differs when it can)
        return None
