"""Save a document's claims and derive the events they touch, in one transaction.

The store's half of the fetch/save split: :func:`save_claims` takes what
:func:`harmattan.claims.extract_claims` made (plain records) and never imports
the extraction, so a store can be written by a process that extracted nothing.

A document is known by its key and its content hash: one already stored is
skipped ("unchanged"), a new version of the same URL replaces its claims
("updated"), and the same text under another key is not stored twice. Every
version a key had is remembered (``document_versions``), so a version seen
before never replaces the current one; nor does a version published earlier
than the stored one. The transaction takes SQLite's write lock at its start
(``BEGIN IMMEDIATE``; on PostgreSQL the writers' advisory lock), so concurrent
writers wait for each other instead of failing with "database is locked" or a deadlock.
"""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import delete, select, text, update
from sqlalchemy.engine import Connection, Engine

from ..claims import DocumentClaims
from ..records import Document
from ..settings import Settings
from .aggregates import WRITERS_LOCK
from .derive import Spot, rederive, spot_of
from .schema import claims, document_versions, documents


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def begin_write(conn: Connection) -> None:
    """Take the store's write lock now, first thing in a transaction that will write events.

    SQLite: ``BEGIN IMMEDIATE``, so a transaction that reads, then writes, cannot fail on
    another's commit. PostgreSQL: the writers' transaction lock (the one the aggregate triggers
    take), so concurrent writers queue before they lock any row instead of deadlocking over rows
    taken in different orders. Extraction runs outside this lock; only the writes queue.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITERS_LOCK})


def skip_reason(conn: Connection, key: str, digest: str, doc: Document) -> str | None:
    """Why this document changes nothing (None when it must be stored)."""
    row = conn.execute(select(documents.c.content_hash, documents.c.published).where(documents.c.doc_key == key)).first()
    if row is None:
        if conn.execute(select(documents.c.id).where(documents.c.content_hash == digest)).first():
            return "the same text is stored under another name"
        return None
    if row.content_hash == digest:
        return "stored already"
    if conn.execute(select(document_versions.c.content_hash).where(
            document_versions.c.doc_key == key, document_versions.c.content_hash == digest)).first():
        return "an earlier version of a stored document"
    published = doc.published.isoformat() if doc.published else None
    if published and row.published and published < row.published:
        return "older than the stored version"
    return None


def is_stored(engine: Engine, doc: Document, key: str, digest: str) -> bool:
    """Would saving this document change nothing? (Checked before extracting, to skip the work.)"""
    with engine.connect() as conn:
        return skip_reason(conn, key, digest, doc) is not None


def save_claims(engine: Engine, found: DocumentClaims, settings: Settings | None = None) -> tuple[str, dict[str, int]]:
    """Store one document and its claims, and derive the events they touch, in one transaction.

    Args:
        engine: the store.
        found: the document, its key and hash and its claims (:func:`harmattan.claims.extract_claims`).
        settings: merging settings.

    Returns the document's status (new / unchanged / updated) and the counts of events
    new, updated and removed.
    """
    settings = settings or Settings()
    doc, key = found.document, found.key
    with engine.begin() as conn:
        begin_write(conn)
        if skip_reason(conn, key, found.content_hash, doc) is not None:
            return "unchanged", {}  # stored before, or by another process meanwhile
        row = conn.execute(select(documents.c.id, documents.c.revision).where(documents.c.doc_key == key)).first()
        values = {
            "doc_key": key, "content_hash": found.content_hash, "url": doc.url, "title": doc.title, "source": doc.source,
            "published": doc.published.isoformat() if doc.published else None, "language": doc.language,
            "origin": doc.origin, "text": doc.text, "ingested_at": _now(),
        }
        touched: list[Spot] = []
        old_events: set[str] = set()
        if row is None:
            doc_id = conn.execute(documents.insert().values(**values, revision=1)).inserted_primary_key[0]
            status, reason = "new", f"new report {key}"
        else:
            doc_id = row.id
            for event_id, data in conn.execute(select(claims.c.event_id, claims.c.data).where(claims.c.document_id == doc_id)):
                old_events.add(event_id)
                touched.append(spot_of(json.loads(data)))
            conn.execute(delete(claims).where(claims.c.document_id == doc_id))
            conn.execute(update(documents).where(documents.c.id == doc_id).values(**values, revision=row.revision + 1))
            status, reason = "updated", f"report updated {key}"
        if conn.execute(select(document_versions.c.doc_key).where(
                document_versions.c.doc_key == key, document_versions.c.content_hash == found.content_hash)).first() is None:
            conn.execute(document_versions.insert().values(doc_key=key, content_hash=found.content_hash,
                                                           seen_at=values["ingested_at"]))
        for claim in found.claims:
            spot = spot_of(claim.record)
            conn.execute(claims.insert().values(
                claim_key=claim.key, document_id=doc_id, country_code=claim.country_code,
                event_date=claim.event_date, published=values["published"], admin1=spot.admin1,
                place_cell=spot.place_cell, type_family=spot.type_family, time_precision=spot.time_precision,
                location=spot.location,
                data=json.dumps(claim.record, sort_keys=True, ensure_ascii=False)))
            touched.append(spot)
        counts = (rederive(conn, touched, {c.key for c in found.claims}, old_events - {None}, reason, settings)
                  if touched else {})
    return status, counts
