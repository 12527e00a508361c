"""Readers never hang and never eat the machine: only regular files are read,
and a file's size, nesting, aliases, numbers and counts are capped, each refusal
one line naming the file and the limit."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from editor.core import limits
from editor.core.errors import FormatError, ProjectFileError
from editor.core.formats import all_formats
from editor.core.importing import import_file
from editor.core.projectfile import load_project, save_project
from helpers import small_project

READABLE = [f for f in all_formats() if f.can_read]


def one_line(exc: BaseException) -> str:
    message = str(exc)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_fifo_project_is_refused_without_waiting(fifo):
    started = time.monotonic()
    with pytest.raises(ProjectFileError) as caught:
        load_project(fifo)
    assert time.monotonic() - started < 1
    assert one_line(caught.value) == f"{fifo}: is a pipe (FIFO), not a regular file"


@pytest.mark.parametrize("fmt", READABLE, ids=lambda f: f.name)
def test_a_fifo_import_is_refused_without_waiting(fifo, fmt):
    named = fifo.rename(fifo.with_name("pipe" + fmt.extensions[0]))
    with pytest.raises(FormatError) as caught:
        import_file(named, fmt.name)
    assert one_line(caught.value) == f"{named}: is a pipe (FIFO), not a regular file"


def test_guessing_a_format_does_not_open_a_fifo(fifo):
    # .txt is shared by several formats, so the guess looks inside the file
    named = fifo.rename(fifo.with_name("notes.txt"))
    with pytest.raises(FormatError, match="is a pipe"):
        import_file(named)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused(tmp_path, device):
    link = tmp_path / "episode.vtt"
    link.symlink_to(device)
    with pytest.raises(FormatError) as caught:
        import_file(link)
    assert one_line(caught.value) == f"{link}: is a device, not a regular file"
    project_link = tmp_path / "ep.showscribe.yaml"
    project_link.symlink_to(device)
    with pytest.raises(ProjectFileError, match="is a device, not a regular file"):
        load_project(project_link)


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "chapters.json"
    folder.mkdir()
    with pytest.raises(FormatError, match="is a folder, not a file"):
        import_file(folder)
    with pytest.raises(ProjectFileError, match="is a folder, not a project file"):
        load_project(tmp_path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "big.vtt"
    path.write_text("WEBVTT\n\n" + "00:00.000 --> 00:01.000\nhello\n\n" * 100)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FormatError) as caught:
        import_file(path)
    assert one_line(caught.value) == (f"{path}: {path.stat().st_size:,} bytes is larger "
                                      "than Showscribe reads (1,000 bytes)")


def test_a_project_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "ep.showscribe.yaml"
    save_project(small_project(), path)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == (f"{path}: {path.stat().st_size:,} bytes is larger "
                                      "than Showscribe reads (100 bytes)")


def test_the_size_limit_is_far_above_a_real_episode():
    assert limits.MAX_FILE_BYTES >= 100 * 1024 * 1024


def _project_text(tmp_path, body: str) -> Path:
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text("showscribe: 1\n" + body)
    return path


def test_an_alias_bomb_in_chapter_extra_is_refused_quickly(tmp_path):
    # nine levels of nine aliases: 387 million values once expanded
    lines = ["chapters:", "- start: 0", "  extra:", "    a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"    a{level}: &a{level} [{refs}]")
    path = _project_text(tmp_path, "\n".join(lines) + "\n")
    started = time.monotonic()
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert time.monotonic() - started < 5
    assert one_line(caught.value).startswith(f"{path}: chapters[0].extra.a")
    assert caught.value.problem == (f"extra data holds more than "
                                    f"{limits.MAX_EXTRA_VALUES:,} values (aliases expanded)")


def test_a_recursive_alias_is_refused(tmp_path):
    path = _project_text(tmp_path, "chapters:\n- start: 0\n  extra:\n    loop: &a [1, *a]\n")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == (f"{path}: chapters[0].extra.loop[1]: refers to itself "
                                      "(a recursive alias)")


def test_extra_nested_past_the_depth_limit_is_refused(tmp_path):
    deep = "[" * (limits.MAX_DEPTH + 1) + "]" * (limits.MAX_DEPTH + 1)
    path = _project_text(tmp_path, f"chapters:\n- start: 0\n  extra:\n    a: {deep}\n")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert one_line(caught.value) == (f"{path}: chapters[0].extra: nested more than "
                                      f"{limits.MAX_DEPTH} levels deep")
    within = "[" * (limits.MAX_DEPTH - 1) + "]" * (limits.MAX_DEPTH - 1)
    path.write_text(f"showscribe: 1\nchapters:\n- start: 0\n  extra:\n    a: {within}\n")
    assert load_project(path).chapters[0].extra["a"] == eval(within)


def test_a_shared_value_in_extra_is_not_a_loop(tmp_path):
    path = _project_text(tmp_path, "chapters:\n- start: 0\n  extra:\n"
                         "    a: &x [1, 2]\n    b: [*x, *x]\n")
    assert load_project(path).chapters[0].extra == {"a": [1, 2], "b": [[1, 2], [1, 2]]}


def test_counts_past_the_limits_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "ep.showscribe.yaml"
    save_project(small_project(), path)        # 7 turns, 3 chapters, 3 speakers
    for name, what, count in (("MAX_TURNS", "turns", 7), ("MAX_CHAPTERS", "chapters", 3),
                              ("MAX_SPEAKERS", "speakers", 3)):
        with monkeypatch.context() as patch:
            patch.setattr(limits, name, count - 1)
            with pytest.raises(ProjectFileError) as caught:
                load_project(path)
            assert one_line(caught.value) == (f"{path}: {count} {what} is more than "
                                              f"Showscribe takes ({count - 1})")
    assert len(load_project(path).turns) == 7


def test_an_import_past_the_turn_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "talk.srt"
    path.write_text("".join(f"{i}\n00:00:0{i},000 --> 00:00:0{i},500\nline {i}\n\n"
                            for i in range(1, 6)))
    assert len(import_file(path).turns) == 5
    monkeypatch.setattr(limits, "MAX_TURNS", 4)
    with pytest.raises(FormatError) as caught:
        import_file(path)
    assert one_line(caught.value) == f"{path}: 5 turns is more than Showscribe takes (4)"
