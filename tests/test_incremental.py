"""Bulk writes add to what the store's last write left (analytics.store.incremental): the events
come out exactly as a full rebuild makes them, and a write reads its new reports, not every
earlier report of the events they join."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analytics.store.rebuild as store_rebuild
from analytics.models import SOURCE_TYPES, WEAPON_CATEGORIES, Article, Claim, Event, Evidence, StrikeReport
from analytics.store import Item, Store
from analytics.store.merge import PRECISION_RANK, Cluster, Fold, merge_cluster, norm
from analytics.store.schema import record_to_row
from tests.test_store import art, dump, rep

D = dt.date(2024, 1, 3)


def _random_item(rng: random.Random, n: int) -> Item:
    """A report of one strike in Kharkiv, as differently as articles tell it."""
    report = StrikeReport(
        date=D,
        date_precision=rng.choice(["day", "day", "week", "unknown"]),
        attacker="Russia",
        country="UA",
        region="UA-63",
        region_name="Kharkiv Oblast",
        location=rng.choice(["Kharkiv", "", "Kharkiv Oblast"]),
        weapons=rng.choice([["missile"], ["missile", "drone"], [], ["unknown"]]),
        systems=rng.choice([[], ["Iskander-M"], ["Shahed-136", "Kh-101"]]),
        killed=rng.choice([None, 0, 1, 3, 3]),
        wounded=rng.choice([None, 2, 5]),
        launched=rng.choice([None, 10, 12]),
        intercepted=rng.choice([None, 8]),
        children_killed=rng.choice([None, 0, 1]),
        sources=rng.choice([[], ["governor"], ["police", "mayor"]]),
        source_types=rng.choice([[], ["official"], ["official", "media"]]),
        geo_precision=rng.choice([1, 2, 3]),
        target_type=rng.choice(["unknown", "unknown", "residential", "energy"]),
        confidence=rng.choice([0.4, 0.7, 0.7]),
        evidence={"killed": Evidence(sentence=f"killed {n}", start=0, end=1)} if rng.random() < 0.5 else {},
        article_id=f"article-{rng.randrange(40):02d}",
    )
    published = rng.choice([None, D, D + dt.timedelta(days=1), D + dt.timedelta(days=2)])
    return Item(n, rng.randrange(3), report, rng.choice(["", "A", " a ", "B"]), published)


def _reference_merge(cluster: Cluster) -> Event:
    """The merge as it was written before folds: every member read, in canonical order."""
    members = cluster.members

    def latest(attr: str) -> tuple[int | None, Item | None]:
        best: tuple[int, int, Item] | None = None
        for it in members:
            value = getattr(it.report, attr)
            if value is None:
                continue
            key = (it.published.toordinal() if it.published else 0, value)
            if best is None or key > best[:2]:
                best = (key[0], key[1], it)
        return (best[1], best[2]) if best else (None, None)

    def union(lists: Any, order: Any) -> list[str]:
        seen = {x for xs in lists for x in xs if x}
        return [x for x in order if x in seen] + sorted(seen - set(order))

    def best_key(it: Item) -> tuple[Any, ...]:
        r = it.report
        rank = PRECISION_RANK.get(r.date_precision, 9)
        return (0 if it.specific else 1, r.geo_precision, rank, -(r.confidence or 0.0), it.canon)

    b = min(members, key=best_key).report
    ev = Event(**{f.name: getattr(b, f.name) for f in dataclasses.fields(StrikeReport)})
    ev.evidence = dict(b.evidence)
    ev.date = cluster.anchor
    ev.date_precision = min(
        (it.report.date_precision for it in members), key=lambda p: PRECISION_RANK.get(p, 9)
    )
    weapons = union((it.report.weapons for it in members), WEAPON_CATEGORIES)
    ev.weapons = [w for w in weapons if w != "unknown"] or weapons
    ev.systems = sorted({s for it in members for s in it.report.systems if s})
    ev.sources = sorted({s for it in members for s in it.report.sources if s})
    ev.source_types = union((it.report.source_types for it in members), SOURCE_TYPES)
    if ev.target_type == "unknown":
        ev.target_type = next(
            (it.report.target_type for it in members if it.report.target_type != "unknown"), "unknown"
        )
    ev.confidence = max(it.report.confidence or 0.0 for it in members)
    for attr in ("killed", "wounded", "launched", "intercepted", "children_killed"):
        value, giver = latest(attr)
        if attr in ("killed", "wounded"):
            values = [getattr(it.report, attr) for it in members if getattr(it.report, attr) is not None]
            setattr(ev, f"{attr}_low", min(values) if values else None)
            setattr(ev, f"{attr}_high", max(values) if values else None)
            setattr(ev, f"{attr}_best", value)
        setattr(ev, attr, value)
        if giver is not None and attr in giver.report.evidence:
            ev.evidence[attr] = giver.report.evidence[attr]
    ev.number_of_reports = len(members)
    named = {norm(it.outlet) for it in members if norm(it.outlet)}
    ev.number_of_outlets = len(named) + len({it.article_id for it in members if not norm(it.outlet)})
    claims = [
        Claim(
            it.rid,
            it.article_id,
            it.outlet,
            it.published,
            it.report.killed,
            it.report.wounded,
            list(it.report.sources),
            list(it.report.source_types),
        )
        for it in members
    ]
    claims.sort(key=lambda c: (c.published or dt.date.min, c.outlet, c.article_id, c.report_id or 0))
    ev.claims = claims
    ev.review_status = "auto"
    return ev


def test_a_fold_merges_as_every_member_read_in_order_did() -> None:
    """The fold's event equals the one the plain merge makes of the members, whatever order they
    are added in and however they are split into folds combined afterwards; the claims column
    joined from kept fragments equals the one encoded whole."""
    rng = random.Random(11)
    for _ in range(300):
        items = [_random_item(rng, n) for n in range(rng.randint(1, 30))]
        expected = record_to_row(_reference_merge(Cluster(D, list(items))))
        assert record_to_row(merge_cluster(Cluster(D, list(items)))) == expected
        shuffled = list(items)
        rng.shuffle(shuffled)
        cut = rng.randint(0, len(shuffled))
        folds = [Fold(fragments=True), Fold(fragments=True)]
        for i, it in enumerate(shuffled):
            folds[i >= cut].add(it)
        whole = Fold(fragments=True)
        for fold in folds:
            if fold.count:
                whole.absorb(fold)
        plain = Fold()
        for it in reversed(shuffled):
            plain.add(it)
        assert record_to_row(plain.event(D)) == expected
        row = record_to_row(whole.event(D, claims=False))
        row["claims"] = whole.claims_json()
        assert row == expected


# A bulk file's rows: few strikes, each told by many rows, some a day off, some only to the week,
# some naming the region, not the town; two strikes on one day in one town with other weapons.
TOWNS = [
    ("UA-63", "Kharkiv Oblast", "Kharkiv"),
    ("UA-63", "Kharkiv Oblast", "Chuhuiv"),
    ("UA-51", "Odesa Oblast", "Odesa"),
]


def _rows(rng: random.Random, n: int) -> list[tuple[Article, list[StrikeReport]]]:
    out = []
    for i in range(n):
        region, region_name, town = rng.choice(TOWNS)
        reports = [
            rep(
                date=D + dt.timedelta(days=rng.choice([0, 0, 0, 1, 3, 6])),
                date_precision=rng.choice(["day"] * 6 + ["week", "unknown"]),
                region=region,
                region_name=region_name,
                location=rng.choice([town, town, town, region_name, ""]),
                weapons=rng.choice([["missile"], ["missile"], ["drone"], []]),
                killed=rng.choice([None, 1, 2, 4]),
                confidence=rng.choice([0.5, 0.8]),
                geo_precision=rng.choice([1, 2]),
            )
            for _ in range(rng.choice([1, 1, 1, 2]))
        ]
        published = D + dt.timedelta(days=rng.randrange(5))
        out.append(
            (art(f"row {i} of the export", outlet=rng.choice(["", "A", "B"]), published=published), reports)
        )
    return out


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), sizes=st.lists(st.integers(1, 40), min_size=1, max_size=6))
def test_batches_of_a_dense_file_give_the_events_of_a_full_rebuild(seed: int, sizes: list[int]) -> None:
    rng = random.Random(seed)
    rows = _rows(rng, sum(sizes))
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "batches.db") as s:
            at = 0
            for size in sizes:
                s.add_articles(rows[at : at + size])
                at += size
            assert s.check() == []
            batched = dump(s)
            s.rebuild_events()
            assert dump(s) == batched
        with Store(Path(tmp) / "one-by-one.db") as s:
            for row in reversed(rows):
                s.add_article(*row)
            assert dump(s) == batched


def test_a_write_reads_its_new_reports_not_every_report_of_its_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One strike told by 300 rows, then one row more: the write reads that row's report, not the
    300 before it (a dense bulk file slowed down as its events grew)."""
    read: list[int] = []
    original = store_rebuild._items

    def counting(*args: Any, **kwargs: Any) -> list[Item]:
        found = original(*args, **kwargs)
        read.append(len(found))
        return found

    monkeypatch.setattr(store_rebuild, "_items", counting)
    with Store(tmp_path / "dense.db") as s:
        rows = [(art(f"row {i}"), [rep(killed=i % 4)]) for i in range(301)]
        for at in range(0, 300, 100):
            s.add_articles(rows[at : at + 100])
        read.clear()
        (result,) = s.add_articles(rows[300:])
        assert result.status == "new" and result.events == 1
        assert sum(read) <= 2, read  # its own report (once to insert it into the index)
        (event,) = s.events()
        assert event.number_of_reports == 301 and len(event.claims) == 301


def test_a_write_by_another_store_is_not_missed(tmp_path: Path) -> None:
    """Two stores on one file: each write starts from what the file holds, not from what its own
    store wrote last."""
    rows = [(art(f"row {i}"), [rep(killed=i)]) for i in range(6)]
    with Store(tmp_path / "s.db") as one, Store(tmp_path / "s.db") as two:
        one.add_articles(rows[:2])
        two.add_articles(rows[2:4])
        one.add_articles(rows[4:])
        (event,) = one.events()
        assert event.number_of_reports == 6 and event.killed_high == 5
        assert sorted(c.killed for c in event.claims) == list(range(6))
        before = dump(one)
        one.rebuild_events()
        assert dump(one) == before


def test_a_correction_in_the_window_is_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.add_articles([(art(f"row {i}"), [rep(killed=1)]) for i in range(3)])
        (event,) = s.events()
        s.correct_event(event.event_id, "killed", 7)
        s.add_articles([(art(f"row {i}"), [rep(killed=2)]) for i in range(3, 6)])
        (event,) = s.events()
        assert event.killed == 7 and event.number_of_reports == 6
        s.add_articles([(art(f"row {i}"), [rep(killed=2)]) for i in range(6, 9)])
        (event,) = s.events()
        assert event.killed == 7 and event.number_of_reports == 9


def test_a_failed_write_leaves_nothing_behind_in_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "s.db") as s:
        s.add_articles([(art(f"row {i}"), [rep(killed=1)]) for i in range(3)])

        def boom(*args: Any) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store_rebuild, "fast_window", boom)
        with pytest.raises(RuntimeError):
            s.add_articles([(art("row 3"), [rep(killed=9)])])
        monkeypatch.undo()
        s.add_articles([(art("row 4"), [rep(killed=2)])])
        (event,) = s.events()
        assert event.number_of_reports == 4 and event.killed_high == 2
        assert [dataclasses.astuple(c)[4] for c in event.claims].count(9) == 0
