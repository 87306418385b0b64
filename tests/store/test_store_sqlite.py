"""Store behaviour on SQLite (the same checks run on PostgreSQL in test_store_pg.py)."""
from __future__ import annotations

from .behaviour import *  # noqa: F401,F403  (the shared behaviour tests, parametrised by the store_url fixture)

import pytest


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def test_migrations_upgrade_in_place(store_url):
    from sqlalchemy import create_engine, text

    from harmattan.store import schema
    from harmattan.store.db import connect

    engine = create_engine(store_url)
    saved = list(schema.MIGRATIONS)
    schema.MIGRATIONS[:] = saved[:1]
    try:
        schema.migrate(engine)
    finally:
        schema.MIGRATIONS[:] = saved
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (doc_key, content_hash, text, ingested_at, revision) "
                          "VALUES ('k', 'h', 'Gunmen attacked Kwall.', 'now', 1)"))
    upgraded = connect(store_url)
    with upgraded.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_migrations ORDER BY version")).scalars().all() == [m[0] for m in saved]
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 1
        # The WAL journal is on for the file store.
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
