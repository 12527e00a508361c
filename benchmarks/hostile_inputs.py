"""Big legal input for every reader: the real writers' output for a project of a
given size (and hand-built files for the formats Showscribe only reads).

``make_input(reader, n)`` returns the bytes of a file holding ``n`` turns (for
transcript readers) or ``n`` chapters (chapter readers), with a new speaker every
other turn up to the most a project may have (``limits.MAX_SPEAKERS``, reached at
200,000 turns), so that speaker handling is measured too; ``"project"`` is a
project file of ``n`` turns. The linear-time tests and ``bench_hostile.py`` share it.
"""
from __future__ import annotations

import json

from editor.core import limits
from editor.core.formats import by_name
from editor.core.model import Chapter, Project, Speaker, Turn
from editor.core.projectdump import dump_project

TRANSCRIPT_READERS = ("vtt", "srt", "text", "transcript-html", "transcript-json", "otr",
                      "shownotes-text")
CHAPTER_READERS = ("chapters-json", "podlove", "mp4chaps", "youtube", "audacity",
                   "ffmetadata")
READERS = TRANSCRIPT_READERS + CHAPTER_READERS + ("project",)
SUFFIX = {"vtt": ".vtt", "srt": ".srt", "text": ".txt", "transcript-html": ".html",
          "transcript-json": ".json", "otr": ".otr", "shownotes-text": ".shownotes.txt",
          "chapters-json": ".chapters.json", "podlove": ".psc", "mp4chaps": ".chapters.txt",
          "youtube": ".youtube.txt", "audacity": ".labels.txt", "ffmetadata": ".ffmetadata",
          "project": ".showscribe.yaml"}


# 1,000,000 turns 3 s apart end at 833 hours, within the 1000 hours a time may be.
TURN_MS = 3000


def transcript(n: int) -> Project:
    """``n`` turns 3 s apart; speaker of turn i is voice i // 2 (n / 2 speakers),
    counted round again past ``limits.MAX_SPEAKERS``."""
    project = Project()
    voices = min(max(n // 2, 1), limits.MAX_SPEAKERS)
    project.speakers = [Speaker(f"voice-{k}", f"Voice {k}", "#2563eb", None)
                        for k in range(voices)]
    project.turns = [Turn(i * TURN_MS, f"voice-{(i // 2) % voices}",
                          f"Line {i} of the talk, said once.") for i in range(n)]
    project.chapters = [Chapter(0, "Start")]
    project.audio_duration = (n + 1) * TURN_MS
    return project


def chapters(n: int) -> Project:
    project = Project()
    project.chapters = [Chapter(i * 2000, f"Chapter {i}") for i in range(n)]
    project.audio_duration = n * 2000 + 2000
    return project


def _otr(n: int) -> str:
    """``n`` timestamped paragraphs, then one paragraph of ``n`` nested spans."""
    step = TURN_MS // 1000
    paragraphs = [f'<p><span class="timestamp" data-timestamp="{i * step}">{i * step}</span> '
                  f'Voice {(i // 2) % limits.MAX_SPEAKERS}: Line {i} of the talk.</p>'
                  for i in range(n)]
    nested = "<p>" + "<span>" * n + "deep" + "</span>" * n + "</p>"
    return json.dumps({"text": "".join(paragraphs) + nested, "media": "", "media-time": 0})


def make_input(reader: str, n: int) -> bytes:
    if reader == "project":
        return dump_project(transcript(n)).encode("utf-8")
    if reader == "otr":
        return _otr(n).encode("utf-8")
    fmt = by_name("shownotes-text" if reader == "shownotes-text" else reader)
    project = transcript(n) if reader in TRANSCRIPT_READERS else chapters(n)
    return fmt.write(project).encode("utf-8")
