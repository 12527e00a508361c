"""Podcasting 2.0 JSON transcript: round trip, shape, word-level input, errors."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import transcript_json
from editor.core.model import Project
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
    project = transcript_json.read("\ufeff" + text)
    assert turn_view(project) == [
        (500, "Ann", "Welcome back. New"),
        (2000, "Ann", "paragraph turn."),
        (2300, "Bo", "Thanks nobody"),   # no speaker: Bo goes on
    ]
    # Each segment's start is its first word's time; a turn of one segment has none.
    assert [t.words for t in project.turns] == [(0, 400, 800), None, (0, 1700)]


def test_segments_out_of_order_or_without_words_time_no_word():
    text = json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "Ann", "startTime": 5, "body": "one"},
        {"speaker": "Ann", "startTime": 4, "body": "two"},      # before the turn
        {"speaker": "Ann", "startTime": 6, "body": ""},
        {"speaker": "Ann", "startTime": 7, "body": "three four"},
        {"speaker": "Ann", "startTime": 6.5, "body": "five"}]})  # before "three"
    [turn] = transcript_json.read(text).turns
    assert turn.text == "one two three four five"
    assert turn.words == (0, None, 2000, None, None)


# -- word-level segments (the words option) ----------------------------------------------

def aligned(project: Project) -> Project:
    """Every word of every turn timed: 300 ms a word, with a second's pause
    before each paragraph after the first."""
    for turn in project.turns:
        times, at = [], 0
        for n, paragraph in enumerate(turn.paragraphs):
            at += 1000 if n else 0
            for _ in paragraph.split():
                times.append(at)
                at += 300
        turn.words = tuple(times)
    return project


def test_word_segments_one_per_word_with_times_and_speaker():
    project = aligned(transcript_project())
    segments = json.loads(transcript_json.write(project, words=True))["segments"]
    assert len(segments) == sum(len(t.text.split()) for t in project.turns)
    first = [s for s in segments if s["speaker"] == "Ann"][:10]
    assert [s["body"] for s in first] == ["Welcome", "back", "&", "hello", "<everyone>.",
                                          "\nThis", "is", "the", "second", "paragraph.\n"]
    assert [(s["startTime"], s["endTime"]) for s in first[:2]] == [(0, 0.3), (0.3, 0.6)]
    assert first[5]["startTime"] == 2.5            # after the pause
    assert first[9]["endTime"] == 4.2              # the last word ends with the turn
    assert all(set(s) == {"speaker", "startTime", "endTime", "body"} for s in segments)
    assert all(len(s["body"].split()) == 1 for s in segments)


def test_word_segments_without_word_times_share_out_the_turn():
    project = transcript_project()
    segments = json.loads(transcript_json.write(project, words=True))["segments"]
    turn = [s for s in segments if s["speaker"] == "Jonas Pärn"]
    assert turn[0]["startTime"] == 61.5 and turn[-1]["endTime"] == 3600.001
    starts = [s["startTime"] for s in turn]
    assert starts == sorted(set(starts))
    assert [s["body"] for s in turn] == "Tere! “Quotes” and emoji 🎙 work too.\n".split(" ")


def test_word_segments_read_back_with_their_word_times():
    project = aligned(transcript_project())
    project.turns[2].speaker = ""                  # speakerless after a speaker's turn
    back = transcript_json.read(transcript_json.write(project, words=True))
    assert turn_view(back) == turn_view(project)
    assert [t.words for t in back.turns] == [t.words if len(t.words) > 1 else None
                                             for t in project.turns]


def test_a_first_word_heard_after_the_turn_starts_starts_with_the_turn():
    project = aligned(transcript_project())
    project.turns[2].words = tuple(250 + w for w in project.turns[2].words)
    segments = json.loads(transcript_json.write(project, words=True))["segments"]
    jonas = [s for s in segments if s["speaker"] == "Jonas Pärn"]
    # The first word was heard at 61.75 s; its segment starts with the turn.
    assert [s["startTime"] for s in jonas[:2]] == [61.5, 62.05]
    back = transcript_json.read(transcript_json.write(project, words=True))
    assert turn_view(back) == turn_view(project)
    assert back.turns[2].words[:2] == (0, 550)


@pytest.mark.parametrize("words", [False, True])
def test_quotes_backslashes_and_control_characters_are_escaped(words):
    project = transcript_project()
    project.speakers[0].name = 'Ann "A\\B" \u2028'
    project.turns[0].text = 'Say "hi"\\ \x07bell\tand 🎙 \u2028here'
    data = json.loads(transcript_json.write(project, words=words))
    first = data["segments"][:len(project.turns[0].text.split()) if words else 1]
    assert {s["speaker"] for s in first} == {'Ann "A\\B"'}       # the name, stripped
    assert " ".join(s["body"] for s in first).split() == project.turns[0].text.split()


def test_per_turn_segments_stay_the_default():
    project = aligned(transcript_project())
    assert transcript_json.write(project) == transcript_json.write(project, words=False)
    assert len(json.loads(transcript_json.write(project))["segments"]) == len(project.turns)


@settings(max_examples=100, deadline=None)
@given(transcript_projects())
def test_word_segments_round_trip_any_project(project):
    assert turn_view(transcript_json.read(transcript_json.write(project, words=True))) == \
        turn_view(project)


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
