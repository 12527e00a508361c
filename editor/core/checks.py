"""Publish checks: what to fix or review before an episode goes out.

``check_project(project, platform)`` returns a list of :class:`Finding`, in the
order: episode, chapters, speakers, turns. Platforms (docs/formats.md, platform rules):

- ``"youtube"``: chapter rules are errors (first at 0:00, at least 3, every
  chapter at least 10 s long, the last one too, titles at most 70 characters);
- ``"spotify"``: the same rules, but a short chapter is only a warning, and so
  are chapters under the 30 s Spotify recommends and titles of 40 characters or
  more;
- ``None`` (any podcast app): the chapter rules are warnings.

Spelling is opt-in: given a :class:`~editor.core.spelling.SpellingReport`
(``spelling=``), the findings end with "N unknown words", pointing to the
first; without one, nothing here touches a dictionary.

Chapter times are judged in whole seconds, as the timestamp lines write them
(a first chapter at 0.4 s is written 0:00). Only listed chapters (``toc`` true)
take part in the chapter rules, since silent chapters never appear in a
timestamp list. A listed chapter that no turn starts in is a warning on every
platform (every export would show it empty: often a transcript heading that
was not recognised), unless the project has no turns at all. Turns must run in time order (read from the project's one
cache of turn starts, ``Project.turn_starts``). A turn that alignment gave
word times but could not confirm (still estimated, with word times: the audio
did not bear its start out) is listed on its own, each one a finding, up to
:data:`UNCONFIRMED_LISTED` of them. Nothing here changes the project.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Project
from .timecode import format_clock
from .wordtimes import has_word_times

if TYPE_CHECKING:
    from .spelling import SpellingReport

__all__ = ["Finding", "PLATFORMS", "check_project", "is_placeholder_name", "spelling_findings"]

PLATFORMS = (None, "youtube", "spotify")

MIN_CHAPTERS = 3
MIN_CHAPTER_S = 10
SPOTIFY_ADVISED_S = 30       # Spotify recommends chapters at least this long
YOUTUBE_TITLE_MAX = 70
SPOTIFY_TITLE_ADVISED = 40   # titles should stay shorter than this
UNCONFIRMED_LISTED = 50      # turns left unconfirmed by alignment, one finding each

# "Speaker 1", "Speaker B", "SPEAKER_00" (diarization output), "Unknown speaker"
_PLACEHOLDER = re.compile(r"speaker(?:[\s_-]*(?:\d+|[a-z]))?|unknown(?:\s+speaker)?",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    severity: str                     # "error" (fix before publishing) or "warning"
    code: str                         # stable, for scripts: "chapter-too-close", ...
    message: str                      # one line naming the turn / chapter / field
    target: tuple[str, object] | None = None   # ("turn", i), ("chapter", i), ("episode", f)


def is_placeholder_name(name: str) -> bool:
    """``Speaker 1``, ``Speaker``, ``Unknown``, ``Unknown speaker``: names left to replace."""
    return bool(_PLACEHOLDER.fullmatch(" ".join(name.split())))


def check_project(project: Project, platform: str | None = None, *,
                  spelling: SpellingReport | None = None) -> list[Finding]:
    """Everything worth knowing before publishing ``project`` to ``platform``
    (with ``spelling``, a finished scan of it, its unknown words too)."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r} (known: youtube, spotify)")
    findings: list[Finding] = []
    findings += _episode(project)
    findings += _chapters(project, platform)
    findings += _speakers(project)
    findings += _turns(project)
    if spelling is not None:
        findings += spelling_findings(project, spelling)
    return findings


def spelling_findings(project: Project, report: SpellingReport) -> list[Finding]:
    """The finding "N unknown words", at the first one; or why spelling was not checked."""
    if report.not_checked:
        return [Finding("warning", "spelling-not-checked", report.not_checked)]
    if not report.unknown:
        return []
    first = report.unknown[0]
    count = len(report.unknown)
    return [Finding("warning", "unknown-words",
                    f"{count} unknown word{'s' if count != 1 else ''} (first: {first.word!r} "
                    f"in {first.first.describe(project)})", first.first.target)]


def _chapter_name(project: Project, index: int) -> str:
    return f"chapter {index + 1} {project.chapters[index].title!r}"


def _turn_name(project: Project, index: int) -> str:
    """By speaker and time, as the transcript shows it (it shows no turn numbers)."""
    return project.turn_label(index)


def _episode(project: Project) -> list[Finding]:
    if project.episode.title.strip():
        return []
    return [Finding("error", "empty-title", "the episode has no title", ("episode", "title"))]


def _chapters(project: Project, platform: str | None) -> list[Finding]:
    rule = "error" if platform else "warning"
    where = {"youtube": " on YouTube", "spotify": " on Spotify"}.get(platform, "")
    listed = [i for i, c in enumerate(project.chapters) if c.toc]
    found: list[Finding] = []

    if len(listed) < MIN_CHAPTERS:
        target = ("chapter", listed[0]) if listed else None
        found.append(Finding(
            rule, "too-few-chapters",
            f"{len(listed)} chapter{'s' if len(listed) != 1 else ''} listed: chapters "
            f"show{where} only with at least {MIN_CHAPTERS}", target))
    seconds = [project.chapters[i].start // 1000 for i in listed]   # as written
    if listed and seconds[0] != 0:
        first = listed[0]
        found.append(Finding(
            rule, "first-chapter-not-at-zero",
            f"{_chapter_name(project, first)} starts at "
            f"{format_clock(project.chapters[first].start)}: the first chapter must start "
            f"at 00:00", ("chapter", first)))

    # Each listed chapter runs to the next one, the last to the end of the audio.
    ends = seconds[1:]
    if project.audio_duration is not None:
        ends.append(project.audio_duration // 1000)
    short_rule = "warning" if platform == "spotify" else rule
    for index, start, end in zip(listed, seconds, ends):
        length = end - start
        if length < MIN_CHAPTER_S:
            found.append(Finding(
                short_rule, "chapter-too-short",
                f"{_chapter_name(project, index)} lasts {max(length, 0)} s (at least "
                f"{MIN_CHAPTER_S} s{where})", ("chapter", index)))
        elif platform == "spotify" and length < SPOTIFY_ADVISED_S:
            found.append(Finding(
                "warning", "chapter-short",
                f"{_chapter_name(project, index)} lasts {length} s (Spotify recommends at "
                f"least {SPOTIFY_ADVISED_S} s)", ("chapter", index)))

    for index in listed:
        title = project.chapters[index].title.strip()
        if not title:
            found.append(Finding(rule, "chapter-without-title",
                                 f"chapter {index + 1} has no title", ("chapter", index)))
        elif platform in (None, "youtube") and len(title) > YOUTUBE_TITLE_MAX:
            found.append(Finding(
                rule, "chapter-title-too-long",
                f"{_chapter_name(project, index)} has {len(title)} characters "
                f"(YouTube allows {YOUTUBE_TITLE_MAX})", ("chapter", index)))
        elif platform == "spotify" and len(title) >= SPOTIFY_TITLE_ADVISED:
            found.append(Finding(
                "warning", "chapter-title-long",
                f"{_chapter_name(project, index)} has {len(title)} characters (Spotify "
                f"recommends fewer than {SPOTIFY_TITLE_ADVISED})", ("chapter", index)))

    found += _chapters_without_turns(project, listed)

    duration = project.audio_duration
    if duration is not None:
        for index, chapter in enumerate(project.chapters):
            if chapter.start >= duration:
                found.append(Finding(
                    "error", "chapter-after-end",
                    f"{_chapter_name(project, index)} starts at {format_clock(chapter.start)}, "
                    f"after the end of the audio ({format_clock(duration)})",
                    ("chapter", index)))
    return found


def _chapters_without_turns(project: Project, listed: list[int]) -> list[Finding]:
    """Listed chapters that no turn starts in (from the chapter's start to the next
    listed one's), which every export would show empty: the turns are grouped so.

    A project with no turns at all has no transcript yet, and is not judged.
    """
    starts = project.turn_starts()
    if not starts or not listed:
        return []
    bounds = [project.chapters[i].start for i in listed]
    filled = set()
    for start in starts:   # turns may be out of order: place each one
        filled.add(bisect.bisect_right(bounds, start) - 1)
    return [Finding("warning", "chapter-without-turns",
                    f"{_chapter_name(project, index)} has no turns under it (is its heading "
                    f"missing from the transcript?)", ("chapter", index))
            for n, index in enumerate(listed) if n not in filled]


def _who_speaks(project: Project) -> tuple[dict[str, int], dict[str, int]]:
    """For each speaker id that has turns: its first turn's index, and its turn count."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index, turn in enumerate(project.turns):
        if turn.speaker:
            first.setdefault(turn.speaker, index)
            counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
    return first, counts


def _credited(name: str, credited: list[set[str]]) -> bool:
    """Whether a credit names this person: "Jonas" matches "Jonas Pärn" and back."""
    words = set(name.casefold().split())
    return bool(words) and any(words <= c or c <= words for c in credited if c)


def _speakers(project: Project) -> list[Finding]:
    found: list[Finding] = []
    first, counts = _who_speaks(project)
    credited = [set(name.casefold().split())
                for credit in project.episode.credits for name in credit.names]
    for speaker in project.speakers:
        if speaker.id not in first:
            continue
        index = first[speaker.id]
        count = counts[speaker.id]
        turns = f"{count} turn{'s' if count != 1 else ''}"
        if is_placeholder_name(speaker.name):
            found.append(Finding(
                "error", "placeholder-speaker",
                f"speaker {speaker.name!r} still has a placeholder name ({turns}, first: "
                f"{_turn_name(project, index)})", ("turn", index)))
        elif not _credited(speaker.name, credited):
            found.append(Finding(
                "warning", "speaker-not-credited",
                f"speaker {speaker.name!r} speaks ({turns}, first: "
                f"{_turn_name(project, index)}) but is in no credit", ("turn", index)))
    return found


def _first_of(project: Project, indexes: list[int], code: str, problem) -> list[Finding]:
    """One error at the first of ``indexes`` (``problem(i)`` says what is wrong with
    turn i), counting the others: a page of the same finding helps nobody."""
    if not indexes:
        return []
    first = indexes[0]
    more = f"; {len(indexes)} turns in all" if len(indexes) > 1 else ""
    return [Finding("error", code, f"{_turn_name(project, first)} {problem(first)}{more}",
                    ("turn", first))]


def _turns(project: Project) -> list[Finding]:
    starts = project.turn_starts()
    found = _first_of(
        project, [i for i in range(1, len(starts)) if starts[i] < starts[i - 1]],
        "turns-out-of-order",
        lambda i: f"is before the turn above it ({project.clock(starts[i - 1])})")
    duration = project.audio_duration
    if duration is not None:
        found += _first_of(
            project, [i for i, start in enumerate(starts) if start >= duration],
            "turn-after-end",
            lambda i: f"is after the end of the audio ({project.clock(duration)})")
    estimated = [i for i, t in enumerate(project.turns) if t.estimated]
    if estimated:
        first = estimated[0]
        count = len(estimated)
        found.append(Finding(
            "warning", "estimated-times",
            f"{count} turn time{'s are' if count != 1 else ' is'} estimated, not yet "
            f"confirmed (first: {_turn_name(project, first)})", ("turn", first)))
    found += _unconfirmed_after_alignment(project, estimated)
    return found


def _unconfirmed_after_alignment(project: Project, estimated: list[int]) -> list[Finding]:
    """Each estimated turn with word times: aligned, but not heard well enough to
    confirm, so its time and its words' are the aligner's guess."""
    unconfirmed = [i for i in estimated if has_word_times(project.turns[i])]
    found = [Finding("warning", "unconfirmed-after-alignment",
                     f"{_turn_name(project, i)} stayed estimated after alignment: listen "
                     f"and set its start", ("turn", i))
             for i in unconfirmed[:UNCONFIRMED_LISTED]]
    rest = unconfirmed[UNCONFIRMED_LISTED:]
    if rest:
        found.append(Finding("warning", "unconfirmed-after-alignment",
                             f"{len(rest)} more turns stayed estimated after alignment "
                             f"(next: {_turn_name(project, rest[0])})", ("turn", rest[0])))
    return found
