"""Triggers: the finders' facts for each sentence, and the verdicts drawn from them.

``analyse`` runs every finder (places, weapons, times, figures, sources, attackers) over each
sentence of a document and keeps the results in a ``SentenceFacts``. Its verdicts say
whether the sentence states an attack that happened (``strike``), speaks of background that
makes no record (``background``: totals, ground fighting, plans, deliveries), or adds
anything to a record at all (``relevant``). A sentence in the conditional or about a threat
states nothing unless it also states an impact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

import analytics.extract.discourse as discourse
import analytics.extract.event_dates as event_dates
from analytics import lexicon
from analytics.extract.actors import SourceMention, find_sources
from analytics.extract.attackers import AttackerCue, find_attacker_cues, own_attack_cues
from analytics.extract.casualties import find_casualties
from analytics.extract.dates import (
    MEASURED,
    ResolvedDate,
    TimeExpr,
    find_time_expressions,
    name_the_night,
    resolve,
)
from analytics.extract.document import Document, Sentence
from analytics.extract.numbers import Count, find_munitions
from analytics.extract.places import MUNITION_TOWARDS, PlaceRef, find_places
from analytics.extract.strike_shapes import (
    AIRCRAFT_DOWNED,
    ATTACK_AS_SUBJECT,
    ATTEMPTED_ATTACK,
    CAME_UNDER_FIRE,
    FIGHTERS,
    HABITUAL,
    HEADLINE_IMPACT,
    HYPOTHETICAL,
    MAIN_TARGET,
    MODAL_VERB,
    PLACE_UNDERWENT,
    SIDE_ATTACK_AT,
    SIDE_KILLED,
    SIDE_STRUCK,
)
from analytics.extract.weapons import WeaponMention, find_weapons
from analytics.gazetteer import Place, PlaceMention, load_gazetteer

# "a previous raid in May", "an earlier strike": not the attack in focus.
OTHER_ATTACK = re.compile(
    r"\b(?:similar|previous|earlier|another|prior|last|separate|first)\s+(?:\w+\s+)?(?:attacks?|strikes?|raids?|explosions?|blasts?)\b",
    re.IGNORECASE,
)
# Verbs and nouns of impact: an attack word beside one of these states an attack that happened.
#: Words and phrases that state an attack's impact (data/lexicon/rules.json "impact_phrases").
IMPACT = re.compile(r"\b" + lexicon.fragment("impact_phrases") + r"\b", re.IGNORECASE)
# Explosions heard are no strike report (GUIDELINES): "explosions were heard in X", "residents
# heard several blasts", "the sound of explosions". What else the sentence states still counts.
_HEARD = re.compile(
    r"\b(?:(?:explosions?|blasts?)\s+(?:(?:were|was|could be|had been|have been|can be)\s+)?(?:also\s+)?"
    r"(?:heard|rang out)|hear(?:d|ing)\s+(?:[\w-]+\s+){0,3}?(?:explosions?|blasts?)|sounds?\s+of\s+(?:[\w-]+\s+)?(?:explosions?|blasts?)"
    # "media reported explosions in Odesa": blasts reported, no impact stated; an air-raid alert
    r"|(?:reported|reporting|reports\s+of)\s+(?:[\w-]+\s+)?(?:explosions?|blasts?)|air[- ]raid\s+(?:alerts?|sirens?|warnings?)"
    # "no hits in the city had been recorded": an impact denied
    r"|\bno\s+(?:hits|impacts|strikes)\b(?:[^.;,]{0,40}?\b(?:recorded|reported|registered|confirmed)\b)?)",
    re.IGNORECASE,
)
_THE_PLACE_AGAIN = re.compile(r"\bthe (?:city|town|village|region|oblast|capital)\b", re.IGNORECASE)
_OVERNIGHT_BEFORE = re.compile(r"\bovernight(?:\s+on)?\s*$", re.IGNORECASE)
_NIGHT_OF = re.compile(
    r"\b(?:night\s+of|overnight(?:\s+on)?|(?:early|small|wee)\s+hours\s+of)\s+$", re.IGNORECASE
)
_IN_PLACE_OPENS = re.compile(r"\s*(?:and\s+|but\s+)?in\s+[^,;:]{1,40},\s*", re.IGNORECASE)
_HEARD_CLAUSE_END = re.compile(r",?\s+(?:as|while|after|when|and then|but)\s|[;:]|\s[–—]\s")


# A year standing alone as a date: "in 2022", "a 2014 attack", "since 2015" (not "2022-23", a day's year).
_PAST_YEAR = re.compile(
    # ("a man born in 1968" tells an age, not when)
    r"(?<!\bborn\s)\b(?:in|since|during|a|an|the|of|by|until)\s+(?:early\s+|late\s+|mid-)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)",
    re.IGNORECASE,
)
#: A count "since" a day further back than this is a running total, not one attack's figure.
_RUNNING_TOTAL_DAYS = 14


def trigger_words() -> re.Pattern[str]:
    """Words that speak of a strike (from the lexicon; compiled once and cached there)."""
    return lexicon.alternation("strike_triggers")


@dataclass
class SentenceFacts:
    """Everything the steps found in one sentence (spans relative to the sentence)."""

    sentence: Sentence
    places: list[PlaceRef]
    weapons: list[WeaponMention]
    times: list[tuple[TimeExpr, ResolvedDate]]
    casualties: list[Count]
    munitions: list[Count]
    sources: list[SourceMention]
    attackers: list[AttackerCue]
    trigger: bool
    attack_noun: bool
    published: dt.date  # the anchor the sentence's days were resolved against
    #: an item of a list whose lead-in stated the attack ("drones were downed over these
    #: regions:"): the item names a place of that attack (set by assembly)
    listed_under_strike: bool = False
    #: a side's official telling of its own side's attack ("said its drones hit"): who attacked,
    #: for the record's attacker only (the sentence's places are placed without it)
    claimed: list[AttackerCue] = dataclasses.field(default_factory=list)

    @functools.cached_property
    def background(self) -> bool:
        """Cumulative totals, ground fighting, plans, deliveries, attacks of an earlier year
        (computed when asked: it is costly)."""
        lowered = self.sentence.text.lower()
        background = lexicon.alternation("background", bounded=False, lowered=True)
        if any(
            not MEASURED.search(lowered[max(0, m.start() - 80) : m.start()])
            and not self._dated_toll_after(m.end())
            and not self._aside_of_a_dated_toll(m.start(), lowered)
            for m in background.finditer(lowered)
        ):
            return True
        # "The vote came days after drones hit a base": an attack placed only by its distance
        # from another event has no day, unless the sentence gives it one ("on 4 July").
        vague = lexicon.alternation("vague_interval", bounded=False, lowered=True).search(lowered)
        if vague and not any(t.start >= vague.start() and r.precision == "day" for t, r in self.times):
            return True
        if (
            not self.times
            and not self.munitions
            and not self.casualties
            and HABITUAL.search(self.sentence.text)
        ):
            return True
        return self._earlier_period()

    def _aside_of_a_dated_toll(self, pos: int, lowered: str) -> bool:
        """ "...killed two on April 21, officials said, as Moscow stepped up strikes": background
        told in a trailing "as"/"amid" clause after the dated toll it accompanies."""
        return (
            _ASIDE_OPENS.search(lowered, max(0, pos - 40), pos) is not None
            and any(c.start < pos for c in self.casualties + self.munitions)
            and any(t.start < pos and r.precision == "day" and not t.reporting for t, r in self.times)
        )

    def _dated_toll_after(self, pos: int) -> bool:
        """ "Russia has stepped up strikes, particularly on Kyiv, where 28 were killed on June 17":
        a toll with its own day after the background words is an earlier attack (GUIDELINES: an
        earlier attack with a resolvable day is a record)."""
        # ("kept up its attacks overnight, launching 56 drones": a count of that night's munitions)
        return any(c.start > pos for c in self.casualties + self.munitions) and any(
            t.start > pos and r.precision == "day" and not t.reporting for t, r in self.times
        )

    def _earlier_period(self) -> bool:
        """ "a 2015 raid on the port", "900 hurt since 3 March": a sentence
        that dates what it tells by an earlier year, or counts since a day weeks back, tells
        background unless it also names a recent day."""
        text = self.sentence.text

        def opens_count(t: TimeExpr) -> bool:
            # "the deadliest since April 24, when a missile killed 12": the day of the attack
            # measured against, told in the "when" clause, opens no count
            if event_dates.measured_day(t, text):
                return False
            return (
                t.text.lower().startswith("since")
                or text[max(0, t.start - 6) : t.start].lower().strip() == "since"
            )

        days = [(t, r) for t, r in self.times if r.precision == "day"]
        # "the first raid on the town since 4 April" tells of that earlier attack too.
        since = [r for t, r in days if opens_count(t)] if not discourse.FIRST_SINCE.search(text) else []
        if any((self.published - r.date).days > _RUNNING_TOTAL_DAYS for r in since):
            return True
        if days:
            return False
        years = [int(m.group("year")) for m in _PAST_YEAR.finditer(self.sentence.text)]
        return bool(years) and max(years) < self.published.year

    @functools.cached_property
    def strike(self) -> bool:
        """States an attack that happened: a trigger with a weapon, munition counts, or an
        attack word with a verb of impact ("the attack damaged", "killed in a strike").

        "Moscow warned of strikes" or "fended off an attack" name an attack but state no
        impact, and a sentence that only speaks in the conditional states nothing.
        """
        if self.listed_under_strike and self.places:
            return True
        if not (self.munitions or self.trigger or self.weapons or self.casualties) and not any(
            p.role == "target" and p.place.kind != "country" for p in self.places
        ):
            return False  # (most sentences: nothing below can make them an attack)
        if (
            AIRCRAFT_DOWNED.search(self.sentence.text)
            and not self.munitions
            and not self.casualties
            and all(w.category == "air_strike" for w in self.weapons)
        ):
            return False
        # An impact verb under a modal ("the bridge could be targeted") states no impact.
        stated = _HEARD.sub(" ", MODAL_VERB.sub(" ", self.sentence.text))
        if HYPOTHETICAL.search(self.sentence.text) and not IMPACT.search(stated):
            return False
        if self.munitions:
            return True
        # "Russian forces killed two and wounded seven in the Donetsk region": a side that killed
        # people in a named place attacked it (a daily round-up's wording); soldiers killed are
        # the fighting's
        if (
            self.casualties
            and any(p.role == "target" and p.place.kind != "country" for p in self.places)
            and any(
                SIDE_KILLED.match(self.sentence.text, a.end)
                and not FIGHTERS.search(self.sentence.text, a.end)
                for a in self.attackers
            )
        ):
            return True
        # "Several cities, including Dnipro and Odesa, came under fire": places that underwent
        # fire (the war's front lines "under fire" name no place of a strike: they are no targets)
        if CAME_UNDER_FIRE.search(stated) and any(
            p.role == "target" and p.place.kind != "country" for p in self.places
        ):
            return True
        # "The main direction of the attack was Lutsk", "Kyiv was the main target": the place an
        # attack aimed at most was attacked.
        main = MAIN_TARGET.search(stated)
        if main and any(
            p.role == "target"
            and p.place.kind != "country"
            # the place is what the attack's aim "was", right after it or right before it
            and (0 <= main.start() - p.end <= 12 if main.group("after") else 0 <= p.start - main.end() <= 16)
            for p in self.places
        ):
            return True
        if not self.trigger and not self.weapons:
            return False
        # "Drones also flew towards Poltava": where the weapons of the attack went is part of it
        # (GUIDELINES: a regional record with null counts).
        if self.weapons and any(
            p.role == "target" and MUNITION_TOWARDS.search(self.sentence.text[max(0, p.start - 60) : p.start])
            for p in self.places
        ):
            return True
        # "Russian forces also struck the Sumy and Poltava regions": a side that struck named
        # places states the attack, as an attack word would. The place is the verb's object
        # ("Russia attacked Ukraine" is the war, not a strike).
        if any(
            p.role == "target"
            and p.place.kind != "country"
            and PLACE_UNDERWENT.match(self.sentence.text, p.end)
            for p in self.places
        ):
            return True
        if any(
            p.role == "target"
            and p.place.kind != "country"
            and SIDE_ATTACK_AT.search(self.sentence.text, max(0, p.start - 60), p.start)
            for p in self.places
        ):
            return True
        # "An attack on a fuel terminal near St. Petersburg is the latest drone strike...": a
        # lead naming the attack as its subject states it.
        if (self.weapons or self.attack_noun) and ATTACK_AS_SUBJECT.match(self.sentence.text):
            return True
        if (
            self.weapons
            and not HYPOTHETICAL.search(self.sentence.text)
            and ATTEMPTED_ATTACK.search(stated)
            and any(p.role == "target" and p.place.kind != "country" for p in self.places)
        ):
            return True
        side = SIDE_STRUCK.search(stated)
        if side is not None and not side.group(0)[-1:].isupper():
            return True
        if side is not None and any(
            p.role == "target" and p.place.kind != "country" and 0 <= p.start - side.end() + 1 <= 12
            for p in self.places
        ):
            return True
        # "ATACMS have a range of about 300 km" names a weapon but states no attack.
        return (bool(self.weapons) or self.attack_noun) and bool(
            IMPACT.search(stated) or HEADLINE_IMPACT.search(stated)
        )

    @functools.cached_property
    def caption(self) -> bool:
        """The sentence reads as a photo caption."""
        return discourse.is_caption(self.sentence.text)

    @property
    def relevant(self) -> bool:
        # A weapon named without a trigger ("the debris was identified as a Kh-22") still
        # identifies the weapon of the attack in focus.
        # The costly background check runs last, only for sentences that could count.
        return (bool(self.weapons) or bool(self.casualties) or self.strike) and not self.background

    def signals(self) -> list[int]:
        """Offsets of what speaks of the attack: weapons, figures, then trigger words."""
        out = [w.start for w in self.weapons] + [c.start for c in self.casualties + self.munitions]
        out += [m.start() for m in trigger_words().finditer(self.sentence.text)]
        return out

    def targets(self) -> list[PlaceRef]:
        """Target places, keeping only those in a clause that speaks of the attack."""
        refs = [p for p in self.places if p.role == "target" and not self._where_heard(p)]
        if len(refs) > 1:
            refs = discourse.attack_clause_places(self.sentence.text, refs, self.signals())
        # "Yalta, Crimea": the region adds nothing to the settlement before it. (A region before
        # its town holds what is said of it: "10 over the Tula region, 4 of them towards Tula".)
        gaz = load_gazetteer()

        # "The head of the Zaporizhzhia OVA said that in the Zaporizhzhia region...": the region
        # named in the text, not the town of the speaker's title, is the place spoken of.
        titled = [(m.start, m.end) for m in self.sources]
        named = {
            p.place.region
            for p in refs
            if p.place.kind == "region" and not any(a <= p.start < b for a, b in titled)
        }
        refs = [
            p
            for p in refs
            if not (
                p.place.kind == "settlement"
                and p.place.region in named
                and any(a <= p.start < b for a, b in titled)
            )
        ]

        def settled_before(p: PlaceRef) -> bool:
            regions = {q.place.region for q in refs if q.place.kind == "settlement" and q.start < p.start}
            regions |= {w for r in regions if r and (w := gaz.within(r))}
            return p.place.region in regions

        def flown_at_within(p: PlaceRef) -> bool:
            # "seven over the Moscow region, including three flying towards Moscow": the city
            # the region surrounds, as where drones downed over the region flew, is no target
            # of its own
            around = gaz.around(p.place.region) if p.place.region else None
            return (
                around is not None
                and any(q.place.region == around and q.start < p.start for q in refs)
                and MUNITION_TOWARDS.search(self.sentence.text[max(0, p.start - 100) : p.start]) is not None
            )

        return [
            p
            for p in refs
            if (p.place.kind == "settlement" or not settled_before(p)) and not flown_at_within(p)
        ]

    @functools.cached_property
    def _heard_spans(self) -> list[tuple[int, int]]:
        """ "Blasts were heard across the Lviv and Rivne regions, as the attack went on": the
        stretches where explosions were only heard (GUIDELINES: no strike report), up to the
        clause's end (found once per sentence: every place is checked against them)."""
        text = self.sentence.text
        spans = []
        for m in _HEARD.finditer(text):
            end = _HEARD_CLAUSE_END.search(text, m.end())
            stop = end.start() if end else len(text)
            # "Blasts rang out in Kharkiv as the enemy attacked the city": the rest says it was hit.
            if not _THE_PLACE_AGAIN.search(text, stop):
                # "...; in Ivano-Frankivsk, explosions were heard": the clause's place before it too
                clause = max(text.rfind(";", 0, m.start()), text.rfind(":", 0, m.start())) + 1
                opens = _IN_PLACE_OPENS.fullmatch(text, clause, m.start())
                spans.append((clause if opens else m.start(), stop))
        return spans

    def heard_at(self) -> list[PlaceRef]:
        """Places where explosions were only heard: no target, but where the text now is."""
        return [p for p in self.places if p.role == "target" and self._where_heard(p)]

    def _where_heard(self, place: PlaceRef) -> bool:
        return any(start <= place.start < stop for start, stop in self._heard_spans)

    def country_targets(self) -> list[PlaceRef]:
        """A country as the target of a nationwide figure: "launched 60 drones at Ukraine"."""
        # A launched or shot-down count can be a figure for a whole country; so is an attack
        # stated "across Ukraine" when no place in it is named.
        if any(c.kind in {"launched", "intercepted"} for c in self.munitions):
            defended = any(c.kind == "intercepted" for c in self.munitions)
            return discourse.country_targets(self.sentence.text, self.places, self.attackers, defended)
        if (self.strike or self.casualties) and not self.targets():
            # "three killed in an overnight attack on Ukraine": a toll of an attack with its time
            # names the attack as surely as a weapon would ("since Russia attacked Ukraine" is the war).
            armed = bool(self.weapons) or (bool(self.casualties) and bool(self.times))
            # (a headline's "in eastern Ukraine" stands for the place its story names)
            toll = bool(self.casualties) and not self.sentence.is_title
            found = discourse.country_wide(
                self.sentence.text,
                self.places,
                armed=armed,
                toll=toll,
                attack=self.strike and bool(self.times),
            )
            return found or (discourse.side_sites(self.sentence.text) if self.strike else [])
        return []

    def event_date(self) -> ResolvedDate | None:
        """The date the sentence gives for the attack (not for when something was said)."""
        return event_dates.event_date(self.sentence.text, self.times, bool(self.munitions), self.signals)


#: A third country where munitions went ("19 drones into Polish airspace", "over Romania"): no
#: count of the strikes on Ukraine or Russia.
_THIRD_COUNTRY = (
    r"(?:Polish|Romanian|Moldovan|Belarusian|Lithuanian|Latvian|Estonian|Finnish|Hungarian|Slovak|NATO|EU)\s+"
    r"(?:airspace|territory|soil)|(?:Poland|Romania|Moldova|Belarus|Lithuania|Latvia|Estonia|Finland|Hungary|Slovakia)\b"
)
_INTO_THIRD_COUNTRY = re.compile(
    rf"^[^.;,]{{0,60}}?\b(?:into|over|in|entered|violat\w+)\s+(?:the\s+)?(?:{_THIRD_COUNTRY})"
)


_NAME_NUMBER = re.compile(r"[A-Za-z]-?$")


#: Time expressions that write a day as a number ("12 March", "March 12", "12.03.2024").
_DAY_NUMBERED = frozenset(
    {"iso", "dotted", "night_span", "day_span", "day_month_year", "month_day_year", "day_month", "month_day"}
)


def _misread(text: str, count: Count, dated: list[tuple[int, int]], munition: bool = False) -> bool:
    """A figure the finders read that is no count: the day of a written date ("the strike on
    12 March killed a woman"), the number of a system's name ("an S-300 missile"), or munitions
    sent into a third country in the count's own clause ("19 drones into Polish airspace")."""
    if any(s <= count.start < e for s, e in dated):
        return True
    return munition and bool(
        _NAME_NUMBER.search(text, max(0, count.start - 2), count.start)
        or _INTO_THIRD_COUNTRY.match(text[count.end :])
    )


def analyse_sentence(
    sentence: Sentence,
    published: dt.date,
    context_regions: list[str],
    known_places: dict[str, Place] | None = None,
) -> SentenceFacts:
    """Run every finder over one sentence.

    The costly finders run only where they can matter: a sentence with no trigger, weapon
    or casualty word is searched for places and times alone (it may still move the focus).
    """
    text = sentence.text
    sources = find_sources(text)
    places = find_places(text, context_regions, known_places, [(m.start, m.end) for m in sources])
    weapons = find_weapons(text)
    # (the lexicon's lists searched in the lowered text: faster than a case-blind search)
    lowered = text.lower()
    trigger = bool(lexicon.alternation("strike_triggers", lowered=True).search(lowered))
    casualties = find_casualties(text)
    times = []
    dated: list[tuple[int, int]] = []
    if places or trigger or weapons or casualties or discourse.is_heading_like(text):
        for t in find_time_expressions(text):
            if t.strategy in _DAY_NUMBERED:
                dated.append((t.start, t.end))
            r = resolve(t, published)
            if r is not None:
                times.append((t, r))
    casualties = [c for c in casualties if not _misread(text, c, dated)]
    munitions = [c for c in find_munitions(text) if not _misread(text, c, dated, munition=True)]
    interesting = trigger or weapons or casualties or munitions
    return SentenceFacts(
        sentence=sentence,
        places=places,
        weapons=weapons,
        times=times,
        casualties=casualties,
        munitions=munitions,
        sources=sources,
        attackers=find_attacker_cues(text) if interesting else [],
        claimed=own_attack_cues(text, sources) if interesting else [],
        trigger=trigger,
        attack_noun=bool(lexicon.alternation("attack_nouns", lowered=True).search(_HEARD.sub(" ", lowered)))
        if interesting
        else False,
        published=published,
    )


_ASIDE_OPENS = re.compile(r",\s+(?:as|amid|while|with)\s+(?:[\w'’-]+\s+){0,4}$")
_OF_THE_REGION = re.compile(
    r"\b(?:settlements|villages|towns|districts|communities|hromadas)\s+(?:of|in)\s+the\s+(?:region|oblast)\b"
)


# "Kursk region, 126; Moscow region, 91; ...": one item of a list split at its semicolons
_REGION_ITEM = re.compile(
    r"^\s*(?:and\s+)?[A-Z][\w'’-]+\s+(?:region|oblast|krai)\s*,\s*(?P<n>\d{1,4})\s*[;.]?\s*$"
)


def _continue_itemised(f: SentenceFacts, before: SentenceFacts) -> None:
    """An item of a list by region that goes on from the sentence before (split at a
    semicolon) counts what that sentence's items count, of the attack it states."""
    m = _REGION_ITEM.match(f.sentence.text)
    kinds = {c.kind for c in before.munitions if c.kind == "intercepted"}
    if m is None or not kinds or f.munitions or f.sentence.paragraph != before.sentence.paragraph:
        return
    f.munitions = [Count("intercepted", int(m.group("n")), m.start("n"), m.end("n"))]
    f.listed_under_strike = before.strike or before.listed_under_strike
    f.weapons = f.weapons or [dataclasses.replace(w, start=-1, end=-1) for w in before.weapons]


def analyse(doc: Document, published: dt.date) -> list[SentenceFacts]:
    """The facts of every sentence of ``doc``, in order."""
    facts: list[SentenceFacts] = []
    context: list[str] = []
    known: dict[str, Place] = {}  # a name's sense, kept through the article
    for sentence in doc.sentences:
        f = analyse_sentence(sentence, published, context, known)
        if facts:
            _continue_itemised(f, facts[-1])
        targeted = any(p.role == "target" for p in f.places)
        the_region = _OF_THE_REGION.search(sentence.text) if context and not targeted and f.strike else None
        if the_region is not None and "-" in context[0]:
            # "attacked 18 settlements of the region": the region spoken of last
            region = load_gazetteer().region(context[0])
            mention = PlaceMention(the_region.start(), the_region.end(), the_region.group(0), (region,), True)
            f.places = [*f.places, PlaceRef(mention, region, "target")]
        # Regions named recently disambiguate the places that follow (a town name shared by
        # several regions is read as the one in the region just spoken of).
        # A dateline's city is where the story was filed, not a place it speaks of; nor is where
        # the missiles were launched from ("Iskanders from the Kursk region": "the capital" next
        # is still the attacked country's).
        spoken = [
            p.place.region
            for p in f.places
            if p.place.region and p.role not in {"dateline", "name", "river", "actor", "origin"}
        ]
        context = (spoken + context)[:8]
        facts.append(f)
    # The days the article's night is named by: "overnight into Tuesday". (An attack "early on
    # Tuesday" beside it does not rename the night: the gold sets date the night's other
    # attacks by the day it started on.)
    nights = {
        r.date
        for f in facts
        for t, r in f.times
        if r.strategy == "overnight_into"
        # "on the night of 26 February" told on the 26th: the night that led into it
        # ... and so does "overnight on Monday" told on the Monday
        or (r.date == published and _NIGHT_OF.search(f.sentence.text, max(0, t.start - 16), t.start))
    }
    if nights:
        for f in facts:
            f.times = list(
                zip([t for t, _ in f.times], name_the_night([r for _, r in f.times], nights), strict=True)
            )
        return facts
    # "overnight Friday", "Friday night", told two days later: the one night the article names by
    # its day is the night its bare "overnight" speaks of (GUIDELINES: unless the article gives
    # the day).
    named = {
        r.date
        for f in facts
        for t, r in f.times
        if r.strategy == "weekday"
        and not t.reporting
        and (
            t.group("part") in {"night", "overnight"} or _OVERNIGHT_BEFORE.search(f.sentence.text, 0, t.start)
        )
        and published - dt.timedelta(days=3) <= r.date < published - dt.timedelta(days=1)
    }
    if len(named) == 1:
        (day,) = named
        for f in facts:
            f.times = [
                (
                    t,
                    dataclasses.replace(r, date=day, strategy="overnight_named")
                    if r.strategy == "overnight"
                    else r,
                )
                for t, r in f.times
            ]
    return facts
