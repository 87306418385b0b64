"""The week's changes per country: events, fatalities, new places and the most active actors, against the week before.

>>> from harmattan.store import connect
>>> from harmattan.store.query import EventFilter
>>> weekly_trends(connect("sqlite://"), dt.date(2025, 6, 4), EventFilter())
[]
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.engine import Engine

from .event_queries import where_every_match
from .query import EventFilter
from .schema import event_actors, events


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the first and last representable days (year 1, year 9999).

    >>> shift(dt.date(9999, 12, 27), 6), shift(dt.date(1, 1, 3), -14)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _monday(day: dt.date) -> dt.date:
    return shift(day, -day.weekday())


def weekly_trends(engine: Engine, week: dt.date, flt: EventFilter, lookback_weeks: int = 12) -> list[dict]:
    """Per country, the week starting ``week`` against the week before: events, fatalities, new places, actors.

    A place is new when no event was recorded there in the ``lookback_weeks`` before the week.
    """
    start = _monday(week)
    end = shift(start, 6)
    prev = shift(start, -7)
    horizon = shift(start, -7 * lookback_weeks)
    base = dataclasses.replace(flt, since=horizon.isoformat(), until=end.isoformat(), limit=None, near=None)
    where = where_every_match(base)
    cols = [events.c.event_id, events.c.country_code, events.c.country, events.c.event_date, events.c.location,
            events.c.admin1, events.c.fatalities]
    with engine.connect() as conn:
        rows = conn.execute(select(*cols).where(where)).all()
        ids = [r.event_id for r in rows if r.event_date >= start.isoformat()]
        actor_rows = []
        for i in range(0, len(ids), 500):
            actor_rows += conn.execute(select(event_actors.c.event_id, event_actors.c.actor)
                                       .where(event_actors.c.event_id.in_(ids[i:i + 500]))).all()
    actors_of = defaultdict(list)
    for event_id, actor in actor_rows:
        actors_of[event_id].append(actor)
    by_country: dict[str, dict] = {}
    seen_before: dict[str, set] = defaultdict(set)
    for r in rows:
        if r.event_date < start.isoformat() and r.location:
            seen_before[r.country_code].add(r.location)
    for r in rows:
        day = r.event_date
        if day < prev.isoformat():
            continue
        c = by_country.setdefault(r.country_code, {
            "country_code": r.country_code, "country": r.country, "events": 0, "fatalities": 0,
            "events_before": 0, "fatalities_before": 0, "new_places": set(), "actors": Counter()})
        if day >= start.isoformat():
            c["events"] += 1
            c["fatalities"] += r.fatalities or 0
            if r.location and r.location not in seen_before[r.country_code]:
                c["new_places"].add(r.location)
            for actor in actors_of[r.event_id]:
                if not actor.startswith("Civilians"):
                    c["actors"][actor] += 1
        else:
            c["events_before"] += 1
            c["fatalities_before"] += r.fatalities or 0
    out = []
    for c in by_country.values():
        out.append({**c, "events_change": c["events"] - c["events_before"],
                    "fatalities_change": c["fatalities"] - c["fatalities_before"],
                    "new_places": sorted(c["new_places"]),
                    "actors": [{"actor": a, "events": n} for a, n in c["actors"].most_common(5)]})
    return sorted(out, key=lambda c: (-c["fatalities"], -c["events"], c["country_code"] or ""))
