"""The event store: documents, their claims, and the events derived from them.

SQLite (the embedded default) and PostgreSQL share one schema, written with
SQLAlchemy Core; ``save_*`` functions write, ``load_*``/``query_*`` read.
This package is the one room for the storage backend: the web app, the
monitor and the command line hold a :data:`Store` (what :func:`connect`
returns) and call the functions here with plain values; none of them imports
SQLAlchemy (``tests/unit/test_store_boundary.py`` checks it).
"""
from .db import Store, connect, default_url
from .ingest import IngestSummary, backfill_documents, ingest_documents

__all__ = ["Store", "connect", "default_url", "IngestSummary", "backfill_documents", "ingest_documents"]
