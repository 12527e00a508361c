"""Every edit to a project, as a small command with redo and undo.

Each command keeps what it needs to undo itself and changes the project only
through one :class:`~editor.core.model.Project` method per step. Push them with
``project.history.push(cmd)``; never call ``redo`` directly.
"""
from __future__ import annotations

import copy
import re
from dataclasses import replace

from .estimate import reestimate_around, speaking_ms
from .history import Command
from .model import (EPISODE_FIELDS, Chapter, Credit, Link, Project, Speaker, Turn, is_color,
                    is_iso_date, is_slot, word_count)
from .timecode import MAX_MS

CHAPTER_FIELDS = ("title", "url", "image", "toc")
SPEAKER_FIELDS = ("name", "color", "slot")


# -- argument checks: a command never puts into the model what a save would write
#    and a load refuse, and never gets an index its undo would misplace ----------

def _index(items: list, index: int, what: str, *, end_ok: bool = False) -> int:
    limit = len(items) + (1 if end_ok else 0)
    if type(index) is not int or not 0 <= index < limit:
        raise IndexError(f"there is no {what} {index!r} (there are {len(items)})")
    return index


def _time(ms: int, what: str) -> int:
    if type(ms) is not int or not 0 <= ms <= MAX_MS:
        raise ValueError(f"{what} {ms!r} is not a time from 0 to 1000 hours")
    return ms


def _speaker_id(project: Project, speaker_id: str) -> str:
    if speaker_id and project.speaker(speaker_id) is None:
        raise ValueError(f"there is no speaker {speaker_id!r}")
    return speaker_id


def _turn(project: Project, turn: Turn) -> Turn:
    _time(turn.start, "a turn's start")
    _speaker_id(project, turn.speaker)
    return replace(turn)


_CHAPTER_CHECKS = {
    "title": lambda v: isinstance(v, str),
    "url": lambda v: v is None or isinstance(v, str),
    "image": lambda v: v is None or isinstance(v, str),
    "toc": lambda v: isinstance(v, bool),
}
_SPEAKER_CHECKS = {"name": lambda v: isinstance(v, str), "color": is_color, "slot": is_slot}
_EPISODE_CHECKS = {
    "number": lambda v: v is None or (type(v) is int and v >= 0),
    "date": lambda v: v is None or is_iso_date(v),
    "links": lambda v: isinstance(v, tuple) and all(isinstance(x, Link) for x in v),
    "credits": lambda v: isinstance(v, tuple) and all(isinstance(x, Credit) for x in v),
}


# Characters no XML document may hold (C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF): typed or pasted, they would be written raw into
# Podlove XML, which every reader, Showscribe's included, then refuses.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_legal(text: str) -> str:
    """``text`` without the characters an XML document cannot carry."""
    return _XML_ILLEGAL.sub("", text)


def _value(checks: dict, field: str, value, what: str):
    """``value`` when it is valid for ``field``; text loses XML-illegal characters."""
    if not checks.get(field, lambda v: isinstance(v, str))(value):
        raise ValueError(f"{value!r} is not a valid {what} {field}")
    return xml_legal(value) if isinstance(value, str) else value


def _capitalised(label: str) -> str:
    """A label opening a sentence: "the turn at 05:12" -> "The turn at 05:12"."""
    return "The" + label[3:] if label.startswith("the ") else label


def start_bounds(project: Project, index: int) -> tuple[int, int | None]:
    """Where turn ``index`` may start: between its nearest confirmed neighbours
    (the first turn counts as one), and not past the end of the audio."""
    turns = project.turns
    low = 0
    for k in range(index - 1, -1, -1):
        if not turns[k].estimated or k == 0:
            low = turns[k].start
            break
    high = project.audio_duration
    for k in range(index + 1, len(turns)):
        if not turns[k].estimated:
            high = turns[k].start
            break
    return low, high


# -- turns -------------------------------------------------------------------

class SetTurnText(Command):
    """Change one turn's text. Consecutive edits of the same turn merge."""

    text = "Typing"

    def __init__(self, project: Project, index: int, new_text: str) -> None:
        self.project, self.index = project, _index(project.turns, index, "turn")
        if not isinstance(new_text, str):
            raise ValueError(f"a turn's text must be text, not {new_text!r}")
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
        _index(project.turns, index, "turn")
        _time(start, "a turn's start")
        low, high = start_bounds(project, index)
        if start < low or (high is not None and start > high):
            until = project.clock(high) if high is not None else "the end"
            raise ValueError(f"{_capitalised(project.turn_label(index))} cannot start at "
                             f"{project.clock(start)}: it must start between "
                             f"{project.clock(low)} and {until}, where its confirmed "
                             "neighbours are")
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


class SetTurnTimes(Command):
    """Set (start, estimated) for consecutive turns from ``first`` on, in one step:
    what :func:`~editor.core.estimate.fit_to_duration` proposes once the audio's
    length is known."""

    text = "Set turn times"

    def __init__(self, project: Project, first: int, times: list[tuple[int, bool]]) -> None:
        self.project = project
        turns = project.turns
        if times:
            _index(turns, first, "turn")
            _index(turns, first + len(times) - 1, "turn")
        for start, estimated in times:
            _time(start, "a turn's start")
            if not isinstance(estimated, bool):
                raise ValueError(f"a turn's estimated flag must be true or false, "
                                 f"not {estimated!r}")
        self.first, self.new = first, [(start, estimated) for start, estimated in times]
        self.old = [(turns[k].start, turns[k].estimated)
                    for k in range(first, first + len(times))]

    def redo(self) -> None:
        self.project.set_turn_times(self.first, self.new)

    def undo(self) -> None:
        self.project.set_turn_times(self.first, self.old)


class SetTurnSpeaker(Command):
    text = "Change speaker"

    def __init__(self, project: Project, index: int, speaker_id: str) -> None:
        self.project, self.index = project, _index(project.turns, index, "turn")
        self.old, self.new = project.turns[index].speaker, _speaker_id(project, speaker_id)

    def redo(self) -> None:
        self.project.set_turn_speakers({self.index: self.new})

    def undo(self) -> None:
        self.project.set_turn_speakers({self.index: self.old})


class SplitTurn(Command):
    """Split a turn at a text position into two turns of the same speaker.

    The new turn's start is estimated. With ``playhead`` inside the turn being
    split (after its start, before the next turn's), it is the playhead: the
    user splits where they hear the new sentence. Otherwise it is laid inside the
    old turn's span in proportion to the text before the cut, never past the next
    turn; the last turn's span is its speaking time at the estimating rate
    (within the audio), not the rest of the episode. The new turn remembers what
    whitespace the cut removed (its ``seam``), so a merge puts back only that.
    """

    text = "Split turn"

    def __init__(self, project: Project, index: int, position: int,
                 playhead: int | None = None) -> None:
        self.project, self.index = project, _index(project.turns, index, "turn")
        turn = project.turns[index]
        if type(position) is not int or not 0 <= position <= len(turn.text):
            raise IndexError(f"position {position!r} is outside the text of "
                             f"{project.turn_label(index)}")
        self.old_text = turn.text
        head, tail = turn.text[:position].rstrip(), turn.text[position:].lstrip()
        removed = turn.text[len(head):len(turn.text) - len(tail)]
        self.head = head
        start = self._new_start(project, index, len(head) / max(len(head) + len(tail), 1),
                                playhead)
        self.new_turn = Turn(start=start, speaker=turn.speaker, text=tail, estimated=True,
                             seam="\n" if "\n" in removed else " " if removed else "")

    @staticmethod
    def _new_start(project: Project, index: int, share: float, playhead: int | None) -> int:
        turn = project.turns[index]
        is_last = index + 1 >= len(project.turns)
        end = None if is_last else project.turns[index + 1].start
        if playhead is not None and turn.start < playhead and (end is None or playhead < end):
            if not (is_last and project.audio_duration is not None
                    and playhead >= project.audio_duration):
                return playhead
        if is_last:
            end = turn.start + speaking_ms(word_count(turn.text))
            if project.audio_duration is not None and project.audio_duration > turn.start:
                end = min(end, project.audio_duration)
        if end <= turn.start:
            return turn.start
        return turn.start + int((end - turn.start) * share)

    def redo(self) -> None:
        self.project.set_turn_texts({self.index: self.head})
        self.project.insert_turns(self.index + 1, [replace(self.new_turn)])

    def undo(self) -> None:
        self.project.remove_turns(self.index + 1)
        self.project.set_turn_texts({self.index: self.old_text})


class MergeWithPrevious(Command):
    """Join a turn to the end of the one before it.

    Between the two goes what the split that made the turn removed (its
    ``seam``: nothing, a space or a paragraph break), so a split and a merge
    give back the text as it was; a turn not made by a split is joined with a
    space.
    """

    text = "Merge turns"

    def __init__(self, project: Project, index: int) -> None:
        if _index(project.turns, index, "turn") == 0:
            raise IndexError("the first turn has no previous turn")
        self.project, self.index = project, index
        self.prev_text = project.turns[index - 1].text
        self.turn = replace(project.turns[index])
        joiner = " " if self.turn.seam is None else self.turn.seam
        if not (self.prev_text and self.turn.text):
            joiner = ""
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


class EditAcrossTurns(Command):
    """Turns ``first`` to ``last`` become one turn holding ``new_text``: typing,
    deleting or pasting over a selection that spans them.

    The first turn keeps its speaker and time; the others leave in one removal,
    so a selection over 5,000 turns is one model step with one notification
    pair, not 5,000 deletions. One undo step.
    """

    text = "Edit across turns"

    def __init__(self, project: Project, first: int, last: int, new_text: str) -> None:
        self.project, self.first = project, _index(project.turns, first, "turn")
        if _index(project.turns, last, "turn") < first:
            raise IndexError(f"turn {last + 1} comes before turn {first + 1}")
        if not isinstance(new_text, str):
            raise ValueError(f"a turn's text must be text, not {new_text!r}")
        self.old_text, self.new_text = project.turns[first].text, new_text
        self.removed = [replace(t) for t in project.turns[first + 1:last + 1]]

    def redo(self) -> None:
        if self.removed:
            self.project.remove_turns(self.first + 1, len(self.removed))
        self.project.set_turn_texts({self.first: self.new_text})

    def undo(self) -> None:
        self.project.set_turn_texts({self.first: self.old_text})
        self.project.insert_turns(self.first + 1, [replace(t) for t in self.removed])


class InsertTurn(Command):
    text = "Insert turn"

    def __init__(self, project: Project, index: int, turn: Turn) -> None:
        self.project, self.turn = project, _turn(project, turn)
        self.index = _index(project.turns, index, "turn", end_ok=True)

    def redo(self) -> None:
        self.project.insert_turns(self.index, [replace(self.turn)])

    def undo(self) -> None:
        self.project.remove_turns(self.index)


class DeleteTurn(Command):
    text = "Delete turn"

    def __init__(self, project: Project, index: int) -> None:
        self.project, self.index = project, _index(project.turns, index, "turn")
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
        self.new = [_turn(project, t) for t in turns]

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
        for index, text in new_texts.items():
            _index(project.turns, index, "turn")
            if not isinstance(text, str):
                raise ValueError(f"a turn's text must be text, not {text!r}")
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
        _time(chapter.start, "a chapter's start")
        cleaned = {field: _value(_CHAPTER_CHECKS, field, getattr(chapter, field), "chapter")
                   for field in CHAPTER_FIELDS}
        self.project, self.chapter = project, replace(chapter, **cleaned)
        self.index = project.chapter_insert_index(chapter.start)

    def redo(self) -> None:
        self.project.insert_chapter(replace(self.chapter), self.index)

    def undo(self) -> None:
        self.project.remove_chapter(self.index)


class DeleteChapter(Command):
    text = "Delete chapter"

    def __init__(self, project: Project, index: int) -> None:
        self.project, self.index = project, _index(project.chapters, index, "chapter")
        self.chapter = replace(project.chapters[index])

    def redo(self) -> None:
        self.project.remove_chapter(self.index)

    def undo(self) -> None:
        self.project.insert_chapter(replace(self.chapter), self.index)


class MoveChapter(Command):
    """Give a chapter a new start; the list stays sorted."""

    text = "Move chapter"

    def __init__(self, project: Project, index: int, start: int) -> None:
        self.project, self.index = project, _index(project.chapters, index, "chapter")
        self.start = _time(start, "a chapter's start")
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
        value = _value(_CHAPTER_CHECKS, field, value, "chapter")
        self.project, self.field = project, field
        self.index = _index(project.chapters, index, "chapter")
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
        value = _value(_EPISODE_CHECKS, field, value, "episode")
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
        if not speaker.id or project.speaker(speaker.id) is not None:
            raise ValueError(f"a speaker with id {speaker.id!r} already exists or is empty")
        for field in SPEAKER_FIELDS:
            _value(_SPEAKER_CHECKS, field, getattr(speaker, field), "speaker")
        self.project, self.speaker = project, copy.copy(speaker)
        self.index = (len(project.speakers) if index is None
                      else _index(project.speakers, index, "speaker", end_ok=True))

    def redo(self) -> None:
        self.project.insert_speaker(self.index, copy.copy(self.speaker))

    def undo(self) -> None:
        self.project.remove_speaker(self.index)


def renamed_credits(credits: tuple[Credit, ...], old: str, new: str) -> tuple[Credit, ...]:
    """``credits`` with every name that is exactly ``old`` (a whole name, same case)
    changed to ``new``; other names, "Cal Reid" for "Cal" say, are left as they are."""
    return tuple(Credit(credit.role, tuple(new if name == old else name
                                           for name in credit.names))
                 for credit in credits)


class SetSpeakerField(Command):
    """Rename, recolour or re-slot a speaker. A rename shows in every turn at once,
    since turns refer to the speaker by id, and renames the credits that name the
    speaker exactly, in the same step (the show notes say who speaks)."""

    def __init__(self, project: Project, speaker_id: str, field: str, value) -> None:
        if field not in SPEAKER_FIELDS:
            raise KeyError(field)
        _value(_SPEAKER_CHECKS, field, value, "speaker")
        self.project, self.field = project, field
        self.index = project.speaker_index(speaker_id)
        self.old = getattr(project.speakers[self.index], field)
        self.new = value
        self.text = {"name": "Rename speaker", "color": "Change speaker colour",
                     "slot": "Change speaker key"}[field]
        self.old_credits = self.new_credits = project.episode.credits
        if field == "name" and self.old.strip() and value.strip():
            self.new_credits = renamed_credits(self.old_credits, self.old.strip(), value.strip())

    def redo(self) -> None:
        self.project.update_speaker(self.index, **{self.field: self.new})
        if self.new_credits != self.old_credits:
            self.project.set_episode_field("credits", self.new_credits)

    def undo(self) -> None:
        if self.new_credits != self.old_credits:
            self.project.set_episode_field("credits", self.old_credits)
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


# -- the episode's dictionary ---------------------------------------------------

def _word(word: str) -> str:
    if not isinstance(word, str) or not word.strip() or "\n" in word:
        raise ValueError(f"{word!r} is not a word for the dictionary")
    return word.strip()


class AddEpisodeWord(Command):
    """Accept a word in this episode: the spell checker stops flagging it."""

    text = "Add to episode dictionary"

    def __init__(self, project: Project, word: str) -> None:
        self.project, self.word = project, _word(word)
        if self.word in project.dictionary:
            raise ValueError(f"{self.word!r} is already in the episode dictionary")
        self.index = len(project.dictionary)

    def redo(self) -> None:
        self.project.insert_dictionary_word(self.index, self.word)

    def undo(self) -> None:
        self.project.remove_dictionary_word(self.index)


class RemoveEpisodeWord(Command):
    text = "Remove from episode dictionary"

    def __init__(self, project: Project, word: str) -> None:
        self.project, self.word = project, word
        try:
            self.index = project.dictionary.index(word)
        except ValueError:
            raise ValueError(f"{word!r} is not in the episode dictionary") from None

    def redo(self) -> None:
        self.project.remove_dictionary_word(self.index)

    def undo(self) -> None:
        self.project.insert_dictionary_word(self.index, self.word)
