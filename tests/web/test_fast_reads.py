"""The reads made fast for a big store answer as before: map points written by the database, statistics from
the aggregates, ETags on the store's version, several server workers."""
from __future__ import annotations

import subprocess
import time

import httpx

from harmattan.store import event_groups, event_queries
from harmattan.store.query import EventFilter, query_events

from .conftest import PASSWORDS, free_port


def test_points_written_by_the_database_are_the_events(client, store):
    got = client.get("/api/events/points", params={"limit": 5000}).json()
    records = [r for r in query_events(store, EventFilter()) if r["latitude"] is not None and r["longitude"] is not None]
    assert got["count"] == len(got["points"]) == len(records) > 3
    want = [{"id": r["event_id"], "lat": r["latitude"], "lon": r["longitude"], "type": r["event_type"],
             "fatalities": r["fatalities"], "date": r["event_date"],
             "place": ", ".join(p for p in (r["location"], r["admin1"], r["country_code"]) if p),
             "level": event_queries.area_level(r["location"], r["admin1"], r["geo_precision"])} for r in records]
    key = lambda p: (p["date"] or "", p["id"])  # noqa: E731
    assert sorted(got["points"], key=key) == sorted(want, key=key)
    assert [p["date"] for p in got["points"]] == sorted((p["date"] for p in got["points"]), reverse=True)
    assert client.get("/api/events/points", params={"country": "TG"}).json() == {"count": 0, "points": []}


def test_statistics_by_region_equal_a_count_of_the_events(client, store):
    got = client.get("/api/stats", params={"by": "admin1", "since": "2024-01-01", "until": "2025-12-31"}).json()
    want = event_groups.group_counts_of_events(store, EventFilter(since="2024-01-01", until="2025-12-31"), "admin1")
    assert got["rows"] == want and got["total"]["events"] == sum(r["events"] for r in want) > 0


def test_etag_follows_the_store_version(client):
    first = client.get("/api/stats", params={"by": "country"})
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/api/stats", params={"by": "country"}, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["etag"] == tag and again.content == b""
    for path in ("/api/events", "/api/events/points", "/api/places", "/api/actors"):
        assert client.get(path, headers={"If-None-Match": tag}).status_code == 304, path
    token = client.post("/api/session", json={"name": "amina", "password": PASSWORDS["amina"]}).json()["token"]
    event_id = client.get("/api/events", params={"limit": 1}).json()["events"][0]["event_id"]
    fixed = client.post(f"/api/events/{event_id}/corrections", headers={"Authorization": f"Bearer {token}"},
                        json={"field": "fatalities", "value": 77, "reason": "hospital records"})
    assert fixed.status_code in (200, 201), fixed.text
    changed = client.get("/api/stats", params={"by": "country"}, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_serve_with_two_workers(cli, tmp_path):
    port = free_port()
    proc = subprocess.Popen([cli, "serve", "--db", str(tmp_path / "w.sqlite"), "--port", str(port), "--workers", "2"],
                            stderr=subprocess.PIPE, text=True)
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health.status_code == 200, proc.stderr.read() if proc.poll() is not None else ""
        assert httpx.get(f"http://127.0.0.1:{port}/api/stats?by=admin1", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
