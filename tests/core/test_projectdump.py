"""What a dump remembers of a project's turns: the entries the last dump wrote,
or those of the file the project was opened from, are written again for turns
that did not change. Whatever was remembered, a save reads back as the project
in memory, and a project Showscribe wrote saves as one dump of the whole."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core import projectdump
from editor.core.model import Project, Turn
from editor.core.projectdump import dump_project, forget_turn_texts
from editor.core.projectfile import load_project, save_project

from helpers import load_synthetic, small_project, whole_dump


@pytest.fixture
def dumped(monkeypatch) -> list[int]:
    """How many turns each dump of entries was given, as the dumps run."""
    counts: list[int] = []
    real = projectdump._entries
    monkeypatch.setattr(projectdump, "_entries",
                        lambda turns: counts.append(len(turns)) or real(turns))
    return counts


# A turn's entry as the last dump wrote it is kept for the next dump: every edit
# a turn can take, and turns coming, going and moving, must still give the text
# one dump of the whole gives.
turn_edits = st.lists(st.tuples(
    st.sampled_from(["text", "start", "speaker", "estimated", "words", "insert", "remove",
                     "move", "paragraphs", "copy"]),
    st.integers(0, 10_000)), min_size=1, max_size=8)


def edited(project: Project, edit: str, k: int) -> None:
    turns = project.turns
    i = k % len(turns) if turns else 0
    if edit == "insert" or not turns:
        turns.insert(i, Turn(k, "bo", f"new turn {k}", estimated=bool(k % 2)))
    elif edit == "text":
        turns[i].text, turns[i].words = turns[i].text + f" w{k}", None
    elif edit == "paragraphs":
        turns[i].text, turns[i].words = turns[i].text + f"\nnew paragraph {k}", None
    elif edit == "start":
        turns[i].start = k * 37
    elif edit == "speaker":
        turns[i].speaker = "bo" if turns[i].speaker != "bo" else "ann"
    elif edit == "estimated":
        turns[i].estimated = not turns[i].estimated
    elif edit == "words":
        count = len(turns[i].text.split())
        turns[i].words = (tuple(None if j == k % 3 else 100 * j for j in range(count))
                          if turns[i].words is None else None)
    elif edit == "remove":
        del turns[i]
    elif edit == "move":
        turns.append(turns.pop(i))
    else:  # the same turn twice: two entries alike, one text for both
        turns.insert(i, Turn(turns[i].start, turns[i].speaker, turns[i].text,
                             turns[i].estimated, turns[i].words))


@settings(max_examples=80, deadline=None)
@given(rounds=st.lists(turn_edits, min_size=1, max_size=4))
def test_dumps_after_edits_are_one_dump_of_the_whole(rounds):
    project = small_project()
    assert dump_project(project) == whole_dump(project)
    for edits in rounds:
        for edit, k in edits:
            edited(project, edit, k)
        assert dump_project(project) == whole_dump(project)


def test_a_dump_after_an_edit_dumps_only_the_turns_that_changed(dumped):
    project = load_synthetic().make_project(turns=1_000, seed=2)
    dump_project(project)
    assert sum(dumped) == 1_000
    dumped.clear()
    project.turns[500].text += " again"
    project.turns.insert(10, Turn(1, "host", "a new turn"))
    text = dump_project(project)
    assert sorted(dumped) == [2]
    assert text == whole_dump(project)
    dumped.clear()
    forget_turn_texts(project)
    assert dump_project(project) == text
    assert sum(dumped) == 1_001


# -- the file a project was opened from -------------------------------------------------

def test_opening_a_saved_file_and_saving_it_unchanged_dumps_no_turn(tmp_path, dumped):
    path = tmp_path / "episode.showscribe.yaml"
    project = load_synthetic().make_project(turns=700, seed=4)
    project.turns[3].words = tuple(100 * j for j in range(len(project.turns[3].text.split())))
    project.turns[4].text = ""
    save_project(project, path)
    written = path.read_bytes()
    opened = load_project(path)
    dumped.clear()
    save_project(opened, path)
    assert dumped == []
    assert path.read_bytes() == written


def test_the_first_save_after_opening_dumps_only_what_changed(tmp_path, dumped):
    path = tmp_path / "episode.showscribe.yaml"
    save_project(load_synthetic().make_project(turns=700, seed=4), path)
    opened = load_project(path)
    opened.turns[350].text += " and more"
    del opened.turns[10]
    dumped.clear()
    save_project(opened, path)
    assert dumped == [1]
    assert path.read_text(encoding="utf-8") == whole_dump(opened, tmp_path)


# Entries a hand may write that a dump does not. Each reads as a turn, and none
# may be copied into the next save as it stands: what it means depends on the
# rest of the file, or it may not be one entry.
ODD_ENTRIES = {
    "an anchor and its alias": ("- start: '00:00:01.000'\n  speaker: &who ann\n  text: Hi.\n",
                                "- start: '00:00:02.000'\n  speaker: *who\n  text: Hello.\n"),
    "a comment between entries": ("- start: '00:00:01.000'\n  speaker: ann\n  text: |-\n"
                                  "    Hi.\n# said twice\n",),
    "a mapping on one line": ("- {start: '00:00:01.000', speaker: ann, text: Hi.}\n",),
    "an item begun on its own line": ("-\n  start: '00:00:01.000'\n  speaker: ann\n"
                                      "  text: |-\n    Hi.\n",),
    "a quoted text over a line that looks like an item": (
        "- start: '00:00:01.000'\n  speaker: ann\n  text: \"Hi\n- there.\"\n",),
    "another time form": ("- start: 1:02\n  speaker: ann\n  text: |-\n    Hi.\n",),
    "keys in another order": ("- speaker: ann\n  start: '00:00:01.000'\n  text: Hi.\n",),
    "a tag": ("- start: '00:00:01.000'\n  speaker: ann\n  text: !!str Hi.\n",),
    "a kept line break": ("- start: '00:00:01.000'\n  speaker: ann\n  text: |\n    Hi.\n",),
    "a false estimate": ("- start: '00:00:01.000'\n  speaker: ann\n  estimated: false\n"
                         "  text: |-\n    Hi.\n",),
}
PLAIN = ("- start: '00:00:05.000'\n  speaker: bo\n  text: |-\n    Plain one.\n",
         "- start: '00:00:09.000'\n  speaker: ''\n  estimated: true\n  words: [0, null]\n"
         "  text: |-\n    Plain two.\n")
SPEAKERS = "showscribe: 3\nspeakers:\n- {id: ann, name: Ann}\n- {id: bo, name: Bo}\n"


def opened_and_saved(path, text: str, dumped: list[int]) -> Project:
    """The project in ``text``, opened from ``path``, its first turn changed and saved."""
    path.write_text(text, encoding="utf-8")
    opened = load_project(path)
    opened.turns[0].text = "Changed."
    dumped.clear()
    save_project(opened, path)
    return opened


@pytest.mark.parametrize("odd", ODD_ENTRIES, ids=list(ODD_ENTRIES))
def test_a_file_with_an_entry_not_as_a_dump_writes_it_is_written_anew(tmp_path, dumped, odd):
    path = tmp_path / "episode.showscribe.yaml"
    opened = opened_and_saved(path, SPEAKERS + "turns:\n" + PLAIN[0] + "".join(ODD_ENTRIES[odd])
                              + PLAIN[1], dumped)
    assert [t.text for t in opened.turns[1:-1]] in (["Hi."], ["Hi.", "Hello."], ["Hi - there."])
    assert sum(dumped) == len(opened.turns)
    assert path.read_text(encoding="utf-8") == whole_dump(opened, tmp_path)
    assert load_project(path).turns == opened.turns


def test_a_file_with_a_key_after_the_turns_is_written_anew(tmp_path, dumped):
    path = tmp_path / "episode.showscribe.yaml"
    opened = opened_and_saved(path, SPEAKERS + "turns:\n" + "".join(PLAIN)
                              + "dictionary: [Zork]\n", dumped)
    assert sum(dumped) == 2
    again = load_project(path)
    assert again.turns == opened.turns and again.dictionary == ["Zork"]


def test_a_file_with_crlf_line_ends_is_written_anew(tmp_path, dumped):
    path = tmp_path / "episode.showscribe.yaml"
    path.write_bytes((SPEAKERS + "turns:\n" + "".join(PLAIN)).replace("\n", "\r\n").encode())
    opened = load_project(path)
    dumped.clear()
    save_project(opened, path)
    assert sum(dumped) == 2
    assert path.read_text(encoding="utf-8") == whole_dump(opened, tmp_path)


def test_a_file_in_the_shape_a_dump_writes_keeps_every_unchanged_entry(tmp_path, dumped):
    path = tmp_path / "episode.showscribe.yaml"
    opened_and_saved(path, SPEAKERS + "turns:\n" + "".join(PLAIN), dumped)
    assert dumped == [1]
    assert path.read_text(encoding="utf-8").endswith(
        "turns:\n- start: '00:00:05.000'\n  speaker: bo\n  text: |-\n    Changed.\n" + PLAIN[1])


# Hand edits a file may take that keep it readable: blank lines, wrapped lines in
# a block, comments, another quoting. Whatever of the file is kept, a save after
# any edit reads back as the project in memory.
hand_edits = st.lists(st.tuples(st.sampled_from(["blank", "wrap", "comment", "quote"]),
                                st.integers(0, 10_000)), max_size=6)


def hand_edited(text: str, edits) -> str:
    lines = text.split("\n")
    first = lines.index("turns:") + 1
    for edit, k in edits:
        i = first + k % (len(lines) - first - 1)
        line = lines[i]
        if edit == "blank" and line.startswith("    "):
            lines.insert(i + 1, "")
        elif edit == "wrap" and line.startswith("    ") and " " in line.strip():
            cut = line.rindex(" ")
            lines[i:i + 1] = [line[:cut], "    " + line[cut + 1:]]
        elif edit == "comment" and line.startswith("- "):
            lines.insert(i, f"# note {k}")
        elif edit == "quote" and line.startswith("  speaker: ") and "'" not in line:
            lines[i] = f"  speaker: '{line[len('  speaker: '):]}'"
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(edits=hand_edits, changes=st.lists(st.integers(0, 10_000), max_size=3))
def test_any_hand_edited_file_saves_as_the_project_it_opened_as(tmp_path_factory, edits,
                                                                changes):
    folder = tmp_path_factory.mktemp("hand")
    path = folder / "episode.showscribe.yaml"
    project = small_project()
    save_project(project, path)
    path.write_text(hand_edited(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    opened = load_project(path)
    for k in changes:
        opened.turns[k % len(opened.turns)].text += f" edit {k}"
    save_project(opened, path)
    again = load_project(path)
    assert again.turns == opened.turns
