"""Events and fatalities per country, region, type, sub-type or actor: the statistics, facets and comparisons.

Whole months come from the pre-aggregated statistics (:mod:`.aggregates`), the
days at either end of a range from the events; filters the statistics do not
cover read the events.

>>> from harmattan.store import connect
>>> from harmattan.store.query import EventFilter
>>> group_counts(connect("sqlite://"), EventFilter(), "country")
[]
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from . import aggregates
from .event_queries import where_every_match
from .query import EventFilter
from .schema import event_actors, events

GROUPS = ("week", "country", "admin1", "type", "sub_event_type", "actor")  # "week": :func:`.query.weekly_counts`


def group_counts(engine: Engine, flt: EventFilter, by: str) -> list[dict]:
    """Events and fatalities per ``by`` (country, admin1, type, sub_event_type, actor), largest first."""
    parts = aggregates.plan(flt, by)
    if parts is None:
        return group_counts_of_events(engine, flt, by)
    totals: dict[tuple, list[int]] = {}
    with engine.connect() as conn:
        for part in parts:
            found = (aggregates.grouped(conn, flt, part, by) if part.months
                     else _grouped_events(conn, aggregates.days_of(flt, part), by))
            for key, (n, f) in found.items():
                acc = totals.setdefault(key, [0, 0])
                acc[0] += n
                acc[1] += f
    return _group_rows(totals, by)


def group_counts_of_events(engine: Engine, flt: EventFilter, by: str) -> list[dict]:
    """:func:`group_counts` read from the events alone (any filter)."""
    with engine.connect() as conn:
        return _group_rows(_grouped_events(conn, flt, by), by)


def _group_rows(totals: dict[tuple, list[int]], by: str) -> list[dict]:
    out = []
    for key, (n, f) in sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][1], [str(k) for k in kv[0]])):
        item = {by: key[-1], "events": n, "fatalities": int(f)}
        if by == "admin1":
            item["country_code"] = key[0]
        out.append(item)
    return out


def _grouped_events(conn: Connection, flt: EventFilter, by: str) -> dict[tuple, list[int]]:
    """(country_code, admin1) or (value,) -> [events, fatalities], counted over the events."""
    key = {"country": events.c.country_code, "admin1": events.c.admin1, "type": events.c.event_type,
           "sub_event_type": events.c.sub_event_type}.get(by)
    n, f = func.count().label("events"), func.coalesce(func.sum(events.c.fatalities), 0).label("fatalities")
    where = where_every_match(flt)
    if by == "actor":
        stmt = select(event_actors.c.actor.label("key"), n, f).join(events, events.c.event_id == event_actors.c.event_id)
        group = [event_actors.c.actor]
    elif by == "admin1":
        stmt = select(events.c.country_code.label("country_code"), key.label("key"), n, f)
        group = [events.c.country_code, key]
    else:
        stmt = select(key.label("key"), n, f)
        group = [key]
    if where is not None:
        stmt = stmt.where(where)
    return {((row.country_code, row.key) if by == "admin1" else (row.key,)): [row.events, int(row.fatalities)]
            for row in conn.execute(stmt.group_by(*group))}
