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

import json
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
    segments = []
    previous = ""
    for turn, (start, end) in zip(project.turns, turn_spans(project)):
        name = project.speaker_name(turn.speaker).strip() if turn.speaker else ""
        named = bool(name or previous)   # a missing speaker would read as the previous one
        previous = name
        if words and turn.text.split():
            segments += _word_segments(turn, end, name if named else None)
            continue
        segment: dict[str, Any] = {}
        if named:
            segment["speaker"] = name
        segment["startTime"] = format_seconds(start)
        segment["endTime"] = format_seconds(end)
        segment["body"] = "\n".join(turn.paragraphs) + "\n"
        segments.append(segment)
    # A segment a line: readable, and json's fast encoder, which indenting turns off.
    lines = ",\n ".join(json.dumps(segment, ensure_ascii=False) for segment in segments)
    return f'{{"version": "{VERSION}", "segments": [\n {lines}\n]}}\n'


def _word_segments(turn: Turn, end: int, name: str | None) -> list[dict[str, Any]]:
    """A segment for each word of ``turn``, ``name`` as every one's speaker."""
    bodies = []
    for paragraph in (p.split() for p in turn.paragraphs):
        if paragraph:
            bodies += [("\n" if bodies and k == 0 else "") + word
                       for k, word in enumerate(paragraph)]
    bodies[-1] += "\n"
    segments = []
    for k, (body, span) in enumerate(zip(bodies, spans_within(turn, end))):
        segment: dict[str, Any] = {} if name is None else {"speaker": name}
        # The first word starts with the turn, so the turn's time reads back as it is.
        segment["startTime"] = format_seconds(span.start if k else turn.start)
        segment["endTime"] = format_seconds(span.end)
        segment["body"] = body
        segments.append(segment)
    return segments


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
