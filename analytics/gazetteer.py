"""Offline gazetteer: find Ukrainian and Russian place names in English text and resolve them.

The data is read from ``data/gazetteer/`` (``places.tsv`` is derived by
``scripts/build_gazetteer.py`` from GeoNames; the rest is hand-edited), never fetched.

Matching works on runs of capitalised words: each run is split into tokens and looked up
n-gram by n-gram, longest first, in one dict. That keeps ``find`` at dictionary speed no
matter how many names are known, where one big alternation regex would not.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analytics import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteer"

# Russian regions on the border or the front: a namesake there beats one of equal size elsewhere.
WAR_REGIONS_RU = frozenset({"RU-BEL", "RU-KRS", "RU-BRY", "RU-VOR", "RU-ROS", "RU-KDA"})
# An alternate name (exonym, old spelling) needs this much more population to beat a place
# whose canonical name is the one written.
ALTERNATE_PENALTY = 0.1
# A place in a region named nearby wins, unless the best candidate is a big city this much
# larger (a village called "Kyiv" in Donetsk Oblast does not take over the capital).
CONTEXT_OVERRIDE_RATIO = 100
CONTEXT_OVERRIDE_MIN_POP = 100_000


def _in_list_of_regions(text: str, start: int, mentions: list[PlaceMention]) -> bool:
    """Whether a name at ``start`` goes on a list opened by "the regions of" whose names so far
    were all read as regions."""
    j = len(mentions) - 1
    while j >= 0 and mentions[j].explicit_region and _LIST_GAP.fullmatch(text, mentions[j].end, start):
        start = mentions[j].start
        of = _REGION_OF_BEFORE.search(text, max(0, start - 20), start)
        if of is not None:
            return bool(of.group("plural"))
        j -= 1
    return False


@dataclass(frozen=True)
class Place:
    name: str  # canonical English name ("Kharkiv", "Belgorod Oblast", "Ukraine")
    kind: str  # "settlement" | "region" | "country"
    country: str  # "UA" | "RU"
    region: str | None  # ISO 3166-2 code, e.g. "UA-63"; None for a country
    region_name: str  # English region name ("Kharkiv Oblast"), "" for a country
    lat: float
    lon: float
    population: int  # 0 where unknown (regions, countries, some curated places)
    geo_precision: int  # 1 settlement, 2 region, 3 country


@dataclass(frozen=True)
class PlaceMention:
    start: int  # character span in the text searched
    end: int
    text: str
    candidates: tuple[Place, ...]  # best first
    # The mention names a first-level region: a region phrase ("the Belgorod region", "Kharkiv
    # oblast", "Republic of Tatarstan") or a name that only denotes a region ("Crimea").
    explicit_region: bool


# A capitalised word: letters, inner hyphens and apostrophes ("Rostov-on-Don", "Kharkiv's"),
# not preceded by a letter or hyphen ("anti-Kyiv") and not running into digits ("Kh-101"), but
# for a name's numbered site ("the Engels-2 airfield": four letters or more, then one or two digits).
_TOKEN = re.compile(
    r"(?<![\w-])(?:St\.|[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*)(?:(?![\w]|-\d)|(?<=[^\W\d_]{4})(?=-\d{1,2}\b))"
)
_GAP = re.compile(r"[ \t\xa0]+")
_POSSESSIVE = ("'s", "’s")
_REGION_AFTER = re.compile(
    r"(?:['’]s)?[ \t\xa0]+(?:autonomous[ \t\xa0]+)?"
    r"(?:region(?:al(?=[ \t\xa0]+[A-Za-z]))?|oblast|province|krai|kray|territory|republic|okrug|peninsula)(s)?\b",
    re.IGNORECASE,
)
_REPUBLIC_BEFORE = re.compile(r"(?:Autonomous[ \t\xa0]+)?Republic[ \t\xa0]+of[ \t\xa0]+$")
# Last words of place names that news often writes in lower case.
_LOWERED_TAILS = ("Bridge",)


def _title_tail(m: re.Match[str]) -> str:
    """ "Crimean bridge" -> "Crimean Bridge": the last word title-cased, the length kept."""
    head, _, tail = m.group(0).rpartition(" ")
    return f"{head} {tail.title()}"


# "the border region of Belgorod", "the province of Kherson": the region named by its stem.
_REGION_OF_BEFORE = re.compile(
    r"\b(?:region|oblast|province)(?P<plural>s)?[ \t\xa0]+of[ \t\xa0]+$", re.IGNORECASE
)
_LIST_GAP = re.compile(r"\s*(?:,\s*and|,|and|&)\s*")


@dataclass(frozen=True)
class _Rule:
    holder: str
    start: datetime.date
    until: datetime.date | None  # exclusive: the day control changed back

    def active(self, on: datetime.date) -> bool:
        return self.start <= on and (self.until is None or on < self.until)


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value.strip() else None


class Gazetteer:
    """Look-ups over the gazetteer files; build one with :func:`load_gazetteer`."""

    def __init__(self, directory: Path = GAZETTEER_DIR) -> None:
        self._countries: dict[str, Place] = {}
        self._regions: dict[str, Place] = {}
        # key -> (candidates best first, region the key names before "region"/"oblast"...)
        self._index: dict[str, tuple[tuple[Place, ...], Place | None]] = {}
        self._load_places(directory / "places.tsv")
        self._load_stopnames(directory / "stopnames.txt")
        self._load_occupied(directory / "occupied.csv")
        self._load_within(directory / "regions.csv")

    # ---- loading -----------------------------------------------------------------------

    def _load_places(self, path: Path) -> None:
        region_names: dict[str, str] = {}
        rows = []
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            if header[:3] != ["kind", "id", "name"]:
                raise ValueError(f"{path}: unexpected header {header}")
            for line in f:
                rows.append(line.rstrip("\n").split("\t"))
        for kind, _id, name, region, *_ in rows:
            if kind == "region":
                region_names[region] = name

        scored: dict[str, list[tuple[int, float, int, Place]]] = defaultdict(list)
        stems: dict[str, Place] = {}
        for order, (kind, rid, name, region, lat, lon, pop, names, alternates, stem_list) in enumerate(rows):
            if kind == "country":
                place = Place(name, kind, rid, None, "", float(lat), float(lon), int(pop), 3)
                self._countries[rid] = place
            else:
                place = Place(
                    name,
                    kind,
                    region[:2],
                    region,
                    region_names[region],
                    float(lat),
                    float(lon),
                    int(pop),
                    2 if kind == "region" else 1,
                )
                if kind == "region":
                    self._regions[region] = place
            weight = self._weight(place)
            # Countries, then curated region names, then settlements by (weighted) size.
            tier = {"country": 2, "region": 1}.get(kind, 0)
            for key in names.split("|") if names else ():
                scored[key].append((tier, weight * max(place.population, 1), order, place))
            for key in alternates.split("|") if alternates else ():
                scored[key].append(
                    (tier, weight * max(place.population, 1) * ALTERNATE_PENALTY, order, place)
                )
            for key in stem_list.split("|") if stem_list else ():
                stems[key] = place

        for key in scored.keys() | stems.keys():
            entries = scored.get(key, [])
            top = max((e[0] for e in entries), default=0)
            # A country or curated region name is never also a village ("Crimea", "Ukraine").
            entries = sorted((e for e in entries if e[0] == top), key=lambda e: (-e[1], e[2]))
            cands = tuple(dict.fromkeys(e[3] for e in entries))
            self._index[key] = (cands, stems.get(key))
        self._max_words = max(key.count(" ") + 1 for key in self._index)
        # Names that end in a common noun news writes in lower case ("the Crimean bridge"):
        # matched with the noun in any case, then read as the name.
        tails = sorted(
            (k for k in self._index if " " in k and k.rsplit(" ", 1)[1] in _LOWERED_TAILS),
            key=len,
            reverse=True,
        )
        self._lowered = (
            re.compile(
                r"\b(?:"
                + "|".join(re.escape(k.rsplit(" ", 1)[0]) for k in tails)
                + r") (?:"
                + "|".join(_LOWERED_TAILS).lower()
                + r")\b"
            )
            if tails
            else None
        )

    @staticmethod
    def _weight(place: Place) -> float:
        if place.country == "UA":
            return 3.0
        if place.region in WAR_REGIONS_RU:
            return 2.0
        return 1.0 if place.lon < 60 else 0.5  # Siberia and the Far East: rarely meant

    def _load_stopnames(self, path: Path) -> None:
        # Entries ending in " *" are first names and titles: the capitalised words after them
        # are a person ("Vladimir Putin", "Governor Syniehubov"), the entry alone may be a place.
        self._person_words: set[str] = set()
        self._stops: dict[str, list[str]] = defaultdict(list)
        with open(path, encoding="utf-8") as f:
            for line in f:
                entry = line.split("#", 1)[0].strip()
                if not entry:
                    continue
                if entry.endswith(" *"):
                    self._person_words.add(entry[:-2].strip())
                else:
                    self._stops[entry.split()[0]].append(entry)
        for phrases in self._stops.values():
            phrases.sort(key=len, reverse=True)

    def _load_occupied(self, path: Path) -> None:
        self._place_rules: dict[tuple[str, str], list[_Rule]] = defaultdict(list)
        self._region_rules: dict[str, list[_Rule]] = defaultdict(list)
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                start = _date(row["from"])
                if start is None:
                    raise ValueError(f"{path}: rule without a start date: {row}")
                rule = _Rule(row["holder"], start, _date(row["until"]))
                if row["scope"] == "region":
                    self._region_rules[row["region"]].append(rule)
                else:
                    self._place_rules[(row["name"], row["region"])].append(rule)

    def _load_within(self, path: Path) -> None:
        # regions.csv "within": a region that lies inside another (Sevastopol in Crimea).
        # "around": the region around a city that is a region of its own (Moscow city in the
        # Moscow region): what lies near or outside the city lies there.
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        self._within = {r["code"]: r["within"] for r in rows if r.get("within")}
        self._around = {r["code"]: r["around"] for r in rows if r.get("around")}
        named = (*self._within, *self._within.values(), *self._around, *self._around.values())
        unknown = [c for c in named if c not in self._regions]
        if unknown:
            raise ValueError(f"{path}: within or around names unknown regions {unknown}")

    # ---- matching ----------------------------------------------------------------------

    def find(self, text: str) -> list[PlaceMention]:
        """Place mentions in ``text``: non-overlapping, longest match wins, in text order."""
        written = text
        if self._lowered is not None and self._lowered.search(text):
            # Same length: the spans found stay those of the text as written.
            text = self._lowered.sub(_title_tail, text)
        mentions: list[PlaceMention] = []
        stems: list[Place | None] = []  # parallel to mentions: the region a mention's key may name
        run: list[tuple[int, int, str]] = []
        prev_end = -1
        for m in _TOKEN.finditer(text):
            start, end = m.span()
            word = m.group()
            possessive = word.endswith(_POSSESSIVE)
            if possessive:
                word = word[:-2]
                end -= 2
            if run and not (start - prev_end >= 1 and _GAP.fullmatch(text, prev_end, start)):
                self._match_run(text, run, mentions, stems)
                run = []
            if "'" in word or "’" in word:
                word = word.replace("'", "").replace("’", "")
            elif len(word) > 3 and word.isupper():
                # Datelines and headlines ("KYIV, Ukraine (AP)"), but only for well-known places:
                # shouted words ("BOLSHEVIK") are also the alternate names of some village.
                entry = self._index.get(word.title())
                if (
                    entry
                    and entry[0]
                    and (entry[0][0].kind != "settlement" or entry[0][0].population >= 50_000)
                ):
                    word = word.title()
            run.append((start, end, word))
            prev_end = end
            if possessive:  # "Ukraine's Kharkiv": a possessive ends the name
                self._match_run(text, run, mentions, stems)
                run = []
        if run:
            self._match_run(text, run, mentions, stems)
        if written is not text:
            mentions = [dataclasses.replace(m, text=written[m.start : m.end]) for m in mentions]
        return mentions

    def _match_run(
        self,
        text: str,
        run: list[tuple[int, int, str]],
        mentions: list[PlaceMention],
        stems: list[Place | None],
    ) -> None:
        index = self._index
        n = len(run)
        i = 0
        skip_to = mentions[-1].end if mentions else 0
        while i < n:
            start, _, word = run[i]
            if start < skip_to:
                i += 1
                continue
            if word in self._person_words and i + 1 < n:
                return  # the rest of the run is a person's name
            entry = None
            for size in range(min(self._max_words, n - i), 0, -1):
                key = word if size == 1 else " ".join(t[2] for t in run[i : i + size])
                entry = index.get(key)
                if entry is not None:
                    break
            end = run[i + size - 1][1] if entry is not None else start
            phrases = self._stops.get(word)
            if phrases:
                # A stop phrase beats a place name it contains ("Kyiv Independent"), not a
                # longer one that contains it ("Nova Kakhovka" despite "Nova").
                stop_end = self._stop_end(text, start, phrases)
                if stop_end >= end:
                    skip_to = stop_end
                    i += 1
                    continue
            if entry is None:
                i += 1
                continue
            cands, stem = entry
            explicit = bool(cands) and cands[0].kind == "region"
            if stem is not None:
                after = _REGION_AFTER.match(text, end)
                if after:
                    end = after.end()
                    cands, explicit = (stem,), True
                    if after.group(1):  # "Kharkiv and Sumy regions": the names before too
                        self._plural(text, start, mentions, stems)
                before = _REPUBLIC_BEFORE.search(text, max(0, start - 40), start)
                if before and stem.kind == "region":
                    start = before.start()
                    cands, explicit = (stem,), True
                elif stem.kind == "region" and (_REGION_OF_BEFORE.search(text, max(0, start - 20), start)):
                    cands, explicit = (stem,), True
                elif stem.kind == "region" and _in_list_of_regions(text, start, mentions):
                    # "the regions of Sumy, Kharkiv, Kyiv and Odesa": every name of the list
                    cands, explicit = (stem,), True
            if cands:
                mentions.append(PlaceMention(start, end, text[start:end], cands, explicit))
                stems.append(stem)
                skip_to = end
            i += size

    @staticmethod
    def _stop_end(text: str, start: int, phrases: list[str]) -> int:
        """End of the stop phrase at ``start``, or 0."""
        for phrase in phrases:
            end = start + len(phrase)
            if text.startswith(phrase, start) and (end >= len(text) or not text[end].isalnum()):
                return end
        return 0

    @staticmethod
    def _plural(text: str, start: int, mentions: list[PlaceMention], stems: list[Place | None]) -> None:
        """Turn the mentions listed just before a plural region word into regions."""
        j = len(mentions) - 1
        while j >= 0:
            prev, stem = mentions[j], stems[j]
            if stem is None or not _LIST_GAP.fullmatch(text, prev.end, start):
                return
            mentions[j] = PlaceMention(prev.start, prev.end, prev.text, (stem,), True)
            start = prev.start
            j -= 1

    # ---- resolution --------------------------------------------------------------------

    def resolve(self, mention: PlaceMention, context_regions: Iterable[str] = ()) -> Place:
        """The most likely place of a mention.

        A candidate in one of ``context_regions`` (ISO 3166-2 codes named nearby; country
        codes "UA"/"RU" also work) comes first, unless the best candidate is a far bigger
        city; otherwise the order of ``candidates``: canonical name over alternate name, then
        population, with a preference for Ukraine and Russia's border regions.
        """
        cands = mention.candidates
        best = cands[0]
        if len(cands) == 1:
            return best
        # The regions named most recently come first: of two namesakes in regions spoken of,
        # the one of the region just named is meant.
        order: dict[str, int] = {}
        for i, code in enumerate(context_regions):
            order.setdefault(code, i)
        context = set(order)
        if not context:
            return best
        in_context = [c for c in cands if c.region in order]
        for pick in (
            min(in_context, key=lambda c: order[c.region or ""]) if in_context else None,
            next((c for c in cands if c.country in context), None),
        ):
            if pick is None:
                continue
            # A city called by its own name is not a town that once bore it ("Kremenchuk" is
            # not Yampil, whose old name it was), whatever region is spoken of.
            by_old_name = (
                pick.name != best.name
                and pick.population < best.population
                and best.name.lower() == mention.text.lower().rstrip("'’s")
            )
            if (
                best.population >= CONTEXT_OVERRIDE_MIN_POP
                and (best.population >= CONTEXT_OVERRIDE_RATIO * max(pick.population, 1) or by_old_name)
                and best.region not in context
                # Across the front line the context wins: a village of the region the text is
                # about is meant, not the namesake city in the other country.
                and best.country == pick.country
            ):
                return best
            return pick
        return best

    def within(self, code: str) -> str | None:
        """The region that contains region ``code`` (regions.csv "within"), if any: a target
        there also stands for the containing region ("Sevastopol, Crimea" is one strike)."""
        return self._within.get(code)

    def around(self, code: str) -> str | None:
        """The region around city-region ``code`` (regions.csv "around"), if any."""
        return self._around.get(code)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Candidates for an exact name ("Kharkiv", "Kharkiv Oblast"), best first; () if unknown."""
        entry = self._index.get(name)
        return entry[0] if entry else ()

    def region(self, code: str) -> Place:
        """The region Place for an ISO 3166-2 code ("UA-63"); KeyError if unknown."""
        return self._regions[code]

    def country(self, code: str) -> Place:
        """The country Place for "UA" or "RU"; KeyError otherwise."""
        return self._countries[code]

    def regions(self) -> list[Place]:
        """All first-level regions of Ukraine and Russia, by code."""
        return [self._regions[c] for c in sorted(self._regions)]

    def held_by(self, place: Place, on: datetime.date | None = None) -> str:
        """Who controlled ``place`` on ``on`` ("UA" or "RU"); ``None`` means now.

        Every Russian place is "RU"; Ukrainian places are "UA" unless occupied.csv has a rule
        for the place (by canonical name and region) or, failing that, its region.
        """
        if place.country != "UA" or place.region is None:
            return place.country
        day = on or datetime.date.max
        if place.kind == "settlement":
            for rule in self._place_rules.get((place.name, place.region), ()):
                if rule.active(day):
                    return rule.holder
        for rule in self._region_rules.get(place.region, ()):
            if rule.active(day):
                return rule.holder
        return "UA"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer from ``data/gazetteer``, loaded once per process."""
    return Gazetteer()
