"""Audio benchmarks: waveform peaks of a long episode, the peaks cache, the playhead.

Synthesizes a speech-like mono 64 kbps MP3 (3 hours unless --minutes says
otherwise) in a temporary folder, then prints one line per figure in
docs/performance.md's format: ``name  ours  reference  ratio  target  PASS|FAIL``.

    .venv/bin/python benchmarks/bench_audio.py [--minutes 180] [--runs 3] [--keep FILE]
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

from editor.audio.waveform import find_ffmpeg, waveform_peaks  # noqa: E402

# One fresh interpreter per measured run, so that its peak memory (and that of
# its ffmpeg child) belongs to the waveform alone.
PEAKS_CHILD = """
import json, resource, sys, time
from editor.audio.waveform import waveform_peaks
started = time.perf_counter()
peaks = waveform_peaks(sys.argv[1], use_cache=False)
seconds = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "kb": own + children, "buckets": len(peaks)}))
"""


def line(name: str, ours: str, reference: str, ratio: str, target: str, ok: bool) -> None:
    print(f"{name:<28}  {ours:>10}  {reference:>22}  {ratio:>7}  {target:>10}  "
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
    """Seconds and peak KB of ``ffmpeg -v error -i FILE -f null -``."""
    started = time.perf_counter()
    process = subprocess.Popen([ffmpeg, "-nostdin", "-v", "error", "-i", str(path),
                                "-f", "null", "-"])
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"ffmpeg could not decode {path}")
    return seconds, usage.ru_maxrss


def peaks_in_child(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", PEAKS_CHILD, str(path)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def bench_waveform(ffmpeg: str, path: Path, minutes: int, runs: int) -> None:
    floors, ours, memory, floor_memory = [], [], [], []
    for _ in range(runs):
        seconds, kb = decode_floor(ffmpeg, path)
        floors.append(seconds)
        floor_memory.append(kb)
        child = peaks_in_child(path)
        ours.append(child["seconds"])
        memory.append(child["kb"])
    ours_s, floor_s = statistics.median(ours), statistics.median(floors)
    ratio = ours_s / floor_s
    line(f"waveform_peaks_{minutes}min", f"{ours_s:.2f} s", f"{floor_s:.2f} s ffmpeg null",
         f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
    peak_mb = max(memory) / 1024
    line("waveform_peak_memory", f"{peak_mb:.0f} MB",
         f"{max(floor_memory) / 1024:.0f} MB ffmpeg null", "-", "<= 150 MB", peak_mb <= 150)


def bench_cache(path: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        waveform_peaks(path, cache_dir=cache)
        times = []
        for _ in range(max(runs, 5)):
            started = time.perf_counter()
            waveform_peaks(path, cache_dir=cache)
            times.append(time.perf_counter() - started)
    ms = statistics.median(times) * 1000
    line("waveform_cached_call", f"{ms:.1f} ms", "-", "-", "<= 50 ms", ms <= 50)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=180,
                        help="length of the synthesized episode (default 180)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--keep", type=Path, metavar="MP3",
                        help="synthesize into this file once and reuse it on later runs")
    args = parser.parse_args()
    ffmpeg = find_ffmpeg()
    with tempfile.TemporaryDirectory(prefix="bench_audio_") as folder:
        path = args.keep or Path(folder) / f"episode_{args.minutes}min.mp3"
        if not path.exists():
            note(f"synthesizing {args.minutes} minutes of audio ...")
            started = time.perf_counter()
            synthesize(ffmpeg, args.minutes, path)
            note(f"  {time.perf_counter() - started:.1f} s, {path.stat().st_size / 1e6:.0f} MB")
        print(f"{'name':<28}  {'ours':>10}  {'reference':>22}  {'ratio':>7}  "
              f"{'target':>10}  result")
        duration_ms = round(mutagen.File(path).info.length * 1000)
        bench_waveform(ffmpeg, path, round(duration_ms / 60_000), args.runs)
        bench_cache(path, args.runs)
        bench_playhead(path, duration_ms)
        note(f"(this process peaked at "
             f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
