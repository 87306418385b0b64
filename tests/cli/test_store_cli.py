"""End-to-end tests of the store commands as a user runs them (real subprocesses, a real SQLite file)."""
from __future__ import annotations

import csv
import json
import subprocess

import pytest


def run(cli, *args, check=True):
    proc = subprocess.run([cli, *args], capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def db(cli, shared, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "events.sqlite"
    docs = sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl"))
    first = run(cli, "ingest", *docs, "--db", str(path))
    assert "13 new, 0 unchanged" in first.stderr
    again = run(cli, "ingest", *docs, "--db", str(path))
    assert "0 new, 13 unchanged, 0 updated, 0 failed; events: 0 new, 0 updated" in again.stderr
    return str(path)


def test_events_filters(cli, db):
    table = run(cli, "events", "--db", db, "--country", "NG").stdout
    assert "Mokwa" in table and "Gwoza" in table and "Barsalogo" not in table
    rows = [json.loads(line) for line in run(cli, "events", "--db", db, "--actor", "GSIM", "--format", "jsonl").stdout.splitlines()]
    assert rows and all(r["actor1"].startswith("JNIM") for r in rows)
    rows = [json.loads(line) for line in run(cli, "events", "--db", db, "--near", "12.64,-8.0,40", "--format", "jsonl").stdout.splitlines()]
    assert rows and all(r["location"] == "Bamako" for r in rows)
    bad = run(cli, "events", "--db", db, "--near", "north", check=False)
    assert bad.returncode == 2 and "LAT,LON,KM" in bad.stderr
    bad = run(cli, "events", "--db", db, "--since", "yesterday", check=False)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_show_search_actors(cli, db):
    (mokwa,) = [json.loads(line) for line in run(cli, "events", "--db", db, "--type", "Disaster", "--format", "jsonl").stdout.splitlines()]
    shown = run(cli, "events", "show", mokwa["event_id"], "--db", db).stdout
    assert "history of reported figures" in shown and "fatalities=21" in shown and "fatalities=151" in shown
    assert "Torrential rain caused flash flooding in Mokwa" in shown  # the evidence sentence
    assert run(cli, "events", "--db", db, "show", "ev-000000000000", check=False).returncode == 1
    found = run(cli, "search", "Mokwa flood", "--db", db).stdout
    assert "Mokwa" in found
    assert "JNIM" in run(cli, "actors", "--db", db).stdout
    shown = run(cli, "actors", "--db", db, "show", "GSIM").stdout
    assert "Qaeda" in shown and "Barsalogo" in shown


def test_exports(cli, db, tmp_path):
    out = tmp_path / "ml.csv"
    run(cli, "export", "--db", db, "--format", "acled-csv", "--country", "ML", "-o", str(out))
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    from harmattan.exports import ACLED_COLUMNS
    assert reader.fieldnames == list(ACLED_COLUMNS) and rows and all(r["country"] == "Mali" for r in rows)
    geo = tmp_path / "all.geojson"
    run(cli, "export", "--db", db, "--format", "geojson", "-o", str(geo))
    data = json.loads(geo.read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    parquet = tmp_path / "all.parquet"
    run(cli, "export", "--db", db, "--format", "parquet", "-o", str(parquet))
    import pyarrow.parquet as pq
    table = pq.read_table(parquet)
    assert table.num_rows == len(run(cli, "events", "--db", db, "--format", "jsonl").stdout.splitlines())


def test_merge_split_undo(cli, db):
    rows = [json.loads(line) for line in run(cli, "events", "--db", db, "--country", "NG", "--format", "jsonl").stdout.splitlines()]
    a, b = rows[0]["event_id"], rows[1]["event_id"]
    merged = run(cli, "events", "--db", db, "merge", a, b, "--note", "same incident").stdout
    number = merged.strip().rsplit(" ", 1)[-1]
    assert len(run(cli, "events", "--db", db, "--country", "NG", "--format", "jsonl").stdout.splitlines()) == len(rows) - 1
    run(cli, "events", "--db", db, "undo", number)
    assert len(run(cli, "events", "--db", db, "--country", "NG", "--format", "jsonl").stdout.splitlines()) == len(rows)
    assert run(cli, "events", "--db", db, "undo", number, check=False).returncode == 1


def test_backfill_stores_what_ingest_stores(cli, shared, tmp_path):
    docs = sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl"))
    ingested, backfilled = tmp_path / "ingested.sqlite", tmp_path / "backfilled.sqlite"
    run(cli, "ingest", *docs, "--db", str(ingested))
    first = run(cli, "backfill", *docs, "--db", str(backfilled), "--workers", "1", "--no-progress")
    assert "13 new, 0 unchanged" in first.stderr and "documents/s" in first.stderr

    def listing(db):  # the events as listed, without the time each was last written
        rows = [json.loads(line) for line in run(cli, "events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
        return [{k: v for k, v in r.items() if k != "updated_at"} for r in rows]

    assert listing(backfilled) == listing(ingested) and len(listing(ingested)) >= 10
    check = run(cli, "store", "check", "--db", str(backfilled))
    assert "integrity: ok" in check.stdout and "problem" not in check.stdout
    again = run(cli, "backfill", *docs, "--db", str(backfilled), "--workers", "1", "--no-progress")
    assert "0 new, 13 unchanged, 0 updated, 0 failed; events: 0 new, 0 updated, 0 removed" in again.stderr
