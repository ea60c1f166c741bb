"""The shape of the ``analytics`` package: no import cycles, small modules, each one described.

The import graph is read from the source with :mod:`ast`, not by importing anything:

* every ``import`` and ``from ... import`` counts wherever it is written: at module level,
  inside functions and methods, inside ``try``/``if`` blocks. A function-level import still
  runs, so a cycle hidden in a function is still a cycle;
* except imports under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``): they never run, they
  only name types for the checker, so they are left out of the graph;
* ``from analytics.x import y`` is an edge to the module ``analytics.x.y`` when ``y`` is a
  submodule, else to ``analytics.x``; relative imports are resolved against the importing
  module's package; importing a package is importing its ``__init__.py``. Importing
  ``analytics.x.y`` also runs ``analytics/x/__init__.py`` first, but that implicit parent edge is
  not counted: a package's ``__init__`` importing its own submodules would otherwise always
  be a cycle;
* only edges between modules of ``analytics`` are kept.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = "analytics"
MAX_LINES = 600

Graph = dict[str, set[str]]


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of ``root/package``."""
    out: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``tree`` that can run (not under ``if TYPE_CHECKING:``)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)  # the ``else`` branch does run
            continue
        stack.extend(ast.iter_child_nodes(node))


def _known(name: str, modules: set[str]) -> str | None:
    """``name`` if it is a module, else its longest prefix that is (``a.b.func`` -> ``a.b``)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``module`` (source at ``path``) imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    package_parts = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                keep = len(package_parts) - (node.level - 1)
                if keep <= 0:
                    continue  # beyond the top package: not one of ours
                base = ".".join(package_parts[:keep] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
            ]
        for target in targets:
            hit = _known(target, modules)
            if hit is not None and hit != module:
                found.add(hit)
    return found


def import_graph(root: Path, package: str) -> Graph:
    files = module_files(root, package)
    names = set(files)
    return {name: imports_of(name, path, names) for name, path in files.items()}


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle path (``[a, b, ..., a]``) for each group of modules that import each other,
    sorted."""
    return sorted(_cycle_in(graph, group) for group in import_groups(graph))


def import_groups(graph: Graph) -> list[set[str]]:
    """The groups of modules that import each other, directly or not (the strongly connected
    components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    counter = 0

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative (no recursion limit)
        nonlocal counter
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return groups


def _cycle_in(graph: Graph, group: set[str]) -> list[str]:
    """The shortest cycle through the group's first module, staying inside the group."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for child in sorted(graph[node] & group):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if child not in came_from:
                    came_from[child] = node
                    nxt.append(child)
        frontier = nxt
    raise AssertionError(f"no cycle in {group}")  # a strongly connected group always has one


@pytest.fixture(scope="module")
def graph() -> Graph:
    return import_graph(ROOT, PACKAGE)


# --------------------------------------------------------------------------- the rules


def test_no_import_cycles(graph: Graph) -> None:
    groups = sorted(import_groups(graph), key=min)
    assert not groups, (
        "import cycles among analytics modules (function-level imports included):\n"
        + "\n".join(
            f"  {' -> '.join(_cycle_in(graph, group))}  (all the modules in this circle: {', '.join(sorted(group))})"
            for group in groups
        )
    )


def test_every_module_is_under_the_line_limit() -> None:
    long = {
        name: n
        for name, path in module_files(ROOT, PACKAGE).items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= MAX_LINES
    }
    assert not long, f"modules of {MAX_LINES} lines or more: " + ", ".join(
        f"{name} ({n})" for name, n in sorted(long.items())
    )


def test_every_module_has_a_docstring() -> None:
    missing = [
        name
        for name, path in module_files(ROOT, PACKAGE).items()
        if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()
    ]
    assert not missing, "modules without a docstring saying what they hold: " + ", ".join(missing)


def test_the_seams(graph: Graph) -> None:
    """The layering the readers, ingest and scale-out code keep (direct imports)."""
    readers = {m for m in graph if m.startswith("analytics.readers.")}
    # the dispatcher looks readers up in its registry; the package imports them so they register
    assert graph["analytics.readers.core"] <= {
        "analytics.errors",
        "analytics.models",
        "analytics.readers.limits",
    }
    assert not any("analytics.readers" in graph[m] for m in readers)  # no reader imports the package
    # scale-out sits below its users and the extractor: callers pass what runs on the workers
    assert not {
        m
        for m in graph["analytics.distributed"]
        if m == "analytics.ingest" or m.startswith("analytics.extract")
    }
    # ingest writes the store; the dashboard's frame (and its snapshot) is the command line's business
    frame_code = {"analytics.views", "analytics.store.snapshot", "analytics.charts", "analytics.store.frames"}
    assert not graph["analytics.ingest"] & frame_code


# --------------------------------------------------------------------------- the graph itself


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_graph_counts_function_level_and_relative_imports(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": '"""p"""\nfrom pkg import a\n',
            "pkg/a.py": '"""a"""\ndef f():\n    from . import b\n',
            "pkg/b.py": '"""b"""\nfrom .sub.c import thing\n',
            "pkg/sub/__init__.py": '"""s"""\n',
            "pkg/sub/c.py": '"""c"""\nimport pkg.a\nfrom .. import b as _b\nfrom ..sub import c\n',
            "pkg/t.py": '"""t"""\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import u\n',
            "pkg/u.py": '"""u"""\nimport typing\nif typing.TYPE_CHECKING:\n    import pkg.t\nelse:\n    import os\n',
        },
    )
    g = import_graph(tmp_path, "pkg")
    assert g["pkg"] == {"pkg.a"}
    assert g["pkg.a"] == {"pkg.b"}  # inside a function, relative
    assert g["pkg.b"] == {"pkg.sub.c"}  # ``thing`` is a name, not a module
    assert g["pkg.sub.c"] == {"pkg.a", "pkg.b"}  # ``from ..sub import c``: itself, not an edge
    assert g["pkg.t"] == set() and g["pkg.u"] == set()  # TYPE_CHECKING-only imports never run
    assert cycles(g) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]]


def test_graph_counts_a_package_import_as_its_init(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": '"""p"""\nfrom pkg.x import X\n',
            "pkg/x.py": '"""x"""\nX = 1\n',
            "pkg/y.py": '"""y"""\nfrom pkg import X\n',
            "pkg/z.py": '"""z"""\nimport pkg\n',
        },
    )
    g = import_graph(tmp_path, "pkg")
    assert g["pkg.y"] == {"pkg"} and g["pkg.z"] == {"pkg"}
    assert cycles(g) == []
    _write(tmp_path, {"pkg/x.py": '"""x"""\nX = 1\ndef f():\n    from pkg import y\n'})
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg", "pkg.x", "pkg.y", "pkg"]]
