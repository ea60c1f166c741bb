"""Words of Ukrainian and Russian through pymorphy3's dictionaries: lemmas, parts of speech,
people's names and their transliteration, for the gloss (analytics/extract/gloss.py).

The dictionaries ship inside the pymorphy3-dicts-uk and pymorphy3-dicts-ru packages and are
loaded on the first Ukrainian or Russian word only.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse


@cache
def analyzer(lang: str) -> MorphAnalyzer:
    import pymorphy3  # loaded on the first non-English text only

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=200_000)
def parses(word: str, lang: str) -> tuple[Parse, ...]:
    """pymorphy3's readings of a lowered word, likeliest first (each word is parsed once)."""
    return tuple(analyzer(lang).parse(word))


@lru_cache(maxsize=200_000)
def known(word: str, lang: str) -> bool:
    return bool(analyzer(lang).word_is_known(word))


@lru_cache(maxsize=200_000)
def lemmas(word: str, lang: str) -> frozenset[str]:
    """Every lemma pymorphy3 gives the word, with the lowered word itself."""
    low = word.lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")
    out = {low}
    for p in parses(low, lang):
        out.add(p.normal_form)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def primary_lemma(word: str, lang: str) -> str:
    """The lemma of the word's likeliest reading (pymorphy3's first parse)."""
    found = parses(word.lower(), lang)
    return str(found[0].normal_form) if found else word.lower()


@lru_cache(maxsize=50_000)
def is_noun(word: str, lang: str) -> bool:
    """Whether the word's likeliest reading is a noun (as place names are) or one the dictionary
    does not know."""
    found = parses(word.lower(), lang)
    return not found or "NOUN" in found[0].tag or not known(word.lower(), lang)


@lru_cache(maxsize=50_000)
def is_plural(word: str, lang: str) -> bool:
    """Whether the word's likeliest reading is plural."""
    found = parses(word.lower(), lang)
    return bool(found) and "plur" in found[0].tag


_NAME_TAGS = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Abbr"})


@lru_cache(maxsize=50_000)
def name_lemma(word: str, lang: str, gender: str = "") -> str | None:
    """A name's nominative ("Олещука" -> "олещук"): for a word the dictionary reads as a name,
    or does not know; ``None`` for a common word (a capitalised sentence opening). ``gender``
    ("masc", "femn"), the given name's before it, picks between a man's and a woman's reading
    ("Олега Синєгубова" is his genitive, not her nominative)."""
    low = word.lower()
    names = [p for p in parses(low, lang) if _NAME_TAGS & grammemes(p)]
    if gender:
        names = sorted(names, key=lambda p: gender not in grammemes(p))
    if names:
        return str(names[0].normal_form)
    return None if known(low, lang) else low


def grammemes(parse: Parse) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


@lru_cache(maxsize=50_000)
def given_name_gender(word: str, lang: str) -> str:
    """ "masc" or "femn" when the word reads as a given name, else "" (its case too: "masc,gent")."""
    for p in parses(word.lower(), lang):
        g = grammemes(p)
        if "Name" in g:
            case = next((c for c in _OBLIQUE if c in g), "")
            return ("masc" if "masc" in g else "femn" if "femn" in g else "") + ("," + case if case else "")
    return ""


#: A man's surname after his given name in an oblique case: the case's endings, dropped when
#: the dictionary does not know him ("Олега Синєгубова" -> "Синєгубов").
_OBLIQUE = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("ові", "у", "ю"),
    "ablt": ("ом", "ем", "им"),
    "loct": ("ові", "і"),
}


def surname_lemma(word: str, lang: str, given: str) -> str | None:
    """The nominative of a surname after a given name whose gender and case ``given`` tells."""
    gender, _, case = given.partition(",")
    lemma = name_lemma(word, lang, gender)
    if gender == "masc" and case and lemma is not None and lemma.endswith(("а", "я")):
        low = word.lower()
        for ending in _OBLIQUE[case]:
            if low.endswith(ending) and len(low) > len(ending) + 2:
                return low[: -len(ending)]
    return lemma


_TRANSLIT = {
    "uk": dict(
        zip(
            "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
            "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia _".split(),
            strict=True,
        )
    ),
    "ru": dict(
        zip(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            "a b v g d e yo zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
            strict=True,
        )
    ),
}
#: Letters that open a word are written as their own sound ("Єрмак" -> "Yermak", "Евгений" ->
#: "Yevgeny"); a Russian "-ий"/"-ый" ending is "y" ("Дмитрий" -> "Dmitry").
_INITIAL = {"uk": {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}, "ru": {"е": "ye", "ё": "yo"}}


def transliterate(word: str, lang: str) -> str:
    """A Cyrillic word in Latin letters, as English news spells Ukrainian and Russian names."""
    table = _TRANSLIT[lang]
    low = word.lower()
    if lang == "ru":
        low = re.sub(r"[иы]й$", "ы", low)
    out = []
    for i, ch in enumerate(low):
        if i == 0 and ch in _INITIAL[lang]:
            out.append(_INITIAL[lang][ch])
        else:
            t = table.get(ch, ch)
            out.append("" if t == "_" else t)
    s = "".join(out)
    return s[:1].upper() + s[1:]


@lru_cache(maxsize=200_000)
def likeliest(word: str, lang: str) -> frozenset[str]:
    """The grammemes of the word's likeliest reading ("NOUN", "ADJF", "Impe", "pssv"...)."""
    found = parses(word.lower(), lang)
    return frozenset(grammemes(found[0])) if found else frozenset()
