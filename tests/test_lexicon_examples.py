"""Every lexicon entry's example sentence, run through the finder that uses the entry.

Each example must be matched by its own entry and make the finder act as the entry says:
a trigger is found, a count of intercepted or launched munitions is read, a source phrase
is classified, a weapon is named, a capital becomes an actor, and so on. Tests are
parametrized by entry, so a failing entry names itself.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analytics import lexicon
from analytics.extract import triggers
from analytics.extract.actors import _SAY_GATE, _is_title, find_sources
from analytics.extract.attribution import author_source
from analytics.extract.dates import find_time_expressions
from analytics.extract.document import Sentence, build_document
from analytics.extract.fields import _target_type
from analytics.extract.numbers import _MUNITION_GATE, find_munitions
from analytics.extract.places import find_places
from analytics.extract.weapons import find_weapons


def _params(section: str) -> list[object]:
    return [pytest.param(e.pattern, e.example, id=e.pattern[:40]) for e in lexicon.entries(section)]


def _own(pattern: str, example: str, flags: int = re.IGNORECASE) -> None:
    assert example, f"{pattern!r} has no example"
    assert re.search(r"\b(?:" + pattern + r")", example, flags), f"{pattern!r} does not match {example!r}"


def test_every_entry_has_an_example() -> None:
    sections = [*lexicon.rules(), *(f"{t}.{c}" for t in ["target_types"] for c in lexicon.table(t))]
    empty = [s for s in lexicon.rules() for e in lexicon.entries(s) if not e.example.strip()]
    empty += [c.pattern for cues in lexicon.source_entries().values() for c in cues if not c.example.strip()]
    empty += [r["canonical"] or r["category"] for r in lexicon.weapon_rows() if not r["example"].strip()]
    empty += [" ".join(p.surnames) for p in lexicon.people() if not p.example.strip()]
    assert sections and empty == []


@pytest.mark.parametrize(("pattern", "example"), _params("strike_triggers"))
def test_strike_trigger_example(pattern: str, example: str) -> None:
    _own(pattern + r")\b(?:", example)
    assert triggers.trigger_words().search(example)


@pytest.mark.parametrize(("pattern", "example"), _params("intercept_verbs"))
def test_intercept_verb_example(pattern: str, example: str) -> None:
    _own(pattern, example)
    assert any(c.kind == "intercepted" for c in find_munitions(example)), find_munitions(example)


@pytest.mark.parametrize(("pattern", "example"), _params("launch_verbs"))
def test_launch_verb_example(pattern: str, example: str) -> None:
    _own(pattern, example)
    assert any(c.kind == "launched" for c in find_munitions(example)), find_munitions(example)


@pytest.mark.parametrize(("pattern", "example"), _params("background") + _params("vague_interval"))
def test_background_example(pattern: str, example: str) -> None:
    assert re.search(pattern, example.lower()), f"{pattern!r} does not match {example!r}"
    facts = triggers.analyse_sentence(Sentence(0, len(example), example, 0), dt.date(2024, 6, 1), [])
    assert facts.background


@pytest.mark.parametrize(("pattern", "example"), _params("reporting_verbs"))
def test_reporting_verb_example(pattern: str, example: str) -> None:
    _own(pattern, example, 0)  # read case-sensitively
    assert find_sources(example), example


@pytest.mark.parametrize(("pattern", "example"), _params("reporting_verbs"))
def test_reporting_verb_opens_the_speaker_finder_s_gate(pattern: str, example: str) -> None:
    # The finder skips sentences with no speech word by a cheap gate of word stems; every verb
    # of the lexicon must pass it alone (an example with another speech word would hide it).
    verb = re.search(r"\b(?:" + pattern + r")", example)
    assert verb is not None
    assert _SAY_GATE.search(verb.group(0).lower()), verb.group(0)


@pytest.mark.parametrize(("pattern", "example"), _params("intercept_verbs"))
def test_intercept_verb_opens_the_figure_finder_s_gate(pattern: str, example: str) -> None:
    # As above for the munitions finder: "40 were brought down in the Kursk region" names no
    # munition, and its verb alone must let the sentence through.
    verb = re.search(r"\b(?:" + pattern + r")", example)
    assert verb is not None
    # (with a figure after it: "down" is a verb of downing only before one)
    assert _MUNITION_GATE.search(verb.group(0).lower() + " 12"), verb.group(0)


@pytest.mark.parametrize(("pattern", "example"), _params("time_of_speech_words"))
def test_time_of_speech_example(pattern: str, example: str) -> None:
    _own(pattern, example)
    assert any(t.reporting for t in find_time_expressions(example)), find_time_expressions(example)


@pytest.mark.parametrize(("pattern", "example"), _params("impact_phrases"))
def test_impact_phrase_example(pattern: str, example: str) -> None:
    _own(pattern + r")\b(?:", example)
    assert triggers.IMPACT.search(example)


@pytest.mark.parametrize(("pattern", "example"), _params("attack_nouns"))
def test_attack_noun_example(pattern: str, example: str) -> None:
    _own(pattern + r")\b(?:", example)
    assert lexicon.alternation("attack_nouns").search(example)


@pytest.mark.parametrize(("pattern", "example"), _params("metonymy_followers"))
def test_metonymy_follower_example(pattern: str, example: str) -> None:
    capital = re.search(r"\b(Kyiv|Moscow)(?:'s|’s)?\s*" + re.escape(pattern.strip()), example)
    assert capital, f"{pattern!r}: the example names a capital and the follower"
    roles = {r.mention.text.rstrip("'s’"): r.role for r in find_places(example)}
    assert roles.get(capital.group(1)) == "actor", roles


@pytest.mark.parametrize(
    ("kind", "word", "example"),
    [
        pytest.param(kind, e.pattern, e.example, id=f"{kind}-{e.pattern}")
        for kind, items in lexicon.table_entries("target_types").items()
        for e in items
    ],
)
def test_target_type_example(kind: str, word: str, example: str) -> None:
    assert word in example.lower()
    assert _target_type([Sentence(0, len(example), example, 0)]) == kind


@pytest.mark.parametrize(("pattern", "example"), _params("issuer_words"))
def test_issuer_word_example(pattern: str, example: str) -> None:
    _own(pattern, example)
    text = f"{example}\n\nDrones hit a depot overnight."
    heading = (0, len(example))
    doc = build_document(text, [heading, (len(example) + 2, len(text))], heading)
    author = author_source(doc)
    assert author is not None and re.search(pattern, author.text, re.IGNORECASE), author


@pytest.mark.parametrize(("pattern", "example"), _params("rivers"))
def test_river_example(pattern: str, example: str) -> None:
    _own(pattern, example, 0)
    refs = [r for r in find_places(example) if re.fullmatch(pattern, r.mention.text)]
    assert refs and all(r.role == "river" for r in refs), [(r.mention.text, r.role) for r in refs]


@pytest.mark.parametrize(("pattern", "example"), _params("name_first_words"))
def test_name_first_word_example(pattern: str, example: str) -> None:
    _own(pattern, example, 0)
    # The first word and the name after it are one village of the region spoken of.
    refs = [r for r in find_places(example, ["UA-63"]) if re.match(pattern, r.mention.text)]
    assert refs and all(" " in r.mention.text and r.place.region == "UA-63" for r in refs), [
        (r.mention.text, r.place.region) for r in refs
    ]


def _source_params() -> list[object]:
    return [
        pytest.param(cls, e.pattern, e.example, id=f"{cls}-{e.pattern}")
        for cls, cues in lexicon.source_entries().items()
        for e in cues
    ]


@pytest.mark.parametrize(("cls", "cue", "example"), _source_params())
def test_source_cue_example(cls: str, cue: str, example: str) -> None:
    own = lexicon.cue_regex([cue])
    phrases = [m.text for m in find_sources(example) if own.search(m.text)]
    earlier = lexicon.source_order()[: lexicon.source_order().index(cls)]
    if cls == "official" and any(cue in [e.pattern for e in lexicon.source_entries()[c]] for c in earlier):
        # A side's own cue ("prosecutor") is also a role: it makes a phrase a title.
        assert any(_is_title(p) for p in phrases), phrases
        return
    found = [(p, lexicon.sources().classify(p)) for p in phrases]
    assert any(got == cls for _, got in found), found


def test_no_source_cue_is_hidden_by_another_of_its_class() -> None:
    """A cue that another cue of the same class already matches adds nothing: keep one."""
    hidden = []
    for cls, cues in lexicon.source_entries().items():
        for e in cues:
            others = [o.pattern for o in cues if o.pattern != e.pattern]
            if lexicon.cue_regex(others).search(e.pattern):
                hidden.append((cls, e.pattern))
    assert hidden == []


@pytest.mark.parametrize("person", [pytest.param(p, id=p.surnames[0]) for p in lexicon.people()])
def test_person_example(person: lexicon.Person) -> None:
    assert person.side in lexicon.source_order()
    own = lexicon.cue_regex(person.cues())
    found = [(m.text, lexicon.sources().classify(m.text)) for m in find_sources(person.example)]
    assert any(own.search(text) and got == person.side for text, got in found), found


@pytest.mark.parametrize(
    ("phrase", "side"),
    [
        ("Vitaliy Kim", "ukraine_official"),
        ("Kim Jong Un", "third_party_official"),
        ("Kim", "other"),
        ("Alexei Smirnov", "russia_official"),
        ("Smirnov", "other"),
        ("Gladkov", "russia_official"),
    ],
)
def test_a_common_surname_needs_the_given_name(phrase: str, side: str) -> None:
    assert lexicon.sources().classify(phrase) == side


def test_kim_jong_un_is_no_ukrainian_official() -> None:
    said = [(m.text, m.source_type) for m in find_sources("Kim Jong Un said the launch was a warning.")]
    assert said and all(t != "ukraine_official" for _, t in said), said
    said = [(m.text, m.source_type) for m in find_sources("Vitaliy Kim said a drone hit a pier.")]
    assert ("Vitaliy Kim", "ukraine_official") in said


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=r["canonical"] or r["category"]) for r in lexicon.weapon_rows()]
)
def test_weapon_example(row: dict[str, str]) -> None:
    aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
    assert lexicon.phrase_regex(aliases).search(row["example"]), row
    found = [(w.category, w.system) for w in find_weapons(row["example"])]
    assert (row["category"], row["canonical"]) in found, found


@pytest.mark.parametrize(("pattern", "example"), _params("loose_weapon_verbs"))
def test_loose_weapon_verb_example(pattern: str, example: str) -> None:
    """A verb that says only that a place was attacked yields, in its sentence, to the weapon
    of another category named beside it."""
    from analytics.extract.weapons import categories

    _own(pattern, example)
    found = find_weapons(example)
    assert not any(w.text.lower() == pattern for w in found), found
    assert (
        categories(found) and "artillery" not in categories(found) and "air_strike" not in categories(found)
    )


@pytest.mark.parametrize(("pattern", "example"), _params("loose_weapon_nouns"))
def test_loose_weapon_noun_example(pattern: str, example: str) -> None:
    """Over a record, a noun of attack yields to a named system of another category."""
    from analytics.extract.weapons import LOOSE_WORDS, drop_loose

    _own(pattern, example)
    found = find_weapons(example)
    assert any(w.text.lower() == pattern for w in found), found
    kept = drop_loose(found, LOOSE_WORDS, systems_only=True)
    assert not any(w.text.lower() == pattern for w in kept) and any(w.system for w in kept), kept


@pytest.mark.parametrize(("pattern", "example"), _params("air_attack_words"))
def test_air_attack_word_example(pattern: str, example: str) -> None:
    """An air attack of missiles or drones is theirs: the word yields to them over a record."""
    from analytics.extract.weapons import AIR_ATTACK_WORDS, MISSILE_OR_DRONE, categories, drop_loose

    _own(pattern, example)
    found = find_weapons(example)
    assert any(w.text.lower() == pattern for w in found), found
    assert categories(drop_loose(found, AIR_ATTACK_WORDS, over=MISSILE_OR_DRONE)) in (["drone"], ["missile"])


@pytest.mark.parametrize(("pattern", "example"), _params("weapon_carriers"))
def test_weapon_carrier_example(pattern: str, example: str) -> None:
    """An aircraft that fired the missile named beside it is its carrier: the weapon is the missile."""
    from analytics.extract.weapons import categories

    _own(pattern, example)
    assert categories(find_weapons(example)) == ["missile"], find_weapons(example)


def test_the_weapon_gate_lets_through_every_text_the_weapon_pattern_matches() -> None:
    # find_weapons skips a sentence its cheap gate (lowered text, no case-blind flag) rejects:
    # every alias, in any case, plural or with a variant's letters, must pass it.
    lex = lexicon.weapons()
    for row in lexicon.weapon_rows():
        for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
            for surface in (
                alias,
                alias.upper(),
                alias.title(),
                alias + "s",
                alias + "MK2",
                f"a {alias} hit",
            ):
                if lex.regex.search(surface):
                    assert lex.gate.search(surface.lower()), surface
