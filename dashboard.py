"""Strike-events dashboard: upload articles, see, filter and download the strikes they report.

A thin layer: read widgets, call ``analytics``, show results. Everything from the data is
shown as text (tables, ``st.text``), never as HTML.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from analytics import aggregate as agg
from analytics import export_figures as xf
from analytics import first_run, results, settings, views
from analytics.ingest import IngestSummary, Progress, ingest_uploads
from analytics.labels import column_label, markdown_text
from analytics.models import Event
from analytics.page import downloads, panels
from analytics.page import state as page_state
from analytics.readers import SUPPORTED_EXTENSIONS, max_file_bytes
from analytics.store import CORRECTABLE_FIELDS, Store, default_db_path
from analytics.web import ingest_urls

ROOT = Path(__file__).resolve().parent
KINDS = {"events": "Merged events", "reports": "Individual reports"}
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
def load_options(path: str, version: int, kind: str, include_rejected: bool = False) -> agg.FilterOptions:
    outlets = load_event_outlets(path, version) if kind == "events" else None
    return agg.filter_options(load_frame(path, version, kind, include_rejected), outlets)


@st.cache_data(max_entries=2, show_spinner=False)
def load_reports(path: str, version: int) -> pd.DataFrame:
    return get_store(path).reports_frame()


def table(
    frame: pd.DataFrame, *, key: str | None = None, on_select: Callable[[], None] | None = None
) -> None:
    """st.dataframe for people: codes and headers in words (:func:`analytics.labels.human_frame`),
    dates shown as dates, http(s) links clickable (all cells are text). ``on_select``: one row
    can be picked, and this runs when it is."""
    frame, dates, link = panels.table_frame(frame)
    config: dict[str, ColumnConfig | str | None] = {col: st.column_config.DateColumn(col) for col in dates}
    if link:
        config[link] = st.column_config.LinkColumn(link)
    show = functools.partial(st.dataframe, frame, hide_index=True, width="stretch", column_config=config)
    if on_select is None:
        show(key=key)
    else:
        show(key=key, on_select=on_select, selection_mode="single-row")


def evidence_list(event: Event) -> None:
    """Each value of an event beside the whole sentence it was read from (a static table:
    long sentences wrap instead of being cut)."""
    # st.table renders each cell as Markdown: the sentences and values are the article's own
    # text, so a link or an image in them would become live (an image is fetched on opening)
    st.table(panels.evidence_rows(event, escape=plain))


def plain(text: object) -> str:
    """Text from the data or the user, shown literally wherever Streamlit renders Markdown
    (:func:`analytics.labels.markdown_text`: no link, autolink, image or markup)."""
    return markdown_text(text)


# --------------------------------------------------------------------------- sidebar: upload


def show_ingest_result(rows: list[dict[str, object]], noun: str = "files") -> None:
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


def run_with_bar(
    start: str, say: Callable[[float, int, str], str], run: Callable[[Progress], IngestSummary], key: str
) -> None:
    """Run an ingest under a progress bar (``say``: its text after each file) and keep its
    result in the session under ``key``, to show under the form."""
    bar = st.progress(0.0, text=start)

    def progress(done: float, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=say(done, total, name))

    summary = run(progress)
    bar.empty()
    st.session_state[key] = results.ingest_rows(summary)
    if summary.articles_new:
        # Redraw from the top: the sample-data banner and the counts above were drawn
        # before these articles were in; the result stays in the session.
        st.rerun()


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
        run_with_bar(
            "Reading...",
            lambda done, total, name: f"{int(done)} of {total} files: {plain(name)}",
            lambda progress: ingest_uploads(
                [(f.name, f.getvalue()) for f in files],
                store,
                published=published,
                outlet=outlet.strip() or None,
                progress=progress,
            ),
            "last_ingest",
        )
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
        urls = panels.urls_of(text)
        if not urls:
            st.warning("Paste one or more addresses first.")
            return
        run_with_bar(
            "Fetching...",
            lambda done, total, name: f"{done} of {total} addresses",
            lambda progress: ingest_urls(urls, store, progress=progress),
            "last_web",
        )
    if st.session_state.get("last_web"):
        show_ingest_result(st.session_state["last_web"], noun="addresses")


# --------------------------------------------------------------------------- sidebar: filters


def filter_widgets(options: agg.FilterOptions) -> agg.Filters:
    st.header("Filters")
    start, end = options["start"], options["end"]
    dates: object = ()
    if start and end:
        dates = st.date_input(
            "Date range (date of the strike)",
            value=(start, end),
            min_value=start,
            max_value=end,
            key=f"dates_{start}_{end}",  # a new data range (an upload) resets the widget to all of it
        )
    picked: dict[str, list[str]] = {}
    for spec in panels.LIST_FILTERS:
        choices, shown_as = panels.filter_choices(spec, options)
        picked[spec.field] = st.multiselect(spec.label, choices, format_func=shown_as, key=spec.field)
    min_sources = st.number_input(
        "Minimum number of sources named",
        min_value=0,
        max_value=max(int(options["max_sources"]), 0) + 1,
        value=0,
        step=1,
        key="min_sources",
    )
    return panels.filters_of(panels.date_range(dates, start, end), picked, int(min_sources))


# --------------------------------------------------------------------------- downloads


def chart(fig: go.Figure, key: str) -> None:
    """A chart with its PNG, SVG and interactive HTML downloads (built only when clicked)."""
    st.plotly_chart(fig, key=f"chart_{key}", config=PLOTLY_CONFIG)
    images_ok, reason = image_export_status()
    # Buttons sized to their labels and wrapping onto a new line, never squeezed to "P".
    row = st.container(horizontal=True, gap="small")
    for button in downloads.figure_buttons(images_ok):
        row.download_button(
            button.ext.upper(),
            data=functools.partial(button.render, fig),  # rendered when clicked
            file_name=f"{key}.{button.ext}",
            mime=button.mime,
            key=f"{button.ext}_{key}",
            on_click="ignore",
            icon=button.icon,
            help=button.help,
        )
    if not images_ok:
        st.caption(reason)


def data_downloads(
    frame: pd.DataFrame, mask: np.ndarray, kind: str, report: Callable[[], bytes], path: str
) -> None:
    st.header("Download")
    st.caption(downloads.download_caption(mask, kind))

    def selection() -> pd.DataFrame:  # built when a button is clicked, not on every rerun
        return downloads.download_selection(get_store(path), frame, mask, kind)

    cols = st.columns(len(downloads.DATA_BUTTONS))
    for col, button in zip(cols, downloads.DATA_BUTTONS, strict=True):
        col.download_button(
            button.label,
            data=downloads.deferred(button.render, selection),
            file_name=f"strike-{kind}.{button.ext}",
            mime=button.mime,
            key=f"data_{button.ext}",
            on_click="ignore",
        )
    if kind == "events":
        st.download_button(
            "ACLED-style CSV",
            data=downloads.deferred(downloads.acled_csv, selection),
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
    claims = views.claims_of(panels.stored_events(store, event_ids))
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


def select_event(event_id: str | None) -> None:
    page_state.select_event(st.session_state, event_id)


def _on_table_select(key: str, ids: list[str]) -> None:
    """The user picked a row: remember its event id, from the rows as they were drawn."""
    if picked := page_state.picked_row(st.session_state.get(key), ids):
        select_event(picked)


def _on_pick(key: str) -> None:
    if st.session_state.get(key):
        select_event(str(st.session_state[key]))


def show_message(key: str, owner: str) -> None:
    """The result an action left for this panel (another panel's stays hidden)."""
    if message := page_state.message_for(st.session_state, key, owner):
        (st.success if message.ok else st.error)(plain(message.text))


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
    show_message(page_state.REVIEW_MESSAGE, event_id)
    action: page_state.ReviewAction | None = (
        "save" if save else "verify" if verify else "reject" if reject else None
    )
    if action:
        page_state.review_event(st.session_state, store, event_id, action, field, value, note)
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
    st.text(panels.event_line(event))
    if not shown:
        st.info(panels.not_shown_note(event))
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
            format_func=titles.__getitem__,
            index=None,
            key=key,
            on_change=_on_open_article,
            args=(key,),
        )


def _on_open_article(key: str) -> None:
    page_state.open_article(st.session_state, st.session_state.get(key))


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
    close.button("Close", key="close_article", on_click=page_state.close_article, args=(st.session_state,))
    st.markdown(panels.article_header(view, plain))
    # keyed: the stored date reaches the box through session state, before the box is drawn
    box = page_state.date_box_key(st.session_state, article_id, view.published)
    with st.form(f"published_{article_id}"):
        c1, c2, c3 = st.columns([2, 2, 2], vertical_alignment="bottom")
        day = c1.date_input("Publication date", value=None, key=box)
        set_date = c2.form_submit_button("Set date and extract again")
        from_text = c3.form_submit_button("Use the date in the text")
    show_message(page_state.ARTICLE_MESSAGE, article_id)
    if set_date or from_text:
        page_state.set_article_date(st.session_state, store, article_id, day, from_text=from_text)
        st.rerun()
    st.html(view.html)


def show_events(view: views.View, store: Store, path: str, version: int, kind: str, total: int) -> None:
    rows_table = view.tables["events"]
    if kind == "events":  # the stored columns the in-memory frame leaves out, for these rows only
        rows_table = views.with_details(store, rows_table)
    st.caption(panels.events_caption(len(rows_table), total, kind))
    shown = rows_table[views.table_order(rows_table)]
    ids = [str(e) for e in shown["event_id"]] if "event_id" in shown else []
    key = page_state.events_table_key(st.session_state, kind)
    table(
        shown,
        on_select=lambda: _on_table_select(key, ids),
        key=key,
    )
    pick_key = f"pick_event_{kind}"
    if ids:
        st.selectbox(
            "Or pick an event by id",
            panels.pick_choices(ids),
            index=None,
            key=pick_key,
            on_change=_on_pick,
            args=(pick_key,),
        )
    event_id = st.session_state.get(page_state.SELECTED)
    if event_id:
        show_event_detail(store, event_id, path, version, shown=event_id in ids)
    if st.session_state.get(page_state.ARTICLE):
        show_article(store, st.session_state[page_state.ARTICLE])


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
        c1.info(panels.samples_banner(loaded))
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
        picked_kind = st.segmented_control(
            "Rows", list(KINDS), format_func=KINDS.__getitem__, default="events", key="kind", required=True
        )
        rejected = st.toggle("Include rejected events", key="include_rejected")
    kind = picked_kind or "events"
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
    comparison: pd.DataFrame | None = None
    for name, tab in zip(views.VIEWS, tabs, strict=True):
        if tab.open is False:
            continue
        with tab:
            opts = view_options(name)
            view = views.build_view(name, frame, filters, opts, mask=mask, event_outlets=event_outlets)
            comparison = view.summary if view.summary is not None else comparison
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
    if comparison is None:
        comparison = agg.period_comparison(frame, filters, event_outlets)
    report_summary = comparison

    def report() -> bytes:  # every tab for the current selection, built when the button is clicked
        return downloads.report_html(frame, filters, kind, report_summary, event_outlets)

    with st.sidebar:
        data_downloads(frame, mask, kind, report, path)


def view_options(name: str) -> views.ViewOptions:
    """The per-view switches above a view's charts."""
    if name not in ("overview", "time", "casualties"):
        return views.ViewOptions()
    row = st.container(horizontal=True, gap="medium")
    freq = row.segmented_control(
        "Period",
        list(panels.FREQS),
        format_func=panels.FREQS.__getitem__,
        default="week",
        key=f"freq_{name}",
        required=True,
    )
    by: str | None = "attacker"
    cumulative = False
    if name == "time":
        by = row.segmented_control(
            "Group by",
            ["attacker", "weapons"],
            format_func={"attacker": "Attacking side", "weapons": "Weapon category"}.__getitem__,
            default="attacker",
            key="by_time",
            required=True,
        )
    if name == "casualties":
        cumulative = row.toggle("Cumulative", key="cumulative")
    return panels.view_options(freq, by, cumulative)


main()
