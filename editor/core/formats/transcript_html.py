"""Podcasting 2.0 HTML transcript (``text/html``): ``<cite>``, ``<time>``, ``<p>``.

Writing: a small UTF-8 page whose body is the flat sequence the spec shows,
per turn ``<cite>Name:</cite>`` (empty for a turn without a speaker after
one with), ``<time>M:SS</time>`` and one ``<p>`` per
paragraph. ``<time>`` also carries ``datetime="PT…S"`` with milliseconds, which
browsers ignore and a re-import uses.

Reading (stdlib ``html.parser``; a bare fragment is fine): each ``<cite>``
starts a turn (trailing ``:`` stripped); a ``<time>`` starts a turn unless it
follows its turn's ``<cite>`` directly, and such a turn keeps the speaker;
``<p>`` and ``<br>`` separate paragraphs. Text outside these elements is kept
as paragraphs too; scripts and styles are skipped. The page's ``<title>`` and
``<html lang>`` become the episode's title and language. Turns without a time
get estimated ones.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..errors import FormatError
from ..model import Project, word_count
from ..timecode import format_clock, format_duration, parse_time
from . import Format
from ..builder import ProjectBuilder, fill_times
from ..textparse import decode

_DURATION = re.compile(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,3}))?S)?")
_BLOCKS = frozenset({"p", "div", "section", "article", "li", "h1", "h2", "h3", "h4",
                     "h5", "h6", "blockquote", "tr", "dd", "dt", "body"})
_SKIPPED = frozenset({"script", "style", "template"})


def write(project: Project) -> str:
    episode = project.episode
    lang = f' lang="{html.escape(episode.language)}"' if episode.language else ""
    out = ["<!DOCTYPE html>", f"<html{lang}>", "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(episode.title)}</title>", "</head>", "<body>"]
    previous = ""
    names = project.speaker_names()
    for turn in project.turns:
        name = " ".join(names.get(turn.speaker, turn.speaker).split()) if turn.speaker else ""
        if name:
            out.append(f"<cite>{html.escape(name)}:</cite>")
        elif previous:
            out.append("<cite></cite>")  # else the turn would read as the previous speaker's
        previous = name
        out.append(f'<time datetime="{format_duration(turn.start)}">'
                   f"{format_clock(turn.start, pad_minutes=False)}</time>")
        for paragraph in turn.paragraphs:
            if paragraph.split():
                out.append(f"<p>{html.escape(' '.join(paragraph.split()))}</p>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _parse_time(text: str, attribute: str | None, line: int) -> int:
    duration = _DURATION.fullmatch(attribute.strip()) if attribute else None
    try:
        if duration and any(duration.groups()):
            h, m, s, f = (g or "0" for g in duration.groups())
            return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f.ljust(3, "0"))
        return parse_time(text)
    except ValueError:
        raise FormatError(f"'{text.strip()[:40]}' is not a time ([H:]M:SS)",
                          line=line) from None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.turns: list[dict] = []            # {time, speaker, paragraphs}
        self.title: str | None = None
        self.language = ""
        self._capture: str | None = None      # "cite", "time" or "title"
        self._captured: list[str] = []
        self._time_attr: str | None = None
        self._skip_depth = 0
        self._paragraph: list[str] = []

    # -- events --
    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skip_depth += 1
            return
        if tag == "html":
            self.language = (dict(attrs).get("lang") or "").strip()
        if tag in ("cite", "time", "title"):
            self._end_paragraph()
            self._capture, self._captured = tag, []
            self._time_attr = dict(attrs).get("datetime") if tag == "time" else None
        elif tag in _BLOCKS or tag == "br":
            self._end_paragraph()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("cite", "time", "title"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skip_depth = max(self._skip_depth - 1, 0)
            return
        if tag != self._capture:
            if tag in _BLOCKS:
                self._end_paragraph()
            return
        text = "".join(self._captured)
        self._capture = None
        if tag == "title":
            self.title = " ".join(text.split())
        elif tag == "cite":
            name = " ".join(text.split()).rstrip(":").strip()
            self.turns.append({"time": None, "speaker": name, "paragraphs": []})
        else:
            time = _parse_time(text, self._time_attr, self.getpos()[0])
            last = self.turns[-1] if self.turns else None
            if last is not None and last["time"] is None and not last["paragraphs"]:
                last["time"] = time
            else:
                speaker = last["speaker"] if last else ""
                self.turns.append({"time": time, "speaker": speaker, "paragraphs": []})

    def handle_data(self, data):
        if self._skip_depth:
            return
        if self._capture:
            self._captured.append(data)
        else:
            self._paragraph.append(data)

    def close(self):
        super().close()
        if self._capture == "cite":   # an unclosed <cite> at the very end
            self.handle_endtag("cite")
        self._end_paragraph()

    def _end_paragraph(self):
        text = " ".join("".join(self._paragraph).split())
        self._paragraph = []
        if not text:
            return
        if not self.turns:
            self.turns.append({"time": None, "speaker": "", "paragraphs": []})
        self.turns[-1]["paragraphs"].append(text)


def read(text: str) -> Project:
    reader = _Reader()
    try:
        reader.feed(decode(text))
        reader.close()
    except AssertionError:
        # html.parser asserts on some damaged markup ("<![OCTYPE ...").
        line, _column = reader.getpos()
        raise FormatError("damaged HTML markup the reader cannot read past",
                          line=line) from None
    builder = ProjectBuilder()
    if reader.title:
        builder.episode.title = reader.title
    builder.episode.language = reader.language
    times = fill_times([t["time"] for t in reader.turns],
                       [sum(word_count(p) for p in t["paragraphs"]) for t in reader.turns])
    for turn, (start, estimated) in zip(reader.turns, times):
        builder.turn(start, turn["speaker"], turn["paragraphs"], estimated)
    return builder.project()


def sniff(text: str) -> int:
    head = text[:4096].lower()
    return 2 if "<cite" in head or "<time" in head else 0


FORMATS = [Format(
    name="transcript-html", label="Podcasting 2.0 HTML transcript", kind="transcript",
    extensions=(".html", ".htm"), read=read, write=write, mime="text/html",
    carries=frozenset({"turns", "speakers", "paragraphs", "turn_times", "episode_title"}),
    extra={"sniff": sniff},
)]
