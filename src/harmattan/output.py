"""Events to the interchange format (JSON Lines), CSV and a readable table.

>>> from harmattan.records import Event
>>> event_to_dict(Event("Battles", "Armed clash", "ML"))["event_type"]
'Battles'
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import TextIO

from .records import Event, Evidence, SourceRef

FIELDS = (
    "event_id", "event_type", "sub_event_type", "event_date", "event_date_end", "time_precision",
    "actor1", "actor1_type", "assoc_actor_1", "actor2", "actor2_type", "assoc_actor_2",
    "country", "country_code", "admin1", "admin1_new", "admin2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_high", "injured", "missing", "abducted",
    "civilian_targeting", "background", "aggregate", "suspected_perpetrator", "confidence", "notes", "sources", "history",
)


def _jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def event_to_dict(event: Event) -> dict:
    """The interchange record of ``../shared/spec/event-record.md`` (plus a few extra fields)."""
    out = {}
    for name in FIELDS:
        if name == "sources":
            out[name] = [
                {
                    "doc": s.doc, "url": s.url, "title": s.title,
                    "published": s.published.isoformat() if s.published else None,
                    "fatalities": s.fatalities,
                    "evidence": [{"field": e.field, "text": e.text} for e in s.evidence],
                    **({"published_bound": True} if s.published_bound else {}),
                }
                for s in event.sources
            ]
        elif name == "history":
            out[name] = [dict(h) for h in event.history]
        else:
            out[name] = _jsonable(getattr(event, name))
    return out


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def event_from_dict(data: dict) -> Event:
    """Rebuild an :class:`Event` from its interchange record (the inverse of :func:`event_to_dict`).

    >>> e = Event("Disaster", "Flood", "NG", event_date=dt.date(2025, 5, 29), fatalities=21)
    >>> event_from_dict(event_to_dict(e)) == e
    True
    """
    values = {}
    for name in FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("event_date", "event_date_end"):
            value = _date(value)
        elif name in ("assoc_actor_1", "assoc_actor_2"):
            value = tuple(value or ())
        elif name == "sources":
            value = tuple(
                SourceRef(
                    doc=s.get("doc"), url=s.get("url"), title=s.get("title"), published=_date(s.get("published")),
                    evidence=tuple(Evidence(e["field"], e["text"]) for e in s.get("evidence", ())),
                    fatalities=s.get("fatalities"), published_bound=bool(s.get("published_bound")),
                )
                for s in value or ()
            )
        elif name == "history":
            value = tuple(dict(h) for h in value or ())
        values[name] = value
    return Event(**values)


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event_to_dict(event), ensure_ascii=False) + "\n")


def write_csv(events: Iterable[Event], out: TextIO) -> None:
    """Flat CSV: lists joined with '; ', sources as their URLs or ids."""
    writer = csv.DictWriter(out, fieldnames=[f for f in FIELDS if f != "history"], extrasaction="ignore")
    writer.writeheader()
    for event in events:
        row = event_to_dict(event)
        row["assoc_actor_1"] = "; ".join(row["assoc_actor_1"])
        row["assoc_actor_2"] = "; ".join(row["assoc_actor_2"])
        row["sources"] = "; ".join(s["url"] or s["doc"] for s in row["sources"])
        writer.writerow(row)


def format_table(events: Iterable[Event], with_id: bool = False) -> str:
    """A plain table for people reading a terminal."""
    rows = [("date", "country", "admin1", "location", "type", "sub-type", "actor1", "actor2", "deaths", "srcs")]
    if with_id:
        rows[0] = ("id",) + rows[0]
    for e in events:
        rows.append(((e.event_id,) if with_id else ()) + (
            e.event_date.isoformat() if e.event_date else "?", e.country_code or "", e.admin1 or "", e.location or "",
            e.event_type, e.sub_event_type, e.actor1 or "", e.actor2 or "",
            "" if e.fatalities is None else str(e.fatalities), str(len(e.sources)),
        ))
    widths = [min(28 if not (with_id and i == 0) else 40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    buf = io.StringIO()
    for r in rows:
        buf.write("  ".join(cell[:w].ljust(w) for cell, w in zip(r, widths)).rstrip() + "\n")
    return buf.getvalue()
