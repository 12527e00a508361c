"""The two windows of Audio > Align Transcript to Audio: what to align, and what
the audio and the transcript did not share.

:class:`AlignDialog` asks which turns to re-time: the whole episode, the current
chapter (the chapter the cursor's turn starts in) or the turns the selection
touches, and whether confirmed turns are re-timed too (by default only the
estimated ones are). :class:`AlignmentGapsDialog` lists the stretches of audio
that no transcript word was placed in (an ad break) and the transcript passages
found nowhere in the audio (cut from the edit), from :func:`gap_lines`;
activating a line emits ``seek_requested(ms)`` for audio and
``turn_requested(index)`` for a passage.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QLabel,
                               QListWidget, QListWidgetItem, QRadioButton, QVBoxLayout, QWidget)

from editor.audio.align import AlignmentResult
from editor.core.model import Project

SCOPES = ("episode", "chapter", "selection")


def chapter_turns(project: Project, turn: int) -> range:
    """The turns that start in the chapter turn ``turn`` starts in (empty: no chapter)."""
    if not 0 <= turn < len(project.turns):
        return range(0)
    chapter = project.chapter_at(project.turns[turn].start)
    if chapter < 0:
        return range(0)
    low = project.chapters[chapter].start
    high = project.chapter_end(chapter)
    inside = [k for k, start in enumerate(project.turn_starts())
              if start >= low and (high is None or start < high)]
    return range(inside[0], inside[-1] + 1) if inside else range(0)


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


class AlignDialog(QDialog):
    def __init__(self, project: Project, current_turn: int, selected: range,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Align Transcript to Audio")
        self._ranges = {"episode": range(len(project.turns)),
                        "chapter": chapter_turns(project, current_turn),
                        "selection": selected}
        chapter = (project.chapter_at(project.turns[current_turn].start)
                   if 0 <= current_turn < len(project.turns) else -1)
        title = project.chapters[chapter].title if chapter >= 0 else ""
        labels = {"episode": f"The whole episode ({_counted(len(project.turns), 'turn')})",
                  "chapter": (f"The current chapter, \u201c{title}\u201d "
                              f"({_counted(len(self._ranges['chapter']), 'turn')})"
                              if chapter >= 0 else "The current chapter (none here)"),
                  "selection": f"The selected turns ({len(selected):,})"}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Time these turns from the audio:"))
        self._group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for scope in SCOPES:
            button = QRadioButton(labels[scope], self)
            button.setEnabled(bool(self._ranges[scope]))
            self._group.addButton(button)
            self.buttons[scope] = button
            layout.addWidget(button)
        self.buttons["episode"].setChecked(True)
        self.retime_confirmed = QCheckBox("Also re-time confirmed turns", self)
        self.retime_confirmed.setToolTip("Off: only turns whose times are still estimated "
                                         "change")
        layout.addWidget(self.retime_confirmed)
        note = QLabel("The whole episode is listened to either way; only these turns change. "
                      "Keep editing meanwhile, but an edit to the turns stops the result "
                      "from being applied.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        box.addButton("Align", QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def set_scope(self, scope: str) -> None:
        self.buttons[scope].setChecked(True)

    def scope(self) -> str:
        return next(scope for scope, button in self.buttons.items() if button.isChecked())

    def chosen(self) -> tuple[list[int], bool]:
        """The turns to re-time, and whether confirmed ones among them are too."""
        return list(self._ranges[self.scope()]), self.retime_confirmed.isChecked()


def gap_lines(project: Project, result: AlignmentResult) -> list[tuple[str, str, int]]:
    """(text, "audio" or "turn", ms or turn index) for each stretch of audio not in
    the transcript and each passage of the transcript not in the audio."""
    lines = [(f"Audio not in the transcript: {project.clock(span.start)} to "
              f"{project.clock(span.end)}", "audio", span.start)
             for span in result.untranscribed]
    for passage in result.unspoken:
        (first_turn, first_word), (last_turn, last_word) = passage.first, passage.last
        if not (0 <= first_turn <= last_turn < len(project.turns)):
            continue
        words = [project.turns[t].text.split() for t in range(first_turn, last_turn + 1)]
        flat = [w for turn_words in words for w in turn_words]
        start = first_word
        end = sum(len(w) for w in words[:-1]) + last_word + 1
        quoted = " ".join(flat[start:end])
        if len(quoted) > 80:
            quoted = quoted[:77].rstrip() + "\u2026"
        where = project.turn_label(first_turn)
        if last_turn != first_turn:
            where += f" to {project.turn_label(last_turn)}"
        lines.append((f"Not in the audio: {where}: \u201c{quoted}\u201d", "turn", first_turn))
    return lines


class AlignmentGapsDialog(QDialog):
    seek_requested = Signal(int)
    turn_requested = Signal(int)

    def __init__(self, lines: list[tuple[str, str, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What the Audio and the Transcript Do Not Share")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        for text, kind, where in lines:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (kind, where))
            item.setToolTip("Click to play it" if kind == "audio" else "Click to show it")
            self.list.addItem(item)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.itemActivated.connect(self._on_list_item_clicked)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(box)
        self.resize(560, 320)

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        kind, where = item.data(Qt.ItemDataRole.UserRole)
        if kind == "audio":
            self.seek_requested.emit(where)
        else:
            self.turn_requested.emit(where)
