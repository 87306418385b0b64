"""Reading the store: filtered events, one event in full, actors (full-text search: :mod:`.search`).

>>> f = EventFilter(country="ML", since="2025-05-01", min_fatalities=10)
>>> f.country, f.min_fatalities
('ML', 10)
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.engine import Engine

from .schema import claims, documents, event_actors, event_aliases, event_versions, events


@dataclass(frozen=True)
class EventFilter:
    """What to select. Text fields take one value or a tuple of values (any of them matches)."""
    country: str | tuple[str, ...] | None = None  # ISO2 code or country name
    admin1: str | tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None
    event_type: str | tuple[str, ...] | None = None
    actor: str | tuple[str, ...] | None = None
    min_fatalities: int | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    limit: int | None = None
    include_background: bool = False
    include_rejected: bool = False  # events an analyst marked "not an event"
    sub_event_type: str | tuple[str, ...] | None = None
    civilian_targeting: bool | None = None  # None: either
    text: str | None = None  # found (any case) in the place, actor or type names


def _values(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """One filter value or several as a tuple.

    >>> _values("ML"), _values(("ML", "BF")), _values(None)
    (('ML',), ('ML', 'BF'), ())
    """
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def like_pattern(text: str) -> str:
    """A LIKE pattern finding ``text`` anywhere, lower-cased, its wildcards escaped (use with ``escape="\\"``).

    >>> like_pattern("50%_")
    '%50\\\\%\\\\_%'
    """
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column, text: str):
    return func.lower(column).like(like_pattern(text), escape="\\")


def _one_of_lower(column, values: tuple[str, ...]):
    lowered = [v.lower() for v in values]
    return func.lower(column) == lowered[0] if len(lowered) == 1 else func.lower(column).in_(lowered)


def actor_match(actor: str | tuple[str, ...]):
    """The condition on ``event_actors`` rows of one actor or several (known aliases exactly, other text as part of a name)."""
    conds = []
    for name in _values(actor):
        names = resolve_actor(name)
        conds.append(event_actors.c.actor.in_(names) if names else _contains(event_actors.c.actor, name))
    return conds[0] if len(conds) == 1 else or_(*conds)


def parse_near(value: str) -> tuple[float, float, float]:
    """``"LAT,LON,KM"`` to numbers, with a clear error.

    >>> parse_near("14.3,-3.6,50")
    (14.3, -3.6, 50.0)
    """
    parts = value.split(",")
    if len(parts) != 3:
        raise ValueError("expected LAT,LON,KM")
    lat, lon, km = (float(p) for p in parts)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise ValueError("latitude, longitude or distance out of range")
    return lat, lon, km


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def resolve_actor(name: str) -> list[str]:
    """Canonical names an actor alias stands for (empty when the knowledge base does not know it)."""
    from ..actors import load_actor_kb
    kb = load_actor_kb()
    found = kb.resolve(name)
    return [found.name] if found else []


def country_code(value: str) -> str:
    """An ISO2 code from a code or a country name; ValueError when unknown."""
    if len(value) == 2:
        return value.upper()
    import pycountry
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        raise ValueError(f"unknown country: {value}") from None


def where_clause(flt: EventFilter):
    """The SQL condition of a filter (None when it filters nothing)."""
    cond = []
    if not flt.include_background:
        cond.append(or_(events.c.background.is_(False), events.c.background.is_(None)))
    if not flt.include_rejected:
        cond.append(or_(events.c.review_status.is_(None), events.c.review_status != "not_event"))
    if flt.country:
        codes = [country_code(c) for c in _values(flt.country)]
        cond.append(events.c.country_code == codes[0] if len(codes) == 1 else events.c.country_code.in_(codes))
    if flt.admin1:
        cond.append(_one_of_lower(events.c.admin1, _values(flt.admin1)))
    if flt.since:
        cond.append(events.c.event_date >= flt.since)
    if flt.until:
        cond.append(events.c.event_date <= flt.until)
    if flt.event_type:
        cond.append(_one_of_lower(events.c.event_type, _values(flt.event_type)))
    if flt.sub_event_type:
        cond.append(_one_of_lower(events.c.sub_event_type, _values(flt.sub_event_type)))
    if flt.civilian_targeting is not None:
        cond.append(events.c.civilian_targeting.is_(True) if flt.civilian_targeting
                    else or_(events.c.civilian_targeting.is_(False), events.c.civilian_targeting.is_(None)))
    if flt.text:
        cond.append(or_(*(_contains(c, flt.text) for c in (
            events.c.location, events.c.admin1, events.c.admin2, events.c.actor1, events.c.actor2,
            events.c.event_type, events.c.sub_event_type))))
    if flt.min_fatalities is not None:
        cond.append(events.c.fatalities >= flt.min_fatalities)
    if flt.actor:
        # A known alias (GSIM, EIGS, Wagner) uses the actor index; other text matches part of a name.
        match = actor_match(flt.actor)
        # EXISTS lets the database walk events newest first and stop at the limit.
        cond.append(exists().where(event_actors.c.event_id == events.c.event_id, match))
    if flt.near:
        lat, lon, km = flt.near
        dlat = km / 111.0
        dlon = km / (111.0 * max(0.01, math.cos(math.radians(lat))))
        cond += [events.c.latitude.between(lat - dlat, lat + dlat), events.c.longitude.between(lon - dlon, lon + dlon)]
    return and_(*cond) if cond else None


def query_events(engine: Engine, flt: EventFilter) -> Iterator[dict]:
    """Interchange records of the events matching ``flt``, newest first (nearest first with ``near``)."""
    where = where_clause(flt)
    with engine.connect() as conn:
        if flt.near:
            # Distances on the small columns first (the bounding box uses the lat/lon index),
            # then the full records of the nearest only.
            lat, lon, km = flt.near
            stmt = select(events.c.event_id, events.c.latitude, events.c.longitude).where(where)
            hits = sorted(
                (d, event_id) for event_id, elat, elon in conn.execute(stmt)
                if (d := _km(lat, lon, elat, elon)) <= km
            )[: flt.limit or None]
            distance = {event_id: d for d, event_id in hits}
            records = {}
            ids = list(distance)
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                for event_id, data, updated in conn.execute(
                        select(events.c.event_id, events.c.data, events.c.updated_at).where(events.c.event_id.in_(chunk))):
                    records[event_id] = {**json.loads(data), "distance_km": round(distance[event_id], 1), "updated_at": updated}
            for _, event_id in hits:
                yield records[event_id]
            return
        stmt = select(events.c.data, events.c.updated_at)
        if where is not None:
            stmt = stmt.where(where)
        stmt = stmt.order_by(events.c.event_date.desc(), events.c.event_id)
        if flt.limit:
            stmt = stmt.limit(flt.limit)
        for data, updated in conn.execute(stmt):
            yield {**json.loads(data), "updated_at": updated}


def resolve_event_id(engine: Engine, event_id: str) -> str | None:
    """The current id of an event, following merges (aliases)."""
    with engine.connect() as conn:
        if conn.execute(select(events.c.event_id).where(events.c.event_id == event_id)).first():
            return event_id
        row = conn.execute(select(event_aliases.c.new_id).where(event_aliases.c.old_id == event_id)).first()
        return row.new_id if row else None


def load_event(engine: Engine, event_id: str) -> dict | None:
    """One event in full: its record, version history and supporting claims."""
    current = resolve_event_id(engine, event_id)
    if current is None:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(events.c.data, events.c.version, events.c.updated_at)
                           .where(events.c.event_id == current)).first()
        versions = [
            {"version": v.version, "changed_at": v.changed_at, "reason": v.reason,
             "fatalities": json.loads(v.data).get("fatalities")}
            for v in conn.execute(select(event_versions).where(event_versions.c.event_id == current)
                                  .order_by(event_versions.c.version))
        ]
        support = [
            {"claim": c.claim_key, "document": c.doc_key, "title": c.title, "published": c.published}
            for c in conn.execute(select(claims.c.claim_key, documents.c.doc_key, documents.c.title, documents.c.published)
                                  .join(documents, documents.c.id == claims.c.document_id)
                                  .where(claims.c.event_id == current).order_by(claims.c.claim_key))
        ]
    record = json.loads(row.data)
    return {**record, "version": row.version, "updated_at": row.updated_at, "versions": versions, "claims": support,
            "requested_id": event_id}


def actor_counts(engine: Engine, flt: EventFilter | None = None) -> list[dict]:
    """Actors with their number of events (all roles), most active first."""
    stmt = (select(event_actors.c.actor, func.count().label("n"))
            .group_by(event_actors.c.actor).order_by(func.count().desc(), event_actors.c.actor))
    where = where_clause(flt) if flt else None
    if where is not None:
        stmt = stmt.where(event_actors.c.event_id.in_(select(events.c.event_id).where(where)))
    with engine.connect() as conn:
        return [{"actor": a, "events": n} for a, n in conn.execute(stmt)]


def weekly_counts(engine: Engine, flt: EventFilter, by_country: bool = True) -> list[dict]:
    """Events and fatalities per week (weeks start on Monday), optionally per country.

    The database groups by day (walking its date index); days are folded into
    weeks here, which is the same on SQLite and PostgreSQL.
    """
    cols = [events.c.event_date] + ([events.c.country_code] if by_country else [])
    stmt = select(*cols, func.count().label("n"), func.coalesce(func.sum(events.c.fatalities), 0).label("f"))
    stmt = stmt.where(events.c.event_date.is_not(None))
    where = where_clause(flt)
    if where is not None:
        stmt = stmt.where(where)
    stmt = stmt.group_by(*cols)
    weeks: dict[tuple, list[int]] = {}
    with engine.connect() as conn:
        for row in conn.execute(stmt):
            day = dt.date.fromisoformat(row.event_date)
            monday = (day - dt.timedelta(days=day.weekday())).isoformat()
            key = (monday, row.country_code) if by_country else (monday,)
            acc = weeks.setdefault(key, [0, 0])
            acc[0] += row.n
            acc[1] += int(row.f)
    out = []
    for key in sorted(weeks):
        item = {"week": key[0], "events": weeks[key][0], "fatalities": weeks[key][1]}
        if by_country:
            item["country_code"] = key[1]
        out.append(item)
    return out
