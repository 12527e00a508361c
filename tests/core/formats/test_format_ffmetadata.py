"""FFMETADATA: written form, escaping, round trip, ffmpeg/ffprobe reading ours, errors."""
from __future__ import annotations

import json
import subprocess

import pytest
from hypothesis import given, settings

from editor.core.errors import FormatError
from editor.core.formats import ffmetadata
from editor.core.model import Chapter
from formats_support import chapter_project, chapter_projects, chapter_view


def test_written_file():
    project = chapter_project()
    project.episode.description = "Line one\nLine = two"
    assert ffmetadata.write(project) == (
        ";FFMETADATA1\ntitle=Building Trust\nalbum=Border Talk\n"
        "comment=Line one\\\nLine \\= two\n"
        "[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=95500\ntitle=Intro\n"
        "[CHAPTER]\nTIMEBASE=1/1000\nSTART=95500\nEND=310250\n"
        "title=News & Notes\\; \\= \\# \\\\ «ok»\n"
        "[CHAPTER]\nTIMEBASE=1/1000\nSTART=310250\nEND=3723007\ntitle=Interview\n"
        "[CHAPTER]\nTIMEBASE=1/1000\nSTART=3723007\nEND=4000000\ntitle=Late questions\n")


def test_round_trip_keeps_times_titles_and_episode_fields():
    project = chapter_project()
    project.episode.description = "Line one\nLine = two\\"
    project.episode.date = "2025-03-14"
    back = ffmetadata.read(ffmetadata.write(project))
    assert chapter_view(back, url=False, image=False) == \
        chapter_view(project, url=False, image=False, visible_only=True)
    assert (back.episode.title, back.episode.show, back.episode.date,
            back.episode.description) == ("Building Trust", "Border Talk", "2025-03-14",
                                          "Line one\nLine = two\\")


@settings(max_examples=150, deadline=None)
@given(chapter_projects())
def test_round_trip_any_project(project):
    assert chapter_view(ffmetadata.read(ffmetadata.write(project)), url=False, image=False) \
        == chapter_view(project, url=False, image=False, visible_only=True)


def test_ffprobe_reads_our_chapters_when_muxed(ffmpeg, tmp_path):
    project = chapter_project()
    project.audio_duration = 30_000
    project.chapters = [Chapter(0, "Intro"), Chapter(5_000, "hidden", toc=False),
                        # ends in a backslash: ffmpeg 5.1 needs the writer's trailing space
                        Chapter(9_500, "News = ; # \\")]
    metadata = tmp_path / "chapters.txt"
    metadata.write_text(ffmetadata.write(project), encoding="utf-8")
    out = tmp_path / "out.m4a"
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-t", "30", "-i", "anullsrc",
                    "-i", str(metadata), "-map", "0:a", "-map_metadata", "1",
                    "-map_chapters", "1", str(out)], check=True, timeout=60)
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-show_format",
                            "-of", "json", str(out)],
                           check=True, capture_output=True, text=True, timeout=60)
    data = json.loads(probe.stdout)
    chapters = data["chapters"]
    assert [(float(c["start_time"]), float(c["end_time"])) for c in chapters] == [
        (0.0, 9.5), (9.5, 30.0)]
    assert [c["tags"]["title"].rstrip() for c in chapters] == ["Intro", "News = ; # \\"]
    assert data["format"]["tags"]["title"] == "Building Trust"


def test_reads_ffmpeg_grammar():
    text = ("\ufeff;FFMETADATA1\r\ntitle=Ep \\= 7\r\n# comment\r\n; another\r\n"
            "[CHAPTER]\r\nSTART=95500000000\r\nEND=100000000000\r\ntitle=Nanoseconds\r\n"
            "[CHAPTER]\r\nTIMEBASE=1/10\r\nSTART=3\r\ntitle=Tenths \\\\\r\n"
            "[CHAPTER]\r\nTIMEBASE=1/1000\r\nSTART=0\r\ntitle =not the title key\r\n"
            "[STREAM]\r\ntitle=stream title, not the episode's\r\n")
    project = ffmetadata.read(text)
    assert project.episode.title == "Ep = 7"
    assert chapter_view(project) == [(0, "", None, None, True),
                                     (300, "Tenths \\", None, None, True),
                                     (95_500, "Nanoseconds", None, None, True)]


@pytest.mark.parametrize("text, line, quoted", [
    ("[CHAPTER]\nSTART=0\n", 1, "starts with the line ';FFMETADATA1'"),
    (";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=soon\n", 4, "START 'soon' is not"),
    (";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/0\nSTART=0\n", 3, "TIMEBASE '1/0' is not"),
    (";FFMETADATA1\ntitle=x\n\n[CHAPTER]\nTIMEBASE=1/1000\nEND=5\n", 4, "has no START"),
    (";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1\nSTART=99999999\n", 4, "is not a time from 0"),
])
def test_errors(text, line, quoted):
    with pytest.raises(FormatError) as caught:
        ffmetadata.read(text)
    assert caught.value.line == line
    assert quoted in str(caught.value)
