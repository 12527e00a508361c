"""Podlove Simple Chapters: round trip, xml.etree reads ours, any prefix, errors."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import podlove
from formats_support import chapter_project, chapter_projects, chapter_view

NS = "{http://podlove.org/simple-chapters}"


def test_round_trip_keeps_visible_chapters_with_links_and_images():
    project = chapter_project()
    back = podlove.read(podlove.write(project))
    # PSC has no hidden chapters: the toc:false one is left out.
    assert chapter_view(back) == chapter_view(project, visible_only=True)


@settings(max_examples=150, deadline=None)
@given(chapter_projects())
def test_round_trip_any_project(project):
    assert chapter_view(podlove.read(podlove.write(project))) == \
        chapter_view(project, visible_only=True)


def test_xml_etree_reads_our_file_by_namespace():
    text = podlove.write(chapter_project())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<psc:chapters')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{NS}chapters" and root.get("version") == "1.2"
    chapters = root.findall(f"{NS}chapter")
    assert [c.get("start") for c in chapters] == [
        "00:00:00.000", "00:01:35.500", "00:05:10.250", "01:02:03.007"]
    assert chapters[1].get("title") == "News & Notes; = # \\ «ok»"
    assert chapters[1].get("href") == "https://ex.com/n"
    assert chapters[1].get("image") == "https://ex.com/n.jpg"
    assert chapters[0].get("image") is None


def test_other_prefix_in_a_feed_unsorted_npt_forms():
    feed = ("\ufeff<?xml version='1.0'?>\r\n<rss xmlns:x='http://podlove.org/simple-chapters'>"
            "<channel><item><x:chapters>\r\n"
            "<x:chapter start='7:48' title='Third'/>\r\n"
            "<x:chapter start='0' title='One'/>\r\n"
            "<x:chapter start='37' title='Two' href='https://ex.com'/>\r\n"
            "<x:chapter start='05:12:03.5' title='Late'/>\r\n"
            "<chapter start='1' title='not in the namespace'/>\r\n"
            "</x:chapters></item></channel></rss>")
    assert chapter_view(podlove.read(feed)) == [
        (0, "One", None, None, True), (37_000, "Two", "https://ex.com", None, True),
        (468_000, "Third", None, None, True), (18_723_500, "Late", None, None, True)]


@pytest.mark.parametrize("text, line, quoted", [
    ('<psc:chapters xmlns:psc="http://podlove.org/simple-chapters">\n'
     '<psc:chapter start="1:75" title="x"/></psc:chapters>', 2, "start '1:75' is not a time"),
    ('<psc:chapters xmlns:psc="http://podlove.org/simple-chapters">\n\n'
     '<psc:chapter title="x"/></psc:chapters>', 3, "a chapter has no 'start'"),
    ('<psc:chapters xmlns:psc="http://podlove.org/simple-chapters">\n<psc:chapter', 2,
     "not well-formed XML"),
    ('<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;</x>', 1, "DOCTYPE"),
    ('<rss xmlns:p="http://podlove.org/simple-chapters">\n<item><p:chapters>'
     '<p:chapter start="0" title="a"/></p:chapters></item>\n<item><p:chapters>'
     '<p:chapter start="0" title="b"/></p:chapters></item></rss>', 3, "2 chapter lists"),
    ('<chapters><chapter start="0" title="no namespace"/></chapters>', None,
     "no Podlove chapters"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        podlove.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
