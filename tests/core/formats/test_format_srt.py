"""SRT: round trip, what the srt library makes of our files, messy input, errors."""
from __future__ import annotations

import pytest
import srt as srtlib
from hypothesis import assume, given, settings

from editor.core.errors import FormatError
from editor.core.formats import srt
from formats_support import transcript_project, transcript_projects, turn_view


def test_round_trip_keeps_times_speakers_and_text():
    project = transcript_project()
    back = srt.read(srt.write(project))
    # SRT has no paragraphs: a turn's paragraphs come back joined by spaces.
    assert turn_view(back) == turn_view(project, paragraphs=False)


@settings(max_examples=150, deadline=None)
@given(transcript_projects(every_turn_speaks=True))
def test_round_trip_any_project(project):
    # SRT has no escapes: text that looks like a formatting tag is read as one.
    assume(not any(srt.MARKUP.search(turn.text) for turn in project.turns))
    assert turn_view(srt.read(srt.write(project))) == turn_view(project, paragraphs=False)


def test_srt_library_reads_our_file():
    project = transcript_project()
    text = srt.write(project)
    subtitles = list(srtlib.parse(text))
    assert [s.index for s in subtitles] == list(range(1, len(subtitles) + 1))
    prefixed = [s for s in subtitles if s.content.split(":")[0] in ("Ann", "Bo Li", "Jonas Pärn")]
    assert [int(s.start.total_seconds() * 1000) for s in prefixed] == [
        t.start for t in project.turns]
    for sub in subtitles:
        lines = sub.content.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 32 for line in lines), lines
        assert sub.end > sub.start
    assert "\r" not in text and ",000 --> " in text


def test_only_the_first_cue_of_a_turn_has_the_prefix():
    subtitles = list(srtlib.parse(srt.write(transcript_project())))
    bo = [s.content for s in subtitles if "cold email" in s.content or "Bo Li:" in s.content]
    long_turn_cues = [s.content for s in subtitles
                      if s.start.total_seconds() * 1000 >= 4200
                      and s.start.total_seconds() * 1000 < 61500]
    assert len(long_turn_cues) > 2 and bo
    assert long_turn_cues[0].startswith("Bo Li: Thanks, Ann.")
    assert not any(c.startswith("Bo Li:") for c in long_turn_cues[1:])


def test_long_name_prefix_stays_whole():
    project = transcript_project()
    project.speakers[2].name = "Ludwig van Beethoven Junior"
    text = srt.write(project)
    assert "\nLudwig van Beethoven Junior:" in text
    assert srt.read(text).turns[2].text == "Tere! “Quotes” and emoji 🎙 work too."


MESSY = (
    "\ufeff1\r\n00:00:01,5 --> 00:00:02,000 X1:100 X2:600 Y1:20 Y2:80\r\n"
    "Note: the recording starts late\r\n\r\n\r\n"
    "00:00:03.000 --> 00:00:04.000\r\n<i>Ann:</i> hi\r\nthere\r\n\r\n"
    "3\r\n00:00:05,000 --> 00:00:06,000\r\nstill Ann\r\n\r\n\r\n\r\n"
    "4\r\n00:00:07,000 --> 00:00:08,000\r\nBo: https://ex.com: a link\r\n"
    "5\r\n00:00:09,000 --> 00:00:10,000\r\n{\\an8}Ann: back\r\n\r\n"
    "6\r\n100:00:01,000 --> 100:00:02,000\r\nBo: late"
)


def test_messy_file():
    assert turn_view(srt.read(MESSY)) == [
        (1500, "", "Note: the recording starts late"),    # ",5" is half a second
        (3000, "Ann", "hi there still Ann"),
        (7000, "Bo", "https://ex.com: a link"),
        (9000, "Ann", "back"),
        (360_001_000, "Bo", "late"),
    ]


def test_url_and_note_are_not_speakers():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nhttps://ex.com/a: see\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nNote: later\n\n"
            "3\n00:00:05,000 --> 00:00:06,000\nWarning: loud\n")
    project = srt.read(text)
    assert project.speakers == []
    assert [t.text for t in project.turns] == ["https://ex.com/a: see", "Note: later",
                                               "Warning: loud"]


def test_a_sentence_used_once_is_not_a_speaker():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nAnn: So.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nThe problem is: money\n")
    assert turn_view(srt.read(text)) == [(1000, "Ann", "So. The problem is: money")]


def test_file_without_prefixes_gets_a_turn_per_cue():
    text = "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n"
    assert turn_view(srt.read(text)) == [(1000, "", "One"), (3000, "", "Two")]


@pytest.mark.parametrize("text, line, quoted", [
    ("1\n00:61:00,000 --> 01:00:00,000\nx\n", 2, "'00:61:00,000' is not an SRT time"),
    ("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03,000 --> 00:00:04,9999\nb\n", 6,
     "'00:00:04,9999' is not an SRT time"),
    ("garbage first\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n", 1,
     "'garbage first' is not part of a cue"),
    ("\n\n  some words\n", 3, "'some words' is not part of a cue"),
])
def test_errors_name_line_and_problem(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        srt.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)


def test_formatting_tags_are_dropped():
    text = "1\n00:00:01,000 --> 00:00:02,000\n<b>Ann:</b> <font color=\"red\">hi</font> <3\n"
    assert turn_view(srt.read(text)) == [(1000, "Ann", "hi <3")]


def test_empty_file_is_an_empty_transcript():
    assert srt.read("").turns == [] and srt.read("\ufeff\r\n").turns == []
