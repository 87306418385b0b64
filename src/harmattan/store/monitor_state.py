"""The monitor's state in the store: its sources, the items seen of each, the fetch log and each source's health.

The tables (``sources``, ``seen_items``, ``fetch_log``, ``source_health``) are
:mod:`.app_tables`; the monitor (:mod:`harmattan.monitor.state`, ``.watch``)
reads and writes them only through these functions.

>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> source = save_source(engine, "https://example.org/feed.xml", "example", every_s=300)
>>> source.name, source.kind, find_source(engine, str(source.id)) == source
('example', 'auto', True)
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine

from .app_tables import fetch_log, seen_items, source_health, sources


def now_iso() -> str:
    """The time now (UTC) to the second, as the monitor's tables keep it."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Source:
    """A source the monitor polls: a feed, sitemap or page, with its schedule and the validators of its last poll."""

    id: int
    name: str
    url: str
    every_s: float
    language: str | None
    kind: str
    enabled: bool
    etag: str | None
    last_modified: str | None
    next_due: float


def _source(row) -> Source:
    return Source(row.id, row.name, row.url, row.every_s, row.language, row.kind, bool(row.enabled),
                  row.etag, row.last_modified, row.next_due or 0.0)


def save_source(engine: Engine, url: str, name: str | None, every_s: float, language: str | None = None,
                kind: str = "auto") -> Source:
    """Add a source (due at once); raise ValueError when its name or URL is taken."""
    name = name or url
    with engine.begin() as conn:
        clash = conn.execute(select(sources.c.name).where((sources.c.name == name) | (sources.c.url == url))).first()
        if clash:
            raise ValueError(f"a source with this name or URL exists: {clash.name}")
        new_id = conn.execute(sources.insert().values(
            name=name, url=url, every_s=every_s, language=language, kind=kind, enabled=True,
            created_at=now_iso(), next_due=0.0)).inserted_primary_key[0]
        conn.execute(source_health.insert().values(source_id=new_id, failures=0, items_total=0, silent_reported=False))
        return _source(conn.execute(select(sources).where(sources.c.id == new_id)).one())


def load_sources(engine: Engine, enabled_only: bool = False) -> list[Source]:
    stmt = select(sources).order_by(sources.c.id)
    if enabled_only:
        stmt = stmt.where(sources.c.enabled.is_(True))
    with engine.connect() as conn:
        return [_source(r) for r in conn.execute(stmt)]


def find_source(engine: Engine, name_or_url: str) -> Source | None:
    """A source by name, URL or id."""
    cond = (sources.c.name == name_or_url) | (sources.c.url == name_or_url)
    if name_or_url.isdigit():
        cond = cond | (sources.c.id == int(name_or_url))
    with engine.connect() as conn:
        row = conn.execute(select(sources).where(cond)).first()
    return _source(row) if row else None


def remove_source(engine: Engine, name_or_url: str) -> bool:
    """Delete a source with its seen items, fetch log and health (stored documents and events stay)."""
    found = find_source(engine, name_or_url)
    if found is None:
        return False
    with engine.begin() as conn:
        for table in (seen_items, fetch_log, source_health):
            conn.execute(delete(table).where(table.c.source_id == found.id))
        conn.execute(delete(sources).where(sources.c.id == found.id))
    return True


def load_seen(engine: Engine, source_id: int) -> dict[str, dict]:
    """item key -> its row (digest, validators of its page) for one source."""
    with engine.connect() as conn:
        return {r.item_key: dict(r._mapping) for r in conn.execute(select(seen_items).where(seen_items.c.source_id == source_id))}


def save_seen(engine: Engine, source_id: int, key: str, url: str | None, digest: str | None, status: str,
              etag: str | None = None, last_modified: str | None = None) -> None:
    """Record that an item was handled (insert or update)."""
    stamp = now_iso()
    values = {"url": url, "digest": digest, "status": status, "etag": etag, "last_modified": last_modified,
              "last_seen": stamp}
    with engine.begin() as conn:
        done = conn.execute(update(seen_items).where(seen_items.c.source_id == source_id, seen_items.c.item_key == key)
                            .values(**values)).rowcount
        if not done:
            conn.execute(seen_items.insert().values(source_id=source_id, item_key=key, first_seen=stamp, **values))


@dataclass(frozen=True)
class PollRecord:
    """What one poll of a source did, for the fetch log and the health row."""

    url: str
    outcome: str  # ok | not_modified | error
    http_status: int | None = None
    error: str | None = None
    bytes: int | None = None
    seconds: float | None = None
    items_new: int = 0
    items_updated: int = 0
    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None  # what the source turned out to serve


def save_poll(engine: Engine, source: Source, record: PollRecord, clock: float | None = None) -> None:
    """Log a poll, update the source's health, validators and next due time, in one transaction.

    A failing source is polled less often (the interval doubles with each
    failure in a row, up to 8 times), so a dead feed costs little.
    """
    now = time.time() if clock is None else clock
    stamp = now_iso()
    with engine.begin() as conn:
        conn.execute(fetch_log.insert().values(
            source_id=source.id, at=stamp, url=record.url, http_status=record.http_status, outcome=record.outcome,
            error=record.error, bytes=record.bytes, seconds=record.seconds, items_new=record.items_new,
            items_updated=record.items_updated))
        failures = _save_health(conn, source.id, record, now, stamp)
        changes: dict = {"next_due": now + source.every_s * min(2 ** failures, 8)}
        if record.outcome == "ok":
            changes.update(etag=record.etag, last_modified=record.last_modified)
            if record.kind and source.kind == "auto":
                changes["kind"] = record.kind
        conn.execute(update(sources).where(sources.c.id == source.id).values(**changes))


def _save_health(conn: Connection, source_id: int, record: PollRecord, now: float, stamp: str) -> int:
    """Update the health row; returns the failures in a row."""
    row = conn.execute(select(source_health).where(source_health.c.source_id == source_id)).first()
    if row is None:
        conn.execute(source_health.insert().values(source_id=source_id, failures=0, items_total=0, silent_reported=False))
        row = conn.execute(select(source_health).where(source_health.c.source_id == source_id)).one()
    values: dict = {"last_attempt": stamp}
    if record.outcome == "error":
        values.update(last_error=record.error, last_error_at=stamp, failures=row.failures + 1)
    else:
        values.update(last_success=stamp, failures=0)
        if record.items_new + record.items_updated:
            values["items_total"] = row.items_total + record.items_new
            if row.last_item_at:
                gap = now - row.last_item_at
                # a moving average of the gap between polls that found something: the source's usual rhythm
                values["mean_gap_s"] = gap if row.mean_gap_s is None else 0.7 * row.mean_gap_s + 0.3 * gap
            values["last_item_at"] = now
            values["silent_reported"] = False
    conn.execute(update(source_health).where(source_health.c.source_id == source_id).values(**values))
    return values.get("failures", 0)


def prune_fetch_log(engine: Engine, keep_days: int = 30) -> int:
    """Drop fetch log rows older than ``keep_days`` (items per day reads the last 7); returns how many."""
    cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=keep_days)).isoformat(timespec="seconds")
    with engine.begin() as conn:
        return conn.execute(delete(fetch_log).where(fetch_log.c.at < cutoff)).rowcount


def mark_silence_reported(engine: Engine, source_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(source_health).where(source_health.c.source_id == source_id).values(silent_reported=True))


@dataclass(frozen=True)
class SourceHealth:
    """A source with its health row (None where it has none) and the new items it gave since a time."""

    source: Source
    created_at: str
    last_attempt: str | None
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    failures: int | None
    items_total: int | None
    last_item_at: float | None
    mean_gap_s: float | None
    silent_reported: bool | None
    items_new: int  # in the fetch log since the time asked for


def load_sources_health(engine: Engine, since: str) -> list[SourceHealth]:
    """Each source (by id) with its health and the new items the fetch log counts since ``since`` (ISO time)."""
    with engine.connect() as conn:
        new_items = dict(conn.execute(select(fetch_log.c.source_id, func.sum(fetch_log.c.items_new))
                                      .where(fetch_log.c.at >= since).group_by(fetch_log.c.source_id)).all())
        rows = conn.execute(select(sources, source_health.c.last_attempt, source_health.c.last_success,
                                   source_health.c.last_error, source_health.c.last_error_at, source_health.c.failures,
                                   source_health.c.items_total, source_health.c.last_item_at, source_health.c.mean_gap_s,
                                   source_health.c.silent_reported)
                            .outerjoin(source_health, source_health.c.source_id == sources.c.id).order_by(sources.c.id))
        return [SourceHealth(_source(r), r.created_at, r.last_attempt, r.last_success, r.last_error, r.last_error_at,
                             r.failures, r.items_total, r.last_item_at, r.mean_gap_s, r.silent_reported,
                             new_items.get(r.id) or 0) for r in rows]
