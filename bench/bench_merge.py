"""Benchmark merging precision at volume: distinct incidents must stay distinct.

A dense one-country stream (``bench/generate_dense.py``: every document one
incident in its own village, all within 90 days) is run through ``extract``'s
batch merging and, with ``--ingest``, through ``ingest`` into a fresh SQLite
store (incremental derivation). Prints, per size, the share of reports merged
with another incident (the target is at most 2 %), the events found, and the
time taken.

    .venv/bin/python bench/bench_merge.py                     # 1,500 and 5,000 reports, extract
    .venv/bin/python bench/bench_merge.py --sizes 1500 --ingest
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_dense import write_stream  # noqa: E402

from harmattan.loaders import load_documents  # noqa: E402
from harmattan.pipeline import run_pipeline  # noqa: E402
from harmattan.settings import Settings  # noqa: E402


def merged_share(groups: list[set[str]], reports: int) -> tuple[int, float]:
    """Reports that share an event with another report (every report is its own incident), and their share."""
    merged = {doc for docs in groups if len(docs) > 1 for doc in docs}
    return len(merged), len(merged) / max(1, reports)


def bench_extract(path: Path, settings: Settings) -> tuple[list[set[str]], int, float]:
    start = time.perf_counter()
    result = run_pipeline(load_documents([str(path)], settings=settings), settings)
    took = time.perf_counter() - start
    groups = [{s.doc.split("#")[0] for s in e.sources} for e in result.events]
    return groups, result.documents, took


def bench_ingest(path: Path, settings: Settings) -> tuple[list[set[str]], int, float]:
    from sqlalchemy import select

    from harmattan.store import connect, ingest_documents
    from harmattan.store.schema import claims, documents

    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(str(Path(tmp) / "dense.sqlite"))
        start = time.perf_counter()
        summary = ingest_documents(engine, load_documents([str(path)], settings=settings), settings)
        took = time.perf_counter() - start
        with engine.connect() as conn:
            by_event: dict[str, set[str]] = {}
            for event_id, doc_key in conn.execute(select(claims.c.event_id, documents.c.doc_key)
                                                  .join(documents, documents.c.id == claims.c.document_id)):
                by_event.setdefault(event_id, set()).add(doc_key)
        engine.dispose()
    return list(by_event.values()), summary.documents_new, took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1500, 5000])
    parser.add_argument("--country", default="BF")
    parser.add_argument("--ingest", action="store_true", help="also ingest into a fresh SQLite store")
    args = parser.parse_args(argv)
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"dense-{size}.jsonl"
            write_stream(path, size, args.country)
            runs = [("extract", bench_extract)] + ([("ingest", bench_ingest)] if args.ingest else [])
            for name, run in runs:
                groups, reports, took = run(path, settings)
                n_merged, share = merged_share(groups, reports)
                print(f"{name:8s} {size:6d} distinct incidents ({args.country}, 90 days): {len(groups)} events, "
                      f"{n_merged} reports merged with another incident ({share:.1%}); {took:.1f} s, "
                      f"{reports / took:.1f} documents/s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
