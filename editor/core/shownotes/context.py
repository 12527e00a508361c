"""The plain context every show-notes template receives.

Templates should only lay things out, so everything that needs thought happens
here: turns grouped under the listed chapters, times formatted, multi-line
fields split into paragraphs, single-line fields kept on one line, credit lines
written out. The values are small read-only records of strings, numbers and
lists (attribute access is what keeps a 5,000-turn export fast), so user
templates can run sandboxed.

Context keys:

- ``episode``: title, subtitle, description (list of paragraphs), show, number,
  date, language, links (label, url), credits (role, names, names_text, line),
  disclaimer (list of paragraphs)
- ``chapters``: the listed chapters (``toc`` true) in order: number, anchor
  (``chapter-N``), start_ms, time (``05:12`` / ``1:02:07``), clock (``5:12``),
  duration (``PT312S``, for ``<time datetime>``),
  title, heading (the title; for an untitled chapter its time, ``(05:12)``, which
  the page reader takes back as that chapter's heading), url, image, turns
- ``lead_turns``: turns before the first listed chapter
- ``sections``: the transcript in order, each with ``chapter`` (None for the
  lead turns) and ``turns``
- each turn: index, speaker (name, "" for none), speaker_id, paragraphs,
  start_ms, time, clock, duration, estimated
- ``options``: transcript, times
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..model import Project
from ..timecode import format_clock, format_duration

__all__ = ["build_context", "join_names", "one_line", "paragraphs"]


def one_line(text: str | None) -> str:
    """A field shown on one line: inner line breaks become spaces."""
    return " ".join((text or "").split("\n")).strip()


def paragraphs(text: str | None) -> list[str]:
    """The non-empty paragraphs of a multi-line field, each stripped."""
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def join_names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: how credit lines list people."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class _Timed:
    """Display forms of ``start_ms``, made only when a template asks for them."""

    __slots__ = ()
    start_ms: int

    @property
    def time(self) -> str:
        return format_clock(self.start_ms)

    @property
    def clock(self) -> str:
        return format_clock(self.start_ms, pad_minutes=False)

    @property
    def duration(self) -> str:
        return format_duration(self.start_ms)


@dataclass(slots=True, frozen=True)
class TurnView(_Timed):
    index: int
    speaker: str
    speaker_id: str
    paragraphs: list[str]
    start_ms: int
    estimated: bool


@dataclass(slots=True, frozen=True)
class ChapterView(_Timed):
    number: int
    anchor: str
    title: str
    url: str | None
    image: str | None
    start_ms: int
    turns: list[TurnView] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.title or f"({self.time})"


@dataclass(slots=True, frozen=True)
class SectionView:
    chapter: ChapterView | None
    turns: list[TurnView]


@dataclass(slots=True, frozen=True)
class LinkView:
    label: str
    url: str | None


@dataclass(slots=True, frozen=True)
class CreditView:
    role: str
    names: list[str]
    names_text: str
    line: str


@dataclass(slots=True, frozen=True)
class EpisodeView:
    title: str
    subtitle: str
    description: list[str]
    show: str
    number: int | None
    date: str | None
    language: str
    links: list[LinkView]
    credits: list[CreditView]
    disclaimer: list[str]


def _credit(role: str, names: tuple[str, ...]) -> CreditView:
    role = one_line(role)
    names_list = [one_line(n) for n in names if one_line(n)]
    names_text = join_names(names_list)
    return CreditView(role, names_list, names_text,
                      f"{role} by {names_text}" if names_text else role)


def _url(url: str | None) -> str | None:
    return (url or "").strip() or None


def build_context(project: Project, *, transcript: bool = True,
                  times: bool = False) -> dict[str, Any]:
    """Everything a show-notes template needs, prepared (O(n log m) in turns)."""
    ep = project.episode
    names = {s.id: one_line(s.name) for s in project.speakers}

    listed = [c for c in project.chapters if c.toc]
    chapters = [ChapterView(n, f"chapter-{n}", one_line(c.title), _url(c.url), _url(c.image),
                            c.start)
                for n, c in enumerate(listed, start=1)]

    lead: list[TurnView] = []
    if transcript:
        starts = [c.start for c in listed]
        for index, turn in enumerate(project.turns):
            at = bisect.bisect_right(starts, turn.start) - 1
            speaker = names.get(turn.speaker)
            view = TurnView(index, one_line(turn.speaker) if speaker is None else speaker,
                            turn.speaker, paragraphs(turn.text) or [""], turn.start,
                            turn.estimated)
            (chapters[at].turns if at >= 0 else lead).append(view)

    episode = EpisodeView(
        title=one_line(ep.title), subtitle=one_line(ep.subtitle),
        description=paragraphs(ep.description), show=one_line(ep.show), number=ep.number,
        date=ep.date, language=ep.language,
        links=[LinkView(one_line(link.label), _url(link.url))
               for link in ep.links if one_line(link.label) or _url(link.url)],
        credits=[_credit(c.role, c.names) for c in ep.credits if one_line(c.role)],
        disclaimer=paragraphs(ep.disclaimer))
    sections = ([SectionView(None, lead)] if lead else []) + [
        SectionView(c, c.turns) for c in chapters]
    return {
        "episode": episode,
        "chapters": chapters,
        "lead_turns": lead,
        "sections": sections if transcript else [],
        "options": {"transcript": transcript, "times": times},
    }
