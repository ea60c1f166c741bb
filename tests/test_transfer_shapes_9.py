"""How reports word attacks, ninth round: own-words sentences in shapes found in several
articles of outlets outside the development folds (fixed publication date: Thursday 14 March
2024 unless a test gives its own)."""

import pytest

from tests.factories import areas, run


@pytest.mark.parametrize("compass", ["central", "western", "north-eastern"])
def test_a_side_that_targeted_a_compass_named_region_states_the_attack(compass):
    text = f"Russia targeted the {compass} Poltava region overnight, the energy ministry said."
    assert areas(run(text)) == [("UA-53", "2024-03-13")]


@pytest.mark.parametrize(
    "attack",
    [
        "a Russian attack in the Chernihiv region",
        "an air attack in Chernihiv",
        "a Russian drone strike on Chernihiv",
    ],
)
def test_a_caption_naming_an_attack_with_its_place_is_a_record(attack):
    # An agency caption: the body tells another place, the caption its own attack and day.
    text = (
        "Drones hit Sumy overnight, the governor said.\n\n"
        f"Firefighters work following {attack}, Ukraine, Wednesday, March 13, 2024."
    )
    assert ("UA-74", "2024-03-13") in areas(run(text))


def test_an_attack_that_was_repelled_names_no_strike():
    # (a guard on the rule above: it passes without that rule too)
    text = "Border guards repelled a Russian attack in the Sumy region on Wednesday."
    assert run(text) == []


def test_who_provided_a_caption_s_photo_is_no_source():
    text = (
        "Drones hit Sumy overnight, the governor said.\n\n"
        "In this photo provided by the State Emergency Service, firefighters work following a Russian "
        "attack in the Chernihiv region, Ukraine, Wednesday, March 13, 2024."
    )
    caption = next(r for r in run(text) if r.region == "UA-74")
    assert caption.sources == []
    assert caption.source_types == ["unattributed"]


def test_the_capital_of_a_region_is_not_the_country_s_capital():
    text = "Drones set fire to a refinery in Ufa, the capital of Russia's Bashkortostan, the governor said on Wednesday."
    assert areas(run(text)) == [("RU-BA", "2024-03-13")]


def test_the_capital_of_the_country_is_still_its_capital():
    text = "Drones flew towards the capital of Russia on Wednesday, the mayor said, and three were downed."
    assert [r for r, _ in areas(run(text))] == ["RU-MOW"]


def test_a_capital_s_strikes_are_its_government_s_whatever_they_did_to_the_city():
    text = "Ternopil lost power on Wednesday, a month after Moscow's strikes cut power to much of the city."
    assert [r for r, _ in areas(run(text))] == ["UA-61"]


@pytest.mark.parametrize(
    "landmark",
    ["8 km from its border with Ukraine's northern Chernihiv region", "near the border with the Sumy region"],
)
def test_a_region_named_by_the_border_with_it_is_a_landmark(landmark):
    text = f"Drones hit Kyiv on Wednesday. Debris of a drone was found in a field {landmark}."
    assert [r for r, _ in areas(run(text))] == ["UA-30"]


@pytest.mark.parametrize(
    "span",
    ["on Tuesday evening and into the early hours of Wednesday", "on Tuesday night and early Wednesday"],
)
def test_an_evening_running_into_the_next_day_is_the_first_day(span):
    text = f"The governor said that {span}, Russian forces shelled Nikopol with artillery."
    assert areas(run(text)) == [("UA-12", "2024-03-12")]


@pytest.mark.parametrize("verb", ["reported downing", "said it was shooting down"])
def test_downing_drones_over_a_region_without_a_figure_is_its_record(verb):
    text = f"Drones hit Belgorod overnight. Meanwhile, Ukraine {verb} dozens of Russian drones over the Rivne region."
    assert "UA-56" in [r for r, _ in areas(run(text))]


def test_the_country_that_places_a_border_region_is_no_target_of_its_own():
    text = "In Russia's border region of Kursk, Ukrainian forces launched 40 drones on Wednesday, the governor said."
    assert [r for r, _ in areas(run(text))] == ["RU-KRS"]


def test_a_toll_of_an_air_assault_against_two_parts_of_the_country_is_the_country_s():
    text = (
        "At least two people were killed and four injured after Russia launched a large air assault "
        "overnight against northern and eastern Ukraine, officials said."
    )
    [national] = run(text)
    assert (national.region, national.country, national.killed, national.wounded) == (None, "UA", 2, 4)
    assert national.date.isoformat() == "2024-03-13"


def test_a_dateline_with_a_day_and_no_year_is_neither_the_place_nor_the_day_of_the_attack():
    text = (
        "KYIV, Mar 14 — A Russian overnight attack killed two people and injured nine in western "
        "Ukraine, officials said on Thursday."
    )
    [national] = run(text)
    assert (national.region, national.country, national.killed, national.wounded) == (None, "UA", 2, 9)
    assert national.date.isoformat() == "2024-03-13"


@pytest.mark.parametrize(
    "text, tolls",
    [
        (
            "Three people died and 11 were wounded when a missile hit a dormitory in Sumy, while two others "
            "were killed in Poltava.",
            {"UA-59": (3, 11), "UA-53": (2, None)},
        ),
        (
            "At least four people were killed in a drone attack on the Bryansk region, officials said on "
            "Wednesday, as two were reported wounded in strikes on Kursk.",
            {"RU-BRY": (4, None), "RU-KRS": (None, 2)},
        ),
    ],
)
def test_a_toll_opening_the_sentence_is_that_of_the_one_place_its_clause_names(text, tolls):
    got = {r.region: (r.killed, r.wounded) for r in run(text)}
    assert got == tolls


def test_a_toll_opening_the_sentence_before_a_list_of_places_is_none_of_them():
    # (guards the rule above: one place only)
    text = (
        "A week before the talks, at least six people were injured in the drone attack early this "
        "morning in Sumy and the regions of Poltava and Kyiv."
    )
    assert all(r.wounded is None for r in run(text) if r.region is not None)


@pytest.mark.parametrize("rest", ["injured another in a nearby village", "wounded another, officials said"])
def test_injured_another_after_a_killed_one_is_one_wounded(rest):
    text = f"A drone strike on Wednesday killed one person in Krymsk and {rest}."
    [report] = run(text)
    assert (report.killed, report.wounded) == (1, 1)


def test_two_speakers_after_reported_by_are_two_sources():
    text = (
        "On Wednesday, Russian forces struck Sumy. This was reported by the head of the Sumy Regional "
        "Military Administration Oleh Petrenko and the secretary of the city council Ivan Kovalenko."
    )
    [report] = run(text)
    assert len(report.sources) == 2
    assert report.source_types == ["ukraine_official"]


def test_a_sentence_returning_to_an_attack_already_told_moves_the_story_back_to_it():
    text = (
        "On Wednesday, Russian troops struck Sumy and Poltava.\n\n"
        "The attack on Sumy was confirmed by the regional administration.\n\n"
        "The Russians hit the city with drones. Three people were injured."
    )
    got = {r.region: (r.weapons, r.wounded) for r in run(text)}
    assert got["UA-59"] == (["drone"], 3)
    assert got["UA-53"][1] is None


def test_a_toll_of_attacks_with_their_time_placed_only_in_the_country_is_the_country_s():
    text = (
        "Drones hit Sumy overnight, the governor said. The Russian drone attacks this morning injured "
        "seven people and damaged homes in Ukraine, local authorities said."
    )
    national = [r for r in run(text) if r.region is None]
    assert [(r.country, r.wounded) for r in national] == [("UA", 7)]


def test_soldiers_killed_in_the_country_are_no_toll_of_an_attack():
    # (a guard on the rule above: it passes without that rule too)
    text = "Officials counted four soldiers killed and two wounded in Ukraine this morning at the front."
    assert run(text) == []


def test_cities_that_came_under_fire_are_records():
    text = (
        "Russia launched 300 drones at Ukraine overnight, the air force said. Several cities, including "
        "Poltava and Chernihiv, came under fire."
    )
    assert {r for r, _ in areas(run(text))} == {None, "UA-53", "UA-74"}


def test_an_undated_mention_joins_the_record_of_the_day_the_text_speaks_of():
    text = (
        "A drone hit a bus stop in Kherson on Wednesday, the governor said.\n\n"
        "On Monday, Russian troops shelled the Kherson region with artillery. Russian guns also hit "
        "Kherson and Bilozerka. The shelling injured four people."
    )
    got = {d: w for r, d, w in ((r.region, r.date.isoformat(), r.wounded) for r in run(text))}
    assert got == {"2024-03-13": None, "2024-03-11": 4}


def test_a_fire_reported_as_the_result_of_a_drone_attack_states_the_attack():
    text = (
        "Drones hit Bryansk overnight, the governor said. A local outlet reported a fire at a factory in "
        "the city of Kazan as a result of a drone attack."
    )
    assert "RU-TA" in {r for r, _ in areas(run(text))}


def test_a_ministry_s_tally_that_its_regions_and_crimea_add_up_to_is_no_record_of_its_own():
    text = (
        "Air defences destroyed 12 Ukrainian drones overnight, Russia's defence ministry said on Wednesday. "
        "It said nine were shot down over the Kursk region and three over Crimea."
    )
    assert {r for r, _ in areas(run(text))} == {"RU-KRS", "UA-43"}


def test_a_tally_broken_down_after_a_dash_with_another_is_carried_by_its_places():
    text = (
        "The defence ministry said on Wednesday its forces had downed five Ukrainian drones — three in "
        "Bryansk, one in the Kursk region and another in Oryol."
    )
    got = {r.region: r.intercepted for r in run(text)}
    assert got == {"RU-BRY": 3, "RU-KRS": 1, "RU-ORL": 1}


@pytest.mark.parametrize(
    "toll",
    [
        "Four more people, including two teenagers and a pensioner, were injured.",
        "Four other people — a 50-year-old man and three women — were injured.",
    ],
)
def test_more_or_other_people_with_an_aside_before_the_verb_are_a_toll(toll):
    text = f"A drone hit a block of flats in Sumy on Wednesday, the governor said. {toll}"
    [report] = run(text)
    assert report.wounded == 4


@pytest.mark.parametrize(
    "text, children",
    [
        ("The attack injured 24 civilians, including four children, and damaged homes.", None),
        ("Two were killed and ten injured, including three children.", None),
        ("The attack killed five civilians, including two children.", 2),
    ],
)
def test_children_after_a_wounded_figure_are_of_the_wounded(text, children):
    # (the killed case is a guard: it passes without the change too)
    from analytics.extract.casualties import find_casualties

    found = [c.value for c in find_casualties(text) if c.kind == "children_killed"]
    assert found == ([children] if children else [])


@pytest.mark.parametrize(
    "said",
    [
        "According to earlier reports, two people were injured.",
        "Initial reports said two people were injured.",
    ],
)
def test_earlier_or_initial_reports_name_no_source(said):
    from analytics.extract.actors import find_sources

    assert find_sources(said) == []


def test_a_text_wrapped_inside_its_sentences_is_read_as_whole_sentences():
    text = (
        "A teenager died and four others were injured in a drone strike on\n"
        "Chernihiv on Wednesday, according to the head of the city's military\n"
        "administration.\n"
        "On Wednesday morning, Russian drones also attacked the southern city of\n"
        "Kherson, local officials reported."
    )
    got = {r.region: (r.killed, r.wounded) for r in run(text)}
    assert got == {"UA-74": (1, 4), "UA-65": (None, None)}


def test_a_headline_is_not_joined_to_the_paragraph_after_it():
    # (a guard on the rule above: it passes without that rule too)
    from analytics.extract.clean import clean_lines

    text = "Drones strike Chernihiv\nA drone hit a school in Chernihiv on Wednesday."
    assert len(clean_lines(text)) == 2


def test_a_list_of_figures_after_dashes_gives_each_place_its_own():
    text = (
        "On the morning of March 14, the Russian Ministry of Defence began claiming that its air defences "
        "had destroyed 15 drones during the previous night:\n"
        "9 — over the territory of the Bryansk region,\n"
        "6 — over the territory of the Kursk region."
    )
    got = {(r.region, r.date.isoformat()): r.intercepted for r in run(text)}
    assert got == {("RU-BRY", "2024-03-13"): 9, ("RU-KRS", "2024-03-13"): 6}


def test_killed_and_another_wounded_is_one_of_each():
    text = "A drone strike on Belgorod on Wednesday killed one person and another was wounded, the governor said."
    [report] = run(text)
    assert (report.killed, report.wounded) == (1, 1)


def test_kyrovohrad_is_a_spelling_of_kirovohrad():
    text = "The grid operator said the attack on Wednesday damaged energy facilities in the central Kyrovohrad region."
    assert [r for r, _ in areas(run(text))] == ["UA-35"]


def test_a_capital_after_says_is_the_speaker():
    text = "Seven Russian aircraft destroyed in blasts at a Crimean airbase on Wednesday, says Kyiv"
    assert "UA-30" not in {r for r, _ in areas(run(text))}


def test_a_side_s_air_defence_names_the_country_its_national_tally_is_of():
    text = (
        "Russian air defence units intercepted and destroyed a total of 31 drones across the country on "
        "Wednesday, including 12 over the Kursk region."
    )
    national = [r for r in run(text) if r.region is None]
    assert [(r.country, r.intercepted) for r in national] == [("RU", 31)]


def test_a_ground_offensive_after_the_latest_attack_is_background():
    text = "The latest strike came after Russia launched a ground offensive in the Sumy region on March 2."
    assert run(text) == []


@pytest.mark.parametrize(
    "caption",
    [
        "Illustrative purposes only: a drone strike hit a house in Sumy on June 13, 2023.",
        "This illustrative image from June 13, 2023, shows a house hit by a drone strike in Sumy.",
        "Firefighters at a house hit by a drone strike in Sumy, June 13, 2023. (File photo: AP)",
    ],
)
def test_an_illustrative_or_file_photo_caption_tells_no_day_or_place_of_the_story(caption):
    text = f"{caption}\n\nA drone hit a school in Kharkiv on Wednesday, the governor said."
    assert areas(run(text)) == [("UA-63", "2024-03-13")]


@pytest.mark.parametrize("zero", ["with no damages or casualties", "with no casualties"])
def test_with_no_casualties_is_a_stated_zero(zero):
    text = f"Two drones were shot down over the Poltava region on Wednesday, {zero}, the governor said."
    [report] = run(text)
    assert (report.killed, report.wounded) == (0, 0)


def test_items_of_figures_after_a_speaker_s_lead_in_take_the_speaker():
    text = (
        "On Wednesday, the Russian Ministry of Defence began claiming that its air defences had destroyed "
        "15 drones:\n"
        "9 — over the territory of the Bryansk region,\n"
        "6 — over the territory of the Kursk region."
    )
    reports = run(text)
    assert {r.region for r in reports} == {"RU-BRY", "RU-KRS"}
    assert all(r.source_types == ["russia_official"] for r in reports)


@pytest.mark.parametrize(
    "toll",
    [
        "The debris caused casualties, including a teenager and a man who suffered shrapnel wounds.",
        "A teenager and a man sustained light injuries.",
    ],
)
def test_people_named_one_by_one_who_suffered_wounds_are_counted(toll):
    from analytics.extract.casualties import find_casualties

    assert [(c.kind, c.value) for c in find_casualties(toll)] == [("wounded", 2)]


def test_drones_downed_over_a_side_s_regions_are_its_national_tally():
    text = (
        "Russian forces shot down 64 Ukrainian drones over Russian regions overnight, state media reported."
    )
    [national] = run(text)
    assert (national.region, national.country, national.intercepted) == (None, "RU", 64)


def test_a_barrage_that_included_drones_and_missiles_gives_the_launched_count():
    text = (
        "The air force said on Wednesday that the overnight Russian barrage included 120 strike and decoy drones, "
        "as well as 12 missiles."
    )
    [national] = run(text)
    assert (national.region, national.launched) == (None, 132)


def test_text_run_on_after_an_illustrative_caption_is_kept():
    from analytics.extract.clean import clean_lines

    text = (
        "This illustrative image from June 13, 2023, shows a drone hit in Sumy. Drones struck a depot "
        "in Kursk on March 13, 2024."
    )
    [(start, end)] = clean_lines(text)
    assert text[start:end] == "Drones struck a depot in Kursk on March 13, 2024."
