"""Store behaviour on SQLite (the same checks run on PostgreSQL in test_store_pg.py)."""
from __future__ import annotations

from .behaviour import *  # noqa: F401,F403  (the shared behaviour tests, parametrised by the store_url fixture)

import pytest


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"

