"""The ordered extraction stages over one article, declared in ``STAGES``.

clean (drop page furniture) -> document (paragraphs, sentences) -> anchor (publication date,
given or inferred) -> analyse (the finders per sentence and their verdicts, triggers.py) ->
teaser (a headline of another story, whose places the body never names, dropped) -> assemble (the walk that gives each figure, weapon and source its record: assemble.py with
discourse.py and ownership.py) -> fields (each record's report fields and evidence,
fields.py) -> finalize (rules across the article's records, finalize.py) -> unanchored
(without a publication date, days counted from it are withdrawn). A Ukrainian or Russian article
is first glossed into English words (gloss, gloss.py); stage unglossed puts its evidence back in
the article's own words, and stage language gives each report its article's language.

Each stage reads what the earlier ones left in an ``Extraction`` and adds its own part, so a
stage can be run and inspected alone on the output of the ones before it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from analytics.extract.assemble import Assembler
from analytics.extract.clean import clean_lines, find_title
from analytics.extract.dates import has_full_date, infer_published
from analytics.extract.document import Document, Sentence, build_document
from analytics.extract.fields import finish_record
from analytics.extract.finalize import finalize
from analytics.extract.gloss import Gloss, gloss_article
from analytics.extract.records import Assembly
from analytics.extract.triggers import SentenceFacts, analyse
from analytics.gazetteer import load_gazetteer
from analytics.models import Article, Evidence, StrikeReport

#: Longer texts are cut (a news article is never this long): bounds the time on a 10 MB upload.
MAX_CHARS = 500_000


@dataclass
class Extraction:
    """One article on its way through the stages; each stage sets the attributes it owns."""

    article: Article
    text: str  # the article's text, cut to MAX_CHARS; after stage gloss, its English gloss
    article_name: str  # the file name the reports cite
    gloss: Gloss = field(init=False)  # gloss: the map from the gloss back to the article's text
    kept: list[tuple[int, int]] = field(init=False)  # clean: spans of the article's own lines
    title: tuple[int, int] | None = field(init=False)  # clean: the title line, if found
    doc: Document = field(init=False)  # document
    published: dt.date = field(init=False)  # anchor
    published_how: str | None = field(init=False)  # anchor
    anchored: bool = field(init=False)  # anchor: False when the publication date is unknown
    facts: list[SentenceFacts] = field(init=False)  # analyse
    assembly: Assembly = field(init=False)  # assemble
    reports: list[StrikeReport] = field(init=False)  # fields, then finalize


def make_document(text: str) -> Document:
    """Stages clean and document at once: the article's own paragraphs, split into sentences."""
    kept = clean_lines(text)
    return build_document(text, kept, find_title(text, kept))


def anchor_date(article: Article, glossed: str | None = None) -> tuple[dt.date | None, str | None]:
    """The publication date relative dates resolve against, and how it was obtained;
    ``(None, None)`` when neither the file nor the text tells it. The text is read in its
    English gloss (``glossed``, or glossed here), so a Ukrainian or Russian date line counts."""
    if article.published is not None:
        return article.published, article.published_how or "user"
    text = glossed if glossed is not None else gloss_article(article.text[:MAX_CHARS]).text
    inferred, how = infer_published(text)
    if inferred is not None:
        return inferred, how or "text"
    return None, None


def _gloss(x: Extraction) -> None:
    x.gloss = gloss_article(x.text)
    x.text = x.gloss.text


def _unglossed(x: Extraction) -> None:
    """Evidence in the article's own words: each span and sentence of the gloss mapped back."""
    g = x.gloss
    if g.language == "en":
        return
    original = x.article.text[:MAX_CHARS]
    x.reports = [
        dataclasses.replace(
            r,
            evidence={k: _unglossed_evidence(e, g, original) for k, e in r.evidence.items()},
            sources=[_unglossed_words(s, g, original) for s in r.sources],
        )
        for r in x.reports
    ]


def _language(x: Extraction) -> None:
    """Each report says the language its article is written in (``en``, ``uk`` or ``ru``, as
    stage gloss detected it), English ones too."""
    x.reports = [dataclasses.replace(r, languages=[x.gloss.language]) for r in x.reports]


def _unglossed_evidence(e: Evidence, g: Gloss, original: str) -> Evidence:
    start, end = g.source_span(e.start, e.end)
    at = g.text.rfind(e.sentence, max(0, e.end - len(e.sentence)), e.start + len(e.sentence))
    if at < 0:
        return Evidence(original[start:end], start, end)
    s0, s1 = g.source_span(at, at + len(e.sentence))
    return Evidence(original[s0:s1], start, end)


def _unglossed_words(words: str, g: Gloss, original: str) -> str:
    """A source's words as the article writes them (the gloss's when they cannot be found)."""
    at = g.text.find(words)
    if at < 0:
        return words
    start, end = g.source_span(at, at + len(words))
    return original[start:end]


def _clean(x: Extraction) -> None:
    x.kept = clean_lines(x.text)
    x.title = find_title(x.text, x.kept)


def _document(x: Extraction) -> None:
    x.doc = build_document(x.text, x.kept, x.title)


def _anchor(x: Extraction) -> None:
    published, x.published_how = anchor_date(x.article, x.text)
    x.anchored = published is not None
    # With no publication date, today stands in so that the stages run; stage "unanchored"
    # then withdraws every day that was counted from it.
    x.published = published if published is not None else dt.date.today()


def _analyse(x: Extraction) -> None:
    x.facts = analyse(x.doc, x.published)


#: A body of fewer sentences than this after a headline is too short to say what it is about.
_TEASER_BODY = 3


def _teaser(x: Extraction) -> None:
    """A headline whose attacked regions the body never names is another story's headline (a
    page's teaser above an unrelated article: GUIDELINES, "Not strike reports"): its sentence
    is dropped. A body that names the region in any way (a town of it, the region) keeps it."""
    facts = x.facts
    if len(facts) - 1 < _TEASER_BODY or not facts[0].sentence.is_title:
        return
    regions = {t.place.region for t in facts[0].targets() if t.place.region}
    named = {p.place.region for f in facts[1:] for p in f.places}
    if regions and not regions & named:
        facts = x.facts = facts[1:]
    # Another headline between the byline and the lead (a live page's link to an earlier
    # story) is the same: its place hit is named nowhere in the body but as a speaker.
    opening = [f for f in facts if _headline_line(f.sentence)]
    body = [f for f in facts if f not in opening]
    if not body:
        return
    said = {p.place.region for f in body for p in f.places if p.role != "actor"}
    for f in opening:
        if f.sentence.is_title or f.sentence.index > body[0].sentence.index:
            continue
        hit = {t.place.region for t in f.targets() if t.place.region}
        if hit and not hit & said:
            x.facts = [g for g in x.facts if g is not f]


def _headline_line(sent: Sentence) -> bool:
    """A short paragraph of one line with no closing punctuation: a headline, not prose."""
    return len(sent.text) <= 200 and not sent.text.rstrip().endswith((".", "!", "?", '"', "”", ":"))


def _assemble(x: Extraction) -> None:
    x.assembly = Assembler(x.doc, x.published).build(x.facts)


def _fields(x: Extraction) -> None:
    gaz = load_gazetteer()
    a = x.assembly
    finished = (
        finish_record(rec, gaz, x.published, x.article_name, a.author, a.story_weapons(rec))
        for rec in a.records
    )
    x.reports = [r for r in finished if r is not None]


def _finalize(x: Extraction) -> None:
    x.reports = finalize(x.reports)


def _unanchored(x: Extraction) -> None:
    """Without a publication date, only a date written out with its year stands; any other
    day ("on Tuesday", "overnight", or none at all) is unknown, never an invented day."""
    if x.anchored:
        return
    out = []
    for r in x.reports:
        ev = r.evidence.get("date")
        span = x.text[ev.start : ev.end] if ev is not None else ""
        if not has_full_date(span):
            evidence = {k: v for k, v in r.evidence.items() if k != "date"}
            r = dataclasses.replace(r, date=None, date_precision="unknown", evidence=evidence)
        out.append(dataclasses.replace(r, published=None))
    x.reports = out


@dataclass(frozen=True)
class Stage:
    """One named step over an ``Extraction``: the attributes it needs set before it runs
    (``requires``) and the ones it sets (``assigns``), as spaCy's components declare theirs."""

    name: str
    run: Callable[[Extraction], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


#: The stages, in order; each reads what the ones before it assigned and extends the ``Extraction``.
STAGES: tuple[Stage, ...] = (
    Stage("gloss", _gloss, ("text",), ("text", "gloss")),
    Stage("clean", _clean, ("text",), ("kept", "title")),
    Stage("document", _document, ("text", "kept", "title"), ("doc",)),
    Stage("anchor", _anchor, ("article", "text"), ("published", "published_how", "anchored")),
    Stage("analyse", _analyse, ("doc", "published"), ("facts",)),
    Stage("teaser", _teaser, ("facts",), ("facts",)),
    Stage("assemble", _assemble, ("doc", "published", "facts"), ("assembly",)),
    Stage("fields", _fields, ("assembly", "published", "article_name"), ("reports",)),
    Stage("finalize", _finalize, ("reports",), ("reports",)),
    Stage("unanchored", _unanchored, ("reports", "anchored", "text"), ("reports",)),
    Stage("unglossed", _unglossed, ("reports", "gloss"), ("reports",)),
    Stage("language", _language, ("reports", "gloss"), ("reports",)),
)


class StageContractError(RuntimeError):
    """A stage ran without what it requires, or did not set what it assigns."""


def run_stage(stage: Stage, x: Extraction) -> None:
    """Run one stage, checking its contract: what it requires is set before, what it assigns after."""
    missing = [a for a in stage.requires if not hasattr(x, a)]
    if missing:
        raise StageContractError(f"stage {stage.name!r} needs {', '.join(missing)} set by an earlier stage")
    stage.run(x)
    unset = [a for a in stage.assigns if not hasattr(x, a)]
    if unset:
        raise StageContractError(f"stage {stage.name!r} did not set {', '.join(unset)}")


def run_stages(article: Article, until: str | None = None) -> Extraction:
    """Run the stages over ``article``, all of them or up to and including ``until``."""
    names = [stage.name for stage in STAGES]
    if until is not None and until not in names:
        raise ValueError(f"no stage {until!r}; the stages are {', '.join(names)}")
    name = PurePath(article.source_file).name if article.source_file else ""
    x = Extraction(article, article.text[:MAX_CHARS], name)
    for stage in STAGES:
        run_stage(stage, x)
        if stage.name == until:
            break
    return x


def extract_article(article: Article) -> list[StrikeReport]:
    """Every strike report the article states, each field with its evidence."""
    reports = run_stages(article).reports
    return [dataclasses.replace(r, article_id=article.id) for r in reports]
