"""Desktop integration: puts the desktop entry, the AppStream metainfo, the icons and
the project-file MIME type into the user's XDG data folder, and takes them out again.

``install_desktop()`` and ``uninstall_desktop()`` return the files they wrote or
removed; both then refresh the desktop-entry and MIME caches when the freedesktop
tools that build them are present. The installed desktop entry starts the very
command that installed it (a virtual environment's ``showscribe`` is rarely on
PATH). No Qt here: ``showscribe --install-desktop`` runs without a display.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import resources
from .core.atomic import write_atomically
from .resources import APP_ID, ICON_SIZES

DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
MIME_FILE = f"{APP_ID}.xml"


def data_home() -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share``."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _targets(home: Path) -> dict[Path, Path]:
    """Each installed file and the shipped file it is copied from."""
    shipped = resources.desktop_dir()
    icons = home / "icons" / "hicolor"
    targets = {
        home / "applications" / DESKTOP_FILE: shipped / DESKTOP_FILE,
        home / "metainfo" / METAINFO_FILE: shipped / METAINFO_FILE,
        home / "mime" / "packages" / MIME_FILE: shipped / MIME_FILE,
        icons / "scalable" / "apps" / f"{APP_ID}.svg": resources.icon_svg(),
    }
    for size in ICON_SIZES:
        targets[icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = resources.icon_png(size)
    return targets


def launch_command() -> list[str]:
    """The command that starts this same Showscribe: the standalone program, the
    ``showscribe`` script being run, or this Python with ``-m editor``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "showscribe" and script.is_file():
        return [str(script.resolve())]
    return [sys.executable, "-m", "editor"]


def _desktop_entry(template: str) -> str:
    """The shipped desktop entry with Exec naming this installation's command."""
    command = " ".join(_quote_exec(arg) for arg in launch_command())
    lines = [f"Exec={command} %f" if line.startswith("Exec=") else line
             for line in template.splitlines()]
    return "\n".join(lines) + "\n"


def _quote_exec(arg: str) -> str:
    """An Exec argument quoted as the Desktop Entry specification asks."""
    if not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`") \
                 .replace("$", "\\$")
    return f'"{escaped}"'


def install_desktop(home: Path | None = None) -> list[Path]:
    """Copy the desktop files into ``home`` (the XDG data folder); return what was written."""
    home = home or data_home()
    written = []
    for target, source in _targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.name == DESKTOP_FILE:
            write_atomically(target, _desktop_entry(source.read_text(encoding="utf-8")),
                             force=True)
        else:
            write_atomically(target, source.read_bytes(), force=True)
        written.append(target)
    _refresh_caches(home)
    return written


def uninstall_desktop(home: Path | None = None) -> list[Path]:
    """Remove what ``install_desktop`` wrote into ``home``; return what was removed."""
    home = home or data_home()
    removed = []
    for target in _targets(home):
        if target.is_file():
            target.unlink()
            removed.append(target)
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Rebuild the caches that map file types to applications, where the tools exist.
    (No icon cache: a user's stale one would hide icons other programs add later.)"""
    for tool, folder in (("update-mime-database", home / "mime"),
                         ("update-desktop-database", home / "applications")):
        if shutil.which(tool) and folder.is_dir():
            subprocess.run([tool, str(folder)], capture_output=True, check=False)


def describe(paths: list[Path], verb: str, home: Path | None = None) -> str:
    """One line for the command line: ``installed 12 files under /home/me/.local/share``."""
    home = home or data_home()
    if not paths:
        return f"no Showscribe desktop files under {home}"
    return f"{verb} {len(paths)} files under {home}"
