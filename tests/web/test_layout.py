"""Every page at a desktop width and a phone width: nothing scrolls sideways (checked from the page's scroll width).

Screenshots of each page at both widths are written to the screenshots folder.
"""
from __future__ import annotations

import pytest

from .conftest import PASSWORDS

pytestmark = pytest.mark.browser

WIDTHS = (1440, 390)


def pages(client) -> dict[str, str]:
    events = {e["location"]: e["event_id"] for e in client.get("/api/events", params={"limit": 100}).json()["events"]}
    return {
        "map": "/", "events": "/events", "event": f"/events/{events['Mokwa']}",
        "merge": f"/events/{events['Gwoza']}/merge?other={events['Mokwa']}", "actors": "/actors",
        "actor": "/actors/GSIM", "trends": "/trends?week=2025-05-29", "search": "/search?q=Mokwa", "login": "/login",
        "api": "/api/docs", "compare": "/compare?since=2025-01-01&until=2025-06-30", "alerts": "/alerts?country=NG&type=Disaster&since=2025-01-01",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(page, client, screenshots, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/login")
    page.fill("#login-name", "amina")
    page.fill("#login-password", PASSWORDS["amina"])
    page.click("#login-submit")  # signed in: the event page shows its review forms too
    page.wait_for_url("**/")
    wide = {}
    for name, path in pages(client).items():
        page.goto(path)
        page.wait_for_load_state("load")
        if name in ("map", "actor"):
            page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
        if scroll > inner:
            wide[name] = scroll
    assert wide == {}, f"pages wider than {width} px: {wide}"
    assert page.errors == []


def test_the_header_is_small_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/events")
    height = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    assert height <= 90, height
