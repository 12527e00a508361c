"""editor.resources finds the shipped files in the clone, and the icon's PNGs are
the sizes they claim and drawn from the SVG."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QImage

from editor import resources
from editor.core.shownotes import render

from packaging_support import ROOT, SAMPLE


def test_the_clone_s_own_folders_are_found():
    assert resources.template_dir() == ROOT / "resources" / "templates"
    assert render.template_dir() == resources.template_dir()
    assert resources.sample_project() == SAMPLE and SAMPLE.is_file()
    assert resources.icon_svg().is_file()
    assert sorted(p.name for p in resources.desktop_dir().iterdir()) == [
        f"{resources.APP_ID}.desktop", f"{resources.APP_ID}.metainfo.xml",
        f"{resources.APP_ID}.xml"]


@pytest.mark.parametrize("size", resources.ICON_SIZES)
def test_each_icon_png_is_drawn_from_the_svg_at_its_size(require, tmp_path, size):
    require("rsvg-convert", shutil.which("rsvg-convert") is not None)
    committed = QImage(str(resources.icon_png(size)))
    assert (committed.width(), committed.height()) == (size, size)
    fresh = tmp_path / "fresh.png"
    subprocess.run(["rsvg-convert", "--width", str(size), "--height", str(size),
                    str(resources.icon_svg()), "--output", str(fresh)], check=True)
    # packaging/render-icons.sh makes them this way: a changed SVG needs new PNGs.
    assert QImage(str(fresh)) == committed
