"""A corpus of real-format documents for store tests: the shared dev cases and our golden fixtures."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cases"


def build_corpus(shared: Path, dest: Path) -> Path:
    """Copy every document of the dev and golden cases into ``dest``, one JSON Lines file per case."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted((shared / "eval" / "dev").glob("*.docs.jsonl")) + sorted(GOLDEN.glob("*.docs.jsonl")):
        shutil.copy(path, dest / path.name)
    return dest


def documents_of(folder: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(folder.glob("*.jsonl")) for line in p.read_text().splitlines() if line.strip()]
