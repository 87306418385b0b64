"""The monitor's parts on hand-built inputs and loopback servers: safety, HTTP, rules, alerts, sources."""
from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import replace

import pytest

from harmattan.monitor.alerts import check_alerts, deliver_firing, render_alert_feed, save_rule
from harmattan.monitor.config import load_monitor_settings
from harmattan.monitor.feeds import FeedItem, build_item_document, extract_feed
from harmattan.monitor.fetch import Fetcher, Refused, TooLarge
from harmattan.monitor.rules import AlertRule, matches_event
from harmattan.monitor.safety import UnsafeURL, check_url
from harmattan.monitor.state import load_health
from harmattan.monitor.watch import Watcher
from harmattan.store.alert_log import load_alert_log
from harmattan.store.ingest import ingest_document
from harmattan.store.monitor_state import find_source, load_seen, save_seen, save_source
from harmattan.store.query import EventFilter, query_events

from .servers import Item, Site, SMTPSink, rss

BOKKOS = Item("b1", "Gunmen kill 12 villagers in Bokkos",
              "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday, residents said.")
KARIMAMA = Item("k1", "Soldiers killed in Karimama",
                "Suspected jihadists killed 15 soldiers in an attack on a military post near Karimama, in Alibori "
                "department in northern Benin, on Tuesday, the army said.", published="Fri, 13 Jun 2025 08:00:00 GMT")
TANGUIETA = Item("t1", "Attack near Tanguiéta",
                 "Gunmen killed eight civilians in a village near Tanguiéta, in Atacora department, Benin, on Thursday, "
                 "local officials said.", published="Fri, 13 Jun 2025 09:00:00 GMT")


# --- safety and HTTP -------------------------------------------------------------------------

def test_a_name_is_checked_on_every_address_it_resolves_to():
    both = lambda host, port: ["93.184.215.14", "10.0.0.7"]  # noqa: E731  (one public, one private answer)
    with pytest.raises(UnsafeURL, match="resolves to 10.0.0.7, a private address"):
        check_url("https://news.example/feed", resolver=both)
    target = check_url("https://[2606:4700::1]:8443/a?b=1", resolver=lambda h, p: ["2606:4700::1"])
    assert target.connect_url() == "https://[2606:4700::1]:8443/a?b=1" and target.host_header() == "[2606:4700::1]:8443"
    for url in ("http://[::1]/", "http://0.0.0.0/", "http://100.64.1.1/", "http://[::ffff:127.0.0.1]/",
                "http://224.0.0.1/", "ftp://example.org/", "http://user:pw@93.184.215.14/"):
        with pytest.raises(UnsafeURL):
            check_url(url)


def test_the_connection_goes_to_the_checked_address(monitor):
    """A host name is resolved once by the fetcher's resolver; the request goes to that address with the name as Host."""
    with Site() as site:
        site.serve("/feed.xml", rss([BOKKOS]))
        pinned = lambda host, port: {"feeds.example": ["127.0.0.1"], "evil.example": ["10.9.9.9"]}[host]  # noqa: E731
        with Fetcher(monitor, resolver=pinned) as fetcher:
            got = fetcher.fetch(f"http://feeds.example:{site.port}/feed.xml")
            assert got.status == 200 and got.etag and b"Bokkos" in got.content
            [request] = site.hits("/feed.xml")
            assert request.headers["host"] == f"feeds.example:{site.port}"
            assert request.headers["user-agent"].startswith("Harmattan/")
            again = fetcher.fetch(f"http://feeds.example:{site.port}/feed.xml", etag=got.etag)
            assert again.not_modified
            with pytest.raises(Refused, match="10.9.9.9"):
                fetcher.fetch(f"http://evil.example:{site.port}/feed.xml")
        assert len(site.hits("/feed.xml")) == 2


def test_declared_size_refused_unread_and_host_rate_limit(monitor):
    with Site() as site:
        site.serve("/big", b"x" * 5000, "text/html")
        site.serve("/small", b"<html><body>hi</body></html>", "text/html")
        with Fetcher(replace(monitor, max_bytes=1000, host_interval_s=0.3)) as fetcher:
            with pytest.raises(TooLarge, match="5000 bytes"):
                fetcher.fetch(site.url("/big"))
            fetcher.fetch(site.url("/small"))
            fetcher.fetch(site.url("/small"))
        times = [r.at for r in site.requests]
        assert times[1] - times[0] >= 0.29 and times[2] - times[1] >= 0.29


def test_settings_from_the_monitor_table_and_environment(tmp_path):
    path = tmp_path / "harmattan.toml"
    path.write_text('[monitor]\nsmtp_host = "mail.example"\nallow_networks = ["127.0.0.0/8"]\nretries = 1\n')
    s = load_monitor_settings(env={"HARMATTAN_MONITOR_RETRIES": "4"}, config_path=path)
    assert (s.smtp_host, s.allow_networks, s.retries) == ("mail.example", ("127.0.0.0/8",), 4)
    path.write_text("[monitor]\nbogus = 1\n")
    with pytest.raises(ValueError, match="bogus"):
        load_monitor_settings(env={}, config_path=path)


# --- feeds -----------------------------------------------------------------------------------

def test_atom_and_broken_but_readable_rss():
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
    <entry><id>urn:x:1</id><title>Attaque \xc3\xa0 Djibo</title><link href="/a/1"/><updated>2025-06-12T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Des hommes arm\xc3\xa9s ont tu\xc3\xa9 neuf civils \xc3\xa0 Djibo.&lt;/p&gt;</content></entry></feed>"""
    [item], warning = extract_feed(atom, "http://news.example/feed")
    assert (item.key, item.url, item.published, warning) == ("urn:x:1", "http://news.example/a/1", dt.date(2025, 6, 12), None)
    doc = build_item_document(item, "desk", "fr")
    assert doc.language == "fr" and doc.text == "Des hommes armés ont tué neuf civils à Djibo." and doc.source == "desk"
    broken = rss([BOKKOS]).replace(b"</channel>", b"<junk & more></channel>")
    items, warning = extract_feed(broken, "http://news.example/feed")
    assert len(items) == 1 and "malformed feed" in warning


# --- rules and alerts ------------------------------------------------------------------------

def test_actor_rule_matches_any_role_and_alias():
    record = {"event_id": "ev-1", "country_code": "ML", "admin1": "Mopti", "fatalities": 3, "event_type": "Battles",
              "actor1": "Military Forces of Mali", "actor2": "JNIM: Group for Support of Islam and Muslims",
              "assoc_actor_1": ["Africa Corps"]}
    assert matches_event(AlertRule("ac", actor=("Africa Corps",)), record)
    assert matches_event(AlertRule("ac", actor=("Russian Africa Corps",)), record)  # an alias
    assert matches_event(AlertRule("jnim", actor=("GSIM",), country=("ML",)), record)
    assert not matches_event(AlertRule("wagner", actor=("Wagner",)), record)
    assert not matches_event(AlertRule("ac", actor=("Africa Corps",)), {**record, "background": True})


def _ingest(engine, settings, item: Item):
    doc = build_item_document(FeedItem(item.guid, f"http://news.example/{item.guid}", item.title, item.text,
                                       dt.date(2025, 6, 13)), "desk", None)
    ingest_document(engine, doc, settings)
    return [e["event_id"] for e in query_events(engine, EventFilter())]


def test_weekly_rule_fires_once_above_threshold_and_email_is_sent(engine, settings, monitor):
    with SMTPSink() as smtp:
        mon = replace(monitor, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_from="desk@harmattan.test")
        save_rule(engine, AlertRule("benin", country=("BJ",), weekly_fatalities_above=20, emails=("analyst@example.org",)))
        save_rule(engine, AlertRule("any-bj", country=("BJ",)))
        first = check_alerts(engine, _ingest(engine, settings, KARIMAMA), mon)
        assert [f.rule.name for f in first] == ["any-bj"]  # 15 killed this week: under the weekly threshold
        firings = check_alerts(engine, _ingest(engine, settings, TANGUIETA), mon)
        assert sorted(f.rule.name for f in firings) == ["any-bj", "benin"]  # 15 + 8 = 23 > 20
        weekly = next(f for f in firings if f.rule.name == "benin")
        assert weekly.subject == "week:BJ:2025-W24" and "23 killed in BJ" in weekly.title
        with Fetcher(mon) as fetcher:
            assert deliver_firing(engine, weekly, fetcher, mon) == {"mailto:analyst@example.org": "sent"}
        [message] = smtp.messages
        assert b"analyst@example.org" in message and b"23 killed" in message
    # the same events checked again: nothing new fires
    assert check_alerts(engine, [e["event_id"] for e in query_events(engine, EventFilter())], mon) == []
    log = load_alert_log(engine)
    assert len(log) == 3
    assert [r["delivery"] for r in log if r["rule_name"] == "benin"] == [{"mailto:analyst@example.org": "sent"}]
    atom = render_alert_feed(engine)
    assert atom.count("<entry>") == 3 and "23 killed in BJ in 2025-W24" in atom
    import xml.etree.ElementTree as ET
    ET.fromstring(atom)  # well-formed


def test_failed_webhook_is_logged_not_raised(engine, settings, monitor):
    save_rule(engine, AlertRule("ng", country=("NG",), webhooks=("http://10.0.0.1/hook",)))
    [firing] = check_alerts(engine, _ingest(engine, settings, BOKKOS), monitor)
    with Fetcher(monitor) as fetcher:
        result = deliver_firing(engine, firing, fetcher, monitor)
    assert result["http://10.0.0.1/hook"].startswith("failed: ") and "private" in result["http://10.0.0.1/hook"]


# --- watching --------------------------------------------------------------------------------

def test_teasers_are_read_from_their_page_and_a_restart_fetches_nothing_twice(engine, settings, monitor):
    page = ("<html><head><title>Gunmen kill 12 villagers in Bokkos</title></head><body><article>"
            "<h1>Gunmen kill 12 villagers in Bokkos</h1><p>Gunmen killed 12 villagers in Bokkos, Plateau State, on "
            "Monday, residents said. The attackers arrived at night, set several houses on fire and fled before "
            "soldiers reached the village.</p></article></body></html>").encode()
    teasers = [Item(f"t{n}", f"Story {n}", "Read more...", link=f"http://127.0.0.1:{{port}}/story/{n}") for n in range(3)]
    with Site() as site:
        for n, item in enumerate(teasers):
            item.link = item.link.format(port=site.port)
            site.serve(f"/story/{n}", page.replace(b"Bokkos", b"Bokkos" if n == 0 else b"Mangu"), "text/html")
        site.serve("/feed.xml", rss(teasers))
        save_source(engine, site.url("/feed.xml"), "desk", every_s=60)
        mon = replace(monitor, teaser_chars=200)

        stop = threading.Event()
        watcher = Watcher(engine, settings, mon, stop=stop)
        real_ingest = watcher._ingest

        def ingest_then_stop(doc, result):  # Ctrl-C arrives while the first document is stored
            status = real_ingest(doc, result)
            stop.set()
            return status
        watcher._ingest = ingest_then_stop
        watcher.run()
        assert len(load_seen(engine, find_source(engine, "desk").id)) == 1
        assert find_source(engine, "desk").etag is None  # cut short: no validators kept

        Watcher(engine, settings, mon).run(once=True)  # resumes
        assert [len(site.hits(f"/story/{n}")) for n in range(3)] == [1, 1, 1]
        assert len(load_seen(engine, find_source(engine, "desk").id)) == 3
        Watcher(engine, settings, mon).run(once=True)  # a 304 now
        assert [len(site.hits(f"/story/{n}")) for n in range(3)] == [1, 1, 1]
        assert site.hits("/feed.xml")[-1].headers["if-none-match"]
    places = sorted(e["location"] for e in query_events(engine, EventFilter(country="NG")))
    assert "Bokkos" in places and "Mangu" in places


def test_sitemap_and_page_sources(engine, settings, monitor):
    article = ("<html><head><title>Attack near Tanguiéta</title></head><body><article><h1>Attack near Tanguiéta</h1>"
               f"<p>{TANGUIETA.text}</p></article></body></html>").encode()
    with Site() as site:
        site.serve("/a/1", article, "text/html")
        site.serve("/a/2", b"<html><head><title>Market day</title></head><body><p>The weekly market of Djougou "
                           b"drew many traders this Saturday.</p></body></html>", "text/html")
        sitemap = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f'<url><loc>{site.url("/a/1")}</loc><lastmod>2025-06-13</lastmod></url>'
                   f'<url><loc>{site.url("/a/2")}</loc></url></urlset>').encode()
        site.serve("/sitemap.xml", sitemap, "application/xml")
        save_source(engine, site.url("/sitemap.xml"), "map", every_s=60)
        save_source(engine, site.url("/a/1"), "page", every_s=60)
        Watcher(engine, settings, monitor).run(once=True)
        Watcher(engine, settings, monitor).run(once=True)
        assert len(site.hits("/a/1")) == 1 + 2  # once from the sitemap; as a page source, then a 304
    health = {h["name"]: h for h in load_health(engine)}
    assert health["map"]["kind"] == "sitemap" and health["map"]["items_total"] == 2
    assert health["page"]["kind"] == "page" and health["page"]["failures"] == 0
    [event] = query_events(engine, EventFilter(country="BJ"))
    assert event["location"] == "Tanguiéta" and event["fatalities"] == 8


def test_a_source_silent_for_longer_than_usual_is_reported(engine, settings, monitor):
    from sqlalchemy import update

    from harmattan.store.app_tables import source_health
    with Site() as site:
        site.serve("/feed.xml", rss([BOKKOS]))
        source = save_source(engine, site.url("/feed.xml"), "quiet", every_s=60)
        with engine.begin() as conn:  # it used to publish every 10 minutes; the last item is 3 hours old
            conn.execute(update(source_health).where(source_health.c.source_id == source.id)
                         .values(last_item_at=time.time() - 3 * 3600, mean_gap_s=600.0))
        # the item is seen already: this poll finds nothing new
        save_seen(engine, source.id, "b1", None, extract_feed(rss([BOKKOS]), site.url("/feed.xml"))[0][0].digest, "new")
        lines: list[str] = []
        Watcher(engine, settings, replace(monitor, silence_min_s=3600), log=lines.append).run(once=True)
        Watcher(engine, settings, replace(monitor, silence_min_s=3600), log=lines.append).run(once=True)
    silent = [line for line in lines if "silent" in line]
    assert len(silent) == 1 and silent[0].startswith("quiet: silent 3h (usual gap 10m)")
    [h] = load_health(engine, 3.0, 3600)
    assert h["status"].startswith("silent")
    assert json.dumps(h)  # the health row is JSON-ready (sources list --format json)
