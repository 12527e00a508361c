"""Plain text transcript: round trip with and without times, pasted shapes, errors."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.errors import FormatError
from editor.core.estimate import speaking_ms
from editor.core.formats import by_name, plaintext
from editor.core.model import Chapter, Project, Speaker, Turn
from formats_support import (chapter_projects, chapter_view, read_or_format_error,
                             transcript_project, transcript_projects, turn_view)


def test_written_shape():
    text = plaintext.write(transcript_project())
    assert text.startswith("Ann: Welcome back & hello <everyone>.\n"
                           "This is the second paragraph.\n\nBo Li: Thanks, Ann.")
    assert text.endswith("Ann: Same speaker, new turn.\n") and "\r" not in text


def test_round_trip_without_times_keeps_speakers_and_paragraphs():
    project = transcript_project()
    back = plaintext.read(plaintext.write(project))
    assert [(name, text) for _, name, text in turn_view(back)] == [
        (name, text) for _, name, text in turn_view(project)]
    # No times in the file: estimated at 150 words a minute from 0.
    assert all(turn.estimated for turn in back.turns)
    first_words = len(project.turns[0].text.split())
    assert [t.start for t in back.turns[:2]] == [0, speaking_ms(first_words)]


def test_round_trip_with_times():
    project = transcript_project()
    text = plaintext.write(project, times=True)
    assert text.startswith("[00:00:00.000] Ann: Welcome")
    back = plaintext.read(text)
    assert turn_view(back) == turn_view(project)
    assert not any(turn.estimated for turn in back.turns)


@settings(max_examples=150, deadline=None)
@given(transcript_projects(every_turn_speaks=True))
def test_round_trip_any_project(project):
    assert turn_view(plaintext.read(plaintext.write(project, times=True))) == turn_view(project)


def test_pasted_shapes_and_messy_text():
    text = ("\ufeffJonas: Welcome to the show.\r\nIt has been a year.\r\n"
            "Mara: Thank you.\r\nNote: this was recorded live.\r\n\r\n\r\n"
            "[00:05:12] Jonas: What surprised you?\r\n"
            "(1:02:07) Mara: Contracts.\r\nhttps://ex.com: a link\r\n"
            "Jonas: Thanks")   # no final newline
    project = plaintext.read(text)
    assert [(name, body) for _, name, body in turn_view(project)] == [
        ("Jonas", "Welcome to the show.\nIt has been a year."),
        ("Mara", "Thank you.\nNote: this was recorded live."),
        ("Jonas", "What surprised you?"),
        ("Mara", "Contracts.\nhttps://ex.com: a link"),
        ("Jonas", "Thanks"),
    ]
    starts = [(t.start, t.estimated) for t in project.turns]
    assert starts[2:4] == [(312_000, False), (3_727_000, False)]
    # Untimed turns before 05:12 share 0..05:12 by their words (9 and 7); the last
    # follows Mara's four words at 150 words a minute.
    assert starts[:2] == [(0, True), (312_000 * 9 // 16, True)]
    assert starts[4] == (3_727_000 + speaking_ms(4), True)


def test_timed_line_without_a_name_keeps_the_speaker():
    text = "[00:00] Ann: One.\n[00:10] Two.\n[00:20] Bo: Three.\n"
    assert turn_view(plaintext.read(text)) == [
        (0, "Ann", "One."), (10_000, "Ann", "Two."), (20_000, "Bo", "Three.")]


def test_text_without_speakers_is_a_turn_per_block():
    project = plaintext.read("First block\nstill first\n\nSecond block\n")
    assert [(name, body) for _, name, body in turn_view(project)] == [
        ("", "First block\nstill first"), ("", "Second block")]


@pytest.mark.parametrize("text, line", [
    ("Ann: hi\n\n[00:75:00] Bo: no", 3),
    ("Ann: hi\n(1:00:61) Bo: no", 2),
])
def test_bad_times_name_their_line(text, line):
    with pytest.raises(FormatError) as caught:
        plaintext.read(text)
    assert caught.value.line == line and "is not a time" in str(caught.value)


# -- docs/formats.md, text: shapes C, D and E ----------------------------------------------

def chapters(project):
    return [(c.start, c.title) for c in project.chapters]


def timed_view(project):
    return [(t.start, t.estimated, name, body)
            for t, (_, name, body) in zip(project.turns, turn_view(project))]


def test_shape_c_header_lines_with_times():
    text = ("Jonas Pärn (00:00:05):\nWelcome to the show.\nIt has been a year.\n\n"
            "Speaker 2 (01:10):\nThanks for having me.\n\n"
            "Jonas Pärn (1:02:03): Same line body.\n")
    assert timed_view(plaintext.read(text)) == [
        (5_000, False, "Jonas Pärn", "Welcome to the show.\nIt has been a year."),
        (70_000, False, "Speaker 2", "Thanks for having me."),
        (3_723_000, False, "Jonas Pärn", "Same line body.")]


def test_shape_c_header_names_a_speaker_used_once_by_its_shape():
    # "Dr. who" is not capitalised throughout, so as "Dr. who: hi" it would be text.
    project = plaintext.read("Ann (00:01):\nHi.\n\nDr. who (00:09):\nHello.\n")
    assert [name for _, name, _ in turn_view(project)] == ["Ann", "Dr. who"]


def test_shape_d_otter_headers():
    text = ("Mara Ilves  0:05\nWelcome, everybody.\nSecond paragraph.\n\n"
            "Speaker 2  1:02:03\nThanks.\n\nMara Ilves  1:03:00\nBye\n")
    assert timed_view(plaintext.read(text)) == [
        (5_000, False, "Mara Ilves", "Welcome, everybody.\nSecond paragraph."),
        (3_723_000, False, "Speaker 2", "Thanks."),
        (3_780_000, False, "Mara Ilves", "Bye")]


@pytest.mark.parametrize("text", [
    "Ann: hi\nMeet me  10:30\n",        # not after a blank line: a paragraph
    "Ann: hi\n\nMeet me   10:30\n",     # three spaces, not two
    "Ann: hi\n\nNote  10:30\n",         # a stopword is not a name
])
def test_lines_that_only_look_like_otter_headers_stay_text(text):
    project = plaintext.read(text)
    last = " ".join(text.split("\n")[-2].split())
    assert turn_view(project) == [(0, "Ann", f"hi\n{last}")]


def test_shape_e_markdown_standalone_and_timestamp_headings():
    text = ("## Intro\nAnn: Hi there.\nBo: Hello.\n\nThe Deal\n\nAnn: So.\n"
            "(10:00) Wrap-up;\nBo: Bye now.\n(12:00)\nAnn: Done.\n")
    project = plaintext.read(text)
    # The turns before 10:00 share 0..10:00 by words (2, 1, 1).
    assert timed_view(project) == [
        (0, True, "Ann", "Hi there."), (300_000, True, "Bo", "Hello."),
        (450_000, True, "Ann", "So."),
        (600_000, True, "Bo", "Bye now."),    # starts at its heading's time, estimated
        (720_000, True, "Ann", "Done.")]
    # An untimed heading starts with the turn after it; "(12:00)" alone is untitled.
    assert chapters(project) == [(0, "Intro"), (450_000, "The Deal"), (600_000, "Wrap-up"),
                                 (720_000, "")]


def test_a_heading_before_a_timed_turn_starts_at_that_time():
    project = plaintext.read("Opening Remarks\n[00:30] Ann: Hi.\n[01:00] Bo: Hey.\n")
    assert chapters(project) == [(30_000, "Opening Remarks")]
    assert [t.text for t in project.turns] == ["Hi.", "Hey."]


@pytest.mark.parametrize("text", [
    "Ann: Hi.\nIt was a long year\nBo: Yes.\n",       # no blank line before: a paragraph
    "Ann: Hi.\n\nThat was it.\n\nBo: Yes.\n",          # ends like a sentence
    "Ann: Hi.\n\nWe said this: no\n\nBo: Yes.\n",      # has a colon
    "Ann: Hi.\n\n[music]\n\nBo: Yes.\n",               # a sound cue
    "Ann: Hi.\n\nA standalone line at the end\n",      # no turn after it
    "[00:00] Ann: One.\n[00:10] Two\n[00:20] Bo: Three.\n",   # the writer's own time form
])
def test_lines_that_are_not_headings(text):
    assert plaintext.read(text).chapters == []


def test_standalone_lines_without_speakers_stay_turns():
    project = plaintext.read("Chapter One\n\nSome text here.\n\nMore text\n")
    assert project.chapters == []
    assert [t.text for t in project.turns] == ["Chapter One", "Some text here.", "More text"]


def test_markdown_headings_in_text_without_speakers():
    project = plaintext.read("## Part 1\nText A.\n\n## Part 2\nText B.\n")
    assert [c.title for c in project.chapters] == ["Part 1", "Part 2"]
    assert [t.text for t in project.turns] == ["Text A.", "Text B."]
    assert [c.start for c in project.chapters] == [t.start for t in project.turns]


@pytest.mark.parametrize("line", ["Correction: it was 2019.", "Tip: use a pop filter.",
                                  "Editor’s note: cut for time."])
def test_stoplisted_prefixes_continue_the_turn(line):
    # At a block's start, where a capitalised name used once is taken as a speaker.
    project = plaintext.read(f"Ann: Hi.\n\n{line}\n\nBo: Hey.\n")
    assert [name for _, name, _ in turn_view(project)] == ["Ann", "Bo"]
    assert project.turns[0].text == f"Hi.\n{line}"


@pytest.mark.parametrize("text, line", [
    ("Ann: hi\n\nBo (00:75:00):\nno", 3),
    ("Ann: hi\n\nBo  1:75:00\nno", 3),
])
def test_bad_header_times_name_their_line(text, line):
    with pytest.raises(FormatError) as caught:
        plaintext.read(text)
    assert caught.value.line == line and "is not a time" in str(caught.value)


_PIECES = ["Ann (00:03:48):", "Bo Li  1:02:03", "Speaker 2  0:05", "## Part", "(00:12) Title;",
           "(03:00)", "[00:10] Two", "Intro", "Ann: hi.", "Note: x", "Bo (99:99):",
           "Mara  9:99", "", "", "text line", "(1:00:00) Bo: late", "  ", "#", "Ann (0:01):b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=20)), max_size=25))
def test_pasted_shapes_in_any_order_read_or_fail_cleanly(pieces):
    text = "\n".join(pieces)
    result = read_or_format_error(plaintext.read, text)
    if not isinstance(result, FormatError):
        assert all(t.start >= 0 and "\n\n" not in t.text for t in result.turns)
        assert [c.start for c in result.chapters] == sorted(c.start for c in result.chapters)


def test_a_markdown_heading_inside_a_turn_stays_text():
    project = plaintext.read("Ann: Hi.\n# of items: three\n## Not a heading\n")
    assert project.chapters == []
    assert project.turns[0].text == "Hi.\n# of items: three\n## Not a heading"


def test_an_otter_header_may_follow_a_heading():
    project = plaintext.read("## Intro\nAnn  0:05\nHello.\n")
    assert chapters(project) == [(5_000, "Intro")]
    assert timed_view(project) == [(5_000, False, "Ann", "Hello.")]


# -- chapter headings written and read back ------------------------------------------------

def chaptered_project():
    """The sample transcript with listed chapters before, between and after its
    turns, two before the same turn, one untitled, and one hidden."""
    project = transcript_project()
    project.chapters = [
        Chapter(0, "Intro"), Chapter(3_000, ""), Chapter(4_200, "Part 1: the deal."),
        Chapter(60_000, "Ad", toc=False), Chapter(3_650_000, "After the end")]
    return project


def test_written_chapter_headings():
    text = plaintext.write(chaptered_project())
    assert text.startswith("(00:00:00.000) Intro\n\nAnn: Welcome back")
    assert "\nThis is the second paragraph.\n\n(00:00:03.000)\n\n" \
           "(00:00:04.200) Part 1: the deal.\n\nBo Li: Thanks, Ann." in text
    assert text.endswith("Ann: Same speaker, new turn.\n\n(01:00:50.000) After the end\n")
    assert "Ad" not in text      # hidden chapters are not headings
    assert plaintext.write(chaptered_project(), times=True).startswith(
        "(00:00:00.000) Intro\n\n[00:00:00.000] Ann: Welcome back")


@pytest.mark.parametrize("times", [False, True])
def test_round_trip_keeps_chapters_and_turns(times):
    project = chaptered_project()
    back = plaintext.read(plaintext.write(project, times=times))
    assert chapters(back) == [(0, "Intro"), (3_000, ""), (4_200, "Part 1: the deal."),
                              (3_650_000, "After the end")]
    assert all(c.toc for c in back.chapters)
    if times:
        assert turn_view(back) == turn_view(project)
    else:
        assert [(n, t) for _, n, t in turn_view(back)] == [
            (n, t) for _, n, t in turn_view(project)]
        # The turn right after a heading starts at the heading's time, estimated.
        assert (back.turns[1].start, back.turns[1].estimated) == (4_200, True)


@settings(max_examples=150, deadline=None)
@given(transcript_projects(every_turn_speaks=True), chapter_projects(), st.booleans())
def test_round_trip_any_project_with_chapters(project, chaptered, times):
    project.chapters = chaptered.chapters
    back = plaintext.read(plaintext.write(project, times=times))
    assert chapter_view(back, url=False, image=False) == chapter_view(
        project, url=False, image=False, visible_only=True)
    if times:
        assert turn_view(back) == turn_view(project)
    else:
        assert [(n, t) for _, n, t in turn_view(back)] == [
            (n, t) for _, n, t in turn_view(project)]


@pytest.mark.parametrize("body", ["(00:00:05.000) Intro", "(00:00:05.000)", "(00:12) Title",
                                  "(03:00)", "## Part 2", "Intro", "The Deal"])
@pytest.mark.parametrize("times", [False, True])
def test_turns_that_look_like_headings_round_trip(body, times):
    project = transcript_project()
    project.chapters = [Chapter(4_200, "Real")]
    project.turns[1].text = body
    project.turns[2].text = f"{body}\nThe End"
    # A later paragraph is no heading unless it starts with a time (which
    # starts a turn of its own, see the module docstring).
    project.turns[3].text = "Hi.\n## Part 2\nIntro\nThe Deal"
    back = plaintext.read(plaintext.write(project, times=times))
    assert chapters(back) == [(4_200, "Real")]
    assert [(n, t) for _, n, t in turn_view(back)] == [(n, t) for _, n, t in turn_view(project)]


def test_own_headings_in_text_without_speakers():
    project = plaintext.read("(00:00:05.000) Intro\n\nFirst block.\n\n(00:01:00.000)\n\n"
                             "Second block.\n\n(00:02:00.000) Last: after it all\n")
    assert chapters(project) == [(5_000, "Intro"), (60_000, ""), (120_000, "Last: after it all")]
    assert [(t.start, t.text) for t in project.turns] == [(5_000, "First block."),
                                                          (60_000, "Second block.")]


@pytest.mark.parametrize("text", [
    "Ann: Hi.\n\n(00:00:05.000) Intro\nIt went on.\n\nBo: Hey.\n",  # not a paragraph alone
    "Ann: Hi.\n\n(00:00:05.00) Intro done.\n\nBo: Hey.\n",       # not the writer's time
    "Ann: Hi.\n\nBo: Hey.\n\n(00:00:05) Ann: Later.\n",          # pasted turn time
])
def test_lines_that_are_not_own_headings(text):
    assert plaintext.read(text).chapters == []


def test_bad_time_in_an_own_heading_names_its_line():
    with pytest.raises(FormatError) as caught:
        plaintext.read("Ann: hi\n\n(00:75:00.000) Intro\n\nBo: hey\n")
    assert caught.value.line == 3 and "'00:75:00.000' is not a time" in str(caught.value)


def test_a_name_used_once_starts_a_turn_when_turns_are_one_a_line():
    text = "Ann: Hello there.\nBo: Hi, Ann.\nAnn: How was the trip?\nCy Dee: Long.\n"
    assert [(n, t) for _, n, t in turn_view(plaintext.read(text))] == [
        ("Ann", "Hello there."), ("Bo", "Hi, Ann."), ("Ann", "How was the trip?"),
        ("Cy Dee", "Long.")]


def test_a_sentence_with_a_colon_inside_a_turn_stays_text():
    text = "Ann: Hello there.\nThe problem is: nobody came.\n\nBo: Oh.\n"
    assert [(n, t) for _, n, t in turn_view(plaintext.read(text))] == [
        ("Ann", "Hello there.\nThe problem is: nobody came."), ("Bo", "Oh.")]


def test_bracketed_names_and_names_with_a_bracketed_time():
    text = ("[John]: Welcome.\n[Mary Ann]: Thanks.\n\n"
            "John [00:01:02]: Second.\nMary Ann [1:02:03.5]: Third.\n")
    project = plaintext.read(text)
    assert [(n, t) for _, n, t in turn_view(project)] == [
        ("John", "Welcome."), ("Mary Ann", "Thanks."), ("John", "Second."),
        ("Mary Ann", "Third.")]
    assert [t.start for t in project.turns[2:]] == [62_000, 3_723_500]
    assert [t.estimated for t in project.turns] == [True, True, False, False]


@pytest.mark.parametrize("name", ["O'Brien, Pat", "Zoë & Co", "Anna (host)",
                                  "Bo (co-host, remote)"])
@pytest.mark.parametrize("fmt", ["text", "srt", "shownotes-text"])
def test_names_with_commas_ampersands_and_brackets_round_trip(fmt, name):
    project = Project()
    project.episode.title = "Episode"
    project.speakers = [Speaker("a", "Ann"), Speaker("b", name)]
    project.turns = [Turn(i * 10_000, "ab"[i % 2], f"Turn number {i} is here.")
                     for i in range(12)]
    back = by_name(fmt).read(by_name(fmt).write(project))
    assert [(back.speaker_name(t.speaker), t.text) for t in back.turns] == [
        (project.speaker_name(t.speaker), t.text) for t in project.turns]
