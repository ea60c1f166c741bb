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


def test_a_defence_ministry_s_count_goes_on_over_every_region_it_lists():
    text = (
        "The Russian Defence Ministry said on Friday that air defences had downed 60 drones "
        "overnight. According to the ministry, 30 were downed over the Tula Region. Another 20 "
        "were destroyed over the Lipetsk Region and 10 over the Kaluga Region."
    )
    records = by_region(run(text, FRIDAY))
    assert {r: records[r].source_types for r in ("RU-TUL", "RU-LIP", "RU-KLU")} == {
        "RU-TUL": ["russia_official"],
        "RU-LIP": ["russia_official"],
        "RU-KLU": ["russia_official"],
    }


def test_a_governor_s_attribution_stays_with_the_places_he_spoke_of():
    # (guard: a regional speaker does not speak of another region's damage in his paragraph)
    text = (
        "In Odesa a drone hit a warehouse overnight, the regional governor said. In the Kharkiv "
        "region a guided bomb hit a farm."
    )
    assert by_region(run(text, FRIDAY))["UA-63"].source_types == ["unattributed"]


def test_a_statement_that_reads_is_a_speech_tag():
    text = (
        "The defence ministry in Moscow reported on the night's attack on Friday.\n\n\"Air "
        'defences destroyed eight drones over the Oryol Region," the statement reads.'
    )
    assert by_region(run(text, FRIDAY))["RU-ORL"].source_types == ["russia_official"]


def test_a_side_s_claim_of_its_own_strike_goes_to_the_other_country_s_record():
    text = (
        "Russia launched 200 drones at Ukraine overnight, the Ukrainian air force said.\n\n"
        "On Thursday, Ukraine's General Staff said its drones had struck an oil depot in the "
        "Bryansk region. Local authorities there said nobody was hurt.\n\n"
        "Russia's defence ministry said its forces had carried out a massive strike on energy "
        "sites that supply Ukraine's army."
    )
    records = by_region(run(text, FRIDAY))
    assert records[None].source_types == ["ukraine_official", "russia_official"]
    assert records["RU-BRY"].sources == ["Ukraine's General Staff", "Local authorities there"]


def test_the_city_a_region_surrounds_is_where_drones_downed_over_the_region_flew():
    text = (
        "Air defences destroyed 30 drones overnight: 12 over the Kursk Region, nine over the "
        "Moscow Region, including four flying towards Moscow, and nine over the Tula Region, "
        "the Russian Defence Ministry said."
    )
    records = by_region(run(text, FRIDAY))
    assert sorted(records, key=str) == ["RU-KRS", "RU-MOS", "RU-TUL"]
    assert records["RU-MOS"].intercepted == 9


def test_drones_flying_towards_a_city_no_region_is_named_for_make_its_record():
    # (guard: GUIDELINES, where the weapons went is a target area)
    text = "Russia said it shot down six drones flying towards Moscow overnight."
    assert areas(run(text, FRIDAY)) == [("RU-MOW", "2025-06-12")]


@pytest.mark.parametrize(
    ("sentence", "wounded"),
    [
        ("A woman received minor cuts from broken glass.", 1),
        ("A security guard suffered a concussion.", 1),
        ("Three workers received cuts and bruises.", 3),
        ("Two firefighters suffered burns.", 2),
        # (guard: cuts of power are no injury)
        ("Two districts suffered power cuts.", None),
    ],
)
def test_an_injury_named_by_its_kind_is_a_wound(sentence, wounded):
    text = f"A drone hit a depot in the Lipetsk Region overnight, the governor said. {sentence}"
    assert by_region(run(text, FRIDAY))["RU-LIP"].wounded == wounded


@pytest.mark.parametrize(
    "sentence",
    [
        "A drone dropped a grenade on a van, injuring its driver.",
        "The driver received a shrapnel wound to the arm.",
        "The driver, a man born in 1968, received wounds to the legs.",
        "Her neighbour, a 70-year-old woman, was injured.",
        "A welder who was working at the site was injured.",
    ],
)
def test_one_person_told_with_who_they_are_is_one_wounded(sentence):
    text = f"A drone hit a farm in the Kursk Region overnight, the governor said. {sentence}"
    assert by_region(run(text, FRIDAY))["RU-KRS"].wounded == 1


def test_a_person_said_to_be_unhurt_is_no_wounded():
    # (guard: the relative clause that tells who the person is may deny the wound)
    text = (
        "A drone hit a truck in the Kursk Region overnight, the governor said. The driver, who "
        "was not injured, drove on."
    )
    assert by_region(run(text, FRIDAY))["RU-KRS"].wounded is None


def test_a_year_of_birth_is_no_earlier_period():
    text = (
        "A drone hit a car in the Kursk Region overnight, the governor said. Two people were "
        "injured: a woman born in 1987 and a man born in 1959."
    )
    assert by_region(run(text, FRIDAY))["RU-KRS"].wounded == 2


def test_an_attack_that_resulted_in_the_injury_of_a_civilian_is_a_toll():
    text = (
        "In the Kursk Region, an enemy attack on the village of Tetkino resulted in the injury "
        "of a civilian, the governor said on Friday."
    )
    records = by_region(run(text, FRIDAY))
    assert list(records) == ["RU-KRS"]
    assert records["RU-KRS"].wounded == 1


@pytest.mark.parametrize(
    "text",
    [
        "Latvia will buy interceptor drones for Kyiv as Russian strikes hit Odesa overnight.",
        "Diplomats in Moscow said drones hit a depot in Tula overnight.",
        "A missile hit Odesa overnight, in the latest strike since the Kyiv summit.",
    ],
)
def test_a_capital_that_is_armed_hosts_or_houses_speakers_is_no_target(text):
    assert [region for region, _ in areas(run(text, FRIDAY))] in (["UA-51"], ["RU-TUL"])


@pytest.mark.parametrize(
    "text",
    [
        # (guards: a side that sends drones to the capital attacks it)
        "Russia sent 40 drones to Kyiv overnight, the air force said.",
        "Drones hit Kyiv overnight, hours before the Kyiv talks opened.",
    ],
)
def test_a_capital_drones_were_sent_to_is_a_target(text):
    assert areas(run(text, FRIDAY)) == [("UA-30", "2025-06-12")]


def test_a_dateline_of_two_cities_names_no_target():
    text = (
        "KYIV/MOSCOW, June 13 (Wire) - Ukrainian drones struck airfields far from the border "
        "overnight, officials of both sides said.\n\nA drone hit a hangar at an airfield near "
        "Saratov, the region's governor said."
    )
    assert areas(run(text, FRIDAY)) == [("RU-SAR", "2025-06-12")]


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit a refinery in Saratov overnight, forcing flight restrictions at airports "
        "serving Moscow, officials said.",
        "Drones hit a refinery in Saratov overnight, as the attacks again disrupted air traffic "
        "around Moscow.",
    ],
)
def test_where_flights_stopped_is_no_place_hit(text):
    assert areas(run(text, FRIDAY)) == [("RU-SAR", "2025-06-12")]


def test_a_capital_that_cannot_be_trusted_is_its_government():
    text = (
        "The Kremlin said Ukraine had attacked an oil depot in the Krasnodar region on Thursday, in "
        'what its spokesman called proof that Kyiv "cannot be trusted" with a truce.'
    )
    assert areas(run(text, FRIDAY)) == [("RU-KDA", "2025-06-12")]


def test_a_list_item_over_temporarily_occupied_crimea_is_crimea_s():
    text = (
        "The Russian Defence Ministry said on Friday that air defences had destroyed 40 drones "
        "overnight: 28 over the Rostov region and 12 over the territory of the temporarily "
        "occupied Crimea."
    )
    records = by_region(run(text, FRIDAY))
    assert sorted(records, key=str) == ["RU-ROS", "UA-43"]
    assert records["UA-43"].intercepted == 12


def test_ten_each_were_downed_over_two_regions():
    text = (
        "The Russian Defence Ministry said on Friday that 30 drones were downed overnight over "
        "the Bryansk region. Ten each were downed over the Voronezh and Lipetsk regions, "
        "according to the ministry."
    )
    records = by_region(run(text, FRIDAY))
    assert (records["RU-VOR"].intercepted, records["RU-LIP"].intercepted) == (10, 10)


def test_a_side_in_a_where_clause_of_the_place_is_not_the_attacker():
    text = (
        "Air defences downed 40 Ukrainian drones over the Kursk region, where Russian troops are "
        "pushing on near the border, and 12 over the Moscow region, the ministry said on Friday."
    )
    records = by_region(run(text, FRIDAY))
    assert {r.attacker for r in records.values()} == {"Ukraine"}


def test_a_second_statement_of_the_morning_after_the_night_is_that_day_s():
    text = (
        "The Russian Defence Ministry said its air defences destroyed 30 drones overnight, "
        "including 20 over the Kursk region and 10 over the Oryol region.\n\n"
        "In a second statement, the ministry said another 9 drones were downed between 7 a.m. "
        "and 1 p.m. Moscow time, all of them over the Kursk region."
    )
    records = run(text, FRIDAY)
    assert sorted((r.region, str(r.date), r.intercepted) for r in records if r.region) == [
        ("RU-KRS", "2025-06-12", 20),
        ("RU-KRS", "2025-06-13", 9),
        ("RU-ORL", "2025-06-12", 10),
    ]


@pytest.mark.parametrize(
    ("night", "window", "day"),
    [
        # (guards: a night dated by its morning already; a window of the evening is the night's)
        ("overnight into Friday", "between 7 a.m. and 1 p.m.", "2025-06-13"),
        ("overnight", "between 8 p.m. and 11 p.m.", "2025-06-12"),
    ],
)
def test_a_window_s_day_follows_how_the_night_was_dated(night, window, day):
    text = (
        f"The Russian Defence Ministry said its air defences destroyed 20 drones {night} over the "
        f"Oryol region.\n\nIn a second statement, the ministry said another 9 drones were downed "
        f"{window} Moscow time, all of them over the Kursk region."
    )
    assert [str(r.date) for r in run(text, FRIDAY) if r.region == "RU-KRS"] == [day]


def test_the_ministry_told_back_keeps_the_side_it_was_named_with():
    text = (
        "The Russian Defence Ministry said on Friday that air defences had downed 20 drones over "
        "the Bryansk region overnight.\n\n"
        "The ministry also said a missile had struck a fuel depot in the Odesa region overnight."
    )
    assert by_region(run(text, FRIDAY))["UA-51"].source_types == ["russia_official"]


def test_a_count_that_goes_on_in_the_next_paragraph_keeps_the_ministry():
    text = (
        "The Russian Defence Ministry said on Friday that 60 drones were downed overnight, 30 of "
        "them over the Kursk region.\n\n"
        "Another 20 were shot down over the Oryol region and 10 over the Lipetsk region."
    )
    records = by_region(run(text, FRIDAY))
    assert (records["RU-ORL"].source_types, records["RU-LIP"].source_types) == (
        ["russia_official"],
        ["russia_official"],
    )


def test_a_speaker_of_diplomacy_beside_the_attack_is_no_source_of_it():
    text = (
        "A drone damaged a port crane in the Odesa region overnight, Governor Oleh Kiper said on "
        "Friday. The Kremlin's spokesman said Moscow remained open to contacts with US envoys."
    )
    assert by_region(run(text, FRIDAY))["UA-51"].sources == ["Governor Oleh Kiper"]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow said Ukrainian drones have targeted power substations and oil depots in the Kursk "
        "and Bryansk regions, breaking the moratorium.",
        "The president said Russia had launched more than 900 drones at Ukraine in a single week.",
    ],
)
def test_a_side_s_campaign_with_no_day_is_no_record(text):
    assert areas(run(text, FRIDAY)) == []


def test_a_skip_link_that_repeats_a_section_headline_is_page_furniture():
    text = (
        "Skip next section Governor says drones hit Kursk substation\n"
        "Governor says drones hit Kursk substation\n\n"
        "Drones hit a substation near Kursk overnight, the governor said."
    )
    assert not [s for s in by_region(run(text, FRIDAY))["RU-KRS"].sources if "Skip" in s]


def test_this_was_reported_by_speaks_of_every_record_of_the_sentence_before():
    text = (
        "Overnight, Ukrainian forces struck an oil refinery in Tuapse, while Russian drones hit "
        "a grain terminal in the Odesa region.\n\n"
        "This was reported by Ukraine's General Staff on Telegram."
    )
    records = by_region(run(text, FRIDAY))
    assert (records["RU-KDA"].source_types, records["UA-51"].source_types) == (
        ["ukraine_official"],
        ["ukraine_official"],
    )


def test_according_to_a_title_s_abbreviation_names_the_speaker():
    text = (
        "A missile struck the port of Odesa on Thursday, injuring three dockers, according to "
        "regional Gov. Oleh Kiper. The port kept working."
    )
    assert by_region(run(text, FRIDAY))["UA-51"].sources == ["regional Gov. Oleh Kiper"]


def test_a_place_label_opening_a_live_entry_owns_its_toll_update():
    text = (
        "Live: Russian strikes across Ukraine\n\n"
        "13:35\nKharkiv region. A guided bomb struck the village of Vilkhivka, the governor said. "
        "Two men were injured.\n\n"
        "12:40\nZaporizhzhia. The number of injured in the city has risen to 12, the head of the "
        "regional administration said.\n\n"
        "08:10\nZaporizhzhia. Russian drones struck the city overnight. One person was killed and "
        "nine were injured."
    )
    records = by_region(run(text, FRIDAY))
    assert (records["UA-63"].wounded, records["UA-23"].wounded) == (2, 12)


def test_a_place_label_takes_the_day_its_paragraph_speaks_of():
    # (guard: the record a label opens is not dated before its paragraph names the day)
    text = (
        "Live: Russian strikes across Ukraine\n\n"
        "16:30\nKherson. The regional head reported the toll of attacks on the region over the "
        "past day. Russian troops shelled Kherson; one person was killed.\n\n"
        "08:10\nOdesa. Drones struck the port this morning, the governor said."
    )
    assert by_region(run(text, FRIDAY))["UA-65"].date == dt.date(2025, 6, 12)


def test_a_side_that_has_responded_with_heavy_attacks_tells_a_campaign():
    text = (
        "The Russian Defence Ministry said on Friday that 40 Ukrainian drones were downed over "
        "Russian regions overnight.\n\n"
        "Moscow calls the raids terrorism and has responded with heavy missile and drone attacks "
        "on the Ukrainian power grid."
    )
    assert by_region(run(text, FRIDAY))[None].weapons == ["drone"]


def test_russia_attacks_no_place_of_its_own():
    text = (
        "Russia launched 300 drones at Ukraine overnight, the air force said.\n\n"
        "Ukrainian drones hit an oil depot in the Bryansk region overnight, its governor said. "
        "Russian forces also fired cruise missiles at the power grid."
    )
    records = by_region(run(text, FRIDAY))
    assert (records["RU-BRY"].attacker, records["RU-BRY"].weapons) == ("Ukraine", ["drone"])
    assert records[None].weapons == ["drone", "missile"]


def test_the_number_of_a_weapon_s_name_is_no_toll():
    text = "A strike that included a KN-23 ballistic missile killed 12 people in Kyiv on Thursday."
    assert by_region(run(text, FRIDAY))["UA-30"].killed == 12


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        ("Thirteen people including two children were injured.", "wounded", 13),
        ("Five people including a child were killed.", "killed", 5),
        # (guard: the comma form as before)
        ("Thirteen people, including two children, were injured.", "wounded", 13),
    ],
)
def test_a_subset_with_no_commas_about_it_is_part_of_the_toll(sentence, field, value):
    text = f"Drones hit an industrial site in Kropyvnytskyi on Thursday, the governor said. {sentence}"
    assert getattr(by_region(run(text, FRIDAY))["UA-35"], field) == value


def test_the_capital_is_that_of_the_side_the_sentence_s_attacker_attacks():
    text = (
        "The defence ministry said on Friday its air defences destroyed 40 Ukrainian drones "
        "overnight, including 15 over the region surrounding the capital."
    )
    assert [region for region, _ in areas(run(text, FRIDAY))] == ["RU-MOS"]


def test_the_region_surrounding_the_capital_is_the_capital_s_region():
    text = (
        "Russian drones hit Kyiv overnight. In the region surrounding the capital, five people "
        "were injured, the regional governor said."
    )
    assert by_region(run(text, FRIDAY))["UA-32"].wounded == 5
