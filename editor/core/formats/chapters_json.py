"""Podcasting 2.0 JSON chapters (``application/json+chapters``, spec v1.2).

Reads ``startTime`` (seconds), ``title``, ``url``, ``img`` and ``toc`` of every
chapter, sorted by start; ``toc: false`` chapters are kept (they change the
artwork), and so is every other key of a chapter (``location``, a publisher's
own fields) in ``Chapter.extra``, written back as it came. The file's ``title``,
``podcastName`` and ``description`` become the episode's title, show and
description. ``endTime`` is not stored: a chapter ends where the next begins.
Writes all of that back, with ``endTime`` where the end is known.
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Chapter, Project
from ..timecode import format_seconds
from . import Format
from ..builder import ProjectBuilder, chapter_spans
from ._json import JsonDocument, first_key

VERSION = "1.2.0"
_EPISODE_KEYS = (("title", "title"), ("podcastName", "show"), ("description", "description"))
_CHAPTER_KEYS = frozenset(("startTime", "endTime", "title", "url", "img", "toc"))


def read(text: str) -> Project:
    doc = JsonDocument(text)
    chapters = doc.top_list("chapters", "a Podcasting 2.0 chapters file")
    data = doc.data
    builder = ProjectBuilder()
    for key, field in _EPISODE_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise doc.error("is not a string", key)
        if value:
            setattr(builder.episode, field, value.strip())
    for index, item in enumerate(chapters):
        builder.chapter(_chapter(doc, index, item))
    return builder.project()


def _chapter(doc: JsonDocument, index: int, item: Any) -> Chapter:
    path = ("chapters", index)
    start = doc.timed_item(item, path, "a chapter is an object with a 'startTime'")
    texts = {}
    for key in ("title", "url", "img"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise doc.error("is not a string", *path, key)
        texts[key] = (value or "").strip()
    toc = item.get("toc", True)
    if not isinstance(toc, bool):
        raise doc.error(f"{json.dumps(toc)[:40]} is not true or false", *path, "toc")
    extra = {k: v for k, v in item.items() if k not in _CHAPTER_KEYS}
    return Chapter(start=start, title=" ".join(texts["title"].split()),
                   url=texts["url"] or None, image=texts["img"] or None, toc=toc, extra=extra)


def write(project: Project) -> str:
    data: dict[str, Any] = {"version": VERSION}
    for key, field in _EPISODE_KEYS:
        value = getattr(project.episode, field)
        if value:
            data[key] = value
    if project.audio_path is not None:
        data["fileName"] = project.audio_path.name
    chapters = []
    for chapter, end in chapter_spans(project.chapters, project.audio_duration):
        item: dict[str, Any] = {"startTime": format_seconds(chapter.start)}
        if end is not None and end > chapter.start:
            item["endTime"] = format_seconds(end)
        if chapter.title or chapter.toc:
            item["title"] = chapter.title
        if chapter.url:
            item["url"] = chapter.url
        if chapter.image:
            item["img"] = chapter.image
        if not chapter.toc:
            item["toc"] = False
        item.update((k, v) for k, v in chapter.extra.items() if k not in _CHAPTER_KEYS)
        chapters.append(item)
    data["chapters"] = chapters
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sniff(text: str) -> int:
    """How sure we are that ``text`` is JSON chapters: 2 sure, 0 not."""
    return 2 if first_key(text, ("chapters", "segments")) == "chapters" else 0


FORMATS = [Format(
    name="chapters-json", label="Podcasting 2.0 JSON chapters", kind="chapters",
    extensions=(".chapters.json", ".json"), read=read, write=write,
    mime="application/json+chapters",
    carries=frozenset({"chapter_titles", "chapter_times", "chapter_urls", "chapter_images",
                       "hidden_chapters", "episode_title"}),
    extra={"sniff": sniff},
)]
