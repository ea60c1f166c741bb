"""The user's corrections: which event fields may be corrected, how a typed-in value is checked
(with a plain message when it is wrong) and how a correction changes an event row."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analytics.labels import choices_text, code_of, column_label
from analytics.models import (
    ATTACKERS,
    DATE_PRECISIONS,
    SOURCE_TYPES,
    SUB_EVENT_TYPES,
    TARGET_TYPES,
    TOLL_RANGE_FIELDS,
    WEAPON_CATEGORIES,
    event_from_json,
    record_to_json,
)
from analytics.store.schema import DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, REPORT_FIELDS, json_to_column

#: Event fields a user may correct (``killed``/``killed_best`` and ``wounded``/``wounded_best`` are
#: the same figure: correcting one sets both). ``languages`` is not a reading of the strike but
#: of its articles' text, which a correction does not change.
CORRECTABLE_FIELDS: frozenset[str] = (
    frozenset(REPORT_FIELDS) - {"article", "published", "evidence", "confidence", "languages"}
) | frozenset(TOLL_RANGE_FIELDS)
_ALIASES = {
    "killed": "killed_best",
    "killed_best": "killed",
    "wounded": "wounded_best",
    "wounded_best": "wounded",
}
_WHOLE = INT_COLUMNS | {"geo_precision"}
_CHOICES: dict[str, Sequence[str]] = {
    "attacker": ATTACKERS,
    "date_precision": DATE_PRECISIONS,
    "target_type": TARGET_TYPES,
    "sub_event_type": SUB_EVENT_TYPES,
}


def _kind_message(name: str) -> str:
    """What a value of the field must look like, said to a user (in the words the page uses)."""
    field = column_label(name)
    if name in _WHOLE:
        return f"{field} must be a whole number (or empty for unknown)"
    if name in DATE_COLUMNS:
        return f"{field} must be a date written as year-month-day, such as 2024-03-05"
    if name in FLOAT_COLUMNS:
        return f"{field} must be a number, such as 48.5"
    return f"{field} cannot take that value"


def _as_codes(name: str, value: Any) -> Any:
    """A typed value of a coded field with the page's words turned into codes, so what the
    page shows ("Air strike; Drone") can be typed back."""
    singular = {"weapons": "weapon", "source_types": "source_type"}.get(name, name)
    if not isinstance(value, str):
        return value
    if name in ("weapons", "source_types"):
        return ";".join(str(code_of(singular, v)) for v in value.replace(",", ";").split(";"))
    return code_of(name, value)


def _whole(name: str, value: Any) -> Any:
    """Whole-number fields: refuse 2.5 (which ``int()`` would silently cut to 2) and words."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip()
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(_kind_message(name)) from None
    if number != int(number):
        raise ValueError(_kind_message(name))
    return int(number)


def correction_value(name: str, value: Any) -> Any:
    """The correction's value in JSON form, parsed and checked by the models' rules; a
    ``ValueError`` with a plain sentence when the field or value cannot be used."""
    if name not in CORRECTABLE_FIELDS:
        fields = ", ".join(sorted(column_label(f) for f in CORRECTABLE_FIELDS))
        raise ValueError(f"{column_label(name)} cannot be corrected; correctable fields: {fields}")
    value = _as_codes(name, value)
    if name in _WHOLE:
        value = _whole(name, value)
    try:
        parsed = event_from_json({name: value})
        jvalue = record_to_json(parsed)[name]
    except (TypeError, ValueError, OverflowError):
        raise ValueError(_kind_message(name)) from None
    if name in _CHOICES and jvalue not in _CHOICES[name]:
        raise ValueError(
            f"{column_label(name)} must be one of {choices_text(name, _CHOICES[name])}, not {jvalue!r}"
        )
    if name == "weapons" and set(jvalue) - set(WEAPON_CATEGORIES):
        raise ValueError(f"{column_label(name)} must be among {choices_text('weapon', WEAPON_CATEGORIES)}")
    if name == "source_types" and set(jvalue) - set(SOURCE_TYPES):
        raise ValueError(f"{column_label(name)} must be among {choices_text('source_type', SOURCE_TYPES)}")
    if isinstance(jvalue, int) and not isinstance(jvalue, bool) and jvalue < 0:
        raise ValueError(f"{column_label(name)} cannot be negative")
    return jvalue


def apply_correction(row: dict[str, Any], name: str, jvalue: Any) -> None:
    """Change an event row (column values) by one correction; any field but the review status
    marks the event "corrected"."""
    if name == "review_status":
        row["review_status"] = jvalue
        return
    row[name] = json_to_column(name, jvalue)
    if name in _ALIASES:
        row[_ALIASES[name]] = row[name]
    row["review_status"] = "corrected"


def correct_reports(rows: pd.DataFrame, corrections: Sequence[tuple[str, str, str]]) -> None:
    """Give report rows (column values, with ``event_id``) the corrections of their events, in
    order: (event id, field, JSON value). Fields a report does not have (the event's low and high
    figures) and review decisions (taken from the event itself) are skipped."""
    for event_id, name, value in corrections:
        target = _ALIASES.get(name, name) if name not in rows.columns else name
        if name == "review_status" or target not in rows.columns:
            continue
        mask = (rows["event_id"] == event_id).to_numpy(dtype=bool)
        if mask.any():
            column_value = json_to_column(target, json.loads(value))
            rows[target] = rows[target].astype(object)
            rows.loc[mask, target] = column_value
