"""The registry's light declarations say what each module's FORMATS defines, and
listing or naming a format imports no format module."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import editor.core.formats as registry
from editor.core.formats import DECLARED, all_formats, by_name

DECLARED_FIELDS = ("label", "kind", "extensions", "options", "binary", "mime", "can_read",
                   "can_write")


def format_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(registry.__path__)
                  if not info.name.startswith("_"))


def test_every_format_module_is_declared_and_every_declaration_defined():
    declared_modules = sorted({d.module for d in DECLARED})
    assert declared_modules == format_modules()
    for module_name in format_modules():
        module = __import__(f"{registry.__name__}.{module_name}", fromlist=["FORMATS"])
        defined = [f.name for f in module.FORMATS if not f.name.startswith("template:")]
        assert defined == [d.name for d in DECLARED if d.module == module_name], module_name


@pytest.mark.parametrize("declared", DECLARED, ids=lambda d: d.name)
def test_a_declaration_agrees_with_its_module(declared):
    real = declared.loaded()
    for name in DECLARED_FIELDS:
        assert getattr(declared, name) == getattr(real, name), f"{declared.name}.{name}"
    # what is not declared is the module's own
    assert declared.read is real.read and declared.write is real.write
    assert declared.extra is real.extra


def test_an_undefined_declaration_is_refused_by_name():
    stray = registry.DeclaredFormat("audacity", "audacity-2", "Nothing", "chapters", (".x",))
    with pytest.raises(RuntimeError, match="'audacity-2' is declared in the registry but "
                                           "editor.core.formats.audacity does not define it"):
        stray.read


PROBE = """
import sys
from editor.core.formats import all_formats, by_name, guess
by_name("audacity"); by_name("id3-chapters").can_read; guess("a.vtt")
before = sorted(m for m in sys.modules if m.startswith("editor.core.formats."))
by_name("audacity").write
after = sorted(m for m in sys.modules if m.startswith("editor.core.formats."))
print(before, after, "jinja2" in sys.modules, "mutagen" in sys.modules)
"""


def test_naming_and_guessing_import_no_format_module_until_one_is_used():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.split() == ["[]", "['editor.core.formats.audacity']", "False",
                                     "False"]


def test_the_full_listing_holds_the_declared_formats_in_order():
    listed = [f.name for f in all_formats() if not f.name.startswith("template:")]
    assert listed == [d.name for d in sorted(
        DECLARED, key=lambda d: (registry.KINDS.index(d.kind), d.name))]
    assert by_name("vtt") in DECLARED
