"""Audio benchmarks: waveform peaks of a long episode, the peaks cache, the first
overview, the waveform detail's zoom and scroll repaints, the playhead.

Synthesizes a speech-like mono 64 kbps MP3 (3 hours unless --minutes says
otherwise) in a temporary folder, then prints one line per figure in
docs/performance.md's format: ``name  ours  reference  ratio  target  PASS|FAIL``.

Peaks are measured as the editor reads them (one time range a core, in
parallel) and in one process, each against one ``ffmpeg -v error -i FILE -f null -``
decode of the same file in the same run; memory is the peak of the resident
sizes of the whole process tree (the interpreter and its ffmpeg children
together), sampled every 10 ms.

The detail's steps are wheel notches sent to it inside a window with the strip
it is linked to, each timed until its events, both repaints included, are
processed; ``--only repaint`` (with ``--keep``) runs them without the
3-hour decode lines.

    .venv/bin/python benchmarks/bench_audio.py [--minutes 180] [--runs 3] [--keep FILE]
                                               [--only peaks overview cache repaint playhead]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mutagen  # noqa: E402

from editor.audio.waveform import CACHE_ENV, find_ffmpeg, waveform_peaks  # noqa: E402

# One fresh interpreter per measured run, so that its memory (and that of its
# ffmpeg children) belongs to the waveform alone. ranges: "" for the editor's
# default (one a core), "1" for one process.
PEAKS_CHILD = """
import json, resource, sys, time
from editor.audio.waveform import waveform_peaks
ranges = int(sys.argv[2]) if sys.argv[2] else None
started = time.perf_counter()
peaks = waveform_peaks(sys.argv[1], use_cache=False, ranges=ranges)
seconds = time.perf_counter() - started
cpu = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
          for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": seconds, "cpu": cpu, "buckets": len(peaks)}))
"""

# The strip as the window shows it, on a file it has never read: how long from
# load() until the first overview is painted.
FIRST_OVERVIEW_CHILD = """
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["SHOWSCRIBE_CACHE_DIR"] = sys.argv[2]
from PySide6.QtWidgets import QApplication
from editor.gui.waveform import WaveformStrip
app = QApplication([])
strip = WaveformStrip()
strip.resize(1280, 64)
strip.show()
app.processEvents()
started = time.perf_counter()
strip.load(sys.argv[1])
while strip.sketch is None and strip.peaks is None:
    app.processEvents()
    time.sleep(0.002)
strip.repaint()
seconds = time.perf_counter() - started
strip.load(None)
print(json.dumps({"seconds": seconds}))
"""


def line(name: str, ours: str, reference: str, ratio: str, target: str, ok: bool) -> None:
    print(f"{name:<34}  {ours:>10}  {reference:>22}  {ratio:>7}  {target:>10}  "
          f"{'PASS' if ok else 'FAIL'}", flush=True)


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def synthesize(ffmpeg: str, minutes: int, out: Path) -> None:
    """Pink noise in syllable-like bursts with pauses: decodes like speech does."""
    seconds = minutes * 60
    envelope = "0.15+0.85*abs(sin(2*PI*t*2.3))*gt(sin(2*PI*t/7),-0.6)"
    subprocess.run(
        [ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
         f"anoisesrc=color=pink:amplitude=0.5:duration={seconds}:sample_rate=44100:seed=11",
         "-af", f"volume='{envelope}':eval=frame", "-ac", "1", "-c:a", "libmp3lame",
         "-b:a", "64k", str(out)], check=True)


def decode_floor(ffmpeg: str, path: Path) -> tuple[float, int]:
    """Seconds and peak KB of ``ffmpeg -v error -i FILE -f null -`` (its CPU seconds
    go to FLOOR_CPU)."""
    started = time.perf_counter()
    process = subprocess.Popen([ffmpeg, "-nostdin", "-v", "error", "-i", str(path),
                                "-f", "null", "-"])
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    FLOOR_CPU.append(usage.ru_utime + usage.ru_stime)
    if process.returncode != 0:
        raise SystemExit(f"ffmpeg could not decode {path}")
    return seconds, usage.ru_maxrss


def _tree_kb(pid: int) -> int:
    """Resident kB of ``pid`` and all its descendants, now (0 for any already gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for row in Path(f"/proc/{current}/status").read_text().splitlines():
                if row.startswith("VmRSS:"):
                    total += int(row.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run_sampled(command: list[str]) -> tuple[str, int]:
    """Run ``command``; its standard output and the peak resident kB of its process tree."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_kb(process.pid))
        time.sleep(0.01)
    output = process.stdout.read()
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} failed")
    return output, peak


FLOOR_CPU: list[float] = []


def peaks_in_child(path: Path, ranges: str) -> tuple[dict, int]:
    output, kb = run_sampled([sys.executable, "-c", PEAKS_CHILD, str(path), ranges])
    return json.loads(output), kb


def bench_waveform(ffmpeg: str, path: Path, minutes: int, runs: int) -> None:
    floors, floor_memory = [], []
    ours = {"": [], "1": []}
    memory = {"": [], "1": []}
    cpu = {"": [], "1": []}
    for _ in range(runs):
        seconds, kb = decode_floor(ffmpeg, path)
        floors.append(seconds)
        floor_memory.append(kb)
        for ranges in ours:
            child, kb = peaks_in_child(path, ranges)
            ours[ranges].append(child["seconds"])
            cpu[ranges].append(child["cpu"])
            memory[ranges].append(kb)
    floor_s = statistics.median(floors)
    cores = os.cpu_count() or 1
    for ranges, name, target in (("", f"waveform_peaks_{minutes}min_parallel", 0.7),
                                 ("1", f"waveform_peaks_{minutes}min_one_process", 1.3)):
        ours_s = statistics.median(ours[ranges])
        ratio = ours_s / floor_s
        line(name, f"{ours_s:.2f} s", f"{floor_s:.2f} s ffmpeg null", f"{ratio:.2f}x",
             f"<= {target}x", ratio <= target)
    note(f"  ({cores} cores; load average {os.getloadavg()[0]:.1f} after the runs; CPU "
         f"seconds: ffmpeg null {statistics.median(FLOOR_CPU):.1f}, parallel "
         f"{statistics.median(cpu['']):.1f}, one process {statistics.median(cpu['1']):.1f})")
    for ranges, name in (("", "waveform_peak_memory_parallel"),
                         ("1", "waveform_peak_memory_one_process")):
        peak_mb = max(memory[ranges]) / 1024
        line(name, f"{peak_mb:.0f} MB", f"{max(floor_memory) / 1024:.0f} MB ffmpeg null",
             "-", "<= 150 MB", peak_mb <= 150)


def bench_first_overview(path: Path, runs: int) -> None:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            result = subprocess.run([sys.executable, "-c", FIRST_OVERVIEW_CHILD, str(path),
                                     cache], cwd=ROOT, capture_output=True, text=True,
                                    check=True)
        times.append(json.loads(result.stdout)["seconds"])
    seconds = statistics.median(times)
    line("waveform_first_overview", f"{seconds:.2f} s", "-", "-", "<= 1.5 s", seconds <= 1.5)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


def wheel_step(app, widget, x: float, notches: int, ctrl: bool = False) -> None:
    """One wheel notch (Ctrl held: a zoom) at ``x`` over the waveform, and the
    events it causes, the repaints included, processed."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    position = QPointF(x, widget.height() / 2)
    event = QWheelEvent(position, widget.mapToGlobal(position), QPoint(),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier if ctrl
                        else Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    app.processEvents()


def bench_detail_repaint(path: Path, duration: int, turns: int = 5000,
                         chapters: int = 200) -> None:
    """Zoom and scroll steps of the waveform detail as the window has it, under the
    strip it is linked to, on a project of ``turns`` turns and ``chapters`` chapters
    over the episode: each a wheel notch over the detail until both have repainted.
    The peaks come through the strip from the cache, as on opening a project."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from benchmarks.synthetic import make_project
    from editor.core.model import Chapter
    from editor.gui.waveform import STRIP_HEIGHT, WaveformStrip
    from editor.gui.waveform_detail import (DETAIL_HEIGHT, MIN_SPAN_MS, WaveformDetail,
                                            link_strip)

    app = QApplication.instance() or QApplication([])
    project = make_project(turns)
    last = project.turns[-1].start or 1
    for turn in project.turns:          # spread the talk over the whole episode
        turn.start = turn.start * (duration - 10_000) // last
    project.turns = project.turns       # the cached starts are rebuilt
    project.chapters = [Chapter(k * duration // chapters, f"Chapter {k + 1}: a title")
                        for k in range(chapters)]
    project.audio_duration = duration
    for width in (1280, 1920):
        window = QWidget()
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        strip, detail = WaveformStrip(), WaveformDetail()
        layout.addWidget(strip)
        layout.addWidget(detail)
        link_strip(strip, detail)
        window.resize(width, STRIP_HEIGHT + DETAIL_HEIGHT)
        strip.set_project(project)
        detail.set_project(project)
        window.show()
        strip.load(path)
        while strip.levels is None:
            if strip.status_text.startswith("No waveform"):
                raise SystemExit(f"the strip could not read {path}: {strip.status_text}")
            app.processEvents()
            time.sleep(0.002)
        app.processEvents()
        strip.set_playhead(duration // 2)
        detail.set_playhead(duration // 2)
        app.processEvents()
        zooms, scrolls = [], []
        cpu: dict[int, list[float]] = {id(zooms): [], id(scrolls): []}
        pointer = width / 2         # the pointer rests mid-view while the wheel turns

        def timed(notches: int, ctrl: bool, into: list[float]) -> None:
            # Wall time is what the user waits; this thread's CPU time shows how
            # much of it other processes on a loaded machine took.
            started, started_cpu = time.perf_counter(), time.thread_time()
            wheel_step(app, detail, pointer, notches, ctrl)
            into.append((time.perf_counter() - started) * 1000)
            cpu[id(into)].append((time.thread_time() - started_cpu) * 1000)

        for _ in range(3):
            while detail.span_ms() > MIN_SPAN_MS:
                timed(1, True, zooms)
                for _ in range(3):
                    timed(-1, False, scrolls)       # a notch down scrolls on in time
            while detail.can_zoom_out():
                timed(-1, True, zooms)
                for _ in range(3):
                    timed(1, False, scrolls)
        for name, values in (("zoom", zooms), ("scroll", scrolls)):
            p99 = percentile(values, 0.99)
            line(f"detail_{name}_repaint_p99_{width}", f"{p99:.1f} ms",
                 f"{statistics.median(values):.1f} med, cpu p99 "
                 f"{percentile(cpu[id(values)], 0.99):.1f}", "-", "<= 16 ms", p99 <= 16)
        strip.load(None)
        window.close()
        window.deleteLater()
        app.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)    # gone now


def bench_cache(path: Path, runs: int, cache: Path):
    """The cached call's time, the peaks cached in ``cache``; returns the peaks."""
    peaks = waveform_peaks(path, cache_dir=cache)
    times = []
    for _ in range(max(runs, 5)):
        started = time.perf_counter()
        waveform_peaks(path, cache_dir=cache)
        times.append(time.perf_counter() - started)
    ms = statistics.median(times) * 1000
    line("waveform_cached_call", f"{ms:.1f} ms", "-", "-", "<= 50 ms", ms <= 50)
    return peaks


def playhead_errors(player, seconds: float, poll_s: float) -> tuple[list[float], list[float]]:
    """Shown and raw-reading errors against true media time while playing.

    True time is ``rate * wall - C``; every change of libvlc's reading bounds C
    from above and the smallest bound over the whole stretch is taken as C.
    """
    rate = player.rate
    samples = []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        shown = player.position_ms()
        wall_ms = time.monotonic() * 1000
        samples.append((wall_ms, shown, player.backend_position_ms()))
        time.sleep(poll_s)
    changes = [(w, r) for (w, _, r), (_, _, before) in zip(samples[1:], samples)
               if r is not None and r != before]
    offset = min(rate * w - r for w, r in changes)
    # Skip the first reading's wait: before it, nothing says where playback is.
    first_change = changes[0][0]
    shown_errors = [abs(s - (rate * w - offset)) for w, s, _ in samples if w >= first_change]
    raw_errors = [abs(r - (rate * w - offset)) for w, _, r in samples
                  if w >= first_change and r is not None]
    return shown_errors, raw_errors


def bench_playhead(path: Path, duration_ms: int) -> None:
    from editor.audio.vlc_player import VlcPlayer
    player = VlcPlayer(["--aout=adummy"])
    try:
        if not player.load(path):
            raise SystemExit(f"cannot load {path} for playback")
        shown, raw = [], []
        # From the start, then after seeks at other rates, polled like a 60 Hz GUI timer.
        for rate, seek_to in ((1.0, None), (1.5, duration_ms // 2), (0.75, duration_ms // 4)):
            player.set_rate(rate)
            if seek_to is not None:
                player.seek_ms(seek_to)
            player.play()
            segment_shown, segment_raw = playhead_errors(player, 5.0, 1 / 60)
            shown += segment_shown
            raw += segment_raw
            player.pause()
    finally:
        player.close()
    p95 = sorted(shown)[int(len(shown) * 0.95)]
    raw_p95 = sorted(raw)[int(len(raw) * 0.95)]
    median = statistics.median(shown)
    line("playhead_error_median", f"{median:.1f} ms",
         f"{statistics.median(raw):.0f} ms raw get_time", "-", "<= 30 ms", median <= 30)
    line("playhead_error_p95", f"{p95:.1f} ms", f"{raw_p95:.0f} ms raw get_time",
         f"{p95 / raw_p95:.2f}x", "<= 30 ms", p95 <= 30)


PARTS = ("peaks", "overview", "cache", "repaint", "playhead")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=180,
                        help="length of the synthesized episode (default 180)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--keep", type=Path, metavar="MP3",
                        help="synthesize into this file once and reuse it on later runs")
    parser.add_argument("--only", nargs="+", default=list(PARTS), choices=PARTS,
                        help="measure only these figures")
    args = parser.parse_args()
    ffmpeg = find_ffmpeg()
    with tempfile.TemporaryDirectory(prefix="bench_audio_") as folder:
        path = args.keep or Path(folder) / f"episode_{args.minutes}min.mp3"
        if not path.exists():
            note(f"synthesizing {args.minutes} minutes of audio ...")
            started = time.perf_counter()
            synthesize(ffmpeg, args.minutes, path)
            note(f"  {time.perf_counter() - started:.1f} s, {path.stat().st_size / 1e6:.0f} MB")
        print(f"{'name':<34}  {'ours':>10}  {'reference':>22}  {'ratio':>7}  "
              f"{'target':>10}  result")
        duration_ms = round(mutagen.File(path).info.length * 1000)
        note(f"load average before: {os.getloadavg()[0]:.1f}")
        if "peaks" in args.only:
            bench_waveform(ffmpeg, path, round(duration_ms / 60_000), args.runs)
        if "overview" in args.only:
            bench_first_overview(path, args.runs)
        if "repaint" in args.only or "cache" in args.only:
            peaks = bench_cache(path, args.runs, Path(folder) / "cache" / "peaks")
            if "repaint" in args.only:
                os.environ[CACHE_ENV] = str(Path(folder) / "cache")    # where the strip reads
                bench_detail_repaint(path, peaks.duration_ms)
        if "playhead" in args.only:
            bench_playhead(path, duration_ms)
        note(f"(this process peaked at "
             f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
