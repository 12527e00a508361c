"""Palette-aware colours for the transcript: readable in light and dark themes.

Speaker colours come from the project and may be too dark for a dark palette or
too light for a light one; :func:`readable` moves a colour's lightness until its
contrast with the background reaches WCAG's 4.5:1 for text. Emits nothing.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

TEXT_CONTRAST = 4.5


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``, opaque."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def readable(color: QColor, background: QColor, minimum: float = TEXT_CONTRAST) -> QColor:
    """``color`` with its lightness moved away from ``background`` until readable."""
    if not color.isValid():
        color = QColor("#6b7280")
    if contrast(color, background) >= minimum:
        return color
    hue, saturation, lightness, _ = color.getHslF()
    hue = max(hue, 0.0)             # achromatic colours report hue -1
    step = 0.04 if background.lightnessF() < 0.5 else -0.04
    candidate = color
    for _ in range(30):
        lightness = min(max(lightness + step, 0.0), 1.0)
        candidate = QColor.fromHslF(hue, saturation, lightness)
        if contrast(candidate, background) >= minimum or lightness in (0.0, 1.0):
            break
    return candidate


class TranscriptColors:
    """The colours one paint uses, derived from the widget's palette."""

    def __init__(self, palette: QPalette) -> None:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark = is_dark(palette)
        self.base = base
        self.text = text
        self.gutter = mix(base, text, 0.035)
        self.playing = mix(base, highlight, 0.28 if dark else 0.16)
        # The word under the playhead, within the playing turn's band: a step
        # stronger than the band, with the text still readable on it.
        self.word = mix(base, highlight, 0.46 if dark else 0.30)
        self.playing_gutter = mix(self.gutter, highlight, 0.34 if dark else 0.22)
        self.time = readable(mix(text, base, 0.25), self.gutter)
        self.estimated_time = readable(mix(text, base, 0.55), self.gutter, 3.0)
        self.rule = mix(base, text, 0.12)
        # Find matches: amber, light enough (or dark enough) for the text on it.
        self.match = mix(base, QColor("#f5b700"), 0.38 if dark else 0.45)
        self._speakers: dict[tuple[str, int], QColor] = {}

    def speaker(self, color: str, background: QColor | None = None) -> QColor:
        background = background or self.gutter
        key = (color, background.rgba())
        found = self._speakers.get(key)
        if found is None:
            found = self._speakers[key] = readable(QColor(color), background)
        return found
