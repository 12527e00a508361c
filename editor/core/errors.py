"""Errors a person can act on. Every message names the file, and where it can,
the line (and column) or the field path, and the problem."""
from __future__ import annotations

from pathlib import Path


class ShowscribeError(Exception):
    """Base of every error Showscribe reports to a person instead of crashing."""


def one_line(text: str) -> str:
    """Messages are one line: a line break quoted from a file is shown as \\n."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


class ProjectFileError(ShowscribeError):
    """A project file that cannot be read or saved: its message is one line, ready to
    show. ``read_only`` is true when a save was refused only for want of write
    permission, so the window can ask and save again with ``force``."""

    read_only = False

    def __init__(self, path: Path | str | None, problem: str, line: int | None = None,
                 column: int | None = None, field: str | None = None) -> None:
        self.path, self.problem = path, one_line(problem)
        self.line, self.column, self.field = line, column, field
        where = str(path) if path is not None else "<project>"
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        if field:
            where += f": {field}"
        super().__init__(f"{where}: {self.problem}")


class SchemaError(ShowscribeError):
    """A value in project data with the wrong shape; ``field`` is its path."""

    def __init__(self, field: str, problem: str) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}" if field else problem)


class FormatError(ShowscribeError):
    """An import source that cannot be read: names the source, the line and the problem.

    Readers raise it with ``line`` (1-based) where they know it; the caller that
    knows the file name sets ``source`` (``with_source``) before showing it.
    """

    def __init__(self, problem: str, line: int | None = None,
                 source: str | None = None) -> None:
        self.problem, self.line, self.source = one_line(problem), line, source
        where = source or "<input>"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {self.problem}")

    def with_source(self, source: str) -> "FormatError":
        return FormatError(self.problem, self.line, source)
