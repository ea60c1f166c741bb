"""Actors and attribution: who says so (sources); who attacked is read by
:mod:`analytics.extract.attackers`.

Finding source phrases is kept apart from classifying them: ``find_sources`` returns the
phrases with a provisional class; "official" (a role with no country named, e.g. "the
regional governor") is settled by assembly from who holds the place the record is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics import lexicon
from analytics.gazetteer import load_gazetteer

_SAY = lexicon.fragment("reporting_verbs")
_SAY_VERB = re.compile(
    rf"\s+(?:(?:also\s+|later\s+|earlier\s+|had\s+|has\s+|have\s+|at first\s+|then\s+|now\s+|previously\s+|"
    rf"(?:was|were)\s+(?=quoted|cited))?{_SAY}"
    # "the ministry began claiming that ...": a speech begun
    rf"|(?:began|started)\s+(?:claiming|reporting|saying))\b"
)
# Where a source's noun phrase starts, looking left from its verb.
_LEFT_BOUNDARY = re.compile(
    r"(?:^|[.;:!?](?:\s+|$)|[\"“”]\s*|\s[-–—]\s|\b(?:and|but|while|as|where|after|that|what|which|when|because|though|although|since|whereas)\s+)"
)
# The point of a title's abbreviation before a name: "Gov. Oleh Kiper", "Lt. Gen. Petrov"
# An age right after a name: how a report introduces a resident or a witness, never an official.
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*(?:,|\.|$|years?\b)")
_TITLE_POINT = (
    "(?:"
    + "|".join(rf"(?<=\b{t})" for t in "Gov Gen Lt Col Maj Sen Rep Dr Mr Mrs Ms Sgt Capt Prof Adm".split())
    + r")\.(?=\s+[A-Z])"
)
_PATTERNS = [
    re.compile(
        # ("according to regional Gov. Oleh Kiper": a title's abbreviation point is no end)
        rf"\baccording to (?P<src>(?:[^.;:!?()]|{_TITLE_POINT}){{2,120}}?)"
        rf"(?=[,;:!?()]|(?!{_TITLE_POINT})\.| on \w+day| in a | in an | on Telegram|$)",
        re.IGNORECASE,
    ),
    # "citing the mayor", and the same in translated Ukrainian news: "with reference to the mayor"
    re.compile(
        r"\b(?:citing|with reference to|referring to) (?P<src>[^.;:!?()]{2,100}?)(?=[,.;:!?()]| as saying| on \w+day|$)",
        re.IGNORECASE,
    ),
    re.compile(
        # ('...," said the governor': the quote's closing mark after its comma)
        r",[\"”’]?\s*(?:said|says|reported|reports|wrote|writes|added|adds|announced|stated|detailed|specified|informed|informs|"
        r"noted|notes|explained|clarified)\s+(?P<src>(?:the\s+)?[A-Za-z\"“][^.;:!?,]{1,100}?(?:,\s+(?:the\s+|a\s+)?[a-z][^.;:!?,]{1,60})?)(?=[.;:!?]|,| on \w+day| in a | late| early|$)"
    ),
    # "As reported by the regional administration, ...", "Per the governor, ..."
    re.compile(
        r"\b(?:as (?:reported|stated|announced|noted|said|confirmed|claimed) by|^per) (?P<src>[^.;:!?()]{2,100}?)(?=[,.;:!?()]|$)",
        re.IGNORECASE,
    ),
    # "with no damage reported by regional authorities": who reported it follows "by" (a
    # picture "provided by" or "released by" someone is an agency photo's credit, not a claim)
    re.compile(
        r"\b(?:reported|stated|announced|confirmed|issued|published|posted|cited|"
        r"(?<!photo\s)(?<!image\s)(?<!video\s)(?<!footage\s)(?:provided|released))\s+by\s+"
        # (two speakers joined by "and" may each take the length of one)
        r"(?P<src>(?:the\s+)?[^.;:!?(),]{2,80}?(?:\s+and\s+(?:the\s+)?[^.;:!?(),]{2,80}?)?)"
        r"(?=[,.;:!?()]| on | in (?:his|her|their|its|a|an) |$)",
        re.IGNORECASE,
    ),
    # The passive report of the statement just made: "This was announced by the head of the
    # regional administration in his Telegram channel."
    re.compile(
        r"\b(?:this|it|that)(?:\s+information|\s+news)?\s+(?:was|is|has been|had been)\s+(?:also\s+)?"
        r"(?:reported|announced|stated|said|written|noted|confirmed|posted|informed|shared|published)\s+"
        r"(?:(?:on|in|via)\s+[\w-]+(?:\s+channel)?\s+)?by\s+"
        r"(?P<src>[^.;:!?()]{2,120}?(?:\s+and\s+(?:the\s+)?[^.;:!?()]{2,120}?)?)"
        r"(?=[,.;:!?()]| in (?:his|her|their|its|a|an|the) | on (?:Telegram|Facebook|X|Twitter)\b|$)",
        re.IGNORECASE,
    ),
    # Whom a named speaker told is the audience, not a source; an outlet that an unnamed
    # source told ("a military source told Reuters") is who relays the claim.
    re.compile(
        r"\bsources?\s+(?:[^.;,\"“”]{0,40}?\s+)?told (?P<src>(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})"
    ),
    # A speaker before a colon: "the city's mayor: two rockets hit a school ..."
    re.compile(
        r"^(?P<src>[^:]{0,40}\b(?:mayor|governor|minister|head|spokes\w+|official|police|army|air force|ministry|"
        r"military|administration|commander|president)\b[^:]{0,40}):\s",
        re.IGNORECASE,
    ),
    # A digest's lead-in line with the time of the post, the post below it: "Vladimir Saldo,
    # Governor of the Kherson Region (posted 09:14):"
    re.compile(r"^\W*(?P<src>[A-Z][^:()]{2,80}?)\s*\((?:posted\s+|at\s+)?\d{1,2}[:.]\d\d\)\s*:\s*$"),
    re.compile(r"\b(?:figures|data|information|numbers) from (?P<src>the [a-z][^.,:;]{2,60})"),
    # A headline's speaker after a colon at its end: "Toll rises to 12: governor".
    re.compile(
        r"[:|]\s*(?P<src>(?:[A-Z][\w'’.-]*\s+){0,3}(?i:minister|governor|mayor|officials?|police|army|military|"
        r"president|ministry|air force|spokes\w+|authorities|rescuers))\s*$"
    ),
    # "..., the governor was quoted as saying by the Kyiv Post": the outlet that quotes.
    re.compile(r"\bquoted (?:as saying )?by (?P<src>(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3})"),
]
_PRONOUN = re.compile(
    r"^(?:he|she|it|they|we|i|this|that|there)$",
    re.IGNORECASE,
)
# conjunctions before a participle ("If confirmed, the strike would be..."), or opening a clause
# before a joined speaker ("When rescuers and medics arrived")
_SUBORDINATORS = frozenset(
    {"if", "unless", "once", "when", "while", "though", "although", "until", "where", "as"}
)
_FUNCTION_WORDS = (
    frozenset(
        {
            "as",
            "so",
            "also",
            "thus",
            "here",
            "what",
            "which",
            "who",
            "per",
            "the",
            "a",
            "an",
            "these",
            "those",
        }
    )
    | _SUBORDINATORS
)
# "according to earlier reports", "preliminary data": no one is named (the text's own statement)
_UNNAMED_REPORT = re.compile(
    r"(?:\baccording\s+to\s+|^)(?:the\s+)?(?:earlier|early|initial|preliminary|first|unconfirmed|some|latest|previous|"
    r"other|several)\s+(?:reports?|data|information)\s*$",
    re.IGNORECASE,
)
_SPEECH_NOUNS = re.compile(
    r"\b(?:statement|report|reports|post|posts|video|message|update|briefing|address|interview)\b",
    re.IGNORECASE,
)
_SAY_GATE = re.compile(
    r"\b(?:sa(?:id|ys?)|told|tells|report|wr[oi]te|post|announc|add|confirm|stat|claim|not|warn|estimat|put|blam|accus|"
    r"den|reject|dismiss|insist|describ|call|show|quot|cit|according|spoke|speak|from|saw|witness|explain|detail|specif|inform|"
    r"clarif|emphas|stress|per|reference|referring|publish|shared|acknowledg|reads)|:\s"
)  # (searched in the lowered sentence: faster than a case-blind search)
_LEADING_TIME = re.compile(
    r"^(?:(?:on|by|late|early|late on|early on|later|earlier|in the|by the)\s+)?(?:\w+day|the evening|the morning|"
    r"the afternoon|the night|evening|morning|afternoon|night|later|earlier|then|meanwhile|separately|also|"
    r"subsequently|afterwards|additionally|moreover|furthermore|previously)\b[\s,]*",
    re.IGNORECASE,
)


_AS_ANOTHER_ACT = re.compile(r"\bas\s+$", re.IGNORECASE)
# A verb with an object of its own after it: "warned the West of", "met the envoy".
_OWN_OBJECT = re.compile(
    r"\s+(?!that\b|on\b|in\b|at\b)(?:the|a|an|his|her|its|their)?\s*[A-Za-z]+\s+(?:of|to|against|about|over)\b"
)


# What follows "reports" when it is a noun: a verb of its own ("Early reports said") or its topic.
_REPORTS_NOUN = re.compile(
    r"\s+(?:said|say|suggest\w*|indicat\w*|show\w*|spoke|speak|claim\w*|put|were|are|had|have|of|from|about)\b",
    re.IGNORECASE,
)
# A credit line of the outlet's own: "Source: <who>; <who>".
_CREDIT_LINE = re.compile(r"^\s*Sources?\s*:\s*")
# "Quote from the Air Force:", "Quote from Terekhov at 15:32:": who the quote below comes from.
_QUOTE_FROM = re.compile(r"^\s*Quote from\s+(?P<who>[^:,\"“]+?)(?:\s+(?:at|on|in)\b[^:\"“]*)?(?:,[^:\"“]*)?:")
# What was said, then its speaker: a comma or a closing quote before the speaker's phrase.
_TAG_BEFORE = re.compile(r"[,\"”’:]\s*[^,\"”’:]{0,120}$")


@dataclass(frozen=True)
class SourceMention:
    start: int
    end: int
    text: str
    source_type: str  # a GUIDELINES class, or "official" until the side is known
    pronoun: bool = False


def _person_named(phrase: str) -> bool:
    """ "resident Olha Petrenko": a person named after what they are (the sources lexicon's
    "other" cues: residents, witnesses, neighbours...)."""
    phrase = re.sub(r"^local\s+", "", phrase, flags=re.IGNORECASE)
    cue = lexicon.sources().cues["other"].match(phrase)
    return cue is not None and re.match(r"\s+[A-Z]", phrase[cue.end() :]) is not None


_WITH_PASSIVE = re.compile(r"\bwith\s+(?:[\w-]+\s+){0,4}[\w-]+\s*$", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(?:was|were|is|are|had|has|have|been|will|would|climbs?|rose|rises|spent|knew|lies|came|did|"
    # A clause about the attack ("shells hit a depot near the river, detailed the mayor")
    # is what was said, not who said it.
    r"fired|launched|struck|hit|attacked|shelled|killed|injured|wounded|destroyed|damaged|downed|shot|"
    r"repelled|repulsed|intercepted|thwarted|neutrali[sz]ed)\b"
)
_RELATIVE = re.compile(r",\s+who\s+(?:runs|heads|leads|chairs|is|was)\b[^,]*")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s*){1,4}$")
_TITLE = re.compile(
    r"^(?:the |a |an )?(?!(?:in|on|at|from|after|during|with|who|which|whose)\b)[a-z]|^(?:the|The) "
)
_CUT = re.compile(
    r"\s+(?:broke|has|had|have|was|were|is|are|also|then|later|did|does|would|will|who|which|that|and then|"
    r"at first|first|again|earlier|now|today|quickly|previously|separately)\b.*$"
)


_PREPOSITION = re.compile(
    r"^(?:in|on|at|from|after|during|with|speaking|writing|quoted|cited)\b", re.IGNORECASE
)


def _is_title(text: str) -> bool:
    """A role description ("head of the Poltava regional administration", "the regional governor")."""
    return bool(_TITLE.match(text)) and bool(lexicon.sources().cues["official"].search(text))


_RELEASED_BY = re.compile(
    r"^(?:(?:an?|the)\s+(?:[\w-]+\s+)?(?:statement|report|post|message|update)\s+"
    r"(?:released|issued|published|posted|put out)\s+by\s+"
    # "according to statements from regional authorities"
    r"|(?:an?\s+|the\s+)?(?:statements?|posts?|messages?|updates?)\s+(?:from|by)\s+)",
    re.IGNORECASE,
)


# A post's bullet or emoji before the speaker (not a quote mark, a bracket or a dash)
_LEADING_MARKS = re.compile(r"^[^\x00-\x7f\w“‘]+")


def _noun_phrase(raw: str) -> str | None:
    """The source's noun phrase out of the text before (or after) a speech verb."""
    raw = _LEADING_MARKS.sub("", raw)  # ("🔴 Vladimir Saldo, ...": a post's bullet is no part of it)
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) >= 2:
        a, b = parts[-2], parts[-1]
        if _PREPOSITION.match(a):
            phrase = b  # "In Kyiv, the foreign ministry said": where it spoke is no part of who
        elif (_NAME.match(a) and (_is_title(b) or b.startswith("who "))) or (
            _is_title(a) and _NAME.match(b) and len(a.split()) <= 8 and not _VERBISH.search(a)
        ):
            phrase = f"{a}, {b}"
        elif _PREPOSITION.match(b):
            phrase = a  # "The minister, in a statement posted at night, says"
        else:
            phrase = b
    elif parts:
        phrase = parts[0]
    else:
        return None
    phrase = phrase.strip(" ,\"“”'-–—*•")
    phrase = re.sub(r"(?<=[a-z]{3})\.$", "", phrase)  # the sentence's full stop ("told Reuters.")
    phrase = _LEADING_TIME.sub("", phrase)
    phrase = re.sub(
        r"^(?:and|but|as|while|where|after|that|however|meanwhile)\s+", "", phrase, flags=re.IGNORECASE
    )
    if _VERBISH.search(_RELATIVE.sub("", phrase)):
        return None  # a clause ("Five people were killed"), not who said it
    phrase = re.sub(
        r"\s+(?:on|in|via|through) (?:Telegram|X|Twitter|Facebook|social media|a statement|television|TV)\b.*$",
        "",
        phrase,
    )
    phrase = re.sub(r"\s+(?:on|late|early) \w+day\b.*$", "", phrase)
    phrase = re.sub(r"\s+(?:late|early|on)$", "", phrase)
    # "a bulletin issued by the army": who issued it
    phrase = _RELEASED_BY.sub("", phrase)
    phrase = _CUT.sub("", phrase)
    return phrase.strip(" ,") or None


def _in_name(text: str, boundary: re.Match[str]) -> bool:
    """An "and" between two capitalised words is part of a name ("the Centre for Control and
    Coordination"), not a boundary between two phrases."""
    return (
        boundary.group(0).strip().lower() == "and"
        and re.search(r"[A-Z][\w'’-]*\s+$", text[: boundary.start()]) is not None
        and text[boundary.end() : boundary.end() + 1].isupper()
    )


_RELATIVE_BEFORE_VERB = re.compile(
    r",\s*(?:(?:which|that|where)\s+"
    # "the mayor of Sumy, a city near the border, said": an aside that describes the place
    r"|an?\s+(?:(?!(?:to|of|for|with|at)\b)[\w'’-]+\s+){0,3}"
    r"(?:city|town|region|village|port|province|district|settlement|community)\b)[^,]{0,80},\s*$"
)
_TELLS = re.compile(r"\s*(?:said|says|told|tells|reported|reports|wrote|writes|stated|announced|added)\b")


#: "the mayor of Melitopol, a Russian-controlled city, said": the aside tells whose official it is.
_OCCUPIED_ASIDE = re.compile(
    r",\s*an?\s+[^,]{0,80}?(?:Russian-(?:controlled|occupied|held)|Moscow-(?:controlled|held)|"
    r"occupied|under Russian (?:occupation|control))\b[^,]{0,80},",
    re.IGNORECASE,
)


_LISTED_BEFORE_TITLE = re.compile(r"[A-Z][\w'’-]+,\s+(?=(?:a|an|the)\s)")


#: An aside between a speaker and the speech verb: "The ministry, for its part, said".
SPEAKER_ASIDE = (
    r",\s*(?:for (?:its|their|his|her) part|in (?:its|their|his|her) turn|in turn|meanwhile|however|too|"
    r"though|in a statement|on Telegram|in a Telegram post|separately|later|also)\s*,"
)
_ASIDE_BEFORE_VERB = re.compile(SPEAKER_ASIDE + r"\s*$", re.IGNORECASE)


def _left_phrase(text: str, verb_start: int) -> tuple[int, str] | None:
    """The noun phrase standing before a speech verb, from the nearest clause boundary."""
    left = text[:verb_start]
    # "the governor of Sumy, which borders Russia, said": a relative clause (or an aside that
    # describes the place) right before the verb tells of the place; the speaker stands before it.
    relative = _RELATIVE_BEFORE_VERB.search(left)
    if relative and _TELLS.match(text, verb_start):
        left = left[: relative.start()] + ","
    # "The ministry, for its part, said": an aside between the speaker and the verb
    aside = _ASIDE_BEFORE_VERB.search(left)
    if aside:
        left = left[: aside.start()]
    # Two comma parts at most: "Ivan Petrenko, mayor of the town, said".
    window_start = 0
    commas = [m.end() for m in re.finditer(r",\s*", left)]
    if len(commas) >= 3:
        window_start = commas[-3]
    window = left[window_start:]
    bounds = [
        m.end()
        for m in _LEFT_BOUNDARY.finditer(window)
        if m.end() < len(window.rstrip(", ")) and not _in_name(window, m)
    ]
    start = window_start + (bounds[-1] if bounds else 0)
    raw = left[start:].strip()
    # "struck Sumy, Kharkiv and Poltava, a minister said": the last item of a list before the
    # comma is what was said; a speaker's own name before a title is not a list's item.
    item = _LISTED_BEFORE_TITLE.match(raw)
    if item and re.search(r"(?:,|\band|\bor)\s*$", left[: left.find(raw, start)]):
        start, raw = left.find(raw, start) + item.end(), raw[item.end() :]
    if not raw:
        return None
    return start, raw


def _speakers_apart(found: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """ "reported by the mayor X and the head of the regional administration Y": a phrase too
    long for one speaker that joins two with "and" is two."""
    out = []
    for pos, raw, after in found:
        parts = re.split(r"\s+and\s+(?=the\s)", raw)
        if (
            len(parts) == 2
            and parts[0].lower().startswith("the ")
            and _too_long(raw)
            and not any(_too_long(p) for p in parts)
        ):
            out += [(pos, parts[0], after), (pos + raw.index(parts[1]), parts[1], after)]
        else:
            out.append((pos, raw, after))
    return out


_JOINED = re.compile(r"(?:^|[,;:]\s+)(?P<src>[^,;:]{3,60}?)\s+and\s+$")


def _joined_before(text: str, start: int) -> list[tuple[int, str, bool]]:
    """ "local residents and the Astra channel reported": a speaker joined by "and" before the
    one a speech verb found: witnesses, channels or outlets the lexicon knows (not "Sumy and the
    mayor", nor "the administration building and the police")."""
    m = _JOINED.search(text, max(0, start - 70), start)  # (a window: a long text has many verbs)
    if m is None or len(words := m.group("src").split()) > 4 or _VERBISH.search(m.group("src")):
        return []
    lex = lexicon.sources()
    cls = lex.classify(m.group("src"))
    if (
        words[0].lower() in _SUBORDINATORS
        or cls not in {"media", "other"}
        or not lex.cues[cls].search(m.group("src"))
    ):
        return []
    return [(m.start("src"), m.group("src"), False)]


def _too_long(phrase: str) -> bool:
    """Longer than a speaker's phrase: twelve words, or sixteen for an office's full name
    (half its words capitalised: "the Joint Centre for Control and Coordination ...")."""
    words = phrase.split()
    named = sum(w.lstrip('("“‘')[:1].isupper() for w in words) * 2 >= len(words)
    return len(words) > (16 if named else 12)


def _speaker_opens(raw: str) -> bool:
    """Whether a phrase after a speech verb opens with a speaker the lexicon knows."""
    phrase = _noun_phrase(raw)
    if not phrase:
        return False
    cls = lexicon.sources().classify(phrase)
    return raw.startswith(phrase) and (
        cls not in {"unknown", "other"} or (cls == "other" and _person_named(phrase))
    )


# A claim, a dash, then who made it: "Drones hit a depot overnight — MoD", "..., - Syniehubov"
# (how Ukrainian and Russian outlets end a headline or a Telegram post).
_DASH_TAG = re.compile(
    r"(?:,\s*[-–—]|\s[-–—])\s*(?P<src>[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3})\s*\.?\s*$"
)
_TAIL = 90  # the dash and its speaker end the sentence: only its end is searched
_DASH_CLASSES = frozenset({"official", "ukraine_official", "russia_official", "third_party_official"})


def _place_named(phrase: str) -> bool:
    """The phrase is a place's name, with or without its "Oblast"/"Region" word."""
    gaz = load_gazetteer()
    return bool(
        gaz.lookup(phrase) or gaz.lookup(re.sub(r"\s+(?:Oblast|Region|region|Krai|District)$", "", phrase))
    )


# ... or who made it, a colon, then the claim: "Gladkov: a drone hit a car in Shebekino".
_NAME_COLON = re.compile(r"^\W*(?P<src>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}):\s+\w")


def _dash_tag(text: str) -> SourceMention | None:
    tail = max(0, len(text) - _TAIL)
    m = (
        _DASH_TAG.search(text, tail)
        if ("-" in text[tail:] or "–" in text[tail:] or "—" in text[tail:])
        else None
    )
    if m is not None and len(text[: m.start()].strip()) < 13:
        m = None  # (a claim comes before the dash)
    if m is None:
        m = _NAME_COLON.match(text)
        if m is not None and m.group("src").isupper():
            return None  # ("KYIV: ..." is a dateline)
    if m is None or m.group("src").isupper() and len(m.group("src")) > 4:
        return None  # ("... – UPDATED" is the page's, not a speaker)
    cls = lexicon.sources().classify(m.group("src"))
    if cls not in _DASH_CLASSES or _place_named(m.group("src")):
        return None  # ("10:15 – Kyiv Oblast": a live page's heading names a place)
    return SourceMention(m.start("src"), m.end("src"), m.group("src"), cls, False)


def find_sources(text: str) -> list[SourceMention]:
    """Source phrases of one sentence ("the regional governor said", "according to X")."""
    lex = lexicon.sources()
    out: list[SourceMention] = []
    taken: list[tuple[int, int]] = []
    dash = _dash_tag(text)
    if dash is not None:
        out.append(dash)
        taken.append((dash.start, dash.end))
    if not _SAY_GATE.search(text.lower()):
        return out
    found: list[tuple[int, str, bool]] = []  # (position, raw phrase, after-verb form)
    for i, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            raw = m.group("src")
            if i == 2 and (
                _VERBISH.search(raw)
                or not (
                    raw[0].isupper()
                    or raw.lower().startswith(("the ", "a ", "an "))
                    or _is_title(raw)
                    or _person_named(raw)
                )
            ):
                continue  # ", said air defences had destroyed ...": reported speech, not a source
            found.append((m.start("src"), raw, True))
    quoted = _QUOTE_FROM.match(text)
    if quoted:
        found = [f for f in found if f[0] >= quoted.end()]  # ("Quote from the Air Force" is no name)
        found.append((quoted.start("who"), quoted.group("who"), True))
    credit = _CREDIT_LINE.match(text)
    if credit:
        # "Source: the head of the regional administration; the State Emergency Service": each
        # item names who the text around it comes from.
        pos = credit.end()
        for item in text[pos:].split(";"):
            if item.strip():
                found.append((pos + len(item) - len(item.lstrip()), item.strip(), True))
            pos += len(item) + 1
    for m in _SAY_VERB.finditer(text):
        if m.group(0).endswith("reports") and (
            _REPORTS_NOUN.match(text, m.end()) or _UNNAMED_REPORT.search(text[: m.end()])
        ):
            continue  # "Early reports said", "reports of blasts": the noun, not the verb
        if re.search(r"[:;]\s*$", text[: m.start()]):
            continue  # "...: reports the paper": the speaker follows the verb
        if text.startswith(" by ", m.end()) or _WITH_PASSIVE.search(text, 0, m.start()):
            # "no damage reported by the authorities": the speaker follows; "with damage also
            # reported in other cities": a passive aside names no one
            continue
        if not text[m.end() :].strip(" .!\"”’'") and not _TAG_BEFORE.search(text[: m.start()]):
            # A verb that ends the sentence is a speech tag only after what was said ("..., the
            # ministry said."); a heading that ends "... of member states" says nothing.
            continue
        if m.group(0).strip().lower() in {"said", "says", "added", "wrote"} and any(
            after and 0 <= pos - m.end() <= 2 and _speaker_opens(raw) for pos, raw, after in found
        ):
            continue  # "damaged in A and B, said the premier": the speaker follows; before is what was said
        left = _left_phrase(text, m.start())
        if left is not None and _AS_ANOTHER_ACT.search(text, 0, left[0]) and _OWN_OBJECT.match(text, m.end()):
            # "killed in an attack as Putin warned the West of consequences": an act of its own
            # beside the attack, not its source ("as the governor said." is one)
            left = None
        if left is not None:
            found.append((left[0], left[1], False))
            found += _joined_before(text, left[0])
    for pos, raw, _after in sorted(_speakers_apart(found)):
        phrase = _noun_phrase(raw)
        if not phrase or _too_long(phrase) or not re.search(r"[A-Za-z]", phrase):
            continue
        if _UNNAMED_REPORT.search(raw) or _UNNAMED_REPORT.search(phrase):
            continue
        s = text.find(phrase, pos)
        if s < 0:
            s = text.find(phrase)
        e = s + len(phrase)
        if any(s < te and ts < e for ts, te in taken):
            continue
        if phrase.lower() in _FUNCTION_WORDS and not phrase.isupper():
            continue  # "As reported by X": the word before the verb is no one
        pronoun = bool(_PRONOUN.match(phrase))
        cls = lex.classify(phrase)
        if cls == "other" and not pronoun and not lex.cues["other"].search(phrase):
            cls = "unknown"  # a bare name ("Honcharenko said"): settled in assembly
        if cls == "unknown" and _SPEECH_NOUNS.search(phrase):
            cls = "official"
        if cls == "unknown" and not re.match(r"[A-Z]|the\s+[A-Z]{2,}\b", phrase):
            continue  # "many", "the West": not a named source ("the JCCC", an office's acronym, is one)
        if cls == "unknown" and _AGE_AFTER.match(text, e):
            cls = "other"  # "said Olena Kravets, 58,": a person given an age is no office-holder
        if cls in {"official", "ukraine_official"} and _OCCUPIED_ASIDE.match(text, e):
            cls = "russia_official"  # the authorities of a place the text calls occupied
        out.append(SourceMention(s, e, phrase, cls, pronoun))
        taken.append((s, e))
    return sorted(out, key=lambda m: m.start)
