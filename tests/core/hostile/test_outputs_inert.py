"""Outputs stay inert: an entity-encoded javascript: URL is no link in Markdown as
Python-Markdown and commonmark.py render it, only http, https and mailto become
links; XML-illegal characters never reach Podlove XML; user templates run within
time and memory limits."""
from __future__ import annotations

import time
from html.parser import HTMLParser

import commonmark
import markdown
import pytest

from editor.core.commands import AddChapter, SetChapterField, SetEpisodeField
from editor.core.formats import by_name
from editor.core.model import Chapter, Link
from editor.core.shownotes import render
from editor.core.shownotes.render import TemplateError, render_shownotes, render_user_template
from helpers import small_project

HOSTILE_URLS = ["&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
                "&amp;#106;avascript:alert(1)", "java&#x09;script:alert(1)",
                "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x",
                "tel:+123", "file:///etc/passwd", "&colon;javascript:x", "javascript&colon;x"]


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def hrefs(html_text: str) -> list[str]:
    parser = Hrefs()
    parser.feed(html_text)
    return parser.hrefs


def _project_with(url: str):
    project = small_project()
    project.chapters[1].url = url
    project.episode.links = (Link("Site", url), Link("Home", "https://example.com/home"))
    return project


@pytest.mark.parametrize("url", HOSTILE_URLS)
@pytest.mark.parametrize("renderer", [markdown.markdown, commonmark.commonmark],
                         ids=["python-markdown", "commonmark"])
def test_a_hostile_url_is_no_link_in_rendered_markdown(url, renderer):
    rendered = renderer(render_shownotes(_project_with(url), "md"))
    links = hrefs(rendered)
    assert "https://example.com/home" in links
    assert all(link.startswith(("https://", "http://", "mailto:")) for link in links), links


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_hostile_url_is_no_link_in_html(url):
    links = hrefs(render_shownotes(_project_with(url), "html"))
    assert all(link.startswith(("https://", "http://", "mailto:", "#")) for link in links)


@pytest.mark.parametrize("renderer", [markdown.markdown, commonmark.commonmark])
def test_safe_urls_stay_links_with_their_query(renderer):
    project = _project_with("https://example.com/?a=1&amp;b=2")
    project.chapters[0].url = "mailto:hi@example.com"
    links = hrefs(renderer(render_shownotes(project, "md")))
    assert "https://example.com/?a=1&b=2" in links
    assert "mailto:hi@example.com" in links


def test_only_http_https_and_mailto_are_safe():
    assert render.safe_url("https://example.com") == "https://example.com"
    assert render.safe_url(" http://example.com ") == "http://example.com"
    assert render.safe_url("MAILTO:a@b.c") == "MAILTO:a@b.c"
    for url in HOSTILE_URLS + ["example.com", "/relative", ""]:
        assert render.safe_url(url) is None, url
        assert render.md_url(url) == ""


def test_an_xml_illegal_title_is_stripped_when_edited():
    project = small_project()
    project.history.push(SetChapterField(project, 0, "title", "Intro\x00 and\x0b more\ufffe"))
    project.history.push(AddChapter(project, Chapter(5_000, "Bell\x07 rings")))
    project.history.push(SetEpisodeField(project, "title", "Show\x1f title"))
    assert [c.title for c in project.chapters[:2]] == ["Intro and more", "Bell rings"]
    assert project.episode.title == "Show title"
    podlove = by_name("podlove")
    text = podlove.write(project)
    assert [c.title for c in podlove.read(text).chapters][:2] == ["Intro and more",
                                                                 "Bell rings"]


def test_tabs_and_line_breaks_are_kept_when_edited():
    project = small_project()
    project.history.push(SetEpisodeField(project, "description", "One\tTwo\nThree"))
    assert project.episode.description == "One\tTwo\nThree"


@pytest.fixture
def template(tmp_path):
    def write(text: str):
        path = tmp_path / "mine.md.j2"
        path.write_text(text)
        return path
    return write


def test_a_huge_repetition_is_refused_before_it_is_made(template):
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render_user_template(small_project(), template("{{ 'x' * 10000000000 }}\n"))
    assert time.monotonic() - started < 1
    assert str(caught.value) == ("template mine.md.j2, line 1: a repetition of more than "
                                 "10,000,000 items is not allowed")


def test_a_huge_power_is_refused(template):
    with pytest.raises(TemplateError, match="a power that large is not allowed"):
        render_user_template(small_project(), template("{{ 2 ** 100000000 }}\n"))


@pytest.mark.parametrize("body", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
])
def test_nested_loops_are_stopped_by_the_time_limit(template, monkeypatch, body):
    monkeypatch.setattr(render, "USER_TEMPLATE_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render_user_template(small_project(), template(body + "\n"))
    assert time.monotonic() - started < 3
    assert caught.value.problem == "stopped after 0.5 seconds (a loop too long?)"


def test_output_past_the_limit_is_stopped(template, monkeypatch):
    monkeypatch.setattr(render, "USER_TEMPLATE_OUTPUT", 10_000)
    with pytest.raises(TemplateError) as caught:
        render_user_template(small_project(), template(
            "{% for i in range(100000) %}{{ episode.title }}{% endfor %}\n"))
    assert caught.value.problem == "stopped: the output passed 10,000 characters"


def test_an_ordinary_user_template_still_renders(template):
    text = render_user_template(small_project(), template(
        "{{ episode.title }}{% for c in chapters %} / {{ c.title }}{% endfor %}\n"))
    assert text == "Small talk / Intro / News\n"   # Ads is hidden from the contents
