"""Shared pieces of the core tests: a small project to edit, complete dumps to
compare, a recorder of model signals, and the synthetic episode from benchmarks/."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from editor.core.model import Chapter, Credit, Episode, Link, Project, Speaker, Turn
from editor.core.projectfile import project_to_data

ROOT = Path(__file__).resolve().parents[2]

PROJECT_SIGNALS = (
    "turns_about_to_insert", "turns_inserted", "turns_about_to_remove", "turns_removed",
    "turns_changed", "chapters_about_to_insert", "chapters_inserted",
    "chapters_about_to_remove", "chapters_removed", "chapters_about_to_move",
    "chapters_moved", "chapters_changed", "speakers_about_to_insert", "speakers_inserted",
    "speakers_about_to_remove", "speakers_removed", "speakers_changed", "episode_changed",
    "audio_changed", "dictionary_changed",
)


def small_project() -> Project:
    """Three speakers, three chapters, seven turns (some estimated, one in paragraphs)."""
    project = Project()
    project.episode = Episode(
        title="Small talk", subtitle="A test episode", description="One.\nTwo.",
        show="Tests", number=7, date="2025-03-14", language="en",
        links=(Link("Site", "https://example.com"),), credits=(Credit("Host", ("Ann",)),),
        disclaimer="None.", notes="")
    project.speakers = [
        Speaker("ann", "Ann", "#2563eb", 1),
        Speaker("bo", "Bo", "#dc2626", 2),
        Speaker("cy", "Cy", "#16a34a", None),
    ]
    project.chapters = [
        Chapter(0, "Intro"),
        Chapter(30_000, "News", url="https://example.com/news"),
        Chapter(90_000, "Ads", toc=False),
    ]
    project.turns = [
        Turn(0, "ann", "Welcome back to the show."),
        Turn(4_000, "bo", "Thanks for having me here today.", estimated=True),
        Turn(12_000, "ann", "Let us start.\nFirst, the news of the week.", estimated=True),
        Turn(30_000, "bo", "Big news indeed, really big.", estimated=True),
        Turn(45_000, "cy", "I have a question about that one."),
        Turn(60_000, "ann", "Go ahead.", estimated=True),
        Turn(90_000, "bo", "And now a word from our sponsor.", estimated=True),
    ]
    project.audio_path = Path("/podcasts/small-talk.mp3")
    project.audio_duration = 120_000
    return project


def dump(project: Project) -> dict[str, Any]:
    """The complete dump of ``project`` that tests compare."""
    return project_to_data(project)


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
