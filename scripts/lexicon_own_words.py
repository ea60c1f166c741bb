"""Check that no lexicon example sentence shares 8 or more consecutive words with a shared text.

    .venv/bin/python scripts/lexicon_own_words.py [--shared DIR] [-n 8]

Reads every text under ``corpus``, ``eval`` (never the exam fold ``eval/real-dev-2/c``) and
``seed`` of the shared folder, and prints each example of data/lexicon/ that repeats ``n``
words in a row of one of them. Exit status 1 when any does.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from analytics import lexicon
from analytics.corpus_diff_run import default_shared


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text.lower().replace("’", "'"))


def examples() -> list[tuple[str, str]]:
    """(where, example) for every entry of every lexicon file."""
    out = [(f"rules.{s}", e.example) for s in lexicon.rules() for e in lexicon.entries(s)]
    out += [
        (f"rules.target_types.{k}", e.example)
        for k, v in lexicon.table_entries("target_types").items()
        for e in v
    ]
    out += [(f"sources.{c}", e.example) for c, v in lexicon.source_entries().items() for e in v]
    out += [("people", p.example) for p in lexicon.people()]
    out += [("weapons", r["example"]) for r in lexicon.weapon_rows()]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("-n", type=int, default=8)
    args = ap.parse_args(argv)
    n = args.n
    seen: set[tuple[str, ...]] = set()
    for path in sorted(args.shared.rglob("*")):
        if "real-dev-2/c" in path.as_posix() or not path.is_file():
            continue
        if path.suffix not in {".txt", ".html", ".md", ".json"}:
            continue
        w = _words(path.read_text(encoding="utf-8", errors="replace"))
        seen.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    bad = [
        (where, ex)
        for where, ex in examples()
        if any(tuple(w[i : i + n]) in seen for w in [_words(ex)] for i in range(len(w) - n + 1))
    ]
    for where, ex in bad:
        print(f"{where}: {ex}")
    print(f"# {len(bad)} of {len(examples())} examples repeat {n} words of a shared text")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
