"""Keep a benchmark's recovery copies and project locks in its own folder.

A window the benchmark types into writes recovery copies, and every open takes
a lock, keyed by the project's path, in the user's data and runtime folders.
Left there they would greet the next run of the app on that path with a
Restore prompt (a timed open then waits on a dialog), and they are not the
user's to find. The variables are inherited by the app processes the
benchmarks start.
"""
from __future__ import annotations

import os
from pathlib import Path

from editor.core.projectlock import RUNTIME_DIR_ENV
from editor.core.recovery import DATA_DIR_ENV


def keep_state_in(folder: Path) -> None:
    os.environ[DATA_DIR_ENV] = str(folder / "data")
    os.environ[RUNTIME_DIR_ENV] = str(folder / "runtime")
