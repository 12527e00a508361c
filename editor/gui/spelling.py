"""Spelling in the window: Edit > Check Spelling and Next Misspelling (F7).

:class:`SpellingController` owns the open episode's :class:`SpellChecker` and
hands it to the transcript view and to the episode's fields and chapter titles
(``watch_fields``), which underline what it flags and offer its suggestions in
their context menus (:mod:`.spelling_menu`). Opening a
dictionary costs tens of milliseconds, so the checker is made only after the
window's first paint (``window_painted()``), never while a project opens or
the window first draws: a zero timer started at opening ran before that paint.
A window never painted (a script's) gets it after ``UNPAINTED_WAIT_MS``.
Check Spelling on or off shows or hides the underlines (the window keeps the
choice in its settings). ``go_to_next()`` finds the misspelling after the cursor in
the episode's order (details, chapter titles, turns) and goes there through
the ``go_to(kind, key, start, end)`` it is given. While the Check tab is shown
(``watch_check_panel``) it scans the episode in slices between events (never
the whole episode in one go) and hands the panel the report, for its "N
unknown words"; an edit starts the scan again once typing pauses. Emits ``enabled_changed(on)``;
says one-line problems through ``say_problem``.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTableView, QTabWidget, QWidget

from editor.core.errors import ShowscribeError
from editor.core.model import Project
from editor.core.spelling import (Place, SpellChecker, SpellingScan, UserDictionary,
                                  next_misspelling)
from editor.core.spelling.scan import EPISODE_TEXT_FIELDS

from .publish.check_panel import CheckPanel
from .spelling_fields import LineEditUnderline, TextEditUnderline, TitleDelegate
from .spelling_menu import FieldSpellingMenus

from .transcript import TranscriptView

RESCAN_DELAY_MS = 400     # scan again once typing pauses, not on every keystroke
UNPAINTED_WAIT_MS = 1500  # as the audio waits for a window that is never painted


def load_user_dictionary() -> UserDictionary:
    return UserDictionary.load()


class SpellingController(QObject):
    enabled_changed = Signal(bool)

    def __init__(self, transcript: TranscriptView, go_to: Callable[[str, object, int, int], None],
                 say_problem: Callable[[str], None], parent: QObject,
                 load_user: Callable[[], UserDictionary] = load_user_dictionary,
                 enabled: bool = True) -> None:
        super().__init__(parent)
        self.transcript = transcript
        self.enabled = enabled
        self.checker: SpellChecker | None = None
        self._go_to = go_to
        self._say_problem = say_problem
        self._load_user = load_user
        self._user: UserDictionary | None = None
        self._user_loaded = False
        self._project: Project | None = None
        self._last: Place | None = None      # where F7 went last, outside the transcript
        self._painted = False
        self._make = QTimer(self)
        self._make.setSingleShot(True)
        self._make.timeout.connect(self._on_make_timeout)
        self.underlines: dict[str, LineEditUnderline | TextEditUnderline | TitleDelegate] = {}
        self.field_menus = FieldSpellingMenus(lambda: self._project, self._checker_in_use,
                                              say_problem)
        self.scan: SpellingScan | None = None
        self._panel: CheckPanel | None = None
        self._tabs: QTabWidget | None = None
        self._slices = QTimer(self)          # one slice of the scan per turn of the event loop
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._on_slices_timeout)
        self._rescan = QTimer(self)
        self._rescan.setSingleShot(True)
        self._rescan.setInterval(RESCAN_DELAY_MS)
        self._rescan.timeout.connect(self.start_scan)

    def watch_check_panel(self, panel: CheckPanel, tabs: QTabWidget) -> None:
        """Hand ``panel`` the unknown words while it is the shown tab of ``tabs``."""
        self._panel, self._tabs = panel, tabs
        tabs.currentChanged.connect(self._on_tabs_current_changed)

    def start_scan(self) -> None:
        """Scan the episode again, in slices, if the Check tab is shown."""
        self._slices.stop()
        self.scan = None
        if self._panel is None or self._tabs.currentWidget() is not self._panel:
            return
        checker = self.ensure_checker()
        if checker is None:
            return
        self.scan = SpellingScan(checker, self._project)
        self._slices.start()

    def watch_fields(self, edits: dict[str, QWidget], chapter_table: QTableView,
                     title_column: int) -> None:
        """Underline misspellings in the episode fields that are checked (by name in
        ``edits``) and in ``chapter_table``'s ``title_column`` too."""
        for name in EPISODE_TEXT_FIELDS:
            edit = edits.get(name)
            if isinstance(edit, QLineEdit):
                self.underlines[name] = LineEditUnderline(edit)
            elif isinstance(edit, QPlainTextEdit):
                self.underlines[name] = TextEditUnderline(edit)
            else:
                continue
            self.field_menus.watch_field(name, edit)
        delegate = TitleDelegate(chapter_table)
        chapter_table.setItemDelegateForColumn(title_column, delegate)
        self.underlines["chapter titles"] = delegate
        self.field_menus.watch_titles(chapter_table, title_column)
        self._show(self.checker if self.enabled else None)

    def handlers(self) -> dict[str, Callable[..., None]]:
        return {"check_spelling": self.set_enabled, "next_misspelling": self.go_to_next}

    def predicates(self) -> dict[str, Callable[[], bool]]:
        return {"spelling_on": lambda: self.enabled}

    def set_project(self, project: Project) -> None:
        if self._project is not None:
            self._project.history.changed.disconnect(self._on_history_changed)
        project.history.changed.connect(self._on_history_changed)
        self._slices.stop()
        self.scan = None
        self._project, self._last = project, None
        self.checker = None
        self._show(None)
        if self.enabled:
            self._make.start(0 if self._painted else UNPAINTED_WAIT_MS)

    def window_painted(self) -> None:
        """The window is drawn: make the checker now (after this paint), if it waits."""
        if not self._painted:
            self._painted = True
            if self._make.isActive():
                self._make.start(0)

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if not self.enabled:
            self._make.stop()
            self._show(None)
            self._slices.stop()
            self.scan = None
            if self._panel is not None:
                self._panel.set_spelling(None)
        elif self.checker is None:
            self._make.start(0)
        else:
            self._show(self.checker)
        if self.enabled:
            self.start_scan()
        self.enabled_changed.emit(self.enabled)

    def ensure_checker(self) -> SpellChecker | None:
        """The episode's checker, made now if it is not yet (None while spelling is off)."""
        if self.enabled and self.checker is None and self._project is not None:
            self._make.stop()
            self.checker = SpellChecker(self._project, self._user_dictionary())
            self.checker.changed.connect(self._on_checker_changed)
            self._show(self.checker)
        return self.checker if self.enabled else None

    def _checker_in_use(self) -> SpellChecker | None:
        return self.checker if self.enabled else None

    def go_to_next(self) -> None:
        checker = self.ensure_checker()
        if checker is None:
            return
        if not checker.active:
            self._say_problem(f"Spelling is not checked: {checker.problem}")
            return
        found = next_misspelling(checker, self._project, self._place())
        if found is None:
            self._say_problem("No misspelled words in this episode.")
            return
        place, word = found
        self._last = place
        self._go_to(place.kind, place.key, place.offset, place.offset + len(word))

    def _place(self) -> Place | None:
        """Where to look on from: the transcript's cursor while it has the focus,
        else where F7 went last."""
        transcript = self.transcript
        if transcript.editor.hasFocus() or self._last is None:
            turn = transcript.current_turn()
            if turn >= 0:
                return Place("turn", turn, transcript.cursor_offset())
        return self._last

    def _user_dictionary(self) -> UserDictionary | None:
        if not self._user_loaded:
            self._user_loaded = True
            try:
                self._user = self._load_user()
            except ShowscribeError as exc:
                self._say_problem(str(exc))
        return self._user

    def _show(self, checker: SpellChecker | None) -> None:
        self.transcript.set_spell_checker(checker)
        for underline in self.underlines.values():
            underline.set_checker(checker)

    def _on_checker_changed(self) -> None:
        # The transcript follows the checker itself; the fields check again here.
        if self.enabled and self.checker is not None:
            for underline in self.underlines.values():
                underline.set_checker(self.checker)

    def _on_slices_timeout(self) -> None:
        if self.scan is None:
            self._slices.stop()
        elif self.scan.run():
            self._slices.stop()
            self._panel.set_spelling(self.scan.report())

    def _on_history_changed(self) -> None:
        if self.scan is not None or self._slices.isActive():
            self._slices.stop()       # a scan must not see the project change between slices
            self.scan = None
        if self.enabled and self._panel is not None \
                and self._tabs.currentWidget() is self._panel:
            self._rescan.start()

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.enabled:
            self.start_scan()

    def _on_make_timeout(self) -> None:
        self.ensure_checker()
        self.start_scan()
