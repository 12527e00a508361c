"""Hostile-input tests: each runs under a time limit, so a hang fails the run
instead of stalling it (pytest-timeout)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# helpers.py and formats_support.py of the core tests, also when this folder runs alone
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "formats")]
TIMEOUT_SECONDS = 120


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.timeout(TIMEOUT_SECONDS))
