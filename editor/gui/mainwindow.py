"""The editor window: transport, transcript, chapters, episode details, speakers,
find and replace, menus and the status bar, all kept in step with one project.

The window owns the project being edited and a :class:`Playback`. Every edit goes
through core commands on ``project.history``; the window shows the history (Undo
and Redo with the command's name, the unsaved mark) and follows the project's
signals. Menu items and keys come from the table in ``actions.py``: each action id
has an ``_on_action_<id>`` handler here and each enable rule a ``_rule_<rule>``.

Emits ``project_changed(project)`` when another project is shown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFileDialog, QLabel, QLineEdit,
                               QMainWindow, QMenu, QMessageBox, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from editor import __version__
from editor.core.commands import SetAudio
from editor.core.errors import ShowscribeError
from editor.core.model import Project, Speaker, word_count
from editor.core.newproject import new_project_for_audio
from editor.core.projectfile import load_project, save_project
from editor.core.speakers import speaker_for_slot
from editor.core.timecode import format_clock

from .actions import ACTIONS, ACTIONS_BY_ID, MENUS
from .chapters import ChaptersPanel
from .details import EpisodePanel
from .findbar import FindBar
from .messagebar import MessageBar
from .playback import Playback
from .preferences import PreferencesDialog, shortcuts_text
from .projectlink import ProjectLink
from .publish.menu import PublishingMixin
from .settings import Settings
from .speakers import SpeakersPanel
from .transcript import TranscriptView
from .transport import TransportBar
from .waveform import WaveformStrip

PROJECT_FILTER = "Showscribe projects (*.showscribe.yaml *.yaml *.yml);;All files (*)"
AUDIO_FILTER = ("Audio files (*.mp3 *.m4a *.aac *.wav *.flac *.ogg *.opus *.mp4);;"
                "All files (*)")
STATS_DELAY_MS = 250
STATUS_MESSAGE_MS = 5000


def default_player(on_event):
    from editor.audio.vlc_player import VlcPlayer   # libvlc loads only when audio is played
    return VlcPlayer(on_event=on_event)


class MainWindow(PublishingMixin, QMainWindow):
    project_changed = Signal(object)

    def __init__(self, settings: Settings | None = None,
                 make_player: Callable = default_player, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings(parent=self)
        self.project = Project()
        self._link = ProjectLink()
        self._loaded_audio: Path | None = None
        self._merge_key: QKeySequence | None = None
        self._passing_key = False
        self._key_owner: dict[str, str] = {}

        self.playback = Playback(make_player, self)
        self.actions_by_id = self._create_actions()
        self.transcript = TranscriptView(self.project, self)
        self.waveform = WaveformStrip(self)
        self.message_bar = MessageBar(self)
        self.find_bar = FindBar(self.project, self.transcript, self)
        self.chapters_panel = ChaptersPanel(self.project, self)
        self.episode_panel = EpisodePanel(self.project, self)
        self.speakers_panel = SpeakersPanel(self.project, self)
        self.transport = TransportBar(self.playback, self.actions_by_id, self)
        self._build_layout()
        self._build_menus()
        self._build_status_bar()
        self._apply_settings()

        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(STATS_DELAY_MS)
        self._stats_timer.timeout.connect(self._update_stats)

        self.transcript.seek_requested.connect(self.playback.seek)
        self.waveform.seek_requested.connect(self.playback.seek)
        self.transcript.current_turn_changed.connect(lambda _index: self._update_actions())
        self.transcript.follow_changed.connect(self._on_transcript_follow_changed)
        self.transcript.problem.connect(self._show_status_problem)
        self.chapters_panel.seek_requested.connect(self.playback.seek)
        self.chapters_panel.problem.connect(self._show_status_problem)
        self.chapters_panel.add_button.clicked.connect(self.actions_by_id["add_chapter"].trigger)
        self.playback.position_changed.connect(self._on_playback_position_changed)
        self.playback.failed.connect(self._on_playback_failed)
        self.playback.loaded.connect(lambda _duration: self._update_actions())
        self.playback.playing_changed.connect(self._on_playback_playing_changed)
        self.settings.changed.connect(self._apply_settings)
        QApplication.instance().installEventFilter(self)

        self.resize(1280, 800)
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._set_project(self.project)

    # -- building ------------------------------------------------------------------

    def _create_actions(self) -> dict[str, QAction]:
        actions = {}
        for spec in ACTIONS:
            action = QAction(spec.label, self)
            action.setObjectName(spec.id)
            action.setCheckable(spec.checkable)
            if spec.submenu:
                action.setMenu(QMenu(spec.label, self))
                action.menu().aboutToShow.connect(self._fill_recent_menu)
            else:
                action.triggered.connect(getattr(self, f"_on_action_{spec.id}"))
            self.addAction(action)
            actions[spec.id] = action
        actions["follow_playback"].setChecked(True)
        return actions

    def _build_layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.message_bar)
        column.addWidget(self.waveform)
        column.addWidget(self.transcript, 1)
        column.addWidget(self.find_bar)

        self.side_tabs = QTabWidget(self)
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.chapters_panel, "Chapters")
        self.side_tabs.addTab(self.episode_panel, "Episode")
        self.side_tabs.addTab(self.speakers_panel, "Speakers")
        self._build_check_tab()

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

    def _build_menus(self) -> None:
        menus = {}
        for menu_id, title in MENUS:
            menus[menu_id] = self.menuBar().addMenu(title)
        speakers_menu = QMenu("Give Turn to S&peaker", self)
        menus["speakers"] = speakers_menu
        for spec in ACTIONS:
            if spec.id == "add_chapter":   # the turn edits end with the speaker keys
                menus["edit"].addMenu(speakers_menu)
            menu = menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self.actions_by_id[spec.id])

    def _build_status_bar(self) -> None:
        self.position_label = QLabel(self)
        self.words_label = QLabel(self)
        self.turns_label = QLabel(self)
        self.saved_label = QLabel(self)
        for label in (self.saved_label, self.position_label, self.words_label,
                      self.turns_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

    def _apply_settings(self) -> None:
        """Bind the keys from the keyboard map; take the skip and rewind lengths."""
        self._key_owner.clear()
        for spec in ACTIONS:
            keys = self.settings.keys(spec.id)
            action = self.actions_by_id[spec.id]
            action.setShortcuts([QKeySequence(key) for key in keys])
            for key in keys:
                self._key_owner[QKeySequence(key).toString()] = spec.id
            shown = " / ".join(QKeySequence(key).toString(
                QKeySequence.SequenceFormat.NativeText) for key in keys)
            action.setToolTip(spec.label.replace("&", "") + (f" ({shown})" if shown else ""))
        self.playback.rewind_on_resume_ms = round(
            self.settings.rewind_on_resume_seconds * 1000)
        self.transport.set_volume(self.settings.volume)

    # -- the project ---------------------------------------------------------------

    def _set_project(self, project: Project) -> None:
        self.playback.pause()
        self._link.disconnect_all()
        self.project = project
        self.transcript.set_project(project)
        self.find_bar.set_project(project)
        self.chapters_panel.set_project(project)
        self.episode_panel.set_project(project)
        self.speakers_panel.set_project(project)
        self.waveform.set_project(project)
        link = self._link
        link.connect(project.history.changed, self._on_history_changed)
        link.connect(project.audio_changed, self._on_project_audio_changed)
        link.connect(project.history.changed, self._check_timer.start)
        for name in ("turns_inserted", "turns_removed", "turns_changed"):
            link.connect(getattr(project, name), lambda *_args: self._stats_timer.start())
        for name in ("turns_inserted", "turns_removed", "chapters_inserted", "chapters_removed"):
            link.connect(getattr(project, name), lambda *_args: self._update_actions())
        for name in ("speakers_inserted", "speakers_removed", "speakers_changed"):
            link.connect(getattr(project, name), lambda *_args: self._on_speakers_changed())
        self._loaded_audio = None
        self.message_bar.hide()
        self._on_history_changed()
        self._on_speakers_changed()
        self._update_stats()
        self._on_transcript_follow_changed(self.transcript.is_following())
        self._refresh_checks()
        self.project_changed.emit(project)
        # After the first paint: starting libvlc and parsing the audio take a moment.
        QTimer.singleShot(0, self._load_audio)

    def open_path(self, path: Path | str) -> bool:
        """Show the project at ``path``; on failure say why and keep the current one."""
        try:
            project = load_project(path)
        except ShowscribeError as exc:
            self.show_error(str(exc))
            return False
        self._set_project(project)
        self.settings.add_recent_file(project.path)
        self._update_actions()
        return True

    def new_from_audio(self, audio: Path | str) -> None:
        audio = Path(audio)
        duration = self.playback.duration_ms() if self.playback.load(audio) else None
        self._set_project(new_project_for_audio(audio, duration))

    def save(self) -> bool:
        if self.project.path is None:
            return self.save_as()
        return self.save_to(self.project.path)

    def save_as(self) -> bool:
        start = str(self.project.path or Path.home() / "episode.showscribe.yaml")
        path, _filter = QFileDialog.getSaveFileName(self, "Save Project As", start,
                                                    PROJECT_FILTER)
        if not path:
            return False
        if not path.endswith((".yaml", ".yml")):
            path += ".showscribe.yaml"
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            save_project(self.project, path)
        except (ShowscribeError, OSError) as exc:
            self.show_error(str(exc))
            return False
        self.settings.add_recent_file(path)
        self._update_title()
        self._update_actions()
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def maybe_save(self) -> bool:
        """Ask before unsaved changes are lost: True when it is fine to go on."""
        if self.project.history.is_clean:
            return True
        name = self.project.path.name if self.project.path else "this new project"
        answer = QMessageBox.warning(
            self, "Unsaved Changes", f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard |
            QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def show_error(self, message: str) -> None:
        QMessageBox.critical(self, "Showscribe", message)

    def _show_status_problem(self, message: str) -> None:
        """A refused edit, said for a few seconds in the status bar."""
        self.statusBar().showMessage(message[:1].upper() + message[1:], STATUS_MESSAGE_MS)

    # -- audio ---------------------------------------------------------------------

    def _load_audio(self) -> None:
        path = self.project.audio_path
        if path is not None and path == self._loaded_audio:
            return
        self._loaded_audio = path
        self.transport.set_duration(None)
        if path is None:
            self.playback.load(None)
            self.message_bar.show_message("This project has no audio file yet.",
                                          "Locate...", self._on_action_locate_audio)
        elif not path.is_file():
            self.playback.load(None)
            self.message_bar.show_message(
                f"The audio file was not found: {path}. Editing works; playback needs the "
                "file.", "Locate...", self._on_action_locate_audio)
        elif self.playback.load(path):
            self.message_bar.hide()
            self.transport.set_duration(self.playback.duration_ms())
        else:
            self._show_unplayable(f"{path.name} cannot be played.")
        self.waveform.load(path if self.playback.has_media else None)
        self._update_actions()

    def _show_unplayable(self, reason: str) -> None:
        self.message_bar.show_message(f"{reason} Editing works; choose another file to "
                                      "play the audio.", "Locate...",
                                      self._on_action_locate_audio)

    def locate_audio(self, path: Path | str) -> bool:
        """Use ``path`` as the project's audio (one undoable step) if it plays; if it
        does not, the audio that played before plays on, from where it was."""
        path = Path(path).absolute()
        working = self._loaded_audio if self.playback.has_media else None
        position, was_playing = self.playback.position_ms(), self.playback.is_playing
        if not self.playback.load(path):
            if working is not None and self.playback.load(working):
                self.playback.seek(position)
                if was_playing:
                    self.playback.play()
                self.message_bar.show_message(
                    f"{path.name} cannot be played. The audio is still {working.name}.",
                    "Locate...", self._on_action_locate_audio)
            else:
                self._loaded_audio = None
                self.transport.set_duration(None)
                self._show_unplayable(f"{path.name} cannot be played.")
            self._update_actions()
            return False
        self._loaded_audio = path
        self.message_bar.hide()
        self.transport.set_duration(self.playback.duration_ms())
        self.waveform.load(path)
        self.project.history.push(SetAudio(self.project, path, self.playback.duration_ms()))
        self._update_actions()
        return True

    def _on_project_audio_changed(self) -> None:
        self._load_audio()

    def _on_playback_failed(self, message: str) -> None:
        if self.playback.has_media:
            # The audio in use still plays (another file failed to load): say it briefly.
            self._show_status_problem(message + ".")
        elif self.project.audio_path is not None and self.project.audio_path.is_file():
            self._show_unplayable(message[:1].upper() + message[1:] + ".")
        self._update_actions()

    def _on_playback_playing_changed(self, playing: bool) -> None:
        # A backend may learn the exact length only once the audio plays.
        duration = self.playback.duration_ms()
        if playing and duration and duration != self.transport.slider.maximum():
            self.transport.set_duration(duration)

    def _on_playback_position_changed(self, ms: int) -> None:
        self.transcript.set_playhead(ms)
        self.waveform.set_playhead(ms)
        self.position_label.setText(format_clock(ms))

    # -- following the project -------------------------------------------------------

    def _on_history_changed(self) -> None:
        # Every keystroke lands here: touch only what the history decides.
        self._update_title()
        self._update_history_actions()

    def _update_title(self) -> None:
        name = self.project.path.name if self.project.path else "Untitled"
        title = f"{name}[*] \u2014 Showscribe"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        modified = not self.project.history.is_clean
        if modified != self.isWindowModified():
            self.setWindowModified(modified)
            self.saved_label.setText("\u25cf Unsaved changes" if modified else "")

    def _on_speakers_changed(self) -> None:
        for n in range(1, 10):
            speaker = self.speaker_for_slot(n)
            self.actions_by_id[f"speaker_{n}"].setText(
                f"{n}: {speaker.name}" if speaker else f"Speaker {n}")
        self.find_bar.fill_speakers()
        self._update_actions()

    def _update_stats(self) -> None:
        turns = self.project.turns
        words = sum(word_count(turn.text) for turn in turns)
        self.words_label.setText(f"{words:,} words")
        self.turns_label.setText(f"{len(turns):,} turns")

    def speaker_for_slot(self, slot: int) -> Speaker | None:
        return speaker_for_slot(self.project, slot)

    # -- enable rules --------------------------------------------------------------

    def _update_actions(self) -> None:
        for spec in ACTIONS:
            self.actions_by_id[spec.id].setEnabled(all(self._rule(rule) for rule in spec.rules))
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        history = self.project.history
        for action_id, able, text in (("undo", history.can_undo, history.undo_text),
                                      ("redo", history.can_redo, history.redo_text)):
            action = self.actions_by_id[action_id]
            label = ACTIONS_BY_ID[action_id].label + (f" {text}" if able else "")
            if action.text() != label:
                action.setText(label)
            action.setEnabled(able)

    def _rule(self, rule: str) -> bool:
        if rule.startswith("has_speaker_"):
            return self.speaker_for_slot(int(rule.rsplit("_", 1)[1])) is not None
        return getattr(self, f"_rule_{rule}")()

    def _rule_has_recent(self) -> bool:
        return bool(self.settings.recent_files())

    def _rule_can_undo(self) -> bool:
        return self.project.history.can_undo

    def _rule_can_redo(self) -> bool:
        return self.project.history.can_redo

    def _rule_has_turns(self) -> bool:
        return bool(self.project.turns)

    def _rule_has_other_turns(self) -> bool:
        return len(self.project.turns) > 1      # the only turn is where typing goes

    def _rule_has_current_turn(self) -> bool:
        return 0 <= self.transcript.current_turn() < len(self.project.turns)

    def _rule_has_previous_turn(self) -> bool:
        return 0 < self.transcript.current_turn() < len(self.project.turns)

    def _rule_has_audio(self) -> bool:
        return self.playback.has_media

    # -- keys that win over text fields ------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let the window's keys (Esc, F1-F4, undo...) win over a text field's own use
        of them, so they work while typing; Ctrl+Return / Ctrl+Backspace only in the
        transcript (elsewhere they keep their editing meaning). A few keys stay with
        the field (see :meth:`_field_takes_key`)."""
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or self._passing_key or not isinstance(watched, QWidget) \
                or watched.window() is not self:
            return False
        if kind == QEvent.Type.KeyPress:
            return self._field_key_pressed(watched, event)
        key = QKeySequence(event.keyCombination())
        action_id = self._key_owner.get(key.toString())
        if self._field_takes_key(watched, event, action_id):
            event.accept()      # taken by the field: it arrives there as a key press
            return True
        if action_id is None or not self.actions_by_id[action_id].isEnabled():
            return False
        if ACTIONS_BY_ID[action_id].scope == "transcript" and not self._in_transcript(watched):
            return False
        if action_id == "merge_with_previous":
            self._merge_key = key
        event.ignore()      # not taken by the text field: the shortcut fires
        return True

    def _in_transcript(self, widget: QWidget) -> bool:
        return widget is self.transcript or self.transcript.isAncestorOf(widget)

    def _field_takes_key(self, widget: QWidget, event: QKeyEvent, action_id: str | None) -> bool:
        """Keys a field keeps from the window's actions: Esc in the find bar (closes
        it) and in a table's cell editor (cancels the edit); undo and redo in a line
        edit with typing of its own that the project has not been given yet."""
        if _is_plain_escape(event):
            return self._in_find_bar(widget) or _in_item_editor(widget)
        return _own_history_step(widget, action_id) is not None

    def _field_key_pressed(self, widget: QWidget, event: QKeyEvent) -> bool:
        """The key presses :meth:`_field_takes_key` let through that need the window."""
        if _is_plain_escape(event) and self._in_find_bar(widget):
            self.find_bar.close_bar()
            return True
        if not isinstance(widget, QLineEdit):
            return False        # every keystroke passes here: keep the common case cheap
        action_id = self._key_owner.get(QKeySequence(event.keyCombination()).toString())
        step = _own_history_step(widget, action_id)
        if step is not None:
            step()              # the line edit's own undo/redo, whatever the keys are
            return True
        return False

    def _in_find_bar(self, widget: QWidget) -> bool:
        return widget is self.find_bar or self.find_bar.isAncestorOf(widget)

    # -- action handlers -------------------------------------------------------------

    def _on_action_new_from_audio(self) -> None:
        if not self.maybe_save():
            return
        path, _filter = QFileDialog.getOpenFileName(self, "New Project from Audio", "",
                                                    AUDIO_FILTER)
        if path:
            self.new_from_audio(path)

    def _on_action_open(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.project.path.parent) if self.project.path else ""
        path, _filter = QFileDialog.getOpenFileName(self, "Open Project", start,
                                                    PROJECT_FILTER)
        if path:
            self.open_path(path)

    def _fill_recent_menu(self) -> None:
        menu = self.actions_by_id["open_recent"].menu()
        menu.clear()
        for path in self.settings.recent_files():
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self._open_recent(p))

    def _open_recent(self, path: Path) -> None:
        if self.maybe_save():
            self.open_path(path)

    def _on_action_save(self) -> None:
        self.save()

    def _on_action_save_as(self) -> None:
        self.save_as()

    def _on_action_locate_audio(self) -> None:
        old = self.project.audio_path
        start = str(old.parent) if old else str(self.project.path.parent
                                                 if self.project.path else "")
        path, _filter = QFileDialog.getOpenFileName(self, "Locate Audio", start, AUDIO_FILTER)
        if path:
            self.locate_audio(path)

    def _on_action_quit(self) -> None:
        self.close()

    def _on_action_undo(self) -> None:
        self.project.history.undo()

    def _on_action_redo(self) -> None:
        self.project.history.redo()

    def _on_action_find(self) -> None:
        self.find_bar.open_bar(replace=False)

    def _on_action_replace(self) -> None:
        self.find_bar.open_bar(replace=True)

    def _on_action_split_turn(self) -> None:
        self.transcript.split_at_cursor()

    def _on_action_merge_with_previous(self) -> None:
        key, self._merge_key = self._merge_key, None
        if self.transcript.merge_with_previous() or key is None:
            return
        # Not at a turn's start: the key keeps its meaning in the text (delete a word).
        # A sent key press meets the shortcuts again, so the action lets go of it first.
        focus = QApplication.focusWidget()
        if focus is not None and self._in_transcript(focus):
            action = self.actions_by_id["merge_with_previous"]
            shortcuts = action.shortcuts()
            combination = key[0]
            self._passing_key = True
            action.setShortcuts([])
            try:
                QApplication.sendEvent(focus, QKeyEvent(
                    QEvent.Type.KeyPress, combination.key(), combination.keyboardModifiers()))
            finally:
                action.setShortcuts(shortcuts)
                self._passing_key = False

    def _on_action_set_turn_start(self) -> None:
        self.transcript.set_current_turn_start(self.playback.position_ms())

    def _on_action_delete_turn(self) -> None:
        self.transcript.delete_current_turn()

    def _on_action_add_chapter(self) -> None:
        self.side_tabs.setCurrentWidget(self.chapters_panel)
        self.chapters_panel.add_at(self.playback.position_ms())

    def _give_turn_to(self, slot: int) -> None:
        speaker = self.speaker_for_slot(slot)
        if speaker is not None:
            self.transcript.set_current_turn_speaker(speaker.id)

    def _on_action_preferences(self) -> None:
        PreferencesDialog(self.settings, self).exec()

    def _on_action_play_pause(self) -> None:
        self.playback.toggle()

    def _skip_ms(self) -> int:
        return round(self.settings.skip_seconds * 1000)

    def _on_action_back(self) -> None:
        self.playback.skip(-self._skip_ms())

    def _on_action_forward(self) -> None:
        self.playback.skip(self._skip_ms())

    def _on_action_slower(self) -> None:
        self.playback.change_rate(-1)

    def _on_action_faster(self) -> None:
        self.playback.change_rate(+1)

    def _on_action_normal_speed(self) -> None:
        self.playback.set_rate(1.0)

    def _on_action_follow_playback(self, on: bool) -> None:
        self.transcript.set_following(on)

    def _on_transcript_follow_changed(self, on: bool) -> None:
        action = self.actions_by_id["follow_playback"]
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)

    def _on_action_shortcuts(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard Shortcuts",
                          shortcuts_text(self.settings.keymap()), QMessageBox.StandardButton.Ok,
                          self)
        box.setInformativeText("Change them in Edit > Preferences.")
        box.exec()

    def _on_action_about(self) -> None:
        QMessageBox.about(self, "About Showscribe",
                          f"<b>Showscribe {__version__}</b><p>A transcript and chapter "
                          "editor for podcasts and recorded interviews.</p>")

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("splitter", self.splitter.saveState())
        self.settings.volume = self.transport.volume.value()
        self.settings.sync()
        QApplication.instance().removeEventFilter(self)
        self.playback.close()
        self.waveform.load(None)    # stops a waveform read (and its ffmpeg) still running
        event.accept()


def _is_plain_escape(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier


def _in_item_editor(widget: QWidget) -> bool:
    """Whether ``widget`` is (inside) the open cell editor of a table or list."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return parent.state() == QAbstractItemView.State.EditingState
        parent = parent.parentWidget()
    return False


def _own_history_step(widget: QWidget, action_id: str | None) -> Callable[[], None] | None:
    """The line edit's own undo or redo when ``action_id`` is undo/redo and the field
    has a step of its own to take: undo only while it holds typing not yet given to
    the project (fields that hand each keystroke over mark themselves unmodified)."""
    if not isinstance(widget, QLineEdit) or widget.isReadOnly():
        return None
    if action_id == "undo" and widget.isModified() and widget.isUndoAvailable():
        return widget.undo
    if action_id == "redo" and widget.isRedoAvailable():
        return widget.redo
    return None


# One handler per speaker slot, named like the other action handlers.
for _slot in range(1, 10):
    setattr(MainWindow, f"_on_action_speaker_{_slot}",
            lambda self, _checked=False, slot=_slot: self._give_turn_to(slot))
