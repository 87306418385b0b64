"""What the web app's health check and HTTP caching read of a store: its backend, whether it is empty, its version.

>>> from harmattan.store import connect
>>> engine = connect("sqlite://")
>>> backend_name(engine), is_empty(engine), load_version(engine) != "none"
('sqlite', True, True)
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from .aggregates import store_version
from .schema import documents, events


def backend_name(engine: Engine) -> str:
    """``sqlite`` or ``postgresql``."""
    return engine.dialect.name


def is_empty(engine: Engine) -> bool:
    """No event and no document stored (cheap: health is polled often, counting a big table is not)."""
    with engine.connect() as conn:
        has_events = conn.execute(select(events.c.event_id).limit(1)).first() is not None
        has_docs = conn.execute(select(documents.c.id).limit(1)).first() is not None
    return not (has_events or has_docs)


def load_version(engine: Engine) -> str:
    """The store's version (:func:`.aggregates.store_version`): it changes with every write of an event."""
    with engine.connect() as conn:
        return store_version(conn)
