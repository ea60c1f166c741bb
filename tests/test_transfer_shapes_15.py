"""How reports word attacks, fifteenth round: own-words sentences in shapes GUIDELINES settle."""

import datetime as dt

import pytest

from tests.factories import areas, by_region, run

TUESDAY = dt.date(2025, 11, 18)


def test_a_link_headline_under_the_byline_is_another_story():
    # A live page puts a link to an earlier story between its byline and its lead; the body
    # names that city only as a speaker.
    text = (
        "Live: shelling kills two in Nikopol as Kyiv weighs new talks\n\n"
        "By Jane Roe, 18 November 2025\n\n"
        "Odesa port hit by the largest drone attack of the year, leaving seven wounded\n\n"
        "Two people were killed when Russian artillery shelled Nikopol overnight, the regional "
        "governor said.\n\n"
        "Kyiv said it would send a delegation to the talks next week.\n\n"
        "Officials in Kyiv also asked allies for more air defence systems."
    )
    assert areas(run(text, TUESDAY)) == [("UA-12", "2025-11-17")]


def test_a_second_headline_whose_place_the_body_retells_stays():
    # (guard: the body tells the attack on the place the second headline names)
    text = (
        "Live: shelling kills two in Nikopol\n\n"
        "By Jane Roe, 18 November 2025\n\n"
        "Odesa port hit by drones, seven wounded\n\n"
        "Two people were killed when Russian artillery shelled Nikopol overnight, the regional "
        "governor said.\n\n"
        "In Odesa, drones struck the port overnight and seven people were wounded, the mayor said.\n\n"
        "Officials asked allies for more air defence systems."
    )
    assert areas(run(text, TUESDAY)) == [("UA-12", "2025-11-17"), ("UA-51", "2025-11-17")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The envoy visited a clinic in Bucha, where Russian shells killed two nurses, and "
            "thanked its staff.",
            [],
        ),
        # (guard: the clause that gives its attack a day tells a record of that day)
        (
            "The envoy visited Sumy on Monday, where a Russian missile had killed two nurses on Saturday.",
            [("UA-59", "2025-11-15")],
        ),
    ],
)
def test_an_attack_told_of_a_place_someone_visits_has_no_day_of_its_own(text, expected):
    assert areas(run(text, TUESDAY)) == expected


def test_a_weekday_a_plan_governs_far_into_its_clause_is_no_day_of_an_attack():
    text = (
        "The UN chief will hold talks in the western city of Lviv with the presidents of Ukraine "
        "and Turkey on Thursday.\n\n"
        "Separately, a Ukrainian drone attack set fire to an oil depot in Belgorod, the governor "
        "said."
    )
    assert areas(run(text, TUESDAY)) == [("RU-BEL", "2025-11-18")]


_LIVE_PAGE = (
    "Ukraine war live: drones and missiles hit Odesa overnight\n\n"
    "The Courier | Live | Tue 18 Nov 2025 16.05 GMT\n\n"
    "16.02 GMT\n"
    "Odesa toll rises\n\n"
    "Russian drones and missiles struck the port of Odesa overnight, killing three people, the "
    "regional governor said.\n\n"
    "14.40 GMT\n"
    "Belgorod governor reports shelling\n\n"
    "Shelling damaged houses in Shebekino on Sunday, the Belgorod governor said.\n\n"
    "12.10 GMT\n"
    "Mykolaiv region\n\n"
    "Drone debris set fire to a warehouse in the Mykolaiv region, the regional police said.\n"
)


def test_a_time_stamp_alone_on_its_line_opens_a_live_entry_of_its_own():
    reports = by_region(run(_LIVE_PAGE, TUESDAY))
    # (the Belgorod entry's speaker is no source of the Odesa record above it)
    assert reports["UA-51"].sources == ["the regional governor"]
    # an entry that names no day speaks of the page's story (the night its first entry told),
    # not of the Sunday the entry before it named
    assert reports["UA-48"].date == dt.date(2025, 11, 17)
    assert reports["RU-BEL"].date == dt.date(2025, 11, 16)


def test_a_round_up_s_section_speaks_of_the_round_up_s_day_not_the_day_the_section_above_moved_to():
    text = (
        "Russian attacks over the past day hurt 12 civilians in three regions\n\n"
        "Over the past day, Russian forces shelled towns in three regions, regional officials "
        "said.\n\n"
        "Sumy region\n\n"
        "Shelling hurt two women in Vorozhba, the regional administration said. The attacks went "
        "on on Tuesday morning, when a drone hit a shop in Sumy and injured a man.\n\n"
        "Kherson region\n\n"
        "Russian artillery struck the village of Bilozerka, wounding four people, the regional "
        "governor said."
    )
    assert ("UA-65", "2025-11-17") in areas(run(text, TUESDAY))


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        (
            "On Tuesday, at about 9:15 a.m., a Russian drone hit a bus near Sumy, killing two passengers.",
            [("UA-59", "2025-11-17"), ("UA-59", "2025-11-18")],
        ),
        # (guard: a clock time of the night is the night's attack still)
        (
            "On Tuesday, at about 4:30 a.m., a Russian drone hit a bus near Sumy, killing two passengers.",
            [("UA-59", "2025-11-17")],
        ),
    ],
)
def test_an_attack_at_a_clock_time_of_the_day_is_not_the_night_s(later, expected):
    text = f"Russian drones attacked Sumy overnight, the mayor said.\n\n{later}"
    assert areas(run(text, TUESDAY)) == expected


def test_a_toll_after_a_count_of_the_region_s_settlements_is_the_region_s_not_its_capital_s():
    text = (
        "Over the past day, Russian forces shelled 30 settlements in Kherson region, including "
        "the city of Kherson, the governor said.\n\n"
        '"One person was killed and six more were injured," he wrote.\n\n'
        "In Kherson, shelling injured four people. In Bilozerka, a drone killed a man and "
        "injured two."
    )
    (kherson,) = run(text, TUESDAY)
    assert (kherson.killed, kherson.wounded) == (1, 6)


def test_more_hurt_brought_to_a_total_in_the_same_sentence_count_once():
    text = (
        "Key events\n\n"
        "- Kharkiv hit twice by guided bombs on Tuesday; 14 injured\n\n"
        "The toll of the morning's guided bomb strike on Kharkiv has risen to 11 injured, the "
        "governor said.\n\n"
        "A second bomb hit the same district at noon, injuring three more people, the mayor said, "
        "bringing the number injured in the city on Tuesday to 14."
    )
    (kharkiv,) = run(text, TUESDAY)
    assert kharkiv.wounded == 14


def test_a_governor_telling_of_the_attack_on_the_region_speaks_of_his_own_region():
    text = (
        "Russia's Defence Ministry said 12 drones were downed over the Kursk Region and five "
        "over the Tula Region overnight.\n\n"
        "Kursk Region Governor Ivan Petrov said debris set fire to a warehouse near Lgov; no one "
        "was hurt.\n\n"
        "Tula Region Governor Oleg Sidorov reported that a substation had been damaged in the "
        "attack on the region. Two workers were injured, he said."
    )
    reports = by_region(run(text, TUESDAY))
    assert (reports["RU-TUL"].wounded, reports["RU-KRS"].wounded) == (2, 0)


@pytest.mark.parametrize("where", ["on board", "inside", "at the scene"])
def test_no_one_hurt_where_they_were_is_a_stated_zero(where):
    text = f"A Russian drone hit a cargo ship in the port of Izmail overnight; nobody {where} was hurt."
    (izmail,) = run(text, TUESDAY)
    assert (izmail.killed, izmail.wounded) == (0, 0)


def test_an_attack_repelled_in_a_region_the_story_holds_returns_to_its_record():
    text = (
        "Russia's Defence Ministry said 20 drones were downed over the Kursk Region and 11 over "
        "the Rostov Region overnight.\n\n"
        "In Kursk, debris hit a house in Rylsk and injured two people, the governor said.\n\n"
        "Acting Governor of the Rostov Region Ivan Petrov said the attack was repelled in the "
        "Tarasovsky and Chertkovsky districts. No one was hurt, he added."
    )
    reports = by_region(run(text, TUESDAY))
    assert (reports["RU-ROS"].wounded, reports["RU-KRS"].wounded) == (0, 2)


def test_a_toll_after_the_attack_of_another_day_is_told_is_that_attack_s():
    text = (
        "Sumy, Ukraine - Mourners laid flowers on Tuesday in the centre of Sumy beside a burnt "
        "trolleybus.\n\n"
        "A day earlier, at about 10 a.m. on Monday, two Russian missiles struck the centre of "
        "the city.\n\n"
        "The interior minister said on Monday evening that 21 people had been killed."
    )
    reports = run(text, TUESDAY)
    assert [(r.date.isoformat(), r.killed) for r in reports if r.killed] == [("2025-11-17", 21)]


def test_a_critic_who_blasts_a_war_tells_no_attack():
    text = (
        "Russian shelling hit Kherson on Monday, the governor said.\n\n"
        "Russian tycoon blasts war: a Russian banker blasts Moscow's war in Ukraine in a post on "
        "Tuesday."
    )
    assert areas(run(text, TUESDAY)) == [("UA-65", "2025-11-17")]


def test_the_attack_of_another_day_holds_the_focus_as_long_as_any_attack_told():
    text = (
        "Sumy, Ukraine - Mourners laid flowers on Tuesday in the centre of Sumy beside a burnt "
        "trolleybus.\n\n"
        "A day earlier, at about 10 a.m. on Monday, two Russian missiles struck the centre of "
        "the city.\n\n"
        "Relatives waited outside the morgue all night.\n\n"
        "According to the emergency service, 60 people were injured."
    )
    assert [r.wounded for r in run(text, TUESDAY) if r.wounded] == [60]


@pytest.mark.parametrize(
    ("update", "killed"),
    [
        ("On Tuesday morning, a ninth victim, a woman pulled from the rubble, died in hospital.", 9),
        ("Rescuers said a 12th body was recovered from the collapsed stairwell.", 12),
        # (guard: an ordinal that counts no dead)
        ("A second resident sought medical help after the attack.", 8),
    ],
)
def test_an_ordinal_victim_is_the_toll_so_far(update, killed):
    text = f"A Russian missile hit an apartment block in Dnipro overnight, killing eight people.\n\n{update}"
    (dnipro,) = run(text, TUESDAY)
    assert dnipro.killed == killed


def test_a_toll_of_the_capital_and_the_surrounding_region_is_the_country_s():
    text = (
        "Russia launched 300 drones and 20 missiles at Ukraine overnight, the air force said.\n\n"
        "In Kyiv, one person was killed and 12 were injured, the mayor said. In the Kyiv region, "
        "a drone killed a man in the Fastiv district, the governor said.\n\n"
        "In total, two people were killed and 12 injured in the capital and the surrounding "
        "region, officials said."
    )
    reports = by_region(run(text, TUESDAY))
    assert (reports[None].killed, reports["UA-30"].killed, reports["UA-32"].killed) == (2, 1, 1)


def test_an_aside_of_who_the_dead_were_keeps_a_toll_before_a_list_of_regions():
    text = (
        "Russia launched 300 drones at Ukraine overnight, the air force said. At least six people, "
        "including two children, were killed in the Sumy and Kharkiv regions, officials said."
    )
    assert by_region(run(text, TUESDAY))[None].killed == 6


@pytest.mark.parametrize(
    ("aside", "sources"),
    [
        ("as the Kremlin warned the West of a response", ["The governor"]),
        # (guard: "as X said" with nothing of its own after it is X's telling)
        ("as the mayor said", ["the mayor", "The governor"]),
    ],
)
def test_a_speaker_of_an_as_clause_with_an_object_of_its_own_is_no_source(aside, sources):
    text = (
        f"Shelling killed two people in Kherson on Monday, {aside}. The governor said a school was damaged."
    )
    (kherson,) = run(text, TUESDAY)
    assert sorted(kherson.sources) == sorted(sources)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A court in Odesa on Monday jailed a Russian officer for life for ordering missile "
            "strikes on Mykolaiv that killed 14 civilians.",
            [],
        ),
        # (guard: the strike the charge names with its day is a record of that day)
        (
            "A court on Monday jailed a Russian officer for life for ordering the missile strike "
            "on Mykolaiv on 29 March 2022 that killed 14 civilians.",
            [("UA-48", "2022-03-29")],
        ),
    ],
)
def test_an_attack_a_court_or_a_charge_names_without_its_day_is_no_record(text, expected):
    assert areas(run(text, TUESDAY)) == expected


@pytest.mark.parametrize("act", ["held its annual parade on Red Square", "met the envoy in the Kremlin"])
def test_a_capital_doing_an_act_whose_past_ends_in_no_ed_is_its_government(act):
    text = f"Russian drones struck Kharkiv on Monday, killing two people as Moscow {act}, officials said."
    assert areas(run(text, TUESDAY)) == [("UA-63", "2025-11-17")]
