"""How reports word attacks, seventh round: own-words sentences in shapes found in several
articles of outlets outside the development folds (fixed publication date: Thursday 14 March
2024 unless a test gives its own)."""

import pytest

from tests.factories import areas, run


@pytest.mark.parametrize(
    "loss",
    ["knocked out power to 9,000 homes", "cut electricity to the district", "left a town without heating"],
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
