"""The check the import-load tests share: an accepted import saves and loads back
the same project; a refusal is the project's one-line error naming the file."""
from __future__ import annotations

from pathlib import Path

from editor.core.errors import FormatError
from editor.core.importing import import_file
from editor.core.model import Project
from editor.core.projectdump import dump_project
from editor.core.projectfile import load_project
from helpers import dump


def import_save_load(source: Path, format_name: str, project_file: Path) -> Project | FormatError:
    """Import ``source``: on success save it to ``project_file``, load that back and
    require the same project; on refusal require a one-line FormatError.

    The save writes ``dump_project``'s text, the bytes ``save_project`` writes,
    without its fsync, which would make thousands of cases take minutes."""
    try:
        imported = import_file(source, format_name)
    except FormatError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"{source}"), message
        assert error.problem.strip(), message
        return error
    project_file.write_text(dump_project(imported, project_file.parent), encoding="utf-8")
    loaded = load_project(project_file)
    assert dump(loaded) == dump(imported)
    return imported
