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

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    # Store
    db_url: str = ""  # empty: $HARMATTAN_DB, else a SQLite file in the user's data folder
    # Where backfill extracts: a Dask scheduler (tcp://HOST:PORT; empty: a pool of this machine's processes)
    cluster: str = ""
    # Backfill writes this many documents per transaction (their events derived afterwards, per partition) ...
    backfill_batch: int = 250
    # ... and derives small partitions (a country's claims in a period) together up to this many claims
    backfill_partition_claims: int = 1000
    # ... and cuts a busy country (no quiet stretch of merge_max_gap days) into windows of about this many claims,
    # each clustered with the claims of the neighbouring weeks around it and keeping the events that start in it
    backfill_window_claims: int = 20_000
    # Inputs
    max_file_bytes: int = 64 * 1024 * 1024  # larger inputs are refused with a clear error
    max_document_chars: int = 2_000_000  # a document's text is cut here (pathological pages)
    max_json_depth: int = 200  # JSON nested deeper is refused with an error (no recursion into it)
    # A document whose extraction takes longer is reported and skipped, the batch goes on (0: no limit).
    document_time_budget_s: float = 5.0
    # Extraction
    relevance_filter: bool = True  # skip heavy analysis of sentences with no event cue
    include_background: bool = False  # emit past-context events (flagged background) too
    include_aggregates: bool = True  # emit summed multi-incident claims (flagged aggregate)
    min_confidence: float = 0.0
    # The day reports are read (YYYY-MM-DD; empty: today). It only bounds the year of an undated
    # report's "Sunday 3 January": the latest year, not after this day, where that date is a Sunday.
    read_on: str = ""
    # Pipeline components to skip, by name (see harmattan.pipeline.COMPONENTS), e.g. "publication_date".
    disabled_components: tuple[str, ...] = ()
    # Merging reports of one event
    merge_max_days: int = 4  # reports whose event dates differ more are not merged
    merge_max_days_exact: int = 2  # ... when both reports give the day
    merge_max_km: float = 60.0  # ... or whose places of one name are further apart (a town and its district)
    merge_same_place_km: float = 12.0  # two differently named towns merge only when this close ...
    merge_same_place_spelling: int = 75  # ... and their names this alike (rapidfuzz ratio): spellings of one place
    merge_near_km: float = 25.0  # a place "near" a town and another: this close, same day, same named group


def _coerce(value: str, kind: Any) -> Any:
    kind = str(kind)
    if kind == "bool":
        return value.strip().lower() in ("1", "true", "yes", "on")
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind.startswith("tuple"):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


def load_section(
    cls: type,
    table: str | None,
    env_prefix: str,
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_path: str | os.PathLike | None = "auto",
):
    """Build a settings dataclass from defaults, a TOML table, ``<env_prefix><FIELD>`` variables and overrides.

    ``table`` None reads the file's top level (or its ``[harmattan]`` table), other tables left to
    their own sections. Every part of the project reads its settings through this one function.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    if config_path == "auto":
        config_path = env.get("HARMATTAN_CONFIG") or ("harmattan.toml" if Path("harmattan.toml").is_file() else None)
    if config_path:
        try:
            with open(config_path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as err:
            raise ConfigError(f"cannot read the settings file {config_path}: {err.strerror or err}") from None
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"the settings file {config_path} is not valid TOML: {err}") from None
        if table is None:
            section = data.get("harmattan", {k: v for k, v in data.items() if not isinstance(v, dict)})
        else:
            section = data.get(table, {})
        values.update(section)
    known = {f.name: f.type for f in fields(cls)}
    for name, kind in known.items():
        raw = env.get(f"{env_prefix}{name.upper()}")
        if raw is not None:
            try:
                values[name] = _coerce(raw, kind)
            except ValueError:
                raise ConfigError(f"{env_prefix}{name.upper()}={raw!r} is not a valid {kind}") from None
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"unknown settings{f' in [{table}]' if table else ''}: {', '.join(sorted(unknown))}")
    for name, kind in known.items():
        if str(kind).startswith("tuple") and isinstance(values.get(name), (list, str)):
            raw = values[name]
            values[name] = tuple(v.strip() for v in raw.split(",")) if isinstance(raw, str) else tuple(raw)
    return dataclasses.replace(cls(), **values)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_path: str | os.PathLike | None = "auto",
) -> Settings:
    """Build the settings from defaults, a TOML file, the environment and overrides."""
    return load_section(Settings, None, "HARMATTAN_", overrides, env, config_path)
