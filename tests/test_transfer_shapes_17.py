"""How reports word attacks, seventeenth round: own-words sentences in shapes GUIDELINES settle."""

import datetime as dt

import pytest

from tests.factories import areas, run

FRIDAY = dt.date(2025, 6, 13)


@pytest.mark.parametrize(
    "text",
    [
        "In Lipetsk, debris of a downed drone fell on a garage in the city's Levoberezhny district on Thursday.",
        "A drone hit a garage in Lipetsk's Levoberezhny district on Thursday, the governor said.",
    ],
)
def test_a_district_a_city_owns_is_that_city_s(text):
    # (a district of one city that bears a name another city's district has in the gazetteer)
    assert areas(run(text, FRIDAY)) == [("RU-LIP", "2025-06-12")]


def test_a_region_s_district_is_still_a_place_of_its_own():
    # (guard: "the X region's Y district" is a raion, which may be named after a town)
    text = "A drone hit a farm in the Sumy region's Romny district on Thursday, officials said."
    assert areas(run(text, FRIDAY)) == [("UA-59", "2025-06-12")]


def test_a_speaker_s_lead_in_speaks_the_post_quoted_in_the_next_paragraph():
    text = (
        "The Kaluga governor wrote on his Telegram channel on Thursday:\n\n"
        '"A drone struck a warehouse in Lyudinovo. One worker has been injured."'
    )
    (record,) = run(text, FRIDAY)
    assert record.region == "RU-KLU"
    assert record.source_types == ["russia_official"]


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("Gladkov's Telegram channel", "russia_official"),
        ("the regional governor's Telegram channel", "russia_official"),
        # (guard: a channel that is not an official's stays a channel)
        ("the Mash Telegram channel", "media"),
    ],
)
def test_an_official_s_own_channel_speaks_for_the_official(speaker, kind):
    text = f"According to {speaker}, a drone hit a depot in Valuyki in the Belgorod region on Thursday."
    (record,) = run(text, FRIDAY)
    assert record.source_types == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Loud blasts were heard in Tuapse on Thursday. A drone then set a fuel tank ablaze, "
        "injuring a guard, the local administration said.",
        "Local channels reported explosions in Tuapse on Thursday. Later the mayor said a drone "
        "had set a fuel tank ablaze, injuring a guard.",
    ],
)
def test_an_attack_told_right_after_blasts_were_heard_somewhere_is_that_place_s(text):
    assert areas(run(text, FRIDAY)) == [("RU-KDA", "2025-06-12")]


def test_blasts_heard_somewhere_are_no_target_of_the_country_wide_attack_told_next():
    # (guard: the next sentence tells the whole country's night)
    text = (
        "Blasts were heard in Lutsk on Thursday. Russia launched 80 drones at Ukraine on "
        "Thursday, the air force said."
    )
    assert areas(run(text, FRIDAY)) == [(None, "2025-06-12")]


def test_a_side_s_claim_in_a_new_live_entry_speaks_of_the_other_country_s_night():
    text = (
        "08:10\n\nRussia launched 90 drones at Ukraine overnight into Friday, the air force said.\n\n"
        "09:30\n\nRussia's defence ministry said its forces had hit depots supplying Ukraine's army "
        'and that "every target was destroyed".'
    )
    (record,) = run(text, FRIDAY)
    assert record.region is None
    assert record.source_types == ["ukraine_official", "russia_official"]


def test_the_ministry_told_back_is_the_one_named_with_its_side_though_it_did_not_speak():
    text = (
        "Russia struck the Kyiv region overnight with drones, the air force said. Russia's Defence "
        "Ministry praised the operation. Its units had hit a fuel depot near Boryspil, the ministry "
        "said."
    )
    (record,) = run(text, FRIDAY)
    assert record.region == "UA-32"
    assert sorted(record.source_types) == ["russia_official", "ukraine_official"]


def test_blasts_heard_at_the_place_in_focus_keep_its_story_going():
    text = (
        "Ukrainian drones struck a fuel depot in Yevpatoriya overnight, the General Staff said.\n\n"
        "Details: Loud blasts rang out in Yevpatoriya at about 3 a.m.\n\n"
        "Residents posted videos of the flames.\n\n"
        "The Russian-installed mayor confirmed a fire at the depot.\n\n"
        'Quote from the mayor: "Nobody was hurt."'
    )
    (record,) = run(text, FRIDAY)
    assert (record.region, record.killed, record.wounded) == ("UA-43", 0, 0)


def test_the_night_s_drones_and_the_next_morning_s_missiles_are_two_attacks():
    text = (
        "Russia's defence ministry said on Friday that 20 Ukrainian drones were destroyed over the "
        "Kursk region overnight. It said that on Friday morning Ukraine fired four ATACMS missiles "
        "at the Kursk region, all of which were shot down."
    )
    assert areas(run(text, FRIDAY)) == [("RU-KRS", "2025-06-12"), ("RU-KRS", "2025-06-13")]


def test_a_night_s_attack_running_into_the_morning_is_one():
    # (guard: the same weapons, the night's attack going on after dawn)
    text = (
        "Russian drones attacked Odesa overnight, the governor said on Friday. Drones were still "
        "hitting the port on Friday morning, injuring two workers."
    )
    assert areas(run(text, FRIDAY)) == [("UA-51", "2025-06-12")]


def test_another_country_s_officials_who_add_nothing_to_the_attack_are_no_source_of_it():
    text = (
        "Russian missiles hit a substation in Lutsk on Thursday, injuring two workers, the "
        "regional governor said. Poland's military said it had scrambled jets as a precaution."
    )
    (record,) = run(text, FRIDAY)
    assert record.source_types == ["ukraine_official"]


def test_another_country_s_officials_who_tell_the_attack_are_its_source():
    # (guard: the foreign ministry tells what the strike did to its embassy)
    text = (
        "A drone hit a building in Kyiv on Thursday. Azerbaijan's foreign ministry said the "
        "blast damaged its embassy and injured a guard."
    )
    (record,) = run(text, FRIDAY)
    assert "third_party_official" in record.source_types


def test_it_told_after_a_side_s_body_is_the_subject_of_is_that_body():
    text = (
        "A drone struck a fuel depot in the Kursk region on Thursday, the General Staff said. "
        "Russia's Defence Ministry did not mention the depot. It said only that the strike "
        "caused no casualties."
    )
    (record,) = run(text, FRIDAY)
    assert sorted(record.source_types) == ["russia_official", "ukraine_official"]


@pytest.mark.parametrize("speaker", ["The Kremlin", "Moscow"])
def test_a_state_named_as_a_whole_in_a_sentence_that_adds_nothing_is_no_source(speaker):
    text = (
        "A Russian missile hit a warehouse in Odesa on Thursday, injuring two workers, the "
        f"regional governor said. {speaker} said the talks in Istanbul would go on next week."
    )
    (record,) = run(text, FRIDAY)
    assert record.source_types == ["ukraine_official"]


def test_a_ministry_of_a_state_in_such_a_sentence_is_still_a_source():
    # (guard: a body, not the state as a whole, speaking of the attack just told)
    text = (
        "A Russian missile hit a warehouse in Odesa on Thursday, injuring two workers, the "
        "regional governor said. Russia's defence ministry said it had struck a weapons depot."
    )
    (record,) = run(text, FRIDAY)
    assert "russia_official" in record.source_types


def test_an_office_that_published_or_issued_the_details_is_their_source():
    text = (
        "A drone hit a grain store in Kupiansk on Thursday, injuring two workers. The district "
        "administration published details of the damage on Telegram."
    )
    (record,) = run(text, FRIDAY)
    assert record.source_types == ["ukraine_official"]


@pytest.mark.parametrize(
    "telling",
    [
        "The regional governor shared photos of the damage on Telegram.",
        "The regional governor acknowledged the damage.",
    ],
)
def test_an_official_who_shared_or_acknowledged_the_damage_is_its_source(telling):
    text = f"A drone hit a grain store in Kupiansk on Thursday, injuring two workers. {telling}"
    (record,) = run(text, FRIDAY)
    assert record.source_types == ["ukraine_official"]


def test_a_state_named_as_a_whole_in_a_sentence_without_the_place_is_no_source_either():
    text = (
        "A Russian missile hit a warehouse in Odesa on Thursday, injuring two workers, the "
        "regional governor said. Moscow said Ukraine used drones against civilians too."
    )
    (record,) = run(text, FRIDAY)
    assert record.source_types == ["ukraine_official"]


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian drones attacked the Moscow region on Thursday, forcing the closure of the "
        "capital's airports, the regional governor said.",
        "Ukrainian drones attacked the Moscow region on Thursday and forced the capital's main "
        "airports to suspend flights, the regional governor said.",
    ],
)
def test_the_capital_named_for_its_closed_airports_is_no_place_hit(text):
    assert areas(run(text, FRIDAY)) == [("RU-MOS", "2025-06-12")]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow also struck Ukrainian power plants with missiles on Thursday, the ministry said.",
        "Moscow again hit Ukrainian gas facilities with missiles on Thursday, the ministry said.",
        # (guard: the other capital in the same shape, which no rule had taken for a place)
        "Kyiv already attacks Russian refineries with its own long-range drones, officials said.",
    ],
)
def test_a_capital_striking_the_other_side_s_sites_is_its_government_not_a_place_hit(text):
    assert all(region not in {"UA-30", "RU-MOW"} for region, _ in areas(run(text, FRIDAY)))


def test_a_capital_hit_in_a_headline_passive_is_still_a_place_hit():
    # (guard)
    assert areas(run("Kyiv hit by drones on Thursday, two injured", FRIDAY)) == [("UA-30", "2025-06-12")]


@pytest.mark.parametrize(
    "text",
    [
        "In the Tula region, south of the capital, drone debris set a barn on fire on Thursday, "
        "the governor said. Nobody was hurt, he added.",
        "In the Tula region, south of Moscow, drone debris set a barn on fire on Thursday, the "
        "governor said. Nobody was hurt, he added.",
    ],
)
def test_the_place_an_apposition_measures_from_is_no_place_hit(text):
    (record,) = run(text, FRIDAY)
    assert (record.region, record.killed, record.wounded) == ("RU-TUL", 0, 0)
