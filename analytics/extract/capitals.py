"""Capitals as governments: when "Kyiv", "Moscow" or "Washington" is a speaker or a side
("Moscow said", "pressure on Kyiv", "in contact with both Kyiv and Moscow") and when it is the
city an attack hit ("drones hit Kyiv", "Moscow came under attack")."""

from __future__ import annotations

import functools
import re

from analytics import lexicon
from analytics.extract.actors import SPEAKER_ASIDE

# A capital's possession stands for its government ("Moscow's strikes", "Kyiv's ability to"),
# except the city's own parts and people ("Kyiv's Podil district", "Moscow's airports").
_CAPITAL_POSSESSIVE = re.compile(r"^(?:'s|’s)\s+(?P<words>[\w-]+(?:\s+[\w-]+){0,2})", re.IGNORECASE)
_CITY_PARTS = re.compile(
    r"(?:airports?|district|districts|suburbs?|outskirts|cent(?:er|re)|streets?|buildings?|residents|inhabitants|"
    r"apartments?|homes|houses|infrastructure|power|metro|refinery|oil|region|oblast|neighbou?rhoods?|skies|"
    r"airspace|mayor|hospitals?|schools?|stations?|bridges?|railway|port|people|population|civilians|"
    r"outskirts|historic|Podil|Vnukovo|Sheremetyevo|Domodedovo|Zhukovsky|Obolonskyi|Solomianskyi|city|downtown)$",
    re.IGNORECASE,
)
# What a side does or owns ("a pause in Moscow's raids"): the possessive is the government.
_SIDE_NOUN = re.compile(
    r"(?:strikes?|attacks?|raids?|barrages?|bombardments?|missiles?|drones?|forces|troops|army|military|war|"
    r"invasion|offensive|shelling|bombing|"
    r"campaign|aggression|air force|defen[cs]e|favou?r|orbit|view|relations|sovereignty|interests?|behalf|allies|"
    r"ally|position|policy|demands?|claims?|narrative|propaganda|control)\b",
    re.IGNORECASE,
)
# What a side did or sent, never a part of the city ("Moscow's strikes cut power to the city";
# "Kyiv's military infrastructure" is the city's).
_SIDE_ACTS = re.compile(
    r"strikes|attacks|raids|barrages|bombardments?|shelling|bombing|forces|troops", re.IGNORECASE
)
# A speech verb of the lexicon right before a capital ("..., says Kyiv").
_SAYS_BEFORE = re.compile(r"\b(?:" + lexicon.fragment("reporting_verbs") + r")\s+$", re.IGNORECASE)
# A government voice right after "In <capital>,": the city is where it speaks from.
_SEAT_OF_SPEAKER = re.compile(
    r"^\s*,\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?(?:Kremlin|President|Prime Minister|[Ff]oreign [Mm]inist\w*|"
    r"[Ss]pokes(?:man|woman|person)|[Mm]inist(?:er|ry)|[Gg]overnment|[Pp]residential|[Pp]arliament|officials)\b"
)
# What a capital's possessive names of its state, not of the city.
_STATE_NOUNS = re.compile(
    r"(?:revenues?|economy|budget|income|earnings|exports?|finances|coffers|allies|partners|interests|"
    r"aggression|invasion|offensive|leadership|government|diplomats?|envoys?|negotiators?)",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:at|in|on|over|near|into|outside|across|above|around|throughout)\s+(?:the\s+)?$", re.IGNORECASE
)
# Prepositions that only place: "drones swarming in and around Kyiv killed ten" names the city
# whatever verb follows ("on" and "at" also take a government: "pressure on Moscow").
_SPATIAL_BEFORE = re.compile(r"\b(?:in|around|near|outside|over|above|across|throughout)\s+$", re.IGNORECASE)
# An attack verb or its noun right before a place: the place is what was attacked.
_ATTACKED_BEFORE = re.compile(
    r"\b(?:hit|hits|struck|strikes|attacked|attacks|targeted|targeting|targets|shelled|shelling|bombed|"
    r"bombing|pounded|pounding|hammered|battered|raided|(?:attack|strike|strikes|raid|assault|barrage)\s+on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@functools.cache
def _metonymy_after() -> re.Pattern[str]:
    words = "|".join(re.escape(w.strip()) for w in lexicon.rules()["metonymy_followers"])
    return re.compile(r"^(?:'s|’s)?\s*(?:" + words + r")", re.IGNORECASE)


# A capital that undergoes something is a place: "Kyiv has been hit", "Moscow came under attack",
# "Kyiv attacked by drones" (a headline's passive).
_CAPITAL_UNDERGOES = re.compile(
    r"^\s+(?:(?:has|have|had)\s+been|(?:was|were|is|are)(?=\s+(?:(?:again|also|once again|being|now|still)\s+)?"
    # "Kyiv was hit", "Moscow is under attack"; not "Moscow is not serious"
    r"(?:[a-z]+ed|hit|struck|shot|under|ablaze|on fire|among|in|without|left|rocked|shaken)\b)|being|came under|comes under|suffered|suffers|woke|wakes|"
    r"shook|endur\w*|suffer\w*|fac(?:ed|es|ing)|brac\w*|reel\w*|recover\w*|shak\w*|burn\w*|waking|coming under|"
    r"spent|saw (?:its|a|the)|[a-z]+ed by|shelling|bombing|lies|lay|sits|stands|falls|borders|located)\b",
    re.IGNORECASE,
)
# A capital as the subject of an act of its government: "Kyiv hoping to", "Moscow, which denies",
# "Moscow launched a barrage". Verbs of impact stay out ("Kyiv attacked overnight" is a headline's
# passive as often as an act), as do the city's own nouns ("Kyiv residents").
_CAPITAL_ACTS = re.compile(
    # ("proof that Kyiv \"cannot be trusted\"": a quote may open before the verb)
    r"^(?:\s*,\s*(?:which|who)\s+|\s+)[\"“‘']?(?:(?:has|have|had|also|then|again|now|later|reportedly|itself|did|does|"
    r"will|would|not|never|repeatedly|cannot|can|could|must|should|might|be|been)\s+)*(?P<verb>launched|fired|sent|used|unleashed|deployed|[a-z]+ing|"
    # "as Moscow intensified its attacks": any act in the past but one of impact, which a
    # headline uses for what the city underwent ("Kyiv attacked overnight")
    r"(?!(?:attacked|struck|hit|shelled|bombed|targeted|damaged|rocked|shaken|pounded|hammered|battered|"
    r"raided|plunged|blacked|darkened|cut)\b)[a-z]{3,}ed|"
    # ... or in the present ("as Kyiv marks Christmas"), again but one of impact
    r"(?!(?:hits|strikes|attacks|shells|bombs|targets|pounds|rocks|shakes|raids)\b)[a-z]{3,}[^s\W]s|"
    r"annexed|accus\w+|aim\w*|seeks?|sought|demand\w*|refus\w+|consider\w*|want\w*|hope\w*|plan\w*|"
    r"intend\w*|respond\w*|vow\w*|threaten\w*|promis\w+|acknowledg\w+|admit\w*|confirm\w*|insist\w*|"
    r"argu\w+|believ\w+|expect\w*|call\w*|view\w*|see(?:s|n)?|regard\w*|stepped|step\w*|pushed|press\w*|"
    # acts in the past whose form ends in no "-ed": "as Moscow held its parade"
    r"held|met|made|took|gave|led|kept|brought|began|spoke|chose|paid|sought|won|lost)\b",
)
# ... but a verb of impact with its object is the government's act: "Moscow also struck Ukrainian
# power plants", "Kyiv already attacks Russian refineries" (a headline's passive has none).
_CAPITAL_STRIKES_AT = re.compile(
    r"^\s+(?:(?:has|have|had|also|already|again|repeatedly|regularly|reportedly|then|now|itself)\s+)*"
    r"(?:attack(?:ed|s)?|struck|strikes|hit|hits|shelled|shells|bombed|bombs|targeted|targets|pounded|pounds)\s+"
    r"(?:Russian|Ukrainian|Russia['’]s|Ukraine['’]s|its|their|energy|power|oil|military|civilian|dozens|several|\d+)\b"
)
# "waiting for Moscow to want peace", "pressing Kyiv to agree": the capital as the subject of
# an infinitive (not "to be hit", not a place after "to": "from Kyiv to Lviv").
_CAPITAL_TO = re.compile(r"^\s+to\s+(?!(?:be|the|a|an|its|their|this|that|date)\b)[a-z]{3,}\b")
_RELATIVE_AFTER = re.compile(r"^\s*,\s*(?:which|who)\s+")
# "Moscow is not serious about talks", "Kyiv was ready to": the government's stance.
_CAPITAL_IS = re.compile(
    r"^\s+(?:is|are|was|were|remains|remained)\s+(?:not\s+|no longer\s+|still\s+)?"
    r"(?:un)?(?:willing|ready|serious|interested|prepared|open|committed|determined|responsible|able|keen|eager|"
    r"trying|seeking|using|preparing|planning|pushing|pressing|refusing|insisting)\b",
    re.IGNORECASE,
)


def _title_cased(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


_ASIDE_AFTER = re.compile(r"^\s*" + SPEAKER_ASIDE, re.IGNORECASE)


def _capital_acts(after: str) -> bool:
    """Whether a capital stands for its government by what follows it."""
    aside = _ASIDE_AFTER.match(after)
    if aside:  # "Moscow, for its part, says"
        after = after[aside.end() :]
    relative = _RELATIVE_AFTER.match(after)
    if relative:
        # "Moscow, which rejects the claim": any act of the relative clause is the government's.
        after = " " + after[relative.end() :]
    if _CAPITAL_UNDERGOES.match(after):
        return False
    if relative or _metonymy_after().match(after) or _CAPITAL_IS.match(after) or _CAPITAL_TO.match(after):
        return True
    if _CAPITAL_STRIKES_AT.match(after):
        return True
    m = _CAPITAL_ACTS.match(after)
    return m is not None and not _CITY_PARTS.match(m.group("verb")) and m.group("verb") not in _PLACE_INGS


# "-ing" words after a capital that are the city's own nouns, or prepositions ("Kyiv during the
# night", "Kyiv following the raid"), not its government's acts.
_PLACE_INGS = frozenset(
    {
        "building",
        "buildings",
        "housing",
        "shopping",
        "parking",
        "evening",
        "morning",
        "morning's",
        "during",
        "following",
        "including",
        "according",
        "regarding",
        "concerning",
    }
)
# A capital before an attack noun, the attack placed elsewhere after it.
_SIDE_ADJECTIVE = re.compile(
    r"\s+(?:shelling|strikes?|attacks?|bombing|bombardment|missiles?|drones?|rockets?|barrage)\b"
    r"(?=[^.;]{0,40}\b(?:in|on|at)\s+(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z])"
)
CAPITALS = frozenset({"kyiv", "kiev", "moscow", "washington"})
_PAIRED_CAPITAL = re.compile(r"\s+and\s+(?:Kyiv|Kiev|Moscow|Washington)\b")


def capital_stands_for_government(text: str, before: str, after: str) -> bool:
    """Whether a capital named in ``text`` (``before`` and ``after`` it) stands for its
    government: "Kyiv said", "Moscow blames", "officials in Kyiv", "talks with Moscow"."""
    poss = _CAPITAL_POSSESSIVE.match(after)
    # "near Moscow's ring road", "over Kyiv's suburbs": after a preposition of place, the
    # possessive names a part of the city.
    located = bool(_LOCATIVE_BEFORE.search(before)) and not (poss and _SIDE_NOUN.match(poss.group("words")))
    words = poss.group("words").split() if poss else []
    if poss and not located and not any(_CITY_PARTS.match(w) for w in words):
        return True
    if poss and _SIDE_ACTS.fullmatch(words[0]):
        return True  # "after Moscow's strikes cut power": the side's, whatever follows
    if poss and any(_STATE_NOUNS.fullmatch(w) for w in words):
        return True  # "Moscow's oil revenues": the state's, though "oil" is a city's too
    if _SIDE_ADJECTIVE.match(after) and not _LOCATIVE_BEFORE.search(before):
        return True  # "Moscow shelling kills four in Kherson": the side whose attack it was
    if _SAYS_BEFORE.search(before) and re.match(r"\s*(?:[.,;:!?]|$|\s+(?:on|in|late|early)\b)", after):
        return True  # "Nine warplanes destroyed in Crimea blasts, says Kyiv": who speaks
    if _SEAT_OF_SPEAKER.match(after) and re.search(r"(?:^|[.!?]\s+)(?:In|From)\s+$", before):
        return True  # "In Moscow, the Kremlin's spokesman said": where the government speaks
    # "Drones hit Kyiv killing two", "struck Moscow using drones": the object of an attack is
    # the city, whatever follows it.
    undergoes = bool(_ATTACKED_BEFORE.search(before))
    placed = bool(_SPATIAL_BEFORE.search(before))
    # A headline capitalises its verbs: "... as Moscow Escalates War".
    acts = _capital_acts(after) or (_title_cased(text) and _capital_acts(after.lower()))
    paired = _PAIRED_CAPITAL.match(after)
    # ("between Kyiv and Moscow"; "as Kyiv and Moscow traded attacks": the pair acts)
    pair = paired and (
        re.search(r"\b(?:with|between)\s+(?:both\s+)?$", before) or _capital_acts(after[paired.end() :])
    )
    if (not undergoes and not placed and (acts or pair)) or re.search(
        r"\b(?i:officials|authorities|government|ministry|embassy|command|headquarters|diplomats|analysts|observers|"
        r"politicians|lawmakers|insiders|many|some) in\s+$|"
        # "Estonia will buy drones for Kyiv": a government armed by others
        r"\b(?i:buy|buys|bought|purchas\w+|supply|supplies|supplied|donat\w+|pledg\w+|provid\w+|handed over)\b"
        r"[^.;]{0,60}\b(?:to|for)\s+$|"
        # "raised concern in Kyiv", "hopes in Moscow": what a government feels
        r"\b(?i:concerns?|alarm|anger|fears?|worry|worries|hopes?|frustration|outrage|irritation|scepticism|skepticism) in\s+$|\b(?:accused|accusing|accuses|blamed|blaming|urged|urging)\s+$|"
        r"\b(?i:according to)\s+$|"
        # "drone attacks by Kyiv across several regions": the side that made them
        r"\b(?i:attacks?|strikes?|raids?|shelling|bombardment|drones?|missiles?)\s+(?:\w+\s+)?by\s+$|"
        r"\b(?:collaborat\w*|cooperat\w*|ties|talks|relations|negotiat\w*|dialogue|sided|allied|loyal|contacts?|mediat\w*) (?:with|to|between)\s+(?:both\s+)?$|"
        # "in contact with both Kyiv and Moscow", "between Moscow and Kyiv": two governments
        r"\b(?:with|between)\s+(?:both\s+)?(?:Kyiv|Kiev|Moscow|Washington)\s+and\s+$|"
        # "sanctions on Moscow", "pressure on Kyiv": measures against a government
        r"\b(?:sanctions|pressure|penalties|tariffs|embargo|demands|ultimatum) (?:on|against|upon)\s+$",
        before,
    ):
        return True
    return False
