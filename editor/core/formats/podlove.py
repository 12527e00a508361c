"""Podlove Simple Chapters (PSC 1.2): ``<psc:chapters>`` with ``<psc:chapter>``.

Writing (``xml.etree``, prefix ``psc``): ``start`` as ``HH:MM:SS.mmm``,
``title``, and ``href``/``image`` when set. PSC has no hidden chapters, so
chapters with ``toc`` false are left out.

Reading matches elements by the namespace URI, whatever the prefix, in a
standalone file or a feed (one episode's list only). It uses expat, the parser
under ``xml.etree``, to know each element's line for error messages; DTDs and
entity declarations are refused. Chapters are re-sorted by start, as the spec
requires.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from ..errors import FormatError
from ..model import Chapter, Project
from ..timecode import format_npt, parse_npt
from . import Format
from ..builder import ProjectBuilder, visible_chapters
from ..textparse import decode

NAMESPACE = "http://podlove.org/simple-chapters"
VERSION = "1.2"
ET.register_namespace("psc", NAMESPACE)


def write(project: Project) -> str:
    root = ET.Element(f"{{{NAMESPACE}}}chapters", {"version": VERSION})
    for chapter in visible_chapters(project):
        attributes = {"start": format_npt(chapter.start),
                      "title": " ".join(chapter.title.split())}
        if chapter.url:
            attributes["href"] = chapter.url
        if chapter.image:
            attributes["image"] = chapter.image
        ET.SubElement(root, f"{{{NAMESPACE}}}chapter", attributes)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


class _Refused(Exception):
    """A DTD or entity declaration in the input (raised from an expat handler)."""


def read(text: str) -> Project:
    text = decode(text)
    # UTF-8 always: the text is already decoded, whatever its declaration says.
    parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
    lists: list[int] = []                         # lines of <psc:chapters> elements
    found: list[tuple[int, dict[str, str]]] = []  # (line, attributes) per chapter

    def start(name: str, attributes: dict[str, str]) -> None:
        if name == f"{NAMESPACE} chapters":
            lists.append(parser.CurrentLineNumber)
        elif name == f"{NAMESPACE} chapter":
            found.append((parser.CurrentLineNumber, attributes))

    def refuse(*_args) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        # Bytes, so a lone surrogate is expat's "not well-formed", not an encode error.
        parser.Parse(text.encode("utf-8", "surrogatepass"), True)
    except expat.ExpatError as exc:
        raise FormatError(f"not well-formed XML: {expat.ErrorString(exc.code)}",
                          line=exc.lineno) from None
    except _Refused:
        raise FormatError("a DOCTYPE or entity declaration: not allowed in chapters",
                          line=parser.CurrentLineNumber) from None
    if not found and not lists:
        raise FormatError("no Podlove chapters (<psc:chapter> elements in the "
                          f"namespace {NAMESPACE})")
    if len(lists) > 1:
        raise FormatError(f"{len(lists)} chapter lists (lines "
                          f"{', '.join(map(str, lists[:5]))}): this is a feed with several "
                          "episodes; import one episode's chapters", line=lists[1])
    builder = ProjectBuilder()
    for line, attributes in found:
        builder.chapter(_chapter(line, attributes))
    return builder.project()


def _chapter(line: int, attributes: dict[str, str]) -> Chapter:
    start = attributes.get("start")
    if start is None:
        raise FormatError("a chapter has no 'start'", line=line)
    try:
        ms = parse_npt(start)
    except ValueError:
        raise FormatError(f"start '{start[:40]}' is not a time (like 00:01:35.500)",
                          line=line) from None
    return Chapter(start=ms, title=" ".join(attributes.get("title", "").split()),
                   url=attributes.get("href", "").strip() or None,
                   image=attributes.get("image", "").strip() or None)


FORMATS = [Format(
    name="podlove", label="Podlove Simple Chapters", kind="chapters",
    extensions=(".psc", ".xml"), read=read, write=write, mime="application/xml",
    carries=frozenset({"chapter_titles", "chapter_times", "chapter_urls", "chapter_images"}),
)]
