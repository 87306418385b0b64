"""Evaluation gate: the shared scorer run on the shared cases must meet the recorded floors.

The floors (``floors.json``) only go up; raise them when the pipeline improves.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = Path(__file__).with_name("floors.json")
READ_ON = "2026-12-01"


def _score(shared: Path, cases: str, cli: str, tmp_path: Path) -> dict:
    report = tmp_path / f"{cases}.json"
    # Reports without a date are dated from a weekday beside a day ("mardi 7 janvier") as the
    # latest such day before the day they are read: the gate reads them on a fixed day, so that
    # its scores do not move with the calendar.
    env = {**os.environ, "HARMATTAN_READ_ON": READ_ON}
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--cases", str(shared / "eval" / cases),
         "--cmd", f"{cli} extract --format jsonl {{docs}}", "--json", str(report)],
        capture_output=True, text=True, timeout=1800, env=env,
    )
    assert report.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    summary = json.loads(report.read_text())["summary"]
    print(proc.stdout[-1500:])
    return summary


@pytest.mark.slow
@pytest.mark.parametrize("cases", ["dev", "ucdp-ng", "real-dev"])
def test_scores_meet_floors(cases, shared, cli, tmp_path):
    floors = json.loads(FLOORS.read_text())[cases]
    summary = _score(shared, cases, cli, tmp_path)
    assert summary["failed_cases"] == 0, "the extractor failed on some cases"
    assert summary["f1"] >= floors["f1"], f"{cases}: F1 {summary['f1']} below floor {floors['f1']}"
    assert summary["strict_f1"] >= floors["strict_f1"], f"{cases}: strict F1 {summary['strict_f1']} below floor {floors['strict_f1']}"
    for field, floor in floors["fields"].items():
        got = summary["field_accuracy"].get(field)
        assert got is not None and got >= floor, f"{cases}: {field} accuracy {got} below floor {floor}"
