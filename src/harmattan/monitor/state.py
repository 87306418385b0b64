"""Polling intervals written for people, and each source's health as ``harmattan sources list`` shows it.

The sources, seen items, fetch log and health rows themselves are kept by the
store (:mod:`harmattan.store.monitor_state`).

>>> parse_every("5m"), parse_every("90s"), parse_every("1h30m"), parse_every("2.5")
(300.0, 90.0, 5400.0, 2.5)
"""
from __future__ import annotations

import datetime as dt
import re
import time

from ..store import Store
from ..store.monitor_state import load_sources_health


def parse_every(value: str) -> float:
    """A polling interval like ``30s``, ``5m``, ``1h``, ``1h30m`` (plain numbers are seconds)."""
    text = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text)
        if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([smhd])", "", text).strip():
            raise ValueError(f"expected an interval like 30s, 5m, 1h, not {value!r}")
        seconds = sum(float(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError("the interval must be positive")
    return seconds


def format_every(seconds: float) -> str:
    """``300`` -> ``5m``.

    >>> format_every(300), format_every(1.5), format_every(7200)
    ('5m', '1.5s', '2h')
    """
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def silence_of(last_item_at: float | None, mean_gap_s: float | None, now: float, factor: float,
               minimum: float) -> float | None:
    """Seconds a source has been silent when that is longer than usual, else None (pure).

    >>> silence_of(0.0, 600.0, 4 * 3600.0, factor=3, minimum=3600)
    14400.0
    >>> silence_of(0.0, 3600.0, 2 * 3600.0, factor=3, minimum=600) is None
    True
    """
    if last_item_at is None or mean_gap_s is None:
        return None
    quiet = now - last_item_at
    return quiet if quiet > max(factor * mean_gap_s, minimum) else None


def load_health(engine: Store, factor: float = 3.0, minimum: float = 6 * 3600.0, now: float | None = None) -> list[dict]:
    """Each source with its health: last success and error, failures in a row, items per day (last 7 days), silence."""
    now = time.time() if now is None else now
    week_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=7)).isoformat(timespec="seconds")
    out = []
    for h in load_sources_health(engine, week_ago):
        s = h.source
        created = dt.datetime.fromisoformat(h.created_at)
        days = min(7.0, max(1.0, (dt.datetime.now(dt.timezone.utc) - created).total_seconds() / 86400))
        silent = silence_of(h.last_item_at, h.mean_gap_s, now, factor, minimum)
        if h.failures:
            status = f"failing ({h.failures} in a row)"
        elif silent is not None:
            status = f"silent {format_every(round(silent / 60) * 60 or 60)} (usual gap {format_every(round(h.mean_gap_s / 60) * 60 or 60)})"
        elif h.last_success:
            status = "ok"
        else:
            status = "never fetched"
        out.append({
            "id": s.id, "name": s.name, "url": s.url, "every": format_every(s.every_s), "language": s.language,
            "kind": s.kind, "enabled": s.enabled, "last_success": h.last_success, "last_error": h.last_error,
            "last_error_at": h.last_error_at, "failures": h.failures or 0, "items_total": h.items_total or 0,
            "items_per_day": round(h.items_new / days, 1), "silent_s": silent,
            "silent_reported": bool(h.silent_reported), "status": status,
        })
    return out
