"""Word times in the project file: format 3 only when a turn has them, one flow
list a turn between ``estimated`` and ``text``, byte-identical round trips of
every format, and one-line messages naming the field for bad lists."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core import ProjectFileError, dump_project, load_project, save_project
from editor.core.alignment import alignment_changes
from editor.core.commands import ApplyAlignment, SetTurnText
from editor.core.model import Turn

from helpers import load_synthetic, small_project, whole_dump

# small_project as Showscribe saved it before word times, in format 1 and (with a
# dictionary) format 2: these bytes must come back from a load and a save.
FORMAT_1 = """\
showscribe: 1
episode:
  title: Small talk
  subtitle: A test episode
  description: |-
    One.
    Two.
  show: Tests
  number: 7
  date: '2025-03-14'
  language: en
  links:
  - {label: Site, url: 'https://example.com'}
  credits:
  - {role: Host, names: [Ann]}
  disclaimer: |-
    None.
  notes: ''
audio:
  path: audio/small-talk.mp3
  duration: '00:02:00.000'
speakers:
- {id: ann, name: Ann, color: '#2563eb', key: 1}
- {id: bo, name: Bo, color: '#dc2626', key: 2}
- {id: cy, name: Cy, color: '#16a34a'}
chapters:
- start: '00:00:00.000'
  title: Intro
- start: '00:00:30.000'
  title: News
  url: https://example.com/news
- start: '00:01:30.000'
  title: Ads
  toc: false
turns:
- start: '00:00:00.000'
  speaker: ann
  text: |-
    Welcome back to the show.
- start: '00:00:04.000'
  speaker: bo
  estimated: true
  text: |-
    Thanks for having me here today.
- start: '00:00:12.000'
  speaker: ann
  estimated: true
  text: |-
    Let us start.

    First, the news of the week.
- start: '00:00:30.000'
  speaker: bo
  estimated: true
  text: |-
    Big news indeed, really big.
- start: '00:00:45.000'
  speaker: cy
  text: |-
    I have a question about that one.
- start: '00:01:00.000'
  speaker: ann
  estimated: true
  text: |-
    Go ahead.
- start: '00:01:30.000'
  speaker: bo
  estimated: true
  text: |-
    And now a word from our sponsor.
"""

FORMAT_2 = """\
showscribe: 2
episode:
  title: Small talk
  subtitle: A test episode
  description: |-
    One.
    Two.
  show: Tests
  number: 7
  date: '2025-03-14'
  language: en
  links:
  - {label: Site, url: 'https://example.com'}
  credits:
  - {role: Host, names: [Ann]}
  disclaimer: |-
    None.
  notes: ''
audio:
  path: audio/small-talk.mp3
  duration: '00:02:00.000'
speakers:
- {id: ann, name: Ann, color: '#2563eb', key: 1}
- {id: bo, name: Bo, color: '#dc2626', key: 2}
- {id: cy, name: Cy, color: '#16a34a'}
chapters:
- start: '00:00:00.000'
  title: Intro
- start: '00:00:30.000'
  title: News
  url: https://example.com/news
- start: '00:01:30.000'
  title: Ads
  toc: false
dictionary:
- Kõpu
- Fresnel
- O'Brien
- '2024'
turns:
- start: '00:00:00.000'
  speaker: ann
  text: |-
    Welcome back to the show.
- start: '00:00:04.000'
  speaker: bo
  estimated: true
  text: |-
    Thanks for having me here today.
- start: '00:00:12.000'
  speaker: ann
  estimated: true
  text: |-
    Let us start.

    First, the news of the week.
- start: '00:00:30.000'
  speaker: bo
  estimated: true
  text: |-
    Big news indeed, really big.
- start: '00:00:45.000'
  speaker: cy
  text: |-
    I have a question about that one.
- start: '00:01:00.000'
  speaker: ann
  estimated: true
  text: |-
    Go ahead.
- start: '00:01:30.000'
  speaker: bo
  estimated: true
  text: |-
    And now a word from our sponsor.
"""


def timed_project():
    project = small_project()
    project.turns[0].words = (0, 320, None, 1_200, 1_610)
    project.turns[4].words = (0, 200, 400, 650, 900, 1_250, 1_500)
    return project


def saved_twice(project, folder):
    first = folder / "first.showscribe.yaml"
    save_project(project, first)
    second = folder / "second.showscribe.yaml"
    save_project(load_project(first), second)
    return first.read_bytes(), second.read_bytes()


def test_a_project_with_word_times_is_format_3_and_round_trips(tmp_path):
    project = timed_project()
    first, second = saved_twice(project, tmp_path)
    assert first == second
    text = first.decode("utf-8")
    assert text.startswith("showscribe: 3\n")
    assert ("- start: '00:00:00.000'\n  speaker: ann\n  words: [0, 320, null, 1200, 1610]\n"
            "  text: |-\n    Welcome back to the show.\n") in text
    assert text.count("words:") == 2
    loaded = load_project(tmp_path / "second.showscribe.yaml")
    assert [t.words for t in loaded.turns] == [t.words for t in project.turns]
    assert loaded.turns == project.turns


def test_words_come_after_estimated_and_before_text(tmp_path):
    project = small_project()
    project.turns[1].words = (0, 100, 200, 300, 400, 500)
    text = dump_project(project)
    assert ("- start: '00:00:04.000'\n  speaker: bo\n  estimated: true\n"
            "  words: [0, 100, 200, 300, 400, 500]\n  text: |-\n") in text


def test_the_written_lines_are_what_yaml_writes_for_the_list(tmp_path):
    project = load_synthetic().make_project(turns=300, seed=4)
    for k, turn in enumerate(project.turns):
        if k % 3:
            turn.words = tuple(None if (k + j) % 5 == 0 else 250 * j
                               for j in range(len(turn.text.split())))
    project.turns[7].text, project.turns[7].words = "", ()
    assert dump_project(project) == whole_dump(project)


def test_the_oldest_format_is_written_and_undoing_goes_back_to_it(tmp_path):
    project = small_project()
    path = tmp_path / "ep.showscribe.yaml"
    save_project(project, path)
    without = path.read_bytes()
    assert without.startswith(b"showscribe: 1\n")
    project.history.push(ApplyAlignment(project, [(5, 60_000, True, (0, 400))]))
    save_project(project, path)
    assert path.read_bytes().startswith(b"showscribe: 3\n")
    project.history.undo()
    save_project(project, path)
    assert path.read_bytes() == without
    project.dictionary = ["Takeo"]
    project.history.redo()
    save_project(project, path)
    assert path.read_bytes().startswith(b"showscribe: 3\n")


def test_a_format_1_file_saves_byte_for_byte(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(FORMAT_1, encoding="utf-8")
    again = tmp_path / "again.showscribe.yaml"
    save_project(load_project(path), again)
    assert again.read_text(encoding="utf-8") == FORMAT_1


def test_a_format_2_file_saves_byte_for_byte(tmp_path):
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(FORMAT_2, encoding="utf-8")
    again = tmp_path / "again.showscribe.yaml"
    save_project(load_project(path), again)
    assert again.read_text(encoding="utf-8") == FORMAT_2


def test_a_format_1_or_2_file_with_word_times_loads_and_saves_as_3(tmp_path):
    for version, text in ((1, FORMAT_1), (2, FORMAT_2)):
        path = tmp_path / f"ep{version}.showscribe.yaml"
        path.write_text(text.replace("  speaker: cy\n", "  speaker: cy\n"
                                     "  words: [0, 1, 2, 3, 4, 5, 6]\n"), encoding="utf-8")
        project = load_project(path)
        assert project.turns[4].words == (0, 1, 2, 3, 4, 5, 6)
        assert dump_project(project).startswith("showscribe: 3\n")


@pytest.mark.parametrize("words", [
    "[0,320 , ~, 1200, 1610]",
    "[0, 320, Null, 1_200, 0x64a]",
    "\n  - 0\n  - 320\n  -\n  - 1200\n  - 1610",
    "[0, 320,\n    null, 1200, 1610]",
    "&w [0, 320, null, 1200, 1610]",
])
def test_word_times_written_by_hand_in_other_forms_load_the_same(tmp_path, words):
    text = dump_project(timed_project()).replace("[0, 320, null, 1200, 1610]", words)
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_project(path).turns[0].words == (0, 320, None, 1_200, 1_610)


def test_a_line_that_looks_like_word_times_inside_a_text_stays_text(tmp_path):
    project = timed_project()
    text = dump_project(project).replace(
        "  title: Small talk\n", '  title: "Small\n\n  words: [1, 2]\n\n  talk"\n')
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_project(path)
    assert loaded.episode.title == "Small\nwords: [1, 2]\ntalk"
    assert loaded.turns[0].words == (0, 320, None, 1_200, 1_610)


def test_word_times_and_a_text_key_inside_a_quoted_text_stay_text(tmp_path):
    text = dump_project(timed_project()).replace(
        "  title: Small talk\n", '  title: "Small\n  words: [1, 2]\n  text: talk"\n')
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_project(path)
    assert loaded.episode.title == "Small words: [1, 2] text: talk"
    assert loaded.turns[0].words == (0, 320, None, 1_200, 1_610)


TIMED_TURN = "  words: [0, 320, null, 1200, 1610]\n  text: |-\n    Welcome back to the show.\n"


@pytest.mark.parametrize("written", [
    "  words: [0, 1, 2, 3, 4]\n" + TIMED_TURN,
    TIMED_TURN + "  text: |-\n    Said it twice, for once.\n",      # as many words
])
def test_a_key_written_twice_beside_word_times_is_refused(tmp_path, written):
    text = dump_project(timed_project()).replace(TIMED_TURN, written)
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError, match="appears twice"):
        load_project(path)


def test_a_word_times_line_that_yaml_reads_as_more_is_read_the_plain_way(tmp_path):
    text = dump_project(timed_project()).replace(
        "  words: [0, 320, null, 1200, 1610]\n", "  words: [0, 320, null, 1200, 1610]\n"
        "    and more\n")
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:") and "\n" not in message
    assert "wordtimes" not in message


def test_one_turn_aliased_twice_gets_its_word_times_twice(tmp_path):
    text = ("showscribe: 3\nspeakers: [{id: a, name: A, color: '#2563eb'}]\nturns:\n"
            "- &t\n  start: '00:00:01.000'\n  speaker: a\n  words: [0, 50]\n  text: One two.\n"
            "- *t\n")
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    assert [t.words for t in load_project(path).turns] == [(0, 50), (0, 50)]


@pytest.mark.parametrize("words, problem", [
    ("[0, 100, 200]", "turns[0].words: 3 entries for 5 words"),
    ("[0, 100, 200, 300, 400, 500]", "turns[0].words: 6 entries for 5 words"),
    ("[-5, 100, 200, 300, 400]", "turns[0].words[0]: a negative offset (word times are ms "
                                 "from the turn's start)"),
    ("[0, 300, 200, 300, 400]", "turns[0].words[2]: 200 comes before the word ahead of it "
                                "(300): word times never go back"),
    ("[0, 1.5, 200, 300, 400]", "turns[0].words[1]: 1.5 is not a whole number of ms"),
    ("[0, 'x', 200, 300, 400]", "turns[0].words[1]: 'x' is not a whole number of ms"),
    ("[0, true, 200, 300, 400]", "turns[0].words[1]: True is not a whole number of ms"),
    ("[0, [1], 200, 300, 400]", "turns[0].words[1]: a list is not a whole number of ms"),
    ("[0, 100, 200, 300, 4000000000]", "turns[0].words[4]: an offset of more than 1000 hours"),
    ("five", "turns[0].words: should be a list of ms offsets like [0, 320, null], not text"),
    ("{a: 1}", "turns[0].words: should be a list of ms offsets like [0, 320, null], "
               "not a mapping"),
])
def test_bad_word_times_are_named_in_one_line(tmp_path, words, problem):
    text = dump_project(timed_project()).replace("[0, 320, null, 1200, 1610]", words)
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value) == f"{path}: {problem}"


def test_empty_word_times_mean_none(tmp_path):
    text = dump_project(timed_project()).replace("[0, 320, null, 1200, 1610]", "null")
    path = tmp_path / "ep.showscribe.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_project(path).turns[0].words is None


offsets = st.lists(st.one_of(st.none(), st.integers(0, 10_000)), max_size=12)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lists=st.lists(offsets, min_size=1, max_size=5))
def test_any_word_times_round_trip(tmp_path, lists):
    project = small_project()
    project.turns = []
    for k, raw in enumerate(lists):
        known = sorted(w for w in raw if w is not None)
        words = tuple(known.pop(0) if w is not None else None for w in raw)
        text = " ".join(f"w{j}" for j in range(len(words)))
        project.turns.append(Turn(1_000 * k, "ann", text, words=words))
    first, second = saved_twice(project, tmp_path)
    assert first == second
    assert first.decode("utf-8") == whole_dump(project, tmp_path)
    assert [t.words for t in load_project(tmp_path / "first.showscribe.yaml").turns] == \
        [t.words for t in project.turns]


def test_an_alignment_saved_and_loaded_keeps_every_word_time(tmp_path):
    from editor.audio.align.base import AlignmentResult, TurnTime, WordTime
    project = small_project()
    result = AlignmentResult(turns=[
        TurnTime(t.start + 100, 0.9, tuple(WordTime(t.start + 100 + 250 * j, 0, 0.9)
                                           for j in range(len(t.text.split()))))
        for t in project.turns])
    project.history.push(ApplyAlignment(project, alignment_changes(
        project, result, range(len(project.turns)), all_turns=True)))
    path = tmp_path / "ep.showscribe.yaml"
    save_project(project, path)
    loaded = load_project(path)
    assert [t.words for t in loaded.turns] == [t.words for t in project.turns]
    assert all(t.words[:2] == (0, 250) for t in loaded.turns)
    project.history.push(SetTurnText(project, 0, "Welcome back to our show."))
    save_project(project, path)
    assert load_project(path).turns[0].words == (0, 250, 500, None, 1_000)
