"""The spelling entries of a context menu, the same wherever a word is flagged.

:func:`add_spelling_entries` puts a misspelled word's suggestions (asked for
only when the menu opens: they are slow), Add to Episode Dictionary, Add to My
Dictionary and Ignore at the top of a menu. The transcript, the episode's
fields and the chapter titles each say how a suggestion replaces the word in
their own text; the Adds are undoable commands on the project's history.
:class:`FieldSpellingMenus` gives the episode's fields and the chapter table's
title column such a menu. Emits nothing.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTableView, QWidget

from editor.core.commands import AddEpisodeWord, SetChapterField, SetEpisodeField
from editor.core.model import Project
from editor.core.spelling import AddUserWord, SpellChecker, utf16_spans


def add_spelling_entries(menu: QMenu, checker: SpellChecker, word: str,
                         replace: Callable[[str], None], project: Project,
                         say_problem: Callable[[str], None]) -> None:
    """Suggestions for ``word`` (each calls ``replace``), the two Adds and Ignore."""
    suggestions = checker.suggestions(word)
    for suggestion in suggestions:
        menu.addAction(suggestion, lambda s=suggestion: replace(s))
    if not suggestions:
        menu.addAction("No suggestions").setEnabled(False)
    menu.addSeparator()

    def push(command, owner) -> None:
        try:
            project.history.push(command(owner, word))
        except ValueError as exc:
            say_problem(str(exc))

    menu.addAction("Add to Episode Dictionary", lambda: push(AddEpisodeWord, project))
    user = checker.accepted.user
    menu.addAction("Add to My Dictionary", lambda: push(AddUserWord, user)
                   ).setEnabled(user is not None)
    menu.addAction("Ignore", lambda: checker.ignore(word))
    menu.addSeparator()


def push_alone(project: Project, command) -> None:
    """``command`` as an undo step of its own, never merged with the typing around it."""
    history = project.history
    history.break_merge()
    history.push(command)
    history.break_merge()


def _span_at(checker: SpellChecker, text: str, position: int) -> tuple[int, int] | None:
    """The misspelled span (Python indices) holding UTF-16 ``position`` of ``text``."""
    spans = checker.misspelled_spans(text)
    for (start, end), (left, right) in zip(spans, utf16_spans(text, spans)):
        if left <= position <= right:
            return start, end
    return None


class FieldSpellingMenus:
    """Context menus with spelling entries for the episode's text fields and titles.

    ``checker()`` is the checker in use now (None while spelling is off: the
    menus are then the fields' own)."""

    def __init__(self, project: Callable[[], Project], checker: Callable[[], SpellChecker | None],
                 say_problem: Callable[[str], None]) -> None:
        self._project = project
        self._checker = checker
        self._say_problem = say_problem
        self.last_menu: QMenu | None = None      # the menu shown last (tests look at it)

    def watch_field(self, name: str, edit: QLineEdit | QPlainTextEdit) -> None:
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(
            lambda pos, name=name, edit=edit: self._show(self.field_menu(name, edit, pos), edit, pos))

    def watch_titles(self, table: QTableView, column: int) -> None:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self._show_title_menu(table, column, pos))

    def field_menu(self, name: str, edit: QLineEdit | QPlainTextEdit, pos: QPoint) -> QMenu:
        """The field's own menu, with spelling entries first when ``pos`` is on a
        misspelled word."""
        if isinstance(edit, QLineEdit):
            menu, text, at = edit.createStandardContextMenu(), edit.text(), edit.cursorPositionAt(pos)
        else:
            menu, text = edit.createStandardContextMenu(pos), edit.toPlainText()
            at = edit.cursorForPosition(pos).position()
        checker = self._checker()
        span = _span_at(checker, text, at) if checker is not None and checker.active else None
        if span is not None:
            start, end = span
            entries = QMenu(menu)

            def replace(word: str) -> None:
                now = str(getattr(self._project().episode, name) or "")
                if now[start:end] == text[start:end]:
                    push_alone(self._project(),
                               SetEpisodeField(self._project(), name, now[:start] + word + now[end:]))

            add_spelling_entries(entries, checker, text[start:end], replace, self._project(),
                                 self._say_problem)
            first = menu.actions()[0] if menu.actions() else None
            menu.insertActions(first, entries.actions())
        return menu

    def title_menu(self, table: QTableView, column: int, pos: QPoint) -> QMenu | None:
        """Spelling entries for the misspelled words of the chapter title at ``pos``
        (one word: its entries; several: a submenu each); None when there are none."""
        index = table.indexAt(pos)
        checker = self._checker()
        if not index.isValid() or index.column() != column or checker is None \
                or not checker.active:
            return None
        row = index.row()
        title = self._project().chapters[row].title
        spans = checker.misspelled_spans(title)
        if not spans:
            return None
        menu = QMenu(table)
        for start, end in spans:
            word = title[start:end]

            def replace(new: str, start=start, end=end, word=word) -> None:
                project = self._project()
                now = project.chapters[row].title if row < len(project.chapters) else ""
                if now[start:end] == word:
                    push_alone(project, SetChapterField(project, row, "title",
                                                        now[:start] + new + now[end:]))

            target = menu if len(spans) == 1 else menu.addMenu(word)
            add_spelling_entries(target, checker, word, replace, self._project(),
                                 self._say_problem)
        return menu

    def _show_title_menu(self, table: QTableView, column: int, pos: QPoint) -> None:
        menu = self.title_menu(table, column, pos)
        if menu is not None:
            self._show(menu, table.viewport(), pos)

    def _show(self, menu: QMenu, widget: QWidget, pos: QPoint) -> None:
        self.last_menu = menu
        menu.exec(widget.mapToGlobal(pos))
        menu.deleteLater()
