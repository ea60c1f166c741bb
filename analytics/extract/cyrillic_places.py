"""Ukrainian and Russian names of places, for the gloss (analytics/extract/gloss.py).

Settlements come from ``data/gazetteer/cyrillic.tsv`` (derived by scripts/build_cyrillic.py,
keyed by lemmas); regions from the hand-edited ``data/gazetteer/regions_cyrillic.csv``. A match
gives the English name the English finders know, so the gloss of "у Харкові" is "in Kharkiv"
and of "Бєлгородської області" is "Belgorod region".
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Collection, Sequence
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
        "набережна", "набережная", "набережний", "набережный", "шосе", "шоссе", "узвіз", "спуск", "майдан", "море", "озеро",
        "річка", "река", "бухта", "затока", "залив", "парк", "сквер", "станція", "станция", "метро",
        "мікрорайон", "микрорайон", "квартал", "масив", "массив",
    }
)  # fmt: skip
#: The least population of a town a district (raion) is named after ("Петровский район" of a
#: city is no village Petrovske's).
RAION_TOWN_MIN_POP = 5_000
#: A settlement this small whose name is also a common word ("Нове", "Соборне") is the word;
#: so is any whose name opens a sentence.
COMMON_WORD_MIN_POP = 5_000


@dataclass(frozen=True)
class Candidate:
    """A place a Cyrillic name may stand for: its English name, its region, its population."""

    name: str
    region: str
    population: int


@dataclass(frozen=True)
class CyrillicNames:
    settlements: dict[str, tuple[Candidate, ...]]  # lemma key -> the places, most populous first
    adjectives: dict[str, Candidate]  # adjective lemma -> the region (English stem, code)
    nouns: dict[str, Candidate]  # noun lemma -> the region ("Kharkiv region", code)


@cache
def names() -> CyrillicNames:
    found: dict[str, list[Candidate]] = {}
    with open(GAZ_DIR / "cyrillic.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            found.setdefault(row["key"], []).append(
                Candidate(row["name"], row["region"], int(row["population"]))
            )
    settlements = {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in found.items()}
    adjectives: dict[str, Candidate] = {}
    nouns: dict[str, Candidate] = {}
    with open(GAZ_DIR / "regions_cyrillic.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            english, code = row["english"], row["code"]
            for adj in filter(None, row["adjectives"].split("|")):
                adjectives[adj] = Candidate(english, code, 0)
            named = english if english in _OWN_NAMES else f"{english} region"
            for noun in filter(None, row["nouns"].split("|")):
                nouns[noun] = Candidate(named, code, 0)
    return CyrillicNames(settlements, adjectives, nouns)


@dataclass(frozen=True)
class Match:
    """A place name found: what the gloss writes, how many tokens it takes, the region it is in
    ("" when it names no place: a street's name is left out)."""

    english: str
    size: int
    region: str = ""


def _pick(candidates: tuple[Candidate, ...], context: Collection[str]) -> Candidate:
    """The place of a name in a region the article has named already, else the most populous
    ("Любимовка" beside Sevastopol is Sevastopol's, not a namesake elsewhere)."""
    return next((c for c in candidates if c.region in context), candidates[0])


def match(tokens: Sequence[Word], i: int, lang: str, context: Collection[str] = ()) -> Match | None:
    """The place whose name opens at ``tokens[i]``; ``context``: the regions named before it."""
    n = names()
    first = tokens[i].lemmas(lang)
    before = tokens[i - 1] if i > 0 and tokens[i - 1].kind == "word" else None
    follows = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].kind == "word" else None
    if (before is not None and before.lemmas(lang) & STREET_NOUNS) or (
        follows is not None and follows.lemmas(lang) & STREET_NOUNS
    ):
        return Match("", 1)  # a street's or a sea's name: left out
    # "у Миколаївській громаді" of Sumy region: a hromada is a town's, never a whole region's
    noun = _list_noun(tokens, i, lang)  # the noun the word names a thing of ("район", "громада")
    hromada = "громада" in noun
    for lemma in sorted(first):
        if lemma in n.adjectives and not hromada:
            region = n.adjectives[lemma]
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
                return Match("", 1)  # "Київський район Харкова": a city's district, not the region
            # "у Київському районі" of an article about Odesa: a city's district named after
            # another region (Kyiv, Kharkiv, Crimea...), not that region
            district = "район" in noun
            if district and context and region.region not in context:
                return Match("", 1)
            if goes_with or not tokens[i].text[:1].isupper():
                return Match(region.name, 1, region.region)
            alone = region.name if region.name in _OWN_NAMES else f"{region.name} region"
            return Match(alone, 1, region.region)
        if lemma in n.nouns and tokens[i].text[:1].isupper():
            return Match(n.nouns[lemma].name, 1, n.nouns[lemma].region)
    # "Дружківська громада", "Покровський район": a hromada or district named after its town
    # is in the town's region (mid-sentence, where only a name is capitalised)
    # (one whose town is in no region the article has named is a city's district: "Петровский
    # район" of Donetsk is not the town Petrovske's; left out, as is one named after no town)
    # a sentence's first word is capitalised whatever it is ("Новые территории ...")
    opening = i == 0 or (tokens[i - 1].kind == "punct" and tokens[i - 1].text in '.!?…"«»“”:;—–-')
    if noun & {"громада", "район"} and not opening:
        # a district (raion) is named after a town; a hromada after any settlement
        least = RAION_TOWN_MIN_POP if "район" in noun else 0
        for lemma in sorted(first):
            found = tuple(c for c in n.settlements.get("adj:" + lemma, ()) if c.population >= least)
            if found:
                if context and not any(c.region in context for c in found):
                    return Match("", 1)
                c = _pick(found, context)
                return Match(c.name, 1, c.region)
        return Match("", 1)
    for size in range(_MAX_WORDS, 0, -1):
        words = tokens[i : i + size]
        if len(words) < size or any(w.kind != "word" or not w.text[:1].isupper() for w in words):
            continue
        for combo in itertools.product(*(sorted(w.lemmas(lang)) for w in words)):
            places = n.settlements.get(" ".join(combo), ())
            if places and (size > 1 or _named(words[0], places[0].population, opening, lang)):
                c = _pick(places, context)
                return Match(c.name, size, c.region)
    return None


def _list_noun(tokens: Sequence[Word], i: int, lang: str) -> frozenset[str]:
    """The lemmas of the noun that a capitalised adjective at ``i`` goes with, also at the end
    of a list of such ("Петровский, Киевский и Куйбышевский районы")."""
    j = i + 1
    while j < len(tokens):
        t = tokens[j]
        if t.kind == "punct" and t.text == ",":
            j += 1
        elif t.kind == "word" and (t.text[:1].isupper() or t.lemmas(lang) & CONJUNCTIONS):
            j += 1
        else:
            break
    return tokens[j].lemmas(lang) if j < len(tokens) and tokens[j].kind == "word" else frozenset()


def _named(word: Word, population: int, opening: bool, lang: str) -> bool:
    """Whether a one-word settlement's name is meant: a word the dictionary reads as something
    other than a noun ("Нове", "Новые", "Соборна") names a town only mid-sentence and only a town
    of some size; any word that opens a sentence names only a town of some size."""
    if word.common(lang):
        return population >= COMMON_WORD_MIN_POP and not opening
    return population >= COMMON_WORD_MIN_POP or not opening
