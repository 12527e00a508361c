"""The shared pieces: decoding input, speaker prefixes, wrapping, times to fill."""
from __future__ import annotations

import pytest

from editor.core.errors import FormatError
from editor.core.estimate import speaking_ms
from editor.core.builder import ProjectBuilder, fill_times, turn_spans
from editor.core.speakers import PALETTE
from editor.core.textparse import (CHAPTER_LINE, LineIndex, accepted_speakers,
                                       chapter_line_title, decode, line_at, speaker_prefix,
                                       wrap_words)
from formats_support import transcript_project


def test_decode_drops_bom_and_normalises_line_ends():
    assert decode("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert decode("a\ufeff") == "a\ufeff"   # only a leading BOM is dropped


def test_decode_refuses_nul_with_its_line():
    with pytest.raises(FormatError) as caught:
        decode("one\r\ntwo\x00")
    assert caught.value.line == 2 and "not UTF-8 text" in str(caught.value)


def test_line_at_and_line_index_agree():
    text = "a\nbc\n\nd"
    assert [line_at(text, i) for i in range(len(text) + 1)] == [1, 1, 2, 2, 2, 3, 4, 4]
    index = LineIndex(text)
    assert [index.line_at(i) for i in range(len(text) + 1)] == [1, 1, 2, 2, 2, 3, 4, 4]


@pytest.mark.parametrize("line, expected", [
    ("Ann: Hello", ("Ann", "Hello")),
    ("  Mara Ilves:   Hi", ("Mara Ilves", "Hi")),
    ("Speaker 2: yes", ("Speaker 2", "yes")),
    ("石田: こんにちは", ("石田", "こんにちは")),
    ("O’Brien-Smith: ok", ("O’Brien-Smith", "ok")),
    ("Ann:", ("Ann", "")),
    ("Note: later", None), ("Update: x", None), ("WARNING: loud", None),
    ("https://ex.com: a link", None), ("http://x", None),
    ("ann: lower case", None), ("10:30 am", None), ("Ann:no space", None),
    ("One Two Three Four Five: too long", None), ("Dr. Who?: odd", None),
])
def test_speaker_prefix(line, expected):
    assert speaker_prefix(line) == expected


def test_accepted_speakers():
    assert accepted_speakers(["Ann", "The problem is", "Ludwig van Beethoven"]) == {
        "Ann", "Ludwig van Beethoven"}
    assert accepted_speakers(["The problem is", "The problem is"]) == {"The problem is"}


def test_wrap_words():
    words = "a bb ccc dddd eeeee".split()
    assert wrap_words(words, 6) == ["a bb", "ccc", "dddd", "eeeee"]
    assert wrap_words(["Mary Ann:", "hi", "there"], 8) == ["Mary Ann:", "hi there"]
    assert wrap_words([], 5) == []


def test_fill_times():
    words = [4, 4, 2, 2, 5]
    assert fill_times([None, None, 10_000, None, None], words) == [
        (0, True), (5_000, True), (10_000, False),
        (10_000 + speaking_ms(2), True), (10_000 + speaking_ms(2) + speaking_ms(2), True)]
    assert fill_times([1000, None, 500], [1, 1, 1]) == [(1000, False), (1000, True),
                                                       (500, False)]
    assert fill_times([], []) == []


def test_turn_spans():
    project = transcript_project()
    spans = turn_spans(project)
    assert spans[0] == (0, 4200) and spans[-1] == (3_605_000, 3_700_000)
    project.audio_duration = None
    assert spans[-1][0] == turn_spans(project)[-1][0]
    assert turn_spans(project)[-1][1] == 3_605_000 + speaking_ms(4)


def test_builder_gives_distinct_colours_ids_and_keys():
    builder = ProjectBuilder()
    names = ["Ann", "Ann ", "Bo", "Ann-Marie", "ann marie"] + [f"P{i}" for i in range(8)]
    ids = [builder.speaker(name) for name in names]
    assert builder.speaker("") == "" and ids[0] == ids[1]
    project = builder.project()
    assert len({s.id for s in project.speakers}) == len(project.speakers) == 12
    assert project.speakers[2].id == "ann-marie" and project.speakers[3].id == "ann-marie-2"
    colours = [s.color for s in project.speakers[:len(PALETTE)]]
    assert len(set(colours)) == len(PALETTE)
    assert [s.slot for s in project.speakers] == list(range(1, 10)) + [None] * 3


@pytest.mark.parametrize("line, expected", [
    ("Correction: it was 2019.", None), ("Tip: use a pop filter.", None),
    ("Editor’s note: cut.", None), ("Source: the report", None), ("P.S.: later", None),
    ("Disclaimer: none", None), ("12:30: we started late", None),
    ("Mia 🎧: I recorded it.", ("Mia 🎧", "I recorded it.")),
    ("🎙️ Host: Welcome", ("🎙️ Host", "Welcome")),
    ("石田：こんにちは", ("石田", "こんにちは")),
    ("Guest 2: hi", ("Guest 2", "hi")),
    ("< Ann: hi", None), ("#1 Fan: hi", None), ("@ann: hi", None),
    ("O'Brien, Pat: hi", ("O'Brien, Pat", "hi")), ("Zoë & Co: hi", ("Zoë & Co", "hi")),
    ("Anna (host): hi", ("Anna (host)", "hi")), ("Well, I think: so", ("Well, I think", "so")),
    ("Ann,: hi", None), ("& Co: hi", None), ("Ann &: hi", None), ("Ann (): hi", None),
    ("Ann (a b c d): hi", None), ("WEBVTT  Ann: hi", None), ("Ann  Lee: hi", ("Ann  Lee", "hi")),
])
def test_speaker_prefix_shared_stoplist_and_names(line, expected):
    assert speaker_prefix(line) == expected


@pytest.mark.parametrize("title, written", [
    (".NET in production", "- .NET in production"), ("- Q&A -", "- - Q&A -"),
    ("| pipes", "- | pipes"), (": colon", "- : colon"), ("— dash", "- — dash"),
    ("Intro", "Intro"), ("", ""), ("  Two\nlines ", "Two lines"),
    ("(Bonus) part", "(Bonus) part"),
])
def test_chapter_line_title_guards_a_leading_separator(title, written):
    assert chapter_line_title(title) == written
    if written:   # and the shared chapter-line grammar reads the title back whole
        match = CHAPTER_LINE.match(f"(00:05) {written};")
        assert match["title"] == f"{' '.join(title.split())};"


@pytest.mark.parametrize("line, found", [
    ("(03:00) Intro", ("03:00", "Intro")), ("0:00) Intro", ("0:00", "Intro")),
    ("[1:02:03] - Late", ("1:02:03", "Late")), ("(03:00))", ("03:00", ")")),
    ("(03:00)", None), ("(03:00) ", None), ("Intro 0:00", None),
])
def test_chapter_line_never_takes_the_closing_bracket_as_the_title(line, found):
    match = CHAPTER_LINE.match(line)
    assert (match and (match["ts"], match["title"])) == found


def test_a_chapter_line_never_cuts_its_time_short():
    """'00:03:00' alone is a time with no title, not 00:03 titled '00'."""
    from editor.core.textparse import CHAPTER_LINE
    for alone in ("00:03:00", "(00:03:00)", "1:02:03", "12:34.5"):
        assert CHAPTER_LINE.match(alone) is None, alone
    for line, expected in (("0:00 Intro", ("0:00", "Intro")),
                           ("1:02:03 - Late", ("1:02:03", "Late")),
                           ("[00:12:34] Title", ("00:12:34", "Title")),
                           ("00:05 3 things", ("00:05", "3 things"))):
        match = CHAPTER_LINE.match(line)
        assert (match["ts"], match["title"]) == expected
