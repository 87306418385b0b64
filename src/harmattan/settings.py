"""One settings table: default < file < environment < command-line flag.

Every tunable of the project is a field of :class:`Settings`. A TOML file
(``$HARMATTAN_CONFIG`` or ``./harmattan.toml``) may override the defaults,
``HARMATTAN_<FIELD>`` variables override the file, and CLI flags override all.

>>> s = load_settings(env={"HARMATTAN_MAX_FILE_BYTES": "1000"}, config_path=None)
>>> s.max_file_bytes
1000
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping


@dataclass(frozen=True)
class Settings:
    # Store
    db_url: str = ""  # empty: $HARMATTAN_DB, else a SQLite file in the user's data folder
    # Inputs
    max_file_bytes: int = 64 * 1024 * 1024  # larger inputs are refused with a clear error
    max_document_chars: int = 2_000_000  # a document's text is cut here (pathological pages)
    # Extraction
    relevance_filter: bool = True  # skip heavy analysis of sentences with no event cue
    include_background: bool = False  # emit past-context events (flagged background) too
    include_aggregates: bool = True  # emit summed multi-incident claims (flagged aggregate)
    min_confidence: float = 0.0
    # Merging reports of one event
    merge_max_days: int = 4  # reports whose event dates differ more are not merged
    merge_max_km: float = 60.0  # ... or whose places are further apart
    merge_same_place_km: float = 12.0  # two differently named towns merge only when this close


def _coerce(value: str, kind: Any) -> Any:
    if kind in (bool, "bool"):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if kind in (int, "int"):
        return int(value)
    if kind in (float, "float"):
        return float(value)
    return value


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_path: str | os.PathLike | None = "auto",
) -> Settings:
    """Build the settings from defaults, a TOML file, the environment and overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    if config_path == "auto":
        config_path = env.get("HARMATTAN_CONFIG") or ("harmattan.toml" if Path("harmattan.toml").is_file() else None)
    if config_path:
        with open(config_path, "rb") as fh:
            data = tomllib.load(fh)
        values.update(data.get("harmattan", data))
    known = {f.name: f.type for f in fields(Settings)}
    for name, kind in known.items():
        raw = env.get(f"HARMATTAN_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(raw, kind)
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    return dataclasses.replace(Settings(), **values)
