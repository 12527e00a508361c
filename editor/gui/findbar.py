"""The find and replace bar under the transcript.

The search itself is ``editor.core.find`` (no Qt); this bar holds the options,
asks the transcript view to select each match and to highlight them all,
replaces one match with a SetTurnText and all matches with one ReplaceTexts
(one undo step).

The counter says "3 of 8" once a match is found, else how many there are. The
whole transcript is searched only after typing pauses for ``SEARCH_DELAY_MS``
(and again that long after the turns change), never on each keystroke: a long
episode's find field stays as quick to type in as a short one's.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit,
                               QPushButton, QToolButton, QWidget)

from editor.core.commands import ReplaceTexts, SetTurnText
from editor.core.find import Match, Query, find_all, find_next, match_at, match_number, \
    replace_all, replace_match
from editor.core.model import Project

from .projectlink import ProjectLink

ALL_SPEAKERS = "All speakers"
SEARCH_DELAY_MS = 150


class FindBar(QWidget):
    def __init__(self, project: Project, transcript, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.transcript = transcript
        self._last: Match | None = None
        self._matches: list[Match] | None = None    # every match; None: search again
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._link = ProjectLink()
        self._connect(project)

        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText("Find")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText("Replace with")
        self.case_check = QCheckBox("Match case", self)
        self.word_check = QCheckBox("Whole word", self)
        self.speaker_combo = QComboBox(self)
        self.speaker_combo.setToolTip("Search the turns of one speaker only")
        self.previous_button = QPushButton("Previous", self)
        self.next_button = QPushButton("Next", self)
        self.replace_button = QPushButton("Replace", self)
        self.replace_all_button = QPushButton("Replace All", self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        close = QToolButton(self)
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.setToolTip("Close the find bar")
        close.clicked.connect(self.close_bar)

        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(self.previous_button, 0, 1)
        layout.addWidget(self.next_button, 0, 2)
        layout.addWidget(self.case_check, 0, 3)
        layout.addWidget(self.word_check, 0, 4)
        layout.addWidget(self.speaker_combo, 0, 5)
        layout.addWidget(self.count_label, 0, 6)
        layout.addWidget(close, 0, 7, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self.replace_button, 1, 1)
        layout.addWidget(self.replace_all_button, 1, 2)
        layout.setColumnStretch(0, 1)

        self.find_edit.textChanged.connect(self._on_query_changed)
        self.case_check.toggled.connect(self._on_query_changed)
        self.word_check.toggled.connect(self._on_query_changed)
        self.speaker_combo.currentIndexChanged.connect(self._on_query_changed)
        self.find_edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.fill_speakers()
        self.hide()

    def set_project(self, project: Project) -> None:
        self._link.disconnect_all()
        self.project = project
        self._connect(project)
        self._last = None
        self._matches = None
        self.fill_speakers()
        if self.isVisible():
            self._search_timer.start()

    def _connect(self, project: Project) -> None:
        for signal in (project.turns_changed, project.turns_inserted, project.turns_removed):
            self._link.connect(signal, self._on_project_turns_edited)

    def fill_speakers(self) -> None:
        current = self.speaker_combo.currentData()
        self.speaker_combo.blockSignals(True)
        self.speaker_combo.clear()
        self.speaker_combo.addItem(ALL_SPEAKERS, None)
        for speaker in self.project.speakers:
            self.speaker_combo.addItem(speaker.name, speaker.id)
        found = self.speaker_combo.findData(current)
        self.speaker_combo.setCurrentIndex(max(found, 0))
        self.speaker_combo.blockSignals(False)

    def open_bar(self, replace: bool) -> None:
        """Show the bar (with the replace row for Ctrl+H) and focus the search text."""
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.fill_speakers()
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._search_now()

    def close_bar(self) -> None:
        self.hide()
        self._search_timer.stop()
        self.transcript.set_find_query(None)
        self.transcript.setFocus()

    @property
    def current_match(self) -> Match | None:
        """The match found (and selected in the transcript) last."""
        return self._last

    def query(self) -> Query:
        return Query(self.find_edit.text(), case_sensitive=self.case_check.isChecked(),
                     whole_word=self.word_check.isChecked(),
                     speaker=self.speaker_combo.currentData())

    # -- finding --------------------------------------------------------------------

    def find_next(self) -> Match | None:
        return self._find(backwards=False)

    def find_previous(self) -> Match | None:
        return self._find(backwards=True)

    def _find(self, backwards: bool) -> Match | None:
        turn, offset = self._search_origin(backwards)
        match = find_next(self.project.turns, self.query(), turn, offset, backwards)
        self._last = match
        if match is not None:
            self.transcript.select_in_turn(match.turn, match.start, match.end)
        if self._matches is None:
            self._search_now()        # a deliberate step: the count may not wait
        else:
            self._update_count()
        return match

    def _search_origin(self, backwards: bool) -> tuple[int, int]:
        if self._last is not None and match_at(self.project.turns, self.query(), self._last):
            last = self._last
            return last.turn, (last.start if backwards else last.end)
        return max(self.transcript.current_turn(), 0), self.transcript.cursor_offset()

    # -- replacing ------------------------------------------------------------------

    def replace_one(self) -> None:
        """Replace the match found last (if it is still there), then find the next."""
        query, last = self.query(), self._last
        if last is None or not match_at(self.project.turns, query, last):
            self.find_next()
            return
        text = replace_match(self.project.turns[last.turn].text, last, self.replace_edit.text())
        history = self.project.history
        history.break_merge()
        history.push(SetTurnText(self.project, last.turn, text))
        history.break_merge()
        self._last = None
        # The cursor after the replacement, where the next search starts; the focus
        # stays here, so Enter goes on replacing.
        after = last.start + len(self.replace_edit.text())
        self.transcript.select_in_turn(last.turn, after, after)
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match in one undo step; returns how many turns changed."""
        query = self.query()
        count = len(find_all(self.project.turns, query))
        changes = replace_all(self.project.turns, query, self.replace_edit.text())
        if changes:
            self.project.history.push(ReplaceTexts(self.project, changes))
            self.project.history.break_merge()
        self._last = None
        self._search_now()
        self.count_label.setText(f"Replaced {count}")
        return len(changes)

    # -- the counter and the highlights ------------------------------------------------

    def _on_query_changed(self, *_args) -> None:
        self._last = None
        self._matches = None
        self._search_timer.start()

    def _on_project_turns_edited(self, *_args) -> None:
        self._matches = None
        if self.isVisible():
            self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self._search_now()

    def _search_now(self) -> None:
        """Search the whole transcript: the counter, and the highlights in view."""
        self._search_timer.stop()
        query = self.query()
        self._matches = find_all(self.project.turns, query)
        self.transcript.set_find_query(query)
        self._update_count()

    def _update_count(self) -> None:
        if not self.find_edit.text():
            self.count_label.setText("")
            return
        matches = self._matches or []
        count = len(matches)
        number = match_number(matches, self._last) if self._last is not None else 0
        if not count:
            self.count_label.setText("Not found")
        elif number:
            self.count_label.setText(f"{number:,} of {count:,}")
        else:
            self.count_label.setText(f"{count:,} match{'es' if count != 1 else ''}")
