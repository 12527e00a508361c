"""WebVTT in Chromium: the captions of the sample episode, as it is and with a
heard time for every word (and of a project of characters to escape), read by
the browser's own parser through the TextTrack API, are the cues the export
wrote, in its order and form; on the aligned one no cue is under a second
unless its turn is; and a cue damaged on purpose (one the browser drops, one
it reads short of a line, one too short) is noticed.

Chromium runs once for the module, headless, on a page served from 127.0.0.1
(a track from file:// is refused as cross-origin without extra flags): one
``<video>`` with a ``<track>`` for each file, the cues of every track written
into the page as JSON once all have loaded, and the page read back with
``--dump-dom``."""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import threading
from pathlib import Path

import pytest

from editor.core.builder import turn_spans
from editor.core.formats import vtt
from editor.core.formats._captions import MIN_CUE_MS, cut_turns
from editor.core.model import Project
from editor.core.projectfile import load_project
from editor.core.timecode import format_vtt
from formats_support import aligned_sample, transcript_project

# Each track's cues as the browser has them, or why the track did not load. The
# JSON is kept to printable ASCII without < > &, so the dumped page holds it verbatim.
PAGE = """<!DOCTYPE html>
<meta charset="utf-8">
<body>
{videos}
<pre id="out">waiting for the tracks</pre>
<script>
const cuesOf = track => Array.from(track.cues, cue => {{
  const shown = cue.getCueAsHTML();
  return {{id: cue.id, start: cue.startTime, end: cue.endTime, text: cue.text,
           shown: shown.textContent,
           voices: Array.from(shown.querySelectorAll('span[title]'), span => span.title)}};
}});
const ascii = json => json.replace(/[^\\x20-\\x7e]|[<>&]/g,
  c => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
Promise.all(Array.from(document.querySelectorAll('track'), element => new Promise(done => {{
  element.addEventListener('load', () => done(cuesOf(element.track)));
  element.addEventListener('error', () => done({{error: element.getAttribute('src')}}));
  element.track.mode = 'hidden';
}}))).then(all => {{
  document.getElementById('out').textContent = ascii(JSON.stringify(all));
}});
</script>
"""
SAMPLES = Path(__file__).resolve().parents[3] / "sample_projects"
VIDEO = '<video preload="none"><track default kind="captions" src="{name}"></video>'
OUT = re.compile(r'<pre id="out">(.*?)</pre>', re.DOTALL)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {".vtt": "text/vtt; charset=utf-8", ".html": "text/html; charset=utf-8"}

    def log_message(self, *args) -> None:
        pass


def read_in_chromium(chromium: str, folder: Path, files: dict[str, str]) -> dict[str, list]:
    """Each of ``files`` (name: WebVTT text) as Chromium's TextTrack has its cues."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "page.html").write_text(
        PAGE.format(videos="\n".join(VIDEO.format(name=name) for name in files)),
        encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    home = folder / "home"
    try:
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-dev-shm-usage", "--no-proxy-server",
             f"--user-data-dir={folder / 'profile'}", "--virtual-time-budget=5000",
             "--dump-dom", f"http://127.0.0.1:{server.server_address[1]}/page.html"],
            capture_output=True, text=True, timeout=60,
            env=dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                     XDG_CACHE_HOME=str(home / "cache")))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    found = OUT.search(done.stdout)
    assert done.returncode == 0 and found and found[1].startswith("["), (
        f"Chromium (exit {done.returncode}) left no cues in the page: "
        f"{found[1] if found else done.stdout[-300:]!r}\n{done.stderr[-2000:]}")
    tracks = json.loads(found[1])
    assert [t for t in tracks if isinstance(t, dict)] == [], "a track did not load"
    return dict(zip(files, tracks))


def ms(seconds: float) -> int:
    """A browser time in seconds as the whole ms it stands for."""
    whole = round(seconds * 1000)
    assert abs(seconds * 1000 - whole) < 1e-6, f"{seconds!r} s is not a whole ms"
    return whole


def written(project: Project, text: str) -> list[tuple]:
    """What the export says it wrote: the cues ``vtt.write`` cut, each as (id,
    start ms, end ms, the payload as in ``text``, the text shown, its voices)."""
    blocks = text.removeprefix("WEBVTT\n\n").removesuffix("\n").split("\n\n")
    payloads = [block.split("\n")[2:] for block in blocks]
    cues = cut_turns(project, vtt.LINE_LENGTH, vtt.LINES_PER_CUE)
    assert len(payloads) == len(cues)
    view = []
    for cue, payload in zip(cues, payloads):
        identifier = f"{cue.turn}-{cue.paragraph}-{cue.piece}"
        if cue.break_line is not None:
            identifier += f"-{cue.break_line}"
        view.append((identifier, cue.start, cue.end, "\n".join(payload),
                     "\n".join(cue.lines), [cue.speaker] if cue.speaker else []))
    return view


def as_read(cues: list[dict]) -> list[tuple]:
    """The browser's cues, in its own order and form, in the shape of :func:`written`."""
    return [(c["id"], ms(c["start"]), ms(c["end"]), c["text"], c["shown"], c["voices"])
            for c in cues]


def assert_read_as_written(cues: list[dict], project: Project, text: str) -> None:
    expected = written(project, text)
    assert len(cues) == len(expected), \
        f"Chromium read {len(cues)} of the {len(expected)} cues written"
    assert as_read(cues) == expected


def short_cues(cues: list[dict], project: Project) -> list[tuple[str, int]]:
    """(id, ms) of each cue under a second whose turn is not."""
    spans = [end - start for start, end in turn_spans(project)]
    return [(c["id"], ms(c["end"]) - ms(c["start"])) for c in cues
            if ms(c["end"]) - ms(c["start"]) < MIN_CUE_MS
            and spans[int(c["id"].split("-")[0]) - 1] >= MIN_CUE_MS]


SHORT_MS = 400


def broken(text: str, identifier: str, start: int, how: str) -> str:
    """``text`` with the cue ``identifier`` (starting at ``start`` ms) damaged: a
    comma for the point of its start time, a blank line inside its text, or its
    end ``SHORT_MS`` after its start."""
    block = re.search(rf"^{identifier}\n(\S+) --> (\S+)\n(.*)\n", text, re.MULTILINE)
    assert block, identifier
    if how == "comma":
        at, stop = block.span(1)
        return text[:at] + block[1].replace(".", ",") + text[stop:]
    if how == "short":
        at, stop = block.span(2)
        return text[:at] + format_vtt(start + SHORT_MS) + text[stop:]
    return text[:block.end(3)] + "\n" + text[block.end(3):]


@pytest.fixture(scope="module")
def damaged() -> tuple[str, int]:
    """The identifier and start of the cue the damaged files break: one in the
    middle of the aligned sample, of a turn cut in several, of two lines (so a
    blank line can go between them)."""
    project = aligned_sample(SAMPLES)
    cues = [c for c in written(project, vtt.write(project))
            if not c[0].endswith("-1-1") and "\n" in c[3]]
    return cues[len(cues) // 2][:2]


@pytest.fixture(scope="module")
def files(damaged) -> dict[str, tuple[Project, str]]:
    """name: (project, its VTT as written, or damaged). Besides the sample, a
    project of escaped characters, emoji, paragraphs and times past an hour."""
    plain = load_project(SAMPLES / "sample-episode" / "episode.showscribe.yaml")
    aligned = aligned_sample(SAMPLES)
    text = vtt.write(aligned)
    escaped = transcript_project()
    return {"sample.vtt": (plain, vtt.write(plain)), "aligned.vtt": (aligned, text),
            "escaped.vtt": (escaped, vtt.write(escaped)),
            "comma.vtt": (aligned, broken(text, *damaged, "comma")),
            "blank-line.vtt": (aligned, broken(text, *damaged, "blank line")),
            "short.vtt": (aligned, broken(text, *damaged, "short"))}


@pytest.fixture(scope="module")
def read(chromium, files, tmp_path_factory) -> dict[str, list[dict]]:
    return read_in_chromium(chromium, tmp_path_factory.mktemp("vtt-chromium"),
                            {name: text for name, (_, text) in files.items()})


@pytest.mark.parametrize("name", ["sample.vtt", "aligned.vtt", "escaped.vtt"])
def test_chromium_reads_every_cue_as_written(files, read, name):
    project, text = files[name]
    assert_read_as_written(read[name], project, text)
    # Chromium took every speaker's name as a voice, "Aino Mäkelä" and "Jonas Pärn" too.
    assert {v for c in read[name] for v in c["voices"]} == {s.name for s in project.speakers}


def test_the_aligned_sample_is_cut_at_word_times(files, read):
    # Cut in more cues than turns, and not where the sample as it is was cut: the
    # times Chromium read are word times.
    assert len(read["aligned.vtt"]) > len(files["aligned.vtt"][0].turns)
    starts = {name: {c["start"] for c in read[name]} for name in ("sample.vtt", "aligned.vtt")}
    assert starts["aligned.vtt"] - starts["sample.vtt"]


def test_no_cue_of_the_aligned_sample_is_under_a_second_unless_its_turn_is(files, read):
    assert short_cues(read["aligned.vtt"], files["aligned.vtt"][0]) == []


@pytest.mark.parametrize("name", ["comma.vtt", "blank-line.vtt", "short.vtt"])
def test_a_damaged_cue_is_noticed(files, read, damaged, name):
    project, text = files["aligned.vtt"]
    identifier, _ = damaged
    ids = [c["id"] for c in read[name]]
    if name == "comma.vtt":      # a bad timestamp: the browser drops the cue
        assert identifier not in ids and len(ids) == len(read["aligned.vtt"]) - 1
    else:    # read, but without the line after the blank one (no cue), or too short
        assert ids == [c["id"] for c in read["aligned.vtt"]]
    if name == "short.vtt":
        assert short_cues(read[name], project) == [(identifier, SHORT_MS)]
    with pytest.raises(AssertionError):
        assert_read_as_written(read[name], project, text)
