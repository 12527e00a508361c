"""release_freed_memory gives glibc's freed heap back to the system."""
from __future__ import annotations

import sys

import pytest

from editor.gui.heap import release_freed_memory


def resident_kb() -> int:
    for row in open("/proc/self/status"):
        if row.startswith("VmRSS:"):
            return int(row.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_freed_in_small_blocks_goes_back_to_the_system():
    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    # 40 MB in blocks below the mmap threshold, touched, then all freed but the last:
    # glibc keeps the freed ones in its heap.
    blocks = [libc.malloc(64 * 1024) for _ in range(640)]
    for block in blocks:
        ctypes.memset(block, 1, 64 * 1024)
    for block in blocks[:-1]:
        libc.free(block)
    held = resident_kb()
    assert release_freed_memory()
    assert resident_kb() < held - 20_000
    libc.free(blocks[-1])
