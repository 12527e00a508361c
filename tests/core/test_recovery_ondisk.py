"""Noticing what changed on disk: the project file's fingerprint, and audio whose
length is not the one the project recorded."""
from __future__ import annotations

import hashlib
import os

from editor.core import commands as C
from editor.core.ondisk import (AUDIO_LENGTH_TOLERANCE_MS, Fingerprint, audio_length_problem,
                                changed_on_disk, fingerprint)
from editor.core.projectfile import load_project, save_project

from helpers import small_project


def saved(tmp_path):
    project = small_project()
    path = tmp_path / "talk.showscribe.yaml"
    save_project(project, path)
    return project, path


def test_a_fingerprint_is_the_size_the_time_and_the_content_hash(tmp_path):
    _, path = saved(tmp_path)
    found = fingerprint(path)
    stat = os.stat(path)
    assert found == Fingerprint(stat.st_size, stat.st_mtime_ns,
                                hashlib.sha256(path.read_bytes()).hexdigest())
    assert Fingerprint.from_data(found.to_data()) == found
    assert Fingerprint.from_data({"size": "1", "mtime_ns": 2, "sha256": "x"}) is None


def test_our_own_save_is_not_a_change_once_fingerprinted_again(tmp_path):
    project, path = saved(tmp_path)
    known = fingerprint(path)
    assert changed_on_disk(path, known) is None
    project.history.push(C.SetTurnText(project, 0, "Saved again."))
    save_project(project, path)
    assert changed_on_disk(path, known) == "was changed by another program"
    assert changed_on_disk(path, fingerprint(path)) is None


def test_another_program_writing_the_same_size_is_noticed(tmp_path):
    _, path = saved(tmp_path)
    known = fingerprint(path)
    text = path.read_text("utf-8")
    changed = text.replace("Welcome back", "Welcome home")   # same length
    assert len(changed) == len(text) and changed != text
    path.write_text(changed, "utf-8")
    os.utime(path, ns=(known.mtime_ns + 1_000_000, known.mtime_ns + 1_000_000))
    assert changed_on_disk(path, known) == "was changed by another program"


def test_a_new_time_on_the_same_content_is_not_a_change(tmp_path):
    _, path = saved(tmp_path)
    known = fingerprint(path)
    os.utime(path, ns=(known.mtime_ns + 5_000_000_000, known.mtime_ns + 5_000_000_000))
    assert changed_on_disk(path, known) is None


def test_a_deleted_or_replaced_file_is_noticed(tmp_path):
    _, path = saved(tmp_path)
    known = fingerprint(path)
    other = load_project(path)
    other.turns[0].text = "Replaced by a sync client."
    save_project(other, tmp_path / "elsewhere.showscribe.yaml")
    os.replace(tmp_path / "elsewhere.showscribe.yaml", path)
    assert changed_on_disk(path, known) == "was changed by another program"
    path.unlink()
    assert changed_on_disk(path, known) == "was deleted or moved"
    assert changed_on_disk(path, None) is None   # never fingerprinted: nothing to compare


def test_audio_of_another_length_warns_that_times_may_be_off():
    recorded = 3_600_000
    assert audio_length_problem(recorded, recorded) is None
    assert audio_length_problem(recorded, recorded + AUDIO_LENGTH_TOLERANCE_MS) is None
    assert audio_length_problem(recorded, recorded - AUDIO_LENGTH_TOLERANCE_MS) is None
    assert audio_length_problem(recorded, recorded + 90_000, "episode.mp3") == (
        "episode.mp3 is 1:01:30 long, longer than the 1:00:00 this project was made with: "
        "turn and chapter times may be off (was it edited or replaced?)")
    assert audio_length_problem(recorded, 3_000_000, "episode.mp3").startswith(
        "episode.mp3 is 50:00 long, shorter than the 1:00:00")
    assert audio_length_problem(None, 3_000_000) is None    # nothing recorded yet
    assert audio_length_problem(recorded, None) is None     # not measured yet
