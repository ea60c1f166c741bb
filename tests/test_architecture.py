"""The shape of the ``analytics`` package: its import layers, small modules, each one described.

The import rules are import-linter contracts in ``pyproject.toml`` (``[tool.importlinter]``):
no cycles, the page's and the ingest path's layers, no streamlit in ``analytics``, and the
seams of the readers, scale-out and ingest code. import-linter reads every import from the
source, function-level ones included (they still run), and leaves out those under
``if TYPE_CHECKING:`` (they never run). The tests below run ``lint-imports`` on the project,
and on a small package of their own to show that a crossed layer or a cycle breaks a contract.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = "analytics"
MAX_LINES = 600
# `lint-imports` with no cache folder left behind, as a child so its module search sees only the
# folder it is pointed at.
LINT_IMPORTS = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command as c; c.main(sys.argv[1:], 'lint-imports')",
    "--no-cache",
]


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of ``root/package``."""
    out: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def lint_imports(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LINT_IMPORTS, *args],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(folder), "NO_COLOR": "1", "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
    )


# --------------------------------------------------------------------------- the rules


def test_the_import_contracts_hold() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout, result.stdout


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


# --------------------------------------------------------------------------- the contracts bite


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


PROBE_CONFIG = """
[tool.importlinter]
root_packages = ["pkg"]
exclude_type_checking_imports = true

[[tool.importlinter.contracts]]
id = "layers"
name = "pkg layers"
type = "layers"
layers = ["pkg.top", "pkg.mid_a | pkg.mid_b", "pkg.low"]

[[tool.importlinter.contracts]]
id = "cycles"
name = "pkg no cycles"
type = "acyclic_siblings"
ancestors = ["pkg"]
"""


def test_a_crossed_layer_or_a_cycle_breaks_a_contract(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pyproject.toml": PROBE_CONFIG,
            "pkg/__init__.py": "",
            "pkg/top.py": "from pkg import mid_a, mid_b\n",
            "pkg/mid_a.py": "from pkg import low\n",
            "pkg/mid_b.py": "from pkg import low\n",
            # naming a higher layer for the type checker only is no import
            "pkg/low.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import top\n",
        },
    )
    clean = lint_imports(tmp_path)
    assert clean.returncode == 0 and "2 kept, 0 broken" in clean.stdout, clean.stdout + clean.stderr

    # a function-level import up the layers still runs: both the layers and the cycle break
    _write(tmp_path, {"pkg/low.py": "def f():\n    from pkg import top\n"})
    crossed = lint_imports(tmp_path)
    assert crossed.returncode == 1, crossed.stdout + crossed.stderr
    assert "0 kept, 2 broken" in crossed.stdout
    assert "pkg.low -> pkg.top (l.2)" in crossed.stdout

    # siblings of one layer are independent: mid_a may not import mid_b (no cycle here)
    _write(tmp_path, {"pkg/low.py": "", "pkg/mid_a.py": "from pkg import low, mid_b\n"})
    sideways = lint_imports(tmp_path)
    assert sideways.returncode == 1 and "1 kept, 1 broken" in sideways.stdout, sideways.stdout
    assert "pkg.mid_a -> pkg.mid_b (l.1)" in sideways.stdout


def test_browser_tests_wait_on_locators_never_on_the_clock() -> None:
    """A fixed pause is too short on a loaded machine and wasted on an idle one."""
    sleeps = [
        f"{path.name}:{node.lineno}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "wait_for_timeout"
    ]
    assert not sleeps, f"page.wait_for_timeout in: {', '.join(sleeps)} (wait for a locator instead)"
