"""Stage gloss: a Ukrainian or Russian paragraph in the English words the finders know.

The finders after this stage read English. Rather than a second set of finders per language,
each Ukrainian or Russian paragraph is glossed word by word into those English words: every
word is reduced to its lemmas (pymorphy3's dictionaries, through analytics.extract.morph), the lemmas are matched against the
language's gloss table (``data/lexicon/<lang>/gloss.csv``: phrases of lemmas, longest first,
with a ``{N}`` slot for a number) and against the Cyrillic names of places
(``analytics.extract.cyrillic_places``); a capitalised word that neither knows (a person's
name) is transliterated, and any other word is left out. The gloss keeps the paragraphs,
sentence ends and numbers of the text, and a map from each stretch of the gloss back to the
words it came from, so that evidence is shown in the article's own words.

An English paragraph, or a page in English, passes through unchanged.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import cache

from analytics import DATA_DIR
from analytics.extract import cyrillic_places
from analytics.extract.morph import (
    given_name_gender,
    is_noun,
    is_plural,
    lemmas,
    likeliest,
    name_lemma,
    primary_lemma,
    surname_lemma,
    transliterate,
)

LANGUAGES = ("uk", "ru")
GLOSS_DIR = DATA_DIR / "lexicon"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")
#: Share of letters that must be Cyrillic for a paragraph to be read as Ukrainian or Russian.
_CYRILLIC_SHARE = 0.3

_TOKEN = re.compile(
    r"(?P<age>\d+-?(?:річн|рiчн|літн|летн)[^\W\d_]*)"  # "45-річний", "70-летняя"
    r"|(?P<code>[^\W\d_]{1,4}-\d+(?:/\d+)?[^\W\d_]{0,3})"  # a designation: "Х-59/69", "С-300"
    r"|(?P<num>\d+(?:[.,:]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’ʼ`-][^\W\d_]+)*\.?)"
    r"|(?P<punct>[^\w\s])"
)
#: Abbreviations that end with a full stop inside a sentence ("м. Харків", "2024 р.").
_ABBREVIATIONS = frozenset(
    {"м", "с", "смт", "р", "вул", "обл", "г", "ул", "пос", "пгт", "т", "ч", "ст", "див", "тис", "млн"}
)
_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"'})


def paragraph_language(text: str, default: str = "") -> str:
    """ "uk", "ru" or "en" (any other script is read as English): by the share of Cyrillic
    letters, and between the two by the letters only one of them writes; a paragraph with
    neither ("22:09, 29 вересня") is in ``default`` (the article's), else Russian."""
    letters = _LETTER.findall(text)
    cyrillic = [c for c in letters if _CYRILLIC.match(c)]
    if not letters or len(cyrillic) < _CYRILLIC_SHARE * len(letters):
        return "en"
    uk = sum(c in _UK_LETTERS for c in cyrillic)
    ru = sum(c in _RU_LETTERS for c in cyrillic)
    if uk == ru and default in LANGUAGES:
        return default
    # (a Ukrainian paragraph without "і" is rare; a Russian one without "ы" or "э" less so)
    return "uk" if uk > ru else "ru"


def detect_language(text: str) -> str:
    """The language of an article: English unless most of its letters are Cyrillic, then
    Ukrainian or Russian by the letters only one of them writes."""
    if not _CYRILLIC.search(text):
        return "en"
    return paragraph_language(text)


@dataclass(frozen=True)
class Entry:
    """One gloss-table row: a sequence of lemma sets (``None`` for the number slot) and its
    English words."""

    items: tuple[frozenset[str] | None, ...]
    english: str
    example: str
    row: int  # the row's place in the table: between equals, the earlier row wins


def _region_adjective(tok: _Token, lang: str) -> bool:
    return tok.kind == "word" and bool(tok.lemmas(lang) & cyrillic_places.names().adjectives.keys())


def _described(tok: _Token, lang: str) -> bool:
    """Whether the token before a noun already stands where English puts "a": a number, an age,
    an adjective or a determiner."""
    if tok.kind in {"num", "age"} or number_value(tok, lang) is not None:
        return True
    if tok.kind != "word":
        return False
    return bool({"ADJF", "PRTF", "NPRO", "NUMR"} & likeliest(tok.text, lang))


def _parse_pattern(pattern: str) -> list[tuple[frozenset[str] | None, ...]]:
    """ "у|в ніч на; вночі" -> the phrases it allows, each a sequence of lemma sets."""
    return [
        tuple(None if item == "{N}" else frozenset(item.split("|")) for item in phrase.split())
        for phrase in pattern.split(";")
        if phrase.strip()
    ]


@cache
def gloss_table(lang: str) -> dict[str, list[Entry]]:
    """The language's gloss entries, indexed by each lemma their first item takes ("{N}" for
    entries that open with a number), longest first."""
    path = GLOSS_DIR / lang / "gloss.csv"
    index: dict[str, list[Entry]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for n, row in enumerate(rows):
            for items in _parse_pattern(row["pattern"]):
                entry = Entry(items, row["english"], row.get("example", ""), n)
                for key in sorted(items[0]) if items[0] is not None else ["{N}"]:
                    index.setdefault(key, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: len(e.items), reverse=True)
    return index


def number_value(tok: _Token, lang: str) -> str | None:
    """The digits a number token or a number word stands for ("двоє" -> "2")."""
    if tok.kind == "num":
        return tok.text
    if tok.kind != "word":
        return None
    for lemma in tok.lemmas(lang):
        for e in gloss_table(lang).get(lemma, ()):
            if len(e.items) == 1 and e.english.isdigit():
                return e.english
    return None


@dataclass
class _Token:
    kind: str
    text: str
    start: int
    end: int

    def lemmas(self, lang: str) -> frozenset[str]:
        return lemmas(self.text.rstrip("."), lang) if self.kind == "word" else frozenset({self.text.lower()})

    def common(self, lang: str) -> bool:
        return self.kind == "word" and not is_noun(self.text.rstrip("."), lang)


def _tokens(text: str, offset: int) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        word = m.group()
        if kind == "word" and word.endswith(".") and word[:-1].lower() not in _ABBREVIATIONS:
            # the full stop ends the sentence, not an abbreviation
            out.append(_Token("word", word[:-1], offset + m.start(), offset + m.end() - 1))
            out.append(_Token("punct", ".", offset + m.end() - 1, offset + m.end()))
            continue
        out.append(_Token(kind, word, offset + m.start(), offset + m.end()))
    return out


@dataclass(frozen=True)
class Gloss:
    """An article's gloss and the map from its stretches back to the article's text.

    ``pieces`` holds ``(gloss_start, gloss_end, text_start, text_end, exact)``, sorted; an
    exact piece is text copied unchanged (an English paragraph), mapped character by character.
    """

    text: str
    language: str
    pieces: tuple[tuple[int, int, int, int, bool], ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The article's span that the gloss's ``[start, end)`` came from."""
        if not self.pieces:
            return start, end
        starts = [p[0] for p in self.pieces]
        return self._point(start, starts, False), self._point(max(start, end - 1), starts, True)

    def _point(self, pos: int, starts: list[int], closing: bool) -> int:
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        g0, g1, t0, t1, exact = self.pieces[i]
        if exact:
            return min(t0 + (pos - g0) + (1 if closing else 0), t1)
        return t1 if closing else t0


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[tuple[int, int, int, int, bool]] = []
        self.sentence_open = True  # the next word opens a sentence: capitalised
        self.glue = True  # the next word or opening mark follows without a space
        self.quote_open = False

    def _add(self, s: str, t0: int, t1: int, exact: bool = False) -> None:
        self.pieces.append((self.length, self.length + len(s), t0, t1, exact))
        self.parts.append(s)
        self.length += len(s)

    def _space(self) -> None:
        if not self.glue:
            self.parts.append(" ")
            self.length += 1

    def raw(self, s: str, t0: int, exact: bool = False) -> None:
        self._add(s, t0, t0 + len(s), exact)
        self.sentence_open = self.glue = True
        self.quote_open = False

    def word(self, s: str, t0: int, t1: int) -> None:
        if not s:
            return
        if s.startswith("the ") and self.parts and self.parts[-1].endswith(" the"):
            s = s[4:]  # "the head of the" + "the Air Force"
        if self.sentence_open:
            s = s[:1].upper() + s[1:]
            self.sentence_open = False
        self._space()
        self._add(s, t0, t1)
        self.glue = False

    def punct(self, s: str, t0: int, t1: int) -> None:
        opening = s == "(" or (s == '"' and not self.quote_open)
        if s == '"':
            self.quote_open = not self.quote_open
        if s in "—–-" and self.parts and self.parts[-1] in {'"', ","}:
            s = ","  # '"...", - said the governor': the dash after a quote is the comma of its tag
        if opening or s in "—–":
            self._space()
        self._add(s, t0, t1)
        self.glue = opening
        if s in ".!?":
            self.sentence_open = True


def gloss_article(text: str) -> Gloss:
    """The article with each Ukrainian or Russian paragraph glossed into English words."""
    language = detect_language(text)
    if language == "en":
        return Gloss(text, "en", ())
    w = _Writer()
    pos = 0
    context: set[str] = set()
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lang = paragraph_language(body, language)
        if lang == "en":
            w.raw(body, pos, exact=True)
        else:
            _gloss_paragraph(body, pos, lang, w, context)
        if len(body) < len(line):
            w.raw("\n", pos + len(body))
        pos += len(line)
    return Gloss("".join(w.parts), language, tuple(w.pieces))


def _match(tokens: list[_Token], i: int, lang: str) -> tuple[Entry, int, str | None] | None:
    """The longest gloss entry that starts at token ``i``: (entry, tokens used, number)."""
    tok = tokens[i]
    table = gloss_table(lang)
    candidates: list[Entry] = []
    if tok.kind in {"word", "code"}:
        for lemma in tok.lemmas(lang):
            candidates += table.get(lemma, ())
    if number_value(tok, lang) is not None:
        candidates += table.get("{N}", ())
    # longest first; between equals, the one that names the word as written ("серед" is among,
    # though its likeliest lemma is a weekday's), then the one that reads it as its likeliest
    # lemma ("Удар" is the noun, not the verb's imperative)
    primary = primary_lemma(tok.text.rstrip("."), lang) if tok.kind == "word" else ""
    written = tok.text.rstrip(".").lower()

    def rank(e: Entry) -> tuple[int, bool, bool, int]:
        first = e.items[0]
        return (
            -len(e.items),
            not (first is not None and written in first),
            not (first is not None and primary in first),
            e.row,
        )

    candidates.sort(key=rank)
    for e in candidates:
        j, number = i, None
        for item in e.items:
            if j >= len(tokens):
                break
            t = tokens[j]
            if item is None:
                value = number_value(t, lang)
                if value is None:
                    break
                # a second number is the second slot: "17 з 25" -> "{N} of {N2}"
                number = value if number is None else number + "\x00" + value
            elif t.kind not in {"word", "code"} or not (item & t.lemmas(lang)):
                break
            j += 1
        else:
            return e, j - i, number
    return None


def _english(entry: Entry, number: str | None, tokens: list[_Token], i: int, used: int, lang: str) -> str:
    """The entry's English: "{N}" filled; "a/b" picks the plural b for a plural word, or after a
    number above one."""
    first, _, second = (number or "").partition("\x00")
    out = entry.english.replace("{N2}", second).replace("{N}", first)
    if out.startswith("^"):
        # a noun English gives "the" when nothing describes it ("над територією області" is
        # over the region; "Харківська область" stays "Kharkiv region")
        out = out[1:]
        if not (i > 0 and _described(tokens[i - 1], lang)) and not (
            i > 0 and _region_adjective(tokens[i - 1], lang)
        ):
            out = "/".join("the " + f for f in out.split("/"))
    forms = out.split("/")
    if len(forms) != 2:
        return out
    last = tokens[i + used - 1]
    # a number up to three words before counts what the word names ("23 ударні безпілотники")
    before = next(
        (v for t in reversed(tokens[max(0, i - 3) : i]) if (v := number_value(t, lang)) is not None), None
    )
    plural = (before is not None and before != "1") or (before is None and is_plural(last.text, lang))
    if plural:
        return forms[1]
    # "a civilian": an article English needs, unless a number or a describing word comes first
    # ("1 civilian", "a 45-year-old man", "another man")
    if forms[0].startswith("a ") and i > 0 and _described(tokens[i - 1], lang):
        return forms[0][2:]
    return forms[0]


def _gloss_paragraph(body: str, offset: int, lang: str, w: _Writer, context: set[str] | None = None) -> None:
    """Gloss one paragraph into ``w``; ``context`` collects the regions of the places named so
    far in the article (a name several places bear is read as the one in such a region)."""
    context = set() if context is None else context
    tokens = _tokens(body, offset)
    i = 0
    negated = False  # a negative pronoun ("ніхто", "никто") earlier in the sentence
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "punct":
            if _elided_verb_dash(tokens, i, lang):
                i += 1  # "ще десять – отримали поранення": the dash stands for nothing English writes
                continue
            w.punct(tok.text.translate(_QUOTES), tok.start, tok.end)
            negated = negated and tok.text not in ".!?"
            i += 1
            continue
        if _no_casualties(tokens, i, lang):
            w.word("there were no casualties", tok.start, tok.end)
            i += 1
            continue
        found = _match(tokens, i, lang)
        if found is not None:
            entry, used, number = found
            english = _english(entry, number, tokens, i, used, lang)
            if used == 1 and _passive(tokens, i, lang) and _past_verb(english):
                english = "were " + english  # "зафіксовані у ... областях": were recorded
            # "Ніхто з мешканців не постраждав": the "не" after a negative pronoun is its
            # concord, not a second negation ("no one ... was hurt")
            if english == "not" and negated:
                english = ""
            negated = negated or english == "no one"
            w.word(english, tok.start, tokens[i + used - 1].end)
            i += used
            continue
        if tok.kind == "num":
            w.word(tok.text, tok.start, tok.end)
            i += 1
            continue
        if tok.kind == "code":
            w.word(_code(tok.text, lang), tok.start, tok.end)
            i += 1
            continue
        if tok.kind == "age":
            w.word("a " + re.match(r"\d+", tok.text).group() + "-year-old", tok.start, tok.end)  # type: ignore[union-attr]
            i += 1
            continue
        capital = tok.text[:1].isupper() and bool(_CYRILLIC.match(tok.text))
        before = tokens[i - 1] if i > 0 and tokens[i - 1].kind == "word" else None
        given = (
            given_name_gender(before.text, lang) if before is not None and before.text[:1].isupper() else ""
        )
        place = (
            cyrillic_places.match(tokens, i, lang, context)
            if (capital or i == 0) and not given and not _opens_a_name(tokens, i, lang)
            else None
        )
        if place is not None:
            w.word(place.english, tok.start, tokens[i + place.size - 1].end)
            if place.region:
                context.add(place.region)
            i += place.size
            continue
        if capital:
            # a person's name: "Роман Бусаргін" is no town Roman, "Віталій Кличко" no village
            name = surname_lemma(tok.text, lang, given) if given else name_lemma(tok.text, lang)
            if name is not None:
                w.word(transliterate(name, lang), tok.start, tok.end)
        elif not _CYRILLIC.search(tok.text):
            w.word(tok.text, tok.start, tok.end)  # a Latin word inside the text ("Shahed")
        i += 1


#: "None" that ends a clause, and the words of people hurt or killed it may deny.
_NONE_WORDS = frozenset({"нет", "немає", "нема"})
_TOLL_NOUNS = frozenset(
    {"пострадать", "пострадавший", "погибший", "погибнуть", "жертва", "раненый", "ранить",
     "постраждалий", "постраждати", "загиблий", "поранений", "травмований"}
)  # fmt: skip


_PAST_IRREGULAR = frozenset({"hit", "struck", "shot down", "downed", "broke out", "fell"})


def _past_verb(english: str) -> bool:
    return english in _PAST_IRREGULAR or bool(re.fullmatch(r"[a-z]+ed", english))


def _passive(tokens: list[_Token], i: int, lang: str) -> bool:
    """A passive told as a statement: an impersonal form ("зафіксовано", "пошкоджено"), a short
    participle ("повреждены"), or a participle that no noun follows ("будинки пошкоджені")."""
    g = likeliest(tokens[i].text, lang)
    if "Impe" in g or "PRTS" in g:
        return True
    if "pssv" in g and ("ADJF" in g or "PRTF" in g):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return nxt is None or nxt.kind != "word" or not is_noun(nxt.text, lang)
    return False


def _no_casualties(tokens: list[_Token], i: int, lang: str) -> bool:
    """ "пострадавших и разрушений в регионе нет", "загиблих серед мешканців немає": a "none"
    that denies the hurt or killed named earlier in its clause (words between them)."""
    if tokens[i].kind != "word" or tokens[i].text.lower() not in _NONE_WORDS:
        return False
    j = i - 1
    while j >= 0 and i - j <= 8 and not (tokens[j].kind == "punct" and tokens[j].text in ".;:!?—–"):
        if tokens[j].kind == "word" and tokens[j].lemmas(lang) & _TOLL_NOUNS:
            return i - j > 1  # (next to it, the table's phrases already say it)
        j -= 1
    return False


def _elided_verb_dash(tokens: list[_Token], i: int, lang: str) -> bool:
    """A dash between a count and the verb of its toll ("ще десять – отримали поранення",
    "двое — погибли"): English puts the count before the verb with nothing between."""
    if tokens[i].text not in "—–-" or i == 0 or i + 1 >= len(tokens):
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return (
        number_value(before, lang) is not None
        and after.kind == "word"
        and bool(after.lemmas(lang) & _TOLL_VERBS)
    )


#: Verbs (and the noun of "отримали поранення") of a toll told after its count.
_TOLL_VERBS = frozenset(
    {"загинути", "погибнуть", "поранити", "ранить", "постраждати", "пострадать", "отримати", "получить",
     "травмувати", "травмировать", "госпіталізувати", "госпитализировать"}
)  # fmt: skip


def _opens_a_name(tokens: list[_Token], i: int, lang: str) -> bool:
    """A given name followed by a capitalised noun (a surname, or a word the dictionary does not
    know): a person, not a place ("Роман Бусаргин", "Сергій Лисак", "Владимир Сальдо")."""
    if i + 1 >= len(tokens) or tokens[i + 1].kind != "word" or not tokens[i + 1].text[:1].isupper():
        return False
    # ("Олександрія Кіровоградської області": a place, then its region's adjective)
    return given_name_gender(tokens[i].text, lang) != "" and is_noun(tokens[i + 1].text, lang)


def _code(text: str, lang: str) -> str:
    """A designation in Cyrillic letters in Latin ones: "Х-59" -> "Kh-59", "С-300" -> "S-300"."""
    m = re.match(r"([^\W\d_]+)(.*)", text)
    if m is None or not _CYRILLIC.search(m.group(1)):
        return text
    letters = m.group(1)
    latin = "".join(transliterate(c, lang) for c in letters)
    rest = re.sub(r"[\u0400-\u04ff]", lambda c: transliterate(c.group(), lang).upper(), m.group(2))
    return (latin.upper() if len(letters) > 1 and not latin.startswith("Kh") else latin) + rest
