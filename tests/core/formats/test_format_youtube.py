"""YouTube description chapters: written form, round trip, reading descriptions."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import youtube
from editor.core.model import Chapter
from formats_support import chapter_project, chapter_projects, chapter_view


def test_written_lines_are_hh_mm_ss_title():
    assert youtube.write(chapter_project()) == (
        "00:00:00 Intro\n00:01:35 News & Notes; = # \\ «ok»\n00:05:10 Interview\n"
        "01:02:03 Late questions\n")


# yt-dlp's description grammar (yt_dlp/extractor/youtube: _extract_chapters_from_description):
# the time first, else the time last; "\W*\s" may run over a line end.
YT_DLP_TIME = r"(?:\d+:)?\d{1,2}:\d{2}"
YT_DLP_LINE = r"(?m)^\s*(%s)\b\W*\s(%s)\s*$"


def yt_dlp_chapters(text: str) -> list[tuple[str, str]]:
    """(time, title) as yt-dlp's description regex finds them, in its order."""
    first = re.findall(YT_DLP_LINE % (YT_DLP_TIME, ".+?"), text)
    return first or [(t, title) for title, t in re.findall(YT_DLP_LINE % (".+?", YT_DLP_TIME),
                                                          text)]


def test_untitled_chapter_is_written_with_a_placeholder_that_yt_dlp_reads_whole():
    project = chapter_project()
    project.chapters.insert(3, Chapter(180_000, ""))
    text = youtube.write(project)
    assert "\n00:03:00 Chapter 3\n" in text
    assert yt_dlp_chapters(text) == [
        ("00:00:00", "Intro"), ("00:01:35", "News & Notes; = # \\ «ok»"),
        ("00:03:00", "Chapter 3"), ("00:05:10", "Interview"), ("01:02:03", "Late questions")]
    assert [c.title for c in youtube.read(text).chapters] == [
        "Intro", "News & Notes; = # \\ «ok»", "Chapter 3", "Interview", "Late questions"]


@pytest.mark.parametrize("text, found", [
    ("Intro 0:00\nThe news 1:30\nQ&A - 12:34\nBye 1:02:03\n",
     [(0, "Intro"), (90_000, "The news"), (754_000, "Q&A"), (3_723_000, "Bye")]),
    ("Great show!\n\nOpening | 00:00\nMain part: 5:00\nSee you at 10:00\n",
     [(0, "Opening"), (300_000, "Main part"), (600_000, "See you at")]),
])
def test_chapters_with_the_time_after_the_title(text, found):
    assert [(c.start, c.title) for c in youtube.read(text).chapters] == found
    assert [t for _, t in yt_dlp_chapters(text)] == [t for _, t in found]


def test_the_time_after_the_title_is_not_read_when_lines_start_with_times():
    text = "0:00 Intro\n1:00 News\nRecorded live at 18:30\n"
    assert [c.title for c in youtube.read(text).chapters] == ["Intro", "News"]


def test_round_trip_keeps_whole_seconds_and_titles():
    project = chapter_project()
    back = youtube.read(youtube.write(project))
    assert chapter_view(back) == [(c.start // 1000 * 1000, c.title, None, None, True)
                                  for c in project.chapters if c.toc]


@settings(max_examples=150, deadline=None)
@given(chapter_projects(ms=False, hidden=False))
def test_round_trip_any_project(project):
    for number, chapter in enumerate(project.chapters, 1):
        chapter.title = chapter.title or f"Chapter {number}"
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


def test_a_time_alone_is_an_untitled_chapter_inside_the_chapter_list():
    text = ("Recorded 12:00 at home.\n\nChapters:\n0:00 Intro\n(3:00)\n5:00 Talk\n"
            "7:30\n\nMore on the site\n")
    assert chapter_view(youtube.read(text), url=False, image=False) == [
        (0, "Intro", None, None, True), (180_000, "", None, None, True),
        (300_000, "Talk", None, None, True), (450_000, "", None, None, True)]


@pytest.mark.parametrize("text", [
    "Chapters:\n0:00 Intro\n1:00 Talk\n\n2:00\n",   # a blank line away from the list
    "0:00 Intro\n1:00 Talk\nSee you at\n2:00\n",     # after other text
    "0:00 Intro\n1:00 Talk\n\nTimes:\n2:00\n3:00\n",  # times alone, in a description
])
def test_a_time_alone_elsewhere_in_a_description_is_text(text):
    assert chapter_view(youtube.read(text), url=False, image=False) == [
        (0, "Intro", None, None, True), (60_000, "Talk", None, None, True)]


def test_a_text_of_times_only_is_a_list_of_untitled_chapters():
    assert [(c.start, c.title) for c in youtube.read("0:00\n\n(1:02:03)\n").chapters] == [
        (0, ""), (3_723_000, "")]


@pytest.mark.parametrize("text, line, quoted", [
    ("0:00 Intro\n0:75\n1:00 Talk\n", 2, "'0:75' is not a time"),
    ("Just a description.\n\n0:00\n", None, "no chapter lines"),
    ("0:00 Intro\n0:75 Bad seconds\n", 2, "'0:75' is not a time"),
    ("Just a description.\nNo chapters here.\n", None, "no chapter lines"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        youtube.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
