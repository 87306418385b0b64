"""Read documents from paths, folders and standard input.

This is the loaders' only module that touches the disk. Every problem becomes a
:class:`LoadError` in the output stream, in input order, and the batch goes on.

>>> import io
>>> [doc] = load_documents(["-"], stdin=io.BytesIO(b"Gunmen killed five people in Mopti."))
>>> doc.origin, doc.text, doc.language
('<stdin>', 'Gunmen killed five people in Mopti.', 'en')
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import os
import stat
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

from ..records import Document, LoadError
from ..settings import Settings
from .decoding import NotText, decode_text, looks_binary
from .documents import Built, build_html_document, build_json_document, build_text_document
from .html import looks_like_html

__all__ = ["load_documents", "load_file", "load_bytes"]

Item = Document | LoadError

STDIN_ORIGIN = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
# Formats people drop into an input folder by mistake, named so the error says what they are.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF file"),
)


def load_documents(
    inputs: Sequence[str | os.PathLike],
    settings: Settings | None = None,
    published: dt.date | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Item]:
    """Yield a Document or a LoadError for each document or problem found in ``inputs``.

    Args:
        inputs: paths of files or folders (read recursively, sorted, hidden
            names skipped), or ``-`` for standard input.
        settings: size limits (``max_file_bytes``, ``max_document_chars``).
        published: the publication date of documents that carry none; a
            document's own date always wins.
        stdin: binary stream read for ``-`` (default ``sys.stdin.buffer``).

    A LoadError never stops the batch. Most stand for an input that gave no
    document; a few note what was dropped from a document that was kept (its
    message then ends with "ignored" or "document kept").

    >>> import io
    >>> lines = b'{"published": "2024-06-13", "text": "Gunmen killed five."}\\nnot json\\n'
    >>> for item in load_documents(["-"], published=dt.date(2024, 7, 1), stdin=io.BytesIO(lines)):
    ...     print(item.origin, getattr(item, "published", None) or item.message)
    <stdin>:1 2024-06-13
    <stdin> malformed JSON: Expecting value (column 1)
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]  # one path given where a list was meant
    settings = settings or Settings()
    for item in inputs:
        if item == "-":
            yield from _load_stdin(stdin, settings, published)
            continue
        path = Path(item)
        try:
            is_dir = path.is_dir()
        except OSError as err:  # e.g. a name too long
            yield LoadError(item, f"cannot read: {err.strerror or err}")
            continue
        if is_dir:
            yield from _load_folder(path, settings, published)
        else:
            yield from load_file(path, settings, published)


def _load_folder(folder: Path, settings: Settings, published: dt.date | None) -> Iterator[Item]:
    """Every file under ``folder`` in path order (``a/b.txt`` before ``a/c/d.txt`` before ``b.txt``)."""
    errors: list[OSError] = []
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    for path in sorted(found, key=lambda p: p.relative_to(folder).parts):
        yield from load_file(path, settings, published)
    for err in errors:
        yield LoadError(str(err.filename or folder), f"cannot read folder: {err.strerror or err}")
    if not found and not errors:
        yield LoadError(str(folder), "folder holds no files")


def load_file(path: Path, settings: Settings | None = None, published: dt.date | None = None) -> Iterator[Item]:
    """Yield the documents of one file, or the LoadError saying why there are none.

    The size is checked before reading, so an oversized file costs nothing.
    """
    settings = settings or Settings()
    origin = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        yield LoadError(origin, "no such file or folder")
        return
    except OSError as err:
        yield LoadError(origin, f"cannot read: {err.strerror or err}")
        return
    if not stat.S_ISREG(info.st_mode):
        yield LoadError(origin, "not a regular file")
        return
    limit = settings.max_file_bytes
    if info.st_size > limit:
        yield LoadError(origin, f"file is {info.st_size} bytes, over max_file_bytes ({limit}); refused without reading")
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)  # the file may have grown since stat()
    except OSError as err:
        yield LoadError(origin, f"cannot read: {err.strerror or err}")
        return
    if len(data) > limit:
        yield LoadError(origin, f"file is over max_file_bytes ({limit}); refused")
        return
    yield from load_bytes(data, origin, settings, published, kind=_kind_from_suffix(path))


def _load_stdin(stream: IO[bytes] | None, settings: Settings, published: dt.date | None) -> Iterator[Item]:
    stream = stream if stream is not None else sys.stdin.buffer
    limit = settings.max_file_bytes
    try:
        data = stream.read(limit + 1)
    except OSError as err:
        yield LoadError(STDIN_ORIGIN, f"cannot read: {err.strerror or err}")
        return
    if isinstance(data, str):  # a text stream was passed
        data = data.encode("utf-8")
    if len(data) > limit:
        yield LoadError(STDIN_ORIGIN, f"standard input is over max_file_bytes ({limit}); refused")
        return
    yield from load_bytes(data, STDIN_ORIGIN, settings, published)


def _kind_from_suffix(path: Path) -> str | None:
    suffix = path.suffix.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("jsonl", JSONL_SUFFIXES), ("json", JSON_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def load_bytes(
    data: bytes,
    origin: str,
    settings: Settings | None = None,
    published: dt.date | None = None,
    kind: str | None = None,
) -> Iterator[Item]:
    """Yield the documents held in ``data``: ``kind`` is text, html, json, jsonl or None (sniff).

    Without a kind, JSON Lines are recognised by their lines (most non-blank
    lines are JSON objects), not by the first line alone, so a bad first line
    does not turn a JSON Lines input into one text document.

    >>> [d.text for d in load_bytes(b'{"text": "One."}\\n{"text": "Two."}\\n', "x")]
    ['One.', 'Two.']
    >>> [type(i).__name__ for i in load_bytes(b'not json\\n{"text": "One."}\\n{"text": "Two."}\\n', "x")]
    ['LoadError', 'Document', 'Document']
    """
    settings = settings or Settings()
    if not data.strip():
        yield LoadError(origin, "empty file" if not data else "no text (whitespace only)")
        return
    for magic, what in _MAGIC:
        if data.startswith(magic):
            yield LoadError(origin, f"binary file ({what}); only text, HTML and JSON Lines are read")
            return
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Lines of UTF-16 cannot be cut at b"\\n": read it whole, then as the UTF-8 it holds.
        try:
            data = decode_text(data).encode("utf-8")
        except NotText as err:
            yield LoadError(origin, str(err), err.line)
            return
    elif data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if kind in ("json", "jsonl") or (kind is None and _looks_like_json(data)):
        # Checked line by line: one bad line (a NUL byte, bad UTF-8) costs that line only.
        yield from _load_json(data, origin, settings, published, kind)
        return
    if looks_binary(data[:8192]):
        yield LoadError(origin, "binary file (NUL or control bytes); only text, HTML and JSON Lines are read")
        return
    try:
        text = decode_text(data, html=kind in ("html", None))
    except NotText as err:
        yield LoadError(origin, str(err), err.line)
        return
    if kind == "html" or (kind is None and looks_like_html(text)):
        yield from _emit_safely(build_html_document, text, origin, settings, default_published=published)
    else:
        yield from _emit_safely(build_text_document, text, origin, settings, default_published=published)


def _emit_safely(build, value, origin: str, settings: Settings, *, line: int | None = None,
                 default_published: dt.date | None = None) -> Iterator[Item]:
    """Build one document; a failure no known check caught still costs this document only, reported."""
    try:
        built = build(value, origin, settings, line=line, default_published=default_published)
    except RecursionError:
        yield LoadError(origin, "nested too deeply to read", line)
        return
    except Exception as exc:  # noqa: BLE001 - the batch must go on; the report names the input and the cause
        yield LoadError(origin, f"could not be read ({type(exc).__name__}: {exc})", line)
        return
    yield from _emit(built)


def _emit(built: Built) -> Iterator[Item]:
    doc, notes = built
    yield from notes
    if doc is not None:
        yield doc


def _load_json(
    data: bytes, origin: str, settings: Settings, published: dt.date | None, kind: str | None
) -> Iterator[Item]:
    """A single JSON object or array of objects, else JSON Lines (one object per line)."""
    if kind != "jsonl":
        whole = _parse_whole(data, settings.max_json_depth)
        if whole is not None:
            for line, obj in whole:
                yield from _emit_safely(build_json_document, obj, origin, settings, line=line, default_published=published)
            return
        if kind is None and not _json_lines_by_majority(data):
            # "{" or "[" opening a plain text ("[Update] ...")
            try:
                text = decode_text(data)
            except NotText as err:
                yield LoadError(origin, str(err), err.line)
                return
            yield from _emit_safely(build_text_document, text, origin, settings, default_published=published)
            return
    yield from _load_json_lines(data, origin, settings, published)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str) -> int:
    """How deeply a JSON text nests arrays and objects (brackets inside strings do not count).

    >>> json_depth('{"a": [[1], {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(text):
        ch = token.group()
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _loads(text: str, max_depth: int):
    """``json.loads`` that refuses nesting deeper than ``max_depth`` (a ValueError, never a RecursionError)."""
    # Fewer brackets than the limit cannot nest past it: the exact count only for texts that could.
    if text.count("[") + text.count("{") > max_depth and json_depth(text) > max_depth:
        raise ValueError(f"nested deeper than {max_depth} levels (max_json_depth)")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None


def _looks_like_json(data: bytes) -> bool:
    """Does an input of unknown kind hold JSON (one value, or JSON Lines)?"""
    if data.lstrip()[:1] in (b"{", b"["):
        return True
    return _json_lines_by_majority(data)


def _json_lines_by_majority(data: bytes, sample: int = 200) -> bool:
    """True when most of the first non-blank lines are shaped as JSON objects (``{...}``).

    Shape, not parse: a line that is an object gone bad (cut, too deep, a NUL
    byte) still marks JSON Lines, and is then reported on its own.
    """
    total = objects = 0
    for raw in data.split(b"\n", sample * 4):
        raw = raw.strip()
        if not raw:
            continue
        total += 1
        objects += raw.startswith(b"{") and raw.endswith(b"}")
        if total >= sample:
            break
    return objects >= 1 and objects * 2 >= total


def _parse_whole(data: bytes, max_depth: int) -> list[tuple[int | None, object]] | None:
    """(line, value) pairs when ``data`` is one JSON value spanning the file, else None."""
    try:
        text = decode_text(data)
    except NotText:
        return None
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            value = _loads(stripped, max_depth)
        except ValueError:
            return None
        # one object on one line is a one-line JSON Lines file: name its line
        line = None if "\n" in stripped else text.count("\n", 0, text.index("{")) + 1
        return [(line, value)]
    if stripped.startswith("["):
        if json_depth(stripped) > max_depth:
            return None
        return _array_items(text)
    return None


def _array_items(text: str) -> list[tuple[int | None, object]] | None:
    """Elements of a top-level JSON array with the line each starts on."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    items: list[tuple[int | None, object]] = []
    try:
        while True:
            pos = _skip_space(text, pos)
            if pos < len(text) and text[pos] == "]":
                break
            value, end = decoder.raw_decode(text, pos)
            items.append((text.count("\n", 0, pos) + 1, value))
            pos = _skip_space(text, end)
            if pos < len(text) and text[pos] == ",":
                pos += 1
            elif pos < len(text) and text[pos] == "]":
                break
            else:
                return None
    except (ValueError, RecursionError):
        return None
    if text[pos + 1:].strip():
        return None
    return items


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _numbered_lines(data: bytes) -> Iterable[tuple[int, int, bytes]]:
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), 1):
        yield number, offset, raw
        offset += len(raw) + 1


def _load_json_lines(data: bytes, origin: str, settings: Settings, published: dt.date | None) -> Iterator[Item]:
    yield from read_json_lines(_numbered_lines(data), origin, settings, published)


def stream_lines(stream: IO[bytes]) -> Iterator[tuple[int, int, bytes]]:
    """The lines of a binary stream read one at a time (an archive larger than memory): number, byte offset, bytes.

    >>> import io
    >>> list(stream_lines(io.BytesIO(b"\\xef\\xbb\\xbfa\\nb")))
    [(1, 0, b'a'), (2, 5, b'b')]
    """
    offset = 0
    for number, raw in enumerate(stream, 1):
        size = len(raw)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        yield number, offset, raw.rstrip(b"\n")
        offset += size


def read_json_lines(lines: Iterable[tuple[int, int, bytes]], origin: str, settings: Settings,
                    published: dt.date | None) -> Iterator[Item]:
    """The documents of JSON Lines given as (number, byte offset, bytes): a bad line costs that line only."""
    any_line = False
    for number, offset, raw in lines:
        if not raw.strip():
            continue
        any_line = True
        try:
            line_text = decode_text(raw, base_offset=offset, base_line=number)
        except NotText as err:
            yield LoadError(origin, f"{err} (byte offset {offset})" if "offset" not in str(err) else str(err), number)
            continue
        try:
            obj = _loads(line_text, settings.max_json_depth)
        except json.JSONDecodeError as err:
            yield LoadError(origin, f"malformed JSON: {err.msg} (column {err.colno})", number)
            continue
        except ValueError as err:  # too deep, a number too long to read ...
            yield LoadError(origin, f"unreadable JSON: {err}", number)
            continue
        yield from _emit_safely(build_json_document, obj, origin, settings, line=number, default_published=published)
    if not any_line:
        yield LoadError(origin, "no text (whitespace only)")
