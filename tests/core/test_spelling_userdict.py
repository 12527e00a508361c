"""The user's own word list: where it lives, how it is read and rewritten, and
"Add to my dictionary" as an undoable edit."""
from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.errors import ShowscribeError
from editor.core.spelling import AddUserWord, UserDictionary, user_dictionary_path

from helpers import dump, small_project


def test_the_list_lives_in_the_config_folder(tmp_path):
    assert user_dictionary_path({"XDG_CONFIG_HOME": str(tmp_path)}) == \
        tmp_path / "showscribe" / "dictionary.txt"
    home = Path.home() / ".config" / "showscribe" / "dictionary.txt"
    assert user_dictionary_path({}) == home
    assert user_dictionary_path({"XDG_CONFIG_HOME": "relative/dir"}) == home


def test_loading_by_default_reads_the_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "showscribe").mkdir()
    (tmp_path / "showscribe" / "dictionary.txt").write_text("Virtanen\n", encoding="utf-8")
    assert UserDictionary.load().words == ["Virtanen"]


def test_a_missing_list_is_empty_and_the_first_add_makes_the_folder(tmp_path):
    path = tmp_path / "showscribe" / "dictionary.txt"
    words = UserDictionary.load(path)
    assert words.words == []
    words.add("Virtanen")
    assert path.read_text(encoding="utf-8") == "Virtanen\n"


def test_comments_blank_lines_and_a_byte_order_mark_are_read_and_kept(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes("\ufeff# names\n  Virtanen \n\nSaar\n".encode("utf-8"))
    words = UserDictionary.load(path)
    assert words.words == ["Virtanen", "Saar"] and "Saar" in words
    words.add("Kõpu")
    assert path.read_text(encoding="utf-8") == "# names\n  Virtanen \n\nSaar\nKõpu\n"
    words.remove("Kõpu")
    assert path.read_text(encoding="utf-8") == "# names\n  Virtanen \n\nSaar\n"


def test_a_list_that_is_not_utf8_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"Virtanen\nCaf\xe9\n")
    with pytest.raises(ShowscribeError) as caught:
        UserDictionary.load(path)
    assert str(caught.value) == f"{path}:2: not UTF-8 text (byte 0xe9)"


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ShowscribeError, match="not a text file"):
        UserDictionary.load(path)


def test_a_list_that_cannot_be_saved_says_so_and_changes_nothing(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("Saar\n", encoding="utf-8")
    words = UserDictionary.load(path)
    heard = []
    words.changed.connect(lambda: heard.append("changed"))
    path.unlink()
    path.mkdir()            # something else took its place: the rename over it fails
    with pytest.raises(ShowscribeError, match=r"dictionary.txt: cannot save: "):
        words.add("Virtanen")
    assert words.words == ["Saar"] and heard == []
    assert [p.name for p in tmp_path.iterdir()] == ["dictionary.txt"]   # no temporary left


def test_a_list_that_cannot_be_read_says_so(tmp_path):
    blocker = tmp_path / "showscribe"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ShowscribeError) as caught:
        UserDictionary.load(blocker / "dictionary.txt")
    assert str(caught.value) == f"{blocker / 'dictionary.txt'}: cannot read: Not a directory"


def test_add_to_my_dictionary_is_undoable_and_restores_the_file_exactly(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("# names\nSaar\n", encoding="utf-8")
    words = UserDictionary.load(path)
    project = small_project()
    project_before, file_before = dump(project), path.read_bytes()
    project.history.push(AddUserWord(words, " Virtanen "))
    file_after = path.read_bytes()
    assert file_after == b"# names\nSaar\nVirtanen\n"
    assert project.history.undo_text == "Add to my dictionary"
    for _ in range(2):
        assert project.history.undo()
        assert path.read_bytes() == file_before and words.words == ["Saar"]
        assert project.history.redo()
        assert path.read_bytes() == file_after and words.words == ["Saar", "Virtanen"]
    assert dump(project) == project_before          # the project itself is untouched


def test_add_to_my_dictionary_refuses_what_it_cannot_add(tmp_path):
    words = UserDictionary.load(tmp_path / "dictionary.txt")
    words.add("Saar")
    with pytest.raises(ValueError, match="already in"):
        AddUserWord(words, "Saar")
    with pytest.raises(ValueError, match="is not a word"):
        AddUserWord(words, "  ")
    with pytest.raises(ValueError, match="is not a word"):
        words.add("#hashtag")
