"""What changed on disk behind the editor's back.

A :class:`Fingerprint` (size, modification time, SHA-256 of the content) is
taken of the project file when it is opened and after each save;
:func:`changed_on_disk` says, before the next save or when the window regains
focus, whether another program (a sync folder, a second window, git) has
written or removed it since. :func:`audio_length_problem` says when the audio
is not as long as the project recorded, so turn and chapter times may be off.

Nothing here emits signals; every answer is a value or a one-line message.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .timecode import format_clock

__all__ = ["Fingerprint", "fingerprint", "changed_on_disk", "audio_length_problem",
           "AUDIO_LENGTH_TOLERANCE_MS"]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str

    def to_data(self) -> dict:
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_data(cls, data: object) -> "Fingerprint | None":
        """The fingerprint written by :meth:`to_data`; None for anything else."""
        if not isinstance(data, dict):
            return None
        size, mtime_ns, sha256 = data.get("size"), data.get("mtime_ns"), data.get("sha256")
        if type(size) is not int or type(mtime_ns) is not int or not isinstance(sha256, str):
            return None
        return cls(size, mtime_ns, sha256)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(path: Path | str) -> Fingerprint:
    """The file's size, modification time and content hash. Raises OSError."""
    path = Path(path)
    stat = os.stat(path)
    return Fingerprint(stat.st_size, stat.st_mtime_ns, _sha256(path))


def changed_on_disk(path: Path | str, known: Fingerprint | None) -> str | None:
    """How the file differs from ``known``, in a few words; None when it is as
    the editor last saw it.

    Size and time that both match mean unchanged without reading the file (the
    check runs on every focus change); a new time with the same content (a
    ``touch``, a checkout of the same version) is not a change.
    """
    if known is None:
        return None
    path = Path(path)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return "was deleted or moved"
    except OSError as exc:
        return f"cannot be checked ({exc.strerror or exc})"
    if stat.st_size == known.size and stat.st_mtime_ns == known.mtime_ns:
        return None
    try:
        digest = _sha256(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.st_size == known.size and digest == known.sha256:
        return None
    return "was changed by another program"


# A re-encode of the same recording differs by a frame or two (an MP3's padding);
# a re-cut differs by far more.
AUDIO_LENGTH_TOLERANCE_MS = 1000


def audio_length_problem(recorded_ms: int | None, measured_ms: int | None,
                         audio_name: str = "the audio") -> str | None:
    """A one-line warning when the audio's measured length is not the length the
    project recorded (``audio.duration``); None when they agree or either is
    unknown."""
    if recorded_ms is None or measured_ms is None or measured_ms <= 0:
        return None
    if abs(measured_ms - recorded_ms) <= AUDIO_LENGTH_TOLERANCE_MS:
        return None
    longer = "longer" if measured_ms > recorded_ms else "shorter"
    return (f"{audio_name} is {format_clock(measured_ms)} long, {longer} than the "
            f"{format_clock(recorded_ms)} this project was made with: turn and chapter "
            "times may be off (was it edited or replaced?)")
