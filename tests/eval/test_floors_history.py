"""The evaluation floors only go up: no commit may lower one."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

FLOORS = Path(__file__).with_name("floors.json")
REPO = Path(__file__).resolve().parents[2]


def _flatten(data: dict, prefix: str = "") -> dict[str, float]:
    out = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = float(value)
    return out


def _versions() -> list[dict]:
    rel = FLOORS.relative_to(REPO).as_posix()
    try:
        commits = subprocess.run(["git", "log", "--format=%H", "--", rel], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no git history available")
    versions = []
    for commit in reversed(commits):
        shown = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=REPO, capture_output=True, text=True)
        if shown.returncode == 0:
            versions.append(_flatten(json.loads(shown.stdout)))
    versions.append(_flatten(json.loads(FLOORS.read_text())))
    return versions


def test_floors_never_decrease():
    versions = _versions()
    best: dict[str, float] = {}
    for version in versions:
        for key, value in version.items():
            assert value >= best.get(key, 0.0), f"floor {key} lowered to {value} (was {best[key]})"
            best[key] = max(best.get(key, 0.0), value)
