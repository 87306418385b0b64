"""Opening a store: SQLite by default (a file, WAL mode), PostgreSQL by URL.

>>> engine = connect("sqlite://")  # in memory
>>> engine.dialect.name
'sqlite'
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from .schema import migrate


def default_url() -> str:
    """``$HARMATTAN_DB``, else a SQLite file in the user's data folder (created on first use)."""
    if os.environ.get("HARMATTAN_DB"):
        return os.environ["HARMATTAN_DB"]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "harmattan"
    return f"sqlite:///{base / 'harmattan.sqlite'}"


def normalize_url(url: str) -> str:
    """Accept plain paths and ``postgresql://`` URLs as users write them.

    >>> normalize_url("events.sqlite")
    'sqlite:///events.sqlite'
    >>> normalize_url("postgresql://u@localhost/db")
    'postgresql+psycopg://u@localhost/db'
    """
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def connect(url: str | None = None, migrate_schema: bool = True) -> Engine:
    """An engine on the store at ``url`` (default :func:`default_url`), its schema brought up to date."""
    url = normalize_url(url or default_url())
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///"):]).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate_schema:
        migrate(engine)
    return engine
