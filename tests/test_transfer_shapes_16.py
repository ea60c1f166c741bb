"""How reports word attacks, sixteenth round: own-words sentences in shapes GUIDELINES settle."""

import datetime as dt

import pytest

from tests.factories import areas, by_region, run

FRIDAY = dt.date(2025, 6, 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An attempt by the Kyiv regime to carry out an attack with fixed-wing drones on "
            "sites in the Tula Region was thwarted overnight, the Russian Defence Ministry said.",
            [("RU-TUL", "2025-06-12")],
        ),
        (
            "Ukraine attempted a drone attack on the Lipetsk Region overnight, the defence ministry "
            "in Moscow reported.",
            [("RU-LIP", "2025-06-12")],
        ),
        (
            "Ukrainian forces tried and failed to strike a pumping station in Kaluga with a drone "
            "on Thursday, the regional governor said.",
            [("RU-KLU", "2025-06-12")],
        ),
        (
            "Air defence crews repelled a drone attack on Yevpatoriya overnight, the local head said.",
            [("UA-43", "2025-06-12")],
        ),
        # (guards: an attempt on the ground, one that is only feared, and a side's habit)
        ("Infantry repelled an attack near Toretsk on Thursday, the brigade said.", []),
        ("Analysts said Russia might attempt to strike Odesa with missiles again soon.", []),
        (
            "Ukraine has repeatedly tried to attack the Tula Region with drones, the governor said.",
            [],
        ),
    ],
)
def test_an_attack_told_as_an_attempt_was_made(text, expected):
    assert areas(run(text, FRIDAY)) == expected


def test_a_figure_of_them_counts_the_drones_the_clause_before_aimed():
    text = (
        "Ukraine sent drones at sites in the Oryol Region overnight, but air defences destroyed "
        "nine of them, the Russian Defence Ministry said."
    )
    records = run(text, FRIDAY)
    assert areas(records) == [("RU-ORL", "2025-06-12")]
    assert by_region(records)["RU-ORL"].intercepted == 9
