"""Incremental derivation gives the events that deriving from scratch gives, in any order of documents.

Each document is ingested alone (its claims compared only with the candidates
the index finds); then every claim is clustered again from scratch
(``derive_from_scratch``), which must find nothing to change. The dev and
real-dev cases are ingested in several shuffled orders, which must all give
the same events.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import pytest
from sqlalchemy import delete, select, update

from harmattan.claims import Claim, DocumentClaims, content_hash, document_key
from harmattan.loaders import load_documents
from harmattan.output import event_to_dict
from harmattan.records import Document, Event, SourceRef
from harmattan.settings import Settings
from harmattan.store import connect, ingest_documents
from harmattan.store.save import save_claims
from harmattan.store import derive
from harmattan.store.derive import derive_from_scratch, place_cell, sketch_event, sketch_of, spot_of
from harmattan.store.schema import claims, events, schema_migrations

from .corpus import dense_documents


def _case_docs(shared, *folders):
    return [d for folder in folders for p in sorted((shared / "eval" / folder).glob("*.docs.jsonl"))
            for d in load_documents([str(p)])]


def _events(engine) -> dict[frozenset, dict]:
    """Each event as the set of its claims and its record (without the stamps of when it was written)."""
    with engine.connect() as conn:
        members: dict[str, set[str]] = {}
        for key, event_id in conn.execute(select(claims.c.claim_key, claims.c.event_id)):
            members.setdefault(event_id, set()).add(key)
        out = {}
        for event_id, data in conn.execute(select(events.c.event_id, events.c.data)):
            out[frozenset(members[event_id])] = json.loads(data)
    return out


@pytest.mark.slow
def test_incremental_equals_from_scratch_in_shuffled_orders(shared, tmp_path):
    docs = _case_docs(shared, "dev", "real-dev")
    settings = Settings(read_on="2026-12-01")
    results = []
    for seed in range(3):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        engine = connect(f"sqlite:///{tmp_path / f'store-{seed}.sqlite'}")
        summary = ingest_documents(engine, shuffled, settings)
        assert summary.documents_failed == 0, summary.errors
        incremental = _events(engine)
        with engine.begin() as conn:
            changed = derive_from_scratch(conn, settings)
        assert changed == {"new": 0, "updated": 0, "removed": 0}, f"order {seed}: from scratch changed {changed}"
        assert _events(engine) == incremental
        results.append(incremental)
        engine.dispose()
    assert all(r == results[0] for r in results[1:])
    assert any(len(keys) > 1 for keys in results[0]), "the cases hold reports of one event that must merge"


def test_claims_are_indexed_by_their_spot(shared, tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    ingest_documents(engine, _case_docs(shared, "dev")[:4])
    with engine.connect() as conn:
        rows = conn.execute(select(claims.c.data, claims.c.admin1, claims.c.place_cell, claims.c.type_family)).all()
    assert rows
    for row in rows:
        spot = spot_of(json.loads(row.data))
        assert (row.admin1, row.place_cell, row.type_family) == (spot.admin1, spot.place_cell, spot.type_family)
    assert place_cell(None, 3.0) is None


@pytest.mark.slow
def test_incremental_equals_from_scratch_on_a_dense_stream(tmp_path, monkeypatch):
    """Hundreds of incidents of one country within 90 days, in shuffled order: the neighbourhoods overlap.

    Most new claims are saved alone without re-clustering (``joins_none`` is certain); the others are
    re-clustered with their neighbourhood. Both ways must be taken, and agree with deriving from scratch.
    """
    ways = {"alone": 0, "re-clustered": 0}
    alone = derive._derive_alone

    def counted(*args, **kwargs):
        result = alone(*args, **kwargs)
        ways["alone" if result is not None else "re-clustered"] += 1
        return result

    monkeypatch.setattr(derive, "_derive_alone", counted)
    docs = dense_documents(tmp_path, 400, seed=5, shuffle_seed=1)
    engine = connect(f"sqlite:///{tmp_path / 'dense.sqlite'}")
    settings = Settings()
    assert ingest_documents(engine, docs, settings).documents_new == 400
    assert ways["alone"] > 200 and ways["re-clustered"] > 10, ways
    with engine.begin() as conn:
        assert derive_from_scratch(conn, settings) == {"new": 0, "updated": 0, "removed": 0}


def test_claims_carry_their_sketch_and_an_older_store_gets_them(shared, tmp_path):
    """A claim's sketch is what merging compares it by; migration 11 writes it for claims stored before."""
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    ingest_documents(engine, _case_docs(shared, "dev")[:4])
    with engine.begin() as conn:
        rows = conn.execute(select(claims.c.claim_key, claims.c.data, claims.c.sketch)).all()
        assert rows and all(sketch == sketch_of(json.loads(data)) for _, data, sketch in rows)
        for key, data, _ in rows:
            assert sketch_event(key, sketch_of(json.loads(data))) == sketch_event(key, data)
        conn.execute(update(claims).values(sketch=None))
        conn.execute(delete(schema_migrations).where(schema_migrations.c.version == 11))
    engine.dispose()
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")  # migrates
    with engine.connect() as conn:
        again = conn.execute(select(claims.c.data, claims.c.sketch)).all()
    assert all(sketch == sketch_of(json.loads(data)) for data, sketch in again)


def _report_claims(name: str, event: Event, published: dt.date) -> DocumentClaims:
    """A document of one report, as extraction would hand it to the store (the record written here, not extracted)."""
    doc = Document(name, name, f"report {name}", url=f"https://example.org/{name}", published=published)
    key = document_key(doc)
    source = SourceRef(doc=f"{key}#0", url=doc.url, title=None, published=published)
    record = event_to_dict(dataclasses.replace(event, event_id=f"{key}#0/0", sources=(source,)))
    return DocumentClaims(doc, key, content_hash(doc), (Claim(f"{key}#0/0", "BF", record["event_date"], record),))


def test_a_vaguer_claim_chooses_again_when_a_far_candidate_gets_more_precise(tmp_path):
    """A region's report had two candidates: the town of Bam, and Kolbo (known to the year only). A new report
    of Kolbo gives the day, a week off: Kolbo is no longer a candidate, so the region's report joins Bam, as
    deriving from scratch says, although the new report is not near it (its neighbours' neighbours are read)."""
    def town(name, lat, day, precision="day"):
        return Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, day), time_precision=precision,
                     location=name, admin1="Nord", latitude=lat, longitude=-2.0, geo_precision=1)

    region = Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, 1), admin1="Nord", geo_precision=3)
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    for name, event, day in (("bam", town("Bam", 13.9, 2), 2), ("kolbo-year", town("Kolbo", 13.5, 7, "year"), 7),
                             ("region", region, 3), ("kolbo-day", town("Kolbo", 13.5, 8), 9)):
        save_claims(engine, _report_claims(name, event, dt.date(2025, 3, day)))
        if name == "region":
            assert len(_events(engine)) == 3  # the region's report: two candidates, so alone
    stored = _events(engine)
    assert sorted(len(keys) for keys in stored) == [2, 2]  # Kolbo's two reports; Bam's and the region's
    with engine.begin() as conn:
        assert derive_from_scratch(conn, Settings()) == {"new": 0, "updated": 0, "removed": 0}


def test_reports_of_a_crowded_region_read_a_few_of_its_towns_and_agree_with_from_scratch(tmp_path, monkeypatch):
    """Sixty incidents in towns of one region within three days, then reports of the region (some naming a
    district after one of its towns, some blaming a named group): a region's report reads the region's
    vaguer claims, the towns named like its district and a few others, and what is stored is what deriving
    from scratch makes."""
    rng = random.Random(7)
    seen = {"few towns, certain": 0}
    decide = derive.joins_none

    def counted(new, clusters, settings, around=None, towns_left_out=False):
        verdict = decide(new, clusters, settings, around, towns_left_out)
        seen["few towns, certain"] += bool(verdict and towns_left_out)
        return verdict

    monkeypatch.setattr(derive, "joins_none", counted)
    names = ["".join(rng.choice("bdgklmnst") + rng.choice("aeiou") for _ in range(3)).capitalize() for _ in range(60)]
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    for i, name in enumerate(names):
        event = Event("Violence against civilians", "Attack", "BF", event_date=dt.date(2025, 3, 1 + i % 3),
                      location=name, admin1="Nord", latitude=rng.uniform(13.0, 15.0),
                      longitude=rng.uniform(-3.0, -1.0), geo_precision=1, fatalities=rng.randint(1, 30))
        save_claims(engine, _report_claims(f"town-{i}", event, dt.date(2025, 3, 2 + i % 3)))
    for i in range(30):
        district = rng.choice([None, None, "Nord"] + names[:5])
        event = Event("Violence against civilians", "Attack", "BF", event_date=dt.date(2025, 3, 1 + i % 3),
                      location=district, admin1="Nord", geo_precision=3, fatalities=rng.randint(1, 30),
                      actor1=rng.choice([None, "JNIM: Group for Support of Islam and Muslims"]))
        save_claims(engine, _report_claims(f"region-{i}", event, dt.date(2025, 3, 3) + dt.timedelta(days=i // 2)))
    assert seen["few towns, certain"] > 10, seen
    with engine.begin() as conn:
        assert derive_from_scratch(conn, Settings()) == {"new": 0, "updated": 0, "removed": 0}
