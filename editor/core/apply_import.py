"""Bringing an imported file into the project that is open, as one undo step.

Chapters replace the chapter list; a transcript replaces the turns, and its
speakers are matched to the project's by name (new ones are added, on the next
free key, keeping their colour unless a speaker of the project has it). The
imported project comes from a reader in ``editor.core.formats``.
"""
from __future__ import annotations

from dataclasses import replace

from .commands import AddChapter, AddSpeaker, DeleteChapter, ReplaceTurns
from .model import Project, Speaker
from .speakers import free_slot, next_color


def replace_chapters(project: Project, imported: Project) -> None:
    with project.history.macro("Import chapters"):
        for index in reversed(range(len(project.chapters))):
            project.history.push(DeleteChapter(project, index))
        for chapter in imported.chapters:
            project.history.push(AddChapter(project, chapter))


def replace_transcript(project: Project, imported: Project) -> None:
    by_name = {s.name.casefold(): s.id for s in project.speakers}
    with project.history.macro("Import transcript"):
        ids: dict[str, str] = {}
        for speaker in imported.speakers:
            known = by_name.get(speaker.name.casefold())
            if known is None:
                known = project.new_speaker_id(speaker.name)
                # Readers colour speakers from the same palette, so the first
                # imported speaker would often look like the project's first.
                taken = {s.color for s in project.speakers}
                color = speaker.color if speaker.color not in taken else next_color(project)
                project.history.push(AddSpeaker(project, Speaker(
                    known, speaker.name, color, free_slot(project))))
                by_name[speaker.name.casefold()] = known
            ids[speaker.id] = known
        turns = [replace(t, speaker=ids.get(t.speaker, "")) for t in imported.turns]
        project.history.push(ReplaceTurns(project, turns))


def apply_import(project: Project, imported: Project, kind: str) -> None:
    """Bring what a ``kind`` format carries ("chapters" or "transcript") into ``project``."""
    if kind == "chapters":
        replace_chapters(project, imported)
    elif kind == "transcript":
        replace_transcript(project, imported)
    else:
        raise ValueError(f"cannot import {kind} into an open project")
