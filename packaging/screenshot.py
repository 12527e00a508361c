"""Take the README's screenshot: the real editor window on the sample episode.

Runs offscreen (no display needed) with libvlc's dummy audio output, opens the
sample, plays a moment so the turn under the playhead is highlighted, and saves
``window.grab()``:

    .venv/bin/python packaging/screenshot.py                      # docs/screenshot.png
    .venv/bin/python packaging/screenshot.py --size 1920x1080 --dark -o docs/screenshot-dark.png
    .venv/bin/python packaging/screenshot.py --tab episode -o docs/screenshot-episode.png
    .venv/bin/python packaging/screenshot.py --detail 10 -o docs/screenshot-detail.png

``--detail SECONDS`` plays from just before a chapter mark instead and zooms the
waveform detail to about that many seconds around the playhead, so the picture
shows chapter titles, turn boundaries with speaker names, and the playhead.
``--align`` first aligns the whole episode (Audio > Align Transcript to Audio,
confirmed turns too), so the word being spoken is marked in the playing turn:

    .venv/bin/python packaging/screenshot.py --align -o docs/screenshot-word.png
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("SHOWSCRIBE_VLC_ARGS", "--aout=adummy")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SAMPLE = ROOT / "sample_projects" / "sample-episode" / "episode.showscribe.yaml"
PLAY_FROM_MS = 40_000
PLAY_FOR_MS = 1_500
# With --detail: the second chapter starts at 31.9 s, between two turn changes.
DETAIL_PLAY_FROM_MS = 31_000


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


TABS = ("chapters", "episode", "speakers", "check")   # in the window's order


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save a screenshot of the editor window.")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--tab", choices=TABS,
                        default="chapters", help="the side panel to show")
    parser.add_argument("--detail", type=float, metavar="SECONDS",
                        help="zoom the waveform detail to about SECONDS across")
    parser.add_argument("--align", action="store_true",
                        help="align the episode first, so the spoken word is marked")
    parser.add_argument("--project", type=Path, default=SAMPLE)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))

    with tempfile.TemporaryDirectory() as settings_dir:
        # The picture shows a first start: default settings, never the user's own.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        app = QApplication([sys.argv[0]])
        app.setStyle("Fusion")
        app.setFont(QFont("DejaVu Sans", 10))
        if args.dark:
            from editor.gui.theme import dark_palette
            app.setPalette(dark_palette())
        from editor.gui.mainwindow import MainWindow
        from editor.gui.settings import Settings
        window = MainWindow(Settings())
        if not window.open_path(args.project):
            return 1
        window.resize(width, height)
        window.show()
        wait(300)                      # the audio loads after the first paint
        if args.align:
            if not window.aligning.start(list(range(len(window.project.turns))), True):
                return 1
            while window.aligning.is_running():
                wait(200)
        window.playback.seek(PLAY_FROM_MS if args.detail is None else DETAIL_PLAY_FROM_MS)
        window.playback.play()
        wait(PLAY_FOR_MS)
        window.playback.pause()
        if args.detail is not None:
            window.waveform_detail.set_span(args.detail * 1000)
        turn = window.project.turn_at(window.playback.position_ms())
        window.transcript.focus_turn(max(turn, 0), 0)
        # No chapter is selected: the picture shows the mark of the one being played.
        window.side_tabs.setCurrentIndex(TABS.index(args.tab))
        wait(200)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(args.output)):
            print(f"cannot write {args.output}", file=sys.stderr)
            return 1
        print(f"saved {args.output} ({width}x{height}{', dark' if args.dark else ''})")
        window.project.history.set_clean()     # the alignment is not kept: no save question
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
