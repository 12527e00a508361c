"""Audio > Replace Audio in the window: the file asked for, the alignment in the
background with progress and Cancel in the status bar, the re-timing as one undo
step, the player and waveform on the new file, and the list of what was not found.

The first test runs the real aligner on the sample cut by 20 s; the others give
the window an aligner of their own, to reach each path quickly."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from editor.audio.align import AlignCancelled
from editor.audio.align.base import AlignmentResult, TurnTime, WordTime
from editor.core.model import Project
from editor.core.projectdump import project_to_data

from recut import cut_out, moved_as_cut


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), ""))


def errors_shown(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    return shown


def on_new_audio(window, path) -> bool:
    """The player, its length and the waveform are all on ``path``."""
    return (window.audio._loaded == path and window.playback.has_media
            and window.waveform._path == path and window.waveform.levels is not None)


@pytest.mark.slow
def test_replace_audio_with_a_cut_copy_moves_what_follows_and_undo_brings_all_back(
        window, qtbot, monkeypatch, ffmpeg, tmp_path):
    project = window.project
    old_audio = project.audio_path
    recut = cut_out(ffmpeg, old_audio, tmp_path / "recut.mp3")
    before = project_to_data(project)
    old_turns = [(t.start, t.estimated) for t in project.turns]
    old_chapters = [c.start for c in project.chapters]
    choose_file(monkeypatch, recut)
    shown = errors_shown(monkeypatch)

    window.actions_by_id["replace_audio"].trigger()
    status = window.replacing.status
    assert status.isVisible() and "recut.mp3" in status.label.text()
    assert not window.actions_by_id["replace_audio"].isEnabled()     # one at a time
    qtbot.waitUntil(lambda: status.bar.value() > 0, timeout=120_000)
    qtbot.waitUntil(lambda: not window.replacing.job.running, timeout=300_000)
    assert shown == [] and not status.isVisible()
    assert window.actions_by_id["replace_audio"].isEnabled()

    for (old, estimated), turn in zip(old_turns, project.turns):
        moved = moved_as_cut(old, turn.start)
        if not estimated and moved is not None:
            assert moved, (turn.text[:40], old, turn.start)
    for old, chapter in zip(old_chapters, project.chapters):
        assert moved_as_cut(old, chapter.start), (chapter.title, old, chapter.start)
    assert project.audio_path == recut
    qtbot.waitUntil(lambda: on_new_audio(window, recut), timeout=20_000)
    assert not window.message_bar.isVisible()      # its length is the one recorded
    assert abs(window.playback.duration_ms() - project.audio_duration) <= 200
    report = window.replacing.report
    assert report is not None and report.isVisible()
    assert report.list.count() == len(report.lines) >= 1
    assert any(line.startswith("Not in the new audio: ") for line in report.lines)

    assert window.actions_by_id["undo"].text() == "&Undo Replace audio"
    window.actions_by_id["undo"].trigger()
    assert project_to_data(project) == before
    qtbot.waitUntil(lambda: on_new_audio(window, old_audio), timeout=20_000)


class HeldAligner:
    """Reports a third of the way, then waits to be let go or cancelled; once let
    go it gives every turn its own start, shifted by ``shift`` ms."""

    def __init__(self, shift: int = 0) -> None:
        self.shift = shift
        self.release = threading.Event()
        self.calls: list = []

    def align(self, audio, turns, progress=None, cancel=None):
        self.calls.append((audio, len(turns)))
        progress(1 / 3)
        while not self.release.wait(0.01):
            if cancel.is_set():
                raise AlignCancelled("alignment cancelled")
        times = [TurnTime(t.start + self.shift, 0.9,
                          tuple(WordTime(t.start + self.shift + 200 * i,
                                         t.start + self.shift + 200 * i + 150, 0.9)
                                for i in range(len(t.text.split()))))
                 for t in turns]
        return AlignmentResult(times, duration=200_000)


def use_aligner(window, aligner) -> list[str]:
    languages: list[str] = []
    window.replacing.aligner_for = lambda settings, language: (languages.append(language)
                                                               or aligner)
    return languages


def test_cancel_in_the_status_bar_stops_the_alignment_and_changes_nothing(window, qtbot):
    aligner = HeldAligner()
    languages = use_aligner(window, aligner)
    new = window.project.audio_path.with_name("other.mp3")
    new.write_bytes(window.project.audio_path.read_bytes())
    before, steps = project_to_data(window.project), len(window.project.history)
    assert window.replacing.replace(new)
    status = window.replacing.status
    qtbot.waitUntil(lambda: status.bar.value() == 33, timeout=5000)
    assert status.isVisible() and languages == ["en"]
    assert aligner.calls == [(new, len(window.project.turns))]
    assert not window.actions_by_id["replace_audio"].isEnabled()
    status.cancel_button.click()
    qtbot.waitUntil(lambda: not window.replacing.job.running, timeout=5000)
    assert not status.isVisible()
    assert window.statusBar().currentMessage() == "Replace Audio cancelled; nothing changed."
    assert project_to_data(window.project) == before and len(window.project.history) == steps
    assert window.actions_by_id["replace_audio"].isEnabled()


def test_a_finished_alignment_is_one_undo_step_that_reloads_the_audio(window, qtbot):
    aligner = HeldAligner(shift=1_500)
    use_aligner(window, aligner)
    project = window.project
    old_audio = project.audio_path
    new = old_audio.with_name("later.mp3")
    new.write_bytes(old_audio.read_bytes())
    starts = [t.start for t in project.turns]
    chapters = [c.start for c in project.chapters]
    texts = [t.text for t in project.turns]
    assert window.replacing.replace(new)
    aligner.release.set()
    qtbot.waitUntil(lambda: not window.replacing.job.running, timeout=5000)
    assert [t.start for t in project.turns] == [s + 1_500 for s in starts]
    assert [c.start for c in project.chapters] == [s + 1_500 for s in chapters]
    assert [t.text for t in project.turns] == texts
    assert not any(t.estimated for t in project.turns)
    assert (project.audio_path, project.audio_duration) == (new, 200_000)
    assert window.replacing.report is None          # everything was found: no list
    assert window.statusBar().currentMessage() == ("Re-timed to later.mp3: every turn "
                                                   "was found.")
    qtbot.waitUntil(lambda: on_new_audio(window, new), timeout=10_000)
    project.history.undo()
    assert [t.start for t in project.turns] == starts and project.audio_path == old_audio
    qtbot.waitUntil(lambda: on_new_audio(window, old_audio), timeout=10_000)


def test_showing_another_project_stops_the_alignment_of_the_one_before(window, qtbot):
    aligner = HeldAligner(shift=1_500)
    use_aligner(window, aligner)
    first = window.project
    before = project_to_data(first)
    assert window.replacing.replace(first.audio_path)
    assert window.show_new_project(Project())
    qtbot.waitUntil(lambda: not window.replacing.job.running, timeout=5000)
    aligner.release.set()
    qtbot.wait(100)
    assert project_to_data(first) == before and window.replacing.report is None
    assert not window.project.history.can_undo


def test_an_audio_file_the_aligner_cannot_read_is_said_in_one_line(window, qtbot,
                                                                  monkeypatch, tmp_path):
    shown = errors_shown(monkeypatch)
    bad = tmp_path / "notes.mp3"
    bad.write_text("These are show notes, not audio.\n" * 20)
    before = project_to_data(window.project)
    assert window.replacing.replace(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert len(shown) == 1 and shown[0].startswith("Replace Audio: ")
    assert "notes.mp3" in shown[0] and "\n" not in shown[0]
    assert "Traceback" not in shown[0]
    assert project_to_data(window.project) == before
    assert not window.replacing.status.isVisible()


def test_a_language_without_a_model_is_refused_saying_which_and_what_to_do(
        window, monkeypatch):
    shown = errors_shown(monkeypatch)
    window.project.episode.language = "fi"
    before = project_to_data(window.project)
    assert not window.replacing.replace(window.project.audio_path)
    assert shown == ["Replace Audio: no speech model for the episode's language 'fi': "
                     "only English ships; set a pocketsphinx model folder for 'fi' in "
                     "Preferences."]
    assert not window.replacing.job.running and not window.replacing.status.isVisible()
    assert project_to_data(window.project) == before


def test_a_model_folder_set_for_the_language_is_used_or_its_problem_said(
        window, monkeypatch, tmp_path):
    shown = errors_shown(monkeypatch)
    window.project.episode.language = "xx"
    fake = tmp_path / "not-a-model"
    fake.mkdir()
    (fake / "readme.txt").write_text("no model here\n")
    window.settings.set_speech_model_folders({"xx": fake})
    assert not window.replacing.replace(window.project.audio_path)
    assert shown == [f"Replace Audio: {fake}: not a pocketsphinx model folder (it needs an "
                     "acoustic model with mdef and a .dict file)."]
    assert not window.replacing.job.running


def test_a_turn_split_while_aligning_makes_it_change_nothing_and_say_so(window, qtbot,
                                                                        monkeypatch):
    from editor.core.commands import SplitTurn
    shown = errors_shown(monkeypatch)
    aligner = HeldAligner(shift=1_500)
    use_aligner(window, aligner)
    project = window.project
    old_audio = project.audio_path
    assert window.replacing.replace(old_audio.with_name("episode.mp3"))
    project.history.push(SplitTurn(project, 2, 10))
    after_split = project_to_data(project)
    aligner.release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Replace Audio: episode.mp3: the transcript changed while it was aligned "
                     f"(the alignment has {len(project.turns) - 1} turns and the transcript "
                     f"{len(project.turns)}: align again). Choose Replace Audio again."]
    assert project_to_data(project) == after_split and project.audio_path == old_audio
    assert project.history.undo_text == "Split turn"
