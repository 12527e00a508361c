"""Times: parsing every grammar Showscribe reads and formatting every form it writes.

Inside Showscribe a time is always an ``int`` of milliseconds. Text forms exist
only at the edges (files, the screen); this module is the one place that knows
them. Every parser raises :class:`TimeError` with a message that quotes the text.
"""
from __future__ import annotations

import re

__all__ = [
    "MAX_MS", "TimeError", "parse_time", "parse_npt", "parse_vtt", "parse_srt", "parse_shownotes",
    "format_hms_ms", "format_vtt", "format_srt", "format_clock", "format_npt",
    "format_seconds", "format_duration",
]


# The longest time Showscribe accepts: far past any episode, and small enough
# for every format's writer (SRT's timedelta, ID3's 32-bit milliseconds).
MAX_MS = 1000 * 3600 * 1000


class TimeError(ValueError):
    """A text that is not a time in the grammar asked for."""

    def __init__(self, text: str, grammar: str = "time", *, too_long: bool = False) -> None:
        self.text, self.too_long = text, too_long
        within = " within 1000 hours" if too_long else ""
        super().__init__(f"{text!r} is not a {grammar}{within}")


# NPT as Podlove defines it: [[H+:]M{1,2}:]S{1,2}[.f{1,3}], where ".5" is 500 ms.
_NPT = re.compile(
    r"(?:(?:(?P<h>\d+):)?(?P<m>\d{1,2}):)?(?P<s>\d{1,2})(?:\.(?P<f>\d{1,3}))?"
)
# WebVTT: [HH+:]MM:SS.mmm, exactly three fraction digits.
_VTT = re.compile(r"(?:(?P<h>\d{2,}):)?(?P<m>\d{2}):(?P<s>\d{2})\.(?P<f>\d{3})")
# SRT: HH:MM:SS,mmm; a "." separator and 1-3 fraction digits are common in the wild.
_SRT = re.compile(r"(?P<h>\d+):(?P<m>\d{1,2}):(?P<s>\d{1,2})[,.](?P<f>\d{1,3})")
# Show-notes forms: (MM:SS), (H:MM:SS), [HH:MM:SS], or bare; minutes may exceed 59
# only when there are no hours (a page may say 75:00).
_SHOWNOTES = re.compile(
    r"(?P<open>[(\[]?)\s*(?:(?P<h>\d{1,3}):(?=\d{2}:))?(?P<m>\d{1,3}):(?P<s>\d{2})"
    r"(?:[.,](?P<f>\d{1,3}))?\s*(?P<close>[)\]]?)"
)

_CLOSING = {"(": ")", "[": "]"}


def _fraction_ms(digits: str | None) -> int:
    """'5' -> 500, '05' -> 50, '005' -> 5: a decimal fraction, not left-padded ms."""
    if not digits:
        return 0
    return int(digits.ljust(3, "0"))


def _compose(text: str, grammar: str, h: str | None, m: str | None, s: str,
             f: str | None, *, minutes_free: bool = False) -> int:
    hours = int(h) if h else 0
    minutes = int(m) if m else 0
    seconds = int(s)
    if seconds > 59 or (minutes > 59 and (h is not None or not minutes_free)):
        raise TimeError(text, grammar)
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + _fraction_ms(f)
    if ms > MAX_MS:
        raise TimeError(text, grammar, too_long=True)
    return ms


def parse_npt(text: str) -> int:
    """Normal play time, as Podlove chapters and mp4chaps write it."""
    match = _NPT.fullmatch(text.strip())
    if not match:
        raise TimeError(text, "time")
    g = match.groupdict()
    if g["m"] is None and int(g["s"]) > 59:
        raise TimeError(text, "time")
    return _compose(text, "time", g["h"], g["m"], g["s"], g["f"])


def parse_vtt(text: str) -> int:
    """A WebVTT timestamp (strict: hours of two or more digits, three ms digits)."""
    match = _VTT.fullmatch(text.strip())
    if not match:
        raise TimeError(text, "WebVTT timestamp")
    g = match.groupdict()
    return _compose(text, "WebVTT timestamp", g["h"], g["m"], g["s"], g["f"])


def parse_srt(text: str) -> int:
    """An SRT timestamp. Fraction digits are read as a decimal fraction."""
    match = _SRT.fullmatch(text.strip())
    if not match:
        raise TimeError(text, "SRT timestamp")
    g = match.groupdict()
    return _compose(text, "SRT timestamp", g["h"], g["m"], g["s"], g["f"])


def parse_shownotes(text: str) -> int:
    """A show-notes timestamp: ``(MM:SS)``, ``(H:MM:SS)``, ``[HH:MM:SS]`` or bare."""
    match = _SHOWNOTES.fullmatch(text.strip())
    if not match or _CLOSING.get(match["open"], "") != match["close"]:
        raise TimeError(text, "timestamp")
    g = match.groupdict()
    return _compose(text, "timestamp", g["h"], g["m"], g["s"], g["f"],
                    minutes_free=g["h"] is None)


def parse_time(text: str) -> int:
    """Any time a person may type or a project file may hold.

    Accepts ``HH:MM:SS.mmm`` (what Showscribe writes), NPT forms such as ``7:48``
    or ``35:12.250``, the bracketed show-notes forms, and a ``,`` decimal mark.
    """
    if not isinstance(text, str):
        raise TimeError(str(text))
    stripped = text.strip()
    try:
        if stripped.startswith(("(", "[")):
            return parse_shownotes(stripped)
        return parse_npt(stripped.replace(",", ".", 1))
    except TimeError as exc:
        raise TimeError(text, too_long=exc.too_long) from None


def _split(ms: int) -> tuple[int, int, int, int]:
    if ms < 0:
        raise ValueError(f"negative time: {ms} ms")
    seconds, millis = divmod(int(ms), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds, millis


def format_hms_ms(ms: int) -> str:
    """``HH:MM:SS.mmm``: the project file's form, and WebVTT's."""
    h, m, s, f = _split(ms)
    return f"{h:02d}:{m:02d}:{s:02d}.{f:03d}"


format_vtt = format_hms_ms


def format_srt(ms: int) -> str:
    """``HH:MM:SS,mmm``."""
    h, m, s, f = _split(ms)
    return f"{h:02d}:{m:02d}:{s:02d},{f:03d}"


def format_clock(ms: int, *, hours: bool | None = None, pad_minutes: bool = True) -> str:
    """A display time in whole seconds: ``05:12`` or ``1:02:07``.

    ``hours=None`` shows hours only when there are any; ``True`` always shows
    them (``0:05:12``); ``pad_minutes=False`` gives YouTube's ``5:12``.
    """
    h, m, s, _ = _split(ms)
    if hours or (hours is None and h):
        return f"{h}:{m:02d}:{s:02d}"
    total_minutes = h * 60 + m
    return f"{total_minutes:02d}:{s:02d}" if pad_minutes else f"{total_minutes}:{s:02d}"


def format_npt(ms: int) -> str:
    """NPT with milliseconds, as Podlove chapters and mp4chaps want."""
    return format_hms_ms(ms)


def format_seconds(ms: int) -> float | int:
    """Seconds as a JSON number: an int when whole, else a float with ms precision."""
    if ms % 1000 == 0:
        return ms // 1000
    return round(ms / 1000, 3)


def format_duration(ms: int) -> str:
    """An HTML ``<time datetime>`` duration: ``PT31S``, ``PT3723.007S``. A
    clock form such as ``00:31`` would read as a time of day."""
    fraction = f".{ms % 1000:03d}" if ms % 1000 else ""
    return f"PT{ms // 1000}{fraction}S"
