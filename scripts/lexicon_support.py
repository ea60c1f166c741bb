"""How many texts of the tuning folders and the corpus each lexicon entry matches.

    .venv/bin/python scripts/lexicon_support.py [--max N] [--shared DIR]

Every entry of data/lexicon/ (rules.json lists and tables, sources.json cues, people.csv,
weapons.csv rows and their aliases) is compiled the way its finder reads it and searched in
the text of every article of ``corpus``, ``eval/real-dev``, ``eval/real-dev-2/a``,
``eval/real-dev-2/b`` and ``eval/dev`` (never the exam fold ``eval/real-dev-2/c``). One line per
entry: texts matched in all, then per folder. ``--max N`` prints only entries matching at most
N texts; the summary at the end counts entries with 0, 1 and more texts.

A match says a text holds the words, not that the entry changes a record: whether dropping an
entry matters is for ``python -m analytics diff`` to say.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from analytics import lexicon
from analytics.corpus_diff_run import default_shared, folder_jobs, is_exam_fold
from analytics.readers import read_path

FOLDERS = ("corpus", "eval/real-dev", "eval/real-dev-2/a", "eval/real-dev-2/b", "eval/dev")

#: How each rules.json list is searched by the code that reads it.
_CAPITALS = r"\b(?:Kyiv|Kiev|Moscow|Washington)(?:'s|’s)?\s*"


def _rule_regex(section: str, pattern: str) -> Callable[[str], bool]:
    if section == "background":
        rx = re.compile(pattern)
        return lambda text: bool(rx.search(text.lower()))
    if section == "reporting_verbs":  # read case-sensitively after a space (actors._SAY_VERB)
        rx = re.compile(r"\s" + pattern + r"\b")
    elif section == "metonymy_followers":  # after a capital standing for its government
        rx = re.compile(_CAPITALS + re.escape(pattern.strip()), re.IGNORECASE)
    elif section == "issuer_words":  # in an upper-cased heading part
        rx = re.compile(r"\b(?:" + pattern + r")\b")
        return lambda text: bool(rx.search(text.upper()))
    elif section == "rivers":
        rx = re.compile(r"\bthe\s+(?:" + pattern + r")\b|\b(?:" + pattern + r")\s+[Rr]iver\b")
    else:
        rx = re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
    return lambda text: bool(rx.search(text))


def entries() -> Iterator[tuple[str, str, Callable[[str], bool]]]:
    """(section, entry, test) for every entry of every lexicon file."""
    for section in lexicon.rules():
        for e in lexicon.entries(section):
            yield section, e.pattern, _rule_regex(section, e.pattern)
    for table in ("target_types",):
        for code, items in lexicon.table_entries(table).items():
            for e in items:
                word = e.pattern
                yield f"{table}.{code}", word, lambda text, w=word: w in text.lower()
    for cls, cues in lexicon.source_entries().items():
        for e in cues:
            rx = lexicon.cue_regex([e.pattern])
            yield f"sources.{cls}", e.pattern, lambda text, rx=rx: bool(rx.search(text))
    for person in lexicon.people():
        rx = lexicon.cue_regex(person.cues())
        label = f"{' / '.join(person.names)} {' / '.join(person.surnames)}"
        yield f"people.{person.side}", label, lambda text, rx=rx: bool(rx.search(text))
    for row in lexicon.weapon_rows():
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        name = row["canonical"] or f"generic {row['category']}"
        rx = lexicon.phrase_regex(aliases)
        yield "weapons", name, lambda text, rx=rx: bool(rx.search(text))
        for alias in aliases:
            rx = lexicon.phrase_regex([alias])
            yield f"weapons.{name}", alias, lambda text, rx=rx: bool(rx.search(text))


def texts(shared: Path) -> dict[str, list[str]]:
    """The article texts of each folder (read as the extractor reads them)."""
    out: dict[str, list[str]] = {}
    for rel in FOLDERS:
        folder = shared / rel
        if is_exam_fold(folder):
            raise SystemExit("the exam fold is never read")
        out[rel] = [a.text for job in folder_jobs(folder, rel) for a in read_path(str(job.path))]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max", type=int, default=None, help="only entries matching at most N texts")
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--section", default="", help="only sections starting with this")
    args = ap.parse_args(argv)
    corpus = texts(args.shared)
    print("section\tentry\ttotal\t" + "\t".join(FOLDERS))
    tally = {"0": 0, "1": 0, "2+": 0}
    for section, entry, test in entries():
        if not section.startswith(args.section):
            continue
        counts = [sum(1 for t in corpus[rel] if test(t)) for rel in FOLDERS]
        total = sum(counts)
        if not section.startswith("weapons."):  # an alias is part of its row's entry
            tally["0" if total == 0 else "1" if total == 1 else "2+"] += 1
        if args.max is None or total <= args.max:
            print(f"{section}\t{entry}\t{total}\t" + "\t".join(map(str, counts)))
    print(f"# entries matching 0 texts: {tally['0']}, 1 text: {tally['1']}, 2 or more: {tally['2+']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
