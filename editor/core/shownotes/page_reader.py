"""Reading a pasted show-notes page (docs/formats.md, shownotes-text) into a project.

The page has three parts, found by their headings:

1. before ``Timestamps``: the title line, the subtitle line, description paragraphs;
2. between ``Timestamps`` and ``Transcript``: chapter lines, credit lines
   (``Role by A, B and C``), links (a label line, then its URL line if any) and
   the disclaimer (a paragraph about advice, opinions, information only...);
   a time alone there, ``(03:00);``, is a chapter without a title;
3. after ``Transcript``: chapter headings (matched to the chapter list even
   when worded a little differently; an untitled chapter's heading is its
   time, ``(03:00)``), ``Name: text`` turns, and lines without a speaker
   prefix that continue the previous turn as a new paragraph.

Which ``Name:`` prefixes may be speakers is decided by the rules every reader
shares (``textparse.speaker_prefix``: ``Note:``, ``Correction:``, ``Tip:``,
URLs and times are not names); the page adds its own: a name is taken when it
speaks twice, is credited, or is capitalised and not a chapter heading.

Real pages are messy, so the reader is lenient: missing headings are inferred
from chapter lines and turns, and nothing is dropped (what is not understood
goes to ``episode.notes``). Turns get estimated times from the chapter times
(``estimate.estimate_by_chapters``); a turn line with its own time keeps it,
confirmed, and the estimated turns between such anchors are laid out again in
one pass (``estimate.confirm_turns``). The only error raised is
:class:`FormatError`, for text that is not a show-notes page at all.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..errors import FormatError
from ..estimate import confirm_turns, estimate_by_chapters
from ..builder import ProjectBuilder
from ..textparse import CHAPTER_LINE, TIMESTAMP, capitalised_name, speaker_prefix
from ..model import Chapter, Credit, Link, Project, word_count
from ..timecode import TimeError, parse_shownotes

__all__ = ["read_page", "sniff", "title_similarity"]

# In the Timestamps list, an untitled chapter: its time alone, ``(03:00);``.
_UNTITLED_CHAPTER_LINE = re.compile(rf"^[\[(]?(?P<ts>{TIMESTAMP})[\])]?\s*[;.]?$")
# In a transcript a time prefix must be bracketed, or followed by a dash or bar, so
# that a paragraph opening with "10:30 is when..." stays text.
_TIME_PREFIX = re.compile(
    rf"^(?:[\[(](?P<ts>{TIMESTAMP})[\])]\s*|(?P<bare>{TIMESTAMP})\s*[-–—|]\s+)(?P<rest>.*)$")
_TIMESTAMPS_HEADING = re.compile(
    r"^(?:#+\s*)?(?:\*\*)?(?:time\s*stamps|chapters)(?:\*\*)?\s*:?$", re.IGNORECASE)
_TRANSCRIPT_HEADING = re.compile(
    r"^(?:#+\s*)?(?:\*\*)?(?:full\s+)?(?:transcript|transcription)(?:\*\*)?\s*:?$",
    re.IGNORECASE)
_CREDIT = re.compile(r"^(?P<role>\S+(?: \S+){0,2}) by (?P<names>\S.*)$")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"\b(?:advice|advise|opinions?|views expressed|informational|information only|"
    r"for information|educational purposes|entertainment purposes|endorse\w*|"
    r"disclaimer|liabilit\w*|do(?:es)? not (?:necessarily )?(?:reflect|represent))\b",
    re.IGNORECASE)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "–": "-", "—": "-"})

# Chapters looked at ahead of the last heading found, when matching a heading.
_HEADING_WINDOW = 6


@dataclass
class _Page:
    """What the reader has found so far."""

    title: str = ""
    subtitle: str = ""
    description: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    disclaimer: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- single lines ------------------------------------------------------------------

def _is_url(text: str) -> bool:
    return bool(_URL.fullmatch(text))


def _chapter_line(text: str, *, untitled: bool = False) -> tuple[int, str] | None:
    """(start ms, title) of a chapter line; None when the line is not one.

    With ``untitled`` (inside the Timestamps list) a time alone, ``(03:00);``,
    is a chapter without a title. Raises TimeError when the line has a
    chapter's shape but an impossible time.
    """
    match = CHAPTER_LINE.match(text)
    title = _chapter_title(match["title"]) if match else ""
    if not title:
        match = _UNTITLED_CHAPTER_LINE.match(text) if untitled else None
        if not match:
            return None
    return parse_shownotes(match["ts"]), title


def _chapter_title(text: str) -> str:
    """A chapter line's title: a trailing ';' or '.' (not an ellipsis) is punctuation."""
    if text.endswith(";") or (text.endswith(".") and not text.endswith("..")):
        return text[:-1].rstrip()
    return text


def _credit_line(text: str) -> Credit | None:
    match = _CREDIT.match(text.rstrip(";"))
    if not match or _URL.search(text) or ":" in text:
        return None
    role, names_text = match["role"], match["names"].strip()
    if not role[0].isupper() or any(ch.isdigit() for ch in role):
        return None
    if names_text.endswith(".") and not re.search(r"\b\w\.$", names_text):
        return None  # a sentence, not a list of names
    names = tuple(n.strip() for n in _NAME_SPLIT.split(names_text))
    # people and companies have capitalised names; "by guests are their own" is prose
    if any(not n or len(n.split()) > 5 or not _name_like_word(n) for n in names):
        return None
    return Credit(role=role, names=names)


def _is_disclaimer(text: str) -> bool:
    return len(text.split()) >= 4 and bool(_DISCLAIMER.search(text))


def _name_like_word(word: str) -> bool:
    """A credited name's first word: capitalised, a script without case, or a symbol."""
    ch = word[0]
    return ch.isupper() or unicodedata.category(ch).startswith("S") or (
        ch.isalpha() and not ch.islower())


def _speaker_prefix(text: str) -> tuple[str, str] | None:
    """(name, body) when the line opens with something that may be a speaker name
    (the rules every reader shares: ``textparse.speaker_prefix``)."""
    found = speaker_prefix(text)
    return (found[0], found[1].strip()) if found else None


# -- fuzzy chapter headings ------------------------------------------------------------

def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    kept = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(kept.split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _Words:
    """A title or line made ready for comparing: normalised text and stemmed words."""

    text: str
    stems: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "_Words":
        norm = _normalise(text)
        return cls(norm, frozenset(_stem(w) for w in norm.split()))


def _similarity(a: _Words, b: _Words) -> float:
    if not a.text or not b.text:
        return 0.0
    if a.text == b.text:
        return 1.0
    dice = 2 * len(a.stems & b.stems) / (len(a.stems) + len(b.stems))
    shorter, longer = sorted((len(a.text), len(b.text)))
    if dice >= 0.9 or 2 * shorter / (shorter + longer) < 0.7:
        return dice  # the ratio cannot change the verdict: skip computing it
    matcher = SequenceMatcher(None, a.text, b.text, autojunk=False)
    if matcher.quick_ratio() < 0.7:
        return dice
    return max(dice, matcher.ratio())


def title_similarity(a: str, b: str) -> float:
    """How alike two chapter titles are, 0..1, forgiving word forms and punctuation."""
    return _similarity(_Words.of(a), _Words.of(b))


def _heading_threshold(title: _Words) -> float:
    # Short titles leave little room for a changed word.
    return 0.9 if len(title.text.split()) <= 2 else 0.75


# -- the reader ---------------------------------------------------------------------

def _lines(text: str) -> list[tuple[int, str]]:
    """(line number, stripped text) of every non-blank line."""
    if not isinstance(text, str):
        raise FormatError("a show-notes page must be text")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1)
            if line.strip()]


def _first(lines: list[tuple[int, str]], test, start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if test(lines[i][1]):
            return i
    return None


def _is_chapter_line(text: str) -> bool:
    try:
        return _chapter_line(text) is not None
    except TimeError:
        return False


def sniff(text: str) -> int:
    """How surely ``text`` is a show-notes page, for the registry's guess: 4 with
    both a Timestamps and a Transcript heading line, 3 with a Timestamps one, else 0."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines()]
    stamps = next((i for i, line in enumerate(lines) if _TIMESTAMPS_HEADING.match(line)), None)
    if stamps is None:
        return 0
    return 4 if any(_TRANSCRIPT_HEADING.match(line) for line in lines[stamps + 1:]) else 3


def read_page(text: str) -> Project:
    """A project from a pasted show-notes page. Raises FormatError only."""
    lines = _lines(text)
    if not lines:
        raise FormatError("the page is empty", 1)

    # A page may open with a heading or a chapter line: then it has no title.
    stamps = _first(lines, _TIMESTAMPS_HEADING.match)
    transcript = _first(lines, _TRANSCRIPT_HEADING.match, 0 if stamps is None else stamps + 1)
    end_of_notes = transcript if transcript is not None else len(lines)
    first_chapter = _first(lines[:end_of_notes], _is_chapter_line)
    if stamps is None and transcript is None and first_chapter is None:
        raise FormatError("not a show-notes page: no 'Timestamps' heading, no chapter lines "
                          "such as '(05:12) Title;' and no 'Transcript' heading", lines[0][0])

    page = _Page()
    header_end = stamps if stamps is not None else (
        first_chapter if first_chapter is not None else end_of_notes)
    _read_header(lines[:header_end], page, pure=stamps is not None)

    middle_start = header_end + 1 if stamps is not None else header_end
    middle = lines[middle_start:end_of_notes]
    body: list[tuple[int, str]] = lines[transcript + 1:] if transcript is not None else []
    if transcript is None:
        cut = _transcript_start(middle, page)
        middle, body = middle[:cut], middle[cut:]
    _read_middle(middle, page)
    from_list = bool(page.chapters)
    page.chapters.sort(key=lambda c: c.start)
    return _read_transcript(body, page, chapters_listed=from_list)


def _read_header(lines: list[tuple[int, str]], page: _Page, *, pure: bool) -> None:
    """Title, subtitle, description; without a Timestamps heading, credits too."""
    rest = []
    for i, (_, text) in enumerate(lines):
        if i == 0:
            page.title = text
            continue
        if not pure:
            credit = _credit_line(text)
            if credit:
                page.credits.append(credit)
                continue
            if _is_disclaimer(text):
                page.disclaimer.append(text)
                continue
        rest.append(text)
    if rest:
        page.subtitle = rest[0]
        page.description = rest[1:]


def _transcript_start(lines: list[tuple[int, str]], page: _Page) -> int:
    """Where a transcript with no heading starts: at its first turn of a speaker
    who speaks at least twice (or at a chapter heading right before that)."""
    counts: dict[str, int] = {}
    prefixes = []
    for _, text in lines:
        found = _speaker_prefix(text)
        valid = found is not None and not _is_url(found[1]) and not _credit_line(text)
        prefixes.append(found[0] if valid else None)
        if valid:
            counts[found[0]] = counts.get(found[0], 0) + 1
    titles = [line[1] for line in lines if _is_chapter_line(line[1])]
    for i, name in enumerate(prefixes):
        if name is not None and counts[name] >= 2:
            if i > 0 and prefixes[i - 1] is None and any(
                    title_similarity(lines[i - 1][1], _chapter_line(t)[1]) >= 0.75
                    for t in titles):
                return i - 1
            return i
    return len(lines)


def _read_middle(lines: list[tuple[int, str]], page: _Page) -> None:
    """Chapter lines, credits, links and the disclaimer between the two headings."""
    open_link = False  # the last line was a link label still waiting for its URL
    for _, text in lines:
        was_open, open_link = open_link, False
        if _TIMESTAMPS_HEADING.match(text):
            continue
        try:
            chapter = _chapter_line(text, untitled=True)
        except TimeError:
            page.notes.append(text)
            continue
        if chapter:
            page.chapters.append(Chapter(start=chapter[0], title=chapter[1]))
            continue
        credit = _credit_line(text)
        if credit:
            page.credits.append(credit)
        elif _is_url(text):
            if was_open:
                page.links[-1] = Link(page.links[-1].label, text)
            else:
                page.links.append(Link("", text))
        elif _is_disclaimer(text):
            page.disclaimer.append(text)
        else:
            url = _URL.search(text)
            label = text[:url.start()].rstrip(" :-–—|") if url else text
            if url and label:
                page.links.append(Link(label, url.group()))
            else:
                page.links.append(Link(text))
                open_link = True


@dataclass
class _Draft:
    """A turn being read: its speaker's name, paragraphs and time if it had one."""

    name: str
    paragraphs: list[str]
    chapter: int | None          # index into page.chapters, None before any heading
    time: int | None = None


def _split_transcript_line(line: str) -> tuple[int | None, str, tuple[str, str] | None]:
    """(own time or None, the line without that time, (speaker, body) if it may be a turn)."""
    prefix = _TIME_PREFIX.match(line)
    time, rest = None, line
    if prefix:
        try:
            time = parse_shownotes(prefix["ts"] or prefix["bare"])
            rest = prefix["rest"].strip()
        except TimeError:
            pass
    return time, rest, _speaker_prefix(rest)


def _read_transcript(lines: list[tuple[int, str]], page: _Page, *,
                     chapters_listed: bool) -> Project:
    split = [_split_transcript_line(line) for _, line in lines]
    counts: dict[str, int] = {}
    for _, _, found in split:
        if found:
            counts[found[0]] = counts.get(found[0], 0) + 1
    known = {n.casefold() for c in page.credits for name in c.names
             for n in (name, name.split()[0] if name.split() else name)}

    drafts: list[_Draft] = []
    current: _Draft | None = None
    chapter: int | None = None
    ahead = 0  # chapters before this one have had their heading

    titles: dict[int, _Words] = {}

    def heading(text: str, time: int | None) -> int | None:
        """The chapter whose heading ``text`` is, looking a few chapters ahead."""
        words = _Words.of(text)
        best, best_score = None, 0.0
        for k in range(ahead, min(ahead + _HEADING_WINDOW, len(page.chapters))):
            if k not in titles:
                titles[k] = _Words.of(page.chapters[k].title)
            score = _similarity(words, titles[k])
            if time is not None and page.chapters[k].start == time:
                score = max(score, 0.5) + 0.5
            if score >= _heading_threshold(titles[k]) and score > best_score:
                best, best_score = k, score
        return best

    for (_, line), (time, rest, found) in zip(lines, split):
        if found:
            name = found[0]
            strong = counts.get(name, 0) >= 2 or name.casefold() in known
            if strong or (heading(rest, time) is None and capitalised_name(name)):
                current = _Draft(name, [found[1]] if found[1] else [], chapter, time)
                drafts.append(current)
                continue
        k = heading(rest, time)
        if k is None and time is not None and rest and not chapters_listed:
            # a page with no chapter list: its timestamped headings are the chapters
            page.chapters.append(Chapter(start=time, title=_chapter_title(rest)))
            k = len(page.chapters) - 1
        if k is not None:
            chapter, ahead, current = k, k + 1, None
        elif current is not None:
            current.paragraphs.append(line)
        else:
            page.notes.append(line)
    return _project(page, drafts)


def _project(page: _Page, drafts: list[_Draft]) -> Project:
    builder = ProjectBuilder()
    episode = builder.episode
    episode.title, episode.subtitle = page.title, page.subtitle
    episode.description = "\n".join(page.description)
    episode.links, episode.credits = tuple(page.links), tuple(page.credits)
    episode.disclaimer, episode.notes = "\n".join(page.disclaimer), "\n".join(page.notes)
    turns = [builder.turn(0, d.name, d.paragraphs, estimated=True) for d in drafts]
    for chapter in page.chapters:
        builder.chapter(chapter)
    project = builder.project()

    # Lay out turns chapter by chapter in time order, whatever order the page had
    # (timestamped headings may add chapters out of order).
    rank = {id(chapter): r for r, chapter in enumerate(project.chapters)}
    groups: list[list[int]] = [[] for _ in project.chapters]
    lead: list[int] = []
    for i, draft in enumerate(drafts):
        if draft.chapter is None:
            lead.append(i)
        else:
            groups[rank[id(page.chapters[draft.chapter])]].append(i)
    starts = estimate_by_chapters(
        [[word_count(turns[i].text) for i in group] for group in groups],
        [c.start for c in project.chapters], None,
        [word_count(turns[i].text) for i in lead])
    for i, start in zip(lead + [i for group in groups for i in group], starts):
        turns[i].start = start

    # Turns that carried their own time keep it, confirmed; the estimated turns
    # between them are laid out again once, stretch by stretch.
    timed = {i: d.time for i, d in enumerate(drafts) if d.time is not None}
    if timed:
        first, times = confirm_turns(turns, timed, [c.start for c in project.chapters], None)
        for k, (start, estimated) in enumerate(times, start=first):
            turns[k].start, turns[k].estimated = start, estimated
    return project
