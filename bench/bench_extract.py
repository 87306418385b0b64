"""Throughput and memory of the extraction pipeline, in one process on one core.

Generates the benchmark stream (``generate_stream.py``) or reads a given JSON
Lines file, then runs the whole pipeline on it (loading, article splitting,
extraction, merging) and prints the figures. Start-up (imports, first
resource loads) is timed apart from the steady-state rate, which is what the
target is about.

Usage::

    python bench/bench_extract.py                  # 5,000 generated documents
    python bench/bench_extract.py --docs 1000 --json out.json
    python bench/bench_extract.py --input my-stream.jsonl

Target (issue 8): >= 250 articles per second on one core, <= 200 MB peak resident memory.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

TARGET_ARTICLES_PER_S = 250.0
TARGET_PEAK_MB = 200.0

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # generate_stream sits beside this file


def _pin_one_core() -> str:
    """Pin this process to one CPU where the OS allows it, so the rate is per core."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (single thread)"


def _peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / (1024 * 1024)


def run(input_path: Path, warmup_docs: int = 20) -> dict:
    """Time start-up and the steady-state run over ``input_path``; return the figures.

    The timed run streams the file through ``load_documents`` into
    ``run_pipeline``, as the CLI does, so reading and HTML cleaning count in the
    rate. A second, untimed-for-the-rate pass only reads the file, to count
    words and to tell reading time from extraction time.
    """
    import itertools

    t0 = time.perf_counter()
    from harmattan.loaders import load_documents
    from harmattan.pipeline import run_pipeline
    from harmattan.records import Document
    from harmattan.settings import Settings

    t_import = time.perf_counter() - t0
    settings = Settings()

    # Start-up: the first documents pay for the lazily loaded resources (gazetteer,
    # actor lists, language models); they are reported as start-up, not as rate.
    t1 = time.perf_counter()
    warm = run_pipeline(itertools.islice(load_documents([str(input_path)], settings=settings), warmup_docs), settings)
    t_warmup = time.perf_counter() - t1

    rss_before = _rss_mb()
    t2 = time.perf_counter()
    result = run_pipeline(load_documents([str(input_path)], settings=settings), settings)
    seconds = time.perf_counter() - t2
    peak = _peak_rss_mb()
    rss_after = _rss_mb()

    t3 = time.perf_counter()
    words = 0
    for item in load_documents([str(input_path)], settings=settings):
        if isinstance(item, Document):
            words += len(item.text.split())
    t_read = time.perf_counter() - t3

    def per_s(n: int, secs: float) -> float | None:
        return round(n / secs, 1) if secs > 0 else None

    return {
        "input": str(input_path),
        "documents": result.documents,
        "articles": result.articles,
        "words": words,
        "events": len(result.events),
        "errors": len(result.errors),
        "seconds": round(seconds, 3),
        "articles_per_s_per_core": per_s(result.articles, seconds),
        "documents_per_s": per_s(result.documents, seconds),
        "words_per_s": round(words / seconds) if seconds > 0 else None,
        "reading_s": round(t_read, 3),
        "extraction_only_articles_per_s": per_s(result.articles, seconds - t_read),
        "startup": {
            "import_s": round(t_import, 3),
            "first_documents_s": round(t_warmup, 3),
            "first_documents": warm.documents,
            "first_documents_events": len(warm.events),
        },
        "rss_before_run_mb": round(rss_before, 1) if rss_before is not None else None,
        "rss_after_run_mb": round(rss_after, 1) if rss_after is not None else None,
        "peak_rss_mb": round(peak, 1),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def print_report(figures: dict) -> None:
    f = figures
    s = f["startup"]
    rate_ok = f["articles_per_s_per_core"] is not None and f["articles_per_s_per_core"] >= TARGET_ARTICLES_PER_S
    mem_ok = f["peak_rss_mb"] <= TARGET_PEAK_MB
    lines = [
        f"input                   {f['input']}",
        f"documents               {f['documents']:,}",
        f"articles                {f['articles']:,}",
        f"words                   {f['words']:,}",
        f"events found            {f['events']:,}",
        f"errors                  {f['errors']:,}",
        f"start-up: imports       {s['import_s']:.2f} s",
        f"start-up: first {s['first_documents']:<3} docs {s['first_documents_s']:.2f} s (resources load here)",
        f"steady state: seconds   {f['seconds']:.2f} s (reading and HTML cleaning: {f['reading_s']:.2f} s of it)",
        f"articles/s per core     {f['articles_per_s_per_core']:,.1f}   (target >= {TARGET_ARTICLES_PER_S:.0f}: {'ok' if rate_ok else 'MISSED'})",
        f"  extraction alone      {f['extraction_only_articles_per_s']:,.1f} articles/s",
        f"documents/s             {f['documents_per_s']:,.1f}",
        f"words/s                 {f['words_per_s']:,}",
        f"peak RSS                {f['peak_rss_mb']:,.1f} MB   (target <= {TARGET_PEAK_MB:.0f}: {'ok' if mem_ok else 'MISSED'})",
    ]
    print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the extraction pipeline on one core.")
    parser.add_argument("--docs", type=int, default=5000, help="documents to generate (default 5000; ignored with --input)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the generated stream (default: the generator's)")
    parser.add_argument("--input", type=Path, help="benchmark this JSON Lines (or any loader-readable) file instead")
    parser.add_argument("--json", type=Path, dest="json_out", help="also write the figures here as JSON")
    args = parser.parse_args(argv)

    pinning = _pin_one_core()
    with tempfile.TemporaryDirectory(prefix="harmattan-bench-") as tmp:
        if args.input:
            path = args.input
        else:
            from generate_stream import DEFAULT_SEED, write_stream

            path = Path(tmp) / f"stream-{args.docs}.jsonl"
            t = time.perf_counter()
            write_stream(path, args.docs, DEFAULT_SEED if args.seed is None else args.seed)
            print(f"generated {args.docs:,} documents in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        figures = run(path)
    figures["cpu"] = pinning
    if not args.input:
        figures["input"] = f"generated: {args.docs} documents, seed {DEFAULT_SEED if args.seed is None else args.seed}"
    print_report(figures)
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
