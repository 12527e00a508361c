"""The registry: every transcript and chapter format once, unique names, what
guess() picks by extension and, for shared extensions, by content."""
from __future__ import annotations

import inspect
import json
from collections import Counter

import pytest

from editor.core import formats
from editor.core.formats import all_formats, by_name, guess
from formats_support import chapter_project, transcript_project

# name -> (kind, can read, can write, extensions)
OURS = {
    "vtt": ("transcript", True, True, (".vtt",)),
    "srt": ("transcript", True, True, (".srt",)),
    "text": ("transcript", True, True, (".txt",)),
    "transcript-json": ("transcript", True, True, (".json",)),
    "transcript-html": ("transcript", True, True, (".html", ".htm")),
    "otr": ("transcript", True, False, (".otr",)),
    "chapters-json": ("chapters", True, True, (".chapters.json", ".json")),
    "podlove": ("chapters", True, True, (".psc", ".xml")),
    "mp4chaps": ("chapters", True, True, (".chapters.txt", ".txt")),
    "youtube": ("chapters", True, True, (".youtube.txt", ".txt")),
    "audacity": ("chapters", True, True, (".txt", ".labels.txt")),
    "ffmetadata": ("chapters", True, True, (".ffmetadata", ".txt")),
}


def test_every_format_is_registered_once_with_unique_names():
    names = [f.name for f in formats.DECLARED]
    assert [n for n, count in Counter(names).items() if count > 1] == []
    assert set(OURS) <= set(names)
    for name, (kind, reads, writes, extensions) in OURS.items():
        fmt = by_name(name)
        assert (fmt.kind, fmt.can_read, fmt.can_write, fmt.extensions) == \
            (kind, reads, writes, extensions), name
        assert fmt.label and fmt.mime and not fmt.binary


def test_a_name_registered_twice_is_refused(monkeypatch):
    first = formats.DECLARED[0]
    monkeypatch.setattr(formats, "DECLARED", formats.DECLARED + (first,))
    monkeypatch.setattr(formats, "_registry", None)
    with pytest.raises(RuntimeError, match=f"registered twice: \\['{first.name}'\\]"):
        all_formats()


def test_declared_options_are_the_writers_keyword_options():
    for name in OURS:
        fmt = by_name(name)
        if not fmt.can_write:
            continue
        keywords = {p.name for p in inspect.signature(fmt.write).parameters.values()
                    if p.kind is inspect.Parameter.KEYWORD_ONLY}
        assert keywords == set(fmt.options), name


@pytest.mark.parametrize("filename, expected", [
    ("episode.vtt", "vtt"), ("EPISODE.VTT", "vtt"), ("episode.srt", "srt"),
    ("episode.otr", "otr"), ("episode.html", "transcript-html"),
    ("episode.htm", "transcript-html"), ("episode.chapters.json", "chapters-json"),
    ("episode.psc", "podlove"), ("episode.xml", "podlove"),
    ("episode.chapters.txt", "mp4chaps"), ("episode.youtube.txt", "youtube"),
    ("episode.labels.txt", "audacity"), ("episode.ffmetadata", "ffmetadata"),
])
def test_guess_by_extension(filename, expected):
    assert guess(filename).name == expected


@pytest.mark.parametrize("name", ["transcript-json", "chapters-json"])
def test_guess_sniffs_json_content(name, tmp_path):
    fmt = by_name(name)
    project = transcript_project() if fmt.kind == "transcript" else chapter_project()
    text = fmt.write(project)
    assert guess("episode.json", content=text).name == name
    path = tmp_path / "episode.json"
    path.write_text(text, encoding="utf-8")
    assert guess(path).name == name          # reads the file's start itself


def test_json_sniffing_uses_the_first_key():
    chapters_first = json.dumps({"chapters": [{"startTime": 0, "title": "segments"}],
                                 "segments": []})
    assert guess("x.json", content=chapters_first).name == "chapters-json"
    assert guess("x.json", content='{"version":"1.0.0","segments":[]}').name == \
        "transcript-json"


@pytest.mark.parametrize("name", ["text", "mp4chaps", "youtube", "audacity", "ffmetadata"])
def test_guess_sniffs_txt_content(name, tmp_path):
    fmt = by_name(name)
    project = transcript_project() if fmt.kind == "transcript" else chapter_project()
    text = fmt.write(project)
    assert guess("notes.txt", content=text, kind=fmt.kind).name == name
    assert guess("notes.txt", content="\ufeff" + text.replace("\n", "\r\n"),
                 kind=fmt.kind).name == name
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    assert guess(path, kind=fmt.kind).name == name


def test_guess_for_export_and_unknown_extensions():
    assert guess("out.json", readable=False, kind="chapters").name == "chapters-json"
    assert guess("out.txt", readable=False, kind="transcript").name == "text"
    assert guess("out.vtt", readable=False).name == "vtt"
    with pytest.raises(KeyError, match="cannot tell the format of 'out.docx'"):
        guess("out.docx")
    with pytest.raises(KeyError):
        guess("in.otr", readable=False)   # import only
