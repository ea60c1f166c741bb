"""Each extraction stage alone on a three-sentence text: it needs only what it declares it
requires, sets what it declares it assigns and touches nothing else, and does its own job."""

import datetime as dt

import pytest

from analytics.extract.pipeline import STAGES, Extraction, Stage, StageContractError, run_stage, run_stages
from analytics.models import Article

TEXT = (
    "Russian drones struck a fuel depot in Poltava overnight, the regional governor said. "
    "Two workers were killed. Firefighters put out the blaze by the morning."
)
PUBLISHED = dt.date(2024, 3, 14)


def _article(published: dt.date | None = PUBLISHED) -> Article:
    return Article(text=TEXT, published=published, source_file="stage-test.txt")


def _before(stage: Stage) -> Extraction:
    """The extraction as the stages before ``stage`` leave it."""
    index = [s.name for s in STAGES].index(stage.name)
    x = run_stages(_article(), until=STAGES[index - 1].name) if index else None
    if x is None:
        article = _article()
        x = Extraction(article, article.text, "stage-test.txt")
    return x


@pytest.mark.parametrize("stage", STAGES, ids=[s.name for s in STAGES])
def test_a_stage_sets_what_it_assigns_and_nothing_else(stage: Stage) -> None:
    x = _before(stage)
    before = dict(vars(x))
    run_stage(stage, x)
    after = vars(x)
    changed = {k for k in after if k not in before or after[k] is not before[k]}
    assert changed <= set(stage.assigns), f"{stage.name} also set {changed - set(stage.assigns)}"
    assert all(hasattr(x, a) for a in stage.assigns)


@pytest.mark.parametrize("stage", STAGES[1:], ids=[s.name for s in STAGES[1:]])
def test_a_stage_refuses_to_run_without_what_it_requires(stage: Stage) -> None:
    article = _article()
    bare = Extraction(article, article.text, "stage-test.txt")
    if all(hasattr(bare, a) for a in stage.requires):
        pytest.skip(f"{stage.name} needs only what every extraction starts with")
    with pytest.raises(StageContractError, match=stage.name):
        run_stage(stage, bare)


def _run(until: str) -> Extraction:
    return run_stages(_article(), until=until)


def test_clean_keeps_the_article_lines() -> None:
    x = _run("clean")
    assert [TEXT[s:e] for s, e in x.kept] == [TEXT]


def test_document_splits_the_three_sentences() -> None:
    x = _run("document")
    assert [s.text.split()[0] for s in x.doc.sentences] == ["Russian", "Two", "Firefighters"]


def test_anchor_takes_the_given_publication_date() -> None:
    x = _run("anchor")
    assert (x.published, x.published_how, x.anchored) == (PUBLISHED, "user", True)


def test_analyse_finds_the_strike_the_toll_and_nothing_in_the_last_sentence() -> None:
    x = _run("analyse")
    strike, toll, after = x.facts
    assert strike.strike and [p.place.region for p in strike.targets()] == ["UA-53"]
    assert [(c.kind, c.value) for c in toll.casualties] == [("killed", 2)]
    assert not after.relevant


def test_teaser_keeps_a_headline_whose_region_the_body_names() -> None:
    x = _run("teaser")
    assert len(x.facts) == 3


TEASER_PAGE = (
    "Drone Strike on Odesa Port Leaves Three Dead\n\n"
    "The foreign minister met his counterparts in Brussels on Tuesday. "
    "They spoke about sanctions and about the grain corridor. "
    "A new meeting is planned for the spring. "
    "The ministers did not comment on the talks."
)


def test_teaser_drops_a_headline_whose_region_the_body_never_names() -> None:
    article = Article(text=TEASER_PAGE, published=PUBLISHED, source_file="teaser.txt")
    x = run_stages(article, until="teaser")
    assert not any(f.sentence.is_title for f in x.facts)
    assert run_stages(article).reports == []


def test_teaser_keeps_the_headline_of_a_short_text() -> None:
    # (a guard: a headline over one or two sentences is the text's own, whatever they name)
    text = "Drone Strike on Odesa Port Leaves Three Dead\n\nThe attack came at night. Rescuers worked until dawn."
    x = run_stages(Article(text=text, published=PUBLISHED, source_file="short.txt"), until="teaser")
    assert x.facts[0].sentence.is_title


def test_assemble_makes_one_record_holding_the_toll() -> None:
    x = _run("assemble")
    (rec,) = x.assembly.records
    assert rec.area == ("UA", "UA-53") and rec.date == PUBLISHED - dt.timedelta(days=1)
    assert [(c.kind, c.value) for c, _ in rec.counts] == [("killed", 2)]


def test_fields_fill_the_report_with_evidence() -> None:
    x = _run("fields")
    (rep,) = x.reports
    assert (rep.attacker, rep.weapons, rep.killed, rep.source_types) == (
        "Russia",
        ["drone"],
        2,
        ["ukraine_official"],
    )
    assert TEXT[rep.evidence["date"].start : rep.evidence["date"].end] == "overnight"


def test_finalize_keeps_a_dated_regional_record() -> None:
    assert len(_run("finalize").reports) == 1


def test_unanchored_withdraws_a_day_counted_from_an_unknown_publication_date() -> None:
    x = run_stages(_article(published=None))
    (rep,) = x.reports
    assert (rep.date, rep.date_precision, rep.published) == (None, "unknown", None)


# -- the fields stage, one field at a time ---------------------------------------------------


def _record(text: str):
    x = run_stages(Article(text=text, published=PUBLISHED, source_file="f.txt"), until="assemble")
    (rec,) = x.assembly.records
    return rec


def test_each_field_comes_with_where_it_was_read() -> None:
    from analytics.extract.fields import attacker_field, date_field, figures_field, place_field, sources_field
    from analytics.gazetteer import load_gazetteer

    text = "Shells hit a school in Nikopol on Tuesday, the town's mayor said, wounding three teachers."
    rec = _record(text)
    place = place_field(rec, load_gazetteer())
    assert (place.location, place.holder) == ("Nikopol", "UA")
    # No side is named as the attacker: the side opposite to who holds the place.
    assert attacker_field(rec, place.holder) == ("Russia", None)
    figures, found = figures_field(rec)
    assert figures == {"wounded": 3} and text[found["wounded"].start : found["wounded"].end] == "three"
    sources, types, ev = sources_field(rec, place.holder, None)
    assert (sources, types) == (["the town's mayor"], ["ukraine_official"])
    assert ev is not None and text[ev.start : ev.end] == "the town's mayor"
    date = date_field(rec)
    assert date is not None and text[date.start : date.end] == "on Tuesday"


def test_weapons_field_leaves_loose_words_out_of_categories_and_evidence() -> None:
    from analytics.extract.fields import weapons_field

    text = "Ukrainian forces shelled Horlivka with Storm Shadow missiles on Tuesday, wounding two."
    found = weapons_field(_record(text), [])
    assert (found.categories, found.systems) == (["missile"], ["Storm Shadow"])
    assert text[found.evidence["weapons"].start : found.evidence["weapons"].end] == "Storm Shadow"
