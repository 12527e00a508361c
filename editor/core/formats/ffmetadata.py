"""FFMETADATA chapter files (the grammar is in ``editor/core/ffmetadata.py``)."""
from __future__ import annotations

from ..ffmetadata import read, sniff, write
from . import Format

FORMATS = [Format(
    name="ffmetadata", label="FFmpeg metadata chapters (FFMETADATA)", kind="chapters",
    extensions=(".ffmetadata", ".txt"), read=read, write=write, mime="text/plain",
    carries=frozenset({"chapter_titles", "chapter_times", "episode_title"}),
    extra={"sniff": sniff},
)]
