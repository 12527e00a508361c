"""What writing a project in one format would lose, said before it is written.

``format_findings(project, fmt)`` returns :class:`~editor.core.checks.Finding`
warnings (code ``format-…``) for everything of the project that ``fmt``
cannot carry: a kind of thing the format has no place for (it is not in
``Format.carries``: paragraphs in SRT, links in mp4chaps, hidden chapters in
most chapter formats), and single values its reader would not take back (a
speaker name the shared ``Name:`` rule does not read, an untitled chapter
where the format writes a placeholder). ``LOSES`` maps each code to the
``carries`` entry whose value it affects. ``embed_findings`` says the same of
embedding chapters in an MP3. Nothing here changes the project.
"""
from __future__ import annotations

from .builder import placeholder_title, visible_chapters
from .checks import Finding
from .formats import Format
from .model import Project
from .textparse import capitalised_name, one_line, speaker_prefix

__all__ = ["LOSES", "embed_findings", "format_findings", "prefix_speaker_ok"]

# Finding code -> the ``carries`` entry (see editor.core.formats) it is about.
LOSES: dict[str, frozenset[str]] = {code: frozenset(entries) for code, entries in {
    "format-no-paragraphs": ["paragraphs"],
    "format-no-turn-times": ["turn_times"],
    "format-no-speakers": ["speakers"],
    "format-speaker-name": ["speakers"],
    # The prefix reads as text, and the turn joins the one before.
    "format-speaker-prefix": ["turns"],
    # The turn joins the one before, or (plain text) reads as a chapter heading.
    "format-unnamed-turn": ["turns", "chapter_titles", "chapter_times", "chapter_seconds"],
    "format-empty-turn": ["turns"],
    "format-text-reads-as-speaker": ["turns"],
    "format-text-lost": ["turns", "chapter_titles", "chapter_times", "chapter_seconds"],
    "format-no-chapter-links": ["chapter_urls"],
    "format-no-chapter-images": ["chapter_images"],
    "format-hidden-chapters": ["hidden_chapters"],
    "format-chapter-seconds": ["chapter_times"],
    "format-untitled-chapter": ["chapter_titles"],
    # (in the classic page, a heading not found reads as a line of the turn)
    "format-chapter-title": ["chapter_titles", "turns"],
}.items()}


def prefix_speaker_ok(name: str, turns: int) -> bool:
    """Whether a ``Name:`` prefix of ``name`` reads back as that speaker in a file
    where the name opens ``turns`` turns (a name used once must be capitalised)."""
    found = speaker_prefix(f"{name}: x")
    # Readers fold a run of spaces in a name into one.
    return found == (name, "x") and name == " ".join(name.split()) and (turns >= 2 or capitalised_name(name))


def _warning(fmt: Format, code: str, message: str, target=None) -> Finding:
    return Finding("warning", code, f"{fmt.name}: {message}", target)


def format_findings(project: Project, fmt: Format) -> list[Finding]:
    """What ``fmt`` would lose of ``project``, one finding per kind of loss."""
    carries = fmt.carries
    found: list[Finding] = []
    if fmt.kind == "transcript" or "turns" in carries:
        found += _turn_findings(project, fmt)
    if carries & {"chapter_titles", "chapter_times", "chapter_seconds"}:
        found += _chapter_findings(project, fmt)
    return found


def _turn_name(project: Project, index: int) -> str:
    speaker = project.turns[index].speaker
    who = f" ({project.speaker_name(speaker)})" if speaker else ""
    return f"turn {index + 1}{who}"


def _first(fmt: Format, indexes: list[int], code: str, message) -> list[Finding]:
    """One finding at the first of ``indexes``, counting the rest."""
    if not indexes:
        return []
    more = f" ({len(indexes)} turns in all)" if len(indexes) > 1 else ""
    return [_warning(fmt, code, message(indexes[0]) + more, ("turn", indexes[0]))]


def _turn_findings(project: Project, fmt: Format) -> list[Finding]:
    carries = fmt.carries
    turns = project.turns
    names = [one_line(project.speaker_name(t.speaker)) if t.speaker else "" for t in turns]
    found: list[Finding] = []
    texts = [[" ".join(p.split()) for p in t.paragraphs if p.split()] for t in turns]
    if "paragraphs" not in carries:
        found += _first(fmt, [i for i, paras in enumerate(texts) if len(paras) > 1],
                        "format-no-paragraphs",
                        lambda i: f"{_turn_name(project, i)}: paragraph breaks are not "
                                  "written; its paragraphs come back as one")
    if "turn_times" not in carries and turns:
        found.append(_warning(fmt, "format-no-turn-times",
                              "turn times are not written; an import estimates them"))
    if "speakers" not in carries:
        found += _first(fmt, [i for i, n in enumerate(names) if n], "format-no-speakers",
                        lambda i: f"{_turn_name(project, i)}: speakers are not written")
        return found
    found += _first(fmt, [i for i, t in enumerate(turns) if t.speaker and not names[i]],
                    "format-speaker-name",
                    lambda i: f"turn {i + 1}: its speaker has no name, so none is written")
    found += _first(fmt, [i for i, n in enumerate(names) if not n and not texts[i]],
                    "format-empty-turn",
                    lambda i: f"turn {i + 1} is empty and has no speaker, so it is left out")
    lost_text = fmt.extra.get("lost_text")
    if lost_text is not None:
        found += _first(fmt, [i for i, t in enumerate(turns) if lost_text(t.text, bool(names[i]))],
                        "format-text-lost",
                        lambda i: f"{_turn_name(project, i)}: its text holds what the "
                                  "format reads as markup, times or names, so it does not "
                                  "read back whole")
    if fmt.extra.get("speaker_prefixes"):
        found += _prefix_findings(project, fmt, names, texts)
    return found


def _prefix_findings(project: Project, fmt: Format, names: list[str],
                     texts: list[list[str]]) -> list[Finding]:
    """Losses of formats that write ``Name: text``."""
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name] = counts.get(name, 0) + 1
    found: list[Finding] = []
    bad = sorted({n for n in counts if not prefix_speaker_ok(n, counts[n])},
                 key=names.index)
    for name in bad:
        first = names.index(name)
        found.append(_warning(
            fmt, "format-speaker-prefix",
            f"speaker {name!r} (first: turn {first + 1}) cannot be written as a 'Name:' "
            "prefix that reads back; those turns would join the turn before",
            ("turn", first)))
    lost_turns = fmt.extra.get("lost_turns")
    if lost_turns is not None:
        found += _first(fmt, lost_turns(project), "format-unnamed-turn",
                        lambda i: f"turn {i + 1} has no speaker, and without a 'Name:' "
                                  "prefix its bounds do not read back")
    found += _first(fmt, [i for i, paras in enumerate(texts)
                          if any(speaker_prefix(p) for p in paras[0 if not names[i] else 1:])],
                    "format-text-reads-as-speaker",
                    lambda i: f"{_turn_name(project, i)}: a paragraph starts like a "
                              "'Name:' prefix and would read back as a new turn")
    return found


def _chapter_findings(project: Project, fmt: Format) -> list[Finding]:
    carries = fmt.carries
    chapters = project.chapters if "hidden_chapters" in carries else visible_chapters(project)
    found: list[Finding] = []

    def first(indexes: list[int], code: str, message) -> None:
        """One finding at the first of ``indexes`` (into the chapters written);
        ``message(number, k)`` gets the project's chapter number and ``k``."""
        if indexes:
            k = indexes[0]
            index = next(i for i, c in enumerate(project.chapters) if c is chapters[k])
            more = f" ({len(indexes)} chapters in all)" if len(indexes) > 1 else ""
            found.append(_warning(fmt, code, message(index + 1, k) + more,
                                  ("chapter", index)))

    hidden = [i for i, c in enumerate(project.chapters) if not c.toc]
    if "hidden_chapters" not in carries and hidden:
        count = f"{len(hidden)} hidden chapter{'s are' if len(hidden) > 1 else ' is'}"
        found.append(_warning(fmt, "format-hidden-chapters",
                              f"{count} left out (first: chapter {hidden[0] + 1})",
                              ("chapter", hidden[0])))
    numbered = list(enumerate(chapters))
    if "chapter_urls" not in carries:
        first([k for k, c in numbered if c.url], "format-no-chapter-links",
              lambda n, k: f"chapter {n}: chapter links are not written")
    if "chapter_images" not in carries:
        first([k for k, c in numbered if c.image], "format-no-chapter-images",
              lambda n, k: f"chapter {n}: chapter images are not written")
    if "chapter_times" not in carries:
        first([k for k, c in numbered if c.start % 1000], "format-chapter-seconds",
              lambda n, k: f"chapter {n}: times are written in whole seconds")
    if fmt.extra.get("placeholder_titles"):
        first([k for k, c in numbered if not one_line(c.title)], "format-untitled-chapter",
              lambda n, k: f"chapter {n} has no title; it is written as "
                           f"{placeholder_title(k + 1)!r}")
    title_rule = fmt.extra.get("title_rule")
    if title_rule is not None:
        first([k for k, c in numbered if not title_rule(c.title)], "format-chapter-title",
              lambda n, k: f"chapter {n}: its title would not read back as written")
    return found


def embed_findings(project: Project) -> list[Finding]:
    """What embedding the chapters in an MP3 would change of their links: a URL
    outside Latin-1 (ID3v2.3 URLs are Latin-1) is encoded, or refused when it
    cannot be. (Untitled chapters are a publish check of their own.) Nothing
    for an M4A episode."""
    found: list[Finding] = []
    if not any(chapter.url for chapter in project.chapters):
        return found
    from .embed import MP4_SUFFIXES, id3_url   # mutagen: only when there is a link to judge
    if project.audio_path is not None and project.audio_path.suffix.lower() in MP4_SUFFIXES:
        return found
    for index, chapter in enumerate(sorted(project.chapters, key=lambda c: c.start)):
        number = project.chapters.index(chapter) + 1
        if not chapter.url:
            continue
        written = id3_url(chapter.url)
        if written is None:
            found.append(Finding("warning", "embed-url-refused",
                                 f"MP3: chapter {number}'s URL {chapter.url!r} cannot be "
                                 "written in an MP3; embedding will refuse it",
                                 ("chapter", number - 1)))
        elif written != chapter.url:
            found.append(Finding("warning", "embed-url-encoded",
                                 f"MP3: chapter {number}'s URL is written as {written!r} "
                                 "(ID3 URLs are Latin-1)", ("chapter", number - 1)))
    return found
