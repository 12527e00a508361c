"""The editor window's status bar: the unsaved mark, the playhead's time, and the
word and turn counts of the project, with room for brief messages.

:class:`StatusLine` counts again a moment after the turns change (not on every
keystroke of a long transcript). Brief messages come through :meth:`StatusLine.say`;
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


class StatusLine(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = Project()
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
        for signal in (project.turns_inserted, project.turns_removed, project.turns_changed):
            self._link.connect(signal, self._on_project_turns_edited)
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

    def _show_counts(self) -> None:
        turns = self._project.turns
        words = sum(word_count(turn.text) for turn in turns)
        self.words_label.setText(f"{words:,} words")
        self.turns_label.setText(f"{len(turns):,} turns")

    def _on_project_turns_edited(self, *_args) -> None:
        self._count_timer.start()

    def _on_count_timer_timeout(self) -> None:
        self._show_counts()
