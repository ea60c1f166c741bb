"""Records in the making: the facts gathered for one target area and day.

A ``RecordBuilder`` collects, sentence by sentence, the places, weapons, figures, sources and
attacker cues that the record walk (assemble.py) gives it, each with the sentence it came
from so its evidence can be cited. It also keeps the flags that decide later whether it is a
report at all: whether some sentence stated the attack, named its place with it, or stated
an impact. ``merge_into`` joins two builders found to be the same attack. An ``Assembly``
is what the walk hands the fields stage: the records, and what the whole story says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analytics import lexicon
from analytics.extract.actors import SourceMention
from analytics.extract.attackers import AttackerCue
from analytics.extract.dates import ResolvedDate, TimeExpr
from analytics.extract.discourse import FIRST_SINCE
from analytics.extract.document import Sentence
from analytics.extract.event_dates import at_a_time_of_day, daytime_window
from analytics.extract.numbers import Count
from analytics.extract.places import PlaceRef
from analytics.extract.strike_shapes import HYPOTHETICAL
from analytics.extract.triggers import IMPACT, OTHER_ATTACK, SentenceFacts
from analytics.extract.weapons import WeaponMention

#: Where a value was read: the sentence and the span in it.
Where = tuple[Sentence, int, int]
#: a day the text speaks of: the date, its precision and the expression it was read from
Day = tuple[dt.date, str, Where | None]


@dataclass
class RecordBuilder:
    country: str
    region: str | None
    date: dt.date | None
    precision: str
    #: the day the text was speaking of when this record was opened, for an undated record
    inherited: tuple[dt.date, str] | None = None
    places: list[tuple[PlaceRef, Sentence]] = field(default_factory=list)
    weapons: list[tuple[WeaponMention, Sentence]] = field(default_factory=list)
    counts: list[tuple[Count, Sentence]] = field(default_factory=list)
    sources: list[tuple[SourceMention, Sentence, str]] = field(default_factory=list)
    attackers: list[tuple[AttackerCue, Sentence]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    date_evidence: Where | None = None
    #: where the inherited day was read, for a record that takes it
    inherited_evidence: Where | None = None
    strike: bool = False
    anchored: bool = False  # its place is named with the attack, or referred back to ("the city")
    attack_word: bool = False  # some sentence names an attack or a weapon
    impact: bool = False  # some sentence states damage, casualties or counts
    unattributed: bool = False
    #: some sentence of the body (not a photo caption) speaks of it
    in_body: bool = False
    #: dated in a recap of earlier attacks ("Background:", "Recall that on 1 May..."): the
    #: story's own undated attack is not this one
    recalled: bool = False
    #: a national record whose total a later sentence broke down in full by place (seas
    #: included): the places carry it, and the record is dropped if nothing else is left
    carried: bool = False
    #: the paragraph a label of its place opened ("Zaporizhzhia. The toll rose to 12."): what
    #: that paragraph tells is this record's
    labelled: int | None = None
    #: ids of ``sentences`` (a list scan compared whole dataclasses: quadratic on long texts)
    sentence_ids: set[int] = field(default_factory=set, repr=False, compare=False)

    def add_sentence_once(self, s: Sentence) -> None:
        if id(s) not in self.sentence_ids:
            self.sentence_ids.add(id(s))
            self.sentences.append(s)

    @property
    def area(self) -> tuple[str, str | None]:
        return (self.country, self.region)

    def _cue_is_mine(self, cue: AttackerCue, facts: SentenceFacts) -> bool:
        """An attacker cue tied to another record's place in its clause ("Kryvyi Rih mourns,
        Ukrainian drones reach Novorossiysk") is that record's only."""
        own = [r for r, s in self.places if s is facts.sentence]
        text = facts.sentence.text
        if any(_tied(cue, p, text) for p in own):
            return True
        return not any(_tied(cue, p, text) for p in facts.targets() if p not in own)

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
        self.in_body = self.in_body or not facts.caption
        self.weapons += [(w, s) for w in (facts.weapons if weapons is None else weapons)]
        self.counts += [(c, s) for c in counts]
        self.sources += [(m, s, cls) for m, cls in sources]
        self.attackers += [(a, s) for a in facts.attackers + facts.claimed if self._cue_is_mine(a, facts)]
        self.strike = self.strike or facts.strike
        self.attack_word = self.attack_word or (facts.trigger and (bool(facts.weapons) or facts.attack_noun))
        self.impact = self.impact or bool(counts) or bool(IMPACT.search(s.text))
        if not attributed and (facts.strike or counts) and not s.is_title:
            self.unattributed = True


def _tied(cue: AttackerCue, place: PlaceRef, text: str) -> bool:
    """ "Ukrainian drones reach Novorossiysk": a cue in one clause with the place after it."""
    return 0 <= place.start - cue.end <= 150 and not re.search(r"[,;:]", text[cue.end : place.start])


def open_record(
    records: list[RecordBuilder],
    area: tuple[str, str | None],
    date: ResolvedDate | None,
    inherited: Day | None,
    named: Day | None,
) -> RecordBuilder:
    """The record of ``area`` on ``date``, opened if there is none yet. An undated mention joins
    a dated record of the area, that of the day the text speaks of (``inherited``) first; a new
    undated record keeps that day for later. ``named``: that day, when an expression named it."""
    spoken = inherited[0] if date is None and inherited is not None else None
    for rec in sorted(records, key=lambda r: r.date != spoken):
        if rec.area == area and (
            rec.date == (date.date if date else None) or (date is None and rec.date is not None)
        ):
            if (
                rec.date is None
                and rec.inherited is None
                and named is not None
                and not any(r.area == area and r.date is not None and r.strike for r in records)
            ):
                # a headline's record, opened before the text spoke of any day, takes the day
                # the body names for the place's attack, unless the body dated one already
                # (then it is that one's: settle_dates)
                rec.inherited, rec.inherited_evidence = named[:2], named[2]
            if rec.date is None and rec.labelled is not None and not rec.strike and inherited is not None:
                # the record a label opened takes the day its paragraph goes on to speak of
                # ("Kherson. Over the past day ...")
                rec.inherited, rec.inherited_evidence = inherited[:2], inherited[2]
            return rec
    if date is not None and date.strategy == "night_span":
        # "the night of 1-2 March" spans both days: an attack of the area already dated by the
        # second ("hit on 2 March") is the same one.
        after = date.date + dt.timedelta(days=1)
        for rec in records:
            if rec.area == area and rec.date == after:
                return rec
    rec = RecordBuilder(*area, date.date if date else None, date.precision if date else "day")
    if inherited is not None:
        rec.inherited, rec.inherited_evidence = inherited[:2], inherited[2]
    records.append(rec)
    return rec


def hand_total_to_places(records: list[RecordBuilder], carried: list[Count], day: dt.date | None) -> None:
    """ "141 drones over various regions" then "141 drones: 62 over A, ... five over the Azov
    Sea": the second sentence's breakdown adds up to the total in full (GUIDELINES: no national
    record then), so the national record of that day gives the figure up to the places."""
    for rec in records:
        if rec.region is not None or rec.date != day:
            continue
        kept = [
            (c, s) for c, s in rec.counts if not any(c.kind == t.kind and c.value == t.value for t in carried)
        ]
        if len(kept) < len(rec.counts):
            rec.counts, rec.carried = kept, True


def merge_into(into: RecordBuilder, other: RecordBuilder) -> None:
    """Add ``other``'s facts to ``into`` (the same attack, found under two keys)."""
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
    into.in_body = into.in_body or other.in_body
    into.carried = into.carried or other.carried


# "Kharkiv was also hit", "drones also struck Sumy": the place joins the attack told before.
_ALSO = re.compile(r"\b(?:also|too|as well)\b", re.IGNORECASE)


@dataclass
class Assembly:
    """What the walk found in one document, ready for the fields stage."""

    records: list[RecordBuilder]  # every record dated, those of one area and day merged
    author: SourceMention | None  # the issuer named in a statement's heading
    #: weapon categories named in sentences of no region, and per region in sentences naming it
    unplaced_weapons: set[str] = field(default_factory=set)
    placed_weapons: dict[str, set[str]] = field(default_factory=dict)
    #: the days the sentences lending to a region or country name (None: a sentence of no day)
    lent_days: dict[str, set[dt.date | None]] = field(default_factory=dict)

    def lend_weapons(self, all_facts: list[SentenceFacts]) -> None:
        """Collect the weapons named anywhere in the story, by the region their sentence
        places them in, for records whose own sentences name none (``story_weapons``)."""
        for f in all_facts:
            if not f.relevant:
                continue
            cats = {("missile" if w.category == "rocket" else w.category) for w in f.weapons}
            regions = {t.place.region for t in f.targets() if t.place.region} if f.strike else set()
            if f.strike and not regions:
                # A country's own figure ("Russia's ministry downed 44 drones"): weapons of that
                # country's attack, lent to its own regions only.
                regions = {p.place.country for p in f.country_targets()}
            if not regions:
                self.unplaced_weapons |= cats
            days = {r.date for _, r in f.times if r.precision == "day"}
            for region in regions:
                self.placed_weapons.setdefault(region, set()).update(cats)
                self.lent_days.setdefault(region, set()).update(days if len(days) == 1 and cats else {None})

    def _lends_to(self, key: str, day: dt.date | None) -> set[str]:
        """The weapons sentences of ``key`` lend to a record of ``day``: a sentence of another
        day tells another attack ("struck Shostka on Friday" beside "90 drones overnight into
        Sunday")."""
        days = self.lent_days.get(key, set())
        if day is None or None in days or any(abs((d - day).days) <= 1 for d in days if d is not None):
            return self.placed_weapons.get(key, set())
        return set()

    def story_weapons(self, rec: RecordBuilder) -> list[str]:
        """The one weapon category the story names, for a record whose own sentences name none.

        A weapon named with another region's place ("a drone attack on Nikopol") is that
        place's, unless the record's own sentences join its attack ("Kharkiv was also hit")."""
        cats = self.unplaced_weapons.union(*self.placed_weapons.values())
        if len(cats) != 1:
            return []
        own = (
            self.unplaced_weapons
            | self._lends_to(rec.region or "", rec.date)
            | self._lends_to(rec.country, rec.date)
        )
        if own or any(_ALSO.search(s.text) for s in rec.sentences):
            return sorted(cats)
        return []


def drop_told_captions(records: list[RecordBuilder]) -> list[RecordBuilder]:
    """A photo caption of an attack the body tells (same area, a day apart at most: the photo's
    day against the night's) is no record of its own: the body's wording wins (GUIDELINES)."""
    body = [r for r in records if r.in_body]
    out = []
    for rec in records:
        twin = None
        if not rec.in_body and rec.date is not None:
            twin = next(
                (
                    b
                    for b in body
                    if b.area == rec.area and b.date is not None and abs((b.date - rec.date).days) <= 1
                ),
                None,
            )
        if twin is None:
            out.append(rec)
    return out


def settle_dates(records: list[RecordBuilder], published: dt.date) -> list[RecordBuilder]:
    """Undated records take the day the text spoke of when they were opened, else join a
    dated record of their area, else take the publication day (GUIDELINES)."""
    # Only a day is joined: "earlier this month" elsewhere tells another time, not this attack's.
    dated = [r for r in records if r.date is not None and r.precision == "day"]
    out: list[RecordBuilder] = []
    for rec in records:
        if rec.date is not None:
            out.append(rec)
            continue
        # Opened while the text spoke of a day, it keeps that day; else it is the attack of
        # a dated record of its area ("Kharkiv" in a title, "on Tuesday" in the body).
        same = next((r for r in dated if r.area == rec.area and not r.recalled), None)
        if same is not None and (rec.inherited is None or rec.inherited[0] == same.date):
            merge_into(same, rec)
            continue
        if rec.inherited is not None:
            rec.date, rec.precision = rec.inherited
            rec.date_evidence = rec.date_evidence or rec.inherited_evidence
        else:
            rec.date, rec.precision = published, "day"
        twin = next((r for r in out if r.area == rec.area and r.date == rec.date), None)
        if twin is not None:
            merge_into(twin, rec)
        else:
            out.append(rec)
    return out


# "in either of the attacks", "in both strikes", "none of the raids": a statement of every attack told.
_EVERY_ATTACK = re.compile(
    r"\b(?:either|both|any|all|none|each)\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:attacks|strikes|raids|incidents)\b"
    r"|\bin\s+(?:both|either|each)\s+(?:[\w-]+\s+)?(?:attack|strike|raid|incident)s?\b",
    re.IGNORECASE,
)
_TOLL_KINDS = ("killed", "wounded")


def spread_zeros(records: list[RecordBuilder], all_facts: list[SentenceFacts]) -> None:
    """A stated zero holds for every record it is said of, not only the one it was given to:
    the places its sentence names ("the governors of A and B reported no casualties"), every
    attack ("in either attack"), a whole country ("no one was hurt in Russia"). A sentence that
    also gives a toll contrasts places ("two died in A; no one was hurt in B"): its zero stays."""
    held: dict[int, list[tuple[RecordBuilder, Count, Sentence]]] = {}
    for rec in records:
        for c, s in rec.counts:
            if c.value == 0 and c.kind in _TOLL_KINDS:
                held.setdefault(id(s), []).append((rec, c, s))
    for facts in all_facts:
        zeros = held.get(id(facts.sentence))
        if not zeros or any(c.value > 0 for c in facts.casualties if c.kind in _TOLL_KINDS):
            continue
        holder = zeros[0][0]
        if _EVERY_ATTACK.search(facts.sentence.text):
            scope = [r for r in records if r.country == holder.country]
        else:
            areas = {(p.place.country, p.place.region) for p in facts.places if p.place.kind != "country"}
            countries = {
                p.place.country
                for p in facts.places
                if p.place.kind == "country" and p.role in ("target", "country")
            }
            scope = [
                r for r in records if r.date == holder.date and (r.area in areas or r.country in countries)
            ]
        for rec in scope:
            for _, c, s in zeros:
                if not any(k.kind == c.kind for k, _ in rec.counts):
                    rec.counts.append((c, s))


#: A night (or evening) told with no day of its own: "overnight", "last night", "on Friday evening".
_BARE_NIGHT = re.compile(
    r"^(?:overnight|last night|late last night|at night|during the night|in the night|through the night|"
    r"tonight|(?:late\s+)?(?:on\s+)?\w+day\s+(?:night|evening)|in the evening|this evening|yesterday evening)$",
    re.IGNORECASE,
)


def _told_by_a_bare_night(rec: RecordBuilder) -> bool:
    if rec.date_evidence is None:
        return False
    sentence, start, end = rec.date_evidence
    return _BARE_NIGHT.match(sentence.text[start:end].strip()) is not None


#: A time of day a night's attack does not run into: the next afternoon or evening, or a
#: night of its own ("overnight into Saturday"). (A night's attack may run into the morning.)
_A_TIME_OF_ITS_OWN = re.compile(r"\b(?:over)?night\b|\bafternoon\b|\bevening\b", re.IGNORECASE)


def _told_at_a_time_of_its_own(rec: RecordBuilder) -> bool:
    """Whether the record's day was told with a night of its own ("the night of 6-7 June"),
    or with a time of day where its place is named ("Kharkiv was hit this afternoon", "at 8:20
    a.m. a drone hit a bus near Sumy")."""
    if any(
        at_a_time_of_day(s.text) or daytime_window(s.text)
        for s in {s.index: s for _, s in rec.places}.values()
    ):
        return True
    if rec.date_evidence is None:
        return False
    sentence, start, end = rec.date_evidence
    told = sentence.text[max(0, start - 12) : end]
    if re.search(r"\bnight\b", told, re.IGNORECASE):
        return True
    # (a day lent by another place's sentence, "died in hospital overnight", tells no time of this)
    return _A_TIME_OF_ITS_OWN.search(told) is not None and any(s is sentence for _, s in rec.places)


def _other_weapons(night: RecordBuilder, after: RecordBuilder) -> bool:
    """The night's drones and the next morning's missiles: two attacks, each with its weapons."""
    ours = {w.category for w, _ in night.weapons} - {"unknown"}
    theirs = {w.category for w, _ in after.weapons} - {"unknown"}
    return bool(ours) and bool(theirs) and not ours & theirs


def join_split_nights(records: list[RecordBuilder]) -> list[RecordBuilder]:
    """One attack told on two days: a place's record dated by a bare night ("overnight", the
    day the night began) and its record of the next day (the morning the night led into, or the
    publication day, told by no time expression at all) are the same attack. A record that no
    time expression dates joins its neighbour either way. The night's day stays (GUIDELINES:
    a bare night is the day it began), unless only the next day was told."""
    # (by identity: records are dataclasses, and comparing two of them field by field is slow)
    joined: set[int] = set()
    for night in records:
        if id(night) in joined or night.date is None or night.precision != "day":
            continue
        after = next(
            (
                r
                for r in records
                if r is not night
                and id(r) not in joined
                and r.area == night.area
                and r.precision == "day"
                and r.date is not None
                and (r.date - night.date).days == 1
            ),
            None,
        )
        if after is None or _told_at_a_time_of_its_own(after) or _other_weapons(night, after):
            continue  # ("Thursday evening" beside "the night of 6-7 June": two nights)
        if _told_by_a_bare_night(night) or after.date_evidence is None:
            merge_into(night, after)
            joined.add(id(after))
        elif night.date_evidence is None:
            merge_into(after, night)
            joined.add(id(night))
    return [r for r in records if id(r) not in joined]


#: A credit opening a paragraph: "Source: the governor", "Quote from the Air Force:".
_CREDIT_OPENS = re.compile(r"^\s*(?:Sources?\s*:|Quote from\b)")


def credit_the_lead(records: list[RecordBuilder]) -> None:
    """A lead told with no one named, then a credit ("Quote from the Air Force:" and the quote
    that tells it again): the lead's records are the credited speaker's."""
    credits: dict[int, list[tuple[SourceMention, Sentence, str]]] = {}
    for rec in records:
        for item in rec.sources:
            if _CREDIT_OPENS.match(item[1].text) and item not in credits.get(item[1].paragraph, []):
                credits.setdefault(item[1].paragraph, []).append(item)
    for rec in records:
        if rec.sources or not rec.sentences:
            continue
        credit = credits.get(rec.sentences[0].paragraph + 1)
        if credit:
            rec.sources.extend(credit)
            rec.unattributed = False


def drop_the_publisher(records: list[RecordBuilder], name: str | None) -> None:
    """Sources that name the publisher itself ("Ukrinform reports", "told Reuters", "RFE/RL
    could not verify") are none: the page is the text's own statement."""
    if not name:
        return
    key = re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE)
    for rec in records:
        rec.sources = [item for item in rec.sources if not key.search(item[0].text)]


def settle_walk(
    records: list[RecordBuilder], published: dt.date, all_facts: list[SentenceFacts]
) -> list[RecordBuilder]:
    """The records the walk opened, once every sentence is read: dated (``settle_dates``),
    without captions of attacks the body tells, with each stated zero on every record it is
    said of."""
    settled = join_split_nights(drop_told_captions(settle_dates(records, published)))
    spread_zeros(settled, all_facts)
    credit_the_lead(settled)
    return settled


_WEAPON_HIT_ON = re.compile(
    r"s?\s+(?:\w+\s+){0,2}?(?:hit|struck|slammed into|crashed into|landed|exploded)\b[^,;]{0,120}?\s(?:on|late|early|in)?\s*$",
    re.IGNORECASE,
)


def focus_day_expression(facts: SentenceFacts, date: ResolvedDate) -> TimeExpr | None:
    """The expression of ``date`` in a sentence that names no place, when it dates the attack
    itself: it qualifies an attack noun ("the raid on Sunday", "Sunday's strike") or follows a
    weapon's impact ("the missile hit a playground on Friday evening"). A day elsewhere in the
    sentence may be when something else happened."""
    # The first expression of that day ("yesterday, 12 May": "yesterday").
    t = next((t for t, r in facts.times if r.date == date.date), facts.times[0][0])
    text = facts.sentence.text
    nouns = lexicon.alternation("attack_nouns")
    # "the raid on Sunday", "the shelling took place yesterday"
    before = re.search(
        r"(?:" + nouns.pattern + r")\s+(?:\w+\s+){0,2}(?:on|late|early|of)?\s*$", text[: t.start], re.I
    )
    after = t.group("poss") and nouns.match(text[t.end :].lstrip(" "))
    hit = any(_WEAPON_HIT_ON.match(text, w.end, t.start) for w in facts.weapons if w.end <= t.start)
    if not (before or after or hit) or OTHER_ATTACK.search(text[: t.start]):
        return None
    return t


def first_since(facts: SentenceFacts) -> tuple[tuple[TimeExpr, ResolvedDate], list[PlaceRef]] | None:
    """ "The first attack on Kherson since 3 May": the day of the earlier attack and the places
    it names, or None."""
    m = FIRST_SINCE.search(facts.sentence.text)
    if m is None or facts.background:
        return None
    since = [(t, r) for t, r in facts.times if t.start >= m.end() - 1 and r.precision == "day"]
    refs = [p for p in facts.targets() if m.start() <= p.start < m.end()]
    return (since[0], refs) if since and refs else None


def attacks_told_on(facts: SentenceFacts, date: ResolvedDate) -> bool:
    """ "The attacks continued this morning.": attacks told on a day with no place, which the
    places named next are of (not a plan or a threat: "could be preparing a strike on Feb. 24")."""
    return (
        date.precision == "day"
        and facts.attack_noun
        and facts.trigger
        and not (facts.targets() or facts.background or HYPOTHETICAL.search(facts.sentence.text))
    )


def earlier_attack(
    facts: SentenceFacts, record: Callable[[str, str | None, ResolvedDate | None], RecordBuilder]
) -> None:
    """ "The first attack on Kherson since 3 May": the place was also hit on that day, an
    earlier attack with a resolvable day and so a record of its own (``record`` opens or finds
    the record of an area and day)."""
    found = first_since(facts)
    if found is None:
        return
    (t, day), refs = found
    for ref in refs:
        rec = record(ref.place.country, ref.place.region, day)
        rec.places.append((ref, facts.sentence))
        rec.add_sentence_once(facts.sentence)
        rec.date_evidence = rec.date_evidence or (facts.sentence, t.start, t.end)
        rec.strike = rec.anchored = rec.attack_word = rec.impact = True
