"""The monitor's tables, beside the store's (same database, same versioned migrations).

The tables are defined in :mod:`harmattan.store.app_tables` and created by the
store's migrations; :func:`ensure_tables` brings a database's schema up to date
(safe to run twice, safe for several processes at once); the commands call it
when they start.

>>> from sqlalchemy import create_engine, inspect
>>> engine = create_engine("sqlite://")
>>> ensure_tables(engine)
>>> {'alert_log', 'alert_rules', 'fetch_log', 'seen_items', 'source_health', 'sources'} <= set(inspect(engine).get_table_names())
True
"""
from __future__ import annotations

from sqlalchemy.engine import Engine

from ..store.app_tables import alert_log, alert_rules, fetch_log, metadata, seen_items, source_health, sources

__all__ = ["alert_log", "alert_rules", "ensure_tables", "fetch_log", "metadata", "seen_items", "source_health", "sources"]


def ensure_tables(engine: Engine) -> None:
    """Bring the store's schema (the monitor's tables included) up to date."""
    from ..store.schema import migrate

    migrate(engine)
