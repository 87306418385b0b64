"""The throwaway PostgreSQL server of tests/pg.py: reachable, loopback-only, isolated, stopped."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.pg import _pid_alive, find_pg_bindir, fresh_database, postgres_server  # noqa: F401


def _need_server_binaries() -> None:
    """Skip locally, fail in CI, when there is no server to start (as the fixture does)."""
    if find_pg_bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set and PostgreSQL server binaries are missing", pytrace=False)
        pytest.skip("PostgreSQL server binaries not found")


def _postmaster_pid(engine) -> int:
    """The postmaster's pid: the parent of this connection's backend."""
    with engine.connect() as conn:
        backend = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    status = Path(f"/proc/{backend}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket in LISTEN state on port, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: TCP_LISTEN
                found.add(address)
    return found


def test_create_insert_read_back(pg_url):
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE probe (id serial PRIMARY KEY, label text NOT NULL)"))
            conn.execute(text("INSERT INTO probe (label) VALUES (:a), (:b)"),
                         {"a": "Ménaka", "b": "Tillabéri"})
        with engine.connect() as conn:
            labels = conn.execute(text("SELECT label FROM probe ORDER BY id")).scalars().all()
            database = conn.execute(text("SELECT current_database()")).scalar_one()
        assert labels == ["Ménaka", "Tillabéri"]
        assert database == "harmattan_test"
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS probe"))
        engine.dispose()


def test_listens_on_loopback_only(pg_url):
    port = make_url(pg_url).port
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW listen_addresses")).scalar_one() == "127.0.0.1"
    finally:
        engine.dispose()
    if os.path.exists("/proc/net/tcp"):
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, little-endian hex
    # 127.0.0.2 is loopback too, but not the bound address: refused.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", port), timeout=2).close()


def test_fresh_databases_are_isolated(pg_url):
    first, second = fresh_database(pg_url), fresh_database(pg_url)
    assert make_url(first).database != make_url(second).database
    assert make_url(first).database.startswith("harmattan_t_")
    engine_a, engine_b = create_engine(first), create_engine(second)
    try:
        with engine_a.begin() as conn:
            conn.execute(text("CREATE TABLE only_in_a (x int)"))
            conn.execute(text("INSERT INTO only_in_a VALUES (1)"))
        with engine_b.connect() as conn:
            tables = conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
        assert tables == []
        with engine_a.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM only_in_a")).scalar_one() == 1
    finally:
        engine_a.dispose()
        engine_b.dispose()


def test_server_gone_after_context_exit(tmp_path):
    _need_server_binaries()
    with postgres_server(tmp_path) as url:
        port = make_url(url).port
        engine = create_engine(url)
        try:
            pid = _postmaster_pid(engine)
            assert _pid_alive(pid)
        finally:
            engine.dispose()
    assert not _pid_alive(pid)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert (tmp_path / "postgres.log").exists() or any(tmp_path.glob("harmattan-pg-*/postgres.log"))


def test_server_stopped_when_body_raises(tmp_path):
    _need_server_binaries()
    with pytest.raises(ZeroDivisionError):
        with postgres_server(tmp_path) as url:
            engine = create_engine(url)
            try:
                pid = _postmaster_pid(engine)
            finally:
                engine.dispose()
            1 / 0
    assert not _pid_alive(pid)
