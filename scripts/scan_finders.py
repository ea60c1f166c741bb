"""Sentences a finder reads nothing in, though they hold what it looks for.

    .venv/bin/python scripts/scan_finders.py KIND [--shared DIR] [--folder DIR ...]

KIND is one of ``tolls`` (a toll word near a number: find_casualties), ``munitions`` (a number
before a munition word: find_munitions) or ``speakers`` (a reporting verb in a sentence about an
attack: find_sources). Every sentence of the corpus and the tuning folders (``corpus``,
``eval/real-dev``, ``eval/real-dev-2/a``, ``eval/real-dev-2/b``; never the exam fold), and of
each ``--folder`` given, that holds the cue and in which the finder reads nothing is printed with
its folder, once per distinct sentence; the count closes the list.

Most lines are right to be empty (a war's total since 2022, a headline's strike count): the list
is for reading, to find a form several texts share that a finder misses. Whether a fix of one
changes a record is for ``python -m analytics diff`` to say.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from analytics.corpus_diff_run import default_shared, folder_jobs, is_exam_fold
from analytics.extract.actors import find_sources
from analytics.extract.casualties import find_casualties
from analytics.extract.numbers import find_munitions
from analytics.readers import read_path

FOLDERS = ("corpus", "eval/real-dev", "eval/real-dev-2/a", "eval/real-dev-2/b")
#: Sentences longer than this are a page's run-on text, not one sentence.
MAX_SENTENCE = 300

_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?)"
)
_ATTACK = re.compile(
    r"\b(?:drones?|missiles?|strikes?|struck|attack\w*|shell\w*|killed|injured|wounded|explosions?|"
    r"shot down|intercept\w*)\b",
    re.IGNORECASE,
)
#: KIND -> (the cue a sentence must hold, the finder that should read something in it)
KINDS: dict[str, tuple[re.Pattern[str], Callable[[str], list[object]]]] = {
    "tolls": (
        re.compile(
            rf"\b{_NUMBER}\b[^.;:]{{0,50}}\b(?:killed|dead|died|injured|wounded|hurt|injuries)\b|"
            rf"\b(?:killed|killing|injuring|wounding|injured|wounded|kills|injures)\s+(?:at least\s+)?{_NUMBER}\b",
            re.IGNORECASE,
        ),
        find_casualties,
    ),
    "munitions": (
        re.compile(
            rf"\b{_NUMBER}\b[^.;:]{{0,40}}\b(?:drones?|missiles?|UAVs?|rockets?|shaheds?)\b", re.IGNORECASE
        ),
        find_munitions,
    ),
    "speakers": (
        re.compile(
            r"\b(?:said|says|reported|reports|according to|wrote|stated|announced|claimed|told)\b", re.I
        ),
        find_sources,
    ),
}


def sentences(text: str) -> Iterator[str]:
    """The text's sentences, roughly (a full stop, ! or ? and a space; a line break)."""
    for s in re.split(r"(?<=[.!?])\s+|\n+", text):
        s = s.strip()
        if s and len(s) <= MAX_SENTENCE:
            yield s


def unread(kind: str, texts: Iterable[str]) -> Iterator[str]:
    """Each distinct sentence of ``texts`` that holds ``kind``'s cue and where its finder reads
    nothing (for ``speakers``, only sentences about an attack)."""
    cue, finder = KINDS[kind]
    seen: set[str] = set()
    for text in texts:
        for s in sentences(text):
            if s in seen or not cue.search(s) or (kind == "speakers" and not _ATTACK.search(s)):
                continue
            seen.add(s)
            if not finder(s):
                yield s


def folder_texts(folder: Path, label: str) -> list[str]:
    """The article texts of a folder, read as the extractor reads them."""
    if is_exam_fold(folder):
        raise SystemExit("the exam fold is never read")
    return [a.text for job in folder_jobs(folder, label) for a in read_path(str(job.path))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=sorted(KINDS))
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--folder", type=Path, action="append", default=[], help="another folder to scan")
    args = ap.parse_args(argv)
    folders = [(args.shared / rel, rel) for rel in FOLDERS] + [(f, f.as_posix()) for f in args.folder]
    total = 0
    for folder, label in folders:
        for s in unread(args.kind, folder_texts(folder, label)):
            print(f"{label}\t{s}")
            total += 1
    print(f"# {total} sentences with a {args.kind} cue and nothing read")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
