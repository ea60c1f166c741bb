"""The shapes of sentences that state an attack happened, or only speak of one: the patterns
``SentenceFacts.strike`` and ``SentenceFacts.background`` weigh (kept apart from the verdicts
so that each room stays readable)."""

from __future__ import annotations

import re

import analytics.extract.discourse as discourse
from analytics import lexicon

# Headline present tense: "Missiles strike Poltava", "Drones hit fuel tanks".
HEADLINE_IMPACT = re.compile(
    r"\b(?:(?:missiles|drones|rockets|bombs|shells|UAVs)\s+(?:strike|hit|pound|rock|slam|target|attack|kill|wound|injure|damage|destroy|set)"
    # "missile attacks" and "drone strikes" are compound nouns, not a verb after a subject.
    r"|(?:missile|drone|rocket|bomb|shell|strike|attack|shelling|barrage|UAV)\s+"
    r"(?:hits|kills|damages|destroys|wounds|injures|pounds|rocks|slams|sets|targets))\b",
    re.IGNORECASE,
)
ATTACK_AS_SUBJECT = re.compile(
    r"^(?:An?|The)\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|raid)\s+(?:on|against)\s+(?:an?|the)\s+(?!.*\b(?:would|could|might|may|will)\b)"
)
REAR_SITE = (
    r"(?:infrastructure|facilit(?:y|ies)|"
    + "|".join(
        word for kind, words in lexicon.table("target_types").items() if kind != "military" for word in words
    )
    + r")(?:s|es)?\b"
)
# "Ukraine has launched repeated attacks on refineries", "Russia launches most of its drones
# from there": a side's campaign told in the perfect or the present, with no time, figure or
# toll, is no one attack (a lead's "has launched a massive attack" names one).
HABITUAL = re.compile(
    r"\b(?:(?:has|have)\s+(?:also\s+|now\s+|repeatedly\s+)?(?:launched|carried out|conducted|used|fired|"
    r"struck|attacked|hit|targeted|sent|responded\s+with)|launches|uses|sends)\s+(?!(?:an?|the|one|its latest)\b)"
    r"(?:[\w-]+\s+){0,4}?(?:attacks|strikes|raids|drones|missiles|numbers|refineries|facilities|cities|regions|"
    r"infrastructure|targets|substations|depots|airfields|ports)\b",
    re.IGNORECASE,
)
SIDE_KILLED = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:killed|wounded|injured|kill|wound|injure)\b", re.IGNORECASE
)
FIGHTERS = re.compile(
    r"\b(?:soldiers|servicemen|troops|fighters|militants|personnel|mercenaries)\b", re.IGNORECASE
)
# A side as the subject of a verb of long-range attack, with the places it hit as its object
# ("Russia also attacked the Kharkiv region"); a verb of ground fighting is not one.
SIDE_STRUCK = re.compile(
    r"\b(?i:Russia|Ukraine|Russian (?:armed )?(?:forces|troops|army|military)|Ukrainian (?:armed )?(?:forces|troops|army|military)|"
    # the sides as each other's media name them: "the occupiers", "the AFU", "Kiev's forces"
    r"the enemy|the Russians|the Ukrainians|the occupiers|the invaders|the AFU|the (?:Kiev|Kyiv) regime|"
    r"(?:Kiev|Kyiv)['’]s (?:armed )?forces)\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?"
    # "targeted the central Poltava region": a compass word may come before the place
    r"(?:attacked|struck|hit|shelled|targeted|bombarded|pounded)\s+(?:the\s+)?(?:(?i:"
    + discourse.COMPASS
    + r")\s+)?(?:[A-Z]|"
    # "Russian forces attacked 12 regions": a side's strikes counted by the places they hit
    r"(?i:\d{1,3}|several|dozens of|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?i:regions|oblasts|settlements|towns|villages|cities|communities)|"
    # "Russia attacked local power plants": sites of the rear (a side that attacked "positions"
    # or "troops" fought on the ground)
    r"(?i:(?:[\w-]+\s+){0,2}?" + REAR_SITE + r"))",
)
# "Zhytomyr and Cherkasy were also attacked on Monday": a place that underwent an attack, told
# in the passive with no weapon named (what follows the place up to the verb).
PLACE_UNDERWENT = re.compile(
    r"(?:['’]s)?(?:\s*(?:,|and)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:region|oblast|regions|oblasts))?)*"
    r"(?:\s+(?:region|oblast|regions|oblasts))?\s+(?:was|were|has been|have been|had been)\s+"
    r"(?:also\s+|again\s+|once again\s+)?(?:attacked|targeted|struck)\b"
)
# "following a Russian attack in the Kyiv region", "after an air attack on Belgorod": a side's
# or a weapon's attack named with its place (an agency caption's usual wording) states an attack
# there.
SIDE_ATTACK_AT = re.compile(
    r"(?<!repelled\s)(?<!repulsed\s)(?<!thwarted\s)(?<!foiled\s)(?<!averted\s)(?<!off\s)"
    r"\b(?:a|an)\s+(?:(?:Russian|Ukrainian)\s+(?:(?:air|drone|missile|rocket|massive|massed|combined|overnight)\s+){0,2}|"
    r"(?:(?:massive|massed|combined|overnight)\s+)?(?:air|drone|missile|rocket)\s+)"
    r"(?:attack|strike|raid)\s+(?:in|on)\s+(?:the\s+)?(?:city\s+of\s+)?$"
)
#: A crewed aircraft brought down in the air ("shot down a Su-34 fighter jet near X"): air
#: combat, not a strike on the place (an airfield's jets "destroyed" on the ground are one).
AIRCRAFT_DOWNED = re.compile(
    r"\b(?:shot\s+down|downed|shooting\s+down|downing)\s+(?:(?!by\b)[\w-]+\s+){0,4}?"
    r"(?:jets?|fighters?|bombers?|warplanes?|helicopters?|aircraft(?!-type)|planes?|(?:Su|Mi|Ka|Tu|MiG|Il)-\d+\w*|A-50)\b"
    r"|\b(?:jets?|fighters?|bombers?|warplanes?|helicopters?|aircraft|planes?|(?:Su|Mi|Ka|Tu|MiG|Il)-\d+\w*|A-50)\s+"
    r"(?:was|were|had\s+been|has\s+been)\s+(?:shot\s+down|downed)\b",
    re.IGNORECASE,
)
CAME_UNDER_FIRE = re.compile(
    r"\b(?:came|come|comes|coming)\s+under\s+(?:heavy\s+|intense\s+|massive\s+|renewed\s+)?"
    r"(?:fire|attack|shelling|bombardment|missile\s+fire|drone\s+attack)\b"
    # "damage was recorded in Sumy and Poltava oblasts": the places the night's attack left damage in
    r"|\b(?:damage|destruction|consequences)\s+(?:was|were|has been|have been)\s+(?:also\s+)?(?:recorded|reported)\s+in\b",
    re.IGNORECASE,
)
MAIN_TARGET = re.compile(
    r"\b(?:main|primary|principal|chief)\s+(?:targets?|directions?|focus)\s+of\s+(?:the\s+|this\s+|that\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|assault|barrage|raids?)\s+(?:was|were|is|are|became)\b"
    r"|(?P<after>\b(?:was|were|became)\s+(?:the|its|their)\s+(?:main|primary|principal|chief)\s+targets?\b)",
    re.IGNORECASE,
)
# The conditional, threats and plans: an attack that may happen, not one that did.
MODAL_VERB = re.compile(
    # "may" only in lower case: "the 9 May attack" names the month.
    r"\b(?:would|could|might|(?-i:may)|should|will|can|must)(?:\s+not)?(?:\s+have)?(?:\s+be|\s+been)?\s+[\w-]+",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|(?-i:may)|should|will|if|unless|threaten(?:s|ed|ing)?|plans? to|intends? to|"
    r"scenario|possible|potential(?:ly)?|risk of|fears? (?:of|that))\b",
    re.IGNORECASE,
)
# "Ukraine attempted a drone attack on the port", "tried to strike a depot with drones", "an
# attempt by Kyiv to carry out an attack using drones ... was thwarted": an attack told as an
# attempt is an attack that was made (its drones were launched and met by air defence; a
# defence ministry tells each night's interceptions in these words). The sentence must name a
# long-range weapon too: an attempt on the ground is fighting, not a strike.
ATTEMPTED_ATTACK = re.compile(
    r"\b(?:attempted|tried(?:\s+and\s+failed)?|(?:an?\s+|the\s+)?attempts?(?:\s+by\s+[^,;.]{1,60}?)?)\s+"
    r"(?:to\s+(?:carry\s+out|launch|conduct|mount|stage|make)\s+|to\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:attack|strike|raid|target|hit)(?:s|ed)?\b"
    # "repelled a drone attack on Sevastopol": one that was thwarted is an interception
    r"|\b(?:thwarted|foiled|repelled|repulsed|averted)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|raids?)\b",
    re.IGNORECASE,
)
