"""Parameters of every list endpoint and page: typed, bounded, repeatable, never a 500; HEAD and OPTIONS."""
from __future__ import annotations

import csv
import io

import pytest

from .test_api import assert_error

HUGE = "99999999999999999999"
LISTS = ("/api/events", "/api/events/points", "/api/actors", "/api/places", "/api/stats", "/api/trends")
PAGES = ("/", "/events", "/actors", "/trends")


def total(client, **params) -> int:
    return client.get("/api/events", params=params).json()["total"]


@pytest.mark.parametrize("path", LISTS + ("/api/export?format=jsonl",))
def test_huge_numbers_are_422_on_the_api(client, path):
    error = assert_error(client.get(path, params={"min_fatalities": HUGE}), 422, "invalid_parameter")
    assert "min_fatalities" in error["message"]


@pytest.mark.parametrize("path", PAGES)
def test_huge_numbers_are_422_on_pages(client, path):
    r = client.get(path, params={"min_fatalities": HUGE}, headers={"Accept": "text/html"})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]


@pytest.mark.parametrize("params", [{"limit": HUGE}, {"offset": HUGE}, {"limit": "1e3"}])
def test_huge_paging_is_422(client, params):
    assert_error(client.get("/api/events", params=params), 422, "invalid_parameter")


def test_huge_override_number_is_422(client):
    assert_error(client.post(f"/api/overrides/{HUGE}/undo"), 422)


@pytest.mark.parametrize("week, monday", [("9999-12-31", "9999-12-27"), ("0001-01-01", "0001-01-01"),
                                          ("1899-12-31", "1899-12-25")])
def test_far_weeks_answer_without_overflow(client, week, monday):
    r = client.get("/api/trends", params={"week": week})
    assert r.status_code == 200 and r.json()["week"] == monday and r.json()["countries"] == []
    assert client.get("/trends", params={"week": week}).status_code == 200


@pytest.mark.parametrize("week", ["0", "2025-02-30", "2025-1-1", "next"])
def test_weeks_that_are_not_days_are_422(client, week):
    error = assert_error(client.get("/api/trends", params={"week": week}), 422, "invalid_parameter")
    assert "week" in error["message"]


@pytest.mark.parametrize("params", [{"since": "0001-01-01"}, {"until": "9999-12-31"}])
def test_far_dates_filter_without_error(client, params):
    assert client.get("/api/events", params=params).status_code == 200
    assert client.get("/events", params=params).status_code == 200


def test_the_api_refuses_empty_values_but_pages_take_them(client):
    error = assert_error(client.get("/api/events", params={"country": ""}), 422, "invalid_parameter")
    assert "country" in error["message"]
    assert client.get("/events", params={"country": "", "since": "", "type": ""}).status_code == 200


def test_repeated_type_is_any_of(client):
    battles, disasters = total(client, type="Battles"), total(client, type="Disaster")
    assert battles and disasters
    both = client.get("/api/events", params=[("type", "Battles"), ("type", "Disaster")]).json()
    assert both["total"] == battles + disasters
    assert {e["event_type"] for e in both["events"]} == {"Battles", "Disaster"}
    countries = client.get("/api/events", params=[("country", "ML"), ("country", "NG")]).json()
    assert countries["total"] == total(client, country="ML") + total(client, country="NG")


def test_sub_event_type_filter(client):
    events = client.get("/api/events", params={"sub_event_type": "Armed clash"}).json()["events"]
    assert events and all(e["sub_event_type"] == "Armed clash" for e in events)
    assert len(events) < total(client)


def test_civilian_targeting_filter(client):
    yes = client.get("/api/events", params={"civilian_targeting": "true", "limit": 1000}).json()["events"]
    no = client.get("/api/events", params={"civilian_targeting": "false", "limit": 1000}).json()["events"]
    assert yes and no and len(yes) + len(no) == total(client)
    assert all(e.get("civilian_targeting") is True for e in yes)
    assert not any(e.get("civilian_targeting") for e in no)
    assert_error(client.get("/api/events", params={"civilian_targeting": "perhaps"}), 422)


def test_q_filter_finds_words_in_place_and_actor_names(client):
    mokwa = client.get("/api/events", params={"q": "mokwa"}).json()["events"]
    assert [e["location"] for e in mokwa] == ["Mokwa"]
    assert total(client, q="JNIM") == total(client, actor="JNIM") > 0


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\"])
def test_like_wildcards_are_literal(client, wildcard):
    assert total(client, actor=wildcard) == 0
    assert total(client, q=wildcard) == 0


def test_filters_work_on_pages_and_exports(client):
    html = client.get("/events", params={"sub_event_type": "Armed clash"}).text
    n = total(client, sub_event_type="Armed clash")
    assert f"<small>{n}</small>" in html
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/export", params={"format": "acled-csv", "sub_event_type": "Armed clash"}).text)))
    assert len(rows) == n and {r["sub_event_type"] for r in rows} == {"Armed clash"}
    lines = client.get("/api/export", params=[("format", "jsonl"), ("type", "Battles"), ("type", "Disaster")]).text
    assert len(lines.splitlines()) == total(client, type="Battles") + total(client, type="Disaster")
    targeted = client.get("/api/export", params={"format": "jsonl", "civilian_targeting": "true"}).text.splitlines()
    assert len(targeted) == total(client, civilian_targeting="true")
    # links of the list keep every value of a repeated filter
    listed = client.get("/events", params=[("type", "Battles"), ("type", "Disaster")]).text
    assert "type=Battles&amp;type=Disaster" in listed


@pytest.mark.parametrize("path", ["/api/events", "/api/health", "/", "/events", "/static/app.css"])
def test_head_answers_like_get_without_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_options_lists_the_methods(client):
    r = client.options("/api/events")
    assert r.status_code == 204 and set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    r = client.options("/api/session")
    assert r.status_code == 204 and {"POST", "DELETE", "OPTIONS"} <= set(r.headers["allow"].split(", "))
    assert "GET" not in r.headers["allow"]
    assert_error(client.options("/api/no-such-thing"), 404)


def test_a_missing_toll_is_unknown_not_zero(client):
    events = client.get("/api/events", params={"limit": 100}).json()["events"]
    unknown = [e for e in events if e["fatalities"] is None]
    assert unknown
    points = {p["id"]: p for p in client.get("/api/events/points").json()["points"]}
    assert all(points[e["event_id"]]["fatalities"] is None for e in unknown if e["event_id"] in points)
    page = client.get(f"/events/{unknown[0]['event_id']}").text
    assert "toll unknown" in page and ">0</strong> killed" not in page
    row = client.get("/events").text.split(unknown[0]["event_id"])[1].split("</tr>")[0]
    assert "unknown" in row
