"""Show-notes formats in the registry: the three built-in styles and user templates.

``shownotes-text`` (the classic page) can also be read: a pasted page becomes a
project. Each ``*.j2`` file in the user templates folder is offered as
``template:<name>`` (its name without ``.j2``), found when this module loads.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from ..model import Project
from ..shownotes import read_page, render_shownotes, render_user_template, user_templates
from ..shownotes.page_reader import sniff, title_similarity
from . import Format, plaintext

OPTIONS = ("transcript", "times")


def _lost_turns(project: Project) -> list[int]:
    """Turns whose bounds the page reader does not keep: a line without a
    speaker continues the turn before it (or, first, joins the page's header)."""
    return [i for i, turn in enumerate(project.turns) if not turn.speaker]


def _heading_reads_back(title: str) -> bool:
    """The page reader finds a chapter's transcript heading by its words; a title
    without a letter or digit has none and reads back as a line of the turn."""
    return not title.strip() or title_similarity(title, title) == 1.0


def _lost_text(text: str, named: bool) -> bool:
    """A paragraph that the page reader takes for a time, speaker or heading."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.split()]
    return plaintext.lost_text(text, named) or any(
        p.casefold() in ("timestamps", "transcript") for p in paragraphs)


def _writer(style: str):
    def write(project: Project, *, transcript: bool = True, times: bool = False) -> str:
        return render_shownotes(project, style, transcript=transcript, times=times)
    write.__name__ = f"write_shownotes_{style}"
    return write


def _user_format(path: Path) -> Format:
    name = path.name[: -len(".j2")]
    suffix = Path(name).suffix.lower()
    extension = suffix if suffix in (".html", ".md", ".txt") else ".txt"
    return Format(
        name=f"template:{name}", label=f"Show notes from template {path.name}",
        kind="shownotes", extensions=(extension,),
        write=partial(render_user_template, path=path), options=OPTIONS,
        mime="text/html" if extension == ".html" else "text/plain",
        extra={"template": path})


def user_template_formats() -> list[Format]:
    """A format for each template in the user templates folder, as it is now."""
    return [_user_format(path) for path in user_templates()]


FORMATS = [
    Format(name="shownotes-text", label="Show notes page (classic text)", kind="shownotes",
           extensions=(".shownotes.txt", ".txt"), read=read_page, write=_writer("text"),
           options=OPTIONS, mime="text/plain",
           carries=frozenset({"turns", "speakers", "paragraphs", "chapter_titles",
                              "chapter_seconds", "episode_title"}),
           extra={"sniff": sniff, "speaker_prefixes": True, "lost_turns": _lost_turns,
                  "lost_text": _lost_text, "title_rule": _heading_reads_back}),
    Format(name="shownotes-md", label="Show notes (Markdown)", kind="shownotes",
           extensions=(".shownotes.md", ".md"), write=_writer("md"), options=OPTIONS,
           mime="text/markdown"),
    Format(name="shownotes-html", label="Show notes (HTML)", kind="shownotes",
           extensions=(".shownotes.html", ".html"), write=_writer("html"), options=OPTIONS,
           mime="text/html"),
    *user_template_formats(),
]
