"""The command line's options, one typed dataclass per subcommand, built once from argparse.

``analytics.cli`` parses the arguments and builds the subcommand's options with
:func:`from_namespace`; each handler takes its dataclass, so a misspelt option is a type
error rather than a ``getattr`` default, and a test calls a handler with plain values.
Nothing here imports the rest of ``analytics``: every handler's module may import it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any, Literal, TypeVar

Kind = Literal["events", "reports"]


@dataclasses.dataclass(frozen=True)
class StoreOptions:
    """``reextract`` and ``check``: the store file (None: $STRIKES_DB or data/strikes.db)."""

    db: str | None = None


@dataclasses.dataclass(frozen=True)
class ScaleOut:
    """Where extraction runs: a dask.distributed scheduler's address, or local worker processes."""

    scheduler: str | None = None
    workers: int | None = None


@dataclasses.dataclass(frozen=True)
class ExtractOptions(ScaleOut):
    """``extract FILE...``: print the strike reports of article files."""

    files: list[str] = dataclasses.field(default_factory=list)
    published: dt.date | None = None
    format: Literal["jsonl", "csv", "table"] = "table"


@dataclasses.dataclass(frozen=True)
class EvaluateOptions:
    """``evaluate GOLD_DIR...``: score the extractor against folders of gold files."""

    gold_dirs: list[str] = dataclasses.field(default_factory=list)
    json: bool = False
    per_article: bool = False
    split: int | None = None
    show_held_out: bool = False


@dataclasses.dataclass(frozen=True)
class DiffOptions:
    """``diff REF``: what the working tree's extractor changes against a git ref."""

    ref: str = "HEAD"
    shared: str | None = None
    folder: list[str] | None = None
    json: bool = False
    cache: str | None = None
    no_cache: bool = False


@dataclasses.dataclass(frozen=True)
class IngestOptions(ScaleOut):
    """``ingest PATH_OR_URL...``: read, extract and store files, folders or web pages."""

    paths: list[str] = dataclasses.field(default_factory=list)
    db: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    allow_private: bool = False


@dataclasses.dataclass(frozen=True)
class WatchOptions:
    """``watch FEED_URL...``: follow RSS or Atom feeds."""

    feeds: list[str] = dataclasses.field(default_factory=list)
    db: str | None = None
    every: int = 15 * 60
    once: bool = False
    allow_private: bool = False


@dataclasses.dataclass(frozen=True)
class ExportOptions:
    """``export --format F``: write the stored events or reports."""

    format: Literal["csv", "jsonl", "xlsx", "acled"] = "csv"
    db: str | None = None
    kind: Kind = "events"
    out: str | None = None


Options = TypeVar("Options")


def from_namespace(cls: type[Options], args: argparse.Namespace) -> Options:
    """``cls`` from the parsed arguments: each of its fields from the option of that name
    (argparse sets every option its subparser defines, so none falls back to a default unless
    the parser lacks it)."""
    given = vars(args)
    values: dict[str, Any] = {
        f.name: given[f.name]
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]  # cls is one of the dataclasses above
        if f.name in given
    }
    return cls(**values)
