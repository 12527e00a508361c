"""Fuzzing the page reader: whatever is pasted, it returns a sound project or
raises FormatError, never anything else."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.errors import FormatError
from editor.core.model import Project
from editor.core.shownotes import read_page, render_shownotes

PAGE = (Path(__file__).parent / "data" / "page.txt").read_text(encoding="utf-8")
LINES = PAGE.split("\n")

# Characters that matter to the reader's rules, mixed into random text.
SPICE = list(":：()[];.-–—|#*\r\n\ufeff\u00a0“”’0123456789 ") + ["🎧", "佐", "Õ", "https://"]


def read_or_format_error(text: str) -> Project | None:
    try:
        project = read_page(text)
    except FormatError as exc:
        assert str(exc).startswith("<input>")
        assert "\n" not in str(exc)
        return None
    check_sound(project)
    return project


def check_sound(project: Project) -> None:
    ids = [s.id for s in project.speakers]
    assert len(ids) == len(set(ids)) and all(ids)
    assert {t.speaker for t in project.turns} <= set(ids)
    assert all(isinstance(t.start, int) and t.start >= 0 for t in project.turns)
    starts = [c.start for c in project.chapters]
    assert starts == sorted(starts)
    assert all(s.slot in range(1, 10) for s in project.speakers[:9])
    # whatever was read can be written again
    for style in ("text", "md", "html"):
        assert render_shownotes(project, style, times=True).endswith("\n")


text_with_spice = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(SPICE),
              st.sampled_from(["Timestamps", "Transcript", "(00:00) A;", "Ann: hi",
                               "Hosted by A and B", "1:02:03 - X", "[00:00:10] Y"])),
    max_size=40).map("".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300), text_with_spice))
def test_arbitrary_text_reads_or_fails_cleanly(text):
    read_or_format_error(text)


@st.composite
def mutated_page(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "shuffle", "replace", "delete", "duplicate",
                                   "swap"]))
        if op == "truncate" and lines:
            text = "\n".join(lines)
            lines = text[:draw(st.integers(0, len(text)))].split("\n")
        elif op == "shuffle":
            lines = draw(st.permutations(lines))
        elif op == "replace" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            chars = list(lines[i])
            for _ in range(draw(st.integers(1, 5))):
                if chars:
                    j = draw(st.integers(0, len(chars) - 1))
                    chars[j] = draw(st.one_of(st.sampled_from(SPICE), st.characters()))
            lines[i] = "".join(chars)
        elif op == "delete" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif op == "duplicate" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif op == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return draw(st.sampled_from(["", "\ufeff"])) + ending.join(lines)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_page())
def test_mutated_pages_read_or_fail_cleanly(text):
    read_or_format_error(text)
