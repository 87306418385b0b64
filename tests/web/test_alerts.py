"""Saved searches become the monitor's alert rules: saved from the web app, checked by the monitor, in the Atom feed."""
from __future__ import annotations

import re

import pytest

from .conftest import PASSWORDS


def signed_in(client) -> str:
    """Sign the client in through the page; returns the page's CSRF token."""
    csrf = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/login", data={"name": "amina", "password": PASSWORDS["amina"], "csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    return csrf


def test_the_form_says_which_filters_an_alert_keeps(client):
    signed_in(client)
    html = client.get("/alerts", params=[("country", "NG"), ("type", "Disaster"), ("since", "2025-01-01"),
                                         ("q", "flood")]).text
    kept = html.split('id="alert-kept"')[1].split("</p>")[0]
    assert "country=NG" in kept and "type=Disaster" in kept
    assert "since, q" in html.split('id="alert-dropped"')[1].split("</p>")[0]
    client.cookies.clear()


def test_save_check_feed_and_remove(client, store):
    from harmattan.monitor.alerts import check_alerts, load_rules
    from harmattan.monitor.config import MonitorSettings
    csrf = signed_in(client)
    r = client.post("/alerts", data={"csrf_token": csrf, "name": "nigeria floods", "country": "NG",
                                     "type": ["Disaster"], "webhook": "", "email": "desk@example.org"},
                    follow_redirects=False)
    assert r.status_code == 303 and "done=alert_saved" in r.headers["location"], r.text
    (rule,) = [x for x in load_rules(store) if x.name == "nigeria floods"]
    assert rule.country == ("NG",) and rule.event_type == ("Disaster",) and rule.emails == ("desk@example.org",)
    assert "nigeria floods" in client.get("/alerts").text
    ids = [e["event_id"] for e in client.get("/api/events", params={"limit": 100}).json()["events"]]
    fired = check_alerts(store, ids, MonitorSettings(), rules=[rule])
    assert len(fired) == 1  # the Mokwa flood, not the other events
    feed = client.get("/alerts.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml") and 'term="nigeria floods"' in feed.text
    again = client.post("/alerts", data={"csrf_token": csrf, "name": "nigeria floods"}, headers={"Accept": "text/html"})
    assert again.status_code == 409
    gone = client.post("/alerts/nigeria%20floods/delete", data={"csrf_token": csrf}, follow_redirects=False)
    assert gone.status_code == 303 and not [x for x in load_rules(store) if x.name == "nigeria floods"]
    client.cookies.clear()


@pytest.mark.parametrize("field, value", [("name", ""), ("name", "<script>"), ("webhook", "ftp://x.example/"),
                                          ("email", "not-an-address"), ("min_fatalities", "-3")])
def test_bad_alerts_are_refused(client, field, value):
    csrf = signed_in(client)
    data = {"csrf_token": csrf, "name": "ok name", field: value}
    assert client.post("/alerts", data=data, headers={"Accept": "text/html"}).status_code == 422
    client.cookies.clear()


def test_saving_needs_an_analyst_and_the_csrf_token(client):
    assert client.post("/alerts", data={"name": "x"}).status_code == 403  # no CSRF token
    csrf = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/alerts", data={"name": "x", "csrf_token": csrf}).status_code == 401
    assert re.search(r'<a href="/login\?next=/alerts">', client.get("/alerts").text)
