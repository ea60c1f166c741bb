"""Ukrainian and Russian names of places, for the gloss (analytics/extract/gloss.py).

Settlements come from ``data/gazetteer/cyrillic.tsv`` (derived by scripts/build_cyrillic.py,
keyed by lemmas); regions from the hand-edited ``data/gazetteer/regions_cyrillic.csv``. A match
gives the English name the English finders know, so the gloss of "у Харкові" is "in Kharkiv"
and of "Бєлгородської області" is "Belgorod region".
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from analytics import DATA_DIR

GAZ_DIR = DATA_DIR / "gazetteer"
#: Words that join names in a list: a region's adjective before one stands alone.
CONJUNCTIONS = frozenset({"та", "і", "й", "и", "або", "чи", "или", "а"})
#: Regions whose English name is written without "region" after it.
_OWN_NAMES = frozenset(
    {
        "Crimea",
        "Tatarstan",
        "Bashkortostan",
        "Chuvashia",
        "Dagestan",
        "Chechnya",
        "Udmurtia",
        "Komi",
        "Khanty-Mansi",
    }
)
_MAX_WORDS = 3


class Word(Protocol):
    text: str
    kind: str

    def lemmas(self, lang: str) -> frozenset[str]: ...

    def common(self, lang: str) -> bool:
        """Whether the dictionary knows the word as a common word, not a name."""
        ...


#: Nouns of streets, squares and waters: a capitalised word beside one names a street or a
#: sea ("вулиця Шевченка", "Соборна площа", "Чорне море"), not a town.
STREET_NOUNS = frozenset(
    {
        "вулиця", "улица", "площа", "площадь", "бульвар", "проспект", "провулок", "переулок",
        "набережна", "набережная", "шосе", "шоссе", "узвіз", "спуск", "майдан", "море", "озеро",
        "річка", "река", "бухта", "затока", "залив", "парк", "сквер", "станція", "станция", "метро",
    }
)  # fmt: skip
#: A settlement this small whose name is also a common word ("Нове", "Соборне") is the word.
COMMON_WORD_MIN_POP = 5_000


@dataclass(frozen=True)
class CyrillicNames:
    settlements: dict[str, tuple[str, int]]  # lemma key -> (English name, population)
    adjectives: dict[str, str]  # adjective lemma -> English name of the region
    nouns: dict[str, str]  # noun lemma -> English name of the region, "region" included


@cache
def names() -> CyrillicNames:
    settlements: dict[str, tuple[str, int]] = {}
    with open(GAZ_DIR / "cyrillic.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            pop = int(row["population"])
            if row["key"] not in settlements or settlements[row["key"]][1] < pop:
                settlements[row["key"]] = (row["name"], pop)
    adjectives: dict[str, str] = {}
    nouns: dict[str, str] = {}
    with open(GAZ_DIR / "regions_cyrillic.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            english = row["english"]
            for adj in filter(None, row["adjectives"].split("|")):
                adjectives[adj] = english
            named = english if english in _OWN_NAMES else f"{english} region"
            for noun in filter(None, row["nouns"].split("|")):
                nouns[noun] = named
    return CyrillicNames(settlements, adjectives, nouns)


def match(tokens: Sequence[Word], i: int, lang: str) -> tuple[str, int] | None:
    """The English name of the place whose name opens at ``tokens[i]``, and how many tokens it
    takes; ``None`` when none does."""
    n = names()
    first = tokens[i].lemmas(lang)
    before = tokens[i - 1] if i > 0 and tokens[i - 1].kind == "word" else None
    follows = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].kind == "word" else None
    if (before is not None and before.lemmas(lang) & STREET_NOUNS) or (
        follows is not None and follows.lemmas(lang) & STREET_NOUNS
    ):
        return "", 1  # a street's or a sea's name: left out
    for lemma in sorted(first):
        if lemma in n.adjectives:
            english = n.adjectives[lemma]
            # "Харківська область", "Харківської ОВА": the adjective names the region of the word
            # it goes with; alone, capitalised ("у Київській, Сумській та ..."), it is the region
            goes_with = follows is not None and not follows.lemmas(lang) & CONJUNCTIONS
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            if (
                follows is not None
                and goes_with
                and "район" in follows.lemmas(lang)
                and after is not None
                and after.text[:1].isupper()
            ):
                return "", 1  # "Київський район Харкова": a city's district, not the region
            if goes_with or not tokens[i].text[:1].isupper():
                return english, 1
            return (english if english in _OWN_NAMES else f"{english} region"), 1
        if lemma in n.nouns and tokens[i].text[:1].isupper():
            return n.nouns[lemma], 1
    # "Дружківська громада", "Покровський район": a hromada or district named after its town
    # is in the town's region (mid-sentence, where only a name is capitalised)
    if follows is not None and follows.lemmas(lang) & {"громада", "район"} and before is not None:
        for lemma in sorted(first):
            hit = n.settlements.get("adj:" + lemma)
            if hit is not None:
                return hit[0], 1
    for size in range(_MAX_WORDS, 0, -1):
        words = tokens[i : i + size]
        if len(words) < size or any(w.kind != "word" or not w.text[:1].isupper() for w in words):
            continue
        for combo in itertools.product(*(sorted(w.lemmas(lang)) for w in words)):
            hit = n.settlements.get(" ".join(combo))
            if hit is not None and (size > 1 or hit[1] >= COMMON_WORD_MIN_POP or not words[0].common(lang)):
                return hit[0], size
    return None
