"""YouTube description chapters: written form, round trip, reading descriptions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import youtube
from formats_support import chapter_project, chapter_projects, chapter_view


def test_written_lines_are_hh_mm_ss_title():
    assert youtube.write(chapter_project()) == (
        "00:00:00 Intro\n00:01:35 News & Notes; = # \\ «ok»\n00:05:10 Interview\n"
        "01:02:03 Late questions\n")


def test_round_trip_keeps_whole_seconds_and_titles():
    project = chapter_project()
    back = youtube.read(youtube.write(project))
    assert chapter_view(back) == [(c.start // 1000 * 1000, c.title, None, None, True)
                                  for c in project.chapters if c.toc]


@settings(max_examples=150, deadline=None)
@given(chapter_projects(ms=False, hidden=False))
def test_round_trip_any_project(project):
    # A chapter without a title has no line YouTube (or we) would read back.
    project.chapters = [c for c in project.chapters if c.title]
    if not project.chapters:
        return
    assert chapter_view(youtube.read(youtube.write(project)), url=False, image=False) == \
        chapter_view(project, url=False, image=False)


def test_reads_a_whole_description():
    text = ("\ufeffGreat episode with Mara!\r\n\r\nChapters:\r\n0:00 Intro\r\n"
            "(1:35) News & stuff\r\n[1:02:03] - Late\r\n12:34.5 — Fraction\r\n"
            "75:00 | Long minutes\r\nSee https://ex.com at 10:00 for more\r\n5:00")
    assert chapter_view(youtube.read(text)) == [
        (0, "Intro", None, None, True), (95_000, "News & stuff", None, None, True),
        (754_500, "Fraction", None, None, True), (3_723_000, "Late", None, None, True),
        (4_500_000, "Long minutes", None, None, True)]


@pytest.mark.parametrize("text, line, quoted", [
    ("0:00 Intro\n0:75 Bad seconds\n", 2, "'0:75' is not a time"),
    ("Just a description.\nNo chapters here.\n", None, "no chapter lines"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        youtube.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
