"""Strike-events dashboard: upload articles, see, filter and download the strikes they report.

A thin layer: read widgets, call ``analytics``, show results. Everything from the data is
shown as text (tables, ``st.text``), never as HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from analytics import aggregate as agg
from analytics import export as data_export
from analytics import export_figures as xf
from analytics import first_run, results, settings, views
from analytics.ingest import ingest_uploads, set_publication_date
from analytics.labels import VALUE_LABELS, column_label, date_label, human_frame, markdown_text
from analytics.labels import label as word
from analytics.readers import SUPPORTED_EXTENSIONS, max_file_bytes
from analytics.readers.meta import safe_url
from analytics.store import CORRECTABLE_FIELDS, EVENT_FIELDS, Store, default_db_path
from analytics.web import ingest_urls

ROOT = Path(__file__).resolve().parent
KINDS = {"events": "Merged events", "reports": "Individual reports"}
FREQ_OPTIONS = {"day": "Day", "week": "Week", "month": "Month"}
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": xf.TOPOJSON_URL}

st.set_page_config(page_title="Strike events", layout="wide")


# --------------------------------------------------------------------------- cached loaders


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    return Store(path)


@st.cache_resource(show_spinner=False)
def image_export_status() -> tuple[bool, str]:
    """Start the kaleido server once per process; say why not when there is no Chromium."""
    ok, reason = xf.chromium_status()
    if ok:
        try:
            xf.start_image_server()
        except Exception as exc:  # noqa: BLE001 - shown to the user instead of the buttons
            return False, f"PNG and SVG export is unavailable: {exc}"
    return ok, reason


@st.cache_resource(max_entries=2, show_spinner="Loading the stored events...")
def load_frame(path: str, version: int, kind: str, include_rejected: bool = False) -> pd.DataFrame:
    """The prepared analysis frame, one per store version and kind.

    A resource cache, not a data cache: st.cache_data would unpickle a copy of a
    million-row frame on every rerun; the frame is treated as read-only.
    """
    return views.load_frame(get_store(path), kind, include_rejected)


@st.cache_data(max_entries=2, show_spinner=False)
def load_event_outlets(path: str, version: int) -> pd.DataFrame:
    return agg.event_outlets_of(get_store(path).reports_frame())


@st.cache_data(max_entries=4, show_spinner=False)
def load_options(path: str, version: int, kind: str, include_rejected: bool = False) -> dict[str, Any]:
    outlets = load_event_outlets(path, version) if kind == "events" else None
    return agg.filter_options(load_frame(path, version, kind, include_rejected), outlets)


@st.cache_data(max_entries=2, show_spinner=False)
def load_reports(path: str, version: int) -> pd.DataFrame:
    return get_store(path).reports_frame()


def table(frame: pd.DataFrame, **kwargs: Any) -> Any:
    """st.dataframe for people: codes and headers in words (:func:`analytics.labels.human_frame`),
    dates shown as dates, http(s) links clickable (all cells are text)."""
    if "url" in frame:
        frame = frame.assign(url=[safe_url(u) or None for u in frame["url"]])
    frame = human_frame(frame)
    config: dict[str, Any] = {
        col: st.column_config.DateColumn(col)
        for col in frame.columns
        if pd.api.types.is_datetime64_any_dtype(frame[col])
    }
    link = column_label("url")
    if link in frame:
        config[link] = st.column_config.LinkColumn(link)
    config.update(kwargs.pop("column_config", {}))
    return st.dataframe(frame, hide_index=True, width="stretch", column_config=config, **kwargs)


def evidence_list(event: Any) -> None:
    """Each value of an event beside the whole sentence it was read from (a static table:
    long sentences wrap instead of being cut)."""
    evidence = views.evidence_table(event)
    # st.table renders each cell as Markdown: the sentences and values are the article's own
    # text, so a link or an image in them would become live (an image is fetched on opening)
    shown = pd.DataFrame(
        {
            "Field": [column_label(f) for f in evidence["field"]],
            "Value": [
                plain(word(f, v) if f in VALUE_LABELS else (v or "unknown"))
                for f, v in zip(evidence["field"], evidence["value"], strict=True)
            ],
            "Sentence it was read from": [
                plain(s) if s else "(no sentence: not stated in the text)"
                for s in evidence["evidence sentence"]
            ],
        }
    )
    st.table(shown.set_index("Field"))


def plain(text: Any) -> str:
    """Text from the data or the user, shown literally wherever Streamlit renders Markdown
    (:func:`analytics.labels.markdown_text`: no link, autolink, image or markup)."""
    return markdown_text(text)


# --------------------------------------------------------------------------- sidebar: upload


def show_ingest_result(rows: list[dict[str, Any]], noun: str = "files") -> None:
    """What became of the last upload (:func:`analytics.results.ingest_report`): success only when
    every file was read, each failure with its reason, then a line per file and zip entry."""
    report = results.ingest_report(rows, noun)
    if report is None:
        return
    getattr(st, report.level)(report.headline)
    for name, reason in report.failures:
        st.error(f"{plain(name)}: {plain(reason)}", icon=":material/error:")
    st.markdown("\n".join(f"{'  ' * d}- {plain(name)}: {plain(what)}" for d, name, what in report.lines))
    if report.note:
        st.caption(report.note)


def upload_form(store: Store) -> None:
    st.header("Add articles")
    types = sorted(ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS)
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            "Article files",
            type=types,
            accept_multiple_files=True,
            help=f"{', '.join(types)}; up to {max_file_bytes() // (1024 * 1024)} MB each.",
        )
        published = st.date_input("Publication date (for files without one)", value=None)
        outlet = st.text_input("Outlet (for files without one)", value="")
        submitted = st.form_submit_button("Read and extract", type="primary")
    if submitted and files:
        bar = st.progress(0.0, text="Reading...")

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(done / max(total, 1), text=f"{int(done)} of {total} files: {plain(name)}")

        summary = ingest_uploads(
            [(f.name, f.getvalue()) for f in files],
            store,
            published=published,
            outlet=outlet.strip() or None,
            progress=progress,
        )
        bar.empty()
        st.session_state["last_ingest"] = results.ingest_rows(summary)
        if summary.articles_new:
            # Redraw from the top: the sample-data banner and the counts above were drawn
            # before these articles were in; the result stays in the session.
            st.rerun()
    elif submitted:
        st.warning("Choose one or more files first.")
    if st.session_state.get("last_ingest"):
        show_ingest_result(st.session_state["last_ingest"])


def web_form(store: Store) -> None:
    """Paste addresses: each page is fetched (with the safety rules of analytics.web.fetch),
    read, extracted and stored, with a result per address."""
    st.header("From the web")
    with st.form("web", clear_on_submit=True):
        text = st.text_area("Article URLs, one a line", height=90, placeholder="https://...")
        submitted = st.form_submit_button("Fetch and extract")
    if submitted:
        urls = [line.strip() for line in text.splitlines() if line.strip()]
        if not urls:
            st.warning("Paste one or more addresses first.")
            return
        bar = st.progress(0.0, text="Fetching...")

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(done / max(total, 1), text=f"{done} of {total} addresses")

        summary = ingest_urls(urls, store, progress=progress)
        bar.empty()
        st.session_state["last_web"] = results.ingest_rows(summary)
        if summary.articles_new:
            st.rerun()
    if st.session_state.get("last_web"):
        show_ingest_result(st.session_state["last_web"], noun="addresses")


# --------------------------------------------------------------------------- sidebar: filters


def words(field: str) -> Any:
    return lambda code: word(field, code)  # a widget keeps the code, shows the words


def filter_widgets(options: dict[str, Any]) -> agg.Filters:
    st.header("Filters")
    start, end = options["start"], options["end"]
    dates: Any = ()
    if start and end:
        dates = st.date_input(
            "Date range (date of the strike)",
            value=(start, end),
            min_value=start,
            max_value=end,
            key=f"dates_{start}_{end}",  # a new data range (an upload) resets the widget to all of it
        )
    if isinstance(dates, (tuple, list)) and len(dates) == 2:
        date_from, date_to = dates
    else:
        date_from = date_to = None
    regions = options["regions"]
    filters = agg.Filters(
        start=date_from if date_from and date_from != start else None,
        end=date_to if date_to and date_to != end else None,
        attackers=tuple(
            st.multiselect(
                "Attacking side", options["attackers"], format_func=words("attacker"), key="attackers"
            )
        ),
        regions=tuple(
            st.multiselect(
                "Region hit", list(regions), format_func=lambda r: regions.get(r, r), key="regions"
            )
        ),
        weapons=tuple(
            st.multiselect("Weapon category", options["weapons"], format_func=words("weapon"), key="weapons")
        ),
        systems=tuple(st.multiselect("Weapon system", options["systems"], key="systems")),
        source_types=tuple(
            st.multiselect(
                "Source type", options["source_types"], format_func=words("source_type"), key="source_types"
            )
        ),
        outlets=tuple(st.multiselect("Outlet", options["outlets"], key="outlets")),
        min_sources=int(
            st.number_input(
                "Minimum number of sources named",
                min_value=0,
                max_value=max(int(options["max_sources"]), 0) + 1,
                value=0,
                step=1,
                key="min_sources",
            )
        ),
    )
    return filters


# --------------------------------------------------------------------------- downloads


def chart(fig: Any, key: str) -> None:
    """A chart with its PNG, SVG and interactive HTML downloads (built only when clicked)."""
    st.plotly_chart(fig, key=f"chart_{key}", config=PLOTLY_CONFIG)
    images_ok, reason = image_export_status()
    # Buttons sized to their labels and wrapping onto a new line, never squeezed to "P".
    row = st.container(horizontal=True, gap="small")
    if images_ok:
        images = (
            ("png", xf.figure_to_png, "image/png", ":material/image:"),
            ("svg", xf.figure_to_svg, "image/svg+xml", ":material/draw:"),
        )
        for ext, render, mime, icon in images:
            row.download_button(
                ext.upper(),
                data=lambda render=render: render(fig),
                file_name=f"{key}.{ext}",
                mime=mime,
                key=f"{ext}_{key}",
                on_click="ignore",
                icon=icon,
            )
    row.download_button(
        "HTML",
        data=lambda: xf.figure_to_html(fig),
        file_name=f"{key}.html",
        mime="text/html",
        key=f"html_{key}",
        on_click="ignore",
        icon=":material/code:",
        help="Interactive chart, works offline",
    )
    if not images_ok:
        st.caption(reason)


def data_downloads(frame: pd.DataFrame, mask: Any, kind: str, report: Any, path: str) -> None:
    st.header("Download")
    st.caption(f"The {int(mask.sum()):,} filtered {'events' if kind == 'events' else 'reports'}.")

    def selection() -> pd.DataFrame:
        """The filtered rows with every stored column (built when a button is clicked)."""
        out = frame[mask].drop(columns=["n_sources"], errors="ignore")
        if kind == "events" and len(out):
            out = views.with_details(get_store(path), out, columns=EVENT_FIELDS)
        for col in out.columns:
            if isinstance(out[col].dtype, pd.CategoricalDtype):
                out[col] = out[col].astype(str)
        return out

    buttons = [
        ("CSV", data_export.frame_to_csv, "csv", "text/csv"),
        ("Excel", data_export.frame_to_xlsx, "xlsx", "application/vnd.ms-excel"),
        ("JSON", data_export.frame_to_json, "json", "application/json"),
    ]
    cols = st.columns(3)
    for col, (label, fn, ext, mime) in zip(cols, buttons, strict=False):
        col.download_button(
            label,
            data=lambda fn=fn: fn(selection()),
            file_name=f"strike-{kind}.{ext}",
            mime=mime,
            key=f"data_{ext}",
            on_click="ignore",
        )
    if kind == "events":
        st.download_button(
            "ACLED-style CSV",
            data=lambda: data_export.frame_to_csv(data_export.events_to_acled(selection())),
            file_name="strike-events-acled.csv",
            mime="text/csv",
            key="data_acled",
            on_click="ignore",
        )
    st.download_button(
        "Report of every view (HTML)",
        data=report,
        file_name="strike-report.html",
        mime="text/html",
        key="report_html",
        on_click="ignore",
        icon=":material/description:",
    )


# --------------------------------------------------------------------------- views


def show_overview(view: views.View, options: views.ViewOptions) -> None:
    st.caption(views.overview_caption(view.summary))
    for col, m in zip(st.columns(4), views.overview_metrics(view.summary), strict=True):
        col.metric(
            m.label, m.value, delta=m.delta or None, delta_color=m.delta_color, delta_arrow=m.delta_arrow
        )
    chart(view.figures["overview_time"], "overview_time")
    st.subheader("Latest events")
    table(view.tables["latest"])


def show_claims(store: Store, event_ids: list[str], path: str, version: int) -> None:
    """Each claim of the events side by side (from the events' stored claims)."""
    events = []
    for eid in event_ids:
        try:
            events.append(store.event(eid))
        except ValueError:  # rebuilt since the page was drawn
            continue
    claims = views.claims_of(events)
    if len(claims):
        table(claims)
    else:
        table(agg.claims_table(event_ids, reports=load_reports(path, version)))


def show_sourcing(view: views.View, store: Store, path: str, version: int) -> None:
    chart(view.figures["source_types"], "source_types")
    left, right = st.columns(2)
    with left:
        chart(view.figures["confirmation"], "confirmation")
    with right:
        chart(view.figures["top_outlets"], "top_outlets")
    chart(view.figures["top_sources"], "top_sources")
    st.subheader("Events whose reports disagree")
    disagree = view.tables["disagreements"]
    if not len(disagree):
        st.info("No event in the selection has reports with different casualty figures.")
        return
    st.caption("Killed and wounded as low / best / high over the reports; pick events to see each claim.")
    table(disagree)
    picked = st.multiselect(
        "Show the claims of", disagree["event_id"].tolist(), default=disagree["event_id"].tolist()[:3]
    )
    if picked:
        show_claims(store, picked, path, version)


SELECTED = "selected_event"  # the event the detail panel shows: an id, never a row position
ARTICLE = "selected_article"  # the article the article view shows: an id
_DATE_SHOWN = "article_date_reset"  # the article whose date box is set from the store next run
_EPOCH = "events_table_epoch"  # bumped after a review, so no stale row stays highlighted


def select_event(event_id: str | None) -> None:
    st.session_state[SELECTED] = event_id


def _on_table_select(key: str, ids: list[str]) -> None:
    """The user picked a row: remember its event id, from the rows as they were drawn."""
    state = st.session_state.get(key)
    rows = list(state["selection"]["rows"]) if state else []
    if rows and 0 <= rows[0] < len(ids):
        select_event(ids[rows[0]])


def _on_pick(key: str) -> None:
    if st.session_state.get(key):
        select_event(str(st.session_state[key]))


def _review_result(event_id: str, text: str, ok: bool = True) -> None:
    """Keep the result of a review action for the panel of that event, shown beside its buttons."""
    st.session_state["review_message"] = (event_id, text, ok)
    st.session_state[_EPOCH] = st.session_state.get(_EPOCH, 0) + 1


def show_review_form(store: Store, event_id: str) -> None:
    with st.form(f"review_{event_id}"):
        st.markdown(f"**Review event {plain(event_id)}**")
        fields = sorted(CORRECTABLE_FIELDS - {"review_status"})
        c1, c2 = st.columns([1, 2])
        field = c1.selectbox(
            "Field",
            fields,
            index=fields.index("killed") if "killed" in fields else 0,
            format_func=column_label,
        )
        value = c2.text_input("Correct value (lists separated by ';', empty = unknown)")
        note = st.text_input("Note (why)")
        b1, b2, b3 = st.columns(3)
        save = b1.form_submit_button("Save correction")
        verify = b2.form_submit_button("Confirm")
        reject = b3.form_submit_button("Reject")
    message = st.session_state.get("review_message")
    if message and message[0] == event_id:
        (st.success if message[2] else st.error)(plain(message[1]))
    action = None
    try:
        if save:
            store.correct_event(event_id, field, value.strip() or None, note=note)
            action = f"Saved for event {event_id}: {column_label(field)} = {value.strip() or 'unknown'}"
        elif verify or reject:
            store.set_review_status(event_id, "verified" if verify else "rejected")
            action = f"Event {event_id} {'confirmed' if verify else 'rejected'}"
    except ValueError as exc:
        _review_result(event_id, f"Not saved: {exc}", ok=False)
        st.rerun()
    if action:
        _review_result(event_id, action)
        st.rerun()


def show_event_detail(store: Store, event_id: str, path: str, version: int, *, shown: bool) -> None:
    """The panel of one event, by id: what it says, the sentence behind each value, and the
    review buttons, which act on this event only. ``shown``: whether the table lists it."""
    try:
        event = store.event(event_id)
    except ValueError:
        st.warning(f"Event {plain(event_id)} is no longer in the store (it was merged or rebuilt).")
        return
    head, close = st.columns([6, 1])
    head.subheader(f"Event {plain(event_id)}")
    close.button("Close", key="close_event", on_click=select_event, args=(None,))
    when = date_label(event.date, event.date_precision)
    place = event.location or event.region_name or event.country
    st.text(
        f"{when} | {word('attacker', event.attacker)} | {place} | {word('review_status', event.review_status)}"
    )
    if not shown:
        if event.review_status == "rejected":
            st.info(
                "This event is rejected: it is hidden from the table and the charts. "
                "Switch on 'Include rejected events' in the sidebar to list it again."
            )
        else:
            st.info("This event is not in the table's current selection (filters or the latest rows shown).")
    show_review_form(store, event_id)
    st.caption("Each value with the sentence of the article it was read from.")
    evidence_list(event)
    articles = views.articles_of(load_reports(path, version), event_id)
    if len(articles):
        st.caption("Articles reporting it")
        table(articles.drop(columns=["article_id"]))
        titles = views.article_choices(store, articles)
        key = f"open_article_{event_id}"
        st.selectbox(
            "Open an article: its text with every value marked, and its publication date",
            list(titles),
            format_func=titles.get,
            index=None,
            key=key,
            on_change=_on_open_article,
            args=(key,),
        )


def _on_open_article(key: str) -> None:
    if st.session_state.get(key):
        st.session_state[ARTICLE] = str(st.session_state[key])


def show_article(store: Store, article_id: str) -> None:
    """The article view: its text with every extracted value marked and labelled, its
    publication date and how it was obtained, and a control to set that date (which extracts
    the article again against it, keeping the user's corrections)."""
    try:
        view = views.article_view(store, article_id)
    except ValueError:
        st.warning("That article is no longer in the store.")
        return
    head, close = st.columns([6, 1])
    head.subheader(f"Article: {plain(view.title)}")
    close.button("Close", key="close_article", on_click=lambda: st.session_state.pop(ARTICLE, None))
    link = safe_url(view.url)
    st.markdown(
        " | ".join(
            p
            for p in (
                plain(view.outlet) if view.outlet else "",
                f"[open the page]({link.replace(')', '%29').replace(' ', '%20')})" if link else "",
                f"Published {plain(view.published_text)}",
                f"{view.reports} strike report{'s' if view.reports != 1 else ''}",
            )
            if p
        )
    )
    # The box is keyed, so Streamlit keeps what was last submitted in it whatever ``value``
    # says; it is given the stored date through session state instead: when it first shows,
    # and after an action (the date extracted against may differ from the one typed, e.g. the
    # text's). Before the widget exists, so the browser is told the new value too.
    box = f"published_day_{article_id}"
    if box not in st.session_state or st.session_state.get(_DATE_SHOWN) == article_id:
        st.session_state.pop(_DATE_SHOWN, None)
        st.session_state[box] = view.published
    with st.form(f"published_{article_id}"):
        c1, c2, c3 = st.columns([2, 2, 2], vertical_alignment="bottom")
        day = c1.date_input("Publication date", value=None, key=box)
        set_date = c2.form_submit_button("Set date and extract again")
        from_text = c3.form_submit_button("Use the date in the text")
    message = st.session_state.get("article_message")
    if message and message[0] == article_id:
        (st.success if message[2] else st.error)(plain(message[1]))
    if set_date or from_text:
        if set_date and day is None:
            st.session_state["article_message"] = (article_id, "Choose a date first.", False)
        else:
            result = set_publication_date(store, article_id, None if from_text else day)
            text = "the date in the text" if from_text else day.isoformat()
            st.session_state["article_message"] = (
                article_id,
                f"Extracted again against {text}: {result.reports} strike reports, in {result.events} events.",
                True,
            )
            st.session_state[_EPOCH] = st.session_state.get(_EPOCH, 0) + 1
            st.session_state[_DATE_SHOWN] = article_id  # the box shows the stored date next run
        st.rerun()
    st.html(view.html)


def show_events(view: views.View, store: Store, path: str, version: int, kind: str, total: int) -> None:
    rows_table = view.tables["events"]
    if kind == "events":  # the stored columns the in-memory frame leaves out, for these rows only
        rows_table = views.with_details(store, rows_table)
    st.caption(
        f"The latest {len(rows_table):,} of {total:,} {'events' if kind == 'events' else 'reports'} in the selection. "
        "Select a row to see the sentence behind each number and to correct, confirm or reject it."
    )
    shown = rows_table[views.table_order(rows_table)]
    ids = [str(e) for e in shown["event_id"]] if "event_id" in shown else []
    key = f"events_table_{kind}_{st.session_state.get(_EPOCH, 0)}"
    table(
        shown,
        on_select=lambda: _on_table_select(key, ids),
        selection_mode="single-row",
        key=key,
    )
    pick_key = f"pick_event_{kind}"
    if ids:
        st.selectbox(
            "Or pick an event by id",
            list(dict.fromkeys(i for i in ids if i)),
            index=None,
            key=pick_key,
            on_change=_on_pick,
            args=(pick_key,),
        )
    event_id = st.session_state.get(SELECTED)
    if event_id:
        show_event_detail(store, event_id, path, version, shown=event_id in ids)
    if st.session_state.get(ARTICLE):
        show_article(store, st.session_state[ARTICLE])


def main() -> None:
    if bad := settings.problems():  # checked once, before any of them is read
        st.error("A setting cannot be used: " + "; ".join(bad))
        st.stop()
    path = str(Path(default_db_path()))
    store = get_store(path)

    st.title("Strike events")
    st.caption("Long-range strikes extracted from news articles, with the sentence behind every number.")

    if not store.read_only and first_run.needs_samples(store):
        with st.spinner("First run: reading the sample articles in data/samples..."):
            summary = first_run.load_samples(store)
        st.session_state["samples_loaded"] = summary.articles_new
    if first_run.only_samples(store):
        c1, c2 = st.columns([4, 1])
        loaded = st.session_state.get("samples_loaded")
        c1.info(
            "This store holds the project's sample articles (data/samples), loaded on first run"
            + (f" ({loaded} articles just read)" if loaded else "")
            + ". Upload your own in the sidebar, or start with an empty store."
        )
        if c2.button("Start empty", key="start_empty"):
            first_run.start_empty(store)
            st.cache_data.clear()  # the new store counts its versions from the start again
            get_store.clear()
            load_frame.clear()
            st.rerun()

    with st.sidebar:
        if store.read_only:
            st.info(
                "This store is read-only (its file or folder cannot be written): browse and download only."
            )
        else:
            upload_form(store)
            web_form(store)

    version = store.data_version()
    with st.sidebar:
        kind = st.segmented_control(
            "Rows", list(KINDS), format_func=KINDS.get, default="events", key="kind", required=True
        )
        rejected = st.toggle("Include rejected events", key="include_rejected")
    kind = kind or "events"
    frame = load_frame(path, version, kind, rejected)
    event_outlets = load_event_outlets(path, version) if kind == "events" else None
    options = load_options(path, version, kind, rejected)
    if not len(frame):
        st.info("No events yet: upload article files in the sidebar.")
    with st.sidebar:
        filters = filter_widgets(options)
    mask = agg.filter_mask(frame, filters, event_outlets)
    total = int(mask.sum())

    tabs = st.tabs(list(views.VIEWS.values()), key="view", on_change="rerun")
    summary = None
    for name, tab in zip(views.VIEWS, tabs, strict=True):
        if tab.open is False:
            continue
        with tab:
            opts = view_options(name)
            view = views.build_view(name, frame, filters, opts, mask=mask, event_outlets=event_outlets)
            summary = view.summary if view.summary is not None else summary
            if name == "overview":
                show_overview(view, opts)
            elif name == "sourcing":
                show_sourcing(view, store, path, version)
            elif name == "events":
                show_events(view, store, path, version, kind, total)
            else:
                for key, fig in view.figures.items():
                    chart(fig, key)
                for key, data in view.tables.items():
                    table(data, key=f"table_{key}")
    if summary is None:
        summary = agg.period_comparison(frame, filters, event_outlets)

    def report() -> bytes:
        """Every tab for the current selection (built when the button is clicked)."""
        figures, tables = views.report_parts(frame, filters, event_outlets=event_outlets)
        return xf.report_html(
            "Strike events: every view",
            figures,
            summary=summary[["current", "previous", "change", "change_pct"]],
            filters=views.describe_filters(filters, kind),
            tables=tables,
        )

    with st.sidebar:
        data_downloads(frame, mask, kind, report, path)


def view_options(name: str) -> views.ViewOptions:
    """The per-view switches above a view's charts."""
    if name not in ("overview", "time", "casualties"):
        return views.ViewOptions()
    row = st.container(horizontal=True, gap="medium")
    freq = row.segmented_control(
        "Period",
        list(FREQ_OPTIONS),
        format_func=FREQ_OPTIONS.get,
        default="week",
        key=f"freq_{name}",
        required=True,
    )
    by = "attacker"
    cumulative = False
    if name == "time":
        by = row.segmented_control(
            "Group by",
            ["attacker", "weapons"],
            format_func={"attacker": "Attacking side", "weapons": "Weapon category"}.get,
            default="attacker",
            key="by_time",
            required=True,
        )
    if name == "casualties":
        cumulative = row.toggle("Cumulative", key="cumulative")
    return views.ViewOptions(freq=freq or "week", by=by or "attacker", cumulative=bool(cumulative))


main()
