"""Connections from a widget to one project's core signals, undone in one call
when the widget is given another project; and the panels' shared table look."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QTableView

from editor.core.signals import Signal


def compact_rows(table: QTableView) -> None:
    """Rows a line of text high (the default style leaves them loose)."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)


class ProjectLink:
    def __init__(self) -> None:
        self._connections: list[tuple[Signal, Callable[..., Any]]] = []

    def connect(self, signal: Signal, handler: Callable[..., Any]) -> None:
        signal.connect(handler)
        self._connections.append((signal, handler))

    def disconnect_all(self) -> None:
        for signal, handler in self._connections:
            signal.disconnect(handler)
        self._connections.clear()
