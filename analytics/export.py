"""Data exports: frames -> CSV / JSON Lines / JSON / Excel bytes, and the ACLED layout.

Frames are the store's (``Store.events_frame``/``reports_frame``) or any filtered copy of them:
list fields as :func:`analytics.models.join_list` text, ``evidence``/``claims`` JSON text, dates
datetime64. CSV and Excel cells show a list's items plainly joined by ``;`` (no escapes: written
for people, not read back), JSON holds arrays. Text that a
spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage return) is
prefixed with ``'`` in CSV and Excel output. Figure exports live in ``export_figures.py``.

CSV and Excel exports add the words of each coded column beside it (``attacker_label``, see
:data:`LABELLED_COLUMNS`); JSON keeps only the codes, for programs.

Every record a CSV, JSON Lines, JSON or Excel export holds carries ``date_precision`` (``day``,
``week``, ``month`` or ``unknown``; a frame without the column is day-precise, the store's
default) and, right after ``date``, ``date_display``: the date as
:func:`analytics.labels.date_label` shows it (``2024-03-15``, ``week of 2024-03-11 (approx.)``,
``2024-03 (month, approx.)``, ``unknown``). ``date`` itself stays the record's ISO day, whatever
its precision. The ACLED layout says the same with ``time_precision`` (1 day, 2 week, 3 month or
coarser).
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import re
import sqlite3
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from analytics.cli_options import ExportOptions
from analytics.labels import date_label, date_labels, human_frame
from analytics.models import LIST_FIELDS, LIST_SEP, split_list

#: Columns holding JSON text in store frames (objects in JSON output).
JSON_COLUMNS = ("evidence", "claims")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_ROWS = 1_048_575

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "iso",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
_ACTORS = {"Russia": "Military Forces of Russia (2000-)", "Ukraine": "Military Forces of Ukraine (2019-)"}
_COUNTRIES = {"UA": ("Ukraine", 804, "UKR"), "RU": ("Russia", 643, "RUS")}
#: ACLED's time_precision codes; 3 ("month or coarser") is ACLED's coarsest, so unknown is 3 too.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "unknown": 3}


#: Whole-number columns: a count is written 3, never 3.0, whatever dtype a frame gave it.
_COUNT_SUFFIXES = ("killed", "wounded", "_low", "_best", "_high", "launched", "intercepted", "fatalities")
_COUNT_PREFIXES = ("number_of_", "n_")


def is_count_column(name: str) -> bool:
    """True for the columns that hold counts of people or munitions (or of reports)."""
    return name.endswith(_COUNT_SUFFIXES) or name.startswith(_COUNT_PREFIXES)


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every float count column (:func:`is_count_column`) as nullable integers,
    so CSV, Excel and JSON say ``46``, and unknown stays empty (null), never 0."""
    out = frame
    for c in frame.columns:
        col = frame[c]
        if not (is_count_column(str(c)) and pd.api.types.is_float_dtype(col)):
            continue
        known = col.dropna()
        if len(known) and not (known == known.round()).all():
            continue  # not whole after all: leave the numbers as they are
        if out is frame:
            out = frame.copy()
        out[c] = col.round().astype("Int64")
    return out


def count_text(value: Any) -> str:
    """A count for prose: ``2``, never ``2.0``; empty for unknown."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{int(number)}" if number.is_integer() else f"{number:g}"


def _neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def with_date_display(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``date_precision`` (``day`` where the frame has none) and, right after
    ``date``, ``date_display`` (:func:`analytics.labels.date_labels`); unchanged without ``date``."""
    if "date" not in frame:
        return frame
    out = frame.drop(columns=["date_display"], errors="ignore").copy()
    at = list(out.columns).index("date") + 1
    if "date_precision" not in out:
        out.insert(at, "date_precision", "day")
        at += 1
    out.insert(at, "date_display", date_labels(out["date"], out["date_precision"]).to_numpy())
    return out


#: Coded columns a spreadsheet gets in words too, as ``<column>_label`` right after the code
#: ("ukraine_official;media" beside "Ukrainian official, Media"): the codes stay for machines,
#: and a person reading the sheet needs no key to them.
LABELLED_COLUMNS: tuple[str, ...] = (
    "attacker",
    "weapons",
    "source_types",
    "languages",
    "target_type",
    "review_status",
)


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``<column>_label`` column right after each of :data:`LABELLED_COLUMNS`
    it has (the words of :func:`analytics.labels.human_frame`)."""
    present = [c for c in LABELLED_COLUMNS if c in frame and f"{c}_label" not in frame]
    if not present:
        return frame
    words = human_frame(frame[present]).set_axis(present, axis=1)
    out = frame.copy()
    for col in present:
        out.insert(list(out.columns).index(col) + 1, f"{col}_label", words[col].to_numpy())
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for spreadsheets: lists joined, dates as YYYY-MM-DD text, formulas neutralised,
    ``date_display`` added (:func:`with_date_display`), coded columns with their words beside
    them (:func:`with_labels`)."""
    out = whole_numbers(with_labels(with_date_display(frame)))
    out = out.copy() if out is frame else out
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            out[c] = _date_text(col)
            continue
        if isinstance(col.dtype, pd.CategoricalDtype):
            col = col.astype(object).where(col.notna(), None)
            out[c] = col
        if c in LIST_FIELDS and (col.dtype == object or pd.api.types.is_string_dtype(col)):
            col = col.map(lambda v: split_list(v) if isinstance(v, str) else v, na_action="ignore")
        if col.dtype == object or pd.api.types.is_string_dtype(col):
            out[c] = col.map(_cell, na_action="ignore")
    return out


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        value = LIST_SEP.join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return _neutralise(value)


def _date_text(col: pd.Series) -> pd.Series:
    if col.dt.tz is None and (col.dropna() == col.dropna().dt.normalize()).all():
        return col.dt.strftime("%Y-%m-%d").astype(object).where(col.notna(), None)
    return col.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object).where(col.notna(), None)


def frame_to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header row; reads back with ``pd.read_csv``."""
    return _flat(frame).to_csv(index=False).encode("utf-8")


def _json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: lists as arrays, evidence/claims as objects, dates as text,
    ``date_display`` added (:func:`with_date_display`)."""
    out = whole_numbers(with_date_display(frame))
    out = out.copy() if out is frame else out
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = _date_text(out[c])
        elif isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object)
    records = json.loads(out.to_json(orient="records", force_ascii=False))
    for rec in records:
        for c in LIST_FIELDS:
            if isinstance(rec.get(c), str):
                rec[c] = split_list(rec[c])
            elif c in rec and rec[c] is None:
                rec[c] = []
        for c in JSON_COLUMNS:
            if isinstance(rec.get(c), str):
                rec[c] = json.loads(rec[c]) if rec[c].strip() else ({} if c == "evidence" else [])
    return records


def frame_to_jsonl(frame: pd.DataFrame) -> bytes:
    """One JSON object per row and line (lists as arrays, evidence/claims as objects)."""
    lines = [json.dumps(r, ensure_ascii=False) for r in _json_records(frame)]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def frame_to_json(frame: pd.DataFrame) -> bytes:
    """A JSON array of the rows (as in :func:`frame_to_jsonl`)."""
    return json.dumps(_json_records(frame), ensure_ascii=False, indent=1).encode("utf-8")


def frame_to_xlsx(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """An Excel workbook (openpyxl) with one sheet; formulas neutralised. Raises ValueError
    beyond Excel's row limit."""
    if len(frame) > EXCEL_MAX_ROWS:
        raise ValueError(f"{len(frame):,} rows do not fit in one Excel sheet ({EXCEL_MAX_ROWS:,} at most)")
    flat = _flat(frame)
    for c in flat.columns:  # openpyxl wants plain Python values (and no pd.NA)
        flat[c] = flat[c].astype(object).where(flat[c].notna(), None).map(_cell_text)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        flat.to_excel(writer, index=False, sheet_name=sheet_name)
        sheet = writer.sheets[sheet_name]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":  # never a formula: store as text
                    cell.value = _neutralise(str(cell.value))
                    cell.data_type = "s"
    return buf.getvalue()


#: Characters a worksheet cannot hold (XML 1.0 forbids them; openpyxl raises on them).
_ILLEGAL_IN_SHEET = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_text(value: Any) -> Any:
    """A string with each control character a sheet cannot hold shown as its picture (ESC as
    U+241B), so one stray byte in an article never stops the whole workbook."""
    if isinstance(value, str) and _ILLEGAL_IN_SHEET.search(value):
        return _ILLEGAL_IN_SHEET.sub(lambda m: chr(0x2400 + ord(m.group(0))), value)
    return value


def _outlets(claims: Any) -> str:
    if not isinstance(claims, str) or not claims.strip():
        return ""
    try:
        names = sorted({c.get("outlet", "") for c in json.loads(claims) if c.get("outlet")})
    except (ValueError, AttributeError):
        return ""
    return "; ".join(names)


def _text(value: Any) -> str:
    return (
        "" if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)
    )


def _items(value: Any, sep: str) -> str:
    """A list field's items (stored text or a list) joined by ``sep`` for people to read."""
    if isinstance(value, (list, tuple)):
        return sep.join(str(v) for v in value)
    return sep.join(split_list(_text(value)))


def _note(row: dict[str, Any]) -> str:
    date = row.get("date")
    has_date = isinstance(date, (pd.Timestamp, dt.date)) and not pd.isna(date)
    precision = _text(row.get("date_precision")) or "day"
    label = date_label(date if has_date else None, precision)
    if has_date and precision == "day":
        when = f"On {date:%d %B %Y}"
    elif label == "unknown":
        when = "On an unknown date"
    else:
        when = f"On an approximate date, {label}"
    attacker = _text(row.get("attacker"))
    who = {"Russia": "Russian forces", "Ukraine": "Ukrainian forces"}.get(attacker, "unidentified forces")
    place = (
        _text(row.get("location"))
        or _text(row.get("region_name"))
        or _text(row.get("region"))
        or "an unknown place"
    )
    weapons = _items(row.get("weapons"), ", ") or "unknown weapons"
    systems = _items(row.get("systems"), ", ")
    text = f"{when}, {who} struck {place} ({weapons}{': ' + systems if systems else ''})."
    for label, key in (("launched", "launched"), ("intercepted", "intercepted")):
        if count_text(row.get(key)):
            text += f" {count_text(row[key])} {label}."
    killed, wounded = count_text(row.get("killed_best")), count_text(row.get("wounded_best"))
    if killed or wounded:
        text += f" {killed or 'unknown'} killed, {wounded or 'unknown'} wounded."
    sources = _items(row.get("sources"), "; ")
    if sources:
        text += f" Sources: {sources}."
    return text


def events_to_acled(frame: pd.DataFrame) -> pd.DataFrame:
    """Events in ACLED's column names and codes (one row per event)."""
    n = len(frame)
    rows = frame.to_dict(orient="records")
    stamp = int(time.time())
    out: dict[str, list[Any]] = {c: [] for c in ACLED_COLUMNS}
    for row in rows:
        country = _text(row.get("country"))
        cname, iso, iso3 = _COUNTRIES.get(country, (country, None, country or "XXX"))
        date = row.get("date")
        has_date = isinstance(date, (pd.Timestamp, dt.date)) and not pd.isna(date)
        killed = row.get("killed_best", row.get("killed"))
        outlets = _outlets(row.get("claims"))
        systems = _items(row.get("systems"), ", ")
        tags = [f"systems: {systems}"] if systems else []
        for key in ("launched", "intercepted"):
            if count_text(row.get(key)):
                tags.append(f"{key}={count_text(row[key])}")
        if _text(row.get("review_status")):
            tags.append(f"review={row['review_status']}")
        out["event_id_cnty"].append(f"{iso3}{_text(row.get('event_id'))}")
        out["event_date"].append(f"{date:%Y-%m-%d}" if has_date else "")
        out["year"].append(int(date.year) if has_date else None)
        out["time_precision"].append(_TIME_PRECISION.get(_text(row.get("date_precision")), 1))
        out["disorder_type"].append("Political violence")
        out["event_type"].append("Explosions/Remote violence")
        out["sub_event_type"].append(_text(row.get("sub_event_type")) or "Shelling/artillery/missile attack")
        attacker = _text(row.get("attacker"))
        out["actor1"].append(_ACTORS.get(attacker, f"Unidentified Armed Group ({cname or 'unknown'})"))
        out["country"].append(cname)
        out["iso"].append(iso)
        out["admin1"].append(_text(row.get("region_name")) or _text(row.get("region")))
        out["location"].append(_text(row.get("location")) or _text(row.get("region_name")))
        out["latitude"].append(row.get("lat"))
        out["longitude"].append(row.get("lon"))
        out["geo_precision"].append(row.get("geo_precision"))
        out["source"].append(outlets or _items(row.get("sources"), "; "))
        out["source_scale"].append("Other")
        out["notes"].append(_note(row))
        out["fatalities"].append(0 if killed is None or pd.isna(killed) else int(killed))
        out["tags"].append("; ".join(tags))
        out["timestamp"].append(stamp)
    acled = pd.DataFrame(out, columns=list(ACLED_COLUMNS))
    if n:
        acled["year"] = acled["year"].astype("Int64")
        acled["iso"] = acled["iso"].astype("Int64")
        acled["latitude"] = pd.to_numeric(acled["latitude"], errors="coerce")
        acled["longitude"] = pd.to_numeric(acled["longitude"], errors="coerce")
        acled["geo_precision"] = acled["geo_precision"].astype("Int64")
    return acled


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``. A regular file (or a new one) is written through a temporary
    file in the same folder renamed over it, so nobody reads half an export and a failed write
    leaves the old file; a symbolic link is followed, so the file it names gets the export and
    the link stays. A device or a pipe (``/dev/stdout``, a FIFO) is written into directly: a
    rename would put a plain file where the device was."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
        return
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); an export is a normal file: the user's umask
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def run_export(args: ExportOptions) -> int:
    """``python -m analytics export [--db FILE] --format csv|jsonl|xlsx|acled [--events|--reports] [--out FILE]``."""
    from analytics.store import Store, StoreError, default_db_path

    db = Path(args.db).expanduser() if args.db else default_db_path()
    kind = args.kind or "events"
    fmt = args.format
    out = Path(args.out).expanduser() if args.out else None
    if not db.exists():
        print(f"error: no store at {db}", file=sys.stderr)
        return 2
    if out is not None and any(_same_file(out, Path(str(db) + sfx)) for sfx in ("", "-wal", "-shm")):
        print(f"error: refusing to overwrite the store itself ({out})", file=sys.stderr)
        return 2
    if fmt == "acled" and kind != "events":
        print("error: the ACLED format holds events only (drop --reports)", file=sys.stderr)
        return 2
    try:
        with Store(db) as store:
            frame = store.events_frame() if kind == "events" else store.reports_frame()
    except (StoreError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if fmt == "acled":
        data = frame_to_csv(events_to_acled(frame))
    elif fmt == "csv":
        data = frame_to_csv(frame)
    elif fmt == "jsonl":
        data = frame_to_jsonl(frame)
    else:
        try:
            data = frame_to_xlsx(frame)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_atomic(out, data)
        except OSError as exc:
            print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(frame):,} {kind} to {out}", file=sys.stderr)
    return 0
