"""Extraction: Article -> StrikeReports, as small named steps (see pipeline.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analytics.models import Article, StrikeReport


def extract_article(article: Article) -> list[StrikeReport]:
    """Every strike report the article states (see :mod:`analytics.extract.pipeline`)."""
    from analytics.extract.pipeline import extract_article as run

    return run(article)


__all__ = ["extract_article"]
