"""Archives for a backfill: gzip-compressed JSON Lines and WARC files (plain or gzip), beside what ``load_documents`` reads.

A WARC file (ISO 28500, what web archives and crawlers write) is a sequence
of records, each a header block and ``Content-Length`` bytes; the ``response``
records of HTML pages are read as pages, with the record's
``WARC-Target-URI`` as their URL. A ``.warc.gz`` is a series of gzip members,
one per record, which Python's gzip reads as one stream. Every other file
goes to :func:`~harmattan.loaders.files.load_documents`, so a folder may mix
them.

>>> import gzip, io
>>> body = b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n<html><body><p>Gunmen killed five people in Mopti, Mali.</p></body></html>"
>>> record = (b"WARC/1.0\\r\\nWARC-Type: response\\r\\nWARC-Target-URI: https://news.example/a\\r\\n"
...           b"Content-Type: application/http; msgtype=response\\r\\nContent-Length: " + str(len(body)).encode()
...           + b"\\r\\n\\r\\n" + body + b"\\r\\n\\r\\n")
>>> [(d.url, d.text[:14]) for d in read_warc(io.BytesIO(record), "a.warc")]
[('https://news.example/a', 'Gunmen killed ')]
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import Document, LoadError
from ..settings import Settings
from .files import load_bytes, load_documents, read_json_lines, stream_lines

Item = Document | LoadError
_JSONL_GZ = (".jsonl.gz", ".json.gz", ".ndjson.gz")
_WARC = (".warc", ".warc.gz")


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(_JSONL_GZ + _WARC)


def load_archives(paths: Iterable[str], settings: Settings | None = None,
                  published: dt.date | None = None) -> Iterator[Item]:
    """Every document of ``paths`` (files, folders read recursively in name order): archives here, the rest as
    :func:`load_documents` reads them."""
    settings = settings or Settings()
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        others: list[str] = []
        for file in files:
            if not is_archive(file):
                others.append(str(file))
                continue
            if others:
                yield from load_documents(others, settings=settings, published=published)
                others = []
            yield from load_archive(file, settings, published)
        if others:
            yield from load_documents(others, settings=settings, published=published)


def load_archive(path: Path, settings: Settings, published: dt.date | None = None) -> Iterator[Item]:
    """The documents of one gzip JSON Lines or WARC file; a damaged archive costs what follows the damage."""
    name = path.name.lower()
    try:
        if name.endswith(_JSONL_GZ):
            with gzip.open(path, "rb") as stream:  # read a line at a time: an archive may not fit in memory
                yield from read_json_lines(stream_lines(stream), str(path), settings, published)
            return
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as stream:
            yield from read_warc(stream, str(path), settings, published)
    except (OSError, EOFError, zlib.error) as exc:
        yield LoadError(str(path), f"unreadable archive: {exc}")


def read_warc(stream: BinaryIO, origin: str, settings: Settings | None = None,
              published: dt.date | None = None) -> Iterator[Item]:
    """The HTML pages of the ``response`` (and ``resource``) records of a WARC stream."""
    settings = settings or Settings()
    number = 0
    while True:
        line = stream.readline()
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            yield LoadError(origin, f"not a WARC record at record {number + 1}")
            return
        headers: dict[str, str] = {}
        for header in iter(stream.readline, b""):
            if not header.strip():
                break
            key, _, value = header.decode("utf-8", "replace").partition(":")
            headers[key.strip().lower()] = value.strip()
        try:
            length = int(headers.get("content-length", ""))
        except ValueError:
            yield LoadError(origin, f"WARC record {number + 1} without a Content-Length")
            return
        block = stream.read(length)
        number += 1
        kind = headers.get("warc-type", "")
        if kind not in ("response", "resource"):
            continue
        body, content_type = block, headers.get("content-type", "")
        if kind == "response" and content_type.startswith("application/http"):
            head, _, body = block.partition(b"\r\n\r\n")
            content_type = next((h.split(b":", 1)[1].decode("latin-1").strip() for h in head.split(b"\r\n")
                                 if h.lower().startswith(b"content-type:")), "")
        if content_type and "html" not in content_type.lower() and "text" not in content_type.lower():
            continue
        url = headers.get("warc-target-uri") or None
        for item in load_bytes(body, f"{origin}#{number}", settings, published,
                               kind="html" if "html" in content_type.lower() or not content_type else "text"):
            yield dataclasses.replace(item, url=item.url or url) if isinstance(item, Document) else item
