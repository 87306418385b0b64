"""Hostile inputs through the real CLI: each bad one is reported with its name, the batch goes on, nothing is lost.

One test per cause found by fuzzing the loaders (issue 9), each as a user meets
it: a file on disk (or standard input) beside a good one, ``harmattan extract``
or ``ingest`` in a real process, the exit status and what was kept.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

GOOD = "Gunmen killed 12 villagers in Djibo, Soum province, Burkina Faso, on Monday, local officials said."


def run(cli: str, *args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([cli, *args], input=stdin, capture_output=True, timeout=300, env=env)


def summary(proc) -> str:
    return proc.stderr.decode("utf-8", "replace")


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


HOSTILE = {
    # a lone surrogate in a JSON string: the document is kept, its text made valid Unicode, a warning says so
    "surrogate.jsonl": b'{"url": "https://x.org/s", "text": "Gunmen killed 5 people in Mopti, Mali \\ud800 on Monday."}\n',
    # charsets that are codecs but not text encodings, or always fail
    "rot13.html": b'<html><head><meta charset="rot13"></head><body><p>Des hommes arm\xe9s ont tu\xe9 '
                  b'cinq civils \xe0 Mopti, au Mali.</p></body></html>',
    "undefined.html": b'<html><head><meta charset="undefined"></head><body><p>Des hommes arm\xe9s ont tu\xe9 '
                      b'cinq civils \xe0 Mopti, au Mali.</p></body></html>',
    # JSON nested 1,000 deep
    "deep.jsonl": b'{"text": "Gunmen killed five.", "extra": ' + b"[" * 1000 + b"]" * 1000 + b"}\n",
    # markup lxml's cleaner rejects (control characters in attributes), no article for trafilatura
    "cleaner.html": b'<html><body><a xmlns="data:text/html,x"><title data="\x01">t</title></a>'
                    b'<p style="\x01">Gunmen killed five people in Gao.</p></body></html>',
}


def test_each_hostile_file_is_reported_or_read_and_the_good_one_is_kept(cli, tmp_path, good):
    paths = []
    for name, data in HOSTILE.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    proc = run(cli, "extract", *paths, str(good), "--format", "jsonl", "--no-merge")
    err = summary(proc)
    assert "Traceback" not in err
    assert proc.returncode in (0, 1), err
    # the deep file gives no document, and says so with its name and line
    assert f"{tmp_path / 'deep.jsonl'}:1: unreadable JSON: nested deeper than" in err
    assert proc.returncode == 1  # an input was rejected; all others processed
    assert "surrogate.jsonl:1: 1 lone surrogate(s) (invalid Unicode) replaced with U+FFFD; document kept" in err
    events = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert any("Djibo" in (e.get("location") or "") for e in events), err  # the good document's event
    assert any(s.get("url") == "https://x.org/s" for e in events for s in e["sources"])  # the surrogate one, kept
    # rot13/undefined declared: read by detection; the cleaner's rejects read by trafilatura: none lost
    assert "5 documents" in summary(proc) and ", 1 errors" in err
    locations = sorted(e["location"] for e in events)
    assert locations == ["Djibo", "Gao", "Mopti", "Mopti", "Mopti"], locations


def test_one_nul_byte_on_one_json_line_costs_that_line_only(cli, tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        {"url": "https://x.org/1", "published": "2025-03-03", "text": GOOD},
        None,
        {"url": "https://x.org/3", "published": "2025-03-04", "text": "Jihadists killed 7 soldiers near Djibo, Burkina Faso."},
    ]
    raw = [json.dumps(x).encode() if x else b'{"text": "bad \x00 line"}' for x in lines]
    path.write_bytes(b"\n".join(raw) + b"\n")
    db = tmp_path / "s.sqlite"
    proc = run(cli, "ingest", str(path), "--db", str(db), "--no-progress")
    err = summary(proc)
    assert proc.returncode == 1 and "Traceback" not in err
    assert f"{path}:2: binary content" in err
    assert "2 new" in err
    with sqlite3.connect(db) as con:
        assert sorted(r[0] for r in con.execute("SELECT url FROM documents")) == ["https://x.org/1", "https://x.org/3"]


def test_json_lines_on_stdin_with_a_bad_first_line_keep_their_url_and_date(cli, tmp_path):
    stdin = b"this first line is not JSON\n" + b"\n".join(json.dumps(x).encode() for x in [
        {"url": "https://x.org/a", "published": "2025-03-03", "text": GOOD},
        {"url": "https://x.org/b", "published": "2025-03-05", "text": "Jihadists killed 7 soldiers near Djibo, Burkina Faso."},
    ]) + b"\n"
    db = tmp_path / "s.sqlite"
    proc = run(cli, "ingest", "-", "--db", str(db), "--no-progress", stdin=stdin)
    err = summary(proc)
    assert proc.returncode == 1, err  # the first line is rejected and named
    assert "<stdin>:1: malformed JSON" in err
    with sqlite3.connect(db) as con:
        rows = sorted(con.execute("SELECT url, published FROM documents"))
    assert rows == [("https://x.org/a", "2025-03-03"), ("https://x.org/b", "2025-03-05")]


def test_json_lines_in_a_file_with_no_known_suffix_are_read_by_their_lines(cli, tmp_path):
    path = tmp_path / "feed.dump"
    path.write_bytes(b"garbage\n" + json.dumps({"url": "https://x.org/a", "text": GOOD}).encode() + b"\n"
                     + json.dumps({"url": "https://x.org/b", "text": GOOD + " Again."}).encode() + b"\n")
    proc = run(cli, "extract", str(path), "--no-merge")
    err = summary(proc)
    assert f"{path}:1: malformed JSON" in err and "2 documents" in err and proc.returncode == 1


def test_utf16_json_lines_keep_every_line(cli, tmp_path):
    path = tmp_path / "docs.jsonl"
    text = "\n".join(json.dumps({"url": f"https://x.org/{i}", "text": GOOD + f" Report {i}."}, ensure_ascii=False)
                     for i in range(3)) + "\n"
    path.write_bytes(text.encode("utf-16"))
    proc = run(cli, "extract", str(path), "--no-merge")
    err = summary(proc)
    assert proc.returncode == 0, err
    assert "3 documents" in err


def test_exit_status_says_what_happened(cli, tmp_path, good):
    assert run(cli, "extract", str(good)).returncode == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    proc = run(cli, "extract", str(good), str(bad))
    assert proc.returncode == 1 and "Traceback" not in summary(proc)  # some inputs rejected, the rest processed
    proc = run(cli, "extract", str(good), "--format", "yaml")
    assert proc.returncode == 2  # usage
    settings = tmp_path / "harmattan.toml"
    settings.write_text("no_such_setting = 1\n")
    proc = run(cli, "extract", str(good), "--config", str(settings))
    assert proc.returncode == 2 and "unknown settings: no_such_setting" in summary(proc)
    settings.write_text("[[[not toml\n")
    proc = run(cli, "extract", str(good), "--config", str(settings))
    assert proc.returncode == 2 and "not valid TOML" in summary(proc) and "Traceback" not in summary(proc)


def test_full_disk_on_extract_output_is_an_error_not_a_traceback(cli, good):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    proc = run(cli, "extract", str(good), "-o", "/dev/full")
    err = summary(proc)
    assert proc.returncode == 2, err
    assert "cannot write /dev/full" in err and "Traceback" not in err


def test_output_into_a_missing_folder_is_an_error(cli, good, tmp_path):
    proc = run(cli, "extract", str(good), "-o", str(tmp_path / "no" / "such" / "out.jsonl"))
    assert proc.returncode == 2 and "cannot write" in summary(proc) and "Traceback" not in summary(proc)
