"""editor.core runs in a plain interpreter: importing it loads neither Qt nor vlc."""
from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("PySide6", "shiboken6", "vlc")

LOADED = "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"

# Imports every module of editor.core (sub-packages too) that has a source file.
IMPORT_ALL = """
import importlib, json, pathlib, sys
import editor.core
root = pathlib.Path(editor.core.__file__).parent
for source in sorted(root.rglob("*.py")):
    parts = source.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if any(part.startswith(("test_", ".")) for part in parts):
        continue
    importlib.import_module(".".join(("editor", "core") + parts))
""" + LOADED


def run_fresh(code: str) -> set[str]:
    """Top-level module names a fresh interpreter has loaded after running ``code``."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_core_loads_no_qt_and_no_vlc():
    loaded = run_fresh("import editor.core, editor.core.commands, editor.core.estimate, "
                       "sys, json; " + LOADED)
    assert {"editor", "yaml"} <= loaded     # the probe sees real imports
    assert loaded.isdisjoint(FORBIDDEN), sorted(loaded & set(FORBIDDEN))


def test_no_module_of_the_core_loads_qt_or_vlc():
    loaded = run_fresh(IMPORT_ALL)
    assert loaded.isdisjoint(FORBIDDEN), sorted(loaded & set(FORBIDDEN))
