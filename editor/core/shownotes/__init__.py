"""Show notes: rendering them from templates, and reading a pasted show-notes page.

- :func:`render_shownotes` writes the built-in styles (classic text, Markdown, HTML);
  :func:`render_user_template` a user's own Jinja2 template, sandboxed.
- :func:`read_page` reads a pasted page in the classic layout into a project.
"""
from .page_reader import read_page
from .render import (STYLES, TemplateError, render_shownotes, render_user_template,
                     template_dir, user_template_dir, user_templates)

__all__ = ["STYLES", "TemplateError", "read_page", "render_shownotes",
           "render_user_template", "template_dir", "user_template_dir", "user_templates"]
