"""Recovery copies: what they hold, where they live, reading them back (with the
undo history), unreadable and planted copies, and what a copy changes."""
from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import pytest

from editor.core import commands as C
from editor.core.model import Chapter, Speaker, Turn
from editor.core.ondisk import fingerprint
from editor.core.projectfile import load_project, save_project
from editor.core.recovery import (DATA_DIR_ENV, RecoveryError, RecoveryStore, default_data_dir,
                                  differences, encode_snapshot, recovery_key, take_snapshot,
                                  untitled_key)

from helpers import dump, small_project


@pytest.fixture
def store(tmp_path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


def edited_project(tmp_path: Path):
    """A saved project with word times, then edits of every kind that are not saved."""
    project = small_project()
    project.turns[0].words = (0, 300, 600, 900, 1_200)
    save_project(project, tmp_path / "talk.showscribe.yaml")
    history = project.history
    history.push(C.SetTurnText(project, 0, "Welcome back to the big show."))
    history.push(C.ApplyAlignment(project, [(1, 4_500, True, (0, 100, None, 300, 400, 500)),
                                            (4, 45_000, False, (0, 2, 4, 6, 8, 10, 12))]))
    history.push(C.SplitTurn(project, 2, 14))
    history.push(C.AddChapter(project, Chapter(50_000, "Questions", extra={"geo": [1, 2.5]})))
    with history.macro("Tidy up"):
        history.push(C.MoveChapter(project, 1, 20_000))
        history.push(C.DeleteTurn(project, 5))
    history.push(C.AddSpeaker(project, Speaker("di", "Di", "#000000", None)))
    history.push(C.ReplaceTexts(project, {1: "Thanks.", 3: "Big news."}))
    history.push(C.SetEpisodeField(project, "title", "Small talk, again"))
    history.push(C.SetAudio(project, Path("/podcasts/other.mp3"), 130_000))
    history.push(C.SetTurnStart(project, 1, 5_000))
    history.push(C.AddEpisodeWord(project, "Okafor"))
    history.push(C.EditAcrossTurns(project, 3, 4, "Big news, and a question."))
    history.push(C.InsertTurn(project, 0, Turn(0, "di", "Cold open.")))
    history.undo()   # a redo step is kept too
    return project


def test_a_copy_round_trips_the_project_and_its_whole_undo_history(tmp_path, store):
    project = edited_project(tmp_path)
    path = store.write(take_snapshot(project, recovery_key(project.path),
                                     fingerprint(project.path)))
    copy = store.read(path)
    restored = copy.restore()
    assert copy.history_note is None
    assert restored.turns == project.turns                  # word times included
    assert any(turn.words for turn in restored.turns)
    assert copy.project_path == project.path
    assert restored.path == project.path
    assert dump(restored) == dump(project)
    assert not restored.history.is_clean
    assert (restored.history.index, len(restored.history)) == (project.history.index,
                                                               len(project.history))
    # The redo step, then every undo step, lead where the original's do.
    assert restored.history.redo() and project.history.redo()
    assert dump(restored) == dump(project)
    while project.history.undo():
        assert restored.history.undo()
        assert dump(restored) == dump(project)
    assert not restored.history.can_undo
    assert restored.history.is_clean      # back at the saved state
    assert dump(restored) == dump(load_project(project.path))


# What a Project holds that a recovery copy deliberately leaves out: its signals,
# its history (carried separately), its file (stored as project_path), caches, and
# what a reader stepped over on import (import_warnings, reported once).
NOT_IN_THE_PROJECT_DATA = {"history", "path", "_turn_starts", "import_warnings"}


def test_the_snapshot_knows_every_field_of_the_project():
    from editor.core.model import Project
    from editor.core.signals import declared_signals
    fields = set(vars(Project())) - set(declared_signals(Project))
    carried = {"episode", "speakers", "_turns", "chapters", "audio_path", "audio_duration",
               "dictionary"}
    assert fields - NOT_IN_THE_PROJECT_DATA == carried, (
        "Project has a field the recovery snapshot does not know: copy it in "
        "take_snapshot and encode_snapshot (core/recovery.py), then list it here")


def test_the_snapshot_carries_every_field_of_a_turn(tmp_path):
    project = small_project()
    project.turns[2].words = (0, 100, None, 300, 400, 500, 600, 700, 800)
    snapshot = take_snapshot(project, "talk")
    # columns in Turn's order: a turn rebuilt from them is the turn (a split's
    # seam, no part of a turn's equality, is not kept)
    assert [Turn(*t) for t in zip(*snapshot.turns)] == project.turns
    document = json.loads(encode_snapshot(snapshot))
    assert document["project"]["turns"][2]["words"] == [0, 100, None, 300, 400, 500, 600,
                                                        700, 800]


def test_a_restored_copy_keeps_word_times_and_their_undo(tmp_path, store):
    project = small_project()
    save_project(project, tmp_path / "a.showscribe.yaml")
    project.history.push(C.ApplyAlignment(project, [(5, 60_000, False, (0, 350))]))
    project.history.push(C.SetTurnText(project, 5, "Go on ahead."))
    restored = store.read(store.write(take_snapshot(project, "a"))).restore()
    assert restored.turns[5].words == (0, None, 350)
    restored.history.undo()
    assert restored.turns[5].words == (0, 350)
    restored.history.undo()
    assert restored.turns[5].words is None and restored.turns[5].estimated


def test_undo_after_restore_removes_typing_done_before_the_crash(tmp_path, store):
    project = small_project()
    save_project(project, tmp_path / "a.showscribe.yaml")
    project.history.push(C.SetTurnText(project, 4, "I have a question about that one. Why?"))
    path = store.write(take_snapshot(project, recovery_key(project.path)))
    restored = store.read(path).restore()
    assert restored.turns[4].text.endswith("Why?")
    assert restored.history.undo_text == "Typing"
    restored.history.undo()
    assert restored.turns[4].text == "I have a question about that one."
    assert restored.history.is_clean


def test_the_clean_mark_is_dropped_when_the_saved_file_changed_since(tmp_path, store):
    project = small_project()
    save_project(project, tmp_path / "a.showscribe.yaml")
    base = fingerprint(project.path)
    project.history.push(C.SetTurnText(project, 0, "Hello."))
    path = store.write(take_snapshot(project, recovery_key(project.path), base))
    other = load_project(project.path)
    other.turns[1].text = "Written by another program."
    save_project(other, project.path)
    copy = store.read(path)
    assert copy.saved_file_changed() == "was changed by another program"
    restored = copy.restore()
    restored.history.undo()
    assert not restored.history.is_clean   # the state undo reaches is not what is on disk


def test_copies_live_in_the_data_folder_keyed_by_the_resolved_path(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    assert RecoveryStore().folder == tmp_path / "data" / "recovery"
    monkeypatch.delenv(DATA_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "showscribe"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "showscribe"

    (tmp_path / "show").mkdir()
    project = tmp_path / "show" / "ep 1.showscribe.yaml"
    key = recovery_key(project)
    assert key.startswith("ep-1-")
    assert recovery_key(tmp_path / "show" / ".." / "show" / "ep 1.showscribe.yaml") == key
    assert recovery_key(tmp_path / "ep 1.showscribe.yaml") != key   # same name, other folder
    assert untitled_key() != untitled_key()
    with pytest.raises(ValueError):
        RecoveryStore(tmp_path).path_for("../elsewhere")


def test_a_clean_save_or_a_close_removes_the_copy_and_listing_finds_the_rest(tmp_path, store):
    first, second = edited_project(tmp_path), small_project()
    second.path = tmp_path / "b.showscribe.yaml"
    a = store.write(take_snapshot(first, recovery_key(first.path)))
    time.sleep(0.01)
    b = store.write(take_snapshot(second, "untitled-1"))
    assert store.copies() == [a, b]
    copy, problem = store.find(first.path)
    assert problem is None and copy.project_path == first.path
    store.remove(recovery_key(first.path))
    assert store.copies() == [b]
    assert store.find(first.path) == (None, None)
    store.remove(recovery_key(first.path))   # nothing left to remove: no error


def test_the_copy_is_not_beside_the_project(tmp_path, store):
    project = edited_project(tmp_path)
    store.write(take_snapshot(project, recovery_key(project.path)))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "recovery", "talk.showscribe.yaml"]


# -- unreadable and planted copies ---------------------------------------------------

def test_an_unreadable_copy_is_set_aside_and_reported_never_deleted(tmp_path, store):
    good = small_project()
    good.path = tmp_path / "good.showscribe.yaml"
    store.write(take_snapshot(good, "good"))
    store.folder.joinpath("cut-short.recovery.json").write_bytes(b'{"showscribe-recovery": 1, "ke')
    copies, problems = store.scan()
    assert [c.key for c in copies] == ["good"]
    assert len(problems) == 1 and "\n" not in problems[0]
    assert problems[0].startswith(f"{store.folder / 'cut-short.recovery.json'}:1:")
    assert "not a readable recovery copy" in problems[0]
    assert problems[0].endswith("(kept as cut-short.recovery.json.broken)")
    kept = store.folder / "cut-short.recovery.json.broken"
    assert kept.read_bytes() == b'{"showscribe-recovery": 1, "ke'
    assert store.copies() == [store.path_for("good")]


def test_opening_a_project_whose_copy_is_unreadable_sets_it_aside(tmp_path, store):
    project = small_project()
    save_project(project, tmp_path / "a.showscribe.yaml")
    path = store.write(take_snapshot(project, recovery_key(project.path)))
    path.write_bytes(b"\xff\xfe not text")
    copy, problem = store.find(project.path)
    assert copy is None
    assert problem == (f"{path}: not a recovery copy (not UTF-8 text at byte 0) "
                       f"(kept as {path.name}.broken)")
    assert path.with_name(path.name + ".broken").read_bytes() == b"\xff\xfe not text"
    assert store.find(project.path) == (None, None)


def test_a_copy_from_a_newer_showscribe_is_reported_and_left_for_it(tmp_path, store):
    project = edited_project(tmp_path)
    path = store.write(take_snapshot(project, recovery_key(project.path)))
    data = json.loads(path.read_text("utf-8"))
    data["showscribe-recovery"] = 2
    path.write_text(json.dumps(data), "utf-8")
    copy, problem = store.find(project.path)
    assert copy is None
    assert problem == (f"{path}: written by a newer Showscribe (recovery format 2; this "
                       "version reads up to 1): open it with that version (left as it is)")
    assert store.copies() == [path]


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update({"showscribe-recovery": 2}), "written by a newer Showscribe"),
    (lambda d: d["project"]["turns"][0].update(start="1:75"),
     "project.turns[0].start: '1:75' is not a time"),
    (lambda d: d["history"].update(index=99), "history.index: 99 is not a step"),
    (lambda d: d.pop("key"), "key: is missing"),
    (lambda d: d.update(key="../../home/maya/.bashrc"),
     "key: '../../home/maya/.bashrc' is not a recovery copy's name"),
])
def test_a_damaged_copy_says_which_field_is_wrong(tmp_path, store, change, message):
    project = edited_project(tmp_path)
    path = store.write(take_snapshot(project, "k"))
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(RecoveryError) as caught:
        store.read(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_a_history_that_does_not_replay_keeps_the_text_and_says_so(tmp_path, store):
    project = edited_project(tmp_path)
    path = store.write(take_snapshot(project, "k"))
    data = json.loads(path.read_text("utf-8"))
    command = data["history"]["commands"][0]["command"]
    assert command[0] == "SetTurnText"
    command[1]["index"] = 40   # no such turn
    path.write_text(json.dumps(data), "utf-8")
    copy = store.read(path)
    assert copy.history_note.startswith("the undo history could not be kept: it does not replay")
    assert dump(copy.project) == dump(project)
    assert not copy.project.history.can_undo and not copy.project.history.is_clean


def test_a_redo_step_that_does_not_replay_is_caught_too(tmp_path, store):
    project = edited_project(tmp_path)
    assert project.history.can_redo
    path = store.write(take_snapshot(project, "k"))
    data = json.loads(path.read_text("utf-8"))
    redo_step = data["history"]["commands"][data["history"]["index"]]["command"]
    assert redo_step[0] == "InsertTurn"
    redo_step[1]["turn"]["Turn"]["text"] = 12   # not text: a save could not write it
    path.write_text(json.dumps(data), "utf-8")
    copy = store.read(path)
    assert copy.history_note.startswith("the undo history could not be kept")
    assert dump(copy.project) == dump(project)


def test_a_number_of_thousands_of_digits_is_one_line(tmp_path, store):
    store.folder.mkdir(parents=True)
    path = store.folder / "huge.recovery.json"
    path.write_text('{"showscribe-recovery": ' + "9" * 5000 + "}")
    with pytest.raises(RecoveryError) as caught:
        store.read(path)
    assert str(caught.value).startswith(f"{path}: not a readable recovery copy (")
    assert "\n" not in str(caught.value)


class _RunsACommand:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_runs_nothing_and_is_refused_in_one_line(tmp_path, store):
    marker = tmp_path / "ran"
    store.folder.mkdir(parents=True)
    planted = store.folder / "planted.recovery.json"
    planted.write_bytes(pickle.dumps(_RunsACommand(marker)))
    with pytest.raises(RecoveryError) as caught:
        store.read(planted)
    assert str(caught.value).startswith(f"{planted}: not a ")
    assert "\n" not in str(caught.value)
    assert not marker.exists()
    pickle.loads(planted.read_bytes())    # the plant is real: unpickled, it does run
    assert marker.exists()


@pytest.mark.parametrize("planted, message", [
    ({"command": ["system", {}]}, "'system' is not a Showscribe command (nothing was run)"),
    ({"command": ["SetTurnText", {"__class__": {"path": "/bin/sh"}}]},
     "'__class__' is not a command field"),
    ({"command": ["SetTurnText", {"old": {"Popen": {"args": "touch x"}}}]},
     "'Popen' is not something a recovery copy can hold (nothing was run)"),
])
def test_a_planted_history_can_name_only_the_cores_own_classes(tmp_path, store, planted,
                                                               message):
    project = edited_project(tmp_path)
    path = store.write(take_snapshot(project, "k"))
    data = json.loads(path.read_text("utf-8"))
    data["history"]["commands"].append(planted)
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(RecoveryError) as caught:
        store.read(path)
    assert message in str(caught.value)
    assert f"history.commands[{len(project.history)}]" in str(caught.value)


def test_a_value_the_copy_cannot_hold_is_refused_when_writing_not_when_reading(tmp_path):
    project = small_project()
    command = C.SetTurnText(project, 0, "x")
    project.history.push(command)
    command.stray = object()
    with pytest.raises(TypeError, match="cannot hold object"):
        encode_snapshot(take_snapshot(project, "k"))


# -- what a copy changes -------------------------------------------------------------

def test_differences_count_turns_and_chapters_changed_added_and_removed(tmp_path):
    saved = small_project()
    recovered = small_project()
    h = recovered.history
    h.push(C.SetTurnText(recovered, 0, "Changed."))
    h.push(C.SetTurnSpeaker(recovered, 3, "cy"))
    h.push(C.InsertTurn(recovered, 7, Turn(100_000, "ann", "The end.")))
    h.push(C.DeleteTurn(recovered, 5))
    h.push(C.AddChapter(recovered, Chapter(100_000, "Outro")))
    h.push(C.DeleteChapter(recovered, 0))
    h.push(C.SetEpisodeField(recovered, "title", "New title"))
    h.push(C.ApplyAlignment(recovered, [(4, 45_000, False, (0, 1, 2, 3, 4, 5, 6))]))
    found = differences(saved, recovered)
    # the turn given word times counts as changed too
    assert (found.turns_changed, found.turns_added, found.turns_removed) == (3, 1, 1)
    assert (found.chapters_added, found.chapters_removed, found.chapters_changed) == (1, 1, 0)
    assert found.details_changed == ("title",)
    assert not found.speakers_changed and not found.audio_changed
    assert found.describe() == ("3 turns changed, 1 turn added, 1 turn removed, "
                                "1 chapter added, 1 chapter removed, "
                                "episode details changed (title)")
    assert not differences(saved, small_project())
    assert differences(saved, small_project()).describe() == "no differences from the saved file"


def test_a_history_is_restored_only_with_steps_it_has():
    from editor.core.history import History
    project = small_project()
    steps = [C.SetTurnText(project, 0, "One."), C.SetTurnText(project, 1, "Two.")]
    history = History.restored(steps, 1, 0)
    assert (history.index, history.clean_index, history.steps) == (1, 0, steps)
    assert history.can_undo and history.can_redo and not history.is_clean
    for index, clean in ((3, 0), (-1, 0), (1, 5)):
        with pytest.raises(ValueError):
            History.restored(steps, index, clean)
