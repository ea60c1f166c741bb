"""How reports word attacks, eighteenth round: own-words sentences in shapes GUIDELINES settle."""

import datetime as dt

import pytest

from tests.factories import areas, run

FRIDAY = dt.date(2025, 6, 13)


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit a barn in Kamianske in the Zaporizhzhia region on Thursday, the governor said.",
        "A drone hit a barn in Kamianske, Zaporizhzhia region, on Thursday, the governor said.",
        "On Thursday a drone hit a barn in Kamianske in Zaporizhzhia Oblast.",
    ],
)
def test_a_city_s_name_put_in_another_region_is_that_region_s_namesake(text):
    # (the gazetteer knows a Kamianske village in Zaporizhzhia besides the Dnipropetrovsk city)
    assert areas(run(text, FRIDAY)) == [("UA-23", "2025-06-12")]


def test_a_city_s_name_in_a_list_of_a_region_s_villages_is_its_namesake_village():
    text = (
        "In the Zaporizhzhia region, drones struck Orikhiv, Stepnohirsk, Kamianske and "
        "Mala Tokmachka on Thursday, the governor said."
    )
    (record,) = run(text, FRIDAY)
    assert record.region == "UA-23"
    assert "Kamyanske" in (record.location or "")


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # (guards: a city put in its own region, a city and a region in one list)
        ("A missile hit Kamianske in the Dnipropetrovsk region on Thursday.", "UA-12"),
        ("A missile hit Kharkiv in the Kharkiv region on Thursday.", "UA-63"),
    ],
)
def test_a_city_put_in_its_own_region_stays_the_city(text, region):
    assert areas(run(text, FRIDAY)) == [(region, "2025-06-12")]


@pytest.mark.parametrize(
    ("headline", "kinds"),
    [
        ("Drone hits a granary in Kupiansk district, two hurt – Syniehubov", ["ukraine_official"]),
        ("Drone hits a granary in Kupiansk district, two hurt, - Oleh Syniehubov", ["ukraine_official"]),
        ("Drone hits a granary in Kupiansk district, two hurt — RMA", ["ukraine_official"]),
        # (guards: the page's own word and a live page's place heading are no speakers)
        ("Drone hits a granary in Kupiansk district, two hurt – UPDATED", ["unattributed"]),
        ("Drone hits a granary in Kupiansk district, two hurt – Kharkiv Oblast", ["unattributed"]),
    ],
)
def test_a_headline_s_speaker_after_a_dash(headline, kinds):
    (record,) = run(f"{headline}\n\nThe granary burned down on Thursday.", FRIDAY)
    assert record.region == "UA-63"
    assert record.source_types == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Vyacheslav Gladkov: a drone hit a van in Shebekino on Thursday, its driver was hurt.",
            ["russia_official"],
        ),
        ("A drone hit a van in Shebekino on Thursday, writes Gladkov.", ["russia_official"]),
        ("A drone hit a van in Shebekino on Thursday, reports the regional governor.", ["russia_official"]),
        # (guards: a dateline and a page's label before a colon are no speakers)
        ("BELGOROD: a drone hit a van in Shebekino on Thursday, its driver was hurt.", ["unattributed"]),
        ("Breaking: a drone hit a van in Shebekino on Thursday, its driver was hurt.", ["unattributed"]),
    ],
)
def test_a_speaker_before_a_colon_or_after_an_inverted_verb(text, kinds):
    (record,) = run(text, FRIDAY)
    assert record.region == "RU-BEL"
    assert record.source_types == kinds


@pytest.mark.parametrize(
    ("text", "wounded"),
    [
        (
            "On Thursday a drone hit a tractor near Vovchansk. The tractor driver was taken to hospital with shrapnel wounds.",
            1,
        ),
        (
            "On Thursday a drone hit a tractor near Vovchansk. The 52-year-old driver was hospitalised with a leg injury.",
            1,
        ),
        # (guards: a stay in hospital with no wound named; one man told twice is one)
        (
            "On Thursday a drone hit a tractor near Vovchansk. The driver was taken to hospital with acute stress.",
            None,
        ),
        (
            "On Thursday a drone hit a tractor near Vovchansk, injuring a man. The man was hospitalised with burns.",
            1,
        ),
        (
            # "another" of a list of the hurt is one of the total, not one more
            'On Thursday drones hit Vovchansk. Three people were injured. "A boy has cuts to his arm. A woman '
            'was treated on the spot, and another man was hospitalised with a mine-blast injury," the governor wrote.',
            3,
        ),
    ],
)
def test_a_person_taken_to_hospital_with_a_wound_is_wounded(text, wounded):
    (record,) = run(text, FRIDAY)
    assert record.wounded == wounded


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack affected the Poltava and Chernihiv regions.",
        "The Poltava and Chernihiv regions were affected by the attack.",
    ],
)
def test_regions_an_air_force_report_says_the_attack_affected(sentence):
    text = f"Russia sent 60 drones against Ukraine on Thursday night, the air force said. {sentence}"
    assert set(areas(run(text, FRIDAY))) == {
        (None, "2025-06-12"),
        ("UA-53", "2025-06-12"),
        ("UA-74", "2025-06-12"),
    }


@pytest.mark.parametrize(
    "speaker",
    ["Tula Region Governor Dmitry Milyaev", "The Tula region governor", "The Tula region's governor"],
)
def test_a_governor_titled_with_a_region_the_story_holds_speaks_of_that_region_s_attack(speaker):
    text = (
        "Drones struck the Tula region on Friday morning, the ministry said. Late on Thursday, "
        "air defences downed six drones over the Kaluga region, the ministry said.\n\n"
        f"{speaker} said the attack on Friday morning had killed one man and injured four."
    )
    by_region = {r.region: r for r in run(text, FRIDAY)}
    assert (by_region["RU-TUL"].killed, by_region["RU-TUL"].wounded) == (1, 4)
    assert (by_region["RU-KLU"].killed, by_region["RU-KLU"].wounded) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "In its daily summary on Friday, the Russian Defence Ministry said air defences had downed 40 drones over the past day.",
        "In his first update on Friday, the Bryansk governor said a drone had hit a barn in Klintsy overnight.",
        "At a briefing on Friday, the Bryansk governor said a drone had hit a barn in Klintsy overnight.",
    ],
)
def test_the_day_of_a_summary_or_briefing_is_when_it_was_said(text):
    assert [r.date.isoformat() for r in run(text, FRIDAY)] == ["2025-06-12"]


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit the Saratov refinery, one of the main suppliers of fuel to the Samara region, on Thursday.",
        # (guard: a relative clause was already kept apart from the attack)
        "Drones hit the Saratov refinery, which supplies diesel to the Samara region, on Thursday.",
    ],
)
def test_where_a_target_s_output_goes_is_no_place_hit(text):
    assert areas(run(text, FRIDAY)) == [("RU-SAR", "2025-06-12")]


@pytest.mark.parametrize(
    "second",
    [
        "It said air defences had downed 140 drones over the past day.",
        "The ministry said air defences had downed 140 drones over the past day.",
    ],
)
def test_a_national_body_s_tally_told_back_by_it_is_the_country_s(second):
    text = (
        "Ukraine's General Staff said its drones struck a depot in Kursk on Thursday.\n\n"
        f"Russia's Defence Ministry did not comment on the depot. {second}"
    )
    records = {r.region: r for r in run(text, FRIDAY)}
    assert records[None].country == "RU" and records[None].intercepted == 140
    assert records["RU-KRS"].intercepted is None


def test_a_national_body_s_share_of_the_missiles_told_stays_with_that_attack():
    # (guard: "four of the five missiles" counts the attack just told, not the country's night)
    text = (
        "Ukraine fired five missiles at Belgorod on Thursday, Russia's Defence Ministry said. "
        "The ministry said its air defences had shot down four of the five missiles."
    )
    assert areas(run(text, FRIDAY)) == [("RU-BEL", "2025-06-12")]


def test_a_speaker_s_figures_go_to_the_attack_in_focus_that_no_one_had_spoken_of_yet():
    text = (
        "Drones hit Kherson overnight, killing a man, the governor Oleksandr Prokudin said on Friday.\n\n"
        "Earlier attack\n\n"
        "On Wednesday evening, a missile struck Kherson. According to Prokudin, five people were injured then."
    )
    got = {r.date.isoformat(): (r.killed, r.wounded) for r in run(text, FRIDAY)}
    assert got == {"2025-06-12": (1, None), "2025-06-11": (None, 5)}


def test_a_paragraph_s_mixed_weapons_are_not_spread_over_the_places_it_lists():
    text = (
        "Russia attacked overnight with a ballistic missile and 40 drones, the air force said.\n\n"
        "A missile and 12 drones hit their targets. The attack affected the Poltava and Chernihiv regions.\n\n"
        "In the Poltava region, a drone hit a barn on Thursday night, the governor said."
    )
    weapons = {r.region: r.weapons for r in run(text, FRIDAY)}
    assert weapons["UA-53"] == ["drone"]
    assert weapons["UA-74"] == ["unknown"]


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck a depot in Engels overnight on 11-12 June, the General Staff said.",
        "Drones struck a depot in Engels overnight 11-12 June, the General Staff said.",
    ],
)
def test_overnight_on_a_night_named_by_both_its_days_is_the_first(text):
    assert [r.date.isoformat() for r in run(text, FRIDAY)] == ["2025-06-11"]


def test_a_ministry_list_with_figures_in_words_after_dashes():
    text = (
        "Air defences downed 30 drones overnight, the Russian Defence Ministry said: "
        "Kursk Region – 14, Bryansk Region – 9, Oryol Region – four, Tula Region – three."
    )
    got = {r.region: r.intercepted for r in run(text, FRIDAY)}
    assert got == {"RU-KRS": 14, "RU-BRY": 9, "RU-ORL": 4, "RU-TUL": 3}


def test_a_digest_s_lead_in_with_the_time_of_the_post_speaks_the_post_below_it():
    text = (
        "Day in the region\n\n"
        "🔵 Vyacheslav Gladkov, Governor of the Belgorod Region (posted 10:05):\n\n"
        '"This morning a drone hit a grain store in Valuyki. One worker was injured."'
    )
    (record,) = run(text, FRIDAY)
    assert (record.region, record.source_types) == ("RU-BEL", ["russia_official"])
    assert not any(s.startswith("🔵") for s in record.sources)


def test_a_read_also_list_named_after_its_site_is_teasers():
    text = (
        "Drones hit a depot in Lutsk on Thursday, the governor said.\n\n"
        "Read also on Example News:\n"
        "Explosions in Kyiv: air defence working against ballistic missiles\n"
        "Poltava region: power plant damaged after night attack"
    )
    assert areas(run(text, FRIDAY)) == [("UA-07", "2025-06-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A drone hit a bakery in Kherson overnight, the governor said on Friday, June 13.",
            [("UA-65", "2025-06-12")],
        ),
        # a week's total said on a dated day is no attack of that day
        (
            "Over the past week, Russia launched 900 drones at Ukraine, the president said on Friday, June 13.",
            [],
        ),
    ],
)
def test_the_date_that_spells_out_the_weekday_of_the_words_is_when_they_were_said(text, expected):
    assert areas(run(text, FRIDAY)) == expected


def test_where_missiles_were_launched_from_does_not_make_the_capital_russia_s():
    text = (
        "Overnight the enemy attacked with 40 drones and six Iskander-M missiles launched from the "
        "Kursk and Bryansk regions, the Air Force said. The main target of the strike was the capital."
    )
    assert "RU-MOW" not in {r.region for r in run(text, FRIDAY)}
