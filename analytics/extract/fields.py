"""Fields: one finished record's report fields, each with its evidence.

``finish_record`` turns a ``RecordBuilder`` into a ``StrikeReport``: the location and its
coordinates, the attacker (what the text says, else the side opposite to who holds the
place), the figures (the largest stated, with "more" added and the tolls of several towns
summed), the weapon categories, the sources and their types, the sub-event type, the target
type and a confidence. It looks at this one record only; rules across the article's records
come after it (finalize.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from analytics import lexicon
from analytics.extract.actors import SourceMention
from analytics.extract.document import Sentence
from analytics.extract.numbers import HURT_DIED, Count
from analytics.extract.ownership import town_of
from analytics.extract.places import PlaceRef
from analytics.extract.records import RecordBuilder
from analytics.extract.weapons import (
    AIR_ATTACK_WORDS,
    LOOSE_WORDS,
    MISSILE_OR_DRONE,
    WeaponMention,
    categories,
    drop_loose,
    systems,
)
from analytics.gazetteer import Gazetteer
from analytics.models import Evidence, StrikeReport

#: One of the hurt died of the wounds: the count of the hurt falls.
_DIED_OF_WOUNDS = re.compile(
    HURT_DIED
    + r"|\b(?:died|passed away) (?:in|at) (?:the )?hospital\b|\b(?:died|succumbed) (?:of|to) (?:his|her|their) (?:injuries|wounds)\b",
    re.IGNORECASE,
)
# Words that say a place was hit (not only that weapons were shot down over it).
_HIT = re.compile(
    r"\b(?:hit|struck|damaged|destroyed (?:a|the|an) (?!drone|missile)|fire broke out|caught fire)\b"
)


def evidence(sentence: Sentence, start: int, end: int) -> Evidence:
    """Evidence for a span of ``sentence`` (offsets in the sentence), cited in the article."""
    return Evidence(sentence.text, sentence.start + start, sentence.start + end)


_OCCUPIED_BEFORE = re.compile(
    r"\b(?:Russian-|Moscow-)?(?:occupied|held|controlled)\s+(?:parts|areas|territories|regions)\s+of\s+(?:[\w-]+\s+){0,4}?$",
    re.IGNORECASE,
)


def finish_record(
    rec: RecordBuilder,
    gaz: Gazetteer,
    published: dt.date,
    article_name: str,
    author: SourceMention | None,
    story_weapons: list[str],
) -> StrikeReport | None:
    """The report of ``rec``, or None when it states no attack or names no place with it.

    ``author`` is the issuer named in a statement's heading (the source when the text names
    none); ``story_weapons`` are the weapon categories of the whole story, for a record whose
    own sentences name no weapon. Each field comes from a function of its own that returns the
    value and where it was read.
    """
    # "ODESA REGION. Drones struck a substation ... A worker was hurt.": the attack and its
    # impact may stand in different sentences.
    if not (rec.strike or (rec.attack_word and rec.impact)) or not rec.anchored:
        return None
    if rec.carried and not rec.counts:
        return None  # its total is its places' (records.hand_total_to_places)
    found: dict[str, Evidence] = {}
    place = place_field(rec, gaz)
    found.update(place.evidence)
    attacker, found_attacker = attacker_field(rec, place.holder)
    figures, found_figures = figures_field(rec)
    weapons = weapons_field(rec, story_weapons)
    # An official the text does not place speaks for the side attacked: who reports an attack's
    # toll is the side it struck ("Russian attacks killed six, officials said": Ukraine's).
    attacked = {"Russia": "UA", "Ukraine": "RU"}.get(attacker, place.holder)
    sources, types, found_sources = sources_field(rec, attacked, author)
    date_evidence = date_field(rec)
    for key, ev in (("attacker", found_attacker), ("sources", found_sources), ("date", date_evidence)):
        if ev is not None:
            found[key] = ev
    found.update(found_figures)
    found.update(weapons.evidence)

    killed, wounded = figures.get("killed"), figures.get("wounded")
    cats = weapons.categories
    region_place = gaz.region(rec.region) if rec.region else None
    geo_place = place.best.place if place.best is not None else gaz.country(rec.country)
    confidence = 0.4 + 0.15 * bool(killed is not None or wounded is not None) + 0.15 * (cats != ["unknown"])
    confidence += 0.15 * (types != ["unattributed"]) + 0.1 * (geo_place.geo_precision == 1)
    return StrikeReport(
        date=rec.date,
        attacker=attacker,
        country=rec.country,
        region=rec.region,
        location=place.location,
        weapons=cats,
        systems=weapons.systems,
        launched=figures.get("launched"),
        intercepted=figures.get("intercepted"),
        killed=killed,
        wounded=wounded,
        sources=sources,
        source_types=types,
        article=article_name,
        published=published,
        date_precision=rec.precision,  # type: ignore[arg-type]
        region_name=region_place.region_name if region_place else "",
        lat=geo_place.lat,
        lon=geo_place.lon,
        geo_precision=geo_place.geo_precision,
        children_killed=figures.get("children_killed"),
        target_type=_target_type(rec.sentences),
        evidence=found,
        confidence=round(min(confidence, 0.95), 2),
        sub_event_type=_sub_event(rec, figures, weapons),
    )


@dataclass
class PlaceField:
    """Where the record's attack fell: its best place, the location text, who holds the place."""

    best: PlaceRef | None
    location: str
    holder: str  # "UA" or "RU"
    evidence: dict[str, Evidence]


def place_field(rec: RecordBuilder, gaz: Gazetteer) -> PlaceField:
    """The most precise place hit (the largest of equal precision), the settlements named (three
    at most) and the side that holds the place on the record's day."""
    # A place inside who says it ("Sumy regional governor") is the speaker's office, not where
    # the attack fell: the best place, and so the side holding it, comes from the others.
    spoken = {(id(s), m.start, m.end) for m, s, _cls in rec.sources}
    hit_places = [
        (p, s) for p, s in rec.places if not any(i == id(s) and a <= p.start < b for i, a, b in spoken)
    ] or rec.places
    if not hit_places:
        return PlaceField(None, "", rec.country, {})
    best, sent = min(hit_places, key=lambda ps: (ps[0].place.geo_precision, -ps[0].place.population))
    found = {"location": evidence(sent, best.start, best.end)}
    found["region"] = found["location"]
    settlements = list(dict.fromkeys(p.place.name for p, _ in hit_places if p.place.kind == "settlement"))
    location = ", ".join(settlements[:3]) if settlements else best.place.name
    holder = gaz.held_by(best.place, rec.date)
    if best.place.kind == "country" and _OCCUPIED_BEFORE.search(sent.text[: best.start]):
        holder = "RU"  # "in Russian-occupied parts of Ukraine": held by the other side
    return PlaceField(best, location, holder, found)


def attacker_field(rec: RecordBuilder, holder: str) -> tuple[str, Evidence | None]:
    """Who attacked: what the text says (the side named most often), else the side opposite to
    who holds the target (GUIDELINES)."""
    votes: dict[str, int] = {}
    found = None
    for cue, sent in rec.attackers:
        votes[cue.side] = votes.get(cue.side, 0) + 1
        found = found or evidence(sent, cue.start, cue.end)
    by_holder = "Russia" if holder == "UA" else "Ukraine"
    if not votes:
        return by_holder, None
    return max(sorted(votes), key=lambda side: (votes[side], side == by_holder)), found


def figures_field(rec: RecordBuilder) -> tuple[dict[str, int], dict[str, Evidence]]:
    """Each kind of figure (launched, intercepted, killed, wounded, children killed) with where it
    was read; a kind the text gives no figure for is absent."""
    counts = _counts(rec)
    values = {kind: value for kind, (value, _c, _s) in counts.items()}
    found = {kind: evidence(sent, c.start, c.end) for kind, (_v, c, sent) in counts.items()}
    return values, found


@dataclass
class WeaponsField:
    """The record's weapon categories and named systems, from the mentions that count."""

    categories: list[str]
    systems: list[str]
    mentions: list[WeaponMention]
    evidence: dict[str, Evidence]


def weapons_field(rec: RecordBuilder, story_weapons: list[str]) -> WeaponsField:
    """Categories in order of first mention, loose attack words left out beside a named weapon;
    the story's one category, else "unknown", when the record's own sentences name none."""
    kept = drop_loose([w for w, _ in rec.weapons], LOOSE_WORDS, systems_only=True)
    kept = drop_loose(kept, AIR_ATTACK_WORDS, over=MISSILE_OR_DRONE)
    cats = categories(kept)
    if "rocket" in cats:
        # Rockets are multiple-launch artillery when the attack names artillery, else missiles.
        rocket_as = "artillery" if "artillery" in cats else "missile"
        cats = list(dict.fromkeys(rocket_as if c == "rocket" else c for c in cats))
    found: dict[str, Evidence] = {}
    for w, sent in rec.weapons:
        if any(w is k for k in kept):
            found.setdefault("weapons", evidence(sent, w.start, w.end))
            if w.system:
                found.setdefault("systems", evidence(sent, w.start, w.end))
    return WeaponsField(cats or list(story_weapons) or ["unknown"], systems(kept), kept, found)


def sources_field(
    rec: RecordBuilder, holder: str, author: SourceMention | None
) -> tuple[list[str], list[str], Evidence | None]:
    """Who the record's facts are attributed to and their types; an official of no named side
    ("the regional governor") speaks for who holds the place; a statement's issuer when the text
    names no one; else "unattributed"."""
    side_official = "russia_official" if holder == "RU" else "ukraine_official"
    sources: list[str] = []
    types: list[str] = []
    found = None
    for m, sent, cls in rec.sources:
        cls = side_official if cls in {"official", "unknown"} else cls
        if not m.pronoun and m.text not in sources:
            sources.append(m.text)
            found = found or evidence(sent, m.start, m.end)
        if cls not in types:
            types.append(cls)
    if not types and author is not None:
        cls = author.source_type
        return [author.text], [side_official if cls == "official" else cls], None
    return sources, types or ["unattributed"], found


def date_field(rec: RecordBuilder) -> Evidence | None:
    """The time expression the record's day was read from; None when it is the publication day
    (the text names no time for it)."""
    if rec.date_evidence is None:
        return None
    sent, s, e = rec.date_evidence
    return evidence(sent, s, e)


def _sub_event(rec: RecordBuilder, figures: dict[str, int], weapons: WeaponsField) -> str:
    """ACLED's sub-event type: disrupted when everything was shot down and nothing is said hit."""
    if (
        figures.get("intercepted") is not None
        and not figures.get("killed")
        and not figures.get("wounded")
        and not any(w.category in {"artillery", "air_strike"} for w in weapons.mentions)
        and not _hit_words(rec)
    ):
        return "Disrupted weapons use"
    if any(c in {"air_strike", "drone"} for c in weapons.categories):
        return "Air/drone strike"
    return "Shelling/artillery/missile attack"


def _counts(rec: RecordBuilder) -> dict[str, tuple[int, Count, Sentence]]:
    """Each kind of figure of the record: its value and the figure and sentence it came from.

    The article's latest figure is its largest (tolls only grow as a story is updated);
    "two more were hurt" adds to the figure of its own sentence ("40 bodies ... one more
    died") or else to the running one. Figures for different towns of one region (two
    attacks, one record) are summed.
    """
    counts: dict[str, tuple[int, Count, Sentence]] = {}
    per_town: dict[str, dict[str | None, int]] = {}
    last_in_sentence: dict[tuple[str, int], tuple[int, str | None]] = {}
    # "Victims" may count the hurt too: it stands for the dead only when no figure of the dead does.
    strict_killed = any(c.kind == "killed" and not c.loose for c, _ in rec.counts)
    # ... and in a story of the hurt only ("12 were injured ... the number of victims rose to
    # 15"), they are the hurt: the word translates the Ukrainian and Russian for "affected".
    victims_hurt = not strict_killed and any(c.kind == "wounded" and not c.bound for c, _ in rec.counts)
    # What "more" adds to: the figure of its kind said just before it in the body. After a figure
    # of another kind ("a man was killed; three more people were hurt") "more" means others, and
    # a headline's figure is the body's own, told first.
    body: dict[str, int] = {}
    body_town: dict[str, str | None] = {}
    last_kind: str | None = None
    current = {c.kind for c, _ in rec.counts if not c.superseded and not c.bound}
    # sentence index -> the index of the sentence at or just before it that tells one of the
    # hurt died of their wounds
    deaths = [s.index for s in rec.sentences if _DIED_OF_WOUNDS.search(s.text)]
    died_of_wounds = {i + k: i for i in deaths for k in (0, 1)}
    # "injuring three more, bringing the number injured to 14": the total the sentence brings
    # it to is the figure; what "more" adds is already in it.
    totals_after = {
        (id(c), s.index)
        for c, s in rec.counts
        if c.additional
        and any(
            o.kind == c.kind
            and not o.additional
            and o.start > c.start
            and o.value > c.value
            and t.index == s.index
            for o, t in rec.counts
        )
    }
    for c, sent in rec.counts:
        if (c.loose and strict_killed) or c.bound or (c.superseded and c.kind in current):
            continue
        if (id(c), sent.index) in totals_after:
            continue
        if c.loose and victims_hurt:
            c = dataclasses.replace(c, kind="wounded", loose=False)
        value = c.value
        # A headline's figure sums the story up ("three killed in Belgorod"): no town's own.
        town = None if sent.is_title else town_of(rec, c, sent)
        if c.additional:
            # "Another man was wounded in X" after a toll of another town is X's own figure.
            before, before_town = last_in_sentence.get((c.kind, sent.index), (None, None))
            base = None if town is not None and before_town not in (None, town) else before
            elsewhere = town is not None and body_town.get(c.kind) not in (None, town)
            if before is None and last_kind == c.kind and not elsewhere:
                base = body.get(c.kind)
            value += base or 0
        last_in_sentence[(c.kind, sent.index)] = (value, town)
        if not sent.is_title:
            body[c.kind] = max(body.get(c.kind, 0), value)
            body_town[c.kind] = town
            last_kind = c.kind
        towns = per_town.setdefault(c.kind, {})
        # ... but for the hurt after one of them died ("one of the injured died in hospital;
        # 18 others remain in hospital"): that figure is the latest, though lower.
        after_death = (
            c.kind == "wounded"
            and not sent.is_title
            and 0 <= sent.index - died_of_wounds.get(sent.index, -9) <= 1
        )
        towns[town] = value if after_death else max(towns.get(town, 0), value)
        if c.kind not in counts or value > counts[c.kind][0] or after_death:
            counts[c.kind] = (value, c, sent)
    for kind, towns in per_town.items():
        named = [v for t, v in towns.items() if t is not None]
        if len(named) > 1 and kind in {"killed", "wounded"}:
            total = max(towns.get(None, 0), sum(named))
            counts[kind] = (total, *counts[kind][1:])
    return counts


def _hit_words(rec: RecordBuilder) -> bool:
    return any(_HIT.search(s.text) for s in rec.sentences)


def _target_type(sentences: list[Sentence]) -> str:
    """The target type whose word comes first in the record's sentences ("unknown" if none)."""
    text = " ".join(s.text for s in sentences).lower()
    best, best_pos = "unknown", len(text) + 1
    for kind, words in lexicon.table("target_types").items():
        for w in words:
            pos = text.find(w)
            if pos != -1 and pos < best_pos:
                best, best_pos = kind, pos
    return best
