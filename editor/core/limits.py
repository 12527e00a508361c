"""The sizes a file may have: far above any real episode, low enough that a hostile
or careless file is refused in a second instead of eating the machine.

Readers and the project loader check against these; the messages name the limit.
"""
from __future__ import annotations

MAX_FILE_BYTES = 256 * 1024 * 1024      # a 1,000,000-turn project is about 90 MB
MAX_TURNS = 2_000_000
MAX_CHAPTERS = 1_000_000
MAX_SPEAKERS = 100_000
MAX_DEPTH = 100                         # nesting of lists and mappings in ``extra``
MAX_EXTRA_VALUES = 1_000_000            # values in all of a project's ``extra`` data
MAX_DIGITS = 30                         # digits of a whole number in a project file


def count_problem(turns: int, chapters: int, speakers: int) -> str | None:
    """Why a project with these counts is refused, or None when it is within limits."""
    for count, limit, what in ((turns, MAX_TURNS, "turns"),
                               (chapters, MAX_CHAPTERS, "chapters"),
                               (speakers, MAX_SPEAKERS, "speakers")):
        if count > limit:
            return f"{count:,} {what} is more than Showscribe takes ({limit:,})"
    return None
