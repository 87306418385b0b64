"""Exports for analysts' tools: ACLED CSV, JSON Lines, GeoJSON, Parquet, on hand-built events."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import tracemalloc

import pytest

from harmattan.exports import (
    ACLED_COLUMNS, DISASTER_DISORDER_TYPE, acled_region, disorder_type, interaction_code, write_export,
)
from harmattan.output import FIELDS, event_from_dict, event_to_dict
from harmattan.records import Event, Evidence, SourceRef

TRICKY_NOTES = 'Des hommes armés ont tué 3 civils, dont le "chef" du village;\nles FAMa sont intervenues, 2e ligne.'


def _events() -> list[dict]:
    ml = Event(
        "Violence against civilians", "Attack", "ML", event_date=dt.date(2025, 6, 7), time_precision="day",
        actor1="JNIM: Jama'at Nusrat al-Islam wal-Muslimin", actor1_type="Rebel groups",
        actor2="Civilians (Mali)", actor2_type="Civilians", country="Mali", admin1="Mopti", admin2="Bandiagara",
        location="Djibo-Tégourou", latitude=14.3501, longitude=-3.61, geo_precision=1, fatalities=None,
        civilian_targeting=True, suspected_perpetrator=True, notes=TRICKY_NOTES,
        sources=(SourceRef("d1", "https://www.rfi.fr/fr/afrique/x", "Mali : une attaque à Djibo", dt.date(2025, 6, 8),
                           (Evidence("fatalities", "trois civils tués"),), None),
                 SourceRef("d2", "https://studio-tamani.org/y", "Attaque, « chef » tué", dt.date(2025, 6, 9))),
        history=({"published": "2025-06-08", "fatalities": 3, "source": "d1"},), event_id="a1b2c3",
    )
    bj = Event(
        "Battles", "Armed clash", "BJ", event_date=dt.date(2025, 4, 17), time_precision="week",
        actor1="Military Forces of Benin (2021-)", actor1_type="State forces",
        actor2="JNIM", actor2_type="Rebel groups",
        assoc_actor_1=("Opération Mirador", "Police Républicaine"), country="Benin", admin1="Alibori",
        location="Point Triple", latitude=11.8, longitude=2.4, geo_precision=2, fatalities=54, fatalities_low=54,
        fatalities_high=70, notes="Soldiers killed at the W park, \"heavy\" losses.", event_id="BEN77",
        sources=(SourceRef("d3", None, "Benin: 54 soldiers killed", dt.date(2025, 4, 18)),),
    )
    ng = Event(
        "Disaster", "Flood", "NG", event_date=dt.date(2025, 5, 29), time_precision="month", country="Nigeria",
        admin1="Niger", location=None, latitude=None, longitude=None, geo_precision=3, fatalities=21, aggregate=True,
        notes="Floods in Mokwa, Niger State.", event_id="ng-flood-1",
    )
    bf = Event(
        "Protests", "Peaceful protest", "BF", event_date=None, time_precision="year",
        actor1="Protesters (Burkina Faso)", actor1_type="Protesters", country="Burkina Faso", admin1="Centre",
        location="Ouagadougou",
        latitude=12.3647, longitude=-1.5334, geo_precision=1, background=True, notes="", event_id="bf-1",
    )
    records = [event_to_dict(e) for e in (ml, bj, ng, bf)]
    records[0]["updated_at"] = "2025-06-09T10:00:00+00:00"
    return records


def _acled_rows(records) -> tuple[str, list[dict]]:
    buf = io.BytesIO()
    assert write_export(records, "acled-csv", buf) == len(records)
    raw = buf.getvalue()
    text = raw.decode("utf-8")  # strict: must be UTF-8
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    return text, rows


# ---------------------------------------------------------------------------------------------- ACLED CSV


def test_acled_columns_are_the_modern_export_layout():
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS)) == 31
    assert ACLED_COLUMNS[:3] == ("event_id_cnty", "event_date", "year")
    assert ACLED_COLUMNS[-3:] == ("fatalities", "tags", "timestamp")


def test_acled_csv_header_and_plain_format():
    text, _ = _acled_rows(_events())
    assert not text.startswith("\ufeff")
    assert text.split("\r\n", 1)[0] == ",".join(ACLED_COLUMNS)  # exact header, no index column


def test_acled_csv_codes():
    _, rows = _acled_rows(_events())
    ml, bj, ng, bf = rows
    assert ml["event_id_cnty"] == "MLI" + str(0xa1b2c3)  # ISO3 and a number, as ACLED writes it
    assert bj["event_id_cnty"] == "BEN77"  # already led by its ISO3: not doubled
    assert (ml["event_date"], ml["year"], ml["time_precision"]) == ("2025-06-07", "2025", "1")
    assert (bj["time_precision"], ng["time_precision"], bf["time_precision"]) == ("2", "3", "3")
    assert (bf["event_date"], bf["year"]) == ("", "")
    assert (ml["disorder_type"], bf["disorder_type"], ng["disorder_type"]) == (
        "Political violence", "Demonstrations", DISASTER_DISORDER_TYPE)
    assert (ml["inter1"], ml["inter2"], ml["interaction"]) == ("2", "7", "27")
    assert (bj["inter1"], bj["inter2"], bj["interaction"]) == ("1", "2", "12")
    assert (bf["inter1"], bf["inter2"], bf["interaction"]) == ("6", "0", "60")
    assert (ng["inter1"], ng["inter2"], ng["interaction"]) == ("0", "0", "0")
    assert (ml["civilian_targeting"], bj["civilian_targeting"]) == ("Civilian targeting", "")
    assert [r["iso"] for r in rows] == ["466", "204", "566", "854"]
    assert {r["region"] for r in rows} == {"Western Africa"}
    assert bj["assoc_actor_1"] == "Opération Mirador; Police Républicaine"
    assert (ml["location"], ml["latitude"], ml["longitude"]) == ("Djibo-Tégourou", "14.3501", "-3.6100")
    assert (ng["latitude"], ng["longitude"], ng["geo_precision"]) == ("", "", "3")
    assert ml["source"] == "RFI; Studio Tamani"  # publishers named from the table of domains
    assert bj["source"] == "Benin: 54 soldiers killed"  # no URL: the title
    assert (ml["source_scale"], bj["source_scale"]) == ("National-International", "")
    assert (ml["fatalities"], bj["fatalities"], ng["fatalities"]) == ("0", "54", "21")
    assert (ml["tags"], ng["tags"], bf["tags"], bj["tags"]) == ("suspected", "aggregate", "background", "")
    assert ml["timestamp"] == str(int(dt.datetime(2025, 6, 9, 10, tzinfo=dt.timezone.utc).timestamp()))
    assert bj["timestamp"] == "0"
    assert ml["notes"] == TRICKY_NOTES
    assert ml["actor1"] == "JNIM: Jama'at Nusrat al-Islam wal-Muslimin"
    assert all(r["admin3"] == "" for r in rows)


def test_acled_csv_to_path_is_utf8(tmp_path):
    path = tmp_path / "out.csv"
    write_export(_events(), "acled-csv", path)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["notes"] for r in rows][0] == TRICKY_NOTES
    assert rows[0]["location"] == "Djibo-Tégourou"


@pytest.mark.parametrize("inter1, inter2, expected", [
    (1, 2, 12), (2, 1, 12), (1, 7, 17), (7, 1, 17), (3, 3, 33), (8, 8, 88), (1, 0, 10), (0, 2, 20), (0, 0, 0),
])
def test_interaction_code(inter1, inter2, expected):
    assert interaction_code(inter1, inter2) == expected


@pytest.mark.parametrize("event_type, sub_event_type, expected", [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Protest with intervention", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Strategic developments", "Arrests", "Strategic developments"),
    ("Disaster", "Epidemic", DISASTER_DISORDER_TYPE),
])
def test_disorder_type(event_type, sub_event_type, expected):
    assert disorder_type(event_type, sub_event_type) == expected


def test_regions_of_the_covered_countries():
    for code in ("ML", "BF", "NE", "NG", "BJ", "TG", "GH", "CI", "SN", "MR"):
        assert acled_region(code) == "Western Africa", code
    assert [acled_region(c) for c in ("TD", "CM", "LY", "DZ", "SD", "SS")] == [
        "Middle Africa", "Middle Africa", "Northern Africa", "Northern Africa", "Northern Africa", "Eastern Africa"]
    assert acled_region(None) == "" and acled_region("ZZ") == ""


# ---------------------------------------------------------------------------------------------- JSON Lines


def test_jsonl_round_trip():
    records = _events()
    buf = io.StringIO()
    assert write_export(records, "jsonl", buf) == 4
    lines = buf.getvalue().splitlines()
    assert len(lines) == 4
    back = [json.loads(line) for line in lines]
    assert back == records
    assert "Tégourou" in lines[0]  # UTF-8, not \u escapes
    assert event_to_dict(event_from_dict(back[1])) == records[1]


# ---------------------------------------------------------------------------------------------- GeoJSON


def validate_geojson(doc) -> None:
    """Structure, types and coordinate ranges of an RFC 7946 FeatureCollection of Points with flat properties."""
    assert isinstance(doc, dict) and doc.get("type") == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946 removed it: WGS84 only
    assert isinstance(doc.get("features"), list)
    for feature in doc["features"]:
        assert isinstance(feature, dict) and feature.get("type") == "Feature"
        assert set(feature) <= {"type", "geometry", "properties", "id", "bbox"}
        if "id" in feature:
            assert isinstance(feature["id"], (str, int, float)) and not isinstance(feature["id"], bool)
        geometry = feature["geometry"]
        assert isinstance(geometry, dict) and geometry.get("type") == "Point"
        coords = geometry.get("coordinates")
        assert isinstance(coords, list) and len(coords) in (2, 3)
        assert all(isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in coords)
        lon, lat = coords[:2]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert props is None or isinstance(props, dict)
        for key, value in (props or {}).items():
            assert isinstance(key, str)
            assert value is None or isinstance(value, (str, int, float, bool)), (key, value)


def test_geojson_valid_and_rereads(tmp_path):
    path = tmp_path / "events.geojson"
    stats: dict = {}
    assert write_export(_events(), "geojson", path, stats=stats) == 3
    assert stats == {"written": 3, "skipped_no_coordinates": 1}
    doc = json.loads(path.read_text(encoding="utf-8"))
    validate_geojson(doc)
    features = {f["id"]: f for f in doc["features"]}
    assert set(features) == {"a1b2c3", "BEN77", "bf-1"}
    ml = features["a1b2c3"]
    assert ml["geometry"]["coordinates"] == [-3.61, 14.3501]  # lon, lat
    props = ml["properties"]
    assert set(FIELDS) <= set(props)
    assert props["notes"] == TRICKY_NOTES and props["location"] == "Djibo-Tégourou"
    assert props["fatalities"] is None and props["civilian_targeting"] is True
    assert props["source"] == "RFI; Studio Tamani"
    assert doc["left_out"] == {"no_coordinates": 1}
    assert json.loads(props["sources"])[1]["title"] == "Attaque, « chef » tué"
    assert json.loads(props["history"]) == [{"published": "2025-06-08", "fatalities": 3, "source": "d1"}]
    assert props["updated_at"] == "2025-06-09T10:00:00+00:00"
    assert features["BEN77"]["properties"]["assoc_actor_1"] == "Opération Mirador; Police Républicaine"


def test_geojson_skips_bad_coordinates_and_empty_input():
    bad = [{"event_id": "x", "latitude": 95.0, "longitude": 0.0},
           {"event_id": "y", "latitude": float("nan"), "longitude": 1.0},
           {"event_id": "z", "latitude": 10.0, "longitude": None}]
    buf, stats = io.StringIO(), {}
    assert write_export(bad, "geojson", buf, stats=stats) == 0
    assert stats["skipped_no_coordinates"] == 3
    doc = json.loads(buf.getvalue())
    validate_geojson(doc)
    assert doc["features"] == []


# ---------------------------------------------------------------------------------------------- Parquet


def test_parquet_types_and_rows(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = _events()
    path = tmp_path / "events.parquet"
    assert write_export(records, "parquet", path) == 4
    table = pq.read_table(path)
    schema = table.schema
    assert table.num_rows == 4
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities").type == pa.int32()
    assert schema.field("geo_precision").type == pa.int32()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("civilian_targeting").type == pa.bool_()
    assert schema.field("assoc_actor_1").type == pa.list_(pa.string())
    assert schema.field("sources").type == pa.string()
    assert schema.field("updated_at").type == pa.timestamp("ms", tz="UTC")
    rows = table.to_pylist()
    for row, record in zip(rows, records):
        assert row["event_id"] == record["event_id"]
        assert row["event_date"] == (dt.date.fromisoformat(record["event_date"]) if record["event_date"] else None)
        assert row["fatalities"] == record["fatalities"]
        assert row["latitude"] == record["latitude"] and row["longitude"] == record["longitude"]
        assert row["assoc_actor_1"] == record["assoc_actor_1"]
        assert row["notes"] == record["notes"]
        assert json.loads(row["sources"]) == record["sources"]
        assert json.loads(row["history"]) == record["history"]
        assert row["civilian_targeting"] is record["civilian_targeting"]
    assert rows[0]["updated_at"] == dt.datetime(2025, 6, 9, 10, tzinfo=dt.timezone.utc)
    assert rows[1]["updated_at"] is None


def test_parquet_readable_by_pandas_and_duckdb(tmp_path):
    path = tmp_path / "events.parquet"
    write_export(_events(), "parquet", path)
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        frame = pd.read_parquet(path)
        assert len(frame) == 4 and list(frame["event_id"]) == ["a1b2c3", "BEN77", "ng-flood-1", "bf-1"]
        assert list(frame["assoc_actor_1"][1]) == ["Opération Mirador", "Police Républicaine"]
        assert str(frame["latitude"].dtype) == "float64" and frame["civilian_targeting"].dtype == bool
    try:
        import duckdb
    except ImportError:
        duckdb = None
    if duckdb is not None:
        query = ("select count(*), sum(fatalities), min(event_date), max(len(assoc_actor_1))"
                 f" from read_parquet('{path}')")
        assert duckdb.connect().execute(query).fetchone() == (4, 75, dt.date(2025, 4, 17), 2)
    if pd is None and duckdb is None:
        pytest.skip("neither pandas nor duckdb installed")


class _Pipe(io.RawIOBase):
    """A binary sink that cannot seek or tell, like a pipe."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += bytes(b)
        return len(b)

    def tell(self):
        raise OSError("not seekable")


def test_parquet_to_streams():
    pq = pytest.importorskip("pyarrow.parquet")
    pipe = _Pipe()
    assert write_export(_events(), "parquet", pipe) == 4
    assert not pipe.closed
    assert pq.read_table(io.BytesIO(bytes(pipe.data))).num_rows == 4
    with pytest.raises(ValueError):
        write_export(_events(), "parquet", io.StringIO())


def test_parquet_empty_input(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "empty.parquet"
    assert write_export([], "parquet", path) == 0
    assert pq.read_table(path).num_rows == 0


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown export format"):
        write_export([], "xlsx", io.StringIO())


# ---------------------------------------------------------------------------------------------- streaming


def _generated(n: int):
    base = _events()
    for i in range(n):
        record = dict(base[i % len(base)])
        record["event_id"] = f"gen{i}"
        record["fatalities"] = i % 50
        yield record


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["acled-csv", "jsonl", "geojson", "parquet"])
def test_streaming_100k_events_in_bounded_memory(tmp_path, fmt):
    n = 100_000
    path = tmp_path / f"big.{fmt}"
    sizes_seen = []

    def watched():
        for i, record in enumerate(_generated(n)):
            if i == n // 2 and fmt != "parquet":
                sizes_seen.append(os.path.getsize(path))  # already on disk: written as it goes
            yield record

    tracemalloc.start()
    try:
        written = write_export(watched(), fmt, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    expected = n - (n // 4 if fmt == "geojson" else 0)  # one event in four has no coordinates
    assert written == expected
    assert peak < 200 * 2**20, f"{fmt}: peak {peak / 2**20:.0f} MiB"
    if fmt != "parquet":
        assert sizes_seen and sizes_seen[0] > 0


def test_disorder_types_are_acled_values_only():
    acled = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
    _, rows = _acled_rows(_events())
    assert {r["disorder_type"] for r in rows} - {""} <= acled
    ng = rows[2]
    assert (ng["event_type"], ng["disorder_type"]) == ("Disaster", "")  # the type keeps its own column


def test_acled_xlsx_has_the_columns_numbers_and_inert_text(tmp_path):
    import openpyxl
    records = _events()
    records[3]["notes"] = '=HYPERLINK("http://evil.example","x")'
    path = tmp_path / "events.xlsx"
    assert write_export(records, "acled-xlsx", path) == 4
    sheet = openpyxl.load_workbook(path, read_only=True)["events"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ACLED_COLUMNS and len(rows) == 5
    ml = dict(zip(ACLED_COLUMNS, rows[1]))
    assert ml["latitude"] == 14.3501 and ml["fatalities"] == 0 and ml["source"] == "RFI; Studio Tamani"
    assert dict(zip(ACLED_COLUMNS, rows[4]))["notes"] == "'" + records[3]["notes"]
    buf = io.BytesIO()
    write_export(records, "acled-xlsx", buf)
    assert buf.getvalue()[:2] == b"PK"
