"""Backfill from a list of page URLs: real pages served on loopback, fetched, stored, not fetched twice."""
from __future__ import annotations

import json
import subprocess

from harmattan.monitor.fetch import Fetcher
from harmattan.monitor.pagelist import PageCounts, fetch_pages, read_url_list
from harmattan.records import Document, LoadError

from .servers import Site

# Three short reports in our own words, as an outlet's article pages.
PAGES = {
    "/2025/03/attack-djibo": ("Gunmen kill twelve near Djibo",
                              "Gunmen killed twelve civilians in an attack on the market of Djibo, Burkina Faso, "
                              "on Tuesday 4 March 2025, local officials said."),
    "/2025/03/flood-mokwa": ("Flood in Mokwa",
                             "Floods swept through Mokwa in Niger State, Nigeria, on 29 May 2025, killing 21 people, "
                             "emergency services said."),
    "/2025/03/protest-niamey": ("Protest in Niamey",
                                "Hundreds of traders marched in Niamey, Niger, on 6 March 2025 against new market "
                                "taxes, witnesses said."),
}


def page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2025-06-01'>"
            f"</head><body><nav>Home | World</nav><article><h1>{title}</h1><p>{text}</p></article>"
            f"<footer>© Outlet</footer></body></html>").encode()


def serve_pages(site: Site) -> list[str]:
    for path, (title, text) in PAGES.items():
        site.serve(path, page(title, text), content_type="text/html; charset=utf-8")
    site.status("/gone", 404)
    return [site.url(p) for p in PAGES]


def test_url_list_lines():
    items = list(read_url_list("https://a.example/1\n  # a comment\n\nnot a url\nhttp://b.example/2 \n", "u.txt"))
    assert items[0] == "https://a.example/1" and items[2] == "http://b.example/2"
    assert isinstance(items[1], LoadError) and items[1].line == 4 and "not a url" in items[1].message


def test_pages_come_in_list_order_and_failures_name_their_url(monitor, settings):
    with Site() as site, Fetcher(monitor) as fetcher:
        urls = serve_pages(site)
        wanted = [urls[0], site.url("/gone"), urls[1], urls[2]]
        counts = PageCounts()
        items = list(fetch_pages(wanted, fetcher, settings, threads=3, counts=counts))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, LoadError) and i.fatal]
    assert [d.url for d in docs] == [urls[0], urls[1], urls[2]]
    assert "Djibo" in docs[0].text and "Home | World" not in docs[0].text  # the page's main text
    assert len(errors) == 1 and errors[0].origin == site.url("/gone") and "404" in errors[0].message
    assert (counts.fetched, counts.failed, counts.stored_already) == (3, 1, 0)


def test_stored_urls_are_not_fetched(monitor, settings):
    with Site() as site, Fetcher(monitor) as fetcher:
        urls = serve_pages(site)
        counts = PageCounts()
        docs = list(fetch_pages(urls, fetcher, settings, stored=lambda group: {urls[1]}, counts=counts))
        assert [d.url for d in docs] == [urls[0], urls[2]]
        assert site.hits("/2025/03/flood-mokwa") == [] and len(site.hits("/2025/03/attack-djibo")) == 1
    assert counts.stored_already == 1


def test_unsafe_addresses_are_refused_without_allow_networks(settings):
    from harmattan.monitor.config import MonitorSettings
    with Site() as site, Fetcher(MonitorSettings(retries=0, host_interval_s=0.0)) as fetcher:
        urls = serve_pages(site)
        items = list(fetch_pages(urls[:1], fetcher, settings))
        assert site.hits("/2025/03/attack-djibo") == []
    assert len(items) == 1 and isinstance(items[0], LoadError) and "not fetched" in items[0].message


def test_backfill_cli_from_a_url_list(cli, tmp_path):
    config = tmp_path / "harmattan.toml"
    config.write_text('[monitor]\nallow_networks = ["127.0.0.0/8"]\nhost_interval_s = 0.0\nretries = 0\n')
    db = tmp_path / "events.sqlite"
    with Site() as site:
        urls = serve_pages(site)
        listing = tmp_path / "urls.txt"
        listing.write_text("# outlet pages\n" + "\n".join(urls[:2]) + f"\n{site.url('/gone')}\n")

        def backfill(*extra):
            return subprocess.run([cli, "backfill", "--url-list", str(listing), *extra, "--db", str(db), "--workers", "1",
                                   "--no-progress", "--config", str(config)], capture_output=True, text=True, timeout=300)

        first = backfill(urls[2])  # a page URL given as an argument too
        assert first.returncode == 1, first.stderr  # one page failed: reported, the others stored
        assert "pages: 3 fetched, 0 stored already (not fetched again), 1 not fetched" in first.stderr
        assert f"{site.url('/gone')}: not fetched" in first.stderr and "3 new" in first.stderr
        again = backfill()
        assert "pages: 0 fetched, 2 stored already" in again.stderr
        assert len(site.hits("/2025/03/attack-djibo")) == 1  # not fetched twice
    events = subprocess.run([cli, "events", "--db", str(db), "--format", "jsonl"], capture_output=True, text=True,
                            timeout=120).stdout.splitlines()
    places = {json.loads(line)["location"] for line in events}
    assert {"Djibo", "Mokwa", "Niamey"} <= places, places
