"""Incremental derivation gives the events that deriving from scratch gives, in any order of documents.

Each document is ingested alone (its claims compared only with the candidates
the index finds); then every claim is clustered again from scratch
(``derive_from_scratch``), which must find nothing to change. The dev and
real-dev cases are ingested in several shuffled orders, which must all give
the same events.
"""
from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import select

from harmattan.loaders import load_documents
from harmattan.settings import Settings
from harmattan.store import connect, ingest_documents
from harmattan.store.derive import derive_from_scratch, place_cell, spot_of
from harmattan.store.schema import claims, events

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
def test_incremental_equals_from_scratch_on_a_dense_stream(tmp_path):
    """Hundreds of incidents of one country within 90 days, in shuffled order: the neighbourhoods overlap."""
    docs = dense_documents(tmp_path, 400, seed=5, shuffle_seed=1)
    engine = connect(f"sqlite:///{tmp_path / 'dense.sqlite'}")
    settings = Settings()
    assert ingest_documents(engine, docs, settings).documents_new == 400
    with engine.begin() as conn:
        assert derive_from_scratch(conn, settings) == {"new": 0, "updated": 0, "removed": 0}
