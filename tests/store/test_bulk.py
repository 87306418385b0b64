"""Bulk writes and partitioned derivation (``backfill``): the store ``ingest`` makes, on SQLite and PostgreSQL.

The dev and real-dev cases backfilled in batches that break mid-stream give
the events of ingesting them one by one, and of deriving every claim from
scratch; the aggregates stay exact; the skip rules hold inside a batch;
claims of many countries and periods, derived partition by partition, give
the events of clustering them all at once; a backfill stopped anywhere and run
again gives the store an uninterrupted one gives; a partition another writer
changes meanwhile is derived again.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import pytest
from sqlalchemy import select, text

from harmattan.claims import Claim, DocumentClaims, content_hash
from harmattan.loaders import load_documents
from harmattan.output import event_to_dict
from harmattan.records import Document, Event, SourceRef
from harmattan.runners import InProcess
from harmattan.settings import Settings
from harmattan.store import aggregates, backfill_documents, connect, ingest_documents
from harmattan.store.bulk import cluster_partition, derive_pending, save_batch
from harmattan.store.derive import derive_from_scratch
from harmattan.store.health import check_store
from harmattan.store.partitions import plan_partitions
from harmattan.store.schema import claims, documents, events, overrides
from tests.pg import fresh_database

from .corpus import dense_documents
from .dump import dump_store

SETTINGS = Settings(read_on="2026-12-01", backfill_batch=7, backfill_partition_claims=1)  # small: many of each


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request, tmp_path):
    """Makes fresh, empty stores of the backend under test."""
    made = []

    def make() -> str:
        made.append(len(made))
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'store-{len(made)}.sqlite'}"
        return fresh_database(request.getfixturevalue("pg_url"))
    return make


def _case_docs(shared, *folders):
    return [d for folder in folders for p in sorted((shared / "eval" / folder).glob("*.docs.jsonl"))
            for d in load_documents([str(p)])]


def _events(engine) -> dict[frozenset, dict]:
    """Each event as the set of its claims and its record."""
    with engine.connect() as conn:
        members: dict[str | None, set[str]] = {}
        for key, event_id in conn.execute(select(claims.c.claim_key, claims.c.event_id)):
            members.setdefault(event_id, set()).add(key)
        assert None not in members, f"claims with no event: {sorted(members[None])[:5]}"
        return {frozenset(members[i]): json.loads(d) for i, d in conn.execute(select(events.c.event_id, events.c.data))}


def _content(engine) -> dict:
    """What a store holds, its history (versions, their times) aside: documents, claims, events, actors."""
    dump = dump_store(engine)
    with engine.connect() as conn:
        seen = sorted(tuple(r) for r in conn.execute(text("SELECT doc_key, content_hash FROM document_versions")))
    return {"documents": dump["documents"], "claims": dump["claims"], "actors": dump["actors"], "seen": seen,
            "events": [(event_id, data) for event_id, _, data in dump["events"]]}


def _aggregates_exact(engine) -> bool:
    with engine.connect() as conn:
        return aggregates.expected(conn) == aggregates.stored(conn)


def test_backfill_gives_the_events_of_ingest_and_of_deriving_from_scratch(shared, new_store):
    docs = _case_docs(shared, "dev", "real-dev")
    one_by_one = connect(new_store())
    assert ingest_documents(one_by_one, docs, SETTINGS).documents_failed == 0
    bulk = connect(new_store())
    summary = backfill_documents(bulk, docs, SETTINGS)
    assert summary.documents_failed == 0 and summary.documents_new == len(docs), summary.line()
    assert summary.events_new == len(_events(bulk)) > 50
    assert _events(bulk) == _events(one_by_one)
    assert any(len(keys) > 1 for keys in _events(bulk)), "the cases hold reports of one event that must merge"
    with bulk.begin() as conn:
        assert derive_from_scratch(conn, SETTINGS) == {"new": 0, "updated": 0, "removed": 0}
    assert _aggregates_exact(bulk)
    report = check_store(str(bulk.url.render_as_string(hide_password=False)))
    assert report.ok, report.problems
    again = backfill_documents(bulk, docs, SETTINGS)
    assert (again.documents_unchanged, again.documents_new, again.events_new, again.events_updated) == (len(docs), 0, 0, 0)


def _doc(url: str | None, text: str, published: str, origin: str | None = None) -> Document:
    return Document(origin or url, origin or url, text, url=url, published=dt.date.fromisoformat(published))


ATTACK = "Gunmen killed {n} civilians in {town}, {region} region, {country}, on {day}."


def test_skip_rules_inside_a_batch_are_those_of_one_document_at_a_time(new_store, tmp_path):
    files = [tmp_path / "a.txt", tmp_path / "copy-of-a.txt"]  # documents without a URL are known by their file
    for f in files:
        f.write_text("(read from the file)")
    fambita = ATTACK.format(n=12, town="Fambita", region="Tillaberi", country="Niger", day="Friday")
    first = _doc(None, fambita, "2025-03-22", origin=str(files[0]))
    docs = [
        first,
        _doc(None, fambita, "2025-03-22", origin=str(files[1])),  # the same text under another name
        _doc(None, fambita.replace("12", "14") + " The toll rose.", "2025-03-23", origin=str(files[0])),  # newer
        first,  # the first version again: seen before, it never comes back
        _doc("https://news.example/b", ATTACK.format(n=5, town="Gao", region="Gao", country="Mali", day="Monday"),
             "2025-04-08"),
        _doc("https://news.example/b", ATTACK.format(n=4, town="Gao", region="Gao", country="Mali", day="Monday"),
             "2025-04-01"),  # published before the stored version: skipped
        _doc("https://news.example/c", ATTACK.format(n=3, town="Mopti", region="Mopti", country="Mali", day="Sunday"),
             "2025-04-07"),
        _doc("https://news.example/d", ATTACK.format(n=7, town="Kaya", region="Centre-Nord", country="Burkina Faso",
             day="Tuesday"), "2025-02-04"),
    ]
    stored_before = docs[-1]  # stored before the backfill: skipped
    results = []
    for batch in (1, 3, 100):
        settings = dataclasses.replace(SETTINGS, backfill_batch=batch)
        engine = connect(new_store())
        ingest_documents(engine, [stored_before], settings)
        summary = backfill_documents(engine, docs, settings)
        results.append(((summary.documents_new, summary.documents_updated, summary.documents_unchanged), _content(engine)))
        assert _aggregates_exact(engine)
    reference = connect(new_store())
    ingest_documents(reference, [stored_before], SETTINGS)
    summary = ingest_documents(reference, docs, SETTINGS)
    assert (summary.documents_new, summary.documents_updated, summary.documents_unchanged) == (3, 1, 4)
    for counts, content in results:
        assert counts == (3, 1, 4)
        assert content == _content(reference)
    content = _content(reference)
    assert len(content["documents"]) == 4 and sum(revision == 2 for _, _, revision, _, _ in content["documents"]) == 1
    assert len(content["events"]) == 4


TOWNS = {  # country: [(town, admin1, lat, lon)]
    "ML": [("Gao", "Gao", 16.27, -0.04), ("Ansongo", "Gao", 15.66, 0.50), ("Mopti", "Mopti", 14.49, -4.20),
           ("Sevare", "Mopti", 14.53, -4.10), ("Bandiagara", "Mopti", 14.35, -3.61)],
    "BF": [("Kaya", "Centre-Nord", 13.09, -1.08), ("Barsalogho", "Centre-Nord", 13.42, -1.06),
           ("Djibo", "Sahel", 14.10, -1.63), ("Dori", "Sahel", 14.03, -0.03)],
}


def _claims(seed: int) -> list[DocumentClaims]:
    """Reports of incidents in two countries over a year, in bursts with quiet months between; placed at a town,
    at a region or only at the country; a few undated (in Mali, one at a town: Mali stays one partition)."""
    rng = random.Random(seed)
    out = []
    start = dt.date(2025, 1, 1)
    for country, towns in TOWNS.items():
        day = start
        for incident in range(70):
            day += dt.timedelta(days=rng.choice([0, 1, 2, 3, 5, 60]))
            town, admin1, lat, lon = rng.choice(towns)
            kind = rng.choice(["Battles", "Violence against civilians", "Protests"])
            toll = rng.choice([None, 2, 5, 9])
            for report in range(rng.choice([1, 1, 2, 3])):
                key = f"https://{country.lower()}.example/{incident}-{report}"
                level = rng.choice(["town", "town", "town", "region", "country"])
                undated = rng.random() < 0.04 and (country == "ML" or level == "country")
                if (country, incident, report) == ("ML", 30, 0):
                    level, undated = "town", True
                published = day + dt.timedelta(days=report + rng.choice([0, 1]))
                event = Event(
                    kind, {"Battles": "Armed clash", "Protests": "Peaceful protest"}.get(kind, "Attack"), country,
                    event_date=None if undated else day, country={"ML": "Mali", "BF": "Burkina Faso"}[country],
                    admin1=admin1 if level != "country" else None, location=town if level == "town" else None,
                    latitude=lat if level == "town" else None, longitude=lon if level == "town" else None,
                    geo_precision={"town": 1, "region": 3, "country": 3}[level],
                    fatalities=toll and toll + report, civilian_targeting=kind == "Violence against civilians",
                    sources=(SourceRef(doc=f"{key}#0", url=key, title=None, published=published),),
                    history=({"source": f"{key}#0", "published": published.isoformat(), "fatalities": toll},),
                    event_id=f"{key}#0/0")
                record = event_to_dict(event)
                doc = Document(key, key, f"report {key}", url=key, published=published)
                claim = Claim(f"{key}#0/0", country, record["event_date"], record)
                out.append(DocumentClaims(doc, key, content_hash(doc), (claim,), 1))
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_partitions_derived_apart_give_the_events_of_clustering_everything_at_once(tmp_path, seed):
    batch = _claims(seed)
    at_once = connect(f"sqlite:///{tmp_path / 'at-once.sqlite'}")
    save_batch(at_once, batch, SETTINGS)
    with at_once.begin() as conn:
        derive_from_scratch(conn, SETTINGS)  # one window: every claim clustered together
    parts = connect(f"sqlite:///{tmp_path / 'parts.sqlite'}")
    for i in range(0, len(batch), 40):
        save_batch(parts, batch[i:i + 40], SETTINGS)
    with parts.connect() as conn:
        planned = plan_partitions(conn, SETTINGS)
    assert len([p for p in planned if p.countries == ("ML",)]) == 1  # an undated claim at a town: Mali is one
    assert len([p for p in planned if p.countries == ("BF",)]) >= 3  # Burkina Faso is cut at its quiet months
    derive_pending(parts, SETTINGS)
    assert _events(parts) == _events(at_once)
    assert any(len(keys) > 1 for keys in _events(parts))
    assert _aggregates_exact(parts)
    # Small partitions derived together (as a backfill does by default) give the same events.
    grouped = connect(f"sqlite:///{tmp_path / 'grouped.sqlite'}")
    save_batch(grouped, batch, SETTINGS)
    settings = dataclasses.replace(SETTINGS, backfill_partition_claims=40)
    with grouped.connect() as conn:
        groups = plan_partitions(conn, settings)
    assert 1 < len(groups) < len(planned) and any(len(g.spans) > 1 for g in groups)
    derive_pending(grouped, settings)
    assert _events(grouped) == _events(at_once)


def test_an_analysts_merge_across_a_cut_joins_the_partitions(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    batch = [b for b in _claims(1) if b.claims[0].country_code == "BF"]
    save_batch(engine, batch, SETTINGS)
    with engine.connect() as conn:
        before = plan_partitions(conn, SETTINGS)
    first, last = before[0].spans[0], before[-1].spans[0]
    a = next(b.claims[0].key for b in batch if first.holds(b.claims[0].event_date))
    b = next(b.claims[0].key for b in batch if last.holds(b.claims[0].event_date))
    with engine.begin() as conn:
        conn.execute(overrides.insert().values(kind="link", claim_a=a, claim_b=b, active=True, created_at="t", note=""))
        after = plan_partitions(conn, SETTINGS)
    assert len(after) == len(before) - 1
    assert any(first in p.spans and last in p.spans for p in after)
    derive_pending(engine, SETTINGS)
    assert any({a, b} <= keys for keys in _events(engine))


class Killed(BaseException):
    """The run stops here, as a kill would stop it (nothing catches it)."""


class _Stops(InProcess):
    """Runs in this process, and stops the run after ``after`` partitions were clustered and written."""

    def __init__(self, after: int):
        self.after = after

    def map(self, fn, items, *args, chunk=None, in_flight=None):
        for n, result in enumerate(super().map(fn, items, *args)):
            if fn is cluster_partition and n == self.after:
                raise Killed
            yield result


def test_a_backfill_stopped_anywhere_and_run_again_gives_the_same_store(shared, new_store):
    docs = _case_docs(shared, "dev", "real-dev")
    whole = connect(new_store())
    backfill_documents(whole, docs, SETTINGS)
    # Stopped after the documents were written, before any event was derived.
    stopped = connect(new_store())
    for i in range(0, len(docs), 10):
        save_batch(stopped, [d.claims for d in InProcess().map(_extract, docs[i:i + 10])], SETTINGS)
    assert _events_pending(stopped) > 0
    url = stopped.url.render_as_string(hide_password=False)
    assert any("not derived into events yet" in n for n in check_store(url).notes)
    again = backfill_documents(stopped, docs, SETTINGS)
    assert check_store(url).notes == []
    assert again.documents_unchanged == len(docs) and again.events_new == len(_events(whole))
    assert dump_store(stopped) == dump_store(whole)
    # Stopped half-way through the partitions.
    halfway = connect(new_store())
    with pytest.raises(Killed):
        backfill_documents(halfway, docs, SETTINGS, runner=_Stops(after=3))
    assert _events_pending(halfway) > 0
    with halfway.connect() as conn:
        assert conn.execute(select(events.c.event_id)).first() is not None  # three partitions were written
    backfill_documents(halfway, docs, SETTINGS)
    assert dump_store(halfway) == dump_store(whole)
    assert _aggregates_exact(halfway)


def _extract(doc):
    from harmattan.runners import extract_item

    return extract_item(doc, SETTINGS)


def _events_pending(engine) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(claims.c.id).where(claims.c.event_id.is_(None))).all())


class _WriterMeanwhile(InProcess):
    """Runs in this process; another writer ingests ``docs`` while the first partition is being clustered."""

    def __init__(self, url: str, docs: list):
        self.url, self.docs = url, docs

    def map(self, fn, items, *args, chunk=None, in_flight=None):
        for result in super().map(fn, items, *args):
            if fn is cluster_partition and self.docs:
                other = connect(self.url)
                assert ingest_documents(other, self.docs, SETTINGS).documents_new == len(self.docs)
                other.dispose()
                self.docs = []
            yield result


def test_a_partition_another_writer_changes_meanwhile_is_derived_again(shared, new_store):
    docs = list(load_documents([str(shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl")]))
    assert len(docs) == 3
    url = new_store()
    engine = connect(url)
    backfill_documents(engine, docs[:2], SETTINGS, runner=_WriterMeanwhile(url, docs[2:]))
    reference = connect(new_store())
    ingest_documents(reference, docs, SETTINGS)
    assert _events(engine) == _events(reference)
    assert [len(keys) for keys in _events(engine)] == [3]  # one flood, its three reports
    assert _aggregates_exact(engine)


def test_claims_not_derived_yet_are_left_out_by_ingest_until_their_partition_is_derived(shared, tmp_path):
    docs = list(load_documents([str(shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl")]))
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    save_batch(engine, [_extract(d).claims for d in docs[:2]], SETTINGS)
    ingest_documents(engine, docs[2:], SETTINGS)
    assert _events_pending(engine) == 2
    assert [len(keys) for keys in _events_derived(engine)] == [1]  # the third report alone, for now
    derive_pending(engine, SETTINGS)
    assert [len(keys) for keys in _events(engine)] == [3]
    with engine.begin() as conn:
        assert derive_from_scratch(conn, SETTINGS) == {"new": 0, "updated": 0, "removed": 0}


def _events_derived(engine) -> list[frozenset]:
    with engine.connect() as conn:
        members: dict[str, set[str]] = {}
        for key, event_id in conn.execute(select(claims.c.claim_key, claims.c.event_id).where(claims.c.event_id.isnot(None))):
            members.setdefault(event_id, set()).add(key)
    return [frozenset(m) for m in members.values()]


def test_a_document_the_database_refuses_costs_only_itself(shared, pg_url):
    docs = _case_docs(shared, "dev")[:6]
    bad = dataclasses.replace(docs[2], text=docs[2].text + "\x00", url="https://news.example/nul", doc_id="nul",
                              origin="nul.jsonl:1")
    engine = connect(fresh_database(pg_url))
    summary = backfill_documents(engine, docs[:2] + [bad] + docs[2:], SETTINGS)
    assert summary.documents_failed == 1 and summary.documents_new == 6, summary.line()
    assert len(summary.errors) == 1 and "nul.jsonl:1" in str(summary.errors[0])
    reference = connect(fresh_database(pg_url))
    ingest_documents(reference, docs, SETTINGS)
    assert _events(engine) == _events(reference)


@pytest.mark.slow
def test_backfill_of_a_dense_stream_gives_the_events_of_ingest(tmp_path):
    """Hundreds of incidents of one country within 90 days (one partition), shuffled: bulk equals one by one."""
    docs = dense_documents(tmp_path, 300, seed=7, shuffle_seed=2)
    settings = Settings(backfill_batch=64)
    bulk = connect(f"sqlite:///{tmp_path / 'bulk.sqlite'}")
    assert backfill_documents(bulk, docs, settings).documents_new == 300
    one_by_one = connect(f"sqlite:///{tmp_path / 'one.sqlite'}")
    assert ingest_documents(one_by_one, docs, settings).documents_new == 300
    assert _events(bulk) == _events(one_by_one)
    assert len(_events(bulk)) > 250


def test_a_busy_country_cut_into_windows_gives_the_events_of_deriving_it_whole(shared, new_store):
    """Windows of a few claims (each clustered with its halo of 42 days, keeping the events that start in it;
    claims with no date derived after them): the events of the cases' many multi-report incidents, and of a
    dense stream, are those of one partition per country."""
    docs = _case_docs(shared, "dev", "real-dev", "ucdp-ng") + dense_documents_in(shared, 200)
    whole = connect(new_store())
    backfill_documents(whole, docs, SETTINGS)
    windowed_settings = dataclasses.replace(SETTINGS, backfill_window_claims=3)
    windowed = connect(new_store())
    with windowed.connect() as conn:
        assert plan_partitions(conn, windowed_settings) == []
    summary = backfill_documents(windowed, docs, windowed_settings)
    assert summary.documents_failed == 0
    assert _events(windowed) == _events(whole)
    assert sum(len(keys) > 1 for keys in _events(whole)) > 20
    assert _aggregates_exact(windowed)
    # The windows were used: the store's claims of a busy country plan as many windows (ML, NG, BF: dozens).
    with windowed.begin() as conn:
        conn.execute(claims.update().values(event_id=None))
        planned = plan_partitions(conn, windowed_settings)
    assert sum(p.halo_days > 0 for p in planned) > 30
    assert "NG" in {c for p in planned if p.halo_days for c in p.countries}
    # An analyst's merge of two claims of a busy country keeps it whole: they may lie in two windows.
    with windowed.begin() as conn:
        a, b = conn.execute(select(claims.c.claim_key).where(claims.c.country_code == "NG")
                            .order_by(claims.c.event_date).limit(2)).scalars()
        conn.execute(overrides.insert().values(kind="link", claim_a=a, claim_b=b, active=True,
                                               created_at="2026-12-01T00:00:00", note=""))
        planned = plan_partitions(conn, windowed_settings)
    assert "NG" not in {c for p in planned if p.halo_days for c in p.countries}
    assert "ML" in {c for p in planned if p.halo_days for c in p.countries}


def dense_documents_in(shared, count):
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        return dense_documents(Path(tmp), count, seed=5, shuffle_seed=1)
