"""The document the extraction steps work over: kept paragraphs split into sentences.

Spans always refer to the article's original text, so every field's evidence points at
the characters the user uploaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"approx|est|vs|Gov|Rep|Sen|Prof|Jr|Sr|Co|Corp|Inc|Ltd|etc)|\b[A-Z]|U\.S|U\.K|U\.N|a\.m|p\.m)\.$"
)
# A full stop with no space before a capitalised word ("began.The president") ends a sentence
# too: machine-translated and scraped text often loses the space.
_SENTENCE_END = re.compile(
    r"(?<=[.!?;])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2})"
)


#: A news sentence runs to a few hundred characters (a long one in a report, to two or three
#: thousand); a "sentence" longer than this is a list, a flattened table or a text that lost its
#: full stops, and the steps that look back over a sentence would take quadratic time on it, so
#: it is cut into pieces of at most this length (at this size a piece costs milliseconds).
MAX_SENTENCE_CHARS = 8_000
#: Where a long sentence is cut, best first: a clause boundary, then any space.
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[-–—]\s+|\s+(?:and|but|while|as)\s+")


#: What opens an item of a list: "- 9 over the Tula region;", "• Odesa region".
LIST_MARKS = frozenset({"-", "•", "*", "–", "—", "·"})


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int = 0
    is_title: bool = False
    features: dict = field(default_factory=dict)


@dataclass
class Document:
    text: str
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]


def split_sentences(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    """Sentences of ``text[start:end]`` (one paragraph) with their spans in ``text``."""
    out: list[Sentence] = []
    chunk = text[start:end]
    pos = 0
    for m in _SENTENCE_END.finditer(chunk):
        head = chunk[pos : m.start()].rstrip()
        if _ABBREV.search(head[-8:]) and not head.endswith(";"):
            continue
        if head.strip():
            out.extend(_sentences(text, start + pos, start + m.start(), paragraph))
        pos = m.end()
    if chunk[pos:].strip():
        out.extend(_sentences(text, start + pos, end, paragraph))
    return out


def _sentences(text: str, s: int, e: int, paragraph: int) -> list[Sentence]:
    return [_sentence(text, a, b, paragraph) for a, b in _pieces(text, s, e) if text[a:b].strip()]


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` as spans of at most :data:`MAX_SENTENCE_CHARS`, each cut after the last
    clause boundary (else the last space) that fits; one span for a sentence of normal length."""
    out = []
    while e - s > MAX_SENTENCE_CHARS:
        limit = s + MAX_SENTENCE_CHARS
        cut = None
        for m in _CLAUSE_BREAK.finditer(text, s + MAX_SENTENCE_CHARS // 2, limit):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, limit)
            cut = space + 1 if space > s else limit
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def _sentence(text: str, s: int, e: int, paragraph: int) -> Sentence:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    # (a line break inside a sentence joined back from a wrapped text reads as a space)
    return Sentence(s, e, text[s:e].replace("\n", " "), paragraph)


def build_document(
    text: str, kept_lines: list[tuple[int, int]], title_span: tuple[int, int] | None
) -> Document:
    """Split the kept paragraphs into sentences; the title (if any) is sentence 0."""
    sentences: list[Sentence] = []
    for p, (s, e) in enumerate(kept_lines):
        for sent in split_sentences(text, s, e, p):
            sent.is_title = title_span is not None and s == title_span[0]
            sent.index = len(sentences)
            sentences.append(sent)
    return Document(text, sentences, kept_lines)
