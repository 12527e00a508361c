"""The format registry: every import and export format, in one list.

Each module in this package exports ``FORMATS``, a list of :class:`Format`. The
registry finds them all, so a new module appears in the command line and the
File menu at once. Readers take text (or a path, for binary sources) and return
a new :class:`~editor.core.model.Project` holding what the format carries;
writers take a project and return text (or write a path, for binary targets).

Each format declares in ``carries`` what its writer puts down and its reader
takes back whole (the one list both ``formatcheck`` and the round-trip tests
use); anything else in a project is lost by that format:

- ``turns``: the transcript's turns and their words;
- ``speakers``: each turn's speaker; ``paragraphs``: paragraph breaks in turns;
- ``turn_times``: turn starts to the millisecond;
- ``chapter_titles``; ``chapter_times`` (to the ms) or ``chapter_seconds``
  (whole seconds); ``chapter_urls``; ``chapter_images``; ``hidden_chapters``
  (chapters with ``toc`` false; without this only listed chapters are written);
- ``episode_title``.

``extra["speaker_prefixes"]`` marks formats that write speakers as ``Name:``
prefixes, so that only names the shared speaker rule reads are carried.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import FormatError
from ..model import Project

KINDS = ("transcript", "chapters", "shownotes")


@dataclass(frozen=True)
class Format:
    name: str                        # command-line name: "vtt", "chapters-json", ...
    label: str                       # for menus: "WebVTT transcript"
    kind: str                        # one of KINDS
    extensions: tuple[str, ...]      # ".vtt"; the first is the default for export
    read: Callable[[str], Project] | None = None
    write: Callable[..., str] | None = None
    options: tuple[str, ...] = ()    # keyword options ``write`` accepts
    binary: bool = False             # read/write take paths instead of text
    mime: str = ""
    carries: frozenset[str] = frozenset()    # see the module docstring
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def can_read(self) -> bool:
        return self.read is not None

    @property
    def can_write(self) -> bool:
        return self.write is not None


_registry: list[Format] | None = None


def all_formats() -> list[Format]:
    """Every registered format, in a stable order (kind, then name)."""
    global _registry
    if _registry is None:
        found: list[Format] = []
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.extend(getattr(module, "FORMATS", ()))
        names = [f.name for f in found]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise RuntimeError(f"format names registered twice: {sorted(duplicates)}")
        _registry = sorted(found, key=lambda f: (KINDS.index(f.kind), f.name))
    return list(_registry)


def by_name(name: str) -> Format:
    for fmt in all_formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in all_formats())
    raise KeyError(f"unknown format {name!r} (known: {known})")


SNIFF_BYTES = 65536


def guess(path: Path | str, *, readable: bool = True, kind: str | None = None,
          content: str | None = None) -> Format:
    """The format a file name suggests (longest matching extension wins).

    When several formats share that extension (``.json``, ``.txt``), the file's
    content decides: ``content`` if given, else the start of the file when it
    exists. Each such format may offer ``extra["sniff"]``, a function of the
    text returning how sure it is (0: not this format); the surest wins. With no
    content, or a tie, a format whose default extension it is comes first,
    then registry order. ``kind`` limits the choice to one kind.
    """
    name = Path(path).name.lower()
    matches = [(len(ext), ext, fmt) for fmt in all_formats() for ext in fmt.extensions
               if name.endswith(ext) and (fmt.can_read if readable else fmt.can_write)
               and (kind is None or fmt.kind == kind)]
    if not matches:
        what = f"{kind} " if kind else ""
        raise KeyError(f"cannot tell the {what}format of {Path(path).name!r}; "
                       "name one with --format")
    longest = max(length for length, _, _ in matches)
    candidates = [(ext, fmt) for length, ext, fmt in matches if length == longest]
    if len(candidates) == 1:
        return candidates[0][1]
    if content is None and readable:
        content = _head(Path(path))

    def rank(item: tuple[str, Format]) -> tuple[int, int]:
        ext, fmt = item
        sniff = fmt.extra.get("sniff")
        sure = sniff(content) if content is not None and sniff is not None else 0
        return (-sure, 0 if fmt.extensions[0] == ext else 1)

    return min(candidates, key=rank)[1]   # min is stable: registry order breaks ties


def _head(path: Path) -> str | None:
    """The start of the file at ``path`` as text, or None when it cannot be read."""
    try:
        with path.open("rb") as stream:
            return stream.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


CARRIED = frozenset({"turns", "speakers", "paragraphs", "turn_times", "chapter_titles",
                     "chapter_times", "chapter_seconds", "chapter_urls", "chapter_images",
                     "hidden_chapters", "episode_title"})

__all__ = ["CARRIED", "Format", "FormatError", "KINDS", "all_formats", "by_name", "guess"]
