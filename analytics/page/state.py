"""What the page keeps between reruns, and the review and article actions that change it.

Streamlit reruns the whole script on every click, so the open event, the open article and
the message an action left for its panel live in session state. These functions take that
state as a plain mutable mapping (``st.session_state`` is one; a test passes a dict), so the
bookkeeping is the same whichever holds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any, Literal, NamedTuple

from analytics.ingest import set_publication_date
from analytics.labels import column_label
from analytics.store import Store

#: Session keys. The event and article are kept by id, never by row position: the table's
#: rows move when the data or the filters change.
SELECTED = "selected_event"
ARTICLE = "selected_article"
DATE_SHOWN = "article_date_reset"  # the article whose date box is set from the store next run
EPOCH = "events_table_epoch"  # bumped after an action, so no stale row stays highlighted
REVIEW_MESSAGE = "review_message"
ARTICLE_MESSAGE = "article_message"

# Keys typed Any: st.session_state is a mapping of ``str | int`` keys, a test's state a dict of
# ``str`` ones; the page only ever uses the string keys above and widget keys.
State = MutableMapping[Any, Any]
ReadState = Mapping[Any, Any]
ReviewAction = Literal["save", "verify", "reject"]


class Message(NamedTuple):
    """The result of an action, kept for the panel of the event or article it was about."""

    owner: str
    text: str
    ok: bool


# --------------------------------------------------------------------------- selection


def select_event(state: State, event_id: str | None) -> None:
    """Open the detail panel of ``event_id`` (None closes it)."""
    state[SELECTED] = event_id


def picked_row(widget_state: Mapping[str, Any] | None, ids: Sequence[str]) -> str | None:
    """The event id of the row picked in a table, from the rows as they were drawn (a row
    number past them, from a table drawn before a rerun, picks nothing)."""
    rows = list(widget_state["selection"]["rows"]) if widget_state else []
    if rows and 0 <= rows[0] < len(ids):
        return ids[rows[0]]
    return None


def events_table_key(state: ReadState, kind: str) -> str:
    """The events table's widget key: a new one after each action, so Streamlit draws it with
    no row selected instead of highlighting a row that may now be another event."""
    return f"events_table_{kind}_{state.get(EPOCH, 0)}"


def bump_epoch(state: State) -> None:
    """Start a fresh events table next run (see :func:`events_table_key`)."""
    state[EPOCH] = state.get(EPOCH, 0) + 1


def open_article(state: State, article_id: str | None) -> None:
    """Open the article view of ``article_id`` (a falsy id changes nothing: an emptied box)."""
    if article_id:
        state[ARTICLE] = str(article_id)


def close_article(state: State) -> None:
    """Close the article view."""
    state.pop(ARTICLE, None)


# --------------------------------------------------------------------------- messages


def message_for(state: ReadState, key: str, owner: str) -> Message | None:
    """The message under ``key`` if it belongs to ``owner`` (another panel's stays hidden)."""
    message = state.get(key)
    if message and message[0] == owner:
        return Message(*message)
    return None


def record_review(state: State, event_id: str, text: str, ok: bool = True) -> None:
    """Keep the result of a review action for the panel of that event, shown beside its buttons."""
    state[REVIEW_MESSAGE] = Message(event_id, text, ok)
    bump_epoch(state)


# --------------------------------------------------------------------------- actions


def review_event(
    state: State,
    store: Store,
    event_id: str,
    action: ReviewAction,
    field: str = "",
    value: str = "",
    note: str = "",
) -> Message:
    """Apply a review action to one event and record its result for the event's panel: a
    correction of ``field`` to ``value`` (empty: unknown), or confirming or rejecting it. A
    value the store refuses is recorded as a failure with the store's reason."""
    try:
        if action == "save":
            store.correct_event(event_id, field, value.strip() or None, note=note)
            text = f"Saved for event {event_id}: {column_label(field)} = {value.strip() or 'unknown'}"
        else:
            store.set_review_status(event_id, "verified" if action == "verify" else "rejected")
            text = f"Event {event_id} {'confirmed' if action == 'verify' else 'rejected'}"
    except ValueError as exc:
        record_review(state, event_id, f"Not saved: {exc}", ok=False)
    else:
        record_review(state, event_id, text)
    return Message(*state[REVIEW_MESSAGE])


def date_box_key(state: State, article_id: str, stored: dt.date | None) -> str:
    """The key of an article's publication-date box, given the stored date when it first shows
    and after an action (a keyed box keeps what was last submitted whatever ``value`` says,
    and the date extracted against may differ from the one typed). Call it before the box is
    drawn, so the browser is told the new value too."""
    box = f"published_day_{article_id}"
    if box not in state or state.get(DATE_SHOWN) == article_id:
        state.pop(DATE_SHOWN, None)
        state[box] = stored
    return box


def set_article_date(
    state: State, store: Store, article_id: str, day: dt.date | None, *, from_text: bool
) -> Message:
    """Extract an article again against ``day`` (``from_text``: against the date in its text),
    keeping the user's corrections, and record the result for the article view."""
    if not from_text and day is None:
        state[ARTICLE_MESSAGE] = Message(article_id, "Choose a date first.", False)
        return state[ARTICLE_MESSAGE]
    result = set_publication_date(store, article_id, None if from_text or day is None else day)
    against = "the date in the text" if from_text or day is None else day.isoformat()
    state[ARTICLE_MESSAGE] = Message(
        article_id,
        f"Extracted again against {against}: {result.reports} strike reports, in {result.events} events.",
        True,
    )
    bump_epoch(state)
    state[DATE_SHOWN] = article_id  # the box shows the stored date next run
    return state[ARTICLE_MESSAGE]
