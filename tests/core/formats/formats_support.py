"""Shared pieces of the format tests: sample projects, hypothesis strategies for
projects and for damaged input, and the checks every reader must pass."""
from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from editor.core.builder import turn_spans
from editor.core.errors import FormatError
from editor.core.model import Chapter, Project, Speaker, Turn
from editor.core.projectfile import load_project
from editor.core.wordtimes import word_spans

NAMES = ("Ann", "Bo Li", "Jonas Pärn", "Mara Ilves", "Speaker 2", "石田", "Ludwig van Beethoven")


def transcript_project() -> Project:
    """Three speakers, paragraphs, characters that need escaping, a long turn,
    a non-ASCII name, and a turn without a speaker after one with."""
    project = Project()
    project.speakers = [Speaker("ann", "Ann", "#2563eb"), Speaker("bo", "Bo Li", "#dc2626"),
                        Speaker("jonas", "Jonas Pärn", "#16a34a")]
    project.turns = [
        Turn(0, "ann", "Welcome back & hello <everyone>.\nThis is the second paragraph."),
        Turn(4_200, "bo", "Thanks, Ann." + " It started with a cold email in 2019 and "
             "then it kept going for a while, as these things do." * 4),
        Turn(61_500, "jonas", "Tere! “Quotes” and emoji 🎙 work too."),
        Turn(3_600_001, "ann", "An hour in."),
        Turn(3_605_000, "ann", "Same speaker, new turn."),
    ]
    project.audio_duration = 3_700_000
    return project


def aligned_sample(sample_dir: Path) -> Project:
    """The sample with a heard time for every word: the times word_spans shares
    out, bent so that early words go faster and late ones slower (so they are
    not what sharing out by length would give)."""
    project = load_project(sample_dir / "sample-episode" / "episode.showscribe.yaml")
    for turn, (start, end) in zip(project.turns, turn_spans(project)):
        length = end - start
        offsets = [span.start - start for span in word_spans(turn, end)]
        turn.words = tuple(round(o * (0.5 + 0.5 * o / length)) for o in offsets)
    return project


def chapter_project() -> Project:
    project = Project()
    project.episode.title = "Building Trust"
    project.episode.show = "Border Talk"
    project.chapters = [
        Chapter(0, "Intro", url="https://ex.com/intro"),
        Chapter(95_500, "News & Notes; = # \\ «ok»", url="https://ex.com/n",
                image="https://ex.com/n.jpg"),
        Chapter(300_000, "", image="https://ex.com/ad.jpg", toc=False),
        Chapter(310_250, "Interview"),
        Chapter(3_723_007, "Late questions"),
    ]
    project.audio_duration = 4_000_000
    return project


def turn_view(project: Project, *, paragraphs: bool = True) -> list[tuple[int, str, str]]:
    """(start, speaker name, text) per turn; text with paragraphs as spaces if asked."""
    view = []
    for turn in project.turns:
        text = turn.text if paragraphs else " ".join(turn.text.split())
        name = project.speaker_name(turn.speaker) if turn.speaker else ""
        view.append((turn.start, name, text))
    return view


def chapter_view(project: Project, *, url=True, image=True, toc=True, visible_only=False):
    return [(c.start, c.title, c.url if url else None, c.image if image else None,
             c.toc if toc else True)
            for c in project.chapters if c.toc or not visible_only]


# -- strategies -----------------------------------------------------------------

_WORD_CHARS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüßéñ日本ABCXYZ0123456789"
                                   ".,!?'\"&<>;-()«»“”🎙"))
words = st.text(_WORD_CHARS, min_size=1, max_size=12).filter(lambda w: not w.endswith(":"))
paragraph = st.lists(words, min_size=1, max_size=40).map(" ".join)


@st.composite
def transcript_projects(draw, *, every_turn_speaks: bool = False, paragraphs: bool = True,
                        max_turns: int = 12) -> Project:
    """Projects with speakers from NAMES, non-decreasing ms starts and texts
    without colons (so no sentence can look like a speaker prefix)."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    project = Project()
    project.speakers = [Speaker(f"s{i}", name) for i, name in enumerate(names)]
    count = draw(st.integers(1, max_turns))
    gaps = draw(st.lists(st.integers(0, 900_000), min_size=count, max_size=count))
    start = draw(st.integers(0, 10_000_000))
    for gap in gaps:
        start += gap
        speaker = draw(st.sampled_from([s.id for s in project.speakers]
                                       + ([] if every_turn_speaks else [""])))
        parts = draw(st.lists(paragraph, min_size=1, max_size=3 if paragraphs else 1))
        project.turns.append(Turn(start, speaker, "\n".join(parts)))
    if draw(st.booleans()):
        project.audio_duration = start + draw(st.integers(1, 600_000))
    return project


titles = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                 max_size=40).map(lambda t: " ".join(t.split()))
urls = st.one_of(st.none(), st.from_regex(r"https://ex\.com/[a-z0-9/_.-]{1,20}",
                                          fullmatch=True))


@st.composite
def chapter_projects(draw, *, ms: bool = True, hidden: bool = True) -> Project:
    project = Project()
    starts = draw(st.lists(st.integers(0, 20_000_000), min_size=1, max_size=10))
    for start in starts:
        project.chapters.append(Chapter(
            start if ms else start // 1000 * 1000, draw(titles), draw(urls), draw(urls),
            draw(st.booleans()) if hidden else True))
    project.chapters.sort(key=lambda c: c.start)
    if draw(st.booleans()):
        project.audio_duration = max(starts) + draw(st.integers(0, 600_000))
    return project


@st.composite
def damaged(draw, valid: str) -> str:
    """``valid`` truncated, with characters replaced or inserted, with bytes
    replaced (decoded with errors='replace'), or mis-encoded."""
    how = draw(st.sampled_from(["truncate", "replace", "bytes", "latin1", "utf16", "insert"]))
    if how == "truncate":
        return valid[:draw(st.integers(0, len(valid)))]
    if how == "replace":
        chars = list(valid)
        for _ in range(draw(st.integers(1, 6))):
            chars[draw(st.integers(0, len(chars) - 1))] = draw(st.characters())
        return "".join(chars)
    if how == "insert":
        at = draw(st.integers(0, len(valid)))
        return valid[:at] + draw(st.text(max_size=20)) + valid[at:]
    if how == "latin1":   # UTF-8 bytes read as Latin-1 (mojibake)
        return valid.encode("utf-8").decode("latin-1")
    if how == "utf16":    # a UTF-16 file read as UTF-8
        return valid.encode("utf-16").decode("utf-8", errors="replace")
    data = bytearray(valid.encode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data).decode("utf-8", errors="replace")


# -- checks ---------------------------------------------------------------------

def read_or_format_error(read, text: str, *, line_required: bool = True,
                         whole_file: tuple[str, ...] = ()) -> Project | FormatError:
    """Run a reader: it returns a project or raises FormatError, nothing else.

    A FormatError must be one line naming the problem; with ``line_required``
    it must name a line (and one inside the text), unless its problem starts
    with one of ``whole_file`` (problems of the file as a whole).
    """
    try:
        return read(text)
    except FormatError as error:
        message = str(error)
        assert "\n" not in message and error.problem.strip(), message
        if error.line is not None:
            assert 1 <= error.line <= text.count("\n") + text.count("\r") + 1, message
            assert f":{error.line}:" in message, message
        elif line_required:
            assert error.problem.startswith(whole_file), f"no line in: {message}"
        return error
