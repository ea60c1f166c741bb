"""The ordered extraction steps over one document.

clean (drop page furniture) -> document (paragraphs, sentences) -> anchor (publication
date, given or inferred) -> per-sentence finders (places, weapons, numbers, dates, actors)
-> assemble (one report per target area and day, with evidence) -> finalize (rules across
the article's records).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import PurePath

from analytics.extract.assemble import Assembler
from analytics.extract.clean import clean_lines, find_title
from analytics.extract.dates import infer_published
from analytics.extract.document import Document, build_document
from analytics.extract.finalize import finalize
from analytics.models import Article, StrikeReport

#: Longer texts are cut (a news article is never this long): bounds the time on a 10 MB upload.
MAX_CHARS = 500_000


def make_document(text: str) -> Document:
    """Steps 1-2: the article's own paragraphs, split into sentences."""
    kept = clean_lines(text)
    return build_document(text, kept, find_title(text, kept))


def anchor_date(article: Article) -> tuple[dt.date, str]:
    """Step 3: the publication date relative dates resolve against, and how it was obtained."""
    if article.published is not None:
        return article.published, article.published_how or "user"
    inferred, how = infer_published(article.text)
    if inferred is not None:
        return inferred, how or "text"
    return dt.date.today(), "text"


def extract_article(article: Article) -> list[StrikeReport]:
    """Every strike report the article states, each field with its evidence."""
    text = article.text[:MAX_CHARS]
    doc = make_document(text)
    published, _how = anchor_date(article)
    name = PurePath(article.source_file).name if article.source_file else ""
    reports = finalize(Assembler(doc, published, name).build())
    return [dataclasses.replace(r, article_id=article.id) for r in reports]
