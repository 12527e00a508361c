"""Giving memory freed after a big step back to the system.

glibc keeps memory a program frees for its next allocations, and a thread's
freed memory in that thread's own arena; after reading a long episode or its
waveform (on worker threads) that is megabytes the window never asks for again.
:func:`release_freed_memory` asks glibc to return what it can (``malloc_trim``);
elsewhere it does nothing. Emits nothing.
"""
from __future__ import annotations

import ctypes
import sys

_trim = None
if sys.platform.startswith("linux"):
    try:
        _trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):   # not glibc (musl has no malloc_trim)
        _trim = None


def release_freed_memory() -> bool:
    """Return freed heap memory to the system; False where that cannot be asked."""
    if _trim is None:
        return False
    _trim(0)
    return True
