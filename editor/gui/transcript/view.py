"""The transcript editor: every turn of a project, edited in place like a document.

Design: one QPlainTextEdit holds all turns, one block per paragraph, and a
gutter beside it paints each turn's time and speaker (the way a code editor
shows line numbers). Not a widget per turn, and not a list view with a
delegate: a single document gives native typing, selection, input methods and
keyboard movement across turns for free, and QPlainTextDocumentLayout lays out
only what is shown and relayouts only the edited block, so a 5,000-turn episode
opens, scrolls and takes keystrokes as fast as a short one (see
benchmarks/bench_transcript.py).

:class:`TranscriptView` is the facade the window uses: it builds the rooms,
wires them, and owns the looks (font, palette, gutter width), the public edit
actions (split, merge, delete, time, speaker) and the menus. Each room owns one
job and talks upward only by Qt signals:

- :mod:`.mirror`: the project mirrored in the text document, positions to turns,
  the cursor's turn;
- :mod:`.textarea`: the edit policy for keys, pastes and selections across turns,
  and the painting of the band it is handed;
- :mod:`.follower`: the playhead, the band under the playing turn (computed once
  and handed to the text area and the gutter) and following;
- :mod:`.words`: the word under the playhead in a turn with word times (handed
  to the text area), and the word a Ctrl+click seeks to;
- :mod:`.gutter`: times and speakers, painted from what it is given;
- :mod:`.highlights`: the find bar's matches, marked in the turns in view;
- :mod:`.spelling`: misspelled words, underlined in the turns in view;
- :mod:`.geometry`, :mod:`.blocks`, :mod:`.layout`: where blocks and turns are.

Lifetime: the project holds the mirror's handlers weakly, the text area holds its
mirror weakly and the block geometry its text area, so no room holds one that
holds it: a view nobody holds is freed at once by reference counting, not later
by the cycle collector in the middle of some Qt paint.

Emits ``seek_requested(ms)`` (a turn's time or a word was clicked: a word with
Ctrl held),
``current_turn_changed(index)``, ``follow_changed(on)`` and ``problem(message)``
(an edit the core refused, one line for the user).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QIcon, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QVBoxLayout, QWidget

from editor.core.commands import (DeleteTurn, MergeWithPrevious, SetTurnSpeaker,
                                  SetTurnStart, SetTurnText, SplitTurn)
from editor.core.model import Project

from ..spelling_menu import add_spelling_entries
from .blocks import TurnBlocks
from .colors import TranscriptColors
from .follower import PlayheadFollower
from .geometry import BlockGeometry
from .gutter import Gutter
from .highlights import FindHighlights
from .layout import SpacedLayout
from .mirror import DocumentMirror
from .spelling import Misspelling, MisspellingUnderline
from .textarea import TextArea
from .words import PlayingWord

EMPTY_PLACEHOLDER = "Type here to start the transcript."


class TranscriptView(QWidget):
    seek_requested = Signal(int)
    current_turn_changed = Signal(int)
    follow_changed = Signal(bool)
    problem = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.speaker_menu: QMenu | None = None
        self._speaker_menu_turn = -1
        self._colors = TranscriptColors(self.palette())

        self.editor = TextArea(self)
        self.editor.setUndoRedoEnabled(False)
        document = QTextDocument(self.editor)
        document.setUndoRedoEnabled(False)
        blocks = TurnBlocks()
        self.text_layout = SpacedLayout(document, blocks)
        document.setDocumentLayout(self.text_layout)
        self.editor.setDocument(document)
        self.editor.setAcceptDrops(False)
        self.editor.viewport().setAcceptDrops(False)
        self.editor.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.editor.setCursorWidth(2)
        self.editor.setTabChangesFocus(True)     # a transcript has no use for tab characters
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor.set_hint(EMPTY_PLACEHOLDER)
        self.editor.set_band_color(self._colors.playing)
        self.editor.set_word_color(self._colors.word)
        self.geometry = BlockGeometry(self.editor, blocks, self.text_layout)
        self.gutter = Gutter(self.editor, project, self.geometry, self._colors)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.editor)
        self.setFocusProxy(self.editor)

        self.mirror = DocumentMirror(project, self.editor, blocks, self.text_layout, self)
        self.editor.set_mirror(self.mirror)
        self.follower = PlayheadFollower(project, self.editor, self.gutter, self.geometry,
                                         self.mirror, self)
        self.editor.updateRequest.connect(self._on_editor_update_request)
        self.editor.context_menu_requested.connect(self._on_editor_context_menu_requested)
        self.gutter.time_clicked.connect(self._on_gutter_time_clicked)
        self.gutter.speaker_clicked.connect(self._on_gutter_speaker_clicked)
        self.mirror.current_turn_changed.connect(self.current_turn_changed)
        self.mirror.reloaded.connect(self._on_mirror_reloaded)
        self.mirror.turns_reshaped.connect(self._on_mirror_turns_reshaped)
        self.mirror.turns_changed.connect(self._on_mirror_turns_changed)
        self.mirror.speakers_changed.connect(self._on_mirror_speakers_changed)
        self.mirror.audio_changed.connect(self._on_mirror_audio_changed)
        self.follower.follow_changed.connect(self.follow_changed)
        self.words = PlayingWord(project, self.editor, self.mirror, self)
        self.editor.word_clicked.connect(self._on_editor_word_clicked)
        self.highlights = FindHighlights(project, self.editor, self.geometry, self.mirror, self)
        self.highlights.set_color(self._colors.match)
        self.spelling = MisspellingUnderline(project, self.editor, self.geometry, self.mirror,
                                             self)
        self._apply_font()
        self.mirror.reload()
        self.mirror.show_start()

    def set_project(self, project: Project) -> None:
        self.project = project
        self.gutter.set_project(project)
        self.mirror.set_project(project)
        self.mirror.show_start()
        self.follower.set_project(project)
        self.words.set_project(project)
        self.highlights.set_project(project)
        self.spelling.set_project(project)

    # -- what the window asks -----------------------------------------------------------

    def current_turn(self) -> int:
        return self.mirror.current_turn()

    def cursor_offset(self) -> int:
        return self.mirror.cursor_offset()

    def selected_turns(self) -> range:
        """The turns the text selection touches (the cursor's turn when nothing is
        selected; empty with no turns)."""
        if not self.mirror.turn_count():
            return range(0)
        cursor = self.editor.textCursor()
        first = self.mirror.turn_of_pos(cursor.selectionStart())
        last = self.mirror.turn_of_pos(cursor.selectionEnd())
        return range(first, last + 1)

    def focus_turn(self, index: int, offset: int = 0) -> None:
        if not 0 <= index < self.mirror.turn_count():
            return
        self.mirror.place_cursor(index, offset)
        self.editor.setFocus()

    def select_in_turn(self, index: int, start: int, end: int) -> None:
        if not 0 <= index < self.mirror.turn_count():
            return
        self.mirror.place_cursor(index, start, end)

    def set_playhead(self, ms: int) -> None:
        self.follower.set_playhead(ms)
        self.words.set_playhead(ms)

    def reveal_playhead(self, ms: int) -> None:
        """The playhead moved where the user chose: show its turn, following or not."""
        self.follower.reveal_playhead(ms)
        self.words.set_playhead(ms)

    def playing_turn(self) -> int:
        return self.follower.playing_turn()

    def playing_word(self) -> int:
        """The word highlighted in the playing turn (its index in ``text.split()``); -1: none."""
        return self.words.playing_word()

    def is_following(self) -> bool:
        return self.follower.is_following()

    def set_following(self, on: bool) -> None:
        self.follower.set_following(on)

    def visible_blocks(self):
        """(turn, block, top, height, is_turn_start) for each block in view, in order."""
        return self.geometry.visible_blocks()

    def colors(self) -> TranscriptColors:
        return self._colors

    def set_find_query(self, query) -> None:
        """Highlight every match of ``query`` (a core find Query; None: none)."""
        self.highlights.set_query(query)

    def set_spell_checker(self, checker) -> None:
        """Underline what ``checker`` (a core SpellChecker) flags; None: nothing."""
        self.spelling.set_checker(checker)

    def replace_word(self, misspelling: Misspelling, word: str) -> None:
        """Put ``word`` in place of ``misspelling``, as one undo step of its own."""
        turn = self.project.turns[misspelling.turn]
        if turn.text[misspelling.start:misspelling.end] != misspelling.word:
            return     # the text moved on since the menu opened
        text = turn.text[:misspelling.start] + word + turn.text[misspelling.end:]
        history = self.project.history
        history.break_merge()
        history.push(SetTurnText(self.project, misspelling.turn, text))
        history.break_merge()
        self.mirror.place_cursor(misspelling.turn, misspelling.start + len(word))

    # -- looks ------------------------------------------------------------------------

    def _apply_font(self) -> None:
        metrics = QFontMetricsF(self.editor.font())
        self.text_layout.set_font_metrics(metrics)
        self.mirror.set_margin(max(6, metrics.height() // 2))
        self.gutter.setFont(self.editor.font())
        self.gutter.measure()
        self._update_gutter_width()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self.editor.setFont(self.font())
            self._apply_font()
            self.editor.document().markContentsDirty(0, self.editor.document().characterCount())
            self.follower.refresh_band()
        elif event.type() == QEvent.Type.PaletteChange:
            self._colors = TranscriptColors(self.palette())
            self.editor.setPalette(self.palette())
            self.editor.set_band_color(self._colors.playing)
            self.editor.set_word_color(self._colors.word)
            self.gutter.set_colors(self._colors)
            self.highlights.set_color(self._colors.match)
        super().changeEvent(event)

    def _update_gutter_width(self) -> None:
        self.editor.set_side_widget(self.gutter, self.gutter.width_hint())

    def _update_hours(self) -> None:
        hours = self.project.shows_hours()      # one width for every time of the episode
        if hours != self.gutter.hours:
            self.gutter.hours = hours
            self.gutter.measure()
            self._update_gutter_width()

    def _on_editor_update_request(self, rect, dy: int) -> None:
        if dy:
            self.gutter.forget_rows()
            self.gutter.scroll(0, dy)
        else:
            self.gutter.follow_text_repaint(rect)

    def _on_mirror_reloaded(self) -> None:
        self._update_hours()
        self.gutter.measure()
        self._update_gutter_width()
        self.editor.viewport().update()
        self.gutter.update()

    def _on_mirror_turns_reshaped(self) -> None:
        self._update_hours()
        self.gutter.update()

    def _on_mirror_turns_changed(self, first: int, last: int) -> None:
        self.gutter.update()
        if last == len(self.project.turns) - 1:
            self._update_hours()

    def _on_mirror_speakers_changed(self) -> None:
        self.gutter.measure()
        self._update_gutter_width()
        self.gutter.update()

    def _on_mirror_audio_changed(self) -> None:
        self._update_hours()
        self.gutter.update()

    # -- edit actions -----------------------------------------------------------------------

    def split_at_cursor(self) -> None:
        """Split the current turn at the cursor; the new turn starts at the playhead
        when the playhead is inside the turn (the user splits where they hear it)."""
        turn = self.current_turn()
        if turn < 0:
            return
        offset = self.cursor_offset()
        history = self.project.history
        history.break_merge()
        history.push(SplitTurn(self.project, turn, offset, playhead=self.follower.playhead()))
        self.mirror.place_cursor(turn + 1, 0)

    def merge_with_previous(self) -> bool:
        turn = self.current_turn()
        if turn <= 0 or not self.mirror.at_turn_start():
            return False
        command = MergeWithPrevious(self.project, turn)
        self.project.history.push(command)
        self.mirror.place_cursor(turn - 1, command.join_position)
        return True

    def set_current_turn_start(self, ms: int) -> None:
        """Confirm the current turn's start at ``ms``; a time out of order with its
        confirmed neighbours changes nothing and is reported by ``problem``."""
        if self.current_turn() < 0:
            return
        try:
            command = SetTurnStart(self.project, self.current_turn(), max(0, int(ms)))
        except ValueError as exc:
            self.problem.emit(str(exc))
            return
        self.project.history.push(command)

    def set_current_turn_speaker(self, speaker_id: str) -> None:
        self._set_turn_speaker(self.current_turn(), speaker_id)

    def _set_turn_speaker(self, turn: int, speaker_id: str) -> None:
        if 0 <= turn < len(self.project.turns) and self.project.turns[turn].speaker != speaker_id:
            self.project.history.push(SetTurnSpeaker(self.project, turn, speaker_id))

    def delete_current_turn(self) -> None:
        """Delete the current turn; never the only one (it is where typing goes)."""
        turn = self.current_turn()
        if turn < 0 or len(self.project.turns) < 2:
            return
        self.project.history.push(DeleteTurn(self.project, turn))
        if self.mirror.turn_count():
            self.mirror.place_cursor(min(turn, self.mirror.turn_count() - 1), 0)

    # -- menus -----------------------------------------------------------------------------------

    def open_speaker_menu(self, turn: int, global_pos: QPoint) -> QMenu:
        """The menu of speakers for ``turn`` (shown, not blocking); returns it."""
        if self.speaker_menu is not None:
            self.speaker_menu.deleteLater()
        menu = QMenu(self)
        current = self.project.turns[turn].speaker
        colors = self.colors()
        for speaker in self.project.speakers:
            label = speaker.name + (f"\tCtrl+{speaker.slot}" if speaker.slot else "")
            swatch = QPixmap(12, 12)
            swatch.fill(colors.speaker(speaker.color, colors.base))
            action = menu.addAction(QIcon(swatch), label)
            action.setCheckable(True)
            action.setChecked(speaker.id == current)
            action.setData(speaker.id)
        if not self.project.speakers:
            menu.addAction("No speakers yet").setEnabled(False)
        self._speaker_menu_turn = turn
        menu.triggered.connect(self._on_speaker_menu_triggered)
        self.speaker_menu = menu
        menu.popup(global_pos)
        return menu

    def _on_speaker_menu_triggered(self, action) -> None:
        if action.data():
            self._set_turn_speaker(self._speaker_menu_turn, action.data())

    def _on_editor_context_menu_requested(self, position: int, global_pos: QPoint) -> None:
        menu = self.context_menu(position)
        menu.exec(global_pos)
        menu.deleteLater()

    def context_menu(self, position: int) -> QMenu:
        """The text's menu for document ``position`` (the cursor goes there unless
        text is selected); with a misspelled word there, its spelling entries first."""
        editor = self.editor
        if not editor.textCursor().hasSelection():
            cursor = QTextCursor(editor.document())
            cursor.setPosition(position)
            editor.setTextCursor(cursor)
        has_selection = editor.textCursor().hasSelection()
        menu = QMenu(self)
        misspelling = self.spelling.misspelling_at(position)
        if misspelling is not None:
            self._add_spelling_entries(menu, misspelling)
        menu.addAction("Cut", editor.cut_selection).setEnabled(has_selection)
        menu.addAction("Copy", editor.copy).setEnabled(has_selection)
        menu.addAction("Paste", editor.paste_clipboard)
        menu.addAction("Select All", editor.selectAll)
        menu.addSeparator()
        menu.addAction("Split Turn Here", self.split_at_cursor)
        menu.addAction("Merge With Previous Turn", self.merge_with_previous).setEnabled(
            self.mirror.at_turn_start() and self.current_turn() > 0)
        menu.addAction("Delete Turn", self.delete_current_turn).setEnabled(
            self.current_turn() >= 0 and len(self.project.turns) > 1)
        return menu

    def _add_spelling_entries(self, menu: QMenu, misspelling: Misspelling) -> None:
        add_spelling_entries(menu, self.spelling.checker, misspelling.word,
                             lambda word: self.replace_word(misspelling, word), self.project,
                             self.problem.emit)

    # -- the gutter's clicks --------------------------------------------------------------------

    def _on_editor_word_clicked(self, position: int) -> None:
        ms = self.words.word_start_at(position)
        if ms is not None:
            self.seek_requested.emit(ms)

    def _on_gutter_time_clicked(self, turn: int) -> None:
        self.seek_requested.emit(self.project.turns[turn].start)

    def _on_gutter_speaker_clicked(self, turn: int, global_pos: QPoint) -> None:
        self.open_speaker_menu(turn, global_pos)
