"""Shared test fixtures: where the shared folder is, the CLI of this checkout."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HARMATTAN_SHARED", REPO.parent / "shared"))
CLI = str(Path(sys.executable).with_name("harmattan"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared folder missing at {SHARED}")
        pytest.skip(f"shared folder missing at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def cli() -> str:
    return CLI

from tests.pg import pg_url  # noqa: E402,F401  (one real PostgreSQL server for the whole run)
