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
