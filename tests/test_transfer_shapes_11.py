"""How reports word attacks, eleventh round: own-words sentences in shapes GUIDELINES settle
(fixed publication date: Thursday 14 March 2024 unless a test gives its own)."""

import datetime as dt

import pytest

from tests.factories import run


@pytest.mark.parametrize(
    ("night", "day"),
    [
        ("Tuesday night into Wednesday morning", dt.date(2024, 3, 12)),
        # (guards: an evening has no "night into" to misread; a night named by the day it
        # leads into is that day)
        ("Tuesday evening into Wednesday", dt.date(2024, 3, 12)),
        ("overnight into Wednesday", dt.date(2024, 3, 13)),
        ("the night into Wednesday", dt.date(2024, 3, 13)),
    ],
)
def test_a_night_named_by_both_its_days_is_the_first(night, day):
    [record] = run(f"Drones hit a depot in the Kharkiv region {night}, the governor said.")
    assert record.date == day


def test_a_place_destroyed_with_no_day_figure_or_speaker_is_background():
    assert run("The old theatre in the centre of Kherson was destroyed by Russian shelling.") == []


@pytest.mark.parametrize(
    "text",
    [
        # (guards: a speaker, a figure or a day makes it a report)
        "Russian shelling destroyed a school in Kherson, the governor said.",
        "Russian shelling killed two people in Kherson.",
        "Russian shelling destroyed a school in Kherson on Tuesday.",
    ],
)
def test_a_speaker_a_figure_or_a_day_keeps_the_record(text):
    [record] = run(text)
    assert record.region == "UA-65"


def test_a_bare_night_and_the_morning_it_led_into_are_one_attack():
    text = (
        "Drones attacked a port in Odesa overnight, the governor said.\n\n"
        "A fire broke out at the Odesa port early on Thursday after the strike, officials said."
    )
    [record] = run(text)
    assert (record.region, record.date) == ("UA-51", dt.date(2024, 3, 13))


@pytest.mark.parametrize(
    "text",
    [
        # (guards: two nights or two days told by their own dates are two attacks)
        "On the night of March 12, drones hit Odesa, the governor said.\n\n"
        "On the night of March 13, drones hit Odesa again, the governor said.",
        "Drones hit Odesa on Wednesday, the governor said.\n\nDrones hit Odesa again on Thursday, the governor said.",
    ],
)
def test_two_days_told_by_their_own_dates_stay_two_records(text):
    assert len(run(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Russia's overnight attack on Ukraine involved 212 drones and nine missiles, the air force said.",
        "Russia struck Ukraine overnight in an assault involving nine missiles and 212 drones, the air force said.",
        "Russia hit Ukraine overnight in a new mass attack - including 212 drones and nine missiles.",
        # (a guard: the noun right before the verb was read before)
        "The overnight attack on Ukraine by Russia was large: the barrage included 212 drones and nine missiles.",
    ],
)
def test_what_an_attack_involved_is_its_launched_count(text):
    [record] = run(text)
    assert (record.region, record.launched) == (None, 221)


def test_a_figure_told_before_a_list_of_regions_is_theirs_together():
    text = (
        "Russia launched 90 drones overnight, targeting the Odesa and Mykolaiv regions, the air force said."
    )
    got = sorted((r.region or "", r.launched) for r in run(text))
    assert got == [("", 90), ("UA-48", None), ("UA-51", None)]


def test_figures_of_each_place_stay_theirs():
    # (a guard: "two over A and one over B" is no total)
    text = (
        "Air defences shot down two drones over the Kursk region and one over the Belgorod region overnight."
    )
    got = sorted((r.region or "", r.intercepted) for r in run(text))
    assert got == [("RU-BEL", 1), ("RU-KRS", 2)]


def test_another_in_a_list_of_interceptions_is_one_more():
    text = (
        "Two drones were shot down over the Belgorod region and another over the Kursk region, "
        "the defence ministry said."
    )
    got = sorted((r.region, r.intercepted) for r in run(text))
    assert got == [("RU-BEL", 2), ("RU-KRS", 1)]


def test_the_day_of_an_announcement_is_not_the_attack_s():
    text = (
        "Air defences destroyed 14 Ukrainian drones overnight, according to an announcement "
        "by the Russian defence ministry on Thursday."
    )
    [record] = run(text)
    assert (record.region, record.date) == (None, dt.date(2024, 3, 13))


def test_a_day_after_publication_is_not_the_attack_s():
    text = "Shelling killed two people in Kherson as the city prepared for its festival on March 15, the governor said."
    [record] = run(text)
    # no other day is told: the publication day (GUIDELINES)
    assert record.date == dt.date(2024, 3, 14)


def test_a_list_item_merged_into_the_next_morning_s_record_still_adds_up_the_total():
    text = (
        "Drones hit a tower in Saratov on Thursday morning, the governor said.\n\n"
        "Later, Russia's defence ministry said air defences had shot down 12 Ukrainian drones during the night.\n\n"
        "It said 9 drones were shot down over the Saratov region and 3 over the Kursk region."
    )
    got = sorted((r.region or "", r.intercepted) for r in run(text))
    assert got == [("RU-KRS", 3), ("RU-SAR", 9)]
