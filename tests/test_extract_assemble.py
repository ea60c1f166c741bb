"""Assembly rules on short texts written for these tests, with a fixed publication date."""

import datetime as dt

import pytest

from analytics.extract import extract_article
from analytics.models import Article
from tests.factories import by_region

PUBLISHED = dt.date(2024, 1, 4)  # a Thursday


def run(text: str, published: dt.date = PUBLISHED):
    return extract_article(Article(text=text, published=published, source_file="t.txt"))


@pytest.mark.parametrize(
    "text",
    [
        "Russia has threatened a strike against Kyiv if the deliveries continue.",
        "Ukrainian units repelled a Russian attack near a village in the Zaporizhzhia region.",
        "The worst-case scenario would involve substantial Russian attacks on Kyiv, the official said.",
        "Allies pledged to deliver more air defence missiles to Kyiv on Tuesday.",
        "Since the start of the invasion, Russian strikes have killed 500 people in Kharkiv.",
        "Nato must do more to ensure Kyiv wins the war.",
        "Read more\nMissile strike kills three in Dnipro\nDrones hit Odesa port",
    ],
)
def test_no_report_from_background_threats_or_teasers(text):
    assert run(text) == []


def test_dateline_date_is_not_the_attack_date_or_a_count():
    text = (
        "Strike on Kharkiv\n\nKHARKIV, Ukraine, Jan 3, 2024 - Russian missiles struck Kharkiv on Tuesday, "
        "killing two people, regional governor Oleh Syniehubov said."
    )
    (rep,) = run(text, dt.date(2024, 1, 3))
    assert (rep.date, rep.launched, rep.killed) == (dt.date(2024, 1, 2), None, 2)
    assert rep.region == "UA-63" and rep.attacker == "Russia" and rep.source_types == ["ukraine_official"]


def test_sentences_without_place_add_to_the_record_in_focus():
    text = (
        "Russian drones struck Sumy overnight. Three people were killed and nine wounded. "
        "The regional military administration said the drones were Shaheds."
    )
    (rep,) = run(text)
    assert (rep.region, rep.date, rep.killed, rep.wounded) == ("UA-59", dt.date(2024, 1, 3), 3, 9)
    assert rep.systems == ["Shahed-136"] and rep.weapons == ["drone"]
    assert rep.evidence["killed"].sentence == "Three people were killed and nine wounded."


def test_two_towns_of_one_region_are_one_record_with_summed_tolls():
    text = (
        "Missiles hit the Dnipropetrovsk region on Wednesday. In Kryvyi Rih, a missile killed four people. "
        "In Dnipro, two people were killed."
    )
    (rep,) = run(text)
    assert rep.region == "UA-12" and rep.killed == 6


def test_itemised_interceptions_make_one_record_per_region():
    text = (
        "Air defences destroyed 30 Ukrainian drones overnight, the Russian Defence Ministry said:\n"
        "- 20 over the Belgorod region;\n"
        "- ten over the Kursk region."
    )
    reps = by_region(run(text))
    assert {k: (r.intercepted, r.attacker, r.weapons) for k, r in reps.items()} == {
        "RU-BEL": (20, "Ukraine", ["drone"]),
        "RU-KRS": (10, "Ukraine", ["drone"]),
    }
    assert all(r.source_types == ["russia_official"] for r in reps.values())


def test_nationwide_figure_is_a_record_without_region():
    text = "Russia launched 40 drones and 5 missiles at Ukraine overnight; air defences shot down 38, the air force said."
    (rep,) = run(text)
    assert (rep.country, rep.region, rep.launched, rep.intercepted) == ("UA", None, 45, 38)
    assert sorted(rep.weapons) == ["drone", "missile"]


def test_attacker_from_who_holds_the_place():
    (rep,) = run(
        "Shelling hit a market in Donetsk on Wednesday, killing three people, the city's mayor said."
    )
    assert rep.attacker == "Ukraine" and rep.source_types == ["russia_official"]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "At least 14 people were killed after a Russian missile hit an apartment block in Dnipro on "
            "Saturday, officials said.",
            ("UA-12", "2024-01-27", 14, None, ["ukraine_official"]),
        ),
        (
            "Ukraine's military said it shot down 18 of 20 Shahed drones launched by Russia overnight.",
            (None, "2024-01-31", None, None, ["ukraine_official"]),
        ),
        (
            "Five people were injured in a Ukrainian drone attack on Donetsk, the Russian-installed mayor said.",
            ("UA-14", "2024-02-01", None, 5, ["russia_official"]),
        ),
        (
            "A Ukrainian drone killed one man in the village of Shebekino, the Belgorod governor wrote.",
            ("RU-BEL", "2024-02-01", 1, None, ["russia_official"]),
        ),
    ],
)
def test_common_wire_phrasings(text, expected):
    (rep,) = run(text, dt.date(2024, 2, 1))
    got = (rep.region, rep.date.isoformat(), rep.killed, rep.wounded, rep.source_types)
    assert got == expected


def test_a_total_over_a_list_of_regions_is_the_countrys_not_one_of_theirs():
    """GUIDELINES: the national total is its own region-null record; the regions named without
    figures are regional records with null counts beside it."""
    text = "The Russian Defence Ministry said air defences intercepted 12 Ukrainian drones over the Bryansk, Kursk and Belgorod regions."
    reps = by_region(run(text))
    assert set(reps) == {None, "RU-BEL", "RU-BRY", "RU-KRS"}
    assert reps[None].intercepted == 12
    assert all(r.intercepted is None for region, r in reps.items() if region)


def test_country_attacked_with_counts():
    text = "Russia attacked Ukraine with 47 drones and two missiles overnight, the air force said, adding that 30 drones were shot down."
    (rep,) = run(text)
    assert (rep.region, rep.country, rep.launched, rep.intercepted) == (None, "UA", 49, 30)
