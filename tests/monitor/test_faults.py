"""Sources that fail in every usual way: each failure is recorded against its source, nothing else stops."""
from __future__ import annotations

import time

from harmattan.monitor.state import load_health
from harmattan.monitor.watch import Watcher
from harmattan.store.monitor_state import find_source, save_source
from harmattan.store.query import EventFilter, query_events

from .servers import Item, Site, closed_port, rss

GOOD = Item("g1", "Gunmen kill 12 villagers in Bokkos",
            "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday, residents said.")


def test_every_fault_is_recorded_and_the_good_source_still_ingested(engine, settings, monitor):
    with Site() as site:
        site.serve("/good.xml", rss([GOOD]))
        site.status("/500.xml", 500)
        site.stall("/stall.xml", 10.0)
        site.endless("/huge.xml")
        site.serve("/garbage.xml", b"<rss><channel><item><title>unclosed & broken\x00\x01", "application/rss+xml")
        site.redirect("/loop-a", site.url("/loop-b"))
        site.redirect("/loop-b", site.url("/loop-a"))
        for n in range(10):
            site.redirect(f"/hop{n}", site.url(f"/hop{n + 1}"))
        site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
        site.redirect("/to-file", "file:///etc/passwd")
        urls = {
            "refused": f"http://127.0.0.1:{closed_port()}/feed.xml",
            "500": site.url("/500.xml"),
            "stall": site.url("/stall.xml"),
            "huge": site.url("/huge.xml"),
            "garbage": site.url("/garbage.xml"),
            "loop": site.url("/loop-a"),
            "forever": site.url("/hop0"),
            "private": "http://10.20.30.40/feed.xml",
            "metadata": site.url("/to-metadata"),
            "scheme": site.url("/to-file"),
            "good": site.url("/good.xml"),
        }
        for name, url in urls.items():
            save_source(engine, url, name, every_s=60)
        lines: list[str] = []
        started = time.monotonic()
        polls = Watcher(engine, settings, monitor, log=lines.append).run(once=True)
        took = time.monotonic() - started
        assert polls == len(urls)
        assert took < 8, f"a pass over the faulty sources took {took:.1f} s"  # the stall cost ~1 s, not 10
        assert site.sent["/huge.xml"] < 32 * (1 << 20), "the 1 GB body was read far past max_bytes"
        assert not site.hits("/hop6"), "more redirects followed than max_redirects"

    health = {h["name"]: h for h in load_health(engine)}
    expected = {
        "refused": "ConnectFailed", "500": "HTTP 500", "stall": "TimedOut", "huge": "over max_bytes",
        "garbage": "ParseError", "loop": "redirect loop", "forever": "more than 5 redirects",
        "private": "private address", "metadata": "link-local", "scheme": "only http and https",
    }
    for name, words in expected.items():
        h = health[name]
        assert h["failures"] == 1 and h["last_success"] is None, name
        assert words in h["last_error"], (name, h["last_error"])
        assert h["status"] == "failing (1 in a row)"
        assert any(line.startswith(f"{name}: error") for line in lines)
    assert health["good"]["failures"] == 0 and health["good"]["items_total"] == 1
    [event] = query_events(engine, EventFilter(country="NG"))
    assert event["location"] == "Bokkos" and event["fatalities"] == 12


def test_a_failing_source_recovers_and_backs_off(engine, settings, monitor):
    with Site() as site:
        site.status("/feed.xml", 503)
        source = save_source(engine, site.url("/feed.xml"), "flaky", every_s=10)
        watcher = Watcher(engine, settings, monitor)
        watcher.run(once=True)
        watcher.run(once=True)
        [h] = load_health(engine)
        assert h["failures"] == 2 and "HTTP 503" in h["last_error"]
        assert find_source(engine, "flaky").next_due > time.time() + 30  # 10 s doubled twice
        site.serve("/feed.xml", rss([GOOD]))
        watcher.run(once=True)
        [h] = load_health(engine)
        assert h["failures"] == 0 and h["last_success"] and h["status"] == "ok" and h["items_total"] == 1
        assert source.id == h["id"]


def test_retries_with_backoff_then_success(engine, settings, monitor):
    from dataclasses import replace
    calls = []
    with Site() as site:
        def route(h):
            calls.append(time.monotonic())
            if len(calls) < 3:
                h.reply(503, b"busy")
            else:
                h.reply(200, rss([GOOD]), "application/rss+xml")
        site.routes["/feed.xml"] = route
        save_source(engine, site.url("/feed.xml"), "busy", every_s=60)
        Watcher(engine, settings, replace(monitor, retries=2, backoff_s=0.1)).run(once=True)
    assert len(calls) == 3 and calls[2] - calls[1] >= 0.19 and calls[1] - calls[0] >= 0.09
    [h] = load_health(engine)
    assert h["failures"] == 0 and h["items_total"] == 1
