"""Villages: names the gazetteer knows elsewhere or not at all, read as places of the region
the text speaks of (a regional report names its own villages without saying so)."""

from __future__ import annotations

import dataclasses
import functools
import re

from analytics import lexicon
from analytics.gazetteer import Place, PlaceMention, load_gazetteer

COMMUNITY_AFTER = re.compile(r"\s+(?:territorial\s+)?(?:community|hromada|communities)\b", re.IGNORECASE)
#: "Pokrovska and Mezhivska communities": a name listed before the word "communities".
COMMUNITY_LISTED = re.compile(
    r"(?:\s*(?:,|\band\b)\s*(?-i:[A-Z])[\w'’-]+)+\s+(?:territorial\s+)?(?:communities|hromadas)\b",
    re.IGNORECASE,
)


def unknown_village(mention: PlaceMention, region: str) -> Place:
    """A village of ``region`` the gazetteer does not know, by the name the text gives it: the
    region's entry (its centre, its precision) under that name."""
    home = load_gazetteer().region(region)
    return dataclasses.replace(
        home, name=mention.text, kind="settlement", population=0, geo_precision=home.geo_precision
    )


#: A settlement this large is a city whose name is rarely in doubt.
CITY_POPULATION = 100_000
# "the villages of A, B and C", "the settlement of D": named as a village of the region spoken of.
_VILLAGE_CUE = re.compile(
    r"\b(?:villages?|settlements?|hamlets?|farmsteads?|khutors?|urban-type settlements?)\s+of\s+"
    # "strikes on villages and towns, including A, B and C", "dozens of communities, including"
    r"|\b(?:villages|settlements|communities|hromadas|towns)(?:\s+and\s+(?:villages|towns|settlements))?,?\s+"
    r"(?:including|such as|among them)\s+",
    re.IGNORECASE,
)
# What may stand between the cue and a name of its list: other names, commas, "and", "as well as",
# further cues ("the villages of A and the hamlet of B").
_VILLAGE_LIST = re.compile(
    r"(?:[A-Z][\w'’-]*|,|\band\b|\bas well as\b|\bthe\b|\bof\b|\bvillages?\b|\bsettlements?\b|\bhamlets?\b|"
    r"\bfarmsteads?\b|\bkhutors?\b|\s)*"
)


def local_village(text: str, mention: PlaceMention, place: Place, context: list[str]) -> Place:
    """A village named in a list of the region the text speaks of, which the gazetteer knows only
    elsewhere (a border governor's "villages of A, B and C" are not the far cities that share
    their names): the place of the region in context, its name as written."""
    region = next((r for r in context if "-" in r), None)
    if region is None:
        return place
    window = text[max(0, mention.start - 400) : mention.start]
    cues = list(_VILLAGE_CUE.finditer(window))
    if not cues or not _VILLAGE_LIST.fullmatch(window[cues[-1].end() :]):
        return place
    # A list of several villages (a governor's round-up); one village named alone, or with its
    # country ("the Russian hamlet of X"), keeps what the gazetteer knows of it.
    first = next(c for c in cues if _VILLAGE_LIST.fullmatch(window[c.end() :]))
    if not re.search(r",|\band\b", window[first.end() :] + text[mention.end : mention.end + 6]):
        return place
    if re.search(r"\b(?:Russian|Ukrainian)\s+$", window[: first.start()]):
        return place
    return unknown_village(mention, region)


# A name shared by villages of this many regions or more says nothing of where it lies (a
# town's name does: a bigger place is meant by it).
_COMMON_NAME_REGIONS = 3
VILLAGE_POPULATION = 20_000


def hromada_of(text: str, mention: PlaceMention, place: Place, context: list[str]) -> Place:
    """ "in the Krasnopil community": a regional head's round-up names the hromadas of the
    region spoken of, whatever far village shares the name; a hromada is Ukraine's unit, never
    a namesake in Russia ("Pokrovska and Mezhivska communities")."""
    community = COMMUNITY_AFTER.match(text, mention.end) or COMMUNITY_LISTED.match(text, mention.end)
    if place.kind != "settlement" or not community:
        return place
    if place.country == "UA" and (place.region in context or place.population >= VILLAGE_POPULATION):
        return place
    home = next((r for r in context if r.startswith("UA-")), None)
    return unknown_village(mention, home) if home is not None else place


def common_village(mention: PlaceMention, place: Place, context: list[str]) -> Place:
    """A village name many regions share ("Mykolaivka", "Ivanivka"), none of them the region the
    text speaks of: a report names the villages of its own region without saying so, so it is a
    village of that region the gazetteer does not know, not the biggest namesake far away."""
    region = next((r for r in context if "-" in r), None)
    if region is None or place.population >= VILLAGE_POPULATION:
        return place
    regions = {c.region for c in mention.candidates if c.kind == "settlement"}
    if len(regions) < _COMMON_NAME_REGIONS or region[:2] != place.country:
        return place
    return unknown_village(mention, region)


_CALLED_VILLAGE = re.compile(r"\b(?:village|hamlet|settlement)\s+(?:of\s+)?$", re.IGNORECASE)


def village_of_the_sentence_s_region(
    mention: PlaceMention, place: Place, named: list[str], text: str
) -> Place:
    """ "In the Belgorod region, a drone hit a car near the village of X": a village of a
    sentence that names one region is that region's, whatever region was spoken of before and
    wherever else the gazetteer knows the name (a town of that name elsewhere too, when the
    text calls it a village)."""
    regions = set(named)
    called = bool(_CALLED_VILLAGE.search(text, max(0, mention.start - 20), mention.start))
    if (
        place.kind != "settlement"
        or (place.population >= VILLAGE_POPULATION and not called)
        or len(regions) != 1
    ):
        return place
    (region,) = regions
    if place.region == region or region[:2] != place.country:
        return place
    same = [c for c in mention.candidates if c.region == region]
    if same:
        return same[0]
    return unknown_village(mention, region)


# What may stand between a place and the region the text puts it in: "Marinovka airfield in
# the Volgograd region", "Kamianka, Kharkiv region", "the village of X (Y region)".
_PUT_IN_GAP = r"(?:\s+(?!in\b)[\w'’-]+){0,2}?(?:\s+in\s+(?:the\s+)?|\s*,\s*(?:the\s+)?|\s*\(\s*(?:the\s+)?)"
_PUT_IN = re.compile(rf"^{_PUT_IN_GAP}$", re.IGNORECASE)
# The same gap right after a name, then a capital: what a city's name needs before it is read
# as put in a region (a cheap test: most cities are named alone).
_PUT_IN_AHEAD = re.compile(rf"{_PUT_IN_GAP}(?-i:[A-Z])")


def placed_in(text: str, mention: PlaceMention, place: Place, mentions: list[PlaceMention]) -> Place:
    """A place the text puts in a region ("the Marinovka airfield in the Volgograd region") is
    in that region: when the gazetteer knows it only elsewhere, it is a place of that region the
    gazetteer does not know, not its namesake far away. A city's name put in another region is
    that region's namesake, when the gazetteer knows one (a writer qualifies a city's name only
    to say it is not the city)."""
    if place.population >= CITY_POPULATION and not _PUT_IN_AHEAD.match(text, mention.end):
        return place
    for other in mentions:
        if not other.explicit_region or other.start <= mention.end:
            continue
        if not _PUT_IN.match(text[mention.end : other.start]):
            break
        region = other.candidates[0] if other.candidates else None
        if region is None or region.region is None or region.region == place.region:
            return place
        same = [c for c in mention.candidates if c.region == region.region]
        if same:
            return same[0]
        return place if place.population >= CITY_POPULATION else unknown_village(mention, region.region)
    return place


@functools.cache
def _first_word() -> re.Pattern[str]:
    return re.compile(lexicon.fragment("name_first_words"))


_NEXT_NAME = re.compile(r"\s+(?-i:[A-Z])[\w'’-]+")


def compound_names(text: str, mentions: list[PlaceMention]) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """ "Staraya Krasnyanka", "Verkhnia Tersa": a name's first word that the gazetteer also knows
    alone (rules.json "name_first_words"), followed by a capitalised word, is the first word of a
    two-word name it lacks. Returns the mentions with each such pair made one, and the pairs."""
    compounds: list[PlaceMention] = []
    for m in mentions:
        nxt = _NEXT_NAME.match(text, m.end)
        if nxt is not None and _first_word().fullmatch(m.text):
            compounds.append(PlaceMention(m.start, nxt.end(), text[m.start : nxt.end()], (), False))
    if not compounds:
        return mentions, compounds
    spans = [(c.start, c.end) for c in compounds]
    kept = [m for m in mentions if not any(a <= m.start < b for a, b in spans)]
    return sorted(kept + compounds, key=lambda m: m.start), compounds


# "the Borisovsky district", "the Valuysky, Novooskolsky and Chernyansky districts": districts
# named by an adjective of their town, which the gazetteer does not hold.
_DISTRICTS = re.compile(
    r"(?P<names>(?:(?-i:[A-Z])[\w'’-]+(?:,\s*|,?\s+and\s+))*(?-i:[A-Z])[\w'’-]+)\s+"
    r"(?:municipal\s+|urban\s+)?(?:districts?|raions?|rayons?|hromadas?|communities|community)\b"
)
_DISTRICT_ADJECTIVE = re.compile(r"(?:sky|skiy|skyi|skyy|ska|ske|tsky|zky|ivka|ivske|ove|ovo|evo|ino)$")
_NAME = re.compile(r"(?-i:[A-Z])[\w'’-]+")


def unknown_districts(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """District names the gazetteer did not find, as mentions with no candidates (a district of
    the region spoken of, resolved by the caller)."""
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for m in _DISTRICTS.finditer(text):
        for n in _NAME.finditer(text, m.start("names"), m.end("names")):
            if n.group(0).lower() == "and" or not _DISTRICT_ADJECTIVE.search(n.group(0)):
                continue
            if any(a < n.end() and n.start() < b for a, b in taken):
                continue
            out.append(PlaceMention(n.start(), n.end(), n.group(0), (), False))
    return out
