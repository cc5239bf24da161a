"""The floor plan holds: imports only point down, no module imports itself back, and only heavy third-party
modules are imported inside functions (so that ``fupin --help`` costs typer alone, which a second test checks).

Floors, bottom up (as in the project's floor plan; a room may use its own floor and the floors below):

1. ``model``, ``diagnostics``, ``money``, ``dates``, ``privacy``, ``safety``, ``lazy`` — values and rules
2. ``loading``, ``table`` — reading inputs, the one Table model
3. ``engines``, ``render``, ``schema`` — computing, and turning a Table into text or bytes
4. ``reports`` — each named Table from the engines' results
5. ``commands``, ``api`` — one keyword-only function per command (the Python API)
6. ``cli``, ``options`` — options, one library call, rendering, output
7. ``__main__``

``lazy_import("fupin_cli.…")`` counts as an import of the module it names, and a package's ``_EXPORTS``
mapping (names → submodules, imported on first use by ``lazy_exports``) as imports of those submodules.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fupin_cli"

FLOORS = {
    "model": 1, "diagnostics": 1, "money": 1, "dates": 1, "privacy": 1, "safety": 1, "lazy": 1,
    "loading": 2, "table": 2,
    "engines": 3, "render": 3, "schema": 3,
    "reports": 4,
    "commands": 5, "api": 5,
    "cli": 6, "options": 6,
    "__main__": 7,
}

#: third-party modules heavy enough to be imported only inside the function that needs them
HEAVY = {"xlsxwriter", "openpyxl", "duckdb", "opencc", "ruamel", "chinese_calendar", "icalendar", "tabulate",
         "rich"}
#: what ``fupin --help`` must not import (typer itself loads rich for the help screen)
NOT_FOR_HELP = (HEAVY - {"rich"}) | {"pydantic", "yaml", "fupin_cli.model", "fupin_cli.engines", "fupin_cli.loading",
                                     "fupin_cli.reports", "fupin_cli.api"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def floor(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package itself: its version only
        return 0
    return FLOORS[parts[1]]


def resolve(current: str, is_package: bool, node: ast.ImportFrom, known: set[str]) -> list[str]:
    """The project modules a ``from … import …`` names (a name that is a module counts as that module)."""
    if node.level:
        base = current.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith("fupin_cli"):
        return []
    out = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        out.append(sub if sub in known else target)
    return out


class Imports(ast.NodeVisitor):
    def __init__(self, name: str, is_package: bool, known: set[str]):
        self.name, self.is_package, self.known = name, is_package, known
        self.edges: set[str] = set()
        self.inside: list[tuple[int, str]] = []  # (line, module) imported inside a function
        self.depth = 0

    def visit_FunctionDef(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def _inside(self, line: int, module: str) -> None:
        if self.depth and module.split(".")[0] not in HEAVY:
            self.inside.append((line, module))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.startswith("fupin_cli"):
                self.edges.add(alias.name)
            self._inside(node.lineno, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        targets = resolve(self.name, self.is_package, node, self.known)
        self.edges.update(targets)
        self._inside(node.lineno, targets[0] if targets else (node.module or ""))

    def visit_Assign(self, node: ast.Assign) -> None:
        if (self.depth == 0 and any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in node.targets)
                and isinstance(node.value, ast.Dict)):
            package = self.name if self.is_package else self.name.rsplit(".", 1)[0]
            self.edges.update(f"{package}.{v.value}" for v in node.value.values if isinstance(v, ast.Constant))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if (isinstance(node.func, ast.Name) and node.func.id == "lazy_import" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            self.edges.add(node.args[0].value)
        self.generic_visit(node)


def graph() -> tuple[dict[str, set[str]], dict[str, list[tuple[int, str]]]]:
    mods = modules()
    known = set(mods)
    edges, inside = {}, {}
    for name, path in mods.items():
        v = Imports(name, path.name == "__init__.py", known)
        v.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        edges[name] = {e for e in v.edges if e != name}
        inside[name] = v.inside
    return edges, inside


def test_every_module_has_a_floor():
    for name in modules():
        assert floor(name) >= 0, name


def test_imports_point_down():
    edges, _ = graph()
    upward = [f"{m} (floor {floor(m)}) imports {t} (floor {floor(t)})"
              for m, targets in edges.items() for t in targets if t in edges and floor(t) > floor(m)]
    assert upward == []


def test_no_import_cycles():
    edges, _ = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def strongconnect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            strongconnect(v)
    assert cycles == []


def test_only_heavy_modules_are_imported_inside_functions():
    _, inside = graph()
    found = [f"{m}:{line} imports {what} inside a function" for m, items in inside.items() for line, what in items]
    assert found == []


def test_the_checker_sees_what_it_must():
    """The checks above would fail on an upward import, a cycle and an import inside a function."""
    known = {"fupin_cli.model", "fupin_cli.cli.x", "fupin_cli.engines.a", "fupin_cli.engines.b"}
    tree = ast.parse("from ..cli import x\ndef f():\n    import json\n    from . import b\n"
                     "m = lazy_import('fupin_cli.engines.a')\n_EXPORTS = {'table': 'c'}\n")
    v = Imports("fupin_cli.engines.b", False, known)
    v.visit(tree)
    assert v.edges == {"fupin_cli.cli.x", "fupin_cli.engines.b", "fupin_cli.engines.a", "fupin_cli.engines.c"}
    assert [w for _, w in v.inside] == ["json", "fupin_cli.engines.b"]
    assert floor("fupin_cli.cli.x") > floor("fupin_cli.engines.b")


def test_help_imports_nothing_heavy():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "fupin_cli", "--help"], capture_output=True,
                          text=True, cwd=PACKAGE.parent, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    heavy = sorted(m for m in imported if any(m == h or m.startswith(h + ".") for h in NOT_FOR_HELP))
    # the commands' modules are named (lazily) but none of them runs
    heavy += sorted(m for m in imported if m.startswith("fupin_cli.commands."))
    assert heavy == []
    assert "fupin_cli.cli" in imported  # the run really loaded the command line


def test_lazy_exports_name_every_public_name():
    """A package that exports lazily (``_EXPORTS``) gives every name of its ``__all__``, from the submodule named."""
    for name, path in modules().items():
        if path.name != "__init__.py" or "_EXPORTS =" not in path.read_text(encoding="utf-8"):
            continue
        package = importlib.import_module(name)
        assert sorted(package._EXPORTS) == sorted(package.__all__), name
        for export, sub in package._EXPORTS.items():
            assert getattr(package, export) is getattr(importlib.import_module(f"{name}.{sub}"), export)
