"""Opening a store: SQLite by default (a file, WAL mode), PostgreSQL by URL.

Opening is where a store that cannot be used is refused, with what to do:
a folder or a non-SQLite file where the store should be, a folder that
cannot be created, a damaged file (``PRAGMA quick_check`` on open; ``harmattan
store check`` runs the full ``integrity_check``), a schema newer than this code
knows. Each is a :class:`~harmattan.errors.StoreError` (exit status 3).

>>> engine = connect("sqlite://")  # in memory
>>> engine.dialect.name
'sqlite'
>>> try:
...     connect("/")
... except StoreUnavailable as err:
...     print(err)
cannot use / as a store: it is a folder; give a file name (--db events.sqlite)
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TypeAlias

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, DBAPIError

from ..errors import StoreCorrupt, StoreError, StoreUnavailable
from .schema import check_not_newer, migrate

Store: TypeAlias = Engine
"""An open store, as :func:`connect` returns it: code outside this package passes it to the store's functions
and touches nothing of it (the engine is the store's business; no other package imports SQLAlchemy)."""

SQLITE_HEADER = b"SQLite format 3\x00"
RECOVER_HINT = "run `harmattan store check` for details and `harmattan store recover` to rebuild it into a new file"
# Words of SQLite's messages that mean the file itself is damaged.
_CORRUPT_WORDS = ("malformed", "not a database", "corrupt", "file is encrypted")


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
    # The wait first: switching a new file to WAL takes a lock another first open may hold.
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite store URL, None for an in-memory or non-SQLite store.

    >>> sqlite_path("sqlite:///data/events.sqlite"), sqlite_path("sqlite://"), sqlite_path("postgresql+psycopg://h/db")
    (PosixPath('data/events.sqlite'), None, None)
    """
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        return None
    return Path(url[len("sqlite:///"):].split("?", 1)[0]).expanduser()


def _prepare_file(path: Path) -> None:
    """Refuse a folder or a foreign file where the store should be; create the store's folder."""
    if path.is_dir():
        raise StoreUnavailable(f"cannot use {path} as a store: it is a folder; give a file name (--db events.sqlite)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreUnavailable(
            f"cannot create the folder {path.parent} for the store: {err.strerror or err}; "
            "choose a writable place with --db or HARMATTAN_DB") from None
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as err:
        raise StoreUnavailable(f"cannot read the store {path}: {err.strerror or err}") from None
    if head and head != SQLITE_HEADER:
        raise StoreCorrupt(f"{path} is not a SQLite store (or its first page is damaged); {RECOVER_HINT}, "
                           "or give another file with --db")


def store_error(exc: DatabaseError, where: str) -> StoreError:
    """The StoreError a database failure means for the user (damaged file, or a store that cannot be reached)."""
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if any(word in message.lower() for word in _CORRUPT_WORDS):
        return StoreCorrupt(f"the store {where} is damaged ({message}); {RECOVER_HINT}")
    hint = ""
    if "readonly" in message or "unable to open" in message:
        hint = "; the store's file and folder must be writable (or choose another with --db)"
    elif "full" in message:
        hint = "; free some disk space and run the command again (stored documents are kept)"
    return StoreUnavailable(f"cannot use the store {where}: {message}{hint}")


def failure_of(exc: BaseException) -> StoreError | None:
    """The StoreError a database exception raised under a command means, or None for any other exception.

    >>> failure_of(KeyError("x")) is None
    True
    """
    if not isinstance(exc, DBAPIError):
        return None
    return store_error(exc, "in use")


def quick_check(engine: Engine) -> list[str]:
    """SQLite's ``PRAGMA quick_check``: the problems found (empty when the file is sound)."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA quick_check(20)"))]
    return [] if rows == ["ok"] else rows


def connect(url: str | None = None, migrate_schema: bool = True, check: bool = True) -> Engine:
    """An engine on the store at ``url`` (default :func:`default_url`), its schema brought up to date.

    Args:
        url: a SQLite path or URL, or a PostgreSQL URL.
        migrate_schema: create or upgrade the schema (under a lock); without it the schema is only checked
            not to be newer than this code.
        check: run ``PRAGMA quick_check`` on a SQLite file first and refuse a damaged one.

    Raises:
        StoreUnavailable, StoreCorrupt, StoreTooNew: the store cannot be used (nothing was written).
    """
    url = normalize_url(url or default_url())
    path = sqlite_path(url)
    where = str(path) if path is not None else "the store"
    if path is not None:
        _prepare_file(path)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if check and path is not None and path.exists():
            problems = quick_check(engine)
            if problems:
                raise StoreCorrupt(f"the store {where} is damaged ({problems[0]}); it was not opened; {RECOVER_HINT}")
        if migrate_schema:
            migrate(engine)
        else:
            with engine.connect() as conn:
                check_not_newer(conn, where)
    except DBAPIError as exc:
        engine.dispose()
        raise store_error(exc, where) from None
    except StoreError:
        engine.dispose()
        raise
    return engine
