"""Each extraction step alone, on short texts written for these tests, with a fixed anchor date."""

import datetime as dt

import pytest

from analytics.extract.actors import find_sources
from analytics.extract.attackers import find_attacker_cues
from analytics.extract.attribution import Speakers
from analytics.extract.casualties import find_casualties
from analytics.extract.clean import clean_lines
from analytics.extract.dates import find_time_expressions, infer_published, resolve
from analytics.extract.document import MAX_SENTENCE_CHARS, Sentence, split_sentences
from analytics.extract.numbers import find_munitions, parse_number
from analytics.extract.triggers import analyse_sentence
from analytics.extract.weapons import categories, find_weapons, systems
from analytics.models import Article

PUBLISHED = dt.date(2024, 1, 4)  # a Thursday


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("Missiles hit the city on Saturday", "2023-12-30", "day"),
        ("Wednesday night's attack", "2024-01-03", "day"),
        ("late Thursday", "2024-01-04", "day"),
        ("drones attacked overnight", "2024-01-03", "day"),
        ("overnight into Tuesday", "2024-01-02", "day"),
        ("the night before Wednesday", "2024-01-03", "day"),
        ("shelled the town 80 times over the past day", "2024-01-03", "day"),
        ("In December", "2023-12-15", "month"),
        ("the strike yesterday", "2024-01-03", "day"),
        ("the strike on 30 December", "2023-12-30", "day"),
        ("Tuesday, Jan. 2, 2024", "2024-01-02", "day"),
        ("from 19:00 on 3 January", "2024-01-03", "day"),
        ("22.12.2023", "2023-12-22", "day"),
        ("last week", "2023-12-28", "week"),
        ("in December", "2023-12-15", "month"),
    ],
)
def test_time_phrases_resolve_against_publication(text, expected, precision):
    exprs = [e for e in find_time_expressions(text) if resolve(e, PUBLISHED)]
    result = resolve(exprs[-1], PUBLISHED)
    assert result.date.isoformat() == expected
    assert result.precision == precision


def test_reporting_time_is_marked():
    exprs = find_time_expressions("missiles hit the station on Friday, the governor said on Saturday")
    assert [(e.text, e.reporting) for e in exprs] == [("on Friday", False), ("on Saturday", True)]


@pytest.mark.parametrize(
    "text,reported",
    [
        ("the press office wrote on Facebook on Jan. 3 that drones hit a depot", ["Jan. 3"]),
        ("the regional agency on Wednesday reported two dead", ["on Wednesday"]),
        ("the mayor said in a video on Wednesday that the strike on Tuesday hurt six", ["on Wednesday"]),
        ("the mayor said the strike on Tuesday hurt six", []),
        # A day opening the sentence before a short subject and its speech verb.
        ("Yesterday, the governor said drones hit a depot overnight", ["Yesterday"]),
        ("On Tuesday, drones hit a depot near the river, the governor said", []),
    ],
)
def test_the_day_of_the_words_is_told_from_the_day_of_the_attack(text, reported):
    exprs = find_time_expressions(text)
    assert [e.text.strip() for e in exprs if e.reporting] == reported


def test_the_day_a_figure_was_counted_is_not_the_attack_day():
    from analytics.extract.event_dates import event_date

    text = "As of noon on Thursday, 9 people were dead after the missile attack on Tuesday."
    times = [(t, resolve(t, PUBLISHED)) for t in find_time_expressions(text)]
    assert event_date(text, times, False, lambda: [text.index("dead")]).date == dt.date(2024, 1, 2)


@pytest.mark.parametrize(
    "text",
    [
        "21 of 56 S-300 missiles",
        "they may strike again",
        "killed 52 people",
        "on 5 March 99999",
        "5 March 2300",
    ],
)
def test_counts_and_modals_are_not_dates(text):
    assert find_time_expressions(text) == []


@pytest.mark.parametrize(
    "text,day",
    [
        ("The envoys will sit down together on Monday.", None),
        ("Parliament is expected to vote on the package on Friday.", None),
        ("The summit opens as planned next Thursday.", None),
        ("Talks are set to continue this Saturday.", None),
        # A past attack inside a sentence about what is to come keeps its day.
        ("Repairs will take weeks at the depot struck on Monday.", dt.date(2024, 1, 1)),
        ("A drone hit a warehouse on Monday.", dt.date(2024, 1, 1)),
    ],
)
def test_a_weekday_to_come_is_no_attack_day(text, day):
    (expr,) = find_time_expressions(text)
    resolved = resolve(expr, PUBLISHED)
    assert (resolved.date if resolved else None) == day


def test_a_span_of_days_inside_a_period_is_no_day():
    # "twice in three days earlier this month": how long, then when (a month: no day).
    exprs = find_time_expressions("A depot was hit twice in three days earlier this month.")
    assert [e.strategy for e in exprs] == ["last_month"]


def test_future_dates_are_refused():
    (expr,) = find_time_expressions("on 30 January")
    assert resolve(expr, dt.date(2024, 1, 4)).date == dt.date(2023, 1, 30)


@pytest.mark.parametrize(
    "text,expected",
    [
        # The latest full date bounds it; the weekdays named are the most recent ones.
        ("A photo taken on Tuesday, Jan. 2, 2024 shows the damage. Drones struck on Wednesday night, "
         "officials said on Thursday. The deadliest strike was on Saturday.", "2024-01-04"),
        ("The city was shelled on 3 March 2023.", "2023-03-03"),
        ("Missiles hit on 3 March 2023, and again on Sunday, the mayor said on Monday.", "2023-03-06"),
    ],
)  # fmt: skip
def test_publication_inferred_from_latest_date_and_weekdays(text, expected):
    assert infer_published(text) == (dt.date.fromisoformat(expected), "text")


def test_no_publication_date_without_a_full_date():
    assert infer_published("No dates at all here, only Tuesday.") == (None, None)


@pytest.mark.parametrize(
    "text,value",
    [("52", 52), ("1,200", 1200), ("twenty-three", 23), ("a dozen", 12), ("Five", 5), ("dozens", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The missile killed at least 23 people, three of them children.",
            {"killed": 23, "children_killed": 3},
        ),
        ("The death toll has climbed to 52.", {"killed": 52}),
        ("Officials put the number of injured at 109.", {"wounded": 109}),
        ("One person was killed and at least eight wounded.", {"killed": 1, "wounded": 8}),
        ("A woman was killed and two men were injured.", {"killed": 1, "wounded": 2}),
        ("Twenty people had been hurt, including three children.", {"wounded": 20}),
        ("Nobody was hurt.", {"killed": 0, "wounded": 0}),
        ("Officials gave 14 injured and three confirmed deaths.", {"killed": 3, "wounded": 14}),
        ("A 70-year-old local woman died in hospital after the strike.", {"killed": 1}),
        ("A resident of the village has died of his wounds.", {"killed": 1}),
        ("The drone killed an elderly couple and wounded their grandson.", {"killed": 2, "wounded": 1}),
        ("Four people, among them a nurse, were also injured.", {"wounded": 4}),
        ("The driver was killed along with two other passengers.", {"killed": 3}),
        ("There were no casualties.", {"killed": 0, "wounded": 0}),
        ("The city of 370,000 people lies 268 km from the front.", {}),
        # A verb group between the figure and its word.
        ("By noon eleven people were known to have died.", {"killed": 11}),
        ("Seven guards are reported to have been wounded.", {"wounded": 7}),
        # An age or an apposition between the person and the verb; the verb may be the word.
        ("An old man, 81, was injured by glass.", {"wounded": 1}),
        ("At least four people, a nurse among them, died.", {"killed": 4}),
        # A relative clause between the figure and its word.
        ("Two drivers who had parked by the gate were killed.", {"killed": 2}),
        ("One driver who died and three who were hurt were in one van.", {"killed": 1, "wounded": 3}),
        # Tolls of the hurt, with every way a toll is given.
        ("The toll of injured climbed to 19.", {"wounded": 19}),
        ("The count of people hurt in the raid went from 8 to 14.", {"wounded": 14}),
        ("The total number of wounded is now 27.", {"wounded": 27}),
        ("The army gave the number of injured as 9.", {"wounded": 9}),
        ("Shrapnel flew across the yard, hurting 5 people.", {"wounded": 5}),
        # Bodies recovered, families: people counted, never families.
        ("Divers recovered the bodies of another three sailors.", {"killed": 3}),
        ("A family of five was killed in their flat.", {"killed": 5}),
        ("The shell killed a family of three.", {"killed": 3}),
        ("Two members of one family were killed at home.", {"killed": 2}),
        # A part of a group named by its owner, as a quoted speaker says it.
        ("Two of our guards were killed at the gate.", {"killed": 2}),
        ("Four of the drivers were wounded by glass.", {"wounded": 4}),
        ("Two of the wounded were children.", {}),
        # One person named by "the" or "another".
        ("A shell hit the tractor, killing the driver.", {"killed": 1}),
        ("The guard was wounded by shrapnel.", {"wounded": 1}),
        ("Another woman was injured in the yard.", {"wounded": 1}),
        ("The raid killed the civilian population of whole streets.", {}),
        # A second person named after the first; an animal is no person.
        ("A shell hit the car, killing the driver and a passenger.", {"killed": 2}),
        ("A drone killed a fisherman and his grandson on the shore.", {"killed": 2}),
        ("A drone killed a farmer and his horse.", {"killed": 1}),
        # People named one by one: their counts add up.
        ("An 80-year-old woman and a 59-year-old man were hurt.", {"wounded": 2}),
        ("Three girls and a teacher were injured in the school yard.", {"wounded": 4}),
        ("The blast injured a nurse and two paramedics.", {"wounded": 3}),
        # A person named with their age before the noun.
        ("The governor said a 45-year-old worker was wounded in the district.", {"wounded": 1}),
        # One person hurt in the words of a toll: wounds sustained, received, suffered.
        ("A 45-year-old man sustained shrapnel wounds.", {"wounded": 1}),
        ("A woman received shrapnel wounds in the yard.", {"wounded": 1}),
        # A person not hurt is no figure.
        ("The driver was not hurt.", {}),
        ("The guard was not killed.", {}),
        # The hurt who died since are dead.
        ("One of the injured, a 62-year-old man, has died in hospital.", {"killed": 1}),
        ("Two of the wounded later died.", {"killed": 2}),
        # Taken to hospital with wounds: the text calls them injured (GUIDELINES).
        ("Three people were taken to hospital with shrapnel wounds.", {"wounded": 3}),
        ("Two people were hospitalised with shrapnel wounds.", {"wounded": 2}),
        ("Two people were taken to hospital.", {}),
        # A summary's labelled figures.
        ("Killed: 2, injured: 11.", {"killed": 2, "wounded": 11}),
        ("Killed – 1, injured – 4.", {"killed": 1, "wounded": 4}),
        # Nobody hurt or harmed, in any of its wordings, is no casualties (GUIDELINES).
        ("Nobody was harmed.", {"killed": 0, "wounded": 0}),
        ("No civilians were hurt, the mayor said.", {"killed": 0, "wounded": 0}),
        ("The strike did not cause any casualties.", {"killed": 0, "wounded": 0}),
        # A part of the figure before it, opened by "including", is no first person of a list.
        (
            "By noon the toll had risen to nine, including two children, and 40 people were injured.",
            {"killed": 9, "children_killed": 2, "wounded": 40},
        ),
        # What an attack "left" is a toll of the dead only when it says "dead".
        ("The raid left 14 people injured.", {"wounded": 14}),
        ("The raid left two people dead.", {"killed": 2}),
        # "The toll of the dead" is the toll; "three of the dead" a part of it.
        ("The toll of the dead rose to seven on Monday.", {"killed": 7}),
        # Figures for further places with the verb left out.
        ("Shells wounded three people in Lozova, two in Balakliia and one in Izium.", {"wounded": 3}),
    ],
)
def test_casualty_figures(text, expected):
    found: dict[str, int] = {}
    for c in find_casualties(text):
        found[c.kind] = max(found.get(c.kind, -1), c.value)
    assert found == expected


def test_figures_with_the_verb_left_out_take_its_kind():
    text = "Shells wounded three people in Lozova, two in Balakliia and one in Izium."
    assert [(c.kind, c.value) for c in find_casualties(text)] == [
        ("wounded", 3),
        ("wounded", 2),
        ("wounded", 1),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Air defences destroyed two of the four missiles.", {"intercepted": 2, "launched": 4}),
        ("Russia launched 40 drones; 30 of 40 drones were shot down.", {"intercepted": 30, "launched": 40}),
        ("They destroyed 43 cruise missiles and 13 attack drones.", {"intercepted": 56}),
        ("A dozen missiles were fired at the city.", {"launched": 12}),
        # The munitions just counted, left out of the next clause or sentence.
        ("Moscow fired 30 missiles; 22 were intercepted.", {"launched": 30, "intercepted": 22}),
        ("Of them, 14 were shot down.", {"intercepted": 14}),
        ("Russia hit the country's gas production sites overnight with 50 drones.", {"launched": 50}),
        ("He said 19 drones flying towards the capital had been destroyed.", {"intercepted": 19}),
        ("Of those, 90 drones and three missiles were shot down or jammed.", {"intercepted": 93}),
        # People hurt are no munitions: "15 injured when glide bombs struck".
        ("Two were killed and 15 injured when glide bombs struck the town.", {}),
        # The air force's word for the whole barrage.
        ("Russia attacked the country with 212 aerial weapons overnight.", {"launched": 212}),
        ("The enemy used 35 air attack assets and 6 barrage munitions.", {"launched": 41}),
        # A number of dozens is the count (a dozen is twelve, not an estimate).
        ("The army fired four dozen rockets at the port.", {"launched": 48}),
        ("Two missiles had struck the station.", {"launched": 2}),
        ("The enemy attacked using 151 means of air attack.", {"launched": 151}),
        # GUIDELINES: "N strikes hit X" is no launched count; "N missiles hit X" is.
        ("The enemy launched three missile strikes on the port.", {}),
        # The munitions named in the sentence before: "of them".
        ("Air defence destroyed 37 of them.", {"intercepted": 37}),
    ],
)
def test_munition_counts(text, expected):
    found: dict[str, int] = {}
    for c in find_munitions(text):
        found[c.kind] = max(found.get(c.kind, -1), c.value)
    assert found == expected


@pytest.mark.parametrize(
    "text,cats,names",
    [
        ("63 Shahed-136/131 drones", ["drone"], ["Shahed-136", "Shahed-131"]),
        ("Kh-101/Kh-555 cruise missiles and an X-22", ["missile"], ["Kh-101", "Kh-555", "Kh-22"]),
        ("a Geran-2 and KAB glide bombs", ["drone", "air_strike"], ["Shahed-136", "KAB"]),
        ("Grad rockets and heavy shelling", ["artillery"], ["Grad"]),
        # Idioms and crowd control name no weapon fired at a place.
        ("soldiers sent in as cannon fodder", [], []),
        ("police turned a water cannon on the crowd", [], []),
        # Aircraft scrambled to guard the sky fired nothing.
        ("Poland scrambled fighter jets as the missiles flew west", ["missile"], []),
        ("fighter jets were scrambled over the border", [], []),
        ("Storm Shadow and SCALP", ["missile"], ["Storm Shadow"]),
        ("a 9M723 Iskander", ["missile"], ["Iskander-M"]),
        ("naval drones hit the ship", ["drone"], []),
        # GUIDELINES: a guided bomb with no type named has no system; "KAB" is KAB.
        ("two guided aerial bombs hit the yard", ["air_strike"], []),
        ("a KAB-500 hit the yard", ["air_strike"], ["KAB"]),
        # A designation's variant letters and its plural name the same system.
        ("two Kh-59MK2 missiles and Kh-31Ps", ["missile"], ["Kh-59", "Kh-31"]),
        ("S-300s and Kh-101s", ["missile"], ["S-300", "Kh-101"]),
    ],
)
def test_weapon_catalogue(text, cats, names):
    found = find_weapons(text)
    assert sorted(categories(found)) == sorted(cats)
    assert systems(found) == names


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Oksana Petrenko, governor of the Sample region, said two people died.",
            [("Oksana Petrenko, governor of the Sample region", "official")],
        ),
        (
            "Two people died, according to Ukraine's emergency service.",
            [("Ukraine's emergency service", "ukraine_official")],
        ),
        (
            "Russia's Defence Ministry said it destroyed 20 drones.",
            [("Russia's Defence Ministry", "russia_official")],
        ),
        (
            "Footage shared by residents showed fires, Reuters reported.",
            [("Footage shared by residents", "other"), ("Reuters", "media")],
        ),
        ("The Pentagon said the strike was deliberate.", [("The Pentagon", "third_party_official")]),
        # A role holds in the plural; a nationality in the plural is people, not an office.
        ("Drones hit two depots, regional governors reported.", [("regional governors", "official")]),
        ("Drones hit two depots, Ukrainians said.", [("Ukrainians", "unknown")]),
        ("Five people were killed, said Ivan Sample, the mayor.", [("Ivan Sample, the mayor", "official")]),
        # An outlet that relays an official: both are sources, however the relay is worded.
        (
            "A shell hit the bakery, Radio Sample reports, citing the mayor.",
            [("Radio Sample", "unknown"), ("the mayor", "official")],
        ),
        (
            "A shell hit the bakery, Sample Daily reports with reference to the police.",
            [("Sample Daily", "unknown"), ("the police", "official")],
        ),
        ("The bakery burned down, News.UA reports.", [("News.UA", "unknown")]),
        # "reports" as a noun, and a speaker named after the verb, are no subject of "reports".
        ("Early reports said the bakery burned down.", []),
        # A determiner is no one; a clause before the speaker's name is no title of theirs.
        ("The claims could not be verified.", []),
        ("Blasts shook the town as air defences repelled drones, Ivanenko said.", [("Ivanenko", "unknown")]),
        ("The bakery burned down: reports from the town.", []),
    ],
)
def test_source_phrases(text, expected):
    assert [(m.text, m.source_type) for m in find_sources(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # The speaker after the verb, a role first: "..., detailed regional governor X."
        (
            "Missiles hit the city, detailed regional governor Ivan Petrenko.",
            ["regional governor Ivan Petrenko"],
        ),
        # A clause about the attack before the verb is what was said, not who said it.
        ("Russian drones attacked the port early on Monday, said the mayor, Ivan Petrenko.", ["the mayor"]),
        # A linking adverb opens the phrase; it is not part of the speaker.
        ("Subsequently, authorities detailed the damage.", ["authorities"]),
        # A reporting verb that ends a line is a tag only after what was said.
        ("Brussels weighs new sanctions on member states", []),
        # A headline's speaker after a colon at its end.
        ("Nine hurt as drones hit a depot in Rivne: governor", ["governor"]),
        # An outlet's credit line names who the text comes from, item by item.
        (
            "Source: Chernihiv regional governor; State Emergency Service",
            ["Chernihiv regional governor", "State Emergency Service"],
        ),
        ("Nine were hurt, the governor, Ivan Petrenko, has reported.", ["the governor, Ivan Petrenko"]),
        # Whom a speaker told is the audience, not a source.
        ("Governor Ivan Petrenko told reporters that a depot burned.", ["Governor Ivan Petrenko"]),
        ("Two shops burned, Mayor Olha Sample told the Daily Example.", ["Mayor Olha Sample"]),
        # An outlet an unnamed source told relays the claim.
        (
            "A military source told Example News the missile was a cruise type.",
            ["A military source", "Example News"],
        ),
        # The passive report of what was just said names its speaker after "by".
        (
            "This was announced by the head of the Rivne regional administration in his Telegram channel.",
            ["the head of the Rivne regional administration"],
        ),
        ("It was reported on Facebook by Mayor Olha Sample.", ["Mayor Olha Sample"]),
        # "and" between capitalised words is inside an office's name, which may run long.
        (
            "Shells hit a school, the Ukrainian mission at the Joint Office for Liaison and Monitoring "
            "of the Truce Line (JOLM) said.",
            ["the Ukrainian mission at the Joint Office for Liaison and Monitoring of the Truce Line (JOLM)"],
        ),
        (
            "Drones hit a depot, the mayor and the State Emergency Service said.",
            ["the State Emergency Service"],
        ),
        # "what they said" names no one but a pronoun.
        ("Police showed footage of what they said was the depot on fire.", ["Police", "they"]),
        # An office's acronym after "the" is a source; "the West" is not.
        ("Shells hit a market, the JOLM reported.", ["the JOLM"]),
        ("Shells hit a market, the West reported.", []),
        # More ways a speaker is named; a function word before the verb is no one.
        ("Three houses burned, the mayor clarified.", ["the mayor"]),
        ("Per the governor, three houses burned.", ["the governor"]),
        ("As reported by the regional administration, three houses burned.", ["the regional administration"]),
        ("The mayor spoke in a video in which he stressed that no one was hurt.", ["he"]),
        # The sentence's full stop is not part of the name.
        ("Two depots burned, a security source told Reuters.", ["Reuters"]),
    ],
)
def test_who_says_it(text, expected):
    assert [m.text for m in find_sources(text)] == expected


@pytest.mark.parametrize(
    "text,side",
    [
        ("Russian missiles hit the city.", "Russia"),
        ("Ukraine fired drones at the refinery.", "Ukraine"),
        ("The depot was hit by Ukrainian drones.", "Ukraine"),
        ("Russia launched 40 drones overnight.", "Russia"),
        # A system named in capitals between the side and its weapon; the side struck at is none.
        ("A Ukrainian HIMARS strike on Russian troops killed twelve.", "Ukraine"),
        ("Ukrainian ATACMS missiles hit an airfield.", "Ukraine"),
    ],
)
def test_attacker_cues(text, side):
    assert {c.side for c in find_attacker_cues(text)} == {side}


def test_air_defence_is_not_an_attacker():
    assert find_attacker_cues("Ukrainian air defences shot down the missiles.") == []


def test_clean_drops_teasers_share_and_repeats():
    text = (
        "Missiles hit the town\n\n"
        "The strike on Tuesday killed two people, officials said in a statement to reporters.\n"
        "Share this article\n"
        "A caption repeated by the page about the damaged building\n"
        "A caption repeated by the page about the damaged building\n"
        "Read more\n"
        "Drone attack kills five in another city\n"
        "Shelling hits a market\n"
    )
    kept = [text[s:e] for s, e in clean_lines(text)]
    assert kept == [
        "Missiles hit the town",
        "The strike on Tuesday killed two people, officials said in a statement to reporters.",
        "A caption repeated by the page about the damaged building",
    ]


def test_a_teaser_glued_to_a_paragraph_is_cut_off():
    text = "Two sheds burned in the village, the mayor said.Read also: Drones strike a plant in Kursk\nNext line."
    kept = [text[s:e] for s, e in clean_lines(text)]
    assert kept == ["Two sheds burned in the village, the mayor said.", "Next line."]


def test_sentences_keep_spans_and_abbreviations():
    text = "Missiles hit at 10 a.m. on Jan. 2, 2024. Two died. U.S. officials said so."
    sents = split_sentences(text, 0, len(text), 0)
    assert [s.text for s in sents] == [
        "Missiles hit at 10 a.m. on Jan. 2, 2024.",
        "Two died.",
        "U.S. officials said so.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


# One sentence (or more) for each figure rule, in our own words.
RULE_SENTENCES = [
    "A woman received a mine-blast injury to her back.",
    "Three crew members of a tanker moored at the berth were injured.",
    "Three people were taken to hospital with shrapnel wounds.",
    "One of the injured, a 62-year-old man, has died in hospital.",
    "Killed: 2, injured: 11.",
    "The missile killed at least 23 people, three of them children.",
    "Eleven civilians were killed when the shells landed.",
    "A pensioner in the village of Nova was killed by shrapnel.",
    "The blast left 4 residents without homes and killed a watchman.",
    "The strike killed an elderly man near the market.",
    "The death toll has climbed to 52.",
    "Rescuers said 14 dead had been recovered.",
    "Officials raised to 19 the number of people killed.",
    "Twelve people, two of them teenagers, were killed in the raid.",
    "The blast killed an old couple in their garden.",
    "A local pensioner died of his injuries overnight.",
    "Two guards, one of them a veteran, were also injured.",
    "The shell wounded her son as he walked home.",
    "A boy was killed along with two others near the bridge.",
    "The drones hit a depot, wounding 6 workers.",
    "Nine residents were injured by the debris.",
    "A firefighter was wounded during the second wave.",
    "The barrage struck a school, injuring a driver.",
    "The number of injured rose to 31 overnight.",
    "Doctors put the number of wounded at 40.",
    "Authorities revised to 17 the number of injured.",
    "Among the dead were 3 children.",
    "Four of them were children, the mayor said.",
    "Air defences shot down 20 of 25 drones.",
    "Eight of the ten missiles were intercepted over the sea.",
    "The air force destroyed 43 cruise missiles and 13 attack drones.",
    "Some 30 drones were shot down by mobile fire groups.",
    "Russia fired 50 missiles, 41 of which were intercepted.",
    "Moscow launched 60 drones; of them, 55 were downed.",
    "Air defence units near the capital intercepted 12 overnight.",
    "The ministry said: 40 over the Bryansk region, 12 over Kursk.",
    "Russia attacked the city with 47 drones and two missiles.",
    "The enemy launched 18 Shahed drones and 3 missiles.",
    "Five ballistic missiles were fired at the port.",
    "Russia used 31 of the 40 missiles it had prepared.",
    "Two of the drones struck an apartment block.",
    "A single missile crashed into the hospital.",
    "Two drivers who had parked by the gate were killed.",
    "Two porters who had been in the hall were injured.",
    "The total number of wounded is now 27.",
    "Divers recovered the bodies of another three sailors.",
    "A family of five was killed in their flat.",
    "The shell killed a family of three.",
    "Two members of one family were killed at home.",
    "One employee of the depot was killed.",
    "Two of our guards were killed at the gate.",
    "Four of the drivers were wounded by glass.",
    "The fire left five people dead.",
    "A guard was killed and a woman wounded at the depot.",
    "The governor said 14 were shot down on approach to the city.",
    "The ministry counted 52 drones reportedly shot down overnight.",
    "A shell hit a bus, resulting in the death of one man and injuries to two others.",
    "The mayor confirmed one death and one fatality more.",
    "Two villagers were killed and a citizen was wounded.",
    "Nine drones fell over Kursk, with 4 others downed over the sea.",
    "The shell killed a guard at the gate and injured another near the shed.",
    "The raid killed one man and another was badly hurt.",
    "The night's attack involved 40 drones and three missiles.",
    "Moscow sent 80 drones at the port, with 61 of them shot down.",
    "A guard who had been hurt by glass in the hall later died.",
    "Two porters suffered light burns and a clerk received a fracture.",
    "The driver was taken to hospital with a head injury.",
]


@pytest.mark.parametrize("family", ["KILLED", "WOUNDED", "CHILDREN", "INTERCEPTED", "LAUNCHED"])
def test_every_figure_rule_match_holds_one_of_its_words(family: str) -> None:
    """A rule's words are a cheap test run before its pattern: a sentence without them is
    skipped, which is only right if no match of the pattern can lack them all."""
    from analytics.extract import casualties, numbers

    module = casualties if family in {"KILLED", "WOUNDED", "CHILDREN"} else numbers
    for i, rule in enumerate(getattr(module, family)):
        matches = [m.group(0).lower() for s in RULE_SENTENCES for m in rule.pattern.finditer(s)]
        assert matches, f"{family}[{i}] matches none of the sentences"
        for text in matches:
            assert any(word in text for word in rule.needs), (family, i, text)


def test_figures_are_the_same_with_and_without_the_word_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics.extract import numbers

    texts = RULE_SENTENCES + [t.upper() for t in RULE_SENTENCES]
    gated = [(find_casualties(t), find_munitions(t)) for t in texts]
    monkeypatch.setattr(numbers.Rule, "finditer", lambda self, text, lowered: self.pattern.finditer(text))
    assert gated == [(find_casualties(t), find_munitions(t)) for t in texts]


@pytest.mark.parametrize(
    "alternative,head",
    [("shot down", "shot down"), ("drones?", "drone"), ("neutrali[sz]ed", "neutrali"), ("(?:a|b)c", "")],
)
def test_literal_head_of_a_lexicon_alternative(alternative: str, head: str) -> None:
    from analytics.extract.numbers import _literal_head

    assert _literal_head(alternative) == head


def test_a_lexicon_alternative_with_its_own_alternation_is_refused() -> None:
    from analytics.extract.numbers import _literal_head

    with pytest.raises(ValueError, match="alternation of its own"):
        _literal_head("downed|hit")


# --------------------------------------------------------------------------- long sentences


@pytest.mark.parametrize(
    ("text", "longest"),
    [
        ("Russian drones struck a depot in Kharkiv on 3 March 2024, the governor said.", 77),
        (
            "Strikes were reported on " + ", ".join(f"{d} March 2024" for d in range(1, 29)) * 30 + ".",
            MAX_SENTENCE_CHARS,
        ),
        ("word " * 3_000, MAX_SENTENCE_CHARS),
        ("x" * 20_000, MAX_SENTENCE_CHARS),
    ],
)
def test_a_long_sentence_is_cut_into_pieces_that_cover_it(text: str, longest: int) -> None:
    pieces = split_sentences(text, 0, len(text), 0)
    assert max(len(p.text) for p in pieces) <= longest
    assert "".join(text[p.start : p.end] for p in pieces).replace(" ", "") == text.replace(" ", "")
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:], strict=False))


def test_a_list_is_cut_after_its_commas() -> None:
    text = "Drones were seen over " + ", ".join(f"village number {i}" for i in range(1_500)) + "."
    pieces = split_sentences(text, 0, len(text), 0)
    assert len(pieces) > 1 and all(p.text.endswith(",") for p in pieces[:-1])


@pytest.mark.slow  # 320 KB through the whole extractor; the cutting itself is tested fast above
@pytest.mark.timeout(60)
def test_a_sentence_that_never_ends_is_extracted_in_linear_time() -> None:
    """320 KB of one "sentence" (no full stop) took 68 s when every step looked back over all of it."""
    from analytics.extract import extract_article

    chain = " ".join(f"the governor of region {i % 12} said that" for i in range(9_000))
    text = f"Drones over the city\n\n{chain} Russian drones struck a depot in Kharkiv on 3 March 2024."
    extract_article(Article(text=text, published=dt.date(2024, 3, 4)))


def test_a_long_report_sentence_keeps_its_toll() -> None:
    """A sentence of a few thousand characters is a report's, not a list: it stays whole."""
    from analytics.extract import extract_article

    clauses = ", ".join(f"which came as residents of apartment block {i} were asleep" for i in range(40))
    text = (
        "Missile strike on Dnipro\n\nA Russian missile strike on Dnipro on Friday, "
        f"{clauses}, killed 12 people and injured 40 others, the regional governor said."
    )
    assert len(text) > 2_400
    reports = extract_article(Article(text=text, published=dt.date(2024, 3, 9)))
    assert [(r.killed, r.wounded) for r in reports] == [(12, 40)]


def test_speakers_read_in_order_give_pronouns_and_unsourced_sentences_their_speaker():
    texts = [
        ("Regional governor Ivan Petrenko said drones hit a depot.", 0),
        ("He said two guards were hurt.", 0),
        ("Fire crews were still at the scene.", 0),
        ("The depot burned all night.", 1),
    ]
    speakers = Speakers()
    got = []
    for text, paragraph in texts:
        facts = analyse_sentence(Sentence(0, len(text), text, paragraph), dt.date(2024, 3, 14), [])
        sources, attributed = speakers.attribute(facts)
        got.append(([cls for _, cls in sources], attributed))
    assert got == [
        (["official"], True),  # a governor of no side named: the side is settled later
        (["official"], True),  # the pronoun is the governor
        (["official"], True),  # the attribution carries over its paragraph
        ([], False),  # not into the next one
    ]


def test_sections_tell_a_recap_list_and_a_paragraph_on_another_topic():
    from analytics.extract.document import build_document
    from analytics.extract.sections import Sections

    text = "Background:\n\n- A raid on 1 May hit a depot.\n\nTalks on a ceasefire stalled, he said."
    starts = [0, text.index("- A"), text.index("Talks")]
    paragraphs = [(s, text.find("\n\n", s) if text.find("\n\n", s) != -1 else len(text)) for s in starts]
    doc = build_document(text, paragraphs, None)
    sections = Sections(doc, dt.date(2024, 5, 3))
    seen = []
    for s in doc.sentences:
        facts = analyse_sentence(s, dt.date(2024, 5, 3), [])
        sections.observe(facts, near_focus=True)
        seen.append((sections.recap(facts), sections.other_topic(facts)))
    assert seen == [(True, False), (True, False), (False, True)]
