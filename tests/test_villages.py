"""villages.py on its own: names read as villages of the region a text speaks of."""

from analytics.extract import villages
from analytics.gazetteer import PlaceMention, load_gazetteer


def test_an_unknown_village_is_placed_at_its_region_under_its_own_name():
    mention = PlaceMention(11, 20, "Ozerianka", (), False)
    place = villages.unknown_village(mention, "UA-59")
    assert (place.name, place.region, place.kind, place.population) == ("Ozerianka", "UA-59", "settlement", 0)


def test_a_known_first_word_before_a_capitalised_word_makes_one_compound_name():
    text = "A drone hit a barn in Verkhnia Ozerianka on Monday."
    mentions, compounds = villages.compound_names(text, load_gazetteer().find(text))
    assert [m.text for m in compounds] == ["Verkhnia Ozerianka"]
    assert [m.text for m in mentions] == ["Verkhnia Ozerianka"]


def test_a_name_many_regions_share_is_a_village_of_the_region_spoken_of():
    gaz = load_gazetteer()
    (mention,) = gaz.find("Shelling hit Mykolaivka on Monday.")
    far = gaz.resolve(mention, [])
    place = villages.common_village(mention, far, ["RU-BEL"] if far.country == "RU" else ["UA-65"])
    assert place.region in {"RU-BEL", "UA-65"} and place.population == 0


def test_districts_named_by_an_adjective_of_their_town_are_found_for_the_caller_to_place():
    text = "The Valuysky, Novooskolsky and Chernyansky districts were attacked with drones."
    found = villages.unknown_districts(text, load_gazetteer().find(text))
    assert [m.text for m in found] == ["Valuysky", "Novooskolsky", "Chernyansky"]


def test_a_district_the_gazetteer_lacks_is_a_district_of_the_region_spoken_of():
    from analytics.extract.places import find_places

    refs = find_places("Drones hit the Borisovsky district overnight.", ["RU-BEL"])
    assert [(r.mention.text, r.place.region) for r in refs] == [("Borisovsky", "RU-BEL")]
