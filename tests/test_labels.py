"""The one date formatter (analytics/labels.py): table-driven, scalar and vectorised alike."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import labels
from analytics.labels import APPROX, UNKNOWN, coarser_than, date_label, date_labels
from analytics.models import DATE_PRECISIONS

FRI = dt.date(2024, 3, 15)  # a Friday; its week starts on Monday 2024-03-11

CASES = [
    # (date, precision, shown as)
    (FRI, "day", "2024-03-15"),
    (FRI, "week", "week of 2024-03-11 (approx.)"),
    (dt.date(2024, 3, 11), "week", "week of 2024-03-11 (approx.)"),  # a Monday is its own week
    (dt.date(2024, 3, 17), "week", "week of 2024-03-11 (approx.)"),  # ... and Sunday ends it
    (dt.date(2024, 1, 1), "week", "week of 2024-01-01 (approx.)"),
    (dt.date(2023, 1, 1), "week", "week of 2022-12-26 (approx.)"),  # the week crosses the year
    (FRI, "month", "2024-03 (month, approx.)"),
    (dt.date(2024, 3, 1), "month", "2024-03 (month, approx.)"),
    (dt.date(2024, 12, 31), "month", "2024-12 (month, approx.)"),
    (FRI, "unknown", "unknown"),  # a placeholder date is never shown
    (None, "unknown", "unknown"),
    (None, "day", "unknown"),  # no date at all
    (None, "month", "unknown"),
    (FRI, None, "2024-03-15"),  # missing precision: the store's default, day
    (FRI, "", "2024-03-15"),
    (FRI, float("nan"), "2024-03-15"),
    (FRI, "fortnight", "unknown"),  # not a known precision: never shown as a day
    (pd.Timestamp("2024-03-15"), "month", "2024-03 (month, approx.)"),
    (pd.NaT, "day", "unknown"),
    (np.datetime64("2024-03-15"), "week", "week of 2024-03-11 (approx.)"),
    (dt.datetime(2024, 3, 15, 23, 30), "day", "2024-03-15"),
    ("2024-03-15", "month", "2024-03 (month, approx.)"),
    ("not a date", "day", "unknown"),
    ("", "day", "unknown"),
]


@pytest.mark.parametrize(("date", "precision", "shown"), CASES)
def test_date_label(date, precision, shown) -> None:
    assert date_label(date, precision) == shown


@pytest.mark.parametrize(("date", "precision", "shown"), CASES)
def test_approximate_dates_are_never_an_exact_day(date, precision, shown) -> None:
    exact = isinstance(shown, str) and len(shown) == 10 and shown[4] == "-" and shown[7] == "-"
    assert exact == (shown not in (UNKNOWN,) and APPROX not in shown)
    if precision in ("week", "month"):
        assert not exact and (APPROX in shown or shown == UNKNOWN)


def test_date_labels_is_date_label_per_row() -> None:
    rows = [(d, p) for d, p, _ in CASES if not isinstance(d, str) or d[:4].isdigit()]
    dates = pd.Series(pd.to_datetime([d for d, _ in rows], errors="coerce"), index=range(10, 10 + len(rows)))
    precisions = pd.Series([p for _, p in rows], index=dates.index, dtype=object)
    got = date_labels(dates, precisions)
    assert list(got.index) == list(dates.index)
    assert got.tolist() == [date_label(d, p) for d, p in zip(dates, precisions, strict=True)]


def test_date_labels_categorical_and_defaults() -> None:
    dates = pd.Series(pd.to_datetime(["2024-03-15", "2024-03-15", None, "2024-03-15"]))
    precisions = pd.Series(["day", "month", "day", "unknown"], dtype="category")
    assert date_labels(dates, precisions).tolist() == [
        "2024-03-15",
        "2024-03 (month, approx.)",
        "unknown",
        "unknown",
    ]
    assert date_labels(dates).tolist() == ["2024-03-15", "2024-03-15", "unknown", "2024-03-15"]
    assert date_labels(pd.Series([], dtype="datetime64[ns]")).tolist() == []


@pytest.mark.parametrize(
    ("precision", "unit", "coarser"),
    [
        ("day", "day", False),
        ("week", "day", True),
        ("week", "week", False),
        ("month", "week", True),
        ("month", "month", False),
        ("unknown", "month", True),
        (None, "day", False),
        ("fortnight", "month", True),
    ],
)
def test_coarser_than(precision, unit, coarser) -> None:
    assert coarser_than(precision, unit) is coarser


def test_unknown_is_the_coarsest_precision() -> None:
    assert DATE_PRECISIONS == ("day", "week", "month", "unknown")


@pytest.mark.parametrize(
    ("field", "code", "words"),
    [
        ("source_type", "ukraine_official", "Ukrainian official"),
        ("weapon", "air_strike", "Air strike"),
        ("weapons", "air_strike", "Air strike"),
        ("attacker", "unknown", "Unknown side"),
        ("review_status", "auto", "Not reviewed"),
        ("date_precision", "month", "Month only"),
        ("weapon", None, "Unknown"),
        ("weapon", float("nan"), "Unknown"),
        ("region", "Kharkiv Oblast", "Kharkiv Oblast"),  # names are already words
    ],
)
def test_codes_in_words(field, code, words):
    assert labels.label(field, code) == words


def test_every_code_of_the_models_has_words():
    from analytics import models

    for field, codes in (
        ("attacker", models.ATTACKERS),
        ("weapon", models.WEAPON_CATEGORIES),
        ("source_type", models.SOURCE_TYPES),
        ("target_type", models.TARGET_TYPES),
        ("review_status", models.REVIEW_STATUSES),
        ("date_precision", models.DATE_PRECISIONS),
        ("published_how", models.PUBLISHED_HOW),
    ):
        assert set(labels.VALUE_LABELS[field]) == set(codes), field


def test_column_headers():
    assert labels.column_label("killed_best") == "Killed (best estimate)"
    assert labels.column_label("review_status") == "Review"
    assert labels.column_label("some_new_column") == "Some new column"


def test_human_frame_keeps_numbers_and_words_codes():
    frame = pd.DataFrame(
        {"weapons": [["drone", "missile"]], "source_type": ["media"], "killed_best": [3], "region": ["X"]}
    )
    out = labels.human_frame(frame)
    assert list(out.columns) == ["Weapons", "Source type", "Killed (best estimate)", "Region code"]
    assert out.iloc[0].tolist() == ["Drone, Missile", "Media", 3, "X"]


def test_human_frame_keeps_two_columns_of_one_label_apart():
    out = labels.human_frame(pd.DataFrame({"region_name": ["A"], "region_label": ["A"]}))
    assert list(out.columns) == ["Region hit", "Region hit (region_label)"]
