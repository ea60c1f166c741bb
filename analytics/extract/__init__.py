"""Extraction: Article -> StrikeReports, as small named steps (see pipeline.py)."""

from analytics.extract.pipeline import extract_article

__all__ = ["extract_article"]
