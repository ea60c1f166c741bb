"""How strike news is written in 2024-2026, on own-words sentences in the shapes outlets use:
air force and ministry reports, governors' round-ups, wire stories, key-event lists, barrage
stories with their regions and national totals (fixed publication date: a Thursday)."""

import datetime as dt

import pytest

from analytics import lexicon
from tests.factories import areas, run


@pytest.mark.parametrize(
    "phrase,expected",
    [
        # The side named first is the speaker's; a later one only says where the place lies.
        (
            "The military administration of Ukraine's Chernihiv region on the border with Russia",
            "ukraine_official",
        ),
        ("Officials in a Russian district across the frontier from Ukraine", "russia_official"),
        ("Moscow-appointed officials in occupied parts of Ukraine", "russia_official"),
    ],
)
def test_a_source_speaks_for_the_side_it_names_first(phrase, expected):

    assert lexicon.sources().classify(phrase) == expected


@pytest.mark.parametrize(
    "text,day",
    [
        # A report's window is dated by the day the night started on; its end dates nothing.
        ("From 19:00 on 12 March to 06:00 on 13 March, drones struck a depot in Poltava.", "2024-03-12"),
        ("Between 22:00 on Tuesday and 05:00 on Wednesday, drones struck a depot in Poltava.", "2024-03-12"),
        # A night named by the day it leads into wins over the hour its window opened.
        (
            "On the night of 13 March (from 19:00 on 12 March), drones struck a depot in Poltava.",
            "2024-03-13",
        ),
        # The night just past, however it is worded, is the day before publication.
        ("Drones struck a depot in Poltava during the past night.", "2024-03-13"),
        ("Drones struck a depot in Poltava throughout the night.", "2024-03-13"),
    ],
)
def test_night_windows_and_wordings_date_the_night(text, day):
    (rep,) = run(text)
    assert rep.date.isoformat() == day


def test_an_air_force_night_report_names_origins_a_total_and_the_regions_hit():
    # The shape of the Ukrainian air force's morning report, as outlets relay it.
    text = (
        "On the night of 14 March (from 18:00 on 13 March), the enemy attacked with 64 Shahed-type "
        "drones from the directions of Oryol, Kursk and Primorsko-Akhtarsk, the air force said.\n\n"
        "As of 08:30, 41 drones were shot down in the east and south of the country.\n\n"
        "Hits were recorded in the Poltava and Zhytomyr regions."
    )
    reports = run(text)
    assert areas(reports) == [
        ("UA-18", "2024-03-14"),
        ("UA-53", "2024-03-14"),
        (None, "2024-03-14"),
    ]
    (national,) = [r for r in reports if r.region is None]
    assert (national.country, national.launched, national.intercepted) == ("UA", 64, 41)


def test_the_river_takes_the_article_at_a_sentence_start_too():
    text = (
        "Missiles struck Zaporizhzhia on Wednesday. The Dnipro hydroelectric plant took two hits. "
        "Three people were injured."
    )
    (rep,) = run(text)
    assert (rep.region, rep.wounded) == ("UA-23", 3)


def test_a_roundup_of_the_past_day_dates_the_regions_that_follow():
    text = (
        "Over the past day, Russian attacks on eight regions killed three people and injured 17, "
        "regional officials said.\n\n"
        "In the Kherson region, shelling killed two people, the governor said.\n\n"
        "In the Donetsk region, one man was killed in Kramatorsk."
    )
    assert areas(run(text)) == [("UA-14", "2024-03-13"), ("UA-65", "2024-03-13")]


def test_a_toll_of_a_place_named_later_in_the_story_is_of_its_attack():
    text = (
        "Russian missiles hit Kyiv overnight, killing six people, officials said.\n\n"
        "The barrage included 40 missiles and 90 drones, the air force said.\n\n"
        "The city's mayor said fires broke out in two districts.\n\n"
        "In the Kyiv region, a man was injured in Brovary, the governor said."
    )
    assert areas(run(text)) == [("UA-30", "2024-03-13"), ("UA-32", "2024-03-13")]


@pytest.mark.parametrize("later", ["Later that night", "Later in the night", "On the same day"])
def test_a_time_that_refers_back_takes_the_story_s_day(later):
    text = f"On 9 March, drones hit a depot in Sumy. {later}, a missile struck a bridge in Poltava."
    assert areas(run(text)) == [("UA-53", "2024-03-09"), ("UA-59", "2024-03-09")]


def test_confirmed_strikes_on_named_places_state_the_attack():
    text = "The army's general staff confirmed strikes on a refinery in the Saratov region and a depot in the Tambov region overnight."
    assert areas(run(text)) == [("RU-SAR", "2024-03-13"), ("RU-TAM", "2024-03-13")]


def test_a_week_s_total_is_background():
    text = "Over the past week, Russia launched 900 drones and 40 missiles at Ukraine, the president said on Sunday."
    assert run(text) == []


def test_damage_in_named_regions_after_an_attack_is_that_attack_s():
    text = (
        "Russia hit energy sites overnight with 60 drones and 12 missiles, the energy minister said. "
        "Substations in the Sumy and Chernihiv regions were damaged, and schools were closed in Kyiv."
    )
    assert areas(run(text)) == [("UA-59", "2024-03-13"), ("UA-74", "2024-03-13"), (None, "2024-03-13")]


@pytest.mark.parametrize(
    "text,region",
    [
        # A place the text puts in a region is there, whatever namesake the gazetteer knows.
        ("Drones struck the Marinovka airfield in the Volgograd region on Tuesday.", "RU-VGG"),
        ("A drone hit a barn in Marinovka, Volgograd region, on Tuesday.", "RU-VGG"),
        # A city is no village put in the region after it: "Belgorod, Kursk region" is a list.
        ("Drones hit Belgorod, Kursk region and Oryol on Tuesday.", "RU-BEL"),
    ],
)
def test_a_place_put_in_a_region_is_in_it(text, region):
    assert run(text)[0].region == region


@pytest.mark.parametrize(
    "text,country",
    [
        ("The ministry said its forces struck Ukrainian energy facilities with drones overnight.", "UA"),
        ("Kyiv said its drones carried out strikes on Russian oil refineries overnight.", "RU"),
        (
            "The army delivered a massive strike with missiles against enterprises of Ukraine's "
            "defence industry overnight, the ministry said.",
            "UA",
        ),
    ],
)
def test_an_attack_on_a_side_s_sites_at_large_is_the_country_s_record(text, country):
    (rep,) = run(text)
    assert (rep.country, rep.region, rep.date.isoformat()) == (country, None, "2024-03-13")


@pytest.mark.parametrize(
    "text,killed,wounded",
    [
        # A toll that "has since risen" is the latest one.
        (
            "A missile hit Poltava on Wednesday, killing two and injuring 11. "
            "The number of injured has since risen to 18, the governor said.",
            2,
            18,
        ),
        # In a story of the hurt only, "victims" are the hurt.
        (
            "A drone hit a block in Sumy on Wednesday, injuring nine. The number of victims later rose to 13.",
            None,
            13,
        ),
        # "Another man was wounded in X" is X's own figure, added to the other town's, not to a running one.
        (
            "Shelling injured two women in Kherson on Wednesday. Another man was wounded in Bilozerka.",
            None,
            3,
        ),
        # ... in the same sentence too.
        ("Shells injured three people in Nikopol on Wednesday; one more was hurt in Marhanets.", None, 4),
    ],
)
def test_toll_updates_victims_and_another_town(text, killed, wounded):
    (rep,) = run(text)
    assert (rep.killed, rep.wounded) == (killed, wounded)


def test_the_other_country_s_figure_lends_no_weapon():
    text = (
        "- Russian attacks killed two people in the Kherson region, the governor said.\n"
        "- Russia's defence ministry said it destroyed 30 Ukrainian drones over several regions overnight."
    )
    by = {r.region or r.country: r.weapons for r in run(text)}
    assert by == {"UA-65": ["unknown"], "RU": ["drone"]}


def test_a_country_s_own_figure_lends_its_weapon_to_its_regions():
    text = "Russia launched 80 drones at Ukraine overnight, the air force said.\n\nIn Sumy, two people were hurt."
    by = {r.region or r.country: r.weapons for r in run(text)}
    assert by["UA-59"] == ["drone"]


def test_the_capital_is_that_of_the_city_the_sentence_named():
    text = (
        "A drone attack on Moscow shut two airports on Wednesday, the mayor said, adding that "
        "eleven drones flying towards the capital had been destroyed."
    )
    (rep,) = run(text)
    assert (rep.region, rep.intercepted) == ("RU-MOW", 11)


def test_places_named_as_the_barrage_s_targets_are_regional_records():
    text = (
        "Russia attacked the country overnight with 120 drones and four missiles, the air force said. "
        "Lviv and Rivne were the main targets."
    )
    assert areas(run(text)) == [("UA-46", "2024-03-13"), ("UA-56", "2024-03-13"), (None, "2024-03-13")]


def test_an_attack_days_before_another_event_has_no_day_and_no_record():
    text = "The summit opened on Tuesday, weeks after drones struck an air base in the Murmansk region."
    assert run(text) == []
    text = "The vote came days after missiles destroyed a depot in the Kursk region."
    assert run(text) == []


def test_a_capital_a_government_speaks_from_is_no_target():
    text = (
        "A missile hit the port of Izmail on Tuesday. In Moscow, a Kremlin spokesman said the "
        "strike had hit a military target."
    )
    (rep,) = run(text)
    assert rep.region == "UA-51" and rep.source_types == ["russia_official"]
    # A city official of the capital speaks of the city itself.
    text = "Drones hit Moscow on Tuesday. In Moscow, the mayor said two people were hurt."
    assert [(r.region, r.wounded) for r in run(text)] == [("RU-MOW", 2)]


def test_where_a_source_spoke_is_no_part_of_its_name():
    text = "In Kyiv, the foreign ministry said a missile struck a school in Sumy on Tuesday."
    (rep,) = run(text)
    assert rep.sources == ["the foreign ministry"]


def test_the_largest_attack_since_the_war_began_is_no_running_total():
    text = (
        "Russia fired 500 drones and 20 missiles at Ukraine overnight, the air force said, in the "
        "largest attack since the start of the full-scale invasion."
    )
    (rep,) = run(text)
    assert (rep.region, rep.launched, rep.date.isoformat()) == (None, 520, "2024-03-13")


def test_an_attack_days_before_another_with_its_own_day_is_its_record():
    text = "The raid came days after missiles struck Kyiv on 8 March, damaging a clinic."
    assert areas(run(text)) == [("UA-30", "2024-03-08")]


def test_regions_after_as_well_as_are_targets_too():
    text = "Drones hit Lutsk overnight, as well as the Rivne and Ternopil regions."
    assert areas(run(text)) == [("UA-07", "2024-03-13"), ("UA-56", "2024-03-13"), ("UA-61", "2024-03-13")]


def test_a_ministry_list_with_dashes_keeps_every_region():
    text = (
        "Air defences destroyed 60 drones overnight: 30 over the Bryansk region, 20 - over the Kursk "
        "region, 10 - over the Tula region, including 4 flying towards Tula, the ministry said."
    )
    got = {r.region: r.intercepted for r in run(text)}
    assert got == {"RU-BRY": 30, "RU-KRS": 20, "RU-TUL": 10}


def test_people_heading_to_a_town_do_not_make_it_a_target():
    text = "Investigators are heading to Izium after officials said shelling had destroyed the town's school."
    assert run(text) == []


def test_a_speaker_of_the_attack_on_a_place_of_the_story_is_its_source():
    text = (
        "Russian drones struck Mykolaiv overnight, killing one person, the governor said.\n\n"
        "The air force said Russia had launched 40 drones, of which 31 were shot down.\n\n"
        "Russia's defence ministry said its forces had targeted a fuel depot in the Mykolaiv region."
    )
    by = {r.region: r.source_types for r in run(text)}
    assert by["UA-48"] == ["ukraine_official", "russia_official"]


def test_a_capital_that_acts_in_the_past_and_a_train_s_destination_are_no_targets():
    text = (
        "A drone hit a train bound for Kyiv at a station in Shostka on Wednesday, killing one, "
        "officials said, as Moscow intensified its attacks on the railways."
    )
    assert areas(run(text)) == [("UA-59", "2024-03-13")]


def test_a_wire_dateline_without_a_city_and_the_state_s_revenues():
    text = (
        "Mar 14 (Reuters) - Ukraine's army said on Wednesday it had struck a refinery in the Samara "
        "region overnight, part of a campaign to cut Moscow's oil revenues."
    )
    assert areas(run(text, dt.date(2024, 3, 15))) == [("RU-SAM", "2024-03-12")]


def test_a_toll_after_its_town_was_named_is_that_town_s():
    text = (
        "Shells hit a district of Donetsk on Wednesday, the city's mayor said. A woman was injured.\n\n"
        "Drones also attacked Horlivka, injuring two men."
    )
    (rep,) = run(text)
    assert rep.wounded == 3
    # "In total" is the sum of the towns, no town's own figure.
    text = "Shells hit Nikopol and Marhanets on Wednesday. In total, four people were injured."
    assert run(text)[0].wounded == 4


@pytest.mark.parametrize(
    "text",
    [
        # No day: a year, an attack told as happening again and again.
        "Last year, Russian strikes destroyed a third of the country's power plants.",
        "Earlier this year, a missile hit a hospital in Dnipro.",
        "The port of Izmail has been hit repeatedly since the summer.",
    ],
)
def test_attacks_with_no_day_make_no_record(text):
    assert run(text) == []


def test_a_year_that_measures_the_attack_does_not_date_it():
    text = "A missile hit Dnipro, killing nine, in the deadliest attack on the city this year."
    assert areas(run(text)) == [("UA-12", "2024-03-14")]


def test_the_toll_of_an_earlier_attack_after_since_when_is_not_today_s():
    text = (
        "A drone hit Sumy on Wednesday, killing two. It was the deadliest strike on the city "
        "since February, when 14 people were killed by a missile."
    )
    (rep,) = run(text)
    assert (rep.date.isoformat(), rep.killed) == ("2024-03-13", 2)


def test_a_national_body_s_later_shot_down_total_goes_to_the_national_record():
    text = (
        "Russia fired 30 missiles and 200 drones at Ukraine overnight, officials said.\n\n"
        "In the Volyn region, a drone hit a warehouse, the governor said.\n\n"
        "The air force said it had shot down 180 drones and 25 missiles."
    )
    by = {r.region: (r.launched, r.intercepted) for r in run(text)}
    assert by == {None: (230, 205), "UA-07": (1, None)}


def test_a_regional_official_of_kyiv_speaks_of_the_region_not_the_city():
    text = (
        "A missile was downed over the Kyiv region on Wednesday, and two more hit the capital's "
        "outskirts. Kyiv regional governor Ivan Sample said no casualties were reported."
    )
    by = {r.region: (r.killed, r.wounded) for r in run(text)}
    assert by["UA-32"] == (0, 0)


def test_a_ministry_s_strikes_on_the_other_side_and_its_own_interceptions_are_two_records():
    text = (
        "The Russian army carried out precision missile and drone strikes on Ukrainian energy "
        "facilities over the past day, the defence ministry said. Russian air defences destroyed "
        "90 Ukrainian drones and four missiles, the ministry added."
    )
    by = {r.country: (r.region, r.intercepted, r.attacker) for r in run(text)}
    assert by == {"UA": (None, None, "Russia"), "RU": (None, 94, "Ukraine")}


def test_an_attack_that_set_fire_to_a_site_states_the_attack():
    text = "A drone attack set fire to a fuel depot in Russia's Kursk region overnight, the governor said."
    assert areas(run(text)) == [("RU-KRS", "2024-03-13")]


@pytest.mark.parametrize(
    "text",
    [
        "Air defences destroyed 45 drones overnight over the Tula (20), Kaluga (15) and Oryol (10) regions.",
        "Drones destroyed overnight, by region: Tula - 20, Kaluga - 15, Oryol - 10.",
    ],
)
def test_a_list_of_places_each_with_its_figure(text):
    got = {r.region: r.intercepted for r in run(text)}
    assert got == {"RU-TUL": 20, "RU-KLU": 15, "RU-ORL": 10}


def test_a_system_s_designation_is_no_list_figure():
    from analytics.extract.numbers import find_munitions

    text = "Air defences shot down a Kh-59 missile over the Dnipropetrovsk region overnight."
    assert [c.value for c in find_munitions(text)] == []  # "Kh-59" names the missile, 59 counts nothing
    assert areas(run(text)) == [("UA-12", "2024-03-13")]


def test_a_toll_of_several_regions_together_is_the_country_s():
    text = "Russian attacks over the past day killed five people in the Sumy, Kharkiv and Kherson regions."
    by = {r.region: r.killed for r in run(text)}
    assert by == {None: 5, "UA-59": None, "UA-63": None, "UA-65": None}
    text = "Russian attacks over the past day killed five people in the Sumy (1), Kharkiv (3) and Kherson (1) regions."
    by = {r.region: r.killed for r in run(text)}
    assert by == {None: 5, "UA-59": 1, "UA-63": 3, "UA-65": 1}


def test_an_official_the_text_does_not_place_speaks_for_the_side_attacked():
    # Donetsk city is held by Russia; who reports a Russian attack's toll there is Ukraine.
    text = "Russian shelling killed two people in Donetsk on Wednesday, officials said."
    (rep,) = run(text)
    assert rep.source_types == ["ukraine_official"]
    text = "Ukrainian shelling killed two people in Donetsk on Wednesday, officials said."
    (rep,) = run(text)
    assert rep.source_types == ["russia_official"]


def test_a_headline_s_second_story_takes_no_figure_of_the_first():
    text = (
        "Russia says it downed 40 drones; depot hit in Tambov region\n\n"
        "A drone hit a fuel depot in the Tambov region on Wednesday, the governor said."
    )
    by = {r.region: r.intercepted for r in run(text)}
    assert by.get("RU-TAM") is None
    # After a place, the next clause may go on about it.
    text = (
        "Kharkiv region: Russia fired ten missiles at the region on Wednesday; air defences destroyed four."
    )
    assert run(text)[0].intercepted == 4


def test_a_capital_acting_in_the_present_is_no_target():
    text = "Drones hit Odesa on Wednesday as Kyiv hosts a summit on air defence."
    assert areas(run(text)) == [("UA-51", "2024-03-13")]
    # Its own nouns stay the city's.
    text = "Kyiv residents sheltered in the metro as drones struck the city on Wednesday."
    assert areas(run(text)) == [("UA-30", "2024-03-13")]


def test_a_place_name_inside_a_quoted_building_name_is_no_place():
    text = 'Debris fell on the "Dnipro Star" residential complex in Belgorod on Wednesday, the governor said.'
    assert areas(run(text)) == [("RU-BEL", "2024-03-13")]


def test_the_region_in_a_speaker_s_title_is_no_new_target():
    text = (
        "A drone tried to hit an oil terminal near St Petersburg overnight, officials said. "
        "The drone was shot down and caused no damage, an official of the Russian-installed "
        "administration of the Kherson region said on Wednesday."
    )
    # (a terminal near St Petersburg lies in the Leningrad region around the city)
    assert [r.region for r in run(text)] == ["RU-LEN"]
    # The speaker's own region spoken of first is the target.
    text = "The head of the Kherson regional administration said a drone hit a bus on Wednesday."
    assert [r.region for r in run(text)] == ["UA-65"]


def test_a_reported_attack_with_a_few_words_before_its_noun_is_stated():
    text = "Officials reported a fresh missile attack on the city of Kursk on Wednesday."
    assert areas(run(text)) == [("RU-KRS", "2024-03-13")]


def test_a_place_in_a_speaker_s_title_is_the_region_the_report_speaks_of():
    # The village's name is shared by villages of many regions, none of them known in Kharkiv's.
    text = "A drone hit a tractor in Novoselivka on Wednesday, Kharkiv governor Oleh Syniehubov said."
    assert [(r.region, r.location) for r in run(text)] == [("UA-63", "Novoselivka")]


def test_an_agency_dateline_without_a_year_dates_and_places_nothing():
    text = (
        "Drones attack the Belgorod region, two hurt\n\n"
        "BELGOROD, March 14. /Agency/. Two people were wounded when Ukrainian drones attacked "
        "the Belgorod region over the past day, the governor said."
    )
    assert areas(run(text)) == [("RU-BEL", "2024-03-13")]


def test_a_total_its_regions_add_up_to_in_the_same_sentence_opens_no_national_record():
    text = (
        "Air defences shot down 30 drones over the Belgorod region on Wednesday, its governor said. "
        "The defence ministry said 49 drones were destroyed on Wednesday, including 19 over the "
        "Belgorod region, 14 over the Bryansk region and 16 over the Kursk region."
    )
    assert sorted(r.region or "-" for r in run(text)) == ["RU-BEL", "RU-BRY", "RU-KRS"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # The attack told after the lag is an earlier one, dated back from the story's day.
        (
            "Drones hit the port of Odesa on Wednesday. The attack came a week after a missile "
            "strike on Mykolaiv killed three people.",
            [("UA-48", "2024-03-06", 3), ("UA-51", "2024-03-13", None)],
        ),
        (
            "Drones hit the port of Odesa on Wednesday. It came two days after shelling in Kherson "
            "wounded a boy.",
            [("UA-51", "2024-03-13", None), ("UA-65", "2024-03-11", None)],
        ),
        # An attack the text has told is the one it speaks of.
        (
            "A missile hit Kharkiv on Monday, killing four. Two days after the strike on Kharkiv, "
            "officials said the toll had risen to ten.",
            [("UA-63", "2024-03-11", 10)],
        ),
    ],
)
def test_an_attack_told_after_a_lag_is_dated_that_long_before_the_story_s_day(text, expected):
    got = sorted((r.region, r.date.isoformat(), r.killed) for r in run(text))
    assert got == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "On Wednesday an oil depot in Tuapse was on fire after a drone attack, officials said.",
        "A fire broke out at a depot in Tuapse on Wednesday after a drone attack.",
    ],
)
def test_a_fire_after_an_attack_states_its_impact(text):
    assert areas(run(text)) == [("RU-KDA", "2024-03-13")]


def test_a_speaker_s_attribution_does_not_carry_to_another_region_in_its_paragraph():
    text = (
        "A drone hit the port of Odesa on Wednesday, wounding three, Governor Oleh Kiper said. "
        "In the Kharkiv region, a guided bomb hit Kupiansk on Wednesday, killing a man."
    )
    got = {r.region: r.source_types for r in run(text)}
    assert got == {"UA-51": ["ukraine_official"], "UA-63": ["unattributed"]}
    # The attack the speaker told, referred back to, stays theirs.
    text = (
        "Russia said drones attacked Moscow and Crimea on Wednesday. "
        "That attack also targeted a refinery in Ryazan."
    )
    assert {r.region: r.source_types for r in run(text)}["RU-RYA"] == ["russia_official"]


def test_a_side_keeping_up_its_strikes_is_a_campaign_not_an_attack():
    text = (
        "A guided bomb hit Kupiansk on Wednesday, killing a man. "
        "Ukraine, meanwhile, has kept up its drone strikes on Russian oil facilities."
    )
    (rep,) = run(text)
    assert rep.weapons == ["air_strike"]


@pytest.mark.parametrize(
    "aside",
    [
        # Diplomacy spoken of right after the attack.
        "The Kremlin said on Wednesday it was open to ceasefire talks.",
        # A paragraph that opens on background: what its speakers say is of that.
        'Kyiv has asked allies to provide more air defence systems. "We need them now," President Zelensky said.',
        # A paragraph that opens on politics.
        "Officials in Moscow have arrested a deputy minister. State media quoted the Kremlin as saying it was informed.",
    ],
)
def test_speakers_of_another_topic_are_no_sources_of_the_attack(aside):
    text = "A drone hit a fuel depot in the Kursk region on Wednesday, its governor said.\n\n" + aside
    (rep,) = run(text)
    assert rep.sources == ["its governor"]


def test_a_total_fired_at_towns_of_one_region_named_as_examples_is_that_region_s():
    text = (
        "Ukrainian shelling wounded five civilians in the Donetsk region on Wednesday, its "
        "Russian-installed officials said. The Ukrainian military fired 42 munitions at "
        "populated areas, including Horlivka and Donetsk."
    )
    (rep,) = run(text)
    assert (rep.region, rep.attacker, rep.wounded, rep.launched) == ("UA-14", "Ukraine", 5, 42)
    # A breakdown with figures of its own keeps the total the country's.
    text = "The ministry said air defences destroyed 37 drones on Wednesday, including 12 over the Belgorod region."
    assert sorted((r.region or "-", r.intercepted) for r in run(text)) == [("-", 37), ("RU-BEL", 12)]


def test_an_attack_placed_in_another_part_of_the_country_is_not_the_focus_s():
    text = (
        "Shelling killed two people in Kherson on Wednesday, the governor said.\n\n"
        "Poland scrambled fighter jets on Wednesday after Russia launched strikes on western "
        "Ukraine, the Polish operational command said."
    )
    (rep,) = run(text)
    assert (rep.region, rep.weapons, rep.source_types) == ("UA-65", ["artillery"], ["ukraine_official"])
    # A part the record lies in is its own.
    text = (
        "Shelling killed two people in Kherson on Wednesday, the governor said. "
        "Drones also struck southern Ukraine overnight, the air force said."
    )
    (rep,) = run(text)
    assert "drone" in rep.weapons


@pytest.mark.parametrize(
    "aside",
    [
        "Zelensky will meet the US president in Washington on Friday, the presidential office said.",
        "Kyiv keeps pressing its allies for more Patriot missiles, which Washington is weighing.",
    ],
)
def test_diplomacy_and_appeals_for_weapons_tell_nothing_of_the_attack(aside):
    text = "Shelling killed two people in Kherson on Wednesday, the governor said.\n\n" + aside
    (rep,) = run(text)
    assert (rep.weapons, rep.systems, rep.sources) == (["artillery"], [], ["the governor"])


def test_a_toll_after_the_country_s_launch_figures_is_the_one_place_s():
    text = (
        "Russian drones hit Kharkiv overnight, the mayor said.\n\n"
        "The air force said Russia launched 90 drones overnight, of which 70 were shot down.\n\n"
        '"So far we know of four injured," the mayor wrote. Later the number of injured rose to six.'
    )
    got = {r.region: (r.wounded, r.launched) for r in run(text)}
    assert got == {"UA-63": (6, None), None: (None, 90)}
    # In a story of several places, a toll with no place after the totals stays the country's.
    text = (
        "Russian drones hit Kharkiv and Odesa overnight, officials said.\n\n"
        "The air force said Russia launched 90 drones overnight. Six people were injured."
    )
    assert {r.region: r.wounded for r in run(text)}[None] == 6


def test_a_side_s_own_body_reporting_drones_downed_names_the_side_attacked():
    text = (
        "Russia's defence ministry said air defence units destroyed 75 drones over 10 regions on Wednesday."
    )
    (rep,) = run(text)
    assert (rep.country, rep.region, rep.attacker, rep.intercepted) == ("RU", None, "Ukraine", 75)
    # Its own side launching is the attacker.
    text = "Russia's defence ministry said its forces launched 75 drones across the country on Wednesday."
    assert run(text)[0].country == "UA"


def test_a_village_of_a_sentence_naming_one_region_is_that_region_s():
    # The gazetteer knows the village's name only in a region spoken of before.
    text = (
        "Drones hit a refinery in the Saratov region on Wednesday.\n\n"
        "In the Belgorod region, a drone strike on a car killed two women near the village of "
        "Krasny Oktyabr on Wednesday, the governor said."
    )
    got = {r.region: r.killed for r in run(text)}
    assert got == {"RU-SAR": None, "RU-BEL": 2}


def test_tolls_of_towns_are_summed_but_a_headline_s_figure_is_the_story_s():
    text = (
        "Three killed in Belgorod shelling\n\n"
        "MOSCOW, March 13 (Wire) - Shelling of the border region of Belgorod killed three people on "
        "Wednesday. Shelling killed a man in the town of Shebekino, and a drone killed two women "
        "near the village of Krasny Oktyabr, the governor said."
    )
    (rep,) = run(text)
    assert (rep.region, rep.killed) == ("RU-BEL", 3)


@pytest.mark.parametrize(
    "text,regions",
    [
        # Places that underwent an attack, in the passive, with no weapon named.
        ("Zhytomyr and Cherkasy were also attacked on Wednesday.", ["UA-18", "UA-71"]),
        ("The city of Sumy was targeted on Wednesday, the mayor said.", ["UA-59"]),
        # Strikes reported somewhere are strikes there.
        ("Strikes were also reported in Lviv and Rivne on Wednesday.", ["UA-46", "UA-56"]),
        # The war, a threat, a campaign: no attack of a day.
        ("Kyiv could be attacked again, officials warned on Wednesday.", []),
        ("The Kharkiv region has been attacked repeatedly since 2022.", []),
    ],
)
def test_places_that_were_attacked_are_targets(text, regions):
    assert sorted(r.region for r in run(text)) == regions


@pytest.mark.parametrize(
    "recap",
    [
        "Background:\n\n- On 10 March, drones attacked Zaporizhzhia, injuring five people.",
        "Recall that on 10 March drones attacked Zaporizhzhia, injuring five people.",
    ],
)
def test_a_recap_of_an_earlier_attack_on_the_place_is_not_the_story_s_attack(recap):
    # The story's own attack names no day: it is the publication day's, not the recalled one's.
    text = "Guided bombs hit Zaporizhzhia, killing two people and injuring 14, the governor said.\n\n" + recap
    got = sorted((r.date.isoformat(), r.killed, r.wounded) for r in run(text))
    assert got == [("2024-03-10", None, 5), ("2024-03-14", 2, 14)]


@pytest.mark.parametrize(
    "text",
    [
        "A drone raid on 9 May hit a depot in Sumy.",
        "The 9 May attack on Sumy killed two people.",
    ],
)
def test_the_month_of_may_is_no_modal_verb(text):
    assert areas(run(text, dt.date(2024, 5, 14))) == [("UA-59", "2024-05-09")]


@pytest.mark.parametrize(
    "text,killed,wounded",
    [
        # A toll said to be of the whole country, or a side's day of attacks with no place.
        ("Russian strikes killed at least nine people nationwide on Wednesday.", 9, None),
        ("Over the past day, Russian forces attacked 12 regions, killing five and injuring 23.", 5, 23),
        (
            "Twelve civilians were killed and 40 injured in Russian attacks over the past day, officials said.",
            12,
            40,
        ),
    ],
)
def test_a_toll_of_the_whole_country_is_the_country_s_record(text, killed, wounded):
    (rep,) = run(text)
    assert (rep.country, rep.region, rep.killed, rep.wounded) == ("UA", None, killed, wounded)


def test_a_side_s_air_defence_reporting_downed_drones_opens_the_country_s_record():
    (rep,) = run("Ukraine's air defence shot down 48 of 62 drones on Wednesday night.")
    assert (rep.country, rep.region, rep.launched, rep.intercepted) == ("UA", None, 62, 48)
