"""The episode's dictionary in the project file: format 2 only when it is used,
byte-identical round trips either way, and one-line messages for bad entries."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.core import ProjectFileError, load_project, save_project
from editor.core.commands import AddEpisodeWord

from helpers import small_project


def saved_twice(project, folder: Path) -> tuple[bytes, bytes]:
    first = folder / "first.showscribe.yaml"
    save_project(project, first)
    second = folder / "second.showscribe.yaml"
    save_project(load_project(first), second)
    return first.read_bytes(), second.read_bytes()


def test_a_project_with_a_dictionary_is_format_2_and_round_trips(tmp_path):
    project = small_project()
    project.dictionary = ["Takeo", "Ilves", "O'Brien", "Jōji Tanaka", "yes", "2024"]
    first, second = saved_twice(project, tmp_path)
    assert first == second
    text = first.decode("utf-8")
    assert text.startswith("showscribe: 2\n")
    assert ("dictionary:\n- Takeo\n- Ilves\n- O'Brien\n- Jōji Tanaka\n- 'yes'\n- '2024'\n"
            "turns:\n") in text
    assert load_project(tmp_path / "second.showscribe.yaml").dictionary == project.dictionary


def test_a_hand_written_format_2_file_saves_byte_identically(tmp_path):
    project = small_project()
    project.dictionary = ["Kõpu", "Fresnel"]
    path = tmp_path / "ep.showscribe.yaml"
    save_project(project, path)
    original = path.read_bytes()
    again = tmp_path / "again.showscribe.yaml"
    save_project(load_project(path), again)
    assert again.read_bytes() == original


def test_a_project_without_one_stays_format_1_byte_for_byte(tmp_path, sample_dir):
    source = sample_dir / "sample-episode" / "episode.showscribe.yaml"
    copy = tmp_path / "episode.showscribe.yaml"
    shutil.copy(source, copy)
    shutil.copytree(sample_dir / "sample-episode" / "audio", tmp_path / "audio")
    project = load_project(copy)
    assert project.dictionary == []
    save_project(project, copy)
    assert copy.read_bytes() == source.read_bytes()
    assert copy.read_bytes().startswith(b"showscribe: 1\n")
    assert b"dictionary" not in copy.read_bytes()


def test_adding_and_undoing_a_word_moves_between_formats(tmp_path):
    project = small_project()
    path = tmp_path / "ep.showscribe.yaml"
    save_project(project, path)
    without = path.read_bytes()
    project.history.push(AddEpisodeWord(project, "Takeo"))
    save_project(project, path)
    assert path.read_bytes().startswith(b"showscribe: 2\n")
    project.history.undo()
    save_project(project, path)
    assert path.read_bytes() == without


@pytest.mark.parametrize("version", [1, 2])
def test_both_formats_load(tmp_path, version):
    path = tmp_path / "ep.yaml"
    path.write_text(f"showscribe: {version}\ndictionary:\n- Takeo\n- Mara Ilves\n"
                    "turns: []\n", encoding="utf-8")
    assert load_project(path).dictionary == ["Takeo", "Mara Ilves"]


def test_format_4_is_refused_naming_the_newest_readable(tmp_path):
    path = tmp_path / "ep.yaml"
    path.write_text("showscribe: 4\ndictionary: [Takeo]\n", encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value) == (
        f"{path}: showscribe: written by a newer Showscribe (project format 4; this "
        "version reads up to 3); update Showscribe to open it")


@pytest.mark.parametrize("body, problem", [
    ("dictionary: Takeo\n", "dictionary: should be a list, not text"),
    ("dictionary:\n- Takeo\n- [a, b]\n", "dictionary[1]: should be text, not a list"),
    ("dictionary:\n- ''\n", "dictionary[0]: is empty"),
    ("dictionary:\n- true\n", "dictionary[0]: should be text, not true/false"),
    ("dictionary:\n- \"two\\nlines\"\n", "dictionary[0]: 'two\\nlines' is not one line"),
])
def test_bad_dictionary_entries_are_named(tmp_path, body, problem):
    path = tmp_path / "ep.yaml"
    path.write_text("showscribe: 2\n" + body, encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value) == f"{path}: {problem}"
