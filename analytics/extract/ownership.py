"""Ownership: which record a figure, a weapon or a town of a sentence belongs to.

When one sentence names several target places, each becomes (or joins) a record; these
functions split the sentence's figures and weapons between those records by where they stand
relative to the place names. They take what they need (the sentence text, its target
places, the records it touched) and return the owner; none of them changes a record.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from analytics.extract.discourse import AT_THE_COUNTRY, CLAUSE_BREAK, NATIONAL_BODY, NATIONWIDE, THE_WEAPON
from analytics.extract.document import Sentence
from analytics.extract.numbers import HELD_BY_FORCE, HURT_DIED, TOLL_NOUN, TOLL_ROSE, Count
from analytics.extract.places import PlaceRef
from analytics.extract.records import RecordBuilder
from analytics.extract.toll_rules import HURT_WORDS, KILL_WORDS
from analytics.extract.triggers import SentenceFacts
from analytics.extract.weapons import WeaponMention

# What may stand between a figure and the place it is for: "9 over the Tula region",
# "three each in the skies of ...".
_LINKS_TO_PLACE = re.compile(
    # (no other figure between: "26 drones downed - 15 over X" is no figure of X)
    # ("10 — over the territory of X": a dash may stand before the preposition)
    # ("six people, including two children, were killed in X": an aside of who they were)
    r"^\s+(?:[-–—]\s+)?(?:(?!\d)[\w/-]+(?:,\s+(?:including|among them)\s+[^,.;]{1,40},)?\s+){0,8}?"
    r"(?:[-–—]\s+)?(?:each\s+)?(?:over|above|in|on|at|near|targeting|heading (?:for|to)|flying to)\s+(?:the\s+)?"
    r"(?:(?:territory|territories|skies|airspace|area|outskirts)\s+of\s+(?:the\s+)?)?"
    # "in the southern city of Odesa"
    r"(?:(?:[\w-]+\s+){0,2}?(?:city|town|village|port|region|oblast|settlement)\s+of\s+)?"
    rf"{HELD_BY_FORCE}(?:(?:Ukraine|Russia)['’]s\s+)?$",
    re.IGNORECASE,
)
_TOLL_WORD = re.compile(rf"\b(?:{KILL_WORDS}|{HURT_WORDS})\b", re.IGNORECASE)
# A place name followed by one of these is a city district, not a town of its own.
_DISTRICT_AFTER = re.compile(
    r"\s+(?:district|raion|neighbourhood|neighborhood|microdistrict)\b", re.IGNORECASE
)
# Between a figure and the town it is given for: "two (people) in (the town of) Lozova".
_FIGURE_IN = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:in|near|outside)\s+(?:the\s+(?:village|town|city|settlement)\s+of\s+)?",
    re.IGNORECASE,
)
# Between two place names of one list: "the Tula, Kaluga and Oryol regions".
_LIST_GAP = re.compile(r",?\s*(?:and\s+)?(?:the\s+)?")


# After a figure: "wounding 40 across the country", "12 killed nationwide".
_COUNTRY_AFTER = re.compile(
    r"\s+(?:(?!\d)[\w/-]+\s+){0,4}?(?:across|throughout|all over)\s+(?:the\s+country|Ukraine|Russia)\b"
    r"|\s+(?:(?!\d)[\w/-]+\s+){0,4}?nationwide\b"
    # "13 others downed over other western regions": over the rest of the country
    r"|\s+(?:(?!\d)[\w/-]+\s+){0,4}?(?:in|over|across)\s+(?:the\s+)?other\s+(?:[\w-]+\s+)?(?:regions|oblasts)\b",
    re.IGNORECASE,
)


def of_the_country(count: Count, text: str) -> bool:
    """ "killing four in the capital and wounding 40 across the country": a figure said of the
    whole country is the country's, whatever places the sentence names."""
    return _COUNTRY_AFTER.match(text, count.end) is not None


def record_of(ref: PlaceRef, touched: list[RecordBuilder]) -> RecordBuilder:
    """The record of ``touched`` whose area is the one of the place ``ref``."""
    region = ref.place.region if ref.place.kind != "country" else None
    return next(r for r in touched if r.area == (ref.place.country, region))


def owner(
    count: Count, text: str, targets: list[PlaceRef], touched: list[RecordBuilder]
) -> RecordBuilder | None:
    """The record a figure belongs to when a sentence names several places.

    "9 over the Tula region": the place right after it; else the nearest place named before
    it; a figure before every place ("14 drones: 8 over X and 6 over Y") is a total of them
    all and belongs to none.
    """
    if ";" in text and all(";" in text[count.end : t.start] for t in targets):
        # "Russia downs 64 drones; refinery hit in Samara": a clause after the figure's own is
        # another story (a clause after a place may go on about it: "...; four were downed").
        return None
    if len(touched) == 1:
        return touched[0]
    if over_a_list(count, text, targets) or of_the_country(count, text):
        return None  # "10 drones over the Tula, Kaluga and Oryol regions": a total of several places
    after = [
        t
        for t in targets
        if t.start >= count.end
        and _LINKS_TO_PLACE.match(text[count.end : t.start])
        # "62 drones, and eleven were wounded in Odesa": the toll's clause links its own figure
        and not (count.kind in {"launched", "intercepted"} and _TOLL_WORD.search(text, count.end, t.start))
    ]
    if after:
        ref = min(after, key=lambda t: t.start)
    elif count.kind in {"killed", "wounded"} and after_a_list(count, text, targets):
        return None  # the toll of several places: the country's record's, if the sentence has one
    else:
        before = [t for t in targets if t.end <= count.start]
        # "Two died and 12 were wounded when a missile hit Dnipro, while three were killed in
        # Zaporizhzhia": a toll that opens the sentence is that of the one place its clause goes on
        # to name
        ahead = [
            t for t in targets if t.start >= count.end and not CLAUSE_BREAK.search(text, count.end, t.start)
        ]
        if not before and count.kind in {"killed", "wounded"} and len(ahead) == 1:
            return record_of(ahead[0], touched)
        if not before:
            return None
        ref = max(before, key=lambda t: t.end)
    return record_of(ref, touched)


def over_a_list(count: Count, text: str, targets: list[PlaceRef]) -> bool:
    """ "10 drones over the Tula, Kaluga and Oryol regions": the figure stands right before a
    list of places, so it is their total."""
    after = [t for t in targets if t.start >= count.end and _LINKS_TO_PLACE.match(text[count.end : t.start])]
    if not after:
        return False
    ref = min(after, key=lambda t: t.start)
    # "over the Bryansk (25), Kursk (20) and ...": a figure in brackets is the item's own
    return any(
        0 <= t.start - ref.end <= 16 and _LIST_GAP.fullmatch(_BRACKETED.sub("", text[ref.end : t.start]))
        for t in targets
    )


_BRACKETED = re.compile(r"\s*\(\s*\d{1,4}\s*\)")
# Between the places of a list and a figure that is their toll: "Odesa, Dnipro and Lutsk
# overnight, wounding six" (not "Dnipro, where six were wounded": that toll is the last place's).
_TO_THE_TOLL = re.compile(r"^(?![^.;]*\b(?:where|in which|there|whose)\b)[^.;]*$", re.IGNORECASE)


def region_list(text: str, targets: list[PlaceRef]) -> list[PlaceRef]:
    """The places of ``targets`` in text order when they are one list ("Odesa, Dnipro and the
    Lutsk region") of two regions or more; else none."""
    places = sorted((t for t in targets if t.place.kind != "country"), key=lambda t: t.start)
    if len({t.place.region for t in places}) < 2:
        return []
    listed = all(
        _LIST_GAP.fullmatch(re.sub(r"^\s*(?:regions?|oblasts?|cities|towns)\b", "", text[a.end : b.start]))
        or re.fullmatch(r",?\s*(?:and\s+)?(?:the\s+)?", text[a.end : b.start])
        for a, b in itertools.pairwise(places)
    )
    return places if listed else []


def after_a_list(count: Count, text: str, targets: list[PlaceRef]) -> bool:
    """ "Drones hit Odesa, Dnipro and Lutsk, wounding six": a toll after a list of places of
    several regions, with no place of its own, is the toll of them all."""
    places = region_list(text, targets)
    if count.value == 0 or not places or places[-1].start >= count.end:
        return False  # (a zero holds for each place: records.spread_zeros)
    return bool(_TO_THE_TOLL.match(text[places[-1].end : count.start]))


def each_owners(
    count: Count, counts: list[Count], targets: list[PlaceRef], touched: list[RecordBuilder]
) -> list[RecordBuilder]:
    """The records a figure given "each" holds for: the places named after it, up to the next
    figure ("2 each over A and B, as well as one each over C": A and B get 2, C gets 1)."""
    following = [c.start for c in counts if c.start > count.start]
    stop = min(following, default=None)
    refs = [t for t in targets if t.start >= count.end and (stop is None or t.start < stop)]
    # "Tula and Kaluga, five each": with no place after it, it holds for every place named.
    return [record_of(ref, touched) for ref in refs] or list(touched)


def weapon_owners(
    weapons: list[WeaponMention],
    targets: list[PlaceRef],
    touched: list[RecordBuilder],
    lead: Sequence[WeaponMention] = (),
) -> dict[int, list[WeaponMention]]:
    """Weapons of a sentence per record (keyed by ``id``): one kind of weapon applies to every
    place named; several kinds go each to the nearest place ("missiles hit Sumy as drones
    target Kherson"). A sentence naming none takes its paragraph lead's ``lead`` ("Artillery
    and drone attacks left ten dead. In Donetsk, six were killed."), unless they are of several
    kinds and it names several places: which place had which is for the text to tell ("a
    missile and 23 drones hit nine sites. The attack affected A, B and C")."""
    out: dict[int, list[WeaponMention]] = {id(r): [] for r in touched}
    if not weapons and lead:
        if len({w.category for w in lead}) == 1 or len(touched) == 1:
            return {id(r): list(lead) for r in touched}
        return out
    if len({w.category for w in weapons}) <= 1 or len(touched) == 1:
        for r in touched:
            out[id(r)] = list(weapons)
        return out
    for w in weapons:
        if w.start < 0:
            # Taken from a list's lead-in, so it stands nowhere in this sentence: it is every
            # place's.
            for r in touched:
                out[id(r)].append(w)
            continue
        # The weapon usually stands before the place it hits: "drones target Kherson".
        ahead = [t for t in targets if 0 <= t.start - w.end <= 60]
        ref = min(ahead, key=lambda t: t.start) if ahead else min(targets, key=lambda t: abs(w.start - t.end))
        out[id(record_of(ref, touched))].append(w)
    for r in touched:
        if r.region is None and not any(t.place.kind == "country" for t in targets):
            out[id(r)] = list(weapons)  # a total of the sentence's places: the whole sentence's weapons
    return out


def town_of(rec: RecordBuilder, count: Count, sent: Sentence) -> str | None:
    """The settlement a figure is about: the nearest one named before it in its sentence
    (or the only one named there), so that tolls of two towns of one region can be summed."""
    towns = [
        p
        for p, s in rec.places
        if s is sent
        and p.place.kind == "settlement"
        and not _DISTRICT_AFTER.match(s.text[p.end : p.end + 12])
    ]
    # "two people in Kostiantynivka and one in Druzhkivka": the town right after the figure.
    after = [p for p in towns if p.start >= count.end and _FIGURE_IN.fullmatch(sent.text, count.end, p.start)]
    if after:
        return min(after, key=lambda p: p.start).place.name
    before = [p for p in towns if p.end <= count.start]
    if before:
        return max(before, key=lambda p: p.end).place.name
    if towns:
        return towns[0].place.name if len(towns) == 1 else None
    # "The toll in the Kursk region has risen to five": a figure of the whole region is no town's.
    if any(s is sent and p.place.kind == "region" for p, s in rec.places):
        return None
    # "Shells hit a district of Donetsk. A civilian was injured.": a sentence naming no town
    # speaks of the one town the sentence before it named ("in total" sums them: no town).
    # A headline is no sentence before: its place is the story's, not the lead's town.
    # A sentence before that speaks of the region's places together ("shelled Kherson and 29
    # settlements of the region") gives the region's toll: no town's.
    before_it = [s for p, s in rec.places if s.index == sent.index - 1 and not s.is_title]
    previous = {p.place.name for p, s in rec.places if s in before_it and p.place.kind == "settlement"}
    if len(previous) == 1 and not any(_IN_ALL.search(s.text) for s in [sent, *before_it]):
        return previous.pop()
    return None


_IN_ALL = re.compile(
    r"\b(?:in total|in all|altogether|overall|total)\b"
    r"|\b(?:settlements|towns|villages|communities|hromadas|localities)\s+(?:of|in|across)\s+(?:the|[\w'’-]+)\s+(?:region|oblast)\b",
    re.IGNORECASE,
)


# A toll told as an update of one given before: "the death toll rose to", "the number of injured
# has increased to", "has climbed to".
TOLL_UPDATE = re.compile(
    rf"\b{TOLL_NOUN}\b[^.;]{{0,80}}?\b{TOLL_ROSE}\b"
    # "bringing the number of dead to 35", "one of the wounded died in hospital overnight"
    r"|\b(?:bringing|brings|brought|raising|raised)\s+(?:the\s+)?(?:death\s+)?(?:toll|number of)\b"
    rf"|{HURT_DIED}",
    re.IGNORECASE,
)


def updated_toll_record(
    facts: SentenceFacts, focus: RecordBuilder | None, records: list[RecordBuilder]
) -> RecordBuilder | None:
    """ "The death toll rose to seven": an update of a toll belongs to the record whose toll
    it updates (the last to state a figure of that kind), not to a place named in passing
    since, which stated none."""
    kinds = {c.kind for c in facts.casualties if c.kind in {"killed", "wounded"} and c.value > 0}
    if not kinds or not TOLL_UPDATE.search(facts.sentence.text):
        return focus
    if focus is not None and (
        any(c.kind in kinds for c, _ in focus.counts) or focus.labelled == facts.sentence.paragraph
    ):
        return focus  # (or the place the paragraph's label named: "Zaporizhzhia. The toll rose to 12.")
    stated = [
        (max(s.index for c, s in r.counts if c.kind in kinds), i, r)
        for i, r in enumerate(records)
        if any(c.kind in kinds and c.value > 0 for c, _ in r.counts)
    ]
    if not stated:
        return focus
    return max(stated, key=lambda t: (t[0], t[1]))[2]


def speakers_record(
    facts: SentenceFacts, focus: RecordBuilder | None, records: list[RecordBuilder]
) -> RecordBuilder | None:
    """ "Twenty were hurt in the attack, Syniehubov added": figures a speaker gives with no
    place belong to the record that speaker spoke of, when the record in focus is another
    speaker's (a place named in passing between them)."""
    if not facts.casualties or focus is None:
        return focus
    names = {_surname(m.text) for m in facts.sources if not m.pronoun} - {""}
    # (A record in focus that no one has spoken of yet is the speaker's now: "On Tuesday a
    # missile hit Odesa. According to Kiper, eight people were injured then.")
    if not names or not focus.sources or names & {_surname(m.text) for m, _, _ in focus.sources}:
        return focus
    theirs = [r for r in records if r is not focus and names & {_surname(m.text) for m, _, _ in r.sources}]
    if len(theirs) != 1:
        return focus
    return theirs[0]


def _surname(phrase: str) -> str:
    """The last capitalised word of a speaker's phrase ("regional governor Oleh Syniehubov" ->
    "Syniehubov"); "" for a role with no name ("the governor")."""
    words = [w.strip(",.’'") for w in phrase.split() if w[:1].isupper()]
    return words[-1] if words and len(words[-1]) > 3 else ""


def national_count_record(
    facts: SentenceFacts, focus: RecordBuilder | None, records: list[RecordBuilder]
) -> RecordBuilder | None:
    """ "Russia launched 315 drones, mainly at Kyiv. Air defence shot down 277.": a launched or
    shot-down count with no place, right after the country's total, goes on with that total
    (GUIDELINES: the national record holds the launched and intercepted totals), not to the
    place the total was mainly aimed at."""
    counts = [c for c in facts.munitions if c.kind in {"launched", "intercepted"} and not c.bound]
    if not counts or facts.casualties or focus is None or focus.region is None:
        return focus
    # A total told again (the ministry's quote after the lead's paraphrase) is that total's,
    # whatever place the lead named last.
    told = {(c.kind, c.value) for c in counts if c.value >= 2}
    again = next(
        (
            r
            for r in reversed(records)
            if r.region is None and told & {(c.kind, c.value) for c, _ in r.counts}
        ),
        None,
    )
    if again is not None:
        return again
    previous = facts.sentence.index - 1
    # ... or later, when a national body gives them ("the air force said it shot down 406").
    by_body = NATIONAL_BODY.search(facts.sentence.text) is not None
    national = next(
        (
            r
            for r in reversed(records)
            if r.region is None
            and r.country == focus.country
            and (by_body or any(s.index == previous for s in r.sentences))
        ),
        None,
    )
    if national is None:
        return focus
    total = max((c.value for c, _ in national.counts if c.kind == "launched"), default=0)
    if not total or any(c.value > total for c in counts):
        return focus
    return national


def regional_toll_record(
    facts: SentenceFacts, focus: RecordBuilder | None, records: list[RecordBuilder]
) -> RecordBuilder | None:
    """ "Kharkiv was hit overnight. The air force said 103 drones were launched. Four people were
    injured, the mayor said.": a toll with no place, right after the country's launch figures,
    is that of the one place the story tells of; the national record holds the munitions (a
    toll for the whole country says so, or the story names several places)."""
    tolls = [c for c in facts.casualties if c.kind in {"killed", "wounded"}]
    if (
        not tolls
        or focus is None
        or focus.region is not None
        or any(c.kind in {"killed", "wounded"} for c, _ in focus.counts)
    ):
        return focus
    if not any(c.kind in {"launched", "intercepted"} for c, _ in focus.counts):
        return focus
    if NATIONWIDE.search(facts.sentence.text) or AT_THE_COUNTRY.search(facts.sentence.text):
        return focus
    places = [r for r in records if r.country == focus.country and r.region is not None]
    return places[0] if len({r.region for r in places}) == 1 else focus


def attackers_claim_record(
    facts: SentenceFacts, focus: RecordBuilder | None, records: list[RecordBuilder], source_types: list[str]
) -> RecordBuilder | None:
    """ "Russia's Defence Ministry said its forces had struck energy facilities": the attacking
    side's claim, naming no place and no figure, is about the whole attack, so it goes to the
    country's record when the story has one, not to the town last spoken of."""
    if focus is None:
        return _claim_on_the_other_country(facts, records, source_types)
    # "Russian missiles hit the grid", told while a record in Russia is in focus: Russia attacks
    # no place of its own; the attack is on Ukraine (its national record, or none)
    if focus.country == "RU" and {c.side for c in facts.attackers} - {"unknown"} == {"Russia"}:
        return next((r for r in records if r.region is None and r.country == "UA"), None)
    if facts.casualties or facts.munitions or not source_types:
        return focus
    # "Russia's ministry said its forces had struck energy sites", told after a story of a
    # Ukrainian strike on Russia: a side claims its own attack, on the other side's country
    # ("its forces" of the place in focus attacked no place of their own country): the
    # record the story opened first for that country, its lead's
    hit = {c.side for c in facts.claimed} - {"unknown"}
    if len(hit) == 1 and focus.country == {"Russia": "RU", "Ukraine": "UA"}.get(hit.pop()):
        country = "UA" if focus.country == "RU" else "RU"
        return next((r for r in records if r.region is None and r.country == country), None)
    if focus.region is None:
        return focus
    attacker_voice = "russia_official" if focus.country == "UA" else "ukraine_official"
    if any(t != attacker_voice for t in source_types):
        return focus
    return next((r for r in records if r.region is None and r.country == focus.country), focus)


_OTHER_COUNTRY = {
    "russia_official": ("UA", re.compile(r"\bUkrain")),
    "ukraine_official": ("RU", re.compile(r"\bRussia")),
}


def _claim_on_the_other_country(
    facts: SentenceFacts, records: list[RecordBuilder], source_types: list[str]
) -> RecordBuilder | None:
    """ "Russia's ministry said its forces had hit energy sites serving Ukraine's army", told with
    no record in focus (a live page's new entry): one side's official speaks of the attack on
    the other side's country, its national record when the story has one."""
    if facts.casualties or facts.munitions or facts.targets() or len(set(source_types)) != 1:
        return None
    country, named = _OTHER_COUNTRY.get(source_types[0], (None, None))
    if named is None or not named.search(facts.sentence.text):
        return None
    return next((r for r in reversed(records) if r.region is None and r.country == country), None)


#: The region referred back to as the place of what happened: "in the attack on the region".
_THE_REGION = re.compile(r"\b(?:on|in|over|across|of) the (?:region|oblast)\b(?!\s+of\b)", re.IGNORECASE)


def speakers_own_place(
    facts: SentenceFacts, targets: list[PlaceRef], focus: RecordBuilder | None, records: list[RecordBuilder]
) -> bool:
    """ "The drone was downed, an official of the Zaporizhzhia region said": a place named only
    in the speaker's title, in a sentence about the attack just told ("the drone"), is where the
    speaker holds office, not a new target. (When the attack just told was on that region, "...
    struck Shostka. The Sumy region's governor said 30 were hurt in the strike", it is that one's.)"""
    if focus is None or not facts.sources or not THE_WEAPON.search(facts.sentence.text):
        return False
    if _THE_REGION.search(facts.sentence.text):
        return False  # "damaged in the attack on the region": the speaker's region is the one hit
    in_title = all(any(m.start <= t.start < m.end for m in facts.sources) for t in targets)
    regions = {t.place.region for t in targets}
    # (A story that already holds an attack on the speaker's region, "Drones hit the Moscow region
    # ... The Moscow region's governor said the attack killed two", speaks of that one.)
    held = any(r.region in regions for r in records)
    return in_title and focus.region not in regions and not held


def returned_to(facts: SentenceFacts, records: list[RecordBuilder]) -> RecordBuilder | None:
    """ "The attack on Kharkiv was reported by the mayor.": a sentence of an attack on one place
    the story already holds a record of returns to that record; what follows belongs to it."""
    # (places of one region, "repelled in the Kamensky and Millerovsky districts", are one place)
    areas = {(t.place.country, t.place.region) for t in facts.targets()}
    if len(areas) != 1 or not facts.trigger or facts.background:
        return None
    (area,) = areas
    held = [r for r in records if r.area == area]
    return held[-1] if held else None


# "This was reported by the General Staff", "The governor reported this on Telegram": a
# sentence that only names who told the sentence before it.
_THIS_WAS_TOLD = re.compile(
    r"^(?:This|That|It|All this)\s+was\s+(?:reported|stated|announced|said|confirmed|posted)\s+by\b"
    r"|\b(?:reported|stated|announced|confirmed|posted)\s+this\b",
    re.IGNORECASE,
)


def told_just_before(facts: SentenceFacts, records: list[RecordBuilder]) -> list[RecordBuilder]:
    """The records the sentence before told, when this one names who told it: "Ukraine struck a
    refinery in Tuapse, while Russia attacked Odesa. This was reported by the General Staff."
    speaks of both; an empty list for any other sentence."""
    if not _THIS_WAS_TOLD.search(facts.sentence.text):
        return []
    before = facts.sentence.index - 1
    return [r for r in records if any(s.index == before for s in r.sentences)]
