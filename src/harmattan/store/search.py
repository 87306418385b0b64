"""Search of the stored articles as analysts write it: ``OR``, "quoted phrases", any accents, place-name variants.

A query becomes a full-text query (SQLite FTS5 or PostgreSQL ``websearch``):
words must all be found, ``OR`` between two words or phrases finds either,
a quoted phrase is found as written. The index already ignores accents; each
word or phrase that names a place of the gazetteer also finds the place's
other spellings (Barsalogo, Barsalogho). Each hit carries its document's real
title and publisher and the events the document reports.

>>> parse_query('Mopti OR "Boulkessi attack" Djibo')
[('term', 'mopti'), ('or', ''), ('phrase', 'boulkessi attack'), ('term', 'djibo')]
>>> fts_query(parse_query('Mopti OR Djibo attack'), variants=lambda t: [t])
'"mopti" OR "djibo" AND "attack"'
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from ..exports import publisher
from ..gazetteer import load_gazetteer, normalise
from .schema import claims, events

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_MAX_VARIANTS = 8


def parse_query(q: str) -> list[tuple[str, str]]:
    """Terms, phrases and ``OR`` of a query, normalised (lower case, no accents, no punctuation)."""
    out: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(q):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            if out and out[-1][0] != "or":
                out.append(("or", ""))
            continue
        value = normalise(phrase if phrase is not None else word)
        if value:
            out.append(("phrase" if phrase is not None and " " in value else "term", value))
    while out and out[-1][0] == "or":
        out.pop()
    return out


@functools.lru_cache(maxsize=4096)
def place_variants(name: str) -> tuple[str, ...]:
    """The spellings the gazetteer knows for the places called ``name`` (itself first), at most a few."""
    if len(name) < 4:
        return (name,)
    return load_gazetteer().spellings(name, _MAX_VARIANTS)


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "") + '"'


def fts_query(parts: list[tuple[str, str]], variants: Callable[[str], tuple[str, ...] | list[str]] = place_variants) -> str:
    """An FTS5 query: each word or phrase with its variants, ``OR`` kept, everything else ANDed."""
    out: list[str] = []
    for kind, value in parts:
        if kind == "or":
            out.append("OR")
            continue
        if out and out[-1] != "OR":
            out.append("AND")  # FTS5 wants the AND spelt out after a group
        names = list(variants(value))
        group = " OR ".join(_quoted(n) for n in names)
        out.append(f"({group})" if len(names) > 1 else group)
    return " ".join(out)


def websearch_query(parts: list[tuple[str, str]], variants=place_variants) -> str:
    """The same query in PostgreSQL's ``websearch_to_tsquery`` syntax (variants as ``OR`` alternatives)."""
    out: list[str] = []
    for kind, value in parts:
        out.append("or" if kind == "or" else " or ".join(_quoted(n) for n in variants(value)))
    return " ".join(out).replace(" or ", " OR ")


def _title(title: str | None, body: str | None) -> str:
    """The document's title, else its first sentence (never a file path or a hash)."""
    if title and title.strip():
        return title.strip()
    first = re.split(r"(?<=[.!?])\s|\n", (body or "").strip(), maxsplit=1)[0]
    return (first[:117] + "…") if len(first) > 120 else first or "(untitled)"


def _link(url: str | None) -> str | None:
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def search(engine: Engine, q: str, limit: int = 20) -> list[dict]:
    """Stored articles matching ``q``, best first: title, publisher, date, link, snippet and their events."""
    parts = parse_query(q)
    if not any(kind != "or" for kind, _ in parts):
        return []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(text(
                "SELECT d.id, d.doc_key, d.title, d.source, d.url, d.published, substr(d.text, 1, 400) AS body, "
                "snippet(documents_fts, 1, '[', ']', ' ... ', 12) AS snip "
                "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n"),
                {"q": fts_query(parts), "n": limit}).all()
        else:
            rows = conn.execute(text(
                "SELECT id, doc_key, title, source, url, published, substr(text, 1, 400) AS body, "
                "ts_headline('simple', text, websearch_to_tsquery('simple', :q), "
                "'StartSel=[, StopSel=], MaxWords=25, MinWords=8') AS snip FROM documents "
                "WHERE tsv @@ websearch_to_tsquery('simple', :q) "
                "ORDER BY ts_rank(tsv, websearch_to_tsquery('simple', :q)) DESC LIMIT :n"),
                {"q": websearch_query(parts), "n": limit}).all()
        ids = [r.id for r in rows]
        linked: dict[int, list[dict]] = {}
        if ids:
            for r in conn.execute(select(claims.c.document_id, events.c.event_id, events.c.event_type,
                                         events.c.event_date, events.c.location, events.c.country_code,
                                         events.c.fatalities)
                                  .join(events, events.c.event_id == claims.c.event_id)
                                  .where(claims.c.document_id.in_(ids)).order_by(events.c.event_date)):
                items = linked.setdefault(r.document_id, [])
                if all(e["event_id"] != r.event_id for e in items):
                    items.append({"event_id": r.event_id, "event_type": r.event_type, "event_date": r.event_date,
                                  "location": r.location, "country_code": r.country_code, "fatalities": r.fatalities})
    return [{"document": r.doc_key, "title": _title(r.title, r.body),
             "publisher": publisher({"source": r.source, "url": r.url})[0] or None,
             "published": r.published, "url": _link(r.url), "snippet": r.snip, "events": linked.get(r.id, [])}
            for r in rows]
