"""The ordered extraction steps over one document (placeholder until the engine lands)."""

from __future__ import annotations

from analytics.models import Article, StrikeReport


def extract_article(article: Article) -> list[StrikeReport]:
    """Every strike report the article states, each field with its evidence."""
    return []
