"""WebVTT: round trip, what webvtt-py makes of our files, messy input, errors."""
from __future__ import annotations

import re

import pytest
import webvtt
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import vtt
from editor.core.model import Project, Speaker, Turn
from formats_support import transcript_project, transcript_projects, turn_view

TIMING = re.compile(r"(\S+) --> (\S+)")


def test_round_trip_keeps_times_speakers_and_paragraphs():
    project = transcript_project()
    back = vtt.read(vtt.write(project))
    assert turn_view(back) == turn_view(project)
    assert [s.name for s in back.speakers] == ["Ann", "Bo Li", "Jonas Pärn"]


@settings(max_examples=150, deadline=None)
@given(transcript_projects())
def test_round_trip_any_project(project):
    # Empty speakerless turns show nothing and are not written; there are none here.
    assert turn_view(vtt.read(vtt.write(project))) == turn_view(project)


def test_written_file_shape():
    text = vtt.write(transcript_project())
    assert text.startswith("WEBVTT\n\n") and "\r" not in text and text.endswith("\n")
    for start, end in TIMING.findall(text):
        assert re.fullmatch(r"\d{2}:\d{2}:\d{2}\.\d{3}", start)
        assert re.fullmatch(r"\d{2}:\d{2}:\d{2}\.\d{3}", end)
    assert "01:00:00.001 --> " in text
    assert "<v Ann>Welcome back &amp; hello &lt;everyone&gt;." in text
    payload = [line for line in text.split("\n")
               if line and not TIMING.match(line) and not re.fullmatch(r"\d+-\d+-\d+", line)
               and line != "WEBVTT"]
    for line in payload:
        assert len(re.sub(r"^<v [^>]*>", "", line)) <= 65, line


def test_webvtt_py_reads_our_file():
    project = transcript_project()
    text = vtt.write(project)
    captions = webvtt.from_string(text).captions
    assert len(captions) == len(TIMING.findall(text))
    # Every cue has the voice of its turn, and each turn's first cue starts on time.
    firsts = [c for c in captions if c.identifier.endswith("-1-1")]
    assert [c.start_time.in_milliseconds() for c in firsts] == [t.start for t in project.turns]
    assert [c.voice for c in firsts] == ["Ann", "Bo Li", "Jonas Pärn", "Ann", "Ann"]
    assert all(c.voice for c in captions)
    long_turn = [c for c in captions if c.identifier.startswith("2-")]
    assert len(long_turn) > 1 and all(c.voice == "Bo Li" for c in long_turn)
    for before, after in zip(captions, captions[1:]):
        assert before.start_time.in_milliseconds() <= after.start_time.in_milliseconds()
        assert before.end_time.in_milliseconds() > before.start_time.in_milliseconds()


def test_line_length_option():
    text = vtt.write(transcript_project(), line_length=30)
    assert max(len(re.sub(r"^<v [^>]*>", "", line)) for line in text.split("\n")
               if not TIMING.match(line)) <= 30
    assert turn_view(vtt.read(text)) == turn_view(transcript_project())


def test_last_turn_ends_at_audio_end_or_after_its_words():
    project = Project()
    project.speakers = [Speaker("a", "Ann")]
    project.turns = [Turn(1000, "a", "one two three four five")]
    assert "00:00:01.000 --> 00:00:03.000" in vtt.write(project)  # 5 words at 150 wpm
    project.audio_duration = 9000
    assert "00:00:01.000 --> 00:00:09.000" in vtt.write(project)


MESSY = (
    "\ufeffWEBVTT - a header\r\nKind: captions\r\n\r\n"
    "STYLE\r\n::cue { color: red }\r\n\r\n"
    "NOTE exported by editor\r\nwith two lines\r\n\r\n"
    "1\r\n00:00:00.000 --> 00:00:04.200 align:start position:10%\r\n"
    "<v.loud Ann>Welcome back.\r\n\r\n\r\n"
    "2\r\n00:00:04.200 --> 00:00:06.000\r\n<v Ann>and <i>more</i>\r\nwrapped</v>\r\n\r\n"
    "NOTE between cues\r\n\r\n"
    "01:00:04.200 --> 01:00:06.000\r\n<v Bo>Thanks &amp; hi &lt;3.</v> <v Ann>Hi!</v>\r\n\r\n"
    "01:00:06.000 --> 01:00:08.000\r\nno voice: continues Ann<01:00:07.000> here"
)


def test_messy_file():
    project = vtt.read(MESSY)
    assert turn_view(project) == [
        (0, "Ann", "Welcome back. and more wrapped"),
        (3_604_200, "Bo", "Thanks & hi <3."),
        # Ann's voice comes after 15 of the cue's 18 characters, in its 1.8 s.
        (3_604_200 + 1800 * 15 // 18, "Ann", "Hi! no voice: continues Ann here"),
    ]
    assert project.turns[2].estimated   # placed by its share of the cue's text
    assert not project.turns[1].estimated


def test_file_without_voices_gets_a_turn_per_cue():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n\n00:03.000 --> 00:04.000\nTwo"
    assert turn_view(vtt.read(text)) == [(1000, "", "One"), (3000, "", "Two")]


def test_consecutive_cues_of_one_voice_form_one_turn():
    text = ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One\n\n"
            "00:02.000 --> 00:03.000\n<v Ann>two\n\n00:03.000 --> 00:04.000\n<v Bo>Three")
    assert turn_view(vtt.read(text)) == [(1000, "Ann", "One two"), (3000, "Bo", "Three")]


def test_cue_without_blank_line_before_the_next_timing():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>One\n00:03.000 --> 00:04.000\n<v B>Two\n"
    assert turn_view(vtt.read(text)) == [(1000, "A", "One"), (3000, "B", "Two")]


def test_lone_angle_brackets_are_text_and_tags_are_dropped():
    text = ("WEBVTT\n\n00:01.000 --> 00:02.000\n"
            "<v Ann><c.yellow>I <3 it</c>, <b>really</b> <00:01.500>a < b")
    assert vtt.read(text).turns[0].text == "I <3 it, really a < b"


def test_one_digit_hours_are_read():
    text = "WEBVTT\n\n1:00:01.000 --> 1:00:02.000\nlate"
    assert vtt.read(text).turns[0].start == 3_601_000


def test_a_line_break_inside_a_cue_is_a_space():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>one</i>\n<i>two</i>\n\n" \
           "00:00:02.000 --> 00:00:03.000\n<v Ann>three\nfour</v>\n"
    assert [t.text for t in vtt.read(text).turns] == ["one two", "three four"]


@pytest.mark.parametrize("text, line, quoted, kept", [
    ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\na\n\n75:00.000 --> 76:00.000\nb\n\n"
     "00:00:03.000 --> 00:00:04.000\nc", 7, "'75:00.000' is not a WebVTT timestamp", "a c"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n\njust some text\n", 6,
     "'just some text' starts neither a cue", "x"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\nbad --> 00:00:03.000\ny\n"
     "00:00:03.000 --> 00:00:04.000\nz", 5, "'bad' is not a WebVTT timestamp", "x z"),
])
def test_a_malformed_cue_is_skipped_with_a_warning_naming_its_line(text, line, quoted, kept):
    project = vtt.read(text)
    assert " ".join(t.text for t in project.turns) == kept
    (warning,) = project.import_warnings
    assert warning.line == line and quoted in warning.problem
    assert warning.problem.endswith("(skipped)")


def test_a_file_of_malformed_cues_only_is_an_error():
    with pytest.raises(FormatError, match=r"^<input>:3: '75:00.000' is not a WebVTT "
                                          r"timestamp .*below an hour\)$"):
        vtt.read("WEBVTT\n\n75:00.000 --> 76:00.000\nb\n")


@pytest.mark.parametrize("text, line, quoted", [
    ("WEBVTT\n\n00:75:00.000 --> 01:00:00.000\nx", 3, "'00:75:00.000' is not a WebVTT"),
    ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx", 3, "'00:00:01,000' is not a WebVTT"),
    ("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nx", 3, "starts neither a cue"),
    ("WEBVTT\n\n00:00:01.000 --> \nx", 3, "is not a cue timing line"),
    ("Subtitles\n\n00:00:01.000 --> 00:00:02.000\nx", 1, "is not the WebVTT signature"),
    ("WEBVTTX\n", 1, "is not the WebVTT signature"),
    ("", 1, "is not the WebVTT signature"),
])
def test_errors_name_line_and_problem(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        vtt.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
    assert str(caught.value).startswith(f"<input>:{line}: ")
