"""Project files: stable bytes, atomic saves with a backup, relative audio paths,
and a one-line ProjectFileError naming the file and the problem for every bad file."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core import atomic
from editor.core import (SCHEMA_VERSION, ProjectFileError, dump_project, load_project,
                         project_to_data, save_project)
from editor.core import projectfile
from editor.core.commands import SetTurnText
from editor.core.model import Chapter, Project, Speaker, Turn

from helpers import dump, load_synthetic, small_project, whole_dump

HEADER = "showscribe: 1\n"   # what a project without its own dictionary saves as


def write(folder: Path, text: str | bytes, name: str = "episode.yaml") -> Path:
    path = folder / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def load_error(path: Path) -> str:
    """The message load_project gives for ``path``: one line naming the file."""
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- round trips ---------------------------------------------------------------------

def test_save_load_save_is_byte_identical(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    save_project(small_project(), first)
    save_project(load_project(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_a_large_project_survives_save_and_load_exactly(tmp_path):
    project = load_synthetic().make_project(turns=400, seed=3)
    path = tmp_path / "big.yaml"
    save_project(project, path)
    loaded = load_project(path)
    assert project_to_data(loaded, tmp_path) == project_to_data(project, tmp_path)
    save_project(loaded, tmp_path / "again.yaml")
    assert (tmp_path / "again.yaml").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("turns", [0, 1, 199, 200, 201, 2_345])
def test_the_turns_dumped_in_parts_read_as_one_dump_of_the_whole(turns):
    # The file is written a part of turns at a time; it must be the text one
    # dump of the whole project gives, at every count around a part's edge.
    project = load_synthetic().make_project(turns=max(turns, 1), seed=7)
    project.turns = project.turns[:turns]
    assert dump_project(project) == whole_dump(project)



def test_loaded_project_equals_the_saved_one(tmp_path):
    project = small_project()
    path = tmp_path / "episode.yaml"
    save_project(project, path)
    loaded = load_project(path)
    assert dump(loaded) == dump(project)
    assert loaded.turns == project.turns
    assert loaded.chapters == project.chapters
    assert loaded.speakers == project.speakers
    assert loaded.episode == project.episode
    assert loaded.path == path.absolute()
    assert loaded.history.is_clean and len(loaded.history) == 0


def test_the_file_is_readable_yaml_in_a_fixed_key_order(tmp_path):
    path = tmp_path / "episode.yaml"
    save_project(small_project(), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER + "episode:\n  title: Small talk\n")
    assert [line for line in text.splitlines() if line and not line.startswith(" ")
            and not line.startswith("-")] == [
        "showscribe: 1", "episode:", "audio:", "speakers:", "chapters:", "turns:"]
    # paragraphs as a block, a blank line between them
    assert "  text: |-\n    Let us start.\n\n    First, the news of the week.\n" in text
    assert "start: '00:00:12.000'" in text and "estimated: true" in text


printable = st.characters(blacklist_categories=("Cs",))
paragraph = st.text(printable, max_size=30).map(lambda s: s.replace("\n", " "))
turn_text = st.lists(paragraph, min_size=1, max_size=4).map("\n".join)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(turn_text, min_size=1, max_size=4),
       title=st.text(printable, max_size=20), name=st.text(printable, max_size=12),
       description=st.text(printable, max_size=40))
def test_any_text_survives_save_and_load(tmp_path, texts, title, name, description):
    project = Project()
    project.episode.title, project.episode.description = title, description
    project.speakers = [Speaker("s", name)]
    project.chapters = [Chapter(1_000, title)]
    project.turns = [Turn(i * 1_000, "s", text) for i, text in enumerate(texts)]
    path = tmp_path / "p.yaml"
    save_project(project, path)
    loaded = load_project(path)
    assert [t.text for t in loaded.turns] == texts
    assert (loaded.episode.title, loaded.episode.description) == (title, description)
    assert loaded.speakers[0].name == name and loaded.chapters[0].title == title
    assert dump_project(loaded) == dump_project(project)
    loaded.turns[0].text += " x"        # the first save after opening keeps the others
    save_project(loaded, path)
    assert [t.text for t in load_project(path).turns] == [texts[0] + " x"] + texts[1:]


def test_hand_written_files_may_wrap_lines_and_use_other_time_forms(tmp_path):
    path = write(tmp_path, HEADER + (
        "speakers:\n- {id: ann}\n"
        "chapters:\n- {start: 0, title: Intro}\n- {start: '1:30', title: Later}\n"
        "turns:\n"
        "- start: 00:01:05\n"          # YAML 1.1 reads this as 65 (seconds)
        "  speaker: ann\n"
        "  text: |\n    A line\n    wrapped here.\n\n    Second paragraph.\n"
        "- start: '(1:02:03)'\n  text: plain\n"
    ))
    project = load_project(path)
    assert project.speakers[0].name == "ann"
    assert [c.start for c in project.chapters] == [0, 90_000]
    assert project.turns[0].start == 65_000
    assert project.turns[0].text == "A line wrapped here.\nSecond paragraph."
    assert project.turns[1].start == 3_723_000 and project.turns[1].speaker == ""


def test_times_past_1000_hours_are_refused_in_every_spelling(tmp_path):
    """Every writer can hold 1000 hours (SRT's timedelta, ID3's 32 bits); past that,
    the file is refused with the field named instead of failing an export later."""
    for start in ("1" + "0" * 30, "'99999999999999999999999:00:00.000'", "'1000:00:00.001'",
                  "3600000.001"):
        path = write(tmp_path, HEADER + f"turns:\n- {{start: {start}}}\n")
        with pytest.raises(ProjectFileError, match=r"turns\[0\]\.start: .* within 1000 hours"):
            load_project(path)
    path = write(tmp_path, HEADER + "turns:\n- {start: '1000:00:00.000'}\n")
    assert load_project(path).turns[0].start == 1000 * 3600 * 1000


def test_an_invalid_calendar_date_is_a_schema_error_not_a_crash(tmp_path):
    for date in ("2025-02-30", "'2025-13-45'"):
        path = write(tmp_path, HEADER + f"episode: {{date: {date}}}\n")
        with pytest.raises(ProjectFileError, match=r"episode\.date: '2025-.*' is not a date"):
            load_project(path)


def test_an_unquoted_date_in_a_title_stays_text(tmp_path):
    path = write(tmp_path, HEADER + "episode: {title: 2025-02-30, date: 2025-03-14}\n")
    episode = load_project(path).episode
    assert (episode.title, episode.date) == ("2025-02-30", "2025-03-14")


def test_chapters_are_sorted_on_load_keeping_file_order_for_equal_starts(tmp_path):
    path = write(tmp_path, HEADER + "chapters:\n- {start: '2:00', title: C}\n"
                 "- {start: '1:00', title: A}\n- {start: '1:00', title: B}\n")
    assert [c.title for c in load_project(path).chapters] == ["A", "B", "C"]


def test_crlf_and_a_byte_order_mark_are_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfshowscribe: 1\r\nepisode:\r\n  title: Hi\r\n")
    assert load_project(path).episode.title == "Hi"


def test_an_empty_speaker_name_stays_empty(tmp_path):
    project = small_project()
    project.speakers[2].name = ""
    path = tmp_path / "p.yaml"
    save_project(project, path)
    assert load_project(path).speakers[2].name == ""


def test_an_empty_date_is_no_date(tmp_path):
    project = small_project()
    project.episode.date = ""
    path = tmp_path / "p.yaml"
    save_project(project, path)
    assert load_project(path).episode.date is None
    assert load_project(write(tmp_path, HEADER + "episode: {date: ''}\n")).episode.date is None


def test_an_unquoted_date_in_a_text_field_reads_as_text(tmp_path):
    path = write(tmp_path, HEADER + "episode: {title: 2025-03-14, date: 2025-03-14}\n")
    episode = load_project(path).episode
    assert (episode.title, episode.date) == ("2025-03-14", "2025-03-14")


# -- saving ----------------------------------------------------------------------------

def test_save_keeps_the_previous_version_as_bak(tmp_path):
    project = small_project()
    path = tmp_path / "episode.yaml"
    save_project(project, path)
    assert not (tmp_path / "episode.yaml.bak").exists()
    first = path.read_bytes()
    project.history.push(SetTurnText(project, 0, "Changed."))
    save_project(project, path)
    assert (tmp_path / "episode.yaml.bak").read_bytes() == first
    assert b"Changed." in path.read_bytes()
    assert leftovers(tmp_path) == []


def test_save_marks_the_history_clean_and_remembers_the_path(tmp_path):
    project = small_project()
    project.history.push(SetTurnText(project, 0, "Changed."))
    assert not project.history.is_clean
    save_project(project, tmp_path / "e.yaml")
    assert project.history.is_clean
    assert project.path == (tmp_path / "e.yaml").absolute()


def test_save_keeps_the_file_mode(tmp_path):
    path = tmp_path / "e.yaml"
    save_project(small_project(), path)
    path.chmod(0o640)
    save_project(small_project(), path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_save_that_fails_midway_leaves_the_original_and_no_temp_file(
        tmp_path, monkeypatch, failing):
    project = small_project()
    path = tmp_path / "episode.yaml"
    save_project(project, path)
    original = path.read_bytes()
    project.history.push(SetTurnText(project, 0, "Never saved."))

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        def half_then_fail(fd, data):
            os.write(fd, data[:len(data) // 2])
            fail()

        monkeypatch.setattr(atomic, "write_all", half_then_fail)
    else:
        monkeypatch.setattr(os, failing, fail)
    with pytest.raises(ProjectFileError) as caught:
        save_project(project, path)
    monkeypatch.undo()

    assert str(caught.value) == f"{path}: cannot save: No space left on device"
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []
    assert not project.history.is_clean
    assert load_project(path).turns[0].text == "Welcome back to the show."


def test_an_interrupted_save_leaves_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "episode.yaml"
    save_project(small_project(), path)
    original = path.read_bytes()

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_project(small_project(), path)
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []


def test_saving_into_a_missing_folder_is_a_clear_error(tmp_path):
    path = tmp_path / "missing" / "e.yaml"
    with pytest.raises(ProjectFileError) as caught:
        save_project(small_project(), path)
    assert str(caught.value).startswith(f"{path}: cannot save: ")


# -- the audio path -------------------------------------------------------------------

def test_audio_path_is_stored_relative_and_resolved_on_load(tmp_path):
    (tmp_path / "shows").mkdir()
    audio = tmp_path / "audio" / "episode 12.mp3"
    project = small_project()
    project.audio_path = audio
    path = tmp_path / "shows" / "episode.yaml"
    save_project(project, path)
    assert "  path: ../audio/episode 12.mp3\n" in path.read_text(encoding="utf-8")
    assert load_project(path).audio_path == audio

    os.rename(tmp_path / "shows", tmp_path / "elsewhere")
    assert load_project(tmp_path / "elsewhere" / "episode.yaml").audio_path == audio


def test_audio_path_beside_the_project_is_a_bare_name(tmp_path):
    project = small_project()
    project.audio_path = tmp_path / "episode.mp3"
    save_project(project, tmp_path / "episode.yaml")
    assert "  path: episode.mp3\n" in (tmp_path / "episode.yaml").read_text()
    assert load_project(tmp_path / "episode.yaml").audio_path == tmp_path / "episode.mp3"


def test_no_audio_and_absolute_audio_paths(tmp_path):
    project = small_project()
    project.audio_path, project.audio_duration = None, None
    save_project(project, tmp_path / "e.yaml")
    loaded = load_project(tmp_path / "e.yaml")
    assert loaded.audio_path is None and loaded.audio_duration is None
    path = write(tmp_path, HEADER + "audio: {path: /srv/a.mp3, duration: '01:00:00.500'}\n")
    loaded = load_project(path)
    assert loaded.audio_path == Path("/srv/a.mp3") and loaded.audio_duration == 3_600_500


# -- bad files --------------------------------------------------------------------------

def test_newer_schema_version_is_refused_saying_so(tmp_path):
    path = write(tmp_path, f"showscribe: {SCHEMA_VERSION + 1}\nturns: []\nfuture: yes\n")
    message = load_error(path)
    assert "newer Showscribe" in message
    assert f"project format {SCHEMA_VERSION + 1}" in message
    assert "update Showscribe" in message


def test_yaml_syntax_error_names_file_line_and_column(tmp_path):
    path = write(tmp_path, HEADER + "episode:\n  title: a\n   bad: indent\n")
    assert load_error(path) == f"{path}:4:7: mapping values are not allowed in this context"


def test_unclosed_quote_says_where_it_began(tmp_path):
    path = write(tmp_path, HEADER + 'episode:\n  title: "unclosed\nturns: []\n')
    message = load_error(path)
    assert message.startswith(f"{path}:5:1: found unexpected end of stream")
    assert "quoted scalar that starts at line 3, column 10" in message


def test_a_key_written_twice_is_refused_not_silently_dropped(tmp_path):
    path = write(tmp_path, HEADER + "turns:\n- start: 0\n  text: first\n  text: second\n")
    assert load_error(path) == (f"{path}:5:3: the key 'text' appears twice (while "
                                "constructing a mapping that starts at line 3, column 3)")
    path = write(tmp_path, HEADER + "episode: {title: a, title: b}\n")
    assert load_error(path) == f"{path}:2:21: the key 'title' appears twice"


def test_a_merged_key_may_be_overridden(tmp_path):
    path = write(tmp_path, HEADER + "episode:\n  <<: {title: a, show: s}\n  title: c\n")
    episode = load_project(path).episode
    assert (episode.title, episode.show) == ("c", "s")


def test_schema_error_names_the_field_path(tmp_path):
    turns = "".join(f"- start: '00:00:{i:02d}.000'\n  text: t{i}\n" for i in range(12))
    path = write(tmp_path, HEADER + "turns:\n" + turns + "- start: '1:75'\n  text: bad\n")
    assert load_error(path) == f"{path}: turns[12].start: '1:75' is not a time"


def test_evil_tag_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "marker"
    path = write(tmp_path, HEADER + f'turns: !!python/object/apply:os.system ["touch {marker}"]\n')
    message = load_error(path)
    assert message == (f"{path}:2:8: the tag !!python/object/apply:os.system is not allowed "
                       "in a project file (nothing was run)")
    assert not marker.exists()


def test_evil_tag_in_a_nested_value_is_refused(tmp_path):
    marker = tmp_path / "marker"
    path = write(tmp_path, HEADER + "episode:\n  title: !!python/object/new:os.system\n"
                 f"    args: ['touch {marker}']\n")
    assert "!!python/object/new:os.system is not allowed" in load_error(path)
    assert not marker.exists()


@pytest.mark.parametrize("content, problem", [
    (b"", "the file is empty"),
    (b"  \n\n", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (it holds binary data)"),
])
def test_empty_and_binary_files(tmp_path, content, problem):
    path = write(tmp_path, content)
    assert load_error(path) == f"{path}: {problem}"


def test_a_control_character_is_named_with_its_line_and_column(tmp_path):
    path = write(tmp_path, HEADER + "episode:\n  title: Caf\u00e9 \x01\n")
    assert load_error(path) == \
        f"{path}:3:15: the character U+0001 is not allowed in a project file"


def test_non_utf8_file_names_the_line(tmp_path):
    path = write(tmp_path, HEADER.encode() + "episode: {title: Café}\n".encode("latin-1"))
    assert load_error(path) == f"{path}:2: not UTF-8 text (byte 0xe9)"


@pytest.mark.parametrize("body, problem", [
    ("rating: 5\n", "rating: unknown field (known: showscribe, episode, audio, speakers, "
                    "chapters, dictionary, turns)"),
    ("episode: {titel: x}\n", "episode.titel: unknown field (known: title, subtitle, "
                              "description, show, number, date, language, links, credits, "
                              "disclaimer, notes)"),
    ("turns:\n- {start: 0, txt: x}\n", "turns[0].txt: unknown field (known: start, speaker, "
                                       "estimated, words, text)"),
    ("chapters:\n- {start: 0, name: x}\n", "chapters[0].name: unknown field (known: start, "
                                           "title, url, image, toc, extra)"),
    ("speakers:\n- {id: a, colour: red}\n", "speakers[0].colour: unknown field (known: id, "
                                             "name, color, key)"),
])
def test_unknown_fields_are_named(tmp_path, body, problem):
    path = write(tmp_path, HEADER + body)
    assert load_error(path) == f"{path}: {problem}"


def test_unknown_speaker_reference(tmp_path):
    path = write(tmp_path, HEADER + "speakers:\n- {id: ann}\n- {id: bo}\n"
                 "turns:\n- {start: 0, speaker: ann}\n- {start: 1, speaker: cy}\n")
    assert load_error(path) == \
        f"{path}: turns[1].speaker: 'cy' is not one of the speakers (ann, bo)"


@pytest.mark.parametrize("body, problem", [
    ("", "not a Showscribe project (it has no 'showscribe:' version line)"),
    ("episode: {}\n", "not a Showscribe project (it has no 'showscribe:' version line)"),
    ("- a list\n", "not a Showscribe project (it has no 'showscribe:' version line)"),
    ("showscribe: one\n", "showscribe: 'one' is not a project format version"),
    ("showscribe: 0\n", "showscribe: 0 is not a project format version"),
    ("showscribe: 1\nepisode: []\n", "episode: should be a mapping, not a list"),
    ("showscribe: 1\nturns: 5\n", "turns: should be a list, not a number"),
    ("showscribe: 1\nturns: [1]\n", "turns[0]: should be a mapping, not a number"),
    ("showscribe: 1\nturns:\n- {text: x}\n", "turns[0].start: is missing"),
    ("showscribe: 1\nturns:\n- {start: -1}\n", "turns[0].start: -1 is not a time"),
    ("showscribe: 1\nturns:\n- {start: 1.0e+308}\n", "turns[0].start: 1e+308 is not a time"),
    ("showscribe: 1\nturns:\n- {start: .nan}\n", "turns[0].start: nan is not a time"),
    ("showscribe: 1\nturns:\n- {start: -.inf}\n", "turns[0].start: -inf is not a time"),
    ("showscribe: 1\nturns:\n- {start: true}\n", "turns[0].start: True is not a time"),
    ("showscribe: 1\nturns:\n- {start: [1]}\n",
     "turns[0].start: should be a time like '00:01:05.000', not a list"),
    ("showscribe: 1\nturns:\n- {start: 0, speaker: [a]}\n",
     "turns[0].speaker: should be text, not a list"),
    ("showscribe: 1\nturns:\n- {start: 0, estimated: maybe}\n",
     "turns[0].estimated: should be true or false, not 'maybe'"),
    ("showscribe: 1\nturns:\n- {start: 0, text: {a: b}}\n",
     "turns[0].text: should be text, not a mapping"),
    ("showscribe: 1\nspeakers:\n- {name: A}\n", "speakers[0].id: is missing"),
    ("showscribe: 1\nspeakers:\n- {id: a}\n- {id: a}\n",
     "speakers[1].id: 'a' is used by another speaker"),
    ("showscribe: 1\nspeakers:\n- {id: a, color: red}\n",
     "speakers[0].color: 'red' is not a colour like '#2563eb'"),
    ("showscribe: 1\nspeakers:\n- {id: a, key: 10}\n",
     "speakers[0].key: 10 is not a key from 1 to 9"),
    ("showscribe: 1\nchapters:\n- {title: x}\n", "chapters[0].start: is missing"),
    ("showscribe: 1\nepisode: {number: twelve}\n",
     "episode.number: 'twelve' is not a whole number"),
    ("showscribe: 1\nepisode: {date: 14.3.2025}\n",
     "episode.date: '14.3.2025' is not a date like 2025-03-14"),
    ("showscribe: 1\nepisode: {date: 2025-03-14 10:00:00}\n",
     "episode.date: '2025-03-14 10:00:00' is not a date like 2025-03-14"),
    ("showscribe: 1\nepisode: {date: 2025-W11-5}\n",
     "episode.date: '2025-W11-5' is not a date like 2025-03-14"),
    ("showscribe: 1\nepisode: {links: [{label: a, href: b}]}\n",
     "episode.links[0].href: unknown field (known: label, url)"),
    ("showscribe: 1\naudio: {duration: soon}\n", "audio.duration: 'soon' is not a time"),
])
def test_schema_errors(tmp_path, body, problem):
    path = write(tmp_path, body or "# nothing but a comment\n")
    assert load_error(path) == f"{path}: {problem}"


KEYS = ("showscribe", "episode", "audio", "speakers", "chapters", "turns", "title", "links",
        "credits", "names", "date", "number", "path", "duration", "id", "name", "color",
        "key", "start", "speaker", "text", "estimated", "toc", "url", "label", "role")
scalars = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.text(max_size=12) | st.sampled_from(["1:75", "00:00:01.000", "a", "#2563eb"])
           | st.dates())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
                      max_leaves=20)
documents = st.fixed_dictionaries({"showscribe": st.sampled_from([1, 1, 1, 2, "1"])},
                                  optional={k: values for k in KEYS[1:6]})


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_any_yaml_document_loads_or_gives_a_project_file_error(tmp_path, document):
    path = write(tmp_path, yaml.safe_dump(document, allow_unicode=True))
    try:
        project = load_project(path)
    except ProjectFileError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))
        return
    save_project(project, tmp_path / "again.yaml")
    assert dump(load_project(tmp_path / "again.yaml")) == dump(project)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=200))
def test_any_bytes_load_or_give_a_project_file_error(tmp_path, content):
    path = write(tmp_path, HEADER.encode() + content)
    try:
        load_project(path)
    except ProjectFileError as error:
        assert "\n" not in str(error)


def test_deeply_nested_yaml_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "notes: " + "[" * 5000 + "]" * 5000 + "\n")
    # libyaml says "exceeded maximum nesting depth"; PyYAML "nested too deeply"
    assert "nest" in load_error(path)


def test_missing_file_and_folder(tmp_path):
    assert load_error(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: no such file"
    assert load_error(tmp_path) == f"{tmp_path}: is a folder, not a project file"


# -- complexity --------------------------------------------------------------------------

def best_of(runs: int, action) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - begin)
    return best


def test_ten_times_more_turns_cost_far_less_than_a_hundred_times_more(tmp_path):
    # Loose on purpose (shared machine): linear work gives about 10x; a quadratic
    # step would give about 100x.
    synthetic = load_synthetic()
    costs = {}
    for turns in (300, 3_000):
        project = synthetic.make_project(turns=turns, seed=5)
        path = tmp_path / f"p{turns}.yaml"
        save_project(project, path)
        costs[turns] = (best_of(3, lambda: load_project(path)),
                        best_of(3, lambda: save_project(project, path)))
    load_ratio = costs[3_000][0] / costs[300][0]
    save_ratio = costs[3_000][1] / costs[300][1]
    assert load_ratio < 30, f"load: 10x the turns cost {load_ratio:.1f}x the time"
    assert save_ratio < 30, f"save: 10x the turns cost {save_ratio:.1f}x the time"


def test_chapter_extra_must_be_plain_data(tmp_path):
    path = write(tmp_path, HEADER + "chapters:\n- {start: 0, extra: {location: {lat: .nan}}}\n")
    with pytest.raises(ProjectFileError, match=r"chapters\[0\]\.extra\.location\.lat: nan is not"):
        load_project(path)
    path = write(tmp_path, HEADER + "chapters:\n- {start: 0, extra: [1, 2]}\n")
    with pytest.raises(ProjectFileError, match=r"chapters\[0\]\.extra: should be a mapping"):
        load_project(path)


# -- a large file's turns, parsed in parts ----------------------------------------

def parse_whole(text: str):
    return yaml.load(text, Loader=projectfile._Loader)


def test_the_turns_parsed_in_parts_are_the_whole_files(monkeypatch):
    project = load_synthetic().make_project(turns=2_345, seed=11)
    text = dump_project(project)
    monkeypatch.setattr(projectfile, "_TURNS_PER_PARSE", 100)
    assert projectfile._parsed_in_parts(text) == parse_whole(text)


def test_a_large_file_loads_the_same_through_its_parts(tmp_path, monkeypatch):
    project = load_synthetic().make_project(turns=1_234, seed=12)
    path = tmp_path / "big.yaml"
    save_project(project, path)
    whole = load_project(path)
    monkeypatch.setattr(projectfile, "_PARTS_FROM_CHARS", 0)
    monkeypatch.setattr(projectfile, "_TURNS_PER_PARSE", 50)
    parsed = []
    real = projectfile._parsed_in_parts
    monkeypatch.setattr(projectfile, "_parsed_in_parts",
                        lambda text: parsed.append(1) or real(text))
    assert project_to_data(load_project(path)) == project_to_data(whole)
    assert parsed


TURNS = ("turns:\n"
         "- start: '00:00:01.000'\n  speaker: ''\n  text: One.\n"
         "- start: '00:00:02.000'\n  speaker: ''\n  text: Two.\n"
         "- start: '00:00:03.000'\n  speaker: ''\n  text: Three.\n")


@pytest.mark.parametrize("text", [
    HEADER + "turns: []\n",                                     # no items: no parts
    HEADER + TURNS + "chapters: []\n",                          # a key after the turns
    HEADER + "x: &a Two.\n" + TURNS.replace("text: Two.", "text: *a"),   # an alias across
    HEADER + TURNS.replace("text: Two.", 'text: "Two\n- start: no"'),    # quoted, cut
    HEADER + TURNS + "---\nshowscribe: 1\n",                    # a second document
    HEADER + TURNS + TURNS,                                     # turns twice
], ids=["empty", "key after", "alias", "quoted", "document", "twice"])
def test_a_file_not_laid_out_as_written_is_parsed_whole(text, monkeypatch):
    monkeypatch.setattr(projectfile, "_TURNS_PER_PARSE", 1)
    assert projectfile._parsed_in_parts(text) is None


def test_an_alias_inside_one_part_reads_as_in_the_whole(monkeypatch):
    text = HEADER + TURNS.replace("text: One.", "text: &t One.").replace(
        "text: Two.", "text: *t")
    monkeypatch.setattr(projectfile, "_TURNS_PER_PARSE", 2)
    assert projectfile._parsed_in_parts(text) == parse_whole(text)
