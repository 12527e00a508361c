"""A coloured bar above the transcript for a problem the user can act on (the audio
file is missing or unplayable), with one action button and a close button."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton


class MessageBar(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setStyleSheet("#MessageBar { background: #fef3c7; border: 1px solid #f59e0b;"
                           " border-radius: 4px; } #MessageBar QLabel { color: #78350f; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(self)
        close = QToolButton(self)
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.setToolTip("Hide this message")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(close)
        self._callback: Callable[[], None] | None = None
        self.button.clicked.connect(self._on_button_clicked)
        self.hide()

    def show_message(self, text: str, button_text: str | None = None,
                     callback: Callable[[], None] | None = None) -> None:
        self.label.setText(text)
        self.button.setVisible(button_text is not None)
        self.button.setText(button_text or "")
        self._callback = callback
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def _on_button_clicked(self) -> None:
        if self._callback is not None:
            self._callback()
