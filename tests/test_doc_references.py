"""Every document the code and the docs refer to is in the repository.

Reads the comments and docstrings of every Python file under ``editor/``,
``tests/``, ``benchmarks/``, ``packaging/`` and ``sample_projects/``, the
comments of the templates in ``resources/``, and the whole of every Markdown
file, and finds the Markdown documents they name (``docs/formats.md``,
``README.md``, a bare README). Each must be a file in the repository, found
from the referring file's folder or from the repository's root; a name that
matches no file (in another case, or a document kept elsewhere) fails.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
PYTHON_FOLDERS = ("editor", "tests", "benchmarks", "packaging", "sample_projects")
TEMPLATE_FOLDERS = ("resources",)
SKIPPED_FOLDERS = ("__pycache__", "build", "dist", "node_modules")

# A path ending in ".md" that is a name of its own (not ".shownotes.md", an
# extension, nor "shownotes.md.j2", another file's name), or the word README.
_DOCUMENT = re.compile(r"(?<![\w./\\*-])((?:\.{1,2}/|[\w-][\w.-]*/)*[\w-][\w.-]*\.md)(?![\w-]|\.\w)"
                       r"|\b(README)\b(?!\.\w)")
_URL = re.compile(r"\w+://\S+")
_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_DOCSTRING_OWNERS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Reference:
    source: str          # the referring file, relative to the root
    line: int
    name: str            # the document as written

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: '{self.name}' names no file in the repository"


def _python_prose(source: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every comment and every docstring line."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, _DOCSTRING_OWNERS) and node.body:
            first = node.body[0]
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                for number in range(first.lineno, first.end_lineno + 1):
                    yield number, lines[number - 1]


def _template_prose(source: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line of the template's ``{# ... #}`` comments."""
    for comment in _TEMPLATE_COMMENT.finditer(source):
        first = source.count("\n", 0, comment.start()) + 1
        for offset, text in enumerate(comment[0].split("\n")):
            yield first + offset, text


def _markdown_prose(source: str) -> Iterator[tuple[int, str]]:
    return enumerate(source.splitlines(), 1)


def _walk(root: Path, folder: str, suffix: str) -> Iterator[Path]:
    for path in sorted((root / folder).rglob(f"*{suffix}") if folder else root.rglob(f"*{suffix}")):
        parts = path.relative_to(root).parts[:-1]
        if not any(p.startswith(".") or p in SKIPPED_FOLDERS or p.endswith(".egg-info")
                   for p in parts):
            yield path


def _files(root: Path) -> Iterator[tuple[Path, Iterator[tuple[int, str]]]]:
    for folder in PYTHON_FOLDERS:
        for path in _walk(root, folder, ".py"):
            yield path, _python_prose(path.read_text(encoding="utf-8"))
    for folder in TEMPLATE_FOLDERS:
        for path in _walk(root, folder, ".j2"):
            yield path, _template_prose(path.read_text(encoding="utf-8"))
    for path in _walk(root, "", ".md"):
        yield path, _markdown_prose(path.read_text(encoding="utf-8"))


def _resolves(root: Path, referrer: Path, name: str) -> bool:
    if name == "README":
        name = "README.md"
    for base in (referrer.parent, root):
        target = (base / name).resolve()
        if target.is_relative_to(root.resolve()) and target.is_file():
            return True
    return False


def document_references(root: Path) -> tuple[list[Reference], list[Reference]]:
    """Every document reference under ``root``, and those that name no file."""
    found, missing = [], []
    for path, prose in _files(root):
        for number, text in prose:
            for match in _DOCUMENT.finditer(_URL.sub(" ", text)):
                name = match[1] or match[2]
                reference = Reference(path.relative_to(root).as_posix(), number, name)
                found.append(reference)
                if not _resolves(root, path, name):
                    missing.append(reference)
    return found, missing


def test_every_document_reference_names_a_file_in_the_repository():
    found, missing = document_references(ROOT)
    assert Reference("README.md", _line_of(ROOT / "README.md", "(docs/formats.md)"),
                     "docs/formats.md") in found          # the walk reads the README's links
    assert len({r.source for r in found}) >= 10           # ... and many files besides
    assert missing == [], "\n".join(map(str, missing))


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1)
                if text in line)


def test_a_reference_to_a_missing_document_is_caught(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "formats.md").write_text("# Formats\nSee [the README](../README.md).\n")
    (tmp_path / "editor").mkdir()
    (tmp_path / "editor" / "module.py").write_text(
        '"""Follows FORMATS.md section 3 and docs/formats.md.\n'
        '\n'
        'Writes .shownotes.md files from shownotes.md.j2, any *.md will do."""\n'
        'EXTENSIONS = (".md", "notes.md")   # code, not prose: see docs/Formats.md\n'
        '\n'
        '\n'
        'def write():\n'
        '    """As the README says (https://example.com/GUIDE.md is a URL)."""\n')
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "page.txt.j2").write_text(
        '{#- The layout of\n    PRODUCT.md -#}\n{{ title }} notes.md\n')
    (tmp_path / "README.md").write_text("# Demo\n\n- [formats](docs/formats.md)\n"
                                        "- [speed](docs/performance.md)\n")

    found, missing = document_references(tmp_path)

    assert [str(r) for r in missing] == [
        "editor/module.py:4: 'docs/Formats.md' names no file in the repository",
        "editor/module.py:1: 'FORMATS.md' names no file in the repository",
        "resources/page.txt.j2:2: 'PRODUCT.md' names no file in the repository",
        "README.md:4: 'docs/performance.md' names no file in the repository",
    ]
    assert {(r.source, r.name) for r in found} - {(r.source, r.name) for r in missing} == {
        ("editor/module.py", "docs/formats.md"), ("editor/module.py", "README"),
        ("docs/formats.md", "README"), ("docs/formats.md", "../README.md"),
        ("README.md", "docs/formats.md")}
