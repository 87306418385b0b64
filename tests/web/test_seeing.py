"""Seeing the data: the timeline's brush, charts and facets, sortable columns and page size, areas not drawn as points."""
from __future__ import annotations

import re

import pytest

from .test_api import assert_error


def test_points_say_how_precisely_events_are_placed(client):
    points = client.get("/api/events/points").json()["points"]
    levels = {p["level"] for p in points}
    assert "point" in levels and levels & {"region", "country"}
    for p in points:
        if p["level"] == "country":
            assert p["place"] == next(e for e in client.get("/api/events", params={"limit": 100}).json()["events"]
                                      if e["event_id"] == p["id"])["country_code"]


def test_facets_count_within_the_filter_and_toggle(client):
    html = client.get("/events", params={"country": "NG"}).text
    facets = html.split('id="facets"')[1].split("</div>")[0]
    type_counts = dict(re.findall(r'data-value="([^"]+)"[^>]*>[^<]*</a>\s*<span class="count">(\d+)</span>',
                                  facets.split('data-facet="type"')[1].split("</section>")[0]))
    for event_type, n in type_counts.items():
        assert int(n) == client.get("/api/events", params={"country": "NG", "type": event_type}).json()["total"]
    assert "/events?country=NG&amp;type=Disaster" in facets  # a value adds itself to the filter
    chosen = client.get("/events", params={"country": "NG", "type": "Disaster"}).text.split('id="facets"')[1]
    assert 'href="/events?country=NG" data-value="Disaster"' in chosen  # and a chosen one removes itself


def test_charts_by_type_region_and_actor_on_the_map_page(client):
    html = client.get("/").text.split('id="charts"')[1].split("</div>")[0]
    assert {"type", "admin1", "actor"} <= set(re.findall(r'data-facet="(\w+)"', html))
    assert 'class="bar-events"' in html and 'class="bar-deaths"' in html


def test_sortable_columns_and_page_size(client):
    html = client.get("/events", params={"sort": "-fatalities"}).text
    assert 'aria-sort="descending"><a href="/events?sort=fatalities"' in html
    small = client.get("/events", params={"size": 25}).text
    assert small.count('<tr class="ev-') == min(25, client.get("/api/events").json()["total"])
    assert client.get("/events", params={"size": 7}, headers={"Accept": "text/html"}).status_code == 422


def test_timeline_buckets_long_spans():
    from harmattan.web.views import timeline
    rows = [{"week": f"{y}-01-0{d}", "events": 1, "fatalities": 2} for y, d in ((2000, 3), (2012, 2), (2024, 1))]
    chart = timeline(rows)
    assert chart["buckets"] <= 104 and chart["bucket_days"] % 7 == 0 and chart["bucket_days"] > 7
    assert all(b["w"] > 1 for b in chart["bars"])


@pytest.mark.browser
def test_the_brush_narrows_the_list_and_the_map(page, client, screenshots):
    page.goto("/")
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    total = int(page.get_attribute("#map", "data-markers"))
    page.locator("#timeline").scroll_into_view_if_needed()
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.6, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.97, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since=\d{4}-\d\d-\d\d&until=\d{4}-\d\d-\d\d|until=.*since="))
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    params = dict(re.findall(r"(since|until)=([\d-]+)", page.url))
    expected = client.get("/api/events/points", params=params).json()["count"]
    assert 0 < int(page.get_attribute("#map", "data-markers")) == expected < total
    dates = [row.split("\t")[0].strip() for row in page.locator("table.events tbody tr[class^=ev-]").all_inner_texts()]
    listed = client.get("/api/events", params=params).json()["total"]
    assert len(dates) == min(listed, 25) and all(params["since"] <= d <= params["until"] for d in dates if d != "?")
    assert page.locator("#timeline-clear").count() == 1
    page.screenshot(path=str(screenshots / "map-brushed.png"), full_page=True)
    assert page.errors == []


@pytest.mark.browser
def test_a_chart_and_a_facet_filter(page, client):
    page.goto("/events")
    page.locator('#facets [data-facet=type] a[data-value="Battles"]').click()
    page.wait_for_url(re.compile(r"type=Battles"))
    rows = page.locator("table.events tbody tr").all_inner_texts()
    assert rows and len(rows) == client.get("/api/events", params={"type": "Battles"}).json()["total"]
    assert all("Battles" in r for r in rows)
    page.locator('#facets [data-facet=type] a[data-value="Battles"]').click()  # chosen: a click removes it
    page.wait_for_url(re.compile(r"/events\?$|/events$"))
    page.goto("/")
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    page.locator('#charts [data-facet=type] a[data-value="Disaster"]').click()
    page.wait_for_url(re.compile(r"type=Disaster"))
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    assert page.get_attribute("#map", "data-markers") == "1"
    assert page.errors == []


@pytest.mark.browser
def test_areas_are_badges_not_points(page, client):
    page.goto("/")
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    points = client.get("/api/events/points").json()["points"]
    areas = [p for p in points if p["level"] != "point"]
    assert int(page.get_attribute("#map", "data-areas")) == len(areas) > 0
    assert page.locator(".area-badge").count() == len({(p["level"], p["place"]) for p in areas})
    assert page.errors == []


def test_map_labels_from_the_gazetteer(client):
    labels = client.get("/map/labels.json").json()["labels"]
    capitals = {l["name"] for l in labels if l["rank"] == 1}
    assert {"Bamako", "Niamey", "Ouagadougou", "Abuja"} <= capitals
    assert {l["rank"] for l in labels} == {1, 2, 3} and any(l["name"] == "Mopti" for l in labels)


@pytest.mark.browser
def test_place_labels_by_zoom_level(page):
    page.goto("/")
    page.wait_for_selector("#map[data-ready=true]", timeout=20_000)
    page.evaluate("window.harmattanMap.setView([13.5, -2], 5, {animate: false})")
    page.wait_for_function("document.getElementById('map').dataset.labelsShown !== undefined")
    at5 = int(page.get_attribute("#map", "data-labels-shown"))
    assert at5 > 0 and page.locator(".place-label", has_text="Bamako").count() == 1
    page.evaluate("window.harmattanMap.setView([14.5, -4.2], 8, {animate: false})")
    page.wait_for_function(f"Number(document.getElementById('map').dataset.labelsShown) > {at5}")
    assert page.locator(".place-label", has_text="Mopti").count() == 1
    assert page.errors == []
