"""Rules of how news is written, each on sentences written for the test (fixed publication date)."""

import datetime as dt

import pytest

from analytics.extract import extract_article
from analytics.extract.dates import find_time_expressions, resolve
from analytics.extract.document import split_sentences
from analytics.extract.finalize import drop_dayless, drop_split_national_totals
from analytics.extract.places import find_places
from analytics.models import Article, StrikeReport
from tests.factories import RULES_PUBLISHED, areas, by_region, run

PUBLISHED = RULES_PUBLISHED  # a Thursday


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # A night named by its two days started on the first one.
        ("drones flew in during the night of 11-12 March", "2024-03-11"),
        ("on the night of March 9 to 10 the sirens sounded", "2024-03-09"),
        ("the night of 2-3 February, 2024", "2024-02-02"),
        ("the day before yesterday", "2024-03-12"),
        ("three days ago", "2024-03-11"),
        ("4 days earlier", "2024-03-10"),
    ],
)
def test_relative_and_night_phrases(text, expected):
    exprs = find_time_expressions(text)
    assert exprs, text
    assert resolve(exprs[0], PUBLISHED).date.isoformat() == expected


@pytest.mark.parametrize("text", ["on Palm Sunday", "the Easter Monday raid", "since Good Friday"])
def test_a_feast_named_by_a_weekday_is_no_day_of_the_week(text):
    assert [e.strategy for e in find_time_expressions(text)] == []


def test_an_attack_of_last_month_on_a_feast_day_is_no_record():
    text = "Last month, a missile strike on the city of Sumy killed 30 people on Palm Sunday."
    assert run(text) == []


def test_overnight_counts_back_from_the_day_it_was_said_at_the_start_of_a_sentence():
    # Published on Thursday 14 March: said on Wednesday, the night before that is Tuesday's.
    (rep,) = run("Yesterday, the regional head said drones hit an oil depot in Bryansk overnight.")
    assert rep.date.isoformat() == "2024-03-12"


def test_a_named_day_beats_overnight_in_one_sentence():
    (rep,) = run("Russian drones struck Poltava overnight on Tuesday, damaging a warehouse.")
    assert rep.date == dt.date(2024, 3, 12)


def test_an_undated_record_takes_the_day_of_its_attack_noun():
    text = (
        "A Russian missile hit a school in Zaporizhzhia, rescuers said.\n\n"
        "The school was the worst hit site of a Russian missile barrage on Monday."
    )
    (rep,) = run(text)
    assert (rep.region, rep.date) == ("UA-23", dt.date(2024, 3, 11))


def test_every_dated_record_cites_the_time_expression_its_day_came_from():
    text = (
        "On Tuesday, Russian missiles struck Odesa, the governor said.\n\n"
        "Drones also hit a depot in Mykolaiv, officials said.\n\n"
        "That attack damaged a school in Kherson."
    )
    reps = run(text)
    assert {r.region: r.date.isoformat() for r in reps} == {
        "UA-51": "2024-03-12",
        "UA-48": "2024-03-12",
        "UA-65": "2024-03-12",
    }
    for r in reps:
        ev = r.evidence["date"]
        assert text[ev.start : ev.end] == "On Tuesday", r.region


def test_a_record_dated_by_its_publication_has_no_time_evidence():
    (rep,) = run("Russian drones struck Sumy, the mayor said.")
    assert rep.date == PUBLISHED and "date" not in rep.evidence


def test_a_similar_earlier_attack_does_not_date_the_one_in_focus():
    text = (
        "Ukrainian drones set a fuel depot ablaze in the Tambov region early on Thursday. "
        "A similar attack hit the same depot on March 2, the governor recalled."
    )
    reps = run(text)
    assert ("RU-TAM", "2024-03-14") in areas(reps)


@pytest.mark.parametrize(
    "text,dated",
    [
        ("Russian missiles struck Kharkiv last week, killing two people.", False),
        ("Russian missiles struck Kharkiv in early February, killing two people.", False),
        ("Russian missiles struck Kharkiv on Monday, killing two people.", True),
    ],
)
def test_an_attack_without_a_resolvable_day_is_no_record(text, dated):
    assert bool(run(text)) is dated


# -- sentences and places ----------------------------------------------------------------


def test_a_missing_space_after_a_full_stop_still_ends_a_sentence():
    text = "The siren stopped.Then a rocket fell on the market."
    assert [s.text for s in split_sentences(text, 0, len(text), 0)] == [
        "The siren stopped.",
        "Then a rocket fell on the market.",
    ]


@pytest.mark.parametrize(
    "text,name,role",
    [
        ("KHERSON: Two people were hurt when a shell hit a bus.", "Kherson", "dateline"),
        ("At 6 am Kyiv time the alert ended.", "Kyiv", "name"),
        ("The drone was launched from Russia’s Bryansk region.", "Bryansk Oblast", "origin"),
        ("Moscow's renewed missile strikes on the power grid continued.", "Moscow", "actor"),
        ("Kyiv's ability to hold out depends on air defence.", "Kyiv", "actor"),
        ("Two officials accused of collaborating with Moscow were hurt.", "Moscow", "actor"),
        ("A drone hit a tower in Kyiv's Podil district.", "Kyiv", "target"),
        ("A bomb struck a shop in the Kyivskyi district.", "Kyivskyi", "district"),
        # A place inside the phrase a weapon was launched from is its origin, until the phrase
        # turns to where the weapon went.
        (
            "Shaheds launched from an airfield near a village in occupied Crimea were downed over Mykolaiv.",
            "Crimea",
            "origin",
        ),
        (
            "A bomber fired a cruise missile from the skies above the occupied Zaporizhzhia region.",
            "Zaporizhzhia Oblast",
            "origin",
        ),
        ("Drones launched from Russia at Sumy hit a school.", "Sumy", "target"),
        ("Gunners downed four drones flying towards Tula overnight.", "Tula", "target"),
        ("Troops are pushing towards Pokrovsk, the general said.", "Pokrovsk", "origin"),
        ("Rockets fired from Belgorod struck Kharkiv.", "Kharkiv", "target"),
        # Every name of a list of origins is an origin.
        ("Drones were launched from the towns of Shatalovo, Kursk and Millerovo.", "Kursk", "origin"),
        ("Drones were launched from Kursk, the air force said, and hit Sumy.", "Sumy", "target"),
        # A capital is its government by what it does, a place by what it undergoes.
        ("Moscow, which rejects the charge, says the depot was empty.", "Moscow", "actor"),
        ("The raids show Kyiv hoping to cut fuel supplies to the front.", "Kyiv", "actor"),
        ("Moscow launched 30 missiles at cities in the west overnight.", "Moscow", "actor"),
        ("Kyiv has been hit by ballistic missiles twice this week.", "Kyiv", "target"),
        ("Moscow attacked by drones for a third night, the mayor says", "Moscow", "target"),
        ("Kyiv, which came under fire again, counted the damage.", "Kyiv", "target"),
        ("The capital's mayor said Kyiv endured the longest alert of the year.", "Kyiv", "target"),
        ("Debris fell near Moscow's ring road, the mayor said.", "Moscow", "target"),
        ("The delays tilt the balance in Moscow's favour.", "Moscow", "actor"),
        ("A pause in Moscow's raids on the rail network ended on Monday.", "Moscow", "actor"),
        # A wire's dateline without a year: where the story was filed.
        ("MOSCOW, Nov 11 (Wire) - Drones hit a refinery in the Saratov region.", "Moscow", "dateline"),
        # A preposition in -ing after a capital is no act of its government.
        ("Drones hit Kyiv during the night, officials said.", "Kyiv", "target"),
        ("Missiles struck Moscow following a drone raid.", "Moscow", "target"),
        # The object of an attack is the city, whatever follows it without a comma.
        ("Drones hit Kyiv killing two people.", "Kyiv", "target"),
        ("Drones struck Moscow using new launch sites.", "Moscow", "target"),
        ("Officials in Kyiv said drones hit Odesa.", "Kyiv", "actor"),
    ],
)
def test_place_roles(text, name, role):
    refs = {r.place.name if r.role != "district" else r.mention.text: r.role for r in find_places(text)}
    assert refs.get(name) == role, refs


def test_villages_listed_in_a_regional_round_up_belong_to_its_region():
    text = (
        "Shelling hit the Kursk region on Thursday, the governor said. "
        "Shells landed in the villages of Tetkino, Kirov and Popovka, wounding two people."
    )
    reps = run(text)
    assert [(r.region, r.wounded) for r in reps] == [("RU-KRS", 2)]


def test_a_village_named_alone_with_its_country_keeps_its_own_region():
    # The gazetteer's Kirovs are far from the Kursk region named before.
    (ref,) = [r for r in find_places("Debris fell in the Russian town of Kirov.", ["RU-KRS"])]
    assert ref.place.region != "RU-KRS"


def test_a_town_is_read_in_the_region_its_sentence_names_not_the_one_spoken_of_before():
    text = (
        "Russian drones hit Mykolaiv on Thursday, killing two. "
        "Ivan Petrenko, Sumy regional governor, said a shell hit a farm near Krasnopillya on "
        "Thursday, wounding one man."
    )
    reps = by_region(run(text))
    assert set(reps) == {"UA-48", "UA-59"}
    # The speaker's office names Sumy; the place hit is the Sumy-region Krasnopillya.
    assert reps["UA-59"].location == "Krasnopillya"
    assert (reps["UA-59"].wounded, reps["UA-48"].wounded) == (1, None)


def test_a_place_in_a_speaker_s_title_is_context_for_the_places_beside_it():
    text = "A drone hit a barn in Novoselivka, Kharkiv governor Oleh Syniehubov said."
    office = (text.index("Kharkiv"), len(text) - len(" said."))
    without = {r.mention.text: r.place.region for r in find_places(text)}
    within = {r.mention.text: r.place.region for r in find_places(text, offices=[office])}
    assert without["Novoselivka"] != "UA-63"
    assert within["Novoselivka"] == "UA-63"


def test_an_attack_named_with_its_place_and_day_opens_the_record_its_impact_follows():
    text = (
        "On the evening of 12 March, the port of Izmail was the scene of a drone attack, the "
        "regional head said. Air defences shot down six drones, and debris wounded two dockers."
    )
    (rep,) = run(text)
    assert (rep.region, rep.date.isoformat(), rep.intercepted, rep.wounded) == ("UA-51", "2024-03-12", 6, 2)


def test_an_undated_attack_does_not_join_a_month_named_later_for_its_place():
    text = (
        "Russian glide bombs hit a market in Kharkiv, the governor said, wounding eleven people.\n\n"
        "Russian troops also mounted a push into the Kharkiv region earlier this month."
    )
    (rep,) = run(text)
    assert (rep.region, rep.date, rep.wounded) == ("UA-63", PUBLISHED, 11)


def test_a_night_named_by_both_days_is_the_attack_dated_by_the_second():
    text = (
        "The bodies of three more people were found in the ruins of a block in Sumy hit by a "
        "Russian drone on 12 March.\n\n"
        "As of the evening of 13 March, the toll stood at nine.\n\n"
        "Russian drones struck Sumy on the night of 11-12 March."
    )
    (rep,) = run(text)
    assert (rep.region, rep.date.isoformat(), rep.killed) == ("UA-59", "2024-03-12", 9)


def test_a_side_launching_in_a_one_place_story_counts_for_that_place():
    text = (
        "Russian-installed officials said Ukrainian forces struck a plant in Melitopol, wounding "
        "four workers.\n\nOfficials added that Ukraine's armed forces launched three missiles "
        "in all.\n\nThe strike took place yesterday, 13 March."
    )
    (rep,) = run(text)
    assert (rep.region, rep.launched, rep.date.isoformat()) == ("UA-23", 3, "2024-03-13")
    assert text[rep.evidence["date"].start : rep.evidence["date"].end] == "yesterday"


@pytest.mark.parametrize(
    "text,weapons",
    [
        # "Shelled" with a named missile is the missile attack, not artillery.
        ("Ukrainian forces shelled Donetsk with ATACMS missiles on Thursday, wounding three.", ["missile"]),
        # The noun "shelling" of the same record beside a named system of another category.
        ("A Kalibr missile hit a depot in Odesa on Thursday. The shelling wounded two guards.", ["missile"]),
        # "Shelling and airstrikes" names two kinds.
        ("Shelling and airstrikes hit Kupiansk on Thursday, wounding four.", ["artillery", "air_strike"]),
        # Jets that drop a named missile launched it: the weapon is the missile.
        ("Russian warplanes dropping Kh-59 missiles struck Zaporizhzhia on Thursday.", ["missile"]),
        # "An air strike" of drones and missiles is the air attack as a whole.
        (
            "Russia launched a night air strike on Poltava on Thursday: eleven drones and two "
            "cruise missiles hit the city.",
            ["drone", "missile"],
        ),
    ],
)
def test_loose_attack_words_yield_to_a_named_weapon(text, weapons):
    (rep,) = run(text)
    assert rep.weapons == weapons


def test_a_village_of_the_region_in_context_beats_a_far_bigger_namesake_across_the_front():
    # The Sumy-region village Voronizh, not the Russian city of a million.
    (ref,) = find_places("The destruction in Voronezh is heavy, the statement said.", ["UA-59"])
    assert ref.place.region == "UA-59"


def test_a_name_keeps_its_sense_through_the_article():
    known: dict = {}
    first = find_places("Shells hit Voronezh in the Shostka district of the Sumy region.", [], known)[0]
    (later,) = find_places("Voronezh was hit again in the evening.", ["RU-BEL"], known)
    assert first.place.region == later.place.region == "UA-59"


def test_the_capital_follows_the_country_in_context():
    (ref,) = [r for r in find_places("Drones flew towards the capital.", ["RU-KLU"])]
    assert ref.place.name == "Moscow"


def test_a_city_district_alone_does_not_make_a_record_elsewhere():
    text = (
        "Russian glide bombs struck Kharkiv on Wednesday evening, the mayor said. "
        "One bomb hit a house in the Kyivskyi district."
    )
    assert {r.region for r in run(text)} == {"UA-63"}


# -- what states an attack ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,region",
    [
        ("Drones hit fuel depot in Tambov region on Thursday", "RU-TAM"),
        ("The Odesa region was subjected to a massive drone attack on Thursday.", "UA-51"),
        ("Air defences in Sevastopol repelled a drone attack on Thursday morning.", "UA-40"),
        ("The governor confirmed the drone strike on a refinery near Saratov on Thursday.", "RU-SAR"),
        ("Early on Thursday drones attacked a plant in the Lipetsk region, sparking a large fire.", "RU-LIP"),
    ],
)
def test_ways_of_stating_an_attack(text, region):
    assert [r.region for r in run(text)] == [region]


@pytest.mark.parametrize(
    "text",
    [
        # Compound nouns, no verb of impact: a general statement.
        "Long-range drone attacks by Kyiv have made Crimea a risky place for the fleet.",
        # A weapon named with a place, no attack stated.
        "Russia keeps howitzers and rocket launchers near Donetsk, analysts say.",
        # Ground fighting.
        "Ukrainian troops repelled an assault near Vuhledar on Thursday.",
        # Money and a bridge are not counts of munitions.
        "In 2018 Moscow opened a 19-km, $3 billion bridge over the strait to Crimea.",
        # A teaser heading run into its headlines.
        "Other Topics of Interest Missiles hit Odesa port on Thursday; drones strike Kharkiv",
        # An impact verb under a modal states nothing.
        "The raids have stirred concern in Moscow that the Kerch bridge could be targeted by drones.",
        # Ground movement and a siege's aftermath are not strikes.
        "On Thursday his troops were entering Belgorod, a city the army uses as its base, he said.",
        "After nearly three months of fighting, the airport in Donetsk was destroyed.",
        # A condemnation of attacks in general.
        "Delegates condemned the use of warships for missile strikes on civilians in Crimea.",
        # Explosions heard are no strike report (GUIDELINES).
        "Explosions were also heard in the Poltava and Sumy regions on Thursday.",
        "Residents of Kherson heard several loud blasts on Thursday evening, the mayor said.",
        # An illustrative or file picture shows another day's attack, not the story's.
        "This file photo from January 3, 2024, shows the wreck of a drone that struck Odesa.",
        # An attack of an earlier year, and a count since a day weeks back, are background.
        "Kyiv blames the navy for a 2016 raid on a fishing port near Odesa.",
        "Shelling has killed 412 civilians in the Donetsk region since 2 January, officials said on Thursday.",
        # A month with no day ("In May") dates no record, even at the start of a sentence.
        "In February, Ukrainian artillery shelled the village of Tyotkino, the governor said.",
    ],
)
def test_no_record_without_a_stated_attack(text):
    assert run(text) == []


# -- ownership: which record a figure, a toll or a source belongs to ---------------------


def test_a_credit_line_after_the_attack_names_its_source():
    text = (
        "Russian missiles hit the centre of Chernihiv on Thursday.\n\n"
        "Source: the head of the Chernihiv regional military administration"
    )
    (rep,) = run(text)
    assert rep.source_types == ["ukraine_official"]
    assert rep.sources == ["the head of the Chernihiv regional military administration"]


def test_a_speaker_titled_by_another_town_is_no_source_of_the_attack_in_focus():
    text = (
        "Russian drones hit a depot in Chernihiv on Thursday, wounding two.\n\n"
        "The mayor of Lutsk, Ivan Petrenko, said schools would open as usual."
    )
    (rep,) = run(text)
    assert rep.sources == []


def test_a_sentence_about_the_war_at_large_gives_nothing_to_the_place_in_focus():
    text = (
        "Russian missiles hit Zaporizhzhia on Wednesday, regional governor Ivan Petrenko said.\n\n"
        "Officials in London said Moscow has used rockets bought abroad to attack Ukraine."
    )
    (rep,) = run(text)
    assert rep.sources == ["regional governor Ivan Petrenko"]


def test_people_evacuated_after_an_attack_state_the_attack_and_unexploded_shells_are_no_weapon():
    text = "Sixty people were evacuated from their homes in Kherson after a drone attack on Thursday due to unexploded shells, the governor said."
    (rep,) = run(text)
    assert (rep.region, rep.weapons, rep.source_types) == ("UA-65", ["drone"], ["ukraine_official"])


def test_a_toll_for_a_place_named_after_the_attack_belongs_to_that_attack():
    text = (
        "Russian missiles struck the Kyiv region on Thursday.\n\n"
        "Other places hit included the city of Uman, where two people died."
    )
    reps = by_region(run(text))
    assert reps["UA-71"].killed == 2


def test_itemised_interceptions_over_the_territory_of_regions():
    text = (
        "Moscow's defence ministry reported 26 drones downed during the night - 15 over the "
        "territory of the Lipetsk region, eight over the territory of the Oryol region and three over "
        "the Kaluga region."
    )
    reps = {r.region: r.intercepted for r in run(text)}
    # The national total adds up to the regional figures, so there is no national record.
    assert reps == {"RU-LIP": 15, "RU-ORL": 8, "RU-KLU": 3}


def test_itemised_interceptions_over_the_territories_of_several_regions():
    text = (
        "Gunners downed 14 drones overnight, the ministry said: 8 over the territory of the "
        "Lipetsk region, 2 each over the territories of the Tambov and Penza regions, as well as "
        "one each over the territories of the Tver and Kaluga regions."
    )
    reps = {r.region: r.intercepted for r in run(text)}
    assert reps == {"RU-LIP": 8, "RU-TAM": 2, "RU-PNZ": 2, "RU-TVE": 1, "RU-KLU": 1}


def test_regions_listed_under_a_stated_attack_are_its_regional_records():
    text = (
        "The air force said nine drones were shot down over three regions on Thursday, namely:\n"
        "  - Poltava region,\n"
        "  - Cherkasy region,\n"
        "  - Zhytomyr region."
    )
    reps = by_region(run(text))
    assert {"UA-53", "UA-71", "UA-18"} <= set(reps)
    assert all(reps[r].source_types == ["ukraine_official"] for r in ("UA-53", "UA-71", "UA-18"))


def test_a_side_launching_after_several_places_were_hit_is_a_national_figure():
    text = (
        "Russian missiles hit Lviv and Vinnytsia on Thursday, officials said. "
        "Russia fired 40 cruise missiles on Thursday, of which 31 were shot down, the air force said."
    )
    reps = by_region(run(text))
    assert set(reps) == {"UA-46", "UA-05", None}
    assert (reps[None].launched, reps[None].intercepted) == (40, 31)


def test_an_attribution_carries_over_its_paragraph():
    text = (
        "The Russian Defence Ministry said on Thursday that air defences shot down nine Ukrainian drones. "
        "Six were destroyed over the Kursk region and three over the Oryol region."
    )
    reps = run(text)
    assert reps and all(r.source_types == ["russia_official"] for r in reps)


# -- finalize ----------------------------------------------------------------------------


def _rep(region: str | None, **kw) -> StrikeReport:
    return StrikeReport(date=PUBLISHED, country="RU", region=region, **kw)


@pytest.mark.parametrize(
    "national,dropped",
    [
        (_rep(None, intercepted=10), True),
        (_rep(None, intercepted=11), False),  # does not add up: a figure of its own
        (_rep(None, intercepted=10, killed=1), False),  # a toll only the national record holds
        (_rep(None), False),
    ],
)
def test_a_national_total_split_by_region(national, dropped):
    regional = [_rep("RU-KRS", intercepted=6), _rep("RU-BEL", intercepted=4)]
    kept = drop_split_national_totals([national, *regional])
    assert (national not in kept) is dropped
    assert all(r in kept for r in regional)


def test_dayless_records_are_dropped():
    week = StrikeReport(date=PUBLISHED, date_precision="week")
    day = StrikeReport(date=PUBLISHED, date_precision="day")
    assert drop_dayless([week, day]) == [day]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A national body's count, no place in its sentence: the country's figure.
        (
            "A drone hit a power line in Sumy on Thursday. Ukraine's air force said it had destroyed "
            "25 Russian drones since Wednesday evening.",
            (25, "2024-03-13"),
        ),
        # Explicitly elsewhere: "in other regions".
        (
            "A missile hit the port of Izmail on Thursday. The air force said it downed nine drones "
            "in other regions overnight.",
            (9, "2024-03-13"),
        ),
        # Where the drones were launched from names the attacker; the regions they came from
        # are no list of where they fell.
        (
            "Drones set a grain silo on fire in Izmail on Thursday. The air force said it shot "
            "down 30 of 44 drones launched from the Oryol and Kursk regions overnight.",
            (30, "2024-03-13"),
        ),
    ],
)
def test_national_interception_figures_beside_a_local_strike(text, expected):
    reps = by_region(run(text))
    assert None in reps and len(reps) == 2
    assert (reps[None].intercepted, reps[None].date.isoformat()) == expected


@pytest.mark.parametrize(
    "text,weapons",
    [
        ("A Russian missile hit a hall hosting a fair for drone makers in Sumy on Thursday.", ["missile"]),
        (
            "A Russian missile hit Sumy on Thursday. For over a month, drones and glide bombs have "
            "struck the region daily.",
            ["missile"],
        ),
    ],
)
def test_weapons_named_in_passing_are_not_the_attack_weapon(text, weapons):
    (rep,) = run(text)
    assert rep.weapons == weapons


def test_a_named_other_day_without_a_place_is_another_record_of_the_place_in_focus():
    text = (
        "Shelling set a warehouse in Belgorod on fire on Wednesday, the governor said. "
        "On Tuesday, a substation was hit in the city, cutting power."
    )
    assert areas(run(text)) == [("RU-BEL", "2024-03-12"), ("RU-BEL", "2024-03-13")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("No one was injured in the blast, the mayor said.", [("wounded", 0)]),
        ("According to first reports, no one has been wounded.", [("wounded", 0)]),
        ("The strike damaged a depot, killing a security guard.", [("killed", 1)]),
        ("A drone killed a woman and injured two men.", [("killed", 1), ("wounded", 2)]),
        ("Shrapnel hit a bus, wounding a 60-year-old driver.", [("wounded", 1)]),
        # Stated zeros: the words named decide which figure is zero (GUIDELINES).
        ("Crews found no damage or casualties at the site.", [("killed", 0), ("wounded", 0)]),
        ("By luck nobody was killed or injured, though windows broke.", [("killed", 0), ("wounded", 0)]),
        ("Debris fell in a yard without causing any casualties.", [("killed", 0), ("wounded", 0)]),
        ("There have been no deaths or injuries, the mayor added.", [("killed", 0), ("wounded", 0)]),
        ("No deaths were reported.", [("killed", 0)]),
        ("Two guards died; no one else was hurt.", [("killed", 2), ("killed", 0), ("wounded", 0)]),
        # Not a stated zero: nothing is known yet, or nothing more.
        ("There was no word yet on casualties.", []),
        ("There were no immediate reports of casualties.", []),
        ("No more casualties or damage were recorded overnight.", []),
    ],
)
def test_casualty_phrasings(text, expected):
    from analytics.extract.casualties import find_casualties

    assert [(c.kind, c.value) for c in find_casualties(text)] == expected


def test_without_a_publication_date_no_day_is_invented():
    # No publication date anywhere: a weekday cannot be placed, so the day is unknown.
    text = "Russian drones struck Poltava on Tuesday, damaging a warehouse."
    (rep,) = extract_article(Article(text=text, source_file="t.txt"))
    assert (rep.date, rep.date_precision, rep.published) == (None, "unknown", None)
    assert "date" not in rep.evidence


def test_a_date_written_with_its_year_needs_no_given_publication_date():
    text = "Russian drones struck Poltava on 12 March 2024, damaging a warehouse."
    (rep,) = extract_article(Article(text=text, source_file="t.txt"))
    assert (rep.date, rep.date_precision) == (dt.date(2024, 3, 12), "day")


def test_a_week_named_elsewhere_lends_no_day_to_other_places():
    text = (
        "Exports had been in doubt since Russian missiles hit Odesa port earlier this week.\n\n"
        "A Russian strike trapped four people under a collapsed shop in the Sumy region, the governor said."
    )
    # Odesa's attack has no resolvable day; Sumy's is told without one: the publication day.
    assert areas(run(text)) == [("UA-59", "2024-03-14")]


def test_that_attack_points_back_at_the_day_just_spoken_of():
    text = (
        "Drones set the Tambov fuel depot on fire early on Thursday, the governor said.\n\n"
        "Earlier, on March 5, drones attacked several regions, Moscow said. That attack also hit the Tambov depot."
    )
    assert ("RU-TAM", "2024-03-05") in areas(run(text))


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Russian missiles struck Odesa on Thursday. It was the first such attack on Odesa since February 20.",
            [("UA-51", "2024-02-20"), ("UA-51", "2024-03-14")],
        ),
        # "since June" names no day: no record for the earlier attack.
        (
            "Russian missiles struck Odesa on Thursday. It was the first such attack on Odesa since June.",
            [("UA-51", "2024-03-14")],
        ),
    ],
)
def test_the_first_attack_since_a_day_tells_an_earlier_attack(text, expected):
    assert areas(run(text)) == expected


def test_an_attack_stated_across_the_country_is_a_national_record():
    text = (
        "A drone hit a school in Sumy on Thursday, the mayor said. Russia's defence ministry said it had "
        "carried out a massive strike on energy targets across Ukraine on Thursday."
    )
    reps = by_region(run(text))
    assert set(reps) == {"UA-59", None}
    assert reps[None].source_types == ["russia_official"]
    assert reps["UA-59"].source_types == ["ukraine_official"]


def test_a_country_that_owns_the_attack_is_not_where_its_figures_fell():
    text = "Gunners shoot down 17 of the 23 drones flying across Ukraine overnight during Russia's third raid this week."
    (rep,) = run(text)
    assert (rep.country, rep.region, rep.launched, rep.intercepted) == ("UA", None, 23, 17)


def test_weapons_fired_into_the_country_with_no_place_named_are_a_national_record():
    text = "Rockets from a Russian battery were launched into Ukraine on 9 March, the Pentagon said."
    (rep,) = run(text)
    assert (rep.country, rep.region, rep.date.isoformat()) == ("UA", None, "2024-03-09")


def test_a_total_mostly_aimed_at_one_region_is_national_and_the_text_goes_on_about_the_region():
    text = (
        "The air force said Russia sent 30 drones and four missiles overnight, mostly targeting "
        "the Mykolaiv region. Debris wounded three people there, the governor said."
    )
    reps = by_region(run(text))
    assert set(reps) == {None, "UA-48"}
    assert (reps[None].launched, reps[None].wounded) == (34, None)
    assert (reps["UA-48"].launched, reps["UA-48"].wounded) == (None, 3)


def test_a_toll_across_many_regions_is_the_national_record():
    text = (
        "At least nine people died on Thursday when drones and missiles hit most of Ukraine's "
        "regions, the interior minister said."
    )
    (rep,) = run(text)
    assert (rep.region, rep.country, rep.killed) == (None, "UA", 9)


def test_a_later_toll_of_the_strikes_belongs_to_the_one_attack_of_the_story():
    filler = "\n\n".join(f"Item {i}: the parliament debated the budget for the year." for i in range(10))
    text = (
        "Russian missiles hit Dnipro on Thursday, the governor said.\n\n"
        + filler
        + "\n\nThe toll from the Russian strikes rose to 12 dead and 40 wounded, the governor said."
    )
    (rep,) = run(text)
    assert (rep.region, rep.killed, rep.wounded) == ("UA-12", 12, 40)


@pytest.mark.parametrize(
    "text,killed",
    [
        # "Victims" may count the hurt too: a figure of the dead beside it wins.
        (
            "A rocket struck a market in Horlivka on Thursday; two people died and the number of victims grew to 11.",
            2,
        ),
        # Alone, it is the toll.
        ("A missile hit Zhytomyr on Thursday, and the number of victims grew to 14.", 14),
    ],
)
def test_victims_stand_for_the_dead_only_when_no_figure_of_the_dead_does(text, killed):
    (rep,) = run(text)
    assert rep.killed == killed


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russian drones struck Poltava overnight, officials said yesterday.", "2024-03-12"),
        ("Russian drones struck Poltava overnight, officials said on Tuesday.", "2024-03-11"),
        ("Russian drones struck Poltava overnight, officials said.", "2024-03-13"),
    ],
)
def test_overnight_counts_from_the_day_it_was_said(text, expected):
    (rep,) = run(text)
    assert rep.date.isoformat() == expected


def test_tolls_for_several_regions_together_and_the_weapons_of_a_paragraph_lead():
    text = (
        "Shelling and drone attacks on both sides of the front killed at least nine people on Thursday. "
        "Russian attacks killed five in the Kherson region, Ukrainian officials said. "
        "In occupied parts of southern Ukraine, Russian-installed officials said four civilians were killed."
    )
    reps = by_region(run(text))
    assert set(reps) == {"UA-65", None}
    # The toll for occupied parts of several regions is the country's, on the side that holds them.
    assert (reps[None].killed, reps[None].attacker) == (4, "Ukraine")
    assert reps["UA-65"].killed == 5
    assert sorted(reps["UA-65"].weapons) == ["artillery", "drone"]


def test_caused_damage_states_an_attack():
    (rep,) = run("Debris of a rocket caused damage to a house in Belgorod on Thursday.")
    assert rep.region == "RU-BEL"


def test_a_quoted_speaker_and_the_outlet_that_quotes():
    from analytics.extract.actors import find_sources

    found = find_sources("“They hit the depot twice,” the governor was quoted as saying by the Kyiv Post.")
    assert [(m.text, m.source_type) for m in found] == [
        ("the governor", "official"),
        ("the Kyiv Post", "media"),
    ]


def test_a_caption_date_is_the_photos_and_another_day_is_another_record():
    text = (
        "Smoke rises over a depot hit by a Ukrainian drone attack in Kursk, Russia, Monday, March 11, 2024.\n\n"
        "Russia's ministry reported on Thursday that its gunners had downed drones above Bryansk.\n\n"
        "Two people were wounded in Bryansk during the attack, the governor said.\n\n"
        "On Sunday, four people were killed in the city."
    )
    assert areas(run(text)) == [
        ("RU-BRY", "2024-03-10"),
        ("RU-BRY", "2024-03-14"),
        ("RU-KRS", "2024-03-11"),
    ]


def test_a_toll_update_on_a_later_day_is_not_another_attack():
    text = (
        "A Russian missile hit an office block in Mykolaiv on Monday, killing seven people.\n\n"
        "Wednesday - the governor reports 11 dead.\n\n"
        "By Thursday the death toll rose to 14."
    )
    (rep,) = run(text)
    assert (rep.date, rep.killed) == (dt.date(2024, 3, 11), 14)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "A Reuters reporter at the scene saw two burnt-out cars near the market.",
            ("A Reuters reporter at the scene", "media"),
        ),
        ("A shopkeeper explained that the blast shattered every window.", ("A shopkeeper", "other")),
    ],
)
def test_who_saw_or_explained_is_a_source(text, expected):
    from analytics import lexicon
    from analytics.extract.actors import find_sources

    (m,) = find_sources(text)
    assert (m.text, lexicon.sources().classify(m.text)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # A total with part of it broken down by place: the country's record beside the places'.
        (
            "Russia's defence ministry said air defences destroyed 25 Ukrainian drones overnight, "
            "including 8 over the Oryol region and 6 over the Kursk region.",
            {None: 25, "RU-ORL": 8, "RU-KRS": 6},
        ),
        # The places' figures add up to it: they carry it, and no national record is kept.
        (
            "Russia's defence ministry said air defences destroyed 14 Ukrainian drones overnight, "
            "including 8 over the Oryol region and 6 over the Kursk region.",
            {"RU-ORL": 8, "RU-KRS": 6},
        ),
        # "N of them over X" is an item of the breakdown, with one place only too.
        (
            "Russia's defence ministry said air defences destroyed 25 Ukrainian drones overnight, "
            "9 of them over the Oryol region.",
            {None: 25, "RU-ORL": 9},
        ),
        # A figure that is a place's own is no total.
        (
            "Russia's defence ministry said two drones were downed over the Oryol region and "
            "three over Kursk.",
            {"RU-ORL": 2, "RU-KRS": 3},
        ),
    ],
)
def test_a_total_broken_down_by_place(text, expected):
    assert {r.region: r.intercepted for r in run(text)} == expected


def test_a_side_that_struck_named_places_states_the_attack():
    text = (
        "Russian missiles hit a power plant in Lviv overnight, the mayor said. Russian forces also "
        "attacked the Volyn and Rivne regions, regional governors reported."
    )
    reps = by_region(run(text))
    assert set(reps) == {"UA-46", "UA-07", "UA-56"}
    assert reps["UA-07"].source_types == ["ukraine_official"]


def test_a_side_that_attacked_a_country_is_the_war_not_a_strike():
    text = "A drone hit a shop in Lviv on Wednesday. The city has changed since Russia attacked Ukraine."
    assert [r.region for r in run(text)] == ["UA-46"]


def test_an_entry_of_a_live_page_starts_a_story_of_its_own():
    text = (
        "10:20 — Drone hits a school in Sumy\n\n"
        "A drone hit a school in Sumy overnight, injuring two guards, the mayor said.\n\n"
        "09:05 — Air force says it downed 30 of 41 drones\n\n"
        "The air force said it had shot down 30 of the 41 drones Russia launched overnight."
    )
    reps = by_region(run(text))
    assert (reps["UA-59"].launched, reps["UA-59"].intercepted) == (1, None)
    assert (reps[None].launched, reps[None].intercepted) == (41, 30)


@pytest.mark.parametrize(
    "toll,wounded",
    [
        ("more than 30 people were injured", None),
        ("over 30 people were injured", None),
        ("nearly 30 people were injured", None),
        ("at least 30 people were injured", 30),
        ("about 30 people were injured", 30),
        # A bound beside a count: the count stands.
        ("12 people were injured, and later more than 30", 12),
    ],
)
def test_a_bound_is_no_count(toll, wounded):
    """GUIDELINES: "more than N", "over N", "nearly N" are null; "at least N", "about N" are N."""
    (rep,) = run(f"A Russian missile hit a market in Sumy on Wednesday; {toll}, the governor said.")
    assert rep.wounded == wounded


def test_a_region_the_drones_flew_towards_is_a_record_beside_the_national_one():
    """GUIDELINES: "drones also flew towards Poltava" is a regional record with null counts."""
    text = (
        "Russia launched 52 drones at Ukraine overnight, 44 of which were shot down, the air force "
        "said. Several drones also flew towards Vinnytsia."
    )
    reps = by_region(run(text))
    assert set(reps) == {None, "UA-05"}
    assert (reps[None].launched, reps[None].intercepted) == (52, 44)
    assert (reps["UA-05"].launched, reps["UA-05"].intercepted) == (None, None)


def test_bombs_dropped_on_a_town_are_an_attack_on_it():
    (rep,) = run("Russian jets dropped three guided bombs on Kupiansk on Tuesday.")
    assert (rep.region, rep.weapons, rep.launched) == ("UA-63", ["air_strike"], 3)


def test_a_village_name_many_regions_share_is_the_village_of_the_region_spoken_of():
    """No Mykolaivka of the Kherson region is in the gazetteer; its namesakes lie in other
    regions. A Kherson report that names one means its own."""
    text = (
        "Shelling hit Bilozerka in the Kherson region on Monday, the governor said. Drones also "
        "struck Mykolaivka, damaging a barn."
    )
    assert {r.region for r in run(text)} == {"UA-65"}


def test_figures_given_town_by_town_with_the_verb_left_out_add_up_for_their_region():
    text = "Shelling on Tuesday killed two people in Lozova and one in Balakliia, the governor said."
    (rep,) = run(text)
    assert (rep.region, rep.killed) == ("UA-63", 3)


def test_a_side_that_struck_the_country_with_a_weapon_is_a_national_record():
    text = (
        "A missile hit a depot in Poltava on Monday, the governor said. Overnight into Tuesday, "
        "Russia struck Ukraine with attack drones; air defence downed 14 of them."
    )
    reps = by_region(run(text))
    assert set(reps) == {None, "UA-53"}
    assert (reps[None].weapons, reps[None].intercepted) == (["drone"], 14)
    assert (reps["UA-53"].weapons, reps["UA-53"].intercepted) == (["missile"], None)


def test_attacks_since_a_month_of_an_earlier_year_are_background():
    text = (
        "A missile hit a depot in Poltava on Monday. Since January 2024, Russia has struck Ukraine "
        "with drones every winter."
    )
    assert [(r.region, r.weapons) for r in run(text)] == [("UA-53", ["missile"])]


@pytest.mark.parametrize(
    "sentence,launched",
    [
        ("Russia hammered Ukraine with 60 missiles on Wednesday.", 60),
        ("Russia pummelled Ukraine's power grid with missiles and drones on Wednesday.", None),
        ("A massive Russian missile attack on Ukraine on Wednesday damaged power plants.", None),
    ],
)
def test_the_country_struck_as_a_whole_is_a_national_record(sentence, launched):
    (rep,) = run(sentence)
    assert (rep.region, rep.country, rep.launched) == (None, "UA", launched)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian air defences destroyed 57 Ukrainian drones over several regions overnight.",
        "Russian air defences destroyed 57 Ukrainian drones over 11 regions overnight.",
    ],
)
def test_a_figure_over_several_regions_is_the_countrys(sentence):
    (rep,) = run(sentence)
    assert (rep.region, rep.country, rep.intercepted) == (None, "RU", 57)


def test_more_after_a_figure_of_another_kind_means_others_not_an_addition():
    text = (
        "Shelling kills one, injures three in Nikopol\n\n"
        "Russian artillery shelled Nikopol. A 50-year-old man was killed. Three more people were "
        "injured, the governor said."
    )
    (rep,) = run(text)
    assert (rep.killed, rep.wounded) == (1, 3)


def test_more_after_a_figure_of_its_kind_adds_to_it():
    text = (
        "Russian artillery shelled Nikopol on Wednesday, injuring four people. By evening two more "
        "people were injured, the governor said."
    )
    (rep,) = run(text)
    assert rep.wounded == 6


def test_an_updated_toll_belongs_to_the_record_whose_toll_it_updates():
    text = (
        "A Russian missile hit a school in Poltava on Wednesday, killing three people, the governor "
        "said.\n\nIn the Sumy region, drones damaged a pumping station in Romny.\n\n"
        "By evening the death toll had risen to five, the governor said."
    )
    reps = by_region(run(text))
    assert (reps["UA-53"].killed, reps["UA-59"].killed) == (5, None)


def test_figures_a_speaker_gives_belong_to_the_record_that_speaker_spoke_of():
    text = (
        "A Russian missile hit a school in Poltava on Wednesday, killing three people, governor "
        "Ivan Samplenko said.\n\nDrones also damaged a pumping station in Romny in the Sumy region, "
        "the regional administration said.\n\nTwelve people were injured in the attack, Samplenko added."
    )
    reps = by_region(run(text))
    assert (reps["UA-53"].wounded, reps["UA-59"].wounded) == (12, None)


def test_a_dated_caption_at_the_scene_of_a_strike_is_a_record_of_its_own():
    """GUIDELINES: a dated photo caption that states an attack is a record (unattributed)."""
    text = (
        "Drones hit a depot in Poltava overnight, the governor said on Thursday.\n\n"
        "Rescuers at the scene of a Russian missile strike in Lviv, Ukraine, March 2, 2024."
    )
    reps = by_region(run(text))
    assert reps["UA-46"].date.isoformat() == "2024-03-02"
    assert reps["UA-46"].source_types == ["unattributed"]


def test_figures_town_by_town_after_the_verb_add_up_for_their_region():
    text = (
        "Shelling hit the Kharkiv region on Tuesday. Two people were killed in Lozova and three in Balakliia."
    )
    (rep,) = run(text)
    assert (rep.region, rep.killed) == ("UA-63", 5)


@pytest.mark.parametrize(
    "aside",
    [
        "Russia has used Shahed drones against ports all summer.",
        "Ukraine has received more Patriot missiles to defend the city.",
    ],
)
def test_weapons_of_a_season_or_of_deliveries_are_not_the_attacks(aside):
    (rep,) = run(f"Russian artillery shelled Odesa port on Monday, killing two. {aside}")
    assert rep.weapons == ["artillery"]


def test_the_positions_of_a_sides_troops_are_what_was_attacked_not_the_attacker():
    from analytics.extract.attackers import find_attacker_cues

    text = "The enemy shelled the positions of Ukrainian troops near the river."
    assert [c.side for c in find_attacker_cues(text)] == []


def test_a_count_right_after_the_countrys_total_goes_on_with_it():
    text = (
        "Russia launched 120 drones at Ukraine overnight, mainly targeting Odesa, the air force said. "
        "Air defence shot down 97 of them."
    )
    reps = by_region(run(text))
    assert (reps[None].launched, reps[None].intercepted) == (120, 97)
    assert reps["UA-51"].intercepted is None


def test_figures_in_places_after_the_first_in_a_sentence_about_shooting_down():
    text = (
        "The ministry said 14 drones were destroyed by air defence units in Bryansk Oblast, "
        "six in Kursk Oblast and four in Belgorod Oblast."
    )
    reps = {r.region: r.intercepted for r in run(text)}
    assert reps == {"RU-BRY": 14, "RU-KRS": 6, "RU-BEL": 4}


def test_the_attacking_sides_claim_is_about_the_whole_attack():
    text = (
        "Russia launched 50 drones at Ukraine overnight, the air force said. In Poltava, a drone hit "
        "a warehouse, the governor said.\n\nRussia's defence ministry said its forces had hit "
        "energy sites used by the Ukrainian army."
    )
    reps = by_region(run(text))
    assert reps[None].source_types == ["ukraine_official", "russia_official"]
    assert reps["UA-53"].source_types == ["ukraine_official"]


def test_a_weapon_named_with_another_regions_place_is_not_lent_to_a_separate_attack():
    text = (
        "In the Kharkiv region, Russian attacks killed two people in Lozova, the governor said.\n\n"
        "A drone attack on Nikopol injured a woman, the regional head said."
    )
    reps = by_region(run(text))
    assert (reps["UA-63"].weapons, reps["UA-12"].weapons) == (["unknown"], ["drone"])


def test_a_place_also_hit_takes_the_attacks_weapon():
    text = "Russian missiles hit Kyiv on Monday, the mayor said. Kharkiv was also hit, its mayor said."
    reps = by_region(run(text))
    assert reps["UA-63"].weapons == ["missile"]


def test_the_enemy_that_struck_named_places_states_the_attack_at_a_sentences_start():
    text = "A drone hit Odesa on Monday, the governor said. The enemy also attacked the Mykolaiv region."
    assert {r.region for r in run(text)} == {"UA-51", "UA-48"}


@pytest.mark.parametrize(
    "text,region,elsewhere",
    [
        ("Russia launched strikes on western Ukraine.", "UA-65", True),
        ("Russia launched strikes on southern Ukraine.", "UA-65", False),
        ("Drones flew over north-eastern Ukraine.", "UA-59", False),
        ("Drones flew over north-eastern Ukraine.", "UA-46", True),
        ("Drones attacked central Russia.", "RU-MOW", False),
        ("Drones attacked southern Russia.", "RU-MOW", True),
        # A part of the other country says nothing of this one's regions.
        ("Drones attacked southern Russia.", "UA-46", False),
    ],
)
def test_a_compass_part_of_a_country_holds_the_regions_whose_centre_lies_in_it(text, region, elsewhere):
    from analytics.extract.discourse import placed_elsewhere
    from analytics.gazetteer import load_gazetteer

    assert placed_elsewhere(text, load_gazetteer().region(region)) is elsewhere
