"""Loads the hand-edited lexicons of ``data/lexicon/`` into compiled lookups (once per process).

Every entry carries an example sentence in the project's own words: a rules.json list holds
``{"pattern": ..., "example": ...}`` objects, a sources.json class ``{"cue": ..., "example":
...}`` objects, weapons.csv and people.csv an ``example`` column. tests/test_lexicon_examples.py
runs each example through the finder that uses the entry. The functions below hand the code
the bare patterns, cues and aliases, as they always have.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from analytics import DATA_DIR

LEXICON_DIR = DATA_DIR / "lexicon"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a pattern (regex fragment, cue or word) and a sentence that shows it."""

    pattern: str
    example: str


def _entry(item: object, key: str) -> Entry:
    if isinstance(item, str):
        return Entry(item, "")
    if isinstance(item, dict) and isinstance(item.get(key), str):
        return Entry(item[key], str(item.get("example", "")))
    raise TypeError(f"lexicon entry without a {key!r}: {item!r}")


@dataclass(frozen=True)
class WeaponEntry:
    canonical: str  # "" for a generic phrase
    category: str
    alias: str


# A variant's letters after a designation's number: "Kh-59MK2", "Kh-31P", "Kh-35U".
VARIANT_SUFFIX = r"(?-i:[A-Z]{1,3}\d?)"


def _alias_pattern(alias: str) -> str:
    # "Kh-101" also matches "Kh 101" and "Kh101"; a trailing plural "s" is allowed; a designation
    # ending in a number also matches its variants.
    parts = [re.escape(p) for p in re.split(r"[-\s]+", alias)]
    body = r"[-\s]?".join(parts)
    return body + (f"{VARIANT_SUFFIX}?s?" if re.search(r"[A-Za-z]+[-\s]?\d+$", alias) else "")


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One alternation over literal phrases, longest first, on word boundaries, case-insensitive."""
    alts = sorted({_alias_pattern(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


def phrase_gate(phrases: list[str]) -> re.Pattern[str]:
    """A cheap test before ``phrase_regex``: the phrases' lowered starts, searched in the lowered
    text without the case-blind flag (a case-blind search of a long alternation is slow). Every
    text ``phrase_regex`` matches in, it matches in (no variant letters, no plural, no end)."""
    heads = sorted({r"[-\s]?".join(re.escape(p.lower()) for p in re.split(r"[-\s]+", x)) for x in phrases})
    return re.compile(r"(?<![\w-])(?:" + "|".join(sorted(heads, key=len, reverse=True)) + ")")


@dataclass(frozen=True)
class WeaponLexicon:
    regex: re.Pattern[str]
    by_alias: dict[str, WeaponEntry]
    gate: re.Pattern[str]

    def lookup(self, surface: str) -> WeaponEntry | None:
        return self.by_alias.get(_norm_alias(surface))


def _norm_alias(text: str) -> str:
    return re.sub(r"[-\s]+", "", text).lower()


def _csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a lexicon CSV file ("#" lines are comments)."""
    with (LEXICON_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=1)
def weapon_rows() -> list[dict[str, str]]:
    """The rows of weapons.csv (kind, canonical, category, aliases, example)."""
    return _csv_rows("weapons.csv")


@lru_cache(maxsize=1)
def weapons() -> WeaponLexicon:
    by_alias: dict[str, WeaponEntry] = {}
    aliases: list[str] = []
    for row in weapon_rows():
        for alias in row["aliases"].split("|"):
            alias = alias.strip()
            if not alias:
                continue
            key = _norm_alias(alias)
            # A named system wins over a generic phrase spelled the same.
            if key in by_alias and by_alias[key].canonical and not row["canonical"]:
                continue
            by_alias[key] = WeaponEntry(row["canonical"], row["category"], alias)
            aliases.append(alias)
    return WeaponLexicon(phrase_regex(aliases), by_alias, phrase_gate(aliases))


@lru_cache(maxsize=1)
def _rules_file() -> dict[str, object]:
    data: dict[str, object] = json.loads((LEXICON_DIR / "rules.json").read_text(encoding="utf-8"))
    return data


@cache
def entries(name: str) -> tuple[Entry, ...]:
    """The entries of the rules.json list ``name`` (pattern and example), in file order."""
    value = _rules_file()[name]
    if not isinstance(value, list):
        raise TypeError(f"rules.json: {name} is not a list")
    return tuple(_entry(item, "pattern") for item in value)


@cache
def table_entries(name: str) -> dict[str, tuple[Entry, ...]]:
    """The entries of a rules.json table (``target_types``) by code, in file order."""
    value = _rules_file()[name]
    if not isinstance(value, dict):
        raise TypeError(f"rules.json: {name} is not a table")
    return {code: tuple(_entry(item, "pattern") for item in items) for code, items in value.items()}


@lru_cache(maxsize=1)
def rules() -> dict[str, list[str]]:
    """The word lists of rules.json by section name (its tables are in :func:`table`)."""
    return {k: [e.pattern for e in entries(k)] for k, v in _rules_file().items() if isinstance(v, list)}


@cache
def table(name: str) -> dict[str, list[str]]:
    """A rules.json section that maps a code to its words (``target_types``)."""
    return {code: [e.pattern for e in items] for code, items in table_entries(name).items()}


def fragment(name: str) -> str:
    """The rules.json list ``name`` as one regular-expression group, in file order (for
    building into larger patterns, where the order of alternatives can matter)."""
    return "(?:" + "|".join(rules()[name]) + ")"


def alternation(name: str, *, bounded: bool = True, lowered: bool = False) -> re.Pattern[str]:
    """The rules.json list ``name`` compiled as one case-insensitive alternation.

    ``lowered``: for text already in lower case, compiled without the case-insensitive flag,
    which lets the regex engine skip to the alternatives' first letters (about twice as fast
    on a long list searched in every sentence)."""
    return _compiled(name, bounded, lowered)


@cache
def _compiled(name: str, bounded: bool, lowered: bool = False) -> re.Pattern[str]:
    words = rules()[name]
    if lowered and any(re.sub(r"\\.", "", w) != re.sub(r"\\.", "", w).lower() for w in words):
        raise ValueError(f"rules.json {name}: a capital letter would never match lowered text")
    body = "|".join(sorted(words, key=len, reverse=True))
    flags = 0 if lowered else re.IGNORECASE
    if bounded:
        return re.compile(r"\b(?:" + body + r")\b", flags)
    return re.compile(body, flags)


_QUOTES = str.maketrans("", "", '"“”«»')


@dataclass(frozen=True)
class SourceLexicon:
    order: tuple[str, ...]
    cues: dict[str, re.Pattern[str]]

    def classify(self, phrase: str) -> str:
        """The source type class of a source phrase ("official" when only a role is named).

        Classes are tried in their order, except that of the two sides the one named first
        speaks: the phrase's head comes before the places that qualify it ("authorities of
        Ukraine's oblast bordering Russia", "Russia's governor of a region near Ukraine")."""
        # Quotation marks around a word ('Russian "media"') do not change who speaks.
        phrase = phrase.translate(_QUOTES)
        # "the Telegram channel of the regional governor": the owner of a channel speaks in it.
        owned = _CHANNEL_OF.search(phrase)
        if owned and phrase[owned.end() :].strip():
            phrase = phrase[owned.end() :]
        owner = _OWNERS_CHANNEL.search(phrase)
        if owner and self.classify(phrase[: owner.start()]) != "other":
            phrase = phrase[: owner.start()]  # "the governor's Telegram channel", "Gladkov's page"
        for cls in self.order:
            found = self.cues[cls].search(phrase)
            if not found:
                continue
            if cls in _SIDES:
                for other in _SIDES - {cls}:
                    rival = self.cues[other].search(phrase)
                    if rival and rival.start() < found.start():
                        return other
            return cls
        return "other"


_SIDES = frozenset({"russia_official", "ukraine_official"})
_CHANNEL_OF = re.compile(
    r"\b(?:Telegram|Facebook|official|personal)?\s*(?:channel|page|account)\s+of\s+", re.IGNORECASE
)

_OWNERS_CHANNEL = re.compile(
    r"['’]s?\s+(?:official\s+|personal\s+)?(?:Telegram|Facebook|VKontakte|X|Twitter|Max)?\s*"
    r"(?:channel|page|account|feed)\b",
    re.IGNORECASE,
)


def _cue_alternation(cues: list[str]) -> str:
    # A cue's apostrophe stands for the typographic one too ("region's", "region’s").
    return "|".join(
        re.escape(c).replace("'", "['’]") for c in sorted(dict.fromkeys(cues), key=len, reverse=True)
    )


def cue_regex(cues: list[str]) -> re.Pattern[str]:
    """Source cues as one regex on word boundaries: all-caps acronyms (US, UN, AP, RT) match
    case-sensitively, other cues ignore case."""
    upper = [c for c in cues if c.isupper() and len(re.sub(r"\W", "", c)) >= 2]
    rest = [c for c in cues if c not in upper]
    parts = []
    # A role (a cue in lower case) holds for its plural too: "regional governors reported". A
    # name or a nationality does not: "Ukrainians" are people, not an office.
    roles = [c for c in rest if c == c.lower() and c[-1:].isalpha()]
    if roles:
        parts.append(r"(?i:(?<![\w-])(?:" + _cue_alternation(roles) + r")s?(?![\w]))")
    rest = [c for c in rest if c not in roles]
    if rest:
        parts.append(r"(?i:(?<![\w-])(?:" + _cue_alternation(rest) + r")(?![\w]))")
    if upper:
        parts.append(r"(?<![\w-])(?:" + _cue_alternation(upper) + r")(?![\w])")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _sources_file() -> dict[str, object]:
    data: dict[str, object] = json.loads((LEXICON_DIR / "sources.json").read_text(encoding="utf-8"))
    return data


def source_order() -> tuple[str, ...]:
    """The source classes in the order :meth:`SourceLexicon.classify` tries them."""
    order = _sources_file()["order"]
    assert isinstance(order, list)
    return tuple(order)


@lru_cache(maxsize=1)
def source_entries() -> dict[str, tuple[Entry, ...]]:
    """The cues of sources.json by class (cue and example), in file order."""
    data = _sources_file()
    out = {}
    for cls in source_order():
        items = data[cls]
        assert isinstance(items, list)
        out[cls] = tuple(_entry(item, "cue") for item in items)
    return out


@dataclass(frozen=True)
class Person:
    """A named official of people.csv: given names and surname spellings, the side spoken for."""

    names: tuple[str, ...]
    surnames: tuple[str, ...]
    side: str  # a source class: ukraine_official, russia_official, third_party_official
    role: str
    surname_alone: bool  # the surname by itself names this person (it is distinctive)
    example: str

    def cues(self) -> list[str]:
        """The phrases that name the person: the surname alone when it is distinctive, else the
        given name with it, in either order ("Vitaliy Kim", "Kim Jong Un")."""
        if self.surname_alone:
            return list(self.surnames)
        return [f"{a} {b}" for n in self.names for s in self.surnames for a, b in ((n, s), (s, n))]


@lru_cache(maxsize=1)
def people() -> tuple[Person, ...]:
    """The officials of people.csv, in file order."""
    if not (LEXICON_DIR / "people.csv").exists():
        return ()
    out = []
    for row in _csv_rows("people.csv"):
        flag = row["surname_alone"].strip().lower()
        if flag not in {"yes", "no"}:
            raise ValueError(f"people.csv: surname_alone is yes or no: {row}")
        out.append(
            Person(
                tuple(n.strip() for n in row["name"].split("|") if n.strip()),
                tuple(s.strip() for s in row["surname"].split("|") if s.strip()),
                row["side"],
                row["role"],
                flag == "yes",
                row["example"],
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def sources() -> SourceLexicon:
    cues = {cls: [e.pattern for e in items] for cls, items in source_entries().items()}
    for person in people():
        cues[person.side].extend(person.cues())
    order = source_order()
    return SourceLexicon(order, {cls: cue_regex(cues[cls]) for cls in order})


def lexicon_files() -> list[Path]:
    """Every lexicon file: the English ones, then each language's (``uk/gloss.csv``...)."""
    return sorted(p for p in LEXICON_DIR.rglob("*") if p.is_file())
