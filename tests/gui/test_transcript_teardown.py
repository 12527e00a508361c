"""A transcript view with what the window attaches to it (the recovery copies'
Safekeeping) is built, used and dropped without a word on stderr: no Qt
warning, no exception Python could not raise, no "Slot not found". Such noise
means Qt called into Python objects the cycle collector had already cleared."""
from __future__ import annotations

import gc
import sys
import weakref

import pytest
from projects import small_project
from PySide6.QtCore import QCoreApplication, QEvent, qInstallMessageHandler
from PySide6.QtTest import QTest

from editor.core.recovery import RecoveryStore
from editor.gui.safekeeping import Safekeeping
from editor.gui.transcript import TranscriptView

# What the offscreen platform says of itself, whoever runs on it.
PLATFORM_LIMITS = ("This plugin does not support",)


def build_and_use(store: RecoveryStore) -> TranscriptView:
    project = small_project()
    view = TranscriptView(project)
    view.resize(700, 400)
    view.show()
    keeper = Safekeeping(view, store=store)
    keeper.shown(project)
    view.focus_turn(1, 0)
    QTest.keyClicks(view.editor, "typed ")
    view.set_following(True)
    for ms in range(0, project.turns[-1].start, 500):
        view.set_playhead(ms)
    view.grab()
    keeper.flush()
    return view


@pytest.fixture
def noise(monkeypatch):
    """Qt's messages and the exceptions Python could not raise, while the test runs."""
    said: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook",
                        lambda unraisable: said.append(f"{unraisable.exc_value!r}"))
    def on_message(mode, context, text: str) -> None:
        if not any(known in text for known in PLATFORM_LIMITS):
            said.append(text)
    previous = qInstallMessageHandler(on_message)
    yield said
    qInstallMessageHandler(previous)


@pytest.mark.parametrize("ending", ["dropped", "deleteLater"])
def test_a_view_with_safekeeping_goes_without_a_word(qtbot, tmp_path, capfd, noise, ending):
    store = RecoveryStore(tmp_path / "recovery")
    for _ in range(3):
        view = build_and_use(store)
        if ending == "deleteLater":
            view.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gone = weakref.ref(view)
        gc.disable()            # freed by reference counting, not by the cycle collector
        try:
            del view
            assert gone() is None, "the view is left to the cycle collector"
        finally:
            gc.enable()
        gc.collect()
        QCoreApplication.processEvents()
    assert noise == []
    said = [line for line in capfd.readouterr().err.splitlines()
            if not any(known in line for known in PLATFORM_LIMITS)]
    assert said == []
