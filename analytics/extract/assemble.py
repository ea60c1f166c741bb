"""Assembly: the walk over a document's sentence facts that makes one record per (area, day).

A strike trigger plus a target place makes a candidate; sentences about the same area and
day merge into one record; sentences that name no place add their facts to the record in
focus (the one the text last spoke of). Background (cumulative totals, ground fighting,
future or hypothetical attacks, arms deliveries) yields nothing. The walk keeps the state a
reader keeps: the record in focus, the day being spoken of, the speaker of the paragraph.
What a sentence says is decided in triggers.py and discourse.py, which record a figure or a
weapon belongs to in ownership.py; the records' fields are filled in afterwards (fields.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from analytics.extract.actors import SourceMention
from analytics.extract.attribution import (
    Speakers,
    author_source,
    inherit_list_context,
    no_states,
    publisher,
    speakers_of_the_attack,
)
from analytics.extract.counted_days import counted_back
from analytics.extract.dates import ResolvedDate
from analytics.extract.discourse import (
    ANAPHORA,
    AT_THE_COUNTRY,
    ATTACK_EVENT,
    BACK_REFERENCE,
    DAMAGED,
    LIVE_ENTRY,
    PLACE_LABEL,
    REGION_HEADING,
    TOLL_OF_THE_DAY,
    attacked_country,
    is_heading,
    placed_elsewhere,
)
from analytics.extract.document import Document
from analytics.extract.event_dates import (
    NAMED_DAY,
    daytime_window,
    lag_days,
    lagged_attack,
    measured_date,
    said_days_before,
)
from analytics.extract.national import (
    country_record,
    figure_for_the_country,
    national_clause,
    split_in_full,
    toll_of_a_list,
    totals_of_places,
)
from analytics.extract.ownership import (
    TOLL_UPDATE,
    attackers_claim_record,
    each_owners,
    national_count_record,
    owner,
    region_list,
    regional_toll_record,
    returned_to,
    speakers_own_place,
    speakers_record,
    told_just_before,
    updated_toll_record,
    weapon_owners,
)
from analytics.extract.places import PlaceRef
from analytics.extract.records import (
    Assembly,
    Day,
    RecordBuilder,
    attacks_told_on,
    drop_the_publisher,
    earlier_attack,
    focus_day_expression,
    hand_total_to_places,
    open_record,
    settle_walk,
)
from analytics.extract.sections import Sections, heads_what_follows
from analytics.extract.spoken_day import SpokenDay
from analytics.extract.triggers import SentenceFacts
from analytics.extract.weapons import WeaponMention
from analytics.gazetteer import PlaceMention, load_gazetteer

_SIDE_NAMED = re.compile(r"\b(?:Russia|Ukraine|Moscow|Kyiv)\b")
# "killed in a drone attack on a town in occupied southern Ukraine": a place the lead leaves unnamed
_UNNAMED_PLACE = re.compile(
    r"\b(?:on|in|at)\s+an?\s+(?:[\w-]+\s+)?(?:town|city|village|settlement|resort|port)\b"
)


class Assembler:
    """Walks the sentences of one document and builds its records."""

    def __init__(self, doc: Document, published: dt.date) -> None:
        self.doc = doc
        self.published = published
        self.gaz = load_gazetteer()
        self.records: list[RecordBuilder] = []
        self.focus: RecordBuilder | None = None
        self.focus_paragraph = 0
        self.focus_window = 8
        self.sections = Sections(doc, published)
        self.speakers = Speakers()
        # Weapons of a sentence that names no place, for the records of the rest of its paragraph.
        self.weapons_paragraph: int | None = None
        self.strike_paragraph: int | None = None  # where an attack was last stated, placed or not
        # a lead's toll waiting for the place the next paragraph names
        self.pending: tuple[SentenceFacts, list[tuple[SourceMention, str]], bool] | None = None
        self.listed: tuple[SentenceFacts, list[RecordBuilder], ResolvedDate | None] | None = None  # regions
        self.paragraph_weapons: list[WeaponMention] = []
        self.day = SpokenDay()  # the day the text is speaking of

    def build(self, all_facts: list[SentenceFacts]) -> Assembly:
        """Walk the facts of every sentence of the document, in order."""
        lead: SentenceFacts | None = None
        for i, facts in enumerate(all_facts):
            lead = inherit_list_context(self.doc, facts, lead, all_facts[i - 1] if i else None)
            self._step(facts)
        author = author_source(self.doc)
        # Read after the walk: list items have taken their lead-in's weapons by then.
        settled = settle_walk(self.records, self.published, all_facts)
        drop_the_publisher(settled, publisher(self.doc))
        assembly = Assembly(settled, author)
        assembly.lend_weapons(all_facts)
        return assembly

    # -- one sentence --------------------------------------------------------------------
    def _step(self, facts: SentenceFacts) -> None:
        if LIVE_ENTRY.match(facts.sentence.text) and self.sections.opens_paragraph(facts):
            # "09:15 GMT — ...": a new entry of a live page tells its own story; what follows
            # belongs to no record of the entries before, nor to their day: it speaks of the
            # page's story, the day the lead or the first entry spoke of, unless it names its own.
            self.focus = None
            self.day.new_entry()
        elif REGION_HEADING.match(facts.sentence.text) and self.sections.opens_paragraph(facts):
            # "Kharkiv region": a round-up's section speaks of the round-up's day too, not of the
            # day the section above moved to ("The attacks went on on Sunday morning").
            self.day.new_entry()
        earlier_attack(facts, self._record)
        near_focus = self.focus is not None and facts.sentence.paragraph - self.focus_paragraph <= 1
        self.sections.observe(facts, near_focus)
        if facts.weapons and not facts.targets() and not facts.background:
            self.weapons_paragraph = facts.sentence.paragraph
            self.paragraph_weapons = list(facts.weapons)
        if facts.strike and not facts.background:
            self.strike_paragraph = facts.sentence.paragraph
        sources, attributed = self.speakers.attribute(facts)
        date = facts.event_date()
        date = self.sections.dated(
            counted_back(facts.times, date, self.day.date, facts.sentence.text) or date
        )
        if date is None and facts.strike:
            date = said_days_before(facts.times, self.day.date, self.published)
        if date is None and facts.munitions and daytime_window(facts.sentence.text):
            date = self.day.morning_after()  # a second statement, of the morning after the night
        if date is None and self._lagged_attack(facts, sources, attributed):
            return
        if date is None and self.day.date is not None and BACK_REFERENCE.search(facts.sentence.text):
            # "That raid also hit the depot": the attack just spoken of, on its day.
            date = self.day.date
        if date is not None and facts.trigger and not facts.targets():
            self._date_focus(facts, date)
        if not facts.relevant:
            if self._damage_of_the_attack(facts):
                self._add_to_places(facts, facts.targets(), sources, attributed, date)
                return
            self._aside(facts, sources, date)
            return
        # A nationwide figure and the places it names are separate records: "fired 40
        # missiles at the country, most of them at Lviv".
        targets = facts.targets() + facts.country_targets()
        if targets and speakers_own_place(facts, targets, self.focus, self.records):
            targets = []
        if targets and national_clause(facts, targets):
            # "The ministry downed 71 drones, while the mayor said 13 fell near Moscow": the
            # national body's figure in a clause of its own is the country's.
            defended = any(c.kind == "intercepted" for c in facts.munitions)
            place = self.gaz.country(attacked_country(facts.attackers, facts.sentence.text, defended))
            targets = [PlaceRef(PlaceMention(0, 0, place.name, (place,), False), place, "country"), *targets]
        if not (facts.strike or facts.casualties):
            # A weapon named with a place but no attack stated ("howitzers in the Donbas",
            # "a missile system with the range to reach Crimea") tells the weapon of the
            # attack in focus; it does not make the place a target. An attack named on a day
            # with its place ("on 3 May the port was the scene of a drone attack") opens the
            # place's record: what it did follows.
            if date is not None and len(targets) == 1 and ATTACK_EVENT.search(facts.sentence.text):
                self._aside(facts, [], date)
            elif (back := returned_to(facts, self.records)) is not None and back is not self.focus:
                # "the governor said an attack on the region was repelled": back to its record
                self.focus, self.focus_paragraph = back, facts.sentence.paragraph
            targets = []
        # "Early on April 14 the mayor said one of the wounded had died": a toll updated on a later
        # day is that of the attack told before on the place, not an attack of that day.
        if date is not None and not facts.strike and targets and TOLL_UPDATE.search(facts.sentence.text):
            told = {r.area for r in self.records if r.date is not None}
            if all(
                (t.place.country, t.place.region if t.place.kind != "country" else None) in told
                for t in targets
            ):
                date = None
        # Only a day moves "the day the text speaks of": "this week" or "in May" names none.
        # A caption's date is the photo's: it does not set the day the text speaks of.
        if (
            date is not None
            and date.precision == "day"
            and (targets or facts.weapons or facts.munitions or facts.strike or facts.casualties)
            and not facts.caption
            and not measured_date(date, facts.times, facts.sentence.text)
        ):
            self.day.speak_of(date, self.day.where_of(facts, date))
        if not targets and figure_for_the_country(
            facts,
            self.focus,
            self.focus_paragraph,
            self.records,
            self.speakers.sentence_national_side is not None,
        ):
            # "the air force said 25 of 31 drones launched overnight were shot down": a figure
            # for the whole country, no place named and none in focus.
            defended = any(c.kind == "intercepted" for c in facts.munitions)
            country = attacked_country(facts.attackers, facts.sentence.text, defended)
            side = self.speakers.sentence_national_side
            if defended and not facts.attackers and side is not None:
                country = "RU" if side == "russia_official" else "UA"  # "it said 40 were downed"
            place = self.gaz.country(country)
            targets = [PlaceRef(PlaceMention(0, 0, place.name, (place,), False), place, "country")]
        # ("Russia launched strikes on western Ukraine": not the record in focus, elsewhere)
        region = self.focus.region if self.focus is not None else None
        elsewhere = region is not None and placed_elsewhere(facts.sentence.text, self.gaz.region(region))
        if not targets and (elsewhere or heads_what_follows(facts)):
            self._aside(facts, [], date)
        elif not targets:
            self._add_to_focus(facts, sources, attributed, date)
        else:
            self._add_to_places(facts, targets, sources, attributed, date)

    def _damage_of_the_attack(self, facts: SentenceFacts) -> bool:
        """ "Power plants in two regions were damaged": damage stated of named places, with no
        attack word, right after an attack was told is damage that attack did there."""
        # "Regions came under drone attack. Fires broke out at a refinery in X": the attack
        # just stated, with no place of its own, is what damaged the places named next.
        just_stated = (
            self.strike_paragraph is not None and facts.sentence.paragraph - self.strike_paragraph <= 1
        )
        return (
            (
                just_stated
                or (
                    self.focus is not None
                    and self.focus.strike
                    and facts.sentence.paragraph - self.focus_paragraph <= 1
                )
            )
            and bool(facts.targets())
            and not facts.background
            and bool(DAMAGED.search(facts.sentence.text))
        )

    def _aside(
        self, facts: SentenceFacts, sources: list[tuple[SourceMention, str]], date: ResolvedDate | None
    ) -> None:
        """A sentence that adds nothing to a record may still name a source or move the focus."""
        # Who else speaks of the attack in focus ("The minister added that the shelter had
        # been full") is a source of it too.
        # A place of the focus's region inside the speaker's own title ("Source: the head of the
        # Kharkiv regional administration") is no other place spoken of; a mayor of another town is.
        region = self.focus.region if self.focus is not None else None
        elsewhere = [
            t
            for t in facts.targets()
            if t.place.region != region or not any(m.start <= t.start < m.end for m, _ in sources)
        ] + [
            p for p in facts.places if p.role == "event" and p.place.region != region
        ]  # "a press conference in Moscow"
        if (
            sources
            and self.focus is not None
            and facts.sentence.paragraph - self.focus_paragraph <= 1
            and not elsewhere
            and not facts.background
            and not self.sections.other_topic(facts)
        ):
            told = speakers_of_the_attack(sources)
            for rec in told_just_before(facts, self.records) or [self.focus]:
                rec.sources += [(m, facts.sentence, cls) for m, cls in told]
        elif sources and facts.trigger and not facts.background:
            # "Russia's ministry said it had targeted military sites in the Odesa region": a
            # speaker of the attack on a place the story holds a record of speaks of that record.
            named = [(m, cls) for m, cls in sources if not m.pronoun]
            areas = {(t.place.country, t.place.region) for t in elsewhere}
            for rec in [r for r in self.records if r.area in areas] if named else []:
                rec.sources += [(m, facts.sentence, cls) for m, cls in named]
        if date is not None and attacks_told_on(facts, date):
            self.day.speak_of(date, self.day.where_of(facts, date))  # "The attacks went on this morning."
        # "By Sunday night the sirens had moved on to Sumy.": no attack stated, but the text
        # moves to another place and day; what follows belongs there.
        label = bool(PLACE_LABEL.match(facts.sentence.text)) and self.sections.opens_paragraph(facts)
        heading = label or is_heading(facts.sentence.text)
        # "Blasts were heard in X." and an attack told next with no place: it was X's.
        setting = facts.targets() or facts.heard_at()
        if (
            (date is not None or heading or not facts.targets())
            and len(setting) == 1
            and not facts.background
        ):
            ref = setting[0]
            if date is not None and date.precision == "day":
                self.day.speak_of(date, self.day.where_of(facts, date))
            before = self.focus
            self.focus = self._record(ref.place.country, ref.place.region, date)
            if date is not None:
                self.focus.date_evidence = self.focus.date_evidence or self.day.where_of(facts, date)
            self.focus.places.append((ref, facts.sentence))
            self.focus_paragraph = facts.sentence.paragraph
            # A place named in passing holds the focus briefly (where blasts were heard, a story
            # told of it already goes on as far as it went).
            heard = not facts.targets() and self.focus is before
            self.focus_window = self.focus_window if heard else 1
            self.focus.labelled = facts.sentence.paragraph if label else self.focus.labelled
            if (
                heading
                or not facts.targets()
                or (facts.trigger and (bool(facts.weapons) or facts.attack_noun))
            ):
                # "ODESA REGION.": the section is about it; "the city became the scene of a
                # missile attack": the place is named with the attack, whose impact follows.
                self.focus.anchored = True
        elif (back := returned_to(facts, self.records)) is not None and back is not self.focus:
            self.focus, self.focus_paragraph = back, facts.sentence.paragraph

    def _add_to_focus(
        self,
        facts: SentenceFacts,
        sources: list[tuple[SourceMention, str]],
        attributed: bool,
        date: ResolvedDate | None,
    ) -> None:
        """A sentence about the attack that names no place: its facts go to the record in focus."""
        if (
            self.focus is not None
            and self.focus.region is not None
            and not (facts.casualties or facts.munitions)
            and AT_THE_COUNTRY.search(facts.sentence.text)
        ):
            # "Moscow has used missiles from abroad to attack Ukraine": the war at large, not the
            # attack on the place in focus; its speaker and weapons are not that attack's.
            return
        focus = self.focus
        # An undated record stands for the day it was opened on, else the publication day.
        focus_day = None
        if focus is not None:
            focus_day = focus.date or (focus.inherited[0] if focus.inherited else self.published)
        if (
            focus is not None
            and focus_day is not None
            and date is not None
            and date.date != focus_day
            # A named day ("on Friday") that differs is another day; "overnight" or
            # "yesterday" beside a dated record may still speak of the same night.
            and (abs((date.date - focus_day).days) > 1 or date.strategy.startswith(NAMED_DAY))
            and not facts.sources
            and (
                facts.strike
                or (bool(facts.casualties) and TOLL_OF_THE_DAY.search(facts.sentence.text) is not None)
            )
        ):
            # "On Monday a missile killed two people in the town": the same place on another
            # day is another record.
            if focus.date is None:
                # The day it stood for is now told apart from the other one: it keeps it.
                focus.date, focus.precision = focus_day, "day"
            opened_on = focus
            focus = self._record(focus.country, focus.region, date)
            focus.date_evidence = focus.date_evidence or self.day.where_of(facts, date)
            focus.places += [p for p in opened_on.places[:1]]
            focus.anchored = True
            # A toll on another day of a place the text is speaking of attacks on.
            focus.strike = focus.strike or (bool(facts.casualties) and opened_on.strike)
            # (the text now speaks of that attack: what follows with no place is its own)
            self.focus, self.focus_paragraph, self.focus_window = focus, facts.sentence.paragraph, 8
        focus = self._toll_owner(facts, focus)
        focus = attackers_claim_record(facts, focus, self.records, [cls for _, cls in sources])
        # A record stays in focus for a few paragraphs after its place was last named; past that,
        # a toll of "the strikes" still belongs to the one attack the story is about.
        in_window = focus is not None and facts.sentence.paragraph - self.focus_paragraph <= self.focus_window
        if not in_window and facts.casualties and facts.attack_noun:
            focus = self._sole_attack()
            in_window = focus is not None
        if focus is not None and in_window:
            focus.add_sentence(
                facts, facts.casualties + facts.munitions, no_states(sources), attributed=attributed
            )
            previous = self.doc.sentences[max(0, facts.sentence.index - 1)]
            if ANAPHORA.search(facts.sentence.text) or is_heading(previous.text):
                focus.anchored = True
        elif (
            not self.records
            and facts.casualties
            and (ANAPHORA.search(facts.sentence.text) or _UNNAMED_PLACE.search(facts.sentence.text))
        ):
            # "Three were wounded in the shelling of the city. ... hit Kherson again": a lead
            # whose place is named only in the next paragraph holds for the record opened there.
            self.pending = (facts, sources, attributed)

    def _toll_owner(self, facts: SentenceFacts, focus: RecordBuilder | None) -> RecordBuilder | None:
        """The record the sentence's figures go to when it names no place (ownership.py): the one
        whose toll it updates or whose speaker gives them, else the one in focus."""
        if (
            self.listed
            and facts.sentence.index == self.listed[0].sentence.index + 1
            and toll_of_a_list(facts)
        ):
            national = country_record(list(self.listed[1]), self.listed[0], self.listed[2], self._record)
            if national is not None:
                national.strike = True  # the list's sentence stated the attack
                return national
        owner = speakers_record(facts, updated_toll_record(facts, focus, self.records), self.records)
        owner = national_count_record(facts, owner, self.records)
        owner = regional_toll_record(facts, owner, self.records)
        if owner is not focus and owner is not None:
            self.focus, self.focus_paragraph = owner, facts.sentence.paragraph
        return owner

    def _sole_attack(self) -> RecordBuilder | None:
        """The one record the story holds an attack for, if it holds one only."""
        hit = [r for r in self.records if r.anchored and (r.strike or r.attack_word)]
        return hit[0] if len(hit) == 1 else None

    def _add_to_places(
        self,
        facts: SentenceFacts,
        targets: list[PlaceRef],
        sources: list[tuple[SourceMention, str]],
        attributed: bool,
        date: ResolvedDate | None,
    ) -> None:
        """A sentence about the attack on named places: one record per area, each taking the
        figures and weapons that belong to it; the last one named takes the focus."""
        by_area: dict[tuple[str, str | None], list[PlaceRef]] = {}
        for ref in targets:
            region = ref.place.region if ref.place.kind != "country" else None
            by_area.setdefault((ref.place.country, region), []).append(ref)
        # A toll for a place named right after an attack was stated ("In Izmail, three dockers
        # were hurt") is a toll of that attack: the place was hit by it.
        follows_attack = not facts.strike and (
            (
                (bool(facts.casualties) or self._damage_of_the_attack(facts))
                and self.focus is not None
                and self.focus.strike
                and facts.sentence.paragraph - self.focus_paragraph <= self.focus_window
            )
            # damage right after an attack stated with no place of its own
            or (
                self.strike_paragraph is not None
                and facts.sentence.paragraph - self.strike_paragraph <= 1
                and self._damage_of_the_attack(facts)
            )
        )
        touched: list[RecordBuilder] = []
        recap = date is not None and self.sections.recap(facts)
        for (country, region), refs in by_area.items():
            rec = self._record(country, region, date)
            rec.recalled = rec.recalled or (recap and date is not None and rec.date == date.date)
            if date is not None and rec.date_evidence is None:
                rec.date_evidence = self.day.where_of(facts, date)
            rec.places += [(r, facts.sentence) for r in refs]
            rec.anchored = True  # the place is named in a sentence about the attack
            rec.strike = rec.strike or follows_attack
            touched.append(rec)
        text = facts.sentence.text
        totals = totals_of_places(facts, targets) if all(r.region is not None for r in touched) else []
        # A total its places add up to in full is theirs to carry: it opens no national record.
        carried = totals if split_in_full(facts, totals) else []
        said_of = date or self.day.date
        hand_total_to_places(self.records, carried, said_of.date if said_of else None)
        totals = [] if carried else totals
        if totals:
            country_record(touched, facts, date, self._record)
        leading = self.paragraph_weapons if self.weapons_paragraph == facts.sentence.paragraph else []
        weapons = weapon_owners(facts.weapons, targets, touched, leading)
        figures = [c for c in facts.casualties + facts.munitions if c not in carried]
        # A figure no place claims goes to the sentence's national record, if it has one ("fired
        # 48 drones, mostly at the Odesa region": the total is the country's).
        national = next((r for r in touched if r.region is None), None)
        for rec in touched:
            mine = [
                c
                for c in figures
                if (
                    rec in each_owners(c, figures, targets, touched)
                    if c.each
                    else (national if c in totals else owner(c, text, targets, touched) or national) is rec
                )
            ]
            rec.add_sentence(facts, mine, sources, weapons[id(rec)], attributed=attributed)
        if facts.caption:
            return  # a caption is its own record; the body's focus stays where it was
        if self.pending is not None:
            lead, lead_sources, lead_attributed = self.pending
            self.pending = None
            if len(touched) == 1 and facts.sentence.paragraph - lead.sentence.paragraph <= 1:
                touched[0].add_sentence(lead, lead.casualties, lead_sources, attributed=lead_attributed)
        # A toll told right after a list of regions is theirs together (national.toll_of_a_list).
        self.listed = (facts, touched, date) if facts.strike and region_list(text, targets) else None
        # The text goes on about the last place it named, not the country around it.
        self.focus = next((r for r in reversed(touched) if r.region is not None), touched[-1])
        self.focus_paragraph = facts.sentence.paragraph
        self.focus_window = 8

    # -- records, sources, context -------------------------------------------------------
    def _record(self, country: str, region: str | None, date: ResolvedDate | None) -> RecordBuilder:
        """The record of this area and day, opened if there is none yet (records.open_record)."""
        now = self.day.date
        inherited: Day | None = (now.date, now.precision, self.day.where) if now is not None else None
        focus = self.focus
        if inherited is None and focus is not None and focus.date is not None and focus.precision == "day":
            inherited = (focus.date, focus.precision, focus.date_evidence)
        named = inherited if now is not None and now.strategy.startswith(NAMED_DAY) else None
        return open_record(self.records, (country, region), date, inherited, named)

    def _lagged_attack(
        self, facts: SentenceFacts, sources: list[tuple[SourceMention, str]], attributed: bool
    ) -> bool:
        """ "The raid came a week after a strike on Kryvyi Rih killed 20": with no day of its
        own, the attack told after the lag is dated that long before the day the text speaks of,
        and is a record of its own (GUIDELINES: an earlier attack with a resolvable day)."""
        lag = lagged_attack(facts.sentence.text)
        if lag is None or self.day.date is None or self.day.date.precision != "day":
            return False
        # "Two days after the strike on Kharkiv, the toll rose": an attack the text has told is
        # the one it speaks of, not an earlier one.
        # ("...a day after shelling killed two in Kostiantynivka": a toll of its own is that
        # earlier attack's, whatever the area)
        clause_end = facts.sentence.text.find(",", lag.end())
        clause_end = clause_end if clause_end >= 0 else len(facts.sentence.text)
        own_toll = any(lag.end() <= c.start < clause_end for c in facts.casualties)
        told_areas = {r.area for r in self.records} if not own_toll else set()
        after = [
            t
            for t in facts.targets()
            if t.start >= lag.end() and (t.place.country, t.place.region) not in told_areas
        ]
        counted = [
            c for c in facts.munitions if c.start >= lag.end() and c.kind in {"launched", "intercepted"}
        ]
        if not after and counted and _SIDE_NAMED.search(facts.sentence.text) and not facts.background:
            # "...one night after Russia launched 728 drones at the country": the earlier night's
            # national total
            defended = any(c.kind == "intercepted" for c in counted)
            place = self.gaz.country(attacked_country(facts.attackers, facts.sentence.text, defended))
            after = [PlaceRef(PlaceMention(0, 0, place.name, (place,), False), place, "country")]
        if not after or facts.background:
            return False
        day = ResolvedDate(self.day.date.date - dt.timedelta(days=lag_days(lag)), "day", "lag")
        told = dataclasses.replace(
            facts,
            casualties=[c for c in facts.casualties if c.start >= lag.end()],
            munitions=[c for c in facts.munitions if c.start >= lag.end()],
        )
        focus, focus_paragraph, window = self.focus, self.focus_paragraph, self.focus_window
        self._add_to_places(told, after, sources, attributed, day)
        # The text goes on about the attack it was telling.
        self.focus, self.focus_paragraph, self.focus_window = focus, focus_paragraph, window
        return True

    def _date_focus(self, facts: SentenceFacts, date: ResolvedDate) -> None:
        """An undated record in focus takes the day of a sentence that speaks of an attack and
        names no place ("the heaviest toll of Sunday's barrage")."""
        focus = self.focus
        if (
            focus is None
            or focus.date is not None
            or not facts.times  # a day borrowed from the text before names nothing here
            or facts.background
            or facts.sentence.paragraph - self.focus_paragraph > self.focus_window
        ):
            return
        if any(r is not focus and r.area == focus.area and r.date == date.date for r in self.records):
            return
        t = focus_day_expression(facts, date)
        if t is None:
            return
        focus.date, focus.precision = date.date, date.precision
        focus.date_evidence = (facts.sentence, t.start, t.end)
        self.day.speak_of(date, focus.date_evidence)
