"""Sections: what a paragraph is about, as the record walk reads the text in order.

Two states a single sentence cannot tell: a paragraph that opened on another topic than the
attacks (diplomacy, aid, background), whose speakers are no sources of an attack; and a recap
of earlier attacks ("Background:" and its list, "Recall that on 1 May..."), whose dated attack
is not the story's own undated one. Requires ``SentenceFacts`` in text order.
"""

from __future__ import annotations

from analytics.extract.discourse import OTHER_TOPIC, RECAP, is_heading
from analytics.extract.document import LIST_MARKS, Document
from analytics.extract.triggers import SentenceFacts


class Sections:
    """The topic and recap state of the paragraphs read so far."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.topic_paragraph: int | None = None  # a paragraph that opened on another topic
        self.recap_section = False  # under a "Background:" heading

    def opens_paragraph(self, facts: SentenceFacts) -> bool:
        return self.doc.paragraphs[facts.sentence.paragraph][0] == facts.sentence.start

    def observe(self, facts: SentenceFacts, near_focus: bool) -> None:
        """Read a sentence; ``near_focus``: its paragraph is next to the record in focus, the
        only place where its topic can decide a speaker (the background test is costly)."""
        if not self.opens_paragraph(facts):
            return
        text = facts.sentence.text.strip()
        if RECAP.match(text) and text.endswith(":"):
            self.recap_section = True  # the heading itself; its list follows
        elif self.recap_section and text[:1] not in LIST_MARKS:
            self.recap_section = False
        self.topic_paragraph = None
        if near_focus and not facts.relevant and (OTHER_TOPIC.search(text) or facts.background):
            self.topic_paragraph = facts.sentence.paragraph

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
