"""The user's preferences, kept in QSettings: the one place the GUI reads or writes them.

Holds the keyboard map (action id -> key sequences, only the ones changed from
the defaults in ``actions.py`` are stored), the skip length, the rewind on
resume, the theme, whether spelling is checked, the speech model folder of each
language (for alignment), the recent files, the playback position of each
recent project and the window layout. Emits ``changed`` when the
preferences dialog applies new values, so the window can rebind its keys.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from .actions import ACTIONS_BY_ID

MAX_RECENT = 10
DEFAULT_SKIP_SECONDS = 5.0
DEFAULT_REWIND_SECONDS = 1.0


def _string_list(value) -> list[str]:
    # QSettings' ini backend returns one string for a one-element list, None for none.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def _path_key(path: Path | str) -> str:
    # A path holds slashes, which QSettings reads as groups: a digest of it does not.
    return hashlib.sha1(str(Path(path).absolute()).encode()).hexdigest()[:20]


def language_key(language: str) -> str:
    """A language code as the settings keep it: "pt_BR" and "PT-br" are "pt-br"."""
    return language.strip().lower().replace("_", "-")


class Settings(QObject):
    changed = Signal()

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                         "Showscribe", "Showscribe")

    # -- keyboard map --------------------------------------------------------------

    def keys(self, action_id: str) -> list[str]:
        """The key sequences (portable text, e.g. "Ctrl+J") bound to an action."""
        stored = self._store.value(f"keys/{action_id}")
        if stored is None:
            return list(ACTIONS_BY_ID[action_id].keys)
        return _string_list(stored) if stored != "none" else []

    def keymap(self) -> dict[str, list[str]]:
        return {action_id: self.keys(action_id) for action_id in ACTIONS_BY_ID}

    def set_keymap(self, keymap: dict[str, list[str]]) -> None:
        for action_id, keys in keymap.items():
            keys = [k for k in keys if k]
            if keys == list(ACTIONS_BY_ID[action_id].keys):
                self._store.remove(f"keys/{action_id}")
            else:
                self._store.setValue(f"keys/{action_id}", keys or "none")

    # -- playback ------------------------------------------------------------------

    @property
    def skip_seconds(self) -> float:
        return float(self._store.value("playback/skip_seconds", DEFAULT_SKIP_SECONDS))

    @skip_seconds.setter
    def skip_seconds(self, value: float) -> None:
        self._store.setValue("playback/skip_seconds", float(value))

    @property
    def rewind_on_resume_seconds(self) -> float:
        return float(self._store.value("playback/rewind_on_resume_seconds",
                                       DEFAULT_REWIND_SECONDS))

    @rewind_on_resume_seconds.setter
    def rewind_on_resume_seconds(self, value: float) -> None:
        self._store.setValue("playback/rewind_on_resume_seconds", float(value))

    @property
    def volume(self) -> int:
        return int(self._store.value("playback/volume", 100))

    @volume.setter
    def volume(self, value: int) -> None:
        self._store.setValue("playback/volume", int(value))

    # -- looks ---------------------------------------------------------------------

    @property
    def theme(self) -> str:
        """"system" (follow the desktop), "light" or "dark"."""
        value = str(self._store.value("looks/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("looks/theme", value)

    @property
    def check_spelling(self) -> bool:
        return str(self._store.value("spelling/check", "true")).lower() == "true"

    @check_spelling.setter
    def check_spelling(self, on: bool) -> None:
        self._store.setValue("spelling/check", "true" if on else "false")

    # -- speech models ---------------------------------------------------------------

    def speech_model_folders(self) -> dict[str, Path]:
        """The pocketsphinx model folder set for each language, by language code."""
        self._store.beginGroup("speech_models")
        try:
            return {language: Path(str(self._store.value(language)))
                    for language in self._store.childKeys()}
        finally:
            self._store.endGroup()

    def set_speech_model_folders(self, folders: dict[str, Path | str]) -> None:
        self._store.remove("speech_models")
        for language, folder in folders.items():
            self._store.setValue(f"speech_models/{language_key(language)}", str(folder))

    def speech_model_folder(self, language: str) -> Path | None:
        """The folder set for ``language`` ("pt-BR"), else for its main language ("pt")."""
        folders = self.speech_model_folders()
        key = language_key(language)
        return folders.get(key) or folders.get(key.split("-")[0])

    # -- files and layout -------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        return [Path(p) for p in _string_list(self._store.value("files/recent"))]

    def add_recent_file(self, path: Path | str) -> None:
        path = Path(path).absolute()
        recent = [p for p in self.recent_files() if p != path]
        self._store.setValue("files/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def playback_position(self, project: Path | str) -> int | None:
        """Where playback was when ``project`` was last left, in ms (None: never)."""
        value = self._store.value(f"positions/{_path_key(project)}")
        try:
            return max(0, int(value)) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_playback_position(self, project: Path | str, ms: int) -> None:
        self._store.setValue(f"positions/{_path_key(project)}", int(ms))

    def window_state(self, name: str) -> QByteArray | None:
        value = self._store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, state: QByteArray) -> None:
        self._store.setValue(f"window/{name}", state)

    def sync(self) -> None:
        self._store.sync()
