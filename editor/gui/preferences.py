"""The Preferences dialog: the keyboard map (a key and an alternate key for every
action, so a foot pedal's keys can be bound), the skip length, the rewind on
resume, the theme and the speech model folder of each language. A key bound to
two actions is reported and blocks OK until resolved; the report has room of its
own, so the list never moves under the mouse. A speech model folder that is not
a model is reported when OK is pressed, and the dialog stays open.

Also :class:`ShortcutsDialog`, the read-only list Help > Keyboard Shortcuts shows
(:func:`shortcuts_text`), scrolling where the screen is too short for it. Both
dialogs fit the screen's available height.
"""
from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QTextBrowser, QWidget,
                               QHeaderView, QKeySequenceEdit, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from .actions import ACTIONS, ACTIONS_BY_ID
from .screenfit import fit_to_screen
from .settings import Settings
from .speech_models import SpeechModelsEditor
from .theme import THEMES

SLOTS = 2   # a key and an alternate key per action


def _label(action_id: str) -> str:
    return ACTIONS_BY_ID[action_id].label.replace("&", "").rstrip(".")


def native_key(portable: str) -> str:
    """A key's text as the user's platform writes it (Ctrl+M, ⌘M)."""
    return QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText)


def find_conflicts(keymap: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keys bound to more than one action: {key: [action ids]}."""
    users: dict[str, list[str]] = defaultdict(list)
    for action_id, keys in keymap.items():
        for key in keys:
            if key:
                users[QKeySequence(key).toString()].append(action_id)
    return {key: ids for key, ids in users.items() if len(ids) > 1}


def shortcuts_text(keymap: dict[str, list[str]]) -> str:
    """An HTML table of every action with its keys."""
    rows = "".join(
        f"<tr><td>{_label(spec.id)}</td><td><b>"
        f"{' / '.join(native_key(k) for k in keymap.get(spec.id, [])) or '&mdash;'}"
        f"</b></td></tr>" for spec in ACTIONS)
    return f"<table cellpadding='3'>{rows}</table>"


class ShortcutsDialog(QDialog):
    """Every action with its keys, in a list that scrolls when the screen is short."""

    def __init__(self, keymap: dict[str, list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.text = QTextBrowser(self)
        self.text.setHtml(shortcuts_text(keymap))
        self.text.setFrameShape(QTextBrowser.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel("Change them in Edit > Preferences.", self))
        layout.addWidget(buttons)
        document = self.text.document()
        document.setTextWidth(400)
        content = round(document.size().height())
        fit_to_screen(self, 460, content + 110)


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        fit_to_screen(self, 620, 680)

        self.table = QTableWidget(len(ACTIONS), 1 + SLOTS, self)
        self.table.setHorizontalHeaderLabels(["Action", "Key", "Alternate key"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.key_edits: dict[str, list[QKeySequenceEdit]] = {}
        keymap = settings.keymap()
        for row, spec in enumerate(ACTIONS):
            item = QTableWidgetItem(_label(spec.id))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, item)
            edits = []
            keys = keymap[spec.id] + [""] * SLOTS
            for slot in range(SLOTS):
                edit = QKeySequenceEdit(QKeySequence(keys[slot]), self.table)
                edit.setMaximumSequenceLength(1)
                edit.setClearButtonEnabled(True)
                edit.keySequenceChanged.connect(self._check)
                self.table.setCellWidget(row, 1 + slot, edit)
                edits.append(edit)
            self.key_edits[spec.id] = edits
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 150))
        self.table.setColumnWidth(2, 150)

        self.skip = QDoubleSpinBox(self)
        self.skip.setRange(0.5, 60.0)
        self.skip.setSingleStep(0.5)
        self.skip.setSuffix(" s")
        self.skip.setValue(settings.skip_seconds)
        self.rewind = QDoubleSpinBox(self)
        self.rewind.setRange(0.0, 10.0)
        self.rewind.setSingleStep(0.5)
        self.rewind.setSuffix(" s")
        self.rewind.setSpecialValueText("off")
        self.rewind.setValue(settings.rewind_on_resume_seconds)
        self.theme = QComboBox(self)
        for name, label in THEMES.items():
            self.theme.addItem(label, name)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme))
        form = QFormLayout()
        form.addRow("Back / forward skips:", self.skip)
        form.addRow("Rewind when resuming after a pause:", self.rewind)
        form.addRow("Colours:", self.theme)
        self.speech_models = SpeechModelsEditor(settings, self)
        self.models_problem = QLabel(self)
        self.models_problem.setWordWrap(True)
        self.models_problem.setStyleSheet("color: #b91c1c;")
        self.models_problem.hide()

        self.conflicts = QLabel(self)
        self.conflicts.setWordWrap(True)
        self.conflicts.setStyleSheet("color: #b91c1c;")
        # Always there, two lines high: the message coming and going must not
        # resize the key list (a list scrolled to its end would shift a row).
        self.conflicts.setFixedHeight(2 * self.conflicts.fontMetrics().lineSpacing() + 4)
        self.conflicts.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        defaults = QPushButton("Restore Default Keys", self)
        self.buttons.addButton(defaults, QDialogButtonBox.ButtonRole.ResetRole)
        defaults.clicked.connect(self.restore_default_keys)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Keyboard map (a foot pedal that sends keys can be bound "
                                "here too):", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.conflicts)
        layout.addLayout(form)
        layout.addWidget(self.speech_models)
        layout.addWidget(self.models_problem)
        layout.addWidget(self.buttons)
        self._check()

    def keymap(self) -> dict[str, list[str]]:
        """The keys as edited, in portable text."""
        return {action_id: [e.keySequence().toString() for e in edits
                            if not e.keySequence().isEmpty()]
                for action_id, edits in self.key_edits.items()}

    def restore_default_keys(self) -> None:
        for action_id, edits in self.key_edits.items():
            keys = list(ACTIONS_BY_ID[action_id].keys) + [""] * SLOTS
            for slot, edit in enumerate(edits):
                edit.setKeySequence(QKeySequence(keys[slot]))

    def _check(self, *_args) -> bool:
        conflicts = find_conflicts(self.keymap())
        lines = [f"{native_key(key)} is bound to " + " and ".join(_label(i) for i in ids)
                 for key, ids in conflicts.items()]
        self.conflicts.setText("Each key can do one thing: " + "; ".join(lines) + "."
                               if lines else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not lines)
        return not lines

    def accept(self) -> None:
        if not self._check():
            return
        problem = self.speech_models.problem()
        self.models_problem.setText(problem or "")
        self.models_problem.setVisible(problem is not None)
        if problem:
            return
        self.settings.set_speech_model_folders(self.speech_models.folders())
        self.settings.set_keymap(self.keymap())
        self.settings.skip_seconds = self.skip.value()
        self.settings.rewind_on_resume_seconds = self.rewind.value()
        self.settings.theme = self.theme.currentData()
        self.settings.changed.emit()
        super().accept()
