"""A real key press to changed pixels: the editor window against a bare Qt text box.

On an X server (a private Xvfb unless DISPLAY is set), xdotool presses a key;
the time runs from the moment Qt hands the key press to the application until
the pixels where the letter goes have changed on the X server itself (polled
with a screen grab of that small rectangle after each turn of the event loop).
What happens between xdotool and Qt is the same for both and is left out.

Both sides get the same text (every turn of a 5,000-turn episode), the same
window size and a cursor in the same turn; keys alternate between typing a
letter and erasing it, so the line never wraps, and blocks of keys alternate
between the two windows so that a busy moment hits both alike. The cursor does
not blink (it would change the pixels watched). Prints one line per figure as
docs/performance.md asks; exits 1 if a figure fails.

    .venv/bin/python benchmarks/bench_keypress.py [--keys N] [--turns N]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sandbox import keep_state_in  # noqa: E402
from benchmarks.xreference import x_display  # noqa: E402

RATIO_TARGET = 2.0
TIMEOUT_S = 2.0


class KeyClock:
    """Notes when Qt delivers a key press to the application."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(inner, watched, event) -> bool:  # noqa: N802, N805
                if event.type() == QEvent.Type.KeyPress and self.arrived is None:
                    self.arrived = time.perf_counter()
                return False

        self.arrived: float | None = None
        self._filter = Filter()
        app.installEventFilter(self._filter)


def watched_rect(editor):
    """Where the next letter goes (or the last goes away), in screen pixels."""
    from PySide6.QtCore import QRect
    cursor = editor.cursorRect()
    corner = editor.viewport().mapToGlobal(cursor.topLeft())
    return QRect(corner.x() - 16, corner.y(), 40, cursor.height())


def press_and_time(app, clock: KeyClock, editor, display: str, key: str) -> float | None:
    """Milliseconds from the key's arrival until the pixels around the cursor changed."""
    screen = app.primaryScreen()
    rect = watched_rect(editor)
    before = screen.grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height()).toImage()
    clock.arrived = None
    sender = subprocess.Popen(["xdotool", "key", key], env=dict(os.environ, DISPLAY=display))
    deadline = time.perf_counter() + TIMEOUT_S
    spent = None
    while time.perf_counter() < deadline:
        app.processEvents()
        if clock.arrived is None:
            continue
        now = screen.grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height()).toImage()
        if now != before:
            spent = (time.perf_counter() - clock.arrived) * 1000
            break
    sender.wait(timeout=10)
    return spent


def focus(app, widget, display: str) -> None:
    """``widget``'s window on top (the two overlap) and holding the keyboard focus."""
    widget.window().raise_()
    subprocess.run(["xdotool", "windowfocus", "--sync", str(int(widget.window().winId()))],
                   env=dict(os.environ, DISPLAY=display), check=True, timeout=20)
    widget.setFocus()
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        app.processEvents()
        if app.focusWidget() is widget and time.perf_counter() > deadline - 4.5:
            break        # and half a second for the raised window to be repainted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200, help="key presses on each side")
    parser.add_argument("--turns", type=int, default=5000)
    args = parser.parse_args(argv)
    if shutil.which("xdotool") is None:
        print("# xdotool is not installed: nothing measured")
        return 1
    with x_display() as display:
        if display is None:
            print("# no X server (nor Xvfb) here: nothing measured")
            return 1
        os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        os.environ.setdefault("SHOWSCRIBE_VLC_ARGS", "--aout=adummy")
        return measure(display, args)


def measure(display: str, args) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from benchmarks.synthetic import make_project
    from editor.core.projectfile import save_project

    folder = Path(tempfile.mkdtemp(prefix="showscribe-bench-keypress-"))
    keep_state_in(folder)
    try:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(folder / "config"))
        app = QApplication.instance() or QApplication([])
        app.setCursorFlashTime(0)
        from editor.gui.mainwindow import MainWindow
        from editor.gui.settings import Settings
        project = make_project(turns=args.turns, seed=1)
        project_file = folder / "episode.showscribe.yaml"
        save_project(project, project_file)
        window = MainWindow(Settings())
        window.open_path(project_file)
        window.resize(1100, 800)
        window.show()
        middle = len(window.project.turns) // 2
        ours = window.transcript.editor
        bare = QPlainTextEdit()
        bare.setFont(ours.font())
        bare.setPlainText("\n".join(turn.text for turn in project.turns))
        bare.resize(1100, 800)
        bare.move(0, 0)
        bare.show()
        for _ in range(20):
            app.processEvents()
            time.sleep(0.05)
        window.transcript.focus_turn(middle, 0)
        cursor = bare.textCursor()
        cursor.setPosition(bare.document().findBlockByNumber(middle).position())
        bare.setTextCursor(cursor)
        bare.centerCursor()
        clock = KeyClock(app)
        spent: dict[str, list[float]] = {"ours": [], "bare": []}
        missed = {"ours": 0, "bare": 0}
        block = 20
        for round_ in range(max(1, args.keys // block)):
            for side, editor in (("ours", ours), ("bare", bare)):
                focus(app, editor, display)
                for index in range(block):
                    taken = press_and_time(app, clock, editor, display,
                                           "x" if index % 2 == 0 else "BackSpace")
                    if taken is None:
                        missed[side] += 1
                    else:
                        spent[side].append(taken)
        # every letter typed was erased again: the turn is as it was, and it was edited
        if (window.project.turns[middle].text != project.turns[middle].text
                or not window.project.history.can_undo or not spent["ours"]):
            raise SystemExit("the keys did not reach the transcript as pressed")
        window.project.history.set_clean()
        print(f"# {args.turns} turns; X server {display}; {len(spent['ours'])} and "
              f"{len(spent['bare'])} key presses timed (missed: {missed['ours']}, "
              f"{missed['bare']}); load average {os.getloadavg()[0]:.1f}")
        ours_median, bare_median = (statistics.median(spent[s]) for s in ("ours", "bare"))
        ratio = ours_median / bare_median
        passed = ratio <= RATIO_TARGET
        print(f"key press to changed pixels, median  {ours_median:.3f}ms  {bare_median:.3f}ms  "
              f"{ratio:.2f}x  <={RATIO_TARGET:g}x  {'PASS' if passed else 'FAIL'}", flush=True)
        ours_p90, bare_p90 = (statistics.quantiles(spent[s], n=10)[-1] for s in ("ours", "bare"))
        print(f"# 90th percentile: {ours_p90:.3f}ms and {bare_p90:.3f}ms "
              f"({ours_p90 / bare_p90:.2f}x)", flush=True)
        window.close()
        bare.close()
        return 0 if passed else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
