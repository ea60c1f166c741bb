"""The merge of reports into events at scale: the cluster summary decides as the pairwise rule
does, and a strike reported many times costs linear work."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import pytest

from analytics.models import Article, StrikeReport, article_id
from analytics.store import Item, Store, cluster_reports
from analytics.store.merge import Cluster

PLACES = ["Odesa", "odesa ", "Izmail", "", "Odesa Oblast"]
WEAPONS = [[], ["drone"], ["missile"], ["drone", "missile"], ["unknown"], ["unknown", "drone"]]


def _item(n: int, place: str, weapons: list[str]) -> Item:
    report = StrikeReport(
        date=dt.date(2024, 3, 2),
        attacker="Russia",
        country="UA",
        region="UA-51",
        location=place,
        weapons=weapons,
        region_name="Odesa Oblast",
        article_id=f"a{n}",
    )
    return Item(n, 0, report, "", None)


def _pairwise(it: Item, seeds: list[Item]) -> bool:
    """The rule as the module doc states it, one pair at a time."""
    for m in seeds:
        if it.specific and m.specific and it.place != m.place:
            return False
        if it.weapon_set and m.weapon_set and not it.weapon_set & m.weapon_set:
            return False
    return True


def test_the_cluster_summary_decides_as_every_pair_would() -> None:
    items = [_item(i, p, w) for i, (p, w) in enumerate(itertools.product(PLACES, WEAPONS))]
    rng = random.Random(7)
    for _ in range(300):
        seeds: list[Item] = []
        for it in rng.sample(items, rng.randint(1, 6)):
            if _pairwise(it, seeds):
                seeds.append(it)
        cluster = Cluster(None, list(seeds))
        for it in items:
            assert cluster.accepts(it) == _pairwise(it, seeds), (it.report.location, it.report.weapons)


def test_many_reports_of_one_strike_make_one_event_in_any_order() -> None:
    items = [_item(i, PLACES[i % 2], [["drone"], []][i % 2]) for i in range(400)]
    forward = cluster_reports(items)
    backward = cluster_reports(list(reversed(items)))
    assert len(forward) == 1 and len(forward[0].members) == 400
    assert [it.rid for it in forward[0].members] == [it.rid for it in backward[0].members]


@pytest.mark.slow
def test_a_thousand_reports_of_one_strike_are_one_event(tmp_path: Path) -> None:
    """Ingest of one widely reported strike: each article's write sees every earlier report
    (the bench, bench/bench_merge.py, times it)."""
    with Store(tmp_path / "many.db") as store:
        for i in range(1000):
            text = f"Report {i} of the drone strike on Odesa on 2 March 2024."
            article = Article(
                id=article_id(text),
                title=f"r{i}",
                outlet=f"o{i % 30}",
                text=text,
                published=dt.date(2024, 3, 2) + dt.timedelta(days=i % 4),
            )
            store.add_article(article, [_item(i, "Odesa" if i % 3 else "", ["drone"]).report])
        (event,) = store.events()
        assert event.number_of_reports == 1000 and event.number_of_outlets == 30
        assert len(event.claims) == 1000


def test_the_merged_event_cache_is_bounded_by_reports_not_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every report of one strike makes a new cluster (a new cache entry) whose event is as big
    as its reports: the cache counts reports, so memory stays linear."""
    from analytics.store import rebuild

    monkeypatch.setattr(rebuild, "_MERGED", type(rebuild._MERGED)())
    monkeypatch.setattr(rebuild, "_merged_weight", 0)
    monkeypatch.setattr(rebuild, "_MERGED_LIMIT", 60)
    with Store(tmp_path / "many.db") as store:
        for i in range(40):
            text = f"Report {i} of the drone strike on Odesa on 2 March 2024."
            article = Article(id=article_id(text), title=f"r{i}", text=text, published=dt.date(2024, 3, 2))
            store.add_article(article, [_item(i, "Odesa", ["drone"]).report])
        (event,) = store.events()
    held = sum(len(key[1]) for key in rebuild._MERGED)
    assert event.number_of_reports == 40
    assert held == rebuild._merged_weight and held <= 60 + 40  # the limit, plus the newest entry
