"""Every edit to a project, as a small command with redo and undo.

Each command keeps what it needs to undo itself and changes the project only
through one :class:`~editor.core.model.Project` method per step. Push them with
``project.history.push(cmd)``; never call ``redo`` directly.
"""
from __future__ import annotations

import copy
from dataclasses import replace

from .estimate import reestimate_around, speaking_ms
from .history import Command
from .model import EPISODE_FIELDS, Chapter, Project, Speaker, Turn, word_count

CHAPTER_FIELDS = ("title", "url", "image", "toc")
SPEAKER_FIELDS = ("name", "color", "slot")


# -- turns -------------------------------------------------------------------

class SetTurnText(Command):
    """Change one turn's text. Consecutive edits of the same turn merge."""

    text = "Typing"

    def __init__(self, project: Project, index: int, new_text: str) -> None:
        self.project, self.index = project, index
        self.old = project.turns[index].text
        self.new = new_text

    def redo(self) -> None:
        self.project.set_turn_texts({self.index: self.new})

    def undo(self) -> None:
        self.project.set_turn_texts({self.index: self.old})

    def merge_with(self, newer: Command) -> bool:
        if isinstance(newer, SetTurnText) and newer.index == self.index \
                and newer.project is self.project:
            self.new = newer.new
            return True
        return False


class SetTurnStart(Command):
    """Set a turn's start: it becomes confirmed and its estimated neighbours move."""

    text = "Set turn start"

    def __init__(self, project: Project, index: int, start: int) -> None:
        self.project = project
        self.first, self.times = reestimate_around(
            project.turns, index, start, [c.start for c in project.chapters],
            project.audio_duration)
        turns = project.turns
        self.old = [(turns[k].start, turns[k].estimated)
                    for k in range(self.first, self.first + len(self.times))]

    def redo(self) -> None:
        self.project.set_turn_times(self.first, self.times)

    def undo(self) -> None:
        self.project.set_turn_times(self.first, self.old)


class SetTurnSpeaker(Command):
    text = "Change speaker"

    def __init__(self, project: Project, index: int, speaker_id: str) -> None:
        self.project, self.index = project, index
        self.old, self.new = project.turns[index].speaker, speaker_id

    def redo(self) -> None:
        self.project.set_turn_speakers({self.index: self.new})

    def undo(self) -> None:
        self.project.set_turn_speakers({self.index: self.old})


class SplitTurn(Command):
    """Split a turn at a text position into two turns of the same speaker.

    The new turn's start is estimated inside the old turn's span, in proportion
    to the text before the cut.
    """

    text = "Split turn"

    def __init__(self, project: Project, index: int, position: int) -> None:
        self.project, self.index = project, index
        turn = project.turns[index]
        self.old_text = turn.text
        head, tail = turn.text[:position].rstrip(), turn.text[position:].lstrip()
        self.head = head
        end = project.turn_end(index)
        if end is None or end <= turn.start:
            end = turn.start + speaking_ms(word_count(turn.text))
        share = len(head) / max(len(head) + len(tail), 1)
        start = turn.start + int((end - turn.start) * share)
        self.new_turn = Turn(start=start, speaker=turn.speaker, text=tail, estimated=True)

    def redo(self) -> None:
        self.project.set_turn_texts({self.index: self.head})
        self.project.insert_turns(self.index + 1, [replace(self.new_turn)])

    def undo(self) -> None:
        self.project.remove_turns(self.index + 1)
        self.project.set_turn_texts({self.index: self.old_text})


class MergeWithPrevious(Command):
    """Join a turn to the end of the one before it (a space between)."""

    text = "Merge turns"

    def __init__(self, project: Project, index: int) -> None:
        if index <= 0:
            raise IndexError("the first turn has no previous turn")
        self.project, self.index = project, index
        self.prev_text = project.turns[index - 1].text
        self.turn = replace(project.turns[index])
        joiner = " " if self.prev_text and self.turn.text else ""
        self.joined = self.prev_text + joiner + self.turn.text

    @property
    def join_position(self) -> int:
        """Where the merged turn's own text starts in the joined text."""
        return len(self.joined) - len(self.turn.text)

    def redo(self) -> None:
        self.project.remove_turns(self.index)
        self.project.set_turn_texts({self.index - 1: self.joined})

    def undo(self) -> None:
        self.project.set_turn_texts({self.index - 1: self.prev_text})
        self.project.insert_turns(self.index, [replace(self.turn)])


class InsertTurn(Command):
    text = "Insert turn"

    def __init__(self, project: Project, index: int, turn: Turn) -> None:
        self.project, self.index, self.turn = project, index, replace(turn)

    def redo(self) -> None:
        self.project.insert_turns(self.index, [replace(self.turn)])

    def undo(self) -> None:
        self.project.remove_turns(self.index)


class DeleteTurn(Command):
    text = "Delete turn"

    def __init__(self, project: Project, index: int) -> None:
        self.project, self.index = project, index
        self.turn = replace(project.turns[index])

    def redo(self) -> None:
        self.project.remove_turns(self.index)

    def undo(self) -> None:
        self.project.insert_turns(self.index, [replace(self.turn)])


class ReplaceTurns(Command):
    """Replace every turn at once (a transcript import): one undo step, and one
    remove/insert notification pair each way however long the transcript."""

    text = "Replace transcript"

    def __init__(self, project: Project, turns: list[Turn]) -> None:
        self.project = project
        self.old = [replace(t) for t in project.turns]
        self.new = [replace(t) for t in turns]

    def _show(self, turns: list[Turn]) -> None:
        if self.project.turns:
            self.project.remove_turns(0, len(self.project.turns))
        self.project.insert_turns(0, [replace(t) for t in turns])

    def redo(self) -> None:
        self._show(self.new)

    def undo(self) -> None:
        self._show(self.old)


class ReplaceTexts(Command):
    """Set many turns' texts at once: replace-all as one undo step."""

    text = "Replace all"

    def __init__(self, project: Project, new_texts: dict[int, str]) -> None:
        self.project = project
        self.new = dict(new_texts)
        self.old = {i: project.turns[i].text for i in new_texts}

    def redo(self) -> None:
        self.project.set_turn_texts(self.new)

    def undo(self) -> None:
        self.project.set_turn_texts(self.old)


# -- chapters ------------------------------------------------------------------

class AddChapter(Command):
    text = "Add chapter"

    def __init__(self, project: Project, chapter: Chapter) -> None:
        self.project, self.chapter = project, replace(chapter)
        self.index = project.chapter_insert_index(chapter.start)

    def redo(self) -> None:
        self.project.insert_chapter(replace(self.chapter), self.index)

    def undo(self) -> None:
        self.project.remove_chapter(self.index)


class DeleteChapter(Command):
    text = "Delete chapter"

    def __init__(self, project: Project, index: int) -> None:
        self.project, self.index = project, index
        self.chapter = replace(project.chapters[index])

    def redo(self) -> None:
        self.project.remove_chapter(self.index)

    def undo(self) -> None:
        self.project.insert_chapter(replace(self.chapter), self.index)


class MoveChapter(Command):
    """Give a chapter a new start; the list stays sorted."""

    text = "Move chapter"

    def __init__(self, project: Project, index: int, start: int) -> None:
        self.project, self.index, self.start = project, index, start
        self.old_start = project.chapters[index].start
        self.dst = index

    def redo(self) -> None:
        self.dst = self.project.move_chapter(self.index, self.start)

    def undo(self) -> None:
        self.project.move_chapter(self.dst, self.old_start, dst=self.index)


class SetChapterField(Command):
    """Change a chapter's title, url, image or toc flag."""

    def __init__(self, project: Project, index: int, field: str, value) -> None:
        if field not in CHAPTER_FIELDS:
            raise KeyError(field)
        self.project, self.index, self.field = project, index, field
        self.old = getattr(project.chapters[index], field)
        self.new = value
        self.text = "Rename chapter" if field == "title" else f"Change chapter {field}"

    def redo(self) -> None:
        self.project.update_chapter(self.index, **{self.field: self.new})

    def undo(self) -> None:
        self.project.update_chapter(self.index, **{self.field: self.old})


# -- episode details ----------------------------------------------------------

class SetEpisodeField(Command):
    def __init__(self, project: Project, field: str, value) -> None:
        if field not in EPISODE_FIELDS:
            raise KeyError(field)
        self.project, self.field = project, field
        self.old = getattr(project.episode, field)
        self.new = value
        self.text = f"Change {field}"

    def redo(self) -> None:
        self.project.set_episode_field(self.field, self.new)

    def undo(self) -> None:
        self.project.set_episode_field(self.field, self.old)

    def merge_with(self, newer: Command) -> bool:
        # Typing into a details field is one step per field, like typing in a turn.
        if isinstance(newer, SetEpisodeField) and newer.field == self.field \
                and newer.project is self.project and isinstance(self.new, str):
            self.new = newer.new
            return True
        return False


class SetAudio(Command):
    text = "Set audio file"

    def __init__(self, project: Project, path, duration: int | None) -> None:
        self.project = project
        self.old = (project.audio_path, project.audio_duration)
        self.new = (path, duration)

    def redo(self) -> None:
        self.project.set_audio(*self.new)

    def undo(self) -> None:
        self.project.set_audio(*self.old)


# -- speakers -------------------------------------------------------------------

class AddSpeaker(Command):
    text = "Add speaker"

    def __init__(self, project: Project, speaker: Speaker, index: int | None = None) -> None:
        if project.speaker(speaker.id) is not None:
            raise ValueError(f"a speaker with id {speaker.id!r} already exists")
        self.project, self.speaker = project, copy.copy(speaker)
        self.index = len(project.speakers) if index is None else index

    def redo(self) -> None:
        self.project.insert_speaker(self.index, copy.copy(self.speaker))

    def undo(self) -> None:
        self.project.remove_speaker(self.index)


class SetSpeakerField(Command):
    """Rename, recolour or re-slot a speaker. A rename shows in every turn at once,
    since turns refer to the speaker by id."""

    def __init__(self, project: Project, speaker_id: str, field: str, value) -> None:
        if field not in SPEAKER_FIELDS:
            raise KeyError(field)
        self.project, self.field = project, field
        self.index = project.speaker_index(speaker_id)
        self.old = getattr(project.speakers[self.index], field)
        self.new = value
        self.text = {"name": "Rename speaker", "color": "Change speaker colour",
                     "slot": "Change speaker key"}[field]

    def redo(self) -> None:
        self.project.update_speaker(self.index, **{self.field: self.new})

    def undo(self) -> None:
        self.project.update_speaker(self.index, **{self.field: self.old})


class MergeSpeakers(Command):
    """Fold speaker ``source`` into ``target``: every turn is reassigned."""

    text = "Merge speakers"

    def __init__(self, project: Project, source: str, target: str) -> None:
        if source == target:
            raise ValueError("cannot merge a speaker into itself")
        project.speaker_index(target)  # must exist
        self.project, self.source, self.target = project, source, target
        self.index = project.speaker_index(source)
        self.speaker = copy.copy(project.speakers[self.index])
        self.turns = [i for i, t in enumerate(project.turns) if t.speaker == source]

    def redo(self) -> None:
        self.project.set_turn_speakers({i: self.target for i in self.turns})
        self.project.remove_speaker(self.index)

    def undo(self) -> None:
        self.project.insert_speaker(self.index, copy.copy(self.speaker))
        self.project.set_turn_speakers({i: self.source for i in self.turns})
