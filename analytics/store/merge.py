"""How reports become events: the pure clustering and merge (no SQL).

The rule (deterministic and independent of ingest order; see :func:`cluster_reports`):
reports are grouped by ``(country, region, attacker)``; ``region`` null forms its own group per
country. Within a group, *day-precise* reports of the same date are clustered greedily in a
canonical order (date, precision, location, weapons, article id, position in the article): a
report joins the first cluster all of whose members are compatible with it, else starts one.
Two reports are compatible when their places are (same location, case-insensitive, or either one
is region-level: no location, or the location is the region's name) and their weapons are (they
share a category, or either names none / only ``unknown``). A report whose date is only
week- or month-precise, or of ``unknown`` precision with a placeholder date, then joins the first
compatible day-precise cluster of its own date, else of the day before, else of the day after
(compatibility checked against that cluster's day-precise members); failing that it is clustered
with the other imprecise reports of its own date. Reports without a date are clustered among
themselves (as day-precise ones of "no date"). So day-precise reports merge only on the same day,
and an imprecise one within one day. Each cluster is one event, anchored on its date, with the
finest precision of its members (day < week < month < unknown).

The event takes its place and description from its best report (a specific location before a
region-level one, then lower ``geo_precision``, finer date precision, higher confidence), the
unions of ``weapons``/``systems``/``sources``/``source_types``, ``killed_low``/``killed_high`` =
min/max of the reports' figures and ``killed_best`` (= ``killed``) = the figure of the report
from the latest-published article (ties: the higher figure); the same for ``wounded``, and the
latest-credible rule for ``launched``, ``intercepted`` and ``children_killed``. Its id is a hash of
``country|region|attacker|date|best location`` (with a counter for two events sharing that).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from analytics.models import (
    DATE_PRECISIONS,
    SOURCE_TYPES,
    WEAPON_CATEGORIES,
    Claim,
    Event,
    StrikeReport,
    join_list,
)

PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}


def norm(text: str | None) -> str:
    """Text compared case- and space-insensitively (places, outlets)."""
    return " ".join((text or "").casefold().split())


@dataclass
class Item:
    """One report with what merging needs from its article."""

    rid: int
    ordinal: int
    report: StrikeReport
    outlet: str
    published: dt.date | None
    #: What the item was made from (its stored row): equal keys, equal items.
    key: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @property
    def article_id(self) -> str:
        return self.report.article_id

    @cached_property
    def canon(self) -> tuple[Any, ...]:
        r = self.report
        return (
            r.date.isoformat() if r.date else "",
            PRECISION_RANK.get(r.date_precision, 9),
            norm(r.location),
            join_list(sorted(r.weapons)),
            r.article_id,
            self.ordinal,
        )

    @cached_property
    def place(self) -> str:
        """The normalised location, compared between reports."""
        return norm(self.report.location)

    @cached_property
    def specific(self) -> bool:
        return bool(self.place) and self.place != norm(self.report.region_name)

    @cached_property
    def weapon_set(self) -> frozenset[str]:
        """The weapon categories named (``unknown`` is none)."""
        return frozenset(self.report.weapons) - {"unknown"}

    @property
    def is_seed(self) -> bool:
        return self.report.date is None or self.report.date_precision == "day"


@dataclass
class Cluster:
    """The reports of one event: its day-precise ``seeds`` and the imprecise ``extra`` ones that
    joined them. What a report must be compatible with is summed up as the seeds are added
    (``place``, ``weapon_sets``), so joining costs the number of distinct weapon sets, not the
    number of reports: a strike reported a thousand times clusters in linear time."""

    anchor: dt.date | None
    seeds: list[Item] = field(default_factory=list)
    extra: list[Item] = field(default_factory=list)
    #: The place every specific seed names (they all name the same one), None if none does.
    place: str | None = None
    #: The distinct non-empty weapon sets of the seeds.
    weapon_sets: set[frozenset[str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        seeds, self.seeds = self.seeds, []
        for it in seeds:
            self.add_seed(it)

    def add_seed(self, it: Item) -> None:
        self.seeds.append(it)
        if it.specific:
            self.place = it.place
        if it.weapon_set:
            self.weapon_sets.add(it.weapon_set)

    def accepts(self, it: Item) -> bool:
        """Whether ``it`` is compatible with every seed: their places are (the same location, or
        either one region-level) and their weapons are (a shared category, or either none)."""
        if it.specific and self.place is not None and it.place != self.place:
            return False
        return not it.weapon_set or all(it.weapon_set & ws for ws in self.weapon_sets)

    @property
    def members(self) -> list[Item]:
        return sorted(self.seeds + self.extra, key=lambda it: it.canon)


def _greedy(items: list[Item], anchor: dt.date | None) -> list[Cluster]:
    clusters: list[Cluster] = []
    for it in items:
        for cl in clusters:
            if cl.accepts(it):
                cl.add_seed(it)
                break
        else:
            clusters.append(Cluster(anchor, [it]))
    return clusters


def cluster_reports(items: Sequence[Item]) -> list[Cluster]:
    """Cluster one group's reports (same country, region, attacker) into events; see the module doc.

    The result depends only on the set of items, never on their order.
    """
    ordered = sorted(items, key=lambda it: it.canon)
    seeds: dict[dt.date | None, list[Item]] = {}
    loose: list[Item] = []
    for it in ordered:
        if it.is_seed:
            seeds.setdefault(it.report.date, []).append(it)
        else:
            loose.append(it)
    by_date = {d: _greedy(its, d) for d, its in seeds.items()}
    leftovers: dict[dt.date, list[Item]] = {}
    one = dt.timedelta(days=1)
    for it in loose:
        d = it.report.date
        assert d is not None
        placed = False
        for cand in (d, d - one, d + one):
            for cl in by_date.get(cand, ()):
                if cl.accepts(it):
                    cl.extra.append(it)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            leftovers.setdefault(d, []).append(it)
    out = [cl for cls in by_date.values() for cl in cls]
    for d, its in leftovers.items():
        out.extend(_greedy(its, d))
    out.sort(key=lambda cl: (cl.anchor.isoformat() if cl.anchor else "", cl.members[0].canon))
    return out


def _latest(members: list[Item], attr: str) -> tuple[int | None, Item | None]:
    """The figure of the report from the latest-published article (ties: the higher figure)."""
    best: tuple[int, int, Item] | None = None
    for it in members:
        value = getattr(it.report, attr)
        if value is None:
            continue
        key = (it.published.toordinal() if it.published else 0, value)
        if best is None or key > best[:2]:
            best = (key[0], key[1], it)
    return (best[1], best[2]) if best else (None, None)


def _ordered_union(lists: Iterable[list[str]], order: Sequence[str]) -> list[str]:
    seen = {x for xs in lists for x in xs if x}
    known = [x for x in order if x in seen]
    return known + sorted(seen - set(order))


def _outlets(members: list[Item]) -> int:
    named = {norm(it.outlet) for it in members if norm(it.outlet)}
    unnamed = {it.article_id for it in members if not norm(it.outlet)}
    return len(named) + len(unnamed)


def _best_key(it: Item) -> tuple[Any, ...]:
    r = it.report
    return (
        0 if it.specific else 1,
        r.geo_precision,
        PRECISION_RANK.get(r.date_precision, 9),
        -(r.confidence or 0.0),
        it.canon,
    )


def merge_cluster(cluster: Cluster) -> Event:
    """The event of one cluster (its ``event_id`` is set by the caller)."""
    members = cluster.members
    best = min(members, key=_best_key)
    b = best.report
    ev = Event(**{f.name: getattr(b, f.name) for f in dataclasses.fields(StrikeReport)})
    ev.evidence = dict(b.evidence)
    ev.date = cluster.anchor
    ev.date_precision = min(
        (it.report.date_precision for it in members), key=lambda p: PRECISION_RANK.get(p, 9)
    )
    weapons = _ordered_union((it.report.weapons for it in members), WEAPON_CATEGORIES)
    ev.weapons = [w for w in weapons if w != "unknown"] or weapons
    ev.systems = sorted({s for it in members for s in it.report.systems if s})
    ev.sources = sorted({s for it in members for s in it.report.sources if s})
    ev.source_types = _ordered_union((it.report.source_types for it in members), SOURCE_TYPES)
    if ev.target_type == "unknown":
        ev.target_type = next(
            (it.report.target_type for it in members if it.report.target_type != "unknown"), "unknown"
        )
    ev.confidence = max(it.report.confidence or 0.0 for it in members)
    for attr in ("killed", "wounded"):
        values = [getattr(it.report, attr) for it in members if getattr(it.report, attr) is not None]
        latest, giver = _latest(members, attr)
        setattr(ev, f"{attr}_low", min(values) if values else None)
        setattr(ev, f"{attr}_high", max(values) if values else None)
        setattr(ev, f"{attr}_best", latest)
        setattr(ev, attr, latest)
        if giver is not None and attr in giver.report.evidence:
            ev.evidence[attr] = giver.report.evidence[attr]
    for attr in ("launched", "intercepted", "children_killed"):
        latest, giver = _latest(members, attr)
        setattr(ev, attr, latest)
        if giver is not None and attr in giver.report.evidence:
            ev.evidence[attr] = giver.report.evidence[attr]
    ev.number_of_reports = len(members)
    ev.number_of_outlets = _outlets(members)
    claims = [
        Claim(
            report_id=it.rid,
            article_id=it.article_id,
            outlet=it.outlet,
            published=it.published,
            killed=it.report.killed,
            wounded=it.report.wounded,
            sources=list(it.report.sources),
            source_types=list(it.report.source_types),
        )
        for it in members
    ]
    claims.sort(key=lambda c: (c.published or dt.date.min, c.outlet, c.article_id, c.report_id or 0))
    ev.claims = claims
    ev.review_status = "auto"
    return ev


def assign_event_ids(events: list[Event]) -> None:
    """Stable ids: a hash of country|region|attacker|date|best location (+ a counter on a tie)."""
    used: dict[str, int] = {}
    for ev in events:
        base = f"{ev.country}|{ev.region}|{ev.attacker}|{ev.date.isoformat() if ev.date else ''}|{norm(ev.location)}"
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}|{n + 1}"
        ev.event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
