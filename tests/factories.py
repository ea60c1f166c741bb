"""Test data built in code, one definition each: a strike report, an article, a store with
articles in it. A test states only the fields it is about; the rest are these defaults."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

from analytics.models import Article, StrikeReport
from tests.hostile_data import article_text

#: The day of the default report, and the default article's publication (the day after).
DAY = dt.date(2024, 1, 3)
PUBLISHED = dt.date(2024, 1, 4)


def report(**fields: object) -> StrikeReport:
    """A Russian missile strike on Kharkiv on :data:`DAY` (no toll, no coordinates), with
    ``fields`` in place of those defaults."""
    base: dict[str, object] = {
        "date": DAY,
        "attacker": "Russia",
        "country": "UA",
        "region": "UA-63",
        "region_name": "Kharkiv Oblast",
        "location": "Kharkiv",
        "weapons": ["missile"],
        "geo_precision": 1,
    }
    base.update(fields)
    return StrikeReport(**base)  # type: ignore[arg-type]


#: The publication day the rule tests extract against (a Thursday).
RULES_PUBLISHED = dt.date(2024, 3, 14)


def run(text: str, published: dt.date = RULES_PUBLISHED) -> list[StrikeReport]:
    """The reports of one text, extracted as if published on ``published``."""
    from analytics.extract import extract_article

    return extract_article(Article(text=text, published=published, source_file="t.txt"))


def areas(reports: list[StrikeReport]) -> list[tuple[str | None, str]]:
    """(region, ISO date) of each report, sorted: what a test about records compares."""
    return sorted(((r.region, r.date.isoformat()) for r in reports if r.date is not None), key=str)


def by_region(reports: list[StrikeReport]) -> dict[str | None, StrikeReport]:
    """An article's reports by region (None: the national record); fails if a region repeats
    (two days of one region), which a dict would hide."""
    found = {r.region: r for r in reports}
    assert len(found) == len(reports), [(r.region, r.date) for r in reports]
    return found


def article(
    text: str, outlet: str = "Outlet A", published: dt.date | None = PUBLISHED, name: str = ""
) -> Article:
    """An article of ``text``; its file name is ``name``, else the text's start."""
    return Article(text=text, outlet=outlet, published=published, source_file=name or f"{text[:10]}.txt")


def populated_store(path: Path, n: int = 3) -> Path:
    """A store at ``path`` holding ``n`` generated news stories, read, extracted and merged as an
    upload is (:func:`tests.hostile_data.article_text` 0..n-1)."""
    from analytics.ingest import ingest_uploads
    from analytics.store import Store

    with Store(path) as store:
        ingest_uploads([(f"s{i}.txt", article_text(i).encode()) for i in range(n)], store)
    return path


def guidelines_record(
    region: str | None, date: str | None = "2024-03-04", **fields: object
) -> dict[str, object]:
    """A GUIDELINES record (the gold format) with every field, null or empty unless given; the
    country follows the region's prefix."""
    country = "RU" if region and region.startswith("RU") else "UA"
    base: dict[str, object] = {
        "date": date,
        "attacker": "Russia",
        "country": country,
        "region": region,
        "location": "",
        "weapons": [],
        "systems": [],
        "launched": None,
        "intercepted": None,
        "killed": None,
        "wounded": None,
        "sources": [],
        "source_types": [],
    }
    base.update(fields)
    return base


def script(name: str) -> ModuleType:
    """A script of ``scripts/`` loaded as a module (they are not a package): ``script("lock")``."""
    path = Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"script_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
