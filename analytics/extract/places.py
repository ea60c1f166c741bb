"""Places: gazetteer mentions in a sentence, with the role each plays.

A place is a *target* unless the sentence uses it as a launch origin ("fired from the Kursk
region", "aircraft over the Black Sea"), as a government ("Kyiv said", "Moscow blames"), or
as part of a name ("Kyiv Independent"): those never make a record.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analytics import lexicon
from analytics.extract.attackers import find_attacker_cues
from analytics.extract.capitals import CAPITALS, capital_stands_for_government
from analytics.extract.numbers import HELD_BY_FORCE, NUM
from analytics.extract.villages import (
    CITY_POPULATION,
    VILLAGE_POPULATION,
    common_village,
    compound_names,
    hromada_of,
    local_village,
    placed_in,
    unknown_districts,
    unknown_village,
    village_of_the_sentence_s_region,
)
from analytics.gazetteer import Gazetteer, Place, PlaceMention, load_gazetteer

_ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\blaunched from|\bfired from|\bflying over|\bbombers? over|\bbased in|\bfrom (?:the )?(?:territory|directions?|area) of|"
    r"\bfrom temporarily occupied|\bfrom occupied|\bfrom the|\btowards?|\bheading (?:for|to)|\bbound for|\ben route to|\bon (?:its|their) way to|\btravell?ing to|\bvisit(?:ed|ing)? to|\btravel(?:led)? to|"
    r"\bmet (?:in|with)|\btalks in|\bsummit in|\bin talks|\bborn in|\bmoved to|\bfled to|\bevacuated to|\bsent to|\btaken to|"
    r"\bflown to|\btransferred to|\bhospitali[sz]ed in|\bsupplied to|\bdelivered to|\bprovided to|\bgiven to|\bpressure on|"
    r"\binstalled by|\bappointed by|\bkm (?:\w+ )?(?:of|from)|\bkilometres (?:\w+ )?(?:of|from)|\bmiles (?:\w+ )?(?:of|from)|"
    r"\bnorth of|\bsouth of|\beast of|\bwest of|\b(?:north|south)-?(?:east|west) of|\boutskirts of(?= \w+ \d)|\bpush(?:ed|ing)? (?:on )?towards|"
    r"\badvanc(?:e|ed|ing) (?:on|towards)|\bcaptured|\bseized|\bretreat(?:ed)? from|\bwithdr[ae]w from|"
    # "4 km from its border with Ukraine's central Vinnytsia region", "Tula, which borders the
    # Moscow region": a neighbour named to place another is a landmark
    r"\bborders?\s+(?:with|of)|\bborders)"
    r"\s+(?:the\s+|temporarily\s+occupied\s+|occupied\s+|annexed\s+|Russia['’]s\s+|Ukraine['’]s\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
    re.IGNORECASE,
)
_ORIGIN_AFTER_PLACE = re.compile(r"^\W{0,3}(?:-based|based)\b", re.IGNORECASE)
_NAME_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:Independent|Post|Times|Courier|Herald|Pravda|Region Television|Oblast Council|"
    r"Patriarchate|Metropolitan|Dynamo|Shakhtar|Zorya|Spartak|CSKA|Lokomotiv|Stadium|Airlines|University|"
    r"Polytechnic|Institute|School of|Street|Avenue|Boulevard|Highway|Road|Declaration|Process|Accords?|format|"
    r"Agreement|Memorandum|Security Conference|Club|Metro (?:station|line)|Zoo|Theatre|Philharmonic|"
    r"time|Time|Standard Time|"
    # "since the Kyiv summit", "the Moscow talks": an event the place hosted
    r"(?i:summit|talks|negotiations|conference|forum|communiqu[eé]))\b"
)
# "all four Moscow airports were forced to suspend flights": the city's airports closed, no attack on it
_AIRPORTS_CLOSED = re.compile(
    r"(?:'s|’s)?\s+(?:[\w-]+\s+)?airports?\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:suspend|halt|close|restrict|stop)\w*"
)
# "forcing the closure of the capital's airports": a city's airports, told where flights stopped
_OWN_AIRPORTS = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?airports?\b")


def airports_stopped(text: str, end: int) -> bool:
    """Whether the place ending at ``end`` is named for its airports, in a sentence that tells
    flights stopped there."""
    return bool(_OWN_AIRPORTS.match(text, end)) and bool(_FLIGHTS_STOP.search(text))


# "forcing flight restrictions at airports serving Moscow", "disrupted air traffic around
# Moscow": where flights stopped is no place an attack hit
_FLIGHTS_STOP_WORDS = (
    r"\b(?:restrict\w*|suspen\w*|halt\w*|disrupt\w*|clos(?:ed|ure|ing)|delay\w*|divert\w*|shut)\b"
)
_FLIGHTS_STOPPED_BEFORE = re.compile(
    _FLIGHTS_STOP_WORDS + r"[^.;]{0,40}\b(?:airports?|air\s+traffic|flights?|airspace)\b[^.;,]{0,25}$"
)
_FLIGHTS_STOP = re.compile(_FLIGHTS_STOP_WORDS, re.IGNORECASE)
# An adjectival name before "district" names a city district ("the Shevchenkivskyi district"),
# never the city or region it shares a stem with.
_DISTRICT_NAME = re.compile(r"(?:k[iy][iy]?|[nz][iy]i|yy|(?:sk|ts|n)oy)$")
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|raion|rayon|neighbou?rhood)\b", re.IGNORECASE)
# ... or one a city owns: "the city's X district", "Voronezh's X district" (a region's is its raion).
_CITY_OWNS = re.compile(r"(?:\b(?:city|town)|\b[A-Z][\w-]+)['’]s\s+$")
# ... of a city: the district of a region named after its town is that town's area.
_DISTRICT_OF = re.compile(
    r"\s+(?i:district|raion|rayon)\s+(?:of|in)\s+(?:the\s+(?:city\s+of\s+)?)?[A-Z][\w'’-]+\b"
    r"(?!\s+(?i:region|oblast|province|krai|republic))"
)


# A place's name inside the quoted name of a building or firm: '"Volga Sky" residential complex'.
_QUOTED_NAME = re.compile(
    r"[^\"“”«»\n]{0,30}[\"”»]\s+(?:residential complex|housing estate|shopping (?:centre|center|mall)|hotel|"
    r"plant|factory|enterprise|company|cinema|stadium|market|sanatorium|business cent(?:re|er))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PlaceRef:
    mention: PlaceMention
    place: Place
    role: str  # target | origin | actor | name

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


# A dateline: "KHARKIV, Ukraine, March 14, 2024 (Wire) -", "MOSCOW, 11 March 2025." at a paragraph
# start, or an agency's "MOSCOW, March 14. /Agency/." or "MOSCOW, March 14 (Agency)" without the year.
_DATELINE_AFTER = re.compile(
    r"^(?:,\s*(?:Ukraine|Russia|Crimea))?(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})"
    # "KYIV, Aug 21 (Reuters)", "KYIV, Aug 21 — Russian drones ..."
    r"|,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:\.\s*/[A-Z]|\s*\(|\s+[-–—]\s)"
    r"|,?\s*\(|\s+[-–—]\s)"
)
# A dateline of two cities: "KYIV/MOSCOW, June 1 (Reuters) -"
# (searched in title case, as every all-caps line is)
_JOINT_DATELINE = re.compile(
    r"\s*[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+)?(?:\s*/\s*[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+)?)+(?=,)"
)
# "the capital of Bashkortostan" is that region's ("the capital of Ukraine" is Kyiv).
_CAPITAL = re.compile(
    r"\b(?:the (?:(Ukrainian|Russian) )?|(Ukraine|Russia)['’]s )"
    r"capital(?!\s+(?:city of|of\s+(?!(?:Ukraine|Russia)\b(?!['’])|the\s+country\b)))\b"
    # "the capital region": the region around the capital
    r"(?:\s+of\s+(Ukraine|Russia)\b|(\s+region)\b)?"
)


# Capitalised words that may stand right before a place name without making it a person's name.
_BEFORE_PLACE_OK = {
    "in", "on", "at", "from", "the", "a", "near", "outside", "over", "and", "but", "while", "both", "of", "to",
    "into", "across", "around", "towards", "central", "western", "eastern", "northern", "southern", "greater",
    "occupied", "annexed", "russian-occupied", "russian-held", "ukrainian-held", "frontline", "front-line", "city",
    "town", "village", "region", "oblast", "district", "then", "also", "meanwhile", "separately", "elsewhere",
    "downtown", "besieged", "liberated", "by", "for", "with", "as", "like", "where", "when", "after", "before",
    "sea", "coast", "port",
}  # fmt: skip
_TITLE_BEFORE = re.compile(
    r"\b(?:governor|mayor|minister|president|premier|head|chief|commander|spokes(?:man|woman|person)|general|gen\.|"
    r"colonel|col\.|lieutenant|mr\.?|mrs\.?|ms\.?|dr\.?|deputy|official|adviser|advisor|ambassador|envoy)\s+$",
    re.IGNORECASE,
)


def _person_name(text: str, mention: PlaceMention) -> bool:
    """ "Alexei Smirnov", "governor Vorobyov": a surname that GeoNames also lists as a village."""
    before = text[max(0, mention.start - 30) : mention.start]
    if _TITLE_BEFORE.search(before):
        return True
    m = re.search(r"(?:^|[\s(\"“])([A-Z][a-z'’-]+)\s+$", before)
    # A possessive is no first name: "Ukraine's Zaporizhzhia" is the country's region.
    possessive = m is not None and m.group(1).endswith(("'s", "’s"))
    return m is not None and not possessive and m.group(1).lower() not in _BEFORE_PLACE_OK and m.start(1) > 0


# "launched from a field near a town in occupied Crimea", "fired by a jet from the airspace over the
# occupied south of the Kherson region": a place anywhere in the phrase after "from" is where
# the weapon came from, until the phrase turns to where it went ("at", "towards", a verb of impact).
_FROM_PHRASE = re.compile(
    r"(?:\b(?:launched|fired|took off|flew in|flying in|came|coming|sent|released|dropped)\b[^,.;:]{0,60}?\bfrom\b"
    r"|\bfrom\s+(?:the\s+)?directions?\s+of\b|\bfrom\s+(?:several|multiple|many|various|\w+)\s+directions\b"
    # "four ballistic missiles from the Kursk and Bryansk regions": where the weapons came from
    r"|\b(?:missiles|drones|UAVs|Shaheds|bombers|warplanes)\s+from\b)"
    r"(?P<tail>[^.;:]*)$",
    re.IGNORECASE,
)
_PHRASE_TURNS = re.compile(
    r"\b(?:at|on|against|towards?|into|onto|hit|hits|struck|strikes?|attack\w*|target\w*|kill\w*|damag\w*|"
    r"injur\w*|wound\w*|exploded|landed|fell|were|was)\b",
    re.IGNORECASE,
)


# "drones flying towards Tula", "a bomb heading for Sumy": where a weapon went is a
# target area (GUIDELINES: "drones also flew towards Poltava" is a regional record); troops or a
# road "towards" a place are not.
MUNITION_TOWARDS = re.compile(
    r"(?:\b(?:drones?|missiles?|UAVs?|bombs?|shaheds?|rockets?|projectiles?)\b[^,.;:]{0,60}?"
    r"\b(?:towards?|heading (?:for|to)"
    # "drones were also reported over Crimea": munitions seen over a place are the attack's there
    r"|(?:reported|spotted|seen|recorded|observed|detected)\s+(?:over|above))"
    # "including 6 flying towards Moscow", "three heading for Moscow": what flies towards a place
    # is the munitions counted
    r"|\b(?:flying|flew)\s+towards?"
    rf"|\b{NUM}\s+(?:of them\s+)?(?:flying|heading)\s+(?:for|to))"
    rf"\s+(?:the\s+)?{HELD_BY_FORCE}$",
    re.IGNORECASE,
)


# Within the phrase, a comma goes on only to more names of a list ("from Oryol, Kursk and Bryansk").
_LIST_GOES_ON = re.compile(r",\s*(?!(?:and|or|as well as|including|such as|notably|among them)\b)(?-i:[a-z])")


def _in_origin_phrase(text: str, mention: PlaceMention) -> bool:
    window = text[max(0, mention.start - 240) : mention.start]
    # The nearest phrase decides ("2 missiles from the Kursk region and 142 strike drones from
    # the directions of Bryansk": the first turned at "strike", the second has not).
    m = _FROM_PHRASE.search(window)
    while m is not None:
        tail = m.group("tail")
        if not _PHRASE_TURNS.search(tail) and not _LIST_GOES_ON.search(tail):
            return True
        m = _FROM_PHRASE.search(window, m.start() + 1)
    return False


@functools.cache
def _rivers() -> re.Pattern[str]:
    return re.compile(r"(?:" + lexicon.fragment("rivers") + r")(?:['’]s)?")


_RIVER_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:Siverskyi|Seversky|Southern|Northern|Upper|Lower)\s+)?$")
_RIVER_AFTER = re.compile(r"^\s+[Rr]iver\b")
_AREA_AFTER = re.compile(r"^\s+(?:region|area|basin|valley)\b", re.IGNORECASE)


def _river(before: str, name: str, after: str) -> bool:
    """ "the Dnipro", "the Desna River": a river that shares its name with a town (rules.json
    "rivers"). A town never takes the article, and a region phrase is no river."""
    if not _rivers().fullmatch(name) or _AREA_AFTER.match(after):
        return False  # "the Volga region" is the land along the river, no river
    return bool(_RIVER_BEFORE.search(before) or _RIVER_AFTER.match(after))


_EVENT_IN_BEFORE = re.compile(
    r"\b(?:celebrations?|parades?|rehearsals?|preparations|summit|talks|meetings?|visit|conference|ceremony|"
    r"festivities|negotiations|forum|rally|concert|funeral|trial|hearing|exhibition)\s+(?:in|at)\s+$",
    re.IGNORECASE,
)

# "the Ryazan refinery, one of the main suppliers of fuel to the Moscow region": where what the
# target makes goes, not a place hit.
_SUPPLIED_BEFORE = re.compile(
    r"\b(?:suppliers?\s+of\s+(?:[\w-]+\s+){1,3}?|suppl(?:ies|ying)\s+(?:[\w-]+\s+){1,3}?)(?:to|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# "The attack on Zaporizhzhia came less than a day after ...", "The Ternopil strike was the
# deadliest since ...": an attack told before, named to measure it against another (whose own
# day and toll follow), opening the sentence.
_RECALLED_BEFORE = re.compile(
    r"^\s*(?:The|This|That|Friday's|Saturday's|Sunday's|Monday's|Tuesday's|Wednesday's|Thursday's)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:(?:attack|strike|raid|bombing|shelling|barrage)\s+(?:on|against|in)\s+(?:the\s+)?)?$"
)
_MEASURED_AGAINST = re.compile(
    r"(?:\s+(?:attack|strike|raid|bombing|shelling|barrage))?\s+(?:came|comes|was|is|followed|happened|occurred)\b"
    r"[^.;]{0,60}?\b(?:after|since|than|before)\b",
    re.IGNORECASE,
)


def _role(text: str, mention: PlaceMention, place: Place) -> str:
    before = text[max(0, mention.start - 45) : mention.start]
    after = text[mention.end : mention.end + 30]
    if (
        _NAME_AFTER.match(after)
        or _QUOTED_NAME.match(text, mention.end)
        or _AIRPORTS_CLOSED.match(text, mention.end)
        or airports_stopped(text, mention.end)
        or _FLIGHTS_STOPPED_BEFORE.search(text, max(0, mention.start - 90), mention.start)
    ):
        return "name"
    if place.kind == "settlement" and _person_name(text, mention):
        return "name"
    if (
        mention.start <= 2
        # (a dateline names a city: "Kursk Region - 12 drones destroyed" is a list's item)
        and place.kind != "region"
        and (_DATELINE_AFTER.match(after) or (mention.text.isupper() and re.match(r"\s*:\s", after)))
    ):
        return "dateline"
    joint = _JOINT_DATELINE.match(text) if mention.start <= 40 and "/" in text[:60] else None
    if joint and mention.end <= joint.end() and _DATELINE_AFTER.match(text[joint.end() :]):
        return "dateline"
    if _locates(text, mention.start, mention.end):
        return "name"  # "Tikhoretsk, 150 km northeast of Krasnodar,": where the place before lies
    if _EVENT_IN_BEFORE.search(before):
        return "event"  # "the Victory Day celebrations in Moscow": where an event is held
    if "uppl" in before and _SUPPLIED_BEFORE.search(before):
        return "name"
    if _RECALLED_BEFORE.match(text[: mention.start]) and _MEASURED_AGAINST.match(text, mention.end):
        return "recalled"  # "The attack on X came a day after ...": the attack told before, measured
    if (
        place.kind == "settlement"
        and _DISTRICT_AFTER.match(after)
        and (_DISTRICT_NAME.search(mention.text) or _CITY_OWNS.search(before))
    ):
        return "district"
    if place.kind == "settlement" and _DISTRICT_OF.match(text, mention.end):
        return "district"  # "the Kiev district of Donetsk": a city's district named after another town
    if place.kind != "region" and _river(before, mention.text, after):
        return "river"
    if (
        _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER_PLACE.match(after) or _in_origin_phrase(text, mention)
    ) and not MUNITION_TOWARDS.search(text[max(0, mention.start - 100) : mention.start]):
        return "origin"
    # The capitals stand for their governments: "Kyiv said", "Moscow blames", "officials in Kyiv".
    if (
        place.kind != "region"
        and mention.text.lower().rstrip("'s’") in CAPITALS
        and capital_stands_for_government(text, before, after)
    ):
        return "actor"
    if place.kind == "country":
        return "country"
    return "target"


# Between two places of a list: commas, "and", and names the gazetteer does not know.
# What lies "near" or "outside" a city that is a region of its own (regions.csv "around").
# ("west of the capital", "north of Kyiv": the land that way, which the city's region holds;
# "in the west of the capital" is a part of the city)
_AROUND_BEFORE = re.compile(
    r"\b(?:near|outside(?:\s+of)?|on the outskirts of|(?<!the\s)(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|"
    # "over the region surrounding the capital"
    r"(?:region|area|oblast)\s+(?:surrounding|around))"
    r"\s+(?:the\s+city\s+of\s+)?$",
    re.IGNORECASE,
)
# "In the Ryazan region, southeast of the capital, ...", "Tikhoretsk, 150 km northeast of
# Krasnodar,": an apposition that says where the place before it lies; the place it measures
# from is no place hit.
_LOCATOR_BEFORE = re.compile(
    r",\s+(?:(?:about|some|roughly|around|nearly)\s+)?(?:[\d,.]+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)
_LOCATOR_AFTER = re.compile(r"\s*(?:[,);]|\.\s|\.?$)")


def _locates(text: str, start: int, end: int) -> bool:
    return bool(_LOCATOR_BEFORE.search(text, max(0, start - 60), start)) and bool(
        _LOCATOR_AFTER.match(text, end)
    )


_FRAMED_AWAY = re.compile(r"(?:^|[.;]\s+)(?:Outside|Away from|Beyond|Far from)\s+$")
_VILLAGE_WORD = re.compile(r"\b(?:villages|settlements|hamlets)\b", re.IGNORECASE)
_LIST_SEP = re.compile(
    r"(?=[^.;:]*(?:,|\band\b))"
    r"(?:\s|,|\band\b|\bthe\b|\b(?:villages?|settlements?|towns?|hamlets?|communities)\b|(?-i:[A-Z])[\w'’-]*)*"
)


def _coherent_list(text: str, refs: list[PlaceRef], context: list[str]) -> list[PlaceRef]:
    """ "Antonivka, Zelenivka, Poniativka, Beryslav and Kherson were attacked": in a list of
    settlements most of which lie in a region spoken of, a village the gazetteer knows only in a
    region not spoken of is a village of the list's region that it lacks."""
    out = list(refs)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_SEP.fullmatch(text, out[j].end, out[j + 1].start):
            j += 1
        group = out[i : j + 1]
        regions = [
            r.place.region for r in group if r.place.kind == "settlement" and r.place.region in context
        ]
        # "the A and B villages, the C, D and E settlements": named as villages, whatever city
        # far away shares a name
        named_villages = bool(_VILLAGE_WORD.search(text, group[0].start, group[-1].end + 16))
        if len(group) >= 3 and regions:
            home = max(set(regions), key=regions.count)
            if regions.count(home) >= 2:
                for k in range(i, j + 1):
                    r = out[k]
                    if r.place.kind != "settlement" or r.place.region in context:
                        continue
                    namesake = next((c for c in r.mention.candidates if c.region == home), None)
                    # A city's name in a list of the region's villages is the region's namesake
                    # village ("Huliaipole, Kamianske and Stepnohirsk"), when there is one.
                    villages = all(o.place.population < VILLAGE_POPULATION for o in group if o is not r)
                    if named_villages or r.place.population < VILLAGE_POPULATION or (namesake and villages):
                        out[k] = PlaceRef(r.mention, namesake or unknown_village(r.mention, home), r.role)
        i = j + 1
    return out


_COUNTRY_BEFORE = re.compile(
    r"\b(?P<country>Russia|Ukraine)['’]s\s+(?:[\w-]+\s+){0,2}$|\b(?P<adj>Russian|Ukrainian)\s+(?:city|town|port|village)\s+(?:of\s+)?$"
)


def _of_the_country_named(text: str, mention: PlaceMention, place: Place) -> Place:
    """ "Russia's Slavyansk refinery": a name the text puts in a country is its place there."""
    m = _COUNTRY_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    if m is None or place.kind != "settlement":
        return place
    code = "RU" if (m.group("country") or m.group("adj")).startswith("Russia") else "UA"
    if place.country == code:
        return place
    there = [c for c in mention.candidates if c.country == code and c.kind == "settlement"]
    return max(there, key=lambda c: c.population) if there else place


_DISTRICT_NAMED = re.compile(
    r"\s+(?:district|raion|rayon|municipal district|urban district)\b", re.IGNORECASE
)


def find_places(
    text: str,
    context_regions: Iterable[str] = (),
    known: dict[str, Place] | None = None,
    offices: Iterable[tuple[int, int]] = (),
) -> list[PlaceRef]:
    """Places named in ``text`` (one sentence) with their resolved entry and role.

    ALL-CAPS headings ("KHARKIV REGION.") are searched in title case; spans are unchanged.
    ``known`` maps names already read in the article to the place they were read as: a name
    keeps its sense through one article (one place per name per story), and names read here
    for the first time are added to it. ``offices`` are the spans of the sentence's speakers: a
    place in a speaker's title ("the Kharkiv governor") is where the speaker holds office, the
    region the report speaks of.
    """
    gaz = load_gazetteer()
    search_text = text
    if not re.search(r"[a-z]{3}", text[:60]):
        search_text = re.sub(r"[A-Z]{2,}", lambda m: m.group(0).capitalize(), text)
    context = list(context_regions)
    refs = []
    mentions, compounds = compound_names(search_text, gaz.find(search_text))
    districts = unknown_districts(search_text, mentions)
    if districts:
        mentions = sorted(mentions + districts, key=lambda m: m.start)
        compounds = compounds + districts
    # The sentence's own regions come before those of earlier sentences: a named region, or a
    # place with one candidate only ("the Sumy governor said a shell hit Druzhba" is the
    # Sumy-region town, whatever region was spoken of before).
    spans = list(offices)
    # A speaker who is only the name ("Petrov said") is a person named like a town, or a
    # capital standing for its government: no place of the report.
    bare = {(a, b) for a, b in spans}
    # ("Kharkiv region reported three injuries": a region speaks of itself.)
    mentions = [
        m
        for m in mentions
        if (m.start, m.end) not in bare
        or m.explicit_region
        or m.text.lower() in CAPITALS
        or any(c.kind != "settlement" for c in m.candidates)
    ]
    # ("the village of Murom in the Shebekino district": a district named after its town is in
    # the town's region)
    named = [
        gaz.resolve(m, context).region
        for m in mentions
        if m.candidates
        and (
            m.explicit_region
            or any(a <= m.start < b for a, b in spans)
            or _DISTRICT_NAMED.match(search_text, m.end)
        )
        and (m.start, m.end) not in bare
    ]
    # Cities (or places with one candidate) of the sentence: what their names mean is rarely in doubt.
    single = [
        (m, place.region)
        for m in mentions
        if not m.explicit_region and m.candidates
        for place in [gaz.resolve(m, context)]
        if len(m.candidates) == 1 or place.population >= CITY_POPULATION
    ]
    # A village list weighs only the regions named as such and those spoken of before (its own
    # villages' far namesakes do not count).
    region_context = [r for r in named if r] + context
    shared_context = [r for r in named + [r for _m, r in single] if r] + context
    for mention in mentions:
        # A name's own reading is no context for itself (a city's name would vote for the city);
        # per mention only in short sentences, where it costs nothing.
        local_context = (
            [r for r in named + [r for m, r in single if m is not mention] if r] + context
            if len(mentions) <= 20
            else shared_context
        )
        earlier = known.get(mention.text) if known is not None else None
        if mention in compounds:
            # A two-word name or a district the gazetteer lacks: a place of the region spoken
            # of, or none.
            region = next((r for r in region_context if "-" in r), None)
            if region is None:
                continue
            place = unknown_village(mention, region)
        elif earlier is not None and (earlier in mention.candidates or earlier.population == 0):
            place = earlier
        else:
            place = gaz.resolve(mention, local_context)
            place = _of_the_country_named(search_text, mention, place)
            if place.kind == "settlement" and place.region not in region_context:
                place = local_village(search_text, mention, place, region_context)
            place = village_of_the_sentence_s_region(mention, place, [r for r in named if r], search_text)
            if place.kind == "settlement" and place.region not in region_context:
                place = common_village(mention, place, region_context)
            if place.kind == "settlement":
                place = placed_in(search_text, mention, place, mentions)
            around = gaz.around(place.region) if place.region else None
            if (
                around is not None
                and _AROUND_BEFORE.search(search_text, 0, mention.start)
                and not re.match(r"['’]s\b", search_text[mention.end : mention.end + 2])
            ):
                # "a fuel terminal near St. Petersburg", "a building outside Moscow": the region
                # around the city, not the city
                place = gaz.region(around)
            place = hromada_of(search_text, mention, place, region_context)
            if known is not None and place.kind == "settlement" and len(mention.candidates) > 1:
                known[mention.text] = place
        refs.append(PlaceRef(mention, place, _role(search_text, mention, place)))
    refs = _coherent_list(search_text, refs, region_context)
    # "the capital": Kyiv, unless the text says the Russian capital.
    for m in _CAPITAL.finditer(text):
        # Unqualified, "the capital" is that of the country the text is speaking of.
        # The sentence's own places before it come first ("an attack on Moscow ... drones flying
        # towards the capital"), then those of the sentences before.
        before = [r.place.region for r in refs if r.end <= m.start() and r.place.region]
        # "drones flying at the capital, Moscow's mayor said": the speaker's city names it too.
        titled = [
            r.place.region
            for r in refs
            if r.start >= m.end() and r.place.region and any(a <= r.start < b for a, b in spans)
        ]
        spoken = before[-1:] + titled[:1] + context
        # ("Ukrainian drones ... over the region around the capital": the capital of the side
        # the sentence's attacker attacks)
        cues = {c.side for c in find_attacker_cues(text)} - {"unknown"}
        side = (
            m.group(1)
            or m.group(2)
            or m.group(3)
            or {"Ukraine": "Russian", "Russia": "Ukrainian"}.get(next(iter(cues)) if len(cues) == 1 else "")
            or ("Russian" if spoken and spoken[0].startswith("RU-") else "")
        )
        name = "Moscow" if side.startswith("Russia") else "Kyiv"
        candidates = [p for p in gaz.lookup(name) if p.kind == "settlement"]
        if _FRAMED_AWAY.search(text, 0, m.start()) and text.startswith(",", m.end()):
            continue  # "Outside the capital, drones struck Kremenchuk": where the text turns, no place
        if m.group(4) or _AROUND_BEFORE.search(text, 0, m.start()):
            # "the capital region", "west of the capital": the region around the capital
            candidates = [gaz.region("RU-MOS" if name == "Moscow" else "UA-32")]
        if candidates:
            mention = PlaceMention(m.start(), m.end(), m.group(0), tuple(candidates), False)
            role = (
                "name" if airports_stopped(text, m.end()) or _locates(text, m.start(), m.end()) else "target"
            )
            refs.append(PlaceRef(mention, candidates[0], role))
    return sorted(refs + _surrounding_regions(text, refs, gaz), key=lambda r: r.start)


# "in Kyiv and the surrounding region": the region around a city that is a region of its own.
_SURROUNDING = re.compile(
    r"\s+and\s+(?:the|its)\s+(?:surrounding|wider)\s+(?:region|area|oblast)\b", re.IGNORECASE
)


def _surrounding_regions(text: str, refs: list[PlaceRef], gaz: Gazetteer) -> list[PlaceRef]:
    out = []
    for m in _SURROUNDING.finditer(text):
        city = next((r for r in refs if r.end == m.start() and r.place.region), None)
        if city is None or city.place.region is None:
            continue
        # (the region named after the city: "Kyiv" and "Kyiv Oblast", or regions.csv "around")
        named = [p for p in gaz.lookup(f"{city.place.name} Oblast") if p.kind == "region"]
        around = gaz.around(city.place.region) or (named[0].region if named else None)
        if around is not None and around != city.place.region:
            place = gaz.region(around)
            mention = PlaceMention(m.start() + 1, m.end(), m.group(0).strip(), (place,), False)
            out.append(PlaceRef(mention, place, city.role))
    return out
