"""Store behaviour on a real PostgreSQL server (started by tests/pg.py on loopback)."""
from __future__ import annotations

import pytest

from tests.pg import fresh_database

from .behaviour import *  # noqa: F401,F403  (the shared behaviour tests, parametrised by the store_url fixture)


@pytest.fixture
def store_url(pg_url) -> str:
    return fresh_database(pg_url)

