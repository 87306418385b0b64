"""Reading and writing the monitor's tables: sources, seen items, fetch log, health.

>>> parse_every("5m"), parse_every("90s"), parse_every("1h30m"), parse_every("2.5")
(300.0, 90.0, 5400.0, 2.5)
"""
from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine

from .tables import fetch_log, seen_items, source_health, sources


def parse_every(value: str) -> float:
    """A polling interval like ``30s``, ``5m``, ``1h``, ``1h30m`` (plain numbers are seconds)."""
    text = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text)
        if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([smhd])", "", text).strip():
            raise ValueError(f"expected an interval like 30s, 5m, 1h, not {value!r}")
        seconds = sum(float(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError("the interval must be positive")
    return seconds


def format_every(seconds: float) -> str:
    """``300`` -> ``5m``.

    >>> format_every(300), format_every(1.5), format_every(7200)
    ('5m', '1.5s', '2h')
    """
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Source:
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


def silence_of(last_item_at: float | None, mean_gap_s: float | None, now: float, factor: float,
               minimum: float) -> float | None:
    """Seconds a source has been silent when that is longer than usual, else None (pure).

    >>> silence_of(0.0, 600.0, 4 * 3600.0, factor=3, minimum=3600)
    14400.0
    >>> silence_of(0.0, 3600.0, 2 * 3600.0, factor=3, minimum=600) is None
    True
    """
    if last_item_at is None or mean_gap_s is None:
        return None
    quiet = now - last_item_at
    return quiet if quiet > max(factor * mean_gap_s, minimum) else None


def load_health(engine: Engine, factor: float = 3.0, minimum: float = 6 * 3600.0, now: float | None = None) -> list[dict]:
    """Each source with its health: last success and error, failures in a row, items per day (last 7 days), silence."""
    now = time.time() if now is None else now
    week_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=7)).isoformat(timespec="seconds")
    out = []
    with engine.connect() as conn:
        new_items = dict(conn.execute(select(fetch_log.c.source_id, func.sum(fetch_log.c.items_new))
                                      .where(fetch_log.c.at >= week_ago).group_by(fetch_log.c.source_id)).all())
        rows = conn.execute(select(sources, source_health.c.last_attempt, source_health.c.last_success,
                                   source_health.c.last_error, source_health.c.last_error_at, source_health.c.failures,
                                   source_health.c.items_total, source_health.c.last_item_at, source_health.c.mean_gap_s,
                                   source_health.c.silent_reported)
                            .outerjoin(source_health, source_health.c.source_id == sources.c.id).order_by(sources.c.id))
        for r in rows:
            created = dt.datetime.fromisoformat(r.created_at)
            days = min(7.0, max(1.0, (dt.datetime.now(dt.timezone.utc) - created).total_seconds() / 86400))
            silent = silence_of(r.last_item_at, r.mean_gap_s, now, factor, minimum)
            if r.failures:
                status = f"failing ({r.failures} in a row)"
            elif silent is not None:
                status = f"silent {format_every(round(silent / 60) * 60 or 60)} (usual gap {format_every(round(r.mean_gap_s / 60) * 60 or 60)})"
            elif r.last_success:
                status = "ok"
            else:
                status = "never fetched"
            out.append({
                "id": r.id, "name": r.name, "url": r.url, "every": format_every(r.every_s), "language": r.language,
                "kind": r.kind, "enabled": bool(r.enabled), "last_success": r.last_success, "last_error": r.last_error,
                "last_error_at": r.last_error_at, "failures": r.failures or 0, "items_total": r.items_total or 0,
                "items_per_day": round((new_items.get(r.id) or 0) / days, 1), "silent_s": silent,
                "silent_reported": bool(r.silent_reported), "status": status,
            })
    return out
