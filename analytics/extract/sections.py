"""Sections: what a paragraph is about, as the record walk reads the text in order.

Two states a single sentence cannot tell: a paragraph that opened on another topic than the
attacks (diplomacy, aid, background), whose speakers are no sources of an attack; and a recap
of earlier attacks ("Background:" and its list, "Recall that on 1 May..."), whose dated attack
is not the story's own undated one. Requires ``SentenceFacts`` in text order.
"""

from __future__ import annotations

import datetime as dt
import re

from analytics.extract.dates import WEEKDAY_NAME, ResolvedDate, find_time_expressions, resolve
from analytics.extract.discourse import OTHER_TOPIC, RECAP, is_heading
from analytics.extract.document import LIST_MARKS, Document
from analytics.extract.triggers import SentenceFacts

#: A day's heading is a short line; around its day only brackets, commas, dashes and weekdays.
_DAY_HEADING_LEN = 40
_DAY_HEADING_REST = re.compile(rf"[\s(),.:–—-]|\b{WEEKDAY_NAME}\b", re.IGNORECASE)
#: Days counted from publication, which under a day's heading count from that day instead.
_COUNTED = frozenset({"overnight", "today", "overnight_named"})


class Sections:
    """The topic and recap state of the paragraphs read so far."""

    def __init__(self, doc: Document, published: dt.date) -> None:
        self.doc = doc
        self.published = published
        self.topic_paragraph: int | None = None  # a paragraph that opened on another topic
        self.recap_section = False  # under a "Background:" heading
        self.day: ResolvedDate | None = None  # under a heading that is a day ("23 June (Monday)")

    def opens_paragraph(self, facts: SentenceFacts) -> bool:
        return self.doc.paragraphs[facts.sentence.paragraph][0] == facts.sentence.start

    def observe(self, facts: SentenceFacts, near_focus: bool) -> None:
        """Read a sentence; ``near_focus``: its paragraph is next to the record in focus, the
        only place where its topic can decide a speaker (the background test is costly)."""
        if not self.opens_paragraph(facts):
            return
        text = facts.sentence.text.strip()
        if len(text) <= _DAY_HEADING_LEN and not facts.relevant:
            day = self._heading_day(text)
            if day is not None or is_heading(text):
                self.day = day  # a timeline's day, or another heading that ends the day's entries
        if RECAP.match(text) and text.endswith(":"):
            self.recap_section = True  # the heading itself; its list follows
        elif self.recap_section and text[:1] not in LIST_MARKS:
            self.recap_section = False
        self.topic_paragraph = None
        if near_focus and not facts.relevant and (OTHER_TOPIC.search(text) or facts.background):
            self.topic_paragraph = facts.sentence.paragraph

    def _heading_day(self, text: str) -> ResolvedDate | None:
        """The day a line that names nothing else names ("23 June (Monday)", "Tuesday, 24 June")."""
        exprs = find_time_expressions(text)
        if len(exprs) == 0 or _DAY_HEADING_REST.sub("", text[: exprs[0].start] + text[exprs[-1].end :]):
            return None
        # the date, not its weekday ("Sunday, 1 October 2023", "6 March (Wednesday)")
        day = resolve(max(exprs, key=lambda t: (t.strategy != "weekday", t.end - t.start)), self.published)
        # (a timeline's days are the weeks before publication; the publication day, or a day
        # after it, standing alone is a page's own date line)
        recent = day is not None and day.precision == "day" and 0 < (self.published - day.date).days <= 31
        return day if recent else None

    def dated(self, date: ResolvedDate | None) -> ResolvedDate | None:
        """The day of a sentence under a day's heading: a day of its own named in full stays;
        none, or one counted from publication ("overnight", "today"), is the heading's."""
        if self.day is None:
            return date
        counted = date.strategy.split("+")[0] if date is not None else "today"
        if counted == "yesterday":
            return ResolvedDate(self.day.date - dt.timedelta(days=1), "day", "section+yesterday")
        return self.day if counted in _COUNTED else date

    def other_topic(self, facts: SentenceFacts) -> bool:
        """Whether a sentence that tells no attack speaks of another topic: diplomacy, aid or
        politics, or any sentence of a paragraph that opened on such a topic or on background
        ("Zelensky called for more air defence systems. 'We need them now,' he said.")."""
        return self.topic_paragraph == facts.sentence.paragraph or bool(
            OTHER_TOPIC.search(facts.sentence.text)
        )

    def recap(self, facts: SentenceFacts) -> bool:
        """Whether the sentence recalls earlier attacks: it opens with a recap word, or stands
        under a heading that does ("Background:" and its list)."""
        return bool(RECAP.match(facts.sentence.text)) or self.recap_section


def heads_what_follows(facts: SentenceFacts) -> bool:
    """A heading that names no place ("MOSCOW CITES ATACMS") opens the section below: the
    weapon or figure it names is of what follows, not of the record told above it."""
    return not facts.sentence.is_title and not facts.caption and is_heading(facts.sentence.text)
