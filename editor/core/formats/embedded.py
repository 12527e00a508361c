"""Import of chapters embedded in audio files: ID3 CHAP/CTOC in MP3, chapters in MP4.

Readers only, taking a path: embedding chapters into audio is a separate
operation (:func:`editor.core.embed.embed_chapters`), not a text export.
"""
from __future__ import annotations

from functools import partial

from ..embed import MP3_SUFFIXES, MP4_SUFFIXES, read_embedded_project
from . import Format

FORMATS = [
    Format(name="id3-chapters", label="Chapters in an MP3 file (ID3)", kind="chapters",
           extensions=MP3_SUFFIXES, read=partial(read_embedded_project, container="mp3"),
           binary=True, mime="audio/mpeg"),
    Format(name="m4a-chapters", label="Chapters in an M4A/MP4 file", kind="chapters",
           extensions=MP4_SUFFIXES, read=partial(read_embedded_project, container="mp4"),
           binary=True, mime="audio/mp4"),
]
