import subprocess
import sys

from analytics.cli import build_parser
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
