"""Review that cannot surprise: merges keep the event the analyst is on, corrections are checked, accepting is not correcting."""
from __future__ import annotations

import re

import pytest

from .conftest import PASSWORDS
from .test_api import assert_error, only, token


def nigeria(client) -> dict[str, dict]:
    return {e["location"]: e for e in client.get("/api/events", params={"country": "NG", "limit": 100}).json()["events"]}


@pytest.mark.parametrize("field, value", [
    ("event_type", "Picnic"), ("sub_event_type", "Picnic"), ("sub_event_type", "Armed clash"),
    ("country_code", "XX"), ("country_code", "Mali"), ("event_date", "9999-12-31"), ("event_date", "0999-01-01"),
    ("event_date_end", "2025-05-01"), ("actor1_type", "Aliens"), ("fatalities_low", 500),
])
def test_corrections_are_checked_against_taxonomy_codes_and_dates(client, field, value):
    auth = token(client)
    mokwa = only(client, type="Disaster")  # a flood of 2025-05-29, sub-type Flood, high toll 200
    r = client.post(f"/api/events/{mokwa['event_id']}/corrections", json={"field": field, "value": value, "reason": "r"},
                    headers=auth)
    assert_error(r, 422, "invalid_parameter")
    assert client.get(f"/api/events/{mokwa['event_id']}").json().get(field) == mokwa.get(field)  # nothing saved


def test_a_correction_needs_a_reason(client):
    auth = token(client)
    url = f"/api/events/{only(client, type='Disaster')['event_id']}/corrections"
    for reason in ("", "   "):
        error = assert_error(client.post(url, json={"field": "notes", "value": "x", "reason": reason}, headers=auth), 422)
        assert "reason" in error["message"]
    assert_error(client.post(url, json={"field": "notes", "value": "x"}, headers=auth), 422)
    good = client.post(url, json={"field": "sub_event_type", "value": "Storm", "reason": "wind, not rain"}, headers=auth)
    assert good.status_code == 201 and good.json()["sub_event_type"] == "Storm"
    dates = client.post(url, json={"field": "event_date_end", "value": "2025-05-30", "reason": "two days"}, headers=auth)
    assert dates.status_code == 201 and dates.json()["event_date_end"] == "2025-05-30"


def test_accepting_is_not_shown_as_corrected(client):
    auth = token(client)
    gwoza = nigeria(client)["Gwoza"]
    r = client.post(f"/api/events/{gwoza['event_id']}/status", json={"status": "accepted", "reason": "checked"},
                    headers=auth)
    assert r.status_code == 200 and r.json()["review_status"] == "accepted" and not r.json().get("machine_values")
    html = client.get("/events", params={"country": "NG", "q": "Gwoza"}).text
    row = html.split(gwoza["event_id"])[1].split("</tr>")[0]
    assert "accepted" in row and "corrected" not in row
    flood = client.get("/events", params={"type": "Disaster"}).text  # corrected in the test above
    assert "corrected" in flood.split("<tbody>")[1]


def test_api_merge_keeps_the_event_it_is_asked_on_either_way(client):
    auth = token(client)
    places = nigeria(client)
    for keep, other in (("Gwoza", "Mokwa"), ("Mokwa", "Gwoza")):
        a, b = places[keep]["event_id"], places[other]["event_id"]
        merged = client.post(f"/api/events/{a}/merge", json={"other": b, "note": "test"}, headers=auth)
        assert merged.status_code == 200, merged.text
        body = merged.json()
        assert body["event"]["event_id"] == a
        assert client.get(f"/api/events/{b}").json()["event_id"] == a  # the other's id leads here
        assert client.post(f"/api/overrides/{body['override']}/undo", headers=auth).status_code == 200
        assert client.get(f"/api/events/{b}").json()["event_id"] == b  # undone: both are back


def test_merge_preview_says_what_will_happen(client):
    places = nigeria(client)
    a, b = places["Gwoza"]["event_id"], places["Mokwa"]["event_id"]
    html = client.get(f"/events/{a}/merge", params={"other": b}).text
    assert f"This event <strong>{a}</strong> stays" in html and "merge-preview" in html
    assert client.get(f"/api/events/{a}").json()["event_id"] == a  # the preview changed nothing
    assert client.get(f"/api/events/{b}").json()["event_id"] == b
    assert client.get(f"/events/{a}/merge", params={"other": a}, headers={"Accept": "text/html"}).status_code == 409
    assert client.get(f"/events/{a}/merge", params={"other": "ev-000000000000"},
                      headers={"Accept": "text/html"}).status_code == 404


@pytest.mark.browser
def test_merge_from_the_event_page_keeps_that_event(page, client, screenshots):
    places = nigeria(client)
    this, other = places["Gwoza"], places["Mokwa"]
    page.goto(f"/login?next=/events/{this['event_id']}")
    page.fill("#login-name", "amina")
    page.fill("#login-password", PASSWORDS["amina"])
    page.click("#login-submit")
    page.wait_for_url(re.compile(rf"/events/{this['event_id']}$"))
    page.fill("#merge-other", other["event_id"])
    page.click("#merge-preview-button")
    page.wait_for_url(re.compile(r"/merge\?other="))
    assert "stays" in page.locator("#merge-summary").inner_text()
    page.screenshot(path=str(screenshots / "merge-preview.png"), full_page=True)
    page.click("#merge-submit")
    page.wait_for_url(re.compile(rf"/events/{this['event_id']}\?done=merged"))
    assert page.locator("code", has_text=this["event_id"]).count() >= 1
    full = client.get(f"/api/events/{this['event_id']}").json()
    assert full["event_id"] == this["event_id"] and len(full["claims"]) == len(this["sources"]) + len(other["sources"])
    assert client.get(f"/api/events/{other['event_id']}").json()["event_id"] == this["event_id"]
    assert page.errors == []
