"""How reports word attacks, twelfth round: own-words sentences in shapes GUIDELINES settle
(fixed publication date: Thursday 14 March 2024 unless a test gives its own)."""

import datetime as dt

import pytest

from tests.factories import run


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_source_cue_with_an_apostrophe_matches_either_apostrophe(apostrophe):
    [record] = run(f"Drones hit a plant in Yelabuga on Tuesday, the region{apostrophe}s head said.")
    assert record.source_types == ["russia_official"]
    assert record.sources == [f"the region{apostrophe}s head"]


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("pro-war milbloggers", "other"),
        ("monitoring channels", "other"),
        ("Kaja Kallas", "third_party_official"),
        # (guard: an official of the side holding the place stays that side's)
        ("the regional governor", "ukraine_official"),
    ],
)
def test_speakers_who_are_not_the_side_of_the_place_hit(speaker, kind):
    [record] = run(f"A missile hit a warehouse in Pavlohrad on Tuesday, {speaker} said.")
    assert record.source_types == [kind]


@pytest.mark.parametrize(
    "window",
    [
        "Between 10:00 p.m. Moscow time on 12 March and 6:00 a.m. Moscow time on 13 March",
        # (guards: a window whose end has no zone, or neither end, was read before)
        "From 9 p.m. (Kyiv time) on 12 March until 7 a.m. on 13 March",
        "Between 22:00 on 12 March and 06:00 on 13 March",
    ],
)
def test_a_ministry_s_night_window_is_dated_by_its_first_day(window):
    text = f"{window}, air defences destroyed 30 drones over the Bryansk region, the ministry said."
    [record] = run(text)
    assert record.date == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Russian drones hit Kharkiv on Tuesday.\n\nDrones struck a school and a depot in the Saltivskyi and Kyivskyi "
            "districts, the mayor said.",
            "UA-63",
        ),
        (
            "Russian drones hit Odesa on Tuesday.\n\nDrones struck a school and a depot in the Prymorskyi and Kyivskyi "
            "districts, the mayor said.",
            "UA-51",
        ),
        # (guard: Odesa's district once called Suvorovskyi is not Kherson's namesake)
        (
            "A missile hit Kherson on Tuesday, damaging homes in the Suvorovskyi district, the governor said.",
            "UA-65",
        ),
    ],
)
def test_a_city_s_district_is_in_the_city_s_region(text, region):
    assert {r.region for r in run(text)} == {region}


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("Overnight into Wednesday", dt.date(2024, 3, 13)),
        ("Overnight", dt.date(2024, 3, 13)),
    ],
)
def test_a_night_opening_a_speaker_s_sentence_is_the_attack_s(opening, day):
    text = (
        "On Monday, a drone hit a car near Shebekino, the governor said.\n\n"
        f"{opening}, the defence ministry said it had shot down 40 drones over the Kursk region."
    )
    kursk = [r for r in run(text) if r.region == "RU-KRS"]
    assert [r.date for r in kursk] == [day]


@pytest.mark.parametrize(
    "aim",
    [
        "The main direction of the attack was the city of Lutsk.",
        "The primary target of the strike was Lutsk.",
        # (guard: the place before "was the main target" was read before)
        "Lutsk was the main target.",
    ],
)
def test_the_place_an_attack_aimed_at_most_was_attacked(aim):
    records = run(f"Russia launched 200 drones at Ukraine on Tuesday night, the air force said. {aim}")
    assert "UA-07" in {r.region for r in records}


def test_an_aim_that_is_no_place_names_no_target():
    # (guard: a capital acting in the same sentence is not what the attack aimed at)
    text = (
        "Russia launched 200 drones at Ukraine on Tuesday night, the air force said. While the main "
        "target of the raid was the power grid, it was also a bid by Moscow to wear people down."
    )
    assert "RU-MOW" not in {r.region for r in run(text)}


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, Russian forces attacked seven regions of Ukraine, killing three people and injuring 12.",
        "On Tuesday, Russian troops shelled and sent drones at nine regions of Ukraine, killing three "
        "people and injuring 12.",
        # (guard: the country's toll said across it was read before)
        "Russian attacks across Ukraine on Tuesday killed three people and injured 12.",
    ],
)
def test_a_toll_of_regions_counted_but_not_named_is_the_country_s(text):
    [record] = run(text)
    assert (record.country, record.region, record.killed, record.wounded) == ("UA", None, 3, 12)


def test_a_total_told_as_launched_and_downed_and_split_in_full_opens_no_national_record():
    text = (
        "Ukraine launched 30 drones at Russia overnight, officials said. The defence ministry said "
        "all 30 were destroyed: 20 over the Kursk region and 10 over the Bryansk region."
    )
    assert {r.region for r in run(text)} == {"RU-KRS", "RU-BRY"}


def test_a_launched_total_not_split_keeps_the_national_record():
    # (guard: 40 launched, of which the 30 downed are split, is more than the places hold)
    text = (
        "Ukraine launched 40 drones at Russia overnight, officials said. The defence ministry said "
        "30 were destroyed: 20 over the Kursk region and 10 over the Bryansk region."
    )
    assert None in {r.region for r in run(text)}


def test_a_headline_s_place_takes_the_day_the_body_names_for_its_attack():
    text = (
        "Combined attack on the west: two killed near Lviv\n\nKyiv Daily, 14 March 2024\n\n"
        "Russia attacked western Ukraine with drones and missiles on the night of 11-12 March, "
        "striking energy sites. Two people were killed in Lviv Oblast."
    )
    [lviv] = [r for r in run(text) if r.region == "UA-46"]
    assert (lviv.date, lviv.killed) == (dt.date(2024, 3, 11), 2)


@pytest.mark.parametrize(
    "toll",
    [
        "Four members of one family, including a boy, were killed",
        "Four family members, among them a boy, were killed",
        # (guard: the people of an apposition were counted before)
        "Four people, including a boy, were killed",
    ],
)
def test_members_of_a_family_are_people_counted(toll):
    [record] = run(f"A drone hit a house in Lviv on Tuesday, the governor said. {toll}.")
    assert record.killed == 4


@pytest.mark.parametrize("period", ["Mar. 4-10", "4–10 March"])
def test_a_range_of_days_in_a_digest_headline_names_no_day(period):
    text = (
        f"Week in review, {period}: depot burns in Fastiv\n\n"
        "On the night of 9-10 March, Russia launched 300 drones at Ukraine, the air force said. In "
        "Kyiv Oblast, drones destroyed a rail depot in Fastiv, the governor said."
    )
    assert {(r.region, r.date) for r in run(text)} == {
        (None, dt.date(2024, 3, 9)),
        ("UA-32", dt.date(2024, 3, 9)),
    }


@pytest.mark.parametrize(
    ("day", "date"),
    [
        # (guards: a night of two days, and a day alone, stay days)
        ("On the night of Mar. 9-10", dt.date(2024, 3, 9)),
        ("On 10 March", dt.date(2024, 3, 10)),
    ],
)
def test_a_night_span_and_a_single_day_are_still_days(day, date):
    [record] = run(f"{day}, Russian drones destroyed a rail depot in Fastiv, the governor said.")
    assert record.date == date


def test_a_place_called_a_village_is_in_the_sentence_s_region_though_a_town_elsewhere_has_its_name():
    text = "In Russia's Belgorod region, a drone hit a car near the village of Nikolskoye on Tuesday, the governor said."
    assert [r.region for r in run(text)] == ["RU-BEL"]


def test_a_town_not_called_a_village_keeps_its_own_region():
    # (guard: a sizeable town named beside another region is that town)
    text = "Drones hit the Belgorod region and the town of Kirishi on Tuesday, the ministry said."
    assert {r.region for r in run(text)} == {"RU-BEL", "RU-LEN"}


def test_a_wire_dateline_of_two_cities_is_no_day_of_the_attack():
    text = (
        "KYIV/MOSCOW, March 14 (Reuters) - Russia struck Kyiv with drones overnight, killing two "
        "people, officials said on Thursday."
    )
    [kyiv] = run(text)
    assert kyiv.date == dt.date(2024, 3, 13)


def test_a_night_counted_from_the_day_it_was_told_is_evidenced_by_the_night():
    text = (
        "KYIV/MOSCOW, March 14 (Reuters) - Russia struck Kyiv with drones overnight, while "
        "Ukrainian drones hit Novorossiysk, officials said on Thursday.\n\n"
        "In Novorossiysk, drones damaged a ship early on Thursday, the port said."
    )
    [port] = [r for r in run(text) if r.region == "RU-KDA"]
    assert port.evidence["date"].sentence.startswith("KYIV/MOSCOW")
    assert text[port.evidence["date"].start : port.evidence["date"].end] == "overnight"


@pytest.mark.parametrize(
    ("earlier", "day"),
    [
        ("A day earlier", dt.date(2024, 3, 10)),
        ("Two days earlier", dt.date(2024, 3, 9)),
        ("The previous day", dt.date(2024, 3, 10)),
    ],
)
def test_a_day_earlier_counts_back_from_the_day_spoken_of(earlier, day):
    text = (
        "Drones struck Kharkiv on Monday, injuring five people, the mayor said. "
        f"{earlier}, a missile hit the town of Balakliia in the Kharkiv region, killing two, the governor said."
    )
    records = sorted(run(text), key=lambda r: r.date)
    assert [(r.date, r.killed, r.wounded) for r in records] == [
        (day, 2, None),
        (dt.date(2024, 3, 11), None, 5),
    ]


def test_a_day_earlier_with_no_day_spoken_of_is_the_day_before_publication():
    # (guard: with nothing to count back from, publication is the anchor)
    [record] = run(
        "A day earlier, a missile hit Balakliia in the Kharkiv region, killing two, the governor said."
    )
    assert record.date == dt.date(2024, 3, 13)


def test_an_earlier_attack_with_its_own_toll_in_a_told_region_is_its_own_record():
    text = (
        "A glide bomb struck the village of Yarova in Donetsk Oblast on Tuesday, killing 20 people, "
        "the governor said.\n\nThe attack came a day after shelling killed two people in "
        "Kostiantynivka, the governor said."
    )
    records = sorted(run(text), key=lambda r: r.date)
    assert [(r.region, r.date, r.killed) for r in records] == [
        ("UA-14", dt.date(2024, 3, 11), 2),
        ("UA-14", dt.date(2024, 3, 12), 20),
    ]


def test_a_lag_after_a_told_attack_with_no_toll_of_its_own_is_that_attack():
    # (guard: "two days after the strike on X, the toll rose" speaks of X's attack)
    text = (
        "A missile hit Kharkiv on Tuesday, the governor said. Two days after the strike on Kharkiv, "
        "the toll rose to five, the governor said."
    )
    assert [(r.region, r.date) for r in run(text)] == [("UA-63", dt.date(2024, 3, 12))]


@pytest.mark.parametrize(
    "period",
    [
        "Russia fired some 2,000 drones at Ukraine in the first half of March, officials said.",
        "Russia fired 2,000 drones at Ukraine during the month, the air force said.",
        "Russia has fired more than 2,000 drones at Ukraine every month, officials said.",
    ],
)
def test_a_total_over_a_period_is_background(period):
    assert run(period) == []


@pytest.mark.parametrize("heading", ["Read also:", "Read next", "READ ALSO"])
def test_headlines_listed_under_read_also_are_other_stories(heading):
    text = (
        "Drones hit a refinery in Kirishi on Tuesday, the governor said.\n\n"
        f"{heading}\n- Fuel Prices Hit New Record on St. Petersburg Exchange\n- Missiles Strike Odesa Port\n\n"
        "Support our newsroom."
    )
    assert [r.region for r in run(text)] == ["RU-LEN"]


@pytest.mark.parametrize(
    "aside",
    [
        '"Each missile that hits a Kyiv home answers all who still wait for Moscow to want peace," the '
        "president said.",
        "Each strike that hits a Kyiv home comes as allies keep pressing Moscow to accept a truce.",
    ],
)
def test_a_capital_as_the_subject_of_an_infinitive_is_its_government(aside):
    records = run(f"Russian missiles hit Kyiv on Tuesday, killing five people. {aside}")
    assert [r.region for r in records] == ["UA-30"]


def test_a_capital_after_from_to_is_still_a_place():
    # (guard: "from Kursk to Moscow" names where the drones went)
    text = "Drones flew from Kursk to Moscow on Tuesday and were shot down over the city, the mayor said."
    assert "RU-MOW" in {r.region for r in run(text)}


@pytest.mark.parametrize(
    "season",
    [
        "Earlier this spring, a missile strike on Dnipro killed nine people, officials said.",
        "Earlier in the autumn, missiles put the Kharkiv power plant out of action, officials said.",
        "Last winter, drones hit the Odesa port, killing two, officials said.",
    ],
)
def test_an_attack_told_by_its_season_has_no_day(season):
    assert run(season) == []


def test_a_day_of_the_coming_weeks_is_not_last_year_s():
    text = (
        "Drones attacked Sevastopol overnight, killing one, the governor said, two weeks ahead of the "
        "March 28 naval parade."
    )
    [record] = run(text)
    assert record.date == dt.date(2024, 3, 13)


def test_a_date_told_without_a_coming_event_keeps_its_year_rule():
    # (guard: "on 30 March", told in mid-March with no "ahead of", is last year's, as before)
    [record] = run("Drones attacked Sevastopol on 30 March, killing two, the governor said.")
    assert record.date == dt.date(2023, 3, 30)


@pytest.mark.parametrize(
    ("victims", "killed", "wounded"),
    [
        ("a man 64 years old was killed", 1, None),
        ("a man, 64 years old, was killed", 1, None),
        # (guards: an age before the noun, and a count with no age, as before)
        ("a 64-year-old man was killed", 1, None),
        ("two people were injured", None, 2),
    ],
)
def test_an_age_in_years_old_is_no_count(victims, killed, wounded):
    [record] = run(f"Shelling hit Kherson on Tuesday, the governor said. In the city {victims}.")
    assert (record.killed, record.wounded) == (killed, wounded)


@pytest.mark.parametrize("side", ["the Ukrainian armed forces", "the AFU", "Kiev's forces"])
def test_settlements_of_the_region_attacked_are_the_region_spoken_of(side):
    text = (
        "The governor said on Wednesday that attacks on the Belgorod region go on day and night.\n\n"
        f"Over the past day, {side} attacked 12 settlements of the region. Two civilians were killed."
    )
    [record] = run(text)
    assert (record.region, record.date, record.killed) == ("RU-BEL", dt.date(2024, 3, 13), 2)


@pytest.mark.parametrize(
    "victim",
    [
        "The driver, a 52-year-old man, was injured",
        "A woman received a mine-blast injury",
        "A man suffered a shrapnel wound",
        # (guard: the plain shape was read before)
        "The driver was injured",
    ],
)
def test_one_person_hurt_told_with_an_apposition_or_a_wound_received(victim):
    [record] = run(
        f"A drone hit a car near Rylsk in the Kursk region on Tuesday, the governor said. {victim}."
    )
    assert record.wounded == 1


def test_background_in_a_trailing_as_clause_leaves_the_dated_toll_standing():
    text = (
        "A drone attack on Sumy killed two people on the evening of March 12, officials said, as "
        "Moscow stepped up strikes on towns near the border."
    )
    [record] = run(text)
    assert (record.region, record.date, record.killed) == ("UA-59", dt.date(2024, 3, 12), 2)


def test_background_with_no_dated_toll_before_it_is_still_background():
    # (guard: the stepping-up told on its own is no report)
    assert run("Moscow has stepped up strikes on towns near the border, officials said.") == []


@pytest.mark.parametrize(
    ("people", "n"),
    [
        ("Three crew members of a tanker moored at the oil berth were injured", 3),
        ("Two employees of the enterprise were injured", 2),
        # (guard: the plain shape was read before)
        ("Two people were injured", 2),
    ],
)
def test_people_of_a_place_or_group_hurt(people, n):
    [record] = run(f"Drones hit the port of Novorossiysk on Tuesday, officials said. {people}.")
    assert record.wounded == n


@pytest.mark.parametrize(
    ("victims", "wounded"),
    [
        ("A man was injured in Nikopol and a woman in Marhanets", 2),
        # (guards: a share counted by a number, equal or not, was summed before)
        ("One man was injured in Nikopol and one in Marhanets", 2),
        ("Two men were injured in Nikopol and one in Marhanets", 3),
    ],
)
def test_shares_of_one_region_with_the_verb_left_out_add_up(victims, wounded):
    [record] = run(f"Russian drones hit the Nikopol district on Tuesday, the governor said. {victims}.")
    assert record.wounded == wounded


def test_shares_of_two_regions_stay_apart():
    # (guard: a share in another region is that region's alone)
    text = "Russian drones on Tuesday injured a man in Kherson and a woman in Nikopol, the governors said."
    assert sorted((r.region, r.wounded) for r in run(text)) == [("UA-12", 1), ("UA-65", 1)]


@pytest.mark.parametrize("when", ["said earlier on Thursday", "said later on Thursday", "said on Thursday"])
def test_a_night_is_counted_from_the_day_it_was_told_earlier_or_later(when):
    text = (
        f"The defence ministry {when} that air defences destroyed 43 drones overnight over the Kursk region."
    )
    [record] = [r for r in run(text) if r.region == "RU-KRS"]
    assert record.date == dt.date(2024, 3, 13)


def test_the_druzhba_pipeline_is_no_village():
    text = "Drones hit a pumping station of the Druzhba oil pipeline in Russia's Bryansk region on Tuesday, officials said."
    assert [r.region for r in run(text)] == ["RU-BRY"]


@pytest.mark.parametrize("heading", ["Read more on Kyiv Post:", "Read more from Reuters"])
def test_read_more_on_an_outlet_opens_a_teaser_list(heading):
    text = (
        "Drones hit a refinery in Ryazan on Tuesday, the governor said.\n\n"
        f"{heading}\n- Drones Hit Ship in Odesa Port as Risks Mount\n- Sea Drones Strike Tankers Off Turkey\n"
    )
    assert [r.region for r in run(text)] == ["RU-RYA"]
