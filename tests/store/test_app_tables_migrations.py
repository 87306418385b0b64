"""The web app's and the monitor's tables are under the store's versioned migrations.

A new store has them from its first open; a store made before (where the
monitor and the web app created their tables on demand, with rows in them) is
upgraded in place and keeps its rows.
"""
from __future__ import annotations

import sqlite3
import subprocess

from sqlalchemy import create_engine, inspect, text

from harmattan.store import connect, schema
from harmattan.store.app_tables import metadata as app_metadata

APP_TABLES = {"sources", "seen_items", "fetch_log", "source_health", "alert_rules", "alert_log", "web_users",
              "web_sessions"}


def test_a_new_store_has_every_table_from_its_first_open(tmp_path):
    engine = connect(str(tmp_path / "new.sqlite"))
    assert APP_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert schema.current_version(conn) == schema.latest_version()
        names = dict(conn.execute(text("SELECT version, name FROM schema_migrations")).all())
    assert "web app and monitor tables" in names[7]


def test_an_older_store_with_app_rows_is_upgraded_and_keeps_them(tmp_path, cli):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    saved = list(schema.MIGRATIONS)
    schema.MIGRATIONS[:] = [m for m in saved if m[0] <= 5]  # the store as version 5 left it
    try:
        schema.migrate(engine)
    finally:
        schema.MIGRATIONS[:] = saved
    app_metadata.create_all(engine, tables=[app_metadata.tables["sources"]])  # as `sources add` used to
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sources (name, url, every_s, kind, enabled, created_at, next_due) "
                          "VALUES ('desk', 'https://www.example.org/rss', 300, 'auto', 1, '2025-01-01T00:00:00+00:00', 0)"))
    engine.dispose()
    listed = subprocess.run([cli, "sources", "list", "--db", str(path)], capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "desk" in listed.stdout
    with sqlite3.connect(path) as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version")]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert versions == [m[0] for m in saved]
    assert APP_TABLES <= tables
