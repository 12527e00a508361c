"""The transcript package's rooms keep to themselves: no module reaches into a
private member of another's objects, handlers are bound by name (never built from
a string) and named ``_on_<sender>_<signal>``, and the facade stays small."""
from __future__ import annotations

import ast
from pathlib import Path

import editor.gui.transcript as transcript_package

PACKAGE = Path(transcript_package.__file__).parent
SELF_NAMES = {"self", "cls"}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_reaches(folder: Path) -> list[str]:
    """``file:line: x._name`` for each private attribute read or called on
    anything but ``self`` or ``cls``, in every module of ``folder``."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and _is_private(node.attr)
                    and not (isinstance(node.value, ast.Name) and node.value.id in SELF_NAMES)):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def names_built_from_strings(folder: Path) -> list[str]:
    """``file:line`` for each getattr/setattr call (a member named by a string)."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("getattr", "setattr")):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def misnamed_handlers(folder: Path) -> list[str]:
    """``file:line`` for each ``x.connect(self._name)`` whose ``_name`` is not ``_on_...``."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect" and node.args):
                continue
            target = node.args[0]
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == "self" and target.attr.startswith("_")
                    and not target.attr.startswith("_on_")):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def class_length(path: Path, name: str) -> int:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node.end_lineno - node.lineno + 1
    raise AssertionError(f"{path.name} defines no class {name}")


def test_no_module_reaches_into_anothers_private_members():
    assert private_reaches(PACKAGE) == []


def test_the_check_finds_a_private_reach(tmp_path):
    (tmp_path / "room.py").write_text(
        "class Room:\n"
        "    def look(self, other):\n"
        "        self._mine = other.__class__\n"
        "        return other._theirs()\n", encoding="utf-8")
    assert private_reaches(tmp_path) == ["room.py:4: other._theirs"]


def test_no_handler_is_bound_by_a_name_built_from_a_string():
    assert names_built_from_strings(PACKAGE) == []


def test_handlers_are_named_for_their_sender_and_signal():
    assert misnamed_handlers(PACKAGE) == []


def test_the_check_finds_a_misnamed_handler(tmp_path):
    (tmp_path / "room.py").write_text(
        "class Room:\n"
        "    def wire(self, button):\n"
        "        button.clicked.connect(self._on_button_clicked)\n"
        "        button.pressed.connect(self._pressed)\n", encoding="utf-8")
    assert misnamed_handlers(tmp_path) == ["room.py:4: button.pressed.connect(self._pressed)"]


def test_the_facade_view_is_small():
    assert class_length(PACKAGE / "view.py", "TranscriptView") < 450
