"""The format registry: every import and export format, in one list.

Each module in this package exports ``FORMATS``, a list of :class:`Format`
holding its readers and writers. Readers take text (or a path, for binary
sources) and return a new :class:`~editor.core.model.Project` holding what the
format carries; writers take a project and return text (or write a path, for
binary targets).

The registry lists the formats from :data:`DECLARED`, one light line per format
(name, label, kind, extensions, whether it reads and writes), so that listing
them, or picking one by name, imports no format module: a module and its
libraries (Jinja2 for show notes, mutagen for audio files) are imported the first
time one of its formats reads, writes or is asked for anything else it declares
(``extra``, say). A new format module gets its lines here; a test checks that
every module's ``FORMATS`` and these lines agree. The user's show-notes templates
(``template:<name>``) are found by the show-notes module, so only a full listing
(:func:`all_formats`) or a template's name imports it.

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


class DeclaredFormat:
    """A format as the registry lists it, before its module is imported.

    Name, label, kind, extensions, options, binary, mime and whether it reads
    and writes are declared; every other attribute (``read``, ``write``,
    ``extra``, and whatever else the module's :class:`Format` declares) is the
    module's own, imported on first use.
    """

    __slots__ = ("module", "name", "label", "kind", "extensions", "options", "binary",
                 "mime", "can_read", "can_write", "_format")

    def __init__(self, module: str, name: str, label: str, kind: str,
                 extensions: tuple[str, ...], *, reads: bool = True, writes: bool = True,
                 options: tuple[str, ...] = (), binary: bool = False, mime: str = "") -> None:
        self.module, self.name, self.label, self.kind = module, name, label, kind
        self.extensions, self.options, self.binary, self.mime = extensions, options, binary, mime
        self.can_read, self.can_write = reads, writes
        self._format: Format | None = None

    def loaded(self) -> Format:
        """The module's own :class:`Format` of this name (the module imported once)."""
        if self._format is None:
            module = importlib.import_module(f"{__name__}.{self.module}")
            found = [f for f in getattr(module, "FORMATS", ()) if f.name == self.name]
            if not found:
                raise RuntimeError(f"format {self.name!r} is declared in the registry but "
                                   f"{module.__name__} does not define it")
            self._format = found[0]
        return self._format

    def __getattr__(self, attribute: str) -> Any:
        # Only for what is not declared above: read, write, extra, ...
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self.loaded(), attribute)

    def __repr__(self) -> str:
        return f"DeclaredFormat({self.name!r}, module={self.module!r})"


# One line per format, as each module's FORMATS defines it (a test holds them equal).
DECLARED: tuple[DeclaredFormat, ...] = (
    DeclaredFormat("otr", "otr", "oTranscribe transcript", "transcript", (".otr",),
                   writes=False, mime="application/json"),
    DeclaredFormat("srt", "srt", "SubRip (SRT) transcript", "transcript", (".srt",),
                   options=("line_length",), mime="application/x-subrip"),
    DeclaredFormat("plaintext", "text", "Plain text transcript", "transcript", (".txt",),
                   options=("times",), mime="text/plain"),
    DeclaredFormat("transcript_html", "transcript-html", "Podcasting 2.0 HTML transcript",
                   "transcript", (".html", ".htm"), mime="text/html"),
    DeclaredFormat("transcript_json", "transcript-json", "Podcasting 2.0 JSON transcript",
                   "transcript", (".json",), options=("words",), mime="application/json"),
    DeclaredFormat("vtt", "vtt", "WebVTT transcript", "transcript", (".vtt",),
                   options=("line_length",), mime="text/vtt"),
    DeclaredFormat("audacity", "audacity", "Audacity labels", "chapters",
                   (".txt", ".labels.txt"), mime="text/plain"),
    DeclaredFormat("chapters_json", "chapters-json", "Podcasting 2.0 JSON chapters",
                   "chapters", (".chapters.json", ".json"), mime="application/json+chapters"),
    DeclaredFormat("ffmetadata", "ffmetadata", "FFmpeg metadata chapters (FFMETADATA)",
                   "chapters", (".ffmetadata", ".txt"), mime="text/plain"),
    DeclaredFormat("embedded", "id3-chapters", "Chapters in an MP3 file (ID3)", "chapters",
                   (".mp3",), writes=False, binary=True, mime="audio/mpeg"),
    DeclaredFormat("embedded", "m4a-chapters", "Chapters in an M4A/MP4 file", "chapters",
                   (".m4a", ".m4b", ".mp4"), writes=False, binary=True, mime="audio/mp4"),
    DeclaredFormat("mp4chaps", "mp4chaps", "mp4chaps chapter text", "chapters",
                   (".chapters.txt", ".txt"), mime="text/plain"),
    DeclaredFormat("podlove", "podlove", "Podlove Simple Chapters", "chapters",
                   (".psc", ".xml"), mime="application/xml"),
    DeclaredFormat("youtube", "youtube", "YouTube description chapters", "chapters",
                   (".youtube.txt", ".txt"), mime="text/plain"),
    DeclaredFormat("shownotes", "shownotes-text", "Show notes page (classic text)",
                   "shownotes", (".shownotes.txt", ".txt"), options=("transcript", "times"),
                   mime="text/plain"),
    DeclaredFormat("shownotes", "shownotes-md", "Show notes (Markdown)", "shownotes",
                   (".shownotes.md", ".md"), reads=False, options=("transcript", "times"),
                   mime="text/markdown"),
    DeclaredFormat("shownotes", "shownotes-html", "Show notes (HTML)", "shownotes",
                   (".shownotes.html", ".html"), reads=False, options=("transcript", "times"),
                   mime="text/html"),
)


def _in_order(formats) -> list:
    return sorted(formats, key=lambda f: (KINDS.index(f.kind), f.name))


_declared = _in_order(DECLARED)


def _user_template_formats() -> list[Format]:
    """A format for each of the user's show-notes templates, as the folder is now."""
    from .shownotes import user_template_formats  # Jinja2: only for a full listing
    return user_template_formats()


_registry: list | None = None


def all_formats() -> list:
    """Every format, in a stable order (kind, then name): the declared ones and the
    user's show-notes templates (found the first time this is asked)."""
    global _registry
    if _registry is None:
        found = _in_order([*DECLARED, *_user_template_formats()])
        names = [f.name for f in found]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise RuntimeError(f"format names registered twice: {sorted(duplicates)}")
        _registry = found
    return list(_registry)


def by_name(name: str) -> Format | DeclaredFormat:
    for fmt in _declared:
        if fmt.name == name:
            return fmt
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
    listed = _declared if readable else all_formats()  # templates only write
    matches = [(len(ext), ext, fmt) for fmt in listed for ext in fmt.extensions
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
    from ..safeio import read_head   # regular files only: a FIFO must not block here
    head = read_head(path, SNIFF_BYTES)
    return head.decode("utf-8", errors="replace") if head is not None else None


CARRIED = frozenset({"turns", "speakers", "paragraphs", "turn_times", "chapter_titles",
                     "chapter_times", "chapter_seconds", "chapter_urls", "chapter_images",
                     "hidden_chapters", "episode_title"})

__all__ = ["CARRIED", "DECLARED", "DeclaredFormat", "Format", "FormatError", "KINDS",
           "all_formats", "by_name", "guess"]
