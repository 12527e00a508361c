"""The playhead in the transcript: which turn is playing, its band, and following.

:class:`PlayheadFollower` owns the playhead, the playing turn and whether the
view follows it. ``set_playhead`` finds the playing turn with the project's
``turn_at`` (a bisection of its cached turn starts). The band under that turn is
computed here once, whenever the turn or the geometry under it changes (a
scroll, an edit, a resize, turns coming or going), and handed to the text area
and the gutter, which paint it and repaint only the rows it left and entered.

While following, the view scrolls when the playing turn passes two thirds of
the view, bringing it to a third; wheel or scrollbar use, or the cursor moving
into another turn, stops following and ``set_following(True)`` resumes it. The
rule and the on/off state are :mod:`editor.gui.follow`'s, shared with the
waveform detail.

Emits ``follow_changed(on)``.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Signal

from editor.core.model import Project

from ..follow import FOLLOW_TO, FollowState, should_follow

from .geometry import BlockGeometry
from .gutter import Gutter
from .mirror import DocumentMirror
from .textarea import TextArea


class PlayheadFollower(QObject):
    follow_changed = Signal(bool)

    def __init__(self, project: Project, editor: TextArea, gutter: Gutter,
                 geometry: BlockGeometry, mirror: DocumentMirror, parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self.editor = editor
        self.gutter = gutter
        self.geometry = geometry
        self._playhead = 0
        self._playing = -1
        self._follow = FollowState(self)
        self._follow.follow_changed.connect(self.follow_changed)
        editor.updateRequest.connect(self._on_editor_update_request)
        editor.resized.connect(self._on_editor_resized)
        editor.wheel_turned.connect(self._on_editor_wheel_turned)
        editor.verticalScrollBar().actionTriggered.connect(self._on_scrollbar_action_triggered)
        editor.document().contentsChange.connect(self._on_document_contents_change)
        mirror.cursor_moved.connect(self._on_mirror_cursor_moved)
        mirror.reloaded.connect(self._on_mirror_reloaded)
        mirror.turns_reshaped.connect(self._on_mirror_turns_reshaped)
        mirror.turns_changed.connect(self._on_mirror_turns_changed)

    def set_project(self, project: Project) -> None:
        self.project = project
        self._set_playing(project.turn_at(self._playhead))

    # -- the playhead -------------------------------------------------------------------

    def playing_turn(self) -> int:
        return self._playing

    def playhead(self) -> int:
        """The playhead last set, in ms."""
        return self._playhead

    def set_playhead(self, ms: int) -> None:
        self._playhead = ms
        self._set_playing(self.project.turn_at(ms))

    def _set_playing(self, turn: int, force: bool = False) -> None:
        if turn == self._playing and not force:
            return
        self._playing = turn
        band = self.geometry.turn_band(turn)
        if self._follow.is_following() and turn >= 0 and (
                band is None or not band.starts_here
                or should_follow(band.first_top, self.editor.viewport().height())):
            scrollbar = self.editor.verticalScrollBar()
            top = scrollbar.value()
            self._scroll_to_turn(turn)
            if scrollbar.value() != top:
                return      # the scroll's update request has handed the new band down
        self._hand_down(band)

    def refresh_band(self) -> None:
        """Measure the band again: the rows under the playing turn may have moved."""
        self._hand_down(self.geometry.turn_band(self._playing))

    def _hand_down(self, band, scrolled: int = 0) -> None:
        self.editor.set_band(band, scrolled)
        self.gutter.set_band(band, scrolled)

    def _scroll_to_turn(self, turn: int) -> None:
        """Scroll so that ``turn`` starts a third of the way down the view."""
        editor = self.editor
        block = editor.document().findBlockByNumber(self.geometry.blocks.first[turn])
        room = editor.viewport().height() * FOLLOW_TO
        while block.previous().isValid():
            above = editor.blockBoundingRect(block.previous()).height()
            if above > room:
                break
            room -= above
            block = block.previous()
        # Scrolling moves the pixels already drawn; only the uncovered strip repaints.
        editor.verticalScrollBar().setValue(block.firstLineNumber())

    # -- following ----------------------------------------------------------------------

    def is_following(self) -> bool:
        return self._follow.is_following()

    def set_following(self, on: bool) -> None:
        self._follow.set_following(on)
        if on and self._playing >= 0:
            self._set_playing(self._playing, force=True)

    def _on_scrollbar_action_triggered(self, action: int) -> None:
        self._follow.user_scrolled()      # only user scrolling triggers actions

    def _on_editor_wheel_turned(self) -> None:
        self._follow.user_scrolled()

    def _on_mirror_cursor_moved(self, turn: int) -> None:
        if self._follow.is_following() and self._playing >= 0 and turn != self._playing:
            self.set_following(False)

    # -- what moves the band --------------------------------------------------------------

    def _on_editor_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._hand_down(self.geometry.turn_band(self._playing), dy)

    def _on_editor_resized(self) -> None:
        self.refresh_band()

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        self.refresh_band()         # the edit may have moved the rows below it

    def _on_mirror_reloaded(self) -> None:
        self.refresh_band()

    def _on_mirror_turns_reshaped(self) -> None:
        self._set_playing(self.project.turn_at(self._playhead), force=True)

    def _on_mirror_turns_changed(self, first: int, last: int) -> None:
        self._set_playing(self.project.turn_at(self._playhead))    # a start may have moved
