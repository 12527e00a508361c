"""Projects the tests build, shared by every test folder (``from projects import
small_project``; tests/conftest.py puts tests/ on sys.path).

- :func:`small_project`: the one small, rich project: three speakers (one without
  a key slot), three chapters, seven turns, some estimated, one in two paragraphs.
- :func:`uniform_project`: ``turns`` alike turns three seconds apart, for tests
  that need many turns (scrolling, following, size).
"""
from __future__ import annotations

from pathlib import Path

from editor.core.model import Chapter, Credit, Episode, Link, Project, Speaker, Turn


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


def uniform_project(turns: int) -> Project:
    """Two speakers taking turns every 3 s, every seventh time from the fourth
    estimated; no chapters. ``uniform_project(0)`` has speakers and no turns."""
    project = Project()
    project.speakers = [Speaker("a", "Alpha", "#2563eb", 1), Speaker("b", "Beta", "#dc2626", 2)]
    project.turns = [Turn(i * 3_000, "ab"[i % 2], f"Turn number {i} says a few words here.",
                          estimated=i % 7 == 3)
                     for i in range(turns)]
    project.audio_duration = turns * 3_000
    return project
