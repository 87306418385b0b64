"""Benchmark the JSON API: latency (p50/p95) of the main endpoints under concurrent clients on loopback.

Prints figures; it is not a test. A store is filled with ``--events``
synthetic events (``bench_store.fill_events``, written in bulk) plus the
shared dev cases when ``../shared`` is there (for full-text search), served
by ``harmattan serve --workers N`` in a subprocess on a free loopback port,
and each endpoint is asked ``--requests`` times by ``--clients`` concurrent
clients with random parameters. Every request has a timeout and the run
stops by itself.

The SQLite store is kept in ``bench/out/`` (git-ignored) and reused by the
next run with the same ``--events`` (``--fresh`` builds it again); a store
of an older schema is upgraded on open. ``--pg URL`` measures a PostgreSQL
store instead (filled up to ``--events`` when it holds fewer), ``--pg auto``
on a throwaway server started as the tests start theirs (``tests/pg.py``).

Requests carry no ``If-None-Match``: every answer is computed (the server
keeps no answers), so the figures are those of cold queries; one last line
shows what a client revalidating with the ETag waits. The three figures of
issue 11 (p95 <= 300 ms each, 16 clients, 1,000,000 events) are printed
last.

    nice -n 10 .venv/bin/python bench/bench_api.py                 # 1,000,000 events, 16 clients, 2 workers
    .venv/bin/python bench/bench_api.py --events 200000 --workers 1
    .venv/bin/python bench/bench_api.py --pg auto                   # the same on PostgreSQL
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402

from bench_store import ACTORS, COUNTRIES, fill_events  # noqa: E402
from harmattan.store import connect, ingest_documents  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "bench" / "out"
#: The three reads issue 11 bounds (p95 <= 300 ms with 16 clients on 1,000,000 events).
TARGETS = {"GET /api/events/points (country-year, map)": "map points of a country-year",
           "GET /api/stats?by=admin1 (one year)": "statistics by region for a year",
           "GET /api/events (deadliest of an actor, 50)": "the deadliest events of an actor"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def endpoints(rng: random.Random) -> dict:
    """Name -> a function giving one random request path of that endpoint."""
    codes = list(COUNTRIES)

    def year():
        return rng.randrange(2015, 2025)

    return {
        "GET /api/events (country + half-year, 50)":
            lambda: f"/api/events?country={rng.choice(codes)}&since={(y := year())}-01-01&until={y}-06-30&limit=50",
        "GET /api/events (deadliest of an actor, 50)":
            lambda: f"/api/events?actor={rng.choice(ACTORS)}&since={year()}-01-01&sort=-fatalities&limit=50",
        "GET /api/events/{id}":
            lambda: f"/api/events/ev-{rng.randrange(N_EVENTS):012d}",
        "GET /api/events/points (country-year, map)":
            lambda: f"/api/events/points?country={rng.choice(codes)}&since={(y := year())}-01-01&until={y}-12-31",
        "GET /api/stats?by=week (country-year)":
            lambda: f"/api/stats?by=week&country={rng.choice(codes)}&since={(y := year())}-01-01&until={y}-12-31",
        "GET /api/stats?by=admin1 (one year)":
            lambda: f"/api/stats?by=admin1&since={(y := year())}-01-01&until={y}-12-31",
        "GET /api/search": lambda: "/api/search?q=" + rng.choice(["attack", "flood", "Mokwa", "soldiers killed", "JNIM"]),
        "GET /api/health": lambda: "/api/health",
    }


N_EVENTS = 200_000


class _Client:
    """One keep-alive HTTP/1.1 connection, as little client as can be (the clients share the CPUs with the server).

    httpx spent more CPU per request than the server's cheap endpoints: measured with it, the figures were
    those of the load generator. This reads the status, the headers and a Content-Length or chunked body.
    """

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        target = quote(path, safe="/?=&:,-_.%")
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{extra}\r\n".encode())
        status = int((await self.reader.readline()).split()[1])
        fields = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            fields[name.strip().lower()] = value.strip()
        if "content-length" in fields:
            body = await self.reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding") == "chunked":
            chunks = []
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            body = b"".join(chunks)
        else:
            body = b""
        if fields.get("connection") == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _measure(base: str, make_path, requests: int, clients: int,
                   headers: dict[str, str] | None = None, expect: int = 200) -> tuple[list[float], int]:
    """``requests`` requests from ``clients`` concurrent clients (one connection each): seconds each, errors."""
    samples: list[float] = []
    errors = 0
    queue: asyncio.Queue = asyncio.Queue()
    for _ in range(requests):
        queue.put_nowait(make_path())

    async def worker():
        nonlocal errors
        client = _Client(base)
        try:
            while True:
                try:
                    path = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                start = time.perf_counter()
                try:
                    status, _ = await asyncio.wait_for(client.get(path, headers), timeout=30)
                    errors += status != expect
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
                    errors += 1
                    await client.close()
                samples.append(time.perf_counter() - start)
        finally:
            await client.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return samples, errors


def _p95(samples: list[float]) -> float:
    ms = sorted(s * 1000 for s in samples)
    return ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


def _figures(samples: list[float], wall: float) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = _p95(samples)
    return f"p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms  {len(ms) / wall:7.1f} req/s"


def _fill(url: str, n: int) -> None:
    """Bring the store at ``url`` to ``n`` synthetic events (plus the dev cases when there), saying what it did."""
    engine = connect(url)
    try:
        from sqlalchemy import text
        with engine.connect() as conn:
            have = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        if have == 0 and (SHARED / "eval" / "dev").is_dir():
            from harmattan.loaders import load_documents
            ingest_documents(engine, load_documents(sorted(str(p) for p in (SHARED / "eval" / "dev").glob("*.docs.jsonl"))))
            with engine.connect() as conn:
                have = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        if have >= n:
            print(f"store: {have:,} events, reused")
            return
        seconds = fill_events(engine, n - have, first=have)
        if engine.dialect.name == "postgresql":  # index-only scans need the visibility map
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        print(f"store: {n - have:,} synthetic events written in {seconds:.1f} s")
    finally:
        engine.dispose()


def _sqlite_store(n: int, fresh: bool) -> str:
    """The cached SQLite store of ``n`` events in bench/out/, built when missing (or ``fresh``)."""
    path = OUT / f"api-{n}.sqlite"
    done = path.with_suffix(".sqlite.built")  # written once the store is complete
    if fresh or not done.exists():
        for suffix in ("", "-wal", "-shm", ".built"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(path) + suffix).unlink()
        OUT.mkdir(parents=True, exist_ok=True)
    _fill(f"sqlite:///{path}", n)
    done.write_text(f"{n}\n")
    print(f"store: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return f"sqlite:///{path}"


@contextlib.contextmanager
def _store(args) -> Iterator[str]:
    if args.pg == "auto":
        sys.path.insert(0, str(REPO))
        from tests.pg import postgres_server
        with tempfile.TemporaryDirectory(prefix="harmattan-bench-pg-") as tmp, postgres_server(tmp) as url:
            _fill(url, args.events)
            yield url
    elif args.pg:
        _fill(args.pg, args.events)
        yield args.pg
    else:
        yield _sqlite_store(args.events, args.fresh)


def main(argv: list[str] | None = None) -> int:
    global N_EVENTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                        help="server processes (harmattan serve --workers; default: the CPU cores, at most 4)")
    parser.add_argument("--pg", help="a PostgreSQL URL to measure instead of SQLite, or 'auto' for a throwaway server")
    parser.add_argument("--fresh", action="store_true", help="build the cached SQLite store again")
    args = parser.parse_args(argv)
    N_EVENTS = args.events
    with _store(args) as url:
        port = _free_port()
        cli = str(Path(sys.executable).with_name("harmattan"))
        server = subprocess.Popen([cli, "serve", "--db", url, "--port", str(port), "--workers", str(args.workers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        found: dict[str, str] = {}
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("bench_api: the server did not start")
                time.sleep(0.2)
            print(f"server: {args.workers} uvicorn worker(s) on {base} ({'PostgreSQL' if args.pg else 'SQLite'}); "
                  f"{args.clients} concurrent clients, {args.requests} requests per endpoint; {os.cpu_count()} CPUs")
            rng = random.Random(5)
            for name, make_path in endpoints(rng).items():
                asyncio.run(_measure(base, make_path, min(20, args.requests), args.clients))  # warm up
                start = time.perf_counter()
                samples, errors = asyncio.run(_measure(base, make_path, args.requests, args.clients))
                wall = time.perf_counter() - start
                found[name] = _p95(samples)
                print(f"{name:46} {_figures(samples, wall)}" + (f"  ({errors} errors)" if errors else ""))
            path = "/api/events/points?country=ML&since=2020-01-01&until=2020-12-31"
            tag = httpx.get(base + path, timeout=30).headers["etag"]
            start = time.perf_counter()
            samples, errors = asyncio.run(_measure(base, lambda: path, args.requests, args.clients,
                                                   headers={"If-None-Match": tag}, expect=304))
            wall = time.perf_counter() - start
            print(f"{'  the map points again, If-None-Match (304)':46} {_figures(samples, wall)}"
                  + (f"  ({errors} not 304)" if errors else ""))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\nissue 11 (p95 <= 300 ms, {args.clients} clients, {args.events:,} events):")
    for name, label in TARGETS.items():
        p95 = found[name]
        print(f"  {label:36} p95 {p95:7.1f} ms  {'ok' if p95 <= 300 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
