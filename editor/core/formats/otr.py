"""oTranscribe ``.otr`` files (import only).

An ``.otr`` file is JSON whose ``text`` is the editor's HTML: paragraphs and
line breaks, with timestamp spans ``<span class="timestamp"
data-timestamp="83.42">0:01:23</span>``. Speakers are plain ``Name:`` text.
Each paragraph or line becomes a line of a plain transcript (see
``builder.turns_from_lines``); a timestamp at the start of a line gives that
turn its time (``data-timestamp`` in seconds, or the older ``mm:ss`` and
``h:mm:ss`` forms). Timestamps inside a line are dropped. The player fields
(``media``, ``media-time``) are not read.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import FormatError
from ..model import Project
from ..timecode import parse_npt
from . import Format
from ..builder import MAX_MS, turns_from_lines
from ._json import JsonDocument

_SECONDS = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_BREAKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6"})


def _timestamp(value: str, paragraph: int) -> int:
    value = value.strip()
    try:
        if _SECONDS.fullmatch(value):
            ms = round(float(value) * 1000)
        else:
            ms = parse_npt(value)
        if ms <= MAX_MS:
            return ms
    except (ValueError, OverflowError):
        pass
    raise FormatError(f"text, paragraph {paragraph}: timestamp '{value[:40]}' is not a time "
                      "(seconds, mm:ss or h:mm:ss)")


class _Lines(HTMLParser):
    """The editor's HTML as (time or None, text) lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int | None, str]] = []
        self._time: int | None = None
        self._text: list[str] = []
        self._spans: list[bool] = []          # open spans: is it a timestamp?
        self._open_stamps = 0                 # how many of those are timestamps
        self._stamp: str | None = None        # data-timestamp of the open timestamp
        self._label: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BREAKS:
            self._break()
        if tag != "span":
            return
        attributes = dict(attrs)
        is_timestamp = "timestamp" in (attributes.get("class") or "").split()
        self._spans.append(is_timestamp)
        self._open_stamps += is_timestamp
        if is_timestamp and self._open_stamps == 1:
            self._stamp, self._label = attributes.get("data-timestamp"), []

    def handle_endtag(self, tag):
        if tag in _BREAKS:
            self._break()
        elif tag == "span" and self._spans and self._close_span():
            value = self._stamp if self._stamp is not None else "".join(self._label)
            # Only a timestamp that opens a line times a turn; others are dropped.
            if self._time is None and not "".join(self._text).strip():
                self._time = _timestamp(value, len(self.lines) + 1)

    def _close_span(self) -> bool:
        """Close the innermost span; true when it closes the outermost timestamp."""
        if not self._spans.pop():
            return False
        self._open_stamps -= 1
        return self._open_stamps == 0

    def handle_data(self, data):
        (self._label if self._open_stamps else self._text).append(data)

    def close(self):
        super().close()
        self._break()

    def _break(self):
        text = "".join(self._text)
        if text.strip() or self._time is not None:
            self.lines.append((self._time, text))
        elif self.lines and self.lines[-1][1].strip():
            self.lines.append((None, ""))   # an empty paragraph separates turns
        self._time, self._text = None, []


def read(text: str) -> Project:
    doc = JsonDocument(text)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise doc.error("an oTranscribe file is an object with a 'text' string")
    parser = _Lines()
    parser.feed(data["text"])
    parser.close()
    return turns_from_lines(parser.lines)


FORMATS = [Format(
    name="otr", label="oTranscribe transcript", kind="transcript", extensions=(".otr",),
    read=read, mime="application/json",
)]
