"""The project's audio in the editor window: loading it when a project is shown or
its audio changes, Locate Audio, and what the window says when the file is
missing or cannot be played.

:class:`AudioLifecycle` keeps the playback, the transport's length and the
waveform strip on the audio the project names, and the message bar saying why
when there is none to play (with a Locate... button). A failed Locate keeps the
audio that played before, playing from where it was.

Emits ``audio_changed()`` when what plays may have changed (enable rules that need
audio follow it) and ``problem(message)`` for a brief status-bar message.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from editor.core.commands import SetAudio
from editor.core.model import Project

from .messagebar import MessageBar
from .playback import Playback
from .projectlink import ProjectLink
from .transport import TransportBar
from .waveform import WaveformStrip

AUDIO_FILTER = ("Audio files (*.mp3 *.m4a *.aac *.wav *.flac *.ogg *.opus *.mp4);;"
                "All files (*)")


class AudioLifecycle(QObject):
    audio_changed = Signal()
    problem = Signal(str)

    def __init__(self, playback: Playback, transport: TransportBar, waveform: WaveformStrip,
                 message_bar: MessageBar, parent: QWidget) -> None:
        super().__init__(parent)
        self._dialog_parent = parent
        self._playback = playback
        self._transport = transport
        self._waveform = waveform
        self._message_bar = message_bar
        self._project = Project()
        self._link = ProjectLink()
        self._loaded: Path | None = None
        playback.failed.connect(self._on_playback_failed)
        playback.playing_changed.connect(self._on_playback_playing_changed)

    def set_project(self, project: Project) -> None:
        """Follow ``project``'s audio; it loads after the window's first paint, as
        starting libvlc and parsing the audio take a moment."""
        self._playback.pause()
        self._link.disconnect_all()
        self._project = project
        self._link.connect(project.audio_changed, self._on_project_audio_changed)
        self._loaded = None
        self._message_bar.hide()
        QTimer.singleShot(0, self.load_project_audio)

    def load_project_audio(self) -> None:
        """Load the audio the project names, unless it is loaded already."""
        path = self._project.audio_path
        if path is not None and path == self._loaded:
            return
        self._loaded = path
        self._transport.set_duration(None)
        if path is None:
            self._playback.load(None)
            self._message_bar.show_message("This project has no audio file yet.",
                                           "Locate...", self.choose_and_locate)
        elif not path.is_file():
            self._playback.load(None)
            self._message_bar.show_message(
                f"The audio file was not found: {path}. Editing works; playback needs the "
                "file.", "Locate...", self.choose_and_locate)
        elif self._playback.load(path):
            self._message_bar.hide()
            self._transport.set_duration(self._playback.duration_ms())
        else:
            self._show_unplayable(f"{path.name} cannot be played.")
        self._waveform.load(path if self._playback.has_media else None)
        self.audio_changed.emit()

    def choose_and_locate(self) -> None:
        """Ask for the audio file (starting next to the old one or the project)."""
        old, project_path = self._project.audio_path, self._project.path
        start = str(old.parent) if old else str(project_path.parent if project_path else "")
        path, _filter = QFileDialog.getOpenFileName(self._dialog_parent, "Locate Audio", start,
                                                    AUDIO_FILTER)
        if path:
            self.locate(path)

    def locate(self, path: Path | str) -> bool:
        """Use ``path`` as the project's audio (one undoable step) if it plays; if it
        does not, the audio that played before plays on, from where it was."""
        path = Path(path).absolute()
        playback = self._playback
        working = self._loaded if playback.has_media else None
        position, was_playing = playback.position_ms(), playback.is_playing
        if not playback.load(path):
            if working is not None and playback.load(working):
                playback.seek(position)
                if was_playing:
                    playback.play()
                self._message_bar.show_message(
                    f"{path.name} cannot be played. The audio is still {working.name}.",
                    "Locate...", self.choose_and_locate)
            else:
                self._loaded = None
                self._transport.set_duration(None)
                self._show_unplayable(f"{path.name} cannot be played.")
            self.audio_changed.emit()
            return False
        self._loaded = path     # the SetAudio below finds it loaded already
        self._message_bar.hide()
        self._transport.set_duration(playback.duration_ms())
        self._waveform.load(path)
        self._project.history.push(SetAudio(self._project, path, playback.duration_ms()))
        self.audio_changed.emit()
        return True

    def _show_unplayable(self, reason: str) -> None:
        self._message_bar.show_message(f"{reason} Editing works; choose another file to "
                                       "play the audio.", "Locate...", self.choose_and_locate)

    def _on_project_audio_changed(self, *_args) -> None:
        self.load_project_audio()

    def _on_playback_failed(self, message: str) -> None:
        if self._playback.has_media:
            # The audio in use still plays (another file failed to load): say it briefly.
            self.problem.emit(message + ".")
        elif self._project.audio_path is not None and self._project.audio_path.is_file():
            self._show_unplayable(message[:1].upper() + message[1:] + ".")
        self.audio_changed.emit()

    def _on_playback_playing_changed(self, playing: bool) -> None:
        # A backend may learn the exact length only once the audio plays.
        duration = self._playback.duration_ms()
        if playing and duration and duration != self._transport.slider.maximum():
            self._transport.set_duration(duration)
