"""Every setting the program reads from the environment, in one table.

Each :class:`Setting` names its variable, its default, what it does and what a valid value
looks like. The command line and the dashboard call :func:`check` once at start, so a bad value
(``STRIKES_MAX_FILE_MB=lots``) stops them with one sentence naming the variable and what it
expects, instead of being ignored or failing deep inside a read. Values are read when asked
(:meth:`Setting.read`), not at import, so a test or a caller that sets a variable later is seen.

The README's "Settings" table lists the same variables; ``tests/test_settings.py`` compares
the two.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from analytics import DATA_DIR

T = TypeVar("T")


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot use."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One environment variable: ``parse`` turns its text into the value (raising
    ``ValueError`` when it cannot); unset or blank, the value is ``default``."""

    name: str
    env: str
    default: T
    help: str
    expects: str
    parse: Callable[[str], T]

    def read(self, environ: Mapping[str, str] | None = None) -> T:
        """The value in force: the variable's, parsed, else the default."""
        raw = (os.environ if environ is None else environ).get(self.env, "").strip()
        if not raw:
            return self.default
        try:
            return self.parse(raw)
        except ValueError:
            raise SettingError(self.problem(raw)) from None

    def problem(self, raw: str) -> str:
        """The sentence a bad value gets: the variable, the value, what it should be."""
        return f"{self.env}={raw!r} cannot be used: {self.env} expects {self.expects} ({self.help})"


def _path(raw: str) -> Path:
    return Path(raw).expanduser()


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _flag(raw: str) -> bool:
    word = raw.lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(raw)


def _megabytes(raw: str) -> float:
    mb = float(raw)  # ValueError for "lots"
    if not mb > 0 or mb == float("inf"):  # also refuses nan
        raise ValueError(raw)
    return mb


# scheme://host:port, host:port or a bare host, IPv6 in brackets: what dask's Client takes.
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:\[[0-9a-f:.]+\]|[^\s/:\[\]]+)(?::\d{1,5})?/?", re.I)


def _address(raw: str) -> str:
    if not _ADDRESS.fullmatch(raw):
        raise ValueError(raw)
    return raw


def _executable(raw: str) -> str:
    path = Path(raw).expanduser()
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise ValueError(raw)
    return str(path)


STORE_PATH: Setting[Path] = Setting(
    name="store_path",
    env="STRIKES_DB",
    default=DATA_DIR / "strikes.db",
    help="the store file the dashboard and the commands use when no --db is given",
    expects="the path of a store file",
    parse=_path,
)
SCHEDULER: Setting[str | None] = Setting(
    name="scheduler",
    env="STRIKES_SCHEDULER",
    default=None,
    help="the dask.distributed scheduler `ingest` and `extract` use when no --scheduler is given",
    expects="a scheduler address such as tcp://host:8786",
    parse=_address,
)
ALLOW_PRIVATE: Setting[bool] = Setting(
    name="allow_private",
    env="STRIKES_ALLOW_PRIVATE",
    default=False,
    help="fetch web addresses on private, loopback and link-local networks (the dashboard's "
    "equivalent of --allow-private)",
    expects="1, true, yes or on (0, false, no or off to refuse them)",
    parse=_flag,
)
MAX_FILE_MB: Setting[float] = Setting(
    name="max_file_mb",
    env="STRIKES_MAX_FILE_MB",
    default=50.0,
    help="the largest file, upload or zip entry the readers accept, in megabytes",
    expects="a number of megabytes greater than 0, such as 50 or 2.5",
    parse=_megabytes,
)
BROWSER_PATH: Setting[str | None] = Setting(
    name="browser_path",
    env="BROWSER_PATH",
    default=None,
    help="the Chromium that PNG and SVG export (and the browser tests) use; unset, the usual "
    "system names are searched",
    expects="the path of an executable file",
    parse=_executable,
)

#: The registry, in the README's order.
SETTINGS: tuple[Setting[Any], ...] = (STORE_PATH, SCHEDULER, ALLOW_PRIVATE, MAX_FILE_MB, BROWSER_PATH)


def problems(environ: Mapping[str, str] | None = None) -> list[str]:
    """One sentence for each setting whose variable holds a value it cannot use."""
    out = []
    for setting in SETTINGS:
        try:
            setting.read(environ)
        except SettingError as exc:
            out.append(str(exc))
    return out


def check(environ: Mapping[str, str] | None = None) -> None:
    """Raise :class:`SettingError` naming every bad variable; the command line and the
    dashboard call this once at start."""
    found = problems(environ)
    if found:
        raise SettingError("; ".join(found))


__all__ = [
    "ALLOW_PRIVATE",
    "BROWSER_PATH",
    "MAX_FILE_MB",
    "SCHEDULER",
    "SETTINGS",
    "STORE_PATH",
    "Setting",
    "SettingError",
    "check",
    "problems",
]
