"""Where Showscribe's shipped files are: the show-notes templates, the icons, the
desktop files and the sample episode.

They live in the repository's top-level ``resources/`` and ``sample_projects/``
folders, which setup.py ships inside the package as ``editor._data.resources`` and
``editor._data.sample_projects``. Looking them up through importlib.resources finds
them the same way in a clone (editable install), an installed wheel and the
standalone build. Showscribe installs as plain files (not a zip), so every answer
is a real path. No Qt here: the command line renders templates too.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The freedesktop / AppStream id: names the desktop entry, metainfo and icon files.
APP_ID = "io.github.showscribe.Showscribe"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resources_dir() -> Path:
    return Path(str(files("editor._data.resources")))


def template_dir() -> Path:
    """The folder of the built-in show-notes templates."""
    return resources_dir() / "templates"


def icon_svg() -> Path:
    return resources_dir() / "icons" / f"{APP_ID}.svg"


def icon_png(size: int) -> Path:
    """The icon drawn at ``size`` pixels (one of ICON_SIZES)."""
    return resources_dir() / "icons" / f"{APP_ID}-{size}.png"


def desktop_dir() -> Path:
    """The desktop entry, AppStream metainfo and MIME type files."""
    return resources_dir() / "desktop"


def sample_project() -> Path:
    """The sample episode's project file, which the editor opens on its first start."""
    return (Path(str(files("editor._data.sample_projects"))) / "sample-episode" /
            "episode.showscribe.yaml")
