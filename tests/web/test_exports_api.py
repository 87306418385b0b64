"""Exports an ACLED user can drop in: publishers, ACLED ids and disorder types, XLSX, GeoJSON that counts what it leaves out."""
from __future__ import annotations

import csv
import io
import re

ACLED_DISORDER = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}


def acled(client, **params) -> list[dict]:
    r = client.get("/api/export", params={"format": "acled-csv", **params})
    assert r.status_code == 200, r.text
    return list(csv.DictReader(io.StringIO(r.text)))


def test_source_names_publishers_not_ids_or_domains(client):
    rows = acled(client)
    assert rows and not any("sha256:" in r["source"] or "://" in r["source"] or "example.org" in r["source"]
                            for r in rows)
    (mokwa,) = [r for r in rows if r["location"] == "Mokwa"]
    assert {"Daily A", "Daily B", "Daily C"} <= set(mokwa["source"].split("; "))  # the documents' own source field


def test_acled_ids_and_disorder_types(client):
    rows = acled(client)
    assert all(re.fullmatch(r"[A-Z]{3}\d+", r["event_id_cnty"]) for r in rows)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    assert {r["disorder_type"] for r in rows} - {""} <= ACLED_DISORDER
    assert {r["disorder_type"] for r in rows if r["event_type"] == "Disaster"} == {""}
    assert any(r["admin2"] for r in rows)


def test_xlsx_export(client):
    import openpyxl
    r = client.get("/api/export", params={"format": "acled-xlsx", "country": "NG"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)["events"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "event_id_cnty" and len(rows) - 1 == client.get("/api/events", params={"country": "NG"}).json()["total"]


def test_geojson_says_how_many_it_left_out(client):
    total = client.get("/api/events").json()["total"]
    r = client.get("/api/export", params={"format": "geojson"})
    doc = r.json()
    left_out = doc["left_out"]["no_coordinates"]
    assert len(doc["features"]) + left_out == total
    assert r.headers["X-Events-Left-Out"] == str(left_out) and r.headers["X-Events-Written"] == str(len(doc["features"]))
