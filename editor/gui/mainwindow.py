"""The editor window: transport, transcript, chapters, episode details, speakers,
find and replace, menus and the status bar, all kept in step with one project.

The window owns the project being edited and a :class:`Playback`; it builds the
panels and wires them. Every edit goes through core commands on
``project.history``; the window shows the history (Undo and Redo with the
command's name, the unsaved mark) and follows the project's signals. The parts
with a life of their own are objects it owns, each in its own module:
:class:`ActionSet` (the QActions and menus), :class:`ProjectFiles` (open, save,
the unsaved-changes question), :class:`AudioLifecycle` (loading and locating the
audio), :class:`KeyRouter` (which keys win over text fields),
:class:`PublishingController` (import, export, embed, the Check tab),
:class:`SpellingController` (the spell checker, Check Spelling, F7),
:class:`AligningController` (Align Transcript to Audio, its progress and result)
:class:`ReplaceAudioController` (Audio > Replace Audio: re-time to a re-cut file)
:class:`DraftTranscription` (a draft transcript from the audio, in the background)
and :class:`StatusLine` (the unsaved mark, the playhead, the counts).

Menu items and keys come from the table in ``actions.py``; the window binds them
from two explicit tables, :meth:`MainWindow.action_handlers` (``{action id:
handler}``) and :meth:`MainWindow.enable_predicates` (``{rule: predicate}``).

Emits ``project_changed(project)`` when another project is shown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (QMainWindow, QMessageBox, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from editor import __version__
from editor.core.errors import ShowscribeError
from editor.core.model import Project, Speaker
from editor.core.newproject import new_project_for_audio
from editor.core.projectfile import load_project
from editor.core.speakers import speaker_for_slot

from .actions import ACTIONS, joined
from .actionset import ActionSet
from .aligning import AligningController
from .audio_lifecycle import AudioLifecycle
from .chapters import TITLE, ChaptersPanel
from .details import EpisodePanel
from .drafting import DraftTranscription
from .findbar import FindBar
from .heap import release_freed_memory
from .keyrouting import KeyRouter
from .messagebar import MessageBar
from .playback import Playback
from .preferences import PreferencesDialog, ShortcutsDialog, native_key
from .project_files import ProjectFiles
from .projectlink import ProjectLink
from .publish.controller import PublishingController
from .replace_audio import ReplaceAudioController
from .speech_models import make_aligner
from .safekeeping import FocusWatcher, Safekeeping
from .settings import Settings
from .speakers import SpeakersPanel
from .spelling import SpellingController
from .statusline import StatusLine
from .theme import apply_theme
from .transcript import TranscriptView
from .transport import TransportBar
from .navigation import Navigator
from .screenfit import place_on_screen
from .waveform import WaveformStrip
from .waveform_detail import WaveformDetail, link_strip

SAVED_MESSAGE_MS = 4000
PREFERRED_SIZE = QSize(1280, 800)


def default_player(on_event):
    # python-vlc and libvlc load only when audio is first played (see DeferredPlayer).
    from editor.audio.deferred_player import DeferredPlayer
    return DeferredPlayer(_vlc_player, on_event)


def _vlc_player(on_event):
    from editor.audio.vlc_player import VlcPlayer
    return VlcPlayer(on_event=on_event)


class MainWindow(QMainWindow):
    project_changed = Signal(object)

    def __init__(self, settings: Settings | None = None,
                 make_player: Callable = default_player, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings(parent=self)
        self.project = Project()
        self._link = ProjectLink()
        self._position_to_restore: int | None = None   # ms, once the audio loads

        self.playback = Playback(make_player, self)
        self.action_set = ActionSet(self)
        self.actions_by_id = self.action_set.by_id
        self.transcript = TranscriptView(self.project, self)
        self.waveform = WaveformStrip(self)
        self.waveform_detail = WaveformDetail(self)
        link_strip(self.waveform, self.waveform_detail)
        self.message_bar = MessageBar(self)
        self.find_bar = FindBar(self.project, self.transcript, self)
        self.chapters_panel = ChaptersPanel(self.project, self)
        self.episode_panel = EpisodePanel(self.project, self)
        self.speakers_panel = SpeakersPanel(self.project, self)
        self.transport = TransportBar(self.playback, self.actions_by_id, self)
        self.side_tabs = QTabWidget(self)
        self.status_line = StatusLine(self)
        self.setStatusBar(self.status_line)
        self.safekeeping = Safekeeping(self)
        self.drafting = DraftTranscription(self.status_line, say=self.status_line.say,
                                           show_error=self.show_error,
                                           show_project=self.show_new_project)
        self.files = ProjectFiles(
            self, self.settings, self.actions_by_id["open_recent"].menu(),
            project=lambda: self.project, open_path=self.open_path,
            new_from_audio=self.new_from_audio, transcribe=self.drafting.start,
            show_error=self.show_error, safekeeping=self.safekeeping)
        self.audio = AudioLifecycle(self.playback, self.transport, self.waveform,
                                    self.message_bar, self)
        self.keys = KeyRouter(self, self.actions_by_id, self.transcript)
        self.publishing = PublishingController(
            self, self.side_tabs, say=self.status_line.say, show_error=self.show_error,
            show_new_project=self.show_new_project)
        self.replacing = ReplaceAudioController(self, self.settings, self.status_line,
                                                show_error=self.show_error)
        self.navigator = Navigator(self.transcript, self.side_tabs, self.chapters_panel,
                                   self.episode_panel)
        self.spelling = SpellingController(self.transcript, self.navigator.select,
                                           self.status_line.say_problem, self,
                                           enabled=self.settings.check_spelling)
        self.spelling.watch_fields(self.episode_panel.edits, self.chapters_panel.table, TITLE)
        self.spelling.watch_check_panel(self.publishing.check_panel, self.side_tabs)
        self.aligning = AligningController(
            self, self.status_line, self.message_bar, project=lambda: self.project,
            transcript=self.transcript, go_to_turn=self.transcript.focus_turn,
            seek=self.seek_and_show, show_error=self.show_error,
            make_aligner=lambda language: make_aligner(self.settings, language))
        self._build_layout()
        self.action_set.fill_menus(self.menuBar())
        self.action_set.bind(self.action_handlers(), self.enable_predicates())
        self.actions_by_id["check_spelling"].setChecked(self.spelling.enabled)
        self._apply_settings()

        self.transcript.seek_requested.connect(self.playback.seek)
        for part in (self.waveform, self.waveform_detail, self.chapters_panel):
            part.seek_requested.connect(self.seek_and_show)
        self.waveform_detail.turn_activated.connect(self.transcript.focus_turn)
        self.waveform_detail.follow_changed.connect(self._on_follow_changed)
        self.waveform_detail.window_changed.connect(self._on_waveform_detail_window_changed)
        self.transcript.current_turn_changed.connect(self._on_transcript_current_turn_changed)
        self.transcript.follow_changed.connect(self._on_follow_changed)
        self.chapters_panel.add_button.clicked.connect(self._on_chapters_add_button_clicked)
        self.publishing.check_panel.jump_requested.connect(self.navigator.go_to)
        self.spelling.enabled_changed.connect(self._on_spelling_enabled_changed)
        self.files.saved.connect(self._on_files_saved)
        for changed in (self.audio.audio_changed, self.aligning.running_changed,
                        self.replacing.running_changed):
            changed.connect(self._update_actions)
        self.audio.audio_changed.connect(self._warn_if_audio_length_changed)
        for part in (self.waveform_detail, self.transcript, self.chapters_panel, self.safekeeping):
            part.problem.connect(self.status_line.say_problem)
        self.safekeeping.read_only_changed.connect(lambda _on: self._update_title())
        self._focus_watcher = FocusWatcher(self, lambda: self.safekeeping.check_on_focus(
            self.files.save_as, self.files.reload))
        self.audio.problem.connect(self.status_line.say_problem)
        self.playback.position_changed.connect(self._on_playback_position_changed)
        self.playback.loaded.connect(self._on_playback_loaded)
        self.settings.changed.connect(self._apply_settings)
        self.keys.install()

        place_on_screen(self, self.settings.window_state("geometry"), PREFERRED_SIZE)
        self._set_project(self.project)

    # -- the bindings of the action table ---------------------------------------------

    def action_handlers(self) -> dict[str, Callable[..., None]]:
        """The handler of every action in the table, by action id (one-line ones
        inline; the window's own below, named after the action)."""
        playback, skip_ms = self.playback, lambda: round(self.settings.skip_seconds * 1000)
        return joined(self.files.handlers(), self.publishing.handlers(),
                      self.spelling.handlers(), self.aligning.handlers(),
                      self.replacing.handlers(), {
            "locate_audio": self.audio.choose_and_locate,
            "quit": self.close,
            "undo": lambda: self.project.history.undo(),
            "redo": lambda: self.project.history.redo(),
            "find": lambda: self.find_bar.open_bar(replace=False),
            "replace": lambda: self.find_bar.open_bar(replace=True),
            "split_turn": lambda: self.transcript.split_at_cursor(),
            "merge_with_previous": self._on_merge_with_previous_triggered,
            "set_turn_start": lambda: self.transcript.set_current_turn_start(
                playback.position_ms()),
            "delete_turn": lambda: self.transcript.delete_current_turn(),
            "add_chapter": self._on_add_chapter_triggered,
            "preferences": lambda: PreferencesDialog(self.settings, self).exec(),
            "play_pause": lambda: playback.toggle(),
            "back": lambda: self.seek_and_show(playback.position_ms() - skip_ms()),
            "forward": lambda: self.seek_and_show(playback.position_ms() + skip_ms()),
            "slower": lambda: playback.change_rate(-1),
            "faster": lambda: playback.change_rate(+1),
            "normal_speed": lambda: playback.set_rate(1.0),
            "follow_playback": self._on_follow_playback_triggered,
            "waveform_detail": self._on_waveform_detail_triggered,
            "zoom_in": lambda: self.waveform_detail.zoom_in(),
            "zoom_out": lambda: self.waveform_detail.zoom_out(),
            "zoom_episode": lambda: self.waveform_detail.zoom_to_episode(),
            "shortcuts": self._on_shortcuts_triggered,
            "about": self._on_about_triggered,
        }, {f"speaker_{slot}": self._speaker_handler(slot) for slot in range(1, 10)})

    def enable_predicates(self) -> dict[str, Callable[[], bool]]:
        """The predicate of every enable rule in the table, by rule name."""
        def current() -> int:
            return self.transcript.current_turn()
        return joined(self.publishing.predicates(), self.spelling.predicates(),
                      self.aligning.predicates(), self.replacing.predicates(), {
            "has_recent": lambda: bool(self.settings.recent_files()),
            "can_undo": lambda: self.project.history.can_undo,
            "can_redo": lambda: self.project.history.can_redo,
            "has_turns": lambda: bool(self.project.turns),
            # The only turn is where typing goes: it stays.
            "has_other_turns": lambda: len(self.project.turns) > 1,
            "has_current_turn": lambda: 0 <= current() < len(self.project.turns),
            "has_previous_turn": lambda: 0 < current() < len(self.project.turns),
            "has_audio": lambda: self.playback.has_media,
            "can_zoom_in": lambda: not self.waveform_detail.isHidden()
            and self.waveform_detail.can_zoom_in(),
            "can_zoom_out": lambda: not self.waveform_detail.isHidden()
            and self.waveform_detail.can_zoom_out(),
        })

    # -- building ------------------------------------------------------------------

    def _build_layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.message_bar)
        column.addWidget(self.waveform)
        column.addWidget(self.waveform_detail)
        column.addWidget(self.transcript, 1)
        column.addWidget(self.find_bar)

        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.chapters_panel, "Chapters")
        self.side_tabs.addTab(self.episode_panel, "Episode")
        self.side_tabs.addTab(self.speakers_panel, "Speakers")
        self.side_tabs.addTab(self.publishing.check_panel, "Check")

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([840, 420])
        state = self.settings.window_state("splitter")
        if state is not None:
            self.splitter.restoreState(state)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.transport)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _apply_settings(self) -> None:
        """Bind the keys from the keyboard map; take the skip and rewind lengths, the
        volume and the theme."""
        keymap = {spec.id: self.settings.keys(spec.id) for spec in ACTIONS}
        self.action_set.set_keymap(keymap)
        self.keys.set_keymap(keymap)
        self.playback.rewind_on_resume_ms = round(
            self.settings.rewind_on_resume_seconds * 1000)
        self.transport.set_volume(self.settings.volume)
        apply_theme(self.settings.theme)

    # -- the project ---------------------------------------------------------------

    def _set_project(self, project: Project, remember: bool = True,
                     read_only: bool = False) -> None:
        if remember:
            self._remember_position()
        self._link.disconnect_all()
        self.project = project
        self.safekeeping.shown(project, read_only)
        self._position_to_restore = (self.settings.playback_position(project.path)
                                     if project.path is not None else None)
        for part in (self.audio, self.transcript, self.find_bar, self.chapters_panel,
                     self.episode_panel, self.speakers_panel, self.waveform,
                     self.waveform_detail, self.publishing, self.status_line, self.spelling,
                     self.aligning, self.replacing):
            part.set_project(project)
        link = self._link
        link.connect(project.history.changed, self._on_history_changed)
        for signal in (project.turns_inserted, project.turns_removed,
                       project.chapters_inserted, project.chapters_removed):
            link.connect(signal, self._on_project_rows_inserted_or_removed)
        for signal in (project.speakers_inserted, project.speakers_removed,
                       project.speakers_changed):
            link.connect(signal, self._on_project_speakers_changed)
        self._on_history_changed()
        self._on_project_speakers_changed()
        self._on_follow_changed()
        self.project_changed.emit(project)

    def open_path(self, path: Path | str, project: Project | None = None) -> bool:
        """Show the project at ``path`` (``project``: it, read from there already); on
        failure say why and keep the current one."""
        try:
            project = project or load_project(path)
        except ShowscribeError as exc:
            self.show_error(str(exc))
            return False
        editable = self.safekeeping.lock_for_opening(project.path)
        if editable is None:
            return False
        if editable:
            project = self.safekeeping.offer_recovery(project)
        self._set_project(project, read_only=not editable)
        self.settings.add_recent_file(project.path)
        self._update_actions()
        release_freed_memory()      # what reading the file and the old project left
        return True

    def show_recovered(self, project: Project) -> bool:
        """Show a project restored from a recovery copy (offered at start)."""
        editable = (True if project.path is None
                    else self.safekeeping.lock_for_opening(project.path))
        if editable is None:
            return False
        self._set_project(project, read_only=not editable)
        self._update_actions()
        return True

    def show_new_project(self, project: Project) -> bool:
        """Show ``project`` (made here, not opened) in place of the current one, once
        unsaved changes are saved or let go; False when the user cancels."""
        if not self.files.maybe_save():
            return False
        self._set_project(project)
        self._update_actions()
        return True

    def new_from_audio(self, audio: Path | str) -> None:
        audio = Path(audio)
        self._remember_position()       # before the new audio replaces the old
        duration = self.playback.duration_ms() if self.playback.load(audio) else None
        self._set_project(new_project_for_audio(audio, duration), remember=False)

    def locate_audio(self, path: Path | str) -> bool:
        """Use ``path`` as the project's audio if it plays (see :class:`AudioLifecycle`)."""
        return self.audio.locate(path)

    def seek_and_show(self, ms: int) -> None:
        """A seek the user chose (waveform, chapter time, F1/F2): play from ``ms``
        and show its turn, even with Follow Playback off."""
        self.playback.seek(ms)
        self.transcript.reveal_playhead(self.playback.position_ms())

    def show_error(self, message: str) -> None:
        QMessageBox.critical(self, "Showscribe", message)

    # -- following the project and the playback --------------------------------------

    def _on_history_changed(self) -> None:
        # Every keystroke lands here: touch only what the history decides.
        self._update_title()
        self._show_history()

    def _on_project_rows_inserted_or_removed(self, *_args) -> None:
        self._update_actions()

    def _on_project_speakers_changed(self, *_args) -> None:
        for n in range(1, 10):
            speaker = self.speaker_for_slot(n)
            self.actions_by_id[f"speaker_{n}"].setText(
                f"{n}: {speaker.name}" if speaker else f"Speaker {n}")
        self.find_bar.fill_speakers()
        self._update_actions()

    def _on_transcript_current_turn_changed(self, _index: int) -> None:
        self._update_actions()

    def _on_follow_changed(self, *_on) -> None:
        # Checked while the transcript and the waveform detail both follow; either
        # scrolled away unchecks it, and checking it brings both back.
        action = self.actions_by_id["follow_playback"]
        action.blockSignals(True)
        action.setChecked(self.transcript.is_following()
                          and self.waveform_detail.is_following())
        action.blockSignals(False)

    def _on_follow_playback_triggered(self, on: bool) -> None:
        self.transcript.set_following(on)
        self.waveform_detail.set_following(on)

    def _on_waveform_detail_triggered(self, on: bool) -> None:
        self.waveform_detail.setVisible(on)
        self._update_actions()

    def _on_waveform_detail_window_changed(self, _first: int, _last: int) -> None:
        self._update_actions()      # how far it can still zoom

    def _on_files_saved(self, path: Path) -> None:
        self._update_title()
        self._update_actions()
        self.status_line.say(f"Saved {path.name}", SAVED_MESSAGE_MS)

    def _warn_if_audio_length_changed(self) -> None:
        if self.playback.has_media:
            warning = self.safekeeping.audio_warning(self.project, self.playback.duration_ms())
            if warning:
                self.message_bar.show_message(warning)

    def _on_spelling_enabled_changed(self, on: bool) -> None:
        self.settings.check_spelling = on
        self._update_actions()      # Next Misspelling follows it

    def _on_playback_loaded(self, _duration: int) -> None:
        self._update_actions()
        if self._position_to_restore:   # once, when the project's audio first loads
            self.seek_and_show(self._position_to_restore)
        self._position_to_restore = None

    def _remember_position(self) -> None:
        """Keep where playback is in the project being left, to start there next time."""
        if self.project.path is not None and self.playback.has_media:
            self.settings.set_playback_position(self.project.path,
                                                self.playback.position_ms())

    def _on_playback_position_changed(self, ms: int) -> None:
        self.transcript.set_playhead(ms)
        self.chapters_panel.set_playhead(ms)
        self.waveform.set_playhead(ms)
        self.waveform_detail.set_playhead(ms)
        self.status_line.show_position(ms)

    def _update_title(self) -> None:
        name = self.project.path.name if self.project.path else "Untitled"
        if self.safekeeping.read_only:
            name += " (read-only)"
        title = f"{name}[*] \u2014 Showscribe"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        modified = not self.project.history.is_clean
        if modified != self.isWindowModified():
            self.setWindowModified(modified)
            self.status_line.show_modified(modified)

    def _update_actions(self) -> None:
        self.action_set.update_enabled()
        self._show_history()

    def _show_history(self) -> None:
        history = self.project.history
        self.action_set.show_history(history.can_undo, history.undo_text,
                                     history.can_redo, history.redo_text)

    def speaker_for_slot(self, slot: int) -> Speaker | None:
        return speaker_for_slot(self.project, slot)

    # -- action handlers -------------------------------------------------------------

    def _on_merge_with_previous_triggered(self) -> None:
        key = self.keys.take_fired_key("merge_with_previous")
        if not self.transcript.merge_with_previous() and key is not None:
            # Not at a turn's start: the key keeps its meaning in the text (delete a word).
            self.keys.resend_to_transcript("merge_with_previous", key)

    def _on_add_chapter_triggered(self) -> None:
        # Ctrl+M is pressed while typing: the cursor stays; the title is a
        # double-click away in the selected row.
        self.side_tabs.setCurrentWidget(self.chapters_panel)
        self.chapters_panel.add_at(self.playback.position_ms(), edit_title=False)

    def _on_chapters_add_button_clicked(self) -> None:
        # The button is pressed in the list: go on to the new chapter's title there.
        if self.playback.has_media:
            self.chapters_panel.add_at(self.playback.position_ms())

    def _speaker_handler(self, slot: int) -> Callable[..., None]:
        """The handler of the Speaker <slot> action: give the turn to that speaker."""
        def on_speaker_triggered() -> None:
            speaker = self.speaker_for_slot(slot)
            if speaker is not None:
                self.transcript.set_current_turn_speaker(speaker.id)
                return
            # A key that does nothing silently looks broken: say why.
            keys = self.settings.keys(f"speaker_{slot}")
            key = native_key(keys[0]) if keys else f"Speaker {slot}"
            self.status_line.say(f"No speaker has {key} yet: give a speaker that key "
                                 "in the Speakers tab.")
        return on_speaker_triggered

    def _on_shortcuts_triggered(self) -> None:
        ShortcutsDialog(self.settings.keymap(), self).exec()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, "About Showscribe",
                          f"<b>Showscribe {__version__}</b><p>A transcript and chapter "
                          "editor for podcasts and recorded interviews.</p>")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        self.audio.window_painted()     # the first paint lets the audio load
        self.spelling.window_painted()  # and the dictionary open

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self._remember_position()
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("splitter", self.splitter.saveState())
        self.settings.volume = self.transport.volume.value()
        self.settings.sync()
        self.keys.uninstall()
        self.replacing.close()
        self.playback.close()
        self.waveform.load(None)    # stops a waveform read (and its ffmpeg) still running
        self.aligning.close()       # and an alignment's workers and ffmpeg
        self.drafting.shut_down()   # and a draft transcription, with its worker processes
        self.safekeeping.shutdown()
        event.accept()
