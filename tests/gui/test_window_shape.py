"""The main window builds and wires: its class stays small, with the work in the
parts it owns (files, audio, keys, publishing, spelling, navigation, ...)."""
from __future__ import annotations

import ast
from pathlib import Path

import editor.gui.mainwindow as mainwindow


def class_length(path: Path, name: str) -> int:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node.end_lineno - node.lineno + 1
    raise AssertionError(f"no class {name} in {path}")


def test_the_main_window_class_is_under_450_lines():
    assert class_length(Path(mainwindow.__file__), "MainWindow") < 450
