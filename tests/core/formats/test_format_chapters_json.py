"""Podcasting 2.0 JSON chapters: round trip, shape, messy input, errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import chapters_json
from formats_support import chapter_project, chapter_projects, chapter_view


def test_round_trip_keeps_chapters_and_metadata():
    project = chapter_project()
    project.episode.description = "About trust."
    back = chapters_json.read(chapters_json.write(project))
    assert chapter_view(back) == chapter_view(project)
    assert (back.episode.title, back.episode.show, back.episode.description) == (
        "Building Trust", "Border Talk", "About trust.")


@settings(max_examples=150, deadline=None)
@given(chapter_projects())
def test_round_trip_any_project(project):
    assert chapter_view(chapters_json.read(chapters_json.write(project))) == \
        chapter_view(project)


def test_json_loads_our_file_with_numeric_times():
    project = chapter_project()
    project.audio_path = Path("/audio/episode 7.mp3")
    data = json.loads(chapters_json.write(project))
    assert data["version"] == "1.2.0" and data["fileName"] == "episode 7.mp3"
    assert data["title"] == "Building Trust" and data["podcastName"] == "Border Talk"
    chapters = data["chapters"]
    assert [c["startTime"] for c in chapters] == [0, 95.5, 300, 310.25, 3723.007]
    assert all(isinstance(c["startTime"], (int, float)) for c in chapters)
    assert chapters[1] == {"startTime": 95.5, "endTime": 300, "title": "News & Notes; = # \\ «ok»",
                           "url": "https://ex.com/n", "img": "https://ex.com/n.jpg"}
    assert chapters[2] == {"startTime": 300, "endTime": 310.25,
                           "img": "https://ex.com/ad.jpg", "toc": False}
    assert chapters[-1]["endTime"] == 4000   # the audio's end


def test_messy_file_unsorted_hidden_untitled():
    text = ('\ufeff{"version":"1.2.0","chapters":[\r\n'
            ' {"startTime":300,"toc":false,"img":"https://ex.com/ad.jpg"},\r\n'
            ' {"startTime":0,"title":"Intro","location":{"name":"x","geo":"geo:1,2"}},\r\n'
            ' {"startTime":95.5,"endTime":300,"title":"News","url":"https://ex.com/n"},\r\n'
            ' {"startTime":120,"toc":true}]}')
    assert chapter_view(chapters_json.read(text)) == [
        (0, "Intro", None, None, True),
        (95_500, "News", "https://ex.com/n", None, True),
        (120_000, "", None, None, True),
        (300_000, "", None, "https://ex.com/ad.jpg", False),
    ]


@pytest.mark.parametrize("text, line, quoted", [
    ('{"chapters": [\n{"startTime": 0},\n{"title": "x"}]}', 3, "chapters[1]: has no startTime"),
    ('{"chapters": [\n{"startTime": "00:01:00"}]}', 2,
     'chapters[0].startTime: "00:01:00" is not a number of seconds'),
    ('{"chapters": [\n{"startTime": 1,\n "toc": "no"}]}', 2, 'toc: "no" is not true or false'),
    ('{"chapters": [{"startTime": 1, "title": 7}]}', 1, "chapters[0].title: is not a string"),
    ('{"title": 5, "chapters": []}', 1, "title: is not a string"),
    ('{"chapters": [{"startTime": 1e300}]}', 1, "is not a time in seconds"),
    ('{"chapters": [{"startTime": true}]}', 1, "true is not a number of seconds"),
    ('{"version": "1.2.0"}', 1, "chapters: is missing"),
    ('{"chapters": [\n', 2, "not valid JSON"),
    ('"chapters"', None, "is an object with a 'chapters' list"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        chapters_json.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)


def test_unknown_chapter_keys_survive_import_project_file_and_export(tmp_path):
    """docs/formats.md, chapters-json: keep unknown keys (a chapter's location, say)."""
    import json
    from editor.core import load_project, save_project
    from editor.core.formats.chapters_json import read, write
    source = {"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "Harbour", "location": {"name": "Tallinn",
                                                          "geo": "geo:59.44,24.75"}},
        {"startTime": 30.5, "title": "Ads", "toc": False, "x-sponsor": ["acme", 3]}]}
    project = read(json.dumps(source))
    assert project.chapters[0].extra == {"location": {"name": "Tallinn",
                                                      "geo": "geo:59.44,24.75"}}
    save_project(project, tmp_path / "p.yaml")
    again = json.loads(write(load_project(tmp_path / "p.yaml")))
    assert again["chapters"][0]["location"] == source["chapters"][0]["location"]
    assert again["chapters"][1]["x-sponsor"] == ["acme", 3]
    assert again["chapters"][1]["toc"] is False
