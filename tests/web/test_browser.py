"""Browser tests: a real headless Chromium against a real server on loopback (marker ``browser``).

The user's path: the map with the demo data, filtered to one country, an
event with its evidence, sign in, correct the fatalities, and the correction
still there after a new version of a report is ingested. Article text with
script payloads is shown as text, and no script of it runs.
"""
from __future__ import annotations

import dataclasses
import re

import pytest

from .conftest import PASSWORDS, dev_docs

pytestmark = pytest.mark.browser


def _wait_map(page):
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    assert page.get_attribute("#map", "data-basemap-loaded") == "true"
    markers = page.get_attribute("#map", "data-markers")
    assert markers.isdigit(), page.locator("#map-status").inner_text()
    return int(markers)


def _event_id(client, **params) -> str:
    (event,) = client.get("/api/events", params=params).json()["events"]
    return event["event_id"]


def test_map_filter_open_event_and_evidence(page, client, screenshots):
    page.goto("/")
    total = _wait_map(page)
    assert total == client.get("/api/events/points").json()["count"] >= 10
    assert page.locator(".leaflet-interactive").count() > 0  # the boundaries are drawn
    assert page.locator(".ev-marker, .marker-cluster").count() > 0
    assert page.locator("#timeline .bar").count() > 0
    page.screenshot(path=str(screenshots / "01-map.png"), full_page=True)

    page.select_option("select[name=country]", "NG")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=NG"))
    nigeria = _wait_map(page)
    assert nigeria == client.get("/api/events/points", params={"country": "NG"}).json()["count"]
    assert 0 < nigeria < total
    rows = page.locator("table.events tbody tr")
    assert all(text.split("\t")[1].strip() == "NG" for text in rows.all_inner_texts())
    page.screenshot(path=str(screenshots / "02-map-nigeria.png"), full_page=True)

    page.locator("table.events tbody tr", has_text="Mokwa").locator("a").first.click()
    page.wait_for_url(re.compile(r"/events/ev-"))
    assert page.locator("#headline-fatalities").inner_text() == "200"
    evidence = page.locator("#field-fatalities blockquote.evidence")
    assert evidence.count() >= 3
    assert any("death toll surpasses 200" in t.lower() for t in evidence.all_inner_texts())
    assert page.locator("#field-fatalities mark", has_text="200").count() >= 1  # the value highlighted in its sentence
    assert page.locator("#history tbody tr").count() >= 3
    page.locator("#sources details").first.click()
    assert page.locator("#sources .article mark").first.is_visible()
    assert page.locator("#correct-form").count() == 0  # not signed in: no review forms
    page.screenshot(path=str(screenshots / "03-event.png"), full_page=True)
    assert page.errors == []


def test_sign_in_correct_fatalities_and_survive_reingest(page, client, store, shared, screenshots):
    from harmattan.loaders import load_documents
    from harmattan.store import ingest_documents

    event_id = _event_id(client, type="Disaster")
    page.goto(f"/events/{event_id}")
    page.click("#signin")
    page.wait_for_url(re.compile(r"/login"))
    page.fill("#login-name", "amina")
    page.fill("#login-password", "wrong-password")
    page.click("#login-submit")
    assert page.locator(".error").inner_text() == "Wrong user name or password."
    page.errors.clear()  # the refused sign-in answered 401, which the console reports
    page.fill("#login-name", "amina")
    page.fill("#login-password", PASSWORDS["amina"])
    page.click("#login-submit")
    page.wait_for_url(re.compile(rf"/events/{event_id}$"))
    assert "amina" in page.locator(".who").inner_text()

    page.select_option("#correct-field", "fatalities")
    page.fill("#correct-value", "212")
    page.fill("#correct-reason", "hospital count, 4 June")
    page.click("#correct-submit")
    page.wait_for_url(re.compile(r"done=corrected"))
    assert page.locator("#headline-fatalities").inner_text() == "212"
    assert "machine: 200" in page.locator("#field-fatalities").inner_text()
    assert "hospital count" in page.locator("#corrections").inner_text()
    page.screenshot(path=str(screenshots / "04-event-corrected.png"), full_page=True)

    # A new version of one of its reports (same URL, new text) re-derives the event: the correction stays.
    (mokwa,) = [p for p in dev_docs(shared) if "mokwa" in p]
    docs = list(load_documents([mokwa]))
    newer = dataclasses.replace(docs[-1], text=docs[-1].text + "\nRescue teams resumed the search on Wednesday.")
    summary = ingest_documents(store, [newer])
    assert summary.documents_updated == 1
    page.reload()
    assert page.locator("#headline-fatalities").inner_text() == "212"
    versions = page.locator("#versions").inner_text()
    assert "correction by amina" in versions
    assert client.get(f"/api/events/{event_id}").json()["fatalities"] == 212
    assert page.errors == []


def test_article_payloads_do_not_run(page, client, screenshots):
    events = client.get("/api/events", params={"country": "BF", "limit": 100}).json()["events"]
    event_id = next(e["event_id"] for e in events if e["location"] == "Djibo")
    for path in (f"/events/{event_id}", "/search?q=Djibo+villagers", "/?country=BF", "/events?country=BF"):
        page.goto(path)
        if path.startswith("/?"):
            _wait_map(page)
            page.locator(".ev-marker").first.click()
            page.wait_for_selector(".leaflet-popup-content a")
        if page.locator("details").count():
            page.locator("details").first.click()
        assert page.evaluate("typeof window.pwned") == "undefined", path
        assert page.title() != "pwned"
        assert page.locator("script:not([src])").count() == 0, path
    page.goto(f"/events/{event_id}")
    page.locator("#sources details").first.click()
    body = page.locator("main").inner_text()
    assert "<script>window.pwned=1" in body and "onerror=" in body  # shown as text
    assert page.locator("main img, main svg:has([onload]), main [onerror]").count() == 0
    page.screenshot(path=str(screenshots / "05-xss-event.png"), full_page=True)
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_other_pages_render_offline(page, screenshots):
    for name, path, selector in (
            ("06-events", "/events?sort=-fatalities", "table.events tbody tr"),
            ("07-actors", "/actors", "#actors tbody tr"),
            ("08-actor-jnim", "/actors/GSIM", "#actor-facts"),
            ("09-trends", "/trends?week=2025-05-26", "section.country"),
            ("10-search", "/search?q=Mokwa+flood", "ol.hits li"),
            ("11-api", "/api/docs", "table.apidocs tbody tr"),
            ("12-login", "/login", "#login-form")):
        page.goto(path)
        assert page.locator(selector).count() > 0, path
        if name == "08-actor-jnim":
            assert _wait_map(page) > 0
            assert "Qaeda" in page.locator("#actor-facts").inner_text()
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
    page.emulate_media(media="print")
    page.goto("/trends?week=2025-05-26")
    assert not page.locator("header.top").is_visible()
    page.screenshot(path=str(screenshots / "13-trends-print.png"), full_page=True)
    assert page.errors == []


def test_write_from_page_without_csrf_is_refused(page, client):
    event_id = _event_id(client, type="Disaster")
    page.goto(f"/events/{event_id}")
    status = page.evaluate("""async (id) => {
        const body = new URLSearchParams({field: "fatalities", value: "1", reason: "x"});
        const r = await fetch(`/events/${id}/correct`, {method: "POST", body});
        return r.status; }""", event_id)
    assert status == 403
