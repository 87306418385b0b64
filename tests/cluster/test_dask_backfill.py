"""Backfill on a real Dask cluster: a ``dask scheduler`` and two ``dask worker`` processes on loopback.

The cluster's events are those of ``ingest`` in this process (dev and real-dev
cases); a worker killed mid-run costs time, not documents; a backfill killed
(``kill -9``) while it writes its batches, or while it derives the events, and
started again ends with the store of an uninterrupted one.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from harmattan.loaders import load_documents
from harmattan.settings import Settings
from harmattan.store import backfill_documents, connect, ingest_documents
from harmattan.store.schema import claims, events

distributed = pytest.importorskip("distributed", reason="Dask is the 'cluster' extra (part of the test extra)")
DASK = str(Path(sys.executable).with_name("dask"))
READ_ON = "2026-12-01"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_worker(address: str, name: str) -> subprocess.Popen:
    return subprocess.Popen([DASK, "worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                             "--no-dashboard", "--name", name, "--death-timeout", "60"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"})  # see DaskCluster


def _wait_for_workers(address: str, n: int, timeout: float = 120) -> None:
    with distributed.Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=timeout)


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two workers, each its own process, listening on 127.0.0.1 only."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    workers = {name: _start_worker(address, name) for name in ("w1", "w2")}
    try:
        _wait_for_workers(address, 2)
        yield {"address": address, "workers": workers}
    finally:
        for proc in [*workers.values(), scheduler]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*workers.values(), scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _case_docs(shared):
    return [d for folder in ("dev", "real-dev") for p in sorted((shared / "eval" / folder).glob("*.docs.jsonl"))
            for d in load_documents([str(p)])]


def _events(url: str) -> dict[frozenset, dict]:
    engine = connect(url)
    with engine.connect() as conn:
        members: dict[str, set[str]] = {}
        for key, event_id in conn.execute(select(claims.c.claim_key, claims.c.event_id)):
            members.setdefault(event_id, set()).add(key)
        out = {frozenset(members[i]): json.loads(d) for i, d in conn.execute(select(events.c.event_id, events.c.data))}
    engine.dispose()
    return out


@pytest.fixture(scope="module")
def reference(shared, tmp_path_factory):
    """The events of ``ingest`` in this process, one document at a time."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.sqlite'}"
    summary = ingest_documents(connect(url), _case_docs(shared), Settings(read_on=READ_ON))
    assert summary.documents_failed == 0
    return _events(url)


@pytest.mark.slow
def test_backfill_on_the_cluster_gives_the_events_of_ingest(cluster, shared, tmp_path, reference):
    folder = _archive(shared, tmp_path)
    db = tmp_path / "cluster.sqlite"
    proc = subprocess.run([str(Path(sys.executable).with_name("harmattan")), "backfill", str(folder), "--db", str(db),
                           "--cluster", cluster["address"], "--no-progress"],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "HARMATTAN_READ_ON": READ_ON})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "2 workers" in proc.stderr and "documents/s" in proc.stderr
    assert _events(f"sqlite:///{db}") == reference


@pytest.mark.slow
def test_the_time_budget_holds_on_the_cluster(cluster, shared, tmp_path):
    """Dask runs tasks in threads, where no alarm can interrupt: extraction runs in each worker's child process,
    so a document over its budget is reported and skipped there as it is in this process."""
    import dataclasses

    from harmattan.runners import DaskCluster

    docs = _case_docs(shared)[:6]
    tiny = dataclasses.replace(Settings(read_on=READ_ON), document_time_budget_s=1e-6)
    with DaskCluster(cluster["address"], tiny) as runner:
        assert runner.unbudgeted == []
        summary = backfill_documents(connect(f"sqlite:///{tmp_path / 'tiny.sqlite'}"), docs, tiny, runner=runner)
        assert summary.documents_failed == len(docs) and summary.documents_new == 0
        assert all("time budget" in str(e) for e in summary.errors), summary.errors
        normal = backfill_documents(connect(f"sqlite:///{tmp_path / 'normal.sqlite'}"), docs, Settings(read_on=READ_ON),
                                    runner=runner)
        assert normal.documents_failed == 0 and normal.documents_new == len(docs)


@pytest.mark.slow
def test_a_worker_killed_mid_run_and_the_job_still_completes(cluster, shared, tmp_path, reference):
    from harmattan.runners import DaskCluster

    url = f"sqlite:///{tmp_path / 'killed.sqlite'}"
    settings = Settings(read_on=READ_ON)
    done = []

    def progress():
        done.append(1)
        if len(done) == 10:  # a third of the way: one worker dies with the tasks it holds
            os.killpg(cluster["workers"]["w1"].pid, signal.SIGKILL)

    with DaskCluster(cluster["address"], settings) as runner:
        assert runner.workers == 2
        summary = backfill_documents(connect(url), _case_docs(shared), settings, progress=progress, runner=runner)
    assert cluster["workers"]["w1"].wait(timeout=30) is not None
    assert summary.documents_failed == 0, summary.errors
    assert _events(url) == reference
    cluster["workers"]["w1"] = _start_worker(cluster["address"], "w1-again")
    _wait_for_workers(cluster["address"], 2)


def _archive(shared, tmp_path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for folder_name in ("dev", "real-dev"):
        for p in (shared / "eval" / folder_name).glob("*.docs.jsonl"):
            (folder / f"{folder_name}-{p.name}").write_bytes(p.read_bytes())
    return folder


def _count(db: Path, table: str) -> int:
    """Rows of a table of a store being written (0 while it cannot be read), read-only and quick."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("when", ["writing the documents", "deriving the events"])
def test_a_backfill_killed_and_started_again_gives_the_same_store(shared, tmp_path, reference, when):
    from tests.store.dump import dump_store

    folder = _archive(shared, tmp_path)
    total = len(_case_docs(shared))
    batch = "4" if when == "writing the documents" else "1000"  # many small batches, or one
    env = {**os.environ, "HARMATTAN_READ_ON": READ_ON, "HARMATTAN_BACKFILL_BATCH": batch,
           "HARMATTAN_BACKFILL_PARTITION_CLAIMS": "1"}  # a partition per country and period: dozens

    def command(db: Path) -> list[str]:
        return [str(Path(sys.executable).with_name("harmattan")), "backfill", str(folder), "--db", str(db),
                "--workers", "2", "--no-progress"]

    whole = tmp_path / "whole.sqlite"
    assert subprocess.run(command(whole), env=env, capture_output=True, timeout=600).returncode == 0
    db = tmp_path / "resumed.sqlite"
    first = subprocess.Popen(command(db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        # Writing: some batches are in. Deriving: the documents are in (one batch) and some events.
        if _count(db, "claims" if when == "writing the documents" else "events") >= 10:
            break
        time.sleep(0.005)
    os.killpg(first.pid, signal.SIGKILL)  # the client and its pool, mid-run
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    if when == "writing the documents":
        assert _count(db, "claims") < _count(whole, "claims")
    else:
        assert _count(db, "documents") == total and _count(db, "events") < _count(whole, "events")
    again = subprocess.run(command(db), env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"{total} documents" in again.stderr
    assert _events(f"sqlite:///{db}") == reference
    assert dump_store(connect(f"sqlite:///{db}")) == dump_store(connect(f"sqlite:///{whole}"))
