import datetime as dt
import json

import pandas as pd
import pytest

from analytics.models import (
    GUIDELINE_FIELDS,
    Article,
    Claim,
    Event,
    Evidence,
    StrikeReport,
    article_from_json,
    article_id,
    article_to_json,
    event_from_json,
    frame_to_records,
    record_to_json,
    records_to_frame,
    report_from_json,
    report_to_guidelines,
    to_json_line,
)
from tests.factories import report


def _report(**kw) -> StrikeReport:
    """The factory's Kharkiv report with every kind of field filled: lists, evidence, dates."""
    full: dict[str, object] = {
        "systems": ["S-300"],
        "launched": 2,
        "wounded": 5,
        "sources": ["regional governor Oleh Syniehubov"],
        "source_types": ["ukraine_official"],
        "article": "a.txt",
        "published": dt.date(2024, 1, 4),
        "evidence": {"wounded": Evidence("Five people were wounded.", 10, 35)},
        "lat": 49.99,
        "lon": 36.23,
    }
    return report(**{**full, **kw})


@pytest.mark.parametrize(
    "a,b",
    [
        ("Hello\r\nworld", "Hello\nworld"),
        ("\ufeffHello\nworld  \n\n\n\n", "Hello\nworld"),
        ("Cafe\u0301", "Caf\u00e9"),
    ],
)
def test_article_id_ignores_encoding_noise(a, b):
    assert article_id(a) == article_id(b)
    assert len(article_id(a)) == 64


def test_article_id_differs_for_different_text():
    assert article_id("one") != article_id("two")


def test_article_defaults_id_and_user_date():
    art = Article(text="Some text", published=dt.date(2024, 1, 4))
    assert art.id == article_id("Some text")
    assert art.published_how == "user"
    assert article_from_json(json.loads(json.dumps(article_to_json(art)))) == art


def test_guidelines_json_has_exactly_the_gold_fields():
    data = report_to_guidelines(_report())
    assert tuple(data) == GUIDELINE_FIELDS
    assert data["date"] == "2024-01-03"
    line = json.loads(to_json_line(_report(), guidelines_only=True))
    assert set(line) == set(GUIDELINE_FIELDS) | {"date_precision", "article"}
    assert line["date_precision"] == "day"


def test_report_json_round_trip():
    rep = _report()
    assert report_from_json(json.loads(json.dumps(record_to_json(rep)))) == rep


def test_event_json_round_trip_with_claims():
    ev = Event(
        **{k: v for k, v in vars(_report()).items()},
        event_id="e1",
        killed_low=1,
        killed_best=2,
        killed_high=3,
        number_of_reports=2,
        number_of_outlets=1,
        review_status="verified",
        claims=[Claim(1, "abc", "Outlet", dt.date(2024, 1, 4), 2, None, ["x"], ["media"])],
    )
    assert event_from_json(json.loads(json.dumps(record_to_json(ev)))) == ev


def test_frame_round_trip_keeps_nulls_and_lists():
    reps = [_report(), _report(killed=3, wounded=None, lat=None, lon=None, region=None, systems=[])]
    frame = records_to_frame(reps)
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame_to_records(frame) == reps
