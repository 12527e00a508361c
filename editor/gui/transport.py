"""The transport bar: play/pause, back, forward, position / duration, a seek slider
in milliseconds, follow playback (the way back to the playhead), speed and volume.

It shows what :class:`~editor.gui.playback.Playback` reports and sends the user's
choices back to it; the buttons trigger the window's actions, so keys, menus and
buttons do the same thing. Emits nothing of its own.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QSlider, QToolButton,
                               QWidget)

from editor.audio.player import MAX_RATE, MIN_RATE
from editor.core.timecode import format_clock

from .playback import RATE_STEP, Playback


def _clock(ms: int, duration: int | None) -> str:
    hours = duration is not None and duration >= 3_600_000
    return format_clock(max(0, ms), hours=hours or None)


class TransportBar(QWidget):
    def __init__(self, playback: Playback, actions: dict[str, QAction], parent=None) -> None:
        super().__init__(parent)
        self.playback = playback
        self._duration: int | None = None
        self._dragging = False

        self.buttons = {}
        for action_id in ("back", "play_pause", "forward", "follow_playback"):
            button = QToolButton(self)
            button.setDefaultAction(actions[action_id])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.buttons[action_id] = button
        self.buttons["play_pause"].setMinimumWidth(64)

        self.time_label = QLabel("00:00 / --:--", self)
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(1000)
        self.slider.setPageStep(10_000)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setToolTip("Seek")
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.slider.actionTriggered.connect(self._on_slider_action_triggered)
        self.slider.sliderMoved.connect(self._on_slider_moved)

        self.speed = QDoubleSpinBox(self)
        self.speed.setRange(MIN_RATE, MAX_RATE)
        self.speed.setSingleStep(RATE_STEP)
        self.speed.setDecimals(1)
        self.speed.setSuffix("x")
        self.speed.setValue(1.0)
        self.speed.setToolTip("Playback speed (pitch kept)")
        self.speed.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.speed.valueChanged.connect(self._on_speed_value_changed)

        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setFixedWidth(90)
        self.volume.setToolTip("Volume")
        self.volume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volume.valueChanged.connect(self._on_volume_value_changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for action_id in ("back", "play_pause", "forward"):
            layout.addWidget(self.buttons[action_id])
        layout.addSpacing(6)
        layout.addWidget(self.time_label)
        layout.addWidget(self.slider, 1)
        layout.addSpacing(6)
        layout.addWidget(self.buttons["follow_playback"])
        layout.addSpacing(6)
        layout.addWidget(QLabel("Speed", self))
        layout.addWidget(self.speed)
        layout.addSpacing(6)
        layout.addWidget(QLabel("Volume", self))
        layout.addWidget(self.volume)

        playback.position_changed.connect(self._on_playback_position_changed)
        playback.rate_changed.connect(self._on_playback_rate_changed)
        playback.playing_changed.connect(self._on_playback_playing_changed)
        self._on_playback_playing_changed(False)

    def set_duration(self, duration: int | None) -> None:
        self._duration = duration
        self.slider.setRange(0, duration or 0)
        self.slider.setEnabled(bool(duration))
        self._show_position(self.slider.value())

    def set_volume(self, volume: int) -> None:
        self.volume.setValue(volume)

    def _show_position(self, ms: int) -> None:
        total = _clock(self._duration, self._duration) if self._duration else "--:--"
        self.time_label.setText(f"{_clock(ms, self._duration)} / {total}")

    # -- handlers ---------------------------------------------------------------------

    def _on_playback_position_changed(self, ms: int) -> None:
        if not self._dragging:
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        self._show_position(ms)

    def _on_playback_rate_changed(self, rate: float) -> None:
        self.speed.blockSignals(True)
        self.speed.setValue(rate)
        self.speed.blockSignals(False)

    def _on_playback_playing_changed(self, playing: bool) -> None:
        # The button shows the icon text; the menu keeps the action's "&Play / Pause".
        self.buttons["play_pause"].defaultAction().setIconText("Pause" if playing else "Play")

    def _on_speed_value_changed(self, value: float) -> None:
        self.playback.set_rate(value)

    def _on_volume_value_changed(self, value: int) -> None:
        self.playback.set_volume(value)

    def _on_slider_pressed(self) -> None:
        self._dragging = True

    def _on_slider_moved(self, value: int) -> None:
        self._show_position(value)

    def _on_slider_released(self) -> None:
        self._dragging = False
        self.playback.seek(self.slider.value())

    def _on_slider_action_triggered(self, action: int) -> None:
        # Page clicks and wheel steps (not drags, which seek on release).
        if action != QSlider.SliderAction.SliderMove:
            self.playback.seek(self.slider.sliderPosition())
