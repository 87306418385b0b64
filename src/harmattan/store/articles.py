"""The stored documents as the web app and the monitor read them: article texts, publishers, the events of one.

>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> load_texts(engine, ["https://example.org/a"]), event_ids_of_document(engine, "https://example.org/a")
({}, [])
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.engine import Engine

from .schema import claims, documents


def load_texts(engine: Engine, doc_keys: Iterable[str]) -> dict[str, str]:
    """Document key -> the article's text, for the keys that are stored."""
    with engine.connect() as conn:
        return {r.doc_key: r.text for r in conn.execute(select(documents.c.doc_key, documents.c.text)
                                                        .where(documents.c.doc_key.in_(sorted(doc_keys))))}


def event_ids_of_document(engine: Engine, doc_key: str) -> list[str]:
    """The events the claims of one stored document support (sorted ids)."""
    with engine.connect() as conn:
        return sorted({e for (e,) in conn.execute(
            select(claims.c.event_id).join(documents, documents.c.id == claims.c.document_id)
            .where(documents.c.doc_key == doc_key, claims.c.event_id.is_not(None)))})


def with_publishers(engine: Engine, records: Iterable[dict], batch: int = 500) -> Iterator[dict]:
    """Records with each report's publisher (the document's ``source`` field) filled in, for the exports.

    The store keeps the publisher on the document, not on the event's sources; it is looked up by
    document key, ``batch`` records at a time, so an export still streams.
    """
    chunk: list[dict] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= batch:
            yield from _fill_publishers(engine, chunk)
            chunk = []
    if chunk:
        yield from _fill_publishers(engine, chunk)


def _fill_publishers(engine: Engine, chunk: list[dict]) -> list[dict]:
    keys = {(s.get("doc") or "").rsplit("#", 1)[0] for r in chunk for s in r.get("sources") or ()} - {""}
    with engine.connect() as conn:
        names = {k: n for k, n in conn.execute(select(documents.c.doc_key, documents.c.source)
                                               .where(documents.c.doc_key.in_(sorted(keys)))) if n}
    for record in chunk:
        record["sources"] = [s if s.get("source") or not names.get((s.get("doc") or "").rsplit("#", 1)[0])
                             else {**s, "source": names[(s.get("doc") or "").rsplit("#", 1)[0]]}
                             for s in record.get("sources") or ()]
    return chunk
