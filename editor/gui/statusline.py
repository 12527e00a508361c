"""The editor window's status bar: the unsaved mark, the playhead's time, and the
word and turn counts of the project, with room for brief messages.

:class:`StatusLine` keeps each turn's word count and their total, and updates
them for the turns a change names (so a keystroke in a 50,000-turn episode
counts one turn, not all of them); the labels are redrawn a moment after the
turns change, not on every keystroke. Brief messages come through :meth:`StatusLine.say`;
a refused edit's reason is said with its first letter made a capital.
Emits nothing beyond QStatusBar's own signals.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from editor.core.model import Project, word_count

from .projectlink import ProjectLink

COUNT_DELAY_MS = 250
MESSAGE_MS = 5000


def counted(count: int, noun: str) -> str:
    """``1 turn``, ``2 turns``, ``5,000 turns``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


class StatusLine(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = Project()
        self._word_counts: list[int] = []     # words of each turn, in turn order
        self._words = 0
        self._link = ProjectLink()
        self.saved_label = QLabel(self)
        self.position_label = QLabel(self)
        self.words_label = QLabel(self)
        self.turns_label = QLabel(self)
        for label in (self.saved_label, self.position_label, self.words_label,
                      self.turns_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._on_count_timer_timeout)

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self._project = project
        self._link.connect(project.turns_inserted, self._on_project_turns_inserted)
        self._link.connect(project.turns_removed, self._on_project_turns_removed)
        self._link.connect(project.turns_changed, self._on_project_turns_changed)
        self._count_all()
        self._show_counts()

    def say(self, message: str, milliseconds: int = MESSAGE_MS) -> None:
        self.showMessage(message, milliseconds)

    def say_problem(self, message: str) -> None:
        """A refused edit, said for a few seconds."""
        self.say(message[:1].upper() + message[1:])

    def show_modified(self, modified: bool) -> None:
        self.saved_label.setText("\u25cf Unsaved changes" if modified else "")

    def show_position(self, ms: int) -> None:
        self.position_label.setText(self._project.clock(ms))   # the episode's one width

    def word_total(self) -> int:
        return self._words

    def _count_all(self) -> None:
        self._word_counts = [word_count(turn.text) for turn in self._project.turns]
        self._words = sum(self._word_counts)

    def _show_counts(self) -> None:
        self.words_label.setText(counted(self._words, "word"))
        self.turns_label.setText(counted(len(self._project.turns), "turn"))

    def _in_step(self, rows_now: int) -> bool:
        """True if the counts kept match the turns once this change is applied;
        otherwise (turns replaced behind the signals) count every turn again."""
        if rows_now == len(self._project.turns):
            return True
        self._count_all()
        self._count_timer.start()
        return False

    def _on_project_turns_inserted(self, first: int, last: int) -> None:
        if not self._in_step(len(self._word_counts) + last - first + 1):
            return
        added = [word_count(turn.text) for turn in self._project.turns[first:last + 1]]
        self._word_counts[first:first] = added
        self._words += sum(added)
        self._count_timer.start()

    def _on_project_turns_removed(self, first: int, last: int) -> None:
        if not self._in_step(len(self._word_counts) - (last - first + 1)):
            return
        self._words -= sum(self._word_counts[first:last + 1])
        del self._word_counts[first:last + 1]
        self._count_timer.start()

    def _on_project_turns_changed(self, first: int, last: int) -> None:
        if not self._in_step(len(self._word_counts)):
            return
        turns, counts = self._project.turns, self._word_counts
        for index in range(first, last + 1):
            words = word_count(turns[index].text)
            self._words += words - counts[index]
            counts[index] = words
        self._count_timer.start()

    def _on_count_timer_timeout(self) -> None:
        self._show_counts()
