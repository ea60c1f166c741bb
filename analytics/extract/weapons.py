"""Weapons: named systems and generic phrases from the catalogue in data/lexicon/weapons.csv."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics import lexicon


@dataclass(frozen=True)
class WeaponMention:
    start: int
    end: int
    text: str
    category: str
    system: str  # canonical name, "" for a generic phrase


# A weapon word that qualifies people, trade or places names no weapon used: "drone designers",
# "the missile industry", "a drone factory".
_MODIFIER_OF = re.compile(
    r"^[\s-]+(?:designers?|makers?|manufacturers?|manufacturing|industry|production|producers?|factory|factories|"
    r"plants?|pilots?|operators?|developers?|engineers?|exhibition|components|parts|programmes?|programs?|"
    r"sector|startups?|companies|company|firms?|workshops?|schools?|training|experts?|deals?|contracts?|"
    r"race|shortage|stocks?|supplies|deliveries|fodder)\b",
    re.IGNORECASE,
)
# Ordnance left on the ground, and a police "water cannon": no weapon fired from afar.
_LEFT_OVER = re.compile(
    r"\b(?:unexploded\s+(?:[\w-]+\s+)?|water\s+"
    # "air defence missiles", "interceptor missiles": the defender's, not what was fired at the place
    r"|air[- ]defen[cs]e\s+|anti-aircraft\s+|surface-to-air\s+|interceptor\s+)$",
    re.IGNORECASE,
)
# Aircraft scrambled to guard the sky ("Poland scrambled fighter jets", "jets were scrambled")
# fired nothing at the place.
_SCRAMBLED_BEFORE = re.compile(
    r"\bscrambl(?:e|es|ed|ing)\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_SCRAMBLED_AFTER = re.compile(
    r"^\s+(?:were|was|had been|have been|being)\s+(?:\w+\s+)?scrambled\b", re.IGNORECASE
)
# "Kh-101/Kh-555", "Shahed-136/131", "S-300/S-400": the part after the slash is a system too.
_SLASH = re.compile(r"\s*/\s*([A-Za-z]{0,3}-?\d{2,4}[A-Z0-9]*)")


# A clause that says what a target makes, keeps or hosts: its weapons are not the attack's
# ("the plant, where Russia assembles Shahed drones", "an airfield which hosts Tu-95 bombers").
#: Verbs of what a target makes, keeps or hosts (also read by actors: the side it serves).
MAKES_OR_KEEPS = r"(?:makes?|making|made|produc\w+|manufactur\w+|assembl\w+|builds?|repairs?|stores?|hosts?|houses?|keeps?|develops?)"
_MADE_OR_KEPT_THERE = re.compile(
    rf"\b(?:where|which|that)\s+(?:[\w'’-]+\s+){{0,4}}?{MAKES_OR_KEEPS}\s+(?:[\w'’-]+\s+){{0,6}}?$",
    re.IGNORECASE,
)
_KEPT_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,6}?\s+(?:are|is|were|was)\s+(?:stationed|based|produced|made|assembled|stored|kept)\b",
    re.IGNORECASE,
)


def find_weapons(text: str) -> list[WeaponMention]:
    """Every weapon phrase in ``text`` with its category and canonical system name."""
    lex = lexicon.weapons()
    out: list[WeaponMention] = []
    if not lex.gate.search(text.lower()):
        return out
    for m in lex.regex.finditer(text):
        entry = (
            lex.lookup(m.group(0))
            or lex.lookup(m.group(0).rstrip("sS"))
            or lex.lookup(re.sub(rf"(?<=\d){lexicon.VARIANT_SUFFIX}$", "", m.group(0).rstrip("s")))
        )
        if entry is None or (not entry.canonical and _MODIFIER_OF.match(text[m.end() : m.end() + 30])):
            continue
        if _LEFT_OVER.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "unexploded shells", "water cannon": not what was fired
        if _MADE_OR_KEPT_THERE.search(text[max(0, m.start() - 80) : m.start()]) or _KEPT_AFTER.match(
            text, m.end()
        ):
            continue  # "a plant that makes artillery shells", "where Su-34 bombers are stationed"
        if _SCRAMBLED_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) or _SCRAMBLED_AFTER.match(
            text[m.end() : m.end() + 40]
        ):
            continue
        prev = out[-1] if out else None
        if (
            not entry.canonical
            and prev is not None
            and prev.system
            and re.fullmatch(r"[\s/-]*(?:[A-Za-z-]+\s+){0,2}", text[prev.end : m.start()])
        ):
            continue  # "Grad rockets", "Kalibr cruise missiles": the system already says what it is
        out.append(WeaponMention(m.start(), m.end(), m.group(0), entry.category, entry.canonical))
        tail = _SLASH.match(text, m.end())
        if entry.canonical and tail:
            suffix = tail.group(1)
            prefix = re.match(r"[A-Za-z]+-?", entry.canonical)
            candidates = [suffix]
            if prefix and suffix[0].isdigit():
                candidates.insert(0, prefix.group(0) + suffix)
            for cand in candidates:
                other = lex.lookup(cand)
                if other and other.canonical:
                    out.append(
                        WeaponMention(
                            tail.start(1), tail.end(1), tail.group(1), other.category, other.canonical
                        )
                    )
                    break
    return drop_loose(drop_loose(out, LOOSE_VERBS), CARRIERS, over=MISSILE_OR_DRONE)


# Words that say a place was attacked with whatever weapon ("shelled the city with cruise missiles",
# "bombed with drones", "the shelling" of a missile strike): they tell a category only when no
# weapon of another category is named beside them. In one sentence only the verbs are loose
# ("shelling and airstrikes" names two kinds); over a whole record, the nouns too are loose beside a
# named system of another category. The words are lists of rules.json, each with its example.
LOOSE_VERBS = frozenset(w.lower() for w in lexicon.rules()["loose_weapon_verbs"])
LOOSE_WORDS = LOOSE_VERBS | {w.lower() for w in lexicon.rules()["loose_weapon_nouns"]}
# "A new air strike on Ukraine overnight" of drones and missiles: the air attack as a whole.
AIR_ATTACK_WORDS = frozenset(w.lower() for w in lexicon.rules()["air_attack_words"])
# An aircraft that carries a missile or a drone named beside it ("jets dropping Kinzhal missiles",
# "a missile fired from a Su-34") launched it: the weapon is the missile.
CARRIERS = frozenset(w.lower() for w in lexicon.rules()["weapon_carriers"])
# What a carrier or an air attack yields to.
MISSILE_OR_DRONE = frozenset({"missile", "drone"})


def drop_loose(
    mentions: list[WeaponMention],
    loose_words: frozenset[str],
    *,
    systems_only: bool = False,
    over: frozenset[str] | None = None,
) -> list[WeaponMention]:
    """``mentions`` less those in ``loose_words`` when a weapon of another category is named
    (``systems_only``: only a named system counts; ``over``: only these categories count)."""
    loose = [m for m in mentions if not m.system and m.text.lower() in loose_words]
    if not loose:
        return mentions
    named = {
        m.category
        for m in mentions
        if m not in loose and (m.system or not systems_only) and (over is None or m.category in over)
    }
    return [m for m in mentions if m not in loose or not named or m.category in named]


def categories(mentions: list[WeaponMention]) -> list[str]:
    """Distinct categories in order of first mention."""
    seen: list[str] = []
    for m in mentions:
        if m.category not in seen:
            seen.append(m.category)
    return seen


def systems(mentions: list[WeaponMention]) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.system and m.system not in seen:
            seen.append(m.system)
    return seen
