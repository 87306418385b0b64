"""Reads the web app needs beyond :mod:`.query`: sorted pages, counts, map points, places, the filters' choices.

They build on the store's filter (``EventFilter``) so the API, the pages and
``harmattan events`` select the same events; counts read the pre-aggregated
statistics (:mod:`.aggregates`) where these can answer.

>>> parse_sort("-fatalities"), parse_sort(None)
(('fatalities', True), ('event_date', True))
"""
from __future__ import annotations

import dataclasses
import json

from sqlalchemy import and_, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.engine import Connection, Engine

from . import aggregates
from .query import EventFilter, actor_match, query_events
from .query import where_clause as _store_where
from .schema import event_actors, events

SORTS = {"event_date": events.c.event_date, "fatalities": events.c.fatalities, "n_sources": events.c.n_sources,
         "country": events.c.country_code, "updated_at": events.c.updated_at, "event_type": events.c.event_type}


def where_every_match(flt: EventFilter):
    """The store's filter, but the actor condition as ``event_id IN (events of the actor)``.

    The store's ``EXISTS`` form walks events newest first and stops at a limit; counting, sorting
    by another column or grouping visits every match, and then starting from the actor index is
    far cheaper (seconds to milliseconds on a store of 200,000 events).
    """
    if not flt.actor:
        return _store_where(flt)
    base = _store_where(dataclasses.replace(flt, actor=None))
    cond = events.c.event_id.in_(select(event_actors.c.event_id).where(actor_match(flt.actor)))
    return cond if base is None else and_(base, cond)


def parse_sort(value: str | None) -> tuple[str, bool]:
    """``-fatalities`` -> ("fatalities", descending). Raises ValueError for unknown keys."""
    value = (value or "-event_date").strip()
    desc = value.startswith("-")
    key = value.lstrip("-+")
    if key not in SORTS:
        raise ValueError(f"sort by one of {', '.join(SORTS)} (prefix - for descending)")
    return key, desc


def page_events(engine: Engine, flt: EventFilter, sort: str = "event_date", desc: bool = True,
                offset: int = 0, limit: int = 50) -> tuple[int, list[dict]]:
    """One page of the events matching ``flt``, sorted, and the total count."""
    if flt.near:  # nearest first: the store sorts by distance
        found = list(query_events(engine, dataclasses.replace(flt, limit=None)))
        return len(found), found[offset:offset + limit]
    where = where_every_match(flt)
    column = SORTS[sort]
    order = [column.desc().nulls_last() if desc else column.asc().nulls_last(), events.c.event_id]
    with engine.connect() as conn:
        total = count_events(conn, flt)
        stmt = select(events.c.data, events.c.updated_at, events.c.review_status)
        # Counting reads the statistics, or starts from the actor's index (IN); one page walks the sort
        # column and checks the actor per row (the store's EXISTS), stopping after ``limit`` rows.
        rows_where = _store_where(flt) if flt.actor else where
        if rows_where is not None:
            stmt = stmt.where(rows_where)
        rows = conn.execute(stmt.order_by(*order).offset(offset).limit(limit)).all()
    return total, [{**json.loads(r.data), "updated_at": r.updated_at} for r in rows]


def count_events(conn: Connection, flt: EventFilter) -> int:
    """How many events match ``flt`` (whole months from the statistics where they can answer)."""
    parts = aggregates.plan(flt)
    if parts is None:
        return count_of_events(conn, flt)
    total = 0
    for part in parts:
        if part.months:
            total += sum(n for n, _ in aggregates.grouped(conn, flt, part, None).values())
        else:
            total += count_of_events(conn, aggregates.days_of(flt, part))
    return total


def count_of_events(conn: Connection, flt: EventFilter) -> int:
    """:func:`count_events` counted over the events alone."""
    where = where_every_match(flt)
    count = select(func.count()).select_from(events)
    return conn.execute(count.where(where) if where is not None else count).scalar_one()


def map_points(engine: Engine, flt: EventFilter, limit: int) -> tuple[int, str]:
    """Compact points for the map, newest first: their number and a JSON array of them, written by the database.

    Each point is :func:`harmattan.store.schema.map_point_sql` (id, position, type, fatalities, date, place,
    and :func:`area_level`), kept in the map's covering index (``map_point``); the database only joins them.
    Building thousands of dicts here cost more than the query.
    """
    where = where_every_match(flt)
    stmt = select(events.c.event_id, events.c.event_date, literal_column("events.map_point").label("map_point"))
    stmt = stmt.where(events.c.latitude.is_not(None), events.c.longitude.is_not(None))
    if where is not None:
        stmt = stmt.where(where)
    newest_first = [events.c.event_date.desc().nulls_last(), events.c.event_id]  # as the lists and the index
    rows = stmt.order_by(*newest_first).limit(limit).subquery()
    if engine.dialect.name == "postgresql":
        joined = func.string_agg(rows.c.map_point, aggregate_order_by(literal(","), rows.c.event_date.desc().nulls_last(),
                                                                      rows.c.event_id))
    else:  # SQLite joins the rows in the subquery's order
        joined = func.group_concat(rows.c.map_point, ",")
    array = literal("[").op("||")(joined).op("||")(literal("]"))
    stmt = select(func.count(), func.coalesce(array, "[]")).select_from(rows)
    with engine.connect() as conn:
        count, points = conn.execute(stmt).one()
    return count, points


def area_level(location: str | None, admin1: str | None, geo_precision: int | None) -> str:
    """How precisely an event is placed: ``point`` (a town or village), ``region`` or ``country`` (drawn as areas).

    >>> area_level("Djibo", "Sahel", 1), area_level(None, "Mopti", 3), area_level(None, None, 3)
    ('point', 'region', 'country')
    """
    if location and geo_precision != 3:
        return "point"
    return "region" if admin1 else "country"


def places(engine: Engine, flt: EventFilter, limit: int) -> list[dict]:
    """Places of the matching events (country, admin1, location) with their events and fatalities."""
    where = where_every_match(flt)
    stmt = select(events.c.country_code, events.c.admin1, events.c.location,
                  func.avg(events.c.latitude).label("lat"), func.avg(events.c.longitude).label("lon"),
                  func.count().label("n"), func.coalesce(func.sum(events.c.fatalities), 0).label("f"),
                  func.max(events.c.event_date).label("last"))
    if where is not None:
        stmt = stmt.where(where)
    stmt = (stmt.group_by(events.c.country_code, events.c.admin1, events.c.location)
            .order_by(func.count().desc(), events.c.location).limit(limit))
    with engine.connect() as conn:
        return [{"country_code": r.country_code, "admin1": r.admin1, "location": r.location,
                 "latitude": round(r.lat, 5) if r.lat is not None else None,
                 "longitude": round(r.lon, 5) if r.lon is not None else None,
                 "events": r.n, "fatalities": int(r.f), "last_event": r.last} for r in conn.execute(stmt)]


def latest_event_date(engine: Engine) -> str | None:
    """The day of the latest stored event (``YYYY-MM-DD``), None in an empty store."""
    with engine.connect() as conn:
        return conn.execute(select(func.max(events.c.event_date))).scalar()


def country_codes(engine: Engine, since: str, until: str) -> list[str]:
    """The countries (ISO codes, sorted) of the events between two days, both included."""
    with engine.connect() as conn:
        return sorted(c for (c,) in conn.execute(
            select(events.c.country_code).distinct().where(events.c.event_date.between(since, until))) if c)


def filter_choices(engine: Engine) -> dict:
    """What the filter forms offer: ``countries`` as (code, name), the event ``types`` and ``sub_types`` stored."""
    with engine.connect() as conn:
        countries = conn.execute(select(events.c.country_code, events.c.country).distinct()
                                 .where(events.c.country_code.is_not(None)).order_by(events.c.country)).all()
        types = [r[0] for r in conn.execute(select(events.c.event_type).distinct().order_by(events.c.event_type))]
        sub_types = [r[0] for r in conn.execute(select(events.c.sub_event_type).distinct()
                                                .where(events.c.sub_event_type.is_not(None)).order_by(events.c.sub_event_type))]
    return {"countries": [(c, n or c) for c, n in countries], "types": types, "sub_types": sub_types}
