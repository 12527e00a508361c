"""The desktop entry, AppStream metainfo, MIME type and icons: valid by the
freedesktop tools' own checks, installed into the XDG folders and taken out again."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import editor
from editor import desktop, resources

APP_ID = resources.APP_ID
PROJECT_TYPE = "application/x-showscribe-project"

# Asks Qt's MIME database (which reads the XDG folders) for a file name's type.
MIME_OF = ("import sys; from PySide6.QtCore import QMimeDatabase; "
           "print(QMimeDatabase().mimeTypeForFile(sys.argv[1], "
           "QMimeDatabase.MatchMode.MatchExtension).name())")


@pytest.fixture
def validators(require):
    for tool in ("desktop-file-validate", "appstreamcli", "update-mime-database",
                 "update-desktop-database"):
        require(tool, shutil.which(tool) is not None)


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


def _showscribe(arguments: list[str], data_home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    return _run([sys.executable, "-m", "editor", *arguments], env=env)


def test_the_desktop_entry_is_valid(validators):
    result = _run(["desktop-file-validate", str(resources.desktop_dir() / desktop.DESKTOP_FILE)])
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_the_metainfo_is_valid(validators):
    result = _run(["appstreamcli", "validate", "--no-net",
                   str(resources.desktop_dir() / desktop.METAINFO_FILE)])
    assert result.returncode == 0, result.stdout


def test_the_metainfo_lists_this_version_as_the_newest_release():
    root = ET.parse(resources.desktop_dir() / desktop.METAINFO_FILE).getroot()
    assert root.find("releases/release").get("version") == editor.__version__
    assert root.find("id").text == APP_ID
    assert root.find("launchable").text == desktop.DESKTOP_FILE
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("screenshots/screenshot/image").text.endswith("/docs/screenshot.png")


def test_the_entry_opens_project_files_with_the_icon():
    entry = (resources.desktop_dir() / desktop.DESKTOP_FILE).read_text().splitlines()
    assert f"MimeType={PROJECT_TYPE};" in entry
    assert f"Icon={APP_ID}" in entry
    mime = ET.parse(resources.desktop_dir() / desktop.MIME_FILE).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == PROJECT_TYPE
    assert kind.find("m:glob", ns).get("pattern") == "*.showscribe.yaml"


def test_install_puts_every_file_in_the_xdg_folders_and_uninstall_takes_them_out(
        validators, tmp_path):
    home = tmp_path / "share"
    result = _showscribe(["--install-desktop"], home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"installed 12 files under {home}\n"
    entry = home / "applications" / desktop.DESKTOP_FILE
    validated = _run(["desktop-file-validate", str(entry)])
    assert validated.returncode == 0 and validated.stdout == "", validated.stdout
    # The entry starts the Showscribe that installed it.
    assert f"Exec={sys.executable} -m editor %f" in entry.read_text().splitlines()
    assert (home / "metainfo" / desktop.METAINFO_FILE).read_bytes() == \
        (resources.desktop_dir() / desktop.METAINFO_FILE).read_bytes()
    for size in resources.ICON_SIZES:
        icon = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert icon.read_bytes() == resources.icon_png(size).read_bytes()
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    # The caches a file manager reads now send project files to Showscribe.
    assert f"{PROJECT_TYPE}={desktop.DESKTOP_FILE};" in \
        (home / "applications" / "mimeinfo.cache").read_text().splitlines()
    qt_env = dict(os.environ, XDG_DATA_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    kind = _run([sys.executable, "-c", MIME_OF, "ep.showscribe.yaml"], env=qt_env)
    assert kind.stdout == f"{PROJECT_TYPE}\n", kind.stderr

    result = _showscribe(["--uninstall-desktop"], home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"removed 12 files under {home}\n"
    assert [p for p in home.rglob(f"{APP_ID}*")] == []
    kind = _run([sys.executable, "-c", MIME_OF, "ep.showscribe.yaml"], env=qt_env)
    assert kind.stdout != f"{PROJECT_TYPE}\n"
    again = _showscribe(["--uninstall-desktop"], home)
    assert again.stdout == f"no Showscribe desktop files under {home}\n"


def test_install_into_a_folder_it_cannot_write_says_so_in_one_line(tmp_path):
    blocked = tmp_path / "share"
    blocked.write_text("a file where the folder should be")
    result = _showscribe(["--install-desktop"], blocked)
    assert result.returncode == 2
    assert result.stderr.startswith(f"showscribe: {blocked}/")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_exec_line_quotes_a_command_with_spaces():
    assert desktop._quote_exec("/opt/My Apps/showscribe") == '"/opt/My Apps/showscribe"'
    assert desktop._quote_exec("/usr/bin/showscribe") == "/usr/bin/showscribe"
