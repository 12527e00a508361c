"""A new user's first minute, on a real X server with nothing but the keyboard:
start the app on a copy of the sample, Esc (play), wait two seconds, Ctrl+M (add a
chapter at the playhead), Ctrl+S. The saved file must hold the new chapter.

The X server and the editor on it come from ``xserver.py``.
"""
from __future__ import annotations

import time

from xserver import editor_window, start_editor, stop_editor, wait_for, xdotool

from editor.core.projectfile import load_project


def test_play_add_a_chapter_and_save_with_the_keyboard(libvlc, x_display, sample_copy,
                                                       tmp_path):
    chapters_before = len(load_project(sample_copy).chapters)
    app = start_editor(x_display, sample_copy, tmp_path)
    try:
        window = editor_window(x_display, app)
        time.sleep(1.5)     # the audio loads just after the first paint
        xdotool(x_display, "windowfocus", "--sync", window)
        xdotool(x_display, "key", "Escape")
        time.sleep(2.0)
        xdotool(x_display, "key", "ctrl+m")
        time.sleep(0.3)
        xdotool(x_display, "key", "ctrl+s")

        def saved_chapters():
            chapters = load_project(sample_copy).chapters
            return chapters if len(chapters) > chapters_before else None

        chapters = wait_for(saved_chapters, 10, "the project to be saved")
    finally:
        output = stop_editor(app)
    added = [c for c in chapters if c.title == "New chapter"]
    assert len(added) == 1, output
    assert 1000 <= added[0].start <= 4000
