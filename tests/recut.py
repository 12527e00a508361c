"""The sample episode re-cut: a copy of its audio with a stretch taken out of the
middle, as an editor would cut it, for the Replace Audio tests (tests/audio and
tests/gui)."""
from __future__ import annotations

import subprocess
from pathlib import Path

# 20 s out of the middle of the 3:09 sample: the end of Aino's turn at 01:33,
# all of Dana's at 01:42 and most of Aino's at 01:45 are cut.
CUT_MS = (95_000, 115_000)


def cut_out(ffmpeg: str, source: Path, target: Path, cut: tuple[int, int] = CUT_MS) -> Path:
    """``source`` without the audio from ``cut[0]`` to ``cut[1]`` ms, as an MP3."""
    low, high = (ms / 1000 for ms in cut)
    graph = (f"[0:a]asplit=2[x][y];[x]atrim=0:{low},asetpts=PTS-STARTPTS[a];"
             f"[y]atrim={high},asetpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=0:a=1")
    subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source),
                    "-filter_complex", graph, "-ac", "1", "-b:a", "64k", str(target)],
                   check=True)
    return target


def moved_as_cut(old: int, new: int, cut: tuple[int, int] = CUT_MS,
                 tolerance: int = 100) -> bool | None:
    """Whether ``new`` is where a time ``old`` of the uncut audio belongs in the cut
    one (within ``tolerance`` ms); None for a time inside the cut."""
    low, high = cut
    if old < low:
        return abs(new - old) <= tolerance
    if old >= high:
        return abs(new - (old - (high - low))) <= tolerance
    return None
