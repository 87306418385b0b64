"""Insert many rows at once: ``COPY`` on PostgreSQL, one ``executemany`` on SQLite.

What the bulk writers (:mod:`.bulk`, :func:`.save.save_claims`) share: rows are
plain dicts of column values, written in the caller's transaction. On
PostgreSQL the rows stream through psycopg's ``cursor.copy`` (one round trip,
no statement per row); SQLite runs one prepared ``INSERT`` over them all.

>>> from harmattan.store import connect
>>> from harmattan.store.schema import document_versions
>>> engine = connect("sqlite://")
>>> with engine.begin() as conn:
...     insert_rows(conn, document_versions, [{"doc_key": "a", "content_hash": "h", "seen_at": "t"}])
...     conn.execute(document_versions.select()).all()
[('a', 'h', 't')]
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table
from sqlalchemy.engine import Connection


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict]) -> None:
    """Insert ``rows`` (dicts of the same columns) into ``table`` in the caller's transaction."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), list(rows))
        return
    columns = list(rows[0])
    names = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    cursor = conn.connection.driver_connection.cursor()  # psycopg's, in the transaction SQLAlchemy began
    try:
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    finally:
        cursor.close()
