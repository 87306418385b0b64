"""Benchmark of `harmattan watch`: feed-item-to-event latency, and CPU use when nothing changes.

Meant for ``bench/bench_watch.py`` (it finds the repository root either way);
run from the repository root::

    .venv/bin/python bench/bench_watch.py                     # about 75 s
    .venv/bin/python bench/bench_watch.py --interval 5 --items 8 --idle-seconds 60

Everything is local: loopback feed servers in this process, a real
``harmattan watch`` subprocess on a temporary SQLite store. It prints:

* latency: for each new item, the time from the item appearing in the feed to
  its event being in the store (median and maximum), at ``--interval``; an
  item waits for the next poll (uniform over one interval, so about half an
  interval on average) and then for its fetch and ingest; what that implies at
  a 30 s interval;
* idle CPU: the watcher's CPU time over ``--idle-seconds`` with ``--sources``
  feeds that do not change (each poll a conditional request answered 304), as
  a share of one core, and its RSS.

Bounded: every wait has a deadline, and the watcher is stopped at the end.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())

TEMPLATES = [  # in our own words, about the kind of incident the desk follows
    ("Gunmen kill {n} villagers in {place}", "Gunmen killed {n} villagers in {place}, {state} State, on Monday, residents said."),
    ("Attack on farmers near {place}", "Armed men killed {n} farmers near {place}, {state} State, on Monday, a local official said."),
]
PLACES = [("Bokkos", "Plateau"), ("Mangu", "Plateau"), ("Gwoza", "Borno"), ("Konduga", "Borno"), ("Dikwa", "Borno"),
          ("Bali", "Taraba"), ("Agatu", "Benue"), ("Yelwata", "Benue"), ("Kauru", "Kaduna"), ("Tsafe", "Zamfara")]


def _wait(check, timeout: float, step: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step)
    return None


def _stored(db: Path, url: str) -> bool:
    """True when the document of ``url`` has its events in the store (the watcher commits both at once)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id "
                               "WHERE d.doc_key = ? AND c.event_id IS NOT NULL", (url,)).fetchone()
            return bool(row and row[0])
    except sqlite3.OperationalError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interval", type=float, default=2.0, help="polling interval of the latency run, seconds")
    parser.add_argument("--items", type=int, default=6, help="new items published during the latency run")
    parser.add_argument("--sources", type=int, default=10, help="unchanging feeds during the idle run")
    parser.add_argument("--idle-every", type=float, default=5.0, help="their polling interval, seconds")
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    import psutil

    from tests.monitor.servers import Item, Site, rss

    cli = str(Path(sys.executable).with_name("harmattan"))
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Site() as site:
        db = Path(tmp) / "bench.sqlite"
        env = {**os.environ, "HARMATTAN_DB": str(db), "HARMATTAN_CONFIG": "",
               "HARMATTAN_MONITOR_ALLOW_NETWORKS": "127.0.0.0/8", "HARMATTAN_MONITOR_HOST_INTERVAL_S": "0"}
        feed: list[Item] = [Item("warm", "Stadium reopens in Jos", "The stadium in Jos reopened on Saturday.")]
        site.serve("/latency.xml", lambda: rss(list(reversed(feed))))
        for n in range(args.sources):
            site.serve(f"/idle/{n}.xml", rss([Item(f"i{n}", f"Market day {n}", "Traders met at the weekly market.")]))
        run = lambda *a: subprocess.run([cli, *a], env=env, check=True, capture_output=True, timeout=120)  # noqa: E731
        run("sources", "add", site.url("/latency.xml"), "--name", "latency", "--every", f"{args.interval}s")
        watcher = subprocess.Popen([cli, "watch", "--quiet"], env=env, stderr=subprocess.DEVNULL)
        proc = psutil.Process(watcher.pid)
        try:
            if not _wait(lambda: len(site.hits("/latency.xml")) >= 2, 120):
                print("the watcher did not start polling", file=sys.stderr)
                return 1
            latencies = []
            for k in range(args.items):
                time.sleep(rng.uniform(0, args.interval))  # publish at a random moment of the polling cycle
                title, text = TEMPLATES[k % len(TEMPLATES)]
                place, state = PLACES[k % len(PLACES)]
                item = Item(f"n{k}", title.format(n=5 + k, place=place),
                            text.format(n=5 + k, place=place, state=state), link=f"https://news.example/item/{k}")
                feed.append(item)
                t0 = time.monotonic()
                if not _wait(lambda: _stored(db, item.link), args.interval + 60):
                    print(f"item {k} never reached the store", file=sys.stderr)
                    return 1
                latencies.append(time.monotonic() - t0)
            run("sources", "remove", "latency")
            for n in range(args.sources):
                run("sources", "add", site.url(f"/idle/{n}.xml"), "--name", f"idle{n}", "--every", f"{args.idle_every}s")
            _wait(lambda: all(site.hits(f"/idle/{n}.xml") for n in range(args.sources)), 60)
            time.sleep(args.idle_every + 1)  # every idle feed stored once; from here on, 304s
            requests_before = len(site.requests)
            cpu0, t0 = proc.cpu_times(), time.monotonic()
            time.sleep(args.idle_seconds)
            cpu1, t1 = proc.cpu_times(), time.monotonic()
            rss_mb = proc.memory_info().rss / 2**20
            polls = len(site.requests) - requests_before
        finally:
            watcher.send_signal(signal.SIGTERM)
            try:
                watcher.wait(30)
            except subprocess.TimeoutExpired:
                watcher.kill()
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    median, worst = statistics.median(latencies), max(latencies)
    # an item waits for the next poll (half an interval on average), then is fetched and stored
    processing = max(0.0, worst - args.interval, statistics.mean(latencies) - args.interval / 2)
    print(f"latency, item in feed -> event in store, {len(latencies)} items at a {args.interval:g} s interval:")
    print(f"  median {median:.2f} s, max {worst:.2f} s, mean {statistics.mean(latencies):.2f} s")
    print(f"  implied at a 30 s interval: worst about 30 + {processing:.1f} = {30 + processing:.1f} s "
          f"(mean about {15 + statistics.mean(latencies) - args.interval / 2:.1f} s); target <= 60 s")
    print(f"idle: {args.sources} unchanging feeds every {args.idle_every:g} s for {t1 - t0:.1f} s: "
          f"{polls} requests, CPU {cpu:.2f} s = {100 * cpu / (t1 - t0):.2f}% of one core, RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
