"""Casualty figures in a sentence: killed, wounded, children killed, and stated zeros.

A figure is a subject and a casualty predicate ("three people ... were killed", "killing
three", "the toll rose to three"); what may stand between them is a verb group ("are known to
have been"), an apposition (", including a child,", ", 52,") or a relative clause. Finding a
figure is kept apart from deciding which record it belongs to (assembly does that).
"""

from __future__ import annotations

import dataclasses
import re

from analytics.extract.numbers import (
    ITEMISED_NAMED,
    NUM,
    Count,
    _value,
    asides_as_commas,
    dedupe,
    itemised_value,
    mark_bounds,
    parse_number,
)
from analytics.extract.toll_rules import (
    AGE,
    CHILDREN,
    HURT_WORDS,
    KILL_WORDS,
    KILLED,
    SINGLE,
    WOUNDED,
    ZERO,
    ZERO_KILLED,
    ZERO_WORD,
    ZERO_WOUNDED,
)

# The letters and hyphen of a weapon's name before its number: "KN-23", "Kh-101", "Tu-95".
_SYSTEM_NAME_BEFORE = re.compile(r"\b[A-Za-z]{1,4}-$")
# (searched in the lowered sentence: faster than a case-blind search)
_CASUALTY_GATE = re.compile(
    r"kill|dead|die|death|injur|wound|hurt|harm|casualt|victim|lives|life|toll|fatalit|bodies|perish|slain|cuts|concussion|burns|fracture|bruise|contusion|laceration|barotrauma"
)


def _qualified_plural_ok(m: re.Match[str]) -> bool:
    # "a" / "an" count only as one person ("a woman was killed"), never as "a number of".
    n = m.group("n").lower()
    after = m.string[m.end("n") :]
    if re.match(r"\s+famil(?:y|ies)\b(?!\s+members)", after, re.IGNORECASE):
        return False  # "one family were killed": families, not people
    return not (n in {"a", "an"} and re.match(r"\s*(?:number|lot|total|series|few)", after))


# "killed two people in Kostiantynivka and one in Druzhkivka": a figure given by place, then
# more figures of the same verb for other places with the verb left out.
_BY_PLACE = re.compile(
    r"\s+(?:(?:people|civilians|residents|others?|more)\s+)?in\s+(?:the\s+)?(?-i:[A-Z])", re.IGNORECASE
)
# "... and a woman in Marhanets": one person, the verb left out
_ONE_BY_PLACE = (
    r"(?:a|an)(?=\s+(?:man|woman|boy|girl|child|teenager|pensioner|resident)\s+in\s+(?:the\s+)?(?-i:[A-Z]))"
)
_ELLIPTIC = re.compile(
    rf"[^.;:]{{0,40}}?(?:,\s*(?:and\s+)?|\s+and\s+)(?P<n>(?:{NUM}|another)(?={_BY_PLACE.pattern})|{_ONE_BY_PLACE})",
    re.IGNORECASE,
)


# "12 killed across the country, including five in Kharkiv", "... five of them in Kharkiv": a
# place's share of the toll before it.
_SHARE = re.compile(
    rf"[^.;:]{{0,60}}?(?:\b(?:including|among them)\s+(?:at least\s+)?(?P<n>{NUM})(?={_BY_PLACE.pattern})"
    rf"|,\s*(?P<of>{NUM})\s+of\s+(?:them|whom)(?=\s+in\s+(?:the\s+)?(?-i:[A-Z]))"
    # "two deaths, one in Donetsk and another in Zaporizhzhia": the toll shared out by place
    rf"|,\s*(?P<each>{NUM})(?={_BY_PLACE.pattern}))",
    re.IGNORECASE,
)


def _shares(text: str, counts: list[Count]) -> list[Count]:
    """The part of a toll a place had, told after the toll: it has the toll's kind."""
    out: list[Count] = []
    for c in counts:
        if c.kind not in {"killed", "wounded"} or (m := _SHARE.match(text, c.end)) is None:
            continue
        group = next(g for g in ("n", "of", "each") if m.group(g))
        if any(c.end <= o.start < m.start(group) for o in counts if o is not c):
            continue  # "21 injuries and two deaths, one in A": the share is of the nearer toll
        value = parse_number(m.group(group))
        if value is not None and not any(o.start == m.start(group) for o in counts):
            out.append(Count(c.kind, value, m.start(group), m.end(group)))
    return out


def _itemised(text: str, counts: list[Count]) -> list[Count]:
    """ "killed six people in the Kherson (3), Donetsk (2) and Zaporizhzhia (1) regions": each
    place's figure, of the kind of the toll it breaks down."""
    tolls = [c for c in counts if c.kind in {"killed", "wounded"}]
    if len(tolls) != 1:
        return []
    kind, after = tolls[0].kind, tolls[0].end
    taken = {c.start for c in counts}
    out = []
    for m in ITEMISED_NAMED.finditer(text, after):
        item = itemised_value(m)
        if item is not None and item[1] not in taken:
            out.append(Count(kind, *item))
    return out


def _elliptic(text: str, counts: list[Count], ends: dict[tuple[str, int], int]) -> list[Count]:
    """The figures a sentence gives for further places with the verb left out: each takes the
    kind of the figure by place before it."""
    out: list[Count] = []
    for c in sorted(counts, key=lambda c: c.start):
        # The place follows the figure ("killed two people in A") or its phrase ("two were
        # killed in A").
        pos = next((p for p in (c.end, ends.get((c.kind, c.start), c.end)) if _BY_PLACE.match(text, p)), None)
        if c.kind == "children_killed" or pos is None:
            continue
        while (m := _ELLIPTIC.match(text, pos)) is not None:
            # "two in A and another in B": one more
            value = 1 if m.group("n").lower() == "another" else parse_number(m.group("n"))
            if value is None or any(o.start == m.start("n") for o in counts):
                break
            # (a share of its own, added to the figure before it even when the two are equal)
            out.append(Count(c.kind, value, m.start("n"), m.end("n"), additional=True))
            pos = m.end("n")
    return out


# "killing the driver and a passenger": a second person named after the first.
_AND_ONE_MORE = re.compile(
    # (not "a man was killed and a woman injured": the second person has a verb of their own)
    rf"\s+and\s+(?:a|an|the|another|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?{SINGLE}\b"
    r"(?!\s+(?:was|were|is|(?:seriously\s+|badly\s+|slightly\s+)?(?:injured|wounded|hurt))\b)",
    re.IGNORECASE,
)
# What may follow "the driver" when one person is meant: the phrase ends there.
_PHRASE_ENDS = re.compile(
    r"\s*(?:[,.;:!?)\"”]|$|\s(?:and|in|at|on|near|of|who|as|when|while|after|before|was|is|has|had|were|instantly|outright)\b)"
)


# the person first, then what befell them: "the guard was wounded", "the driver received a
# shrapnel wound"
_SAID_OF = re.compile(rf"(?:{KILL_WORDS}|{HURT_WORDS}|injury|wound|trauma)$", re.IGNORECASE)


def _the_one_person(m: re.Match[str]) -> bool:
    """ "killing the driver" counts one person; "killing the civilian population" does not."""
    if m.group("n").lower() != "the" or _SAID_OF.search(m.group(0)):
        return True  # "the guard was wounded": the verb follows the person
    return _PHRASE_ENDS.match(m.string, m.end()) is not None


# People named one by one and joined by "and": "a man and his son", "two women and a man", "a
# policeman and two rescuers". Each part is a determiner or a number, up to two modifiers and a
# word for people; the parts' counts add up.
_PLURAL_PEOPLE = r"(?:people|persons|civilians|residents|children|men|women|sons|daughters|workers|employees|passengers|rescuers|firefighters|policemen|police officers|medics|paramedics|soldiers|volunteers|journalists|neighbou?rs|teenagers|pensioners|boys|girls|guards)"
_OWNER = r"(?:(?:his|her|their|its)\s+)?"  # "her two children": the number after the possessive
_PART = rf"{_OWNER}(?:{NUM}|a|an|the|his|her|their|its|another)\s+(?:(?!and\b)[\w-]+\s+){{0,2}}?(?:{_PLURAL_PEOPLE}|{SINGLE})\b{AGE}"
_PART_RE = re.compile(
    rf"{_OWNER}(?P<n>{NUM}|a|an|the|his|her|their|its|another)\s+(?:(?!and\b)[\w-]+\s+){{0,2}}?(?:{_PLURAL_PEOPLE}|{SINGLE})\b",
    re.IGNORECASE,
)
_PEOPLE_LIST = rf"(?P<list>{_PART}(?:,\s+{_PART})*,?\s+and\s+{_PART})"
_LISTED = [
    # "a man and his son were injured", "two women and a man have been wounded"
    re.compile(
        rf"(?<![\w-]){_PEOPLE_LIST}\s+(?:were|have been|had been|are)\s+(?:\w+\s+)?(?P<verb>{KILL_WORDS}|{HURT_WORDS})\b",
        re.IGNORECASE,
    ),
    # "the blast wounded a policeman and two rescuers", "killing a woman and her daughter"
    re.compile(
        rf"\b(?P<verb>killing|killed|kills|injuring|injured|injures|wounding|wounded|wounds)\s+{_PEOPLE_LIST}",
        re.IGNORECASE,
    ),
    # "two pensioners and a girl who received light injuries"
    re.compile(
        rf"(?<![\w-]){_PEOPLE_LIST}\s+(?:who\s+)?(?:suffered|sustained|received)\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?P<verb>injuries|wounds)\b",
        re.IGNORECASE,
    ),
]


# "the toll rose to 34, including two children, and 117 were injured": a list opened by
# "including" is the part of the figure before it, not the first of the people counted after.
# ("casualties, including a boy and a woman": with no figure before, the list is the count)
_SUBSET_BEFORE = re.compile(
    rf"\b{NUM}\b[^.;]{{0,40}}?\b(?:including|among them|among whom|of them|of whom)\s*$", re.IGNORECASE
)


def _people_listed(text: str) -> list[Count]:
    """Figures of people named one by one ("a man and his son were injured": two)."""
    out = []
    for pattern in _LISTED:
        for m in pattern.finditer(text):
            if _SUBSET_BEFORE.search(text, 0, m.start("list")):
                continue
            kind = (
                "killed" if re.match(r"kill|dead|die|perish|lost|slain", m.group("verb"), re.I) else "wounded"
            )
            total = 0
            for part in _PART_RE.finditer(m.group("list")):
                value = parse_number(part.group("n"))
                total += 1 if value is None else value
            out.append(Count(kind, total, m.start("list"), m.end("list")))
    return out


# "men aged 45, 59 and 73 were injured", "a woman aged 60": ages, one per person named.
_AGES = re.compile(
    r"\b(?P<who>[a-z]+)\s+aged\s+(?P<range>between\s+|from\s+)?"
    r"(?P<ages>\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|and\s+|to\s+)\d{1,3})*)\b",
    re.IGNORECASE,
)


def _ages_are_people(text: str, counts: list[Count]) -> list[Count]:
    """A figure read from a list of ages is the number of people the list names."""
    for m in _AGES.finditer(text):
        inside = [c for c in counts if m.start("ages") <= c.start < m.end("ages")]
        if m.group("range"):
            # "three people aged between 20 and 40": the ages bound the people counted before.
            counts = [c for c in counts if c not in inside]
            continue
        people = len(re.findall(r"\d{1,3}", m.group("ages")))
        # "Two men aged 40 and 52 were killed": the figure before the ages already counts them.
        counted = {o.kind for o in counts if m.start() - 15 <= o.start < m.start("ages") and o not in inside}
        counts = [c for c in counts if c not in inside or c.kind not in counted]
        counts = [
            dataclasses.replace(c, value=people, start=m.start("ages"))
            if c in inside and c.kind != "children_killed"
            else c
            for c in counts
        ]
    return counts


def _nearest_toll(counts: list[Count], at: int) -> str | None:
    """The kind of the killed or wounded figure nearest before offset ``at``."""
    before = [c for c in counts if c.kind in ("killed", "wounded") and c.start < at]
    return max(before, key=lambda c: c.start).kind if before else None


_AN_AGE = re.compile(r"(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d{1,3})*\s*(?:-|\s+)years?[-\s]+old\b", re.IGNORECASE)


# "... 10 people injured; later the number had risen to 15": the figure of the kind told before
_THE_NUMBER_ROSE = re.compile(
    rf"\bthe\s+(?:number|figure|count)\s+(?:had\s+|has\s+)?(?:since\s+|later\s+|then\s+)?"
    rf"(?:risen|rose|climbed|increased|grown|grew|reached|jumped)\s+(?:to\s+)?(?:at least\s+)?(?P<n>{NUM})\b",
    re.IGNORECASE,
)


def _the_number_rose(text: str, counts: list[Count]) -> list[Count]:
    out = []
    for m in _THE_NUMBER_ROSE.finditer(text):
        kind = _nearest_toll(counts, m.start())
        value = parse_number(m.group("n"))
        if kind is not None and value is not None and not any(c.start == m.start("n") for c in counts):
            out.append(Count(kind, value, m.start("n"), m.end("n")))
    return out


_ORDINALS = {
    w: i
    for i, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), start=2
    )
}
# "a 35th victim died in hospital", "a third body was pulled from the rubble": the dead counted so
# far, the latest toll (GUIDELINES), not one more person.
_ORDINAL_DEAD = re.compile(
    rf"\b(?:a|the)\s+(?P<n>{'|'.join(_ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))\s+"
    r"(?P<who>victim|person|body|man|woman|child|resident|civilian|passenger|worker)\b",
    re.IGNORECASE,
)
_DEATH = re.compile(r"\b(?:died|killed|dead|death|bod(?:y|ies))\b", re.IGNORECASE)


def _ordinal_dead(text: str, counts: list[Count]) -> list[Count]:
    if not _DEATH.search(text):
        return counts
    for m in _ORDINAL_DEAD.finditer(text):
        word = m.group("n").lower()
        value = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        # ("a 35th victim, a man who ... died": the one person is the ordinal's)
        counts = [
            c for c in counts if not (c.kind == "killed" and (m.start() <= c.start < m.end() or c.value == 1))
        ]
        counts.append(Count("killed", value, m.start("n"), m.end("n")))
    return counts


def find_casualties(text: str) -> list[Count]:
    """Killed, wounded and children-killed figures stated in ``text``."""
    out: list[Count] = []
    if not _CASUALTY_GATE.search(text.lower()):
        return _ordinal_dead(text, out)
    text = asides_as_commas(text)
    lowered = text.lower()
    ends: dict[tuple[str, int], int] = {}  # where each figure's phrase ends ("two were killed")
    for kind, rules in (("killed", KILLED), ("wounded", WOUNDED), ("children_killed", CHILDREN)):
        for rule in rules:
            for m in rule.finditer(text, lowered):
                if not _qualified_plural_ok(m) or not _the_one_person(m):
                    continue
                value = _value(m)
                # No single strike has killed or hurt thousands: such a figure is a running total.
                if value is None or (kind != "children_killed" and value >= 1000):
                    continue
                if _AN_AGE.match(text, m.end("n")):
                    continue  # "a man 64 years old was killed": an age, not a count
                if _SYSTEM_NAME_BEFORE.search(text, max(0, m.start("n") - 6), m.start("n")):
                    continue  # "a KN-23 ballistic missile killed 12": a weapon's name, not a count
                between = text[m.start() : m.end()].lower()
                if value == 1 and re.search(r"\bcouple\b", between):
                    value = 2  # "killed a couple"
                elif re.search(r"\b(?:along|together) with\b", between):
                    value += 1  # "killed along with three others": four
                elif value == 1 and _AND_ONE_MORE.match(text, m.end()):
                    value = 2  # "killing the driver and a passenger"
                if kind != "children_killed" and re.search(
                    r"\b(?:(?<!toll )(?<!number )of the dead|(?<!number )of those|since(?! (?:risen|rose|climbed|increased|grown|gone up|died))|in total|"
                    r"a year|per cent|percent)\b",
                    between,
                ):
                    continue
                # Bodies recovered are a search's finds, not a rise in the toll the text states.
                additional = "bod" not in between and bool(
                    m.group("n").lower() == "another"
                    or re.search(
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
                ends[(kind, m.start("n"))] = max(ends.get((kind, m.start("n")), 0), m.end())
    # "13 people including two children were injured": a subset inside a toll's own phrase is
    # part of it, no toll of its own
    spans = {(c.kind, c.start, ends[(c.kind, c.start)]) for c in out if (c.kind, c.start) in ends}
    out = [
        c
        for c in out
        if not (
            re.search(r"\bincluding\s+$", text[max(0, c.start - 12) : c.start])
            and any(k == c.kind and s < c.start < e for k, s, e in spans)
        )
    ]
    # "40 people, including five children, were wounded": the children are of the wounded.
    hurt = [(c.start, ends[("wounded", c.start)]) for c in out if c.kind == "wounded"]
    out = [c for c in out if c.kind != "children_killed" or not any(s < c.start < e for s, e in hurt)]
    # "injured 24 civilians, including four children": the nearest toll before it owns the subset
    out = [c for c in out if c.kind != "children_killed" or _nearest_toll(out, c.start) != "wounded"]
    out = _ages_are_people(text, out)
    out = _ordinal_dead(text, out)
    out += _the_number_rose(text, out)
    out += _elliptic(text, out, ends)
    shares = _shares(text, out)
    # "two deaths, one in A and another in B": the items after a share are shares too
    out += shares + _elliptic(text, shares, {})
    out += _itemised(text, out)
    for listed in _people_listed(text):
        # The parts were each read as a figure of their own: the list's sum stands for them.
        out = [c for c in out if not (c.kind == listed.kind and listed.start <= c.start < listed.end)]
        out.append(listed)
    for m in ZERO.finditer(text):
        words = {w.lower() for w in re.findall(ZERO_WORD, m.group("words"), re.IGNORECASE)}
        start, end = m.span()
        # "No one was injured" holds no count of one.
        out = [c for c in out if not (start <= c.start < end)]
        # Casualties, victims or nobody hurt: neither killed nor wounded.
        both = bool(words & {"casualties", "victims", "hurt", "harmed"})
        if both or words & ZERO_KILLED:
            out.append(Count("killed", 0, start, end))
        if both or words & ZERO_WOUNDED:
            out.append(Count("wounded", 0, start, end))
    return _mark_superseded(text, mark_bounds(text, dedupe(out)))


# "Earlier reports said", "initially put the toll at", "at first": what was said before, now replaced.
_SAID_BEFORE = re.compile(
    # ("Earlier on Monday, a drone killed two": a time of the day, no figure given before)
    r"\b(?:(?:earlier|previously)(?!\s+(?:on|in|today|tonight|this|that|yesterday|the same|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)"
    r"|initially|initial(?:\s+\w+)?\s+reports?|first\s+(?:reports?|reported|said|put|gave|updates?|count|figures?)|at first)\b[^.;]{0,90}$",
    re.IGNORECASE,
)


def _mark_superseded(text: str, counts: list[Count]) -> list[Count]:
    return [
        dataclasses.replace(c, superseded=True)
        if c.kind in {"killed", "wounded"} and _SAID_BEFORE.search(text, max(0, c.start - 100), c.start)
        else c
        for c in counts
    ]
