"""Pure helpers of the pages: evidence highlighting, chart geometry, type colours, field lists.

Highlighting returns segments ``(text, marked)`` that templates print with
autoescape, so article text is never trusted as HTML.

>>> highlight("killing at least 21 people", "21")
[('killing at least ', False), ('21', True), (' people', False)]
"""
from __future__ import annotations

import math
import re

from ..taxonomy import load_taxonomy

# CSS class of each event type (map markers and legend), from the taxonomy file.
TYPE_CLASSES = {t: load_taxonomy().css(t) for t in load_taxonomy().types()}

# The order of fields on the event page (the rest follow).
FIELD_ORDER = (
    "event_type", "sub_event_type", "event_date", "event_date_end", "time_precision", "country", "country_code",
    "admin1", "admin1_new", "admin2", "location", "latitude", "longitude", "geo_precision", "actor1", "actor1_type",
    "assoc_actor_1", "actor2", "actor2_type", "assoc_actor_2", "fatalities", "fatalities_low", "fatalities_high",
    "injured", "missing", "abducted", "civilian_targeting", "background", "aggregate", "suspected_perpetrator",
    "confidence", "review_status", "notes",
)
_NOT_FIELDS = {"sources", "history", "versions", "claims", "requested_id", "corrections", "machine_values", "overrides",
               "event_id", "version", "updated_at"}


def type_class(event_type: str | None) -> str:
    """CSS class of an event type (colours of the map and legend).

    >>> type_class("Battles"), type_class("Something else")
    ('battles', 'other')
    """
    return TYPE_CLASSES.get(event_type or "", "other")


def as_list(value) -> list:
    """A filter value (absent, one, or repeated) as a list, for templates.

    >>> as_list(None), as_list("ML"), as_list(["ML", "BF"])
    ([], ['ML'], ['ML', 'BF'])
    """
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def field_rows(record: dict) -> list[str]:
    """Every field of a record to show, known ones first."""
    extra = sorted(k for k in record if k not in FIELD_ORDER and k not in _NOT_FIELDS)
    return [k for k in FIELD_ORDER if k in record] + extra


def show(value) -> str:
    """A field value as text for a table cell.

    >>> show(["A", "B"]), show(None), show(True), show(0)
    ('A; B', '', 'yes', '0')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items())
    return str(value)


def highlight(text: str, needle: str | None) -> list[tuple[str, bool]]:
    """Split ``text`` around the whole-word occurrences of ``needle`` (case-insensitive)."""
    if not text:
        return []
    if not needle or len(needle) < 1:
        return [(text, False)]
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out or [(text, False)]


def mark_sentences(text: str, sentences: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Split an article into segments, each with the fields whose evidence sentence it is (empty: plain text).

    >>> mark_sentences("A b. C d.", {"C d.": ["fatalities"]})
    [('A b. ', []), ('C d.', ['fatalities'])]
    """
    spans = []
    for sentence, fields in sentences.items():
        start = text.find(sentence) if sentence else -1
        if start >= 0:
            spans.append((start, start + len(sentence), fields))
    spans.sort()
    out, pos = [], 0
    for start, end, fields in spans:
        if start < pos:  # overlapping evidence: keep the first
            continue
        if start > pos:
            out.append((text[pos:start], []))
        out.append((text[start:end], sorted(set(fields))))
        pos = end
    if pos < len(text):
        out.append((text[pos:], []))
    return out


def timeline(rows: list[dict], width: int = 900, height: int = 160, pad: int = 28, max_bars: int = 104) -> dict | None:
    """Geometry of the chart over time: bars for events, a polyline for fatalities, a few labels.

    Weeks are summed into buckets of several weeks when there are more than ``max_bars`` of them,
    so 25 years are not squeezed into 1-pixel bars. ``first``, ``step`` and ``bucket_days`` let
    the page's brush turn a dragged span back into dates.

    >>> t = timeline([{"week": "2025-01-06", "events": 2, "fatalities": 10}, {"week": "2025-01-13", "events": 1, "fatalities": 0}])
    >>> len(t["bars"]), t["max_events"], t["max_fatalities"], t["bucket_days"]
    (2, 2, 10, 7)
    >>> years = [{"week": f"{y}-01-0{d}", "events": 1, "fatalities": 1} for y, d in ((2000, 3), (2024, 1))]
    >>> timeline(years)["bucket_days"] > 7
    True
    """
    if not rows:
        return None
    import datetime as dt
    first = dt.date.fromisoformat(rows[0]["week"])
    last = dt.date.fromisoformat(rows[-1]["week"])
    weeks = (last - first).days // 7 + 1
    per = max(1, math.ceil(weeks / max_bars))  # weeks per bar
    n = math.ceil(weeks / per)
    buckets: dict[int, dict] = {}
    for r in rows:
        i = (dt.date.fromisoformat(r["week"]) - first).days // 7 // per
        b = buckets.setdefault(i, {"events": 0, "fatalities": 0})
        b["events"] += r["events"]
        b["fatalities"] += r["fatalities"]
    step = (width - 2 * pad) / max(n, 1)
    max_e = max(b["events"] for b in buckets.values()) or 1
    max_f = max(b["fatalities"] for b in buckets.values()) or 1
    inner = height - 2 * pad
    bars, points = [], []
    for i in range(n):  # empty buckets are zeros on the line, not skipped
        b = buckets.get(i, {"events": 0, "fatalities": 0})
        x = pad + i * step
        start = first + dt.timedelta(weeks=i * per)
        end = start + dt.timedelta(weeks=per, days=-1)
        if i in buckets:
            h = inner * b["events"] / max_e
            label = f"week of {start.isoformat()}" if per == 1 else f"{start.isoformat()} to {end.isoformat()}"
            bars.append({"x": round(x + step * 0.1, 1), "y": round(height - pad - h, 1), "w": round(max(step * 0.8, 1), 1),
                         "h": round(h, 1), "start": start.isoformat(), "end": end.isoformat(),
                         "title": f"{label}: {b['events']} events, {b['fatalities']} killed"})
        points.append(f"{x + step / 2:.1f},{height - pad - inner * b['fatalities'] / max_f:.1f}")
    ticks = []
    for k in range(0, n, max(1, math.ceil(n / 6))):
        ticks.append({"x": round(pad + k * step, 1), "label": (first + dt.timedelta(weeks=k * per)).isoformat()})
    return {"width": width, "height": height, "pad": pad, "bars": bars, "line": " ".join(points), "ticks": ticks,
            "max_events": max_e, "max_fatalities": max_f, "weeks": weeks, "baseline": height - pad,
            "first": first.isoformat(), "step": round(step, 4), "bucket_days": 7 * per, "buckets": n}


def history_chart(history: list[dict], width: int = 420, height: int = 120, pad: int = 24) -> dict | None:
    """Geometry of the small chart of the toll as reports came in (a point per report)."""
    values = [(h.get("published") or "", h.get("fatalities")) for h in history if h.get("fatalities") is not None]
    if len(values) < 2:
        return None
    top = max(v for _, v in values) or 1
    step = (width - 2 * pad) / (len(values) - 1)
    pts = [{"x": round(pad + i * step, 1), "y": round(height - pad - (height - 2 * pad) * v / top, 1), "v": v, "date": d}
           for i, (d, v) in enumerate(values)]
    return {"width": width, "height": height, "points": pts, "line": " ".join(f"{p['x']},{p['y']}" for p in pts),
            "baseline": height - pad, "top": top}
