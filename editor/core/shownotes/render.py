"""Show notes rendered from Jinja2 templates: the built-in styles and user templates.

Built-in templates live in ``resources/templates/`` (``template_dir``); each style
(``text``, ``md``, ``html``) is one file there. User templates are the ``*.j2``
files in the user templates folder (``user_template_dir``); they run in Jinja2's
sandbox, with HTML autoescaping when the file name ends in ``.html.j2``.

Filters: ``md`` (Markdown escaping), ``safe_url``, ``md_url`` and
``chapter_title`` (a title as written after a time on a chapter line, so that a
title opening with a separator mark reads back whole). A URL becomes a link only
with an http, https or mailto scheme, judged after HTML entities are decoded, as
Markdown and HTML renderers decode them.

User templates run bounded: at most ``USER_TEMPLATE_SECONDS`` and
``USER_TEMPLATE_OUTPUT`` characters, and a ``*`` or ``**`` whose result would be
huge is refused before it is computed.

Every template error (syntax, undefined names, sandbox refusals, limits) becomes
a :class:`TemplateError` naming the template and line; nothing else escapes.
"""
from __future__ import annotations

import html
import os
import re
import sys
import time
import traceback
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import jinja2.sandbox

from editor import resources

from ..errors import ShowscribeError
from ..textparse import chapter_line_title
from ..model import Project
from .context import build_context

__all__ = ["STYLES", "TemplateError", "template_dir", "user_template_dir", "user_templates",
           "render_shownotes", "render_user_template", "md_escape", "safe_url"]

# style -> built-in template file
STYLES = {"text": "shownotes.txt.j2", "md": "shownotes.md.j2", "html": "shownotes.html.j2"}


class TemplateError(ShowscribeError):
    """A show-notes template that cannot be rendered: names the template and line."""

    def __init__(self, template: str, problem: str, line: int | None = None) -> None:
        problem = " ".join(problem.split())   # one line, ready to show
        self.template, self.problem, self.line = template, problem, line
        where = f"template {template}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {problem}")


def template_dir() -> Path:
    """The folder of the built-in templates."""
    return resources.template_dir()


def user_template_dir() -> Path:
    """Where a person keeps their own templates (``$SHOWSCRIBE_TEMPLATE_DIR`` wins)."""
    override = os.environ.get("SHOWSCRIBE_TEMPLATE_DIR")
    if override:
        return Path(override).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "showscribe" / "templates"


def user_templates() -> list[Path]:
    """The user's ``*.j2`` templates, sorted by name (none when the folder is missing)."""
    folder = user_template_dir()
    try:
        return sorted(p for p in folder.glob("*.j2") if p.is_file())
    except OSError:
        return []


# -- filters -------------------------------------------------------------------

_MD_INLINE = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~"})
_MD_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)](?=\s|$))", re.MULTILINE)


def md_escape(text: object) -> str:
    """User text made literal in Markdown: inline markup and line-start markup escaped."""
    escaped = str(text).translate(_MD_INLINE)
    head = escaped.lstrip()[:1]
    if head and (head in "#+=>-" or head.isdigit() or "\n" in escaped):
        escaped = _MD_LINE_START.sub(_escape_line_start, escaped)
    return escaped


def _escape_line_start(match: re.Match) -> str:
    indent, mark = match.groups()
    return f"{indent}{mark[:-1]}\\{mark[-1]}"


_SCHEME = re.compile(r"^([^/?#]*?):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def _decoded(text: str) -> str:
    """``text`` with HTML entities decoded until none is left (``&amp;#106;`` too)."""
    for _ in range(10):
        decoded = html.unescape(text)
        if decoded == text:
            return text
        text = decoded
    return text


def safe_url(url: object) -> str | None:
    """The URL, entities decoded, when it is http, https or mailto; else None.

    Markdown and HTML renderers decode entities (``&#106;avascript:``) and
    browsers drop ASCII whitespace and control characters before reading a
    scheme, so the scheme is judged after both. The URL returned is the decoded
    one: no entity is left in it for a renderer to decode into something else.
    """
    if not url:
        return None
    text = _decoded(str(url)).strip()
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", text)
    scheme = _SCHEME.match(squeezed)
    if not scheme or scheme.group(1).lower() not in _SAFE_SCHEMES:
        return None
    return text


def md_url(url: object) -> str:
    """A safe URL as a Markdown link destination ("" when it is not safe)."""
    safe = safe_url(url)
    return quote(safe, safe="/:?#[]@!$&'*+,;=%~.-_") if safe else ""


def _install_filters(env: jinja2.Environment) -> None:
    env.filters["md"] = md_escape
    env.filters["safe_url"] = safe_url
    env.filters["md_url"] = md_url
    env.filters["chapter_title"] = chapter_line_title


# -- environments ----------------------------------------------------------------

def _autoescape(name: str | None) -> bool:
    return bool(name) and name.endswith(".html.j2")


@lru_cache(maxsize=None)
def _builtin_environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=_autoescape,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    _install_filters(env)
    return env


# Limits of a user template: far above what show notes need, well below what
# would stall the window or fill the memory.
USER_TEMPLATE_SECONDS = 10.0
USER_TEMPLATE_OUTPUT = 20_000_000        # characters
_MAX_PRODUCT = 10_000_000                # items or characters from one * (text * n)
_MAX_POWER_BITS = 100_000                # bits of the result of one **


class _LimitReached(Exception):
    """A user template went past one of its limits; the message says which."""


class _BoundedEnvironment(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox, refusing a ``*`` or ``**`` whose result would be huge
    before Python computes it (one such step can take gigabytes)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                        and len(seq) * count > _MAX_PRODUCT:
                    raise _LimitReached(f"a repetition of more than {_MAX_PRODUCT:,} "
                                        "items is not allowed")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) \
                and abs(left) > 1 and right * abs(left).bit_length() > _MAX_POWER_BITS:
            raise _LimitReached("a power that large is not allowed")
        return super().call_binop(context, operator, left, right)


def _user_environment(folder: Path) -> jinja2.sandbox.SandboxedEnvironment:
    env = _BoundedEnvironment(
        loader=jinja2.FileSystemLoader(folder), autoescape=_autoescape,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    _install_filters(env)
    return env


class _Deadline:
    """A trace function that stops a template running past its time.

    Python calls it on every function call in this thread and on every line of
    the template's own code, so a loop in the template or in what it calls is
    stopped; it checks the clock every few hundred events to stay cheap.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.events = 0

    def __call__(self, frame, event, arg):
        self.events += 1
        if self.events % 256 == 0 and time.monotonic() > self.deadline:
            raise _LimitReached(f"stopped after {self.seconds:g} seconds (a loop too long?)")
        return self


def _generate_bounded(template: jinja2.Template, context: dict) -> str:
    """Render within ``USER_TEMPLATE_SECONDS`` and ``USER_TEMPLATE_OUTPUT``."""
    pieces, size = [], 0
    previous = sys.gettrace()
    sys.settrace(_Deadline(USER_TEMPLATE_SECONDS))
    try:
        for piece in template.generate(context):
            size += len(piece)
            if size > USER_TEMPLATE_OUTPUT:
                raise _LimitReached(f"stopped: the output passed {USER_TEMPLATE_OUTPUT:,} "
                                    "characters")
            pieces.append(piece)
    finally:
        sys.settrace(previous)
    return "".join(pieces)


def _error_line(exc: BaseException, filename: str | None) -> int | None:
    """The template line an error happened on, from the traceback Jinja2 rewrites."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if filename and frame.filename == filename:
            line = frame.lineno
    return line


def _render(env: jinja2.Environment, name: str, context: dict, *,
            bounded: bool = False) -> str:
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(name, "not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(name, exc.message or "syntax error", exc.lineno) from None
    try:
        if bounded:
            return _generate_bounded(template, context)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:  # in an included template
        raise TemplateError(exc.name or name, exc.message or "syntax error", exc.lineno) from None
    except (Exception, MemoryError) as exc:  # undefined names, refusals, errors in filters
        problem = str(exc).strip() or type(exc).__name__
        if isinstance(exc, jinja2.exceptions.SecurityError):
            problem = f"not allowed: {problem}"
        elif isinstance(exc, MemoryError):
            problem = "ran out of memory"
        raise TemplateError(name, problem, _error_line(exc, template.filename)) from None


def _tidy(text: str) -> str:
    """One final newline, and no runs of blank lines (the templates stay readable)."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def render_shownotes(project: Project, style: str = "text", *, transcript: bool = True,
                     times: bool = False) -> str:
    """Show notes in a built-in ``style``: ``text`` (classic), ``md`` or ``html``."""
    if style not in STYLES:
        raise ValueError(f"unknown show-notes style {style!r} (known: {', '.join(STYLES)})")
    context = build_context(project, transcript=transcript, times=times)
    return _tidy(_render(_builtin_environment(template_dir()), STYLES[style], context))


def render_user_template(project: Project, path: Path | str, *, transcript: bool = True,
                         times: bool = False) -> str:
    """Show notes from a user's template file, rendered in the sandbox."""
    path = Path(path)
    context = build_context(project, transcript=transcript, times=times)
    text = _render(_user_environment(path.parent), path.name, context, bounded=True)
    return text if text.endswith("\n") else text + "\n"
