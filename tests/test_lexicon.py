"""The hand-edited lexicons of data/lexicon/: every file parses, and every section is read by the code."""

import csv
import json
import re
from pathlib import Path

import pytest

from analytics import lexicon
from analytics.models import SOURCE_TYPES, WEAPON_CATEGORIES

ANALYTICS = Path(__file__).resolve().parent.parent / "analytics"


def _code_outside_lexicon() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(ANALYTICS.rglob("*.py")) if p.name != "lexicon.py"
    )


def test_every_lexicon_file_is_known_and_parses():
    names = {p.relative_to(lexicon.LEXICON_DIR).as_posix() for p in lexicon.lexicon_files()}
    assert names == {
        "people.csv",
        "rules.json",
        "sources.json",
        "weapons.csv",
        "uk/gloss.csv",
        "ru/gloss.csv",
    }
    for p in lexicon.lexicon_files():
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".json":
            json.loads(text)
        else:
            rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
            assert rows


def _sections() -> dict[str, object]:
    return json.loads((lexicon.LEXICON_DIR / "rules.json").read_text(encoding="utf-8"))


def test_every_rules_section_is_read_by_the_code():
    code = _code_outside_lexicon()
    sections = [k for k in _sections() if not k.startswith("_")]
    unread = [k for k in sections if f'"{k}"' not in code]
    assert unread == [], f"rules.json sections no module reads: {unread}"


@pytest.mark.parametrize("name", [k for k in _sections() if not k.startswith("_")])
def test_every_rules_fragment_compiles(name):
    value = lexicon.table(name) if name == "target_types" else lexicon.rules()[name]
    phrases = [p for words in value.values() for p in words] if isinstance(value, dict) else value
    assert phrases, name
    for phrase in phrases:
        re.compile(phrase)
    re.compile(lexicon.fragment(name) if isinstance(value, list) else "x")


def test_every_source_class_is_ordered_and_a_guidelines_type():
    data = json.loads((lexicon.LEXICON_DIR / "sources.json").read_text(encoding="utf-8"))
    classes = [k for k in data if not k.startswith("_") and k != "order"]
    assert sorted(data["order"]) == sorted(classes)
    # "official" is resolved to the side that holds the target, in assembly.
    assert set(classes) - {"official"} <= set(SOURCE_TYPES)
    assert all(data[c] for c in classes)


def test_weapons_catalogue_rows_are_well_formed():
    with (lexicon.LEXICON_DIR / "weapons.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    for row in rows:
        assert row["kind"] in {"system", "generic"}, row
        # Rockets are artillery or missiles depending on the attack (assembly decides).
        assert row["category"] in set(WEAPON_CATEGORIES) | {"rocket"}, row
        assert bool(row["canonical"]) is (row["kind"] == "system"), row
        assert all(a.strip() for a in row["aliases"].split("|")), row
    aliases = [
        a.strip().lower() for row in rows if row["kind"] == "system" for a in row["aliases"].split("|")
    ]
    assert len(aliases) == len(set(aliases)), "an alias names two systems"


@pytest.mark.parametrize(
    "text",
    [
        "Russia has struck the port every night since the start of the war.",
        "THE STRIKES HAVE BECOME A HALLMARK OF THE CAMPAIGN.",
        "A missile hit a warehouse on Tuesday.",
    ],
)
def test_a_lowered_alternation_finds_what_the_case_insensitive_one_finds(text):
    plain = lexicon.alternation("background", bounded=False)
    lowered = lexicon.alternation("background", bounded=False, lowered=True)
    assert bool(lowered.search(text.lower())) == bool(plain.search(text))


def test_a_lowered_alternation_refuses_a_capital_letter(monkeypatch):
    monkeypatch.setattr(lexicon, "rules", lambda: {"probe": [r"\bsince Kyiv\b"]})
    lexicon._compiled.cache_clear()
    try:
        with pytest.raises(ValueError, match="capital letter"):
            lexicon.alternation("probe", lowered=True)
    finally:
        lexicon._compiled.cache_clear()
