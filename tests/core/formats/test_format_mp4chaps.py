"""mp4chaps text: round trip with links, comments, OGM form, messy input, errors."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import mp4chaps
from formats_support import chapter_project, chapter_projects, chapter_view


def test_written_lines_carry_no_links_for_mp4v2_to_take_as_title():
    assert mp4chaps.write(chapter_project()) == (
        "00:00:00.000 Intro\n"
        "00:01:35.500 News & Notes; = # \\ «ok»\n"
        "00:05:10.250 Interview\n"
        "01:02:03.007 Late questions\n")


def test_round_trip_keeps_times_and_titles():
    project = chapter_project()
    assert chapter_view(mp4chaps.read(mp4chaps.write(project))) == \
        chapter_view(project, url=False, image=False, visible_only=True)


@settings(max_examples=150, deadline=None)
@given(chapter_projects())
def test_round_trip_any_project(project):
    assert chapter_view(mp4chaps.read(mp4chaps.write(project))) == \
        chapter_view(project, url=False, image=False, visible_only=True)


def test_messy_file():
    text = ("\ufeff# exported by mp4chaps\r\n\r\n00:01:35.500\tNews <https://ex.com/n>\r\n"
            "0 Intro\r\n  7:48  Spaced   title  \r\n# 00:09:00.000 commented out\r\n"
            "00:10:00.000")    # no title, no final newline
    assert chapter_view(mp4chaps.read(text)) == [
        (0, "Intro", None, None, True), (95_500, "News", "https://ex.com/n", None, True),
        (468_000, "Spaced title", None, None, True), (600_000, "", None, None, True)]


def test_ogm_form():
    text = ("CHAPTER02=00:01:35.500\nCHAPTER02NAME=News <https://ex.com/n>\n"
            "CHAPTER01=00:00:00.000\nchapter01name=Intro\nCHAPTER03=00:05:00.000\n")
    assert chapter_view(mp4chaps.read(text)) == [
        (0, "Intro", None, None, True), (95_500, "News", "https://ex.com/n", None, True),
        (300_000, "", None, None, True)]


@pytest.mark.parametrize("text, line, quoted", [
    ("00:00:00.000 Intro\nIntro 00:01:00.000\n", 2, "'Intro' is not a time"),
    ("00:00:00.000 Intro\n\n00:61:00.000 Bad\n", 3, "'00:61:00.000' is not a time"),
    ("CHAPTER01=00:00:00.000\nCHAPTER02NAME=Orphan\n", 2, "CHAPTER02NAME has no CHAPTER02="),
    ("CHAPTER01=soon\n", 1, "'soon' is not a time"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        mp4chaps.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
