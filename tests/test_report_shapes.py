"""How reports word places, nights and tolls: own-words sentences in shapes found reading
articles from outlets outside the development folds (fixed publication date: Thursday
14 March 2024 unless a test gives its own)."""

import datetime as dt

import pytest

from analytics.extract.actors import find_sources
from analytics.extract.casualties import find_casualties
from analytics.extract.dates import find_time_expressions
from analytics.extract.places import find_places
from analytics.gazetteer import load_gazetteer
from tests.factories import areas, run


@pytest.mark.parametrize("prep", ["in and around", "over", "near", "outside"])
def test_a_capital_after_a_preposition_of_place_is_the_city_whatever_verb_follows(prep):
    # A capital followed by a verb usually stands for its government ("Kyiv hoped"), but a
    # preposition of place before it says it is the city where the verb happened.
    text = (
        "Ukrainian drones attacked the Bryansk region early on Thursday, its governor said.\n\n"
        f"Russian drones swarming {prep} Kyiv killed 12 people on Tuesday."
    )
    got = sorted((r.region, r.date.isoformat(), r.killed) for r in run(text))
    assert got == [("RU-BRY", "2024-03-14", None), ("UA-30", "2024-03-12", 12)]


@pytest.mark.parametrize("night", ["This past night", "During the past night", "Over the past night"])
def test_a_ministry_s_past_night_is_the_night_before_publication(night):
    text = (
        f"{night}, air defence units destroyed 40 Ukrainian drones over the Kursk region, the ministry said."
    )
    assert areas(run(text)) == [("RU-KRS", "2024-03-13")]


def test_the_night_a_record_is_compared_with_dates_nothing_that_follows():
    # "since the night of <day>" opens a span like "since <day>": the regions named after it
    # were attacked on the story's night.
    text = (
        "Russia fired 90 drones at Ukraine on Tuesday, the air force said.\n\n"
        "It was the most drones launched in one night since the night of Feb. 27.\n\n"
        "The president said the Sumy and Poltava regions were attacked."
    )
    assert set(areas(run(text))) == {(None, "2024-03-12"), ("UA-53", "2024-03-12"), ("UA-59", "2024-03-12")}


@pytest.mark.parametrize("bare", ["overnight", "last night", "during the night"])
def test_a_bare_night_of_an_article_that_names_its_night_is_that_night(bare):
    text = (
        "Russian drones hit Odesa overnight into Thursday, the regional governor said.\n\n"
        f"The air force said Russia had launched 60 drones at Ukraine {bare}, downing 51."
    )
    assert set(areas(run(text))) == {(None, "2024-03-14"), ("UA-51", "2024-03-14")}


def test_a_bare_night_of_another_night_keeps_its_own_day():
    # Published on Thursday: "overnight into Wednesday" is the night before the one "overnight"
    # names.
    text = (
        "Russian drones hit Odesa overnight into Wednesday, the regional governor said.\n\n"
        "The air force said Russia had launched 60 drones at Ukraine overnight, downing 51."
    )
    assert set(areas(run(text))) == {(None, "2024-03-13"), ("UA-51", "2024-03-13")}


@pytest.mark.parametrize(
    "text,region",
    [
        ("In southern Ukraine's Mykolaiv, a drone attack wounded three people.", "UA-48"),
        ("Drones attacked Russia's Lipetsk on Wednesday, wounding two people.", "RU-LIP"),
    ],
)
def test_a_country_s_possessive_before_a_place_is_no_first_name(text, region):
    assert [r.region for r in run(text)] == [region]


def test_an_attack_overnight_on_the_country_holds_the_country_s_toll():
    (rep,) = run("Seven people were killed in a Russian drone and missile attack overnight on Ukraine.")
    assert (rep.region, rep.killed, rep.date.isoformat()) == (None, 7, "2024-03-13")


def test_what_comes_before_an_inverted_speech_tag_is_what_was_said_not_a_speaker():
    text = "Homes were also damaged in the regions of Sumy, Poltava and Chernihiv, said Interior Minister Ihor Klymenko."
    assert [m.text for m in find_sources(text)] == ["Interior Minister Ihor Klymenko"]


def test_regions_of_a_night_s_barrage_named_without_a_weapon_take_the_night_s_weapons():
    text = (
        "Russia fired 40 missiles and 300 drones at Ukraine overnight, the air force said.\n\n"
        "Homes were also damaged in the Vinnytsia and Rivne regions, the interior minister said."
    )
    got = {(r.region, tuple(sorted(r.weapons))) for r in run(text)}
    assert got == {
        (None, ("drone", "missile")),
        ("UA-05", ("drone", "missile")),
        ("UA-56", ("drone", "missile")),
    }


def test_a_region_with_its_own_weapon_keeps_it():
    text = (
        "Russia fired 40 missiles and 300 drones at Ukraine overnight, the air force said.\n\n"
        "Artillery shelled Nikopol in the Dnipropetrovsk region, the governor said."
    )
    got = {(r.region, tuple(sorted(r.weapons))) for r in run(text)}
    assert ("UA-12", ("artillery",)) in got


@pytest.mark.parametrize(
    "text,expected",
    [
        # A bare figure with its subset between it and the verb.
        ("Another 63, including nine children, were injured.", [("wounded", 63)]),
        # Children named inside a figure of the wounded are no children killed.
        ("Another 40 people, including five children, were wounded.", [("wounded", 40)]),
        ("Eleven people, three of them children, were killed.", [("killed", 11), ("children_killed", 3)]),
    ],
)
def test_a_figure_s_subset_belongs_to_the_figure_s_own_kind(text, expected):
    assert [(c.kind, c.value) for c in find_casualties(text)] == expected


def test_a_syndicated_dateline_with_the_country_in_brackets_dates_nothing():
    # Published on Thursday; the dateline's day is the filing day, the attack was Tuesday's.
    text = (
        "Odesa [Ukraine], March 14 (Agency): The toll from Russian drone strikes on Odesa has "
        "risen to nine, officials said.\n\nRescuers found two more bodies after Tuesday's strike."
    )
    assert areas(run(text)) == [("UA-51", "2024-03-12")]


def test_places_where_blasts_were_only_heard_are_no_targets():
    text = (
        "A Russian missile hit an apartment block in Lutsk overnight, killing four people.\n\n"
        "Blasts were heard across the Rivne, Lviv and Volyn regions as the attack targeted "
        "western Ukraine, local media reported."
    )
    assert [r.region for r in run(text)] == ["UA-07"]


def test_a_place_where_blasts_rang_out_that_the_sentence_says_was_attacked_is_a_target():
    text = "Explosions rang out in Sumy as the siren sounded; the enemy attacked the city with drones, the mayor said."
    assert [r.region for r in run(text)] == ["UA-59"]


@pytest.mark.parametrize("early", ["early on March 14", "early Thursday"])
def test_an_attack_early_on_a_day_does_not_rename_the_night(early):
    # The night's other attacks keep the day it started on (the gold sets' reading).
    text = (
        f"Russian drones hit Odesa {early}, the regional governor said.\n\n"
        "The air force said Russia had launched 60 drones at Ukraine overnight, downing 51."
    )
    assert set(areas(run(text))) == {(None, "2024-03-13"), ("UA-51", "2024-03-14")}


@pytest.mark.parametrize(
    "text,expected",
    [
        # Ages are no counts: each age named is one person.
        ("A woman aged 67 was killed.", [("killed", 1)]),
        ("Men aged 38, 54 and 71 were wounded in the shelling.", [("wounded", 3)]),
        ("Two men aged 40 and 52 were killed.", [("killed", 2)]),
        # A range of ages counts nobody.
        ("Residents aged between 18 and 60 were hurt.", []),
    ],
)
def test_ages_after_aged_are_people_not_figures(text, expected):
    assert [(c.kind, c.value) for c in find_casualties(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said there were no reports of casualties or serious damage.",
        "Debris started a fire but didn't inflict any casualties, the ministry said.",
    ],
)
def test_no_reports_of_casualties_and_inflicting_none_are_zeros(text):
    assert sorted((c.kind, c.value) for c in find_casualties(text)) == [("killed", 0), ("wounded", 0)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Ages listed in an apposition between the people and the verb.
        ("Two men, aged 33 and 58, suffered injuries in the strike.", [("wounded", 2)]),
        ("A drone injured two women, aged 30 and 41, and two men, aged 29 and 62.", [("wounded", 4)]),
    ],
)
def test_ages_listed_in_an_apposition_leave_the_figure_alone(text, expected):
    assert [(c.kind, c.value) for c in find_casualties(text)] == expected


def test_a_day_inside_the_phrase_after_a_lag_is_the_earlier_attack_s_own():
    # Published Thursday 14 March: "last Friday" is 8 March, whatever the lag says.
    text = "The strikes came nearly a week after a missile attack on Kharkiv last Friday killed nine people."
    assert areas(run(text)) == [("UA-63", "2024-03-08")]


def test_a_capital_that_is_not_serious_is_the_government():
    text = (
        "Russia launched drone attacks on Kharkiv on Tuesday, in what Kyiv says shows that Moscow "
        "is not serious about talks."
    )
    assert [r.region for r in run(text)] == ["UA-63"]


def test_a_city_district_named_after_another_town_is_no_town():
    (rep,) = run("Rockets hit the Kiev district of Donetsk on Tuesday, killing two people.")
    assert (rep.region, rep.killed) == ("UA-14", 2)


def test_villages_listed_after_including_are_villages_of_the_region_spoken_of():
    text = "Shelling hit dozens of communities, including Stepove, Varvarivka and Zelene."
    got = {r.mention.text: r.place.region for r in find_places(text, ["UA-23"])}
    assert got == {"Stepove": "UA-23", "Varvarivka": "UA-23", "Zelene": "UA-23"}


def test_fires_at_places_right_after_an_unplaced_attack_are_that_attack_s():
    text = (
        "Several Russian regions came under drone attack overnight. A fire broke out at an oil "
        "depot in the Bryansk region and at a plant in the Oryol region."
    )
    assert sorted(r.region for r in run(text)) == ["RU-BRY", "RU-ORL"]


def test_quotation_marks_in_a_source_phrase_do_not_change_who_speaks():
    from analytics import lexicon

    assert lexicon.sources().classify('Russian "media"') == "media"


def test_an_attack_that_claimed_lives_on_a_day_is_dated_by_that_day():
    # "claimed the lives" is no claim: the day before it is the attack's, not a speech's.
    text = (
        "A drone attack early Tuesday claimed the lives of four people in Lutsk, officials said.\n\n"
        "Russian attacks over the past 24 hours hit energy sites in six regions, officials said."
    )
    assert ("UA-07", "2024-03-12") in areas(run(text))


def test_a_national_body_s_figure_in_its_own_clause_is_the_country_s():
    text = (
        "Russia's defence ministry said it destroyed 64 Ukrainian drones overnight, while the "
        "Belgorod governor said nine were shot down over his region."
    )
    got = {(r.region, r.intercepted) for r in run(text)}
    assert got == {(None, 64), ("RU-BEL", 9)}


def test_a_total_mostly_over_one_region_is_the_country_s():
    text = "The ministry said it downed 93 Ukrainian drones overnight, mostly in the skies over the Kursk region."
    got = {(r.region, r.intercepted) for r in run(text)}
    assert got == {(None, 93), ("RU-KRS", None)}


@pytest.mark.parametrize(
    "text,expected",
    [
        # The second person has a verb of their own, left out: one killed, one hurt.
        ("A man was killed and a woman injured in the strike.", [("killed", 1), ("wounded", 1)]),
        ("One pensioner died and an elderly man wounded.", [("killed", 1), ("wounded", 1)]),
        # Two persons of one verb are two.
        ("The drone killed the driver and a passenger.", [("killed", 2)]),
    ],
)
def test_a_person_named_after_and_with_a_verb_of_their_own_is_no_second_victim(text, expected):
    assert [(c.kind, c.value) for c in find_casualties(text)] == expected


def test_a_region_named_in_the_text_wins_over_the_town_of_the_speaker_s_title():
    text = (
        "Drones hit houses in the Obukhiv district of the Kyiv region on Thursday.\n\n"
        "The head of the Zaporizhzhia OVA, Ivan Fedorov, reported that in the Zaporizhzhia region, "
        "after an attack by Russian troops, there is destruction on a farm. Two people were injured."
    )
    got = {(r.region, r.wounded) for r in run(text)}
    assert ("UA-23", 2) in got


def test_damage_named_a_paragraph_after_the_attack_is_that_attack_s():
    text = (
        "An attack on Odesa ignited grain silos at the port, the deputy prime minister said.\n\n"
        "The strikes also damaged power lines across the region, he said.\n\n"
        "Energy facilities in the Poltava and Sumy regions were also damaged, he added."
    )
    assert sorted(r.region for r in run(text)) == ["UA-51", "UA-53", "UA-59"]


def test_the_last_name_of_a_list_before_its_verb_is_no_new_clause():
    text = "The president said the Sumy, Poltava, Odesa, and Kharkiv regions were attacked overnight."
    assert sorted(r.region for r in run(text)) == ["UA-51", "UA-53", "UA-59", "UA-63"]


def test_a_toll_of_an_overnight_attack_on_the_country_is_the_country_s():
    (rep,) = run("At least three people were killed in a massive overnight Russian attack on Ukraine.")
    assert (rep.region, rep.killed) == (None, 3)


def test_places_after_as_were_share_the_verb_of_the_places_before():
    text = "The president posted to X on Thursday that Kyiv was struck by drones, as were places in the Sumy region."
    assert sorted(r.region for r in run(text)) == ["UA-30", "UA-59"]


def test_a_day_after_posted_to_a_channel_is_when_it_was_said():
    (t,) = find_time_expressions("The president posted to X Tuesday that Kyiv was struck by drones.")
    assert t.reporting


def test_a_passive_count_after_several_places_were_hit_is_the_barrage_s():
    text = (
        "Drones struck Kyiv, Odesa and the Sumy region overnight, the president said.\n\n"
        "He said that 280 drones were used, as were nine missiles."
    )
    got = {(r.region, r.launched) for r in run(text)}
    assert (None, 280) in got and all(launched is None for region, launched in got if region)


def test_every_name_of_a_list_opened_by_the_regions_of_is_a_region():
    text = "The president said the regions of Sumy, Kyiv and Odesa were attacked overnight."
    assert sorted(r.region for r in run(text)) == ["UA-32", "UA-51", "UA-59"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # The figure of one verb is not the figure of the next one after "and".
        ("A missile killed four people and injured 31.", [("killed", 4), ("wounded", 31)]),
        ("The shelling injured six people and killed two.", [("wounded", 6), ("killed", 2)]),
        # A date after a dash is no figure of a place.
        ("Drone strike kills 3 in Sumy – Wire – 05/14/2025", [("killed", 3)]),
    ],
)
def test_one_figure_per_verb(text, expected):
    assert [(c.kind, c.value) for c in find_casualties(text)] == expected


def test_a_two_word_village_whose_first_word_is_a_far_town_s_other_name_is_the_region_s():
    # "Krasny" alone is another name of a city far away; before a second name it opens a
    # village name the gazetteer lacks.
    text = (
        "Shelling killed a woman in the Belgorod region on Thursday, the governor said.\n\n"
        "A man was wounded in the village of Krasny Ozerianka after a drone attack, he added."
    )
    assert [r.region for r in run(text)] == ["RU-BEL"]


def test_an_attack_claimed_a_week_ago_is_that_day_s():
    text = (
        "Drones struck a refinery in the Saratov region overnight, the governor said.\n\n"
        "A week ago, Ukraine said it hit a plant in the Samara region."
    )
    assert ("RU-SAM", "2024-03-07") in areas(run(text))


def test_a_dated_toll_inside_a_campaign_sentence_is_an_earlier_attack():
    text = (
        "A missile hit Dnipro on Thursday, killing two people, the governor said.\n\n"
        "Russia has stepped up strikes in recent weeks, particularly on Kharkiv, where 12 people "
        "were killed on March 2."
    )
    assert ("UA-63", "2024-03-02") in areas(run(text))


def test_of_two_namesakes_in_regions_spoken_of_the_one_of_the_region_just_named_is_meant():
    gaz = load_gazetteer()
    (mention,) = gaz.find("A drone hit a shop in Belaya.")
    assert gaz.resolve(mention, ["RU-KRS", "UA-61"]).region == "RU-KRS"
    assert gaz.resolve(mention, ["UA-61", "RU-KRS"]).region == "UA-61"


def test_a_toll_of_the_whole_region_is_no_town_s_to_sum_with_a_town_s():
    text = (
        "Drones hit Kursk overnight.\n\n"
        "The toll in the Kursk region has risen to five, the governor said.\n\n"
        "He had previously said three people were killed in the village of Belaya."
    )
    assert [(r.region, r.killed) for r in run(text)] == [("RU-KRS", 5)]


def test_a_village_in_a_list_of_the_region_spoken_of_is_that_region_s():
    text = "Over the past day, Antonivka, Zelenivka, Beryslav, Poniativka and Kherson were shelled."
    got = {r.mention.text: r.place.region for r in find_places(text, ["UA-65"])}
    assert got["Poniativka"] == "UA-65"


def test_a_community_named_in_a_regional_report_is_of_the_region_spoken_of():
    (ref,) = find_places("In the Krasnopil community, a drone wounded a resident.", ["UA-59"])
    assert ref.place.region == "UA-59"


def test_villages_named_as_villages_in_a_list_of_the_region_spoken_of_are_its_own():
    text = (
        "The Oktyabrsky, Razumnoye and Shebekino villages, the Tavrovo and Chaiki settlements were attacked."
    )
    got = {r.mention.text: r.place.region for r in find_places(text, ["RU-BEL"])}
    assert got.get("Oktyabrsky") == "RU-BEL"


def test_a_capital_that_speaks_is_no_region_the_text_speaks_of():
    text = (
        "Moscow reveals details of its strikes on Ukraine\n\n"
        "According to Moscow, the strikes hit arms plants. The president said nine people were "
        "killed in the capital in the attack."
    )
    assert [(r.region, r.killed) for r in run(text)] == [("UA-30", 9)]


def test_a_lead_s_toll_of_the_city_goes_to_the_place_the_next_paragraph_names():
    text = (
        "The governor said four people were wounded during the shelling of the city.\n\n"
        "'The occupiers have hit Kherson again,' he said, adding that two people were killed."
    )
    assert [(r.region, r.killed, r.wounded) for r in run(text)] == [("UA-65", 2, 4)]


def test_it_is_reported_that_goes_on_with_the_speaker_of_the_paragraph_before():
    text = (
        "The defence ministry said air defences downed 12 drones overnight.\n\n"
        "It is reported that 8 drones were shot down over the Kursk region and 4 over the Oryol region."
    )
    got = {(r.region, tuple(r.source_types)) for r in run(text)}
    assert got == {("RU-KRS", ("russia_official",)), ("RU-ORL", ("russia_official",))}


def test_a_relative_clause_about_the_speaker_s_region_is_no_speaker():
    text = "Oleh Hryhorov, the governor of Sumy, which borders Russia, said shells hit a school."
    assert [m.text for m in find_sources(text)] == ["Oleh Hryhorov, the governor of Sumy"]


def test_a_caption_of_the_attack_the_body_tells_is_no_record_of_its_own():
    text = (
        "Russian drones hit Kyiv overnight, killing three people, officials said.\n\n"
        "Firefighters put out a fire after a drone hit a building in Kyiv, Ukraine, on Thursday."
    )
    assert [(r.region, r.killed) for r in run(text)] == [("UA-30", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "The air force said it shot down 31 of the 40 drones launched over six Ukrainian regions overnight.",
        "Ukraine's air force downs 31 of Russia's 40 drones launched overnight over five regions",
    ],
)
def test_a_total_over_several_named_as_ukrainian_regions_is_the_country_s(text):
    (rep,) = run(text)
    assert (rep.region, rep.launched, rep.intercepted) == (None, 40, 31)


def test_the_night_before_s_national_total_told_after_a_lag_is_a_record_of_that_night():
    text = (
        "Drones and missiles hit Kyiv on Thursday, wounding 11 people, city authorities said.\n\n"
        "The attack came one night after Russia launched 500 drones and 20 missiles in strikes "
        "that killed at least two people, officials said."
    )
    got = {(r.region, r.date.isoformat(), r.launched, r.killed) for r in run(text)}
    assert got == {("UA-30", "2024-03-14", None, None), (None, "2024-03-13", 520, 2)}


def test_a_count_of_missiles_is_no_toll():
    text = "Russia fired 600 drones and 13 missiles in strikes that killed at least one person."
    assert [(c.kind, c.value) for c in find_casualties(text)] == [("killed", 1)]


def test_a_lead_s_toll_of_an_unnamed_town_goes_to_the_town_the_next_paragraph_names():
    text = (
        "At least nine people were killed in a Ukrainian drone attack on a town in occupied "
        "southern Ukraine, Russian-installed officials said.\n\n"
        "The Moscow-appointed governor said drones struck a cafe in Skadovsk overnight."
    )
    assert [(r.region, r.killed, r.attacker) for r in run(text)] == [("UA-65", 9, "Ukraine")]


def test_drones_launched_from_one_region_towards_a_city_are_the_city_s():
    text = "The air force said it shot down 9 of the 14 drones launched by Russia from the Belgorod region toward Kharkiv."
    assert [(r.region, r.launched, r.intercepted) for r in run(text)] == [("UA-63", 14, 9)]


@pytest.mark.parametrize(
    "text,region",
    [
        (
            "An attack on an oil depot near St. Petersburg on Sunday is the latest Ukrainian drone strike on Russia.",
            "RU-LEN",
        ),
        ("A Ukrainian drone hit a warehouse outside Moscow on Tuesday, officials said.", "RU-MOS"),
    ],
)
def test_a_place_near_a_federal_city_is_in_the_region_around_it(text, region):
    assert [r.region for r in run(text)] == [region]


def test_a_bare_night_of_an_article_that_names_the_night_of_its_own_day_is_that_day():
    text = (
        "On the night of March 14, drones attacked the Krasnodar region, officials said.\n\n"
        "The defence ministry said it had downed 40 Ukrainian drones over Russia overnight."
    )
    assert set(areas(run(text))) == {("RU-KDA", "2024-03-14"), (None, "2024-03-14")}


def test_drones_shot_down_with_no_auxiliary_are_a_count():
    (rep,) = run("The defence ministry counted 52 drones allegedly shot down over Russia overnight.")
    assert (rep.region, rep.intercepted) == (None, 52)


def test_a_conjunction_before_a_participle_is_no_speaker():
    assert (
        find_sources("If confirmed, the strike would be the third drone attack on the city this week.") == []
    )


def test_a_day_after_according_to_beside_a_night_is_when_it_was_said():
    # Published Thursday: the night before the words is Wednesday's.
    text = (
        "Drones struck a plant in the Penza region overnight, according to regional authorities on Thursday."
    )
    assert areas(run(text)) == [("RU-PNZ", "2024-03-13")]


def test_overnight_on_the_publication_day_names_the_night_for_a_bare_overnight():
    text = (
        "Drones attacked Novorossiysk overnight on Thursday, regional authorities said.\n\n"
        "The defence ministry said it had downed 70 Ukrainian drones over Russia overnight."
    )
    assert set(areas(run(text))) == {("RU-KDA", "2024-03-14"), (None, "2024-03-14")}


def test_a_day_the_outlet_asked_for_comment_is_no_attack_day():
    (t,) = find_time_expressions(
        "The outlet contacted both defence ministries for comment on Monday by email."
    )
    assert t.reporting


def _tolls(text):
    return sorted((r.region or r.country, r.date.isoformat(), r.killed, r.wounded) for r in run(text))


def test_a_zero_said_of_two_regions_holds_for_each():
    text = (
        "Ukrainian drones attacked the Kursk and Oryol regions overnight, the Russian defence ministry said.\n\n"
        "A drone hit a barn in the village of Glushkovo in Kursk and a garage in the city of Oryol.\n\n"
        "The governors of the Kursk and Oryol regions said there was some damage but no casualties."
    )
    assert _tolls(text) == [("RU-KRS", "2024-03-13", 0, 0), ("RU-ORL", "2024-03-13", 0, 0)]


def test_a_zero_said_of_either_attack_holds_for_both_days():
    text = (
        "A drone set fire to a fuel tank in Tuapse on Tuesday, the Krasnodar governor said. On Wednesday "
        "another drone hit a warehouse near Anapa.\n\n"
        "Nobody was killed or injured in either of the attacks."
    )
    assert _tolls(text) == [("RU-KDA", "2024-03-12", 0, 0), ("RU-KDA", "2024-03-13", 0, 0)]


def test_a_zero_said_of_a_country_holds_for_its_records_of_that_day():
    text = (
        "The Russian defence ministry said it downed 40 Ukrainian drones overnight, 12 of them over the "
        "Tula region, where debris hit a school.\n\n"
        "While no casualties were reported in Russia, debris from downed drones damaged several houses."
    )
    assert _tolls(text) == [("RU", "2024-03-13", 0, 0), ("RU-TUL", "2024-03-13", 0, 0)]


def test_a_zero_beside_a_toll_holds_for_its_own_place_only():
    # A sentence that gives a toll and a zero contrasts two places: the zero is not spread.
    text = (
        "Russian missiles hit Kharkiv and Sumy overnight, the regional governors said.\n\n"
        "Two people were killed in Kharkiv, while no one was hurt in Sumy."
    )
    assert _tolls(text) == [("UA-59", "2024-03-13", 0, 0), ("UA-63", "2024-03-13", 2, None)]


def test_a_telegram_channel_is_social_media_not_an_outlet():
    # GUIDELINES lists social media under "other"; the real golds type every Telegram channel so.
    text = "A drone hit a car in Belgorod on Wednesday, a local Telegram channel said."
    assert [r.source_types for r in run(text)] == [["other"]]


def test_the_channel_of_an_official_is_the_official():
    text = "A drone hit a car in Belgorod on Wednesday, the Telegram channel of the regional governor said."
    assert [r.source_types for r in run(text)] == [["russia_official"]]


@pytest.mark.parametrize("seen", ["were also reported over", "were spotted over", "were seen above"])
def test_drones_seen_over_regions_are_records_of_those_regions(seen):
    # GUIDELINES: regions the night's drones went to, named without figures, are regional records.
    text = (
        "Ukrainian drones hit a fuel depot in Tuapse overnight, the Krasnodar governor said.\n\n"
        f"Drones {seen} the Oryol and Lipetsk regions."
    )
    assert set(areas(run(text))) == {
        ("RU-KDA", "2024-03-13"),
        ("RU-ORL", "2024-03-13"),
        ("RU-LIP", "2024-03-13"),
    }


@pytest.mark.parametrize(
    "said",
    [
        "Officials also reported drone strikes in the Oryol and Lipetsk regions.",
        "The governors said there had been drone attacks on the Oryol and Lipetsk regions.",
    ],
)
def test_strikes_reported_in_regions_are_attacks_there(said):
    text = f"Ukrainian drones hit a fuel depot in Tuapse overnight, the Krasnodar governor said.\n\n{said}"
    assert set(areas(run(text))) == {
        ("RU-KDA", "2024-03-13"),
        ("RU-ORL", "2024-03-13"),
        ("RU-LIP", "2024-03-13"),
    }


@pytest.mark.parametrize(
    "lead",
    [
        "Russian strikes on Ukraine overnight wounded at least 14 people, according to local officials.",
        "Russian attacks targeting Ukraine overnight wounded at least 14 people, local officials said.",
        "At least 14 people were wounded overnight as Russia continued to pound Ukraine with drones.",
    ],
)
def test_a_toll_of_strikes_on_the_country_is_the_national_record(lead):
    text = f"{lead}\n\nIn the Cherkasy region, drones wounded eight people, the governor said."
    assert _tolls(text) == [("UA", "2024-03-13", None, 14), ("UA-71", "2024-03-13", None, 8)]


def test_bombing_is_no_weapon_category():
    # News English calls any barrage "bombing"; only bombs, aircraft or an air strike say air_strike.
    text = (
        "Russian missiles hit a power plant in Lviv overnight, the latest blow in a bombing campaign "
        "against the grid, the governor said."
    )
    assert [r.weapons for r in run(text)] == [["missile"]]


@pytest.mark.parametrize(
    "toll",
    [
        "Eight people were injured nationwide, including three in the Kharkiv region.",
        "Eight people were injured across Ukraine, including at least three in the Kharkiv region.",
        "Eight people were injured nationwide, three of them in the Kharkiv region.",
    ],
)
def test_a_national_toll_with_a_region_s_share(toll):
    # GUIDELINES: a toll of the whole country is the national record's; the share a place had is
    # that place's.
    text = f"Russia launched 300 drones at Ukraine overnight, the air force said. {toll}"
    assert _tolls(text) == [("UA", "2024-03-13", None, 8), ("UA-63", "2024-03-13", None, 3)]


def test_including_children_is_no_place_s_share():
    found = find_casualties("Russian strikes killed 12 people, including five children in Kharkiv.")
    assert [(c.kind, c.value) for c in found] == [("killed", 12), ("children_killed", 5)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian drones hit Odesa, Dnipro and Lutsk overnight, wounding six people, officials said.",
        "Russian missiles struck the cities of Odesa, Dnipro and Lutsk on Wednesday, leaving six people wounded.",
    ],
)
def test_a_toll_after_a_list_of_regions_is_theirs_together(sentence):
    # GUIDELINES: a toll given for several regions together is the country's, not the last one's.
    assert _tolls(sentence) == [
        ("UA", "2024-03-13", None, 6),
        ("UA-07", "2024-03-13", None, None),
        ("UA-12", "2024-03-13", None, None),
        ("UA-51", "2024-03-13", None, None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian drones hit Odesa and Dnipro overnight, killing two in Odesa and wounding six in Dnipro.",
        "Russian drones hit Odesa and Dnipro overnight, where six people were wounded.",
    ],
)
def test_a_toll_given_a_place_of_the_list_stays_that_place_s(sentence):
    assert ("UA-12", "2024-03-13", None, 6) in _tolls(sentence)
    assert "UA" not in {area for area, *_ in _tolls(sentence)}


@pytest.mark.parametrize(
    ("toll", "owner"),
    [
        ("Six people were wounded, the president said.", "UA"),
        ("In Poltava, six people were wounded.", "UA-53"),
        ("Six people were wounded in the city.", "UA-53"),
    ],
)
def test_a_toll_right_after_a_list_of_regions_is_theirs_unless_placed(toll, owner):
    text = f"Russian drones hit the Sumy, Kharkiv and Poltava regions overnight. {toll}"
    assert [area for area, _day, _k, wounded in _tolls(text) if wounded == 6] == [owner]


@pytest.mark.parametrize(
    "sentence", ["Nine people have so far been confirmed injured.", "Nine people have now been injured."]
)
def test_an_adverb_inside_the_perfect_keeps_the_toll(sentence):
    assert [(c.kind, c.value) for c in find_casualties(sentence)] == [("wounded", 9)]


def _figures(text):
    return sorted((r.region or r.country, r.intercepted) for r in run(text))


def test_a_share_of_a_ministry_s_total_targeting_a_city_is_the_city_s():
    text = "The defence ministry said air defences shot down 130 Ukrainian drones overnight, with 15 of them targeting Moscow."
    assert _figures(text) == [("RU", 130), ("RU-MOW", 15)]


def test_a_ministry_s_total_over_russian_regions_and_crimea_is_russia_s():
    # The defender counts Crimea among its regions; the total is still one country's record.
    text = "The Russian defence ministry said it intercepted 128 drones overnight, including 83 over Krasnodar and others over Crimea."
    assert ("RU", 128) in _figures(text)


def test_a_breakdown_naming_occupied_crimea_adds_up_to_the_total():
    text = "The Russian defence ministry said it downed 20 drones overnight: 14 over the Bryansk region and 6 over occupied Crimea."
    assert _figures(text) == [("RU-BRY", 14), ("UA-43", 6)]


def test_a_figure_over_a_list_of_regions_after_another_place_s_is_theirs_together():
    text = (
        "The defence ministry said air defences downed three drones over the Samara region and six over "
        "the Voronezh, Oryol and Kursk regions overnight."
    )
    assert _figures(text) == [("RU", 6), ("RU-KRS", None), ("RU-ORL", None), ("RU-SAM", 3), ("RU-VOR", None)]


def test_a_defender_s_count_including_occupied_crimea_is_the_defender_s_national_record():
    text = "Russia reported shooting down 86 Ukrainian drones overnight, including over Crimea."
    assert _figures(text) == [("RU", 86), ("UA-43", None)]


@pytest.mark.parametrize("headed", ["three heading for Moscow", "three flying to Moscow"])
def test_a_share_heading_for_a_city_is_the_city_s(headed):
    text = f"Russian air defences destroyed 73 Ukrainian drones overnight, including {headed}, the ministry said."
    assert _figures(text) == [("RU", 73), ("RU-MOW", 3)]


def test_a_toll_said_of_the_whole_country_beside_a_city_s_is_the_country_s():
    text = (
        "Russia launched drones and missiles at Ukraine overnight, killing three people in the capital "
        "and wounding 35 across the country."
    )
    assert _tolls(text) == [("UA", "2024-03-13", None, 35), ("UA-30", "2024-03-13", 3, None)]


def test_the_toll_of_strikes_in_a_country_is_its_national_record():
    assert _tolls(
        "Overnight Russian strikes in Ukraine killed two people and injured 19, officials said."
    ) == [("UA", "2024-03-13", 2, 19)]


def test_tolls_joined_before_a_list_of_regions_are_theirs_together():
    text = (
        "Russian drones killed one person and injured nine in Ukraine's Sumy and Poltava regions overnight."
    )
    assert _tolls(text) == [
        ("UA", "2024-03-13", 1, 9),
        ("UA-53", "2024-03-13", None, None),
        ("UA-59", "2024-03-13", None, None),
    ]


@pytest.mark.parametrize(
    ("said", "day"), [("said Wednesday", "2024-03-13"), ("said on Thursday", "2024-03-14")]
)
def test_an_undated_lead_attack_is_dated_by_the_day_it_was_told(said, day):
    # Told on Thursday: the attack the air force reported on Wednesday is Wednesday's, when the
    # text gives it no day of its own (GUIDELINES' publication date is for texts with none at all).
    text = f"Russia attacked Ukraine with 14 drones and a cruise missile, the air force {said}."
    assert areas(run(text)) == [(None, day)]


def test_a_day_before_an_inverted_speech_tag_is_the_attack_s():
    # "..., said the mayor": the tag follows the clause; the day before its comma is when the attack
    # happened ("the mayor said on Wednesday" would be when it was said).
    text = (
        "Drones hit Sumy overnight, the governor said.\n\n"
        "A missile struck an apartment block in Kharkiv early on Wednesday, said the city's mayor."
    )
    assert areas(run(text, dt.date(2024, 3, 15))) == [("UA-59", "2024-03-14"), ("UA-63", "2024-03-13")]


@pytest.mark.parametrize(
    "defence", ["air defence missiles", "anti-aircraft missiles", "interceptor missiles"]
)
def test_the_defender_s_missiles_are_no_weapon_of_the_attack(defence):
    text = f"Drones hit an oil depot in Belgorod overnight; debris fell where {defence} had downed them, the governor said."
    assert [r.weapons for r in run(text)] == [["drone"]]


@pytest.mark.parametrize("people", ["employees", "workers", "crew members"])
def test_no_one_of_a_site_s_people_hurt_is_a_stated_zero(people):
    assert [
        (c.kind, c.value) for c in find_casualties(f"A drone hit the plant, but no {people} were injured.")
    ] == [("wounded", 0)]
