"""Benchmark backfill throughput with 1 and 2 workers: a process pool and a local Dask cluster.

Generated news documents (``generate_stream.py``: 300-900 words, a fifth of
them security news, EN and FR) are backfilled into a fresh SQLite store (or a
PostgreSQL database, ``--pg``), as ``harmattan backfill`` does
(``backfill_documents``: extraction on the workers, documents and claims
written here in batches, then events derived per partition, clustered on the
workers). ``--per-document`` times the way ``ingest`` writes instead (one
transaction per document, events derived incrementally), for comparison.
Prints documents/s per runner, the scaling efficiency (rate with 2 workers /
twice the rate with 1), each worker's peak memory, the cost of the writer alone
(claims extracted beforehand) written in bulk and one document at a time, and
the load average before and after (the machine may be shared; ``--repeat``
keeps the median of several runs).

    .venv/bin/python bench/bench_backfill.py [--docs 600] [--no-dask] [--per-document] [--repeat 3] [--pg auto]
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_stream import write_stream  # noqa: E402

from harmattan.loaders import load_documents  # noqa: E402
from harmattan.runners import DaskCluster, InProcess, ProcessPool, Runner  # noqa: E402
from harmattan.settings import Settings  # noqa: E402
from harmattan.store import backfill_documents, connect, ingest_documents  # noqa: E402


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_rss_mb() -> float:
    """A Dask worker's peak memory with its extraction child's (where the time budget holds) as it is now."""
    import psutil

    children = sum(c.memory_info().rss for c in psutil.Process().children(recursive=True)) / 2**20
    return _peak_rss_mb() + children


def run(runner: Runner, docs: list, url: str, settings: Settings, per_document: bool = False) -> float:
    engine = connect(url)
    list(runner.map(_noop, range(runner.workers * 2)))  # workers started and warm before the clock starts
    start = time.perf_counter()
    summary = (ingest_documents if per_document else backfill_documents)(engine, docs, settings, runner=runner)
    took = time.perf_counter() - start
    engine.dispose()
    assert summary.documents_failed == 0, summary.line()
    return len(docs) / took


def runs(runner: Runner, docs: list, new_store, settings: Settings, args) -> float:
    """The median rate of ``args.repeat`` runs, each into a fresh store."""
    rates = [run(runner, docs, new_store(), settings, args.per_document) for _ in range(args.repeat)]
    if len(rates) > 1:
        print(f"  runs: {' '.join(f'{r:.1f}' for r in rates)} documents/s", flush=True)
    return statistics.median(rates)


@contextlib.contextmanager
def stores(pg: str | None, tmp: Path) -> Iterator:
    """Makes fresh stores: SQLite files in ``tmp``, or databases on a PostgreSQL server (``auto``: a throwaway one)."""
    if not pg:
        names = itertools.count()
        yield lambda: f"sqlite:///{tmp / f'store-{next(names)}.sqlite'}"
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.pg import fresh_database, postgres_server

    if pg == "auto":
        with postgres_server(tmp / "pg") as url:
            yield lambda: fresh_database(url)
    else:
        yield lambda: fresh_database(pg)


def writer_costs(docs: list, new_store, settings: Settings) -> dict[str, float]:
    """Milliseconds per document of the writer alone (claims extracted beforehand): in bulk (batches, then
    the partitions' events) and one document per transaction (events derived incrementally)."""
    from harmattan.runners import extract_item
    from harmattan.store.bulk import derive_pending, save_batch
    from harmattan.store.save import save_claims

    found = [done.claims for done in (extract_item(d, settings) for d in docs) if done.claims is not None]
    engine = connect(new_store())
    start = time.perf_counter()
    for i in range(0, len(found), settings.backfill_batch):
        save_batch(engine, found[i:i + settings.backfill_batch], settings)
    batches = time.perf_counter()
    derive_pending(engine, settings)
    derived = time.perf_counter()
    engine.dispose()
    engine = connect(new_store())
    one = time.perf_counter()
    for claims in found:
        save_claims(engine, claims, settings)
    each = time.perf_counter()
    engine.dispose()
    n = len(docs) / 1000
    return {"batches": (batches - start) / n, "events": (derived - batches) / n, "per document": (each - one) / n}


def _load() -> str:
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _noop(x):
    from harmattan.pipeline import warm_up

    warm_up(Settings())
    return x


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--per-document", action="store_true", help="write as ingest does, for comparison")
    parser.add_argument("--repeat", type=int, default=1, help="runs per runner (the median is kept)")
    parser.add_argument("--pg", help="a PostgreSQL server URL (fresh databases are made on it), or 'auto'")
    args = parser.parse_args(argv)
    settings = Settings()
    how = "one document per transaction" if args.per_document else "in bulk"
    print(f"writing {how} into {'PostgreSQL' if args.pg else 'SQLite'}; load average before: {_load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp, stores(args.pg, Path(tmp)) as new_store:
        stream = Path(tmp) / "stream.jsonl"
        write_stream(stream, args.docs)
        docs = list(load_documents([str(stream)], settings=settings))
        rates = {}
        with InProcess() as runner:
            rates["1 process"] = runs(runner, docs, new_store, settings, args)
        print(f"backfill, 1 process:        {rates['1 process']:6.1f} documents/s ({len(docs)} documents)", flush=True)
        with ProcessPool(2, settings) as runner:
            rates["pool"] = runs(runner, docs, new_store, settings, args)
        print(f"backfill, pool of 2:        {rates['pool']:6.1f} documents/s, "
              f"efficiency {rates['pool'] / (2 * rates['1 process']):.2f}", flush=True)
        if not args.no_dask:
            import dask
            from distributed import LocalCluster

            dask.config.set({"distributed.worker.daemon": False})  # workers may have children: the time budget holds

            for n in (1, 2):
                with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
                    with DaskCluster(cluster.scheduler_address, settings) as runner:
                        rates[f"dask {n}"] = runs(runner, docs, new_store, settings, args)
                        memory = runner.client.run(_worker_rss_mb)
                print(f"backfill, Dask, {n} worker(s): {rates[f'dask {n}']:6.1f} documents/s; peak memory per worker "
                      f"{max(memory.values()):.0f} MB (with its extraction process)", flush=True)
            print(f"Dask scaling efficiency (2 workers / 2 x 1 worker): {rates['dask 2'] / (2 * rates['dask 1']):.2f}")
        costs = writer_costs(docs, new_store, settings)
        print(f"the writer alone: {costs['batches']:.2f} ms/document in batches + {costs['events']:.2f} ms/document "
              f"deriving the events = {costs['batches'] + costs['events']:.2f}; one document per transaction: "
              f"{costs['per document']:.2f} ms/document", flush=True)
    print(f"this process's peak memory (the writer): {_peak_rss_mb():.0f} MB")
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
