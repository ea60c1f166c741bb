"""How reports word attacks, tenth round: own-words sentences in shapes found in several
articles outside the development folds, many of them war news that is not about a strike
(fixed publication date: Thursday 14 March 2024 unless a test gives its own)."""

import pytest

from analytics.extract.actors import find_sources
from tests.factories import run


@pytest.mark.parametrize(
    "aside",
    ["a city near the border", "a port town on the coast", "an industrial city in the east"],
)
def test_an_aside_describing_the_speaker_s_place_is_not_the_speaker(aside):
    text = f"On Wednesday, Ivan Holub, the mayor of Sumy, {aside}, said a drone hit a school."
    [mention] = find_sources(text)
    assert mention.text == "Ivan Holub, the mayor of Sumy"
    [record] = run(text)
    assert record.source_types == ["ukraine_official"]


def test_an_aide_to_an_official_keeps_the_whole_title():
    # (a guard: "an aide to the city's mayor" names a person, not a place)
    text = "Ivan Holub, an aide to the city's mayor, said a drone hit a school in Sumy on Wednesday."
    [mention] = find_sources(text)
    assert mention.text == "Ivan Holub, an aide to the city's mayor"


@pytest.mark.parametrize("aside", ["a Russian-held town in the south", "an occupied city on the river"])
def test_the_authorities_of_a_place_called_occupied_are_russian_officials(aside):
    text = f"Earlier, the head of the administration of Enerhodar, {aside}, reported a blast at a depot."
    [record] = run(text)
    assert record.source_types == ["russia_official"]


def test_an_exiled_official_of_an_occupied_town_is_ukrainian():
    [record] = run("Two explosions rocked occupied Melitopol on Wednesday, the exiled mayor said.")
    assert record.source_types == ["ukraine_official"]
