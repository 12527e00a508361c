"""An X server for the window benchmarks, and Gaupol on it as the reference.

Owns starting a private Xvfb (when no display is given), warming it with one
GTK program before anything is measured, and timing a program from its start
until its window, titled with the file it opened, is shown on that server:
Gaupol opening a 5,000-cue SRT, and Showscribe opening the same text, timed the
same way (the whole process, as a user waits for it), and a bare Qt text box
holding that text as Qt's own floor.

Why warm: the first GTK program on a fresh X server may pay for what a desktop
has long done (font and icon caches).

Why -noreset: an X server resets whenever its last client leaves (an xdotool
poll, the program ended a moment before). A program connecting during the reset
fails to start, and GTK 3 on a server that has reset loads Mesa's software
OpenGL driver with LLVM (about 48 MB resident): Gaupol measured 123 MB that
way here and 70 MB on a server that never reset, as on a desktop. The OpenGL
driver's share of each process is still read, and printed when there is any,
for a reader to judge a desktop whose driver differs.

Why settle the page cache: resident memory counts the pages of each shared
library that the kernel maps around every page fault from what it has cached.
Right after pip has written the Qt wheels, their files sit in the cache in
large blocks and our figure reads about 7 MB higher (130 against 123 MB here)
than once the files have been read back from disk; Gaupol's libraries, installed
long before, are always in the second state. So the files the programs map are
dropped from the cache and each program is run once unmeasured, and all are
then measured from what their own runs read.

Emits nothing; the functions return seconds and kB.
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
from typing import NamedTuple


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
                               "1280x1024x24", "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
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


class Shown(NamedTuple):
    """A program's window on the X server: how long it took to show, the
    process's resident kB and the OpenGL driver's part of them, the files it mapped."""
    seconds: float
    resident_kb: int
    gl_driver_kb: int
    mapped_files: frozenset[str]


def mapped_files(pid: int) -> frozenset[str]:
    """The regular files ``pid`` has mapped (its libraries, fonts, caches)."""
    files = set()
    for row in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = row.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/") and not fields[5].endswith(
                "(deleted)") and not fields[5].startswith("/dev/"):
            files.add(fields[5])
    return frozenset(files)


def drop_from_page_cache(files: frozenset[str]) -> int:
    """Ask the kernel to drop ``files`` from its page cache (no privileges needed
    for clean pages); how many files it was asked for."""
    asked = 0
    for name in files:
        try:
            descriptor = os.open(name, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            asked += 1
        finally:
            os.close(descriptor)
    return asked


def time_window(command: list[str], display: str, title: str, env: dict[str, str],
                settle_s: float = 0.5) -> Shown | None:
    """Start ``command`` and time it until its window titled ``title`` is shown;
    ``settle_s`` later, read its memory and mapped files. None if no window came."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, env=dict(env, DISPLAY=display),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for_window(display, title, 60):
            return None
        spent = time.perf_counter() - begin
        time.sleep(settle_s)     # let it finish drawing
        pid = process.pid
        return Shown(spent, resident_kb(pid), gl_driver_kb(pid), mapped_files(pid))
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
