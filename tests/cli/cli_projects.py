"""Projects the command-line tests share."""
from __future__ import annotations

from editor.core import Chapter, Credit, Project, Speaker, Turn
from editor.core.model import Link


def clean_project() -> Project:
    """A project with nothing for the publish checks to report."""
    p = Project()
    p.episode.title = "Night Shift Radio"
    p.episode.credits = (Credit("Hosted", ("Ann Lee",)), Credit("Guest", ("Bo Chan",)))
    p.episode.links = (Link("Show page", "https://example.org"),)
    p.speakers = [Speaker("ann", "Ann Lee", "#2563eb", 1), Speaker("bo", "Bo Chan", "#b45309", 2)]
    p.chapters = [Chapter(0, "Hello"), Chapter(20_000, "Middle"), Chapter(40_000, "Bye")]
    p.turns = [Turn(0, "ann", "Welcome."), Turn(20_000, "bo", "Thanks."),
               Turn(40_000, "ann", "Goodbye.")]
    p.audio_duration = 60_000
    return p
