"""The store under faults and races, as a user meets them: the real CLI, real files, real processes together.

Rows of issue 9: concurrent first opens, a damaged file, a newer schema, a
read-only folder, a folder or an unwritable HOME where the store should be,
re-ingesting two versions of one URL, ingest order with undated claims, a
document over the time budget.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from harmattan.store import connect

from .dump import dump_store

REPORTS = [  # three reports of one incident and an undated one, in our own words
    {"url": "https://x.org/a", "published": "2025-03-03",
     "text": "Gunmen killed 12 villagers in Djibo, Soum province, Burkina Faso, on Monday."},
    {"url": "https://x.org/b",
     "text": "Twelve villagers were killed by gunmen in Djibo, Burkina Faso, local sources said."},
    {"url": "https://x.org/c", "published": "2025-06-20",
     "text": "Gunmen killed 15 villagers in Djibo, Burkina Faso, on Friday."},
    {"url": "https://x.org/d",
     "text": "Jihadists attacked an army post near Djibo in Burkina Faso, killing 7 soldiers."},
]


def run(cli, *args, env=None, stdin=None) -> subprocess.CompletedProcess:
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=300, env=env, input=stdin)


def write_reports(folder: Path, reports=REPORTS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, report in enumerate(reports):
        path = folder / f"{i}.jsonl"
        path.write_text(json.dumps(report) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def events_of(db: Path) -> list[dict]:
    """The stored events without what depends on when they were written (versions, timestamps)."""
    dump = dump_store(connect(str(db)))
    return sorted((data for _, _, data in dump["events"]), key=lambda d: d["event_id"])


def checkpoint(db: Path) -> None:
    """Move what the write-ahead log holds into the store file (as a clean shutdown does)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


@pytest.mark.slow
def test_three_ingests_started_together_on_a_new_store(cli, tmp_path):
    paths = write_reports(tmp_path / "in")
    reference = tmp_path / "reference.sqlite"
    assert run(cli, "ingest", *map(str, paths), "--db", str(reference), "--no-progress").returncode == 0
    expected = events_of(reference)
    for trial in range(3):
        db = tmp_path / f"together-{trial}.sqlite"
        procs = [subprocess.Popen([cli, "ingest", *map(str, paths), "--db", str(db), "--no-progress"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
        outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
        for code, err in outcomes:
            assert code == 0 and "Traceback" not in err, err
        stored = sum(int(err.split("documents: ")[1].split(" new")[0]) for _, err in outcomes)
        assert stored == len(REPORTS)  # each document stored by exactly one of the three
        assert events_of(db) == expected


@pytest.fixture
def damaged(cli, shared, tmp_path) -> Path:
    db = tmp_path / "events.sqlite"
    docs = sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl"))
    assert run(cli, "ingest", *docs, "--db", str(db), "--no-progress").returncode == 0
    checkpoint(db)
    return _garbage_over(db, lambda owner: owner != "sqlite_schema")


def _garbage_over(db: Path, chosen, count: int = 4, first: int | None = None) -> Path:
    """Write garbage over ``count`` pages from the middle of the file (or from page ``first``) whose owner (a
    table or an index) is ``chosen``: the store's data is damaged, not (unless chosen) the schema that
    says where it lies."""
    with sqlite3.connect(db) as conn:
        owners = dict(conn.execute("SELECT pageno, name FROM dbstat"))
    page = 4096
    pages = db.stat().st_size // page
    start = pages // 3 if first is None else first - 1
    targets = [n for n in range(start, pages) if chosen(owners.get(n + 1))][:count]
    assert len(targets) == count
    with db.open("r+b") as fh:
        for number in targets:
            fh.seek(number * page)
            fh.write(bytes((number * 37 + i * 101) % 256 for i in range(page)))
    return db


def test_a_damaged_store_is_refused_checked_and_recovered(cli, damaged, tmp_path):
    before = damaged.read_bytes()
    for args in (["events"], ["search", "Mokwa"], ["export", "--format", "jsonl", "-o", str(tmp_path / "x.jsonl")],
                 ["ingest", str(tmp_path / "none.txt")], ["actors"]):
        proc = run(cli, *args, "--db", str(damaged))
        assert proc.returncode == 3, (args, proc.stderr)
        assert "damaged" in proc.stderr and "harmattan store recover" in proc.stderr and "Traceback" not in proc.stderr
    assert damaged.read_bytes() == before  # refused for writes: not a byte changed
    check = run(cli, "store", "check", "--db", str(damaged))
    assert check.returncode == 3 and "problem:" in check.stdout
    new = tmp_path / "rebuilt.sqlite"
    recovered = run(cli, "store", "recover", "--db", str(damaged), "-o", str(new))
    assert recovered.returncode in (0, 1) and "Traceback" not in recovered.stderr, recovered.stderr
    assert "recovered" in recovered.stdout
    assert run(cli, "store", "check", "--db", str(new)).returncode == 0
    events = run(cli, "events", "--db", str(new), "--format", "jsonl")
    assert events.returncode == 0 and events.stdout.strip()
    assert run(cli, "store", "recover", "--db", str(damaged), "-o", str(new)).returncode == 2  # never overwrites


def test_recover_says_so_when_the_schema_is_too_damaged_to_read_a_document(cli, shared, tmp_path):
    db = tmp_path / "events.sqlite"
    assert run(cli, "ingest", *sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl")),
               "--db", str(db), "--no-progress").returncode == 0
    checkpoint(db)
    with sqlite3.connect(db) as conn:  # the schema's pages but the file's first (its header: not a database then)
        schema_pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'") if n > 1]
    assert schema_pages, "the schema outgrew its first page"
    _garbage_over(db, lambda owner: owner == "sqlite_schema", count=len(schema_pages), first=2)
    new = tmp_path / "rebuilt.sqlite"
    proc = run(cli, "store", "recover", "--db", str(db), "-o", str(new))
    assert proc.returncode == 3 and "cannot be read at all" in proc.stderr and "Traceback" not in proc.stderr
    assert not new.exists()


def test_recover_rebuilds_every_document_of_a_sound_store(cli, shared, tmp_path):
    db = tmp_path / "events.sqlite"
    docs = sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl"))
    assert run(cli, "ingest", *docs, "--db", str(db), "--no-progress").returncode == 0
    new = tmp_path / "rebuilt.sqlite"
    proc = run(cli, "store", "recover", "--db", str(db), "-o", str(new))
    assert proc.returncode == 0, proc.stderr
    old, rebuilt = dump_store(connect(str(db))), dump_store(connect(str(new)))
    assert [d[:2] for d in rebuilt["documents"]] == [d[:2] for d in old["documents"]]
    assert [e[2] for e in rebuilt["events"]] == [e[2] for e in old["events"]]


def test_a_store_of_a_newer_schema_is_refused_with_the_version_to_install(cli, tmp_path):
    db = tmp_path / "events.sqlite"
    paths = write_reports(tmp_path / "in")
    assert run(cli, "ingest", str(paths[0]), "--db", str(db), "--no-progress").returncode == 0
    with sqlite3.connect(db) as con:
        con.execute("ALTER TABLE documents RENAME COLUMN title TO headline")  # what a newer version might do
        con.execute("INSERT INTO schema_migrations (version, name, applied_at, harmattan_version) "
                    "VALUES (99, 'from the future', '2031-01-01', '9.1.0')")
    checkpoint(db)
    before = db.read_bytes()
    for args in (["ingest", str(paths[1])], ["events"], ["store", "check"]):
        proc = run(cli, *args, "--db", str(db))
        assert proc.returncode == 3, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    proc = run(cli, "events", "--db", str(db))
    assert "schema version 99" in proc.stderr and "install Harmattan 9.1.0 or newer" in proc.stderr
    assert db.read_bytes() == before


def test_a_folder_where_the_store_should_be(cli, tmp_path):
    proc = run(cli, "events", "--db", str(tmp_path))
    assert proc.returncode == 3 and "it is a folder" in proc.stderr and "Traceback" not in proc.stderr


def _read_only(folder: Path, argv: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    """Run argv with ``folder`` read-only: chmod for a user, a read-only bind mount for root (who ignores modes)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=300, env=env)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root without mount namespaces: cannot make a folder read-only")
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), *argv], capture_output=True, text=True,
                          timeout=300, env=env)


def test_a_store_in_a_read_only_folder(cli, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    paths = write_reports(tmp_path / "in")
    proc = _read_only(folder, [cli, "ingest", str(paths[0]), "--db", str(folder / "events.sqlite"), "--no-progress"])
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr and str(folder) in proc.stderr


def test_an_unwritable_home_for_the_default_store(cli, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    paths = write_reports(tmp_path / "in")
    env = {k: v for k, v in os.environ.items() if k not in ("HARMATTAN_DB", "XDG_DATA_HOME")}
    env["HOME"] = str(home)
    proc = _read_only(home, [cli, "ingest", str(paths[0]), "--no-progress"], env=env)
    assert proc.returncode == 3, proc.stderr
    assert "cannot create the folder" in proc.stderr and "--db" in proc.stderr and "Traceback" not in proc.stderr


def test_reingesting_two_versions_of_one_url_is_idempotent(cli, tmp_path):
    path = tmp_path / "versions.jsonl"
    first = {"url": "https://x.org/v", "published": "2025-03-03", "text": REPORTS[0]["text"]}
    second = {**first, "text": REPORTS[0]["text"] + " The toll rose to 14, officials said later."}
    path.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    db = tmp_path / "events.sqlite"
    one = run(cli, "ingest", str(path), "--db", str(db), "--no-progress")
    assert "1 new, 0 unchanged, 1 updated" in one.stderr, one.stderr
    snapshot = dump_store(connect(str(db)))
    for _ in range(2):
        again = run(cli, "ingest", str(path), "--db", str(db), "--no-progress")
        assert "0 new, 2 unchanged, 0 updated, 0 failed; events: 0 new, 0 updated, 0 removed" in again.stderr, again.stderr
    assert dump_store(connect(str(db))) == snapshot
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT revision, text FROM documents").fetchone()[1].endswith("officials said later.")


def test_ingest_order_does_not_change_the_events_undated_claims_included(cli, tmp_path):
    paths = write_reports(tmp_path / "in")
    stores = []
    for name, order in (("abcd", paths), ("dcba", paths[::-1]), ("cadb", [paths[2], paths[0], paths[3], paths[1]])):
        db = tmp_path / f"{name}.sqlite"
        for path in order:  # one run per document, as a desk ingesting reports as they come
            assert run(cli, "ingest", str(path), "--db", str(db), "--no-progress").returncode == 0
        stores.append(events_of(db))
    assert stores[0] == stores[1] == stores[2]
    # and no report is counted in two events
    sources = [s["url"] for e in stores[0] for s in e["sources"]]
    assert sorted(sources) == sorted(set(sources)) == [r["url"] for r in REPORTS]


def test_documents_over_the_time_budget_are_reported_skipped_and_stored_later(cli, tmp_path):
    paths = write_reports(tmp_path / "in")
    db = tmp_path / "events.sqlite"
    env = {**os.environ, "HARMATTAN_DOCUMENT_TIME_BUDGET_S": "0.000001"}  # no extraction fits in a microsecond
    proc = run(cli, "ingest", *map(str, paths), "--db", str(db), "--no-progress", env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for path in paths:
        assert f"{path}:1: skipped: extraction took longer than the time budget" in proc.stderr
    assert "0 new" in proc.stderr and f"{len(paths)} failed" in proc.stderr
    assert run(cli, "store", "check", "--db", str(db)).returncode == 0  # nothing half-written
    later = run(cli, "ingest", *map(str, paths), "--db", str(db), "--no-progress")
    assert later.returncode == 0 and f"{len(paths)} new" in later.stderr
    reference = tmp_path / "reference.sqlite"
    run(cli, "ingest", *map(str, paths), "--db", str(reference), "--no-progress")
    assert events_of(db) == events_of(reference)
    extract = run(cli, "extract", *map(str, paths), env=env)
    assert extract.returncode == 1 and extract.stderr.count("skipped: extraction took longer") == len(paths)
