"""How reports word attacks, twelfth round: own-words sentences in shapes GUIDELINES settle
(fixed publication date: Thursday 14 March 2024 unless a test gives its own)."""

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
