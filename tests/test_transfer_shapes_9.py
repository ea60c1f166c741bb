"""How reports word attacks, ninth round: own-words sentences in shapes found in several
articles of outlets outside the development folds (fixed publication date: Thursday 14 March
2024 unless a test gives its own)."""

import pytest

from tests.factories import areas, run


@pytest.mark.parametrize("compass", ["central", "western", "north-eastern"])
def test_a_side_that_targeted_a_compass_named_region_states_the_attack(compass):
    text = f"Russia targeted the {compass} Poltava region overnight, the energy ministry said."
    assert areas(run(text)) == [("UA-53", "2024-03-13")]
