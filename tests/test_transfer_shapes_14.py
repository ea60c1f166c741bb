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
