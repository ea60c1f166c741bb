"""How reports word attacks, thirteenth round: own-words sentences in shapes GUIDELINES settle
(fixed publication date: Thursday 14 March 2024 unless a test gives its own)."""

import pytest

from tests.factories import run


@pytest.mark.parametrize(
    "rise",
    [
        "The number of people injured in the drone attack on Poltava on Mar. 12 has risen to 23, the governor said.",
        "The number of those wounded after Tuesday's missile strike on a Poltava school reached 23, the governor said.",
        # (guard: the short form was read before)
        "The number of injured in Poltava rose to 23, the governor said.",
    ],
)
def test_a_number_of_injured_risen_across_the_attack_it_is_of(rise):
    [record] = run(f"Russian drones struck Poltava on Tuesday, injuring nine people.\n\n{rise}")
    assert record.wounded == 23


def test_a_toll_does_not_take_the_number_of_another_kind_after_it():
    text = (
        "A drone hit a block of flats in Sumy on Tuesday, injuring three people. By evening the toll had "
        "changed: one woman died in hospital and the number of injured reached five."
    )
    [record] = run(text)
    assert (record.killed, record.wounded) == (1, 5)


@pytest.mark.parametrize("adverb", ["later", "since", "subsequently"])
def test_a_person_who_later_died_is_killed(adverb):
    text = f"A drone hit a block of flats in Sumy on Tuesday, injuring three people. A 70-year-old man {adverb} died."
    [record] = run(text)
    assert record.killed == 1


@pytest.mark.parametrize(
    ("place", "speaker", "kind"),
    [
        ("Horlivka", "the city's head Petr Sidorov", "russia_official"),
        ("Kherson", "city head Ivan Petrenko", "ukraine_official"),
        ("Kherson", "the town's head", "ukraine_official"),
    ],
)
def test_a_city_s_head_is_an_official_of_the_side_holding_it(place, speaker, kind):
    [record] = run(
        f"A drone attacked a minibus in {place} on Tuesday, wounding three passengers, {speaker} said."
    )
    assert record.source_types == [kind]


@pytest.mark.parametrize(
    ("national", "weapons"),
    [
        ("Separately, Russia fired 90 drones at Ukraine overnight, the air force said.", ["unknown"]),
        # (guard: a national sentence of the same day still lends its weapon)
        ("On Monday, Russia fired 90 drones at Ukraine, the air force said.", ["drone"]),
    ],
)
def test_a_weapon_of_another_day_s_national_attack_is_not_lent(national, weapons):
    text = f"Russian forces struck a railway station in Shostka on Monday, injuring 30 people.\n\n{national}"
    shostka = next(r for r in run(text) if r.region == "UA-59")
    assert shostka.weapons == weapons


@pytest.mark.parametrize(
    "clause", ["with 98 shot down", "with 98 of them downed or jammed", "with 98 being intercepted"]
)
def test_the_share_stopped_in_a_with_clause_is_intercepted(clause):
    [record] = run(f"Russia launched 120 drones at Ukraine overnight, the air force said, {clause}.")
    assert (record.launched, record.intercepted) == (120, 98)


@pytest.mark.parametrize(
    ("aftermath", "regions"),
    [
        ("Damage was recorded in the Chernihiv and Poltava regions.", {None, "UA-74", "UA-53"}),
        ("The consequences were reported in Chernihiv.", {None, "UA-74"}),
        # (guard: damage spoken of without a place records nothing more)
        ("Damage was recorded after the attack.", {None}),
    ],
)
def test_the_places_an_attack_left_damage_in_are_its_regions(aftermath, regions):
    records = run(
        f"Russia attacked Ukraine overnight with 70 drones and three missiles, the air force said. {aftermath}"
    )
    assert {r.region for r in records} == regions


@pytest.mark.parametrize(
    ("speakers", "kinds"),
    [
        ("local residents and the Astra channel reported", ["other", "media"]),
        ("witnesses and Reuters reported", ["other", "media"]),
        # (guard: a place joined to a speaker is no speaker)
        ("a depot in Engels and the governor said", ["russia_official"]),
    ],
)
def test_speakers_joined_by_and_are_each_a_source(speakers, kinds):
    [record] = run(f"Ukrainian drones struck a refinery in Saratov on Tuesday, {speakers}.")
    assert record.source_types == kinds


def test_a_toll_after_the_region_s_places_together_is_the_region_s_not_the_town_s():
    text = (
        "On Tuesday Russian forces shelled Kherson and 31 settlements of the region, the governor said. "
        "Two people were killed and eight were injured.\n\n"
        "In Kherson, a man was killed and five residents were injured. Two people were hurt in Bilozerka "
        "and a woman in Antonivka."
    )
    [record] = run(text)
    assert (record.killed, record.wounded) == (2, 8)


def test_the_day_a_toll_rose_is_not_the_day_of_the_attack():
    text = (
        "The death toll from the Russian missile strike on a block of flats in the city of Poltava rose to 11 "
        "on Wednesday, officials said.\n\nThe missile hit the building early on Tuesday."
    )
    [record] = run(text)
    assert record.date.isoformat() == "2024-03-12"
    assert record.killed == 11


@pytest.mark.parametrize(
    "before",
    [
        "Earlier, officials had said 19 were wounded",
        "Initial reports put the number of injured at 19",
        "At first the mayor said 19 were hurt",
        "In his first update on Wednesday morning, the governor said one man had been killed and 19 injured",
    ],
)
def test_a_figure_said_before_gives_way_to_the_current_one(before):
    text = f"A missile hit a school in Sumy on Tuesday. Fifteen people were injured, the governor said. {before}."
    [record] = run(text)
    assert record.wounded == 15


def test_a_lead_s_toll_with_no_day_takes_the_day_the_weapon_hit():
    text = (
        "The death toll from a Russian missile strike on a market in Kryvyi Rih has risen to 12, officials say.\n\n"
        "The ballistic missile hit an area near a playground on Monday evening, in what was the deadliest attack "
        "this year."
    )
    [record] = run(text)
    assert (record.date.isoformat(), record.killed) == ("2024-03-11", 12)


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        (
            "On Tuesday, Ukraine's navy said its sea drones hit a fuel depot in Feodosia, which supplies fuel to "
            "Russian forces in the south.",
            "Ukraine",
        ),
        ("The SBU said on Tuesday it had struck a radar station near Yevpatoria.", "Ukraine"),
        # (guard: a side's official telling of an attack on its side names the other side)
        ("A missile hit a depot in Feodosia on Tuesday, Crimea's Russian-installed head said.", "Ukraine"),
        ("Ukraine's air force said Russian drones hit a depot in Kherson on Tuesday.", "Russia"),
    ],
)
def test_a_side_s_military_telling_of_its_own_attack_names_the_attacker(text, attacker):
    [record] = run(text)
    assert record.attacker == attacker


def test_the_number_risen_to_is_of_the_kind_told_before_it():
    text = (
        "Russian drones hit Zaporizhzhia on Tuesday. The governor first reported nine people injured; by the "
        "evening, he said the number had risen to 14."
    )
    [record] = run(text)
    assert record.wounded == 14


@pytest.mark.parametrize(
    "toll",
    [
        "two victims - a man and a woman - got injuries",
        "two victims — a man and a woman — received injuries",
        # (guard: a list by place with hyphens is no aside)
        "two people were injured",
    ],
)
def test_victims_between_dashes_who_got_injuries_are_wounded(toll):
    [record] = run(f"A drone hit a house in Vorozhba on Tuesday; {toll}, the regional administration said.")
    assert record.wounded == 2


def test_a_village_in_a_district_named_after_a_town_is_in_the_town_s_region():
    text = "In the village of Murom in the Shebekino district, a drone injured a man on Tuesday, the governor said."
    [record] = run(text)
    assert record.region == "RU-BEL"


@pytest.mark.parametrize(
    "aside",
    [
        "Ankara said it was in contact with both Kyiv and Moscow",
        "Turkey has offered to mediate between Moscow and Kyiv",
        "the talks between Kyiv and Moscow stalled last month",
    ],
)
def test_capitals_paired_in_diplomacy_are_governments(aside):
    text = f"A Russian drone hit a cargo ship in Odesa on Tuesday, wounding two sailors. {aside}."
    assert {r.region for r in run(text)} == {"UA-51"}


def test_a_capital_attacked_beside_another_city_stays_a_target():
    assert {r.region for r in run("Russian drones hit Odesa and Kyiv on Tuesday.")} == {"UA-51", "UA-30"}


@pytest.mark.parametrize(
    "described",
    [
        "a factory in Bryansk that makes artillery shells",
        "the air base at Morozovsk, where Su-34 bombers used in glide bomb attacks are stationed,",
        "the Alabuga plant in Tatarstan, the site where Russia assembles Shahed drones,",
    ],
)
def test_weapons_a_target_makes_or_hosts_are_not_the_attack_s(described):
    [record] = run(f"Ukrainian missiles hit {described} on Tuesday.")
    assert record.weapons == ["missile"]


@pytest.mark.parametrize("period", ["in two days", "over the past three days"])
def test_a_toll_over_several_days_is_a_period_total(period):
    text = f"Glide bombs pound Kharkiv and Sumy, killing 9 {period}\n\nA guided bomb hit a shop in Kharkiv on Tuesday, killing two."
    records = run(text)
    assert [(r.region, r.killed) for r in records] == [("UA-63", 2)]


@pytest.mark.parametrize(
    "measure",
    [
        "The attack on Poltava came less than a day after glide bombs slammed into Kharkiv late on Monday, "
        "killing one person.",
        "The Poltava attack was the deadliest since a missile strike killed one person in Kharkiv on Monday.",
    ],
)
def test_an_attack_told_before_and_measured_against_another_takes_none_of_its_day(measure):
    text = f"Russian missiles struck Poltava on Tuesday, killing five people.\n\n{measure}"
    assert sorted((r.region, r.date.day, r.killed) for r in run(text)) == [("UA-53", 12, 5), ("UA-63", 11, 1)]


def test_a_day_earlier_than_a_day_the_sentence_names_counts_back_from_it():
    text = "Mourners gathered on 13 March at the square where a missile struck a crowd in Sumy a day earlier."
    [record] = run(text)
    assert record.date.isoformat() == "2024-03-12"


def test_a_toll_updated_on_a_later_day_stays_with_the_attack():
    text = (
        "A missile struck the centre of Sumy on Tuesday, killing 20 people.\n\n"
        "Early on Wednesday, the mayor of Sumy said one of the wounded had died overnight, bringing the number "
        "of dead to 21."
    )
    [record] = run(text)
    assert (record.date.isoformat(), record.killed) == ("2024-03-12", 21)


def test_the_munitions_the_attack_was_carried_out_with_are_the_attack_s():
    text = (
        "A missile struck the centre of Sumy on Tuesday, killing 20 people. The air force said the attack was "
        "carried out with two Iskander-M missiles launched from the Kursk region."
    )
    [record] = run(text)
    assert (record.region, record.launched) == ("UA-59", 2)


def test_attacks_kept_up_on_a_told_night_with_a_count_are_that_night_s():
    text = "Russia kept up its attacks overnight into Wednesday, launching 56 drones at Ukraine, the air force said."
    [record] = run(text)
    assert (record.region, record.launched) == (None, 56)


def test_earlier_on_a_day_is_a_time_not_a_figure_said_before():
    text = (
        "A drone hit a bus in Kherson on Tuesday, killing two people. Earlier on Tuesday, shelling killed "
        "a man in Bilozerka, the governor said."
    )
    [record] = run(text)
    assert record.killed == 3


def test_a_list_by_region_split_at_semicolons_gives_each_region_its_count():
    text = (
        "The ministry broke down the night's shootdowns by region on Tuesday: Kursk region, 40; Bryansk region, "
        "12; Oryol region, 5."
    )
    assert sorted((r.region, r.intercepted) for r in run(text)) == [
        ("RU-BRY", 12),
        ("RU-KRS", 40),
        ("RU-ORL", 5),
    ]


@pytest.mark.parametrize(
    "aside",
    [
        "The decision, announced on Monday, raised concern in Kyiv about its ability to spot missile launches "
        "and to hit Russian positions with long-range weapons",
        "Local governors said Monday that shelling killed a man, as Kyiv and Moscow traded attacks along the border",
        "Two people were injured in the capital region, and all three Moscow airports suspended flights",
    ],
)
def test_a_capital_that_feels_acts_or_closes_its_airports_is_no_target(aside):
    text = f"Ukrainian drones hit a depot in Bryansk on Tuesday, the governor said. {aside}."
    assert "UA-30" not in {r.region for r in run(text)} and "RU-MOW" not in {r.region for r in run(text)}


@pytest.mark.parametrize(
    ("attack", "region"), [("Ukrainian drones hit Moscow", "RU-MOS"), ("Russian drones hit Kyiv", "UA-32")]
)
def test_the_capital_region_is_the_region_around_the_capital(attack, region):
    text = f"{attack} overnight. Two people were injured in the capital region, officials said."
    records = run(text)
    assert any(r.region == region and r.wounded == 2 for r in records)


def test_a_toll_of_attacks_on_the_country_s_regions_is_the_country_s():
    text = "Russian attacks on Ukrainian regions killed 9 civilians and injured 40 over the past day, officials said."
    [record] = run(text)
    assert (record.region, record.country, record.killed, record.wounded) == (None, "UA", 9, 40)


@pytest.mark.parametrize(
    "aside",
    [
        "Local media reported explosions in Odesa and Kremenchuk during the night",
        "In Kyiv itself, an air-raid alert lasted for hours, but the city said no hits had been recorded",
        "Guided bombs hit Kostiantynivka and Kherson almost daily, officials said",
    ],
)
def test_blasts_reported_an_alert_with_no_hits_and_daily_attacks_are_no_records(aside):
    text = f"Russian drones hit a depot in Kharkiv overnight, the governor said. {aside}."
    assert {r.region for r in run(text)} == {"UA-63"}


def test_an_attacker_cue_in_a_headline_clause_of_another_place_is_that_place_s():
    text = (
        "Week in review: Kryvyi Rih mourns, Kyiv hit again, Ukrainian drones reach Novorossiysk\n\nKryvyi Rih mourns\n\n"
        "A Russian ballistic missile hit a residential area in the centre of Kryvyi Rih on Monday, killing four "
        "people.\n\nDrones struck an oil terminal in Novorossiysk on Tuesday."
    )
    kryvyi_rih = next(r for r in run(text) if r.region == "UA-12")
    assert kryvyi_rih.attacker == "Russia"


def test_what_a_target_produces_for_a_side_names_neither_attacker_nor_weapon():
    text = (
        "Ukraine's General Staff said missiles had struck a chemical plant in Seltso on Tuesday, which it says "
        "produces gunpowder and explosives for Russian artillery."
    )
    [record] = run(text)
    assert (record.attacker, record.weapons) == ("Ukraine", ["missile"])


def test_an_event_or_closed_airports_in_a_capital_are_no_attack_on_it():
    text = (
        "Moscow airports were forced to suspend flights as Ukrainian drones flew at the region around the "
        "capital.\n\nRussian air defences downed 90 Ukrainian drones overnight, the ministry said, as Kyiv sought "
        "to disrupt the parade rehearsals in Moscow."
    )
    assert "RU-MOW" not in {r.region for r in run(text)}


def test_a_speaker_at_an_event_in_another_city_is_no_source_of_the_attack_in_focus():
    # (guard: the event's city is named, so the speaker is of another story)
    text = (
        "A missile hit a depot in Kharkiv on Tuesday, the governor said.\n\n"
        "Speaking at a press conference in Moscow, Vladimir Putin said his forces were advancing."
    )
    [record] = run(text)
    assert record.source_types == ["ukraine_official"]


def test_a_side_s_air_defences_count_with_only_a_capital_speaking_is_the_country_s():
    text = (
        "Airports were closed as Ukrainian drones targeted the Russian capital region.\n\n"
        "Russian air defences intercepted 105 Ukrainian drones overnight, the Defence Ministry in Moscow said, as "
        "Kyiv sought to disrupt the parade rehearsals in Moscow. Of them, 25 were downed over the Bryansk region "
        "and 21 over the Kursk region."
    )
    national = [r for r in run(text) if r.region is None]
    assert [(r.country, r.intercepted) for r in national] == [("RU", 105)]


def test_an_evening_and_the_next_named_night_are_two_attacks():
    text = (
        "On the night of 12-13 March, Russian drones attacked Kharkiv, killing two people, the mayor said.\n\n"
        "On Monday evening, a drone also hit a garage in Kharkiv, injuring a man."
    )
    assert sorted((r.date.day, r.killed, r.wounded) for r in run(text)) == [(11, None, 1), (12, 2, None)]


def test_attacks_told_to_go_on_today_move_the_day_spoken_of():
    text = (
        "A drone hit a car in Beryslav on Sunday, wounding the driver.\n\n"
        "The attacks continued this morning. At about 07:20, a drone dropped explosives on a bus in Nikopol, "
        "injuring two passengers."
    )
    assert sorted((r.region, r.date.isoformat()) for r in run(text)) == [
        ("UA-12", "2024-03-14"),
        ("UA-65", "2024-03-10"),
    ]


def test_places_hit_at_least_once_over_a_period_are_background():
    text = (
        "A drone hit a substation in Sumy on Tuesday, the governor said. Power plants in Kharkiv and Poltava "
        "have been hit at least once since the autumn, the grid operator says."
    )
    assert {r.region for r in run(text)} == {"UA-59"}


@pytest.mark.parametrize(
    ("rest", "national"),
    [
        ("and the rest over the Oryol and Tula regions", []),
        # (guard: with no place told to hold the rest, the total stays the country's)
        ("and one over the Oryol region", [("RU", 30)]),
    ],
)
def test_places_told_to_hold_the_rest_of_a_total_complete_its_split(rest, national):
    text = (
        "The defence ministry said on Tuesday that air defences downed 30 Ukrainian drones overnight: 20 over "
        f"the Bryansk region, 6 over the Kursk region {rest}."
    )
    assert [(r.country, r.intercepted) for r in run(text) if r.region is None] == national
