"""oTranscribe import: timestamps in both forms, speakers as text, errors."""
from __future__ import annotations

import json

import pytest

from editor.core.errors import FormatError
from editor.core.formats import by_name, otr
from formats_support import turn_view


def _otr(html: str) -> str:
    return json.dumps({"text": html, "media": "episode.mp3", "media-time": 83.4})


def test_reads_turns_times_and_paragraphs():
    html = ('<p><span class="timestamp" contenteditable="false" data-timestamp="83.42">'
            '0:01:23</span> Ann: Hello &amp; welcome</p><p>more from Ann</p><p><br></p>'
            '<p><span class="timestamp" data-timestamp="1:30">1:30</span> Bo: hi</p>'
            '<p><span class="timestamp" data-timestamp="1:02:03">1:02:03</span>'
            'Ann: back <span class="timestamp" data-timestamp="3725">1:02:05</span> again</p>')
    project = otr.read(_otr(html))
    assert turn_view(project) == [
        (83_420, "Ann", "Hello & welcome\nmore from Ann"),
        (90_000, "Bo", "hi"),
        (3_723_000, "Ann", "back again"),   # a timestamp inside a line is dropped
    ]
    assert not any(t.estimated for t in project.turns)


def test_label_is_read_when_data_timestamp_is_missing_and_untimed_turns_estimated():
    html = ('<p>Ann: first words here</p>'
            '<p><span class="timestamp">0:00:10</span> Bo: second</p>')
    project = otr.read("\ufeff" + _otr(html).replace(", ", ",\r\n"))
    assert turn_view(project) == [(0, "Ann", "first words here"), (10_000, "Bo", "second")]
    assert [t.estimated for t in project.turns] == [True, False]


def test_import_only_and_empty_player_fields():
    fmt = by_name("otr")
    assert fmt.can_read and not fmt.can_write
    data = json.dumps({"text": "<p>Just text</p>", "media": "", "media-time": ""})
    assert turn_view(otr.read(data)) == [(0, "", "Just text")]


@pytest.mark.parametrize("text, quoted", [
    (_otr('<p><span class="timestamp" data-timestamp="abc">x</span> Ann: a</p>'),
     "paragraph 1: timestamp 'abc' is not a time"),
    (json.dumps({"media": "x"}), "an object with a 'text' string"),
    ('{"text": "<p>a</p>",', "not valid JSON"),
])
def test_errors(text, quoted):
    with pytest.raises(FormatError) as caught:
        otr.read(text)
    assert quoted in str(caught.value)
