"""Shared by the caption formats (WebVTT, SRT): cutting turns into cues, and
turning a sequence of cues back into turns.

Writing: each paragraph of a turn starts a new cue; a long paragraph is
wrapped into lines of a maximum length and cut into cues of ``lines_per_cue``
lines. The turn's span is shared among its cues by character count.

Reading: a file that marks speakers anywhere (voices, ``Name:`` prefixes) uses
the mark to start turns, and unmarked cues continue the current turn; a file
with no speaker marks at all gets one turn per cue.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Project, Turn
from ..builder import ProjectBuilder, split_span, turn_spans
from ..textparse import wrap_words

__all__ = ["Cue", "cut_turns", "CueReader"]


@dataclass
class Cue:
    start: int
    end: int
    lines: list[str]
    turn: int                   # 1-based index of the turn in the project
    paragraph: int              # 1-based, within the turn
    piece: int                  # 1-based, within the paragraph
    speaker: str = ""           # the speaker's name, "" for none


def cut_turns(project: Project, line_length: int, lines_per_cue: int,
              prefix_first: bool = False) -> list[Cue]:
    """Cues for every turn. With ``prefix_first`` the turn's first cue starts
    with ``Name: `` (kept whole on the first line); else no prefix is added."""
    cues: list[Cue] = []
    for number, (turn, span) in enumerate(zip(project.turns, turn_spans(project)), 1):
        name = " ".join(project.speaker_name(turn.speaker).split()) if turn.speaker else ""
        pieces: list[tuple[int, int, list[str]]] = []    # paragraph, piece, lines
        for p_number, paragraph in enumerate(
                (p for p in turn.paragraphs if p.split()), 1):
            words = paragraph.split()
            if prefix_first and name and not pieces:
                words = [f"{name}:"] + words
            lines = wrap_words(words, line_length)
            for k in range(0, len(lines), lines_per_cue):
                pieces.append((p_number, k // lines_per_cue + 1, lines[k:k + lines_per_cue]))
        if not pieces:
            if not name:
                continue  # an empty turn with no speaker shows nothing
            pieces.append((1, 1, [f"{name}:"] if prefix_first else [""]))
        weights = [sum(len(line) for line in lines) for _, _, lines in pieces]
        for (p_number, k, lines), (start, end) in zip(pieces, split_span(*span, weights)):
            cues.append(Cue(start, end, lines, number, p_number, k, name))
    return cues


@dataclass
class _Open:
    turn: Turn
    speaker: str
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])


class CueReader:
    """Builds turns from cues read in file order.

    ``marked`` says whether the file marks speakers at all (see module doc).
    """

    def __init__(self, marked: bool) -> None:
        self.marked = marked
        self.builder = ProjectBuilder()
        self._open: _Open | None = None

    @property
    def speaker(self) -> str | None:
        """The current turn's speaker name, or None before the first turn."""
        return self._open.speaker if self._open else None

    def new_turn(self, start: int, speaker: str, text: str, estimated: bool = False) -> None:
        self._close()
        turn = self.builder.turn(start, speaker, [], estimated)
        self._open = _Open(turn, speaker)
        self.add(text)

    def new_paragraph(self, text: str) -> None:
        if self._open.paragraphs[-1]:
            self._open.paragraphs.append([])
        self.add(text)

    def add(self, text: str) -> None:
        """Continue the current paragraph of the current turn."""
        self._open.paragraphs[-1].extend(text.split())

    def project(self) -> Project:
        self._close()
        return self.builder.project()

    def _close(self) -> None:
        if self._open is not None:
            self._open.turn.text = "\n".join(
                " ".join(words) for words in self._open.paragraphs if words)
            self._open = None
