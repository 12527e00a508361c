"""Every error from hostile data is the project's own one-line error naming the
file: huge numbers, deep nesting, recursive aliases, lone surrogates, nested ID3
tables of contents, odd spacing. Never a traceback."""
from __future__ import annotations

import shutil
import sys

import pytest

from editor.core.errors import FormatError, ProjectFileError
from editor.core.importing import import_file
from editor.core.projectfile import load_project
from helpers import ROOT

BIG = "1" + "0" * 4999        # 5000 digits: Python's int() refuses more than 4300


def one_line(exc: BaseException) -> str:
    message = str(exc)
    assert "\n" not in message and len(message) < 300, message
    return message


@pytest.mark.parametrize("body, line, problem", [
    (f"showscribe: {BIG}\n", 1, "a number of 5,000 digits is too long to read"),
    (f"showscribe: 1\nepisode:\n  number: {BIG}\n", 3,
     "a number of 5,000 digits is too long to read"),
    (f"showscribe: 1\nturns:\n- start: {BIG}\n", 3,
     "a number of 5,000 digits is too long to read"),
])
def test_a_5000_digit_number_is_one_line(tmp_path, body, line, problem):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(body)
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == f"{path}:{line}: {problem}"


@pytest.mark.parametrize("body, message", [
    ("showscribe: 1" + "0" * 40 + "\n",
     "showscribe: a number of more than 30 digits is not a project format version"),
    ("showscribe: 1\nepisode:\n  number: 1" + "0" * 40 + "\n",
     "episode.number: has more than 30 digits"),
    ("showscribe: 1\nchapters:\n- start: 1" + "0" * 40 + "\n",
     "chapters[0].start: a number of more than 30 digits is not a time within 1000 hours"),
])
def test_a_long_number_within_pythons_limit_is_refused_in_short(tmp_path, body, message):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(body)
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == f"{path}: {message}"


def test_900_level_lists_in_extra_are_one_line(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text("showscribe: 1\nchapters:\n- start: 0\n  extra:\n    a: "
                    + "[" * 900 + "]" * 900 + "\n")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == f"{path}: chapters[0].extra: nested more than 100 levels deep"


def test_a_recursive_alias_at_the_top_is_one_line(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text("showscribe: 1\nchapters:\n- start: 0\n  extra: &top {me: *top}\n")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == (f"{path}: chapters[0].extra.me: refers to itself "
                                      "(a recursive alias)")


SURROGATE_SOURCES = {
    "chapters.json": '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "\\ud800"}]}',
    "transcript.json": '{"version": "1.0.0", "segments": [{"speaker": "Ann", "startTime": 0,'
                       ' "endTime": 1, "body": "hi \\ud800"}]}',
    "talk.otr": '{"text": "<p>Ann: hi \\ud800</p>", "media": "", "media-time": 0}',
}


@pytest.mark.parametrize("name", sorted(SURROGATE_SOURCES))
def test_a_lone_surrogate_in_json_is_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_text(SURROGATE_SOURCES[name])
    with pytest.raises(FormatError) as caught:
        import_file(path)
    message = one_line(caught.value)
    assert message.startswith(f"{path}: ")
    assert message.endswith(": holds a lone surrogate (an invalid \\u escape), "
                            "which no file can carry")


def test_json_extra_nested_500_levels_is_one_line(tmp_path):
    path = tmp_path / "deep.chapters.json"
    nested = "[" * 500 + "]" * 500
    path.write_text('{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "a", '
                    f'"x": {nested}}}]}}')
    with pytest.raises(FormatError) as caught:
        import_file(path)
    message = one_line(caught.value)
    assert message.startswith(f"{path}: ")
    assert message.endswith("nested more than 100 levels deep")


def test_json_nested_past_the_interpreter_is_one_line(tmp_path):
    path = tmp_path / "deeper.chapters.json"
    depth = sys.getrecursionlimit() + 100
    path.write_text('{"version": "1.2.0", "chapters": ' + "[" * depth + "]" * depth + "}")
    with pytest.raises(FormatError) as caught:
        import_file(path)
    assert one_line(caught.value).startswith(f"{path}")


def _mp3_with_nested_tocs(path, depth: int) -> None:
    from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags
    shutil.copy(ROOT / "sample_projects" / "sample-episode" / "audio" / "episode.mp3", path)
    tags = ID3(path)
    tags.delall("CHAP")
    tags.delall("CTOC")
    frame = CHAP(element_id="c0", start_time=0, end_time=1000, sub_frames=[TIT2(text=["x"])])
    for i in range(depth):
        frame = CTOC(element_id=f"t{i}", flags=CTOCFlags.ORDERED,
                     child_element_ids=[frame.element_id], sub_frames=[frame])
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, depth * 10))   # writing it needs the depth too
    try:
        tags.add(frame)
        tags.save()
    finally:
        sys.setrecursionlimit(limit)


def test_3000_nested_ctoc_frames_are_one_line(tmp_path):
    path = tmp_path / "nested.mp3"
    _mp3_with_nested_tocs(path, 3000)
    with pytest.raises(FormatError) as caught:
        import_file(path)
    assert one_line(caught.value) == f"{path}: nested too deeply to read"


def test_a_double_space_in_a_show_notes_speaker_is_read(tmp_path):
    path = tmp_path / "page.shownotes.txt"
    path.write_text("An episode\nTranscript\nAnn  Lee: hello there\nBo: hi Ann\n"
                    "Ann  Lee: how are you\n")
    project = import_file(path, "shownotes-text")
    assert [s.name for s in project.speakers] == ["Ann Lee", "Bo"]
    assert [t.text for t in project.turns] == ["hello there", "hi Ann", "how are you"]
