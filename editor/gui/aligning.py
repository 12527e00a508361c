"""Audio > Align Transcript to Audio: the aligner run from the window.

:class:`AligningController` owns the action and one run at a time. The dialog
(:class:`~.align_dialogs.AlignDialog`) chooses the turns to re-time; every turn
goes to the aligner all the same (the others give it context, as ``showscribe
align`` does). The aligner (its own worker processes and ffmpeg) runs in a
:class:`~.background.BackgroundJob`, as Replace Audio's does, so
the window stays responsive, and the status bar shows the progress with a
Cancel button, which stops the workers and ffmpeg and changes nothing.

Editing goes on meanwhile, under one rule: the result is applied only if the
turns (their times, texts and word times) are what the aligner was given;
otherwise nothing changes, and the window says so and offers to run it again.
Applied, the result is one undo step (``ApplyAlignment``), and the status bar
says how many of the chosen turns are confirmed and how many stay estimated;
audio the transcript does not cover and transcript the audio does not hold are
listed in :class:`~.align_dialogs.AlignmentGapsDialog`, offered in the message
bar. Another project shown, or the window closed, cancels a run.

The window binds :meth:`AligningController.handlers` and
:meth:`AligningController.predicates`. Emits ``running_changed(on)``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.audio.align import Aligner, AlignmentResult, TurnText
from editor.core.alignment import alignment_changes
from editor.core.commands import ApplyAlignment
from editor.core.errors import ShowscribeError
from editor.core.model import Project

from .align_dialogs import AlignDialog, AlignmentGapsDialog, gap_lines
from .background import BackgroundJob, JobStatus
from .messagebar import MessageBar
from .statusline import StatusLine, counted

DONE_MESSAGE_MS = 15000


def default_aligner(language: str) -> Aligner:
    from editor.audio.align.sphinx import PocketsphinxAligner   # pocketsphinx loads on use
    return PocketsphinxAligner(language=language or "en")


def turns_signature(project: Project) -> tuple:
    """What the aligner was given and the result is applied to (the turns and the
    audio): any change in it means the result no longer fits."""
    return (project.audio_path,
            tuple((t.start, t.text, t.estimated, t.words) for t in project.turns))


class _Run:
    """One alignment under way: what it was given."""

    def __init__(self, project: Project, turns: list[int], all_turns: bool) -> None:
        self.project = project
        self.turns = turns
        self.all_turns = all_turns
        self.signature = turns_signature(project)


class AligningController(QObject):
    running_changed = Signal(bool)

    def __init__(self, parent: QWidget, status_line: StatusLine, message_bar: MessageBar, *,
                 project: Callable[[], Project], transcript, go_to_turn: Callable[[int], None],
                 seek: Callable[[int], None], show_error: Callable[[str], None],
                 make_aligner: Callable[[str], Aligner] = default_aligner) -> None:
        super().__init__(parent)
        self._parent = parent
        self._status = status_line
        self._message_bar = message_bar
        self._project = project
        self._transcript = transcript
        self._go_to_turn = go_to_turn
        self._seek = seek
        self._show_error = show_error
        self.make_aligner = make_aligner
        self.job = BackgroundJob(self)
        self.progress = JobStatus(self.job, status_line)
        status_line.insertPermanentWidget(0, self.progress)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.gaps_dialog: AlignmentGapsDialog | None = None
        self._run: _Run | None = None

    def handlers(self) -> dict[str, Callable[..., None]]:
        return {"align": self._on_align_triggered}

    def predicates(self) -> dict[str, Callable[[], bool]]:
        return {"not_aligning": lambda: self._run is None}

    def is_running(self) -> bool:
        return self._run is not None

    # -- a run -----------------------------------------------------------------------

    def start(self, turns: list[int], all_turns: bool = False) -> bool:
        """Align the project's audio and re-time ``turns`` (only the estimated ones
        unless ``all_turns``); False, with the reason said, when it cannot start."""
        project = self._project()
        if self._run is not None:
            return False
        audio = project.audio_path
        if audio is None:
            self._show_error("The project has no audio file yet: choose one with "
                             "File > Locate Audio, then align")
            return False
        if not Path(audio).is_file():
            self._show_error(f"{audio}: the audio file is not there; locate it first "
                             "(File > Locate Audio)")
            return False
        if not all_turns and not any(project.turns[k].estimated for k in turns):
            self._status.say("Nothing to align: every chosen turn is confirmed (choose "
                             "\u201cAlso re-time confirmed turns\u201d to align them again)")
            return False
        try:
            aligner = self.make_aligner(project.episode.language)
        except ShowscribeError as exc:
            self._show_error(str(exc))
            return False
        self._run = _Run(project, list(turns), all_turns)
        given = [TurnText(t.start, t.text) for t in project.turns]
        self.job.start(lambda progress, cancel: aligner.align(audio, given, progress=progress,
                                                              cancel=cancel),
                       Path(audio), "alignment")
        self.progress.begin("Aligning the transcript to the audio\u2026")
        if self._message_bar.text().startswith("Alignment found"):
            self._message_bar.hide()        # the last run's news
        self.running_changed.emit(True)
        return True

    def cancel(self) -> None:
        """Stop the run under way (its workers and ffmpeg); nothing changes."""
        if self._run is not None:
            self.job.cancel()
            self.progress.cancel_button.setEnabled(False)

    def close(self) -> None:
        """Cancel a run and wait for its thread (the window is closing)."""
        self.job.close()
        self._end_run()

    def set_project(self, project: Project) -> None:
        """Another project is shown: a run for the one before is cancelled."""
        if self._run is not None and self._run.project is not project:
            self.cancel()

    def _end_run(self) -> _Run | None:
        run, self._run = self._run, None
        self.progress.hide()
        self.progress.cancel_button.setEnabled(True)
        if run is not None:
            self.running_changed.emit(False)
        return run

    # -- its news ----------------------------------------------------------------------

    def _on_job_cancelled(self) -> None:
        if self._end_run() is not None:
            self._status.say("Alignment cancelled; nothing changed")

    def _on_job_failed(self, message: str) -> None:
        if self._end_run() is not None:
            self._show_error(message)

    def _on_job_finished(self, result: AlignmentResult) -> None:
        run = self._end_run()
        if run is None:
            return
        project = self._project()
        if project is not run.project:
            self._status.say("Alignment cancelled; nothing changed")
            return
        if turns_signature(project) != run.signature:
            self._offer_again(run)
            return
        try:
            changes = alignment_changes(project, result, run.turns, all_turns=run.all_turns)
            if changes:
                project.history.push(ApplyAlignment(project, changes))
        except (ValueError, IndexError) as exc:     # a result that does not fit: say why
            self._status.say_problem(f"the alignment was not applied: {exc}")
            return
        confirmed = sum(not project.turns[k].estimated for k in run.turns)
        estimated = len(run.turns) - confirmed
        self._status.say(f"Aligned {counted(len(run.turns), 'turn')}: {confirmed:,} "
                         f"confirmed, {estimated:,} still estimated", DONE_MESSAGE_MS)
        self._show_gaps(project, result)

    def _offer_again(self, run: _Run) -> None:
        answer = QMessageBox.question(
            self._parent, "Align Transcript to Audio",
            "The turns changed while the audio was being aligned, so the result was not "
            "applied and nothing changed. Align again?")
        if answer == QMessageBox.StandardButton.Yes:
            self.start(run.turns, run.all_turns)
        else:
            self._status.say("The alignment was not applied: the turns changed meanwhile")

    def _show_gaps(self, project: Project, result: AlignmentResult) -> None:
        lines = gap_lines(project, result)
        if not lines:
            return
        audio, passages = len(result.untranscribed), len(result.unspoken)
        parts = ([f"{audio:,} stretch{'es' if audio != 1 else ''} of audio not in the "
                  "transcript"] if audio else []) + \
            ([f"{counted(passages, 'passage')} of the transcript not in the audio"]
             if passages else [])
        self._message_bar.show_message(f"Alignment found {' and '.join(parts)}.", "Show",
                                       lambda: self.show_gaps_dialog(lines))

    def show_gaps_dialog(self, lines: list[tuple[str, str, int]]) -> AlignmentGapsDialog:
        if self.gaps_dialog is not None:
            self.gaps_dialog.close()
            self.gaps_dialog.deleteLater()
        dialog = self.gaps_dialog = AlignmentGapsDialog(lines, self._parent)
        dialog.seek_requested.connect(self._seek)
        dialog.turn_requested.connect(self._go_to_turn)
        dialog.show()
        return dialog

    # -- handlers ----------------------------------------------------------------------

    def _on_align_triggered(self) -> None:
        project = self._project()
        dialog = AlignDialog(project, self._transcript.current_turn(),
                             self._transcript.selected_turns(), self._parent)
        if dialog.exec():
            self.start(*dialog.chosen())
