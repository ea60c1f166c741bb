"""Numbers: casualty figures and launched/shot-down counts in a sentence.

Finding a figure is kept apart from deciding which record it belongs to (assembly does
that): each finder returns ``Count`` matches with their spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analytics import lexicon

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "both": 2, "their": 1, "his": 1, "her": 1,
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
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUM}(?:\s+hundred)?)"
QUAL = r"(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|approximately|roughly|a total of|in total|another|a further|further|the)\s+)?"


def parse_number(text: str) -> int | None:
    """'52' -> 52, '1,200' -> 1200, 'twenty-three' -> 23, 'a dozen' -> 12; None when not a number."""
    t = text.strip().lower()
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    hundred = 1
    if t.endswith(" hundred"):
        hundred, t = 100, t[: -len(" hundred")].strip()
    if t in _UNITS:
        return _UNITS[t] * hundred
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](\w+))?", t)
    if m:
        return (_TENS[m.group(1)] + (_UNITS.get(m.group(2) or "", 0) if m.group(2) else 0)) * hundred
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


_PERSON = r"(?:people|persons|civilians|residents|children|adults|men|women|soldiers|servicemen|workers|employees|passengers|others|person|civilian|man|woman|child|boy|girl|teenager|resident|rescuers?|firefighters?|medics?|guards?|officers?|police officers?|journalists?|elderly (?:people|man|woman)|(?:\d+|[a-z]+)-year-old (?:man|woman|boy|girl|person)?)"
_KILL_WORDS = r"(?:killed|dead|died|die|perished|lost their lives|lost his life|lost her life|slain)"
_HURT_WORDS = r"(?:injured|wounded|hurt|injuries|wounds)"
# What a match ending in one of those words holds, for the rules' cheap test.
_KILL_NEEDS = ("killed", "dead", "die", "perished", "lost", "slain")
_HURT_NEEDS = ("injured", "wounded", "hurt", "injuries", "wounds")

_K = re.IGNORECASE
_MID = r"(?:(?!(?:of|and|or|killed|dead|died|injured|wounded|hurt)\b)[a-z][\w-]*\s+)"
_SINGLE = r"(?:man|woman|child|boy|girl|person|civilian|resident|teenager|pensioner|driver|worker|employee|guard|rescuer|firefighter|soldier|serviceman|policeman|police officer|first responder|responder|paramedic|medic|volunteer|nurse|doctor|journalist|security guard|passer-by|passerby|local resident|(?:\d+|[a-z]+)-year-old(?:\s+(?:man|woman|boy|girl|person|resident|employee))?)"

KILLED = [
    Rule(
        re.compile(
            rf"\b(?:killing|killed|kills|kill|claiming the lives of|claimed the lives of|took the lives of|left)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|kilomet|miles|metres|meters|%|percent|per cent|years|hours|minutes))(?:\s+(?:\w+\s+){{0,2}}?{_PERSON})?",
            _K,
        ),
        ("kill", "lives of", "left"),
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:(?:were|was|have been|had been|has been|are|is|being|reported|confirmed)\s+)?(?:\w+\s+)?{_KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>a|an)\s+{_MID}{{0,2}}?{_SINGLE}(?:\s+(?:of|at|from|in|on)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?\s+(?:was|has been|had been|is|were)\s+(?:\w+\s+)?{_KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "the girl was killed along with three other civilians": the others and the one named
    Rule(
        re.compile(
            rf"\b(?:was|were|has been|had been)\s+(?:\w+\s+)?{_KILL_WORDS}\s+(?:along|together)\s+with\s+(?P<n>{NUM})\s+others?\b",
            _K,
        ),
        ("along with", "together with"),
    ),
    # "killed a couple", "killing an elderly couple"
    Rule(re.compile(r"\b(?:killing|killed|kills)\s+(?P<n>an?)\s+(?:\w+\s+)?couple\b", _K), ("couple",)),
    # "killing a security guard", "killed an elderly woman"
    Rule(re.compile(rf"\b(?:killing|killed|kills)\s+(?P<n>a|an)\s+{_MID}{{0,2}}?{_SINGLE}\b", _K), ("kill",)),
    # "a local resident died in hospital", "a resident of the town has died of his wounds"
    Rule(
        re.compile(
            rf"\b(?P<n>a|an)\s+(?:[\w-]+\s+){{0,3}}?{_SINGLE}(?:\s+of\s+(?:the\s+)?[\w-]+)?\s+(?:has\s+|had\s+)?(?:died|perished)\b",
            _K,
        ),
        ("died", "perished"),
    ),
    Rule(
        re.compile(
            rf"\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|fatalities|people killed|those killed|victims)|fatalities)\b[^.;]{{0,130}}?\b(?:to|at|reached|hit|passed|is|was|of|stands at|now)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|%|percent|years))",
            _K,
        ),
        ("toll", "number of", "fatalities"),
    ),
    Rule(
        # "two confirmed deaths", "three civilian fatalities"
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+(?:(?:confirmed|reported|known|civilian)\s+)?"
            rf"(?:dead|deaths|fatalities|bodies|lives)\b",
            _K,
        ),
        ("dead", "death", "fatalities", "bodies", "lives"),
    ),
    Rule(
        re.compile(
            rf"\b(?:raised|rose|risen|increased|climbed|revised)\s+(?:\w+\s+)?to\s+(?P<n>{NUM})\s+the (?:number of (?:people |those )?(?:killed|dead)|death toll)",
            _K,
        ),
        ("the number of", "the death toll"),
    ),
    # "Twelve people, four of them children, were killed"
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_PERSON},\s+[^,.;]{{1,60}},\s+(?:were|have been|had been|was)\s+(?:also\s+)?{_KILL_WORDS}",
            _K,
        ),
        _KILL_NEEDS,
    ),
]
WOUNDED = [
    Rule(
        re.compile(
            rf"\b(?:injuring|wounding|injured|wounded|hurt|injures|wounds)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|%|percent|years|hours))(?:\s+(?:\w+\s+){{0,2}}?{_PERSON})?",
            _K,
        ),
        ("injur", "wound", "hurt"),
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:(?:were|was|have been|had been|has been|are|is|being|reported|got|sustained|suffered)\s+)?(?:\w+\s+)?{_HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>a|an)\s+{_MID}{{0,2}}?{_SINGLE}(?:\s+(?:of|at|from|in|on)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?\s+(?:was|has been|had been|is|were)\s+(?:\w+\s+)?{_HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(rf"\b(?:injuring|wounding|injured|wounded)\s+(?P<n>a|an)\s+{_MID}{{0,2}}?{_SINGLE}\b", _K),
        ("injur", "wound"),
    ),
    Rule(
        re.compile(
            rf"\b(?:number of (?:the )?(?:injured|wounded)|injured|wounded)\b[^.;]{{0,40}}?\b(?:to|at|reached|rose to|stands at)\s+{QUAL}(?P<n>{NUM})\b",
            _K,
        ),
        ("injured", "wounded"),
    ),
    Rule(
        re.compile(
            rf"\b(?:put|puts|putting|raised|raising)\s+the number of (?:the )?(?:injured|wounded)\s+at\s+{QUAL}(?P<n>{NUM})",
            _K,
        ),
        ("injured", "wounded"),
    ),
    Rule(
        re.compile(
            rf"\b(?:raised|rose|risen|increased|climbed|revised)\s+(?:\w+\s+)?to\s+(?P<n>{NUM})\s+the number of (?:people |those )?(?:hurt|injured|wounded)",
            _K,
        ),
        ("hurt", "injured", "wounded"),
    ),
    # "three people, including an elderly woman, were also wounded"
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_PERSON},\s+[^,.;]{{1,60}},\s+(?:were|have been|had been|was)\s+(?:also\s+)?{_HURT_WORDS}",
            _K,
        ),
        _HURT_NEEDS,
    ),
    # "wounded their child", "injuring his wife": one relative of those named before
    Rule(
        re.compile(
            r"\b(?:wounded|injured|wounding|injuring|hurt)\s+(?P<n>their|his|her)\s+(?:\w+\s+)?"
            r"(?:child|daughter|son|wife|husband|mother|father|grandson|granddaughter|brother|sister)\b",
            _K,
        ),
        ("wound", "injur", "hurt"),
    ),
]
CHILDREN = [
    Rule(
        re.compile(
            rf"\b(?:including|among them|among whom|of whom|of them|among the dead (?:were|are))\s+{QUAL}(?P<n>{NUM})\s+(?:\w+\s+)?(?:children|child|minors|teenagers|kids)\b",
            _K,
        ),
        ("child", "minor", "teenager", "kids"),
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>{NUM})\s+of (?:them|the dead|those killed)\s+(?:were\s+)?(?:children|minors)\b", _K
        ),
        ("children", "minors"),
    ),
]
# "No casualties", "nobody was killed or injured", "no damage or casualties", "without causing any
# casualties": a stated zero (GUIDELINES: "no casualties" is killed 0 and wounded 0, "no deaths"
# alone is killed 0). The words named decide which figure is zero; "no word on casualties" or
# "no more casualties" name no zero (only these words may follow the negation).
_ZERO_WORD = r"(?:casualties|victims|deaths|fatalities|injuries|dead|injured|killed|hurt|wounded|died)"
_ZERO_LIST = rf"(?:(?:damage|destruction)\s+(?:or|and)\s+)?{_ZERO_WORD}(?:\s*(?:,|or|and|nor)\s+(?:any\s+)?(?:{_ZERO_WORD}|damage|destruction))*"
ZERO = re.compile(
    r"\b(?:(?:no|none|nobody|no one|no-one|not one person)(?:\s+else)?\s+(?:(?:was|were|is|are|has been|have been|had been)\s+)?"
    r"(?:(?:immediately\s+)?reported\s+)?"
    rf"|there\s+(?:were|are|was|have been|had been)\s+no\s+|without\s+(?:causing\s+|leaving\s+)?(?:any\s+)?)"
    rf"(?P<words>{_ZERO_LIST})\b",
    re.IGNORECASE,
)
_ZERO_KILLED = frozenset({"killed", "deaths", "fatalities", "dead", "died"})
_ZERO_WOUNDED = frozenset({"injured", "wounded", "injuries"})

_MUNITION = r"(?:missiles?|drones?|rockets?|UAVs?|unmanned aerial vehicles?|aerial vehicles|air targets|targets|means of air attack|shaheds?|warheads|projectiles|bombs|aircraft)"
_INTERCEPT = lexicon.fragment("intercept_verbs")
_INTERCEPT_WORDS = _words("intercept_verbs")
_LAUNCH = lexicon.fragment("launch_verbs")
_LAUNCH_WORDS = _words("launch_verbs")
_N = rf"{QUAL}(?P<n>{NUM})"
_OF = rf"(?P<a>{NUM})\s+of\s+(?:the\s+|all\s+)?(?P<b>{NUM})"
INTERCEPTED = [
    Rule(re.compile(rf"\b{_INTERCEPT}\s+(?:\w+\s+){{0,3}}?{_OF}\b", _K), _INTERCEPT_WORDS),
    Rule(
        re.compile(
            rf"\b{_OF}\s+(?:[\w-]+\s+){{0,4}}?{_MUNITION}\s+(?:\w+\s+){{0,3}}?(?:were|was|had been|have been)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b{_INTERCEPT}\s+(?:\w+\s+){{0,2}}?{_N}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION})*)",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b{_N}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION}\s+(?:\w+\s+){{0,2}}?(?:were|was|had been|have been|being)\s+(?:\w+\s+)?{_INTERCEPT}",
            _K,
        ),
        _INTERCEPT_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>{NUM})\s+of (?:which|them|these) (?:were|was|had been|have been)\s+(?:\w+\s+)?{_INTERCEPT}",
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
    # Itemised interceptions: "- 40 over the Tula region;", "five each over the Tula and Kaluga regions"
    Rule(
        re.compile(
            # The place after "over" is capitalised (not "a bridge over the strait"); money is no count.
            rf"(?:^|[:;,]\s*(?:as well as\s+)?|\s[-–—]\s*|\band\s+)[^\w$€£]*{_N}\s+(?:[\w/-]+\s+){{0,2}}?(?:each\s+)?(?:were\s+)?(?:over|above)\s+(?:the\s+)?"
            rf"(?:(?:territory|territories|skies|airspace)\s+of\s+(?:the\s+)?)?(?-i:[A-Z])",
            _K,
        ),
        ("over", "above"),
    ),
]
LAUNCHED = [
    # "Russia attacked Ukraine with 47 drones and two missiles"
    Rule(
        re.compile(
            rf"\b(?:attacked|struck|targeted|hit|bombarded)\s+(?:[\w'’-]+\s+){{0,3}}?with\s+{_N}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION})*)",
            _K,
        ),
        ("with",),
    ),
    Rule(
        re.compile(
            rf"\b{_LAUNCH}\s+(?:\w+\s+){{0,2}}?{_N}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION}(?P<more>(?:,?\s+(?:and\s+)?{NUM}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION})*)",
            _K,
        ),
        _LAUNCH_WORDS,
    ),
    Rule(
        re.compile(
            rf"\b{_N}\s+(?:[\w/-]+\s+){{0,4}}?{_MUNITION}\s+(?:(?:were|was|had been|have been|had|have)\s+)?(?:fired|launched|struck|hit|slammed|landed|were used|aimed|directed)\b",
            _K,
        ),
        ("fired", "launched", "struck", "hit", "slammed", "landed", "used", "aimed", "directed"),
    ),
    Rule(re.compile(rf"\b{_OF}\s+(?:the\s+)?(?:[\w/-]+\s+){{0,4}}?{_MUNITION}", _K), ("of",)),
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


def _qualified_plural_ok(m: re.Match[str]) -> bool:
    # "a" / "an" count only as one person ("a woman was killed"), never as "a number of".
    n = m.group("n").lower()
    return not (n in {"a", "an"} and re.match(r"\s*(?:number|lot|total|series|few)", m.string[m.end("n") :]))


# Cheap gates: the full patterns run only on sentences that could hold a figure.
_CASUALTY_GATE = re.compile(
    r"kill|dead|die|death|injur|wound|hurt|casualt|victim|lives|life|toll|fatalit|bodies|perish|slain",
    re.IGNORECASE,
)
_NUMBER_GATE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|couple)\b",
    re.IGNORECASE,
)
_MUNITION_GATE = re.compile(
    r"missile|drone|rocket|UAV|unmanned|target|shahed|means of|bomb|projectile|aircraft|warhead|shell|\bover\b",
    re.IGNORECASE,
)


def find_casualties(text: str) -> list[Count]:
    """Killed, wounded and children-killed figures stated in ``text``."""
    out: list[Count] = []
    if not _CASUALTY_GATE.search(text):
        return out
    lowered = text.lower()
    for kind, rules in (("killed", KILLED), ("wounded", WOUNDED), ("children_killed", CHILDREN)):
        for rule in rules:
            for m in rule.finditer(text, lowered):
                if not _qualified_plural_ok(m):
                    continue
                value = _value(m)
                # No single strike has killed or hurt thousands: such a figure is a running total.
                if value is None or (kind != "children_killed" and value >= 1000):
                    continue
                between = text[m.start() : m.end()].lower()
                if value == 1 and re.search(r"\bcouple\b", between):
                    value = 2  # "killed a couple"
                elif re.search(r"\b(?:along|together) with\b", between):
                    value += 1  # "killed along with three others": four
                if kind != "children_killed" and re.search(
                    r"\b(?:of the dead|of those|since|in total|a year|per cent|percent)\b", between
                ):
                    continue
                additional = bool(
                    re.search(
                        r"\b(?:another|a further|further|additional)\s+$",
                        text[max(0, m.start("n") - 12) : m.start("n")],
                    )
                    or re.match(r"\s+more\b", text[m.end("n") :])
                )
                loose = (
                    kind == "killed"
                    and "victim" in between
                    and not re.search(r"\b(?:killed|dead|died)\b", between)
                )
                out.append(Count(kind, value, m.start("n"), m.end("n"), additional=additional, loose=loose))
    for m in ZERO.finditer(text):
        words = {w.lower() for w in re.findall(_ZERO_WORD, m.group("words"), re.IGNORECASE)}
        start, end = m.span()
        # "No one was injured" holds no count of one.
        out = [c for c in out if not (start <= c.start < end)]
        # Casualties, victims or nobody hurt: neither killed nor wounded.
        both = bool(words & {"casualties", "victims", "hurt"})
        if both or words & _ZERO_KILLED:
            out.append(Count("killed", 0, start, end))
        if both or words & _ZERO_WOUNDED:
            out.append(Count("wounded", 0, start, end))
    return _dedupe(out)


def find_munitions(text: str) -> list[Count]:
    """Launched and intercepted counts: "shot down 30 of 40 drones", "fired 12 missiles"."""
    out: list[Count] = []
    if not _MUNITION_GATE.search(text):
        return out
    counted = bool(_NUMBER_GATE.search(text))
    # Without a written number only the one-munition rule ("a missile struck") can match.
    intercepted = INTERCEPTED if counted else []
    launched = LAUNCHED if counted else LAUNCHED[-1:]
    lowered = text.lower()
    for rule in intercepted:
        for m in rule.finditer(text, lowered):
            if "a" in m.groupdict() and m.group("a"):
                a, b = parse_number(m.group("a")), parse_number(m.group("b"))
                if a is not None and b is not None and a <= b:
                    out.append(Count("intercepted", a, m.start("a"), m.end("a")))
                    out.append(Count("launched", b, m.start("b"), m.end("b")))
                continue
            value = _value(m)
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
    return _dedupe(out)


def _is_year(m: re.Match[str], text: str) -> bool:
    """ "Jan 3, 2024 - Russian missiles struck": a year, not a count of munitions."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", m.group("n"))) and bool(
        re.match(r"\s*[-–—,)]", text[m.end("n") :])
    )


def _dedupe(counts: list[Count]) -> list[Count]:
    seen: set[tuple[str, int]] = set()
    out = []
    for c in sorted(counts, key=lambda c: (c.start, c.kind)):
        if (c.kind, c.start) in seen:
            continue
        seen.add((c.kind, c.start))
        out.append(c)
    return out
