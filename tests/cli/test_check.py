"""`showscribe check`: the summary, the exit codes, and one-line messages for bad files."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import Credit, save_project

from cli_projects import clean_project


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "ep.showscribe.yaml"
    save_project(clean_project(), path)
    return path


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_project_exits_0_with_summary(project_file, capsys):
    code, out, err = run(["check", str(project_file)], capsys)
    assert code == 0, out + err
    assert out.splitlines()[0] == ("ep.showscribe.yaml: 3 turns, 2 speakers, 3 chapters, "
                                   "duration 01:00, 0 estimated turn times")
    assert err == ""


def test_findings_exit_1(tmp_path, capsys):
    project = clean_project()
    project.turns[1].estimated = True
    project.speakers[1].name = "Speaker 2"
    path = tmp_path / "p.yaml"
    save_project(project, path)
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 1
    assert "1 estimated turn time" in out.splitlines()[0]
    assert "Speaker 2" in out


BAD_FILES = {
    "syntax.yaml": (b"showscribe: 1\nepisode:\n  title: [unclosed\n",
                    r"syntax.yaml:\d+:\d+: "),
    "schema.yaml": (b"showscribe: 1\nturns:\n- {start: '1:75', speaker: '', text: hi}\n",
                    r"schema.yaml: turns\[0\]\.start: '1:75' is not a time"),
    "newer.yaml": (b"showscribe: 7\n", r"newer.yaml: showscribe: written by a newer Showscribe"),
    "empty.yaml": (b"", r"empty.yaml: the file is empty"),
    "binary.yaml": (bytes(range(256)) * 4, r"binary.yaml: not a text file"),
    "latin1.yaml": ("showscribe: 1\nepisode: {title: Caf\u00e9}\n".encode("latin-1"),
                    r"latin1.yaml:2: not UTF-8 text"),
    "list.yaml": (b"- just\n- a list\n", r"list.yaml: not a Showscribe project"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_exits_2_with_one_line(name, tmp_path, capsys):
    content, pattern = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(["check", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    import re
    assert re.search(pattern, err), err
    assert "Traceback" not in err


def test_evil_tag_is_refused_and_nothing_runs(tmp_path, capsys):
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(
        "showscribe: 1\n"
        f"episode: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2
    assert "!!python/object/apply:os.system is not allowed" in err
    assert "evil.yaml:2:" in err
    assert not marker.exists()


def test_missing_file_exits_2(tmp_path, capsys):
    code, _, err = run(["check", str(tmp_path / "nope.yaml")], capsys)
    assert code == 2 and "nope.yaml: no such file" in err


def test_console_script_version_and_exit_code(project_file, tmp_path):
    """The installed entry point, as a producer's script would call it."""
    exe = Path(sys.executable).with_name("showscribe")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("showscribe ")
    bad = tmp_path / "bad.yaml"
    bad.write_text("showscribe: 1\nturns: 5\n", encoding="utf-8")
    result = subprocess.run([exe, "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("turns: should be a list, not a number")


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


def test_check_format_reports_what_that_format_would_lose(tmp_path, capsys):
    project = clean_project()
    project.turns[0].text = "Welcome.\nA second paragraph."
    project.chapters[1].url = "https://example.org/middle"
    path = tmp_path / "p.yaml"
    save_project(project, path)
    code, out, err = run(["check", str(path), "--format", "srt"], capsys)
    assert (code, err) == (1, "")
    assert out.splitlines()[1:] == [
        "warning: srt: turn 1 (Ann Lee): paragraph breaks are not written; its paragraphs "
        "come back as one"]
    code, out, _ = run(["check", str(path), "--format", "mp4chaps"], capsys)
    assert code == 1
    assert out.splitlines()[1:] == ["warning: mp4chaps: chapter 2: chapter links are not "
                                    "written"]
    code, out, _ = run(["check", str(path), "--format", "chapters-json"], capsys)
    assert (code, out.splitlines()[1:]) == (0, [])


def test_check_format_names_a_speaker_a_prefix_format_cannot_write(tmp_path, capsys):
    project = clean_project()
    project.speakers[1].name = "bo: the guest"
    project.episode.credits = (Credit("Hosted", ("Ann Lee",)), Credit("Guest", ("bo",)))
    path = tmp_path / "p.yaml"
    save_project(project, path)
    code, out, _ = run(["check", str(path), "--format", "text"], capsys)
    assert code == 1
    assert ("warning: text: speaker 'bo: the guest' (first: turn 2) cannot be written as a "
            "'Name:' prefix that reads back; those turns would join the turn before"
            ) in out.splitlines()
    code, out, _ = run(["check", str(path), "--format", "vtt"], capsys)
    assert not any(line.startswith("warning: vtt:") for line in out.splitlines())


def test_check_warns_of_a_chapter_url_an_mp3_cannot_hold_as_is(tmp_path, capsys):
    project = clean_project()
    project.chapters[2].url = "https://例え.jp/"
    path = tmp_path / "p.yaml"
    save_project(project, path)
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 1
    assert out.splitlines()[1:] == [
        "warning: MP3: chapter 3's URL is written as 'https://xn--r8jz45g.jp/' "
        "(ID3 URLs are Latin-1)"]


def test_check_with_an_unknown_format_is_a_usage_error(project_file, capsys):
    code, out, err = run(["check", str(project_file), "--format", "nope"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("showscribe: unknown format 'nope' (known: ") and err.count("\n") == 1
