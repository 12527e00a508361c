"""A first day on small screens and with the keyboard, on a real X server
(``xserver.py``): the window and its dialogs fit 1280x800 and 1366x768 screens
and come back where they were left; playback moves on at once after a jump made
while paused."""
from __future__ import annotations

import time

import pytest
from xserver import (editor_window, require_xserver, start_editor, stop_editor, wait_for,
                     window_geometry, xdotool, xvfb)

from editor.core.projectfile import load_project


@pytest.fixture
def x_screen(request, require):
    """(DISPLAY, width, height) of a private Xvfb server of the parametrized size."""
    require_xserver(require)
    size = getattr(request, "param", "1366x768")
    width, height = (int(n) for n in size.split("x"))
    with xvfb(size) as display:
        yield display, width, height


def _inside(geometry, width: int, height: int) -> bool:
    x, y, w, h = geometry
    return x >= 0 and y >= 0 and x + w <= width and y + h <= height


@pytest.mark.parametrize("x_screen", ["1280x800", "1366x768"], indirect=True)
def test_the_window_and_the_shortcuts_fit_the_screen_and_the_size_is_kept(
        libvlc, x_screen, sample_copy, tmp_path):
    display, width, height = x_screen
    app = start_editor(display, sample_copy, tmp_path)
    try:
        window = editor_window(display, app)
        time.sleep(1.0)
        first = window_geometry(display, window)
        assert _inside(first, width, height), first      # the status bar is its bottom row
        assert first[2] >= width * 0.8 and first[3] >= height * 0.8, first
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "alt+h")
        time.sleep(0.5)
        xdotool(display, "key", "k")
        shortcuts = editor_window(display, app, "Keyboard Shortcuts")
        time.sleep(0.5)
        box = window_geometry(display, shortcuts)
        assert _inside(box, width, height), box
        xdotool(display, "key", "Return")
        wait_for(lambda: not xdotool(display, "search", "--onlyvisible", "--name",
                                     "Keyboard Shortcuts"), 10, "the shortcuts to close")
        xdotool(display, "windowsize", "--sync", window, "1000", "600")
        xdotool(display, "windowmove", "--sync", window, "60", "40")
        time.sleep(0.5)
        left = window_geometry(display, window)
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "ctrl+q")
        wait_for(lambda: app.poll() is not None, 15, "the editor to quit")
    finally:
        output = stop_editor(app)
    assert left[2:] == (1000, 600), output

    again = start_editor(display, sample_copy, tmp_path)
    try:
        window = editor_window(display, again)
        time.sleep(1.0)
        reopened = window_geometry(display, window)
    finally:
        output = stop_editor(again)
    assert reopened == left, output


def test_play_moves_on_at_once_after_a_jump_made_while_paused(libvlc, x_screen, sample_copy,
                                                             tmp_path):
    """Esc (play), Esc (pause) and Ctrl+M there; wait 3 s; F2 (5 s on); Esc; after
    2 s Ctrl+M again. The second chapter is 7 s after the first only if playback
    went on from the jump point at once."""
    display, _width, _height = x_screen
    before = len(load_project(sample_copy).chapters)
    app = start_editor(display, sample_copy, tmp_path)
    try:
        window = editor_window(display, app)
        time.sleep(1.5)     # the audio loads just after the first paint
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "Escape")
        time.sleep(2.0)
        xdotool(display, "key", "Escape")
        time.sleep(0.3)
        xdotool(display, "key", "ctrl+m")
        time.sleep(3.0)
        xdotool(display, "key", "F2")
        time.sleep(0.5)
        xdotool(display, "key", "Escape")
        started = time.monotonic()
        time.sleep(2.0)
        xdotool(display, "key", "ctrl+m")
        played = time.monotonic() - started
        time.sleep(0.3)
        xdotool(display, "key", "ctrl+s")

        def saved_chapters():
            chapters = load_project(sample_copy).chapters
            return chapters if len(chapters) >= before + 2 else None

        chapters = wait_for(saved_chapters, 10, "the project to be saved")
    finally:
        output = stop_editor(app)
    added = sorted(c.start for c in chapters if c.title == "New chapter")
    assert len(added) == 2, output
    assert abs((added[1] - added[0]) - (5000 + played * 1000)) <= 600, (added, played)
