"""Nationwide records: when a launched or shot-down figure is the whole country's.

GUIDELINES: a national total is its own ``region: null`` record beside the regional ones,
unless the regional figures add up to it (finalize drops it then). Two shapes reach here: a
figure with no place named ("the air force said 25 of 31 drones were shot down"), and a total
before its breakdown by place ("destroyed 37 drones, including 12 over A").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analytics.extract.dates import ResolvedDate
from analytics.extract.discourse import (
    ANAPHORA,
    NATIONAL_BODY,
    NATIONWIDE,
    SIDE_LAUNCHED,
    attacked_country,
    clauses,
)
from analytics.extract.numbers import DOWNED, Count
from analytics.extract.ownership import after_a_list, of_the_country, over_a_list, region_list
from analytics.extract.places import PlaceRef
from analytics.extract.records import RecordBuilder
from analytics.extract.triggers import SentenceFacts
from analytics.gazetteer import PlaceMention, load_gazetteer

# The national body as the attacker launching: "Ukraine's armed forces launched three missiles".
_LAUNCHED_AFTER = re.compile(r"\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:launched|fired|used|sent)\b")


# "The air force said the attack was carried out with two Iskander-M missiles": the munitions of
# the attack the story is about, not a count for the whole country.
_THE_ATTACK_MADE_WITH = re.compile(
    r"\b(?:the|this|that|Sunday's|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's)\s+(?:[\w-]+\s+)?"
    r"(?:attack|strike)\s+(?:was|had been|has been)\s+(?:carried out|conducted|launched|made|delivered)\s+(?:with|using|by)\b",
    re.IGNORECASE,
)


def figure_for_the_country(
    facts: SentenceFacts,
    focus: RecordBuilder | None,
    focus_paragraph: int,
    records: list[RecordBuilder],
    national_speaker: bool = False,
) -> bool:
    """A figure of a sentence naming no place that is a whole country's: one for the whole
    country (``nationwide_without_place``), or of munitions fired by the side the national record
    in focus says was attacked ("Russia struck Ukraine's grid. Its air defences downed 172
    Ukrainian drones.": the other country's)."""
    if (
        focus is not None
        and focus.region is None
        and any(c.kind in {"launched", "intercepted"} for c in facts.munitions)
        and {a.side for a in facts.attackers} in ({"Ukraine"}, {"Russia"})
        and attacked_country(facts.attackers) != focus.country
    ):
        return True
    far = focus is None or facts.sentence.paragraph - focus_paragraph > 1
    # Several places named as hit: a side launching speaks of the whole barrage.
    barrage = len({r.region for r in records if r.anchored and r.region}) >= 2
    national = any(r.region is None for r in records)
    return nationwide_without_place(
        facts, far=far, barrage=barrage, national=national, national_speaker=national_speaker
    )


def nationwide_without_place(
    facts: SentenceFacts, *, far: bool, barrage: bool, national: bool = False, national_speaker: bool = False
) -> bool:
    """A launched or intercepted figure, or a toll, for the whole country, though no place is
    named.

    ``far``: no record is in focus nearby; ``barrage``: several places were already named as
    hit ("Moscow launched 48 missiles" then speaks of the whole barrage, not of the town in
    focus: in a one-place story it is that place's attack); ``national``: the story already
    holds a country record; ``national_speaker``: the sentence's speaker, told back by "it" or
    "the ministry", is a national body."""
    text = facts.sentence.text
    if national_toll(facts, far=far):
        return True
    if not any(c.kind in {"launched", "intercepted"} and c.value >= 2 for c in facts.munitions):
        return False
    # "nationwide", "in other regions"; far from any record, and the story holding no country
    # record yet, "Ukraine's air defence shot down 48"
    explicit = bool(NATIONWIDE.search(text)) or (far and not national and bool(_DEFENCES.search(text)))
    # Where the weapons were launched from names the attacker as well as a side would.
    origins = [p for p in facts.places if p.role == "origin"]
    # "315 drones were used": after several places were named as hit, the barrage's count
    passive = barrage and bool(_PASSIVE_LAUNCHED.search(text))
    # A national body's count of what it downed stands for the country, whoever it names as
    # attacker (what it says its own side fired is the attack the story is about).
    # ("Russian forces shot down 82 drones": a side's own defence, which is its country's.)
    body = NATIONAL_BODY.search(text) or _SIDE_DOWNED.search(text)
    # ("it shot down four of the five missiles": the attack told before, not a count of its own)
    national_speaker = national_speaker and not _OF_THE_ONES_TOLD.search(text)
    downed = (body is not None or national_speaker) and any(c.kind == "intercepted" for c in facts.munitions)
    if not facts.attackers and not explicit and not origins and not passive and not downed:
        return False
    # A lead-in to a list by region ("downed 41 drones over nine regions:") is split there;
    # regions the drones were launched from are no such list.
    said_of_regions = [
        m
        for m in re.finditer(r"\bregions\b", text, re.IGNORECASE)
        if not names_origins(text, m.start(), origins)
    ]
    if text.rstrip().endswith(":") or (said_of_regions and not explicit):
        return False
    if ANAPHORA.search(text) or _THE_ATTACK_MADE_WITH.search(text):
        return False
    # A national body's count with no place at all in the sentence is the country's.
    # ... unless the body is the attacker launching ("Ukraine's armed forces launched three
    # missiles"): then the count is of the attack the story is about.
    launching = body is not None and _LAUNCHED_AFTER.match(text[body.end() :]) is not None
    national_claim = (
        # (a capital standing for its government, or where an event is held, is no place hit)
        all(p.role in {"country", "origin", "actor", "event", "name", "dateline"} for p in facts.places)
        and (body is not None or (national_speaker and downed))
        and not launching
    )
    return far or explicit or national_claim or passive or (barrage and bool(SIDE_LAUNCHED.search(text)))


_OF_THE_ONES_TOLD = re.compile(
    r"\b(?:all|\w+)\s+of\s+the\s+(?:[\w-]+\s+){0,2}?(?:missiles|drones|rockets|UAVs|projectiles)\b",
    re.IGNORECASE,
)
_SIDE_DOWNED = re.compile(
    r"\b(?:Russian|Ukrainian|Russia['’]s|Ukraine['’]s)\s+(?:forces|troops|military|units|air[- ]defen[cs]es?(?:\s+(?:forces|systems|units))?)\s+"
    rf"(?:have\s+|has\s+|had\s+)?(?:also\s+)?{DOWNED}\b",
    re.IGNORECASE,
)
_PASSIVE_LAUNCHED = re.compile(
    r"\b(?:were|was|had been|have been)\s+(?:used|launched|fired|sent)\b", re.IGNORECASE
)
# A side's own air defence reporting what it downed: "Ukraine's air defence shot down 48".
_DEFENCES = re.compile(
    r"\b(?:Ukraine['’]s|Russia['’]s|Ukrainian|Russian)\s+(?:air[- ]defen[cs]es?|air defen[cs]e (?:forces|units|systems))\b",
    re.IGNORECASE,
)
# "Russian forces attacked 12 regions": a side's attacks counted by the regions they hit.
_REGIONS_ATTACKED = re.compile(
    r"\b(?:attacked|struck|hit|shelled)\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|many|multiple)\s+(?:regions|oblasts)\b",
    re.IGNORECASE,
)
_DAILY_ATTACKS = re.compile(
    r"\b(?:attacks|strikes|shelling|bombardments)\b[^.;]{0,40}\b(?:over|in|during) the (?:past|last) (?:day|24 hours)\b",
    re.IGNORECASE,
)


def national_toll(facts: SentenceFacts, *, far: bool) -> bool:
    """ "Russian strikes killed nine people nationwide": a toll said to be of the whole country,
    or given with the side that attacked and no place at all, far from any record ("12 civilians
    were killed in Russian attacks over the past day"), is the country's."""
    tolls = [c for c in facts.casualties if c.kind in {"killed", "wounded"} and c.value > 0]
    if not tolls or any(p.role in {"target", "origin"} for p in facts.places):
        return False
    # "across the country", "nationwide", "in 12 regions" (GUIDELINES: a toll of several regions
    # together is the country's)
    if NATIONWIDE.search(facts.sentence.text) or _REGIONS_ATTACKED.search(facts.sentence.text):
        return True
    # A day's summary of attacks (plural) by a side, far from any record, names no one place.
    return far and bool(facts.attackers) and bool(_DAILY_ATTACKS.search(facts.sentence.text))


# What opens the breakdown of a total by place: "37 drones, including 12 over ...".
_BREAKDOWN = re.compile(r"\b(?:including|of which|of them|among them)\b|:", re.IGNORECASE)
_ITEM_OF = re.compile(r"\s+(?:of (?:which|them|these)|each)\b", re.IGNORECASE)


_ACROSS_THE_COUNTRY = re.compile(
    r"\b(?:across|throughout|all over)\s+(?:the\s+whole\s+of\s+)?(?:Ukraine|Russia)\b"
)


def _of_the_country(text: str) -> bool:
    """Whether ``text`` says its figures are the whole country's ("nationwide", "across Ukraine")."""
    return NATIONWIDE.search(text) is not None or _ACROSS_THE_COUNTRY.search(text) is not None


def toll_of_a_list(facts: SentenceFacts) -> bool:
    """ "Drones hit the Sumy, Kharkiv and Poltava regions. Six people were wounded.": a toll right
    after a list of regions, naming no place and pointing back at none ("the city"), is theirs
    together (GUIDELINES: the country's record's)."""
    return (
        any(c.kind in {"killed", "wounded"} and c.value > 0 and not c.additional for c in facts.casualties)
        and not facts.places
        and not ANAPHORA.search(facts.sentence.text)
    )


# Between two tolls of one phrase: "one person and injured", "three dead and".
_JOINED = re.compile(r"[^.;,\d]*?\band\b[^.;,\d]*", re.IGNORECASE)
_DEFENDER_COUNTS = re.compile(
    NATIONAL_BODY.pattern + r"|\b(?:Russia|Ukraine)\s+(?:said|says|reported|reports|claimed)\b", re.IGNORECASE
)


def totals_of_places(facts: SentenceFacts, targets: list[PlaceRef]) -> list[Count]:
    """ "Destroyed 37 drones, including 12 over A and 10 over B": a launched or shot-down figure
    before every place, with the breakdown opened after it, is the country's total (GUIDELINES:
    its own region-null record; finalize drops it when the places' figures add up to it). Places
    of one region only, named without figures of their own, hold a total of that region."""
    text = facts.sentence.text
    first = min(t.start for t in targets)
    # "killed six people in the Kherson, Donetsk and Zaporizhzhia regions": a toll of several
    # regions together is the country's (GUIDELINES: not split among them).
    # "two deaths, one in A and another in B": a toll shared out by place after it
    shared = [
        c
        for c in facts.casualties
        if c.end <= first and any(o.kind == c.kind and c.end < o.start < first for o in facts.casualties)
    ]
    tolls = [
        c
        for c in facts.casualties
        if c.kind in {"killed", "wounded"}
        and not c.additional
        and (
            over_a_list(c, text, targets)
            or after_a_list(c, text, targets)
            or of_the_country(c, text)
            # "eight injured nationwide, including three in the Kyiv region": the country's toll
            # with a place's share of it
            or (
                c.end <= first
                and _of_the_country(text[c.end : first])
                and _BREAKDOWN.search(text, c.end, first) is not None
            )
            or c in shared
        )
    ]
    # "killed one and injured 10 in the A and B regions": a toll joined to the list's by "and".
    tolls += [
        c
        for c in facts.casualties
        if c.kind in {"killed", "wounded"}
        and c not in tolls
        and any(
            c.end <= t.start
            and _JOINED.fullmatch(text, c.end, t.start)
            and (over_a_list(t, text, targets) or t in shared)
            for t in tolls
        )
    ]
    totals = tolls + [
        c
        for c in facts.munitions
        if c.kind in {"launched", "intercepted"}
        and not c.each
        and (
            (
                c.end <= first
                and _BREAKDOWN.search(text, c.end, first) is not None
                # "18 of them over X" is an item of the breakdown, not its total.
                and not _ITEM_OF.match(text, c.end)
            )
            # "25 drones over the Belgorod, Kursk and Bryansk regions" (wherever it stands: "three
            # over Samara and six over the Voronezh and Kursk regions"): the total of a list.
            or over_a_list(c, text, targets)
            # "launched 90 drones, targeting the Odesa and Mykolaiv regions": the sentence's one
            # figure of its kind, told before a list of places of several regions, is theirs
            # together (GUIDELINES: the country's, beside their null-count records)
            or (
                c.end <= first
                and bool(region_list(text, targets))
                and not any(o is not c and o.kind == c.kind for o in facts.munitions)
            )
        )
    ]
    if (
        len({t.place.region for t in targets}) < 2
        and not _of_the_country(text)
        and not any(c.start > t.end for t in totals for c in facts.munitions)
        # "the defence ministry downed 86 drones, including over Crimea": its count is the country's
        and not (any(c.kind == "intercepted" for c in totals) and _DEFENDER_COUNTS.search(text))
    ):
        # "fired 42 shells at towns, including A and B": places of one region named without
        # figures of their own make the total that region's, not the country's.
        return []
    return totals


def split_in_full(facts: SentenceFacts, totals: list[Count]) -> bool:
    """ "Destroyed 49 drones: 19 over A, 14 over B and 16 over C": a launched or shot-down total
    whose breakdown in the same sentence adds up to it is carried by the places alone
    (GUIDELINES: no national record is added)."""
    if not totals or any(c.kind not in {"launched", "intercepted"} for c in totals):
        return False
    for total in totals:
        items = [c for c in facts.munitions if c.kind == total.kind and c.start > total.end]
        if not items or any(c.each for c in items) or sum(c.value for c in items) != total.value:
            return False
    return True


def names_origins(text: str, at: int, origins: list[PlaceRef]) -> bool:
    """Whether the word at ``at`` ("regions") closes a list of launch origins ("from the Kursk
    and Bryansk regions"): an origin is named just before it."""
    return any(
        p.start <= at and (at < p.end or (at - p.end <= 40 and "," not in text[p.end : at])) for p in origins
    )


# "drones at Bryansk, but air defences destroyed 12 of them": a figure of "them" counts the
# munitions the clause before aimed at its places, not the country's
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b")


def national_clause(facts: SentenceFacts, targets: list[PlaceRef]) -> bool:
    """A launched or intercepted figure in a clause that names no place and whose speaker is a
    national body, in a sentence whose other clauses name places ("the ministry downed 71
    drones, while the mayor said 13 fell near Moscow"): the figure is the country's."""
    if any(t.place.kind == "country" for t in targets):
        return False
    text = facts.sentence.text
    for s, e in clauses(text):
        if any(s <= t.start < e for t in targets):
            continue
        counted = any(
            s <= c.start < e and c.kind in {"launched", "intercepted"} and not _OF_THEM.match(text, c.end)
            for c in facts.munitions
        )
        if counted and NATIONAL_BODY.search(text[s:e]):
            return True
    return False


def country_record(
    touched: list[RecordBuilder],
    facts: SentenceFacts,
    date: ResolvedDate | None,
    record: Callable[[str, str | None, ResolvedDate | None], RecordBuilder],
) -> RecordBuilder | None:
    """Add the region-null record of the country holding the places (UA or RU; "83 over
    Krasnodar and others over Crimea" is Russia's count) to ``touched``, and return it;
    ``record`` opens or finds the record of an area and day."""
    if not {r.country for r in touched} <= {"UA", "RU"}:
        return None
    gaz = load_gazetteer()
    on = date.date if date else None
    countries = {gaz.held_by(gaz.region(r.region), on) if r.region else r.country for r in touched}
    if len(countries) != 1:
        countries = {attacked_country(facts.attackers, facts.sentence.text, defended=True)}
    place = gaz.country(countries.pop())
    rec = record(place.country, None, date)
    rec.places.append(
        (PlaceRef(PlaceMention(0, 0, place.name, (place,), False), place, "country"), facts.sentence)
    )
    rec.anchored = True
    touched.append(rec)
    return rec
