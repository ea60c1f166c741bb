"""Attribution: who says each sentence, as the record walk reads the text in order.

A sentence's speakers come from ``actors.find_sources``; what this stage adds is what only the
order of the text tells: a pronoun ("he said") is the last speaker's, a bare surname keeps the
type its speaker had when introduced, and an attribution carries over the rest of its paragraph.
The issuer named in a statement's heading is the source of records whose own text names none.
"""

from __future__ import annotations

import dataclasses
import re

from analytics import lexicon
from analytics.extract.actors import SourceMention
from analytics.extract.discourse import BACK_REFERENCE, NATIONAL_BODY, is_heading_like
from analytics.extract.document import LIST_MARKS, Document
from analytics.extract.numbers import ITEMISED_NAMED, Count
from analytics.extract.triggers import SentenceFacts

_IT_IS_REPORTED = re.compile(
    r"^(?:It|This)\s+(?:is|was|has been)\s+(?:also\s+)?(?:reported|said|stated|noted|specified|clarified)\s+that\b",
    re.IGNORECASE,
)

# A body that counts a night's munitions over the whole country: a national body
# (discourse.NATIONAL_BODY), or a defence ministry told back as "the ministry".
_BARE_MINISTRY = re.compile(r"^(?:the\s+)?(?:defen[cs]e\s+)?ministry\b", re.IGNORECASE)


def _speaks_for_the_country(phrase: str) -> bool:
    return bool(NATIONAL_BODY.search(phrase) or _BARE_MINISTRY.match(phrase))


_OFFICES = r"ministry|governor|mayor|air force|general staff|headquarters|administration"
_OFFICE = re.compile(rf"\b({_OFFICES})\b", re.IGNORECASE)
# "the ministry", "the defence ministry", "the regional governor": an office told back, its side
# not named
_BACK_TO_OFFICE = re.compile(
    rf"^(?:the|its|this)\s+(?:[\w-]+\s+){{0,2}}?(?P<office>{_OFFICES})$",
    re.IGNORECASE,
)
_SIDES = frozenset({"russia_official", "ukraine_official"})
# An office named with its side anywhere, speaking or not ("Russia's Defence Ministry presented
# the attack as a success."): "the ministry" told next is that one.
_SIDE_OFFICE = re.compile(
    r"\b(?:(?P<ru>Russia['’]s|Russian)|Ukraine['’]s|Ukrainian)\s+(?:(?:[A-Z][\w-]*|defen[cs]e|foreign|interior)\s+){0,2}?"
    r"(?P<office>(?i:" + _OFFICES + r"))\b"
)

_COUNT_GOES_ON = re.compile(r"^(?:Another|A further|Further)\s+", re.IGNORECASE)


class Speakers:
    """The speakers of the text read so far (requires ``SentenceFacts.sources`` in order)."""

    def __init__(self) -> None:
        self.last_source_type: str | None = None
        self.last_source_paragraph = 0
        self.sourced_paragraph: int | None = None
        self.paragraph_sources: list[tuple[SourceMention, str]] = []
        self.sourced_regions: set[str | None] = set()  # the places the paragraph's speaker spoke of
        self.known_names: dict[str, str] = {}
        self.known_offices: dict[str, str] = {}  # an office's head noun -> the side last named with it
        self.national_speaker = False  # the paragraph's speaker counts for the whole country
        self.lead_in_paragraph: int | None = None  # a speaker's "... wrote on Telegram:" ends it
        self.last_national = False  # the last speaker was a national body
        # The side of the sentence's speaker when it is a national body, named or told back
        # ("it", "the ministry") and its side known.
        self.sentence_national_side: str | None = None
        # A headline's speaker ("... - governor", "Ukraine says ...") speaks the lead that
        # follows it until the body names a speaker of its own.
        self.headline_sources: list[tuple[SourceMention, str]] = []
        self.lead_paragraph: int | None = None
        self.title_sentences = 0

    def attribute(self, facts: SentenceFacts) -> tuple[list[tuple[SourceMention, str]], bool]:
        """The sentence's sources with their types, and whether anyone is named as saying it."""
        sources = self._classify(facts)
        regions = {t.place.region for t in facts.targets()}
        # An attribution carries over the rest of its paragraph, while it speaks of the places
        # the speaker spoke of or of the attack the speaker told ("That strike also hit X"):
        # "In Odesa a drone hit a port, its governor said. In the Kharkiv region a bomb hit a
        # town." does not make Odesa's governor speak of Kharkiv.
        # "It is reported that 9 drones were downed over X": a report with no one named goes on
        # with the speaker of the paragraph just before.
        # "Another 38 were shot down over the Bryansk region, 25 over ...": a count that goes on
        # from a defence ministry's paragraph just before is that ministry's too.
        if (
            not facts.sources
            and self.lead_in_paragraph is not None
            and facts.sentence.paragraph - self.lead_in_paragraph == 1
        ):
            # "The governor wrote on Telegram:" and the post quoted in the next paragraph: the
            # speaker speaks all of it.
            self.sourced_paragraph, self.sourced_regions = facts.sentence.paragraph, set()
        reported = (
            self.sourced_paragraph is not None
            and facts.sentence.paragraph - self.sourced_paragraph == 1
            and (
                bool(_IT_IS_REPORTED.match(facts.sentence.text))
                or (
                    self.national_speaker
                    and bool(facts.munitions)
                    and bool(_COUNT_GOES_ON.match(facts.sentence.text))
                )
            )
        )
        attributed = (
            bool(facts.sources)
            or reported
            or (
                self.sourced_paragraph == facts.sentence.paragraph
                and (
                    not regions
                    or not self.sourced_regions
                    or regions <= self.sourced_regions
                    or bool(BACK_REFERENCE.search(facts.sentence.text))
                    # "A further 38 were downed over Bryansk, 25 over Belgorod": a defence
                    # ministry's or an air force's count goes on over every region it lists
                    or (self.national_speaker and bool(facts.munitions) and not facts.casualties)
                )
            )
        )
        if facts.sentence.is_title:
            # (a headline of two clauses, "X hit; Russia claims Y", has a speaker for one only)
            first = not self.title_sentences
            self.title_sentences += 1
            self.headline_sources = [(m, cls) for m, cls in sources if not m.pronoun and first]
        elif sources or (self.lead_paragraph is not None and facts.sentence.paragraph != self.lead_paragraph):
            self.headline_sources = []
        elif facts.sentence.text.rstrip().endswith((".", "!", "?")):
            self.lead_paragraph = facts.sentence.paragraph
        if not sources and not attributed and self.headline_sources and self.lead_paragraph is not None:
            return list(self.headline_sources), True
        if sources:
            # "He added that...": a pronoun names no one new; the paragraph's speaker stays.
            named = [(m, cls) for m, cls in sources if not m.pronoun]
            if named or self.sourced_paragraph != facts.sentence.paragraph:
                self.paragraph_sources = named
                self.sourced_regions = regions
                self.national_speaker = any(_speaks_for_the_country(m.text) for m, _ in named)
            self.sourced_paragraph = facts.sentence.paragraph
            if facts.sentence.text.rstrip().endswith(":"):
                self.lead_in_paragraph = facts.sentence.paragraph
        elif attributed:
            sources = list(self.paragraph_sources)
        return sources, attributed

    def _classify(self, facts: SentenceFacts) -> list[tuple[SourceMention, str]]:
        """The sentence's sources with their types: a pronoun takes the type of the last
        speaker, a bare surname the type it had when the speaker was introduced."""
        out = []
        self.sentence_national_side = None
        for named in _SIDE_OFFICE.finditer(facts.sentence.text):
            side = "russia_official" if named.group("ru") else "ukraine_official"
            self.known_offices[named.group("office").lower()] = side
            if named.start() <= 4 and not facts.sources:
                # "Russia's Defence Ministry did not comment. Later it said ...": the body the
                # sentence is about is who "it" is next
                self.last_source_type, self.last_source_paragraph = side, facts.sentence.paragraph
                self.last_national = _speaks_for_the_country(named.group(0))
        for m in facts.sources:
            cls = m.source_type
            national = _speaks_for_the_country(m.text)
            if m.pronoun:
                # "he says" refers to a speaker of this or the previous paragraph only.
                if self.last_source_type is None or facts.sentence.paragraph - self.last_source_paragraph > 1:
                    continue
                cls, national = self.last_source_type, self.last_national
            elif cls == "unknown":
                surname = m.text.split()[-1]
                cls = self.known_names.get(surname, "official")
            elif cls == "official" and (back := _BACK_TO_OFFICE.match(m.text)):
                # "the ministry said" after "Russia's Defence Ministry said": the office named
                # before, with its side
                cls = self.known_offices.get(back.group("office").lower(), cls)
            else:
                for word in m.text.split():
                    if word[:1].isupper() and len(word) > 3:
                        self.known_names.setdefault(word, cls)
            if cls in _SIDES:
                for office in _OFFICE.findall(m.text):
                    self.known_offices[office.lower()] = cls
            self.last_source_type = cls
            self.last_source_paragraph = facts.sentence.paragraph
            self.last_national = national
            if national and cls in _SIDES:
                self.sentence_national_side = self.sentence_national_side or cls
            out.append((m, cls))
        return out


STATE_AS_A_WHOLE = re.compile(r"^(?:the\s+)?(?:Kremlin|Moscow|Russia|Kyiv|Kiev|Ukraine)$", re.IGNORECASE)


def no_states(sources: list[tuple[SourceMention, str]]) -> list[tuple[SourceMention, str]]:
    """The speakers but a state named as a whole ("Moscow said Ukraine used drones too"), who
    speaks of the record in focus only where its sentence names the record's place."""
    return [(m, cls) for m, cls in sources if not STATE_AS_A_WHOLE.match(m.text)]


def speakers_of_the_attack(sources: list[tuple[SourceMention, str]]) -> list[tuple[SourceMention, str]]:
    """Of the speakers of a sentence that adds nothing to the attack in focus, those who speak
    of it: another country's officials speak of their own response ("Poland's military said it
    had scrambled jets", a president's reaction), and a state named as a whole of its politics
    ("the Kremlin said the talks go on", "Kyiv denies it")."""
    return [(m, cls) for m, cls in no_states(sources) if cls != "third_party_official"]


# A header line that names the publisher beside the date: "Ukrinform | 14.02.2025 09:12",
# "By A and B | Reuters | May 17, 2026"; the publisher is the part that is no byline and no date.
_HEADER_PART_SKIP = re.compile(r"^(?:By\b|Updated\b|Published\b|Posted\b)|\d", re.IGNORECASE)


def publisher(doc: Document) -> str | None:
    """The outlet that publishes the text, when a header line names it beside the date: it is
    no source of what the text says (GUIDELINES' sources name who says it; the page itself is
    the text's own statement)."""
    for line in doc.text[:600].splitlines()[:4]:
        if "|" not in line or not re.search(r"\b(?:19|20)\d\d\b", line):
            continue
        for part in line.split("|"):
            part = part.strip()
            if part and not _HEADER_PART_SKIP.search(part) and len(part.split()) <= 5:
                # "The Guardian" -> "Guardian", "RFE/RL's Ukrainian Service" -> "RFE/RL"
                name = re.sub(r"^The\s+", "", part)
                return re.split(r"['’]s\b", name)[0].strip() or None
    return None


#: "Defence ministry: 337 drones downed over regions": an issuer before a headline's colon.
_TITLE_ISSUER = re.compile(r"^\s*(?P<issuer>[^:\n]{3,60}?)\s*:\s+\S")


#: "This story was reported by the head of the regional military administration X": a news
#: item's credit for the story it retells, after its lead: the gloss of the way Ukrainian and
#: Russian news name the post they retell ("Про це повідомив ...", "Об этом сообщил ...").
#: (English "This was reported by" credits one fact, and is left to the speaker finder.)
_STORY_CREDIT = re.compile(r"^This story was reported by (?P<who>[^.;:]{3,160}?)\.?$")
#: The credit is looked for in the first paragraphs only: later, it credits one fact.
_STORY_CREDIT_PARAGRAPHS = 3


def _story_reporter(doc: Document) -> SourceMention | None:
    """The official a story's credit line names, as the source of its records that name none."""
    for sent in doc.sentences:
        if sent.paragraph > _STORY_CREDIT_PARAGRAPHS:
            break
        m = _STORY_CREDIT.match(sent.text.strip())
        if m is None:
            continue
        who = m.group("who")
        cls = lexicon.sources().classify(who)
        if cls in {"official", "ukraine_official", "russia_official"}:
            start = sent.start + sent.text.index(who)
            return SourceMention(start, start + len(who), who, cls)
    return None


def author_source(doc: Document) -> SourceMention | None:
    """A statement's issuer named in its heading ("... - DEFENCE MINISTRY", "AIR FORCE ...
    SUMMARY") or before its headline's colon ("Defence ministry: ..."): the source of every
    record whose own text names none."""
    first = doc.sentences[0] if doc.sentences else None
    issuer = _TITLE_ISSUER.match(first.text) if first is not None and first.is_title else None
    if first is not None and issuer is not None:
        part = issuer.group("issuer")
        cls = lexicon.sources().classify(part)
        if cls in {"official", "ukraine_official", "russia_official"} and lexicon.alternation(
            "issuer_words", bounded=False
        ).search(part):
            return SourceMention(
                first.start + issuer.start("issuer"), first.start + issuer.end("issuer"), part, cls
            )
    reporter = _story_reporter(doc)
    if reporter is not None:
        return reporter
    title = next((s for s in doc.sentences[:2] if is_heading_like(s.text)), None)
    if title is None:
        return None
    for part in reversed(re.split(r"\s[-–—|]\s", title.text)):
        cls = lexicon.sources().classify(part)
        if cls in {"official", "ukraine_official", "russia_official"} and lexicon.alternation(
            "issuer_words", bounded=False
        ).search(part):
            return SourceMention(title.start, title.start + len(part), part.strip().title(), cls)
    return None


# "Its breakdown:", "By region:", "The figures by region were as follows:"
_BARE_LEAD_IN = re.compile(r"^\W*(?:[\w'’-]+\s+){0,6}?[\w'’-]+\s*:\s*$")
# "Rostov region - 14" standing alone on its line, after a lead-in: an item with no list mark
_NAMED_FIGURE_LINE = re.compile(r"^\s*[A-Z][\w'’ -]{1,40}?\s*[-–—:]\s*\d{1,4}\s*[.;,]?\s*$")
_FIGURE_ITEM = re.compile(r"\s*\d{1,4}\s*(?:[A-Za-z]+\s+)?[—–-]\s")


def inherit_list_context(
    doc: Document, facts: SentenceFacts, lead: SentenceFacts | None, previous: SentenceFacts | None = None
) -> SentenceFacts | None:
    """Items of a list ("- 9 over the Tula region;") take the weapons and sources of the
    sentence that introduced the list ("drones were downed over these regions:").

    Returns the lead-in in force for the next sentence. Inherited weapons get the span
    (-1, -1): they stand nowhere in the item, so no place of it is nearer to them."""
    text = doc.text
    para_start = doc.paragraphs[facts.sentence.paragraph][0]
    # ("11 — over the Bryansk region," after a lead-in ending in a colon: a figure and a dash open
    # an item as a list mark does)
    is_item = text[para_start : para_start + 2].lstrip()[:1] in LIST_MARKS or (
        lead is not None
        and bool(_FIGURE_ITEM.match(text, para_start) or _NAMED_FIGURE_LINE.match(facts.sentence.text))
    )
    if facts.sentence.text.rstrip().endswith(":"):
        # "... destroyed 22 drones. Its breakdown:": a lead-in that tells nothing itself stands
        # for the sentence before it in its paragraph
        if (
            previous is not None
            and _BARE_LEAD_IN.match(facts.sentence.text)
            and (previous.sentence.paragraph == facts.sentence.paragraph and previous.strike)
        ):
            return previous
        return facts
    if not is_item:
        return None
    if lead is not None:
        facts.listed_under_strike = lead.strike and not lead.background
        if not facts.weapons:
            facts.weapons = [dataclasses.replace(w, start=-1, end=-1) for w in lead.weapons]
        if not facts.sources:
            facts.sources = list(lead.sources)
        if not facts.munitions and any(c.kind == "intercepted" for c in lead.munitions):
            # "- Bryansk region: 7" under "... destroyed 22 drones. Its breakdown:": the item's
            # figure is its share of the lead's count
            item = ITEMISED_NAMED.search(facts.sentence.text)
            if item is not None:
                group = "n" if item.group("n") else "m"
                facts.munitions = [
                    Count("intercepted", int(item.group(group)), item.start(group), item.end(group))
                ]
    return lead
