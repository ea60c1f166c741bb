"""The rule tables of casualty figures: killed, wounded, children killed and stated zeros.

Each rule is a regular expression with its figure in group ``n`` and the words a sentence
must hold for it to be tried; :mod:`analytics.extract.casualties` runs them and decides what a
match counts.
"""

from __future__ import annotations

import re

from analytics.extract.numbers import _K, NUM, QUAL, Rule

# Who the person is, told between them and their verb: ", a man born in 1971,", ", a
# 45-year-old woman,", "who was working at the site"
_WHO_IT_IS = r"(?:,\s+(?:an?|the)\s+[^,.;]{3,40},|\s+who\s+(?:was|had been|were)\s+[^,.;]{3,40}?)?"
_PERSON = r"(?:members of (?:one|the same|a|the|his|her|their) family|family members|relatives|people|persons|victims|civilians|citizens|villagers|inhabitants|residents|children|adults|men|women|soldiers|servicemen|workers|employees|passengers|others|person|civilian|man|woman|child|boy|girl|teenager|resident|rescuers?|firefighters?|medics?|guards?|officers?|police officers?|journalists?|elderly (?:people|man|woman)|(?:\d+|[a-z]+)-year-old (?:man|woman|boy|girl|person)?)"
# One of a group _PERSON names in the plural only ("one employee of the enterprise").
_ONE_OF_A_GROUP = r"(?:worker|employee|passenger|soldier|serviceman|villager|inhabitant|citizen)"
# The point of an abbreviated month before its day ("Aug. 2"), inside a phrase.
_ABBR_DOT = (
    "(?:"
    + "|".join(rf"(?<=\b{m})" for m in "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
    + r")\.(?=\s?\d)"
)
KILL_WORDS = r"(?:killed|dead|died|die|perished|lost their lives|lost his life|lost her life|slain)"
# Between a figure and its verb: its people's apposition ("12 people, four of them children,",
# "six more people, including a boy,"),
# or a subset right after the bare figure ("another 40, including six children,").
_APPOSITION = rf"(?:\s+(?:(?:more|other|further|additional)\s+)?{_PERSON},\s+[^,.;]{{1,60}}|,\s+(?:including|among them|of them|of whom)\b[^,.;]{{1,60}})"
# The apposition closed by its comma, or "13 people including two children were injured": the
# subset with no commas about it, up to the verb
_SET_APART = rf"(?:{_APPOSITION},\s+|\s+{_PERSON}\s+including\s+(?:[\w-]+\s+){{1,3}}?(?=(?:were|was|have been|had been|are|is)\s))"
HURT_WORDS = r"(?:injured|wounded|hurt|injuries|wounds)"
# Injuries named by their kind, after "suffered" or "received" (never alone: "power cuts").
_INJURY_KINDS = r"(?:cuts|concussions?|burns|fractures?|bruises|contusions?|lacerations|barotrauma)"
_INJURY_DEGREE = r"(?:minor|light|slight|serious|severe|multiple|shrapnel|facial|head|leg|arm)"
_INJURY_NEEDS = (
    "cuts",
    "concussion",
    "burns",
    "fracture",
    "bruises",
    "contusion",
    "lacerations",
    "barotrauma",
)
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
AGE = (
    r"(?:,\s*(?:aged\s+)?\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d{1,3})*,"
    r"|\s+aged\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|and\s+|to\s+)\d{1,3})*"
    # "a man 64 years old", "two women, 70 and 72 years old," (a translation's word order)
    r"|,?\s+\d{1,3}(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d{1,3})*\s+years?\s+old,?"
    # "the driver, a 47-year-old man,": the person said again
    r"|,\s+an?\s+(?:\d{1,3}-year-old\s+)?(?:man|woman|boy|girl|resident|pensioner|local resident),)?"
)
# A relative clause that names no casualty of its own ("who had been in the car").
_CLAUSE = r"(?:(?!\b(?:killed|dead|died|injured|wounded|hurt|and)\b)[^,.;]){1,60}?"
# The group a part is taken from: "two of our guards", "four of the drivers" (any plural).
_GROUP = rf"(?:{_PERSON}|[a-z][\w-]*(?:s|men))"
# Any noun before "who" is people; before "that" only a word for people.
_RELATIVE = rf"(?:{_PERSON}\s+(?:who|that)|[\w-]+\s+who)\s+{_CLAUSE}"
# A modifier between a determiner or number and the person: "elderly", "local", "45-year-old".
_MID = r"(?:(?!(?:of|and|or|killed|dead|died|injured|wounded|hurt|missiles?|drones?|rockets?|shells?|bombs?|projectiles?|UAVs?|munitions?|strikes?|attacks?)\b)(?:[a-z][\w-]*|\d{1,3}-year-old)\s+)"
SINGLE = r"(?:man|woman|child|boy|girl|person|civilian|citizen|villager|inhabitant|resident|teenager|pensioner|driver|worker|employee|passenger|farmer|fisherman|pedestrian|cyclist|motorist|teacher|student|pupil|priest|courier|electrician|son|daughter|wife|husband|mother|father|brother|sister|grandson|granddaughter|grandmother|grandfather|neighbou?r|guard|rescuer|firefighter|soldier|serviceman|policeman|police officer|first responder|responder|paramedic|medic|volunteer|nurse|doctor|journalist|security guard|passer-by|passerby|local resident|engineer|technician|mechanic|operator|electrician|lineman|repairman|watchman|miner|builder|welder|cashier|shop assistant|postman|postwoman|(?:\d+|[a-z]+)-year-old(?:\s+(?:man|woman|boy|girl|person|resident|employee))?)"

# "three crew members of a ship moored in the port were injured", "one employee of the plant
# was killed": people of a place or a group, told before the verb
_PEOPLE_OF = (
    rf"\b{QUAL}(?P<n>{NUM})\s+(?:[\w-]+\s+)?(?:{_PERSON}|{_ONE_OF_A_GROUP}|crew members|crew)\s+(?:of|at|on|aboard|from)\s+"
    r"(?:(?!(?:were|was|and)\b)[\w'’-]+\s+){1,7}?(?:were|was|have been|has been|had been)\s+(?:also\s+)?"
)
KILLED = [
    Rule(re.compile(_PEOPLE_OF + KILL_WORDS + r"\b", _K), _KILL_NEEDS),
    # "resulting in the death of one man": the toll told as a noun
    Rule(
        re.compile(
            rf"\b(?:resulting in|result(?:ed|s)? in|caus(?:ed|ing)|led to|leading to)\s+the\s+deaths?\s+of\s+{QUAL}"
            rf"(?P<n>{NUM}|an?)\b(?:\s+(?:\w+\s+){{0,2}}?(?:{_PERSON}|{SINGLE}))",
            _K,
        ),
        ("death",),
    ),
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
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:(?:were|was|{_PERFECT}|are|is|being|reported|confirmed)\s+)?{_HEARSAY}(?:(?!(?:and|or|but)\b)\w+\s+)?{KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the)\s+{_MID}{{0,2}}?{SINGLE}{AGE}(?:\s+(?:of|at|from|in|on)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?\s+(?:was|has been|had been|is|were)\s+(?:(?!not\b|never\b)\w+\s+)?{KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "the girl was killed along with three other civilians": the others and the one named
    Rule(
        re.compile(
            rf"\b(?:was|were|has been|had been)\s+(?:\w+\s+)?{KILL_WORDS}\s+(?:along|together)\s+with\s+(?P<n>{NUM})\s+others?\b",
            _K,
        ),
        ("along with", "together with"),
    ),
    # "killed a couple", "killing an elderly couple"
    Rule(re.compile(r"\b(?:killing|killed|kills)\s+(?P<n>an?)\s+(?:\w+\s+)?couple\b", _K), ("couple",)),
    # "killing a security guard", "killed an elderly woman"
    Rule(
        re.compile(rf"\b(?:killing|killed|kills)\s+(?P<n>a|an|another|the)\s+{_MID}{{0,2}}?{SINGLE}\b", _K),
        ("kill",),
    ),
    # "a local resident died in hospital", "a resident of the town has died of his wounds"
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the)\s+(?:[\w-]+\s+){{0,3}}?{SINGLE}(?:\s+of\s+(?:the\s+)?[\w-]+)?\s+(?:has\s+|had\s+)?(?:later\s+|since\s+|subsequently\s+)?(?:died|perished)\b",
            _K,
        ),
        ("died", "perished"),
    ),
    Rule(
        re.compile(
            rf"\b(?:death toll|toll(?!\s+of\s+(?:the\s+)?(?:injured|wounded|hurt))|number of (?:the )?(?:dead|deaths|fatalities|people killed|those killed|victims)|fatalities)\b"
            # (not across the number of another kind: "the toll rose: ... the number of injured reached five")
            rf"(?:(?!\bnumber of\b)(?:[^.;]|{_ABBR_DOT})){{0,130}}?\b(?:to|at|reached|hit|passed|is|was|of|stands at|now)\s+{QUAL}(?P<n>{NUM})\b(?!\s*(?:km|%|percent|years))",
            _K,
        ),
        ("toll", "number of", "fatalities"),
    ),
    Rule(
        # "two confirmed deaths", "three civilian fatalities"
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+(?:(?:confirmed|reported|known|civilian)\s+)?"
            rf"(?:dead|deaths?|fatalit(?:y|ies)|bodies|lives)\b(?!\s+toll)",
            _K,
        ),
        ("dead", "death", "fatalit", "bodies", "lives"),
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
            rf"\b{QUAL}(?P<n>{NUM}){_SET_APART}(?:(?:were|have been|had been|was|are|is)\s+)?(?:also\s+)?{KILL_WORDS}",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "three workers who had been in the car were killed"
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,2}}?{_RELATIVE}\s+(?:were|was|have been|had been)\s+(?:also\s+)?{KILL_WORDS}\b",
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
            rf"\b{QUAL}(?P<n>{NUM})\s+members of (?:one|a|the same|a single) family\s+(?:were|have been|had been)\s+(?:\w+\s+)?{KILL_WORDS}\b",
            _K,
        ),
        _KILL_NEEDS,
    ),
    # "two of our guards were killed": a part of a group named by its owner
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+of\s+(?:our|their|its|his|her|the)\s+(?:[\w-]+\s+){{0,2}}?{_GROUP}\s+(?:were|have been|had been|was)\s+(?:also\s+)?{KILL_WORDS}\b",
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
    # "a man who had been wounded in the strike on Monday died in hospital", "a woman who was
    # standing at her gate died": one person, told by a relative clause, who died
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|one)\s+{_MID}{{0,3}}?{SINGLE}{AGE}\s+who\s+(?:had\s+been|has\s+been|was|were|had)\s+"
            r"(?:(?!\b(?:and|but|while)\b)[^.;]){1,160}?\b(?:has\s+|had\s+)?(?:later\s+|since\s+|subsequently\s+)?"
            r"(?:died|passed away|succumbed)\b",
            _K,
        ),
        ("died", "passed away", "succumbed"),
    ),
    # "Killed: 2, injured: 11": a summary's labelled figure
    Rule(re.compile(rf"\b(?:killed|dead)\s*[:–—]\s*{QUAL}(?P<n>{NUM})\b", _K), ("killed", "dead")),
    # "a family of four was killed", "killing a family of three"
    Rule(
        re.compile(
            rf"\bfamily of (?P<n>{NUM})\s+(?:(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?{KILL_WORDS}|died|perished)\b",
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
    # "three crew members of a ship moored in the port were injured": people of a place or a
    # group, told before the verb
    Rule(re.compile(_PEOPLE_OF + HURT_WORDS + r"\b", _K), _HURT_NEEDS),
    # "... and injuries to two others", "resulted in the injury of a civilian" (the toll as a
    # noun, as "the death of one man")
    Rule(
        re.compile(
            rf"\b(?:injur(?:y|ies)\s+to|(?:resulting in|result(?:ed|s)? in|caus(?:ed|ing)|led to|leading to)\s+the\s+"
            rf"(?:injury|injuries|wounding)\s+of)\s+{QUAL}(?P<n>{NUM}|an?)\b(?:\s+(?:\w+\s+){{0,2}}?(?:{_PERSON}|{SINGLE}))",
            _K,
        ),
        ("injur",),
    ),
    # "a man was killed and a woman injured": the second person's verb left out ("one person had
    # been killed and another wounded": the person too)
    Rule(
        re.compile(
            rf"\b(?:killed|dead|died)(?:\s+(?:one|a|an)\s+{SINGLE})?\s+and\s+(?P<n>another)\s+(?:(?:was|had been|has been)\s+)?"
            r"(?:(?:seriously|badly|slightly|critically)\s+)?(?:injured|wounded|hurt)\b",
            _K,
        ),
        ("injured", "wounded", "hurt"),
    ),
    Rule(
        re.compile(
            rf"\b(?:killed|dead|died)\s+and\s+(?P<n>a|an|another)\s+{_MID}{{0,2}}?{SINGLE}\s+"
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
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:(?:were|was|{_PERFECT}|are|is|being|reported|got|sustained|suffered)\s+)?{_HEARSAY}(?:(?!(?:and|or|but)\b)\w+\s+)?{HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the|his|her|its|their)\s+{_MID}{{0,2}}?{SINGLE}{AGE}(?:\s+(?:of|at|from|in|on)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?{_WHO_IT_IS}\s+(?:was|has been|had been|is|were|sustained|suffered|received|got)\s+(?:(?!not\b|never\b)\w+\s+)?{HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    # "a woman received a mine-blast injury", "a guard suffered a concussion": a wound
    # received, its kind before it or named
    Rule(
        re.compile(
            rf"\b(?P<n>a|an|another|the|his|her|its|their)\s+{_MID}{{0,2}}?{SINGLE}{AGE}{_WHO_IT_IS}\s+(?:sustained|suffered|received)\s+"
            rf"(?:an?\s+)?(?:[\w-]+\s+)?(?:injury|wound|trauma|{_INJURY_KINDS})\b",
            _K,
        ),
        ("injury", "wound", "trauma", *_INJURY_NEEDS),
    ),
    # "the driver was taken to hospital with shrapnel wounds": the wound says what the stay in
    # hospital alone would not (GUIDELINES: a hospitalised person is injured when the text says so)
    Rule(
        re.compile(
            # ("and another man was hospitalised with ...": one more of a list of the hurt, not
            # one more than a total)
            rf"\b(?P<n>a|an|the|his|her|its|their)\s+{_MID}{{0,2}}?{SINGLE}{AGE}{_WHO_IT_IS}\s+(?:was|has been|had been|is)\s+"
            rf"(?:(?:taken|rushed|brought|admitted)\s+to\s+(?:a\s+|the\s+)?hospital|hospitali[sz]ed)\s+with\s+"
            rf"(?:an?\s+)?(?:[\w-]+\s+){{0,2}}?(?:injury|injuries|wounds?|trauma|{_INJURY_KINDS})\b",
            _K,
        ),
        ("hospital",),
    ),
    # "two men suffered cuts from broken glass": people who received injuries of a kind named
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+{_MID}{{0,3}}?(?:sustained|suffered|received)\s+(?:{_INJURY_DEGREE}\s+)?{_INJURY_KINDS}\b",
            _K,
        ),
        _INJURY_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b(?:injuring|wounding|injured|wounded)\s+(?P<n>a|an|another|the|his|her|its|their)\s+{_MID}{{0,2}}?{SINGLE}\b",
            _K,
        ),
        ("injur", "wound"),
    ),
    # "killed one person in the town and injured another in a nearby village": "another" alone
    Rule(
        re.compile(
            r"\b(?:injuring|wounding|injured|wounded)\s+(?P<n>another)(?=\s+(?:in|at|near|on|outside)\b|\s*[,.;]|\s+and\b)",
            _K,
        ),
        ("injur", "wound"),
    ),
    Rule(
        re.compile(
            rf"\b(?:(?:number|toll|count) of (?:the )?(?:people |those |civilians )?(?:injured|wounded|hurt)\b"
            # (the attack the number is of may stand between: "... in the strike on X on 2 May has
            # risen to 31"; a toll of the dead may not)
            rf"(?:(?!\b(?:killed|dead|died|deaths?)\b)(?:[^.;]|{_ABBR_DOT})){{0,130}}?|(?:injured|wounded)\b(?:(?!\b(?:died|dead|killed|deaths?|toll)\b)[^.;]){{0,40}}?)"
            # ("one of the wounded died, bringing the toll to 21": the toll is of the dead)
            rf"\b(?:to|at|reached|rose to|stands at)\s+{QUAL}(?P<n>{NUM})\b",
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
            rf"\b{QUAL}(?P<n>{NUM}){_SET_APART}(?:(?:were|have been|had been|was|are|is|suffered|sustained|received|got)\s+)?(?:also\s+)?{HURT_WORDS}",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,2}}?{_RELATIVE}\s+(?:were|was|have been|had been)\s+(?:also\s+)?{HURT_WORDS}\b",
            _K,
        ),
        _HURT_NEEDS,
    ),
    Rule(
        re.compile(
            rf"\b{QUAL}(?P<n>{NUM})\s+of\s+(?:our|their|its|his|her|the)\s+(?:[\w-]+\s+){{0,2}}?{_GROUP}\s+(?:were|have been|had been|was)\s+(?:also\s+)?{HURT_WORDS}\b",
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
ZERO_WORD = r"(?:casualties|victims|deaths|fatalities|injuries|dead|injured|killed|hurt|harmed|wounded|died)"
_ZERO_LIST = rf"(?:(?:damages?|destruction)\s+(?:or|and)\s+)?{ZERO_WORD}(?:\s*(?:,|or|and|nor)\s+(?:any\s+)?(?:{ZERO_WORD}|damage|destruction))*"
ZERO = re.compile(
    r"\b(?:(?:no|none|nobody|no one|no-one|not one person)(?:\s+(?:else|people|civilians|residents|persons|employees|workers|staff|personnel|crew(?:\s+members)?|passengers))?"
    # "nobody on board was hurt", "no one inside was injured": where they were
    r"(?:\s+(?:on board|aboard|inside|in the building|in the house|at the site|at the scene))?"
    r"\s+(?:(?:was|were|is|are|has been|have been|had been)\s+)?"
    r"(?:(?:immediately\s+)?reported\s+)?"
    rf"|there\s+(?:were|are|was|have been|had been)\s+no\s+|without\s+(?:causing\s+|leaving\s+)?(?:any\s+)?"
    # "shot down over the region, with no damage or casualties"
    r"|\bwith\s+no\s+"
    r"|(?:did|does|do)(?:\s+not|n['’]t)\s+(?:cause|inflict|result\s+in|leave)\s+(?:any\s+)?"
    # "there were no reports of casualties": as "no casualties were reported" ("no immediate
    # reports" says nothing is known yet)
    r"|no\s+reports?\s+of\s+(?:any\s+)?)"
    rf"(?P<words>{_ZERO_LIST})\b",
    re.IGNORECASE,
)
ZERO_KILLED = frozenset({"killed", "deaths", "fatalities", "dead", "died"})
ZERO_WOUNDED = frozenset({"injured", "wounded", "injuries"})
