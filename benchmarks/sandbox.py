"""Keep a benchmark's recovery copies and project locks in its own folder, and
start the app from compiled modules as an installed copy does.

A window the benchmark types into writes recovery copies, and every open takes
a lock, keyed by the project's path, in the user's data and runtime folders.
Left there they would greet the next run of the app on that path with a
Restore prompt (a timed open then waits on a dialog), and they are not the
user's to find. The variables are inherited by the app processes the
benchmarks start.

An installed copy runs from bytecode compiled when it was installed (pip and
Debian's packages byte-compile; so are the modules of the Gaupol the window is
timed against). A checkout run with ``PYTHONDONTWRITEBYTECODE`` set compiles
every module of the editor again at each start, which no user's start does:
:func:`compile_editor` writes the editor's bytecode where Python looks for it
(``__pycache__``, ignored by git) before anything is timed.
"""
from __future__ import annotations

import compileall
import os
from pathlib import Path

from editor.core.projectlock import RUNTIME_DIR_ENV
from editor.core.recovery import DATA_DIR_ENV


def keep_state_in(folder: Path) -> None:
    os.environ[DATA_DIR_ENV] = str(folder / "data")
    os.environ[RUNTIME_DIR_ENV] = str(folder / "runtime")


def compile_editor() -> None:
    """Byte-compile the editor package's modules, as installing it does."""
    package = Path(__file__).resolve().parent.parent / "editor"
    if not compileall.compile_dir(str(package), quiet=1):
        raise SystemExit(f"the modules in {package} do not compile")
