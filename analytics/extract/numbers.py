"""Numbers: casualty figures and launched/shot-down counts in a sentence.

Finding a figure is kept apart from deciding which record it belongs to (assembly does
that): each finder returns ``Count`` matches with their spans.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from analytics import lexicon

_NUMBER_WORDS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "both": 2, "their": 1, "his": 1, "her": 1, "its": 1, "the": 1, "another": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORD_NUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|a dozen|a couple of|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|single)"
)
# A clock time ("at 04:10", "as of 9.00") holds no count: neither of its halves is one.
NUM = rf"(?:(?<!\d[:.])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![:.]\d)|{_WORD_NUM}(?:\s+(?:hundred|dozen))?)"
#: What may stand between a preposition and the place it governs: "over (Russian-)occupied Crimea".
HELD_BY_FORCE = r"(?:(?:Russian-|temporarily\s+)?(?:occupied|annexed)\s+)?"
QUAL = r"(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|approximately|roughly|a total of|in total|another|a further|further|the)\s+)?"


#: A toll told as a noun, and the verbs of its rise: "the death toll rose", "the number of injured
#: has climbed" (an update of a figure, read by dates and by ownership).
TOLL_NOUN = r"(?:toll|number of (?:the )?(?:dead|deaths|injured|wounded|victims|casualties|people(?: (?:killed|injured|wounded|hurt))?))"
TOLL_ROSE = (
    r"(?:rose|risen|rises|climbed|climbs|increased|increases|reached|reaches|grew|grown|went up|jumped)"
)
#: "one of the injured died in hospital": one of the hurt has died since (the toll of the dead
#: grows, that of the hurt falls)
HURT_DIED = r"\bof the (?:injured|wounded|hurt)\b[^.;]{0,60}?\b(?:died|passed away|succumbed)\b"


def parse_number(text: str) -> int | None:
    """'52' -> 52, '1,200' -> 1200, 'twenty-three' -> 23, 'a dozen' -> 12, 'three dozen' -> 36;
    None when not a number."""
    t = text.strip().lower()
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    hundred = 1
    # "two hundred", "three dozen" (36: a dozen is a count, not a bound)
    for word, times in ((" hundred", 100), (" dozen", 12)):
        if t.endswith(word):
            hundred, t = times, t[: -len(word)].strip()
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t] * hundred
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](\w+))?", t)
    if m:
        return (_TENS[m.group(1)] + (_NUMBER_WORDS.get(m.group(2) or "", 0) if m.group(2) else 0)) * hundred
    return None


@dataclass(frozen=True)
class Count:
    kind: str  # killed | wounded | children_killed | launched | intercepted
    value: int
    start: int
    end: int
    each: bool = False  # "five each over the Tula and Kaluga regions": the figure holds for every place
    additional: bool = False  # "three more were injured", "another two died": adds to the figure before
    #: "the count of victims reached 12": the dead, or the dead and the hurt together; a figure
    #: of the dead stated beside it wins (fields.py)
    loose: bool = False
    #: "more than 50", "nearly 30": a bound, not a count; GUIDELINES reads it as unknown (null),
    #: though the sentence still states casualties or munitions
    bound: bool = False
    #: "Earlier, officials had said 17 were wounded": a figure the text says was given before;
    #: a figure of its kind told as current wins (fields.py)
    superseded: bool = False


@dataclass(frozen=True)
class Rule:
    """A pattern and the words (lower case) of which every match holds one: a sentence with
    none of them is not searched. The full patterns backtrack at every word; the test for
    the words is a few substring scans."""

    pattern: re.Pattern[str]
    needs: tuple[str, ...]

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in ``text`` (``lowered`` is ``text.lower()``)."""
        if any(word in lowered for word in self.needs):
            yield from self.pattern.finditer(text)


def _literal_head(alternative: str) -> str:
    """The literal start of a regex without a top-level ``|``, up to its first syntax (less
    the character a quantifier makes optional): every match of it holds this text."""
    depth, in_class, escaped = 0, False, False
    for ch in alternative:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            raise ValueError(f"{alternative!r} is an alternation of its own")
    head, syntax = re.match(r"([^\\\[(?*+{|.^$]*)(.?)", alternative).groups()  # type: ignore[union-attr]
    return (head[:-1] if syntax and syntax in "?*{" else head).lower()


def _words(name: str) -> tuple[str, ...]:
    """The literal head of each alternative of the rules.json list ``name``."""
    return tuple(_literal_head(alternative) for alternative in lexicon.rules()[name])


_K = re.IGNORECASE

# "5 missile strikes" are strikes, not missiles ("N strikes hit X" is no launched count).
_MUNITION = r"(?:missiles?|drones?|rockets?|UAVs?|unmanned aerial vehicles?|aerial vehicles|air targets|targets|means of (?:aerial |air )attack|(?:aerial|air|(?:aerial|air)[- ]attack|strike) (?:weapons|assets|means)|munitions|shaheds?|warheads|projectiles|bombs|aircraft)(?!\s+(?:strikes?|attacks?|raids?|assaults?)\b)"
#: What was fired, for patterns elsewhere ("38 Ukrainian drones shot down").
MUNITION = _MUNITION
#: Verbs of downing in the narrow sense ("destroyed" may be an attack's own verb).
DOWNED = r"(?:shot\s+down|brought\s+down|downed|intercepted)"
_INTERCEPT = lexicon.fragment("intercept_verbs")
_INTERCEPT_WORDS = _words("intercept_verbs")
_LAUNCH = lexicon.fragment("launch_verbs")
_LAUNCH_WORDS = _words("launch_verbs")
_N = rf"{QUAL}(?P<n>{NUM})"
# Words between a figure and its munition ("40 Shahed-type attack drones"); never a clause
# boundary or a casualty ("15 injured when glide bombs struck": the 15 are people).
_MODS = (
    r"(?:(?!(?:when|as|after|while|were|was|injured|killed|wounded|hurt|dead|people|civilians|others)\b)"
    r"[\w/-]+\s+){0,4}?"
)
_OF = rf"(?P<a>{NUM})\s+(?:out\s+)?of\s+(?:the\s+|all\s+|(?:Russia|Ukraine|Moscow|Kyiv)['’]s\s+)?(?P<b>{NUM})"
INTERCEPTED = [
    Rule(re.compile(rf"\b{_INTERCEPT}\s+(?:\w+\s+){{0,3}}?{_OF}\b", _K), _INTERCEPT_WORDS),
    Rule(
        re.compile(
            rf"\b{_OF}\s+(?:[\w-]+\s+){{0,4}}?{_MUNITION}\s+(?:\w+\s+){{0,6}}?(?:were|was|had been|have been)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b{_INTERCEPT}\s+(?:\w+\s+){{0,2}}?{_N}\s+{_MODS}{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+{_MODS}{_MUNITION})*)",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b{_N}\s+{_MODS}{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+{_MODS}{_MUNITION})*)\s+"
            rf"(?:\w+\s+){{0,4}}?(?:were|was|had been|have been|being)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    # "102 drones over Bryansk, with 13 others downed over other regions": more of the same
    Rule(
        re.compile(
            rf"\b(?:with|and|while)\s+(?:another\s+)?(?P<n>{NUM})\s+(?:others|more)\s+(?:(?:were|being)\s+)?"
            r"(?:shot down|brought down|downed|intercepted|destroyed)\b",
            _K,
        ),
        ("shot down", "brought down", "downed", "intercepted", "destroyed"),
    ),
    # "counted 90 drones allegedly shot down overnight": the participle with no auxiliary
    Rule(
        re.compile(
            rf"\b{_N}\s+{_MODS}{_MUNITION}\s+(?:(?:allegedly|reportedly|that were|which were)\s+)?"
            rf"{DOWNED}\b",
            _K,
        ),
        ("shot down", "brought down", "downed", "intercepted"),
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>{NUM})\s+of (?:which|them|these) (?:were|was|had been|have been)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    # "launched 120 drones, with 98 shot down", "... with 98 of them being downed": the share of
    # the munitions just counted that was stopped, in an absolute clause
    Rule(
        re.compile(
            rf"(?:,|\band)\s+with\s+{QUAL}(?P<n>{NUM})\s+(?:of (?:them|these|those)\s+)?(?:(?:being|having been)\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    # The munitions just counted, left out: "fired 40 missiles; 30 were intercepted", "Of them,
    # 30 were shot down." A figure that opens its clause has no noun of its own.
    Rule(
        re.compile(
            rf"(?:^|[;,]\s+|\band\s+)(?:of (?:them|these|which),?\s+)?{QUAL}(?P<n>{NUM})\s+"
            rf"(?:were|was|had been|have been)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    # "the mayor said 13 were shot down near the capital": right after a speech verb, the figure
    # of drones the text speaks of (verbs that only fit munitions).
    Rule(
        re.compile(
            rf"\b(?:said|says|reported|added|stated|wrote)(?:\s+that)?\s+{QUAL}(?P<n>{NUM})\s+"
            rf"(?:were|had been|have been)\s+(?:\w+\s+)?{DOWNED}\b",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\bof (?:which|them|these),?\s+{QUAL}(?P<n>{NUM})\s+(?:were|was|had been|have been)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b(?:air defen[cs]es?|air defence units|anti-aircraft)[^.;]{{0,40}}?\b{_INTERCEPT}\s+{_N}\b",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    # Itemised interceptions: "- 40 over the Tula region;", "five each over the Tula and Kaluga regions",
    # "including 12 over the Oryol region"
    Rule(
        re.compile(
            # The place after "over" is capitalised (not "a bridge over the strait"); money is no count.
            # "with 15 of them targeting Moscow": where part of the total was headed is its place too.
            # ("10 — over the territory of the Krasnodar Territory": a dash may stand before "over")
            # ("two over Belgorod and another over Kursk": "another" alone is one more)
            rf"(?:^|[:;,]\s*(?:as well as\s+)?|\s[-–—]\s*|\b(?:and|including|among them|with)\s+)[^\w$€£]*{QUAL}(?P<n>{NUM}|another)\s+(?:[-–—]\s+)?(?:[\w/-]+\s+){{0,2}}?(?:[-–—]\s+)?(?:each\s+)?"
            # ("Ten each were downed over the Voronezh and Lipetsk regions")
            rf"(?:were\s+(?:{DOWNED}\s+|destroyed\s+)?)?"
            r"(?:over|above|targeting|heading (?:for|to|towards)|flying (?:to|towards))\s+(?:the\s+)?"
            rf"(?:(?:territory|territories|skies|airspace)\s+of\s+(?:the\s+)?)?{HELD_BY_FORCE}(?-i:[A-Z])",
            _K,
        ),
        ("over", "above", "targeting", "heading", "flying towards"),
    ),
]
# "units downed 12 drones in Tula Oblast, five in Kaluga Oblast and two in Oryol Oblast": in a
# sentence about shooting down, a figure "in" a place after a comma or "and" is one more item.
# ("downed four drones — two in Rostov, one in Belgorod and another in Kursk": after a dash too,
# and "another" alone is one more)
_ITEMISED_IN = re.compile(
    rf"(?:[;,]\s*(?:as well as\s+)?|\band\s+|\s[-–—]\s*)(?P<n>{NUM}|another)\s+(?:more\s+)?in\s+(?:the\s+)?(?-i:[A-Z])",
    _K,
)
# "over the Bryansk (25), Kursk (20) and Oryol (10) regions", "Bryansk - 25, Kursk - 20": a
# list by place, each name with its figure in brackets or after a dash.
ITEMISED_NAMED = re.compile(
    # ("Kursk region, 126; Bryansk region, 38": after a region's word, a comma too; "Oryol
    # Region – nine": a figure in words after a dash)
    r"(?-i:[A-Z])[\w'’-]+(?:\s+(?:region|oblast)s?)?\s*(?:\(\s*(?P<n>\d{1,4})\s*\)|(?:\s+[-–—]\s+|:\s*|(?<=region),\s*|(?<=oblast),\s*)(?P<m>\d{1,4})\b(?![-–—.:/]\d)"
    rf"|\s+[-–—]\s+(?P<w>{_WORD_NUM})\b(?!\s+(?:of|years?|days?|hours?|people|killed|injured)\b))",
    re.IGNORECASE,
)


def itemised_value(m: re.Match[str]) -> tuple[int, int, int] | None:
    """The figure of an ITEMISED_NAMED match, with its span."""
    group = next(g for g in ("n", "m", "w") if m.group(g))
    value = parse_number(m.group(group))
    return None if value is None else (value, m.start(group), m.end(group))


_INTERCEPT_ANY = re.compile(rf"\b{_INTERCEPT}\b", _K)

LAUNCHED = [
    # "the latest barrage included 465 strike and decoy drones, as well as 32 missiles"
    Rule(
        re.compile(
            rf"\b(?:barrage|attack|assault|strike|salvo|wave)"
            # "the attack on Ukraine involved", "an assault involving", "the attack - including"
            r"(?:\s+(?:on|against)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s*(?:,|—|–|-)?\s*"
            rf"(?:included|involved|comprised|consisted of|involving|comprising|consisting of|including)\s+{_N}\s+"
            rf"{_MODS}(?:(?:and|or)\s+{_MODS})?{_MUNITION}(?P<more>(?:,?\s+(?:and\s+|as well as\s+)?{NUM}\s+{_MODS}{_MUNITION})*)",
            _K,
        ),
        (
            "included",
            "involved",
            "comprised",
            "consisted",
            "involving",
            "comprising",
            "consisting",
            "including",
        ),
    ),
    # "Russia attacked Ukraine with 47 drones and two missiles"
    Rule(
        re.compile(
            rf"\b(?:attacked|struck|targeted|hit|bombarded|pounded|hammered|pummell?ed|battered)\s+(?:[\w'’-]+\s+){{0,6}}?with\s+{_N}\s+{_MODS}{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+{_MODS}{_MUNITION})*)",
            _K,
        ),
        ("with",),
    ),
    Rule(
        re.compile(
            rf"\b{_LAUNCH}\s+(?:\w+\s+){{0,2}}?{_N}\s+{_MODS}{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+{_MODS}{_MUNITION})*)",
            _K,
        ),
        _LAUNCH_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b{_N}\s+{_MODS}{_MUNITION}\s+(?:(?:were|was|had been|have been|had|have)\s+)?(?:fired|launched|struck|hit|slammed|landed|were used|aimed|directed)\b",
            _K,
        ),
        ("fired", "launched", "struck", "hit", "slammed", "landed", "used", "aimed", "directed"),
    ),
    Rule(re.compile(rf"\b{_OF}\s+(?:the\s+)?{_MODS}{_MUNITION}", _K), ("of",)),
    Rule(
        re.compile(
            rf"\b(?P<n>{NUM})\s+of the\s+(?:[\w/-]+\s+){{0,3}}?{_MUNITION}\s+(?:\w+\s+)?(?:hit|struck|landed|exploded|slammed)",
            _K,
        ),
        ("of the",),
    ),
    # One munition: "a missile crashed into", "the single missile"
    Rule(
        re.compile(
            r"\b(?P<n>a|one|a single|single|the single)\s+(?:[\w-]+\s+){0,3}?(?:missile|rocket|drone|bomb|shell)\s+(?:had\s+|has\s+)?(?:struck|hit|tore|exploded|slammed|landed|crashed|smashed)\b",
            _K,
        ),
        ("struck", "hit", "tore", "exploded", "slammed", "landed", "crashed", "smashed"),
    ),
]


def _value(m: re.Match[str], group: str = "n") -> int | None:
    return parse_number(m.group(group))


# Cheap gates: the full patterns run only on sentences that could hold a figure.
_NUMBER_GATE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|couple)\b",
    re.IGNORECASE,
)
# (searched in the lowered sentence: a case-blind search of an alternation this long is slow)
_MUNITION_GATE = re.compile(
    r"missile|drone|rocket|uav|unmanned|target|shahed|means of|bomb|projectile|aircraft|warhead|shell|\bover\b|air defen|"
    r"weapons|assets|munitions|air attack|shot down|intercept|destroyed|downed|neutrali|shootdown|"
    # (the literal head of every verb the interception rules read: "40 were brought down in
    # the Kursk region")
    + "|".join(re.escape(w) for w in _INTERCEPT_WORDS)
)


_QUOTE_MARKS = str.maketrans({'"': " ", "“": " ", "”": " ", "«": " ", "»": " "})


def find_munitions(text: str) -> list[Count]:
    """Launched and intercepted counts: "shot down 30 of 40 drones", "fired 12 missiles"."""
    out: list[Count] = []
    lowered = text.lower()
    if not _MUNITION_GATE.search(lowered):
        return out
    # 'said it had "intercepted and destroyed" 87 drones': a quoted verb is still the verb (the
    # marks become spaces, so every offset stays)
    text = text.translate(_QUOTE_MARKS)
    lowered = lowered.translate(_QUOTE_MARKS)
    counted = bool(_NUMBER_GATE.search(text))
    # Without a written number only the one-munition rule ("a missile struck") can match.
    intercepted = INTERCEPTED if counted else []
    launched = LAUNCHED if counted else LAUNCHED[-1:]
    for rule in intercepted:
        for m in rule.finditer(text, lowered):
            if "a" in m.groupdict() and m.group("a"):
                a, b = parse_number(m.group("a")), parse_number(m.group("b"))
                if a is not None and b is not None and a <= b:
                    out.append(Count("intercepted", a, m.start("a"), m.end("a")))
                    out.append(Count("launched", b, m.start("b"), m.end("b")))
                continue
            value = 1 if m.group("n").lower() == "another" else _value(m)
            if value is None:
                continue
            if "more" in m.groupdict() and m.group("more"):
                value += sum(
                    parse_number(x) or 0
                    for x in re.findall(rf"\b{NUM}\b", m.group("more"), _K)
                    if parse_number(x)
                )
            each = bool(re.match(r"\s+(?:[\w/-]+\s+){0,2}?each\b", text[m.end("n") :]))
            out.append(Count("intercepted", value, m.start("n"), m.end("n"), each))
    if counted and _INTERCEPT_ANY.search(text):
        taken = {c.start for c in out}
        for m in _ITEMISED_IN.finditer(text):
            value = 1 if m.group("n").lower() == "another" else _value(m)
            if value is not None and m.start("n") not in taken:
                out.append(Count("intercepted", value, m.start("n"), m.end("n")))
        for m in ITEMISED_NAMED.finditer(text):
            item = itemised_value(m)
            if item is not None and item[1] not in taken:
                out.append(Count("intercepted", *item))
    for rule in launched:
        for m in rule.finditer(text, lowered):
            if "b" in m.groupdict() and m.groupdict().get("b"):
                continue  # "a of b" is handled by the interception rules
            value = _value(m)
            if value is None or value > 5000 or _is_year(m, text):
                continue
            if m.group("n").lower() in {"a", "an", "single"} and rule is not LAUNCHED[-1]:
                continue
            if m.groupdict().get("more"):
                value += sum(parse_number(x) or 0 for x in re.findall(rf"\b{NUM}\b", m.group("more"), _K))
            out.append(Count("launched", value, m.start("n"), m.end("n")))
    return mark_bounds(text, dedupe(out))


def _is_year(m: re.Match[str], text: str) -> bool:
    """ "Jan 3, 2024 - Russian missiles struck": a year, not a count of munitions."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", m.group("n"))) and bool(
        re.match(r"\s*[-–—,)]", text[m.end("n") :])
    )


# Qualifiers that make a figure a bound (GUIDELINES: "more than N", "over N", "nearly N" are
# null; "at least N" and "about N" are N).
_BOUND_BEFORE = re.compile(
    r"\b(?:more than|over|nearly|almost|up to|upwards of|in excess of|close to|well over)\s+$", re.IGNORECASE
)


def mark_bounds(text: str, counts: list[Count]) -> list[Count]:
    """``counts`` with those a bounding qualifier stands right before marked ``bound``."""
    return [
        dataclasses.replace(c, bound=True) if _BOUND_BEFORE.search(text, max(0, c.start - 20), c.start) else c
        for c in counts
    ]


def dedupe(counts: list[Count]) -> list[Count]:
    """One count per kind and position, in text order."""
    seen: set[tuple[str, int]] = set()
    out = []
    for c in sorted(counts, key=lambda c: (c.start, c.kind)):
        if (c.kind, c.start) in seen:
            continue
        seen.add((c.kind, c.start))
        out.append(c)
    return out


# "ten others — including four children — were injured": an aside between dashes or brackets
# reads as one between commas (same length, so every span stays where it was).
# (a spaced hyphen stands for a dash in copied text; a hyphen inside a word is no dash)
_DASHED_ASIDE = re.compile(r"\s[—–-]\s([^—–.;,:\d-](?:(?!\s-\s)[^—–.;,:]){0,79}?)\s[—–-]\s")
_BRACKETED_ASIDE = re.compile(r"\s\(([^()\d][^()]{0,79})\)(?=\s)")


def asides_as_commas(text: str) -> str:
    """``text`` with asides between dashes or brackets set between commas instead."""
    text = _DASHED_ASIDE.sub(lambda m: f",  {m.group(1)},  ", text)
    return _BRACKETED_ASIDE.sub(lambda m: f", {m.group(1)},", text)
