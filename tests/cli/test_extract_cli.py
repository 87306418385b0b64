"""End-to-end tests of ``harmattan extract`` as a user runs it (a real subprocess)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest


def run(cli: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([cli, "extract", *args], input=stdin, capture_output=True, timeout=120)


def events_of(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def scorer(shared):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_text(shared, tmp_path_factory) -> Path:
    doc = json.loads((shared / "eval" / "dev" / "seed-sahel-page.docs.jsonl").read_text().splitlines()[0])
    path = tmp_path_factory.mktemp("seed") / "seed-page.txt"
    path.write_text(doc["text"], encoding="utf-8")
    return path


def test_raw_seed_page_without_metadata(cli, seed_text):
    proc = run(cli, str(seed_text))
    assert proc.returncode == 0, proc.stderr.decode()
    events = events_of(proc)
    assert len(events) >= 4
    # No publication date: weekdays cannot be resolved, and nothing is silently dated today.
    assert all(e["event_date"] is None or e["time_precision"] in ("month", "year", "week") for e in events)
    assert {e["country_code"] for e in events} >= {"ML", "BJ", "NG"}


def test_raw_seed_page_with_published_meets_dev_gold(cli, seed_text, shared, scorer):
    proc = run(cli, str(seed_text), "--published", "2025-06-07")
    assert proc.returncode == 0, proc.stderr.decode()
    preds = events_of(proc)
    golds = json.loads((shared / "eval" / "dev" / "seed-sahel-page.gold.json").read_text())["events"]
    pairs = scorer.pair(golds, preds)
    required = [i for i, g in enumerate(golds) if not g.get("optional")]
    found = {gi for gi, _ in pairs}
    assert set(required) <= found, f"missing: {[golds[i]['id'] for i in required if i not in found]}"
    for gi, pi in pairs:
        for field in scorer.FIELDS:
            assert scorer.check(field, golds[gi], preds[pi]) in (True, None), (golds[gi]["id"], field, preds[pi].get(field))
    extras = [preds[pi] for pi in range(len(preds)) if pi not in {p for _, p in pairs}]
    assert extras == []
    flood = next(p for gi, p in ((gi, preds[pi]) for gi, pi in pairs) if golds[gi]["id"] == "nigeria-niger-state-flood")
    assert len(flood["sources"]) == 2 and flood["admin1"] == "Niger" and flood["country_code"] == "NG"


def test_formats(cli, shared):
    docs = str(shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl")
    table = run(cli, docs, "--format", "table").stdout.decode()
    assert "Disaster" in table and "Mokwa" in table
    csv_out = run(cli, docs, "--format", "csv").stdout.decode().splitlines()
    assert csv_out[0].startswith("event_id,event_type,sub_event_type") and len(csv_out) == 2
    (event,) = events_of(run(cli, docs))
    assert [h["fatalities"] for h in event["history"]] == [21, 151, 200]
    assert all(s["evidence"] for s in event["sources"])


def test_standard_input(cli, shared):
    data = (shared / "eval" / "dev" / "kuriga-abduction-2024.docs.jsonl").read_bytes()
    proc = run(cli, "-", stdin=data)
    assert proc.returncode == 0
    (event,) = events_of(proc)
    assert event["sub_event_type"] == "Abduction/forced disappearance" and event["abducted"] == 287 and event["fatalities"] == 0


def test_bad_inputs_reported_and_batch_goes_on(cli, shared, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_bytes((shared / "eval" / "dev" / "niger-fambita-mosque-2025.docs.jsonl").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin1.txt").write_bytes("Des hommes armés ont tué 5 civils à Djibo mardi.".encode("latin-1"))
    (tmp_path / "broken.jsonl").write_text('{"text": "Gunmen killed 3 villagers in Kwall, Plateau State, on Monday.", "published": "2024-01-02"}\n{not json\n')
    (tmp_path / "hostile.html").write_text(
        "<html><head><title>Attack</title><script>alert('x')</script></head><body><img src=x onerror=alert(1)>"
        "<article><p>Gunmen killed 9 villagers in Gwoza, Borno State, on Monday, officials said on Tuesday.</p></article></body></html>")
    proc = run(cli, str(tmp_path), "--published", "2024-05-07")
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "empty.txt" in err and "binary.txt" in err and "latin1.txt" in err and "broken.jsonl:2" in err
    events = events_of(proc)
    countries = sorted(e["country_code"] for e in events)
    assert countries == ["NE", "NG", "NG"], events
    assert all("alert" not in json.dumps(e) for e in events)


def test_missing_file_and_bad_date(cli, tmp_path):
    proc = run(cli, str(tmp_path / "nope.txt"))
    assert proc.returncode == 1 and b"nope.txt" in proc.stderr
    proc = run(cli, str(tmp_path), "--published", "June 7")
    assert proc.returncode == 2 and b"YYYY-MM-DD" in proc.stderr
