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
