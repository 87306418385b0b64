"""Pre-aggregated statistics of the events, kept current by the database itself, and the store's version.

Two tables count the events an analyst sees by default (not background, not
marked "not an event") per month:

- ``event_stats``: events and fatalities per month, country, admin1, type,
  sub-event type and civilian targeting;
- ``actor_stats``: the same per month, actor (any role), country and type.

Triggers on ``events`` and ``event_actors`` keep them equal to a GROUP BY
of the events at every commit, whatever writes the events (ingest,
re-derivation, analysts' merges and corrections, a bulk load), so they can
never drift; :func:`expected` computes them from scratch to check that. The
same triggers count every write of an event in ``store_state.version``: with
the store's random id it names the state of the events, for HTTP validators
(ETag).

A query for whole months reads these few rows instead of the events;
:func:`plan` splits a date range into whole months (from the aggregates) and
the days at either end (from the events), or says that the filter needs the
events (an actor among several names, a minimum toll, a distance, words).

>>> [(p.since, p.until, p.months) for p in plan(EventFilter(since="2024-01-15", until="2024-12-31"))]
[('2024-01-15', '2024-01-31', None), (None, None, ('2024-02', '2024-12'))]
>>> plan(EventFilter(min_fatalities=10)) is None
True
"""
from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger, Boolean, Column, Integer, MetaData, String, Table, Text, and_, delete, func, insert, or_, select,
)
from sqlalchemy.engine import Connection

from .query import EventFilter, _one_of_lower, _values, country_code, resolve_actor
from .schema import event_actors, events

metadata = MetaData()

event_stats = Table(
    "event_stats", metadata,
    # '' stands for an unknown value (a primary key column cannot be NULL on PostgreSQL)
    Column("month", String(7), primary_key=True),  # YYYY-MM of the event's date
    Column("country_code", String(2), primary_key=True), Column("admin1", Text, primary_key=True),
    Column("event_type", String(40), primary_key=True), Column("sub_event_type", String(60), primary_key=True),
    Column("civilian_targeting", Boolean, primary_key=True),
    Column("events", Integer, nullable=False), Column("fatalities", BigInteger, nullable=False),
)

actor_stats = Table(
    "actor_stats", metadata,
    Column("actor", Text, primary_key=True), Column("month", String(7), primary_key=True),
    Column("country_code", String(2), primary_key=True), Column("event_type", String(40), primary_key=True),
    Column("events", Integer, nullable=False), Column("fatalities", BigInteger, nullable=False),
)

store_state = Table(  # one row
    "store_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("store_id", String(32), nullable=False),  # random, chosen when the table is made
    Column("version", BigInteger, nullable=False),  # writes of events so far
)

# PostgreSQL: event writes take this transaction lock before touching the counters, so concurrent
# writers queue there (as SQLite's writers do) instead of locking counter rows in different orders.
WRITERS_LOCK = 0x48415247  # b"HARG"

_STATS_KEY = ("month", "country_code", "admin1", "event_type", "sub_event_type", "civilian_targeting")
_ACTOR_KEY = ("actor", "month", "country_code", "event_type")


def _key_values(r: str) -> dict[str, str]:
    """SQL expressions of the aggregate key columns for the events row ``r`` (new / old / e)."""
    return {
        "month": f"coalesce(substr({r}.event_date, 1, 7), '')", "country_code": f"coalesce({r}.country_code, '')",
        "admin1": f"coalesce({r}.admin1, '')", "event_type": f"{r}.event_type",
        "sub_event_type": f"coalesce({r}.sub_event_type, '')",
        "civilian_targeting": f"coalesce({r}.civilian_targeting, false)",
    }


def _counted(r: str) -> str:
    """The events shown by default (the store filter's default): not background, not rejected."""
    return f"coalesce({r}.background, false) = false AND coalesce({r}.review_status, '') <> 'not_event'"


def _match(columns, values: dict[str, str]) -> str:
    return " AND ".join(f"{c} = {values[c]}" for c in columns)


def _add_stats(r: str) -> str:
    k = _key_values(r)
    return (f"INSERT INTO event_stats ({', '.join(_STATS_KEY)}, events, fatalities) "
            f"SELECT {', '.join(k[c] for c in _STATS_KEY)}, 1, coalesce({r}.fatalities, 0) WHERE {_counted(r)} "
            f"ON CONFLICT ({', '.join(_STATS_KEY)}) DO UPDATE SET events = event_stats.events + 1, "
            f"fatalities = event_stats.fatalities + excluded.fatalities;")


def _remove_stats(r: str) -> str:
    k = _key_values(r)
    where = f"{_match(_STATS_KEY, k)} AND {_counted(r)}"
    return (f"UPDATE event_stats SET events = events - 1, fatalities = fatalities - coalesce({r}.fatalities, 0) "
            f"WHERE {where}; DELETE FROM event_stats WHERE events = 0 AND {where};")


def _add_actors(r: str, actors: str) -> str:
    """Count the event ``r`` for each actor of ``actors`` (a SELECT of actor names)."""
    k = {**_key_values(r), "actor": "a.actor"}
    return (f"INSERT INTO actor_stats ({', '.join(_ACTOR_KEY)}, events, fatalities) "
            f"SELECT {', '.join(k[c] for c in _ACTOR_KEY)}, 1, coalesce({r}.fatalities, 0) "
            f"FROM ({actors}) AS a WHERE {_counted(r)} "
            f"ON CONFLICT ({', '.join(_ACTOR_KEY)}) DO UPDATE SET events = actor_stats.events + 1, "
            f"fatalities = actor_stats.fatalities + excluded.fatalities;")


def _remove_actors(r: str, actors: str) -> str:
    k = _key_values(r)
    where = f"actor IN ({actors}) AND {_match(_ACTOR_KEY[1:], k)} AND {_counted(r)}"
    return (f"UPDATE actor_stats SET events = events - 1, fatalities = fatalities - coalesce({r}.fatalities, 0) "
            f"WHERE {where}; DELETE FROM actor_stats WHERE events = 0 AND {where};")


_BUMP = "UPDATE store_state SET version = version + 1;"
_ACTORS_OF = "SELECT actor FROM event_actors WHERE event_id = {r}.event_id"


def _actor_row_add(row: str) -> str:
    """Count the events row of the event_actors row ``row`` for its actor."""
    k = {**_key_values("e"), "actor": f"{row}.actor"}
    return (f"INSERT INTO actor_stats ({', '.join(_ACTOR_KEY)}, events, fatalities) "
            f"SELECT {', '.join(k[c] for c in _ACTOR_KEY)}, 1, coalesce(e.fatalities, 0) "
            f"FROM events AS e WHERE e.event_id = {row}.event_id AND {_counted('e')} "
            f"ON CONFLICT ({', '.join(_ACTOR_KEY)}) DO UPDATE SET events = actor_stats.events + 1, "
            f"fatalities = actor_stats.fatalities + excluded.fatalities;")


def _actor_row_remove(row: str) -> str:
    k = _key_values("e")
    sub = (f"SELECT {', '.join(k[c] for c in _ACTOR_KEY[1:])} FROM events AS e "
           f"WHERE e.event_id = {row}.event_id AND {_counted('e')}")
    fat = f"(SELECT coalesce(e.fatalities, 0) FROM events AS e WHERE e.event_id = {row}.event_id)"
    where = f"actor = {row}.actor AND ({', '.join(_ACTOR_KEY[1:])}) = ({sub})"
    return (f"UPDATE actor_stats SET events = events - 1, fatalities = fatalities - {fat} WHERE {where}; "
            f"DELETE FROM actor_stats WHERE events = 0 AND {where};")


def _trigger_bodies() -> dict[str, tuple[str, str, str]]:
    """name -> (timing and event, table, body) of every trigger, in SQL both databases read."""
    return {
        # An event leaving takes its actor rows with it first, while it can still be looked up (a cascade of
        # the foreign key would run after the event is gone, and the counts of its actors would be lost).
        "events_stats_bd": ("BEFORE DELETE", "events", "DELETE FROM event_actors WHERE event_id = old.event_id;"),
        "events_stats_ai": ("AFTER INSERT", "events",
                            _add_stats("new") + _add_actors("new", _ACTORS_OF.format(r="new")) + _BUMP),
        "events_stats_au": ("AFTER UPDATE", "events",
                            _remove_stats("old") + _remove_actors("old", _ACTORS_OF.format(r="old"))
                            + _add_stats("new") + _add_actors("new", _ACTORS_OF.format(r="new")) + _BUMP),
        "events_stats_ad": ("AFTER DELETE", "events", _remove_stats("old") + _BUMP),
        "event_actors_stats_ai": ("AFTER INSERT", "event_actors", _actor_row_add("new")),
        "event_actors_stats_ad": ("AFTER DELETE", "event_actors", _actor_row_remove("old")),
        "event_actors_stats_au": ("AFTER UPDATE", "event_actors", _actor_row_remove("old") + _actor_row_add("new")),
    }


def install(conn: Connection) -> None:
    """Create the tables and triggers and count the events already stored (migration 10)."""
    metadata.create_all(conn, checkfirst=True)
    if conn.execute(select(store_state.c.id)).first() is None:
        conn.execute(insert(store_state).values(id=1, store_id=secrets.token_hex(8), version=0))
    for name, (when, table, body) in _trigger_bodies().items():
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW BEGIN {body} END")
        else:
            returns = "old" if when == "BEFORE DELETE" else "NULL"
            lock = f"PERFORM pg_advisory_xact_lock({WRITERS_LOCK});" if table == "events" else ""
            conn.exec_driver_sql(
                f"CREATE OR REPLACE FUNCTION harmattan_{name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$fn$ BEGIN {lock} {body} RETURN {returns}; END $fn$")
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            conn.exec_driver_sql(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION harmattan_{name}()")
    rebuild(conn)


@contextlib.contextmanager
def bulk_load(conn: Connection) -> Iterator[None]:
    """Write many events at once without the per-row triggers, then count them all in one GROUP BY.

    For imports and benchmarks of a million events; use it inside the transaction that writes them, so
    no reader ever sees events and statistics that disagree (other writers wait for its end).

    >>> from harmattan.store import connect
    >>> with connect("sqlite://").begin() as conn, bulk_load(conn):
    ...     pass
    """
    for name, (_, table, _) in _trigger_bodies().items():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if conn.dialect.name == "postgresql" else ""))
    yield
    install(conn)


def rebuild(conn: Connection) -> None:
    """Count the aggregates afresh from the events (after a bulk load, or to repair a store by hand)."""
    conn.execute(delete(event_stats))
    conn.execute(delete(actor_stats))
    conn.execute(insert(event_stats).from_select([*_STATS_KEY, "events", "fatalities"], _expected_stats()))
    conn.execute(insert(actor_stats).from_select([*_ACTOR_KEY, "events", "fatalities"], _expected_actors()))
    conn.execute(store_state.update().values(version=store_state.c.version + 1))


def _keys_of_events():
    return {
        "month": func.coalesce(func.substr(events.c.event_date, 1, 7), ""),
        "country_code": func.coalesce(events.c.country_code, ""), "admin1": func.coalesce(events.c.admin1, ""),
        "event_type": events.c.event_type, "sub_event_type": func.coalesce(events.c.sub_event_type, ""),
        "civilian_targeting": func.coalesce(events.c.civilian_targeting, False),
    }


def _counted_events():
    return and_(or_(events.c.background.is_(False), events.c.background.is_(None)),
                or_(events.c.review_status.is_(None), events.c.review_status != "not_event"))


def _expected_stats():
    keys = _keys_of_events()
    cols = [keys[c].label(c) for c in _STATS_KEY]
    return (select(*cols, func.count().label("events"), func.coalesce(func.sum(events.c.fatalities), 0).label("f"))
            .where(_counted_events()).group_by(*(keys[c] for c in _STATS_KEY)))


def _expected_actors():
    keys = {**_keys_of_events(), "actor": event_actors.c.actor}
    cols = [keys[c].label(c) for c in _ACTOR_KEY]
    return (select(*cols, func.count().label("events"), func.coalesce(func.sum(events.c.fatalities), 0).label("f"))
            .select_from(event_actors.join(events, events.c.event_id == event_actors.c.event_id))
            .where(_counted_events()).group_by(*(keys[c] for c in _ACTOR_KEY)))


def expected(conn: Connection) -> tuple[set[tuple], set[tuple]]:
    """The rows both tables should hold, counted from scratch (GROUP BY over the events)."""
    return ({tuple(r) for r in conn.execute(_expected_stats())}, {tuple(r) for r in conn.execute(_expected_actors())})


def stored(conn: Connection) -> tuple[set[tuple], set[tuple]]:
    """The rows both tables hold, in the order of :func:`expected`."""
    return ({tuple(r) for r in conn.execute(select(*(event_stats.c[c] for c in (*_STATS_KEY, "events", "fatalities"))))},
            {tuple(r) for r in conn.execute(select(*(actor_stats.c[c] for c in (*_ACTOR_KEY, "events", "fatalities"))))})


def store_version(conn: Connection) -> str:
    """The state of the store's events: its id and the number of event writes so far (changes with every write)."""
    row = conn.execute(select(store_state.c.store_id, store_state.c.version)).first()
    return f"{row.store_id}-{row.version}" if row else "none"


# --- reading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One piece of a date range: whole months from the aggregates, or days from the events."""
    since: str | None = None
    until: str | None = None
    months: tuple[str, str] | None = None  # first and last month (YYYY-MM), inclusive; '' and '\uffff' when open


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _split(since: str | None, until: str | None) -> list[Part]:
    """Days at the ends, whole months between (as few days as possible come from the events).

    >>> _split("2024-05-03", "2024-05-20")  # within one month: the events only
    [Part(since='2024-05-03', until='2024-05-20', months=None)]
    >>> _split(None, "2024-03-15")  # open start: every dated month up to February, then 15 days
    [Part(since=None, until=None, months=('', '2024-02')), Part(since='2024-03-01', until='2024-03-15', months=None)]
    """
    lo = dt.date.fromisoformat(since) if since else None
    hi = dt.date.fromisoformat(until) if until else None
    if lo and hi and lo > hi:
        return [Part(since, until)]  # empty: the events say so at once
    first = None if lo is None else _month(lo) if lo.day == 1 else (
        None if (lo.year, lo.month) == (9999, 12) else _month(_month_end(lo) + dt.timedelta(days=1)))
    last = None if hi is None else _month(hi) if hi == _month_end(hi) else (
        _month(hi.replace(day=1) - dt.timedelta(days=1)) if (hi.year, hi.month) != (1, 1) else None)
    whole = (lo is None or first is not None) and (hi is None or last is not None) and (
        first is None or last is None or first <= last)
    if not whole:
        return [Part(since, until)]
    parts = []
    if lo and lo.day != 1:
        parts.append(Part(since, _month_end(lo).isoformat()))
    parts.append(Part(months=(first or "", last or "\uffff")))
    if hi and hi != _month_end(hi):
        parts.append(Part(hi.replace(day=1).isoformat(), until))
    return parts


def _single_actor(flt: EventFilter) -> str | None:
    """The one actor name the filter's actors stand for, None when they may match several."""
    names = set()
    for value in _values(flt.actor):
        found = resolve_actor(value)
        if not found:
            return None
        names.update(found)
    return names.pop() if len(names) == 1 else None


def answerable(flt: EventFilter, by: str | None = None) -> bool:
    """Whether the aggregates can answer ``flt`` (counted, or grouped ``by`` country/admin1/type/sub_event_type/actor)."""
    if flt.include_background or flt.include_rejected or flt.min_fatalities is not None or flt.near or flt.text:
        return False
    if by == "actor" or flt.actor:
        if flt.admin1 or flt.sub_event_type or flt.civilian_targeting is not None:
            return False
        if by == "actor":
            return not flt.actor
        return _single_actor(flt) is not None and by in (None, "country", "type")
    return by in (None, "country", "admin1", "type", "sub_event_type")


def plan(flt: EventFilter, by: str | None = None) -> list[Part] | None:
    """How to answer ``flt`` from the aggregates (None: only the events can)."""
    if not answerable(flt, by):
        return None
    return _split(flt.since, flt.until)


def _conditions(table, flt: EventFilter, part: Part) -> list:
    first, last = part.months
    cond = [table.c.month >= first, table.c.month <= last]
    if flt.since or flt.until:
        cond.append(table.c.month != "")
    if flt.country:
        codes = [country_code(c) for c in _values(flt.country)]
        cond.append(table.c.country_code.in_(codes))
    if flt.event_type:
        cond.append(_one_of_lower(table.c.event_type, _values(flt.event_type)))
    if table is event_stats:
        if flt.admin1:
            cond.append(_one_of_lower(table.c.admin1, _values(flt.admin1)))
        if flt.sub_event_type:
            cond.append(_one_of_lower(table.c.sub_event_type, _values(flt.sub_event_type)))
        if flt.civilian_targeting is not None:
            cond.append(table.c.civilian_targeting.is_(bool(flt.civilian_targeting)))
    elif flt.actor:
        cond.append(table.c.actor == _single_actor(flt))
    return cond


_GROUP_COLUMNS = {"country": ("country_code",), "admin1": ("country_code", "admin1"), "type": ("event_type",),
                  "sub_event_type": ("sub_event_type",), "actor": ("actor",), None: ()}


def grouped(conn: Connection, flt: EventFilter, part: Part, by: str | None) -> dict[tuple, list[int]]:
    """Events and fatalities of the whole months of ``part``, per value of ``by`` (one key ``()`` without ``by``).

    Unknown values ('' in the tables) come back as None, as the events give them.
    """
    table = actor_stats if (by == "actor" or flt.actor) else event_stats
    keys = [table.c[c] for c in _GROUP_COLUMNS[by]]
    stmt = (select(*keys, func.coalesce(func.sum(table.c.events), 0), func.coalesce(func.sum(table.c.fatalities), 0))
            .where(*_conditions(table, flt, part)))
    if keys:
        stmt = stmt.group_by(*keys)
    out: dict[tuple, list[int]] = {}
    for row in conn.execute(stmt):
        key = tuple(v if v != "" else None for v in row[:-2])
        if keys or row[-2]:
            out[key] = [int(row[-2]), int(row[-1])]
    return out


def days_of(flt: EventFilter, part: Part) -> EventFilter:
    """The filter restricted to the days of ``part`` (for the events)."""
    return dataclasses.replace(flt, since=part.since, until=part.until)
