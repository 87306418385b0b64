"""The pre-aggregated statistics equal a GROUP BY of the events after every kind of write, on both databases."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from harmattan.loaders import load_documents
from harmattan.records import Document
from harmattan.settings import Settings
from harmattan.store import aggregates, connect, event_groups, event_queries, ingest_documents
from harmattan.store.derive import save_correction, save_override, undo_override
from harmattan.store.query import EventFilter, load_event, query_events
from tests.pg import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return fresh_database(request.getfixturevalue("pg_url"))


def _assert_current(engine) -> str:
    """The aggregates equal the events counted from scratch; returns the store's version."""
    with engine.connect() as conn:
        stats, actors = aggregates.stored(conn)
        want_stats, want_actors = aggregates.expected(conn)
        assert stats == want_stats
        assert actors == want_actors
        return aggregates.store_version(conn)


def _dev_docs(shared):
    return [d for p in sorted((shared / "eval" / "dev").glob("*.docs.jsonl")) for d in load_documents([str(p)])]


def test_aggregates_follow_ingest_merge_split_correction_and_deletion(shared, store_url):
    engine = connect(store_url)
    first = _assert_current(engine)
    ingest_documents(engine, _dev_docs(shared))
    after_ingest = _assert_current(engine)
    assert after_ingest != first
    with engine.connect() as conn:
        assert conn.execute(text("SELECT sum(events) FROM event_stats")).scalar_one() == len(
            list(query_events(engine, EventFilter())))
    nigeria = list(query_events(engine, EventFilter(country="NG")))
    gwoza = next(r for r in nigeria if r["location"] == "Gwoza")
    other = next(r for r in nigeria if r["event_id"] != gwoza["event_id"] and r["event_date"])
    other_claim = load_event(engine, other["event_id"])["claims"][0]["claim"]
    with engine.begin() as conn:  # an analyst's merge, then its undo
        merge = save_override(conn, "link", gwoza["event_id"], other_claim, "test", Settings())
    _assert_current(engine)
    with engine.begin() as conn:
        undo_override(conn, merge, Settings())
    _assert_current(engine)
    claims = load_event(engine, gwoza["event_id"])["claims"]
    if len(claims) > 1:
        with engine.begin() as conn:  # a split
            save_override(conn, "unlink", gwoza["event_id"], claims[-1]["claim"], "test", Settings())
        _assert_current(engine)
    with engine.begin() as conn:  # corrections of the counted columns, then "not an event"
        save_correction(conn, gwoza["event_id"], "fatalities", 99, "amina", "hospital records", Settings())
        save_correction(conn, gwoza["event_id"], "admin1", "Yobe", "amina", "the village is across the border", Settings())
        save_correction(conn, gwoza["event_id"], "event_date", "2019-02-03", "amina", "the report's own date", Settings())
    _assert_current(engine)
    with engine.begin() as conn:
        save_correction(conn, other["event_id"], "status", "not_event", "amina", "a wire duplicate", Settings())
    _assert_current(engine)
    # A new version of a stored report replaces its claims (its events are re-derived or removed).
    url = "https://example.org/ng/attack"
    v1 = Document("a", "a", "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday.", url=url,
                  published=dt.date(2024, 1, 2))
    ingest_documents(engine, [v1])
    _assert_current(engine)
    ingest_documents(engine, [dataclasses.replace(v1, text="Gunmen killed 15 villagers and two soldiers in "
                                                              "Bokkos, Plateau State, on Monday.")])
    _assert_current(engine)
    with engine.begin() as conn:  # a delete straight in SQL: the foreign key's cascade takes the actor rows
        conn.execute(text("DELETE FROM events WHERE event_id = :id"), {"id": nigeria[-1]["event_id"]})
    before_last = _assert_current(engine)
    with engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _assert_current(engine) != before_last


FILTERS = [
    EventFilter(),
    EventFilter(since="2024-01-01", until="2024-12-31"),
    EventFilter(since="2023-06-15", until="2025-02-10"),  # days at both ends, months between
    EventFilter(since="2025-05-03", until="2025-05-20"),  # within one month
    EventFilter(since="2025-01-01"),
    EventFilter(until="2024-12-31"),
    EventFilter(country=("NG", "ML"), event_type="battles"),
    EventFilter(admin1="borno", civilian_targeting=True),
    EventFilter(actor="JNIM", since="2024-01-01"),
    EventFilter(actor="Boko Haram", country="NG"),
]


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_statistics_from_aggregates_equal_those_from_the_events(shared, tmp_path, flt):
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    ingest_documents(engine, _dev_docs(shared))
    for by in ("country", "admin1", "type", "sub_event_type", "actor"):
        if aggregates.plan(flt, by) is None:
            continue
        assert event_groups.group_counts(engine, flt, by) == event_groups.group_counts_of_events(engine, flt, by), by
    with engine.connect() as conn:
        assert event_queries.count_events(conn, flt) == event_queries.count_of_events(conn, flt)


def test_map_points_written_by_the_database_are_the_events(shared, store_url):
    """The map's JSON, written by SQLite (a generated column in the index) or PostgreSQL, says what the events say."""
    import json

    engine = connect(store_url)
    ingest_documents(engine, _dev_docs(shared))
    count, text_points = event_queries.map_points(engine, EventFilter(), 5000)
    points = json.loads(text_points)
    records = [r for r in query_events(engine, EventFilter()) if r["latitude"] is not None and r["longitude"] is not None]
    assert count == len(points) == len(records) > 3
    want = [{"id": r["event_id"], "lat": r["latitude"], "lon": r["longitude"], "type": r["event_type"],
             "fatalities": r["fatalities"], "date": r["event_date"],
             "place": ", ".join(p for p in (r["location"], r["admin1"], r["country_code"]) if p),
             "level": event_queries.area_level(r["location"], r["admin1"], r["geo_precision"])} for r in records]
    assert sorted(points, key=lambda p: p["id"]) == sorted(want, key=lambda p: p["id"])
    dates = [p["date"] for p in points if p["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert event_queries.map_points(engine, EventFilter(country="TG"), 10) == (0, "[]")


def test_concurrent_ingests_keep_the_aggregates_whole(shared, store_url):
    """Four writers at once, two of them going through the same documents backwards: they queue at the
    store's write lock (taken first thing in the transaction), never deadlock, and nothing is stored twice."""
    from concurrent.futures import ThreadPoolExecutor

    engine = connect(store_url)
    docs = _dev_docs(shared)
    parts = [docs[0::2], docs[1::2], docs[0::2][::-1], docs[1::2][::-1]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        summaries = list(pool.map(lambda part: ingest_documents(engine, part), parts))
    assert [s.documents_failed for s in summaries] == [0, 0, 0, 0], [s.errors for s in summaries]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == len({d.text for d in docs})
    _assert_current(engine)


def test_store_check_finds_statistics_that_drifted(shared, store_url):
    from harmattan.store.health import check_store

    engine = connect(store_url)
    ingest_documents(engine, _dev_docs(shared)[:4])
    assert check_store(store_url).ok
    with engine.begin() as conn:  # as a hand-made UPDATE (or a bug) would
        conn.execute(text("UPDATE event_stats SET events = events + 1"))
    report = check_store(store_url)
    assert not report.ok and "statistics differ from the events (event_stats:" in report.problems[0]
    with engine.begin() as conn:
        aggregates.rebuild(conn)
    assert check_store(store_url).ok


def test_the_migration_runs_again_harmlessly(shared, store_url):
    """Migration 9 may be renumbered when branches meet: a store that has it already takes it again unchanged."""
    from harmattan.store import schema

    engine = connect(store_url)
    ingest_documents(engine, _dev_docs(shared)[:4])
    (again,) = [fn for version, _, fn in schema.MIGRATIONS if version == 10]
    with engine.begin() as conn:
        again(conn)
    _assert_current(engine)
    count, _ = event_queries.map_points(engine, EventFilter(), 5000)
    assert count == len([r for r in query_events(engine, EventFilter()) if r["latitude"] is not None])
