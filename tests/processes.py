"""This test process's children, to see the recognisers' workers and ffmpeg come and go."""
from __future__ import annotations

import os


def children() -> list[str]:
    """Command lines of this process's live children, from /proc."""
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if fields[1] == me and fields[0] != "Z":
            found.append(command)
    return found


def workers_and_ffmpeg() -> list[str]:
    return [c for c in children() if "spawn_main" in c or "ffmpeg" in c]
