"""Going to a place in the episode named by a publish finding or a misspelling:
a turn in the transcript, a row of the chapter list, a field of the episode
details; with a span of its text selected where one is given (F7)."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QTabWidget


class Navigator:
    def __init__(self, transcript, side_tabs: QTabWidget, chapters_panel, episode_panel) -> None:
        self._transcript = transcript
        self._tabs = side_tabs
        self._chapters = chapters_panel
        self._episode = episode_panel

    def go_to(self, kind: str, where) -> None:
        if kind == "turn":
            self._transcript.focus_turn(where)
        elif kind == "chapter":
            self._tabs.setCurrentWidget(self._chapters)
            self._chapters.table.selectRow(where)
            self._chapters.table.setFocus()
        elif kind == "episode":
            self._tabs.setCurrentWidget(self._episode)
            edit = self._episode.edits.get(where)
            if edit is not None:
                self._episode.ensureWidgetVisible(edit)
                edit.setFocus()

    def select(self, kind: str, where, start: int, end: int) -> None:
        """Go to a text of the episode with ``start``-``end`` of it selected."""
        self.go_to(kind, where)
        if kind == "turn":
            self._transcript.select_in_turn(where, start, end)
        elif kind == "episode":
            edit = self._episode.edits.get(where)
            if isinstance(edit, QLineEdit):
                edit.setSelection(start, end - start)
