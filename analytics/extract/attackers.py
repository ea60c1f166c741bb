"""Who attacked: explicit cues in a sentence ("Russian missiles", "Ukraine fired", "by Russian
forces"), and the side of an official who tells of its own side's attack ("said its drones hit").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics.extract.actors import SourceMention
from analytics.extract.numbers import DOWNED, MUNITION
from analytics.extract.weapons import MAKES_OR_KEEPS

# Words that may stand between the side and the weapon: "Russian Kh-101 cruise missiles".
_MODS = (
    r"(?:(?:[a-z]+-[a-z]+|cruise|ballistic|guided|attack|kamikaze|hypersonic|heavy|strategic|massive|air|aerial|"
    r"combined|missile|drone|artillery|rocket|naval|sea|glide|long|range|unmanned|suicide|new|latest|overnight|"
    r"deadly|fresh|[A-Z][\w-]*\d[\w-]*|(?-i:[A-Z]{3,})|Shahed|Iskander|Kalibr|Kinzhal|Grad)\s+){0,3}"
)
_FORCE_NOUNS = (
    _MODS
    + r"(?:missiles?|drones?|strikes?|attacks?|forces|troops|shelling|bombardment|barrage|bombers?|aircraft|warplanes|jets|artillery|rockets?|bombs?|Shaheds?|Lancets?|UAVs?|raids?|offensive|onslaught|armed forces|occupiers|invaders|occupation forces)\b"
)
# "Kyiv hit again", "Moscow attacked by drones": a headline's passive, the side as the place hit.
_NOT_PASSIVE = r"(?!\s+(?:again|by)\b)"
ATTACKER_CUES = [
    (
        "Russia",
        re.compile(
            rf"\b(?:Russian|Russia's|Russia’s|Moscow's|Moscow’s|Kremlin's)\s+{_FORCE_NOUNS}", re.IGNORECASE
        ),
    ),
    (
        "Russia",
        re.compile(
            r"\b(?:Russia|Moscow|Russian forces|Russian troops|the Russian military|the Russian army)\s+(?:has\s+|had\s+|have\s+|then\s+|also\s+)?(?:launched|fired|attacked|struck|hit|shelled|bombarded|pounded|targeted|unleashed|used|sent|hammered)\b"
            + _NOT_PASSIVE
        ),
    ),
    (
        "Russia",
        re.compile(
            r"\bby (?:a )?(?:Russia|Moscow|Russian (?:forces|troops|missiles?|drones?|strikes?|shelling|artillery|aircraft|army|military))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "Ukraine",
        re.compile(
            rf"\b(?:Ukrainian|Ukraine's|Ukraine’s|Kyiv's|Kyiv’s|Kiev's|Kiev’s)\s+{_FORCE_NOUNS}",
            re.IGNORECASE,
        ),
    ),
    (
        "Ukraine",
        re.compile(
            r"\b(?:Ukraine|Kyiv|Kiev|the Kiev regime|the Kyiv regime|Ukrainian forces|Ukrainian troops|the Ukrainian military|the Ukrainian army|the Armed Forces of Ukraine|the AFU)\s+(?:has\s+|had\s+|have\s+|then\s+|also\s+)?(?:launched|fired|attacked|struck|hit|shelled|bombarded|pounded|targeted|used|sent)\b"
            + _NOT_PASSIVE
        ),
    ),
    (
        "Ukraine",
        re.compile(
            r"\bby (?:a )?(?:Ukraine|Kyiv|Kiev|the Kiev regime|Ukrainian (?:forces|troops|missiles?|drones?|strikes?|shelling|artillery|aircraft|army|military|armed forces))\b",
            re.IGNORECASE,
        ),
    ),
]
_SIDE_GATE = re.compile(r"Russia|Ukrain|Moscow|Kyiv|Kiev|Kremlin|AFU", re.IGNORECASE)
_TARGET_OF = re.compile(
    r"\b(?:(?:positions|lines|trenches|targets|units|bases|depots|locations|posts|division|army|brigade|regiment|battalion|corps|equipment|personnel|concentrations?) of (?:the )?|against (?:the )?|"
    r"(?:strikes?|attacks?|raids?|fire) on (?:the )?"
    # "a terminal that supplies fuel to Russian forces": the side a target serves
    r"|\b(?:suppl(?:y|ies|ied|ying)|serv(?:es|ed|ing)|used by|belonging to)\s+(?:[\w-]+\s+){0,2}?(?:to\s+|for\s+)?(?:the\s+)?"
    # "a plant which produces explosives for Russian artillery"
    rf"|\b{MAKES_OR_KEEPS}\s+(?:[\w-]+\s+){{0,4}}?for\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_DOWNED_AFTER = re.compile(
    r"\s+(?:(?:said|reported|say|says)\s+(?:that\s+)?(?:they|it)\s+)?"
    rf"(?:have\s+|has\s+|had\s+)?(?:also\s+)?(?:{DOWNED}|repelled|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
# "38 Ukrainian drones shot down": the munitions downed name their sender.
_MUNITION_WORD = re.compile(rf"\b{MUNITION}", re.IGNORECASE)
_DEFENDER = re.compile(r"air[- ]defen[cs]e|anti-aircraft|interceptor|electronic warfare", re.IGNORECASE)


@dataclass(frozen=True)
class AttackerCue:
    side: str
    start: int
    end: int


# A "where" clause that tells of a place named just before, up to the cue
_WHERE_ASIDE = re.compile(r",\s+where\s+[^,;.]*$")


def find_attacker_cues(text: str) -> list[AttackerCue]:
    """Explicit statements of who attacked ("Russian missiles", "Ukraine fired", "by Russian forces")."""
    out: list[AttackerCue] = []
    if not _SIDE_GATE.search(text):
        return out
    for side, pattern in ATTACKER_CUES:
        for m in pattern.finditer(text):
            if _DEFENDER.search(m.group(0)) or _TARGET_OF.search(text, max(0, m.start() - 40), m.start()):
                continue  # "the positions of Ukrainian troops": the side attacked, not the attacker
            if _DOWNED_AFTER.match(text, m.end()) and not _MUNITION_WORD.search(m.group(0)):
                continue  # "Russian forces intercepted 40 drones": the side defending
            if _WHERE_ASIDE.search(text, max(0, m.start() - 80), m.start()):
                continue  # "over the Kursk region, where Russian troops are pressing on,": the place's story
            out.append(AttackerCue(side, m.start(), m.end()))
    return sorted(out, key=lambda c: c.start)


# "Ukraine's General Staff said its drones hit the terminal", "the ministry said it had struck
# a depot": a side's military speaking of its own attack names the attacker.
_OWN_ATTACK_AFTER = re.compile(
    r"[,\s]*(?:on\s+\w+\s+)?(?:said|says|reported|claimed|announced|confirmed|stated)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    rf"(?:(?:its|their)\s+{_FORCE_NOUNS}|(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:struck|hit|attacked|targeted))",
    re.IGNORECASE,
)
_SIDE_OF = {"ukraine_official": "Ukraine", "russia_official": "Russia"}


def own_attack_cues(text: str, sources: list[SourceMention]) -> list[AttackerCue]:
    """The side of an official who tells of its own side's attack ("said its drones hit")."""
    return [
        AttackerCue(_SIDE_OF[s.source_type], s.start, m.end())
        for s in sources
        if s.source_type in _SIDE_OF and (m := _OWN_ATTACK_AFTER.match(text, s.end)) is not None
    ]
