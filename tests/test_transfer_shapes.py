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
