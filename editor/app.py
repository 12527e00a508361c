"""The desktop app: wires the core, the audio player and the Qt window together.

``run(path)`` creates the QApplication and the editor window, offers the
recovery copies a crash left of other projects, and opens ``path``, else the
most recent project, else (the first time) the bundled sample episode.
It returns the exit code of the event loop, or 3 without opening a window when
libvlc or ffmpeg is missing (``editor.preflight`` says which and how to install it).

Environment:
- ``SHOWSCRIBE_VLC_ARGS``: extra libvlc arguments (``--aout=adummy`` headless);
- ``SHOWSCRIBE_REPORT_PAINTED=1``: once the transcript is first painted, print
  ``painted <seconds since the process started> <project file or ->`` and quit
  (benchmarks and tests use it); ``=memory``: also wait for the waveform, then
  print ``memory <resident kB> <peak resident kB>`` and quit.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from . import resources

_IMPORTED = time.monotonic()

SAMPLE_PROJECT = resources.sample_project()
REPORT_PAINTED_ENV = "SHOWSCRIBE_REPORT_PAINTED"


def seconds_since_process_start() -> float:
    """Wall time since this process started (Linux: from /proc; else since import)."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


def startup_path(path: str | None, recent: list[Path]) -> Path | None:
    """What to open: the argument, else the newest recent file that exists, else the
    sample (when it is there)."""
    if path:
        return Path(path)
    for candidate in recent:
        if candidate.is_file():
            return candidate
    return SAMPLE_PROJECT if SAMPLE_PROJECT.is_file() else None


def _resident_kb() -> tuple[int, int]:
    """This process's resident memory now and at its peak (Linux /proc), in kB."""
    fields = dict(line.split(":", 1) for line in
                  Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def _report_memory_when_shown(window, app) -> None:
    from PySide6.QtCore import QTimer
    timer = QTimer(app)

    def check() -> None:
        if window.waveform.peaks is not None or window.waveform.status_text.startswith("No"):
            timer.stop()
            now, peak = _resident_kb()
            print(f"memory {now} {peak}", flush=True)
            app.quit()

    timer.timeout.connect(check)
    timer.start(50)


def _report_first_paint(window, app, memory: bool = False) -> None:
    """Print the time to the transcript's first paint, then quit (with ``memory``:
    first wait for the waveform and print the memory in use)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and (
                    watched is window.transcript or window.transcript.isAncestorOf(watched)):
                app.removeEventFilter(self)
                shown = window.project.path or "-"
                print(f"painted {seconds_since_process_start():.3f} {shown}", flush=True)
                if memory:
                    _report_memory_when_shown(window, app)
                else:
                    QTimer.singleShot(0, app.quit)
            return False

    watcher = PaintWatcher(app)
    app.installEventFilter(watcher)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def read_at_start(target: Path | None):
    """The project at ``target`` and the file's stamp, read before the window's
    modules are imported: a long episode's parse leaves freed memory scattered
    behind it, which their import then fills (about 3 MB less at open). The
    project is None when it does not read: opening it says why."""
    from .core.errors import ShowscribeError
    from .core.projectfile import load_project
    if target is None:
        return None, None
    stamp = _stamp(target)
    try:
        return load_project(target), stamp
    except (ShowscribeError, OSError):
        return None, stamp


def still_on_disk(project, stamp, target: Path):
    """``project`` if ``target`` is unchanged since it was read (a question at start
    may have waited long), else None: it is read again."""
    return project if project is not None and _stamp(target) == stamp else None


def open_at_start(window, target: Path, project=None) -> bool:
    """Open ``target`` in ``window`` at start-up (``project``: it, read already). The
    file may be a recent one that fails in a way no check foresaw: then the window
    starts empty and says why, rather than every later start crashing on the same
    file."""
    try:
        if project is None:
            return window.open_path(target)
        return window.open_path(target, project)
    except Exception as exc:   # noqa: BLE001 - anything but a clean start is worse
        problem = " ".join(str(exc).split())[:200] or type(exc).__name__
        window.show_error(f"{target}: cannot be opened ({problem})")
        return False


def _forget_module_sources() -> None:
    """PySide6 reads the source of every module imported after it (looking for its
    feature switches) and linecache keeps it all, about 7 MB that nothing needs
    until a traceback is printed (which reads it again). Dropped before the window
    and the project are made, the memory is theirs to reuse."""
    import linecache
    linecache.clearcache()


def run(path: str | None = None) -> int:
    """Start the editor (opening ``path`` when given) and return its exit code."""
    from . import preflight
    missing = preflight.missing()
    if missing:
        return preflight.report(missing)
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Showscribe")
    app.setOrganizationName("Showscribe")
    app.setApplicationDisplayName("Showscribe")
    app.setDesktopFileName(resources.APP_ID)   # Wayland matches the window to its entry
    icon = QIcon()
    for size in resources.ICON_SIZES:
        icon.addFile(str(resources.icon_png(size)))
    app.setWindowIcon(icon)
    settings = Settings()
    target = startup_path(path, settings.recent_files())
    project, stamp = read_at_start(target)

    from .gui.mainwindow import MainWindow
    _forget_module_sources()
    window = MainWindow(settings)
    report = os.environ.get(REPORT_PAINTED_ENV)
    if report in ("1", "memory"):
        _report_first_paint(window, app, memory=report == "memory")
    # Unsaved changes to other projects, left by a crash, are offered first.
    recovered = window.safekeeping.offer_at_start(target)
    if recovered is not None:
        window.show_recovered(recovered)
    elif target is not None:
        open_at_start(window, target, still_on_disk(project, stamp, target))
    window.show()
    code = app.exec()
    if window.isVisible():   # quit from a report or a signal: close (and save) now
        window.close()
    return code
