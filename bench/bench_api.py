"""Benchmark the JSON API: latency (p50/p95) of the main endpoints under concurrent clients on loopback.

Prints figures; it is not a test. A SQLite store is filled with ``--events``
synthetic events (``bench_store.fill_events``, written in bulk) plus the
shared dev cases when ``../shared`` is there (for full-text search), served
by ``harmattan serve`` in a subprocess on a free loopback port, and each
endpoint is asked ``--requests`` times by ``--clients`` concurrent clients
with random parameters. Every request has a timeout and the run stops by
itself.

    .venv/bin/python bench/bench_api.py                          # 200,000 events, 16 clients
    .venv/bin/python bench/bench_api.py --events 1000000 --clients 32 --requests 400
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402

from bench_store import ACTORS, COUNTRIES, fill_events  # noqa: E402
from harmattan.store import connect, ingest_documents  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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


async def _measure(base: str, make_path, requests: int, clients: int) -> tuple[list[float], int]:
    samples: list[float] = []
    errors = 0
    queue: asyncio.Queue = asyncio.Queue()
    for _ in range(requests):
        queue.put_nowait(make_path())

    async def worker(client: httpx.AsyncClient):
        nonlocal errors
        while True:
            try:
                path = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            try:
                r = await client.get(base + path)
                if r.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            samples.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    return samples, errors


def _figures(samples: list[float], wall: float) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms  {len(ms) / wall:7.1f} req/s"


def main(argv: list[str] | None = None) -> int:
    global N_EVENTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    args = parser.parse_args(argv)
    N_EVENTS = args.events
    with tempfile.TemporaryDirectory(prefix="harmattan-bench-api-") as tmp:
        db = Path(tmp) / "events.sqlite"
        engine = connect(f"sqlite:///{db}")
        if (SHARED / "eval" / "dev").is_dir():
            from harmattan.loaders import load_documents
            ingest_documents(engine, load_documents(sorted(str(p) for p in (SHARED / "eval" / "dev").glob("*.docs.jsonl"))))
        seconds = fill_events(engine, args.events)
        engine.dispose()
        print(f"store: {args.events:,} synthetic events written in {seconds:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
        port = _free_port()
        cli = str(Path(sys.executable).with_name("harmattan"))
        server = subprocess.Popen([cli, "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("bench_api: the server did not start")
                time.sleep(0.1)
            print(f"server: one uvicorn process on {base}; {args.clients} concurrent clients, "
                  f"{args.requests} requests per endpoint")
            rng = random.Random(5)
            for name, make_path in endpoints(rng).items():
                asyncio.run(_measure(base, make_path, min(20, args.requests), args.clients))  # warm up
                start = time.perf_counter()
                samples, errors = asyncio.run(_measure(base, make_path, args.requests, args.clients))
                wall = time.perf_counter() - start
                print(f"{name:46} {_figures(samples, wall)}" + (f"  ({errors} errors)" if errors else ""))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
