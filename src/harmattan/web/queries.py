"""Reads the web app needs beyond :mod:`harmattan.store.query`: pages, sorting, groupings, places, trends.

They build on the store's filter (``EventFilter``) so the API, the pages and
``harmattan events`` select the same events.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter, defaultdict

from sqlalchemy import and_, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.engine import Engine

from ..store import aggregates
from ..store.query import EventFilter, actor_match, query_events
from ..store.query import where_clause as _store_where
from ..store.schema import claims, documents, event_actors, events, overrides

SORTS = {"event_date": events.c.event_date, "fatalities": events.c.fatalities, "n_sources": events.c.n_sources,
         "country": events.c.country_code, "updated_at": events.c.updated_at, "event_type": events.c.event_type}
GROUPS = ("week", "country", "admin1", "type", "sub_event_type", "actor")


def _where(flt: EventFilter):
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
    """``-fatalities`` -> ("fatalities", descending). Raises ValueError for unknown keys.

    >>> parse_sort("-fatalities"), parse_sort(None)
    (('fatalities', True), ('event_date', True))
    """
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
    where = _where(flt)
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


def map_points(engine: Engine, flt: EventFilter, limit: int) -> tuple[int, str]:
    """Compact points for the map, newest first: their number and a JSON array of them, written by the database.

    Each point is :func:`harmattan.store.schema.map_point_sql` (id, position, type, fatalities, date, place,
    and :func:`area_level`), kept in the map's covering index (``map_point``); the database only joins them.
    Building thousands of dicts here cost more than the query.
    """
    where = _where(flt)
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


def group_counts(engine: Engine, flt: EventFilter, by: str) -> list[dict]:
    """Events and fatalities per ``by`` (country, admin1, type, sub_event_type, actor), largest first.

    Whole months come from the pre-aggregated statistics (:mod:`harmattan.store.aggregates`), the days
    at either end of the range from the events; filters the statistics do not cover read the events.
    """
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


def _grouped_events(conn, flt: EventFilter, by: str) -> dict[tuple, list[int]]:
    """(country_code, admin1) or (value,) -> [events, fatalities], counted over the events."""
    key = {"country": events.c.country_code, "admin1": events.c.admin1, "type": events.c.event_type,
           "sub_event_type": events.c.sub_event_type}.get(by)
    n, f = func.count().label("events"), func.coalesce(func.sum(events.c.fatalities), 0).label("fatalities")
    where = _where(flt)
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


def count_events(conn, flt: EventFilter) -> int:
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


def count_of_events(conn, flt: EventFilter) -> int:
    """:func:`count_events` counted over the events alone."""
    where = _where(flt)
    count = select(func.count()).select_from(events)
    return conn.execute(count.where(where) if where is not None else count).scalar_one()


def places(engine: Engine, flt: EventFilter, limit: int) -> list[dict]:
    """Places of the matching events (country, admin1, location) with their events and fatalities."""
    where = _where(flt)
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


def event_overrides(engine: Engine, claim_keys: list[str]) -> list[dict]:
    """Analysts' merges and splits touching these claims (active first), for the event page and undo."""
    if not claim_keys:
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(overrides).where(overrides.c.claim_a.in_(claim_keys) | overrides.c.claim_b.in_(claim_keys))
                            .order_by(overrides.c.id.desc())).all()
    return [{"id": r.id, "kind": "merge" if r.kind == "link" else "split", "claim_a": r.claim_a, "claim_b": r.claim_b,
             "active": bool(r.active), "created_at": r.created_at, "note": r.note} for r in rows]


def merge_preview(engine: Engine, keep_id: str, other_id: str) -> dict:
    """The event that merging ``other_id`` into ``keep_id`` would make (nothing is saved).

    Its reports are both events' reports, consolidated as the store does it, with the analysts'
    corrections of either applied; it keeps ``keep_id``.
    """
    from ..merge import consolidate
    from ..output import event_from_dict, event_to_dict
    from ..store.derive import _corrections_of, apply_corrections

    with engine.connect() as conn:
        rows = conn.execute(select(claims.c.claim_key, claims.c.data)
                            .where(claims.c.event_id.in_([keep_id, other_id])).order_by(claims.c.claim_key)).all()
        fixes = _corrections_of(conn, [r.claim_key for r in rows])
    reports = [event_from_dict(json.loads(r.data)) for r in rows]
    record = apply_corrections(event_to_dict(consolidate(reports)), fixes)
    return {**record, "event_id": keep_id, "n_reports": len(rows)}


def with_publishers(engine: Engine, records, batch: int = 500):
    """Records with each report's publisher (the document's ``source`` field) filled in, for the exports.

    The store keeps the publisher on the document, not on the event's sources; it is looked up by
    document key, ``batch`` records at a time, so an export still streams.
    """
    chunk: list[dict] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= batch:
            yield from _fill_publishers(engine, chunk)
            chunk = []
    if chunk:
        yield from _fill_publishers(engine, chunk)


def _fill_publishers(engine: Engine, chunk: list[dict]) -> list[dict]:
    keys = {(s.get("doc") or "").rsplit("#", 1)[0] for r in chunk for s in r.get("sources") or ()} - {""}
    with engine.connect() as conn:
        names = {k: n for k, n in conn.execute(select(documents.c.doc_key, documents.c.source)
                                               .where(documents.c.doc_key.in_(sorted(keys)))) if n}
    for record in chunk:
        record["sources"] = [s if s.get("source") or not names.get((s.get("doc") or "").rsplit("#", 1)[0])
                             else {**s, "source": names[(s.get("doc") or "").rsplit("#", 1)[0]]}
                             for s in record.get("sources") or ()]
    return chunk


def first_claim(engine: Engine, event_id: str) -> str | None:
    with engine.connect() as conn:
        row = conn.execute(select(claims.c.claim_key).where(claims.c.event_id == event_id)
                           .order_by(claims.c.claim_key)).first()
    return row.claim_key if row else None


def latest_event_date(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(func.max(events.c.event_date))).scalar()


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
    where = _where(base)
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
