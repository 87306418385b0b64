"""Ingest documents: store each once, extract its claims, re-derive the events it touches.

Each document is one transaction (document, claims and events together), so a
run killed at any point leaves a consistent store, and running it again
finishes the job: a document is known by its key (URL, else file path, else
content hash) and its content hash, so one already stored is skipped
("unchanged"), a new version of the same URL replaces its claims
("updated"), and the same text under another key is not stored twice.

Ingesting the same input again changes nothing, even when it holds two
versions of one URL: every version a key had is remembered
(``document_versions``), and a version seen before never replaces the current
one; nor does a version published earlier than the stored one. Extraction runs
before the document's transaction, within the per-document time budget
(:mod:`harmattan.budget`); the transaction itself takes SQLite's write lock at
its start (``BEGIN IMMEDIATE``), so concurrent ingests wait for each other
instead of failing with "database is locked".
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..budget import DocumentTimeout, within_budget
from ..errors import StoreError
from ..output import event_to_dict
from ..pipeline import extract_document_events, warm_up
from ..records import Document, Event, LoadError
from ..settings import Settings
from .db import store_error
from .derive import rederive
from .schema import claims, document_versions, documents


@dataclass
class IngestSummary:
    documents_new: int = 0
    documents_unchanged: int = 0
    documents_updated: int = 0
    documents_failed: int = 0
    events_new: int = 0
    events_updated: int = 0
    events_removed: int = 0
    errors: list[LoadError] = field(default_factory=list)

    def line(self) -> str:
        return (f"documents: {self.documents_new} new, {self.documents_unchanged} unchanged, "
                f"{self.documents_updated} updated, {self.documents_failed} failed; "
                f"events: {self.events_new} new, {self.events_updated} updated, {self.events_removed} removed")


def content_hash(doc: Document) -> str:
    """Hash of what the document says (text, title, date, URL): equal content, equal hash."""
    parts = [doc.text, doc.title or "", doc.published.isoformat() if doc.published else "", doc.url or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def document_key(doc: Document) -> str:
    """How a document is known: its URL, else the file it came from, else its content.

    >>> document_key(Document("d", "a.jsonl:3", "text", url="https://x.org/a"))
    'https://x.org/a'
    """
    if doc.url:
        return doc.url
    origin = doc.origin or ""
    if origin and not origin.startswith("<stdin>") and ":" not in os.path.basename(origin) and os.path.exists(origin):
        return "file://" + os.path.abspath(origin)
    return "sha256:" + content_hash(doc)


def _claims_of(doc: Document, key: str, settings: Settings) -> list[tuple[str, dict]]:
    warm_up(settings)
    events, _ = within_budget(settings.document_time_budget_s, extract_document_events, doc, settings)
    out = []
    per_article: dict[str, int] = {}
    for event in events:
        article = event.sources[0].doc.rsplit("#", 1)[-1] if event.sources else "0"
        number = per_article.get(article, 0)
        per_article[article] = number + 1
        claim_key = f"{key}#{article}/{number}"
        source = dataclasses.replace(event.sources[0], doc=f"{key}#{article}")
        history = tuple({**h, "source": f"{key}#{article}"} for h in event.history)
        record = event_to_dict(dataclasses.replace(event, event_id=claim_key, sources=(source,), history=history))
        out.append((claim_key, record))
    return out


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _begin_write(conn: Connection) -> None:
    """Take SQLite's write lock now: a transaction that reads, then writes, cannot fail on another's commit."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _skip_reason(conn: Connection, key: str, digest: str, doc: Document) -> str | None:
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


def save_document(engine: Engine, doc: Document, settings: Settings, key: str | None = None) -> tuple[str, dict[str, int]]:
    """Store one document and everything derived from it, in one transaction.

    Returns its status (new / unchanged / updated) and the event counts.
    ``key`` overrides :func:`document_key` (a store being rebuilt keeps its keys).
    Raises :class:`~harmattan.errors.DocumentTimeout` when extraction is over
    the time budget (nothing is written).
    """
    key = key or document_key(doc)
    digest = content_hash(doc)
    with engine.connect() as conn:
        if _skip_reason(conn, key, digest, doc) is not None:
            return "unchanged", {}
    new_claims = _claims_of(doc, key, settings)  # pure and budgeted: before the write transaction
    with engine.begin() as conn:
        _begin_write(conn)
        if _skip_reason(conn, key, digest, doc) is not None:
            return "unchanged", {}  # another process stored it meanwhile
        row = conn.execute(select(documents.c.id, documents.c.revision).where(documents.c.doc_key == key)).first()
        values = {
            "doc_key": key, "content_hash": digest, "url": doc.url, "title": doc.title, "source": doc.source,
            "published": doc.published.isoformat() if doc.published else None, "language": doc.language,
            "origin": doc.origin, "text": doc.text, "ingested_at": _now(),
        }
        touched: list[tuple[str | None, str | None]] = []
        old_events: set[str] = set()
        if row is None:
            doc_id = conn.execute(documents.insert().values(**values, revision=1)).inserted_primary_key[0]
            status, reason = "new", f"new report {key}"
        else:
            doc_id = row.id
            for event_id, country, date in conn.execute(
                    select(claims.c.event_id, claims.c.country_code, claims.c.event_date).where(claims.c.document_id == doc_id)):
                old_events.add(event_id)
                touched.append((country, date))
            conn.execute(delete(claims).where(claims.c.document_id == doc_id))
            conn.execute(update(documents).where(documents.c.id == doc_id).values(**values, revision=row.revision + 1))
            status, reason = "updated", f"report updated {key}"
        if conn.execute(select(document_versions.c.doc_key).where(
                document_versions.c.doc_key == key, document_versions.c.content_hash == digest)).first() is None:
            conn.execute(document_versions.insert().values(doc_key=key, content_hash=digest, seen_at=values["ingested_at"]))
        for claim_key, record in new_claims:
            conn.execute(claims.insert().values(
                claim_key=claim_key, document_id=doc_id, country_code=record["country_code"],
                event_date=record["event_date"], published=values["published"],
                data=json.dumps(record, sort_keys=True, ensure_ascii=False)))
            touched.append((record["country_code"], record["event_date"]))
        counts = rederive(conn, touched, {k for k, _ in new_claims}, old_events - {None}, reason, settings) if touched else {}
    return status, counts


def ingest_documents(engine: Engine, items: Iterable[Document | LoadError], settings: Settings | None = None,
                     progress: Callable[[], None] | None = None) -> IngestSummary:
    """Ingest a batch; a failing document is reported and the batch goes on."""
    settings = settings or Settings()
    summary = IngestSummary()
    for item in items:
        if isinstance(item, LoadError):
            summary.errors.append(item)
            if item.fatal:
                summary.documents_failed += 1
            if progress:
                progress()
            continue
        try:
            try:
                status, counts = save_document(engine, item, settings)
            except IntegrityError:  # another process stored the same key between our check and our write
                status, counts = save_document(engine, item, settings)
        except DocumentTimeout as exc:  # reported and skipped; nothing was written
            summary.errors.append(LoadError(item.origin, f"skipped: extraction {exc}"))
            summary.documents_failed += 1
        except DBAPIError as exc:
            if _is_store_failure(exc):  # the store itself fails (disk full, damaged, read-only): stop here
                raise _stopped(store_error(exc, "in use"), summary) from None
            summary.errors.append(LoadError(item.origin, f"ingest failed: {type(exc).__name__}: {exc}"))
            summary.documents_failed += 1
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch (its transaction rolled back)
            summary.errors.append(LoadError(item.origin, f"ingest failed: {type(exc).__name__}: {exc}"))
            summary.documents_failed += 1
        else:
            setattr(summary, f"documents_{status}", getattr(summary, f"documents_{status}") + 1)
            summary.events_new += counts.get("new", 0)
            summary.events_updated += counts.get("updated", 0)
            summary.events_removed += counts.get("removed", 0)
        if progress:
            progress()
    return summary


def _is_store_failure(exc: DBAPIError) -> bool:
    """A failure of the store (not of one document): every later document would fail the same way."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    return any(word in message for word in ("disk", "full", "malformed", "not a database", "readonly", "read-only",
                                            "unable to open", "i/o error", "connection", "server closed"))


def _stopped(error: StoreError, summary: IngestSummary) -> StoreError:
    """The store error, with what was done before it (documents stored so far are kept, whole)."""
    return type(error)(f"{error}; stopped after {summary.line()}")
