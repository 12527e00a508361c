"""Show notes export: the classic page, Markdown, HTML, options, and user templates."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import editor
from editor.core.errors import ShowscribeError
from editor.core.formats import by_name
from editor.core.formats.shownotes import user_template_formats
from editor.core.model import Chapter, Credit, Episode, Link, Project, Speaker, Turn
from editor.core.shownotes import (TemplateError, read_page, render_shownotes,
                                   render_user_template, template_dir, user_template_dir)

# The page docs/formats.md shows for shownotes-text: what the classic export writes.
PRODUCT_PAGE = """\
Building Trust Across Borders with Mara Ilves
Why Baltic founders partner with Korean manufacturers, and what it takes.

We talk with Mara Ilves, founder of Sauna Robotics, about supply chains and trust.
This episode was recorded at the Nordic Hardware Summit 2025 in Tallinn.

Timestamps
(00:40) How Sauna Robotics Found Its First Partner;
(05:12) Quality, Culture and Contracts;
(1:02:07) Advice for First-Time Exporters;

Hosted by Jonas Pärn
Produced by Lea Kask
Edited by Tom Rebane and Ann Sild

Subscribe on our website for new episodes

This podcast is for information only and is not legal or investment advice. Opinions are the guests' own.

Transcript

How Sauna Robotics Found Its First Partner
Jonas: Welcome to the show. Tell us how it started.
It has been quite a year for you.
Mara: Thank you. It started with a cold email in 2019.

Quality, Culture and Contracts
Jonas: What surprised you most?

Advice for First-Time Exporters
Mara: Start small.
"""


def product_project() -> Project:
    p = Project()
    p.episode = Episode(
        title="Building Trust Across Borders with Mara Ilves",
        subtitle="Why Baltic founders partner with Korean manufacturers, and what it takes.",
        description="We talk with Mara Ilves, founder of Sauna Robotics, about supply chains "
                    "and trust.\nThis episode was recorded at the Nordic Hardware Summit 2025 "
                    "in Tallinn.",
        links=(Link("Subscribe on our website for new episodes"),),
        credits=(Credit("Hosted", ("Jonas Pärn",)), Credit("Produced", ("Lea Kask",)),
                 Credit("Edited", ("Tom Rebane", "Ann Sild"))),
        disclaimer="This podcast is for information only and is not legal or investment "
                   "advice. Opinions are the guests' own.")
    p.speakers = [Speaker("jonas", "Jonas"), Speaker("mara", "Mara")]
    p.chapters = [Chapter(40_000, "How Sauna Robotics Found Its First Partner"),
                  Chapter(312_000, "Quality, Culture and Contracts"),
                  Chapter(3_727_000, "Advice for First-Time Exporters")]
    p.turns = [
        Turn(40_000, "jonas", "Welcome to the show. Tell us how it started.\n"
                              "It has been quite a year for you."),
        Turn(55_000, "mara", "Thank you. It started with a cold email in 2019."),
        Turn(312_000, "jonas", "What surprised you most?"),
        Turn(3_730_000, "mara", "Start small."),
    ]
    return p


# -- classic text --------------------------------------------------------------------

def test_classic_reproduces_the_product_page_line_for_line():
    assert render_shownotes(product_project(), "text").splitlines() == PRODUCT_PAGE.splitlines()
    assert render_shownotes(product_project(), "text") == PRODUCT_PAGE


def test_the_page_in_the_formats_doc_is_the_one_the_export_writes():
    doc = (Path(editor.__file__).parent.parent / "docs" / "formats.md").read_text(
        encoding="utf-8")
    section = doc[doc.index("## shownotes-text"):]
    start = section.index("  ```\n") + len("  ```\n")
    block = section[start:section.index("\n  ```\n", start)]
    assert [line[2:] for line in block.split("\n")] == PRODUCT_PAGE.splitlines()


def test_registry_writer_is_the_classic_page():
    fmt = by_name("shownotes-text")
    assert fmt.kind == "shownotes" and fmt.can_read and fmt.can_write
    assert set(fmt.options) == {"transcript", "times"}
    assert fmt.write(product_project()) == PRODUCT_PAGE
    for name in ("shownotes-md", "shownotes-html"):
        assert by_name(name).options == fmt.options and by_name(name).can_write


def test_classic_without_transcript_stops_before_it():
    text = render_shownotes(product_project(), "text", transcript=False)
    assert text == PRODUCT_PAGE[:PRODUCT_PAGE.index("\n\nTranscript\n") + 1]


def test_classic_with_times_prefixes_each_turn():
    lines = render_shownotes(product_project(), "text", times=True).splitlines()
    assert "(00:40) Jonas: Welcome to the show. Tell us how it started." in lines
    assert "(00:55) Mara: Thank you. It started with a cold email in 2019." in lines
    assert "(1:02:10) Mara: Start small." in lines
    # continuation paragraphs get no time
    assert "It has been quite a year for you." in lines


def test_classic_times_round_trip_as_confirmed_times():
    project = read_page(render_shownotes(product_project(), "text", times=True))
    assert [(t.start, t.estimated) for t in project.turns] == [
        (40_000, False), (55_000, False), (312_000, False), (3_730_000, False)]


def aligned_and_estimated() -> Project:
    """The product page's project with Jonas's first turn aligned (word times,
    its first word heard 1.3 s after the turn starts) and Mara's first estimated."""
    project = product_project()
    aligned = project.turns[0]
    aligned.words = tuple(1_300 + 400 * k for k in range(len(aligned.text.split())))
    project.turns[1].estimated = True
    return project


@pytest.mark.parametrize("style, aligned, estimated", [
    ("text", "(00:40) Jonas: Welcome to the show.", "(00:55) Mara: Thank you."),
    ("md", "(00:40) **Jonas:** Welcome to the show.", "(00:55) **Mara:** Thank you."),
    ("html", '<time datetime="PT40S">0:40</time>', '<time datetime="PT55S">0:55</time>'),
])
def test_turn_times_are_the_turns_starts_aligned_or_estimated(style, aligned, estimated):
    # As the page's layout says, every turn shows its start: an aligned turn
    # its own (not its first word's), an estimated one its estimate, alike.
    text = render_shownotes(aligned_and_estimated(), style, times=True)
    assert aligned in text and estimated in text
    assert "00:41" not in text and "0:41" not in text and "PT41.3S" not in text
    assert render_shownotes(aligned_and_estimated(), style, times=True) == \
        render_shownotes(product_project(), style, times=True)
    assert "(00:55)" not in render_shownotes(aligned_and_estimated(), "text")


def test_silent_chapters_are_not_listed_and_take_no_heading():
    project = product_project()
    project.chapters.insert(2, Chapter(600_000, "Sponsor break", toc=False))
    project.turns.insert(3, Turn(600_000, "jonas", "A word from our sponsor."))
    text = render_shownotes(project, "text")
    assert "Sponsor break" not in text
    # the turn stays under the chapter listed before it
    lines = text.splitlines()
    at = lines.index("Jonas: A word from our sponsor.")
    assert lines[at - 1] == "Jonas: What surprised you most?"


def test_turns_before_the_first_chapter_come_right_after_transcript():
    project = product_project()
    project.turns.insert(0, Turn(0, "jonas", "Cold open."))
    lines = render_shownotes(project, "text").splitlines()
    at = lines.index("Transcript")
    assert lines[at + 1:at + 5] == ["", "Jonas: Cold open.", "",
                                    "How Sauna Robotics Found Its First Partner"]


def test_multi_line_single_fields_stay_on_one_line():
    project = product_project()
    project.episode.title = "Line one\nline two"
    project.chapters[0].title = "Split\ntitle"
    lines = render_shownotes(project, "text").splitlines()
    assert lines[0] == "Line one line two"
    assert "(00:40) Split title;" in lines


# -- Markdown ------------------------------------------------------------------------

def test_markdown_layout():
    text = render_shownotes(product_project(), "md", times=True)
    lines = text.splitlines()
    assert lines[0] == "# Building Trust Across Borders with Mara Ilves"
    assert "- (05:12) Quality, Culture and Contracts" in lines
    assert "- (1:02:07) Advice for First-Time Exporters" in lines
    assert "- Edited by Tom Rebane and Ann Sild" in lines
    assert "# Transcript" in lines
    assert "## Quality, Culture and Contracts" in lines
    assert "(00:40) **Jonas:** Welcome to the show. Tell us how it started." in lines
    assert "It has been quite a year for you." in lines
    assert text.endswith("**Mara:** Start small.\n")
    assert "\n\n\n" not in text


def test_markdown_escapes_user_text_and_links_safely():
    project = product_project()
    project.episode.title = "*Bold* _claims_ [x](y) <b>#1</b>"
    project.episode.links = (Link("Our site", "https://example.com/a b(c)"),
                             Link("Bad", "javascript:alert(1)"))
    project.turns[1].text = "# not a heading\n1. not a list\n- nor this"
    text = render_shownotes(project, "md")
    assert text.splitlines()[0] == r"# \*Bold\* \_claims\_ \[x\](y) \<b\>#1\</b\>"
    assert "- [Our site](https://example.com/a%20b%28c%29)" in text
    assert "](javascript" not in text
    assert r"- Bad javascript:alert(1)" in text
    assert r"**Mara:** \# not a heading" in text
    assert "\n1\\. not a list\n" in text and "\n\\- nor this\n" in text


def test_markdown_text_reads_back_exactly_once_unescaped():
    """Escaping loses nothing: undoing the backslash escapes gives the text back."""
    project = product_project()
    tricky = ["*stars* and _underscores_", "[brackets](and parens) <tags> | pipes ~ `ticks`",
              "# hash at the start", "2019. A year", "back\\slash"]
    project.turns[1].text = "\n".join(tricky)
    lines = render_shownotes(project, "md").splitlines()
    start = lines.index(r"**Mara:** \*stars\* and \_underscores\_")
    paragraphs = [lines[start].split(" ", 1)[1]] + [l for l in lines[start + 1:start + 9] if l]
    unescaped = [re.sub(r"\\(.)", r"\1", p) for p in paragraphs[:len(tricky)]]
    assert unescaped == tricky


# -- HTML ----------------------------------------------------------------------------

class Outline(HTMLParser):
    """Elements, attributes and text of an HTML fragment, for assertions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if data.strip():
            self.texts.append((tuple(self.stack), data.strip()))


def outline(text: str) -> Outline:
    parser = Outline()
    parser.feed(text)
    parser.close()
    return parser


def test_html_structure_reads_back_as_the_project():
    project = product_project()
    page = outline(render_shownotes(project, "html", times=True))
    tags = [t for t, _ in page.tags]
    assert tags[0] == "article" and tags.count("h1") == 1
    ids = [a["id"] for t, a in page.tags if t == "section" and "id" in a]
    assert ids == ["chapter-1", "chapter-2", "chapter-3"]
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert hrefs == ["#chapter-1", "#chapter-2", "#chapter-3"]
    # the transcript, read back the Podcasting 2.0 way: cite starts a turn
    turns, current = [], None
    for stack, text in page.texts:
        if "section" not in stack or stack.count("section") < 2:
            continue
        if stack[-1] == "cite":
            current = [text.rstrip(":"), None, []]
            turns.append(current)
        elif stack[-1] == "time" and current:
            current[1] = text
        elif stack[-1] == "p" and current:
            current[2].append(text)
    assert turns == [
        ["Jonas", "0:40", ["Welcome to the show. Tell us how it started.",
                           "It has been quite a year for you."]],
        ["Mara", "0:55", ["Thank you. It started with a cold email in 2019."]],
        ["Jonas", "5:12", ["What surprised you most?"]],
        ["Mara", "1:02:10", ["Start small."]],
    ]
    headings = [text for stack, text in page.texts if stack[-1] == "h3"]
    assert headings == [c.title for c in project.chapters]


def test_html_without_transcript_has_no_dangling_anchor_links():
    page = outline(render_shownotes(product_project(), "html", transcript=False))
    assert not [a for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")]
    assert not [t for t, _ in page.tags if t == "cite"]


EVIL = "<script>alert(1)</script>"


def evil_project() -> Project:
    p = Project()
    p.episode = Episode(
        title=EVIL, subtitle=EVIL, description=f"{EVIL}\n{EVIL}",
        links=(Link(EVIL, EVIL), Link(EVIL, "javascript:alert(1)"),
               Link(EVIL, " JaVa\tScRiPt:alert(1)"), Link(EVIL, '" onmouseover="alert(1)'),
               Link(EVIL, "data:text/html,<script>alert(1)</script>")),
        credits=(Credit(EVIL, (EVIL, EVIL)),), disclaimer=EVIL)
    p.speakers = [Speaker("x", EVIL), Speaker("y", '"><img src=x onerror=alert(1)>')]
    p.chapters = [Chapter(0, EVIL, url=EVIL), Chapter(20_000, EVIL, url="javascript:alert(1)"),
                  Chapter(40_000, EVIL, url="https://example.com/ok")]
    p.turns = [Turn(0, "x", f"{EVIL}\n{EVIL}"), Turn(20_000, "y", EVIL),
               Turn(40_000, "x", "<img src=x onerror=alert(1)>")]
    return p


@pytest.mark.parametrize("options", [{}, {"times": True}, {"transcript": False}])
def test_html_export_never_contains_live_markup(options):
    text = render_shownotes(evil_project(), "html", **options)
    page = outline(text)
    assert not [t for t, _ in page.tags if t in ("script", "img", "iframe", "object")]
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            squeezed = re.sub(r"[\x00-\x20]", "", value or "").lower()
            assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), (tag, value)
    # the text is still all there, shown literally
    assert html.unescape(text).count(EVIL) >= 10
    # a safe chapter URL is still a link
    assert "https://example.com/ok" in [a.get("href") for t, a in page.tags if t == "a"]


def test_html_links_keep_safe_urls():
    project = product_project()
    project.episode.links = (Link("Site", "https://example.com/?a=1&b=2"),
                             Link("Mail", "mailto:hi@example.com"))
    project.chapters[1].url = "https://example.com/chapter"
    page = outline(render_shownotes(project, "html"))
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert "https://example.com/?a=1&b=2" in hrefs
    assert "mailto:hi@example.com" in hrefs
    assert "https://example.com/chapter" in hrefs


# -- templates -----------------------------------------------------------------------

def test_built_in_templates_live_in_resources():
    folder = template_dir()
    assert folder == Path(editor.__file__).resolve().parent.parent / "resources" / "templates"
    assert {p.name for p in folder.glob("*.j2")} >= {
        "shownotes.txt.j2", "shownotes.md.j2", "shownotes.html.j2"}


def test_unknown_style_is_refused():
    with pytest.raises(ValueError, match="unknown show-notes style 'pdf'"):
        render_shownotes(product_project(), "pdf")


def test_user_template_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SHOWSCRIBE_TEMPLATE_DIR", str(tmp_path / "mine"))
    assert user_template_dir() == tmp_path / "mine"
    monkeypatch.delenv("SHOWSCRIBE_TEMPLATE_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert user_template_dir() == tmp_path / "cfg" / "showscribe" / "templates"


def write_template(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_user_templates_become_formats(monkeypatch, tmp_path):
    monkeypatch.setenv("SHOWSCRIBE_TEMPLATE_DIR", str(tmp_path))
    write_template(tmp_path, "site.html.j2",
                   "<h1>{{ episode.title }}</h1>\n{% for c in chapters %}{{ c.time }} "
                   "{{ c.title }}\n{% endfor %}")
    write_template(tmp_path, "plain.j2", "{{ episode.title }} ({{ chapters|length }})")
    write_template(tmp_path, "ignored.txt", "not a template")
    formats = {f.name: f for f in user_template_formats()}
    assert set(formats) == {"template:site.html", "template:plain"}
    assert formats["template:site.html"].extensions == (".html",)
    assert formats["template:site.html"].kind == "shownotes"
    project = product_project()
    project.episode.title = "Q&A <live>"
    assert formats["template:plain"].write(project) == "Q&A <live> (3)\n"
    site = formats["template:site.html"].write(project, transcript=False)
    assert site.startswith("<h1>Q&amp;A &lt;live&gt;</h1>\n00:40 How Sauna")


@pytest.mark.parametrize("body", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ episode.__class__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ (episode.title).format.__globals__ }}",
])
def test_user_template_escapes_are_refused(tmp_path, body):
    path = write_template(tmp_path, "evil.j2", "line one\n" + body + "\n")
    with pytest.raises(TemplateError) as caught:
        render_user_template(product_project(), path)
    message = str(caught.value)
    assert message.startswith("template evil.j2")
    assert "\n" not in message
    assert isinstance(caught.value, ShowscribeError)


def test_user_template_syntax_error_names_template_and_line(tmp_path):
    path = write_template(tmp_path, "broken.j2", "{{ episode.title }}\n\n{% for c in chapters %}\n")
    with pytest.raises(TemplateError) as caught:
        render_user_template(product_project(), path)
    assert caught.value.line == 3
    assert str(caught.value).startswith("template broken.j2, line 3: ")
    assert "for" in str(caught.value)


def test_user_template_undefined_name_names_the_line(tmp_path):
    path = write_template(tmp_path, "typo.j2", "{{ episode.title }}\n{{ episode.titel }}\n")
    with pytest.raises(TemplateError) as caught:
        render_user_template(product_project(), path)
    assert caught.value.line == 2
    assert "titel" in str(caught.value)


def test_missing_user_template_is_a_clear_error(tmp_path):
    with pytest.raises(TemplateError, match="template gone.j2: not found"):
        render_user_template(product_project(), tmp_path / "gone.j2")


# -- chapter titles on chapter lines, untitled chapters -------------------------------------

def untitled_project() -> Project:
    project = product_project()
    project.chapters.insert(1, Chapter(180_000, ""))
    project.chapters.insert(2, Chapter(240_000, ".NET in production"))
    project.turns.insert(2, Turn(180_000, "mara", "An untitled stretch."))
    project.turns.insert(3, Turn(240_000, "jonas", "About .NET."))
    return project


def test_classic_lists_untitled_chapters_by_time_and_guards_separator_titles():
    lines = render_shownotes(untitled_project(), "text").splitlines()
    assert lines[lines.index("Timestamps") + 1:][:4] == [
        "(00:40) How Sauna Robotics Found Its First Partner;", "(03:00);",
        "(04:00) - .NET in production;", "(05:12) Quality, Culture and Contracts;"]
    transcript = lines[lines.index("Transcript"):]
    assert transcript[transcript.index("Mara: An untitled stretch.") - 1] == "(03:00)"
    assert transcript[transcript.index("Jonas: About .NET.") - 1] == ".NET in production"
    # the untitled chapter's line is no gap: the list runs unbroken to its end
    listed = [c for c in untitled_project().chapters if c.toc]
    assert lines[lines.index("Timestamps") + 1:].index("") == len(listed)


def test_markdown_and_html_head_an_untitled_chapter_with_its_time():
    md = render_shownotes(untitled_project(), "md").splitlines()
    assert "- (03:00)" in md and "## (03:00)" in md and "## " not in md
    page = render_shownotes(untitled_project(), "html")
    assert "<h3>(03:00)</h3>" in page and "<h3></h3>" not in page


def test_user_templates_have_the_chapter_title_filter(tmp_path):
    path = write_template(tmp_path, "yt.j2",
                          "{% for c in chapters %}{{ c.clock }} {{ c.title|chapter_title }}\n"
                          "{% endfor %}")
    project = untitled_project()
    project.chapters[0].title = "- Q&A -"
    assert render_user_template(project, path).splitlines()[:3] == [
        "0:40 - - Q&A -", "3:00 ", "4:00 - .NET in production"]


@pytest.mark.parametrize("transcript", [True, False])
def test_html_times_carry_a_machine_readable_duration(transcript):
    project = product_project()
    page = outline(render_shownotes(project, "html", transcript=transcript, times=True))
    stamps = [a.get("datetime") for t, a in page.tags if t == "time"]
    listed = [c.start for c in project.chapters if c.toc]
    turns = [t.start for t in project.turns] if transcript else []

    def duration(ms: int) -> str:
        return f"PT{ms // 1000}.{ms % 1000:03d}S" if ms % 1000 else f"PT{ms // 1000}S"

    assert stamps == [duration(ms) for ms in listed + turns]
    assert all(re.fullmatch(r"PT\d+(?:\.\d{3})?S", s) for s in stamps)
