"""The words of the page's panels and the values its inputs give, as plain functions.

The event panel's summary line and notes, the article view's header, the events table's
caption, the first-run banner, and the sidebar inputs turned into values (a date range, a
list of addresses, a view's switches). Text from the data is escaped by the caller's
``escape`` (the page's Markdown escaping), so these never decide how Markdown is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import pandas as pd

from analytics import aggregate as agg
from analytics import views
from analytics.labels import VALUE_LABELS, column_label, date_label, human_frame
from analytics.labels import label as word
from analytics.models import Event
from analytics.readers.meta import safe_url
from analytics.store import Store
from analytics.views import ArticleView, ViewOptions

FREQS: dict[agg.Freq, str] = {"day": "Day", "week": "Week", "month": "Month"}


# --------------------------------------------------------------------------- tables


def table_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], str | None]:
    """A frame as a table shows it: links only to web pages (a ``javascript:`` address is
    dropped), codes and headers in words; with its date columns and its link column's header."""
    if "url" in frame:
        frame = frame.assign(url=[safe_url(u) or None for u in frame["url"]])
    frame = human_frame(frame)
    dates = [col for col in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[col])]
    link = column_label("url")
    return frame, dates, link if link in frame else None


def evidence_rows(event: Event, escape: Callable[[Any], str] = str) -> pd.DataFrame:
    """Each value of an event beside the whole sentence it was read from, indexed by the
    field's name in words; a value not read from a sentence says so. The values and sentences
    (the article's own text) go through ``escape``: a table that renders its cells as Markdown
    passes the page's escaping, so nothing in them becomes a live link or image."""
    evidence = views.evidence_table(event)
    shown = pd.DataFrame(
        {
            "Field": [column_label(f) for f in evidence["field"]],
            "Value": [
                escape(word(f, v) if f in VALUE_LABELS else (v or "unknown"))
                for f, v in zip(evidence["field"], evidence["value"], strict=True)
            ],
            "Sentence it was read from": [
                escape(s) if s else "(no sentence: not stated in the text)"
                for s in evidence["evidence sentence"]
            ],
        }
    )
    return shown.set_index("Field")


# --------------------------------------------------------------------------- events


def stored_events(store: Store, event_ids: Sequence[str]) -> list[Event]:
    """The stored events of these ids, leaving out any rebuilt since the page was drawn."""
    events = []
    for eid in event_ids:
        try:
            events.append(store.event(eid))
        except ValueError:
            continue
    return events


def event_line(event: Event) -> str:
    """The event panel's summary: when, who, where, its review status."""
    when = date_label(event.date, event.date_precision)
    place = event.location or event.region_name or event.country
    return f"{when} | {word('attacker', event.attacker)} | {place} | {word('review_status', event.review_status)}"


def not_shown_note(event: Event) -> str:
    """Why the open event is not among the table's rows."""
    if event.review_status == "rejected":
        return (
            "This event is rejected: it is hidden from the table and the charts. "
            "Switch on 'Include rejected events' in the sidebar to list it again."
        )
    return "This event is not in the table's current selection (filters or the latest rows shown)."


def events_caption(shown: int, total: int, kind: str) -> str:
    """The line above the events table: how many rows it shows, and what picking one does."""
    noun = "events" if kind == "events" else "reports"
    return (
        f"The latest {shown:,} of {total:,} {noun} in the selection. "
        "Select a row to see the sentence behind each number and to correct, confirm or reject it."
    )


def pick_choices(ids: Sequence[str]) -> list[str]:
    """The ids the pick-by-id box offers: each once, in table order, none empty."""
    return list(dict.fromkeys(i for i in ids if i))


# --------------------------------------------------------------------------- the article view


def article_header(view: ArticleView, escape: Callable[[Any], str]) -> str:
    """The line under an article's title: outlet, a link to its page (http(s) only), its
    publication date and how many strike reports it gave, parts without a value left out."""
    link = safe_url(view.url)
    parts = (
        escape(view.outlet) if view.outlet else "",
        f"[open the page]({link.replace(')', '%29').replace(' ', '%20')})" if link else "",
        f"Published {escape(view.published_text)}",
        f"{view.reports} strike report{'s' if view.reports != 1 else ''}",
    )
    return " | ".join(p for p in parts if p)


# --------------------------------------------------------------------------- inputs and banners


def samples_banner(loaded: int | None) -> str:
    """The first-run note over a store that holds only the sample articles."""
    return (
        "This store holds the project's sample articles (data/samples), loaded on first run"
        + (f" ({loaded} articles just read)" if loaded else "")
        + ". Upload your own in the sidebar, or start with an empty store."
    )


class ListFilter(NamedTuple):
    """A many-choice filter of the sidebar: its :class:`~analytics.aggregate.Filters` field
    (also its widget key and its key in the filter options), its label, and the labels field
    whose words it shows for the codes it keeps (None: the values are shown as they are)."""

    field: str
    label: str
    coded: str | None = None


#: The sidebar's many-choice filters, in the order they are drawn.
LIST_FILTERS: tuple[ListFilter, ...] = (
    ListFilter("attackers", "Attacking side", "attacker"),
    ListFilter("regions", "Region hit"),
    ListFilter("weapons", "Weapon category", "weapon"),
    ListFilter("systems", "Weapon system"),
    ListFilter("source_types", "Source type", "source_type"),
    ListFilter("languages", "Language", "language"),
    ListFilter("outlets", "Outlet"),
)


def filter_choices(spec: ListFilter, options: agg.FilterOptions) -> tuple[list[str], Callable[[str], str]]:
    """What a filter widget offers (codes) and how it shows each one (words)."""
    if spec.field == "regions":
        regions = options["regions"]
        return list(regions), lambda code: regions.get(code, code)
    values: list[str] = options[spec.field]  # type: ignore[literal-required]  # a LIST_FILTERS key
    coded = spec.coded
    return list(values), (lambda code: word(coded, code)) if coded else str


def filters_of(
    dates: tuple[dt.date | None, dt.date | None], picked: Mapping[str, Sequence[str]], min_sources: int
) -> agg.Filters:
    """The selection from the widgets' values: the date range of :func:`date_range`, the picks of
    each of :data:`LIST_FILTERS` by field, and the minimum number of sources named."""

    def of(field: str) -> tuple[str, ...]:
        return tuple(picked.get(field, ()))

    return agg.Filters(
        start=dates[0],
        end=dates[1],
        attackers=of("attackers"),
        regions=of("regions"),
        weapons=of("weapons"),
        systems=of("systems"),
        source_types=of("source_types"),
        languages=of("languages"),
        outlets=of("outlets"),
        min_sources=int(min_sources),
    )


def urls_of(text: str) -> list[str]:
    """The addresses pasted in a box, one a line, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def date_range(
    picked: Any, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The date filter from the range box: None for a bound left at the data's own (so a new
    upload widens the range), and no bounds while only one end has been picked."""
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        date_from, date_to = picked
    else:
        date_from = date_to = None
    return (
        date_from if date_from and date_from != start else None,
        date_to if date_to and date_to != end else None,
    )


def view_options(freq: str | None, by: str | None = None, cumulative: bool = False) -> ViewOptions:
    """A view's switches as :class:`~analytics.views.ViewOptions` (an unset period is a week)."""
    period: agg.Freq = "week"
    for known in FREQS:
        if freq == known:
            period = known
    return ViewOptions(freq=period, by=by or "attacker", cumulative=bool(cumulative))
