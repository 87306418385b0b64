"""The event store: documents, their claims, and the events derived from them.

SQLite (the embedded default) and PostgreSQL share one schema, written with
SQLAlchemy Core; ``save_*`` functions write, ``load_*``/``query_*`` read.
"""
from .db import connect, default_url
from .ingest import IngestSummary, backfill_documents, ingest_documents

__all__ = ["connect", "default_url", "IngestSummary", "backfill_documents", "ingest_documents"]
