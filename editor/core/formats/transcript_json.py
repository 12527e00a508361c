"""Podcasting 2.0 JSON transcript (``application/json``): ``{version, segments}``.

Reading: a segment starts a new turn when its speaker differs from the one
before, or when the segment before ended a paragraph (its body ends in "\\n");
otherwise it continues the current paragraph, so word-level files become one
turn per speaker run. A "\\n" inside a body is a paragraph break. A segment
without a ``speaker`` goes on with the previous segment's speaker, as podcast
apps read it; ``"speaker": ""`` says "no speaker".

Writing: one segment per turn, ``startTime``/``endTime`` in seconds, the body
holding the turn's paragraphs separated by "\\n" and ending in "\\n"; a turn
without a speaker after one with a speaker gets ``"speaker": ""``.
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Project
from ..timecode import format_seconds
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
    speaker = ""
    open_paragraph = False                # the last segment did not end one
    for index, item in enumerate(segments):
        start, name, body = _segment(doc, index, item)
        if name is None:
            name = speaker
        if turn is None or name != speaker or not open_paragraph:
            _close(turn, paragraphs)
            turn, paragraphs, speaker = builder.turn(start, name, []), [[]], name
        for n, piece in enumerate(body.split("\n")):
            if n > 0 and paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].extend(piece.split())
        open_paragraph = not body.endswith("\n")
    _close(turn, paragraphs)
    return builder.project()


def _close(turn, paragraphs: list[list[str]]) -> None:
    if turn is not None:
        turn.text = "\n".join(" ".join(words) for words in paragraphs if words)


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


def write(project: Project) -> str:
    segments = []
    previous = ""
    names = project.speaker_names()
    for turn, (start, end) in zip(project.turns, turn_spans(project)):
        segment: dict[str, Any] = {}
        name = names.get(turn.speaker, turn.speaker).strip() if turn.speaker else ""
        if name or previous:   # a missing speaker would read as the previous one
            segment["speaker"] = name
        previous = name
        segment["startTime"] = format_seconds(start)
        segment["endTime"] = format_seconds(end)
        segment["body"] = "\n".join(turn.paragraphs) + "\n"
        segments.append(segment)
    data = {"version": VERSION, "segments": segments}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def sniff(text: str) -> int:
    """How sure we are that ``text`` is a JSON transcript: 2 sure, 0 not."""
    return 2 if first_key(text, ("segments", "chapters")) == "segments" else 0


FORMATS = [Format(
    name="transcript-json", label="Podcasting 2.0 JSON transcript", kind="transcript",
    extensions=(".json",), read=read, write=write, mime="application/json",
    carries=frozenset({"turns", "speakers", "paragraphs", "turn_times"}),
    extra={"sniff": sniff},
)]
