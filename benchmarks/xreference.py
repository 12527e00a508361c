"""An X server for the window benchmarks, and Gaupol on it as the reference.

Owns starting a private Xvfb (when no display is given), warming it with one
GTK program before anything is measured, and timing a program from its start
until its window, titled with the file it opened, is shown on that server:
Gaupol opening a 5,000-cue SRT, and Showscribe opening the same text, timed the
same way (the whole process, as a user waits for it).

Why warm: the first GTK program on a fresh X server may pay for what a desktop
has long done (the OpenGL driver, font and icon caches). On Xvfb here the
warming did not change Gaupol's figure: GTK 3 loads Mesa's software OpenGL
driver, with LLVM (about 48 MB resident), in every process on a server with
GLX. So the OpenGL driver's share of each process is measured and printed too,
for a reader to judge against a desktop whose driver differs.

Emits nothing; ``GaupolReference`` and the functions return seconds and kB.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path


def resident_kb(pid: int) -> int:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1])
    return 0


_GL_DRIVER = ("libLLVM", "_dri.so", "libgallium", "libGLX_mesa", "libglapi")


def gl_driver_kb(pid: int) -> int:
    """Resident kB of the OpenGL driver's files (Mesa and the LLVM it links) in ``pid``."""
    total, counted = 0, False
    for row in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = row.split()
        if fields and "-" in fields[0] and not fields[0].endswith(":"):
            counted = len(fields) > 5 and any(part in fields[5] for part in _GL_DRIVER)
        elif counted and fields and fields[0] == "Rss:":
            total += int(fields[1])
    return total


@contextmanager
def x_display():
    """Yields a DISPLAY value: the one set, else a private Xvfb's, else None."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        yield None
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1280x1024x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for_window(display: str, name: str, timeout: float) -> bool:
    """Poll until a visible window whose title holds ``name`` is on ``display``."""
    env = dict(os.environ, DISPLAY=display)
    pattern = name.replace(".", r"\.")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern],
                               capture_output=True, text=True, env=env).stdout.strip()
        if found:
            return True
        time.sleep(0.02)
    return False


def warm_up(display: str) -> bool:
    """Show one GTK program (zenity) on ``display`` until its window is up, then end it."""
    zenity = shutil.which("zenity")
    if zenity is None:
        return False
    title = "showscribe-bench-warm-up"
    process = subprocess.Popen([zenity, "--info", "--title", title, "--text", title],
                               env=dict(os.environ, DISPLAY=display),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return wait_for_window(display, title, 60)
    finally:
        process.terminate()
        process.wait(timeout=10)


def time_window(command: list[str], display: str, title: str, env: dict[str, str],
                settle_s: float = 0.5) -> tuple[float, int, int] | None:
    """Seconds from starting ``command`` until its window titled ``title`` is
    shown, and ``settle_s`` later its resident kB and the OpenGL driver's part of
    them; None if no window came."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, env=dict(env, DISPLAY=display),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for_window(display, title, 60):
            return None
        spent = time.perf_counter() - begin
        time.sleep(settle_s)     # let it finish drawing
        return spent, resident_kb(process.pid), gl_driver_kb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)


def write_srt(project, target: Path) -> Path:
    """The project's turns as an SRT (one cue per turn), for Gaupol to open."""
    import srt
    cues = []
    for index, turn in enumerate(project.turns):
        end = project.turn_end(index) or turn.start + 2000
        cues.append(srt.Subtitle(index + 1, timedelta(milliseconds=turn.start),
                                 timedelta(milliseconds=max(end, turn.start + 1)), turn.text))
    target.write_text(srt.compose(cues), encoding="utf-8")
    return target


def gaupol_command(srt_file: Path) -> list[str] | None:
    gaupol = shutil.which("gaupol")
    return [gaupol, str(srt_file)] if gaupol else None


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
