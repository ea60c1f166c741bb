"""Rules of the twentieth round that the English finders gained while reading Ukrainian and
Russian pages through their gloss (own-words texts, a fixed publication date)."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.extract import extract_article
from analytics.models import Article


def _records(text: str, published: str = "2025-03-11") -> list[tuple[str | None, list[str], list[str]]]:
    article = Article(text=text, published=dt.date.fromisoformat(published))
    return [(r.region, r.source_types, r.sources) for r in extract_article(article)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Russian defence ministry: 40 Ukrainian drones downed over regions\n\n"
            "The Kyiv regime tried to attack Russian territory with drones overnight.\n\n"
            "Air defences intercepted and destroyed 40 Ukrainian drones:\n"
            "- 25 over the Kursk region,\n- 15 over the Bryansk region.\n",
            [
                ("RU-KRS", ["russia_official"], ["Russian defence ministry"]),
                ("RU-BRY", ["russia_official"], ["Russian defence ministry"]),
            ],
        ),
        (
            # a headline's colon after no issuer names no source
            "Kursk region: drones hit a depot\n\nDrones hit a fuel depot near Kursk overnight.\n",
            [("RU-KRS", ["unattributed"], [])],
        ),
    ],
)
def test_an_issuer_before_a_headlines_colon_speaks_for_records_that_name_no_one(
    text: str, want: list[tuple[str | None, list[str], list[str]]]
) -> None:
    assert _records(text) == want
