"""Every reader, fed thousands of mutated real files through the guarded entry:
only the project's own one-line errors escape, and everything accepted saves and
loads back equal. A fixed seed in CI. The slow run, ten times as many with
another seed, is asked for: ``SHOWSCRIBE_SLOW_FUZZ=1 pytest -m slow tests/core/hostile``."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from editor.core.formats import all_formats, by_name
from helpers import ROOT

from agree import import_save_load
from formats_support import chapter_project, transcript_project

SEED = 20261201
CASES = 2000
SAMPLE_MP3 = ROOT / "sample_projects" / "sample-episode" / "audio" / "episode.mp3"
READERS = sorted(f.name for f in all_formats() if f.can_read)
# What hostile files put in: escapes, entities, huge numbers, deep nesting, odd spaces.
HOSTILE = [b"\\ud800", b"\xed\xa0\x80", b"\x00", b"&#0;", b"&#106;avascript:", b"1" * 40,
           b"9" * 5000, b"[" * 600, b"{" * 600, b"<span>" * 300, b"  ", b"\r", b"\xef\xbb\xbf",
           b"1000:00:00.000", b"99:59:59", b"-1", b"1e999", b"NaN", b"Ann  Lee: ",
           b"&a [*a]", b"!!python/object/apply:os.system", b"<!ENTITY x 'y'>", b"\xff\xfe"]


# The M4A reader runs ffprobe, 50-100 ms a file on a quiet machine and 0.4 s on a
# loaded one: its cases run two at a time (the time goes to ffprobe's processes),
# in parts of 125, so that each part is held to the per-test time limit on its own
# (250 took 70-104 s at a load average of 10).
PARTS_FOR = {"m4a-chapters": 16}
PROCESS_WORKERS = 2


def _sample(name: str, tmp_path: Path) -> bytes:
    fmt = by_name(name)
    if name == "otr":
        return json.dumps({"text": '<p><span class="timestamp" data-timestamp="1.5">0:01'
                           '</span> Ann: Hello &amp; welcome</p><p>Bo: hi</p>',
                           "media": "", "media-time": 0}).encode()
    if fmt.binary:
        if name == "id3-chapters":
            return _mp3_with_chapters()
        return _m4a_with_chapters(tmp_path)
    project = transcript_project() if fmt.kind == "transcript" else chapter_project()
    if fmt.kind == "shownotes":
        project = transcript_project()
        project.chapters = chapter_project().chapters
    return fmt.write(project).encode("utf-8")


def _mp3_with_chapters() -> bytes:
    import io

    from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags
    data = io.BytesIO(SAMPLE_MP3.read_bytes()[:40_000])   # the tags and a few frames
    tags = ID3()
    tags.add(CHAP(element_id="c0", start_time=0, end_time=1000, sub_frames=[TIT2(text=["A"])]))
    tags.add(CHAP(element_id="c1", start_time=1000, end_time=2000,
                  sub_frames=[TIT2(text=["B"])]))
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=["c0", "c1"], sub_frames=[]))
    tags.save(data)
    return data.getvalue()


def _m4a_with_chapters(folder: Path) -> bytes:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.fail("ffmpeg is not installed (packaging/setup.sh installs it)")
    metadata = folder / "chapters.ffmetadata"
    metadata.write_text(";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\n"
                        "title=A\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=B\n")
    target = folder / "made.m4a"
    subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=300:duration=2", "-i", str(metadata), "-map_metadata", "1",
                    "-c:a", "aac", "-b:a", "32k", str(target)], check=True)
    return target.read_bytes()


def mutate(rng: random.Random, data: bytes) -> bytes:
    """``data`` changed the ways damaged and hostile files are: bytes flipped,
    cut short, a hostile piece inserted, a slice repeated or removed."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        how = rng.randrange(5)
        at = rng.randint(0, len(data))
        if how == 0 and data:
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif how == 1:
            del data[at:]
        elif how == 2:
            data[at:at] = rng.choice(HOSTILE)
        elif how == 3:
            end = min(len(data), at + rng.randint(1, 200))
            data[at:at] = data[at:end] * rng.randint(2, 20)
        else:
            del data[at:at + rng.randint(1, 50)]
    return bytes(data)


def _fuzz(name: str, cases: int, seed: int, tmp_path: Path, part: int = 0,
          workers: int = 1) -> None:
    fmt = by_name(name)
    valid = _sample(name, tmp_path)
    rng = random.Random(f"{seed}-{name}" + (f"-{part}" if part else ""))
    mutated = [mutate(rng, valid) for _ in range(cases)]

    def case(index: int) -> bool:
        source = tmp_path / (f"source-{index % workers}" + fmt.extensions[0])
        source.write_bytes(mutated[index])
        result = import_save_load(source, name, tmp_path / f"p-{index % workers}.showscribe.yaml")
        return not isinstance(result, Exception)

    if workers == 1:
        accepted = sum(case(index) for index in range(cases))
    else:
        stop = threading.Event()

        # Worker w takes cases w, w + workers, ...: its files are its own.
        def run(worker: int) -> int:
            taken = 0
            for index in range(worker, cases, workers):
                if stop.is_set():     # the test failed or ran out of time
                    break
                taken += case(index)
            return taken
        pool = ThreadPoolExecutor(workers)
        try:
            accepted = sum(pool.map(run, range(workers)))
        finally:
            stop.set()
            pool.shutdown(wait=True)
    assert accepted, "every mutation was refused: the sample does not read"


def _runs() -> list:
    """(name, part) of every fuzz test: one per reader, or its parts."""
    return [pytest.param(name, part, id=f"{name}-{part + 1}of{PARTS_FOR[name]}"
                         if name in PARTS_FOR else name)
            for name in READERS for part in range(PARTS_FOR.get(name, 1))]


def _fuzz_run(name: str, part: int, cases: int, seed: int, tmp_path: Path) -> None:
    parts = PARTS_FOR.get(name, 1)
    workers = PROCESS_WORKERS if name in PARTS_FOR else 1
    _fuzz(name, cases // parts, seed, tmp_path, part, workers)


@pytest.mark.parametrize(("name", "part"), _runs())
def test_mutated_files(name, part, tmp_path):
    _fuzz_run(name, part, CASES, SEED, tmp_path)


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not os.environ.get("SHOWSCRIBE_SLOW_FUZZ"),
                    reason="the slow fuzz run is asked for with SHOWSCRIBE_SLOW_FUZZ=1")
@pytest.mark.parametrize(("name", "part"), _runs())
def test_many_more_mutated_files(name, part, tmp_path):
    _fuzz_run(name, part, CASES * 10, SEED + 1, tmp_path)
