"""Ingest documents: extract each one's claims (:mod:`harmattan.claims`), then save them (:mod:`.save`).

The two halves are apart so that extraction can run anywhere (a process pool,
a Dask worker) and only the saving needs the store. :func:`ingest_documents`
makes each document one transaction (document, claims and events together);
:func:`backfill_documents` writes many per transaction and derives their events
afterwards, per partition (:mod:`.bulk`), to the same store. Either way a
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

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..claims import content_hash, document_key, extract_claims
from ..errors import StoreError
from ..records import Document, LoadError
from ..runners import Extracted, InProcess, Runner, budgeted, chunks, extract_item
from ..settings import Settings
from .bulk import derive_pending, save_batch
from .db import store_error
from .save import is_stored, known_documents, save_claims

__all__ = ["IngestSummary", "backfill_documents", "content_hash", "document_key", "ingest_document",
           "ingest_documents"]


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
    seconds: dict[str, float] = field(default_factory=dict)  # backfill: time spent on documents, on events

    def line(self) -> str:
        return (f"documents: {self.documents_new} new, {self.documents_unchanged} unchanged, "
                f"{self.documents_updated} updated, {self.documents_failed} failed; "
                f"events: {self.events_new} new, {self.events_updated} updated, {self.events_removed} removed")


def ingest_document(engine: Engine, doc: Document, settings: Settings, key: str | None = None) -> tuple[str, dict[str, int]]:
    """Extract one document's claims and save them: the only way a document enters the store.

    Returns its status (new / unchanged / updated) and the event counts. A document
    stored already is not extracted again. ``key`` overrides :func:`document_key`
    (a store being rebuilt keeps its keys). Raises
    :class:`~harmattan.errors.DocumentTimeout` when extraction is over the time
    budget (nothing is written).
    """
    key = key or document_key(doc)
    if is_stored(engine, doc, key, content_hash(doc)):
        return "unchanged", {}
    return save_claims(engine, extract_claims(doc, settings, key=key), settings)


def _unless_stored(engine: Engine, items: Iterable[Document | LoadError],
                   group: int = 64) -> Iterator[Document | LoadError | Extracted]:
    """The inputs, with those stored already replaced by an empty result: they are not extracted again.

    Asked ``group`` inputs at a time (:func:`.save.known_documents`); only a known key or text is looked at closer.
    """
    for chunk in chunks(items, group):
        pairs = {id(d): (document_key(d), content_hash(d)) for d in chunk if isinstance(d, Document)}
        known: set[str] = set()
        if pairs:
            with engine.connect() as conn:
                known = known_documents(conn, list(pairs.values()))
        for item in chunk:
            key, digest = pairs.get(id(item), (None, None))
            if key is not None and (key in known or digest in known) and is_stored(engine, item, key, digest):
                yield Extracted(item.origin)
            else:
                yield item


@budgeted(lambda error: Extracted(error.origin, error=error))
def _extract_unless_done(item: Document | LoadError | Extracted, settings: Settings) -> Extracted:
    return item if isinstance(item, Extracted) else extract_item(item, settings)


def ingest_documents(engine: Engine, items: Iterable[Document | LoadError], settings: Settings | None = None,
                     progress: Callable[[], None] | None = None, runner: Runner | None = None) -> IngestSummary:
    """Ingest a batch: extraction on ``runner`` (default: this process), saving here, one document at a time.

    A failing document is reported and the batch goes on; documents stored already are
    skipped before extraction, so a batch killed and run again finishes the job.

    Example::

        with ProcessPool(2, settings) as runner:
            summary = ingest_documents(engine, load_documents(["reports/"]), settings, runner=runner)
    """
    settings = settings or Settings()
    summary = IngestSummary()
    for done in _extracted(engine, items, settings, runner or InProcess(), summary, progress):
        _save(engine, done, settings, summary)
    return summary


def _extracted(engine: Engine, items: Iterable[Document | LoadError], settings: Settings, runner: Runner,
               summary: IngestSummary, progress: Callable[[], None] | None) -> Iterator[Extracted]:
    """The documents extracted on ``runner`` that are to be saved; failures and those stored already are
    counted in ``summary``."""
    for done in runner.map(_extract_unless_done, _unless_stored(engine, items), settings):
        if done.error is not None:
            summary.errors.append(done.error)
            if done.error.fatal:
                summary.documents_failed += 1
        elif done.claims is None:
            summary.documents_unchanged += 1
        else:
            yield done
        if progress:
            progress()


def backfill_documents(engine: Engine, items: Iterable[Document | LoadError], settings: Settings | None = None,
                       progress: Callable[[], None] | None = None, runner: Runner | None = None) -> IngestSummary:
    """Store an archive in bulk: extraction on ``runner``, documents saved here ``settings.backfill_batch``
    per transaction (:func:`.bulk.save_batch`), then the events of the partitions they fill derived, the
    clustering on ``runner`` too (:func:`.bulk.derive_pending`).

    Gives the store :func:`ingest_documents` gives. Documents stored already are skipped before
    extraction, and partitions whose claims have no event yet are derived, so a backfill killed at any
    point and run again finishes the job. A batch that fails is saved again one document at a time, so
    a bad document costs only itself.

    Example::

        with ProcessPool(2, settings) as runner:
            summary = backfill_documents(engine, load_archives(["archive/"]), settings, runner=runner)
    """
    settings = settings or Settings()
    runner = runner or InProcess()
    summary = IngestSummary()
    start = time.monotonic()
    batch: list[Extracted] = []
    for done in _extracted(engine, items, settings, runner, summary, progress):
        batch.append(done)
        if len(batch) >= max(1, settings.backfill_batch):
            _save_batch(engine, batch, settings, summary)
            batch = []
    _save_batch(engine, batch, settings, summary)
    saved = time.monotonic()
    summary.seconds["documents"] = saved - start
    try:
        _count_events(summary, derive_pending(engine, settings, runner))
    except DBAPIError as exc:
        if _is_store_failure(exc):
            raise _stopped(store_error(exc, "in use"), summary) from None
        raise
    summary.seconds["events"] = time.monotonic() - saved
    return summary


def _save_batch(engine: Engine, batch: list[Extracted], settings: Settings, summary: IngestSummary) -> None:
    if not batch:
        return
    try:
        done = save_batch(engine, [d.claims for d in batch], settings)
    except DBAPIError as exc:
        if _is_store_failure(exc):
            raise _stopped(store_error(exc, "in use"), summary) from None
        done = None
    except Exception:  # noqa: BLE001 - one bad document must not cost the batch: each is saved again alone
        done = None
    if done is None:
        for item in batch:
            _save(engine, item, settings, summary)
        return
    for status, counts in done:
        _count(summary, status, counts)


def _count(summary: IngestSummary, status: str, counts: dict[str, int]) -> None:
    setattr(summary, f"documents_{status}", getattr(summary, f"documents_{status}") + 1)
    _count_events(summary, counts)


def _count_events(summary: IngestSummary, counts: dict[str, int]) -> None:
    summary.events_new += counts.get("new", 0)
    summary.events_updated += counts.get("updated", 0)
    summary.events_removed += counts.get("removed", 0)


def _save(engine: Engine, done: Extracted, settings: Settings, summary: IngestSummary) -> None:
    try:
        try:
            status, counts = save_claims(engine, done.claims, settings)
        except IntegrityError:  # another process stored the same key between our check and our write
            status, counts = save_claims(engine, done.claims, settings)
    except DBAPIError as exc:
        if _is_store_failure(exc):  # the store itself fails (disk full, damaged, read-only): stop here
            raise _stopped(store_error(exc, "in use"), summary) from None
        summary.errors.append(LoadError(done.origin, f"ingest failed: {type(exc).__name__}: {exc}"))
        summary.documents_failed += 1
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch (its transaction rolled back)
        summary.errors.append(LoadError(done.origin, f"ingest failed: {type(exc).__name__}: {exc}"))
        summary.documents_failed += 1
    else:
        _count(summary, status, counts)


def _is_store_failure(exc: DBAPIError) -> bool:
    """A failure of the store (not of one document): every later document would fail the same way."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    return any(word in message for word in ("disk", "full", "malformed", "not a database", "readonly", "read-only",
                                            "unable to open", "i/o error", "connection", "server closed"))


def _stopped(error: StoreError, summary: IngestSummary) -> StoreError:
    """The store error, with what was done before it (documents stored so far are kept, whole)."""
    return type(error)(f"{error}; stopped after {summary.line()}")
