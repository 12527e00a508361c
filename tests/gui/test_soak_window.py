"""The window soak: 1,000 random user actions on the 5,000-turn episode (typing,
splits, merges, speaker changes, chapter edits, undo, redo, find and replace,
seeks, play and pause, save), offscreen with real libvlc, and no exception. At
every save point the recovery copy the timer wrote must equal the model; at the
end the project is saved, read back and compared with the model.

Seeded: ``SHOWSCRIBE_SOAK_SEED`` picks another seed (CI uses the fixed one).
"""
from __future__ import annotations

import os
import random
import shutil

import pytest
from PySide6.QtTest import QTest

from benchmarks.synthetic import make_project
from editor.core.commands import SetChapterField
from editor.core.projectdump import project_to_data
from editor.core.projectfile import load_project, save_project
from editor.core.recovery import RecoveryStore, recovery_key

ACTIONS = 1000
SEED = int(os.environ.get("SHOWSCRIBE_SOAK_SEED", "20261201"))
WORDS = ["bees", "honey", "hive", "wax", "queen", "naïve", "café", "swarm"]
TYPED = ["bees", "honey", "hive", "wax", "queen", "swarm"]   # QTest types ASCII only


@pytest.fixture
def big_project(tmp_path, sample_dir, monkeypatch):
    monkeypatch.setenv("SHOWSCRIBE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SHOWSCRIBE_RUNTIME_DIR", str(tmp_path / "runtime"))
    audio = tmp_path / "episode.mp3"
    shutil.copyfile(sample_dir / "sample-episode" / "audio" / "episode.mp3", audio)
    project = make_project(turns=5000, seed=3)
    project.audio_path = audio
    path = tmp_path / "big.showscribe.yaml"
    save_project(project, path)
    return path


class Soak:
    def __init__(self, window, qtbot, rng: random.Random) -> None:
        self.window, self.qtbot, self.rng = window, qtbot, rng
        self.copy = RecoveryStore().path_for(recovery_key(window.project.path))
        self.save_points = 0

    def turn(self) -> int:
        return self.rng.randrange(len(self.window.project.turns))

    def focus(self, index: int, offset: int) -> None:
        self.window.transcript.focus_turn(index, offset)
        self.qtbot.waitUntil(lambda: self.window.transcript.current_turn() == index)

    def trigger(self, action_id: str) -> None:
        self.window.actions_by_id[action_id].trigger()

    # -- the actions ------------------------------------------------------------------

    def type_text(self) -> None:
        index = self.turn()
        text = self.window.project.turns[index].text
        self.focus(index, self.rng.randint(0, len(text)))
        QTest.keyClicks(self.window.transcript.editor, " " + self.rng.choice(TYPED))

    def split(self) -> None:
        index = self.turn()
        text = self.window.project.turns[index].text
        self.focus(index, self.rng.randint(0, len(text)))
        self.trigger("split_turn")

    def merge(self) -> None:
        self.focus(self.turn(), 0)
        self.trigger("merge_with_previous")

    def speaker(self) -> None:
        self.focus(self.turn(), 0)
        self.trigger(f"speaker_{self.rng.randint(1, 3)}")

    def chapter(self) -> None:
        project = self.window.project
        if project.chapters and self.rng.random() < 0.5:
            row = self.rng.randrange(len(project.chapters))
            project.history.push(SetChapterField(project, row, "title",
                                                 self.rng.choice(WORDS).title()))
        else:
            self.window.chapters_panel.model.add_chapter(
                self.rng.randrange(0, 3 * 3600_000), self.rng.choice(WORDS))

    def undo(self) -> None:
        self.trigger("undo")

    def redo(self) -> None:
        self.trigger("redo")

    def find_and_replace(self) -> None:
        bar = self.window.find_bar
        bar.open_bar(replace=True)
        bar.find_edit.setText(self.rng.choice(WORDS))
        bar.replace_edit.setText(self.rng.choice(WORDS))
        if self.rng.random() < 0.3:
            bar.replace_all()
        else:
            bar.find_next()
            bar.replace_one()
        bar.close_bar()

    def seek(self) -> None:
        self.window.playback.seek(self.rng.randrange(0, 180_000))

    def play_pause(self) -> None:
        self.trigger("play_pause")

    def save(self) -> None:
        """A save point: the copy the timer writes equals the model, then Save
        removes it."""
        window = self.window
        if window.project.history.is_clean:
            return
        schedule = window.safekeeping.session.schedule
        self.qtbot.waitUntil(lambda: schedule.due_at() is None, timeout=3000)
        window.safekeeping.flush()
        recovered = RecoveryStore().read(self.copy).project
        assert project_to_data(recovered) == project_to_data(window.project)
        self.save_points += 1
        assert window.files.save()
        assert not self.copy.exists()

    def run(self, count: int) -> None:
        weighted = [(self.type_text, 30), (self.split, 8), (self.merge, 8), (self.speaker, 8),
                    (self.chapter, 6), (self.undo, 12), (self.redo, 6),
                    (self.find_and_replace, 4), (self.seek, 8), (self.play_pause, 6),
                    (self.save, 2)]
        actions = [a for a, _w in weighted]
        weights = [w for _a, w in weighted]
        for _ in range(count):
            self.rng.choices(actions, weights)[0]()
        self.save()


def test_a_thousand_random_actions(make_window, big_project, qtbot):
    window = make_window(big_project)
    soak = Soak(window, qtbot, random.Random(SEED))
    soak.run(ACTIONS)
    window.playback.pause()
    assert soak.save_points >= 5
    assert not window.isWindowModified()
    reread = load_project(big_project)
    assert project_to_data(reread) == project_to_data(window.project)
