import dataclasses
import subprocess
import sys

from analytics.cli import build_parser
from analytics.cli_options import ExportOptions, ExtractOptions, IngestOptions, from_namespace
from tests.conftest import ROOT


def test_help_lists_subcommands():
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for name in ("extract", "evaluate", "ingest", "export"):
        assert name in out


def test_parser_reads_extract_options():
    args = build_parser().parse_args(["extract", "a.txt", "--published", "2024-01-04", "--format", "jsonl"])
    assert args.files == ["a.txt"]
    assert args.published.isoformat() == "2024-01-04"
    assert args.format == "jsonl"


def test_each_subcommand_gets_its_options_as_one_typed_dataclass():
    parser = build_parser()
    args = parser.parse_args(["extract", "a.txt", "--published", "2024-01-04", "--workers", "2"])
    options = from_namespace(args.options, args)
    assert isinstance(options, ExtractOptions)
    assert (options.files, options.published.isoformat(), options.format) == (
        ["a.txt"],
        "2024-01-04",
        "table",
    )
    assert (options.scheduler, options.workers) == (None, 2)
    args = parser.parse_args(["export", "--format", "csv", "--reports"])
    assert from_namespace(args.options, args) == ExportOptions(format="csv", kind="reports")
    args = parser.parse_args(["ingest", "x", "--allow-private"])
    assert from_namespace(args.options, args) == IngestOptions(paths=["x"], allow_private=True)


def test_every_option_of_the_parser_is_a_field_of_its_dataclass():
    # an option the dataclass lacks would be dropped on the way to the handler without a word
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    for name, p in sub.choices.items():
        dests = {a.dest for a in p._actions if a.dest != "help"}
        options = p.get_default("options")
        assert dests == {f.name for f in dataclasses.fields(options)}, name


def test_extract_jsonl_carries_date_precision(tmp_path):
    import json

    article = tmp_path / "a.txt"
    article.write_text("Russian drones struck Poltava on Tuesday, damaging a warehouse, the governor said.\n")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "extract",
            str(article),
            "--published",
            "2024-03-14",
            "--format",
            "jsonl",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (row,) = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert (row["date"], row["date_precision"], row["region"]) == ("2024-03-12", "day", "UA-53")
