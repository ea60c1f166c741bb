"""Figure -> PNG/SVG (kaleido + the system Chromium), self-contained HTML, one-page report.

Images go through one kaleido server per process (:func:`start_image_server`): the first
export starts a headless Chromium (2-3 s), later ones take 0.1-0.2 s. Maps need the
Natural Earth base map that plotly.js normally fetches from a CDN; it ships in
``static/topojson`` and is handed to kaleido and inlined into HTML, so nothing here needs
network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analytics import settings
from analytics.labels import column_label, display_text, human_frame

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = ROOT / "static" / "topojson"
#: The ``topojsonURL`` the dashboard gives plotly.js (served by ``enableStaticServing``).
TOPOJSON_URL = "app/static/topojson/"
ImageFormat = Literal["png", "svg"]

_lock = threading.Lock()
_server_started = False


# --------------------------------------------------------------------------- Chromium


def chromium_path() -> str | None:
    """The Chromium kaleido will use: ``BROWSER_PATH``, then the usual system names."""
    candidates = [settings.BROWSER_PATH.read()]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "chrome")]
    candidates.append("/usr/bin/chromium")
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def chromium_status() -> tuple[bool, str]:
    """Whether PNG/SVG export can work here, and if not, why (a sentence for the user)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False, "PNG and SVG export needs the kaleido package (pip install -r requirements.txt)."
    if chromium_path() is None:
        return False, (
            "PNG and SVG export needs Chromium, which is not installed on the server "
            "(apt-get install chromium, or set BROWSER_PATH). Interactive HTML works without it."
        )
    return True, ""


def chromium_available() -> bool:
    return chromium_status()[0]


# --------------------------------------------------------------------------- images


def _uses_geo(fig: go.Figure) -> bool:
    return any(getattr(trace, "type", "").endswith("geo") or trace.type == "choropleth" for trace in fig.data)


def _geo_names(fig: go.Figure) -> list[str]:
    """The topojson files plotly.js asks for: ``{scope}_{resolution}m`` of each geo subplot."""
    names = set()
    for key, geo in fig.layout.to_plotly_json().items():
        if key.startswith("geo") and isinstance(geo, dict):
            names.add(f"{geo.get('scope') or 'world'}_{int(geo.get('resolution') or 110)}m")
    return sorted(names) or ["world_110m"]


def _geo_assets_js(names: Sequence[str]) -> str:
    parts = ["window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"]
    parts.append("window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};")
    for name in names:
        path = TOPOJSON_DIR / f"{name}.json"
        if path.is_file():
            parts.append(f"window.PlotlyGeoAssets.topojson[{json.dumps(name)}] = {path.read_text('utf-8')};")
    return "\n".join(parts)


def _geo_assets_file() -> Path:
    """The base maps as a script kaleido's page loads (one file per content, shared by processes)."""
    names = sorted(p.stem for p in TOPOJSON_DIR.glob("*.json"))
    script = _geo_assets_js(names)
    digest = hashlib.sha256(script.encode("utf-8")).hexdigest()[:16]
    out = Path(tempfile.gettempdir()) / f"strikes-geo-assets-{digest}.js"
    if not out.exists():
        tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
        tmp.write_text(script, encoding="utf-8")
        tmp.replace(out)
    return out


def start_image_server() -> None:
    """Start the per-process kaleido server (idempotent; the dashboard caches this call)."""
    global _server_started
    with _lock:
        if _server_started:
            return
        import kaleido

        ok, reason = chromium_status()
        if not ok:
            raise RuntimeError(reason)
        path = chromium_path()
        if path and settings.BROWSER_PATH.read() is None:
            # kaleido finds its browser through the same variable: hand it the one found here
            os.environ[settings.BROWSER_PATH.env] = path
        generator = kaleido.PageGenerator(mathjax=False, others=[_geo_assets_file()])
        kaleido.start_sync_server(page_generator=generator, silence_warnings=True)
        _server_started = True


def figure_to_image(
    fig: go.Figure, fmt: ImageFormat = "png", *, width: int = 1100, scale: float = 2
) -> bytes:
    """PNG or SVG bytes of a figure, at the figure's height and ``width`` pixels."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported image format {fmt!r}")
    start_image_server()
    import kaleido

    height = int(fig.layout.height or 450)
    opts = {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}
    with _lock:  # the sync server's queues serve one caller at a time
        data = kaleido.calc_fig_sync(fig, opts=opts)
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def figure_to_png(fig: go.Figure, *, width: int = 1100, scale: float = 2) -> bytes:
    return figure_to_image(fig, "png", width=width, scale=scale)


def figure_to_svg(fig: go.Figure, *, width: int = 1100) -> bytes:
    return figure_to_image(fig, "svg", width=width)


# --------------------------------------------------------------------------- HTML


_PAGE_STYLE = """
body { font-family: Arial, sans-serif; margin: 24px auto; max-width: 1150px; color: #222; }
h1 { font-size: 24px; margin-bottom: 4px; } .meta { color: #555; font-size: 13px; }
table { border-collapse: collapse; margin: 12px 0 20px; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
"""


def _plotly_script_tags(figs: Sequence[go.Figure]) -> str:
    tags = [f'<script type="text/javascript">{get_plotlyjs()}</script>']
    geo = sorted({name for fig in figs if _uses_geo(fig) for name in _geo_names(fig)})
    if geo:
        tags.append(f'<script type="text/javascript">{_geo_assets_js(geo)}</script>')
    return "\n".join(tags)


def _figure_div(fig: go.Figure) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})


def figure_to_html(fig: go.Figure, title: str | None = None) -> bytes:
    """A self-contained interactive page: plotly.js and any base map inlined, works offline."""
    name = html.escape(title or (fig.layout.title.text or "Chart"))
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{name}</title>'
        f"<style>{_PAGE_STYLE}</style>\n{_plotly_script_tags([fig])}\n</head><body>\n"
        f"{_figure_div(fig)}\n</body></html>\n"
    )
    return page.encode("utf-8")


def _cell_text(value: object) -> str:
    """A table cell for people: a day as 2024-01-03 (no midnight time), a whole count as 3
    (not 3.0), unknown as empty."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        ts = pd.Timestamp(value)
        return f"{ts:%Y-%m-%d}" if ts == ts.normalize() else f"{ts:%Y-%m-%d %H:%M}"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def _table_html(frame: pd.DataFrame) -> str:
    """A frame as an HTML table for people (codes and headers in words, see
    :func:`analytics.labels.human_frame`) with every cell escaped."""
    frame = human_frame(frame)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        # escaped against markup, and without bidi controls, which would reorder the cells after
        cells = "".join(f"<td>{html.escape(display_text(_cell_text(v)))}</td>" for v in values)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def totals_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The period comparison as a table for people: a "Figure" column naming each row in
    words ("Strikes", not the index code "strikes"), the change in % as a whole number."""
    out = summary.rename(index=lambda key: column_label(str(key))).rename_axis("figure").reset_index()
    if "change_pct" in out:
        out["change_pct"] = pd.to_numeric(out["change_pct"], errors="coerce").round(0)
    return out


def report_html(
    title: str,
    figures: Mapping[str, go.Figure],
    *,
    summary: pd.DataFrame | None = None,
    filters: Mapping[str, str] | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
    generated: dt.datetime | None = None,
) -> bytes:
    """One self-contained HTML page of the current view: filters, totals, charts, tables.

    All text coming from the data (titles, sources, places) is escaped.
    """
    generated = generated or dt.datetime.now().replace(microsecond=0)
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_PAGE_STYLE}</style>",
        _plotly_script_tags(list(figures.values())),
        "</head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">Generated {html.escape(generated.isoformat(sep=" "))}</p>',
    ]
    if filters:
        items = "".join(
            f"<li><b>{html.escape(str(k))}</b>: {html.escape(str(v))}</li>" for k, v in filters.items()
        )
        parts.append(f"<h2>Selection</h2><ul>{items}</ul>")
    if summary is not None and len(summary):
        parts.append("<h2>Totals</h2>" + _table_html(totals_table(summary)))
    for fig in figures.values():
        parts.append(_figure_div(fig))
    for name, table in (tables or {}).items():
        parts.append(f"<h2>{html.escape(name)}</h2>" + _table_html(table))
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")
