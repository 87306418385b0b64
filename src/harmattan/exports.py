"""Events to the formats analysts' tools read: ACLED-style CSV, JSON Lines, GeoJSON, Parquet.

Everything here works on interchange dicts (as made by
:func:`harmattan.output.event_to_dict`, or read back from the store), never on
the database, so an export is a pure function of an iterable of records.
CSV, JSON Lines and GeoJSON are written one record at a time; Parquet is
written in row groups of :data:`PARQUET_BATCH_ROWS` rows. Neither holds the
whole export in memory, so a store of a million events exports in bounded
memory.

>>> import io
>>> buf = io.StringIO()
>>> write_export([{"event_id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash"}], "jsonl", buf)
1
>>> buf.getvalue()
'{"event_id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash"}\\n'
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from .output import FIELDS
from .taxonomy import load_taxonomy

log = logging.getLogger(__name__)

FORMATS = ("acled-csv", "acled-xlsx", "jsonl", "geojson", "parquet")
PARQUET_BATCH_ROWS = 50_000

#: ACLED's export columns, in the order of ACLED's current ("modern", 2023 and
#: later) CSV export and codebook. 31 columns::
#:
#:     event_id_cnty, event_date, year, time_precision, disorder_type,
#:     event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
#:     assoc_actor_2, inter2, interaction, civilian_targeting, iso, region,
#:     country, admin1, admin2, admin3, location, latitude, longitude,
#:     geo_precision, source, source_scale, notes, fatalities, tags, timestamp
#:
#: Older exports (before 2023) had ``data_id``, ``iso3`` and ``event_id_no_cnty``
#: and no ``disorder_type``/``civilian_targeting``; scripts written for those
#: need the old layout, which is not produced here.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

#: ACLED's numeric actor-type codes (``inter1``/``inter2``); 0 means no actor.
INTER_CODES = {
    "State forces": 1,
    "Rebel groups": 2,
    "Political militias": 3,
    "Identity militias": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}

#: ACLED's ``time_precision``: 1 the day is known, 2 the week (or a few days),
#: 3 the month or less precise (our ``year`` becomes 3, ACLED's coarsest code).
TIME_PRECISION_CODES = {"day": 1, "week": 2, "month": 3, "year": 3}

#: ACLED has no disorder type for disasters: their ``disorder_type`` is left empty
#: (``event_type`` still says ``Disaster``), so the column holds ACLED's values only.
DISASTER_DISORDER_TYPE = ""

def _regions(table: dict[str, str]) -> dict[str, str]:
    return {code: region for region, codes in table.items() for code in codes.split()}


# ACLED's region of each country (ISO 3166-1 alpha-2). ACLED's regions follow
# the UN geoscheme in Africa with a few choices of its own (Sudan in Northern
# Africa; Mozambique, Zambia, Zimbabwe, Malawi, Madagascar in Southern Africa);
# countries missing here get an empty region rather than a guess.
_REGION_BY_COUNTRY = _regions({
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Eastern Africa": "BI KM DJ ER ET KE MU YT RE RW SC SO SS TZ UG",
    "Southern Africa": "BW SZ LS MG MW MZ NA ZA ZM ZW",
    "Middle East": "AE BH CY IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN KH ID LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Europe": "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV "
              "MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "North America": "BM CA GL PM US",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
    "Antarctica": "AQ",
})


# --------------------------------------------------------------------------- ACLED CSV


@lru_cache(maxsize=512)
def _country_codes(alpha2: str | None) -> tuple[str, int | None]:
    """(ISO3, ISO numeric) of an alpha-2 code; ("", None) when unknown."""
    if not alpha2:
        return "", None
    import pycountry  # imported here: a large table, needed only for ACLED exports

    country = pycountry.countries.get(alpha_2=alpha2.upper())
    if country is None:
        return "", None
    return country.alpha_3, int(country.numeric)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def _unix_seconds(value: Any) -> int:
    """Unix seconds of an ``updated_at`` value (number, digits or ISO datetime; naive means UTC); 0 if unusable."""
    if value is None or isinstance(value, bool):
        return 0
    if isinstance(value, (int, float)):
        return int(value) if math.isfinite(value) else 0
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        if text.isdigit():
            return int(text)
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return int(moment.timestamp())


def inter_code(actor_type: str | None) -> int:
    """ACLED's numeric actor-type code (``inter1``/``inter2``) of an actor type; 0 for none or unknown.

    >>> inter_code("State forces"), inter_code("Civilians"), inter_code(None)
    (1, 7, 0)
    """
    return INTER_CODES.get(actor_type or "", 0)


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED's ``interaction``: the two ``inter`` codes as a two-digit number, lower first.

    One side only (the other 0) gives the code times ten (``10`` sole state
    forces action, ``60`` sole protester action); no actor at all gives 0.

    >>> interaction_code(2, 1), interaction_code(1, 7), interaction_code(0, 6), interaction_code(0, 0)
    (12, 17, 60, 0)
    """
    low, high = sorted((inter1, inter2))
    if low == 0:
        return high * 10
    return low * 10 + high


def disorder_type(event_type: str | None, sub_event_type: str | None = None) -> str:
    """ACLED's ``disorder_type`` of an event type (and sub-event type); empty for our Disaster type (ACLED has none).

    >>> disorder_type("Battles"), disorder_type("Protests", "Excessive force against protesters")
    ('Political violence', 'Political violence; Demonstrations')
    >>> disorder_type("Disaster", "Flood")
    ''
    """
    # The one taxonomy file says which disorder type each (sub-)event type has; Disaster has none.
    return load_taxonomy().disorder_type_or_empty(event_type, sub_event_type)


def acled_region(country_code: str | None) -> str:
    """ACLED's region of a country given as ISO 3166-1 alpha-2; empty when not known.

    >>> acled_region("ML"), acled_region("cm"), acled_region("LY")
    ('Western Africa', 'Middle Africa', 'Northern Africa')
    """
    return _REGION_BY_COUNTRY.get((country_code or "").upper(), "")


PUBLISHERS_FILE = Path(__file__).parent / "data" / "publishers.tsv"
_SCALES = ("Local", "Subnational", "National", "Regional", "International")


@lru_cache(maxsize=1)
def load_publishers(path: str | None = None) -> dict[str, tuple[str, str]]:
    """The table of publishers: web domain -> (name, scale), and lower-cased name -> (name, scale).

    >>> load_publishers()["premiumtimesng.com"]
    ('Premium Times', 'National')
    """
    table: dict[str, tuple[str, str]] = {}
    with open(path or PUBLISHERS_FILE, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip() or line.startswith("domain\t"):
                continue
            domain, name, scale = line.rstrip("\n").split("\t")
            table[domain.lower()] = (name, scale)
            table.setdefault(name.lower(), (name, scale))
    return table


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    except ValueError:
        return ""


def publisher(source: dict) -> tuple[str, str]:
    """(name, scale) of a report's publisher: the table by domain or by name, else the document's own source name,
    else the site's host; the scale is empty when the table does not know the publisher.

    >>> publisher({"url": "https://www.rfi.fr/fr/afrique/x"}), publisher({"source": "Daily A", "url": "https://example.org/a"})
    (('RFI', 'International'), ('Daily A', ''))
    """
    table = load_publishers()
    host = _host(source.get("url"))
    labels = host.split(".")
    for i in range(len(labels) - 1):  # news.example.com, then example.com
        found = table.get(".".join(labels[i:]))
        if found:
            return found
    for key in ("source", "name", "publisher"):
        if source.get(key):
            name = str(source[key]).strip()
            return table.get(name.lower(), (name, ""))
    if host:
        return host, ""
    return _text(source.get("title") or source.get("doc")), ""


def _source_name(source: dict) -> str:
    """What ACLED's ``source`` column names: the outlet (see :func:`publisher`)."""
    return publisher(source)[0]


def _source_names(sources: Iterable[dict] | None) -> str:
    names = []
    for source in sources or ():
        name = _source_name(source)
        if name and name not in names:
            names.append(name)
    return "; ".join(names)


def source_scale(sources: Iterable[dict] | None) -> str:
    """ACLED's ``source_scale`` of an event's reports: their scales, narrowest first, joined with ``-``.

    >>> source_scale([{"url": "https://rfi.fr/a"}, {"url": "https://lefaso.net/b"}, {"url": "https://x.example/"}])
    'National-International'
    """
    scales = {publisher(s)[1] for s in sources or ()} - {""}
    return "-".join(s for s in _SCALES if s in scales)


def _join(values: Iterable[str] | str | None) -> str:
    if values is None:
        return ""
    if isinstance(values, str):
        return values
    return "; ".join(str(v) for v in values if v)


def _coordinate(value: Any) -> str:
    # ACLED publishes four decimals (about 11 m), which is also finer than
    # anything a news report supports.
    if value is None or value == "":
        return ""
    number = float(value)
    return f"{number:.4f}" if math.isfinite(number) else ""


def _event_id_cnty(event_id: str, iso3: str) -> str:
    """ACLED's form: the country's ISO3 and a number (our ids are hashes: their hex digits read as a number).

    >>> _event_id_cnty("ev-6e39abcd1234", "MLI"), _event_id_cnty("BEN77", "BEN")
    ('MLI121193974534708', 'BEN77')
    """
    if iso3 and event_id.upper().startswith(iso3) and event_id[len(iso3):].isdigit():
        return event_id
    body = event_id.removeprefix("ev-")
    if not body or not all(c in "0123456789abcdefABCDEF" for c in body) or len(body) > 16:
        body = hashlib.sha1(event_id.encode()).hexdigest()[:12]
    return iso3 + str(int(body, 16))


def acled_row(record: dict) -> dict:
    """One interchange record as a row of ACLED's export (keys :data:`ACLED_COLUMNS`).

    >>> row = acled_row({"event_id": "4f2a", "event_type": "Violence against civilians", "sub_event_type": "Attack",
    ...                  "event_date": "2025-06-07", "time_precision": "day", "country": "Mali", "country_code": "ML",
    ...                  "actor1": "JNIM", "actor1_type": "Rebel groups", "actor2": "Civilians (Mali)",
    ...                  "actor2_type": "Civilians", "civilian_targeting": True, "fatalities": None})
    >>> row["event_id_cnty"], row["iso"], row["interaction"], row["civilian_targeting"], row["fatalities"]
    ('MLI20266', 466, 27, 'Civilian targeting', 0)
    """
    code = record.get("country_code")
    iso3, numeric = _country_codes(code)
    event_date = _iso_date(record.get("event_date"))
    inter1 = inter_code(record.get("actor1_type"))
    inter2 = inter_code(record.get("actor2_type"))
    tags = [tag for tag, key in (("suspected", "suspected_perpetrator"), ("aggregate", "aggregate"),
                                 ("background", "background")) if record.get(key)]
    fatalities = record.get("fatalities")
    return {
        "event_id_cnty": _event_id_cnty(_text(record.get("event_id")), iso3),
        "event_date": event_date or "",
        "year": event_date[:4] if event_date else "",
        "time_precision": TIME_PRECISION_CODES.get(record.get("time_precision") or "", 3),
        "disorder_type": disorder_type(record.get("event_type"), record.get("sub_event_type")),
        "event_type": _text(record.get("event_type")),
        "sub_event_type": _text(record.get("sub_event_type")),
        "actor1": _text(record.get("actor1")),
        "assoc_actor_1": _join(record.get("assoc_actor_1")),
        "inter1": inter1,
        "actor2": _text(record.get("actor2")),
        "assoc_actor_2": _join(record.get("assoc_actor_2")),
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if record.get("civilian_targeting") else "",
        "iso": "" if numeric is None else numeric,
        "region": acled_region(code),
        "country": _text(record.get("country")),
        "admin1": _text(record.get("admin1")),
        "admin2": _text(record.get("admin2")),
        "admin3": _text(record.get("admin3")),
        "location": _text(record.get("location")),
        "latitude": _coordinate(record.get("latitude")),
        "longitude": _coordinate(record.get("longitude")),
        "geo_precision": record.get("geo_precision") or 3,
        "source": _source_names(record.get("sources")),
        "source_scale": source_scale(record.get("sources")),
        "notes": _text(record.get("notes")),
        "fatalities": int(fatalities) if fatalities is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": _unix_seconds(record.get("updated_at")),
    }


#: Columns of numbers (written as they are); every other column is text and neutralised.
_NUMBER_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude",
                             "longitude", "geo_precision", "fatalities", "timestamp"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, made inert by a leading apostrophe (OWASP's CSV injection advice).

    >>> neutralise("=1+2"), neutralise("@SUM(A1)"), neutralise("Mopti"), neutralise(12)
    ("'=1+2", "'@SUM(A1)", 'Mopti', 12)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_acled_row(record: dict) -> dict:
    """:func:`acled_row` with every text cell neutralised (what the CSV and XLSX exports write)."""
    return {k: (v if k in _NUMBER_COLUMNS else neutralise(v)) for k, v in acled_row(record).items()}


def _write_acled_csv(records: Iterable[dict], out: IO[str], stats: dict) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(safe_acled_row(record))
        count += 1
    stats["written"] = count
    return count


def _write_acled_xlsx(records: Iterable[dict], out: str | IO[bytes], stats: dict) -> int:
    """ACLED's columns in a workbook (one sheet, rows streamed: openpyxl's write-only mode); text cells neutralised."""
    from openpyxl import Workbook  # imported here: only this export needs it

    book = Workbook(write_only=True)
    sheet = book.create_sheet("events")
    sheet.append(list(ACLED_COLUMNS))
    count = 0
    for record in records:
        row = safe_acled_row(record)
        sheet.append([_xlsx_cell(k, row[k]) for k in ACLED_COLUMNS])
        count += 1
    book.save(out)
    stats["written"] = count
    return count


def _xlsx_cell(column: str, value: Any) -> Any:
    """Numbers of number columns as numbers (coordinates are text in the CSV); "" as an empty cell."""
    if value == "":
        return None
    if column in ("latitude", "longitude", "year"):
        return float(value) if column != "year" else int(value)
    return value


# --------------------------------------------------------------------------- JSON Lines


def _write_jsonl(records: Iterable[dict], out: IO[str], stats: dict) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        count += 1
    stats["written"] = count
    return count


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


# --------------------------------------------------------------------------- GeoJSON

# Lists of names are joined with "; " and nested lists (sources, history) are
# JSON text: QGIS/OGR read flat scalar properties into ordinary attribute
# columns that filter, join and save to any format, while arrays become
# StringList or JSON fields that shapefiles and many QGIS tools drop.
_GEOJSON_JOINED = ("assoc_actor_1", "assoc_actor_2")
_GEOJSON_AS_JSON = ("sources", "history")
_FIELD_SET = frozenset(FIELDS)


def _geojson_point(record: dict) -> tuple[float, float] | None:
    """(lon, lat) of a record, or None when missing or out of WGS84 range."""
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None or lat == "" or lon == "":
        return None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def _flat_value(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN/Infinity are not JSON
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return value


def geojson_feature(record: dict) -> dict | None:
    """The GeoJSON Point feature of one record (flat properties), or None when it has no usable coordinates.

    >>> f = geojson_feature({"event_id": "e1", "latitude": 14.49, "longitude": -4.19, "assoc_actor_1": ["A", "B"]})
    >>> f["geometry"], f["properties"]["assoc_actor_1"]
    ({'type': 'Point', 'coordinates': [-4.19, 14.49]}, 'A; B')
    >>> geojson_feature({"event_id": "e2", "latitude": None, "longitude": None}) is None
    True
    """
    point = _geojson_point(record)
    if point is None:
        return None
    properties = {}
    # Every interchange field, present or not, so that all features share one
    # attribute table; extra keys (updated_at, distance_km ...) follow.
    for key in (*FIELDS, *(k for k in record if k not in _FIELD_SET)):
        value = record.get(key)
        if key in _GEOJSON_JOINED:
            properties[key] = _join(value)
        elif key in _GEOJSON_AS_JSON:
            properties[key] = json.dumps(value or [], ensure_ascii=False, default=_json_default)
        else:
            properties[key] = _flat_value(value)
    properties.setdefault("source", _source_names(record.get("sources")))
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(point)}, "properties": properties}
    if record.get("event_id"):
        feature["id"] = str(record["event_id"])
    return feature


def _write_geojson(records: Iterable[dict], out: IO[str], stats: dict) -> int:
    # Written by hand around json.dumps of each feature so that the collection
    # streams: only one feature is ever in memory.
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = skipped = 0
    for record in records:
        feature = geojson_feature(record)
        if feature is None:
            skipped += 1
            continue
        if count:
            out.write(",\n")
        out.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
        count += 1
    # A foreign member (RFC 7946, 6.1) says how many events the file leaves out and why.
    out.write('\n], "left_out": ' + json.dumps({"no_coordinates": skipped}) + "}\n")
    stats.update(written=count, skipped_no_coordinates=skipped)
    if skipped:
        log.warning("geojson: skipped %d event(s) without usable coordinates", skipped)
    return count


# --------------------------------------------------------------------------- Parquet


def parquet_schema():
    """The Arrow schema of the Parquet export: one column per interchange field, typed.

    >>> str(parquet_schema().field("event_date").type), str(parquet_schema().field("assoc_actor_1").type)
    ('date32[day]', 'list<item: string>')
    """
    import pyarrow as pa  # imported here: a heavy import, needed only for Parquet

    types = {
        "event_date": pa.date32(), "event_date_end": pa.date32(),
        "assoc_actor_1": pa.list_(pa.string()), "assoc_actor_2": pa.list_(pa.string()),
        "latitude": pa.float64(), "longitude": pa.float64(), "confidence": pa.float64(),
        "geo_precision": pa.int32(), "fatalities": pa.int32(), "fatalities_low": pa.int32(),
        "fatalities_high": pa.int32(), "injured": pa.int32(), "missing": pa.int32(), "abducted": pa.int32(),
        "civilian_targeting": pa.bool_(), "background": pa.bool_(), "aggregate": pa.bool_(),
        "suspected_perpetrator": pa.bool_(),
    }
    fields = [pa.field(name, types.get(name, pa.string())) for name in FIELDS]
    fields.append(pa.field("updated_at", pa.timestamp("ms", tz="UTC")))  # Parquet has no seconds unit
    metadata = {
        "harmattan.record_version": "1",
        "harmattan.json_columns": "sources,history",
    }
    return pa.schema(fields, metadata=metadata)


def _parquet_converters(schema) -> dict[str, Callable[[Any], Any]]:
    import pyarrow as pa

    def to_date(value):
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value)[:10])

    def to_json(value):
        return json.dumps(value or [], ensure_ascii=False, default=_json_default)

    def to_list(value):
        if value is None:
            return []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    def to_timestamp(value):
        seconds = _unix_seconds(value)
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc) if seconds else None

    def to_text(value):
        return None if value is None else str(value)

    def to_float(value):
        return None if value is None or value == "" else float(value)

    def to_int(value):
        return None if value is None or value == "" else int(value)

    def to_bool(value):
        return None if value is None else bool(value)

    converters = {}
    for field in schema:
        if field.name in ("sources", "history"):
            converters[field.name] = to_json
        elif field.name == "updated_at":
            converters[field.name] = to_timestamp
        elif pa.types.is_date32(field.type):
            converters[field.name] = to_date
        elif pa.types.is_list(field.type):
            converters[field.name] = to_list
        elif pa.types.is_floating(field.type):
            converters[field.name] = to_float
        elif pa.types.is_integer(field.type):
            converters[field.name] = to_int
        elif pa.types.is_boolean(field.type):
            converters[field.name] = to_bool
        else:
            converters[field.name] = to_text
    return converters


def _write_parquet(records: Iterable[dict], out: IO[bytes], stats: dict, batch_rows: int = PARQUET_BATCH_ROWS) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    converters = _parquet_converters(schema)
    names = schema.names
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        columns: dict[str, list] = {name: [] for name in names}
        pending = 0
        for record in records:
            for name in names:
                columns[name].append(converters[name](record.get(name)))
            pending += 1
            if pending >= batch_rows:
                writer.write_table(pa.table(columns, schema=schema))
                count += pending
                columns = {name: [] for name in names}
                pending = 0
        if pending:
            writer.write_table(pa.table(columns, schema=schema))
            count += pending
    stats["written"] = count
    return count


# --------------------------------------------------------------------------- entry point


class _TellingWriter:
    """A write-only binary stream that counts what it wrote, for outputs that cannot ``tell`` (pipes, stdout)."""

    def __init__(self, raw: IO[bytes]):
        self._raw, self._position, self.closed = raw, 0, False

    def write(self, data) -> int:
        self._raw.write(data)
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        self._raw.flush()

    def close(self) -> None:  # the caller owns the stream; pyarrow must not close it
        self.flush()
        self.closed = True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False


def _is_binary(stream: Any) -> bool:
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in getattr(stream, "mode", "")


@contextmanager
def _open_text(out: str | Path | IO) -> Iterator[IO[str]]:
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    elif _is_binary(out):
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave the caller's stream open
    else:
        yield out
        out.flush()


@contextmanager
def _open_binary(out: str | Path | IO) -> Iterator[str | IO[bytes]]:
    """A path as a string (pyarrow writes it natively) or a binary stream that can ``tell``."""
    if isinstance(out, (str, Path)):
        yield str(out)
        return
    if not _is_binary(out):
        if not hasattr(out, "buffer"):
            raise ValueError("parquet needs a binary output (a path or a file opened in 'wb' mode)")
        out.flush()
        out = out.buffer
    try:
        out.tell()
    except (OSError, AttributeError, ValueError):
        yield _TellingWriter(out)
    else:
        yield out  # pyarrow leaves streams it did not open open
    out.flush()


_TEXT_WRITERS = {"acled-csv": _write_acled_csv, "jsonl": _write_jsonl, "geojson": _write_geojson}


def write_export(events: Iterable[dict], fmt: str, out: str | Path | IO, *, stats: dict | None = None) -> int:
    """Write interchange records in an export format; return how many events were written.

    Args:
        events: interchange dicts (:func:`harmattan.output.event_to_dict`), any
            iterable; it is consumed once, as it goes.
        fmt: ``acled-csv``, ``acled-xlsx``, ``jsonl``, ``geojson`` or ``parquet``.
        out: a path (created or overwritten, UTF-8) or an open stream. Text
            formats take text or binary streams; ``parquet`` needs a binary one
            (or a text stream with a ``buffer``, such as ``sys.stdout``). A stream
            is flushed, never closed.
        stats: if given, filled with ``written`` and, for GeoJSON,
            ``skipped_no_coordinates`` (events without usable coordinates are
            left out of a GeoJSON file, counted in its ``left_out`` member and
            logged as a warning).

    Raises:
        ValueError: an unknown format, or a text stream given for Parquet.

    >>> import io
    >>> buf, stats = io.StringIO(), {}
    >>> write_export([{"event_id": "a", "latitude": None, "longitude": None}], "geojson", buf, stats=stats)
    0
    >>> stats
    {'written': 0, 'skipped_no_coordinates': 1}
    """
    stats = {} if stats is None else stats
    if fmt in _TEXT_WRITERS:
        with _open_text(out) as handle:
            return _TEXT_WRITERS[fmt](events, handle, stats)
    if fmt == "parquet":
        with _open_binary(out) as handle:
            return _write_parquet(events, handle, stats)
    if fmt == "acled-xlsx":
        with _open_binary(out) as handle:
            return _write_acled_xlsx(events, handle, stats)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
