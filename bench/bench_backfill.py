"""Benchmark backfill throughput with 1 and 2 workers: a process pool and a local Dask cluster.

Generated news documents (``generate_stream.py``: 300-900 words, a fifth of
them security news, EN and FR) are backfilled into a fresh SQLite store, as
``harmattan backfill`` does (``backfill_documents``: extraction on the
workers, documents and claims written here in batches, then events derived
per partition, clustered on the workers). ``--per-document`` times the way
``ingest`` writes instead (one transaction per document, events derived
incrementally), for comparison. Prints documents/s per runner, the scaling
efficiency (rate with 2 workers / twice the rate with 1), each worker's peak
memory, and the load average before and after (the machine may be shared).

    .venv/bin/python bench/bench_backfill.py [--docs 600] [--no-dask] [--per-document]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
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


def run(runner: Runner, docs: list, db: Path, settings: Settings, per_document: bool = False) -> float:
    engine = connect(str(db))
    list(runner.map(_noop, range(runner.workers * 2)))  # workers started and warm before the clock starts
    start = time.perf_counter()
    summary = (ingest_documents if per_document else backfill_documents)(engine, docs, settings, runner=runner)
    took = time.perf_counter() - start
    engine.dispose()
    assert summary.documents_failed == 0, summary.line()
    return len(docs) / took


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
    args = parser.parse_args(argv)
    settings = Settings()
    how = "one document per transaction" if args.per_document else "in bulk"
    print(f"writing {how}; load average before: {_load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        stream = Path(tmp) / "stream.jsonl"
        write_stream(stream, args.docs)
        docs = list(load_documents([str(stream)], settings=settings))
        rates = {}
        with InProcess() as runner:
            rates["1 process"] = run(runner, docs, Path(tmp) / "one.sqlite", settings, args.per_document)
        print(f"backfill, 1 process:        {rates['1 process']:6.1f} documents/s ({len(docs)} documents)", flush=True)
        with ProcessPool(2, settings) as runner:
            rates["pool"] = run(runner, docs, Path(tmp) / "pool.sqlite", settings, args.per_document)
        print(f"backfill, pool of 2:        {rates['pool']:6.1f} documents/s, "
              f"efficiency {rates['pool'] / (2 * rates['1 process']):.2f}", flush=True)
        if not args.no_dask:
            from distributed import LocalCluster

            for n in (1, 2):
                with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
                    with DaskCluster(cluster.scheduler_address, settings) as runner:
                        rates[f"dask {n}"] = run(runner, docs, Path(tmp) / f"dask{n}.sqlite", settings,
                                                     args.per_document)
                        memory = runner.client.run(_peak_rss_mb)
                print(f"backfill, Dask, {n} worker(s): {rates[f'dask {n}']:6.1f} documents/s; peak memory per worker "
                      f"{max(memory.values()):.0f} MB", flush=True)
            print(f"Dask scaling efficiency (2 workers / 2 x 1 worker): {rates['dask 2'] / (2 * rates['dask 1']):.2f}")
    print(f"this process's peak memory (the writer): {_peak_rss_mb():.0f} MB")
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
