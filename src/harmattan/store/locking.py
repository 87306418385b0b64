"""One process at a time creates or migrates a store; the others wait, then see the finished schema.

SQLite: an exclusive ``flock`` on ``<store>.lock`` beside the store file
(SQLite's own locks do not cover table creation: the driver runs DDL outside
a transaction, so two first opens both saw an empty file and both created
the tables). PostgreSQL: a session advisory lock. An in-memory store needs
none.

>>> from sqlalchemy import create_engine
>>> with migration_lock(create_engine("sqlite://")):
...     pass
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator

from sqlalchemy import text
from sqlalchemy.engine import Engine

from ..errors import StoreUnavailable

__all__ = ["lock_path", "migration_lock"]

# Any fixed number: the advisory lock all Harmattan processes agree on (b"HARM").
_PG_LOCK_KEY = 0x4841524D


def lock_path(engine: Engine) -> str | None:
    """The lock file of a SQLite store file, None for other stores."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return os.path.abspath(os.path.expanduser(database)) + ".lock"


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's schema lock for the duration of the block (waits for another holder)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_LOCK_KEY})
                conn.commit()
        return
    path = lock_path(engine)
    if path is None:
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise StoreUnavailable(
            f"cannot create the store's lock file {path}: {err.strerror or err}; "
            "the store's folder must be writable to create or upgrade a store") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
