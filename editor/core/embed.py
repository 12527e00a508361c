"""Chapters inside audio files: embedding them into a copy of an MP3 or MP4 file,
and reading them back.

MP3 chapters are ID3v2.3 CHAP frames listed by one top-level, ordered CTOC
(docs/formats.md, id3-chapters), written with mutagen. The CHAP frames are
written in time order: libavformat (ffprobe, ffmpeg, VLC) lists chapters in
frame order. A chapter URL is written as ID3v2.3 allows (Latin-1: an IDNA
host, a percent-encoded path; ``id3_url``). Reading also takes a chapter's
TIT3 subtitle (into ``Chapter.extra["subtitle"]``) and its APIC image (as a
``data:`` URI in ``Chapter.image``, which embedding writes back). An untitled
chapter gets ``builder.placeholder_title``: players would show the frame id.
MP4-family chapters (.m4a, .m4b, .mp4) are written by ffmpeg with a stream
copy from an FFMETADATA file and read back with ffprobe (docs/formats.md,
m4a-chapters).

Embedding leaves the source alone unless ``overwrite=True`` and never leaves a
half-written file: the result is built in a temporary file in the target's
folder and moved into place in one step. Nothing here emits signals; problems
raise :class:`ShowscribeError` (:class:`FormatError` when reading) naming the file.
"""
from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit, urlunsplit

from mutagen import MutagenError
from mutagen.id3 import (APIC, CHAP, CTOC, ID3, TIT3, WXXX, CTOCFlags, Encoding,
                         ID3NoHeaderError, TIT2)
from mutagen.id3._tags import save_frame
from mutagen.mp3 import MP3

from .atomic import copy_into
from .builder import placeholder_title
from .errors import FormatError, ShowscribeError
from .ffmetadata import write as write_ffmetadata
from .model import Chapter, Project

__all__ = ["MP3_SUFFIXES", "MP4_SUFFIXES", "MAX_TOC_CHAPTERS", "default_target",
           "id3_url", "embed_chapters", "read_embedded_chapters", "read_embedded_project"]

MP3_SUFFIXES = (".mp3",)
MP4_SUFFIXES = (".m4a", ".m4b", ".mp4")
MAX_TOC_CHAPTERS = 255          # a CTOC's entry count is one byte
NO_OFFSET = 0xFFFFFFFF          # "use the times, not byte offsets"
TOC_ID = "toc"

_IMAGE_MIMES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def _container(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in MP3_SUFFIXES:
        return "mp3"
    if suffix in MP4_SUFFIXES:
        return "mp4"
    known = ", ".join(MP3_SUFFIXES + MP4_SUFFIXES)
    raise ShowscribeError(f"{path}: chapters cannot be embedded in a "
                          f"{suffix or 'extensionless'} file (supported: {known})")


def id3_url(url: str) -> str | None:
    """``url`` as an ID3v2.3 WXXX frame can hold it (Latin-1 only): the host in
    IDNA form, the rest percent-encoded as UTF-8; None when the host is not a
    valid international name (``https://例え.jp/`` gives ``https://xn--r8jz45g.jp/``)."""
    try:
        url.encode("latin-1")
        if url.isascii():
            return url
    except UnicodeEncodeError:
        pass
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = parts.netloc
        if host and not host.isascii():
            ascii_host = host.encode("idna").decode("ascii")
            netloc = netloc.replace(host, ascii_host, 1) if host in netloc else ascii_host
        safe = "/:@!$&'()*+,;=-._~%"
        encoded = urlunsplit((parts.scheme, quote(netloc, safe=safe + "[]"),
                              quote(parts.path, safe=safe), quote(parts.query, safe=safe + "?"),
                              quote(parts.fragment, safe=safe + "?#")))
    except (UnicodeError, ValueError):
        return None
    return encoded if encoded.isascii() else None


class _TimeOrderedID3(ID3):
    """ID3 tags whose CTOC and CHAP frames are saved last and in the order they
    were added. mutagen saves other frames by size, which would put chapters
    out of time order for readers that list frames as they come."""

    def _write(self, config):
        chapters = [frame for frame in self.values() if frame.FrameID in ("CTOC", "CHAP")]
        for frame in chapters:
            del self[frame.HashKey]
        try:
            others = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return others + b"".join(save_frame(frame, config=config) for frame in chapters)


def default_target(source: Path | str) -> Path:
    """Where :func:`embed_chapters` writes by default: ``<stem>.chapters<suffix>``."""
    source = Path(source)
    return source.with_name(f"{source.stem}.chapters{source.suffix}")


# -- embedding ----------------------------------------------------------------

def embed_chapters(project: Project, source: Path | str, target: Path | str | None = None,
                   *, overwrite: bool = False) -> Path:
    """Write ``project``'s chapters into a copy of the audio file ``source``.

    The copy goes to ``target`` (default :func:`default_target`); with
    ``overwrite=True`` the source itself is replaced. Earlier chapters in the
    file are replaced, other tags kept. Returns the path written.
    """
    source = Path(source)
    container = _container(source)
    if overwrite:
        if target is not None and Path(target).resolve() != source.resolve():
            raise ShowscribeError(f"{source}: overwrite=True writes the source itself; "
                                  f"do not also name a target ({target})")
        target = source
    else:
        target = default_target(source) if target is None else Path(target)
        if target.exists() and target.resolve() == source.resolve():
            raise ShowscribeError(f"{source}: the target is the source itself; "
                                  "pass overwrite=True to replace it")
        if _container(target) != container:
            raise ShowscribeError(f"{target}: a {source.suffix} source cannot be copied "
                                  f"into a {target.suffix} file")
    if not source.is_file():
        raise ShowscribeError(f"{source}: no such audio file")
    chapters = sorted(project.chapters, key=lambda c: c.start)
    if container == "mp3":
        _embed_mp3(project, chapters, source, target)
    else:
        _embed_mp4(chapters, source, target)
    return target


@contextlib.contextmanager
def _replacing(target: Path, source: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` that replaces it if the block succeeds."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix,
                                    dir=target.parent)
    except OSError as error:
        raise ShowscribeError(f"{target}: cannot write there ({error.strerror or error})") \
            from error
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        try:
            shutil.copymode(source, temp)   # mkstemp makes it private to the user
            os.replace(temp, target)
        except OSError as error:
            raise ShowscribeError(f"{target}: cannot replace it "
                                  f"({error.strerror or error})") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _embed_mp3(project: Project, chapters: list[Chapter], source: Path, target: Path) -> None:
    toc_count = sum(1 for c in chapters if c.toc)
    if toc_count > MAX_TOC_CHAPTERS:
        raise ShowscribeError(f"{source}: {toc_count} chapters in the table of contents; "
                              f"an MP3 chapter list holds at most {MAX_TOC_CHAPTERS}")
    if chapters and not 0 <= chapters[0].start <= chapters[-1].start < NO_OFFSET:
        raise ShowscribeError(f"{source}: chapter times must lie between 0 and "
                              f"{NO_OFFSET - 1} ms to fit an MP3 chapter frame")
    try:
        length_ms = round(MP3(source).info.length * 1000)
    except (MutagenError, OSError) as error:
        raise ShowscribeError(f"{source}: not a readable MP3 file ({error})") from error
    images = [_image(project, c) for c in chapters]
    urls = [id3_url(c.url) if c.url else None for c in chapters]
    for number, (chapter, url) in enumerate(zip(chapters, urls), 1):
        if chapter.url and url is None:
            raise ShowscribeError(f"{source}: chapter {number}'s URL {chapter.url!r} cannot "
                                  "be written in an MP3 (its host is not a valid domain name)")

    with _replacing(target, source) as temp:
        try:
            copy_into(source, temp)
            try:
                tags = _TimeOrderedID3(temp)
            except ID3NoHeaderError:
                tags = _TimeOrderedID3()
            tags.delall("CHAP")
            tags.delall("CTOC")
            ids = [f"chp{i}" for i in range(len(chapters))]
            toc_ids = [eid for eid, c in zip(ids, chapters) if c.toc]
            if toc_ids:  # a CTOC must list at least one entry
                tags.add(CTOC(element_id=TOC_ID,
                              flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                              child_element_ids=toc_ids, sub_frames=[TIT2(text=["TOC"])]))
            for index, (eid, chapter, image, url) in enumerate(
                    zip(ids, chapters, images, urls)):
                end = chapters[index + 1].start if index + 1 < len(chapters) else length_ms
                # libavformat shows an empty title as the element id.
                title = chapter.title.strip() or placeholder_title(index + 1)
                sub = [TIT2(encoding=Encoding.UTF8, text=[title])]
                if url:
                    sub.append(WXXX(encoding=Encoding.UTF8, desc="chapter url", url=url))
                subtitle = chapter.extra.get("subtitle")
                if isinstance(subtitle, str) and subtitle:
                    sub.append(TIT3(encoding=Encoding.UTF8, text=[subtitle]))
                if image:
                    mime, data = image
                    sub.append(APIC(encoding=Encoding.UTF8, mime=mime, type=3, desc=eid,
                                    data=data))
                tags.add(CHAP(element_id=eid, start_time=chapter.start,
                              end_time=max(end, chapter.start), start_offset=NO_OFFSET,
                              end_offset=NO_OFFSET, sub_frames=sub))
            tags.update_to_v23()
            tags.save(temp, v2_version=3)
        except (MutagenError, OSError) as error:
            raise ShowscribeError(f"{source}: cannot write the chapters ({error})") from error


def _image(project: Project, chapter: Chapter) -> tuple[str, bytes] | None:
    """(mime, bytes) of a chapter image that is an existing local JPEG or PNG file
    or a ``data:`` URI of one (as an MP3's chapter image is imported).

    URLs and other picture types cannot be embedded and are left out.
    """
    if chapter.image and chapter.image.startswith("data:"):
        return _data_uri_image(chapter.image)
    if not chapter.image or "://" in chapter.image:
        return None
    path = Path(chapter.image).expanduser()
    if not path.is_absolute() and project.path is not None:
        path = project.path.parent / path
    try:
        data = path.read_bytes()
    except OSError:
        return None
    for magic, mime in _IMAGE_MIMES:
        if data.startswith(magic):
            return mime, data
    return None


def _data_uri_image(uri: str) -> tuple[str, bytes] | None:
    head, _, payload = uri.partition(",")
    if not head.endswith(";base64"):
        return None
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None
    return next(((mime, data) for magic, mime in _IMAGE_MIMES if data.startswith(magic)),
                None)


def _embed_mp4(chapters: list[Chapter], source: Path, target: Path) -> None:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise ShowscribeError(f"{source}: ffmpeg is not installed; it is needed to embed "
                              "chapters in MP4 files")
    duration_ms = _probe(source)[1]
    listed = [c for c in chapters if c.toc]   # MP4 has no silent chapters
    with tempfile.TemporaryDirectory(prefix="showscribe-") as folder, \
            _replacing(target, source) as temp:
        metadata = Path(folder) / "chapters.txt"
        metadata.write_text(_ffmetadata(listed, duration_ms), encoding="utf-8")
        # Global tags come from the source (0), chapters from the file (1); the
        # source's own chapter track is a data stream and is left out by the maps.
        command = [ffmpeg, "-nostdin", "-v", "error", "-y",
                   "-i", str(source.absolute()), "-f", "ffmetadata", "-i", str(metadata),
                   "-map", "0:a", "-map", "0:v?", "-map_metadata", "0",
                   "-map_chapters", "1", "-c", "copy", str(temp)]
        result = _run(command)
        if result.returncode != 0:
            raise ShowscribeError(f"{source}: ffmpeg could not add the chapters: "
                                  f"{_first_error(result.stderr)}")


def _ffmetadata(chapters: list[Chapter], duration_ms: int | None) -> str:
    """Chapters only: the source's own global tags are kept by the ffmpeg maps."""
    carrier = Project()
    carrier.chapters = chapters
    carrier.audio_duration = duration_ms
    return write_ffmetadata(carrier)


# -- reading ------------------------------------------------------------------

def read_embedded_chapters(path: Path | str) -> list[Chapter]:
    """The chapters embedded in an MP3 or MP4-family file, sorted by start."""
    return read_embedded_project(path).chapters


def read_embedded_project(path: Path | str, container: str | None = None) -> Project:
    """A new project holding the file's chapters and its audio duration.

    ``container`` ("mp3" or "mp4") overrides the guess from the extension.
    Raises :class:`FormatError` naming the file when it cannot be read.
    """
    path = Path(path)
    if container is None:
        try:
            container = _container(path)
        except ShowscribeError:
            raise FormatError(f"no embedded chapters can be read from a "
                              f"{path.suffix or 'extensionless'} file", source=str(path)) from None
    if container == "mp3":
        chapters, duration = _read_mp3(path)
    else:
        chapters, duration = _probe(path)
    project = Project()
    project.chapters = chapters
    project.audio_duration = duration
    return project


def _read_mp3(path: Path) -> tuple[list[Chapter], int]:
    try:
        audio = MP3(path)
    except (MutagenError, OSError) as error:
        raise FormatError(f"not a readable MP3 file ({error})", source=str(path)) from error
    tags = audio.tags if audio.tags is not None else ID3()
    frames = {chap.element_id: chap for chap in tags.getall("CHAP")}
    tocs = {ctoc.element_id: ctoc for ctoc in tags.getall("CTOC")}
    tops = [t for t in tocs.values() if int(t.flags) & CTOCFlags.TOP_LEVEL] \
        or list(tocs.values())
    listed: list[str] = []
    seen: set[str] = set()

    def walk(element_id: str) -> None:   # depth first, so nested lists keep their order
        if element_id in seen:
            return
        seen.add(element_id)
        if element_id in frames:
            listed.append(element_id)
        elif element_id in tocs:
            for child in tocs[element_id].child_element_ids:
                walk(child)

    for top in tops:
        walk(top.element_id)
    # With no CTOC at all every chapter is a normal one; otherwise unlisted ones are silent.
    listed_set = set(listed)
    in_toc = listed_set if tocs else set(frames)
    ordered = listed + sorted((e for e in frames if e not in listed_set),
                              key=lambda e: frames[e].start_time)
    chapters = [_chapter_from_frame(frames[e], e in in_toc) for e in ordered]
    chapters.sort(key=lambda c: c.start)   # stable: table order among equal starts
    return chapters, round(audio.info.length * 1000)


def _chapter_from_frame(frame: CHAP, toc: bool) -> Chapter:
    titles = frame.sub_frames.getall("TIT2")
    urls = frame.sub_frames.getall("WXXX")
    subtitles = frame.sub_frames.getall("TIT3")
    images = frame.sub_frames.getall("APIC")
    extra = {}
    if subtitles and subtitles[0].text and str(subtitles[0].text[0]):
        extra["subtitle"] = str(subtitles[0].text[0])
    image = None
    if images and images[0].data:
        mime = images[0].mime if "/" in images[0].mime else "image/jpeg"
        image = f"data:{mime};base64,{base64.b64encode(images[0].data).decode('ascii')}"
    return Chapter(start=frame.start_time,
                   title=str(titles[0].text[0]) if titles and titles[0].text else "",
                   url=urls[0].url if urls and urls[0].url else None,
                   image=image, toc=toc, extra=extra)


def _probe(path: Path) -> tuple[list[Chapter], int | None]:
    """Chapters and duration (ms) of a media file, read by ffprobe."""
    def fail(problem: str) -> FormatError:
        return FormatError(problem, source=str(path))

    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        raise fail("ffprobe is not installed, so MP4 chapters cannot be read")
    result = _run([ffprobe, "-v", "error", "-show_chapters", "-show_format", "-of", "json",
                   str(path.absolute())])
    if result.returncode != 0:
        raise fail(f"ffprobe cannot read it: {_first_error(result.stderr)}")
    try:
        info = json.loads(result.stdout)
        chapters = [Chapter(start=_ms(item["start_time"]),
                            title=item.get("tags", {}).get("title", ""))
                    for item in info.get("chapters", [])]
        duration = info.get("format", {}).get("duration")
        duration_ms = _ms(duration) if duration not in (None, "N/A") else None
    except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation) as problem:
        raise fail(f"unexpected ffprobe output ({problem})") from problem
    chapters.sort(key=lambda c: c.start)
    return chapters, duration_ms


def _ms(seconds: str) -> int:
    return int((Decimal(seconds) * 1000).to_integral_value())


# -- tools --------------------------------------------------------------------

def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", stdin=subprocess.DEVNULL, check=False)
    except OSError as error:
        return subprocess.CompletedProcess(command, 127, "", f"cannot run {command[0]}: "
                                                             f"{error}")


def _first_error(stderr: str) -> str:
    """The root cause in ffmpeg's stderr: its first line (later ones are follow-ups
    such as "Error initializing output stream 0:0 --"), without the "[ipod @ 0x...]"."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return "no message"
    return re.sub(r"^\[[^\]]* @ 0x[0-9a-f]+\]\s*", "", lines[0])
