"""Shared pieces of the core tests: the small project to edit (from tests/projects.py),
complete dumps to compare, a recorder of model signals, and the synthetic episode
from benchmarks/."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from projects import small_project  # noqa: F401  (re-exported: the core tests' project)

from editor.core.model import Project
from editor.core.projectdump import project_to_data, yaml_text

ROOT = Path(__file__).resolve().parents[2]

PROJECT_SIGNALS = (
    "turns_about_to_insert", "turns_inserted", "turns_about_to_remove", "turns_removed",
    "turns_changed", "chapters_about_to_insert", "chapters_inserted",
    "chapters_about_to_remove", "chapters_removed", "chapters_about_to_move",
    "chapters_moved", "chapters_changed", "speakers_about_to_insert", "speakers_inserted",
    "speakers_about_to_remove", "speakers_removed", "speakers_changed", "episode_changed",
    "audio_changed", "dictionary_changed",
)


def dump(project: Project) -> dict[str, Any]:
    """The complete dump of ``project`` that tests compare."""
    return project_to_data(project)


def whole_dump(project: Project, base_dir: Path | None = None) -> str:
    """One YAML dump of all of ``project``'s data at once: the text a save writes,
    however it writes it."""
    return yaml_text(project_to_data(project, base_dir))


class SignalLog:
    """Records every project signal as (name, args, sizes) in emission order.

    ``sizes`` is (turns, chapters, speakers) counted when the signal fired, so a
    test can see that an about-to signal came before the change and done after.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.events: list[tuple[str, tuple, tuple[int, int, int]]] = []
        for name in PROJECT_SIGNALS:
            getattr(project, name).connect(self._recorder(name))

    def _recorder(self, name: str):
        def record(*args):
            p = self.project
            self.events.append((name, args, (len(p.turns), len(p.chapters), len(p.speakers))))
        return record

    def calls(self) -> list[tuple[str, tuple]]:
        return [(name, args) for name, args, _ in self.events]

    def clear(self) -> None:
        self.events.clear()


def load_synthetic():
    """benchmarks/synthetic.py as a module (benchmarks/ is not an installed package)."""
    spec = importlib.util.spec_from_file_location(
        "showscribe_benchmarks_synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_reverts(project: Project, command) -> None:
    """Push ``command``, then undo, redo, twice, comparing complete dumps each time.

    The command must change the project, so a command that does nothing fails.
    """
    before = dump(project)
    project.history.push(command)
    after = dump(project)
    assert after != before, f"{type(command).__name__} changed nothing"
    for _ in range(2):
        assert project.history.undo()
        assert dump(project) == before
        assert project.history.redo()
        assert dump(project) == after
