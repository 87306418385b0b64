"""A document's claims: what its reports say, ready for the store, extracted without touching it.

The fetch/save split of the store (github-to-sqlite's model): :func:`extract_claims`
is pure and picklable (a top-level function of a document and the settings, its
result plain frozen records), so it runs the same in this process, in a process
pool or on a Dask worker; the store's :func:`harmattan.store.save.save_claims`
writes the result in one transaction and never imports the extraction.

A claim is one single-report event of one article, known by
``<document key>#<article>/<incident number>``; the document is known by its
URL, else the file it came from, else its content (:func:`document_key`).

>>> import datetime as dt
>>> doc = Document("d1", "example", "Gunmen killed 44 civilians in Fambita, Tillaberi region, Niger, on Friday.",
...                url="https://news.example/fambita", published=dt.date(2025, 3, 22))
>>> found = extract_claims(doc)
>>> [(c.key, c.country_code, c.record["fatalities"]) for c in found.claims]
[('https://news.example/fambita#0/0', 'NE', 44)]
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass

from .budget import within_budget
from .output import event_to_dict
from .records import Document
from .settings import Settings


@dataclass(frozen=True)
class Claim:
    """One report's account of one incident: its key, the fields the store indexes, its interchange record."""

    key: str
    country_code: str | None
    event_date: str | None
    record: dict


@dataclass(frozen=True)
class DocumentClaims:
    """A document with its key, its content hash and every claim extracted from it."""

    document: Document
    key: str
    content_hash: str
    claims: tuple[Claim, ...]
    articles: int = 0


def content_hash(doc: Document) -> str:
    """Hash of what the document says (text, title, date, URL): equal content, equal hash."""
    parts = [doc.text, doc.title or "", doc.published.isoformat() if doc.published else "", doc.url or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def document_key(doc: Document) -> str:
    """How a document is known: its URL, else the file it came from, else its content.

    >>> document_key(Document("d", "a.jsonl:3", "text", url="https://x.org/a"))
    'https://x.org/a'
    """
    if doc.url:
        return doc.url
    origin = doc.origin or ""
    if origin and not origin.startswith("<stdin>") and ":" not in os.path.basename(origin) and os.path.exists(origin):
        return "file://" + os.path.abspath(origin)
    return "sha256:" + content_hash(doc)


def extract_claims(doc: Document, settings: Settings | None = None, key: str | None = None) -> DocumentClaims:
    """Extract the claims of one document, within the per-document time budget.

    Args:
        doc: the document.
        settings: extraction settings (default: the defaults).
        key: how the store knows the document (default :func:`document_key`; a store
            being rebuilt keeps its keys).

    Raises :class:`~harmattan.errors.DocumentTimeout` when extraction runs over
    ``document_time_budget_s``. The knowledge is loaded once per process (the
    pipeline is cached per settings), so a worker pays for it on its first document only.
    """
    from .pipeline import extract_document_events, warm_up  # the pipeline loads its knowledge lazily

    settings = settings or Settings()
    key = key or document_key(doc)
    warm_up(settings)
    events, n_articles = within_budget(settings.document_time_budget_s, extract_document_events, doc, settings)
    out = []
    per_article: dict[str, int] = {}
    for event in events:
        article = event.sources[0].doc.rsplit("#", 1)[-1] if event.sources else "0"
        number = per_article.get(article, 0)
        per_article[article] = number + 1
        claim_key = f"{key}#{article}/{number}"
        source = dataclasses.replace(event.sources[0], doc=f"{key}#{article}")
        history = tuple({**h, "source": f"{key}#{article}"} for h in event.history)
        record = event_to_dict(dataclasses.replace(event, event_id=claim_key, sources=(source,), history=history))
        out.append(Claim(claim_key, record["country_code"], record["event_date"], record))
    return DocumentClaims(doc, key, content_hash(doc), tuple(out), n_articles)
