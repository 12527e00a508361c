"""The editor window's QActions, made from the table in ``actions.py``.

:class:`ActionSet` makes one QAction per row, puts them in the window's menus,
connects each to the handler its id is bound to (a submenu's handler fills the
submenu as it opens), gives them the keys of the keyboard map, and enables each
while all the predicates of its rules hold. The bindings come as explicit
``{action id: handler}`` and ``{rule: predicate}`` tables; a missing or stray
entry is refused when they are bound (see :func:`~.actions.binding_problems`).

Emits nothing itself; the QActions emit ``triggered`` as usual.
"""
from __future__ import annotations

from typing import Callable, Mapping

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from .actions import ACTIONS, ACTIONS_BY_ID, MENUS, binding_problems


class ActionSet:
    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._predicates: Mapping[str, Callable[[], bool]] = {}
        self.by_id: dict[str, QAction] = {}
        for spec in ACTIONS:
            action = QAction(spec.label, window)
            action.setObjectName(spec.id)
            action.setCheckable(spec.checkable)
            if spec.submenu:
                action.setMenu(QMenu(spec.label, window))
            window.addAction(action)
            self.by_id[spec.id] = action
        self.by_id["follow_playback"].setChecked(True)
        self.by_id["waveform_detail"].setChecked(True)     # shown under the overview

    def fill_menus(self, menu_bar: QMenuBar) -> None:
        menus = {menu_id: menu_bar.addMenu(title) for menu_id, title in MENUS}
        speakers_menu = QMenu("Give Turn to S&peaker", self._window)
        menus["speakers"] = speakers_menu
        for spec in ACTIONS:
            if spec.id == "add_chapter":   # the turn edits end with the speaker keys
                menus["edit"].addMenu(speakers_menu)
            menu = menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self.by_id[spec.id])

    def bind(self, handlers: Mapping[str, Callable[..., None]],
             predicates: Mapping[str, Callable[[], bool]]) -> None:
        """Connect every action to its one handler and keep the rules' predicates;
        a table that does not match ``ACTIONS`` is a ValueError naming what is wrong."""
        problems = binding_problems(handlers, predicates)
        if problems:
            raise ValueError("the action table and its bindings disagree: "
                             + "; ".join(problems))
        for spec in ACTIONS:
            action = self.by_id[spec.id]
            signal = action.menu().aboutToShow if spec.submenu else action.triggered
            signal.connect(handlers[spec.id])
        self._predicates = predicates

    def set_keymap(self, keymap: Mapping[str, list[str]]) -> None:
        """Give each action the keys of ``{action id: [portable key text, ...]}``,
        and a tooltip that names them."""
        for spec in ACTIONS:
            keys = keymap.get(spec.id, [])
            action = self.by_id[spec.id]
            action.setShortcuts([QKeySequence(key) for key in keys])
            shown = " / ".join(QKeySequence(key).toString(
                QKeySequence.SequenceFormat.NativeText) for key in keys)
            action.setToolTip(spec.label.replace("&", "") + (f" ({shown})" if shown else ""))

    def update_enabled(self) -> None:
        """Enable each action while every one of its rules holds."""
        predicates = self._predicates
        for spec in ACTIONS:
            self.by_id[spec.id].setEnabled(all(predicates[rule]() for rule in spec.rules))

    def show_history(self, can_undo: bool, undo_text: str, can_redo: bool,
                     redo_text: str) -> None:
        """Undo and Redo name the step they take ("Undo Split turn")."""
        for action_id, able, text in (("undo", can_undo, undo_text),
                                      ("redo", can_redo, redo_text)):
            action = self.by_id[action_id]
            label = ACTIONS_BY_ID[action_id].label + (f" {text}" if able else "")
            if action.text() != label:
                action.setText(label)
            action.setEnabled(able)
