"""editor.core runs in a plain interpreter: importing it loads neither Qt nor vlc."""
from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("PySide6", "shiboken6", "vlc")

LOADED = "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"

# Imports every module of editor.core (sub-packages too) that has a source file.
IMPORT_ALL = """
import importlib, json, pathlib, sys
import editor.core
root = pathlib.Path(editor.core.__file__).parent
for source in sorted(root.rglob("*.py")):
    parts = source.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if any(part.startswith(("test_", ".")) for part in parts):
        continue
    importlib.import_module(".".join(("editor", "core") + parts))
""" + LOADED


def run_fresh(code: str) -> set[str]:
    """Top-level module names a fresh interpreter has loaded after running ``code``."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_core_loads_no_qt_and_no_vlc():
    loaded = run_fresh("import editor.core, editor.core.commands, editor.core.estimate, "
                       "sys, json; " + LOADED)
    assert {"editor", "yaml"} <= loaded     # the probe sees real imports
    assert loaded.isdisjoint(FORBIDDEN), sorted(loaded & set(FORBIDDEN))


def test_no_module_of_the_core_loads_qt_or_vlc():
    loaded = run_fresh(IMPORT_ALL)
    assert loaded.isdisjoint(FORBIDDEN), sorted(loaded & set(FORBIDDEN))


# -- the shape of the core's own imports ---------------------------------------

import ast  # noqa: E402
from pathlib import Path  # noqa: E402

CORE = Path(__file__).resolve().parents[2] / "editor" / "core"


def _module_name(source: Path, root: Path) -> str:
    parts = source.relative_to(root.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_imports(root: Path = CORE) -> dict[str, set[str]]:
    """Every module of the core and the core modules it imports, wherever the
    import stands (a late import inside a function still ties two modules).

    Importing ``a.b.c`` runs package ``a.b`` first, so that counts as an import
    of the package too (all but the core's own package, a facade that only
    re-exports); a package that finds its modules with ``pkgutil`` (the format
    registry) imports every public module in it. A module's own packages are
    running already when it is imported, so reaching up into them is no edge.
    """
    modules = {_module_name(source, root): source for source in root.rglob("*.py")}
    top = _module_name(root / "__init__.py", root)
    graph: dict[str, set[str]] = {}
    for name, source in modules.items():
        package = name if source.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        text = source.read_text(encoding="utf-8")
        if source.name == "__init__.py" and "pkgutil.iter_modules" in text:
            targets.update(m for m in modules if m.rpartition(".")[0] == name
                           and not m.rpartition(".")[2].startswith("_"))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = node.module or ""
                found = [f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in modules]
                targets.update(found or [base])
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        for target in list(targets):
            parent = target.rpartition(".")[0]
            while parent and parent != top and parent.startswith(top):
                targets.add(parent)
                parent = parent.rpartition(".")[0]
        own = {name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)}
        graph[name] = {t for t in targets if t in modules and t != name and t not in own}
    return graph


def private_crossings(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) where the imported module is private (``_name``) to
    a package the importer is not in."""
    crossings = []
    for importer, targets in graph.items():
        for target in targets:
            package, _, leaf = target.rpartition(".")
            if leaf.startswith("_") and not leaf.startswith("__") \
                    and not importer.startswith(package + "."):
                crossings.append((importer, target))
    return sorted(crossings)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_walk_sees_the_cores_real_imports():
    graph = core_imports()
    assert "editor.core.model" in graph["editor.core.commands"]
    assert "editor.core.builder" in graph["editor.core.formats.audacity"]
    assert "editor.core.history" in graph["editor.core.model"]   # a late import counts


def test_no_core_module_imports_a_private_module_of_another_package():
    assert private_crossings(core_imports()) == []


def test_the_core_has_no_import_cycle():
    assert cycles(core_imports()) == []


def test_the_checks_find_what_they_look_for(tmp_path):
    package = tmp_path / "editor" / "core"
    (package / "sub").mkdir(parents=True)
    for init in (package / "__init__.py", package / "sub" / "__init__.py"):
        init.write_text("")
    (package / "a.py").write_text("from .sub._hidden import x\n")
    (package / "reg").mkdir()
    (package / "reg" / "__init__.py").write_text("import pkgutil\npkgutil.iter_modules(__path__)\n")
    (package / "reg" / "fmt.py").write_text("from ..c import y\n")
    (package / "c.py").write_text("from .reg._util import z\ny = 1\n")
    (package / "reg" / "_util.py").write_text("z = 1\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")
    (package / "sub" / "_hidden.py").write_text("from .. import b\nx = 1\n")
    graph = core_imports(package)
    assert private_crossings(graph) == [("editor.core.a", "editor.core.sub._hidden"),
                                        ("editor.core.c", "editor.core.reg._util")]
    assert cycles(graph) == [
        ["editor.core.a", "editor.core.b", "editor.core.sub._hidden"],
        ["editor.core.c", "editor.core.reg", "editor.core.reg.fmt"]]
