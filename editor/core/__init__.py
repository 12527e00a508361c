"""The episode core: model, times, undoable edits, project files.

Imports neither Qt nor vlc, so all of it runs and is tested in a plain interpreter.
"""
from .errors import FormatError, ProjectFileError, SchemaError, ShowscribeError
from .model import Chapter, Credit, Episode, Link, Project, Speaker, Turn
from .projectdump import SCHEMA_VERSION, dump_project, project_to_data
from .projectfile import load_project, project_from_data, save_project

__all__ = [
    "Chapter", "Credit", "Episode", "FormatError", "Link", "Project", "ProjectFileError", "SCHEMA_VERSION",
    "SchemaError", "ShowscribeError", "Speaker", "Turn", "dump_project", "load_project",
    "project_from_data", "project_to_data", "save_project",
]
