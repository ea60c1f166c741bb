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
unions of ``weapons``/``systems``/``sources``/``source_types``/``languages`` (the articles'
languages, sorted), ``killed_low``/``killed_high`` = min/max of the reports' figures and
``killed_best`` (= ``killed``) = the figure of the report from the latest-published article
(ties: the higher figure); the same for ``wounded``, and the latest-credible rule for
``launched``, ``intercepted`` and ``children_killed``. Its id is a hash of
``country|region|attacker|date|best location`` (with a counter for two events sharing that).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from analytics.models import (
    DATE_PRECISIONS,
    SOURCE_TYPES,
    WEAPON_CATEGORIES,
    Claim,
    DatePrecision,
    Event,
    StrikeReport,
    claim_to_json,
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


#: The figures whose event value is the latest-published report's (ties: the higher figure).
_LATEST = ("killed", "wounded", "launched", "intercepted", "children_killed")
#: ... of which these also keep their lowest and highest figure.
_RANGED = ("killed", "wounded")


def _ordered(seen: set[str], order: Sequence[str]) -> list[str]:
    known = [x for x in order if x in seen]
    return known + sorted(seen - set(order))


def _best_key(it: Item) -> tuple[Any, ...]:
    r = it.report
    return (
        0 if it.specific else 1,
        r.geo_precision,
        PRECISION_RANK.get(r.date_precision, 9),
        -(r.confidence or 0.0),
        it.canon,
    )


def _claim_key(claim: Claim) -> tuple[Any, ...]:
    return (claim.published or dt.date.min, claim.outlet, claim.article_id, claim.report_id or 0)


def claim_json(claim: Claim) -> str:
    """One claim as it stands in an event's ``claims`` column (one element of its JSON list)."""
    return json.dumps(claim_to_json(claim), ensure_ascii=False)


class Fold:
    """What :func:`merge_cluster` makes of a cluster's reports, as aggregates that take one report
    at a time (:meth:`add`) and combine (:meth:`absorb`), in any order: the best report, the
    unions, the lowest, highest and latest figures, the outlets, the claims in their order.

    Every choice among reports ends on the canonical order (``Item.canon``) where the plain rule
    would take the first in that order, so the event is the same whatever order the reports
    came in. That is what lets a write add its new reports to an event's fold instead of
    merging every report of the event again (:mod:`analytics.store.incremental`).
    With ``fragments``, each claim is kept as its JSON text instead, so the ``claims`` column of
    an event of thousands of reports is joined, not encoded again, at each write (and the text
    is a third of the memory of the claim)."""

    def __init__(self, fragments: bool = False) -> None:
        self.count = 0
        self.best: Item | None = None
        self.best_key: tuple[Any, ...] = ()
        self.precision: tuple[int, tuple[Any, ...], DatePrecision] | None = None
        self.weapons: set[str] = set()
        self.systems: set[str] = set()
        self.sources: set[str] = set()
        self.source_types: set[str] = set()
        self.languages: set[str] = set()
        self.target: tuple[tuple[Any, ...], str] | None = None
        self.confidence: float | None = None
        self.low: dict[str, int] = {}
        self.high: dict[str, int] = {}
        #: figure -> (publication ordinal, value, canon, the report), the latest-published one
        self.latest: dict[str, tuple[int, int, tuple[Any, ...], Item]] = {}
        self.named: set[str] = set()
        self.unnamed: set[str] = set()
        #: (sort key, the claim or, with fragments, its JSON text), in the claims' order
        self.claims: list[tuple[tuple[Any, ...], Any]] = []
        self.fragments = fragments

    def add(self, it: Item) -> None:
        r = it.report
        self.count += 1
        key = _best_key(it)
        if self.best is None or key < self.best_key:
            self.best, self.best_key = it, key
        prec = (PRECISION_RANK.get(r.date_precision, 9), it.canon, r.date_precision)
        if self.precision is None or prec < self.precision:
            self.precision = prec
        self.weapons.update(w for w in r.weapons if w)
        self.systems.update(s for s in r.systems if s)
        self.sources.update(s for s in r.sources if s)
        self.source_types.update(s for s in r.source_types if s)
        self.languages.update(s for s in r.languages if s)
        if r.target_type != "unknown" and (self.target is None or it.canon < self.target[0]):
            self.target = (it.canon, r.target_type)
        conf = r.confidence or 0.0
        self.confidence = conf if self.confidence is None else max(self.confidence, conf)
        pub = it.published.toordinal() if it.published else 0
        for attr in _LATEST:
            value = getattr(r, attr)
            if value is None:
                continue
            if attr in _RANGED:
                self.low[attr] = min(self.low.get(attr, value), value)
                self.high[attr] = max(self.high.get(attr, value), value)
            self._latest(attr, (pub, value, it.canon, it))
        outlet = norm(it.outlet)
        if outlet:
            self.named.add(outlet)
        else:
            self.unnamed.add(it.article_id)
        claim = Claim(
            report_id=it.rid,
            article_id=it.article_id,
            outlet=it.outlet,
            published=it.published,
            killed=r.killed,
            wounded=r.wounded,
            sources=list(r.sources),
            source_types=list(r.source_types),
        )
        ckey = _claim_key(claim)
        at = bisect.bisect(self.claims, ckey, key=lambda c: c[0])
        self.claims.insert(at, (ckey, claim_json(claim) if self.fragments else claim))

    def _latest(self, attr: str, cand: tuple[int, int, tuple[Any, ...], Item]) -> None:
        # the latest-published figure, the higher one on a tie, then the first in canonical order
        cur = self.latest.get(attr)
        if cur is None or cand[:2] > cur[:2] or (cand[:2] == cur[:2] and cand[2] < cur[2]):
            self.latest[attr] = cand

    def absorb(self, other: Fold) -> None:
        """Add every report of ``other`` (a fold of other reports) to this one."""
        self.count += other.count
        if other.best is not None and (self.best is None or other.best_key < self.best_key):
            self.best, self.best_key = other.best, other.best_key
        if other.precision is not None and (self.precision is None or other.precision < self.precision):
            self.precision = other.precision
        for mine, theirs in (
            (self.weapons, other.weapons),
            (self.systems, other.systems),
            (self.sources, other.sources),
            (self.source_types, other.source_types),
            (self.languages, other.languages),
            (self.named, other.named),
            (self.unnamed, other.unnamed),
        ):
            mine |= theirs
        if other.target is not None and (self.target is None or other.target[0] < self.target[0]):
            self.target = other.target
        if other.confidence is not None:
            self.confidence = (
                other.confidence if self.confidence is None else max(self.confidence, other.confidence)
            )
        for attr, value in other.low.items():
            self.low[attr] = min(self.low.get(attr, value), value)
        for attr, value in other.high.items():
            self.high[attr] = max(self.high.get(attr, value), value)
        for attr, cand in other.latest.items():
            self._latest(attr, cand)
        assert self.fragments == other.fragments, "folds of claims and of their text do not mix"
        # two sorted runs: Timsort merges them in one linear pass, in C
        self.claims = sorted(self.claims + other.claims, key=operator.itemgetter(0))

    def event(self, anchor: dt.date | None, claims: bool = True) -> Event:
        """The merged event (its ``event_id`` is set by the caller); without ``claims`` (always,
        for a fold of fragments), its claims are left empty (the caller writes :meth:`claims_json`)."""
        assert not (claims and self.fragments), "a fold of fragments gives its claims as text"
        assert self.best is not None and self.precision is not None, "an empty cluster"
        b = self.best.report
        ev = Event(**{name: getattr(b, name) for name in _REPORT_FIELDS})
        ev.evidence = dict(b.evidence)
        ev.date = anchor
        ev.date_precision = self.precision[2]
        weapons = _ordered(self.weapons, WEAPON_CATEGORIES)
        ev.weapons = [w for w in weapons if w != "unknown"] or weapons
        ev.systems = sorted(self.systems)
        ev.sources = sorted(self.sources)
        ev.source_types = _ordered(self.source_types, SOURCE_TYPES)
        ev.languages = sorted(self.languages)
        if ev.target_type == "unknown" and self.target is not None:
            ev.target_type = self.target[1]
        ev.confidence = self.confidence if self.confidence is not None else 0.0
        for attr in _LATEST:
            found = self.latest.get(attr)
            latest = found[1] if found else None
            if attr in _RANGED:
                setattr(ev, f"{attr}_low", self.low.get(attr))
                setattr(ev, f"{attr}_high", self.high.get(attr))
                setattr(ev, f"{attr}_best", latest)
            setattr(ev, attr, latest)
            if found is not None and attr in found[3].report.evidence:
                ev.evidence[attr] = found[3].report.evidence[attr]
        ev.number_of_reports = self.count
        ev.number_of_outlets = len(self.named) + len(self.unnamed)
        ev.claims = [c for _, c in self.claims] if claims else []
        ev.review_status = "auto"
        return ev

    def claims_json(self) -> str:
        """The ``claims`` column of the event: the kept fragments joined as ``json.dumps`` would."""
        assert self.fragments, "a fold made without fragments"
        return "[" + ", ".join(map(operator.itemgetter(1), self.claims)) + "]"


_REPORT_FIELDS = tuple(f.name for f in dataclasses.fields(StrikeReport))


def merge_cluster(cluster: Cluster) -> Event:
    """The event of one cluster (its ``event_id`` is set by the caller)."""
    fold = Fold()
    for it in cluster.members:
        fold.add(it)
    return fold.event(cluster.anchor)


def assign_event_ids(events: list[Event]) -> None:
    """Stable ids: a hash of country|region|attacker|date|best location (+ a counter on a tie)."""
    used: dict[str, int] = {}
    for ev in events:
        base = f"{ev.country}|{ev.region}|{ev.attacker}|{ev.date.isoformat() if ev.date else ''}|{norm(ev.location)}"
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}|{n + 1}"
        ev.event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
