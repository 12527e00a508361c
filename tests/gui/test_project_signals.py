"""A widget connected to a project signal needs no code to disconnect: once Qt
has deleted it and Python has let it go, the signal no longer calls it."""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from editor.core.model import Project


class Panel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def on_project_turns_changed(self, first, last) -> None:
        self.seen += 1


def test_a_deleted_widget_connected_to_a_project_signal_is_disconnected(qapp):
    project = Project()
    panel = Panel()
    project.turns_changed.connect(panel.on_project_turns_changed)
    project.turns_changed.emit(0, 0)
    assert panel.seen == 1
    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del panel
    gc.collect()
    assert project.turns_changed.handler_count() == 0
    project.turns_changed.emit(0, 0)    # a dead widget's method would raise here
