"""Audacity labels: written form, round trip, lenient import, errors."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import audacity
from formats_support import chapter_project, chapter_projects, chapter_view


def test_written_labels_span_to_the_next_visible_chapter():
    assert audacity.write(chapter_project()) == (
        "0.000000\t95.500000\tIntro\n"
        "95.500000\t310.250000\tNews & Notes; = # \\ «ok»\n"
        "310.250000\t3723.007000\tInterview\n"
        "3723.007000\t4000.000000\tLate questions\n")


def test_last_label_is_a_point_when_the_end_is_unknown():
    project = chapter_project()
    project.audio_duration = None
    assert audacity.write(project).endswith("3723.007000\t3723.007000\tLate questions\n")


@settings(max_examples=150, deadline=None)
@given(chapter_projects())
def test_round_trip_any_project(project):
    assert chapter_view(audacity.read(audacity.write(project)), url=False, image=False) == \
        chapter_view(project, url=False, image=False, visible_only=True)


def test_lenient_import():
    text = ("\ufeff95,500000\t95,500000\tAd marker\r\n0.000000\t95.500000\tIntro\r\n"
            "\\\t100.0\t2000.0\r\n\r\n120\tPoint label title\r\n130 140 Spaced title\r\n"
            "150.5\t151\r\n")
    assert chapter_view(audacity.read(text)) == [
        (0, "Intro", None, None, True), (95_500, "Ad marker", None, None, True),
        (120_000, "Point label title", None, None, True),
        (130_000, "Spaced title", None, None, True), (150_500, "", None, None, True)]


@pytest.mark.parametrize("text, line, quoted", [
    ("0\t1\tok\nabc\t2\tbad\n", 2, "'abc' is not a time in seconds"),
    ("-5\t1\tnegative\n", 1, "'-5' is not a time in seconds"),
    ("99999999\t1\tfar\n", 1, "past 1000 hours"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        audacity.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
