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
    _K,
    ITEMISED_NAMED,
    NUM,
    QUAL,
    Count,
    Rule,
    _value,
    asides_as_commas,
    dedupe,
    mark_bounds,
    parse_number,
)

_PERSON = r"(?:people|persons|civilians|residents|children|adults|men|women|soldiers|servicemen|workers|employees|passengers|others|person|civilian|man|woman|child|boy|girl|teenager|resident|rescuers?|firefighters?|medics?|guards?|officers?|police officers?|journalists?|elderly (?:people|man|woman)|(?:\d+|[a-z]+)-year-old (?:man|woman|boy|girl|person)?)"
_KILL_WORDS = r"(?:killed|dead|died|die|perished|lost their lives|lost his life|lost her life|slain)"
# Between a figure and its verb: its people's apposition ("12 people, four of them children,"),
# or a subset right after the bare figure ("another 40, including six children,").
_APPOSITION = (
    rf"(?:\s+{_PERSON},\s+[^,.;]{{1,60}}|,\s+(?:including|among them|of them|of whom)\b[^,.;]{{1,60}})"
)
_HURT_WORDS = r"(?:injured|wounded|hurt|injuries|wounds)"
# What a match ending in one of those words holds, for the rules' cheap test.
_KILL_NEEDS = ("killed", "dead", "die", "perished", "lost", "slain")
_HURT_NEEDS = ("injured", "wounded", "hurt", "injuries", "wounds")

# "have been", "have so far been", "had since been": a perfect, an adverb inside it.
_PERFECT = r"(?:have|had|has)\s+(?:(?:so\s+far|now|since|also|already|reportedly)\s+)?been"
# "are known to have been", "were reported to have": the verb group between a figure and its word.
_HEARSAY = (
    r"(?:(?:now\s+)?(?:known|reported|said|believed|confirmed|thought|feared)\s+to\s+have\s+(?:been\s+)?)?"
)
# ", 52," or ", aged 52,": an age between a person and the verb.
_AGE = (
    r"(?:,\s*(?:aged\s+)?\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d{1,3})*,"
    r"|\s+aged\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|and\s+|to\s+)\d{1,3})*)?"
)
# A relative clause that names no casualty of its own ("who had been in the car").
_CLAUSE = r"(?:(?!\b(?:killed|dead|died|injured|wounded|hurt|and)\b)[^,.;]){1,60}?"
# The group a part is taken from: "two of our guards", "four of the drivers" (any plural).
_GROUP = rf"(?:{_PERSON}|[a-z][\w-]*(?:s|men))"
# Any noun before "who" is people; before "that" only a word for people.
_RELATIVE = rf"(?:{_PERSON}\s+(?:who|that)|[\w-]+\s+who)\s+{_CLAUSE}"
# A modifier between a determiner or number and the person: "elderly", "local", "45-year-old".
_MID = r"(?:(?!(?:of|and|or|killed|dead|died|injured|wounded|hurt|missiles?|drones?|rockets?|shells?|bombs?|projectiles?|UAVs?|munitions?|strikes?|attacks?)\b)(?:[a-z][\w-]*|\d{1,3}-year-old)\s+)"
_SINGLE = r"(?:man|woman|child|boy|girl|person|civilian|resident|teenager|pensioner|driver|worker|employee|passenger|farmer|fisherman|pedestrian|cyclist|motorist|teacher|student|pupil|priest|courier|electrician|son|daughter|wife|husband|mother|father|brother|sister|grandson|granddaughter|grandmother|grandfather|neighbou?r|guard|rescuer|firefighter|soldier|serviceman|policeman|police officer|first responder|responder|paramedic|medic|volunteer|nurse|doctor|journalist|security guard|passer-by|passerby|local resident|(?:\d+|[a-z]+)-year-old(?:\s+(?:man|woman|boy|girl|person|resident|employee))?)"

KILLED = [
    Rule(
        re.compile(
            rf"\b(?:killing|killed|kills|kill|claiming the lives of|claimed the lives of|took the lives of)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|kilomet|miles|metres|meters|%|percent|per cent|years|hours|minutes))(?:\s+(?:\w+\s+){{0,2}}?{_PERSON})?",
            _K,
        ),
        ("kill", "lives of"),
    ),
    # "left three people dead": what the attack left is a toll of the dead only when it says so
    # ("left 11 people wounded" is a toll of the hurt, "left 200 homes without power" none).
    Rule(
        re.compile(rf"\bleft\s+{QUAL}(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,2}}?dead\b", _K),
        ("left",),
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:(?:were|was|{_PERFECT}|are|is|being|reported|confirmed)\s+)?{_HEARSAY}(?:(?!(?:and|or|but)\b)\w+\s+)?{_KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the)\s+{_MID}{{0,2}}?{_SINGLE}{_AGE}(?:\s+(?:of|at|from|in|on)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?\s+(?:was|has been|had been|is|were)\s+(?:(?!not\b|never\b)\w+\s+)?{_KILL_WORDS}\b",
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
    Rule(
        re.compile(rf"\b(?:killing|killed|kills)\s+(?P<n>a|an|another|the)\s+{_MID}{{0,2}}?{_SINGLE}\b", _K),
        ("kill",),
    ),
    # "a local resident died in hospital", "a resident of the town has died of his wounds"
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the)\s+(?:[\w-]+\s+){{0,3}}?{_SINGLE}(?:\s+of\s+(?:the\s+)?[\w-]+)?\s+(?:has\s+|had\s+)?(?:died|perished)\b",
            _K,
        ),
        ("died", "perished"),
    ),
    Rule(
        re.compile(
            rf"\b(?:death toll|toll(?!\s+of\s+(?:the\s+)?(?:injured|wounded|hurt))|number of (?:the )?(?:dead|deaths|fatalities|people killed|those killed|victims)|fatalities)\b[^.;]{{0,130}}?\b(?:to|at|reached|hit|passed|is|was|of|stands at|now)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|%|percent|years))",
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
            rf"\b{QUAL}(?P<n>{NUM}){_APPOSITION},\s+(?:(?:were|have been|had been|was)\s+)?(?:also\s+)?{_KILL_WORDS}",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "three workers who had been in the car were killed"
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,2}}?{_RELATIVE}\s+(?:were|was|have been|had been)\s+(?:also\s+)?{_KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "recovered the bodies of another two civilians", "the body of a man was found"
    Rule(
        re.compile(
            rf"\bbod(?:y|ies) of\s+(?:another\s+|a further\s+)?{QUAL}(?P<n>{NUM})\b",
            _K,
        ),
        ("body", "bodies"),
    ),
    # "three members of one family were killed"
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+members of (?:one|a|the same|a single) family\s+(?:were|have been|had been)\s+(?:\w+\s+)?{_KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "two of our guards were killed": a part of a group named by its owner
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+of\s+(?:our|their|its|his|her|the)\s+(?:[\w-]+\s+){{0,2}}?{_GROUP}\s+(?:were|have been|had been|was)\s+(?:also\s+)?{_KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "one of the injured, a 62-year-old man, has died in hospital": the hurt who died since
    Rule(
        re.compile(
            rf"\b(?P<n>{NUM})\s+of\s+(?:the|those)\s+(?:injured|wounded|hurt)(?:\s*,[^,.;]{{1,50}},)?\s+"
            r"(?:has\s+|had\s+|later\s+|since\s+){0,2}(?:died|passed away|succumbed)\b",
            _K,
        ),
        ("died", "passed away", "succumbed"),
    ),
    # "Killed: 2, injured: 11": a summary's labelled figure
    Rule(re.compile(rf"\b(?:killed|dead)\s*[:–—]\s*{QUAL}(?P<n>{NUM})\b", _K), ("killed", "dead")),
    # "a family of four was killed", "killing a family of three"
    Rule(
        re.compile(
            rf"\bfamily of (?P<n>{NUM})\s+(?:(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?{_KILL_WORDS}|died|perished)\b",
            _K,
        ),
        ("family of",),
    ),
    Rule(
        re.compile(
            rf"\b(?:killing|killed|kills)\s+(?:an?|the|a whole)\s+(?:[\w-]+\s+)?family of (?P<n>{NUM})\b", _K
        ),
        ("family of",),
    ),
]
WOUNDED = [
    # "a man was killed and a woman injured": the second person's verb left out
    Rule(
        re.compile(
            rf"\b(?:killed|dead|died)\s+and\s+(?P<n>a|an|another)\s+{_MID}{{0,2}}?{_SINGLE}\s+"
            r"(?:(?:seriously|badly|slightly|critically)\s+)?(?:injured|wounded|hurt)\b",
            _K,
        ),
        ("injured", "wounded", "hurt"),
    ),
    Rule(
        re.compile(
            rf"\b(?:injuring|wounding|hurting|injured|wounded|hurt|injures|wounds)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|%|percent|years|hours))(?:\s+(?:\w+\s+){{0,2}}?{_PERSON})?",
            _K,
        ),
        ("injur", "wound", "hurt"),
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:(?:were|was|{_PERFECT}|are|is|being|reported|got|sustained|suffered)\s+)?{_HEARSAY}(?:(?!(?:and|or|but)\b)\w+\s+)?{_HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the)\s+{_MID}{{0,2}}?{_SINGLE}{_AGE}(?:\s+(?:of|at|from|in|on)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?\s+(?:was|has been|had been|is|were|sustained|suffered|received|got)\s+(?:(?!not\b|never\b)\w+\s+)?{_HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?:injuring|wounding|injured|wounded)\s+(?P<n>a|an|another|the)\s+{_MID}{{0,2}}?{_SINGLE}\b",
            _K,
        ),
        ("injur", "wound"),
    ),
    Rule(
        re.compile(
            rf"\b(?:(?:number|toll|count) of (?:the )?(?:people |those |civilians )?(?:injured|wounded|hurt)|injured|wounded)\b[^.;]{{0,40}}?\b(?:to|at|reached|rose to|stands at)\s+{QUAL}(?P<n>{NUM})\b",
            _K,
        ),
        ("injured", "wounded", "hurt"),
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
            rf"\b{QUAL}(?P<n>{NUM}){_APPOSITION},\s+(?:(?:were|have been|had been|was|suffered|sustained|received)\s+)?(?:also\s+)?{_HURT_WORDS}",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,2}}?{_RELATIVE}\s+(?:were|was|have been|had been)\s+(?:also\s+)?{_HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+of\s+(?:our|their|its|his|her|the)\s+(?:[\w-]+\s+){{0,2}}?{_GROUP}\s+(?:were|have been|had been|was)\s+(?:also\s+)?{_HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    # "the total number of injured is now 22", "gave the number of wounded as 12"
    Rule(
        re.compile(
            rf"\b(?:number|toll|count) of (?:the )?(?:people |those |civilians )?(?:injured|wounded|hurt)\b[^.;]{{0,40}}?\b(?:is|was|now|as|stands at)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|%|percent|years))",
            _K,
        ),
        ("injured", "wounded", "hurt"),
    ),
    # "Injured: 7 people", "Killed: 2, injured: 11": a summary's labelled figure
    Rule(
        re.compile(rf"\b(?:injured|wounded|hurt)\s*[:–—]\s*{QUAL}(?P<n>{NUM})\b", _K),
        ("injured", "wounded", "hurt"),
    ),
    # "three people were taken to hospital with shrapnel wounds": the text calls them injured
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:were|was|have been|had been)\s+(?:(?:taken|rushed|admitted|brought)\s+"
            r"to\s+(?:a\s+|the\s+)?hospitals?|hospitali[sz]ed)\s+with\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds)\b",
            _K,
        ),
        ("injuries", "wounds"),
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
_ZERO_WORD = r"(?:casualties|victims|deaths|fatalities|injuries|dead|injured|killed|hurt|harmed|wounded|died)"
_ZERO_LIST = rf"(?:(?:damage|destruction)\s+(?:or|and)\s+)?{_ZERO_WORD}(?:\s*(?:,|or|and|nor)\s+(?:any\s+)?(?:{_ZERO_WORD}|damage|destruction))*"
ZERO = re.compile(
    r"\b(?:(?:no|none|nobody|no one|no-one|not one person)(?:\s+(?:else|people|civilians|residents|persons|employees|workers|staff|personnel|crew(?:\s+members)?|passengers))?\s+(?:(?:was|were|is|are|has been|have been|had been)\s+)?"
    r"(?:(?:immediately\s+)?reported\s+)?"
    rf"|there\s+(?:were|are|was|have been|had been)\s+no\s+|without\s+(?:causing\s+|leaving\s+)?(?:any\s+)?"
    r"|(?:did|does|do)(?:\s+not|n['’]t)\s+(?:cause|inflict|result\s+in|leave)\s+(?:any\s+)?"
    # "there were no reports of casualties": as "no casualties were reported" ("no immediate
    # reports" says nothing is known yet)
    r"|no\s+reports?\s+of\s+(?:any\s+)?)"
    rf"(?P<words>{_ZERO_LIST})\b",
    re.IGNORECASE,
)
_ZERO_KILLED = frozenset({"killed", "deaths", "fatalities", "dead", "died"})
_ZERO_WOUNDED = frozenset({"injured", "wounded", "injuries"})

_CASUALTY_GATE = re.compile(
    r"kill|dead|die|death|injur|wound|hurt|harm|casualt|victim|lives|life|toll|fatalit|bodies|perish|slain",
    re.IGNORECASE,
)


def _qualified_plural_ok(m: re.Match[str]) -> bool:
    # "a" / "an" count only as one person ("a woman was killed"), never as "a number of".
    n = m.group("n").lower()
    after = m.string[m.end("n") :]
    if re.match(r"\s+famil(?:y|ies)\b", after, re.IGNORECASE):
        return False  # "one family were killed": families, not people
    return not (n in {"a", "an"} and re.match(r"\s*(?:number|lot|total|series|few)", after))


# "killed two people in Kostiantynivka and one in Druzhkivka": a figure given by place, then
# more figures of the same verb for other places with the verb left out.
_BY_PLACE = re.compile(
    r"\s+(?:(?:people|civilians|residents|others?|more)\s+)?in\s+(?:the\s+)?(?-i:[A-Z])", re.IGNORECASE
)
_ELLIPTIC = re.compile(
    rf"[^.;:]{{0,40}}?(?:,\s*(?:and\s+)?|\s+and\s+)(?P<n>{NUM})(?={_BY_PLACE.pattern})", re.IGNORECASE
)


# "12 killed across the country, including five in Kharkiv", "... five of them in Kharkiv": a
# place's share of the toll before it.
_SHARE = re.compile(
    rf"[^.;:]{{0,60}}?(?:\b(?:including|among them)\s+(?:at least\s+)?(?P<n>{NUM})(?={_BY_PLACE.pattern})"
    rf"|,\s*(?P<of>{NUM})\s+of\s+(?:them|whom)(?=\s+in\s+(?:the\s+)?(?-i:[A-Z])))",
    re.IGNORECASE,
)


def _shares(text: str, counts: list[Count]) -> list[Count]:
    """The part of a toll a place had, told after the toll: it has the toll's kind."""
    out: list[Count] = []
    for c in counts:
        if c.kind not in {"killed", "wounded"} or (m := _SHARE.match(text, c.end)) is None:
            continue
        group = "n" if m.group("n") else "of"
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
        group = "n" if m.group("n") else "m"
        if m.start(group) not in taken:
            out.append(Count(kind, int(m.group(group)), m.start(group), m.end(group)))
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
            value = parse_number(m.group("n"))
            if value is None or any(o.start == m.start("n") for o in counts):
                break
            out.append(Count(c.kind, value, m.start("n"), m.end("n")))
            pos = m.end("n")
    return out


# "killing the driver and a passenger": a second person named after the first.
_AND_ONE_MORE = re.compile(
    # (not "a man was killed and a woman injured": the second person has a verb of their own)
    rf"\s+and\s+(?:a|an|the|another|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?{_SINGLE}\b"
    r"(?!\s+(?:was|were|is|(?:seriously\s+|badly\s+|slightly\s+)?(?:injured|wounded|hurt))\b)",
    re.IGNORECASE,
)
# What may follow "the driver" when one person is meant: the phrase ends there.
_PHRASE_ENDS = re.compile(
    r"\s*(?:[,.;:!?)\"”]|$|\s(?:and|in|at|on|near|of|who|as|when|while|after|before|was|is|has|had|were|instantly|outright)\b)"
)


_SAID_OF = re.compile(rf"(?:{_KILL_WORDS}|{_HURT_WORDS})$", re.IGNORECASE)


def _the_one_person(m: re.Match[str]) -> bool:
    """ "killing the driver" counts one person; "killing the civilian population" does not."""
    if m.group("n").lower() != "the" or _SAID_OF.search(m.group(0)):
        return True  # "the guard was wounded": the verb follows the person
    return _PHRASE_ENDS.match(m.string, m.end()) is not None


# People named one by one and joined by "and": "a man and his son", "two women and a man", "a
# policeman and two rescuers". Each part is a determiner or a number, up to two modifiers and a
# word for people; the parts' counts add up.
_PLURAL_PEOPLE = r"(?:people|persons|civilians|residents|children|men|women|sons|daughters|workers|employees|passengers|rescuers|firefighters|policemen|police officers|medics|paramedics|soldiers|volunteers|journalists|neighbou?rs|teenagers|pensioners|boys|girls|guards)"
_PART = rf"(?:{NUM}|a|an|the|his|her|their|its|another)\s+(?:(?!and\b)[\w-]+\s+){{0,2}}?(?:{_PLURAL_PEOPLE}|{_SINGLE})\b{_AGE}"
_PART_RE = re.compile(
    rf"(?P<n>{NUM}|a|an|the|his|her|their|its|another)\s+(?:(?!and\b)[\w-]+\s+){{0,2}}?(?:{_PLURAL_PEOPLE}|{_SINGLE})\b",
    re.IGNORECASE,
)
_PEOPLE_LIST = rf"(?P<list>{_PART}(?:,\s+{_PART})*,?\s+and\s+{_PART})"
_LISTED = [
    # "a man and his son were injured", "two women and a man have been wounded"
    re.compile(
        rf"(?<![\w-]){_PEOPLE_LIST}\s+(?:were|have been|had been|are)\s+(?:\w+\s+)?(?P<verb>{_KILL_WORDS}|{_HURT_WORDS})\b",
        re.IGNORECASE,
    ),
    # "the blast wounded a policeman and two rescuers", "killing a woman and her daughter"
    re.compile(
        rf"\b(?P<verb>killing|killed|kills|injuring|injured|injures|wounding|wounded|wounds)\s+{_PEOPLE_LIST}",
        re.IGNORECASE,
    ),
]


# "the toll rose to 34, including two children, and 117 were injured": a list opened by
# "including" is the part of the figure before it, not the first of the people counted after.
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|of them|of whom)\s*$", re.IGNORECASE)


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


def find_casualties(text: str) -> list[Count]:
    """Killed, wounded and children-killed figures stated in ``text``."""
    out: list[Count] = []
    if not _CASUALTY_GATE.search(text):
        return out
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
                between = text[m.start() : m.end()].lower()
                if value == 1 and re.search(r"\bcouple\b", between):
                    value = 2  # "killed a couple"
                elif re.search(r"\b(?:along|together) with\b", between):
                    value += 1  # "killed along with three others": four
                elif value == 1 and _AND_ONE_MORE.match(text, m.end()):
                    value = 2  # "killing the driver and a passenger"
                if kind != "children_killed" and re.search(
                    r"\b(?:(?<!toll )(?<!number )of the dead|of those|since(?! (?:risen|rose|climbed|increased|grown|gone up))|in total|"
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
    # "40 people, including five children, were wounded": the children are of the wounded.
    hurt = [(c.start, ends[("wounded", c.start)]) for c in out if c.kind == "wounded"]
    out = [c for c in out if c.kind != "children_killed" or not any(s < c.start < e for s, e in hurt)]
    out = _ages_are_people(text, out)
    out += _elliptic(text, out, ends)
    out += _shares(text, out)
    out += _itemised(text, out)
    for listed in _people_listed(text):
        # The parts were each read as a figure of their own: the list's sum stands for them.
        out = [c for c in out if not (c.kind == listed.kind and listed.start <= c.start < listed.end)]
        out.append(listed)
    for m in ZERO.finditer(text):
        words = {w.lower() for w in re.findall(_ZERO_WORD, m.group("words"), re.IGNORECASE)}
        start, end = m.span()
        # "No one was injured" holds no count of one.
        out = [c for c in out if not (start <= c.start < end)]
        # Casualties, victims or nobody hurt: neither killed nor wounded.
        both = bool(words & {"casualties", "victims", "hurt", "harmed"})
        if both or words & _ZERO_KILLED:
            out.append(Count("killed", 0, start, end))
        if both or words & _ZERO_WOUNDED:
            out.append(Count("wounded", 0, start, end))
    return mark_bounds(text, dedupe(out))
