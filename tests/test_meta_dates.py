"""Dates written in a page's header in English, Ukrainian or Russian (analytics.readers.meta,
month names read by dateparser)."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.readers.meta import _month, find_date


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Суспільне | 14 серпня 2025, 08:14", "2025-08-14"),
        ("ТАСС, 23 июня 2024", "2024-06-23"),
        ("Новини Харкова · 3 січня 2026 р.", "2026-01-03"),
        ("Опубликовано 9 ноября 2023 в 21:40", "2023-11-09"),
        ("Kyiv Independent | July 10, 2025 8:14 AM", "2025-07-10"),
        ("By Jane Roe, 3 Sept. 2024", "2024-09-03"),
        ("Ten people 2024 were named", None),
        ("31 лютого 2024", None),
    ],
)
def test_a_header_date_in_any_of_the_three_languages(line: str, day: str | None) -> None:
    found, _ = find_date(line)
    assert found == (dt.date.fromisoformat(day) if day else None)


@pytest.mark.parametrize(
    ("word", "month"),
    [("серпня", 8), ("июня", 6), ("Sept.", 9), ("листопада", 11), ("today", 0), ("Kyiv", 0)],
)
def test_month_names(word: str, month: int) -> None:
    assert _month(word) == month
