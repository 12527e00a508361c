"""The format registry: every import and export format, in one list.

Each module in this package exports ``FORMATS``, a list of :class:`Format`. The
registry finds them all, so a new module appears in the command line and the
File menu at once. Readers take text (or a path, for binary sources) and return
a new :class:`~editor.core.model.Project` holding what the format carries;
writers take a project and return text (or write a path, for binary targets).
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


def guess(path: Path | str, *, readable: bool = True) -> Format:
    """The format a file name suggests (longest matching extension wins)."""
    name = Path(path).name.lower()
    candidates = [(len(ext), fmt) for fmt in all_formats() for ext in fmt.extensions
                  if name.endswith(ext) and (fmt.can_read if readable else fmt.can_write)]
    if not candidates:
        raise KeyError(f"cannot tell the format of {Path(path).name!r}; name one with --format")
    candidates.sort(key=lambda c: -c[0])
    return candidates[0][1]


__all__ = ["Format", "FormatError", "KINDS", "all_formats", "by_name", "guess"]
