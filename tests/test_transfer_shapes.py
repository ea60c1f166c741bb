"""How reports word attacks, seventh round: own-words sentences in shapes found in several
articles of outlets outside the development folds (fixed publication date: Thursday 14 March
2024 unless a test gives its own)."""

import datetime as dt

import pytest

from tests.factories import areas, run


@pytest.mark.parametrize(
    "loss",
    [
        "knocked out power to 9,000 homes",
        "cut electricity to the district",
        "left a town without heating",
        "disrupted the power supply",
        "left parts of the region, including its main town, also called Lutsk, without power",
    ],
)
def test_an_attack_that_cut_power_states_its_impact(loss):
    # Strikes on the grid are told by what they cut off, with no verb of hitting.
    text = f"In the Volyn region, a Russian drone attack on a substation {loss} on Wednesday."
    assert areas(run(text)) == [("UA-07", "2024-03-13")]


def test_a_side_that_attacked_sites_of_the_rear_states_the_attack():
    # The regional head speaks; "local" sites are his region's.
    text = (
        "The governor of the Chernihiv region said Russia had attacked local power plants overnight, "
        "causing blackouts."
    )
    assert areas(run(text)) == [("UA-74", "2024-03-13")]


def test_a_side_that_attacked_positions_fought_on_the_ground():
    text = "The governor of the Chernihiv region said Russian troops attacked Ukrainian positions overnight."
    assert run(text) == []


def test_the_last_place_of_a_list_before_a_speaker_s_title_is_no_part_of_the_speaker():
    text = (
        "Drones also struck rail depots in the regions of Sumy, Poltava, and Kharkiv, a deputy minister said."
    )
    reports = run(text)
    assert {r.region for r in reports} == {"UA-59", "UA-53", "UA-63"}
    assert all(r.sources == ["a deputy minister"] for r in reports)


def test_attacks_there_had_also_been_on_a_list_of_places_are_theirs():
    text = (
        "A missile hit a depot in Vinnytsia on Wednesday, the governor said. "
        "The president added that there had also been attacks on Rivne, Lutsk and Uzhhorod."
    )
    assert {r for r, _ in areas(run(text))} == {"UA-05", "UA-56", "UA-07", "UA-21"}


@pytest.mark.parametrize("verb", ["had been repelled", "were thwarted", "were foiled"])
def test_a_ministry_s_repelled_attacks_on_regions_are_records_of_those_regions(verb):
    text = f"The defence ministry said drone attacks on the Oryol and Lipetsk regions {verb} overnight."
    assert areas(run(text)) == [("RU-LIP", "2024-03-13"), ("RU-ORL", "2024-03-13")]


@pytest.mark.parametrize("name", ["Orlov", "Kozlov", "Ivanov"])
def test_a_speaker_named_like_a_town_is_no_place_of_the_report(name):
    # Surnames that spell far Russian towns (or their old names) must not pull a village of the
    # region spoken of away to them.
    text = (
        "A Ukrainian drone killed a tractor driver in the Bryansk region on Wednesday, officials said. "
        f"The drone hit the village of Gorodishche, {name} said."
    )
    assert {r for r, _ in areas(run(text))} == {"RU-BRY"}


def test_a_defence_ministry_s_downed_count_without_place_is_the_country_s():
    # A single-place story: the ministry's count of the night is still its own national record.
    text = (
        "A Ukrainian drone set fire to a fuel depot in the Oryol region overnight, the governor said. "
        "The Russian defence ministry said 41 drones had been shot down overnight."
    )
    got = {r.region: r.intercepted for r in run(text)}
    assert got == {"RU-ORL": None, None: 41}


def test_the_time_a_statement_was_released_is_not_the_attack_s():
    text = (
        "A statement issued by the air force early on Thursday said 12 of 15 drones launched at "
        "Ukraine overnight had been shot down."
    )
    (report,) = run(text)
    assert (report.region, report.date.isoformat(), report.sources) == (None, "2024-03-13", ["the air force"])


@pytest.mark.parametrize(
    "told",
    [
        "12 of 15 drones launched at Ukraine overnight had been shot down",
        "12 out of the 15 drones sent towards Ukraine during the night were downed",
        "it shot down 12 out of 15 drones launched overnight",
    ],
)
def test_a_share_of_the_drones_launched_gives_both_counts(told):
    (report,) = run(f"The air force said {told}.")
    assert (report.launched, report.intercepted) == (15, 12)


@pytest.mark.parametrize(
    "directions",
    [
        "from several directions, including Kursk, Oryol and Millerovo",
        "from multiple directions including Kursk, Oryol and Millerovo",
    ],
)
def test_the_directions_drones_came_from_are_no_targets(directions):
    text = (
        f"Russia launched 50 attack drones, decoys among them, {directions}, the air force said on Thursday."
    )
    got = [(r.region, r.country, r.launched) for r in run(text)]
    assert got == [(None, "UA", 50)]


def test_the_capital_of_a_speaker_s_title_names_the_capital_the_drones_flew_at():
    text = "Air defences downed 14 drones flying at the capital overnight, Moscow's mayor said."
    assert [(r.region, r.intercepted) for r in run(text)] == [("RU-MOW", 14)]


def test_a_ministry_in_a_capital_speaks_there_and_forces_that_downed_drones_defend():
    text = "Russian forces intercepted 33 Ukrainian drones overnight, the defence ministry in Moscow said."
    assert [(r.region, r.country, r.attacker, r.intercepted) for r in run(text)] == [
        (None, "RU", "Ukraine", 33)
    ]


def test_a_capital_before_an_attack_placed_elsewhere_names_the_attacker():
    text = "Moscow shelling kills two in Nikopol on Wednesday."
    assert areas(run(text)) == [("UA-12", "2024-03-13")]


@pytest.mark.parametrize(
    "campaign",
    [
        "Ukraine has carried out repeated strikes on Russian oil depots with long-range drones.",
        "Moscow has fired record numbers of drones at Ukrainian cities in recent months.",
        "Russia launches most of its drones at the western regions from bases near the border.",
    ],
)
def test_a_side_s_campaign_told_without_time_or_figure_is_no_record(campaign):
    text = f"A drone hit a warehouse in Poltava on Wednesday, the governor said. {campaign}"
    assert areas(run(text)) == [("UA-53", "2024-03-13")]


def test_a_lead_s_perfect_tense_attack_is_still_an_attack():
    text = "Russia has launched a massive drone attack on Kharkiv, the mayor said on Thursday."
    assert areas(run(text)) == [("UA-63", "2024-03-14")]


@pytest.mark.parametrize("aside", ["— including two teenagers —", "(including two teenagers)"])
def test_a_toll_with_an_aside_between_dashes_or_brackets_keeps_its_figure(aside):
    text = f"A drone attack on Kherson on Wednesday killed one man, and at least seven others {aside} were injured."
    assert [(r.killed, r.wounded) for r in run(text)] == [(1, 7)]


@pytest.mark.parametrize(
    "place", ["the southern city of Odesa", "the port town of Izmail", "the northern region of Sumy"]
)
def test_a_figure_linked_to_a_place_named_by_its_kind_is_that_place_s(place):
    text = f"Russia attacked Ukraine overnight with 40 drones, and nine people were wounded in {place}, officials said."
    got = {r.region is None: (r.launched, r.wounded) for r in run(text)}
    assert got == {True: (40, None), False: (None, 9)}


def test_a_toll_told_as_nouns_counts():
    text = "A drone hit a van in the Kherson region on Wednesday, resulting in the death of one man and injuries to three passengers."
    assert [(r.killed, r.wounded) for r in run(text)] == [(1, 3)]


def test_a_toll_of_attacks_across_a_country_s_regions_is_the_country_s():
    text = "Russian strikes across Ukrainian regions killed four civilians and injured 23 over the past day, officials said."
    assert [(r.region, r.date.isoformat(), r.killed, r.wounded) for r in run(text)] == [
        (None, "2024-03-13", 4, 23)
    ]


def test_a_headline_s_past_day_without_its_article_is_the_day_before():
    text = "Shelling kills one, wounds three in Kherson region over past day"
    assert areas(run(text)) == [("UA-65", "2024-03-13")]


def test_who_reported_it_follows_by_and_a_passive_aside_names_no_one():
    from analytics.extract.actors import find_sources

    assert [
        m.text for m in find_sources("Drones also hit Sumy, with no damage reported by local officials.")
    ] == ["local officials"]
    assert find_sources("A missile hit a depot in Lviv, with damage also reported in two other cities.") == []


def test_a_toll_shared_out_by_place_is_the_country_s_with_each_place_s_share():
    text = (
        "Officials reported 15 injuries and two deaths — one in the Sumy region and another in Kherson — "
        "after Russian attacks over the past day."
    )
    got = {r.region: (r.killed, r.wounded) for r in run(text)}
    assert got == {None: (2, 15), "UA-59": (1, None), "UA-65": (1, None)}


@pytest.mark.parametrize("side", ["Russian forces", "Russian occupiers", "Russian troops"])
def test_a_side_that_killed_people_in_a_region_attacked_it(side):
    text = f"{side} killed three and wounded five civilians in the Kherson region on Wednesday, the governor said."
    assert [(r.region, r.attacker, r.killed, r.wounded) for r in run(text)] == [("UA-65", "Russia", 3, 5)]


def test_soldiers_killed_by_a_side_are_the_fighting_s():
    assert (
        run("Russian troops killed 30 Ukrainian soldiers near Kupiansk on Wednesday, the ministry said.")
        == []
    )


def test_a_capital_acting_in_a_title_cased_headline_is_no_target():
    text = "Russian Strikes Kill Nine in Kharkiv as Moscow Steps Up Pressure"
    assert {r for r, _ in areas(run(text))} == {"UA-63"}


def test_a_name_the_text_puts_in_a_country_is_its_place_there():
    # Slavyansk is a Donetsk-region town and a Krasnodar-region one; Russia's is the latter.
    (report,) = run(
        "Drone debris started a fire at Russia's Slavyansk refinery on Wednesday, officials said."
    )
    assert (report.region, report.attacker) == ("RU-KDA", "Ukraine")


def test_a_country_that_only_places_the_region_after_it_is_no_target():
    text = "A drone hit an oil depot in Russia's Bryansk region overnight, the governor said."
    assert areas(run(text)) == [("RU-BRY", "2024-03-13")]


def test_one_death_is_a_toll_of_one():
    text = "A drone hit a shop in Kherson on Wednesday, the governor said, confirming one death and two injuries."
    assert [(r.killed, r.wounded) for r in run(text)] == [(1, 2)]


@pytest.mark.parametrize(
    "night",
    ["overnight from Saturday into Sunday", "overnight Saturday to Sunday"],
)
def test_a_night_named_by_both_its_days_is_the_first(night):
    # Told on Monday 18 March, a day after the night ended: the night is Saturday's (GUIDELINES,
    # settled calls), neither Sunday nor the day before publication.
    text = f"Russia launched a large drone attack on Ukraine {night}, sending 90 drones, the military said."
    assert areas(run(text, dt.date(2024, 3, 18))) == [(None, "2024-03-16")]


@pytest.mark.parametrize("verb", ["sending", "deploying"])
def test_drones_sent_in_a_participle_clause_are_launched(verb):
    (report,) = run(f"Russia attacked Ukraine overnight, {verb} 70 drones, the air force said.")
    assert (report.region, report.launched) == (None, 70)


def test_citizens_and_villagers_are_people():
    text = "Shelling hit Kherson on Wednesday. A villager was killed and another citizen was injured."
    assert [(r.killed, r.wounded) for r in run(text)] == [(1, 1)]


def test_a_sea_before_a_port_s_name_leaves_it_a_place():
    text = "A drone strike on Wednesday set fire to Russia's Black Sea Tuapse refinery, officials said."
    assert areas(run(text)) == [("RU-KDA", "2024-03-13")]


def test_a_dash_ends_the_clause_where_blasts_were_heard():
    text = (
        "A blast was heard over Kyiv – likely air defence meeting two missiles fired at "
        "Starokostiantyniv in the Khmelnytskyi region – on Wednesday."
    )
    assert {r for r, _ in areas(run(text))} == {"UA-68"}


@pytest.mark.parametrize("regions", ["several central regions", "other western regions"])
def test_a_count_over_regions_described_by_where_they_lie_is_the_country_s(regions):
    text = f"The air force said air defence units in {regions} had destroyed all 21 drones overnight."
    assert [(r.region, r.intercepted) for r in run(text)] == [(None, 21)]


def test_others_downed_over_other_regions_are_the_country_s():
    text = (
        "The defence ministry said 40 drones were destroyed over the Kursk region overnight, "
        "with 12 others downed over other southern regions."
    )
    assert {r.region: r.intercepted for r in run(text)} == {"RU-KRS": 40, None: 12}


def test_an_air_force_that_said_it_shot_drones_down_is_the_defender():
    (report,) = run("The Ukrainian air forces said they had shot down 65 drones overnight.")
    assert (report.country, report.region, report.attacker, report.intercepted) == ("UA", None, "Russia", 65)


def test_the_early_hours_of_the_publication_day_name_the_article_s_night():
    text = (
        "In the early hours of March 14, drones struck a fertiliser plant in the Tula region, officials said.\n\n"
        "The defence ministry said 40 drones were shot down overnight, including 12 over the Oryol region."
    )
    assert {d for _, d in areas(run(text))} == {"2024-03-14"}


@pytest.mark.parametrize("part", ["western Russia", "southern Russia"])
def test_a_toll_said_of_a_part_of_the_country_is_the_country_s(part):
    text = (
        "Overnight drone strikes left two people dead and five injured "
        f"in {part}, according to statements from regional governors."
    )
    got = [(r.region, r.country, r.killed, r.wounded, r.sources) for r in run(text)]
    assert got == [(None, "RU", 2, 5, ["regional governors"])]


def test_a_headline_s_part_of_the_country_stands_for_the_place_its_story_names():
    assert run("Drone attack kills two in eastern Ukraine") == []


def test_information_shared_by_an_official_names_the_official():
    from analytics.extract.actors import find_sources

    text = "This information was shared on Telegram by the head of the regional military administration."
    assert [m.text for m in find_sources(text)] == ["the head of the regional military administration"]


def test_a_region_that_sustained_damage_from_shelling_was_attacked_with_its_own_weapon():
    text = (
        "Drones hit Kyiv overnight, injuring five, the mayor said. Further south, the Cherkasy region "
        "also sustained damage from Russian shelling."
    )
    assert {r.region: r.weapons for r in run(text)} == {"UA-30": ["drone"], "UA-71": ["artillery"]}


def test_a_side_s_forces_that_shot_drones_down_give_their_country_s_count():
    text = (
        "A drone hit a depot in the Bryansk region overnight, the governor said. "
        "State media reported that Russian forces shot down 45 Ukrainian drones overnight."
    )
    assert {r.region: r.intercepted for r in run(text)} == {"RU-BRY": None, None: 45}


def test_an_attack_on_a_part_of_the_country_with_a_toll_is_the_country_s():
    (report,) = run(
        "A Ukrainian drone attack on southern Russia killed two people, officials said on Wednesday."
    )
    assert (report.region, report.country, report.killed) == (None, "RU", 2)


def test_a_resident_named_after_an_inverted_speech_verb_is_the_speaker():
    from analytics.extract.actors import find_sources

    found = find_sources("The blast shattered every window, said resident Olha Petrenko, 63.")
    assert [(m.text, m.source_type) for m in found] == [("resident Olha Petrenko", "other")]


def test_a_total_broken_down_in_full_with_a_sea_leaves_no_national_record():
    text = (
        "Air defences destroyed 30 Ukrainian drones over several Russian regions overnight, the ministry said.\n\n"
        '"On-duty air defences destroyed 30 drones: 20 over the Kursk region, six over the Oryol region '
        'and four over the Black Sea waters," the ministry said.'
    )
    assert {r.region: r.intercepted for r in run(text)} == {"RU-KRS": 20, "RU-ORL": 6}


@pytest.mark.parametrize("night", ["overnight Monday", "on Monday night"])
def test_the_one_night_an_article_names_by_its_day_is_its_bare_overnight(night):
    # Told on Wednesday 13 March: the article names Monday's night; its bare "overnight" is that
    # night, not the day before publication.
    text = (
        f"Russia fired 60 drones and 10 missiles at Ukraine {night}, officials said.\n\n"
        "The air force said 55 of the drones launched overnight were shot down."
    )
    assert areas(run(text, dt.date(2024, 3, 13))) == [(None, "2024-03-11")]


@pytest.mark.parametrize(
    "span",
    [
        "between the morning of March 12 and the morning of March 13",
        "from 8:00 on 12 March to 8:00 on 13 March",
    ],
)
def test_a_day_s_summary_spanning_two_dates_is_told_by_the_first(span):
    text = f"Russian forces shelled the Kherson region 40 times {span}, wounding three people, the governor said."
    assert areas(run(text)) == [("UA-65", "2024-03-12")]


def test_a_period_of_many_days_is_no_one_day():
    from analytics.extract.dates import find_time_expressions, resolve

    (expr,) = find_time_expressions("The town was shelled from March 1 to March 12.")
    assert resolve(expr, dt.date(2024, 3, 14)) is None


def test_an_earlier_strike_that_knocked_out_the_site_spoken_of_is_its_record_of_that_day():
    text = (
        "Drones set fire to the Saratov refinery overnight, the governor said on Thursday. "
        "Ukrainian drone strikes knocked out operations at the plant last Monday."
    )
    assert areas(run(text)) == [("RU-SAR", "2024-03-11"), ("RU-SAR", "2024-03-13")]


def test_a_capital_after_attacks_by_is_the_side_that_made_them():
    text = (
        "A drone hit an oil depot in the Bryansk region overnight, the governor said, as officials "
        "reported drone attacks by Kyiv across several regions."
    )
    reports = run(text)
    assert "UA-30" not in {r.region for r in reports}
    assert {r.attacker for r in reports} == {"Ukraine"}


def test_someone_reported_hearing_explosions_states_no_strike():
    text = (
        "Drones hit the Odesa port overnight, the governor said. "
        "A reporter in the Mykolaiv region reported hearing several explosions before dawn."
    )
    assert {r for r, _ in areas(run(text))} == {"UA-51"}


def test_kryvorizhzhia_is_the_kryvyi_rih_area():
    text = "Drones also attacked two communities in Kryvorizhzhia on Wednesday, damaging power lines, the governor said."
    assert areas(run(text)) == [("UA-12", "2024-03-13")]
