"""The JSON API on a store of the shared dev cases: every endpoint, bad parameters, access rules."""
from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import PASSWORDS


def token(client, name="amina") -> dict:
    r = client.post("/api/session", json={"name": name, "password": PASSWORDS[name]})
    assert r.status_code == 200, r.text
    client.cookies.clear()  # use the bearer token only
    return {"Authorization": f"Bearer {r.json()['token']}"}


def only(client, **params) -> dict:
    (event,) = client.get("/api/events", params=params).json()["events"]
    return event


def assert_error(r, status: int, code: str | None = None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_health_and_openapi(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["database"] == "sqlite" and health["empty"] is False
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/places", "/api/search", "/api/stats",
                 "/api/export", "/api/health", "/api/trends", "/api/events/{event_id}/corrections"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"country", "admin1", "since", "until", "type", "actor", "min_fatalities", "near", "sort", "offset", "limit"} <= names
    assert client.get("/api/docs").status_code == 200


def test_events_filters_pagination_sorting(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["events"]) >= 12 and everything["next"] is None
    page = client.get("/api/events", params={"limit": 5}).json()
    assert page["total"] == everything["total"] and len(page["events"]) == 5 and "offset=5" in page["next"]
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["events"]
    assert [e["event_id"] for e in page["events"] + second] == [e["event_id"] for e in everything["events"][:10]]
    dates = [e["event_date"] for e in everything["events"]]
    assert dates == sorted(dates, reverse=True)
    deadliest = client.get("/api/events", params={"sort": "-fatalities", "limit": 3}).json()["events"]
    assert deadliest[0]["fatalities"] == 200 and deadliest[0]["fatalities"] >= deadliest[1]["fatalities"]
    nigeria = client.get("/api/events", params={"country": "Nigeria"}).json()["events"]
    assert nigeria and {e["country_code"] for e in nigeria} == {"NG"}
    assert client.get("/api/events", params={"country": "ng"}).json()["total"] == len(nigeria)
    jnim = client.get("/api/events", params={"actor": "GSIM"}).json()["events"]
    assert jnim and all(e["actor1"].startswith("JNIM") for e in jnim)
    window = client.get("/api/events", params={"since": "2025-01-01", "until": "2025-05-31", "min_fatalities": 50}).json()
    assert window["events"] and all("2025-01-01" <= e["event_date"] <= "2025-05-31" and e["fatalities"] >= 50
                                    for e in window["events"])
    assert only(client, type="Disaster", admin1="niger")["location"] == "Mokwa"
    near = client.get("/api/events", params={"near": "12.64,-8.0,40"}).json()["events"]
    assert near and all(e["location"] == "Bamako" for e in near)
    empty = client.get("/api/events", params={"country": "ML", "admin1": "Nowhere"}).json()
    assert empty == {**empty, "total": 0, "events": []}


@pytest.mark.parametrize("params, parameter", [
    ({"since": "yesterday"}, "since"), ({"until": "2025-13-01"}, "until"), ({"min_fatalities": "many"}, "min_fatalities"),
    ({"min_fatalities": "-1"}, "min_fatalities"), ({"near": "north"}, "near"), ({"near": "95,0,10"}, "near"),
    ({"country": "Atlantis"}, "country"), ({"country": "X1"}, "country"), ({"sort": "colour"}, "sort"),
    ({"limit": "0"}, "limit"), ({"limit": "100000"}, "limit"), ({"offset": "-3"}, "offset"),
    ({"limit": "ten"}, "limit"), ({"background": "maybe"}, "background"), ({"actor": "x" * 300}, "actor"),
])
def test_events_bad_parameters_are_422(client, params, parameter):
    error = assert_error(client.get("/api/events", params=params), 422, "invalid_parameter")
    assert parameter in error["message"]


def test_since_after_until_is_an_empty_window(client):
    r = client.get("/api/events", params={"since": "2025-02-01", "until": "2025-01-01"})
    assert r.status_code == 200 and r.json()["total"] == 0


def test_one_event_with_sources_evidence_history(client):
    mokwa = only(client, type="Disaster")
    full = client.get(f"/api/events/{mokwa['event_id']}").json()
    assert full["fatalities"] == 200 and [h["fatalities"] for h in full["history"]][:3] == [21, 151, 200]
    assert all(s["evidence"] for s in full["sources"]) and len(full["claims"]) == len(full["sources"])
    assert full["versions"] and full["overrides"] == []
    assert_error(client.get("/api/events/ev-000000000000"), 404, "not_found")
    assert_error(client.get("/api/events/" + "x" * 500), 404)
    assert_error(client.get("/api/nothing-here"), 404, "not_found")


def test_points_actors_places(client):
    points = client.get("/api/events/points", params={"country": "NG"}).json()
    assert points["count"] == len(points["points"]) >= 3
    assert {"id", "lat", "lon", "type", "fatalities", "date", "place"} <= set(points["points"][0])
    actors = client.get("/api/actors").json()["actors"]
    assert actors[0]["events"] >= actors[-1]["events"] and any(a["actor"].startswith("JNIM") for a in actors)
    jnim = client.get("/api/actors/GSIM").json()
    assert jnim["name"].startswith("JNIM") and "JNIM" in jnim["aliases"] and jnim["type"] == "Rebel groups"
    assert any("Qaeda" in a["with"] for a in jnim["affiliations"]) and jnim["predecessors"] and jnim["events"]
    assert_error(client.get("/api/actors/Nobody%20Known"), 404)
    assert_error(client.get("/api/actors", params={"since": "x"}), 422)
    places = client.get("/api/places", params={"country": "NG"}).json()["places"]
    assert {p["location"] for p in places} >= {"Mokwa", "Gwoza"} and all(p["country_code"] == "NG" for p in places)
    assert_error(client.get("/api/places", params={"limit": "-1"}), 422)


def test_search(client):
    hits = client.get("/api/search", params={"q": "Mokwa flood"}).json()
    assert hits["count"] >= 1 and "Mokwa" in (hits["results"][0]["title"] or "")
    assert client.get("/api/search", params={"q": "zzzyyyxxx"}).json()["count"] == 0
    assert client.get("/api/search", params={"q": 'attack" OR (NEAR'}).status_code == 200  # no FTS syntax errors
    assert_error(client.get("/api/search"), 422)
    assert_error(client.get("/api/search", params={"q": "?!"}), 422)
    assert_error(client.get("/api/search", params={"q": "x", "limit": "1000"}), 422)


@pytest.mark.parametrize("by", ["week", "country", "admin1", "type", "actor"])
def test_stats(client, by):
    stats = client.get("/api/stats", params={"by": by}).json()
    assert stats["by"] == by and stats["rows"] and {"events", "fatalities", by} <= set(stats["rows"][0])
    if by != "actor":
        assert stats["total"]["events"] == client.get("/api/events").json()["total"]


def test_stats_and_trends_bad_input(client):
    assert_error(client.get("/api/stats", params={"by": "colour"}), 422)
    assert_error(client.get("/api/trends", params={"week": "last"}), 422)
    week = client.get("/api/trends", params={"week": "2025-05-29"}).json()
    assert week["week"] == "2025-05-26"
    (ng,) = [c for c in week["countries"] if c["country_code"] == "NG"]
    assert ng["events"] == 1 and ng["fatalities"] == 200 and ng["new_places"] == ["Mokwa"]
    assert client.get("/api/trends").json()["week"]  # default: the week of the latest event


def test_exports(client):
    r = client.get("/api/export", params={"format": "acled-csv", "country": "ML"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(row["country"] == "Mali" for row in rows)
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == client.get("/api/events").json()["total"]
    geo = client.get("/api/export", params={"format": "geojson", "type": "Disaster"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1
    parquet = client.get("/api/export", params={"format": "parquet", "limit": 3})
    import pyarrow.parquet as pq
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 3
    assert_error(client.get("/api/export", params={"format": "xlsx"}), 422)
    assert_error(client.get("/api/export"), 422)


def test_writes_without_signing_in_are_refused(client):
    event_id = only(client, type="Disaster")["event_id"]
    for path, body in ((f"/api/events/{event_id}/corrections", {"field": "fatalities", "value": 1, "reason": "x"}),
                       (f"/api/events/{event_id}/status", {"status": "accepted"}),
                       (f"/api/events/{event_id}/merge", {"other": event_id}),
                       (f"/api/events/{event_id}/split", {"claim": "x"}),
                       ("/api/overrides/1/undo", None)):
        assert_error(client.post(path, json=body), 401, "unauthorized")
    assert_error(client.post(f"/api/events/{event_id}/corrections", json={"field": "fatalities", "value": 1},
                             headers={"Authorization": "Bearer not-a-token"}), 401)
    assert_error(client.get("/api/users"), 401)
    assert only(client, type="Disaster")["fatalities"] == 200  # nothing changed


def test_sign_in_roles_and_csrf(client):
    assert_error(client.post("/api/session", json={"name": "amina", "password": "wrong"}), 401)
    assert_error(client.post("/api/session", json={"name": "nobody", "password": "whatever"}), 401)
    assert_error(client.post("/api/session", json={"name": "amina"}), 422)
    assert_error(client.post("/api/session", content=b"{not json", headers={"content-type": "application/json"}), 422)
    event_id = only(client, type="Disaster")["event_id"]
    viewer = token(client, "victor")
    assert_error(client.post(f"/api/events/{event_id}/status", json={"status": "accepted"}, headers=viewer), 403)
    assert_error(client.get("/api/users", headers=viewer), 403)
    admin = token(client, "ada")
    assert {u["name"] for u in client.get("/api/users", headers=admin).json()["users"]} == {"amina", "victor", "ada"}
    # A session cookie alone does not write: the page's CSRF token must come with it.
    r = client.post("/api/session", json={"name": "amina", "password": PASSWORDS["amina"]})
    assert r.cookies.get("harmattan_session") or client.cookies.get("harmattan_session")
    assert client.get("/api/me").json()["user"] == {"name": "amina", "role": "analyst"}
    assert_error(client.post(f"/api/events/{event_id}/status", json={"status": "accepted"}), 403, "csrf")
    from harmattan.web.auth import csrf_token
    csrf = csrf_token("test-secret", client.cookies.get("harmattan_csrf"))
    r = client.post(f"/api/events/{event_id}/status", json={"status": "accepted", "reason": "checked"},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["review_status"] == "accepted"
    assert client.delete("/api/session").json() == {"signed_out": True}
    client.cookies.clear()
    assert client.get("/api/me").json()["user"] is None


def test_sessions_expire(store, app):
    from harmattan.web.auth import User, load_session_user, save_session
    from sqlalchemy import select
    from harmattan.store.app_tables import web_users
    with store.connect() as conn:
        amina = conn.execute(select(web_users).where(web_users.c.name == "amina")).first()
    live, _ = save_session(store, User(amina.id, "amina", "analyst"), hours=1)
    dead, _ = save_session(store, User(amina.id, "amina", "analyst"), hours=-1)
    assert load_session_user(store, live).name == "amina" and load_session_user(store, dead) is None


def test_correct_accept_reject_merge_split_undo(client):
    auth = token(client)
    mokwa = only(client, type="Disaster")
    url = f"/api/events/{mokwa['event_id']}"
    r = client.post(url + "/corrections", json={"field": "fatalities", "value": 207, "reason": "NEMA update"}, headers=auth)
    assert r.status_code == 201
    body = r.json()
    assert body["fatalities"] == 207 and body["machine_values"]["fatalities"] == 200
    assert body["corrections"][-1] | {"created_at": None, "id": None} == {
        "field": "fatalities", "value": 207, "user": "amina", "reason": "NEMA update", "created_at": None, "id": None}
    assert "correction by amina" in body["versions"][-1]["reason"]
    for field, value in (("fatalities", "many"), ("fatalities", -4), ("latitude", 123), ("event_date", "soon"),
                         ("time_precision", "century"), ("geo_precision", 7), ("colour", "red"), ("status", "accepted"),
                         ("country_code", "Mali")):
        assert_error(client.post(url + "/corrections", json={"field": field, "value": value}, headers=auth), 422)
    assert_error(client.post("/api/events/ev-000000000000/corrections", json={"field": "fatalities", "value": 1},
                             headers=auth), 404)
    assert_error(client.post(url + "/corrections", json=["not", "an", "object"], headers=auth), 422)
    lists = client.post(url + "/corrections", json={"field": "assoc_actor_1", "value": "NEMA; Red Cross", "reason": "r"},
                        headers=auth)
    assert lists.json()["assoc_actor_1"] == ["NEMA", "Red Cross"]
    # exports carry corrections
    row = next(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled-csv", "type": "Disaster"}).text)))
    assert row["fatalities"] == "207"

    assert_error(client.post(url + "/status", json={"status": "maybe"}, headers=auth), 422)
    gone = client.post(url + "/status", json={"status": "not_event", "reason": "test"}, headers=auth).json()
    assert gone["review_status"] == "not_event"
    assert client.get("/api/events", params={"type": "Disaster"}).json()["total"] == 0  # hidden from lists
    assert client.post(url + "/status", json={"status": None}, headers=auth).json()["review_status"] is None

    # merge two Nigerian events, then undo; split a report out of Mokwa, then undo
    gwoza = next(
        e for e in client.get("/api/events", params={"country": "NG"}).json()["events"] if e["location"] == "Gwoza")
    assert_error(client.post(url + "/merge", json={"other": mokwa["event_id"]}, headers=auth), 409, "conflict")
    assert_error(client.post(url + "/merge", json={"other": "ev-000000000000"}, headers=auth), 404)
    merged = client.post(url + "/merge", json={"other": gwoza["event_id"], "note": "test merge"}, headers=auth).json()
    number = merged["override"]
    assert len(merged["event"]["claims"]) == len(mokwa["sources"]) + len(gwoza["sources"])
    assert client.get(f"/api/events/{gwoza['event_id']}").json()["event_id"] == merged["event"]["event_id"]  # alias
    assert client.post(f"/api/overrides/{number}/undo", headers=auth).json() == {"undone": number}
    assert_error(client.post(f"/api/overrides/{number}/undo", headers=auth), 409)
    assert_error(client.post("/api/overrides/99999/undo", headers=auth), 404)
    assert_error(client.post("/api/overrides/abc/undo", headers=auth), 422)
    claims = client.get(url).json()["claims"]
    assert_error(client.post(url + "/split", json={"claim": "not-a-claim"}, headers=auth), 422)
    split = client.post(url + "/split", json={"claim": claims[-1]["claim"], "note": "other flood"}, headers=auth).json()
    assert len(split["event"]["claims"]) == len(claims) - 1
    assert client.get(url).json()["fatalities"] == 207  # the correction holds through the split
    client.post(f"/api/overrides/{split['override']}/undo", headers=auth)
    assert len(client.get(url).json()["claims"]) == len(claims)


def test_pages_answer_and_bad_input_is_4xx(client):
    for path in ("/", "/events", "/events?sort=-fatalities&page=1", "/actors", "/actors/GSIM", "/trends", "/search?q=Mokwa",
                 "/search", "/login", "/api/docs", "/static/basemap.geojson", "/static/vendor/leaflet/leaflet.js"):
        r = client.get(path)
        assert r.status_code == 200, path
    html = {"Accept": "text/html"}
    for path, status in (("/?since=never", 422), ("/events?page=0", 422), ("/events?sort=x", 422),
                         ("/events/ev-000000000000", 404), ("/actors/Nobody", 404), ("/trends?week=x", 422),
                         ("/no/such/page", 404)):
        r = client.get(path, headers=html)
        assert r.status_code == status and "text/html" in r.headers["content-type"], path
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    # forms refuse writes without sign-in and without the CSRF token
    event_id = only(client, type="Disaster")["event_id"]
    assert client.post(f"/events/{event_id}/correct", data={"field": "fatalities", "value": "1"}).status_code == 403
    page = client.get("/login").text
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post(f"/events/{event_id}/correct", data={"field": "fatalities", "value": "1", "csrf_token": csrf})
    assert r.status_code == 401
    r = client.post("/login", data={"name": "amina", "password": PASSWORDS["amina"], "csrf_token": csrf,
                                    "next": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    r = client.post(f"/events/{event_id}/correct", data={"field": "notes", "value": "checked", "reason": "r",
                                                         "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and "done=corrected" in r.headers["location"]
    assert client.get(f"/api/events/{event_id}").json()["notes"] == "checked"


def test_article_text_is_escaped_in_pages(client):
    events = client.get("/api/events", params={"country": "BF", "limit": 100}).json()["events"]
    (djibo,) = [e for e in events if e["location"] == "Djibo"]
    html = client.get(f"/events/{djibo['event_id']}").text
    assert "<script>window.pwned" not in html and "&lt;script&gt;window.pwned" in html
    assert "<img src=x" not in html and 'onerror="window' not in html
    assert "<script>window.pwned" not in client.get("/search?q=Djibo").text
    assert json.loads(client.get(f"/api/events/{djibo['event_id']}").text)["sources"][0]["title"].endswith("</script>")
