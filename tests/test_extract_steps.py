"""Each extraction step alone, on short texts written for these tests, with a fixed anchor date."""

import datetime as dt

import pytest

from analytics.extract.actors import find_attacker_cues, find_sources
from analytics.extract.clean import clean_lines
from analytics.extract.dates import find_time_expressions, infer_published, resolve
from analytics.extract.document import split_sentences
from analytics.extract.numbers import find_casualties, find_munitions, parse_number
from analytics.extract.weapons import categories, find_weapons, systems

PUBLISHED = dt.date(2024, 1, 4)  # a Thursday


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("Missiles hit the city on Saturday", "2023-12-30", "day"),
        ("Wednesday night's attack", "2024-01-03", "day"),
        ("late Thursday", "2024-01-04", "day"),
        ("drones attacked overnight", "2024-01-03", "day"),
        ("overnight into Tuesday", "2024-01-01", "day"),
        ("the strike yesterday", "2024-01-03", "day"),
        ("the strike on 30 December", "2023-12-30", "day"),
        ("Tuesday, Jan. 2, 2024", "2024-01-02", "day"),
        ("from 19:00 on 3 January", "2024-01-03", "day"),
        ("22.12.2023", "2023-12-22", "day"),
        ("last week", "2023-12-28", "week"),
        ("in December", "2023-12-15", "month"),
    ],
)
def test_time_phrases_resolve_against_publication(text, expected, precision):
    exprs = [e for e in find_time_expressions(text) if resolve(e, PUBLISHED)]
    result = resolve(exprs[-1], PUBLISHED)
    assert result.date.isoformat() == expected
    assert result.precision == precision


def test_reporting_time_is_marked():
    exprs = find_time_expressions("missiles hit the station on Friday, the governor said on Saturday")
    assert [(e.text, e.reporting) for e in exprs] == [("on Friday", False), ("on Saturday", True)]


@pytest.mark.parametrize("text", ["21 of 56 S-300 missiles", "they may strike again", "killed 52 people"])
def test_counts_and_modals_are_not_dates(text):
    assert find_time_expressions(text) == []


def test_future_dates_are_refused():
    (expr,) = find_time_expressions("on 30 January")
    assert resolve(expr, dt.date(2024, 1, 4)).date == dt.date(2023, 1, 30)


@pytest.mark.parametrize(
    "text,expected",
    [
        # The latest full date bounds it; the weekdays named are the most recent ones.
        ("A photo taken on Tuesday, Jan. 2, 2024 shows the damage. Drones struck on Wednesday night, "
         "officials said on Thursday. The deadliest strike was on Saturday.", "2024-01-04"),
        ("The city was shelled on 3 March 2023.", "2023-03-03"),
        ("Missiles hit on 3 March 2023, and again on Sunday, the mayor said on Monday.", "2023-03-06"),
    ],
)  # fmt: skip
def test_publication_inferred_from_latest_date_and_weekdays(text, expected):
    assert infer_published(text) == (dt.date.fromisoformat(expected), "text")


def test_no_publication_date_without_a_full_date():
    assert infer_published("No dates at all here, only Tuesday.") == (None, None)


@pytest.mark.parametrize(
    "text,value",
    [("52", 52), ("1,200", 1200), ("twenty-three", 23), ("a dozen", 12), ("Five", 5), ("dozens", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The missile killed at least 23 people, three of them children.",
            {"killed": 23, "children_killed": 3},
        ),
        ("The death toll has climbed to 52.", {"killed": 52}),
        ("Officials put the number of injured at 109.", {"wounded": 109}),
        ("One person was killed and at least eight wounded.", {"killed": 1, "wounded": 8}),
        ("A woman was killed and two men were injured.", {"killed": 1, "wounded": 2}),
        ("Twenty people had been hurt, including three children.", {"wounded": 20, "children_killed": 3}),
        ("Nobody was hurt.", {"killed": 0, "wounded": 0}),
        ("There were no casualties.", {"killed": 0, "wounded": 0}),
        ("The city of 370,000 people lies 268 km from the front.", {}),
    ],
)
def test_casualty_figures(text, expected):
    found: dict[str, int] = {}
    for c in find_casualties(text):
        found[c.kind] = max(found.get(c.kind, -1), c.value)
    assert found == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Air defences destroyed two of the four missiles.", {"intercepted": 2, "launched": 4}),
        ("Russia launched 40 drones; 30 of 40 drones were shot down.", {"intercepted": 30, "launched": 40}),
        ("They destroyed 43 cruise missiles and 13 attack drones.", {"intercepted": 56}),
        ("A dozen missiles were fired at the city.", {"launched": 12}),
        ("Two missiles had struck the station.", {"launched": 2}),
        ("The enemy attacked using 151 means of air attack.", {"launched": 151}),
    ],
)
def test_munition_counts(text, expected):
    found: dict[str, int] = {}
    for c in find_munitions(text):
        found[c.kind] = max(found.get(c.kind, -1), c.value)
    assert found == expected


@pytest.mark.parametrize(
    "text,cats,names",
    [
        ("63 Shahed-136/131 drones", ["drone"], ["Shahed-136", "Shahed-131"]),
        ("Kh-101/Kh-555 cruise missiles and an X-22", ["missile"], ["Kh-101", "Kh-555", "Kh-22"]),
        ("a Geran-2 and KAB glide bombs", ["drone", "air_strike"], ["Shahed-136", "KAB"]),
        ("Grad rockets and heavy shelling", ["artillery"], ["Grad"]),
        ("Storm Shadow and SCALP", ["missile"], ["Storm Shadow"]),
        ("a 9M723 Iskander", ["missile"], ["Iskander-M"]),
        ("naval drones hit the ship", ["drone"], []),
    ],
)
def test_weapon_catalogue(text, cats, names):
    found = find_weapons(text)
    assert sorted(categories(found)) == sorted(cats)
    assert systems(found) == names


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Oksana Petrenko, governor of the Sample region, said two people died.",
            [("Oksana Petrenko, governor of the Sample region", "official")],
        ),
        (
            "Two people died, according to Ukraine's emergency service.",
            [("Ukraine's emergency service", "ukraine_official")],
        ),
        (
            "Russia's Defence Ministry said it destroyed 20 drones.",
            [("Russia's Defence Ministry", "russia_official")],
        ),
        (
            "Footage shared by residents showed fires, Reuters reported.",
            [("Footage shared by residents", "other"), ("Reuters", "media")],
        ),
        ("The Pentagon said the strike was deliberate.", [("The Pentagon", "third_party_official")]),
        ("Five people were killed, said Ivan Sample, the mayor.", [("Ivan Sample, the mayor", "official")]),
    ],
)
def test_source_phrases(text, expected):
    assert [(m.text, m.source_type) for m in find_sources(text)] == expected


@pytest.mark.parametrize(
    "text,side",
    [
        ("Russian missiles hit the city.", "Russia"),
        ("Ukraine fired drones at the refinery.", "Ukraine"),
        ("The depot was hit by Ukrainian drones.", "Ukraine"),
        ("Russia launched 40 drones overnight.", "Russia"),
    ],
)
def test_attacker_cues(text, side):
    assert {c.side for c in find_attacker_cues(text)} == {side}


def test_air_defence_is_not_an_attacker():
    assert find_attacker_cues("Ukrainian air defences shot down the missiles.") == []


def test_clean_drops_teasers_share_and_repeats():
    text = (
        "Missiles hit the town\n\n"
        "The strike on Tuesday killed two people, officials said in a statement to reporters.\n"
        "Share this article\n"
        "A caption repeated by the page about the damaged building\n"
        "A caption repeated by the page about the damaged building\n"
        "Read more\n"
        "Drone attack kills five in another city\n"
        "Shelling hits a market\n"
    )
    kept = [text[s:e] for s, e in clean_lines(text)]
    assert kept == [
        "Missiles hit the town",
        "The strike on Tuesday killed two people, officials said in a statement to reporters.",
        "A caption repeated by the page about the damaged building",
    ]


def test_sentences_keep_spans_and_abbreviations():
    text = "Missiles hit at 10 a.m. on Jan. 2, 2024. Two died. U.S. officials said so."
    sents = split_sentences(text, 0, len(text), 0)
    assert [s.text for s in sents] == [
        "Missiles hit at 10 a.m. on Jan. 2, 2024.",
        "Two died.",
        "U.S. officials said so.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)
