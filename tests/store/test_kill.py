"""A real ingest process killed with SIGKILL at several points, then resumed, ends with the same store.

Each document is one transaction, so nothing is half-written; resuming skips what is stored.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from harmattan.store import connect

from .corpus import build_corpus
from .dump import dump_store


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ingest(cli: str, folder: Path, db: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([cli, "ingest", str(folder), "--db", str(db), "--no-progress"], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_store(cli, shared, tmp_path):
    corpus = build_corpus(shared, tmp_path / "corpus")
    env = {**os.environ, "HARMATTAN_CACHE_DIR": str(tmp_path / "cache")}
    reference_db = tmp_path / "reference.sqlite"
    _ingest(cli, corpus, reference_db, env)
    reference = dump_store(connect(f"sqlite:///{reference_db}"))
    total = len(reference["documents"])
    assert total >= 15 and reference["events"]

    killed_at = []
    for stop_after in (1, total // 3, (2 * total) // 3):
        db = tmp_path / f"killed-{stop_after}.sqlite"
        proc = subprocess.Popen([cli, "ingest", str(corpus), "--db", str(db), "--no-progress"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 120
        while proc.poll() is None and _count(db) < stop_after and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(_count(db))
        resumed = _ingest(cli, corpus, db, env)
        assert "failed" in resumed.stderr
        assert dump_store(connect(f"sqlite:///{db}")) == reference
    # The kills really interrupted runs part-way (not all before the first or after the last document).
    assert any(0 < n < total for n in killed_at), killed_at
