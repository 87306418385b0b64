"""Benchmark ``harmattan backfill`` of one large generated archive, as a user runs it: wall time, rate, memory.

Writes a gzip JSON Lines archive of ``--docs`` generated documents
(``generate_stream.py``; ``--words`` sets their length), starts a throwaway
PostgreSQL server on loopback (or takes ``--db``), and runs the real command
(``harmattan backfill ARCHIVE --db URL --workers N --no-progress``) in a
subprocess, sampling the memory of it and of its workers every second. Prints
the wall time, documents/s, the time on documents and on events (the
command's own figures), the peak memory of the client and of each worker, and
the store's size.

    .venv/bin/python bench/bench_backfill_archive.py [--docs 1000000] [--words 60-150] [--workers 2]
        [--archive /tmp/archive.jsonl.gz] [--db URL]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate_stream import write_stream  # noqa: E402


def sample(pid: int, peaks: dict[int, tuple[str, float]], stop: threading.Event) -> None:
    """Keep the peak resident memory (MB) of a process and of its descendants, each with its role."""
    root = psutil.Process(pid)
    while not stop.is_set():
        try:
            procs = [root] + root.children(recursive=True)
        except psutil.Error:
            return
        for p in procs:
            try:
                rss = p.memory_info().rss / 2**20
                role = "client" if p.pid == pid else ("worker" if "spawn_main" in " ".join(p.cmdline()) else "other")
            except psutil.Error:
                continue
            if rss > peaks.get(p.pid, ("", 0.0))[1]:
                peaks[p.pid] = (role, rss)
        stop.wait(1.0)


@contextlib.contextmanager
def store(db: str | None, tmp: Path):
    if db:
        yield db
        return
    from tests.pg import fresh_database, postgres_server

    with postgres_server(tmp / "pg") as url:
        yield fresh_database(url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--words", default="60-150", help="length of the generated stories (fewest-most words)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--archive", help="the archive to write (kept; reused when it exists)")
    parser.add_argument("--db", help="a store URL (default: a throwaway PostgreSQL server on loopback)")
    args = parser.parse_args(argv)
    cli = Path(sys.executable).with_name("harmattan")
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(args.archive or Path(tmp) / "archive.jsonl.gz")
        if not archive.exists():
            start = time.perf_counter()
            low, _, high = args.words.partition("-")
            write_stream(archive, args.docs, words=(int(low), int(high or low)))
            print(f"wrote {args.docs:,} documents ({args.words} words) to {archive} "
                  f"({archive.stat().st_size / 2**20:.0f} MB) in {time.perf_counter() - start:.0f} s", flush=True)
        with store(args.db, Path(tmp)) as url:
            print(f"backfill into {url.split('@')[-1]} with {args.workers} workers; load average before: "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
            peaks: dict[int, tuple[str, float]] = {}
            stop = threading.Event()
            start = time.perf_counter()
            proc = subprocess.Popen([str(cli), "backfill", str(archive), "--db", url, "--workers", str(args.workers),
                                     "--no-progress"], stderr=subprocess.PIPE, text=True)
            watcher = threading.Thread(target=sample, args=(proc.pid, peaks, stop), daemon=True)
            watcher.start()
            _, err = proc.communicate()
            took = time.perf_counter() - start
            stop.set()
            watcher.join()
            print(err.strip(), flush=True)
            if url.startswith("postgresql"):
                from sqlalchemy import create_engine, text

                engine = create_engine(url)
                with engine.connect() as conn:
                    size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
                    counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in ("documents", "claims", "events")]
                engine.dispose()
                print(f"store: {size / 2**30:.2f} GB; {counts[0]:,} documents, {counts[1]:,} claims, {counts[2]:,} events")
    workers = sorted(mb for role, mb in peaks.values() if role == "worker")
    client = max((mb for role, mb in peaks.values() if role == "client"), default=0.0)
    print(f"exit status {proc.returncode}; wall time {took:.0f} s ({took / 60:.1f} min), "
          f"{args.docs / took:.1f} documents/s")
    print(f"peak memory: client {client:.0f} MB; workers {', '.join(f'{mb:.0f}' for mb in workers)} MB")
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
