"""Store behaviour shared by both backends; a test module provides the ``store_url`` fixture."""
from __future__ import annotations

import dataclasses
import itertools
import json
import random

from sqlalchemy import text

from harmattan.loaders import load_documents
from harmattan.output import event_to_dict
from harmattan.pipeline import run_pipeline
from harmattan.store import connect, ingest_documents
from harmattan.store.query import EventFilter, load_event, query_events
from harmattan.store.search import search as search_documents

from .corpus import build_corpus
from .dump import dump_store


def _sig(record: dict) -> tuple:
    return (record["event_type"], record["country_code"], record["event_date"], record["location"],
            record["fatalities"], len(record["sources"]))


def _dev_docs(shared):
    return [d for p in sorted((shared / "eval" / "dev").glob("*.docs.jsonl")) for d in load_documents([str(p)])]


def test_one_by_one_in_any_order_equals_extracting_together(shared, store_url):
    docs = _dev_docs(shared)
    together = sorted(_sig(event_to_dict(e)) for e in run_pipeline(docs).events)
    for seed in range(2):
        engine = connect(store_url)
        with engine.begin() as conn:
            for table in ("event_actors", "event_versions", "event_aliases", "events", "claims", "documents"):
                conn.execute(text(f"DELETE FROM {table}"))
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        for doc in shuffled:
            ingest_documents(engine, [doc])
        stored = sorted(_sig(r) for r in query_events(engine, EventFilter(include_background=True)))
        assert stored == together


def test_mokwa_flood_is_one_event_with_history(shared, store_url):
    engine = connect(store_url)
    docs = list(load_documents([str(shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl")]))
    for doc in reversed(docs):  # the latest report first
        ingest_documents(engine, [doc])
    (event,) = list(query_events(engine, EventFilter(country="NG")))
    assert event["fatalities"] == 200 and [h["fatalities"] for h in event["history"]] == [21, 151, 200]
    full = load_event(engine, event["event_id"])
    assert len(full["claims"]) == 3 and full["version"] == len(full["versions"]) >= 1


def test_ingesting_twice_changes_nothing(shared, store_url, tmp_path):
    engine = connect(store_url)
    corpus = build_corpus(shared, tmp_path / "corpus")
    first = ingest_documents(engine, load_documents([str(corpus)]))
    before = dump_store(engine)
    second = ingest_documents(engine, load_documents([str(corpus)]))
    assert first.documents_new > 15 and second.documents_new == 0 and second.documents_updated == 0
    assert second.documents_unchanged == first.documents_new
    assert second.events_new == second.events_updated == 0
    assert dump_store(engine) == before


def test_corrected_report_replaces_its_claims(store_url):
    import datetime as dt
    from harmattan.records import Document
    engine = connect(store_url)
    url = "https://example.org/ng/attack"
    v1 = Document("a", "a", "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday.", url=url, published=dt.date(2024, 1, 2))
    v2 = dataclasses.replace(v1, text="Gunmen killed 17 villagers in Bokkos, Plateau State, on Monday.")
    s1 = ingest_documents(engine, [v1])
    s2 = ingest_documents(engine, [v2])
    assert (s1.documents_new, s2.documents_updated, s2.events_updated) == (1, 1, 1)
    (event,) = list(query_events(engine, EventFilter()))
    assert event["fatalities"] == 17 and len(event["sources"]) == 1
    full = load_event(engine, event["event_id"])
    assert [v["fatalities"] for v in full["versions"]] == [12, 17]


def test_filters_search_and_near(shared, store_url):
    engine = connect(store_url)
    ingest_documents(engine, _dev_docs(shared))
    ml = list(query_events(engine, EventFilter(country="Mali")))
    assert ml and all(r["country_code"] == "ML" for r in ml)
    jnim = list(query_events(engine, EventFilter(actor="GSIM")))
    assert jnim and all("JNIM" in (r["actor1"] or "") for r in jnim)
    deadly = list(query_events(engine, EventFilter(min_fatalities=100)))
    assert deadly and all(r["fatalities"] >= 100 for r in deadly)
    near = list(query_events(engine, EventFilter(near=(12.64, -8.0, 30))))
    assert near and all(r["distance_km"] <= 30 for r in near) and all(r["location"] == "Bamako" for r in near)
    dated = list(query_events(engine, EventFilter(since="2024-06-01", until="2024-06-30")))
    assert dated and all("2024-06-01" <= r["event_date"] <= "2024-06-30" for r in dated)
    hits = search_documents(engine, "Gwoza kamikazes")
    assert hits and "Gwoza" in hits[0]["snippet"]
    assert search_documents(engine, '"unbalanced AND (') == []


def test_merge_and_split_are_reversible(shared, store_url):
    from harmattan.store.derive import save_override, undo_override
    from harmattan.settings import Settings
    engine = connect(store_url)
    ingest_documents(engine, _dev_docs(shared))
    before = dump_store(engine)
    gwoza = next(r for r in query_events(engine, EventFilter(country="NG")) if r["location"] == "Gwoza")
    kuriga = next(r for r in query_events(engine, EventFilter(country="NG")) if r["location"] in ("Kuriga", "Chikun"))  # the village, or its LGA where the gazetteer lacks it
    full = load_event(engine, gwoza["event_id"])
    last_claim = full["claims"][-1]["claim"]
    with engine.begin() as conn:
        split = save_override(conn, "unlink", gwoza["event_id"], last_claim, "test", Settings())
    assert len(load_event(engine, gwoza["event_id"])["claims"]) == len(full["claims"]) - 1
    with engine.begin() as conn:
        undo_override(conn, split, Settings())
    kuriga_claim = load_event(engine, kuriga["event_id"])["claims"][0]["claim"]
    with engine.begin() as conn:
        merge = save_override(conn, "link", gwoza["event_id"], kuriga_claim, "test", Settings())
    # The merged event keeps the id of its earliest report; the other id leads to it.
    merged = load_event(engine, kuriga["event_id"])
    assert load_event(engine, gwoza["event_id"])["event_id"] == merged["event_id"]
    assert len(merged["claims"]) == len(full["claims"]) + 1
    with engine.begin() as conn:
        undo_override(conn, merge, Settings())
    after = dump_store(engine)
    key = lambda d: [(e[0], e[2]) for e in d["events"]]  # same events, same content; versions record the detour
    assert key(after) == key(before) and after["claims"] == before["claims"]


def test_an_analysts_merge_across_a_border_holds(store_url):
    """Two outlets place one border attack in two countries; the analyst's merge joins them, a backfill and
    a derivation from scratch keep it, and its undo parts them again."""
    import datetime as dt
    from harmattan.records import Document
    from harmattan.settings import Settings
    from harmattan.store.derive import derive_from_scratch, save_override, undo_override
    engine = connect(store_url)
    docs = [Document("a", "a", "Gunmen killed 11 soldiers in an attack on an army post in Ayorou, Niger, on Sunday.",
                     url="https://example.org/ne/ayorou", published=dt.date(2024, 3, 4)),
            Document("b", "b", "Gunmen killed 11 soldiers in an attack on an army post in Labbezanga, Mali, on Sunday.",
                     url="https://example.org/ml/labbezanga", published=dt.date(2024, 3, 4))]
    ingest_documents(engine, docs)
    ne, ml = (next(r for r in query_events(engine, EventFilter(country=c))) for c in ("NE", "ML"))
    ml_claim = load_event(engine, ml["event_id"])["claims"][0]["claim"]
    with engine.begin() as conn:
        merge = save_override(conn, "link", ne["event_id"], ml_claim, "one attack on the border", Settings())
    merged = load_event(engine, ne["event_id"])
    assert len(merged["claims"]) == 2 and load_event(engine, ml["event_id"])["event_id"] == merged["event_id"]
    with engine.begin() as conn:
        assert derive_from_scratch(conn, Settings()) == {"new": 0, "updated": 0, "removed": 0}
        assert derive_from_scratch(conn, Settings(), country="ML") == {"new": 0, "updated": 0, "removed": 0}
    with engine.begin() as conn:
        undo_override(conn, merge, Settings())
    assert {len(load_event(engine, r["event_id"])["claims"]) for r in query_events(engine, EventFilter())} == {1}
    assert len(list(query_events(engine, EventFilter()))) == 2


def test_corrections_survive_new_reports_and_reingest(shared, store_url):
    import datetime as dt
    from harmattan.records import Document
    from harmattan.settings import Settings
    from harmattan.store.derive import save_correction
    engine = connect(store_url)
    url = "https://example.org/ng/attack"
    v1 = Document("a", "a", "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday.", url=url, published=dt.date(2024, 1, 2))
    ingest_documents(engine, [v1])
    (event,) = list(query_events(engine, EventFilter()))
    with engine.begin() as conn:
        save_correction(conn, event["event_id"], "fatalities", 14, "amina", "hospital records", Settings())
    # A second report of the same attack, and a corrected version of the first, arrive.
    other = Document("b", "b", "Twelve villagers were killed by gunmen in Bokkos, Plateau State, on Monday, police said.",
                     url="https://example.org/other", published=dt.date(2024, 1, 3))
    ingest_documents(engine, [other, dataclasses.replace(v1, text=v1.text + " Houses were burned.")])
    (event,) = list(query_events(engine, EventFilter()))
    assert event["fatalities"] == 14 and event["machine_values"]["fatalities"] == 12 and len(event["sources"]) == 2
    assert event["corrections"][0]["user"] == "amina"
    with engine.begin() as conn:
        save_correction(conn, event["event_id"], "status", "not_event", "amina", "duplicate of a wire story", Settings())
    assert list(query_events(engine, EventFilter())) == []
    assert len(list(query_events(engine, EventFilter(include_rejected=True)))) == 1


def test_migrations_upgrade_in_place(store_url):
    from sqlalchemy import create_engine

    from harmattan.store import schema

    engine = create_engine(store_url)
    saved = list(schema.MIGRATIONS)
    schema.MIGRATIONS[:] = saved[:1]  # an older store: only the first migration applied, with a document
    try:
        schema.migrate(engine)
    finally:
        schema.MIGRATIONS[:] = saved
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (doc_key, content_hash, text, ingested_at, revision) "
                          "VALUES ('k', 'h', 'Gunmen attacked Kwall.', 'now', 1)"))
    upgraded = connect(store_url)
    with upgraded.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_migrations ORDER BY version")).scalars().all()
        assert versions == [m[0] for m in saved]
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 1
        if upgraded.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    # The full-text index added by a later migration covers the row stored before it.
    assert search_documents(upgraded, "Kwall")
