"""JSON input for the readers: strict loading and line numbers for error messages.

``JsonDocument`` parses with the fast standard decoder. Only when a reader
reports a problem with a value does it parse again, slowly, to learn on which
line that object starts, so the message can name it.
"""
from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import math
import re
from typing import Any

from ..errors import FormatError
from ..builder import MAX_MS
from ..textparse import decode

__all__ = ["JsonDocument", "first_key", "seconds_to_ms"]


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


class _Located(dict):
    """A JSON object that knows the line it starts on."""

    line = 0


class JsonDocument:
    def __init__(self, text: str) -> None:
        self.text = decode(text)
        self._located: Any = None
        try:
            self.data = json.loads(self.text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not valid JSON: {exc.msg}", line=exc.lineno) from None
        except ValueError as exc:  # NaN, Infinity, or a number too long to read
            raise FormatError(f"not valid JSON: {exc}") from None
        except RecursionError:
            raise FormatError("not valid JSON: nested too deeply") from None

    def line(self, *path: str | int) -> int | None:
        """The line of the innermost object along ``path`` (keys and indexes)."""
        if self._located is None:
            self._located = self._parse_located()
        node, line = self._located, None
        for step in (None, *path):
            if step is not None:
                try:
                    node = node[step]
                except (KeyError, IndexError, TypeError):
                    break
            if isinstance(node, _Located):
                line = node.line
        return line

    def error(self, problem: str, *path: str | int) -> FormatError:
        """A FormatError naming ``path`` (e.g. ``chapters[3].startTime``) and its line."""
        where = ""
        for step in path:
            where += f"[{step}]" if isinstance(step, int) else (f".{step}" if where else step)
        return FormatError(f"{where}: {problem}" if where else problem, line=self.line(*path))

    def top_list(self, key: str, what: str) -> list:
        """The list under ``key`` of the top-level object; ``what`` names the kind of
        file ("a Podcasting 2.0 transcript") in the message when it is not there."""
        if not isinstance(self.data, dict):
            raise self.error(f"{what} is an object with a '{key}' list")
        items = self.data.get(key)
        if not isinstance(items, list):
            problem = "is missing" if items is None else "is not a list"
            raise self.error(f"{problem} (not {what}?)", key)
        return items

    def timed_item(self, item: Any, path: tuple, what: str) -> int:
        """Check ``item`` is an object with a ``startTime`` (``what`` says what such an
        item is, for the message) and return that time in ms."""
        if not isinstance(item, dict):
            raise self.error(what, *path)
        if "startTime" not in item:
            raise self.error("has no startTime", *path)
        try:
            return seconds_to_ms(item["startTime"])
        except ValueError as exc:
            raise self.error(str(exc), *path, "startTime") from None

    def _parse_located(self) -> Any:
        text = self.text
        line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        decoder = json.JSONDecoder(parse_constant=_refuse_constant)

        def parse_object(s_and_end, *args, **kwargs):
            opened = s_and_end[1] - 1
            value, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)
            located = _Located(value)
            located.line = bisect.bisect_right(line_starts, opened)
            return located, end

        decoder.parse_object = parse_object
        decoder.scan_once = json.scanner.py_make_scanner(decoder)
        try:
            return decoder.decode(text)
        except (ValueError, RecursionError):
            return None


def seconds_to_ms(value: Any) -> int:
    """A JSON number of seconds as ms; ValueError for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{json.dumps(value)[:40]} is not a number of seconds")
    if not math.isfinite(value) or value < 0 or value * 1000 > MAX_MS:
        raise ValueError(f"{value!r} is not a time in seconds (0 to 3600000)")
    return round(value * 1000)


def first_key(text: str, keys: tuple[str, ...]) -> str | None:
    """Which of ``keys`` appears first as a JSON object key in ``text``."""
    found = [(m.start(), key) for key in keys
             for m in [re.search(rf'"{re.escape(key)}"\s*:', text)] if m]
    return min(found)[1] if found else None
