"""Speaker rules: the colour palette, the colour and key a new speaker gets, and
which speaker a keyboard slot (Ctrl+1 ... Ctrl+9) gives a turn to.

Used by the readers (through ``builder``), imports into an open project, the
speakers panel, a new project for an audio file and the editor's speaker keys.
Nothing here changes a project or emits anything.
"""
from __future__ import annotations

from collections import Counter

from .model import Project, Speaker

__all__ = ["PALETTE", "SLOTS", "next_color", "free_slot", "new_speaker", "speaker_for_slot"]

# Distinct hues dark enough for WCAG's 4.5:1 text contrast on white as they are;
# a dark theme lightens them for display (the transcript's colour adapter), so
# the palette itself stays one list for every theme and every file written.
PALETTE = ("#2563eb", "#b45309", "#15803d", "#9333ea", "#be123c", "#0e7490", "#4d7c0f",
           "#c2410c", "#4b5563")

SLOTS = range(1, 10)


def next_color(project: Project) -> str:
    """The colour for a new speaker: the first palette colour no speaker has; once
    all are taken, the palette colour fewest speakers have (earliest on a tie), so
    that speakers added one by one go round the palette."""
    used = Counter(speaker.color for speaker in project.speakers)
    return min(PALETTE, key=lambda color: used[color])


def free_slot(project: Project) -> int | None:
    """The lowest key slot no speaker has, or None when all nine are taken."""
    taken = {speaker.slot for speaker in project.speakers}
    return next((slot for slot in SLOTS if slot not in taken), None)


def new_speaker(project: Project, name: str) -> Speaker:
    """A speaker called ``name`` for ``project`` (not yet added): a fresh id, the
    next colour and the lowest free key slot."""
    return Speaker(id=project.new_speaker_id(name), name=name, color=next_color(project),
                   slot=free_slot(project))


def speaker_for_slot(project: Project, slot: int) -> Speaker | None:
    """The speaker Ctrl+<slot> gives a turn to: the first speaker with that slot
    (a project file may give two speakers one key: the one listed first wins); in
    a project where no speaker has a slot, the slot-th speaker; else None."""
    speakers = project.speakers
    for speaker in speakers:
        if speaker.slot == slot:
            return speaker
    if all(speaker.slot is None for speaker in speakers) and 1 <= slot <= len(speakers):
        return speakers[slot - 1]
    return None
