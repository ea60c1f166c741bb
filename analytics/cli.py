"""The command line: ``python -m analytics SUBCOMMAND``.

Each subcommand is a thin wrapper over the same functions the dashboard calls. Modules are
imported inside the handlers so ``--help`` stays fast and a missing optional piece only
affects its own subcommand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from analytics.cli_options import (
    DiffOptions,
    EvaluateOptions,
    ExportOptions,
    ExtractOptions,
    IngestOptions,
    StoreOptions,
    WatchOptions,
    from_namespace,
)

if TYPE_CHECKING:
    from analytics.store import Store

logger = logging.getLogger(__name__)
ALLOW_PRIVATE_HELP = (
    "also fetch pages whose host is a private, loopback or link-local address (refused by default)"
)


Opts = TypeVar("Opts")

#: Publication dates a user may give: news of this tool's kind, with room on both sides.
_YEARS = range(1900, 2101)


def _date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc
    if day.year not in _YEARS:
        raise argparse.ArgumentTypeError(
            f"{value} is outside the years {_YEARS.start}-{_YEARS.stop - 1} a publication date can have"
        )
    return day


def _db(value: str) -> str:
    """A store file's path (SQLite's ``:memory:`` and ``file:`` names would keep nothing)."""
    if not value.strip() or value.strip() == ":memory:" or value.startswith("file:"):
        raise argparse.ArgumentTypeError(f"--db takes the path of a store file, not {value!r}")
    return value


def _split_every(value: str) -> int:
    try:
        every = int(value)
    except ValueError:
        every = 0
    if every < 2:
        raise argparse.ArgumentTypeError(f"--split needs a whole number >= 2: {value!r}")
    return every


def _run_extract(args: ExtractOptions) -> int:
    from analytics.extract.cli import run_extract

    return run_extract(args)


def _run_evaluate(args: EvaluateOptions) -> int:
    from analytics.evaluate_report import run_evaluate

    return run_evaluate(args)


def _run_diff(args: DiffOptions) -> int:
    from analytics.corpus_diff_run import run_diff

    return run_diff(args)


def _run_ingest(args: IngestOptions) -> int:
    from analytics.web.fetch import is_url

    if any(is_url(p) for p in args.paths):
        from analytics.web.commands import run_ingest as run_web_ingest

        return run_web_ingest(args, after=warm_dashboard)
    from analytics.ingest import run_ingest

    return run_ingest(args, after=warm_dashboard)


def _run_watch(args: WatchOptions) -> int:
    from analytics.web.commands import run_watch

    return run_watch(args, after=warm_dashboard)


def _every(value: str) -> int:
    from analytics.web.commands import every_seconds

    return every_seconds(value)


def _run_export(args: ExportOptions) -> int:
    from analytics.export import run_export

    return run_export(args)


def _run_reextract(args: StoreOptions) -> int:
    from analytics.ingest import run_reextract

    return run_reextract(args, after=warm_dashboard)


# here, not in analytics.ingest: ingest knows the store, the command line knows the dashboard
def warm_dashboard(store: Store) -> None:
    """Write the dashboard's frame snapshot now, so the page's first render after a command-line
    ingest reads it instead of the whole store. Never fails the command: the page reads the store
    itself when there is no snapshot."""
    try:
        from analytics.store import snapshot
        from analytics.views import FRAME_COLUMNS

        snapshot.events_frame(store, FRAME_COLUMNS, False)
        snapshot.wait_for_writes(timeout=60)
    except Exception as exc:  # noqa: BLE001 - an optimisation only
        logger.info("dashboard snapshot not written: %s", exc)


def run_check(args: StoreOptions) -> int:
    """``python -m analytics check [--db FILE]``: print problems and counts; exit 1 on problems."""
    from pathlib import Path

    from analytics.store import Store, StoreError, default_db_path

    path = Path(args.db).expanduser() if args.db else default_db_path()
    if not path.exists():
        print(f"no store at {path}", file=sys.stderr)
        return 2
    if path.stat().st_size == 0:
        print(f"problem: {path} is not a store: it is empty")
        return 1
    try:
        store = Store(path, read_only=True)  # a check never changes the file
    except StoreError as exc:
        print(f"problem: {exc}")
        return 1
    with store:
        problems = store.check()
        try:
            counts = store.counts()
        except sqlite3.DatabaseError as exc:
            problems.append(f"database error: {exc}")
            counts = {}
    print(f"store: {path}")
    for name, n in counts.items():
        print(f"{name}: {n}")
    for p in problems:
        print(f"problem: {p}")
    print("ok" if not problems else f"{len(problems)} problem{'s' if len(problems) > 1 else ''}")
    return 1 if problems else 0


def _io_message(exc: BaseException) -> str:
    """An I/O error in words: "cannot write /x/y.csv: No space left on device"."""
    if isinstance(exc, OSError) and exc.strerror:
        if exc.filename:
            return f"cannot use {exc.filename}: {exc.strerror}"
        return f"cannot write the output: {exc.strerror}"  # standard output: a full disk, a closed pipe
    return str(exc)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Extract long-range strikes from news articles, store, merge and export them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, help_: str, handler: Callable[[Opts], int], options: type[Opts]
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler, options=options)  # main builds ``options`` from the rest
        return p

    p = add("extract", "print the strike reports of article files", _run_extract, ExtractOptions)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--published", type=_date, help="anchor date for files that carry none (YYYY-MM-DD)")
    p.add_argument("--format", choices=["jsonl", "csv", "table"], default="table")
    p.add_argument("--scheduler", help="address of a dask.distributed scheduler (or STRIKES_SCHEDULER)")
    p.add_argument("--workers", type=int, help="local worker processes when no scheduler is given")

    p = add("evaluate", "score the extractor against folders of gold files", _run_evaluate, EvaluateOptions)
    p.add_argument("gold_dirs", nargs="+", metavar="GOLD_DIR", help="folders of ARTICLE.gold.json files")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument(
        "--per-article",
        action="store_true",
        help="also print each article's figures, the gold records it missed, the extra records "
        "with their sentences and the wrong fields of matched records",
    )
    p.add_argument(
        "--split",
        type=_split_every,
        metavar="N",
        help="hold out every Nth article and print tuning, held-out and all: the files at rows "
        "N, 2N... of a folder's INDEX.tsv (files it does not list are tuning); a folder without "
        "INDEX.tsv is split by every Nth of its sorted article names",
    )
    p.add_argument(
        "--show-held-out",
        action="store_true",
        help="with --split --per-article, also show the held-out articles' detail (it is hidden "
        "by default: the held-out half is for measuring only)",
    )

    p = add(
        "diff",
        "list what the working tree's extractor changes against a git ref, on the shared corpus "
        "and eval folders (never the exam fold eval/real-dev-2/c)",
        _run_diff,
        DiffOptions,
    )
    p.add_argument("ref", metavar="REF", help="a git ref or commit to compare against (e.g. HEAD, main~3)")
    p.add_argument("--shared", metavar="DIR", help="the shared data folder (default: <repo>/../shared)")
    p.add_argument(
        "--folder",
        action="append",
        metavar="DIR",
        help="diff only this folder's articles (repeatable): files with a gold file and every .txt",
    )
    p.add_argument("--json", action="store_true", help="print the differences as JSON")
    p.add_argument(
        "--cache", metavar="DIR", help="where REF's records are cached (default: <repo>/.cache/diff)"
    )
    p.add_argument(
        "--no-cache", action="store_true", help="extract REF again, without reading or writing the cache"
    )

    p = add(
        "ingest", "read, extract and store article files, folders or web pages", _run_ingest, IngestOptions
    )
    p.add_argument("paths", nargs="+", metavar="PATH_OR_URL", help="files, folders, or http(s) addresses")
    p.add_argument("--db", type=_db, help="store file (default: $STRIKES_DB or data/strikes.db)")
    p.add_argument("--published", type=_date, help="publication date for files that carry none")
    p.add_argument("--outlet", help="outlet name for files that carry none")
    p.add_argument("--scheduler", help="address of a dask.distributed scheduler (or STRIKES_SCHEDULER)")
    p.add_argument("--workers", type=int, help="local worker processes when no scheduler is given")
    p.add_argument("--allow-private", action="store_true", help=ALLOW_PRIVATE_HELP)

    p = add("watch", "follow RSS or Atom feeds: store the items not seen before", _run_watch, WatchOptions)
    p.add_argument("feeds", nargs="+", metavar="FEED_URL")
    p.add_argument("--db", type=_db, help="store file (default: $STRIKES_DB or data/strikes.db)")
    p.add_argument("--every", type=_every, default=15 * 60, help="how often to read the feeds (default 15m)")
    p.add_argument("--once", action="store_true", help="read the feeds once and exit")
    p.add_argument("--allow-private", action="store_true", help=ALLOW_PRIVATE_HELP)

    p = add("export", "write the stored events or reports", _run_export, ExportOptions)
    p.add_argument("--db", type=_db, help="store file (default: $STRIKES_DB or data/strikes.db)")
    p.add_argument("--format", choices=["csv", "jsonl", "xlsx", "acled"], required=True)
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--events", dest="kind", action="store_const", const="events")
    kind.add_argument("--reports", dest="kind", action="store_const", const="reports")
    p.set_defaults(kind="events")
    p.add_argument("--out", help="output file (default: standard output)")

    p = add("reextract", "run the current extractor over the stored articles", _run_reextract, StoreOptions)
    p.add_argument("--db", type=_db, help="store file (default: $STRIKES_DB or data/strikes.db)")

    p = add("check", "verify a store's integrity and print its counts", run_check, StoreOptions)
    p.add_argument("--db", type=_db, help="store file (default: $STRIKES_DB or data/strikes.db)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    parsed = vars(args)
    handler: Callable[[Any], int] | None = parsed.pop("handler", None)  # no subcommand: none
    if handler is None:
        parser.print_help()
        return 2
    options = from_namespace(parsed.pop("options"), args)  # once, typed, for the handler
    from analytics import settings
    from analytics.store import StoreError

    try:
        settings.check()  # once, before any handler reads one: a bad value is one line, not a traceback
    except settings.SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return int(handler(options) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except StoreError as exc:  # a damaged, read-only or missing store, met mid-command
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as exc:  # disk full, a folder that cannot be written, ...
        print(f"error: {_io_message(exc)}", file=sys.stderr)
        return 1
