"""Fuzz the loaders with hostile documents mixed with valid ones, from files on disk; print what was lost.

Prints figures; it is not a test (the suite's property test is
``tests/unit/test_loader_properties.py``). Generates files in a temporary
folder: JSON Lines files where valid lines sit beside hostile ones (random
bytes, lone surrogates, NUL bytes, invalid UTF-8, nesting up to 5,000 deep,
numbers of 5,000 digits, wrong field types, lines cut short, absurd dates,
HTML with absurd charsets or markup the cleaner rejects), and whole hostile
files (binary, truncated, UTF-16 with and without BOM, declared charsets
rot13/undefined/base64, deep JSON, empty). Every file is read with
``load_documents`` as ``harmattan extract`` reads it. Prints:

- documents tried: hostile documents (a hostile line or file) + valid ones
- crashes: exceptions out of the loaders (must be 0)
- valid documents lost: valid lines or files that gave no document with their url (must be 0)
- hostile documents unreported: a hostile line or file that gave neither a document nor an error naming it (must be 0)

    .venv/bin/python bench/fuzz_loaders.py                  # 20,000 hostile + 10,000 valid, seed 9
    .venv/bin/python bench/fuzz_loaders.py --hostile 50000 --seed 1
"""
from __future__ import annotations

import argparse
import codecs
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from harmattan.loaders import load_documents
from harmattan.records import Document, LoadError
from harmattan.settings import Settings

WORDS = ("Gunmen killed villagers soldiers near Mopti Djibo Gao Kidal Ménaka attack army said Monday on the "
         "les hommes armés ont tué à l'armée a déclaré lundi près de").split()
LINES_PER_FILE = 60


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40))) + "."


def deep(rng: random.Random) -> bytes:
    n = rng.choice([100, 300, 999, 1000, 1001, 5000])
    return b'{"text": "x", "extra": ' + b"[" * n + b"]" * n + b"}"


def json_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False, 0, -1, 10 ** 30, 1e308, -0.0])
    if kind == 2:
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(0, 12)))
    if kind == 3:
        return sentence(rng)
    if kind == 4:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["text", "html", "url", "published", "title", "language", "source", "x"]): json_value(rng, depth + 1)
            for _ in range(rng.randint(0, 5))}


HTML_CHARSETS = ["rot13", "undefined", "base64", "utf-7", "zlib", "x-no-such", "utf-16", "hex", "uu", "idna", "cp1252"]


def hostile_line(rng: random.Random) -> tuple[str, bytes]:
    """(what it is, the bytes of one line: no newline inside)."""
    kind = rng.randrange(14)
    if kind == 0:
        return "random bytes", bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))).replace(b"\n", b" ")
    if kind == 1:
        return "lone surrogate", json.dumps({"text": sentence(rng) + "\ud800" + chr(0xDC00 + rng.randrange(1024)),
                                             "title": "\udfff"}).encode()
    if kind == 2:
        return "NUL byte", json.dumps({"text": sentence(rng)}).encode()[:-2] + b"\x00\"}"
    if kind == 3:
        return "invalid UTF-8", json.dumps({"text": sentence(rng)}).encode()[:-2] + bytes([rng.choice([0xC3, 0xE9, 0xFF, 0x80])]) + b"\"}"
    if kind == 4:
        return "deep nesting", deep(rng)
    if kind == 5:
        return "huge number", b'{"text": "x", "n": ' + b"9" * rng.randint(4300, 5000) + b"}"
    if kind == 6:
        return "wrong types", json.dumps({k: json_value(rng) for k in ("text", "url", "published", "title", "language")}).encode()
    if kind == 7:
        full = json.dumps({"url": "https://cut.example/x", "text": sentence(rng)}).encode()
        return "cut short", full[: rng.randint(1, len(full) - 1)]
    if kind == 8:
        return "absurd date", json.dumps({"text": sentence(rng), "published": rng.choice(
            ["2025-02-30", "0000-01-01", "9999-99-99", "+275760-09-13", "2025-06-07T25:61:00", "yesterday", "\ud800"])}).encode()
    if kind == 9:
        charset = rng.choice(HTML_CHARSETS)
        html = f'<html><head><meta charset="{charset}"></head><body><p>{sentence(rng)}</p></body></html>'
        return "html charset", json.dumps({"html": html}).encode()
    if kind == 10:
        markup = f'<html><body><a xmlns="data:x"><title data="\x01">t</title></a><p style="\x01">{sentence(rng)}</p>' \
                 f'<x:y {"a" * rng.randint(1, 5)}="\x02"></x:y>' + "<div>" * rng.randint(0, 3000) + "</body></html>"
        return "hostile markup", json.dumps({"html": markup}).encode()
    if kind == 11:
        # at least one byte that is not white space: a blank line is no document (JSON Lines skip them)
        return "control characters", b"\x01" + bytes(rng.randrange(32) for _ in range(rng.randint(0, 80))).replace(b"\n", b" ")
    if kind == 12:
        return "random JSON", json.dumps(json_value(rng)).encode()
    return "empty text", json.dumps({"text": rng.choice(["", "   ", "\t", None])}).encode()


def hostile_file(rng: random.Random) -> tuple[str, str, bytes]:
    """(what, suffix, bytes) of a whole hostile file."""
    kind = rng.randrange(10)
    text = sentence(rng)
    if kind == 0:
        return "binary", rng.choice([".txt", ".jsonl", ""]), bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
    if kind == 1:
        data = text.encode("utf-8")
        return "truncated multibyte", ".txt", data + "é".encode()[:1]
    if kind == 2:
        charset = rng.choice(HTML_CHARSETS)
        return "declared charset", ".html", (f'<html><head><meta charset="{charset}"></head><body><p>'
                                             f"{text}</p></body></html>").encode("latin-1", "replace") + b"\xe9\xff"
    if kind == 3:
        return "deep JSON file", ".json", deep(rng)
    if kind == 4:
        return "empty", rng.choice([".txt", ".jsonl", ".html"]), rng.choice([b"", b"  \n\t", b"\n\n"])
    if kind == 5:
        return "UTF-16 without BOM", ".jsonl", json.dumps({"text": text}).encode("utf-16-le")
    if kind == 6:
        return "NUL in text", ".txt", text.encode() + b"\x00" + text.encode()
    if kind == 7:
        return "JSON array of junk", ".json", json.dumps([json_value(rng) for _ in range(rng.randint(1, 5))]).encode()
    if kind == 8:
        return "control bytes", "", bytes(rng.randrange(32) for _ in range(rng.randint(1, 500)))
    return "cut JSON file", ".json", json.dumps({"text": text, "url": "https://cut.example/f"}).encode()[: rng.randint(1, 20)]


def valid_line(rng: random.Random, url: str) -> bytes:
    return json.dumps({"url": url, "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       "text": f"{sentence(rng)} {url}"}, ensure_ascii=rng.random() < 0.5).encode()


def build(folder: Path, hostile: int, valid: int, rng: random.Random):
    """Write the files; return what each holds: {path: (valid {line: url}, hostile lines, whole-file hostile?)}."""
    plan: dict[Path, tuple[dict[int, str], set[int], bool]] = {}
    kinds: Counter = Counter()
    hostile_left, valid_left, number = hostile, valid, 0
    whole_files = hostile // 20  # one hostile document in twenty is a whole file
    for _ in range(whole_files):
        what, suffix, data = hostile_file(rng)
        kinds[what] += 1
        path = folder / f"h{number:06d}{suffix}"
        number += 1
        path.write_bytes(data)
        plan[path] = ({}, set(), True)
    hostile_left -= whole_files
    while hostile_left > 0 or valid_left > 0:
        lines: list[bytes] = []
        valid_at: dict[int, str] = {}
        hostile_at: set[int] = set()
        n_valid = min(valid_left, rng.randint(1, LINES_PER_FILE // 3)) if valid_left else 0
        n_hostile = min(hostile_left, rng.randint(0, LINES_PER_FILE - n_valid))
        slots = ["v"] * n_valid + ["h"] * n_hostile
        rng.shuffle(slots)
        for slot in slots:
            if slot == "v":
                url = f"https://valid.example/{number}/{len(lines) + 1}"
                lines.append(valid_line(rng, url))
                valid_at[len(lines)] = url
            else:
                what, data = hostile_line(rng)
                kinds[what] += 1
                lines.append(data)
                hostile_at.add(len(lines))
        valid_left -= n_valid
        hostile_left -= n_hostile
        bom = b""
        if lines and lines[0][:1] == b"{" and rng.random() < 0.05:
            bom = codecs.BOM_UTF8
        path = folder / f"m{number:06d}.jsonl"
        number += 1
        data = bom + b"\n".join(lines) + (b"\n" if rng.random() < 0.8 else b"")
        if rng.random() < 0.05 and all(b"\xff" not in ln for ln in lines):  # UTF-16 JSON Lines with BOM
            try:
                data = data.decode("utf-8-sig").encode("utf-16")
            except UnicodeDecodeError:
                pass
        path.write_bytes(data)
        plan[path] = (valid_at, hostile_at, False)
    return plan, kinds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hostile", type=int, default=20_000)
    parser.add_argument("--valid", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="harmattan-fuzz-") as tmp:
        folder = Path(tmp)
        plan, kinds = build(folder, args.hostile, args.valid, rng)
        started = time.perf_counter()
        crashes, lost, unreported, read_docs, errors = 0, [], [], 0, 0
        for path, (valid_at, hostile_at, whole) in plan.items():
            try:
                items = list(load_documents([str(path)], settings))
            except Exception:  # noqa: BLE001 - counting crashes is the point
                crashes += 1
                traceback.print_exc(limit=3)
                continue
            docs = [i for i in items if isinstance(i, Document)]
            problems = [i for i in items if isinstance(i, LoadError)]
            read_docs += len(docs)
            errors += sum(p.fatal for p in problems)
            by_url = {d.url for d in docs}
            lost += [(str(path), line, url) for line, url in valid_at.items() if url not in by_url]
            covered = {p.line for p in problems if p.origin == str(path)}
            covered |= {int(d.origin.rsplit(":", 1)[1]) for d in docs if d.origin.startswith(f"{path}:")}
            if whole:
                if not items or not all(i.origin.startswith(str(path)) for i in items):
                    unreported.append(str(path))
            else:
                unreported += [f"{path}:{line}" for line in sorted(hostile_at - covered)]
        seconds = time.perf_counter() - started
    tried = args.hostile + args.valid
    print(f"documents tried: {tried:,} ({args.hostile:,} hostile, {args.valid:,} valid) in {len(plan):,} files, "
          f"seed {args.seed}")
    print("hostile kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print(f"crashes: {crashes}")
    print(f"valid documents lost: {len(lost)}")
    print(f"hostile documents unreported: {len(unreported)}")
    print(f"documents read: {read_docs:,}; errors reported: {errors:,}; loading took {seconds:.1f} s")
    for item in (lost + unreported)[:10]:
        print(f"  {item}")
    return 0 if crashes == 0 and not lost and not unreported else 1


if __name__ == "__main__":
    sys.exit(main())
