"""Actors and attribution: who attacked (explicit cues) and who says so (sources).

Finding source phrases is kept apart from classifying them: ``find_sources`` returns the
phrases with a provisional class; "official" (a role with no country named, e.g. "the
regional governor") is settled by assembly from who holds the place the record is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics import lexicon

_SAY = (
    r"(?:said|says|say|told|tells|reported|reports|wrote|writes|posted|posts|announced|announces|added|adds|"
    r"confirmed|confirms|stated|states|claimed|claims|noted|notes|warned|estimated|put the (?:number|toll|death toll)|"
    r"blamed|blames|accused|accuses|denied|denies|insisted|insists|described|called|showed|show|quoted|cited)"
)
_SOURCE_NP = r"(?P<src>[A-Z\"“'][^.;:!?]{1,140}?)"
# "X, the governor of Y, said"  /  "X said"  /  "according to X"  /  ", said X."  /  "citing X"
_PATTERNS = [
    re.compile(r"\baccording to (?P<src>[^.;:!?()]{2,120}?)(?=[,.;:!?()]| on \w+day| in a | in an | on Telegram|$)", re.IGNORECASE),
    re.compile(r"\bciting (?P<src>[^.;:!?()]{2,100}?)(?=[,.;:!?()]| as saying| on \w+day|$)", re.IGNORECASE),
    re.compile(rf",\s*(?:said|says|told|reported|wrote|added|announced|stated)\s+(?P<src>(?:the\s+)?[A-Za-z\"“][^.;:!?,]{{1,100}}?(?:,\s+(?:the\s+|a\s+)?[a-z][^.;:!?,]{{1,60}})?)(?=[.;:!?]|,| on \w+day| in a | late| early|$)"),
    re.compile(rf"(?:^|[.;:!?\"”]\s+|,\s+(?:(?:and|but|while|as)\s+)?|\b(?:and|but|while|as|where|after)\s+){_SOURCE_NP}\s+(?:also\s+|later\s+|earlier\s+|had\s+|has\s+|have\s+|at first\s+|then\s+|now\s+)?{_SAY}\b"),
]
_SAY_GATE = re.compile(r"\b(?:sa(?:id|ys?)|told|tells|report|wr[oi]te|post|announc|add|confirm|stat|claim|not|warn|estimat|put|blam|accus|den|insist|describ|call|show|quot|cit|according)", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|it|they|we|i|officials|the official|the ministry|the statement|this|that|there)$", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"^(?:the|a|an|and|but|as|while|on \w+day|late|early|however|meanwhile)\s+", re.IGNORECASE)
_SPEECH_NOUNS = re.compile(r"\b(?:statement|report|reports|post|posts|video|message|update|briefing|address|interview)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceMention:
    start: int
    end: int
    text: str
    source_type: str  # a GUIDELINES class, or "official" until the side is known
    pronoun: bool = False


_VERBISH = re.compile(r"\b(?:was|were|is|are|had|has|have|been|will|would)\b")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s*){1,4}$")
_TITLE = re.compile(r"^(?:the |a |an )?[a-z]|^(?:the|The) ")
_CUT = re.compile(
    r"\s+(?:broke|has|had|have|was|were|is|are|also|then|later|did|does|would|will|who|which|that|and then|"
    r"at first|first|again|earlier|now|today|quickly|previously|separately)\b.*$"
)


def _noun_phrase(raw: str) -> str | None:
    """The source's noun phrase out of the text before (or after) a speech verb."""
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) >= 2:
        a, b = parts[-2], parts[-1]
        if (_NAME.match(a) and _TITLE.match(b)) or (_TITLE.match(a) and _NAME.match(b) and len(a.split()) <= 8):
            phrase = f"{a}, {b}"
        else:
            phrase = b
    else:
        phrase = raw
    if _VERBISH.search(phrase):
        return None  # a clause ("Five people were killed"), not who said it
    phrase = phrase.strip(" ,\"“”'")
    phrase = re.sub(r"^(?:on|late|early|late on|early on) \w+day\s+", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"^(?:and|but|as|while|where|after|that|however|meanwhile)\s+", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"\s+(?:on|in|via|through) (?:Telegram|X|Twitter|Facebook|social media|a statement|television|TV)\b.*$", "", phrase)
    phrase = re.sub(r"\s+(?:on|late|early) \w+day\b.*$", "", phrase)
    phrase = _CUT.sub("", phrase)
    return phrase.strip(" ,")


def find_sources(text: str) -> list[SourceMention]:
    """Source phrases of one sentence ("regional governor Oleh Syniehubov said", "according to X")."""
    lex = lexicon.sources()
    out: list[SourceMention] = []
    taken: list[tuple[int, int]] = []
    if not _SAY_GATE.search(text):
        return out
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span("src")
            if any(s < te and ts < e for ts, te in taken):
                continue
            raw = m.group("src")
            if pattern is _PATTERNS[2] and (
                _VERBISH.search(raw) or not (raw[0].isupper() or raw.lower().startswith(("the ", "a ", "an ")))
            ):
                continue  # ", said air defences had destroyed ...": reported speech, not a source
            phrase = _noun_phrase(raw)
            if not phrase or len(phrase.split()) > 12:
                continue
            # A clause, not a noun phrase.
            if re.search(r"\b(?:was|were|is|are|had|has|have|been|will|would|struck|hit|killed|fired|launched)\b", phrase):
                continue
            s = text.find(phrase, s)
            e = s + len(phrase)
            pronoun = bool(_PRONOUN.match(phrase))
            cls = lex.classify(phrase)
            if cls == "other" and not pronoun and not lex.cues["other"].search(phrase):
                cls = "unknown"  # a bare name ("Honcharenko said"): settled in assembly
            if cls == "unknown" and _SPEECH_NOUNS.search(phrase):
                cls = "official"
            out.append(SourceMention(s, e, phrase, cls, pronoun))
            taken.append(m.span("src"))
    return sorted(out, key=lambda m: m.start)


# Words that may stand between the side and the weapon: "Russian Kh-101 cruise missiles".
_MODS = (
    r"(?:(?:[a-z]+-[a-z]+|cruise|ballistic|guided|attack|kamikaze|hypersonic|heavy|strategic|massive|air|aerial|"
    r"combined|missile|drone|artillery|rocket|naval|sea|glide|long|range|unmanned|suicide|new|latest|overnight|"
    r"deadly|fresh|[A-Z][\w-]*\d[\w-]*|Shahed|Iskander|Kalibr|Kinzhal|Grad)\s+){0,3}"
)
_UNITS = _MODS + r"(?:missiles?|drones?|strikes?|attacks?|forces|troops|shelling|bombardment|barrage|bombers?|aircraft|warplanes|jets|military|army|artillery|rockets?|bombs?|Shaheds?|Lancets?|UAVs?|raids?|offensive|onslaught|armed forces)\b"
ATTACKER_CUES = [
    ("Russia", re.compile(rf"\b(?:Russian|Russia's|Russia’s|Moscow's|Moscow’s|Kremlin's)\s+{_UNITS}", re.IGNORECASE)),
    ("Russia", re.compile(r"\b(?:Russia|Moscow|Russian forces|Russian troops|the Russian military|the Russian army)\s+(?:has\s+|had\s+|have\s+|then\s+|also\s+)?(?:launched|fired|attacked|struck|hit|shelled|bombarded|pounded|targeted|unleashed|used|sent|hammered)\b")),
    ("Russia", re.compile(r"\bby (?:a )?(?:Russia|Russian (?:forces|troops|missiles?|drones?|strikes?|shelling|artillery|aircraft|army|military))\b", re.IGNORECASE)),
    ("Ukraine", re.compile(rf"\b(?:Ukrainian|Ukraine's|Ukraine’s|Kyiv's|Kyiv’s|Kiev's|Kiev’s)\s+{_UNITS}", re.IGNORECASE)),
    ("Ukraine", re.compile(r"\b(?:Ukraine|Kyiv|Kiev|the Kiev regime|the Kyiv regime|Ukrainian forces|Ukrainian troops|the Ukrainian military|the Ukrainian army|the Armed Forces of Ukraine|the AFU)\s+(?:has\s+|had\s+|have\s+|then\s+|also\s+)?(?:launched|fired|attacked|struck|hit|shelled|bombarded|pounded|targeted|used|sent)\b")),
    ("Ukraine", re.compile(r"\bby (?:a )?(?:Ukraine|the Kiev regime|Ukrainian (?:forces|troops|missiles?|drones?|strikes?|shelling|artillery|aircraft|army|military|armed forces))\b", re.IGNORECASE)),
]
_SIDE_GATE = re.compile(r"Russia|Ukrain|Moscow|Kyiv|Kiev|Kremlin|AFU", re.IGNORECASE)
_DEFENDER = re.compile(r"air[- ]defen[cs]e|anti-aircraft|interceptor|electronic warfare", re.IGNORECASE)


@dataclass(frozen=True)
class AttackerCue:
    side: str
    start: int
    end: int


def find_attacker_cues(text: str) -> list[AttackerCue]:
    """Explicit statements of who attacked ("Russian missiles", "Ukraine fired", "by Russian forces")."""
    out: list[AttackerCue] = []
    if not _SIDE_GATE.search(text):
        return out
    for side, pattern in ATTACKER_CUES:
        for m in pattern.finditer(text):
            if _DEFENDER.search(m.group(0)):
                continue
            out.append(AttackerCue(side, m.start(), m.end()))
    return sorted(out, key=lambda c: c.start)
