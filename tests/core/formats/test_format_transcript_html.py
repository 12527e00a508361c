"""Podcasting 2.0 HTML transcript: round trip, the spec's fragment, messy HTML."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import transcript_html
from formats_support import transcript_project, transcript_projects, turn_view


def test_round_trip_keeps_everything_and_page_metadata():
    project = transcript_project()
    project.episode.title = "Trust & <Borders>"
    project.episode.language = "et"
    back = transcript_html.read(transcript_html.write(project))
    assert turn_view(back) == turn_view(project)
    assert (back.episode.title, back.episode.language) == ("Trust & <Borders>", "et")


@settings(max_examples=150, deadline=None)
@given(transcript_projects())
def test_round_trip_any_project(project):
    assert turn_view(transcript_html.read(transcript_html.write(project))) == \
        turn_view(project)


def test_written_shape_is_the_flat_cite_time_p_sequence():
    text = transcript_html.write(transcript_project())
    assert '<meta charset="utf-8">' in text
    assert ("<cite>Ann:</cite>\n<time datetime=\"PT0S\">0:00</time>\n"
            "<p>Welcome back &amp; hello &lt;everyone&gt;.</p>\n"
            "<p>This is the second paragraph.</p>\n<cite>Bo Li:</cite>") in text
    assert '<time datetime="PT3600.001S">1:00:00</time>' in text

    class Elements(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            if tag in ("cite", "time", "p"):
                self.tags.append(tag)

    parser = Elements()
    parser.feed(text)
    assert parser.tags[:5] == ["cite", "time", "p", "p", "cite"]


def test_spec_fragment_with_entities_and_spaced_colon():
    fragment = ("<cite>Alban :</cite>\r\n<time>0:00</time>\r\n"
                "<p>It&#39;s a podcast &amp; more</p>\r\n"
                "<cite>Bo:</cite><time>1:02:03</time><p>Yes</p><p>two<br>three</p>"
                "<time>1:02:09</time><p>four</p>")
    assert turn_view(transcript_html.read("\ufeff" + fragment)) == [
        (0, "Alban", "It's a podcast & more"),
        (3_723_000, "Bo", "Yes\ntwo\nthree"),
        (3_729_000, "Bo", "four"),   # a new <time> is a new turn of the same speaker
    ]


def test_missing_times_are_estimated_and_scripts_skipped():
    page = ("<html><head><title>T</title><script>var x = '<p>no</p>';</script></head>"
            "<body><cite>Ann:</cite><p>one two</p><cite>Bo:</cite>"
            "<time>0:10</time><p>three</p></body></html>")
    project = transcript_html.read(page)
    assert turn_view(project) == [(0, "Ann", "one two"), (10_000, "Bo", "three")]
    assert [t.estimated for t in project.turns] == [True, False]
    assert project.episode.title == "T"


def test_bad_time_names_its_line():
    with pytest.raises(FormatError) as caught:
        transcript_html.read("<cite>A:</cite>\n<p>x</p>\n<time>1:75</time>")
    assert caught.value.line == 3 and "'1:75' is not a time" in str(caught.value)
