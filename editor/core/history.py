"""The undo history: a plain-Python stack of commands with macros and a clean mark.

``History.push`` runs a command and records it. Consecutive commands that say
they can merge (typing in one turn) become one undo step, unless the history is
at its clean mark (a save), ``break_merge`` was called (a new paragraph, the
cursor jumping), or the typist paused for ``TYPING_PAUSE_S`` since the last
push: one Ctrl+Z then takes back one burst of typing, not a whole turn. ``macro`` groups
commands into one step. The clean index marks the saved state.

Emits ``changed()`` after anything that changes what undo/redo/clean report.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator

from .signals import signal


class Command:
    """One undoable edit. Subclasses implement ``redo`` and ``undo``."""

    text = "Edit"

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge_with(self, newer: "Command") -> bool:
        """Absorb ``newer`` (already done) into this command; True if it did."""
        return False


class Macro(Command):
    """Several commands undone and redone as one step."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.children: list[Command] = []

    def redo(self) -> None:
        for child in self.children:
            child.redo()

    def undo(self) -> None:
        for child in reversed(self.children):
            child.undo()


TYPING_PAUSE_S = 1.0


class History:
    changed = signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock           # seconds; tests give their own
        self._last_push = float("-inf")
        self._commands: list[Command] = []
        self._index = 0               # commands[:index] are done
        self._clean: int | None = 0   # None: the saved state cannot be reached
        self._macros: list[Macro] = []
        self._merge_open = False

    # -- recording -----------------------------------------------------------

    def push(self, command: Command) -> None:
        """Run ``command`` and record it as the newest step."""
        command.redo()
        if self._macros:
            self._macros[-1].children.append(command)
            return
        now, last = self._clock(), self._last_push
        self._last_push = now
        if now - last >= TYPING_PAUSE_S:
            self._merge_open = False
        if (self._merge_open and self._index == len(self._commands) and self._index
                and self._index != self._clean
                and self._commands[self._index - 1].merge_with(command)):
            self.changed.emit()
            return
        self._record(command)
        self._merge_open = True

    def _record(self, command: Command) -> None:
        del self._commands[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None
        self._commands.append(command)
        self._index += 1
        self.changed.emit()

    @contextmanager
    def macro(self, text: str) -> Iterator[Macro]:
        """Group every push inside the ``with`` block into one undo step.

        If the block raises, what it already did is undone and nothing is recorded.
        """
        macro = Macro(text)
        self._macros.append(macro)
        try:
            yield macro
        except BaseException:
            self._macros.pop()
            macro.undo()
            raise
        self._macros.pop()
        if not macro.children:
            return
        if self._macros:
            self._macros[-1].children.append(macro)
        else:
            self._record(macro)
            self._merge_open = False

    def break_merge(self) -> None:
        """The next push starts a new undo step (the cursor left the turn, say)."""
        self._merge_open = False

    # -- moving --------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self._index > 0 and not self._macros

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands) and not self._macros

    @property
    def undo_text(self) -> str:
        return self._commands[self._index - 1].text if self.can_undo else ""

    @property
    def redo_text(self) -> str:
        return self._commands[self._index].text if self.can_redo else ""

    def undo(self) -> bool:
        if not self.can_undo:
            return False
        self._index -= 1
        self._merge_open = False
        self._commands[self._index].undo()
        self.changed.emit()
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        self._commands[self._index].redo()
        self._index += 1
        self._merge_open = False
        self.changed.emit()
        return True

    def __len__(self) -> int:
        return len(self._commands)

    @property
    def index(self) -> int:
        return self._index

    # -- a recovery copy's view (core/recovery.py) ---------------------------

    @property
    def steps(self) -> list[Command]:
        """The recorded steps, oldest first (read-only for callers)."""
        return self._commands

    @property
    def clean_index(self) -> int | None:
        """The step that is saved; None when no step is."""
        return self._clean

    @classmethod
    def restored(cls, steps: list[Command], index: int, clean: int | None) -> "History":
        """A history as a recovery copy recorded it: ``steps[:index]`` done."""
        if not 0 <= index <= len(steps) or (clean is not None and not 0 <= clean <= len(steps)):
            raise ValueError(f"step {index} or clean mark {clean} is outside {len(steps)} steps")
        history = cls()
        history._commands, history._index, history._clean = list(steps), index, clean
        return history

    # -- the saved state -----------------------------------------------------

    @property
    def is_clean(self) -> bool:
        return self._clean == self._index

    def set_clean(self) -> None:
        self._clean = self._index
        self._merge_open = False
        self.changed.emit()

    def set_unsaved(self) -> None:
        """No state of this history is saved yet (a project made by an import)."""
        self._clean = None
        self.changed.emit()

    def clear(self) -> None:
        self._commands.clear()
        self._index = 0
        self._clean = 0
        self._merge_open = False
        self.changed.emit()
