"""Big legal input for every reader: the real writers' output for a project of a
given size (and hand-built files for the formats Showscribe only reads).

``make_input(reader, n)`` returns the bytes of a file holding ``n`` turns (for
transcript readers) or ``n`` chapters (chapter readers), with a new speaker every
other turn, so that speaker handling is measured too; ``"project"`` is a project
file of ``n`` turns. The linear-time tests and ``bench_hostile.py`` share it.
"""
from __future__ import annotations

import json

from editor.core.formats import by_name
from editor.core.model import Chapter, Project, Speaker, Turn
from editor.core.projectfile import dump_project

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


def transcript(n: int) -> Project:
    """``n`` turns 4 s apart; speaker of turn i is voice i // 2 (n / 2 speakers)."""
    project = Project()
    voices = max(n // 2, 1)
    project.speakers = [Speaker(f"voice-{k}", f"Voice {k}", "#2563eb", None)
                        for k in range(voices)]
    project.turns = [Turn(i * 4000, f"voice-{i // 2}", f"Line {i} of the talk, said once.")
                     for i in range(n)]
    project.chapters = [Chapter(0, "Start")]
    project.audio_duration = n * 4000 + 4000
    return project


def chapters(n: int) -> Project:
    project = Project()
    project.chapters = [Chapter(i * 2000, f"Chapter {i}") for i in range(n)]
    project.audio_duration = n * 2000 + 2000
    return project


def _otr(n: int) -> str:
    """``n`` timestamped paragraphs, then one paragraph of ``n`` nested spans."""
    paragraphs = [f'<p><span class="timestamp" data-timestamp="{i * 4}">{i * 4}</span> '
                  f'Voice {i // 2}: Line {i} of the talk.</p>' for i in range(n)]
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
