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
from .wordtimes import (edited_words, fitted, merged_words, rebased, split_words,
                        words_problem)

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
    _words(turn.words, turn.text, "a turn's word times")
    return replace(turn, words=tuple(turn.words) if turn.words is not None else None)


def _words(words, text: str, what: str) -> tuple[int | None, ...] | None:
    problem = words_problem(words, word_count(text))
    if problem is not None:
        entry, why = problem
        where = f" (word {entry + 1})" if entry is not None else ""
        raise ValueError(f"{what} do not fit its text{where}: {why}")
    return tuple(words) if words is not None else None


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


def confirmed_bounds(starts: list[int], estimated: list[bool], duration: int | None
                     ) -> tuple[list[int], list[int | None]]:
    """For every turn, where it may start (as :func:`start_bounds` says) in turns
    that start at ``starts`` with these ``estimated`` flags: one pass each way."""
    count = len(starts)
    lows: list[int] = [0] * count
    low = 0
    for k in range(count):
        lows[k] = low
        if k == 0 or not estimated[k]:
            low = starts[k]
    highs: list[int | None] = [None] * count
    high = duration
    for k in range(count - 1, -1, -1):
        highs[k] = high
        if not estimated[k]:
            high = starts[k]
    return lows, highs


def _start_refused(project: Project, index: int, start: int, low: int,
                   high: int | None) -> str:
    until = project.clock(high) if high is not None else "the end"
    return (f"{_capitalised(project.turn_label(index))} cannot start at "
            f"{project.clock(start)}: it must start between {project.clock(low)} and "
            f"{until}, where its confirmed neighbours are")


def _rebased_words(turns: list[Turn], first: int, times: list[tuple[int, bool]]) -> list:
    """The word times of turns ``first``... once they start at ``times``: each word
    stays where it was heard."""
    return [rebased(turns[first + k].words, turns[first + k].start, start)
            for k, (start, _) in enumerate(times)]


# -- turns -------------------------------------------------------------------

class SetTurnText(Command):
    """Change one turn's text. Consecutive edits of the same turn merge."""

    text = "Typing"
    # What a recovery copy written before word times holds no state for.
    old_words = new_words = None

    def __init__(self, project: Project, index: int, new_text: str) -> None:
        self.project, self.index = project, _index(project.turns, index, "turn")
        if not isinstance(new_text, str):
            raise ValueError(f"a turn's text must be text, not {new_text!r}")
        turn = project.turns[index]
        self.old, self.old_words = turn.text, turn.words
        self.new = new_text
        # Every word the edit left alone keeps its time.
        self.new_words = edited_words([turn], new_text)

    def redo(self) -> None:
        self.project.set_turn_texts({self.index: self.new}, {self.index: self.new_words})

    def undo(self) -> None:
        self.project.set_turn_texts({self.index: self.old}, {self.index: self.old_words})

    def merge_with(self, newer: Command) -> bool:
        if isinstance(newer, SetTurnText) and newer.index == self.index \
                and newer.project is self.project:
            self.new, self.new_words = newer.new, newer.new_words
            return True
        return False


class SetTurnStart(Command):
    """Set a turn's start: it becomes confirmed and its estimated neighbours move."""

    text = "Set turn start"
    old_words = new_words = None      # a recovery copy from before word times

    def __init__(self, project: Project, index: int, start: int) -> None:
        self.project = project
        _index(project.turns, index, "turn")
        _time(start, "a turn's start")
        low, high = start_bounds(project, index)
        if start < low or (high is not None and start > high):
            raise ValueError(_start_refused(project, index, start, low, high))
        self.first, self.times = reestimate_around(
            project.turns, index, start, [c.start for c in project.chapters],
            project.audio_duration)
        turns = project.turns
        span = range(self.first, self.first + len(self.times))
        self.old = [(turns[k].start, turns[k].estimated) for k in span]
        self.old_words = [turns[k].words for k in span]
        self.new_words = _rebased_words(turns, self.first, self.times)

    def redo(self) -> None:
        self.project.set_turn_times(self.first, self.times, self.new_words)

    def undo(self) -> None:
        self.project.set_turn_times(self.first, self.old, self.old_words)


class SetTurnTimes(Command):
    """Set (start, estimated) for consecutive turns from ``first`` on, in one step:
    what :func:`~editor.core.estimate.fit_to_duration` proposes once the audio's
    length is known."""

    text = "Set turn times"
    old_words = new_words = None      # a recovery copy from before word times

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
        span = range(first, first + len(times))
        self.old = [(turns[k].start, turns[k].estimated) for k in span]
        self.old_words = [turns[k].words for k in span]
        self.new_words = _rebased_words(turns, first, self.new)

    def redo(self) -> None:
        self.project.set_turn_times(self.first, self.new, self.new_words)

    def undo(self) -> None:
        self.project.set_turn_times(self.first, self.old, self.old_words)


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

    Word times go with their words: the new turn's are rebased to its start.
    When the first word after the cut was heard at a known time inside the old
    turn's span, that is the new turn's start, before the playhead: the words say
    exactly where the cut is heard. Otherwise the start is never after the first
    word of the new turn whose time is known, so no known time is lost.
    """

    text = "Split turn"
    old_words = head_words = None      # a recovery copy from before word times

    def __init__(self, project: Project, index: int, position: int,
                 playhead: int | None = None) -> None:
        self.project, self.index = project, _index(project.turns, index, "turn")
        turn = project.turns[index]
        if type(position) is not int or not 0 <= position <= len(turn.text):
            raise IndexError(f"position {position!r} is outside the text of "
                             f"{project.turn_label(index)}")
        self.old_text, self.old_words = turn.text, turn.words
        head, tail = turn.text[:position].rstrip(), turn.text[position:].lstrip()
        removed = turn.text[len(head):len(turn.text) - len(tail)]
        self.head = head
        self.head_words, tail_times = split_words(turn, len(head), len(turn.text) - len(tail))
        start = self._new_start(project, index, len(head) / max(len(head) + len(tail), 1),
                                playhead)
        heard = self._heard_start(project, index, tail_times)
        if heard is not None and (tail_times[0] is not None or heard < start):
            start = heard
        words = (None if tail_times is None
                 else fitted(None if t is None else t - start for t in tail_times))
        self.new_turn = Turn(start=start, speaker=turn.speaker, text=tail, estimated=True,
                             words=words,
                             seam="\n" if "\n" in removed else " " if removed else "")

    @staticmethod
    def _heard_start(project: Project, index: int, times: list[int | None] | None) -> int | None:
        """When the first word of ``times`` whose time is known was heard, if that is
        inside turn ``index``'s span (and the audio)."""
        heard = next((t for t in times or () if t is not None), None)
        if heard is None:
            return None
        turn, turns, duration = project.turns[index], project.turns, project.audio_duration
        if heard <= turn.start or (index + 1 < len(turns) and heard >= turns[index + 1].start) \
                or (duration is not None and heard >= duration):
            return None
        return heard

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
        self.project.set_turn_texts({self.index: self.head}, {self.index: self.head_words})
        self.project.insert_turns(self.index + 1, [replace(self.new_turn)])

    def undo(self) -> None:
        self.project.remove_turns(self.index + 1)
        self.project.set_turn_texts({self.index: self.old_text},
                                    {self.index: self.old_words})


class MergeWithPrevious(Command):
    """Join a turn to the end of the one before it.

    Between the two goes what the split that made the turn removed (its
    ``seam``: nothing, a space or a paragraph break), so a split and a merge
    give back the text as it was; a turn not made by a split is joined with a
    space. The merged turn's word times go along, from the previous turn's start.
    """

    text = "Merge turns"
    prev_words = joined_words = None   # a recovery copy from before word times

    def __init__(self, project: Project, index: int) -> None:
        if _index(project.turns, index, "turn") == 0:
            raise IndexError("the first turn has no previous turn")
        self.project, self.index = project, index
        previous = project.turns[index - 1]
        self.prev_text, self.prev_words = previous.text, previous.words
        self.turn = replace(project.turns[index])
        joiner = " " if self.turn.seam is None else self.turn.seam
        if not (self.prev_text and self.turn.text):
            joiner = ""
        self.joined = self.prev_text + joiner + self.turn.text
        self.joined_words = merged_words(previous, joiner, self.turn)

    @property
    def join_position(self) -> int:
        """Where the merged turn's own text starts in the joined text."""
        return len(self.joined) - len(self.turn.text)

    def redo(self) -> None:
        self.project.remove_turns(self.index)
        self.project.set_turn_texts({self.index - 1: self.joined},
                                    {self.index - 1: self.joined_words})

    def undo(self) -> None:
        self.project.set_turn_texts({self.index - 1: self.prev_text},
                                    {self.index - 1: self.prev_words})
        self.project.insert_turns(self.index, [replace(self.turn)])


class EditAcrossTurns(Command):
    """Turns ``first`` to ``last`` become one turn holding ``new_text``: typing,
    deleting or pasting over a selection that spans them.

    The first turn keeps its speaker and time; the others leave in one removal,
    so a selection over 5,000 turns is one model step with one notification
    pair, not 5,000 deletions. One undo step. The words the edit left alone keep
    their times, from the first turn's start.
    """

    text = "Edit across turns"
    old_words = new_words = None       # a recovery copy from before word times

    def __init__(self, project: Project, first: int, last: int, new_text: str) -> None:
        self.project, self.first = project, _index(project.turns, first, "turn")
        if _index(project.turns, last, "turn") < first:
            raise IndexError(f"turn {last + 1} comes before turn {first + 1}")
        if not isinstance(new_text, str):
            raise ValueError(f"a turn's text must be text, not {new_text!r}")
        turns = project.turns[first:last + 1]
        self.old_text, self.new_text = turns[0].text, new_text
        self.old_words, self.new_words = turns[0].words, edited_words(turns, new_text)
        self.removed = [replace(t) for t in turns[1:]]

    def redo(self) -> None:
        if self.removed:
            self.project.remove_turns(self.first + 1, len(self.removed))
        self.project.set_turn_texts({self.first: self.new_text}, {self.first: self.new_words})

    def undo(self) -> None:
        self.project.set_turn_texts({self.first: self.old_text}, {self.first: self.old_words})
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
    old_words = new_words = None       # a recovery copy from before word times

    def __init__(self, project: Project, new_texts: dict[int, str]) -> None:
        self.project = project
        for index, text in new_texts.items():
            _index(project.turns, index, "turn")
            if not isinstance(text, str):
                raise ValueError(f"a turn's text must be text, not {text!r}")
        turns = project.turns
        self.new = dict(new_texts)
        self.old = {i: turns[i].text for i in new_texts}
        # Only the turns with word times: replace-all over 5,000 turns stays cheap.
        self.old_words = {i: turns[i].words for i in new_texts if turns[i].words is not None}
        self.new_words = {i: edited_words([turns[i]], self.new[i]) for i in self.old_words}

    def redo(self) -> None:
        self.project.set_turn_texts(self.new, self.new_words)

    def undo(self) -> None:
        self.project.set_turn_texts(self.old, self.old_words)


class ApplyAlignment(Command):
    """Turn starts and word times found in the audio, as one undo step.

    ``changes`` is a list of ``(turn index, start ms, estimated, words)``, words
    as offsets from that start (or None), as
    :func:`editor.core.alignment.alignment_changes` makes them. Each confirmed
    start that changes must lie between its confirmed neighbours once every
    change is made (the rule of :class:`SetTurnStart`); turns between the first
    and last changed one are left as they are, and hear one ``turns_changed``.
    """

    text = "Align to audio"

    def __init__(self, project: Project, changes) -> None:
        self.project = project
        turns = project.turns
        new: dict[int, tuple[int, bool, tuple[int | None, ...] | None]] = {}
        for change in changes:
            if not isinstance(change, (tuple, list)) or len(change) != 4:
                raise ValueError(f"{change!r} is not (turn, start, estimated, words)"[:120])
            index, start, estimated, words = change
            _index(turns, index, "turn")
            if index in new:
                raise ValueError(f"{_capitalised(project.turn_label(index))} is aligned twice")
            _time(start, "a turn's start")
            if not isinstance(estimated, bool):
                raise ValueError(f"a turn's estimated flag must be true or false, "
                                 f"not {estimated!r}")
            new[index] = (start, estimated, _words(
                words, turns[index].text, f"the word times for {project.turn_label(index)}"))
        self.first = min(new, default=0)
        span = range(self.first, max(new) + 1 if new else 0)
        self.old = [(turns[k].start, turns[k].estimated) for k in span]
        self.old_words = [turns[k].words for k in span]
        self.new = [new[k][:2] if k in new else self.old[k - self.first] for k in span]
        self.new_words = [new[k][2] if k in new else self.old_words[k - self.first]
                          for k in span]
        moved = [k for k in sorted(new) if not new[k][1]
                 and new[k][:2] != (turns[k].start, turns[k].estimated)]
        if moved:
            starts = list(project.turn_starts())
            estimated_flags = [turn.estimated for turn in turns]
            for k, (start, estimated, _) in new.items():
                starts[k], estimated_flags[k] = start, estimated
            lows, highs = confirmed_bounds(starts, estimated_flags, project.audio_duration)
            for k in moved:
                start, low, high = starts[k], lows[k], highs[k]
                if start < low or (high is not None and start > high):
                    raise ValueError(_start_refused(project, k, start, low, high))

    def redo(self) -> None:
        self.project.set_turn_times(self.first, self.new, self.new_words)

    def undo(self) -> None:
        self.project.set_turn_times(self.first, self.old, self.old_words)


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
