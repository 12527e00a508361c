"""Following the playhead: the one rule the transcript and the waveform detail share.

:class:`FollowState` holds whether a view follows the playhead: on at first,
off once the user scrolls the view (``user_scrolled``), on again through
``set_following(True)`` (the window's Follow Playback). While following, a view
moves when the playhead passes :data:`FOLLOW_AT` of it (or leaves it), bringing
the playhead to :data:`FOLLOW_TO` (:func:`should_follow`).

Emits ``follow_changed(on)``.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

FOLLOW_AT = 2 / 3           # of the view's length: past this, the view moves ...
FOLLOW_TO = 1 / 3           # ... bringing the playhead here


def should_follow(offset: float, length: float) -> bool:
    """Whether the playhead ``offset`` into a view ``length`` long calls for a move."""
    return offset < 0 or offset > length * FOLLOW_AT


class FollowState(QObject):
    follow_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._following = True

    def is_following(self) -> bool:
        return self._following

    def set_following(self, on: bool) -> None:
        if on != self._following:
            self._following = on
            self.follow_changed.emit(on)

    def user_scrolled(self) -> None:
        self.set_following(False)
