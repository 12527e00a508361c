"""Every writer with a reader, on arbitrary projects: what the format declares
in ``carries`` comes back from Showscribe's own reader, unless ``formatcheck``
said beforehand that this project loses it."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from editor.core.errors import FormatError
from editor.core.formatcheck import LOSES, format_findings
from editor.core.formats import CARRIED, all_formats, by_name
from editor.core.model import Chapter, Project, Speaker, Turn
from editor.core.textparse import one_line

ROUND_TRIP = settings(max_examples=500, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow,
                                             HealthCheck.data_too_large])

WRITERS = sorted(f.name for f in all_formats()
                 if f.can_write and f.can_read and not f.binary)

# Anything a project file holds in a one-line field: no surrogates or controls.
_ANY = st.characters(blacklist_categories=("Cs", "Cc"))
_NAMES = st.one_of(
    st.sampled_from(["Ann", "Bo Li", "Jonas Pärn", "Speaker 2", "石田", "O'Brien, Pat",
                     "Zoë & Co", "Anna (host)", "Ludwig van Beethoven", "Mia 🎧"]),
    st.text(_ANY, min_size=1, max_size=20))
_WORDS = st.one_of(
    st.sampled_from(["hello", "world", "and", "the", "Ann:", "12:30", "<i>", "&amp;", "-->",
                     "Note:", "«ok»", "(00:12)", "[1:02]", "#", "WEBVTT", "日本", "🎙"]),
    st.text(_ANY, min_size=1, max_size=10))
_PARAGRAPHS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_TITLES = st.text(_ANY, max_size=30)
_URLS = st.one_of(st.none(), st.sampled_from(["https://ex.com/a", "https://例え.jp/パス"]))


@st.composite
def projects(draw) -> Project:
    project = Project()
    project.episode.title = draw(_TITLES)
    names = draw(st.lists(_NAMES, min_size=1, max_size=4, unique_by=one_line))
    project.speakers = [Speaker(f"s{i}", name) for i, name in enumerate(names)]
    start = 0
    for _ in range(draw(st.integers(0, 8))):
        start += draw(st.integers(0, 600_000))
        speaker = draw(st.sampled_from(["", *(s.id for s in project.speakers)]))
        text = "\n".join(draw(st.lists(_PARAGRAPHS, min_size=0, max_size=3)))
        project.turns.append(Turn(start, speaker, text))
    for _ in range(draw(st.integers(0, 6))):
        project.chapters.append(Chapter(
            draw(st.integers(0, 20_000_000)), draw(_TITLES), draw(_URLS),
            draw(st.sampled_from([None, "https://ex.com/i.png"])), draw(st.booleans())))
    project.chapters.sort(key=lambda c: c.start)
    if draw(st.booleans()):
        project.audio_duration = max([start, *(c.start for c in project.chapters)]) + 5_000
    return project


def _words(text: str) -> str:
    return " ".join(text.split())


def view(project: Project, carries: frozenset[str], lost: set[str]) -> dict[str, object]:
    """What the format carries of ``project``, less what was reported lost."""
    keep = carries - lost
    if "turns" in lost:   # a turn boundary moved: nothing turn by turn compares
        keep -= {"speakers", "paragraphs", "turn_times"}
    hidden = "hidden_chapters" in carries
    chapters = [c for c in project.chapters if c.toc or hidden]
    got: dict[str, object] = {}
    turns = project.turns
    if "turns" in keep:
        got["turns"] = [_words(t.text) for t in turns]
    if "speakers" in keep:
        got["speakers"] = [one_line(project.speaker_name(t.speaker)) if t.speaker else ""
                           for t in turns]
    if "paragraphs" in keep:
        got["paragraphs"] = [[_words(p) for p in t.paragraphs if p.split()] for t in turns]
    if "turn_times" in keep:
        got["turn_times"] = [t.start for t in turns]
    if carries & {"chapter_titles", "chapter_times", "chapter_seconds"} and "turns" not in lost:
        got["chapter_count"] = len(chapters)   # (turns read as headings add chapters)
    if "chapter_titles" in keep:
        got["chapter_titles"] = [one_line(c.title) for c in chapters]
    if "chapter_times" in keep:
        got["chapter_times"] = [c.start for c in chapters]
    if "chapter_seconds" in keep:
        got["chapter_seconds"] = [c.start // 1000 for c in chapters]
    if "chapter_urls" in keep:
        got["chapter_urls"] = [c.url for c in chapters]
    if "chapter_images" in keep:
        got["chapter_images"] = [c.image for c in chapters]
    if "hidden_chapters" in keep:
        got["hidden_chapters"] = [c.toc for c in chapters]
    if "episode_title" in keep:
        got["episode_title"] = one_line(project.episode.title)
    return got


def test_every_format_declares_only_known_carries():
    for fmt in all_formats():
        assert fmt.carries <= CARRIED, fmt.name
        assert bool(fmt.carries) == (fmt.can_read and fmt.can_write and not fmt.binary), \
            fmt.name
    assert set().union(*LOSES.values()) <= CARRIED


@pytest.mark.parametrize("name", WRITERS)
@ROUND_TRIP
@given(project=projects())
def test_what_a_format_carries_comes_back_or_is_reported(name, project):
    fmt = by_name(name)
    lost = set().union(*(LOSES[f.code] for f in format_findings(project, fmt)))
    text = fmt.write(project)
    note(f"written:\n{text}")
    note(f"lost: {sorted(lost)}; turns: {[(t.start, t.speaker, t.text) for t in project.turns]}"
         f"; speakers: {[(s.id, s.name) for s in project.speakers]}"
         f"; chapters: {[(c.start, c.title, c.toc) for c in project.chapters]}")
    written = [c for c in project.chapters if c.toc or "hidden_chapters" in fmt.carries]
    if fmt.kind == "chapters" and not written:
        # Nothing to write: a reader may refuse a list with no chapters, in one line.
        try:
            back = fmt.read(text)
        except FormatError as error:
            assert str(error).startswith("<input>") and "\n" not in str(error)
            return
        assert back.chapters == []
        return
    back = fmt.read(text)
    assert view(back, fmt.carries, lost) == view(project, fmt.carries, lost)


def test_a_page_heading_without_words_is_reported_before_it_is_lost():
    project = Project()
    project.speakers = [Speaker("s0", "Ann")]
    project.turns = [Turn(0, "s0", "")]
    project.chapters = [Chapter(1_000, "\ud7fc"), Chapter(9_000, "Words")]
    fmt = by_name("shownotes-text")
    codes = [f.code for f in format_findings(project, fmt)]
    assert "format-chapter-title" in codes
    back = fmt.read(fmt.write(project))
    assert [t.text for t in back.turns] != [t.text for t in project.turns]
