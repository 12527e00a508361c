"""Podcasting 2.0 JSON transcript: round trip, shape, word-level input, errors."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import transcript_json
from formats_support import transcript_project, transcript_projects, turn_view


def test_round_trip_keeps_everything():
    project = transcript_project()
    assert turn_view(transcript_json.read(transcript_json.write(project))) == \
        turn_view(project)


@settings(max_examples=150, deadline=None)
@given(transcript_projects())
def test_round_trip_any_project(project):
    assert turn_view(transcript_json.read(transcript_json.write(project))) == \
        turn_view(project)


def test_written_shape():
    data = json.loads(transcript_json.write(transcript_project()))
    assert data["version"] == "1.0.0"
    first, second = data["segments"][:2]
    assert first == {"speaker": "Ann", "startTime": 0, "endTime": 4.2,
                     "body": "Welcome back & hello <everyone>.\nThis is the second paragraph.\n"}
    assert second["startTime"] == 4.2 and isinstance(second["startTime"], float)
    assert data["segments"][3]["startTime"] == 3600.001
    assert data["segments"][-1]["endTime"] == 3700   # the audio's end


def test_a_segment_without_a_speaker_continues_the_speakers_turn():
    text = json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "Ann", "startTime": 0, "body": "Hello"},
        {"startTime": 1, "body": "and welcome."},
        {"speaker": "Bo", "startTime": 2, "body": "Hi.\n"},
        {"startTime": 3, "body": "Next paragraph."},
        {"speaker": "", "startTime": 4, "body": "Nobody."}]})
    project = transcript_json.read(text)
    assert turn_view(project) == [(0, "Ann", "Hello and welcome."), (2000, "Bo", "Hi."),
                                  (3000, "Bo", "Next paragraph."), (4000, "", "Nobody.")]


def test_a_turn_without_a_speaker_after_one_is_written_with_an_empty_speaker():
    project = transcript_project()
    project.turns[2].speaker = ""
    segments = json.loads(transcript_json.write(project))["segments"]
    assert [s.get("speaker") for s in segments] == ["Ann", "Bo Li", "", "Ann", "Ann"]


def test_word_level_segments_merge_into_turns():
    text = json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "Ann", "startTime": 0.5, "endTime": 0.9, "body": "Welcome"},
        {"speaker": "Ann", "startTime": 0.9, "endTime": 1.2, "body": "back."},
        {"speaker": "Ann", "startTime": 1.3, "body": "New\n"},
        {"speaker": "Ann", "startTime": 2, "body": "paragraph turn."},
        {"speaker": "Bo", "startTime": 2.3, "endTime": 3.0, "body": "Thanks"},
        {"startTime": 4, "body": "nobody"},
    ]})
    assert turn_view(transcript_json.read("\ufeff" + text)) == [
        (500, "Ann", "Welcome back. New"),
        (2000, "Ann", "paragraph turn."),
        (2300, "Bo", "Thanks nobody"),   # no speaker: Bo goes on
    ]


@pytest.mark.parametrize("text, line, quoted", [
    ('{"segments": [\n{"startTime": 0, "body": "a"},\n{"body": "b"}]}', 3,
     "segments[1]: has no startTime"),
    ('{"segments": [\n{"startTime": "0:01", "body": "a"}]}', 2,
     'segments[0].startTime: "0:01" is not a number of seconds'),
    ('{"segments": [{"startTime": -1, "body": "a"}]}', 1, "is not a time in seconds"),
    ('{"segments": [{"startTime": 1, "body": 5}]}', 1, "segments[0].body: is not a string"),
    ('{"segments": [{"startTime": 1,\n "speaker": ["x"]}]}', 1, "speaker: is not a string"),
    ('{"segments": 3}', 1, "segments: is not a list"),
    ('{"version": "1.0.0",\n"segments": [\n{"startTime": 1,}]}', 3, "not valid JSON"),
    ('{"segments": [{"startTime": NaN, "body": "a"}]}', None, "NaN is not a JSON number"),
    ('[1, 2]', None, "is an object with a 'segments' list"),
    ('{"chapters": []}', 1, "segments: is missing"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        transcript_json.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
