"""The OpenAPI description holds: schemathesis (every check) against a live server finds no failure.

Runs the ``st`` command of schemathesis against uvicorn on a free loopback port,
signed in as an analyst (so the write operations are exercised past their
401), on this module's own throwaway store. Deterministic generation: the same
requests on every run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PASSWORDS

pytestmark = pytest.mark.slow


def st_command() -> str:
    found = Path(sys.executable).parent / "st"
    if found.is_file():
        return str(found)
    if shutil.which("st"):
        return shutil.which("st")
    pytest.importorskip("schemathesis")
    pytest.skip("the schemathesis command `st` is not on the PATH")


def test_schemathesis_finds_no_failure(server, tmp_path):
    st = st_command()
    import httpx
    r = httpx.post(f"{server.url}/api/session", json={"name": "amina", "password": PASSWORDS["amina"]})
    assert r.status_code == 200
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    result = subprocess.run(
        [st, "run", f"{server.url}/api/openapi.json", "--checks", "all", "--max-examples", "25",
         "--generation-deterministic", "--header", f"Authorization: Bearer {r.json()['token']}",
         "--report-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=900, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "No issues found" in output or " passed" in output, output[-3000:]
