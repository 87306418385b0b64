"""Rebuild a damaged store from the documents it holds, into a new file (``harmattan store recover``).

Documents are the store's source of truth: claims and events are derived from
them. Recovery reads every document row that can still be read (one by one,
so a damaged page costs the rows on it, not the rest), copies the analysts'
decisions (merges, splits, corrections) and the web app's and monitor's
tables as far as they can be read, then stores each document again in a new
store with its old key, which derives the claims and events afresh (and
re-applies the analysts' decisions, anchored to claim keys). The damaged
file is only read.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> from harmattan.store import connect
>>> _ = connect(str(folder / "old.sqlite"))
>>> recover_store(str(folder / "old.sqlite"), str(folder / "new.sqlite")).documents_recovered
0
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentTimeout, StoreCorrupt, StoreUnavailable, UsageError
from ..records import Document, LoadError
from ..settings import Settings
from .db import connect, normalize_url, sqlite_path

__all__ = ["RecoveryReport", "recover_store"]

# Tables copied as they are (small, written by people, not derived); in this order (foreign keys).
_COPIED = ("overrides", "corrections", "web_users", "web_sessions", "sources", "seen_items", "source_health",
           "alert_rules", "alert_log")
_DOC_COLUMNS = ("doc_key", "url", "title", "source", "published", "language", "origin", "text")
# Ids probed past the last readable one when the table cannot be scanned.
_PROBE_GAP = 10_000


@dataclass
class RecoveryReport:
    """What ``store recover`` did: documents re-stored, rows lost, tables copied."""

    source: str
    target: str
    documents_recovered: int = 0
    documents_unreadable: int = 0
    tables_copied: dict[str, int] = field(default_factory=dict)
    errors: list[LoadError] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"recovered {self.documents_recovered} documents from {self.source} into {self.target}",
               f"documents that could not be read or stored: {self.documents_unreadable}"]
        out += [f"copied {n} rows of {t}" for t, n in self.tables_copied.items()]
        return out


def recover_store(source: str, target: str, settings: Settings | None = None,
                  progress: Callable[[], None] | None = None) -> RecoveryReport:
    """Rebuild the SQLite store ``source`` into the new store ``target`` (which must not exist)."""
    from .ingest import ingest_document  # ingest imports the pipeline: only when recovering

    settings = settings or Settings()
    src_path = sqlite_path(normalize_url(source))
    if src_path is None:
        raise UsageError("store recover reads a SQLite store file (PostgreSQL keeps its own pages sound)")
    if not src_path.is_file():
        raise StoreUnavailable(f"no store file at {src_path}")
    dst_path = sqlite_path(normalize_url(target))
    if dst_path is None:
        raise UsageError("store recover writes a new SQLite file (-o new.sqlite)")
    if dst_path.exists():
        raise UsageError(f"{dst_path} exists; recover writes a new file and never overwrites one")
    report = RecoveryReport(source=str(src_path), target=str(dst_path))
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        copied = {table: _read_rows(src, table) for table in _COPIED}
        documents = list(_read_documents(src, report))
    finally:
        src.close()
    engine = connect(str(dst_path))
    try:
        _copy_rows(dst_path, copied, report)
        for key, doc in documents:
            try:
                ingest_document(engine, doc, settings, key=key)
                report.documents_recovered += 1
            except DocumentTimeout as exc:
                report.errors.append(LoadError(key, f"skipped: extraction {exc}"))
                report.documents_unreadable += 1
            except Exception as exc:  # noqa: BLE001 - one document must not stop a recovery
                report.errors.append(LoadError(key, f"not stored: {type(exc).__name__}: {exc}"))
                report.documents_unreadable += 1
            if progress:
                progress()
    finally:
        engine.dispose()
    return report


def _copy_rows(dst_path: Path, copied: dict[str, list[dict]], report: RecoveryReport) -> None:
    """Insert the rows read from the old store, as they were (raw values: no type conversion on the way)."""
    dst = sqlite3.connect(dst_path)
    try:
        with dst:
            for table, rows in copied.items():
                if not rows:
                    continue
                names = {r[1] for r in dst.execute(f"PRAGMA table_info({table})")}
                columns = [c for c in rows[0] if c in names]
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
                dst.executemany(sql, [tuple(r[c] for c in columns) for r in rows])
                report.tables_copied[table] = len(rows)
    finally:
        dst.close()


def _read_rows(src: sqlite3.Connection, table: str) -> list[dict]:
    """Every row of a small table that can be read; none when the table is missing or unreadable."""
    try:
        cur = src.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names are ours
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    except sqlite3.DatabaseError:
        return []


def _document_ids(src: sqlite3.Connection) -> list[int]:
    """The ids of the documents: a scan when the table can be read, else a probe of each id.

    Raises :class:`StoreCorrupt` when not one document can be found that way (the file's schema, or
    the table's root, is damaged): there is nothing this recovery can read.
    """
    try:
        return [r[0] for r in src.execute("SELECT id FROM documents ORDER BY id")]
    except sqlite3.DatabaseError as err:
        scan_error = err
    ids, gap, current = [], 0, 1
    while gap < _PROBE_GAP:
        try:
            found = src.execute("SELECT id FROM documents WHERE id = ?", (current,)).fetchone()
        except sqlite3.DatabaseError:
            found = None
        if found:
            ids.append(current)
            gap = 0
        else:
            gap += 1
        current += 1
    if not ids:
        raise StoreCorrupt(f"the documents of the store cannot be read at all ({scan_error}): its schema or the "
                           "documents table is damaged beyond what recover reads row by row; nothing was written")
    return ids


def _read_documents(src: sqlite3.Connection, report: RecoveryReport):
    """(key, Document) of every readable document row, in the order they were first stored."""
    query = f"SELECT {', '.join(_DOC_COLUMNS)} FROM documents WHERE id = ?"
    for doc_id in _document_ids(src):
        try:
            row = src.execute(query, (doc_id,)).fetchone()
        except sqlite3.DatabaseError as err:
            report.errors.append(LoadError(f"document #{doc_id}", f"unreadable ({err})"))
            report.documents_unreadable += 1
            continue
        if row is None:
            continue
        values = dict(zip(_DOC_COLUMNS, row))
        try:
            published = dt.date.fromisoformat(values["published"]) if values["published"] else None
        except (TypeError, ValueError):
            published = None
        if not isinstance(values["text"], str) or not isinstance(values["doc_key"], str):
            report.errors.append(LoadError(f"document #{doc_id}", "damaged row (no text or key)"))
            report.documents_unreadable += 1
            continue
        yield values["doc_key"], Document(
            doc_id=f"recovered-{doc_id}", origin=values["origin"] or values["doc_key"], text=values["text"],
            url=values["url"], title=values["title"], published=published, source=values["source"],
            language=values["language"],
        )


def target_next_to(source: str) -> str:
    """A new file name beside ``source`` for the rebuilt store: ``events.recovered.sqlite``.

    >>> target_next_to("/data/events.sqlite")
    '/data/events.recovered.sqlite'
    """
    path = Path(source)
    return str(path.with_name(f"{path.stem}.recovered{path.suffix or '.sqlite'}"))
