"""The process pool and the archive readers of ``backfill``: the same events as one process."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harmattan.loaders import load_documents
from harmattan.loaders.archives import load_archives
from harmattan.runners import ProcessPool
from harmattan.settings import Settings
from harmattan.store import connect, ingest_documents

from .test_dask_backfill import READ_ON, _case_docs, _events, reference  # noqa: F401 (a fixture)

CLI = str(Path(sys.executable).with_name("harmattan"))


@pytest.mark.slow
def test_ingest_on_a_pool_of_two_gives_the_events_of_one_process(shared, tmp_path, reference):  # noqa: F811
    url = f"sqlite:///{tmp_path / 'pool.sqlite'}"
    settings = Settings(read_on=READ_ON)
    with ProcessPool(2, settings) as runner:
        summary = ingest_documents(connect(url), _case_docs(shared), settings, runner=runner)
    assert summary.documents_failed == 0 and summary.documents_new > 0
    assert _events(url) == reference


def test_extract_with_workers_prints_what_one_process_prints(shared):
    cases = sorted(str(p) for p in (shared / "eval" / "dev").glob("*.docs.jsonl"))
    env = {**os.environ, "HARMATTAN_READ_ON": READ_ON}
    one, two = (subprocess.run([CLI, "extract", *cases, "--workers", n], capture_output=True, text=True, env=env,
                               timeout=300) for n in ("1", "2"))
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and one.stdout.count("\n") >= 10


def test_gzip_json_lines_and_warc_are_read_beside_plain_files(shared, tmp_path):
    case = shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(case.read_bytes()))
    body = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            b"<html><body><p>Gunmen killed five people in Mopti, Mali, on Monday.</p></body></html>")
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/mopti\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(len(body)).encode()
              + b"\r\n\r\n" + body + b"\r\n\r\n")
    request = b"WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n"
    (tmp_path / "b.warc.gz").write_bytes(gzip.compress(request) + gzip.compress(record))
    (tmp_path / "c.txt").write_text("Gunmen killed three people in Gao, Mali, on Tuesday.", encoding="utf-8")
    items = list(load_archives([str(tmp_path)]))
    plain = list(load_documents([str(case)]))
    assert [d.text for d in items[:len(plain)]] == [d.text for d in plain]
    assert [d.url for d in items[len(plain):]] == ["https://news.example/mopti", None]
    assert json.loads(case.read_text().splitlines()[0])["text"] == items[0].text


def test_gzip_json_lines_are_read_a_line_at_a_time_and_damage_costs_only_what_follows(tmp_path):
    lines = [json.dumps({"text": f"Gunmen killed {n} people in Gao, Mali, on Tuesday.", "url": f"https://x.example/{n}"})
             for n in range(2, 7)]
    lines[2] = '{"text": "broken'  # a malformed line: reported by its number, the others read
    data = ("\n".join(lines) + "\n").encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    items = list(load_archives([str(tmp_path / "a.jsonl.gz")]))
    assert [getattr(i, "url", None) for i in items] == [f"https://x.example/{n}" for n in (2, 3)] + [None] + [
        f"https://x.example/{n}" for n in (5, 6)]
    assert items[2].line == 3 and "malformed JSON" in items[2].message
    whole = gzip.compress(data)
    (tmp_path / "b.jsonl.gz").write_bytes(whole[: len(whole) - 12])  # cut short: the end of the stream is lost
    cut = list(load_archives([str(tmp_path / "b.jsonl.gz")]))
    assert "unreadable archive" in cut[-1].message and cut[-1].origin.endswith("b.jsonl.gz")
