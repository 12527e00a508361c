"""The window's colours: the desktop's, or light or dark whatever the desktop says.

:func:`apply_theme` sets the application's palette (and Qt's colour scheme hint,
which styles and native dialogs follow) for one of :data:`THEMES`. The transcript
derives its colours from the palette, so it follows. Emits nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = {"system": "Follow the desktop", "light": "Light", "dark": "Dark"}

_DARK = {
    QPalette.ColorRole.Window: "#1f2227", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#16181c", QPalette.ColorRole.AlternateBase: "#22252b",
    QPalette.ColorRole.ToolTipBase: "#2b2f36", QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#2b2f36",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#3b82f6", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#60a5fa", QPalette.ColorRole.PlaceholderText: "#8b9099",
    QPalette.ColorRole.Mid: "#3a3f47", QPalette.ColorRole.Dark: "#121417",
    QPalette.ColorRole.Light: "#3a3f47", QPalette.ColorRole.Midlight: "#30343b",
    QPalette.ColorRole.Shadow: "#000000",
}

# The desktop's palette, taken before the first change, to go back to.
_desktop_palette: QPalette | None = None


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7079"))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()


def apply_theme(theme: str) -> None:
    """Colour the application ``theme`` ("system", "light" or "dark"; anything
    else is "system")."""
    global _desktop_palette
    app = QApplication.instance()
    if app is None:
        return
    if _desktop_palette is None:
        _desktop_palette = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(light_palette())
    else:
        hints.unsetColorScheme()
        app.setPalette(_desktop_palette)
