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
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, text, update
from sqlalchemy.engine import Connection, Engine

from ..claims import DocumentClaims
from ..records import Document
from ..settings import Settings
from .aggregates import WRITERS_LOCK
from .rows import insert_rows
from .derive import Spot, rederive, sketch_of, spot_of
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


def known_documents(conn: Connection, pairs: Sequence[tuple[str, str]]) -> set[str]:
    """Which of the keys and content hashes of ``pairs`` (key, hash) the store knows: a stored document's
    key or text, or a key some version was seen of.

    A document whose key and hash are both unknown is new, whatever :func:`skip_reason` would look at,
    so a caller with many documents asks once for all and looks closer only at the known ones.

    >>> from harmattan.store import connect
    >>> with connect("sqlite://").connect() as conn:
    ...     known_documents(conn, [("https://x.org/a", "0" * 64)])
    set()
    """
    keys = sorted({k for k, _ in pairs})
    hashes = sorted({h for _, h in pairs})
    out: set[str] = set()
    for chunk in _chunks(keys):
        out.update(conn.execute(select(documents.c.doc_key).where(documents.c.doc_key.in_(chunk))).scalars())
        out.update(conn.execute(select(document_versions.c.doc_key).where(document_versions.c.doc_key.in_(chunk))).scalars())
    for chunk in _chunks(hashes):
        out.update(conn.execute(select(documents.c.content_hash).where(documents.c.content_hash.in_(chunk))).scalars())
    return out


def stored_keys(engine: Engine, keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` (URLs, mostly) are the keys of stored documents: a backfill of a URL list fetches
    the others only.

    >>> from harmattan.store import connect
    >>> stored_keys(connect("sqlite://"), ["https://x.org/a"])
    set()
    """
    out: set[str] = set()
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(keys))):
            out.update(conn.execute(select(documents.c.doc_key).where(documents.c.doc_key.in_(chunk))).scalars())
    return out


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def document_row(found: DocumentClaims) -> dict:
    """The ``documents`` row of a document (without its id and revision), stamped now."""
    doc = found.document
    return {"doc_key": found.key, "content_hash": found.content_hash, "url": doc.url, "title": doc.title,
            "source": doc.source, "published": doc.published.isoformat() if doc.published else None,
            "language": doc.language, "origin": doc.origin, "text": doc.text, "ingested_at": _now()}


@dataclass(frozen=True)
class Stored:
    """A document row just written (new, or a new version of a stored key) and its claims' rows, not yet inserted.

    ``touched`` are the places and times of the claims it replaced and of its new ones, ``old_events`` the
    events its replaced claims belonged to: what derivation must look at again.
    """

    status: str  # new | updated
    document_id: int
    rows: tuple[dict, ...]
    touched: tuple[Spot, ...]
    old_events: frozenset[str]
    reason: str


def store_document(conn: Connection, found: DocumentClaims) -> Stored | None:
    """Write a document's row and the version seen, in the caller's transaction (None: it changes nothing).

    The skip rules are :func:`skip_reason`'s; a new version of a stored key replaces that document's
    claims (deleted here). The claims' rows are returned, for the caller to insert one document at a
    time (:func:`save_claims`) or many at once (:mod:`.bulk`); events are not touched.
    """
    doc, key = found.document, found.key
    if skip_reason(conn, key, found.content_hash, doc) is not None:
        return None  # stored before, or by another process meanwhile
    row = conn.execute(select(documents.c.id, documents.c.revision).where(documents.c.doc_key == key)).first()
    values = document_row(found)
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
    rows = claim_rows(found, doc_id)
    touched += [spot_of(claim.record) for claim in found.claims]
    return Stored(status, doc_id, rows, tuple(touched), frozenset(old_events - {None}), reason)


def claim_rows(found: DocumentClaims, document_id: int) -> tuple[dict, ...]:
    """The rows of the ``claims`` table for a document's claims (not yet derived: no event)."""
    published = found.document.published.isoformat() if found.document.published else None
    out = []
    for claim in found.claims:
        spot = spot_of(claim.record)
        out.append({"claim_key": claim.key, "document_id": document_id, "event_id": None,
                    "country_code": claim.country_code, "event_date": claim.event_date, "published": published,
                    "admin1": spot.admin1, "place_cell": spot.place_cell, "type_family": spot.type_family,
                    "time_precision": spot.time_precision, "location": spot.location, "sketch": sketch_of(claim.record),
                    "latitude": spot.latitude, "longitude": spot.longitude,
                    "data": json.dumps(claim.record, sort_keys=True, ensure_ascii=False)})
    return tuple(out)


def derive_stored(conn: Connection, stored: Stored, settings: Settings) -> dict[str, int]:
    """Insert a stored document's claims and derive the events they touch (incremental derivation)."""
    insert_rows(conn, claims, stored.rows)
    if not stored.touched:
        return {}
    return rederive(conn, stored.touched, {r["claim_key"] for r in stored.rows}, set(stored.old_events),
                    stored.reason, settings)


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
    with engine.begin() as conn:
        begin_write(conn)
        stored = store_document(conn, found)
        if stored is None:
            return "unchanged", {}
        counts = derive_stored(conn, stored, settings)
    return stored.status, counts
