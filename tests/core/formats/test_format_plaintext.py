"""Plain text transcript: round trip with and without times, pasted shapes, errors."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.estimate import speaking_ms
from editor.core.formats import plaintext
from formats_support import transcript_project, transcript_projects, turn_view


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
