"""Fixtures of the monitor's tests: a store with the monitor's tables, settings for loopback servers."""
from __future__ import annotations

import pytest

from harmattan.monitor.config import MonitorSettings
from harmattan.settings import Settings
from harmattan.store import connect
from harmattan.store.schema import migrate


@pytest.fixture
def engine(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    migrate(engine)
    return engine


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def monitor() -> MonitorSettings:
    """Short timeouts and no politeness delay, loopback allowed: the tests' servers are local and fast."""
    return MonitorSettings(timeout_s=1.0, fetch_deadline_s=5.0, retries=0, backoff_s=0.05, host_interval_s=0.0,
                           max_bytes=1 << 20, allow_networks=("127.0.0.0/8",), teaser_chars=0)
