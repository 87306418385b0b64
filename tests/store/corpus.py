"""A corpus of real-format documents for store tests: the shared dev cases and our golden fixtures."""
from __future__ import annotations

import importlib.util
import json
import random
import shutil
from pathlib import Path

from harmattan.loaders import load_documents
from harmattan.records import Document

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cases"


def build_corpus(shared: Path, dest: Path) -> Path:
    """Copy every document of the dev and golden cases into ``dest``, one JSON Lines file per case."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted((shared / "eval" / "dev").glob("*.docs.jsonl")) + sorted(GOLDEN.glob("*.docs.jsonl")):
        shutil.copy(path, dest / path.name)
    return dest


def documents_of(folder: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(folder.glob("*.jsonl")) for line in p.read_text().splitlines() if line.strip()]


def dense_documents(folder: Path, count: int, seed: int, shuffle_seed: int) -> list[Document]:
    """A generated dense one-country stream (``bench/generate_dense.py``: distinct incidents of Burkina
    Faso within 90 days), written into ``folder``, read back and shuffled."""
    path = Path(__file__).resolve().parents[2] / "bench" / "generate_dense.py"
    spec = importlib.util.spec_from_file_location("generate_dense", path)
    generate_dense = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate_dense)
    stream = folder / "dense.jsonl"
    generate_dense.write_stream(stream, count, "BF", seed=seed)
    docs = list(load_documents([str(stream)]))
    random.Random(shuffle_seed).shuffle(docs)
    return docs
