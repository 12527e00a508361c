"""Every reader, fed arbitrary text and damaged valid files: it returns a project
or raises FormatError naming the line and the problem; no other exception."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.formats import all_formats, by_name
from editor.core.model import Project
from formats_support import (chapter_project, damaged, read_or_format_error,
                             transcript_project)

FUZZ = settings(max_examples=500, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

OTR_SAMPLE = json.dumps({
    "text": '<p><span class="timestamp" contenteditable="false" data-timestamp="83.42">'
            '0:01:23</span> Ann: Hello &amp; welcome</p><p>more from Ann</p>'
            '<p><span class="timestamp" data-timestamp="1:30">1:30</span> Bo: hi</p>',
    "media": "episode.mp3", "media-time": 83.4})

# name -> (line-based?, problems of a whole file that name no line)
READERS = {
    "vtt": (True, ()),
    "srt": (True, ()),
    "text": (True, ()),
    "transcript-html": (True, ()),
    "transcript-json": (False, ()),
    "otr": (False, ()),
    "chapters-json": (False, ()),
    "podlove": (True, ("no Podlove chapters",)),
    "mp4chaps": (True, ()),
    "youtube": (True, ("no chapter lines",)),
    "audacity": (True, ()),
    "ffmetadata": (True, ()),
}


def _valid(name: str) -> str:
    if name == "otr":
        return OTR_SAMPLE
    fmt = by_name(name)
    project = transcript_project() if fmt.kind == "transcript" else chapter_project()
    return fmt.write(project)


def _check(name: str, text: str) -> None:
    line_based, whole_file = READERS[name]
    result = read_or_format_error(by_name(name).read, text, line_required=line_based,
                                  whole_file=whole_file)
    if isinstance(result, Project):
        for turn in result.turns:
            assert turn.start >= 0 and "\n\n" not in turn.text
        assert [c.start for c in result.chapters] == sorted(c.start for c in result.chapters)


def test_every_text_reader_of_transcripts_and_chapters_is_fuzzed():
    readable = {f.name for f in all_formats()
                if f.can_read and not f.binary and f.kind in ("transcript", "chapters")}
    assert readable == set(READERS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_the_valid_sample_reads(name):
    result = by_name(name).read(_valid(name))
    assert result.turns or result.chapters


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_arbitrary_text(name, data):
    _check(name, data.draw(st.text(max_size=300)))


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_damaged_valid_file(name, data):
    _check(name, data.draw(damaged(_valid(name))))


def test_damaged_html_markup_is_a_format_error_naming_its_line():
    text = "<html>\n<body>\n<![OCTYPE html>\n<p>Hi</p>\n</body>\n</html>\n"
    error = read_or_format_error(by_name("transcript-html").read, text)
    assert isinstance(error, Exception) and error.line == 3
