"""Store behaviour on a real PostgreSQL server (started by tests/pg.py on loopback)."""
from __future__ import annotations

import pytest

from tests.pg import fresh_database

from .behaviour import *  # noqa: F401,F403  (the shared behaviour tests, parametrised by the store_url fixture)


@pytest.fixture
def store_url(pg_url) -> str:
    return fresh_database(pg_url)


def test_migrations_upgrade_in_place(store_url):
    from sqlalchemy import create_engine, text

    from harmattan.store.db import connect
    from harmattan.store.schema import MIGRATIONS, migrate

    engine = create_engine(store_url)
    # An older database: only the first migration applied, with a document stored.
    first_only = MIGRATIONS[:1]
    from harmattan.store import schema
    saved = list(schema.MIGRATIONS)
    schema.MIGRATIONS[:] = first_only
    try:
        migrate(engine)
    finally:
        schema.MIGRATIONS[:] = saved
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (doc_key, content_hash, text, ingested_at, revision) "
                          "VALUES ('k', 'h', 'Gunmen attacked Kwall.', 'now', 1)"))
    upgraded = connect(store_url)
    with upgraded.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_migrations ORDER BY version")).scalars().all()
        assert versions == [m[0] for m in MIGRATIONS]
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 1
        # The full-text column added by a later migration covers the old row.
        assert conn.execute(text("SELECT count(*) FROM documents WHERE tsv @@ plainto_tsquery('simple', 'kwall')")).scalar_one() == 1
