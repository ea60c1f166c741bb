"""Places: gazetteer mentions in a sentence, with the role each plays.

A place is a *target* unless the sentence uses it as a launch origin ("fired from the Kursk
region", "aircraft over the Black Sea"), as a government ("Kyiv said", "Moscow blames"), or
as part of a name ("Kyiv Independent"): those never make a record.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analytics import lexicon
from analytics.extract.numbers import HELD_BY_FORCE, NUM
from analytics.extract.villages import (
    CITY_POPULATION,
    VILLAGE_POPULATION,
    common_village,
    compound_names,
    hromada_of,
    local_village,
    placed_in,
    unknown_districts,
    unknown_village,
    village_of_the_sentence_s_region,
)
from analytics.gazetteer import Place, PlaceMention, load_gazetteer

_ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\blaunched from|\bfired from|\bflying over|\bbombers? over|\bbased in|\bfrom (?:the )?(?:territory|directions?|area) of|"
    r"\bfrom temporarily occupied|\bfrom occupied|\bfrom the|\btowards?|\bheading (?:for|to)|\bbound for|\ben route to|\bon (?:its|their) way to|\btravell?ing to|\bvisit(?:ed|ing)? to|\btravel(?:led)? to|"
    r"\bmet (?:in|with)|\btalks in|\bsummit in|\bin talks|\bborn in|\bmoved to|\bfled to|\bevacuated to|\bsent to|\btaken to|"
    r"\bflown to|\btransferred to|\bhospitali[sz]ed in|\bsupplied to|\bdelivered to|\bprovided to|\bgiven to|\bpressure on|"
    r"\binstalled by|\bappointed by|\bkm (?:\w+ )?(?:of|from)|\bkilometres (?:\w+ )?(?:of|from)|\bmiles (?:\w+ )?(?:of|from)|"
    r"\bnorth of|\bsouth of|\beast of|\bwest of|\b(?:north|south)-?(?:east|west) of|\boutskirts of(?= \w+ \d)|\bpush(?:ed|ing)? (?:on )?towards|"
    r"\badvanc(?:e|ed|ing) (?:on|towards)|\bcaptured|\bseized|\bretreat(?:ed)? from|\bwithdr[ae]w from|"
    # "4 km from its border with Ukraine's central Vinnytsia region", "Tula, which borders the
    # Moscow region": a neighbour named to place another is a landmark
    r"\bborders?\s+(?:with|of)|\bborders)"
    r"\s+(?:the\s+|temporarily\s+occupied\s+|occupied\s+|annexed\s+|Russia['’]s\s+|Ukraine['’]s\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
    re.IGNORECASE,
)
_ORIGIN_AFTER_PLACE = re.compile(r"^\W{0,3}(?:-based|based)\b", re.IGNORECASE)
_NAME_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:Independent|Post|Times|Courier|Herald|Pravda|Region Television|Oblast Council|"
    r"Patriarchate|Metropolitan|Dynamo|Shakhtar|Zorya|Spartak|CSKA|Lokomotiv|Stadium|Airlines|University|"
    r"Polytechnic|Institute|School of|Street|Avenue|Boulevard|Highway|Road|Declaration|Process|Accords?|format|"
    r"Agreement|Memorandum|Security Conference|Club|Metro (?:station|line)|Zoo|Theatre|Philharmonic|"
    r"time|Time|Standard Time)\b"
)
# An adjectival name before "district" names a city district ("the Shevchenkivskyi district"),
# never the city or region it shares a stem with.
_DISTRICT_NAME = re.compile(r"(?:k[iy][iy]?|[nz][iy]i|yy)$")
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|raion|rayon|neighbou?rhood)\b", re.IGNORECASE)
# ... of a city: the district of a region named after its town is that town's area.
_DISTRICT_OF = re.compile(
    r"\s+(?i:district|raion|rayon)\s+(?:of|in)\s+(?:the\s+(?:city\s+of\s+)?)?[A-Z][\w'’-]+\b"
    r"(?!\s+(?i:region|oblast|province|krai|republic))"
)
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
# A place's name inside the quoted name of a building or firm: '"Volga Sky" residential complex'.
_QUOTED_NAME = re.compile(
    r"[^\"“”«»\n]{0,30}[\"”»]\s+(?:residential complex|housing estate|shopping (?:centre|center|mall)|hotel|"
    r"plant|factory|enterprise|company|cinema|stadium|market|sanatorium|business cent(?:re|er))\b",
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


@dataclass(frozen=True)
class PlaceRef:
    mention: PlaceMention
    place: Place
    role: str  # target | origin | actor | name

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


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
    r"^(?:\s*,\s*(?:which|who)\s+|\s+)(?:(?:has|have|had|also|then|again|now|later|reportedly|itself|did|does|"
    r"will|would|not|never|repeatedly)\s+)*(?P<verb>launched|fired|sent|used|unleashed|deployed|[a-z]+ing|"
    # "as Moscow intensified its attacks": any act in the past but one of impact, which a
    # headline uses for what the city underwent ("Kyiv attacked overnight")
    r"(?!(?:attacked|struck|hit|shelled|bombed|targeted|damaged|rocked|shaken|pounded|hammered|battered|"
    r"raided|plunged|blacked|darkened|cut)\b)[a-z]{3,}ed|"
    # ... or in the present ("as Kyiv marks Christmas"), again but one of impact
    r"(?!(?:hits|strikes|attacks|shells|bombs|targets|pounds|rocks|shakes|raids)\b)[a-z]{3,}[^s\W]s|"
    r"annexed|accus\w+|aim\w*|seeks?|sought|demand\w*|refus\w+|consider\w*|want\w*|hope\w*|plan\w*|"
    r"intend\w*|respond\w*|vow\w*|threaten\w*|promis\w+|acknowledg\w+|admit\w*|confirm\w*|insist\w*|"
    r"argu\w+|believ\w+|expect\w*|call\w*|view\w*|see(?:s|n)?|regard\w*|stepped|step\w*|pushed|press\w*)\b",
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
    return len(words) >= 4 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


def _capital_acts(after: str) -> bool:
    """Whether a capital stands for its government by what follows it."""
    relative = _RELATIVE_AFTER.match(after)
    if relative:
        # "Moscow, which rejects the claim": any act of the relative clause is the government's.
        after = " " + after[relative.end() :]
    if _CAPITAL_UNDERGOES.match(after):
        return False
    if relative or _metonymy_after().match(after) or _CAPITAL_IS.match(after) or _CAPITAL_TO.match(after):
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


# A dateline: "KHARKIV, Ukraine, March 14, 2024 (Wire) -", "MOSCOW, 11 March 2025." at a paragraph
# start, or an agency's "MOSCOW, March 14. /Agency/." or "MOSCOW, March 14 (Agency)" without the year.
_DATELINE_AFTER = re.compile(
    r"^(?:,\s*(?:Ukraine|Russia|Crimea))?(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})"
    # "KYIV, Aug 21 (Reuters)", "KYIV, Aug 21 — Russian drones ..."
    r"|,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:\.\s*/[A-Z]|\s*\(|\s+[-–—]\s)"
    r"|,?\s*\(|\s+[-–—]\s)"
)
# "the capital of Bashkortostan" is that region's ("the capital of Ukraine" is Kyiv).
_CAPITAL = re.compile(
    r"\b(?:the (?:(Ukrainian|Russian) )?|(Ukraine|Russia)['’]s )"
    r"capital(?!\s+(?:region|city of|of\s+(?!(?:Ukraine|Russia)\b(?!['’])|the\s+country\b)))\b"
    r"(?:\s+of\s+(Ukraine|Russia)\b)?"
)


# Capitalised words that may stand right before a place name without making it a person's name.
_BEFORE_PLACE_OK = {
    "in", "on", "at", "from", "the", "a", "near", "outside", "over", "and", "but", "while", "both", "of", "to",
    "into", "across", "around", "towards", "central", "western", "eastern", "northern", "southern", "greater",
    "occupied", "annexed", "russian-occupied", "russian-held", "ukrainian-held", "frontline", "front-line", "city",
    "town", "village", "region", "oblast", "district", "then", "also", "meanwhile", "separately", "elsewhere",
    "downtown", "besieged", "liberated", "by", "for", "with", "as", "like", "where", "when", "after", "before",
    "sea", "coast", "port",
}  # fmt: skip
_TITLE_BEFORE = re.compile(
    r"\b(?:governor|mayor|minister|president|premier|head|chief|commander|spokes(?:man|woman|person)|general|gen\.|"
    r"colonel|col\.|lieutenant|mr\.?|mrs\.?|ms\.?|dr\.?|deputy|official|adviser|advisor|ambassador|envoy)\s+$",
    re.IGNORECASE,
)


def _person_name(text: str, mention: PlaceMention) -> bool:
    """ "Alexei Smirnov", "governor Vorobyov": a surname that GeoNames also lists as a village."""
    before = text[max(0, mention.start - 30) : mention.start]
    if _TITLE_BEFORE.search(before):
        return True
    m = re.search(r"(?:^|[\s(\"“])([A-Z][a-z'’-]+)\s+$", before)
    # A possessive is no first name: "Ukraine's Zaporizhzhia" is the country's region.
    possessive = m is not None and m.group(1).endswith(("'s", "’s"))
    return m is not None and not possessive and m.group(1).lower() not in _BEFORE_PLACE_OK and m.start(1) > 0


# "launched from a field near a town in occupied Crimea", "fired by a jet from the airspace over the
# occupied south of the Kherson region": a place anywhere in the phrase after "from" is where
# the weapon came from, until the phrase turns to where it went ("at", "towards", a verb of impact).
_FROM_PHRASE = re.compile(
    r"(?:\b(?:launched|fired|took off|flew in|flying in|came|coming|sent|released|dropped)\b[^,.;:]{0,60}?\bfrom\b"
    r"|\bfrom\s+(?:the\s+)?directions?\s+of\b|\bfrom\s+(?:several|multiple|many|various|\w+)\s+directions\b)"
    r"(?P<tail>[^.;:]*)$",
    re.IGNORECASE,
)
_PHRASE_TURNS = re.compile(
    r"\b(?:at|on|against|towards?|into|onto|hit|hits|struck|strikes?|attack\w*|target\w*|kill\w*|damag\w*|"
    r"injur\w*|wound\w*|exploded|landed|fell|were|was)\b",
    re.IGNORECASE,
)


# "drones flying towards Tula", "a bomb heading for Sumy": where a weapon went is a
# target area (GUIDELINES: "drones also flew towards Poltava" is a regional record); troops or a
# road "towards" a place are not.
MUNITION_TOWARDS = re.compile(
    r"(?:\b(?:drones?|missiles?|UAVs?|bombs?|shaheds?|rockets?|projectiles?)\b[^,.;:]{0,60}?"
    r"\b(?:towards?|heading (?:for|to)"
    # "drones were also reported over Crimea": munitions seen over a place are the attack's there
    r"|(?:reported|spotted|seen|recorded|observed|detected)\s+(?:over|above))"
    # "including 6 flying towards Moscow", "three heading for Moscow": what flies towards a place
    # is the munitions counted
    r"|\b(?:flying|flew)\s+towards?"
    rf"|\b{NUM}\s+(?:of them\s+)?(?:flying|heading)\s+(?:for|to))"
    rf"\s+(?:the\s+)?{HELD_BY_FORCE}$",
    re.IGNORECASE,
)


# Within the phrase, a comma goes on only to more names of a list ("from Oryol, Kursk and Bryansk").
_LIST_GOES_ON = re.compile(r",\s*(?!(?:and|or|as well as|including|such as|notably|among them)\b)(?-i:[a-z])")


def _in_origin_phrase(text: str, mention: PlaceMention) -> bool:
    m = _FROM_PHRASE.search(text[max(0, mention.start - 160) : mention.start])
    if m is None:
        return False
    tail = m.group("tail")
    return not _PHRASE_TURNS.search(tail) and not _LIST_GOES_ON.search(tail)


@functools.cache
def _rivers() -> re.Pattern[str]:
    return re.compile(r"(?:" + lexicon.fragment("rivers") + r")(?:['’]s)?")


_RIVER_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:Siverskyi|Seversky|Southern|Northern|Upper|Lower)\s+)?$")
_RIVER_AFTER = re.compile(r"^\s+[Rr]iver\b")
_AREA_AFTER = re.compile(r"^\s+(?:region|area|basin|valley)\b", re.IGNORECASE)


def _river(before: str, name: str, after: str) -> bool:
    """ "the Dnipro", "the Desna River": a river that shares its name with a town (rules.json
    "rivers"). A town never takes the article, and a region phrase is no river."""
    if not _rivers().fullmatch(name) or _AREA_AFTER.match(after):
        return False  # "the Volga region" is the land along the river, no river
    return bool(_RIVER_BEFORE.search(before) or _RIVER_AFTER.match(after))


def _role(text: str, mention: PlaceMention, place: Place) -> str:
    before = text[max(0, mention.start - 45) : mention.start]
    after = text[mention.end : mention.end + 30]
    if _NAME_AFTER.match(after) or _QUOTED_NAME.match(text, mention.end):
        return "name"
    if place.kind == "settlement" and _person_name(text, mention):
        return "name"
    if mention.start <= 2 and (
        _DATELINE_AFTER.match(after) or (mention.text.isupper() and re.match(r"\s*:\s", after))
    ):
        return "dateline"
    if place.kind == "settlement" and _DISTRICT_AFTER.match(after) and _DISTRICT_NAME.search(mention.text):
        return "district"
    if place.kind == "settlement" and _DISTRICT_OF.match(text, mention.end):
        return "district"  # "the Kiev district of Donetsk": a city's district named after another town
    if place.kind != "region" and _river(before, mention.text, after):
        return "river"
    if (
        _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER_PLACE.match(after) or _in_origin_phrase(text, mention)
    ) and not MUNITION_TOWARDS.search(text[max(0, mention.start - 100) : mention.start]):
        return "origin"
    # The capitals stand for their governments: "Kyiv said", "Moscow blames", "officials in Kyiv".
    if place.kind != "region" and mention.text.lower().rstrip("'s’") in _CAPITALS:
        poss = _CAPITAL_POSSESSIVE.match(after)
        # "near Moscow's ring road", "over Kyiv's suburbs": after a preposition of place, the
        # possessive names a part of the city.
        located = bool(_LOCATIVE_BEFORE.search(before)) and not (
            poss and _SIDE_NOUN.match(poss.group("words"))
        )
        words = poss.group("words").split() if poss else []
        if poss and not located and not any(_CITY_PARTS.match(w) for w in words):
            return "actor"
        if poss and _SIDE_ACTS.fullmatch(words[0]):
            return "actor"  # "after Moscow's strikes cut power": the side's, whatever follows
        if poss and any(_STATE_NOUNS.fullmatch(w) for w in words):
            return "actor"  # "Moscow's oil revenues": the state's, though "oil" is a city's too
        if _SIDE_ADJECTIVE.match(after) and not _LOCATIVE_BEFORE.search(before):
            return "actor"  # "Moscow shelling kills four in Kherson": the side whose attack it was
        if _SAYS_BEFORE.search(before) and re.match(r"\s*(?:[.,;:!?]|$|\s+(?:on|in|late|early)\b)", after):
            return "actor"  # "Nine warplanes destroyed in Crimea blasts, says Kyiv": who speaks
        if _SEAT_OF_SPEAKER.match(after) and re.search(r"(?:^|[.!?]\s+)(?:In|From)\s+$", before):
            return "actor"  # "In Moscow, the Kremlin's spokesman said": where the government speaks
        # "Drones hit Kyiv killing two", "struck Moscow using drones": the object of an attack is
        # the city, whatever follows it.
        undergoes = bool(_ATTACKED_BEFORE.search(before))
        placed = bool(_SPATIAL_BEFORE.search(before))
        # A headline capitalises its verbs: "... as Moscow Escalates War".
        acts = _capital_acts(after) or (_title_cased(text) and _capital_acts(after.lower()))
        if (not undergoes and not placed and acts) or re.search(
            r"\b(?i:officials|authorities|government|ministry|embassy|command|headquarters) in\s+$|\b(?:accused|accusing|accuses|blamed|blaming|urged|urging)\s+$|"
            r"\b(?i:according to)\s+$|"
            # "drone attacks by Kyiv across several regions": the side that made them
            r"\b(?i:attacks?|strikes?|raids?|shelling|bombardment|drones?|missiles?)\s+(?:\w+\s+)?by\s+$|"
            r"\b(?:collaborat\w*|cooperat\w*|ties|talks|relations|negotiat\w*|dialogue|sided|allied|loyal) (?:with|to)\s+$|"
            # "sanctions on Moscow", "pressure on Kyiv": measures against a government
            r"\b(?:sanctions|pressure|penalties|tariffs|embargo|demands|ultimatum) (?:on|against|upon)\s+$",
            before,
        ):
            return "actor"
    if place.kind == "country":
        return "country"
    return "target"


# Between two places of a list: commas, "and", and names the gazetteer does not know.
# What lies "near" or "outside" a city that is a region of its own (regions.csv "around").
_AROUND_BEFORE = re.compile(
    r"\b(?:near|outside(?:\s+of)?|on the outskirts of)\s+(?:the\s+city\s+of\s+)?$", re.IGNORECASE
)
_VILLAGE_WORD = re.compile(r"\b(?:villages|settlements|hamlets)\b", re.IGNORECASE)
_LIST_SEP = re.compile(
    r"(?=[^.;:]*(?:,|\band\b))"
    r"(?:\s|,|\band\b|\bthe\b|\b(?:villages?|settlements?|towns?|hamlets?|communities)\b|(?-i:[A-Z])[\w'’-]*)*"
)


def _coherent_list(text: str, refs: list[PlaceRef], context: list[str]) -> list[PlaceRef]:
    """ "Antonivka, Zelenivka, Poniativka, Beryslav and Kherson were attacked": in a list of
    settlements most of which lie in a region spoken of, a village the gazetteer knows only in a
    region not spoken of is a village of the list's region that it lacks."""
    out = list(refs)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_SEP.fullmatch(text, out[j].end, out[j + 1].start):
            j += 1
        group = out[i : j + 1]
        regions = [
            r.place.region for r in group if r.place.kind == "settlement" and r.place.region in context
        ]
        # "the A and B villages, the C, D and E settlements": named as villages, whatever city
        # far away shares a name
        named_villages = bool(_VILLAGE_WORD.search(text, group[0].start, group[-1].end + 16))
        if len(group) >= 3 and regions:
            home = max(set(regions), key=regions.count)
            if regions.count(home) >= 2:
                for k in range(i, j + 1):
                    r = out[k]
                    if (
                        r.place.kind == "settlement"
                        and r.place.region not in context
                        and (named_villages or r.place.population < VILLAGE_POPULATION)
                    ):
                        out[k] = PlaceRef(r.mention, unknown_village(r.mention, home), r.role)
        i = j + 1
    return out


# A capital before an attack noun, the attack placed elsewhere after it.
_SIDE_ADJECTIVE = re.compile(
    r"\s+(?:shelling|strikes?|attacks?|bombing|bombardment|missiles?|drones?|rockets?|barrage)\b"
    r"(?=[^.;]{0,40}\b(?:in|on|at)\s+(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z])"
)
_CAPITALS = frozenset({"kyiv", "kiev", "moscow", "washington"})


_COUNTRY_BEFORE = re.compile(
    r"\b(?P<country>Russia|Ukraine)['’]s\s+(?:[\w-]+\s+){0,2}$|\b(?P<adj>Russian|Ukrainian)\s+(?:city|town|port|village)\s+(?:of\s+)?$"
)


def _of_the_country_named(text: str, mention: PlaceMention, place: Place) -> Place:
    """ "Russia's Slavyansk refinery": a name the text puts in a country is its place there."""
    m = _COUNTRY_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    if m is None or place.kind != "settlement":
        return place
    code = "RU" if (m.group("country") or m.group("adj")).startswith("Russia") else "UA"
    if place.country == code:
        return place
    there = [c for c in mention.candidates if c.country == code and c.kind == "settlement"]
    return max(there, key=lambda c: c.population) if there else place


_DISTRICT_NAMED = re.compile(
    r"\s+(?:district|raion|rayon|municipal district|urban district)\b", re.IGNORECASE
)


def find_places(
    text: str,
    context_regions: Iterable[str] = (),
    known: dict[str, Place] | None = None,
    offices: Iterable[tuple[int, int]] = (),
) -> list[PlaceRef]:
    """Places named in ``text`` (one sentence) with their resolved entry and role.

    ALL-CAPS headings ("KHARKIV REGION.") are searched in title case; spans are unchanged.
    ``known`` maps names already read in the article to the place they were read as: a name
    keeps its sense through one article (one place per name per story), and names read here
    for the first time are added to it. ``offices`` are the spans of the sentence's speakers: a
    place in a speaker's title ("the Kharkiv governor") is where the speaker holds office, the
    region the report speaks of.
    """
    gaz = load_gazetteer()
    search_text = text
    if not re.search(r"[a-z]{3}", text[:60]):
        search_text = re.sub(r"[A-Z]{2,}", lambda m: m.group(0).capitalize(), text)
    context = list(context_regions)
    refs = []
    mentions, compounds = compound_names(search_text, gaz.find(search_text))
    districts = unknown_districts(search_text, mentions)
    if districts:
        mentions = sorted(mentions + districts, key=lambda m: m.start)
        compounds = compounds + districts
    # The sentence's own regions come before those of earlier sentences: a named region, or a
    # place with one candidate only ("the Sumy governor said a shell hit Druzhba" is the
    # Sumy-region town, whatever region was spoken of before).
    spans = list(offices)
    # A speaker who is only the name ("Petrov said") is a person named like a town, or a
    # capital standing for its government: no place of the report.
    bare = {(a, b) for a, b in spans}
    # ("Kharkiv region reported three injuries": a region speaks of itself.)
    mentions = [
        m
        for m in mentions
        if (m.start, m.end) not in bare
        or m.explicit_region
        or m.text.lower() in _CAPITALS
        or any(c.kind != "settlement" for c in m.candidates)
    ]
    # ("the village of Murom in the Shebekino district": a district named after its town is in
    # the town's region)
    named = [
        gaz.resolve(m, context).region
        for m in mentions
        if m.candidates
        and (
            m.explicit_region
            or any(a <= m.start < b for a, b in spans)
            or _DISTRICT_NAMED.match(search_text, m.end)
        )
        and (m.start, m.end) not in bare
    ]
    # Cities (or places with one candidate) of the sentence: what their names mean is rarely in doubt.
    single = [
        (m, place.region)
        for m in mentions
        if not m.explicit_region and m.candidates
        for place in [gaz.resolve(m, context)]
        if len(m.candidates) == 1 or place.population >= CITY_POPULATION
    ]
    # A village list weighs only the regions named as such and those spoken of before (its own
    # villages' far namesakes do not count).
    region_context = [r for r in named if r] + context
    shared_context = [r for r in named + [r for _m, r in single] if r] + context
    for mention in mentions:
        # A name's own reading is no context for itself (a city's name would vote for the city);
        # per mention only in short sentences, where it costs nothing.
        local_context = (
            [r for r in named + [r for m, r in single if m is not mention] if r] + context
            if len(mentions) <= 20
            else shared_context
        )
        earlier = known.get(mention.text) if known is not None else None
        if mention in compounds:
            # A two-word name or a district the gazetteer lacks: a place of the region spoken
            # of, or none.
            region = next((r for r in region_context if "-" in r), None)
            if region is None:
                continue
            place = unknown_village(mention, region)
        elif earlier is not None and (earlier in mention.candidates or earlier.population == 0):
            place = earlier
        else:
            place = gaz.resolve(mention, local_context)
            place = _of_the_country_named(search_text, mention, place)
            if place.kind == "settlement" and place.region not in region_context:
                place = local_village(search_text, mention, place, region_context)
            place = village_of_the_sentence_s_region(mention, place, [r for r in named if r], search_text)
            if place.kind == "settlement" and place.region not in region_context:
                place = common_village(mention, place, region_context)
            if place.kind == "settlement" and place.population < CITY_POPULATION:
                # A city is rarely in doubt, and "Belgorod, Kursk region and Oryol" is a list.
                place = placed_in(search_text, mention, place, mentions)
            around = gaz.around(place.region) if place.region else None
            if (
                around is not None
                and _AROUND_BEFORE.search(search_text, 0, mention.start)
                and not re.match(r"['’]s\b", search_text[mention.end : mention.end + 2])
            ):
                # "a fuel terminal near St. Petersburg", "a building outside Moscow": the region
                # around the city, not the city
                place = gaz.region(around)
            place = hromada_of(search_text, mention, place, region_context)
            if known is not None and place.kind == "settlement" and len(mention.candidates) > 1:
                known[mention.text] = place
        refs.append(PlaceRef(mention, place, _role(search_text, mention, place)))
    refs = _coherent_list(search_text, refs, region_context)
    # "the capital": Kyiv, unless the text says the Russian capital.
    for m in _CAPITAL.finditer(text):
        # Unqualified, "the capital" is that of the country the text is speaking of.
        # The sentence's own places before it come first ("an attack on Moscow ... drones flying
        # towards the capital"), then those of the sentences before.
        before = [r.place.region for r in refs if r.end <= m.start() and r.place.region]
        # "drones flying at the capital, Moscow's mayor said": the speaker's city names it too.
        titled = [
            r.place.region
            for r in refs
            if r.start >= m.end() and r.place.region and any(a <= r.start < b for a, b in spans)
        ]
        spoken = before[-1:] + titled[:1] + context
        side = (
            m.group(1)
            or m.group(2)
            or m.group(3)
            or ("Russian" if spoken and spoken[0].startswith("RU-") else "")
        )
        name = "Moscow" if side.startswith("Russia") else "Kyiv"
        candidates = [p for p in gaz.lookup(name) if p.kind == "settlement"]
        if candidates:
            mention = PlaceMention(m.start(), m.end(), m.group(0), tuple(candidates), False)
            refs.append(PlaceRef(mention, candidates[0], "target"))
    return sorted(refs, key=lambda r: r.start)
