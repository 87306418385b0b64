"""Search as analysts write it: OR, quoted phrases, accents and place-name variants; hits link to their events."""
from __future__ import annotations


def hits(client, q: str) -> list[dict]:
    r = client.get("/api/search", params={"q": q, "limit": 200})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def docs(client, q: str) -> set[str]:
    return {h["document"] for h in hits(client, q)}


def test_or_finds_either(client):
    mokwa, gwoza = docs(client, "Mokwa"), docs(client, "Gwoza")
    assert mokwa and gwoza and not mokwa & gwoza
    assert docs(client, "Mokwa OR Gwoza") == mokwa | gwoza
    assert docs(client, "Mokwa Gwoza") == set()  # without OR, both words are needed


def test_quoted_phrase(client):
    words, phrase = docs(client, "toll climbs"), docs(client, '"toll climbs"')
    assert phrase and phrase <= words
    assert docs(client, '"climbs toll"') == set()


def test_accents_and_place_variants(client):
    assert docs(client, "Tillabéri") == docs(client, "tillaberi") != set()
    barsalogho = docs(client, "Barsalogho")
    assert barsalogho and docs(client, "Barsalogo") == barsalogho  # the gazetteer's spelling finds the article's


def test_hits_have_real_titles_publishers_and_events(client):
    results = hits(client, "killed OR flood OR attack")
    assert len(results) >= 5
    for h in results:
        assert not h["title"].startswith(("sha256:", "file://", "http")), h
    assert {"Daily A", "Wire report"} <= {h["publisher"] for h in results}
    linked = [h for h in results if h["events"]]
    assert linked
    event_id = linked[0]["events"][0]["event_id"]
    assert client.get(f"/api/events/{event_id}").json()["event_id"] == event_id
    page = client.get("/search", params={"q": "Mokwa"}).text
    assert 'href="/events/ev-' in page and "sha256:" not in page
