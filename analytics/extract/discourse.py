"""Discourse: what a sentence says about its clauses and the text around it.

These helpers answer questions the record walk asks of one sentence at a time: which of its
clauses speak of the attack, whether it is a section heading, whether it refers back to the
place in focus, and whether a figure in it is meant for the whole country (the day of its
attack is event_dates.py's). They look only at the sentence text and the finders' matches,
so each can be tested on a string.
"""

from __future__ import annotations

import re

from analytics.extract.attackers import AttackerCue
from analytics.extract.places import PlaceRef
from analytics.gazetteer import Place, PlaceMention, load_gazetteer

# -- clauses -------------------------------------------------------------------------------

#: "the first such attack on Kherson since": the place and the earlier day follow.
FIRST_SINCE = re.compile(
    r"\bfirst (?:[\w-]+ ){0,2}?(?:attacks?|strikes?|raids?|bombardments?|shelling) (?:on|of|against|in) "
    r"(?:[\w'’-]+ ){1,4}?since\s",
    re.IGNORECASE,
)


# -- clauses -------------------------------------------------------------------------------

# Where one clause ends and the next begins: a subordinate clause may speak of another place
# than the main one ("missiles hit A, while B was spared").
CLAUSE_BREAK = re.compile(
    # (", as were places in X" repeats the verb for more places: no new clause)
    r",\s+(?=(?:while|as(?!\s+well\s+as)(?!\s+(?:were|was|did|had|have|has|is|are)\b)|which|who|whose|but|although|though|after|before|where|whereas|even as)\b)|;\s+|"
    # a dash after a figure is a list's "N – X region", no break
    # nor brackets around a figure ("Kursk (20)")
    r"\s+(?=(?:while|whereas|although)\b)|(?<!\d)\s[-–—]\s(?!\d)|\((?!\s*\d+\s*\))|(?<![\d\s])\)|"
    # ", and power cuts were introduced in X": "and" before a subject with a verb of its own
    r",\s+and\s+(?=(?:[\w'’-]+\s+){1,5}?(?:was|were|is|are|has|have|had)\b)"
)
_WHERE = re.compile(r"(?:where|in which)\b")


# "A, B, C, and D were attacked": the last item of a list of names, not a new subject.
_LIST_BEFORE_AND = re.compile(
    r"(?:^|,)\s*(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?,\s*(?-i:[A-Z])[\w'’-]+$"
)


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the clauses of ``text``, in order, covering it."""
    spans, pos = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        if m.group(0).lstrip(",").strip().startswith("and") and _LIST_BEFORE_AND.search(text, 0, m.start()):
            continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def attack_clause_places(text: str, refs: list[PlaceRef], signals: list[int]) -> list[PlaceRef]:
    """Of several target places, those in a clause holding an attack signal (a trigger word,
    a weapon or a figure at one of the ``signals`` offsets); all of them when none is."""
    hot = [(s, e) for s, e in clauses(text) if any(s <= x < e for x in signals)]
    kept = [p for p in refs if any(s <= p.start < e for s, e in hot)]
    # "the port of Izmail, where three dockers were hurt": a "where" clause speaks of the
    # place right before it, though the place itself stands in the clause before.
    for s, _e in hot:
        if _WHERE.match(text[s:]):
            prior = [p for p in refs if p.end <= s]
            if prior and prior[-1] not in kept:
                kept.append(prior[-1])
    kept.sort(key=lambda p: p.start)
    return kept or refs


# -- headings and reference back -------------------------------------------------------------


# A photo caption: an agency-style date closing the line ("... in Odesa, Ukraine, Friday, March 1,
# 2024."), or a photo credit ("(Jane Doe/AP)", "Credit: ...", "Photo: ...").
_CAPTION = re.compile(
    r",\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d\.?\s*$"
    r"|\((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*[A-Z][\w .-]{1,30}\)\s*$"
    r"|\b(?:Credit|Photo(?:graph)?|Image|Picture)\s*:\s"
    r"|\b(?:AP Photo|Getty Images|Reuters/|AFP/|EPA/)"
    # an agency caption's place and day: "... in Kyiv, Ukraine, on Tuesday."
    r"|,\s*(?:Ukraine|Russia),\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\.?\s*$"
)


def is_caption(text: str) -> bool:
    """Whether a sentence reads as a photo caption (its date is the photo's, told in passing)."""
    return bool(_CAPTION.search(text))


def is_heading_like(text: str) -> bool:
    """Mostly capitals at the start: a heading or a statement's issuer line."""
    if re.search(r"[a-z]{4}", text[:40]):
        return False  # cheap exit for ordinary prose
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6


def is_heading(text: str) -> bool:
    """A short heading line ("ODESA REGION.", "Sumy region:"): the section below is about it."""
    text = text.strip()
    if len(text.split()) > 6:
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return text.endswith(":") or sum(c.isupper() for c in letters) / len(letters) > 0.6


# A place's name alone as a sentence, the label that opens a paragraph of a round-up or a live
# entry ("Zaporizhzhia. The number of injured in the city has risen to 12."): the paragraph is
# about that place.
PLACE_LABEL = re.compile(
    r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:\s+(?:region|oblast|Region|Oblast|Krai))?\.$"
)


# The time stamp that opens an entry of a live page: "09:15 —", "2137 GMT -", "7.40am:", or the
# stamp alone on its line, the entry's heading and text below it ("17.52 GMT").
_ZONE = r"(?:GMT|UTC|CET|EET|EEST|MSK|BST|ET)"
_HOUR = r"^\W{0,3}(?:[01]?\d|2[0-3])"
LIVE_ENTRY = re.compile(
    rf"{_HOUR}[:.h]?[0-5]\d\s*(?:{_ZONE}|am|pm|a\.m\.|p\.m\.)?\W{{0,3}}\s*[—–|:-]\s+(?!\d)\S"
    rf"|{_HOUR}(?:[:.h][0-5]\d\s*(?:{_ZONE}|am|pm|a\.m\.|p\.m\.)?|[0-5]\d\s*{_ZONE})\W{{0,3}}$",
    re.IGNORECASE,
)
# A round-up's section heading: a region's name alone on its line.
REGION_HEADING = re.compile(
    r"^\W{0,3}(?:[A-Z][\w'’-]+\s){1,2}(?:region|oblast|krai|republic)\W{0,2}$", re.IGNORECASE
)
# Words that refer back to the place in focus.
ANAPHORA = re.compile(
    r"\b(?:the|this|that) (?:city|town|village|region|oblast|area|district|capital|port|settlement|community)\b|"
    r"\bthere\b|\blocal(?:ly)?\b|\bits (?:residents|centre|outskirts)\b",
    re.IGNORECASE,
)

# -- the whole country -----------------------------------------------------------------------

# A part of a country by where it lies: "western", "north-eastern", "central".
COMPASS = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
NATIONWIDE = re.compile(
    r"\b(?:at|across|throughout|all over|on) the (?:whole )?country\b|\bnationwide\b|"
    r"\b(?:in|over|across) (?:other|several|many|various|a number of|multiple|\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:(?:"
    + COMPASS
    + r"|border|frontline|front-line) )?(?:Ukrainian |Russian |of (?:Ukraine|Russia)['’]s )?(?:regions|oblasts|parts of the country)\b(?!\s*:)|"
    r"\belsewhere in (?:the country|Ukraine|Russia)\b|"
    # "attacks across Ukrainian regions killed seven": several of the country's regions at once
    r"\b(?:across|throughout|in|over|on) (?:the )?(?:Ukrainian|Russian) regions\b(?!\s*(?:of|:))|"
    r"\b(?:across|throughout) (?:the )?regions of (?:Ukraine|Russia)\b|"
    # "launched 48 drones, mostly targeting the Odesa region": a total, most of it at one place.
    r",\s+(?:mostly|mainly|largely|primarily|chiefly)\s+(?:targeting|aimed at|at|against|over|above|in the skies over|in)\b",
    re.IGNORECASE,
)
# A national body's figure ("the Russian defence ministry reported 14 drones downed") is the
# country's, even when the sentence names no place.
NATIONAL_BODY = re.compile(
    r"\b(?:Ukraine['’]s|Russia['’]s|the Ukrainian|the Russian|Ukrainian|Russian)\s+(?:military|air forces?|armed forces|"
    r"defen[cs]e ministry|ministry of defen[cs]e|general staff)\b|\bthe (?:air forces?|general staff)\b",
    re.IGNORECASE,
)
# A side as the subject of a launch ("Moscow sent 50 drones"): it speaks of the whole barrage.
SIDE_LAUNCHED = re.compile(
    r"\b(?:Russia|Ukraine|Moscow|Kyiv|Russian (?:forces|troops|army|military)|Ukrainian (?:forces|troops|army|military)|"
    r"the enemy|the Russians|the Ukrainians)\s+(?:has\s+|had\s+|have\s+)?(?:fired|launched|attacked\s+(?:\w+\s+)?with|used|sent)\b"
)
# What stands right before a country that is the target: "launched 60 drones at Ukraine".
_COUNTRY_TARGET = re.compile(
    r"\b(?:at|on|against|across|into|over|throughout|in|attacked|struck|targeted|hit|bombarded|pounded|shelled)"
    # "over the territory of the Russian Federation": the country's own ground or sky
    r"\s+(?:the\s+)?(?:whole\s+of\s+)?(?:(?:territory|airspace|skies)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


# "during Ukraine's third drone raid this week": the country owns the attack,
# so it is not where the figure fell.
_SIDES_OWN = re.compile(
    r"^(?:'s|’s)\s+(?:(?!(?:with|by|using)\b)[\w-]+\s+){0,3}?(?:assaults?|attacks?|strikes?|barrages?|bombardments?|offensive|war|"
    r"invasion|campaign|forces|troops|army|military|missiles?|drones?|raids?)\b",
    re.IGNORECASE,
)


# "Russian air defense units intercepted 27 drones across the country": the side that defends
_SIDE_AIR_DEFENCE = re.compile(r"\b(?:the\s+)?(?:Russian|Ukrainian)\s+air\s+defen[cs]es?\b", re.IGNORECASE)


def attacked_country(attackers: list[AttackerCue], text: str = "", defended: bool = False) -> str:
    """The country code of the side attacked: the one the attacker is not (Ukraine unless the
    text names Ukraine alone as the attacker). With no attacker named, a side's own body that
    reports what its defences downed (``defended``: "Russia's defence ministry said 75 drones
    were destroyed") names the side attacked."""
    sides = {c.side for c in attackers}
    if not sides and defended:
        body = NATIONAL_BODY.search(text) or _SIDE_AIR_DEFENCE.search(text)
        if body is not None and re.match(r"(?:the\s+)?russia", body.group(0), re.IGNORECASE):
            return "RU"
    return "RU" if sides == {"Ukraine"} else "UA"


def country_targets(
    text: str, places: list[PlaceRef], attackers: list[AttackerCue], defended: bool = False
) -> list[PlaceRef]:
    """Countries a figure is aimed at ("60 drones at Ukraine"), else the attacked country when
    the sentence speaks of the whole country ("fired 40 missiles at the country"); ``defended``:
    the figure is of munitions downed (see ``attacked_country``)."""
    refs = [
        p
        for p in places
        if p.role == "country"
        and _COUNTRY_TARGET.search(text[max(0, p.start - 30) : p.start])
        and not _SIDES_OWN.match(text[p.end : p.end + 60])
        # "in Russia's Krasnodar region", "Russia's border region of Belgorod": the country only
        # places the region after it
        and not any(
            q.place.kind != "country"
            and re.fullmatch(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,3}", text[p.end : q.start])
            for q in places
        )
    ]
    m = NATIONWIDE.search(text)
    if not refs and m:
        # ("over three Russian regions", "elsewhere in Ukraine": the phrase names the country)
        named = re.search(r"\b(?:(?P<ru>Russia)|Ukrain)", m.group(0))
        code = ("RU" if named.group("ru") else "UA") if named else attacked_country(attackers, text, defended)
        place = load_gazetteer().country(code)
        refs = [PlaceRef(PlaceMention(m.start(), m.end(), m.group(0), (place,), False), place, "country")]
    return refs


# "an attack on energy sites across Ukraine", "killed in occupied parts of southern Ukraine":
# the country as the target, several of its regions together (a national record).
# "strikes killed three in western Russia": a toll of a part of the country, no place of it named
# "in western Russia", "against central and western Ukraine": a part of the country, or two
_PART_OF_BEFORE = re.compile(
    r"\b(?:in|on|across|at|against)\s+" + COMPASS + r"(?:\s+(?:and|,)\s+" + COMPASS + r")?\s+$",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\b(?:in|across)\s+$", re.IGNORECASE)
_ACROSS_BEFORE = re.compile(
    r"\b(?:(?:across|throughout|all over)\s+(?:the\s+whole\s+of\s+)?|parts of\s+(?:[\w-]+\s+){0,4}?|"
    # "aimed at many of Ukraine's regions": many regions at once.
    r"(?:half|most|many|much|all|several|dozens|a third|swathes) of\s+(?:the\s+)?|"
    # "attacked seven regions of Ukraine": regions counted, none named
    r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:regions|oblasts) of\s+)$",
    re.IGNORECASE,
)


# "rockets were launched by Russia into Ukraine on 2 May": weapons sent at the country,
# no place in it named (GUIDELINES: "fired into Ukraine" is a record with region null).
_FIRED_INTO_BEFORE = re.compile(
    r"\b(?:fired|launched|sent|lobbed)\b[^.;:,]{0,60}?\b(?:into|at|against)\s+(?:the\s+)?$", re.IGNORECASE
)


# "struck Ukraine with Shahed drones overnight": the country as the object of the attack
# (with a weapon named: "since Russia attacked Ukraine" is the war).
_STRUCK_BEFORE = re.compile(
    r"\b(?:struck|striking|attack(?:ed|ing)|hit(?:ting)?|pound(?:ed|ing)?|bombard(?:ed|ing)?|target(?:ed|ing)|"
    r"shell(?:ed|ing)|hammer(?:ed|ing)?|pummell?(?:ed|ing)|batter(?:ed|ing)?|"
    # "an attack overnight on Ukraine": the time may stand between the attack and its object
    r"(?:attacks?|strikes?|assaults?|barrages?|bombardments?)\s+(?:(?:overnight|last night|early \w+day|on \w+day)\s+)?"
    # "strikes in Ukraine killed 12": strikes (not "an attack in Russia": one attack, placed later)
    r"(?:on|against|targeting|aimed at)|(?:attacks|strikes)\s+in)\s+$",
    re.IGNORECASE,
)


def country_wide(
    text: str, places: list[PlaceRef], armed: bool = False, toll: bool = False, attack: bool = False
) -> list[PlaceRef]:
    """The country an attack is stated across ("across Ukraine") or fired into, or that a side
    struck with a weapon named (``armed``), no figure needed; ``toll``: the sentence's toll is
    said of a part of the country ("in western Russia"), or of the country when ``attack``: the
    sentence states the attack and its time ("the attacks this morning injured eight people in
    Ukraine")."""
    return [
        p
        for p in places
        if p.role == "country"
        and (
            _ACROSS_BEFORE.search(text[max(0, p.start - 60) : p.start])
            or (toll and _PART_OF_BEFORE.search(text[max(0, p.start - 30) : p.start]))
            # "the attacks injured eight people and damaged homes in Ukraine": no place is named
            or (toll and attack and _IN_BEFORE.search(text[max(0, p.start - 10) : p.start]))
            or _FIRED_INTO_BEFORE.search(text[max(0, p.start - 90) : p.start])
            or (armed and _STRUCK_BEFORE.search(text[max(0, p.start - 45) : p.start]))
        )
        and not _SIDES_OWN.match(text[p.end : p.end + 60])
    ]


# "a massive strike on Ukrainian military-industrial facilities", "struck Russian energy
# sites", "against enterprises of Ukraine's defence industry": the side's sites at large, no
# place named, are the country as the target (GUIDELINES: region null).
_SITES = (
    r"(?:facilities|infrastructure|enterprises|plants|factories|airfields|air bases|bases|energy|"
    r"military-industrial|defen[cs]e[- ]industr\w*|industry|targets|cities|towns|power plants|substations|"
    r"ports|refineries|oil depots|fuel depots|depots|arsenals|grid)"
)
_SIDE_SITES = re.compile(
    r"(?:\b(?:strikes?|attacks?|raids?|barrage)\b[^.;:]{0,80}?\b(?:on|against|at)\s+"
    r"|\b(?:struck|hit|attacked|targeted|pounded|hammered|bombarded)\s+)"
    r"(?:(?:the\s+)?(?:enterprises|facilities|sites|objects)\s+of\s+)?"
    rf"(?P<side>Ukrainian|Ukraine['’]s|Russian|Russia['’]s)\s+(?:[\w-]+\s+){{0,2}}?{_SITES}\b",
    re.IGNORECASE,
)


def side_sites(text: str) -> list[PlaceRef]:
    """The country whose sites at large an attack is stated on, as a target of its own."""
    gaz = load_gazetteer()
    out = []
    for m in _SIDE_SITES.finditer(text):
        country = gaz.country("UA" if m.group("side").lower().startswith("ukrain") else "RU")
        mention = PlaceMention(m.start("side"), m.end("side"), m.group("side"), (country,), False)
        out.append(PlaceRef(mention, country, "country"))
    return out[:1]


# -- what a sentence says of the attack in focus ---------------------------------------------


# Damage stated of a place without an attack word ("plants in two regions were damaged"), or the
# place named as aimed at ("Kyiv and Odesa were the main targets"): in a story about an attack,
# what that attack did there.
DAMAGED = re.compile(
    r"\b(?:(?:was|were|been)\s+(?:\w+\s+)?(?:damaged|destroyed|hit|targeted)|caught fire|ablaze|collapsed|"
    r"(?:a\s+)?fires?\s+(?:broke out|erupted|started|raged)|"
    r"(?:was|were)\s+(?:the\s+|among\s+the\s+)?(?:main\s+|primary\s+|chief\s+)?targets?)\b",
    re.IGNORECASE,
)


#: A toll stated as what happened that day ("on Saturday 25 people were killed"), not an
#: update of a running figure ("by Friday the toll rose to 28", "Friday: 28 dead").
TOLL_OF_THE_DAY = re.compile(
    r"^(?!.*\b(?:toll|rose|risen|climbed|reached|dead|deaths|bodies|so far|updated?|reports?|now)\b)"
    r".*\b(?:killed|wounded|injured|hurt|died)\b",
    re.IGNORECASE,
)
#: An attack aimed at a whole country, named as such.
AT_THE_COUNTRY = re.compile(
    r"\b(?:attack|strike|target|hit|bomb|shell)(?:s|ed|ing)?\s+(?:on\s+|against\s+)?(?:Ukraine|Russia)\b(?![’']s)"
)
#: Nouns of an attack as an event (not a weapon's name alone).
ATTACK_EVENT = re.compile(r"\b(?:attacks?|strikes?|raids?|barrages?|bombardments?|shelling)\b", re.IGNORECASE)
#: A demonstrative that points back at the attack last spoken of.
BACK_REFERENCE = re.compile(
    r"\b(?:that|this|the same|the earlier|the previous|the latest) (?:strike|attack|raid|barrage|assault)\b",
    re.IGNORECASE,
)
#: The weapon or attack just told, referred back to: "the drone was downed", "the strike".
THE_WEAPON = re.compile(
    r"\b(?:the|that|this) (?:drone|missile|rocket|shell|bomb|attack|strike|raid)\b(?!\s+(?:attacks?|strikes?)\b)",
    re.IGNORECASE,
)


# Diplomacy, aid and politics: a speaker on them speaks of another topic than the attack.
OTHER_TOPIC = re.compile(
    r"\b(?:ceasefire|cease-fire|truce|peace (?:talks|deal|plan|process|negotiations)|negotiat\w+|sanctions?|"
    r"summit|aid package|military aid|elections?|arrested|detained|indicted|(?:will|to|would) meet|met with|meeting with|"
    r"diplomatic|diplomacy|envoys?|round of talks|contacts with)\b",
    re.IGNORECASE,
)


# "strikes on western Ukraine", "in southern Russia": a part of a country named by its compass
# direction, with no place in it named.
COMPASS_PART = re.compile(
    r"\b(?P<part>(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s+(?P<country>Ukraine|Russia)\b",
    re.IGNORECASE,
)
# Where each part of each country begins, by latitude and longitude of a region's centre; a
# region near a line counts for both sides of it.
_PART_BOUNDS = {
    "UA": {
        "north": ("lat", 50.0, 1),
        "south": ("lat", 48.0, -1),
        "east": ("lon", 34.0, 1),
        "west": ("lon", 29.5, -1),
    },
    "RU": {
        "north": ("lat", 58.0, 1),
        "south": ("lat", 48.5, -1),
        "east": ("lon", 50.0, 1),
        "west": ("lon", 45.0, -1),
    },
}
# The centre of each country as news means it: (lat from, lat to, lon from, lon to).
_CENTRAL = {"UA": (47.5, 51.0, 28.0, 35.5), "RU": (51.0, 59.0, 32.0, 46.0)}


def in_compass_part(place: Place, part: str) -> bool:
    """Whether a region's centre lies in the named part of its country ("north-eastern": both)."""
    bounds = _PART_BOUNDS.get(place.country)
    if bounds is None:
        return True
    part = part.lower().replace("-", "")
    if part == "central":
        lat_from, lat_to, lon_from, lon_to = _CENTRAL[place.country]
        return lat_from <= place.lat <= lat_to and lon_from <= place.lon <= lon_to
    sides = [s for s in ("north", "south", "east", "west") if s in part]
    return all(_beyond(place, bounds[s]) for s in sides)


def _beyond(place: Place, bound: tuple[str, float, int]) -> bool:
    axis, line, sign = bound
    value = place.lat if axis == "lat" else place.lon
    return (value - line) * sign >= 0


def placed_elsewhere(text: str, region: Place) -> bool:
    """ "Russia launched strikes on western Ukraine": the sentence places its attack in a part
    of the region's country the region does not lie in."""
    parts = [
        m
        for m in COMPASS_PART.finditer(text)
        if {"ukraine": "UA", "russia": "RU"}[m.group("country").lower()] == region.country
    ]
    return bool(parts) and not any(in_compass_part(region, m.group("part")) for m in parts)


# A recap of earlier attacks: "Background:", "Recall that", "As a reminder", "As reported earlier",
# "Previously,", "Earlier, on 1 May".
RECAP = re.compile(
    r"^\W*(?:background|reminder|recall(?: that)?|as a reminder|to recap|as (?:\w+ )?(?:has )?reported earlier|"
    r"previously|earlier(?=,| this| on| in| that))\b",
    re.IGNORECASE,
)
