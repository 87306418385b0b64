"""Benchmark incremental derivation: does one document cost more in a full store than in an empty one?

Ingests the same documents (a dense one-country stream, ``generate_dense.py``)
one transaction each, as ``harmattan ingest`` does, into an empty SQLite store
and into one already holding ``--claims`` claims (default 50,000) of the same
country and quarter, written in bulk (one event per claim, distinct places).
Prints documents/s for both and their ratio (the target is at least 0.7).

    .venv/bin/python bench/bench_ingest_scale.py [--docs 300] [--claims 50000] [--repeat 3] [--placed-only]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_dense import write_stream  # noqa: E402

from harmattan.loaders import load_documents  # noqa: E402
from harmattan.pipeline import warm_up  # noqa: E402
from harmattan.settings import Settings  # noqa: E402
from harmattan.store import connect, ingest_documents  # noqa: E402
from harmattan.store.derive import claim_event_id, sketch_of, spot_of  # noqa: E402
from harmattan.store.schema import claims, documents, events  # noqa: E402

BF_REGIONS = ["Boucle du Mouhoun", "Cascades", "Centre", "Centre-Est", "Centre-Nord", "Centre-Ouest", "Centre-Sud",
              "Est", "Hauts-Bassins", "Nord", "Plateau-Central", "Sahel", "Sud-Ouest"]


def _name(rng: random.Random) -> str:
    """A made-up village name (random syllables: no two alike enough to pass for spellings of one place)."""
    return "".join(rng.choice("bdgklmnstyz") + rng.choice("aeiou") for _ in range(4)).capitalize()


def _record(i: int, rng: random.Random) -> dict:
    day = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(90))
    key = f"https://filler.example/{i}#0/0"
    lat, lon = rng.uniform(9.5, 15.0), rng.uniform(-5.5, 2.0)
    return {
        "event_id": key, "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "disorder_type": "Political violence", "event_date": day.isoformat(), "event_date_end": None,
        "time_precision": "day", "actor1": "Unidentified Armed Group (Burkina Faso)",
        "actor1_type": "Political militia", "actor2": "Civilians (Burkina Faso)", "actor2_type": "Civilians",
        "assoc_actor_1": [], "assoc_actor_2": [], "suspected_perpetrator": False, "country": "Burkina Faso",
        "country_code": "BF", "admin1": rng.choice(BF_REGIONS), "admin1_new": None, "admin2": None,
        "location": _name(rng), "latitude": lat, "longitude": lon, "geo_precision": 1,
        "fatalities": rng.randint(1, 60), "fatalities_low": None, "fatalities_high": None, "injured": None,
        "missing": None, "abducted": None, "civilian_targeting": True, "background": False, "aggregate": False,
        "confidence": 0.8, "notes": "", "history": [], "sources": [
            {"doc": f"https://filler.example/{i}#0", "url": f"https://filler.example/{i}", "title": None,
             "published": day.isoformat(), "fatalities": None, "evidence": []}],
    }


def fill(engine, n: int, seed: int = 3) -> None:
    """Write ``n`` documents, claims and events of one country-quarter in bulk (one event per claim)."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with engine.begin() as conn:
        for start in range(0, n, 5000):
            batch = [_record(i, rng) for i in range(start, min(n, start + 5000))]
            doc_rows = [{"id": 10_000_000 + start + j, "doc_key": r["sources"][0]["url"], "content_hash": f"{start + j:064d}",
                         "url": r["sources"][0]["url"], "published": r["event_date"], "text": "filler", "ingested_at": now,
                         "revision": 1} for j, r in enumerate(batch)]
            conn.execute(documents.insert(), doc_rows)
            claim_rows, event_rows = [], []
            for j, r in enumerate(batch):
                spot = spot_of(r)
                event_id = claim_event_id(r["event_id"])
                claim_rows.append({"claim_key": r["event_id"], "document_id": 10_000_000 + start + j, "event_id": event_id,
                                   "country_code": "BF", "event_date": r["event_date"], "published": r["event_date"],
                                   "admin1": spot.admin1, "place_cell": spot.place_cell, "type_family": spot.type_family,
                                   "time_precision": spot.time_precision, "location": spot.location,
                                   "sketch": sketch_of(r), "latitude": spot.latitude, "longitude": spot.longitude, "data": json.dumps(r, sort_keys=True)})
                record = {**r, "event_id": event_id}
                event_rows.append({"event_id": event_id, "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
                                   "event_date": r["event_date"], "country_code": "BF", "admin1": r["admin1"],
                                   "location": r["location"], "latitude": r["latitude"], "longitude": r["longitude"],
                                   "geo_precision": 1, "fatalities": r["fatalities"], "version": 1, "updated_at": now,
                                   "n_sources": 1, "data": json.dumps(record, sort_keys=True)})
            conn.execute(claims.insert(), claim_rows)
            conn.execute(events.insert(), event_rows)


def rate(engine, path: Path, settings: Settings, placed_only: bool = False) -> float:
    docs = list(load_documents([str(path)], settings=settings))
    if placed_only:  # reports placed at a town (their candidates are the claims of a few cells)
        from harmattan.claims import extract_claims
        docs = [d for d in docs if all(spot_of(c.record).place_cell for c in extract_claims(d, settings).claims)]
    start = time.perf_counter()
    summary = ingest_documents(engine, docs, settings)
    took = time.perf_counter() - start
    assert summary.documents_new == len(docs), summary.line()
    return len(docs) / took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds, each ingesting into a fresh empty store and a fresh copy of the full one "
                             "(the medians are compared)")
    parser.add_argument("--placed-only", action="store_true",
                        help="only the documents whose reports are placed at a town (not at a region or the country)")
    args = parser.parse_args(argv)
    settings = Settings()
    warm_up(settings)
    with tempfile.TemporaryDirectory() as tmp:
        stream = Path(tmp) / "dense.jsonl"
        write_stream(stream, args.docs, "BF", seed=11)
        template = Path(tmp) / "full.sqlite"
        engine = connect(str(template))
        start = time.perf_counter()
        fill(engine, args.claims)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        print(f"filled a store with {args.claims:,} claims of BF, one quarter, in {time.perf_counter() - start:.1f} s")
        empties, fulls = [], []
        for round_ in range(args.repeat):  # interleaved, so that both stores meet the same load of the machine
            empties.append(rate(connect(str(Path(tmp) / f"empty-{round_}.sqlite")), stream, settings, args.placed_only))
            copy = Path(tmp) / f"full-{round_}.sqlite"
            shutil.copyfile(template, copy)
            fulls.append(rate(connect(str(copy)), stream, settings, args.placed_only))
            print(f"round {round_ + 1}: empty {empties[-1]:6.1f}, full {fulls[-1]:6.1f} documents/s, "
                  f"ratio {fulls[-1] / empties[-1]:.2f}")
    empty, full = statistics.median(empties), statistics.median(fulls)
    print(f"ingest into an empty store:             {empty:6.1f} documents/s ({args.docs} documents, median of {args.repeat})")
    print(f"ingest into a store of {args.claims:,} claims: {full:6.1f} documents/s")
    print(f"ratio: {full / empty:.2f} (target >= 0.70)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
