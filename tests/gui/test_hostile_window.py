"""The window on hostile files: a broken project, opened or remembered in the
recent list, and a hostile import each give one message and change nothing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from editor import app

pytestmark = pytest.mark.timeout(120)

HOSTILE_PROJECTS = {
    "digits": "showscribe: 1\nepisode:\n  number: " + "9" * 5000 + "\n",
    "deep": "showscribe: 1\nchapters:\n- start: 0\n  extra:\n    a: " + "[" * 900 + "]" * 900,
    "alias": "showscribe: 1\nchapters:\n- start: 0\n  extra:\n    a: &a [*a]\n",
}


@pytest.fixture
def shown(monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: messages.append(args[2]))
    return messages


def _hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.showscribe.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text(HOSTILE_PROJECTS[kind])
    return path


@pytest.mark.parametrize("kind", sorted(HOSTILE_PROJECTS) + ["fifo"])
def test_a_hostile_project_at_start_leaves_the_window_empty_with_one_message(
        window, tmp_path, shown, kind):
    path = _hostile(tmp_path, kind)
    before = window.project
    assert not app.open_at_start(window, path)
    assert len(shown) == 1 and shown[0].startswith(str(path)) and "\n" not in shown[0]
    assert window.project is before


def test_an_unforeseen_failure_at_start_is_a_message_not_a_crash(window, tmp_path, shown,
                                                                 monkeypatch):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text("showscribe: 1\n")

    def broken(_path):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(window, "open_path", broken)
    assert not app.open_at_start(window, path)
    assert shown == [f"{path}: cannot be opened (something nobody expected)"]


@pytest.mark.parametrize("name, text", [
    ("sur.chapters.json", '{"version": "1.2.0", "chapters": [{"startTime": 0, '
                          '"title": "\\ud800"}]}'),
    ("deep.chapters.json", '{"version": "1.2.0", "chapters": [{"startTime": 0, "x": '
                           + "[" * 500 + "]" * 500 + "}]}"),
    ("far.html", '<html><body><cite>Ann:</cite><time datetime="PT3600005S">1000:00:05'
                 '</time><p>hi</p></body></html>'),
])
def test_a_hostile_import_is_one_message_and_the_project_saves(window, tmp_path, shown,
                                                               name, text):
    source = tmp_path / name
    source.write_text(text)
    before = [c.title for c in window.project.chapters], len(window.project.turns)
    assert not window.publishing.import_path(source)
    assert len(shown) == 1 and shown[0].startswith(str(source)) and "\n" not in shown[0]
    assert ([c.title for c in window.project.chapters], len(window.project.turns)) == before
    target = tmp_path / "saved.showscribe.yaml"
    assert window.files.save_to(target) and target.is_file()


@pytest.mark.parametrize("answer, replaced", [(QMessageBox.StandardButton.Yes, True),
                                              (QMessageBox.StandardButton.Cancel, False)])
def test_saving_over_a_read_only_project_asks_first(window, tmp_path, shown, monkeypatch,
                                                    answer, replaced):
    target = tmp_path / "ro.showscribe.yaml"
    target.write_text("showscribe: 1\n")
    target.chmod(0o444)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args[2])
                        or answer)
    assert window.files.save_to(target) is replaced
    assert asked == ["ro.showscribe.yaml is read-only. Replace it anyway?"]
    assert (target.read_text() != "showscribe: 1\n") is replaced
    assert len(shown) == (0 if replaced else 1)
