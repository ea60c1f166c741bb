"""Loads the hand-edited lexicons of ``data/lexicon/`` into compiled lookups (once per process)."""

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
class WeaponEntry:
    canonical: str  # "" for a generic phrase
    category: str
    alias: str


def _alias_pattern(alias: str) -> str:
    # "Kh-101" also matches "Kh 101" and "Kh101"; a trailing plural "s" is allowed.
    parts = [re.escape(p) for p in re.split(r"[-\s]+", alias)]
    return r"[-\s]?".join(parts)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One alternation over literal phrases, longest first, on word boundaries, case-insensitive."""
    alts = sorted({_alias_pattern(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class WeaponLexicon:
    regex: re.Pattern[str]
    by_alias: dict[str, WeaponEntry]

    def lookup(self, surface: str) -> WeaponEntry | None:
        return self.by_alias.get(_norm_alias(surface))


def _norm_alias(text: str) -> str:
    return re.sub(r"[-\s]+", "", text).lower()


@lru_cache(maxsize=1)
def weapons() -> WeaponLexicon:
    by_alias: dict[str, WeaponEntry] = {}
    aliases: list[str] = []
    path = LEXICON_DIR / "weapons.csv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
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
    return WeaponLexicon(_phrase_regex(aliases), by_alias)


@lru_cache(maxsize=1)
def _rules_file() -> dict[str, object]:
    data: dict[str, object] = json.loads((LEXICON_DIR / "rules.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def rules() -> dict[str, list[str]]:
    """The word lists of rules.json by section name (its tables are in :func:`table`)."""
    return {k: v for k, v in _rules_file().items() if isinstance(v, list)}


@cache
def table(name: str) -> dict[str, list[str]]:
    """A rules.json section that maps a code to its words (``target_types``)."""
    value = _rules_file()[name]
    if not isinstance(value, dict):
        raise TypeError(f"rules.json: {name} is not a table")
    return value


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


@dataclass(frozen=True)
class SourceLexicon:
    order: tuple[str, ...]
    cues: dict[str, re.Pattern[str]]

    def classify(self, phrase: str) -> str:
        """The source type class of a source phrase ("official" when only a role is named)."""
        for cls in self.order:
            if self.cues[cls].search(phrase):
                return cls
        return "other"


def _cue_regex(cues: list[str]) -> re.Pattern[str]:
    # All-caps acronyms (US, UN, AP, RT) match case-sensitively; other cues ignore case.
    upper = [c for c in cues if c.isupper() and len(re.sub(r"\W", "", c)) >= 2]
    rest = [c for c in cues if c not in upper]
    parts = []
    if rest:
        alts = "|".join(re.escape(c) for c in sorted(rest, key=len, reverse=True))
        parts.append(r"(?i:(?<![\w-])(?:" + alts + r")(?![\w]))")
    if upper:
        alts = "|".join(re.escape(c) for c in sorted(upper, key=len, reverse=True))
        parts.append(r"(?<![\w-])(?:" + alts + r")(?![\w])")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def sources() -> SourceLexicon:
    data = json.loads((LEXICON_DIR / "sources.json").read_text(encoding="utf-8"))
    order = tuple(data["order"])
    return SourceLexicon(order, {cls: _cue_regex(data[cls]) for cls in order})


def lexicon_files() -> list[Path]:
    return sorted(LEXICON_DIR.glob("*"))
