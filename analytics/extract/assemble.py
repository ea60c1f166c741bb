"""Assembly: sentence facts -> one StrikeReport per (target area, day).

A strike trigger plus a target place makes a candidate; sentences about the same area and
day merge into one record; sentences that name no place add their facts to the record in
focus (the one the text last spoke of). Background (cumulative totals, ground fighting,
future or hypothetical attacks, arms deliveries) yields nothing. Every field keeps the
sentence and character span it came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from analytics import lexicon
from analytics.extract.actors import AttackerCue, SourceMention, find_attacker_cues, find_sources
from analytics.extract.dates import ResolvedDate, TimeExpr, find_time_expressions, resolve
from analytics.extract.document import Document, Sentence
from analytics.extract.numbers import Count, find_casualties, find_munitions, parse_number
from analytics.extract.places import CONTAINED_IN, PlaceRef, find_places
from analytics.extract.weapons import WeaponMention, categories, find_weapons, systems
from analytics.gazetteer import PlaceMention, load_gazetteer
from analytics.models import Evidence, StrikeReport

_DISTRICT_AFTER = re.compile(
    r"\s+(?:district|raion|neighbourhood|neighborhood|microdistrict)\b", re.IGNORECASE
)
# Words that refer back to the place in focus.
_ANAPHORA = re.compile(
    r"\b(?:the|this|that) (?:city|town|village|region|oblast|area|district|capital|port|settlement|community)\b|"
    r"\bthere\b|\blocal(?:ly)?\b|\bits (?:residents|centre|outskirts)\b",
    re.IGNORECASE,
)
_LINKS_TO_PLACE = re.compile(
    r"^\s+(?:[\w/-]+\s+){0,5}?(?:each\s+)?(?:over|above|in|on|at|near)\s+(?:the\s+)?"
    r"(?:(?:territory|skies|airspace|area|outskirts)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_NATIONWIDE = re.compile(
    r"\b(?:at|across|throughout|all over|on) the (?:whole )?country\b|\bnationwide\b|"
    r"\bin (?:other|several|many|various|a number of|multiple) (?:regions|oblasts|parts of the country)\b|"
    r"\belsewhere in (?:the country|Ukraine|Russia)\b",
    re.IGNORECASE,
)
# A national body's figure: "Ukraine's air force said it downed 20 drones".
_NATIONAL_BODY = re.compile(
    r"\b(?:Ukraine['’]s|Russia['’]s|the Ukrainian|the Russian|Ukrainian|Russian)\s+(?:military|air force|armed forces|"
    r"defen[cs]e ministry|ministry of defen[cs]e|general staff)\b|\bthe (?:air force|general staff)\b",
    re.IGNORECASE,
)
#: Strategies that name a day rather than count back from publication.
_NAMED_DAY = ("weekday", "iso", "dotted", "day_month", "month_day", "night_span")
_SIDE_LAUNCHED = re.compile(
    r"\b(?:Russia|Ukraine|Moscow|Kyiv|Russian (?:forces|troops|army|military)|Ukrainian (?:forces|troops|army|military)|"
    r"the enemy|the Russians|the Ukrainians)\s+(?:has\s+|had\s+|have\s+)?(?:fired|launched|attacked\s+(?:\w+\s+)?with|used|sent)\b"
)
_COUNTRY_TARGET = re.compile(
    r"\b(?:at|on|against|across|into|over|throughout|in|attacked|struck|targeted|hit|bombarded|pounded|shelled)"
    r"\s+(?:the\s+)?(?:whole\s+of\s+)?$",
    re.IGNORECASE,
)


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

    @functools.cached_property
    def background(self) -> bool:
        """Cumulative totals, ground fighting, plans, deliveries (computed when asked: it is costly)."""
        return bool(lexicon.alternation("background", bounded=False).search(self.sentence.text))

    @functools.cached_property
    def strike(self) -> bool:
        """States an attack that happened: a trigger with a weapon, munition counts, or an
        attack word with a verb of impact ("the attack damaged", "killed in a strike").

        "Russia threatened a strike" or "repelled a Russian attack" name an attack but state
        no impact, and a sentence that only speaks in the conditional states nothing.
        """
        if _HYPOTHETICAL.search(self.sentence.text) and not _IMPACT.search(self.sentence.text):
            return False
        if self.munitions:
            return True
        if not self.trigger and not self.weapons:
            return False
        # "the deep strike capability of ATACMS" names a weapon but states no attack.
        text = self.sentence.text
        return (bool(self.weapons) or self.attack_noun) and bool(
            _IMPACT.search(text) or _HEADLINE_IMPACT.search(text)
        )

    @property
    def relevant(self) -> bool:
        # A weapon named without a trigger ("the weapon was an Iskander") still identifies
        # the weapon of the attack in focus.
        # The costly background check runs last, only for sentences that could count.
        return (bool(self.weapons) or bool(self.casualties) or self.strike) and not self.background

    def targets(self) -> list[PlaceRef]:
        """Target places, keeping only those in a clause that speaks of the attack."""
        refs = [p for p in self.places if p.role == "target"]
        if len(refs) > 1:
            signals = [w.start for w in self.weapons] + [c.start for c in self.casualties + self.munitions]
            signals += [m.start() for m in _TRIGGER_WORDS().finditer(self.sentence.text)]
            spans = _clauses(self.sentence.text)
            hot = [(s, e) for s, e in spans if any(s <= x < e for x in signals)]
            kept = [p for p in refs if any(s <= p.start < e for s, e in hot)]
            # "the city of Cherkasy, where one person died": a "where" clause speaks of the
            # place right before it.
            for s, _e in hot:
                if re.match(r"(?:where|in which)\b", self.sentence.text[s:]):
                    prior = [p for p in refs if p.end <= s]
                    if prior and prior[-1] not in kept:
                        kept.append(prior[-1])
            kept.sort(key=lambda p: p.start)
            refs = kept or refs
        # "Sevastopol, Crimea": the region adds nothing to the settlement inside it.
        settled = {p.place.region for p in refs if p.place.kind == "settlement"}
        settled |= {CONTAINED_IN[r] for r in settled if r in CONTAINED_IN}
        return [p for p in refs if p.place.kind == "settlement" or p.place.region not in settled]

    def country_targets(self) -> list[PlaceRef]:
        """A country as the target of a nationwide figure: "launched 151 drones at Ukraine"."""
        if not any(c.kind in {"launched", "intercepted"} for c in self.munitions):
            return []
        text = self.sentence.text
        refs = [
            p
            for p in self.places
            if p.role == "country" and _COUNTRY_TARGET.search(text[max(0, p.start - 30) : p.start])
        ]
        m = _NATIONWIDE.search(text)
        if not refs and m:
            # "fired 70 missiles at the country", "targets across the country": the side attacked
            # is the one the attacker is not.
            sides = {c.side for c in self.attackers}
            code = "RU" if sides == {"Ukraine"} else "UA"
            place = load_gazetteer().country(code)
            refs = [PlaceRef(PlaceMention(m.start(), m.end(), m.group(0), (place,), False), place, "country")]
        return refs

    def _recent_since(self, t: TimeExpr) -> bool:
        """ "shot down 37 drones since Sunday evening": a count since a recent day dates it."""
        return bool(self.munitions) and t.strategy in {
            "weekday",
            "overnight",
            "yesterday",
            "day_month",
            "month_day",
        }

    def event_date(self) -> ResolvedDate | None:
        """The date the sentence gives for the attack (not for when something was said)."""
        text = self.sentence.text
        # "KHARKIV, Ukraine, Jan 3, 2024 - Russian missiles struck on Tuesday": the dateline's
        # date is when the story was filed, not when the attack happened.
        dateline = _DATELINE.match(text)
        dateline_end = dateline.end() if dateline else 0
        candidates = [
            (t, r)
            for t, r in self.times
            if t.start >= dateline_end
            and not t.reporting
            and (self._recent_since(t) or not t.text.lower().startswith("since"))
            and not re.search(r"\b(?:until|before|by)\s+$", text[max(0, t.start - 7) : t.start])
            and (self._recent_since(t) or not re.search(r"\bsince\s+$", text[max(0, t.start - 7) : t.start]))
        ]
        if not candidates:
            return None
        anchors = [w.start for w in self.weapons] + [c.start for c in self.casualties + self.munitions]
        anchors += [m.start() for m in _TRIGGER_WORDS().finditer(self.sentence.text)]

        def rank(item: tuple[TimeExpr, ResolvedDate]) -> tuple[int, int, int, int]:
            t, r = item
            possessive = 0 if t.group("poss") else 1
            precision = {"day": 0, "week": 1, "month": 2}[r.precision]
            # A named day is more specific than "overnight" or "yesterday" beside it.
            relative = int(t.strategy in {"overnight", "yesterday", "today"})
            distance = min((abs(a - t.start) for a in anchors), default=0)
            return (precision, relative, possessive, distance)

        best = min(candidates, key=rank)[1]
        # "searched on Wednesday, a day after missiles struck": the attack was the day before.
        lag = _LAG.search(self.sentence.text)
        if lag and best.precision == "day":
            n = parse_number(lag.group("n")) or 1
            days = n if lag.group("unit").startswith("day") else (1 if n >= 12 else 0)
            best = ResolvedDate(best.date - dt.timedelta(days=days), best.precision, best.strategy + "+lag")
        return best


# "a similar attack on January 24", "an earlier strike": not the attack in focus.
_OTHER_ATTACK = re.compile(
    r"\b(?:similar|previous|earlier|another|prior|last|separate|first)\s+(?:\w+\s+)?(?:attacks?|strikes?|raids?)\b",
    re.IGNORECASE,
)
_IMPACT = re.compile(
    r"\b(?:struck|hit|hits|attacked|shelled|bombed|pounded|targeted|damaged|destroyed|killed|killing|wounded|wounding|"
    r"injured|injuring|exploded|launched|fired|shot down|downed|intercepted|slammed|tore|landed|blasts?|"
    r"explosions?|debris|was hit|were hit|came under|caught fire|ablaze|blaze|set (?:[\w-]+ ){0,4}?(?:on fire|alight)|launch|launches|subjected to|"
    r"repelled (?:a |an |the )?(?:[\w-]+ )?(?:drone|missile|air|UAV) (?:attacks?|strikes?|raids?)|"
    r"affecting|there (?:was|were) (?:a |an )?(?:[\w-]+ )?(?:attacks?|strikes?)|"
    r"(?:confirmed|reported|announced) (?:a|an|the) (?:[\w-]+ )?(?:attack|strike)|"
    r"(?:sparking|sparked|causing|caused|starting|started)\s+(?:a\s+)?(?:[\w-]+\s+)?fires?)\b",
    re.IGNORECASE,
)
# Headline present tense: "Missiles strike Kyiv", "Drones hit oil depot".
_HEADLINE_IMPACT = re.compile(
    r"\b(?:(?:missiles|drones|rockets|bombs|shells|UAVs)\s+(?:strike|hit|pound|rock|slam|target|attack|kill|wound|injure|damage|destroy|set)"
    # "missile attacks" and "drone strikes" are compound nouns, not a verb after a subject.
    r"|(?:missile|drone|rocket|bomb|shell|strike|attack|shelling|barrage|UAV)\s+"
    r"(?:hits|kills|damages|destroys|wounds|injures|pounds|rocks|slams|sets|targets))\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|should|will|if|unless|threaten(?:s|ed|ing)?|plans? to|intends? to|"
    r"scenario|possible|potential(?:ly)?|risk of|fears? (?:of|that))\b",
    re.IGNORECASE,
)
# "KYIV, Ukraine, Jan 3, 2024 (Wire) - ", "KYIV, Nov 24 (Reuters) - ": where and when it was filed.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'’-]{1,40},(?:[^.]{0,40}?\b(?:19|20)\d\d\b[^-–—.]{0,40}?|[^.()]{0,40}?\([^()]{1,60}\))\s*[-–—:]\s*"
)
_LAG = re.compile(
    r"\b(?:some |about |around |nearly |more than )?(?P<n>a|one|two|three|four|five|six|\d{1,2}) (?P<unit>days?|hours?) "
    r"(?:after|since)\b(?=[^.]*\b(?:struck|hit|attack|strike|missiles?|drones?|bombs?|shell))",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:while|as|which|who|whose|but|although|though|after|before|where|whereas|even as)\b)|;\s+|"
    r"\s+(?=(?:while|whereas|although)\b)|\s[-–—]\s|[()]"
)


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _TRIGGER_WORDS() -> re.Pattern[str]:  # noqa: N802 - a cached pattern, read like a constant
    return lexicon.alternation("strike_triggers")


def analyse_sentence(sentence: Sentence, published: dt.date, context_regions: list[str]) -> SentenceFacts:
    """Run every finder over one sentence.

    The costly finders run only where they can matter: a sentence with no trigger, weapon
    or casualty word is searched for places and times alone (it may still move the focus).
    """
    text = sentence.text
    places = find_places(text, context_regions)
    weapons = find_weapons(text)
    trigger = bool(_TRIGGER_WORDS().search(text))
    casualties = find_casualties(text)
    times = []
    if places or trigger or weapons or casualties or _is_heading_like(text):
        for t in find_time_expressions(text):
            r = resolve(t, published)
            if r is not None:
                times.append((t, r))
    munitions = find_munitions(text)
    interesting = trigger or weapons or casualties or munitions
    return SentenceFacts(
        sentence=sentence,
        places=places,
        weapons=weapons,
        times=times,
        casualties=casualties,
        munitions=munitions,
        sources=find_sources(text),
        attackers=find_attacker_cues(text) if interesting else [],
        trigger=trigger,
        attack_noun=bool(lexicon.alternation("attack_nouns").search(text)) if interesting else False,
    )


@dataclass
class RecordBuilder:
    country: str
    region: str | None
    date: dt.date | None
    precision: str
    inherited: tuple[dt.date, str] | None = None
    places: list[tuple[PlaceRef, Sentence]] = field(default_factory=list)
    weapons: list[tuple[WeaponMention, Sentence]] = field(default_factory=list)
    counts: list[tuple[Count, Sentence]] = field(default_factory=list)
    sources: list[tuple[SourceMention, Sentence, str]] = field(default_factory=list)
    attackers: list[tuple[AttackerCue, Sentence]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    date_evidence: tuple[Sentence, int, int] | None = None
    strike: bool = False
    anchored: bool = False  # its place is named with the attack, or referred back to ("the city")
    attack_word: bool = False  # some sentence names an attack or a weapon
    impact: bool = False  # some sentence states damage, casualties or counts
    unattributed: bool = False
    #: ids of ``sentences`` (a list scan compared whole dataclasses: quadratic on long texts)
    sentence_ids: set[int] = field(default_factory=set, repr=False, compare=False)

    def add_sentence_once(self, s: Sentence) -> None:
        if id(s) not in self.sentence_ids:
            self.sentence_ids.add(id(s))
            self.sentences.append(s)

    @property
    def area(self) -> tuple[str, str | None]:
        return (self.country, self.region)

    def add_sentence(
        self,
        facts: SentenceFacts,
        counts: list[Count],
        sources: list[tuple[SourceMention, str]],
        weapons: list[WeaponMention] | None = None,
        attributed: bool = True,
    ) -> None:
        """Add one sentence's facts; ``attributed`` says whether someone is named as saying
        them (in the sentence, or earlier in its paragraph)."""
        s = facts.sentence
        self.add_sentence_once(s)
        self.weapons += [(w, s) for w in (facts.weapons if weapons is None else weapons)]
        self.counts += [(c, s) for c in counts]
        self.sources += [(m, s, cls) for m, cls in sources]
        self.attackers += [(a, s) for a in facts.attackers]
        self.strike = self.strike or facts.strike
        self.attack_word = self.attack_word or (facts.trigger and (bool(facts.weapons) or facts.attack_noun))
        self.impact = self.impact or bool(counts) or bool(_IMPACT.search(s.text))
        if not attributed and (facts.strike or counts) and not s.is_title:
            self.unattributed = True


def _evidence(sentence: Sentence, start: int, end: int) -> Evidence:
    return Evidence(sentence.text, sentence.start + start, sentence.start + end)


class Assembler:
    """Walks the sentences of one document and builds its records."""

    def __init__(self, doc: Document, published: dt.date, article_name: str = "") -> None:
        self.doc = doc
        self.published = published
        self.article_name = article_name
        self.gaz = load_gazetteer()
        self.records: list[RecordBuilder] = []
        self.focus: RecordBuilder | None = None
        self.focus_paragraph = 0
        self.focus_window = 8
        self.last_source_type: str | None = None
        self.last_source_paragraph = 0
        self.sourced_paragraph: int | None = None
        self.paragraph_sources: list[tuple[SourceMention, str]] = []
        self.current_date: ResolvedDate | None = None  # the day the text is speaking of
        self.known_names: dict[str, str] = {}
        self.story_weapons: list[str] = []

    # -- finding -----------------------------------------------------------------------
    def analyse(self) -> list[SentenceFacts]:
        facts: list[SentenceFacts] = []
        context: list[str] = []
        for sentence in self.doc.sentences:
            f = analyse_sentence(sentence, self.published, context)
            # Regions named recently disambiguate the places that follow.
            context = ([p.place.region for p in f.places if p.place.region] + context)[:8]
            facts.append(f)
        return facts

    # -- writing -----------------------------------------------------------------------
    def _record(self, country: str, region: str | None, date: ResolvedDate | None) -> RecordBuilder:
        for rec in self.records:
            if rec.area == (country, region) and (
                rec.date == (date.date if date else None) or (date is None and rec.date is not None)
            ):
                return rec
        inherited = None
        if self.current_date is not None:
            inherited = (self.current_date.date, self.current_date.precision)
        elif self.focus is not None and self.focus.date is not None:
            inherited = (self.focus.date, self.focus.precision)
        rec = RecordBuilder(
            country, region, date.date if date else None, date.precision if date else "day", inherited
        )
        self.records.append(rec)
        return rec

    def _classify_sources(self, facts: SentenceFacts) -> list[tuple[SourceMention, str]]:
        out = []
        for m in facts.sources:
            cls = m.source_type
            if m.pronoun:
                # "he says" refers to a speaker of this or the previous paragraph only.
                if self.last_source_type is None or facts.sentence.paragraph - self.last_source_paragraph > 1:
                    continue
                cls = self.last_source_type
            elif cls == "unknown":
                surname = m.text.split()[-1]
                cls = self.known_names.get(surname, "official")
            else:
                for word in m.text.split():
                    if word[:1].isupper() and len(word) > 3:
                        self.known_names.setdefault(word, cls)
            self.last_source_type = cls
            self.last_source_paragraph = facts.sentence.paragraph
            out.append((m, cls))
        return out

    def _inherit_list_context(self, facts: SentenceFacts, lead: SentenceFacts | None) -> SentenceFacts | None:
        """Items of a list ("- 126 over the Kursk region;") take the weapons and sources of
        the sentence that introduced the list ("the drones were destroyed as follows:")."""
        text = self.doc.text
        para_start = self.doc.paragraphs[facts.sentence.paragraph][0]
        is_item = text[para_start : para_start + 2].lstrip()[:1] in {"-", "•", "*", "–", "—", "·"}
        if facts.sentence.text.rstrip().endswith(":"):
            return facts
        if not is_item:
            return None
        if lead is not None:
            if not facts.weapons:
                facts.weapons = [dataclasses.replace(w, start=-1, end=-1) for w in lead.weapons]
            if not facts.sources:
                facts.sources = list(lead.sources)
        return lead

    def _author_source(self) -> SourceMention | None:
        """A statement's issuer named in its heading ("... - DEFENCE MINISTRY", "AIR FORCE ... SUMMARY")."""
        title = next((s for s in self.doc.sentences[:2] if _is_heading_like(s.text)), None)
        if title is None:
            return None
        for part in reversed(re.split(r"\s[-–—|]\s", title.text)):
            cls = lexicon.sources().classify(part)
            if cls in {"official", "ukraine_official", "russia_official"} and re.search(
                r"MINISTRY|AIR FORCE|GENERAL STAFF|ADMINISTRATION|COMMAND|DEFEN[CS]E|GOVERNOR|MAYOR",
                part.upper(),
            ):
                return SourceMention(title.start, title.start + len(part), part.strip().title(), cls)
        return None

    def build(self) -> list[StrikeReport]:
        all_facts = self.analyse()
        lead: SentenceFacts | None = None
        for facts in all_facts:
            lead = self._inherit_list_context(facts, lead)
            sources = self._classify_sources(facts)
            # An attribution carries over the rest of its paragraph.
            attributed = bool(facts.sources) or self.sourced_paragraph == facts.sentence.paragraph
            if sources:
                self.sourced_paragraph = facts.sentence.paragraph
                self.paragraph_sources = [(m, cls) for m, cls in sources if not m.pronoun]
            elif attributed:
                sources = list(self.paragraph_sources)
            date = facts.event_date()
            if date is not None and facts.trigger and not facts.targets():
                self._date_focus(facts, date)
            if not facts.relevant:
                # Who else speaks of the attack in focus ("Kuleba said commanders knew the
                # station was full") is a source of it too.
                if (
                    sources
                    and self.focus is not None
                    and facts.sentence.paragraph - self.focus_paragraph <= 1
                    and not facts.targets()
                    and not facts.background
                ):
                    self.focus.sources += [(m, facts.sentence, cls) for m, cls in sources]
                # "Late Friday it was Dnipro's turn.": no attack stated, but the text moves to
                # another place and day; what follows belongs there.
                if (
                    (date is not None or _is_heading(facts.sentence))
                    and len(facts.targets()) == 1
                    and not facts.background
                ):
                    ref = facts.targets()[0]
                    self.current_date = date or self.current_date
                    self.focus = self._record(ref.place.country, ref.place.region, date)
                    self.focus.places.append((ref, facts.sentence))
                    self.focus_paragraph = facts.sentence.paragraph
                    self.focus_window = 1  # a place named in passing holds the focus briefly
                    if _is_heading(facts.sentence):
                        self.focus.anchored = True  # "KHARKIV REGION.": the section is about it
                continue
            # A nationwide figure and the places it names are separate records: "fired 70
            # missiles at the country, with Kyiv as the main target".
            targets = facts.targets() + facts.country_targets()
            if not (facts.strike or facts.casualties):
                # A weapon named with a place but no attack stated ("howitzers in the Donbas",
                # "a missile system that can reach Crimea") tells the weapon of the attack in
                # focus; it does not make the place a target.
                targets = []
            if date is not None and (targets or facts.weapons or facts.munitions):
                self.current_date = date
            if not targets and self._nationwide_without_place(facts):
                # "Ukraine's military said it shot down 18 of 20 drones launched by Russia":
                # a figure for the whole country, no place named and none in focus.
                sides = {c.side for c in facts.attackers}
                place = self.gaz.country("RU" if sides == {"Ukraine"} else "UA")
                ref = PlaceRef(PlaceMention(0, 0, place.name, (place,), False), place, "country")
                targets = [ref]
            if not targets:
                focus = self.focus
                if (
                    focus is not None
                    and date is not None
                    and focus.date is not None
                    and date.date != focus.date
                    # A named day ("on Friday") that differs is another day; "overnight" or
                    # "yesterday" beside a dated record may still speak of the same night.
                    and (abs((date.date - focus.date).days) > 1 or date.strategy.startswith(_NAMED_DAY))
                    and not facts.sources
                    and facts.strike
                ):
                    # "On Thursday, Russian missiles killed seven people in the city": the same
                    # place on another day is another record.
                    focus = self._record(focus.country, focus.region, date)
                    focus.places += [p for p in self.focus.places[:1]]
                    focus.anchored = True
                # A record stays in focus for a few paragraphs after its place was last named.
                if focus is not None and facts.sentence.paragraph - self.focus_paragraph <= self.focus_window:
                    focus.add_sentence(
                        facts, facts.casualties + facts.munitions, sources, attributed=attributed
                    )
                    if _ANAPHORA.search(facts.sentence.text) or _is_heading(
                        self.doc.sentences[max(0, facts.sentence.index - 1)]
                    ):
                        focus.anchored = True
                continue
            by_area: dict[tuple[str, str | None], list[PlaceRef]] = {}
            for ref in targets:
                region = ref.place.region if ref.place.kind != "country" else None
                by_area.setdefault((ref.place.country, region), []).append(ref)
            # A toll for a place named right after an attack was stated ("In Cherkasy, one
            # person died") is a toll of that attack: the place was hit by it.
            follows_attack = (
                not facts.strike
                and bool(facts.casualties)
                and self.focus is not None
                and self.focus.strike
                and facts.sentence.paragraph - self.focus_paragraph <= 2
            )
            touched: list[RecordBuilder] = []
            for (country, region), refs in by_area.items():
                rec = self._record(country, region, date)
                if date is not None and rec.date_evidence is None:
                    t = next((t for t, r in facts.times if r == date), None) or facts.times[0][0]
                    rec.date_evidence = (facts.sentence, t.start, t.end)
                rec.places += [(r, facts.sentence) for r in refs]
                rec.anchored = True  # the place is named in a sentence about the attack
                rec.strike = rec.strike or follows_attack
                touched.append(rec)
            self._sentence_text = facts.sentence.text
            weapons = self._weapon_owners(facts, targets, touched)
            for rec in touched:
                mine = [
                    c
                    for c in facts.casualties + facts.munitions
                    if c.each or self._owner(c, targets, touched) is rec
                ]
                rec.add_sentence(facts, mine, sources, weapons[id(rec)], attributed=attributed)
            self.focus = touched[-1]
            self.focus_paragraph = facts.sentence.paragraph
            self.focus_window = 8
        self.author = self._author_source()
        # Weapons named anywhere in the story, for places whose own sentences name none.
        cats = {w.category for f in all_facts if f.relevant for w in f.weapons}
        cats = {("missile" if c == "rocket" else c) for c in cats}
        self.story_weapons = sorted(cats) if len(cats) == 1 else []
        return [r for r in (self._finish(rec) for rec in self._settle_dates()) if r is not None]

    def _date_focus(self, facts: SentenceFacts, date: ResolvedDate) -> None:
        """An undated record in focus takes the day of a sentence that speaks of an attack and
        names no place ("the worst casualties of Saturday's barrage")."""
        focus = self.focus
        if (
            focus is None
            or focus.date is not None
            or facts.background
            or facts.sentence.paragraph - self.focus_paragraph > self.focus_window
        ):
            return
        if any(r is not focus and r.area == focus.area and r.date == date.date for r in self.records):
            return
        t = next((t for t, r in facts.times if r == date), facts.times[0][0])
        text = facts.sentence.text
        nouns = lexicon.alternation("attack_nouns")
        # The day must qualify an attack noun: "the barrage on Saturday", "Saturday's strike".
        before = re.search(
            r"(?:" + nouns.pattern + r")\s+(?:\w+\s+)?(?:on|late|early|of)?\s*$", text[: t.start], re.I
        )
        after = t.group("poss") and nouns.match(text[t.end :].lstrip(" "))
        if not (before or after) or _OTHER_ATTACK.search(text[: t.start]):
            return
        focus.date, focus.precision = date.date, date.precision
        focus.date_evidence = (facts.sentence, t.start, t.end)
        self.current_date = date

    def _owner(
        self, count: Count, targets: list[PlaceRef], touched: list[RecordBuilder]
    ) -> RecordBuilder | None:
        """The record a figure belongs to when a sentence names several places.

        "15 over the Belgorod region": the place right after it; else the nearest place named
        before it; a figure before every place ("22 drones: 15 over X and 7 over Y") is a total
        of them all and belongs to none.
        """
        if len(touched) == 1:
            return touched[0]
        text = self._sentence_text
        after = [
            t for t in targets if t.start >= count.end and _LINKS_TO_PLACE.match(text[count.end : t.start])
        ]
        if after:
            ref = min(after, key=lambda t: t.start)
            # "12 drones over the Bryansk, Kursk and Belgorod regions": a total of several places.
            if any(
                0 <= t.start - ref.end <= 6 and re.fullmatch(r",?\s*(?:and\s+)?", text[ref.end : t.start])
                for t in targets
            ):
                return None
        else:
            before = [t for t in targets if t.end <= count.start]
            if not before:
                return None
            ref = max(before, key=lambda t: t.end)
        return self._record_of(ref, touched)

    @staticmethod
    def _record_of(ref: PlaceRef, touched: list[RecordBuilder]) -> RecordBuilder:
        region = ref.place.region if ref.place.kind != "country" else None
        return next(r for r in touched if r.area == (ref.place.country, region))

    def _weapon_owners(
        self, facts: SentenceFacts, targets: list[PlaceRef], touched: list[RecordBuilder]
    ) -> dict[int, list[WeaponMention]]:
        """Weapons of a sentence per record: one kind of weapon applies to every place named;
        several kinds go each to the nearest place ("missiles hit Kharkiv as drones target Odesa")."""
        out: dict[int, list[WeaponMention]] = {id(r): [] for r in touched}
        if len({w.category for w in facts.weapons}) <= 1 or len(touched) == 1:
            for r in touched:
                out[id(r)] = list(facts.weapons)
            return out
        for w in facts.weapons:
            if w.start < 0:
                for r in touched:
                    out[id(r)].append(w)
                continue
            # The weapon usually stands before the place it hits: "drones target Odesa".
            ahead = [t for t in targets if 0 <= t.start - w.end <= 60]
            ref = (
                min(ahead, key=lambda t: t.start)
                if ahead
                else min(targets, key=lambda t: abs(w.start - t.end))
            )
            out[id(self._record_of(ref, touched))].append(w)
        return out

    def _nationwide_without_place(self, facts: SentenceFacts) -> bool:
        """A launched or intercepted figure for the whole country, though no place is named."""
        if not any(c.kind in {"launched", "intercepted"} and c.value >= 2 for c in facts.munitions):
            return False
        text = facts.sentence.text
        explicit = bool(_NATIONWIDE.search(text))  # "nationwide", "in other regions"
        if not facts.attackers and not explicit:
            return False
        # A lead-in to a list by region ("destroyed 30 drones over ten regions:") is split there.
        if text.rstrip().endswith(":") or (re.search(r"\bregions\b", text, re.IGNORECASE) and not explicit):
            return False
        if _ANAPHORA.search(text):
            return False
        far = self.focus is None or facts.sentence.paragraph - self.focus_paragraph > 1
        # A national body's count with no place at all in the sentence is the country's.
        national_claim = all(p.role == "country" for p in facts.places) and bool(_NATIONAL_BODY.search(text))
        # "Russia fired 33 missiles on Saturday" after several places were named as hit: a
        # side as the subject of the launch speaks of the whole barrage, not of the town in
        # focus (in a one-place story it is that place's attack).
        barrage = len({r.region for r in self.records if r.anchored and r.region}) >= 2
        return far or explicit or national_claim or (barrage and bool(_SIDE_LAUNCHED.search(text)))

    @staticmethod
    def _town_of(rec: RecordBuilder, count: Count, sent: Sentence) -> str | None:
        """The settlement a figure is about: the nearest one named before it in its sentence."""
        towns = [
            p
            for p, s in rec.places
            if s is sent
            and p.place.kind == "settlement"
            and not _DISTRICT_AFTER.match(s.text[p.end : p.end + 12])
        ]
        before = [p for p in towns if p.end <= count.start]
        if before:
            return max(before, key=lambda p: p.end).place.name
        return towns[0].place.name if len(towns) == 1 else None

    def _settle_dates(self) -> list[RecordBuilder]:
        """Undated records join a dated record of the same area, else take the date in focus."""
        dated = [r for r in self.records if r.date is not None]
        main = dated[0] if dated else None
        out: list[RecordBuilder] = []
        for rec in self.records:
            if rec.date is not None:
                out.append(rec)
                continue
            same = next((r for r in dated if r.area == rec.area), None)
            if same is not None:
                _merge_into(same, rec)
                continue
            if rec.inherited is not None:
                rec.date, rec.precision = rec.inherited
            elif main is not None:
                rec.date, rec.precision = main.date, main.precision
            else:
                rec.date, rec.precision = self.published, "day"
            twin = next((r for r in out if r.area == rec.area and r.date == rec.date), None)
            if twin is not None:
                _merge_into(twin, rec)
            else:
                out.append(rec)
        return out

    def _finish(self, rec: RecordBuilder) -> StrikeReport | None:
        # "KHARKIV REGION. More than 15 strikes on energy facilities ... One employee was
        # injured.": the attack and its impact may stand in different sentences.
        if not (rec.strike or (rec.attack_word and rec.impact)) or not rec.anchored:
            return None
        evidence: dict[str, Evidence] = {}
        place_refs = [p for p, _ in rec.places]
        best = (
            min(place_refs, key=lambda p: (p.place.geo_precision, -p.place.population))
            if place_refs
            else None
        )
        settlements: list[str] = []
        for p in place_refs:
            if p.place.kind == "settlement" and p.place.name not in settlements:
                settlements.append(p.place.name)
        if best is not None:
            ref, sent = next((p, s) for p, s in rec.places if p is best)
            evidence["location"] = _evidence(sent, ref.start, ref.end)
            evidence["region"] = evidence["location"]
        if settlements:
            location = ", ".join(settlements[:3])
        elif best is not None:
            location = best.place.name
        else:
            location = ""
        region_place = self.gaz.region(rec.region) if rec.region else None
        holder = self.gaz.held_by(best.place, rec.date) if best is not None else rec.country

        # Attacker: what the text says, else the side opposite to who holds the target.
        votes: dict[str, int] = {}
        for cue, sent in rec.attackers:
            votes[cue.side] = votes.get(cue.side, 0) + 1
            evidence.setdefault("attacker", _evidence(sent, cue.start, cue.end))
        by_holder = "Russia" if holder == "UA" else "Ukraine"
        if votes:
            attacker = max(sorted(votes), key=lambda side: (votes[side], side == by_holder))
        else:
            attacker = by_holder

        # The article's latest figure is its largest; "four more were hurt" adds to the figure
        # of its own sentence ("23 bodies ... one more died") or else to the running one.
        # Figures for different towns of one region (two attacks, one record) are summed.
        counts: dict[str, tuple[int, Count, Sentence]] = {}
        per_town: dict[str, dict[str | None, int]] = {}
        last_in_sentence: dict[tuple[str, int], int] = {}
        for c, sent in rec.counts:
            value = c.value
            if c.additional:
                base = last_in_sentence.get((c.kind, sent.index))
                value += base if base is not None else counts.get(c.kind, (0,))[0]
            last_in_sentence[(c.kind, sent.index)] = value
            town = self._town_of(rec, c, sent)
            towns = per_town.setdefault(c.kind, {})
            towns[town] = max(towns.get(town, 0), value)
            if c.kind not in counts or value > counts[c.kind][0]:
                counts[c.kind] = (value, c, sent)
        for kind, towns in per_town.items():
            named = [v for t, v in towns.items() if t is not None]
            if len(named) > 1 and kind in {"killed", "wounded"}:
                total = max(towns.get(None, 0), sum(named))
                counts[kind] = (total, *counts[kind][1:])
        for kind, (_v, c, sent) in counts.items():
            evidence[kind] = _evidence(sent, c.start, c.end)

        weapon_mentions = [w for w, _ in rec.weapons]
        cats = categories(weapon_mentions)
        if "rocket" in cats:
            # Rockets are multiple-launch artillery when the attack names artillery, else missiles.
            rocket_as = "artillery" if "artillery" in cats else "missile"
            cats = list(dict.fromkeys(rocket_as if c == "rocket" else c for c in cats))
        cats = cats or list(self.story_weapons) or ["unknown"]
        for w, sent in rec.weapons:
            evidence.setdefault("weapons", _evidence(sent, w.start, w.end))
            if w.system:
                evidence.setdefault("systems", _evidence(sent, w.start, w.end))

        side_official = "russia_official" if holder == "RU" else "ukraine_official"
        sources: list[str] = []
        types: list[str] = []
        for m, sent, cls in rec.sources:
            cls = side_official if cls in {"official", "unknown"} else cls
            if not m.pronoun and m.text not in sources:
                sources.append(m.text)
                evidence.setdefault("sources", _evidence(sent, m.start, m.end))
            if cls not in types:
                types.append(cls)
        if not types and self.author is not None:
            cls = self.author.source_type
            types = [side_official if cls == "official" else cls]
            sources = [self.author.text]
        if not types:
            types = ["unattributed"]
        if rec.date_evidence is not None:
            sent, s, e = rec.date_evidence
            evidence["date"] = _evidence(sent, s, e)

        intercepted = counts.get("intercepted", (None,))[0]
        killed = counts.get("killed", (None,))[0]
        wounded = counts.get("wounded", (None,))[0]
        if (
            intercepted is not None
            and not killed
            and not wounded
            and not any(w.category in {"artillery", "air_strike"} for w in weapon_mentions)
            and not _hit_words(rec)
        ):
            sub_event = "Disrupted weapons use"
        elif any(c in {"air_strike", "drone"} for c in cats):
            sub_event = "Air/drone strike"
        else:
            sub_event = "Shelling/artillery/missile attack"
        geo_place = best.place if best is not None else self.gaz.country(rec.country)
        confidence = (
            0.4 + 0.15 * bool(killed is not None or wounded is not None) + 0.15 * (cats != ["unknown"])
        )
        confidence += 0.15 * (types != ["unattributed"]) + 0.1 * (geo_place.geo_precision == 1)
        return StrikeReport(
            date=rec.date,
            attacker=attacker,
            country=rec.country,
            region=rec.region,
            location=location,
            weapons=cats,
            systems=systems(weapon_mentions),
            launched=counts.get("launched", (None,))[0],
            intercepted=intercepted,
            killed=killed,
            wounded=wounded,
            sources=sources,
            source_types=types,
            article=self.article_name,
            published=self.published,
            date_precision=rec.precision,  # type: ignore[arg-type]
            region_name=region_place.region_name if region_place else "",
            lat=geo_place.lat,
            lon=geo_place.lon,
            geo_precision=geo_place.geo_precision,
            children_killed=counts.get("children_killed", (None,))[0],
            target_type=_target_type(rec.sentences),
            evidence=evidence,
            confidence=round(min(confidence, 0.95), 2),
            sub_event_type=sub_event,
        )


def _is_heading_like(text: str) -> bool:
    if re.search(r"[a-z]{4}", text[:40]):
        return False  # cheap exit for ordinary prose
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6


def _is_heading(sentence: Sentence) -> bool:
    """A short heading line: "KHARKIV REGION.", "Dnipropetrovsk region:"."""
    text = sentence.text.strip()
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text.split()) > 6:
        return False
    return text.endswith(":") or sum(c.isupper() for c in letters) / len(letters) > 0.6


def _hit_words(rec: RecordBuilder) -> bool:
    return any(
        re.search(
            r"\b(?:hit|struck|damaged|destroyed (?:a|the|an) (?!drone|missile)|fire broke out|caught fire)\b",
            s.text,
        )
        for s in rec.sentences
    )


def _merge_into(into: RecordBuilder, other: RecordBuilder) -> None:
    into.places += other.places
    into.weapons += other.weapons
    into.counts += other.counts
    into.sources += other.sources
    into.attackers += other.attackers
    for s in other.sentences:
        into.add_sentence_once(s)
    into.strike = into.strike or other.strike
    into.anchored = into.anchored or other.anchored
    into.attack_word = into.attack_word or other.attack_word
    into.impact = into.impact or other.impact


def _target_type(sentences: list[Sentence]) -> str:
    text = " ".join(s.text for s in sentences).lower()
    best, best_pos = "unknown", len(text) + 1
    for kind, words in lexicon.rules()["target_types"].items():
        for w in words:
            pos = text.find(w)
            if pos != -1 and pos < best_pos:
                best, best_pos = kind, pos
    return best
