"""Write an archive in bulk: documents and claims many per transaction, then events derived per partition.

What ``harmattan backfill`` does with the claims its runner extracted, in two steps:

1. :func:`save_batch` stores a batch of documents in one transaction, with
   :func:`.save.store_document`'s skip rules (stored already, the same text
   under another key, an older or earlier version), and their claims in one
   ``COPY`` (PostgreSQL) or ``executemany`` (SQLite). These claims have no
   event yet. A new version of a stored document is saved the one-document way
   (:func:`.save.derive_stored`: its old events re-derived at once).
2. :func:`derive_pending` derives the events of every partition holding claims
   with no event (:mod:`.partitions`: a country, cut in time where no report
   reaches across), from scratch: the claims are read here, clustered on the
   runner (:func:`cluster_partition`, pure, so on a process pool or a Dask
   cluster like extraction) and saved here, one partition per transaction,
   with :func:`.derive.save_clusters`.

The events are those deriving every claim from scratch gives, so those of
``ingest`` (one document at a time). A run killed anywhere leaves whole
batches and whole partitions; started again, it skips the stored documents and
derives the partitions still holding claims with no event. Until then such
claims are not events, and incremental derivation (``ingest``) leaves them
out. A partition changed by another writer between its reading and its
writing (seen by :func:`.partitions.load_fingerprint`) is derived again in
the writing transaction, its countries from scratch.

>>> from harmattan.claims import extract_claims
>>> from harmattan.records import Document
>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> doc = Document("d1", "example", "Gunmen killed 44 civilians in Fambita, Tillaberi region, Niger, on Friday.",
...                url="https://news.example/fambita")
>>> [status for status, _ in save_batch(engine, [extract_claims(doc)], Settings())]
['new']
>>> derive_pending(engine, Settings())
{'new': 1, 'updated': 0, 'removed': 0}
"""
from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from ..claims import DocumentClaims
from ..runners import InProcess, Runner
from ..settings import Settings
from .derive import Cluster, as_cluster, claim_event, cluster_claims, load_active_overrides, rederive, save_clusters, spot_of
from .partitions import Partition, Span, load_fingerprint, load_partition, plan_partitions
from .rows import insert_rows
from .save import begin_write, claim_rows, derive_stored, document_row, known_documents, store_document
from .schema import claims, document_versions, documents

REASON = "derived in bulk (backfill)"


def save_batch(engine: Engine, batch: Sequence[DocumentClaims], settings: Settings) -> list[tuple[str, dict[str, int]]]:
    """Store a batch of documents and their claims in one transaction; the new ones' events are left
    for :func:`derive_pending`.

    Returns each document's status (new / unchanged / updated) and event counts, in batch order.
    """
    out = []
    with engine.begin() as conn:
        begin_write(conn)
        known = known_documents(conn, [(f.key, f.content_hash) for f in batch])
        fresh: list[DocumentClaims] = []  # new for certain: key and text unknown, written together
        for found in batch:
            if found.key not in known and found.content_hash not in known:
                fresh.append(found)
                out.append(("new", {}))
            else:  # the store, or this batch, knows it: the skip rules decide, with the documents before it written
                _save_fresh(conn, fresh)
                fresh = []
                stored = store_document(conn, found)
                if stored is None:
                    out.append(("unchanged", {}))
                elif stored.status == "updated":
                    # Its old claims' events must be re-derived now: that needs the one-document way.
                    out.append((stored.status, derive_stored(conn, stored, settings)))
                else:
                    insert_rows(conn, claims, stored.rows)
                    out.append((stored.status, {}))
            known |= {found.key, found.content_hash}
        _save_fresh(conn, fresh)
    return out


def _save_fresh(conn: Connection, fresh: list[DocumentClaims]) -> None:
    """Write documents the store does not know (key and text): their rows, versions and claims, each in one statement."""
    if not fresh:
        return
    rows = [document_row(f) | {"revision": 1} for f in fresh]
    ids = dict(conn.execute(documents.insert().returning(documents.c.doc_key, documents.c.id), rows).all())
    insert_rows(conn, document_versions, [{"doc_key": r["doc_key"], "content_hash": r["content_hash"],
                                           "seen_at": r["ingested_at"]} for r in rows])
    insert_rows(conn, claims, [row for f in fresh for row in claim_rows(f, ids[f.key])])


@dataclass(frozen=True)
class PartitionClaims:
    """What a worker needs to cluster a partition: its claims as stored, and the analysts' decisions."""

    claims: tuple[tuple[str, str], ...]  # (claim_key, JSON record)
    links: tuple[tuple[str, str], ...]
    unlinks: tuple[tuple[str, str], ...]


def cluster_partition(work: PartitionClaims, settings: Settings) -> list[Cluster]:
    """Cluster a partition's claims into events (pure: runs on any worker); each cluster with its record.

    >>> import json
    >>> from harmattan.records import Event
    >>> from harmattan.output import event_to_dict
    >>> record = event_to_dict(Event("Battles", "Armed clash", "ML", event_id="k"))
    >>> [c.keys for c in cluster_partition(PartitionClaims((("k", json.dumps(record)),), (), ()), Settings())]
    [('k',)]
    """
    window = [(key, claim_event(key, data)) for key, data in work.claims]
    return [c.settled() for c in cluster_claims(window, settings, list(work.links), list(work.unlinks))]


def derive_pending(engine: Engine, settings: Settings, runner: Runner | None = None) -> dict[str, int]:
    """Derive the events of every partition that holds claims with no event; clustering on ``runner``.

    Returns the counts of events new, updated and removed.
    """
    runner = runner or InProcess()
    with engine.connect() as conn:
        partitions = plan_partitions(conn, settings)
        links, unlinks = load_active_overrides(conn)
    read: deque[tuple[Partition, tuple, tuple]] = deque()

    def works():
        for partition in partitions:
            with engine.connect() as conn:  # the fingerprint first: a change after it is seen at writing
                fingerprint = load_fingerprint(conn, partition, settings)
                rows = tuple(load_partition(conn, partition))
            read.append((partition, fingerprint, rows))
            yield PartitionClaims(tuple((k, data) for k, data, _ in rows), tuple(links), tuple(unlinks))

    counts = {"new": 0, "updated": 0, "removed": 0}
    taken: set[str] = set()  # the claims the windows of a busy span written so far gave an event (this run)
    # A partition may hold tens of thousands of claims: one ahead per worker keeps them all busy, and no more in memory.
    for clusters in runner.map(cluster_partition, works(), settings, chunk=1, in_flight=runner.workers + 1):
        partition, fingerprint, rows = read.popleft()
        keys = {k for k, _, _ in rows}
        if partition.halo_days:
            clusters, keys = own_events(partition, clusters, rows, taken, settings)
        else:
            taken = set()
        with engine.begin() as conn:
            begin_write(conn)
            if load_fingerprint(conn, partition, settings) == fingerprint:
                done = save_clusters(conn, clusters, keys, keys, set(), f"{REASON}: {partition.describe()}", links)
            else:  # another writer changed it meanwhile: its countries whole, here, under the lock
                done = _derive_here(conn, Partition(tuple(Span(c, None, None, True) for c in partition.countries)),
                                    settings)
        for name, n in done.items():
            counts[name] += n
    windowed = sorted({c or "" for p in partitions if p.halo_days for c in p.countries})
    for name, n in _derive_undated(engine, windowed, settings).items():
        counts[name] += n
    return counts


def _derive_undated(engine: Engine, countries: list[str], settings: Settings) -> dict[str, int]:
    """The events of the claims of busy countries that no window holds (neither an event nor a publication
    date: they may meet any claim of their country), derived incrementally once the windows are written."""
    counts = {"new": 0, "updated": 0, "removed": 0}
    if not countries:
        return counts
    with engine.connect() as conn:
        left = conn.execute(select(claims.c.claim_key, claims.c.data).where(
            claims.c.event_id.is_(None), claims.c.country_code.in_(countries)).order_by(claims.c.claim_key)).all()
    for i in range(0, len(left), 100):
        part = left[i:i + 100]
        with engine.begin() as conn:
            begin_write(conn)
            done = rederive(conn, [spot_of(json.loads(data)) for _, data in part], {k for k, _ in part}, set(),
                            f"{REASON}: undated claims", settings)
        for name, n in done.items():
            counts[name] += n
    return counts


def own_events(window: Partition, clusters: list[Cluster], rows: Sequence[tuple[str, str, str | None]],
               taken: set[str], settings: Settings) -> tuple[list[Cluster], set[str]]:
    """The events a window of a busy span keeps, and their claims; ``taken`` (the claims earlier windows of
    the span gave an event) grows by them.

    A window keeps the clusters that start in it (their first claim is its own, not of its halo), less the
    claims an earlier window took; a claim of its own that no kept cluster holds (an earlier window saw it in
    a cluster of its own, and this one did not) is clustered again with the other such claims.

    >>> import json
    >>> from harmattan.output import event_to_dict
    >>> from harmattan.records import Event
    >>> def row(key, day):
    ...     return key, json.dumps(event_to_dict(Event("Battles", "Armed clash", "ML", event_id=key))), day
    >>> rows = [row("a", "2025-01-01"), row("b", "2025-02-01"), row("c", "2025-03-01")]
    >>> window = Partition((Span("ML", "2025-02-01", "2025-03-01", False),), halo_days=42)
    >>> taken = {"a"}
    >>> kept, keys = own_events(window, [Cluster(("a", "b"), "a"), Cluster(("c",), "c")], rows, taken, Settings())
    >>> [c.keys for c in kept], sorted(keys), sorted(taken)
    ([('b',)], ['b'], ['a', 'b'])
    """
    data = {k: d for k, d, _ in rows}
    own = {k for k, _, day in rows if window.home(day)}
    kept: list[Cluster] = []
    for cluster in clusters:
        if cluster.first not in own:
            continue  # an earlier window's event (or a later one's)
        members = [k for k in cluster.keys if k not in taken]
        if len(members) == len(cluster.keys):
            kept.append(cluster)
        elif members:  # an earlier window took some of its claims: the event of the others
            kept.append(as_cluster([claim_event(k, data[k]) for k in members]))
        taken.update(members)
    left = sorted(own - taken)
    if left:
        kept += cluster_claims([(k, claim_event(k, data[k])) for k in left], settings)
        taken.update(left)
    keys = {k for c in kept for k in c.keys}
    return [c.settled() for c in kept], keys


def _derive_here(conn: Connection, partition: Partition, settings: Settings) -> dict[str, int]:
    """Derive a partition in this process, in the caller's transaction."""
    links, unlinks = load_active_overrides(conn)
    rows = tuple((k, data) for k, data, _ in load_partition(conn, partition))
    clusters = cluster_partition(PartitionClaims(rows, tuple(links), tuple(unlinks)), settings)
    keys = {k for k, _ in rows}
    return save_clusters(conn, clusters, keys, keys, set(), f"{REASON}: {partition.describe()}", links)
