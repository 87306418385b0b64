"""Benchmark the event store: ingest throughput, and dashboard query latency on a large database.

Prints figures; it is not a test. Two parts:

1. ingest: generated news documents (bench/generate_stream.py) ingested one
   transaction each, as ``harmattan ingest`` does, into a fresh SQLite file
   and, with ``--pg URL``, into PostgreSQL: documents per second.
2. queries: a store filled with ``--events`` synthetic events (default
   1,000,000; written in bulk, not extracted) and the dashboard's typical
   queries run with random parameters: filter by country and date range
   (newest 100), weekly counts for a country over a year, events near a
   point, events of an actor. p50 / p95 / max latency per query.

    .venv/bin/python bench/bench_store.py                       # SQLite, 1M events
    .venv/bin/python bench/bench_store.py --events 200000 --ingest-docs 300
    .venv/bin/python bench/bench_store.py --pg postgresql://user@127.0.0.1:5432/db
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import text  # noqa: E402

from harmattan.store import aggregates, connect, ingest_documents  # noqa: E402
from harmattan.store.query import EventFilter, query_events, weekly_counts  # noqa: E402
from harmattan.store.schema import event_actors, events  # noqa: E402

COUNTRIES = {  # code: (centre lat, lon, spread in degrees, regions)
    "ML": (14.5, -4.0, 3.0, ["Mopti", "Gao", "Tombouctou", "Segou", "Kayes", "Koulikoro", "Sikasso", "Kidal", "Bamako"]),
    "BF": (12.5, -1.5, 2.0, ["Sahel", "Centre-Nord", "Est", "Nord", "Boucle du Mouhoun", "Centre-Est"]),
    "NE": (14.0, 3.0, 3.0, ["Tillaberi", "Tahoua", "Diffa", "Maradi", "Zinder", "Niamey"]),
    "NG": (10.0, 8.0, 4.0, ["Borno", "Yobe", "Adamawa", "Zamfara", "Kaduna", "Katsina", "Benue", "Plateau", "Niger"]),
    "BJ": (10.5, 2.3, 1.0, ["Alibori", "Atacora", "Borgou", "Donga"]),
    "TG": (10.3, 0.5, 0.6, ["Savanes", "Kara"]),
    "TD": (13.0, 15.0, 3.0, ["Lac", "Logone Oriental", "Ouaddai", "N'Djamena"]),
    "CM": (7.0, 12.0, 3.0, ["Extreme-Nord", "Nord-Ouest", "Sud-Ouest"]),
}
TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Protests", "Peaceful protest"),
         ("Riots", "Mob violence"), ("Strategic developments", "Other"), ("Disaster", "Flood")]
ACTORS = ["JNIM: Group for Support of Islam and Muslims", "ISSP: Islamic State Sahel Province",
          "ISWAP: Islamic State West Africa Province", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
          "Bandits (Nigeria)", "Wagner Group", "Africa Corps"]


def _percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms"


def fill_events(engine, n: int, seed: int = 7, first: int = 0) -> float:
    """Bulk-write ``n`` synthetic events (and their actor rows); returns seconds taken."""
    rng = random.Random(seed)
    start = time.perf_counter()
    day0 = dt.date(2015, 1, 1)
    batch, actor_rows = [], []
    codes = list(COUNTRIES)
    with engine.begin() as conn, aggregates.bulk_load(conn):  # the statistics counted once, at the end
        for i in range(first, first + n):
            cc = rng.choice(codes)
            lat0, lon0, spread, regions = COUNTRIES[cc]
            etype, sub = rng.choice(TYPES)
            date = (day0 + dt.timedelta(days=rng.randrange(3650))).isoformat()
            lat, lon = lat0 + rng.uniform(-spread, spread), lon0 + rng.uniform(-spread, spread)
            actor = rng.choice(ACTORS)
            event_id = f"ev-{i:012d}"
            record = {"event_id": event_id, "event_type": etype, "sub_event_type": sub, "event_date": date,
                      "country_code": cc, "admin1": rng.choice(regions), "latitude": round(lat, 4),
                      "longitude": round(lon, 4), "actor1": actor, "fatalities": rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 45]),
                      "notes": "synthetic benchmark event", "sources": [], "history": []}
            batch.append({"event_id": event_id, "event_type": etype, "sub_event_type": sub, "event_date": date,
                          "time_precision": "day", "country_code": cc, "country": cc, "admin1": record["admin1"],
                          "admin2": None, "location": None, "latitude": record["latitude"], "longitude": record["longitude"],
                          "geo_precision": 1, "actor1": actor, "actor2": None, "fatalities": record["fatalities"],
                          "civilian_targeting": etype == "Violence against civilians", "background": False,
                          "aggregate": False, "confidence": 0.7, "n_sources": 1, "version": 1,
                          "updated_at": "2025-01-01T00:00:00+00:00", "data": json.dumps(record)})
            actor_rows.append({"event_id": event_id, "actor": actor, "role": "actor1"})
            if len(batch) == 20_000:
                conn.execute(events.insert(), batch)
                conn.execute(event_actors.insert(), actor_rows)
                batch, actor_rows = [], []
        if batch:
            conn.execute(events.insert(), batch)
            conn.execute(event_actors.insert(), actor_rows)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - start


def bench_queries(engine, runs: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    codes = list(COUNTRIES)

    def by_country_date():
        year = rng.randrange(2015, 2025)
        flt = EventFilter(country=rng.choice(codes), since=f"{year}-01-01", until=f"{year}-06-30", limit=100)
        return list(query_events(engine, flt))

    def weekly():
        year = rng.randrange(2015, 2025)
        return weekly_counts(engine, EventFilter(country=rng.choice(codes), since=f"{year}-01-01", until=f"{year}-12-31"))

    def nearest():
        lat0, lon0, spread, _ = COUNTRIES[rng.choice(codes)]
        flt = EventFilter(near=(lat0 + rng.uniform(-spread, spread), lon0 + rng.uniform(-spread, spread), 25), limit=100)
        return list(query_events(engine, flt))

    def actor():
        year = rng.randrange(2015, 2025)
        return list(query_events(engine, EventFilter(actor=rng.choice(ACTORS), since=f"{year}-01-01", limit=100)))

    for name, fn in (("country + date range, newest 100", by_country_date), ("weekly counts, one country-year", weekly),
                     ("events within 25 km of a point", nearest), ("events of an actor since a year", actor)):
        fn()  # warm the cache
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
        print(f"  {name:36} {_percentiles(samples)}")


def bench_ingest(url: str, n_docs: int) -> None:
    import generate_stream

    from harmattan.loaders import load_bytes

    stream = Path(tempfile.mkdtemp()) / "stream.jsonl"
    generate_stream.write_stream(stream, n_docs=n_docs)
    docs = [d for d in load_bytes(stream.read_bytes(), str(stream), kind="jsonl") if hasattr(d, "text")]
    engine = connect(url)
    t = time.perf_counter()
    summary = ingest_documents(engine, docs)
    took = time.perf_counter() - t
    print(f"  {engine.dialect.name:10} {len(docs)} documents in {took:6.1f} s = {len(docs) / took:6.1f} documents/s "
          f"({summary.events_new} events new)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=50, help="runs of each query")
    ap.add_argument("--ingest-docs", type=int, default=1000)
    ap.add_argument("--db", help="SQLite file for the query part (default: a temporary file)")
    ap.add_argument("--pg", help="PostgreSQL URL: also measure ingest and queries there")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp())
    print("ingest (one transaction per document):")
    bench_ingest(f"sqlite:///{tmp / 'ingest.sqlite'}", args.ingest_docs)
    if args.pg:
        bench_ingest(args.pg, args.ingest_docs)

    targets = [("sqlite", args.db or f"sqlite:///{tmp / 'big.sqlite'}")] + ([("postgresql", args.pg)] if args.pg else [])
    for name, url in targets:
        engine = connect(url)
        with engine.connect() as conn:
            have = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        if have < args.events:
            took = fill_events(engine, args.events - have, first=have)
            print(f"\n{name}: wrote {args.events - have:,} synthetic events in {took:.1f} s")
        print(f"\nqueries on {name} with {args.events:,} events ({args.runs} runs each):")
        bench_queries(engine, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
