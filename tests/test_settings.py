"""The settings table (``analytics/settings.py``): the README lists every setting, each bad value
is one sentence naming its variable, the command line and the dashboard check them at start, and
no module reads one of these variables behind the table's back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analytics import cli, settings
from analytics.readers import max_file_bytes
from analytics.store import default_db_path
from analytics.web.fetch import FetchPolicy
from tests.conftest import ROOT

# --------------------------------------------------------------------------- the README


def readme_settings(text: str) -> list[str]:
    """The variables in the first column of the table under the README's "## Settings"."""
    section = text.split("\n## Settings\n", 1)
    assert len(section) == 2, "the README has no '## Settings' section"
    body = section[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("|")]
    assert len(rows) > 2, "the Settings section holds no table"
    names = []
    for row in rows[2:]:  # after the header and its --- line
        first = row.strip("|").split("|")[0]
        found = re.fullmatch(r"\s*`([A-Z][A-Z0-9_]*)`\s*", first)
        assert found, f"a Settings row whose first cell is not one `VARIABLE`: {row}"
        names.append(found[1])
    return names


def test_the_readme_lists_every_setting_in_the_registry_order() -> None:
    listed = readme_settings((ROOT / "README.md").read_text(encoding="utf-8"))
    assert listed == [s.env for s in settings.SETTINGS]


def test_the_readme_check_sees_a_missing_or_an_extra_row() -> None:
    table = "\n## Settings\n\n| variable | default |\n| --- | --- |\n| `STRIKES_DB` | x |\n| `STRIKES_NEW` | y |\n"
    assert readme_settings("# t\n" + table + "\n## Next\n| `NOT_THIS` | z |\n") == [
        "STRIKES_DB",
        "STRIKES_NEW",
    ]


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    "setting,raw,value",
    [
        (settings.MAX_FILE_MB, "2.5", 2.5),
        (settings.MAX_FILE_MB, " 50 ", 50.0),
        (settings.ALLOW_PRIVATE, "YES", True),
        (settings.ALLOW_PRIVATE, "0", False),
        (settings.SCHEDULER, "tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        (settings.SCHEDULER, "scheduler.internal:8786", "scheduler.internal:8786"),
        (settings.SCHEDULER, "tls://[::1]:8786", "tls://[::1]:8786"),
        (settings.STORE_PATH, "~/x.db", Path("~/x.db").expanduser()),
    ],
)
def test_a_good_value_is_read(setting: settings.Setting, raw: str, value: object) -> None:
    assert setting.read({setting.env: raw}) == value


def test_unset_or_blank_is_the_default() -> None:
    for setting in settings.SETTINGS:
        assert setting.read({}) == setting.default
        assert setting.read({setting.env: "  "}) == setting.default
    assert settings.STORE_PATH.default == ROOT / "data" / "strikes.db"


BAD = [
    ("STRIKES_MAX_FILE_MB", "lots", "a number of megabytes"),
    ("STRIKES_MAX_FILE_MB", "-3", "greater than 0"),
    ("STRIKES_MAX_FILE_MB", "nan", "greater than 0"),
    ("STRIKES_ALLOW_PRIVATE", "maybe", "1, true, yes or on"),
    ("STRIKES_SCHEDULER", "tcp://two words:8786", "a scheduler address"),
    ("BROWSER_PATH", "/nonexistent/chromium", "an executable file"),
]


@pytest.mark.parametrize("env,raw,expects", BAD)
def test_a_bad_value_is_one_sentence_naming_the_variable(env: str, raw: str, expects: str) -> None:
    environ = {env: raw}
    [problem] = settings.problems(environ)
    assert problem.startswith(f"{env}={raw!r} cannot be used: {env} expects ") and expects in problem
    with pytest.raises(settings.SettingError, match=re.escape(problem)):
        settings.check(environ)


def test_every_bad_value_is_named_at_once() -> None:
    environ = {env: raw for env, raw, _ in BAD}
    assert {p.split("=")[0] for p in settings.problems(environ)} == {env for env, _, _ in BAD}
    assert settings.problems({}) == []


def test_the_readers_follow_the_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STRIKES_MAX_FILE_MB", "2")
    monkeypatch.setenv("STRIKES_DB", str(tmp_path / "s.db"))
    monkeypatch.setenv("STRIKES_ALLOW_PRIVATE", "true")
    assert max_file_bytes() == 2 * 1024 * 1024
    assert default_db_path() == tmp_path / "s.db"
    assert FetchPolicy.from_env().allow_private is True
    monkeypatch.setenv("STRIKES_ALLOW_PRIVATE", "off")
    assert FetchPolicy.from_env().allow_private is False


# --------------------------------------------------------------------------- checked at start


def test_the_command_line_stops_at_a_bad_setting_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("STRIKES_MAX_FILE_MB", "lots")
    db = tmp_path / "never.db"
    assert cli.main(["check", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: STRIKES_MAX_FILE_MB='lots' cannot be used") and err.count("\n") == 1
    assert not db.exists()  # nothing ran


def test_the_dashboard_stops_at_a_bad_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRIKES_DB", str(tmp_path / "never.db"))
    monkeypatch.setenv("STRIKES_ALLOW_PRIVATE", "maybe")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("STRIKES_ALLOW_PRIVATE='maybe' cannot be used" in e.value for e in at.error)
    assert not (tmp_path / "never.db").exists()  # stopped before the store was opened


# --------------------------------------------------------------------------- one place


def _environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that read the environment: ``os.environ.get(...)``, ``os.getenv(...)``,
    ``os.environ[...]`` read (writing one, or handing ``{**os.environ}`` to a child, is no read)."""

    def is_environ(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "environ"

    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if (node.func.attr == "get" and is_environ(node.func.value)) or node.func.attr == "getenv":
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and is_environ(node.value) and isinstance(node.ctx, ast.Load):
            lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment() -> None:
    files = [*sorted((ROOT / "analytics").rglob("*.py")), ROOT / "dashboard.py"]
    reads = {
        str(p.relative_to(ROOT)): found
        for p in files
        if p.name != "settings.py" and (found := _environment_reads(p))
    }
    assert reads == {}, f"read these through analytics.settings instead: {reads}"


def test_the_environment_read_finder_finds_each_kind(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\na = os.environ.get('X')\nb = os.getenv('Y')\nc = os.environ['Z']\n"
        "os.environ['W'] = '1'\nd = {**os.environ}\n"
    )
    assert _environment_reads(probe) == [2, 3, 4]
