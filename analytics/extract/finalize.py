"""Finalize: rules over the finished records of one article (after assembly).

These look at whole records, or at records side by side, which no single sentence can: an
attack whose day the text never resolves is no record, and a national total that the article
also splits by region is carried by the regional records alone (GUIDELINES, "Settled judgment
calls").
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from analytics.gazetteer import load_gazetteer
from analytics.models import StrikeReport

_FIGURES = ("launched", "intercepted")


def _same_side(part: StrikeReport, national: StrikeReport) -> bool:
    """Whether a regional record is a part of a national record's tally: the same country, or
    the same attacker (Russia's count of a night includes the drones it downed over Crimea)."""
    known = "unknown" not in (part.attacker, national.attacker)
    return part.country == national.country if not known else part.attacker == national.attacker


def drop_split_national_totals(reports: list[StrikeReport]) -> list[StrikeReport]:
    """Drop a ``region: null`` record whose launched/intercepted figures the article's regional
    records of the same country and day add up to exactly; keep it when it holds anything the
    regional records do not (a toll, or a figure that does not add up)."""
    regional: dict[object, list[StrikeReport]] = defaultdict(list)
    for r in reports:
        if r.region is not None:
            regional[r.date].append(r)
    kept = []
    for r in reports:
        if r.region is not None or r.killed is not None or r.wounded is not None:
            kept.append(r)
            continue
        parts = [p for p in regional.get(r.date, []) if _same_side(p, r)]
        parts += _listed_beside(parts, [p for p in reports if p.region is not None and p.date != r.date])
        # (a region's figure told apart from the list, "two were downed over Sevastopol, its
        # governor said", may be no item of the ministry's breakdown)
        if any(_split_in_full(r, split) for split in (parts, _listed(parts)) if len(split) >= 2):
            continue
        kept.append(r)
    return kept


def _split_in_full(national: StrikeReport, parts: list[StrikeReport]) -> bool:
    sums = {f: sum(getattr(p, f) or 0 for p in parts) for f in _FIGURES}
    figures = {f: getattr(national, f) for f in _FIGURES if getattr(national, f) is not None}
    # "launched 30 drones ... 20 downed over A, 10 over B": a total the parts hold as
    # the other figure, none of its own kind, is split in full too
    # "12 over Crimea, 6 over Kursk and the remaining drones over Belgorod and Bryansk":
    # places told to hold the rest complete the split
    rest = any(_the_rest(p) for p in parts)
    return bool(figures) and all(
        sums[f] == v
        or (sums[f] == 0 and any(sums[g] == v for g in _FIGURES if g != f))
        or (rest and 0 < sums[f] < v)
        for f, v in figures.items()
    )


def _listed(parts: list[StrikeReport]) -> list[StrikeReport]:
    """The parts whose figure is an item of a breakdown: a sentence giving figures of two
    places or more ("17 over the Bryansk region, 11 over the Kaluga region")."""
    where = {id(p): p.evidence[f].sentence for p in parts for f in _FIGURES if f in p.evidence}
    told = list(where.values())
    return [p for p in parts if id(p) in where and told.count(where[id(p)]) >= 2]


# ("the rest were downed over the Oryol region"; "the rest of the country" is no share of the total)
_THE_REST = re.compile(
    r"\b(?:the\s+(?:remaining|rest|remainder)(?!\s+of\b)|the\s+others)\b[^.;:]{0,40}?\b(?:over|above|in)\s+the\b",
    re.IGNORECASE,
)


def _the_rest(part: StrikeReport) -> bool:
    """A regional record with no figure of its own, named where the text gives it the rest."""
    where = part.evidence.get("region")
    no_figure = all(getattr(part, f) is None for f in _FIGURES)
    return no_figure and where is not None and _THE_REST.search(where.sentence) is not None


def _listed_beside(parts: list[StrikeReport], others: list[StrikeReport]) -> list[StrikeReport]:
    """Records of another day whose figure comes from the same breakdown sentence as a part's
    ("9 over Saratov, 3 over Kursk..."): the item of that list merged into its region's record
    of the next morning is still an item of the night's list."""
    listed = {p.evidence[f].sentence for p in parts for f in _FIGURES if f in p.evidence}
    return [o for o in others if any(f in o.evidence and o.evidence[f].sentence in listed for f in _FIGURES)]


def drop_dayless(reports: list[StrikeReport]) -> list[StrikeReport]:
    """Drop records whose day the text does not resolve ("last week", "in March"): an attack
    without a resolvable day is no record (GUIDELINES, "Settled judgment calls")."""
    return [r for r in reports if r.date_precision not in ("week", "month")]


def lend_the_night_s_weapons(reports: list[StrikeReport]) -> list[StrikeReport]:
    """A region named in a night's barrage with no weapon of its own ("homes were also
    damaged in the Vinnytsia region") was hit by that barrage: it takes the weapons of the
    country's ``region: null`` record of the same day, which names what the night was made of."""
    national = {
        (r.country, r.date): r for r in reports if r.region is None and r.weapons and r.weapons != ["unknown"]
    }
    out = []
    for r in reports:
        night = national.get((r.country, r.date))
        if r.region is not None and r.weapons == ["unknown"] and night is not None:
            evidence = dict(r.evidence)
            if "weapons" in night.evidence:
                evidence["weapons"] = night.evidence["weapons"]
            r = dataclasses.replace(r, weapons=list(night.weapons), evidence=evidence)
        out.append(r)
    return out


def drop_containing_region_echoes(reports: list[StrikeReport]) -> list[StrikeReport]:
    """Drop a record of a region that contains another record's region on the same day
    (regions.csv "within": Crimea around Sevastopol) when it names no place and holds no figure
    of its own: "Sunday's attack on Crimea", told beside Sevastopol's record, is that attack."""
    gaz = load_gazetteer()
    inner = {(gaz.within(r.region), r.date) for r in reports if r.region and gaz.within(r.region)}
    return [
        r
        for r in reports
        if not (
            (r.region, r.date) in inner
            and r.location == r.region_name
            and all(getattr(r, f) is None for f in ("launched", "intercepted", "killed", "wounded"))
        )
    ]


def drop_unsupported(reports: list[StrikeReport]) -> list[StrikeReport]:
    """Drop a record that has no day told for it, no figure and no one who says it: news of an
    attack tells at least one of when, how many or who says so; a bare "the centre of the town
    was destroyed by shelling" describes the state of a place (background), not a report."""
    return [
        r
        for r in reports
        if "date" in r.evidence
        or r.date != r.published  # a day the text spoke of before (a list under a dated heading)
        or r.source_types != ["unattributed"]
        or any(getattr(r, f) is not None for f in ("launched", "intercepted", "killed", "wounded"))
    ]


#: The stages, in order; each takes and returns the article's records.
STAGES = (
    drop_dayless,
    drop_unsupported,
    lend_the_night_s_weapons,
    drop_split_national_totals,
    drop_containing_region_echoes,
)


def finalize(reports: list[StrikeReport]) -> list[StrikeReport]:
    """Run every finalize stage over one article's records."""
    for stage in STAGES:
        reports = stage(reports)
    return reports
