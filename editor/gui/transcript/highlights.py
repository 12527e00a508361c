"""Every match of the find bar's search, highlighted in the transcript's text.

:class:`FindHighlights` owns the extra selections of the text area that mark
matches. It searches only the turns in view (a 5,000-turn episode costs the
same as a short one) and searches again when the view scrolls, resizes or its
text changes, once the event loop is free: never inside a keystroke. The match
the find bar found is the text cursor's own selection; the others get the
``match`` colour it is given. Emits nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from editor.core.find import Query, matches_in_text
from editor.core.model import Project

from .blocks import shown_text
from .geometry import BlockGeometry
from .mirror import DocumentMirror
from .textarea import TextArea


class FindHighlights(QObject):
    def __init__(self, project: Project, editor: TextArea, geometry: BlockGeometry,
                 mirror: DocumentMirror, parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self.editor = editor
        self.geometry = geometry
        self.mirror = mirror
        self._query: Query | None = None
        self._format = QTextCharFormat()
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._on_refresh_timeout)
        editor.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        editor.resized.connect(self._on_editor_resized)
        editor.document().contentsChange.connect(self._on_document_contents_change)
        mirror.reloaded.connect(self._on_mirror_reloaded)

    def set_project(self, project: Project) -> None:
        self.project = project
        self._refresh.start()

    def set_color(self, color: QColor) -> None:
        self._format.setBackground(color)
        self._refresh.start()

    def set_query(self, query: Query | None) -> None:
        """Highlight every match of ``query`` from now on (None or empty: none)."""
        self._query = query if query is not None and query.text else None
        self._refresh.start()

    def shown(self) -> list[tuple[int, int]]:
        """(start, end) document positions of the matches highlighted now."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in self.editor.extraSelections()]

    def refresh(self) -> None:
        """Search the turns in view again and highlight what is found."""
        self._refresh.stop()
        selections = []
        query = self._query
        if query is not None:
            document = self.editor.document()
            texts = self.mirror.blocks.texts
            seen: set[int] = set()
            for turn, *_rest in self.geometry.visible_blocks():
                if turn in seen or turn >= len(self.project.turns):
                    continue
                seen.add(turn)
                if not query.searches(self.project.turns[turn]):
                    continue
                start = self.mirror.turn_start_pos(turn)
                for first, last in matches_in_text(shown_text(texts[turn]), query):
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = QTextCursor(document)
                    selection.cursor.setPosition(start + first)
                    selection.cursor.setPosition(start + last, QTextCursor.MoveMode.KeepAnchor)
                    selection.format = self._format
                    selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _on_refresh_timeout(self) -> None:
        self.refresh()

    def _on_scrollbar_value_changed(self, _value: int) -> None:
        if self._query is not None:
            self._refresh.start()

    def _on_editor_resized(self) -> None:
        if self._query is not None:
            self._refresh.start()

    def _on_document_contents_change(self, *_args) -> None:
        if self._query is not None:
            self._refresh.start()

    def _on_mirror_reloaded(self) -> None:
        self._refresh.start()
