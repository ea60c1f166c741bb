"""How reports word attacks, nineteenth round: own-words sentences in shapes GUIDELINES settle."""

import datetime as dt

import pytest

from tests.factories import run

SUNDAY = dt.date(2025, 8, 10)


@pytest.mark.parametrize(
    ("headline", "kinds"),
    [
        ("Russia's defence ministry says 51 drones shot down overnight", ["russia_official"]),
        ("Moscow says it downed 51 Ukrainian drones", ["russia_official"]),
        # (guards: a headline with no speaker, and one whose speaker tells its second clause)
        ("Drones downed over Tula, Kaluga and Smolensk", ["unattributed"]),
        ("Refinery burns in Syzran; Russia says 51 drones shot down", ["unattributed"]),
    ],
)
def test_a_headline_s_speaker_speaks_the_lead_below_it(headline, kinds):
    text = (
        f"{headline}\n\n"
        "Air defences destroyed 51 Ukrainian drones overnight: 30 over the Tula region, 12 over "
        "the Kaluga region and nine over the Smolensk region."
    )
    records = [r for r in run(text, SUNDAY) if r.region]
    assert {r.region for r in records} == {"RU-TUL", "RU-KLU", "RU-SMO"}
    assert all(r.source_types == kinds for r in records)


def test_a_headline_s_speaker_stops_where_the_body_names_its_own():
    text = (
        "Russia says 51 drones shot down overnight\n\n"
        "Air defences destroyed 30 Ukrainian drones over the Tula region overnight.\n\n"
        "In the Kaluga region, a drone hit a warehouse, the governor said.\n\n"
        "A drone also damaged a barn in the Smolensk region overnight."
    )
    by_region = {r.region: r.source_types for r in run(text, SUNDAY)}
    assert by_region["RU-TUL"] == ["russia_official"]
    assert by_region["RU-SMO"] == ["unattributed"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Air defences shot down 51 drones over three Russian regions overnight.", "RU"),
        ("Air defences shot down 51 drones over several Ukrainian regions overnight.", "UA"),
        # (guard: no country named, the side attacked decides)
        ("Air defences shot down 51 Ukrainian drones over several regions overnight.", "RU"),
    ],
)
def test_regions_named_by_their_country_are_that_country_s(text, country):
    (record,) = run(text, SUNDAY)
    assert (record.region, record.country) == (None, country)


@pytest.mark.parametrize("verb", ["brought down", "eliminated", "neutralised"])
def test_every_interception_verb_of_the_lexicon_opens_a_list_by_region(verb):
    # ("neutralised" is a guard: the figure finder's cheap gate knew it before)
    # (the sentence holds no word of munitions: the list goes on from the sentence before)
    text = (
        "Air defences downed 75 Ukrainian drones overnight, the ministry said. "
        f"Of them, 40 were {verb} in the Kursk region, 20 in the Bryansk region, 10 in the "
        "Oryol region and five in the Tula region."
    )
    counts = {r.region: r.intercepted for r in run(text, SUNDAY)}
    assert counts == {"RU-KRS": 40, "RU-BRY": 20, "RU-ORL": 10, "RU-TUL": 5}


@pytest.mark.parametrize(
    "text",
    [
        "Air defences counted 20 drones brought down overnight over the Kursk region.",
        "The Russian army said 20 were brought down over the Kursk region overnight.",
        # (guard: the verb every rule knew)
        "The Russian army said 20 were shot down over the Kursk region overnight.",
    ],
)
def test_brought_down_is_shot_down(text):
    (record,) = run(text, SUNDAY)
    assert (record.region, record.intercepted) == ("RU-KRS", 20)


@pytest.mark.parametrize(
    ("sentence", "killed", "wounded"),
    [
        ("One employee of the water utility was killed.", 1, None),
        ("Two workers of a grain terminal were killed.", 2, None),
        ("One passenger of the bus had been injured.", None, 1),
        ("Three people from a single family were killed.", 3, None),
        ("Four residents, including a boy, are injured.", None, 4),
        # (guards: the plural people of a place and the bare present tense were read before)
        ("Three crew members of the tug were injured.", None, 3),
        ("Four residents are injured.", None, 4),
    ],
)
def test_people_of_a_place_or_group_and_a_present_tense_toll(sentence, killed, wounded):
    (record,) = run(f"A Russian drone hit Mykolaiv on Saturday, the governor said. {sentence}", SUNDAY)
    assert (record.killed, record.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    ("sentence", "intercepted"),
    [
        ("Air defences destroy 48 drones over the Oryol region overnight, the ministry says.", 48),
        ("Air defences down 37 drones over the Oryol region overnight, the ministry says.", 37),
        ("The army said it had managed to down 12 drones over the Oryol region overnight.", 12),
        # (guards: "down" after a verb it completes, or before no count, downs nothing)
        ("Drones hit the Oryol region overnight and the plant shut down 3 lines, the governor said.", None),
        ("Drones hit the Oryol region overnight, bringing down 2 power lines, the governor said.", None),
    ],
)
def test_present_and_infinitive_verbs_of_downing(sentence, intercepted):
    (record,) = run(sentence, SUNDAY)
    assert (record.region, record.intercepted) == ("RU-ORL", intercepted)


@pytest.mark.parametrize(
    ("quote", "kinds"),
    [
        ("“Two shells hit the depot,” said regional governor Ivan Lysenko.", ["ukraine_official"]),
        ('"Two shells hit the depot," says Lysenko.', ["ukraine_official"]),
        # a person given an age is a resident or a witness
        ("“Two shells hit the depot,” said Oksana Hrytsenko, 61, who lives across the road.", ["other"]),
        # (guard: the speaker before the verb was read before)
        ("“Two shells hit the depot,” the regional governor said.", ["ukraine_official"]),
    ],
)
def test_a_speaker_after_a_quote_s_closing_mark(quote, kinds):
    text = f"Shells hit a fuel depot in Kupiansk on Saturday.\n\n{quote}"
    (record,) = run(text, SUNDAY)
    assert record.source_types == kinds


def test_as_claimed_by_names_a_speaker():
    text = "A missile hit Sevastopol on Saturday evening, as claimed by the city's Moscow-installed governor."
    (record,) = run(text, SUNDAY)
    assert record.source_types == ["russia_official"]


@pytest.mark.parametrize("means", ["aerial attack assets", "air attack assets"])
def test_aerial_attack_assets_are_munitions(means):
    # ("air attack assets" is the guard: read before)
    text = f"Overnight, Russia attacked Ukraine with 215 {means}, the air force said."
    (record,) = run(text, SUNDAY)
    assert (record.region, record.launched) == (None, 215)


def test_an_attack_of_recent_days_has_no_day_of_its_own():
    # GUIDELINES: an earlier attack with no resolvable day is no record
    text = "The ministry said Ukrainian drones had hit a fuel depot in the Kursk region in recent days."
    assert run(text, SUNDAY) == []
