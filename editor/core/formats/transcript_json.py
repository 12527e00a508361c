"""Podcasting 2.0 JSON transcript (``application/json``): ``{version, segments}``.

Reading: a segment starts a new turn when its speaker differs from the one
before, or when the segment before ended a paragraph (its body ends in "\\n");
otherwise it continues the current paragraph, so word-level files become one
turn per speaker run. A "\\n" inside a body is a paragraph break. A segment
without a ``speaker`` goes on with the previous segment's speaker, as podcast
apps read it; ``"speaker": ""`` says "no speaker". A turn made of several
segments keeps their starts as word times (``Turn.words``): each segment's
start is its first word's, the other words of a segment have none.

Writing: one segment per turn, ``startTime``/``endTime`` in seconds, the body
holding the turn's paragraphs separated by "\\n" and ending in "\\n"; a turn
without a speaker after one with a speaker gets ``"speaker": ""``. With
``words``, one segment per word instead, timed by ``wordtimes.spans_within`` (the
heard times, else times shared out by length; the first word starts with the
turn), each with the turn's speaker; a paragraph's first word after the turn's
first opens with "\\n" and the turn's last word ends with "\\n", so turns and
paragraphs read back whole.
"""
from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

from ..model import Project, Turn
from ..timecode import format_seconds
from ..wordtimes import spans_within
from . import Format
from ..builder import ProjectBuilder, turn_spans
from ._json import JsonDocument, first_key

VERSION = "1.0.0"


def read(text: str) -> Project:
    doc = JsonDocument(text)
    segments = doc.top_list("segments", "a Podcasting 2.0 transcript")
    builder = ProjectBuilder()
    turn = None
    paragraphs: list[list[str]] = []      # words of the turn being built
    starts: list[tuple[int, int]] = []    # (word index, ms) of each segment's first word
    count = 0                             # words in the turn so far
    speaker = ""
    open_paragraph = False                # the last segment did not end one
    for index, item in enumerate(segments):
        start, name, body = _segment(doc, index, item)
        if name is None:
            name = speaker
        if turn is None or name != speaker or not open_paragraph:
            _close(turn, paragraphs, starts, count)
            turn, paragraphs, starts, speaker = builder.turn(start, name, []), [[]], [], name
            count = 0
        if body.split():
            starts.append((count, start))
        for n, piece in enumerate(body.split("\n")):
            if n > 0 and paragraphs[-1]:
                paragraphs.append([])
            words = piece.split()
            paragraphs[-1].extend(words)
            count += len(words)
        open_paragraph = not body.endswith("\n")
    _close(turn, paragraphs, starts, count)
    return builder.project()


def _close(turn: Turn | None, paragraphs: list[list[str]],
           starts: list[tuple[int, int]], count: int) -> None:
    if turn is None:
        return
    turn.text = "\n".join(" ".join(words) for words in paragraphs if words)
    if len(starts) < 2:
        return          # a turn of one segment has no word times to give
    words: list[int | None] = [None] * count
    last = 0
    for word, ms in starts:
        offset = ms - turn.start
        if offset >= last:        # one earlier than the segment before times no word
            words[word] = last = offset
    turn.words = tuple(words)


def _segment(doc: JsonDocument, index: int, item: Any) -> tuple[int, str | None, str]:
    """(start, speaker or None when the segment names none, body)."""
    path = ("segments", index)
    start = doc.timed_item(item, path, "a segment is an object with 'startTime' and 'body'")
    values = []
    for key in ("speaker", "body"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise doc.error("is not a string", *path, key)
        values.append(value or "")
    named = item.get("speaker") is not None
    return start, values[0].strip() if named else None, values[1]


def write(project: Project, *, words: bool = False) -> str:
    segments: list[str] = []
    previous = ""
    names = project.speaker_names()
    for turn, (start, end) in zip(project.turns, turn_spans(project)):
        name = names.get(turn.speaker, turn.speaker).strip() if turn.speaker else ""
        # A missing speaker would read as the previous one.
        speaker = _speaker(name) if name or previous else ""
        previous = name
        if words and turn.text.split():
            segments += _word_segments(turn, end, speaker)
        else:
            segments.append(_segment_line(speaker, start, end, "\n".join(turn.paragraphs) + "\n"))
    lines = ",\n ".join(segments)
    return f'{{"version": "{VERSION}", "segments": [\n {lines}\n]}}\n'


# A segment a line, written here rather than by json.dumps: a word-level file
# has tens of thousands of segments, and dumps costs several times as much a call.
def _speaker(name: str) -> str:
    return f'"speaker": {encode_basestring(name)}, '


def _segment_line(speaker: str, start: int, end: int, body: str) -> str:
    return (f'{{{speaker}"startTime": {format_seconds(start)!r}, '
            f'"endTime": {format_seconds(end)!r}, "body": {encode_basestring(body)}}}')


def _word_segments(turn: Turn, end: int, speaker: str) -> list[str]:
    """A segment for each word of ``turn``, each with ``speaker`` (its JSON)."""
    bodies = []
    for paragraph in (p.split() for p in turn.paragraphs):
        if paragraph:
            bodies += [("\n" if bodies and k == 0 else "") + word
                       for k, word in enumerate(paragraph)]
    bodies[-1] += "\n"
    spans = spans_within(turn, end)
    # The first word starts with the turn, so the turn's time reads back as it is.
    return [_segment_line(speaker, span.start if k else turn.start, span.end, body)
            for k, (body, span) in enumerate(zip(bodies, spans))]


def sniff(text: str) -> int:
    """How sure we are that ``text`` is a JSON transcript: 2 sure, 0 not."""
    return 2 if first_key(text, ("segments", "chapters")) == "segments" else 0


FORMATS = [Format(
    name="transcript-json", label="Podcasting 2.0 JSON transcript", kind="transcript",
    extensions=(".json",), read=read, write=write, options=("words",),
    mime="application/json",
    carries=frozenset({"turns", "speakers", "paragraphs", "turn_times"}),
    extra={"sniff": sniff},
)]
