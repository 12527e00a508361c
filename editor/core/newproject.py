"""A new project for an audio file, ready to transcribe: the episode titled after
the file, two placeholder speakers on keys 1 and 2, and one empty turn at 0:00.

The editor's "New from Audio" uses it; it emits nothing (the project is new).
"""
from __future__ import annotations

from pathlib import Path

from .model import Project, Turn
from .speakers import new_speaker

__all__ = ["new_project_for_audio"]


def new_project_for_audio(audio: Path, duration: int | None) -> Project:
    """An empty project for ``audio`` (made absolute) lasting ``duration`` ms, if known."""
    audio = Path(audio)
    project = Project()
    project.episode.title = audio.stem
    for name in ("Speaker 1", "Speaker 2"):
        project.speakers.append(new_speaker(project, name))
    project.turns = [Turn(start=0, speaker=project.speakers[0].id, text="")]
    project.audio_path = audio.absolute()
    project.audio_duration = duration
    return project
