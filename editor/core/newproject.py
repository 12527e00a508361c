"""A new project for an audio file, ready to transcribe: the episode titled after
the file, two placeholder speakers on keys 1 and 2, and one empty turn at 0:00;
or, from a draft transcript of the audio, its turns instead, all Speaker 1's.

The editor's "New from Audio" and ``showscribe transcribe`` use them; they emit
nothing (the project is new).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol, Sequence

from .model import Project, Turn
from .speakers import new_speaker

__all__ = ["new_project_for_audio", "new_project_from_draft"]


class DraftTurn(Protocol):
    """A turn recognised in the audio (editor.audio.align.transcribe makes them)."""

    start: int                  # ms from the start of the audio
    text: str
    words: Sequence[int]        # each word's start (of text.split()), ms from the audio's start


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


def new_project_from_draft(audio: Path, duration: int | None,
                           turns: Iterable[DraftTurn]) -> Project:
    """A project for ``audio`` holding the draft's turns, with their word times.

    The turns' starts come from the audio, so they are confirmed (not estimated),
    however rough the words; every turn is Speaker 1's, since a draft does not
    tell voices apart. With no turns, it is the empty project of
    :func:`new_project_for_audio`."""
    project = new_project_for_audio(audio, duration)
    speaker = project.speakers[0].id
    drafted = [Turn(start=turn.start, speaker=speaker, text=turn.text,
                    words=tuple(word - turn.start for word in turn.words))
               for turn in turns]
    if drafted:
        project.turns = drafted
    return project
