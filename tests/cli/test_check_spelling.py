"""`showscribe check --spelling`: exactly the unknown words, their counts and first
places; exit 1 when there are any, 2 when spelling cannot be checked; and plain
`check` never loads a spelling library."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import Turn, save_project

from cli_projects import clean_project


@pytest.fixture(autouse=True)
def _english(english_dictionary):
    pass


def english_project():
    project = clean_project()
    project.episode.language = "en"
    return project


def save(project, tmp_path: Path) -> Path:
    path = tmp_path / "ep.showscribe.yaml"
    save_project(project, path)
    return path


def run(args: list[str], capsys) -> tuple[int, list[str], str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def with_typos():
    project = english_project()
    project.turns = [
        Turn(0, "ann", "Welcome. Teh show starts."),
        Turn(20_000, "bo", "Thanks, Ann. I recieve your letters at https://exmaple.org."),
        Turn(216_000, "bo", "We recieve them at 03:36, teh postman says.", estimated=True),
    ]
    project.chapters[1].title = "Middel"
    return project


def test_the_known_typos_are_listed_exactly_and_exit_1(tmp_path, capsys):
    code, lines, err = run(["check", "--spelling", str(save(with_typos(), tmp_path))], capsys)
    assert code == 1 and err == ""
    assert lines[-6:] == [
        "warning: 1 turn time is estimated, not yet confirmed (first: Bo Chan\u2019s turn at "
        "~03:36)",
        "warning: 4 unknown words (first: 'Middel' in chapter 2 'Middel' at 00:20)",
        "unknown word: Middel (1 time, first: chapter 2 'Middel' at 00:20)",
        "unknown word: Teh (1 time, first: Ann Lee\u2019s turn at 00:00)",
        "unknown word: recieve (2 times, first: Bo Chan\u2019s turn at 00:20)",
        "unknown word: teh (1 time, first: Bo Chan\u2019s turn at ~03:36)",
    ]


def test_a_clean_project_passes_with_spelling(tmp_path, capsys):
    code, lines, err = run(["check", "--spelling", str(save(english_project(), tmp_path))],
                           capsys)
    assert (code, err) == (0, "")
    assert len(lines) == 1 and lines[0].startswith("ep.showscribe.yaml: 3 turns")


def test_the_episode_and_the_user_dictionaries_are_used(tmp_path, capsys, monkeypatch):
    project = with_typos()
    project.dictionary = ["Middel"]
    config = tmp_path / "config"
    (config / "showscribe").mkdir(parents=True)
    (config / "showscribe" / "dictionary.txt").write_text("teh\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    code, lines, _ = run(["check", "--spelling", str(save(project, tmp_path))], capsys)
    assert code == 1
    assert [line for line in lines if line.startswith("unknown word:")] == [
        "unknown word: recieve (2 times, first: Bo Chan\u2019s turn at 00:20)"]


def test_without_spelling_typos_are_not_listed(tmp_path, capsys):
    code, lines, _ = run(["check", str(save(with_typos(), tmp_path))], capsys)
    assert code == 1           # the estimated time
    assert not [line for line in lines if "unknown word" in line]


@pytest.mark.parametrize("language, message", [
    ("xx", "no spelling dictionary for language 'xx' is installed"),
    ("", "the episode has no language (episode.language); spelling is not checked"),
])
def test_spelling_that_cannot_be_checked_is_an_error(tmp_path, capsys, language, message):
    project = with_typos()
    project.episode.language = language
    path = save(project, tmp_path)
    code, lines, err = run(["check", "--spelling", str(path)], capsys)
    assert code == 2 and lines == []
    assert err.startswith(f"showscribe: {path}: {message}")
    assert err.count("\n") == 1


def test_an_unreadable_user_dictionary_is_an_error_naming_its_line(tmp_path, capsys,
                                                                  monkeypatch):
    config = tmp_path / "config"
    (config / "showscribe").mkdir(parents=True)
    words = config / "showscribe" / "dictionary.txt"
    words.write_bytes(b"Saar\n\xff\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    code, lines, err = run(["check", "--spelling", str(save(with_typos(), tmp_path))], capsys)
    assert code == 2 and lines == []
    assert err == f"showscribe: {words}:2: not UTF-8 text (byte 0xff)\n"


def test_plain_check_loads_no_spelling_library(tmp_path):
    path = save(with_typos(), tmp_path)
    probe = ("import json, sys\nfrom editor.cli import main\ncode = main(['check', "
             f"{str(path)!r}])\nprint(json.dumps([code, sorted(m for m in sys.modules if "
             "m == 'enchant' or m.startswith('editor.core.spelling'))]))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [1, []]
    spelled = subprocess.run([sys.executable, "-c", probe.replace("'check', ",
                                                                  "'check', '--spelling', ")],
                             capture_output=True, text=True, timeout=120)
    loaded = json.loads(spelled.stdout.splitlines()[-1])[1]
    assert "enchant" in loaded and "editor.core.spelling" in loaded
