"""How reports word attacks, fourteenth round: own-words sentences in shapes GUIDELINES settle
(fixed publication date: Thursday 14 March 2024 unless a test gives its own)."""

import datetime as dt

import pytest

from tests.factories import areas, run

SUNDAY = dt.date(2025, 6, 8)


@pytest.mark.parametrize(
    "later",
    [
        "On Sunday afternoon, a guided bomb hit a warehouse in Sumy, injuring two workers.",
        "Sumy was hit by a guided bomb this afternoon, injuring two workers, the mayor said.",
    ],
)
def test_the_next_afternoon_is_another_attack(later):
    text = f"Russian drones attacked Sumy overnight, the regional administration said.\n\n{later}"
    assert areas(run(text, SUNDAY)) == [("UA-59", "2025-06-07"), ("UA-59", "2025-06-08")]


def test_a_night_of_its_own_after_an_evening_is_another_attack():
    text = (
        "A Russian drone hit a car near Sumy on Saturday evening, the regional administration said.\n\n"
        "Russian drones attacked Sumy again overnight into Sunday, injuring two workers."
    )
    assert areas(run(text, SUNDAY)) == [("UA-59", "2025-06-07"), ("UA-59", "2025-06-08")]


@pytest.mark.parametrize(
    "later",
    [
        # (guards: a night's attack runs into the morning; a night lent by another place's
        # sentence tells no time of this place's attack)
        "On Sunday morning, debris of a drone damaged a warehouse in Sumy, injuring two workers.",
        "A man wounded in Poltava died in hospital overnight.\n\nSumy hit\n\nA warehouse burned.",
    ],
)
def test_a_night_and_its_morning_stay_one_attack(later):
    text = f"Russian drones attacked Sumy overnight, the regional administration said.\n\n{later}"
    assert ("UA-59", "2025-06-08") not in areas(run(text, SUNDAY))


@pytest.mark.parametrize(
    ("update", "killed", "wounded"),
    [
        ("The first message at 04:10 said one person died and six were injured.", 1, 6),
        ("A report at 21:30 said one person was killed and six were injured.", 1, 6),
        ("The update at 9.00 said one person died and six were injured.", 1, 6),
    ],
)
def test_a_clock_time_holds_no_count(update, killed, wounded):
    [record] = run(f"Russian drones struck Sumy on Tuesday.\n\n{update}")
    assert (record.killed, record.wounded) == (killed, wounded)


def test_a_clock_time_is_no_launched_count():
    [record] = run("Live updates\n\n11:45 Glide bombs struck Kharkiv on Tuesday, the mayor said.")
    assert record.launched is None


MONDAY = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukrainian drones hit a fuel depot in the Bryansk region overnight, officials said on Monday, "
            "two days after an attack on a rail yard in Kursk.",
            ("RU-BRY", "2025-03-09"),
        ),
        (
            "Russian missiles struck Odesa on Monday, a day after a drone attack on Izmail.",
            ("UA-51", "2025-03-10"),
        ),
        # (guard: with no attack in its clause the named day is the later one's)
        (
            "Rescuers were still digging in Sumy on Monday, two days after the missiles struck.",
            ("UA-59", "2025-03-08"),
        ),
    ],
)
def test_a_clause_that_tells_an_attack_keeps_its_day_before_a_lag(text, expected):
    assert expected in areas(run(text, MONDAY))


@pytest.mark.parametrize(
    "total",
    [
        "Officials say Russia has launched thousands of drones and hundreds of missiles at Ukraine since September.",
        "The grid operator said its substations in the Chernihiv region have been hit dozens of times since the autumn.",
        "Ukrainian drones have at various times since last summer struck oil depots in Crimea.",
    ],
)
def test_a_total_since_a_month_or_season_is_background(total):
    text = f"Russian drones struck Sumy on Tuesday, injuring two people.\n\n{total}"
    assert [r.region for r in run(text)] == ["UA-59"]


def test_a_day_since_which_a_place_was_spared_is_no_total():
    # (guard: "has not been hit since" says nothing of a running total)
    text = "Drones hit Lviv on Tuesday. The city has not been hit since March, the mayor said."
    assert [r.region for r in run(text)] == ["UA-46"]


def test_a_ministry_s_total_split_by_its_lists_is_no_national_record_beside_another_s_figure():
    text = (
        "Russia's Defence Ministry said air defences destroyed 30 Ukrainian drones over four regions "
        "overnight. Between 8 p.m. and midnight, 12 drones were downed: seven over the Bryansk region and "
        "five over the Kursk region. After midnight, 18 more were destroyed: ten over the Oryol region and "
        "eight over the Tula region.\n\n"
        "Sevastopol's governor Mikhail Razvozhayev said two drones were shot down over the city overnight."
    )
    regions = [r.region for r in run(text)]
    assert None not in regions and "UA-40" in regions


def test_a_total_told_again_is_the_total_s_not_the_last_place_named():
    text = (
        "Russia's Defence Ministry said air defences destroyed 40 Ukrainian drones over six Russian regions "
        "and the Republic of Crimea overnight.\n\n"
        '"Overnight, air defence systems on duty destroyed 40 Ukrainian drones," the ministry said.\n\n'
        "Sergei Aksyonov, the Russian-installed head of Crimea, said debris damaged a house in Dzhankoi."
    )
    crimea = {r.region: r for r in run(text)}["UA-43"]
    assert crimea.intercepted is None


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "Overnight Russia attacked Ukraine with 60 drones and three ballistic missiles from the Kursk "
            "and Belgorod regions, the air force said.",
            "RU-BEL",
        ),
        (
            "The enemy launched cruise missiles from Tu-95 bombers over the Caspian Sea, as well as "
            "ballistic missiles and guided missiles of several types from the Rostov region and occupied "
            "Crimea, the air force said. Missiles struck Dnipro overnight.",
            "UA-43",
        ),
        # (guard: the nearest phrase decides, not the first one, which turned to a target)
        (
            "The enemy attacked with 2 ballistic missiles from the Kursk region and 70 strike drones from "
            "the directions of Oryol and Millerovo. Drones struck Dnipro overnight.",
            "RU-ORL",
        ),
    ],
)
def test_every_place_of_a_list_of_launch_sites_is_an_origin(text, origin):
    assert origin not in [r.region for r in run(text)]


def test_a_heading_with_no_place_opens_what_follows_and_lends_the_record_above_nothing():
    text = (
        "In the Kharkiv region, a drone hit a warehouse on Tuesday, injuring two workers, the governor said.\n\n"
        "KREMLIN BLAMES HIMARS\n\n"
        "Russia's Defence Ministry said Ukrainian forces fired rockets at the Belgorod region on Tuesday."
    )
    kharkiv = {r.region: r for r in run(text)}["UA-63"]
    assert kharkiv.weapons == ["drone"]


@pytest.mark.parametrize("heading", ["MOSCOW CITES HIMARS", "KYIV WELCOMES AID"])
def test_a_capital_acting_in_a_short_capitalised_heading_is_its_government(heading):
    from analytics.extract.places import find_places

    [ref] = find_places(heading)
    assert ref.role == "actor"


@pytest.mark.parametrize(
    "measured",
    [
        "It was the deadliest attack on Odesa since February 2, when a missile hit a dormitory and killed nine people.",
        "The strike was the worst on the city since 9 January, when drones killed nine people in a dormitory.",
    ],
)
def test_the_attack_measured_against_in_a_when_clause_is_a_record_of_its_day(measured):
    text = f"Russian drones struck Odesa on Tuesday, killing 14 people.\n\n{measured}"
    assert ("UA-51", "2024-01-09" if "January" in measured else "2024-02-02") in areas(run(text))


def test_a_count_since_a_day_weeks_back_is_still_a_running_total():
    # (guard: with no measure before it, "since ..., when" opens a count)
    text = (
        "Russian drones struck Odesa on Tuesday, killing 14 people.\n\n"
        "Since 9 January, when the winter campaign began, strikes on Odesa have killed 60 people."
    )
    assert areas(run(text)) == [("UA-51", "2024-03-12")]


@pytest.mark.parametrize(
    ("headline", "region", "attacker"),
    [
        ("Odesa mourns, Kyiv hit again, Ukrainian drones reach Tuapse", "UA-30", "Russia"),
        # (guard: the passive with an agent names the attacker by it)
        ("Moscow hit by drones as Russian missiles pound Odesa", "RU-MOW", "Ukraine"),
    ],
)
def test_a_capital_hit_again_or_by_in_a_headline_is_the_place_hit(headline, region, attacker):
    text = f"{headline}\n\nDebris fell on a house in {'Kyiv' if region == 'UA-30' else 'Moscow'} on Tuesday."
    assert {r.region: r for r in run(text)}[region].attacker == attacker


def test_a_week_s_total_is_background_and_takes_no_night_s_figures():
    text = (
        "The president said Russia fired some 900 drones, about 40 missiles and hundreds of glide bombs at "
        "Ukraine this week.\n\n"
        "Russia launched 120 drones and 5 missiles, the air force reported; 100 drones and 3 missiles were "
        "shot down. In Kyiv, debris damaged a house, the city administration said."
    )
    [national] = [r for r in run(text) if r.region is None]
    assert (national.launched, national.intercepted) == (125, 103)


def test_a_lead_with_no_one_named_is_the_credited_speaker_s():
    text = (
        "Russian forces attacked Ukraine with 70 attack drones overnight; 50 were shot down.\n\n"
        'Quote from the Air Force: "Drones were downed over the Sumy and Poltava oblasts."'
    )
    national = {r.region: r for r in run(text)}[None]
    assert (national.sources, national.source_types) == (["the Air Force"], ["ukraine_official"])


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ('Quote from the Air Force: "Drones were downed."', "the Air Force"),
        ('Quote from Terekhov at 15:32: "Bombs hit the district."', "Terekhov"),
        ("Quote from Syniehubov on Telegram, as posted:", "Syniehubov"),
    ],
)
def test_quote_from_names_its_speaker(line, speaker):
    from analytics.extract.actors import find_sources

    assert [m.text for m in find_sources(line)] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("Drones destroyed a depot in Boryspil, east of the capital, on Tuesday.", "UA-32"),
        ("Drones hit houses in two towns south of the Russian capital on Tuesday.", "RU-MOS"),
        # (guard: "in the south of the capital" is a part of the city)
        ("Debris fell on a highway in the south of the Russian capital on Tuesday.", "RU-MOW"),
    ],
)
def test_a_direction_of_a_capital_is_the_land_around_it(sentence, region):
    assert [r.region for r in run(sentence)] == [region]


@pytest.mark.parametrize("frame", ["Outside the capital", "Away from the capital"])
def test_outside_the_capital_opening_a_sentence_turns_to_another_place(frame):
    text = (
        "Ukraine said Russian missiles struck Lviv on Tuesday, killing two people.\n\n"
        f"{frame}, drones struck a power plant in Kremenchuk, the mayor said."
    )
    assert sorted(r.region for r in run(text)) == ["UA-46", "UA-53"]


@pytest.mark.parametrize(
    "update",
    [
        "On Wednesday one of the injured died in hospital, bringing the toll to one killed and eight injured.",
        "One of the injured, a woman of 70, died in hospital overnight. Eight other people remain injured.",
    ],
)
def test_the_hurt_counted_again_after_one_died_is_the_latest_figure(update):
    [record] = run(
        f"A glide bomb hit a block of flats in Kharkiv on Tuesday, injuring nine people.\n\n{update}"
    )
    assert (record.killed, record.wounded) == (1, 8)


def test_a_figure_of_the_hurt_told_later_for_a_part_stays_under_the_total():
    # (guard: with no death of the hurt, the largest figure is the toll)
    text = (
        "A glide bomb hit a block of flats in Kharkiv on Tuesday, injuring nine people.\n\n"
        "Three of the injured were taken to hospital; six others were treated at the scene."
    )
    assert run(text)[0].wounded == 9


def test_a_speaker_s_own_region_just_told_of_takes_the_toll():
    text = (
        "A missile struck a house in Lviv on Tuesday, killing two people, the mayor said.\n\n"
        "The attack came a day after Russian drones struck the railway station in Shostka, Sumy Oblast. "
        "Sumy Oblast Governor Oleh Hryhorov said one person was killed and 20 injured in the strike."
    )
    by = {r.region: r for r in run(text)}
    assert (by["UA-59"].wounded, by["UA-46"].wounded) == (20, None)


@pytest.mark.parametrize(
    "death",
    [
        "The governor said a man who had been wounded in the shelling on Tuesday, when a shell hit his yard, "
        "had died in hospital.",
        "A 70-year-old woman who was walking to the shop died at the scene.",
    ],
)
def test_one_person_told_by_a_relative_clause_who_died_is_killed(death):
    [record] = run(f"Russian artillery shelled Nikopol on Tuesday, damaging houses.\n\n{death}")
    assert record.killed == 1


def test_a_relative_clause_naming_someone_else_who_died_is_no_death_of_its_own():
    # (guard: the person is not the one who died)
    text = "Russian artillery shelled Nikopol on Tuesday. A man who was hurt and a neighbour, who died, were named."
    assert run(text)[0].killed is None


def test_a_headline_joins_the_attack_the_body_dated_first_not_a_later_day_spoken_of():
    text = (
        "Toll rises to 21 after missiles hit Sumy\n\n"
        "Two Russian missiles struck the centre of Sumy on Sunday, killing 20 people.\n\n"
        "Later on Monday, officials said an injured woman had died, bringing the toll to 21.\n\n"
        "On Monday, the Russian defence ministry said two Iskander missiles had hit a meeting of officers "
        "in Sumy and claimed more than 60 soldiers were killed."
    )
    assert areas(run(text, dt.date(2024, 3, 18))) == [("UA-59", "2024-03-17")]


@pytest.mark.parametrize(
    "update",
    [
        "One of the wounded died in hospital, bringing the toll to 5.",
        # (guard: read right before this change too)
        "Later a wounded man died in hospital, bringing the toll to 5.",
    ],
)
def test_the_toll_an_injured_person_s_death_brings_is_of_the_dead(update):
    [record] = run(
        f"A drone hit a bus in Kherson on Tuesday, killing four people and injuring nine.\n\n{update}"
    )
    assert (record.killed, record.wounded) == (5, 9)


@pytest.mark.parametrize(
    ("header", "mention"),
    [
        ("Ukrinform | 12.03.2024 10:15", "Ukrinform reports."),
        (
            "By Anna Koval and Petro Sydor | Reuters | March 12, 2024 9:05 AM",
            "two industry sources told Reuters.",
        ),
        # (guard: "could not verify" named no source before this change either)
        ("RFE/RL's Ukrainian Service | March 12, 2024", "RFE/RL could not verify the claim."),
    ],
)
def test_the_publisher_named_in_the_header_is_no_source(header, mention):
    text = f"Drones hit Odesa port\n{header}\n\nRussian drones struck the port of Odesa on Tuesday, {mention}"
    [record] = run(text)
    assert record.source_types == ["unattributed"]


def test_another_outlet_than_the_publisher_is_a_source():
    # (guard)
    text = (
        "Drones hit Odesa port\nUkrinform | 12.03.2024 10:15\n\n"
        "Russian drones struck the port of Odesa on Tuesday, Suspilne reports."
    )
    assert run(text)[0].source_types == ["media"]


# ("in turn" and "in a statement" were read before this change: guards)
@pytest.mark.parametrize("aside", ["for its part", "in turn", "however", "in a statement"])
def test_an_aside_between_a_speaker_and_the_verb_keeps_the_speaker(aside):
    from analytics.extract.actors import find_sources

    text = f"Russia's Defence Ministry, {aside}, said its air defences destroyed 40 drones over the Bryansk region."
    assert [m.text for m in find_sources(text)] == ["Russia's Defence Ministry"]


def test_a_capital_that_speaks_after_an_aside_is_its_government():
    from analytics.extract.places import find_places

    [ref] = find_places("Moscow, for its part, says its forces hit only military targets.")
    assert ref.role == "actor"


def test_a_timeline_entry_opened_by_its_weekday_and_day_is_that_day_s():
    text = (
        "Timeline of strikes, 4-10 March 2024\n\n"
        "Monday, 4 March – Russian drones hit port buildings in Izmail, wounding two workers.\n\n"
        "Wednesday, 6 March – A glide bomb struck a school in Kharkiv, killing one man."
    )
    assert areas(run(text)) == [("UA-51", "2024-03-04"), ("UA-63", "2024-03-06")]


def test_entries_under_a_day_s_heading_are_that_day_s():
    text = (
        "Timeline of the war, 4-10 March 2024\n\n"
        "4 March (Monday)\n"
        "- Russia attacked Ukraine overnight with 40 drones, 30 of which were downed, the air force said.\n"
        "- A missile hit a warehouse in Dnipro, injuring three people.\n\n"
        "6 March (Wednesday)\n"
        "- A glide bomb struck a school in Kharkiv, killing one man.\n\n"
        "Weekly totals\n"
        "Officials said on Sunday that Russia had launched some 600 drones during the week."
    )
    assert sorted(d for _, d in areas(run(text))) == ["2024-03-04", "2024-03-04", "2024-03-06"]


def test_a_page_s_own_date_line_is_no_day_heading():
    # (guard: a date line at the top, after or on publication, tells no entry's day)
    text = "Thursday, March 14, 2024\n\nRussian drones hit Izmail overnight, wounding two workers."
    assert areas(run(text)) == [("UA-51", "2024-03-13")]


def test_a_bare_lead_in_stands_for_the_count_before_it_and_its_items_take_their_shares():
    text = (
        "Russia's Defence Ministry said air defences destroyed 12 Ukrainian drones overnight. Its breakdown:\n"
        "- Bryansk region: 7\n"
        "- Kursk region: 5\n"
    )
    by = {r.region: r for r in run(text)}
    assert (None not in by, by["RU-BRY"].intercepted, by["RU-KRS"].intercepted) == (True, 7, 5)


def test_a_region_opening_a_line_with_a_dash_is_a_list_item_not_a_dateline():
    text = (
        "The ministry said 15 drones were destroyed overnight. By region:\n\n"
        "Kursk Region - 9 drones destroyed. The governor said a power line was damaged.\n\n"
        "Belgorod Region - 6 drones destroyed. No one was hurt, the governor said."
    )
    by = {r.region: r for r in run(text)}
    assert (by["RU-KRS"].intercepted, by["RU-BEL"].intercepted) == (9, 6)


def test_a_day_measured_against_does_not_become_the_day_the_text_speaks_of():
    text = (
        "Missiles struck a block of flats in Ternopil early on Tuesday, killing 20 people.\n\n"
        "It was the deadliest strike on a Ukrainian city since 2 February, when a missile killed 12 in Odesa.\n\n"
        "In the Lviv region, a drone hit a warehouse, the governor said."
    )
    assert ("UA-46", "2024-03-12") in areas(run(text))


def test_a_russian_city_district_named_by_its_adjective_is_the_city_s():
    text = (
        "Drones struck an oil refinery in Saratov overnight, the governor said.\n\n"
        "By morning smoke was rising over the Zavodskoy district, where drones had hit the refinery."
    )
    assert [r.region for r in run(text)] == ["RU-SAR"]


def test_cities_given_as_examples_of_places_hit_are_background():
    text = (
        "A glide bomb hit a school in Kharkiv on Tuesday, injuring two people.\n\n"
        "Glide bombs mostly fall near the front, but cities such as Sumy, Zaporizhzhia and Kramatorsk "
        "have all been hit."
    )
    assert [r.region for r in run(text)] == ["UA-63"]


def test_a_clause_opened_by_its_place_where_blasts_were_only_heard_tells_no_attack_there():
    text = "In the Lviv region a drone hit a warehouse on Tuesday; in Rivne, explosions were heard but no damage was reported."
    assert [r.region for r in run(text)] == ["UA-46"]


def test_a_day_in_the_when_clause_that_tells_the_attack_is_the_attack_s():
    text = (
        "On Wednesday, Poltava began burying the people who died when a Russian missile hit a five-storey "
        "block of flats in the city's Kyivskyi district early on Monday."
    )
    assert areas(run(text)) == [("UA-53", "2024-03-11")]


def test_a_relative_day_in_a_when_clause_does_not_outrank_the_named_day_it_explains():
    # (guard: "came on 7 March, when drones struck overnight" is 7 March's)
    text = (
        "The heaviest attack came on 7 March, when drones struck Kharkiv overnight and killed three people."
    )
    assert areas(run(text)) == [("UA-63", "2024-03-07")]


def test_a_quoted_verb_still_counts_its_munitions():
    text = 'Russia\'s Defence Ministry said 24 drones were "intercepted and destroyed" over the Saratov region overnight.'
    assert run(text)[0].intercepted == 24


def test_a_line_of_a_name_and_a_figure_after_a_lead_in_is_an_item():
    text = (
        "The ministry said air defences destroyed 20 drones overnight. It gave the following breakdown:\n\n"
        "Rostov region - 12\n"
        "Voronezh region - 8\n"
    )
    by = {r.region: r for r in run(text)}
    assert (by["RU-ROS"].intercepted, by["RU-VOR"].intercepted) == (12, 8)
