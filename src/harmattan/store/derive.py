"""Derive events from claims: re-cluster the claims near a change, write what changed.

Events are a pure function of the stored claims: the claims of a country
within a window of dates are clustered (:func:`harmattan.merge.cluster_events`,
which takes reports in publication order), so the events do not depend on the
order documents were ingested in. An event's id is that of its earliest
claim, so it is stable as reports arrive; when a merge or split changes it,
the old id is kept as an alias of the new one. Every change of an event's
record is a new version with the reason.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.engine import Connection

from ..merge import cluster_events, consolidate
from ..output import event_from_dict, event_to_dict
from ..records import Event
from ..settings import Settings
from .schema import claims, event_actors, event_aliases, event_versions, events

WINDOW_DAYS = 90  # re-cluster this far around a change; clusters link claims at most ~35 days apart


def claim_event_id(claim_key: str) -> str:
    """The id an event takes from its earliest claim.

    >>> claim_event_id("https://example.org/a#0/0")
    'ev-8927c5c79019'
    """
    return "ev-" + hashlib.sha1(claim_key.encode()).hexdigest()[:12]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _content(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _load_window(conn: Connection, country: str | None, dates: list[str]) -> list[tuple[str, Event]]:
    """(claim_key, claim) of a country, within the window around ``dates`` (plus undated claims)."""
    cond = [claims.c.country_code == country] if country else [claims.c.country_code.is_(None)]
    known = [d for d in dates if d]
    if known:
        lo = (dt.date.fromisoformat(min(known)) - dt.timedelta(days=WINDOW_DAYS)).isoformat()
        hi = (dt.date.fromisoformat(max(known)) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
        cond.append(or_(claims.c.event_date.is_(None), and_(claims.c.event_date >= lo, claims.c.event_date <= hi)))
    rows = conn.execute(select(claims.c.claim_key, claims.c.data).where(and_(*cond))).all()
    out = []
    for key, data in rows:
        event = event_from_dict(json.loads(data))
        out.append((key, event.__class__(**{**event.__dict__, "event_id": key})))
    return out


def rederive(conn: Connection, touched: Iterable[tuple[str | None, str | None]], changed_keys: set[str],
             old_event_ids: set[str], reason: str, settings: Settings) -> dict[str, int]:
    """Re-cluster the claims around ``touched`` (country, date) pairs and save the events that changed.

    ``changed_keys`` are the claims just added; ``old_event_ids`` the events whose claims were just
    removed or replaced (re-checked, and deleted when no claim supports them any more).
    """
    counts = {"new": 0, "updated": 0, "removed": 0}
    by_country: dict[str | None, list[str | None]] = {}
    for country, date in touched:
        by_country.setdefault(country, []).append(date)
    seen_ids: set[str] = set()
    for country, dates in by_country.items():
        window = _load_window(conn, country, dates)
        for cluster in cluster_events([e for _, e in window], settings):
            keys = sorted(e.event_id for e in cluster)  # claim keys (see _load_window)
            current = set(conn.execute(select(claims.c.event_id).where(claims.c.claim_key.in_(keys))).scalars())
            new_id = claim_event_id(min(keys, key=lambda k: (_published(cluster, k), k)))
            involved = bool(changed_keys.intersection(keys)) or bool(current & old_event_ids) or current != {new_id}
            if not involved:
                continue  # a cluster the change did not touch
            seen_ids.add(new_id)
            _save_cluster(conn, new_id, cluster, keys, current, reason, counts)
    for old in old_event_ids - seen_ids:
        left = conn.execute(select(claims.c.claim_key).where(claims.c.event_id == old)).first()
        if left is None and conn.execute(select(events.c.event_id).where(events.c.event_id == old)).first():
            conn.execute(delete(event_actors).where(event_actors.c.event_id == old))
            conn.execute(delete(events).where(events.c.event_id == old))
            counts["removed"] += 1
    return counts


def _claim_date(event: Event) -> str | None:
    return event.event_date.isoformat() if event.event_date else None


def _published(cluster: list[Event], key: str) -> str:
    for e in cluster:
        if e.event_id == key:
            pub = e.sources[0].published if e.sources else None
            return pub.isoformat() if pub else "9999-12-31"
    return "9999-12-31"


def _save_cluster(conn: Connection, event_id: str, cluster: list[Event], keys: list[str], current: set,
                  reason: str, counts: dict[str, int]) -> None:
    merged = consolidate(cluster)
    record = event_to_dict(merged)
    record["event_id"] = event_id
    conn.execute(update(claims).where(claims.c.claim_key.in_(keys)).values(event_id=event_id))
    for old in current - {event_id, None}:
        # The cluster used to be (part of) another event: keep the old id as an alias.
        conn.execute(delete(event_aliases).where(event_aliases.c.old_id == old))
        conn.execute(event_aliases.insert().values(old_id=old, new_id=event_id))
        conn.execute(update(event_aliases).where(event_aliases.c.new_id == old).values(new_id=event_id))
        if conn.execute(select(claims.c.claim_key).where(claims.c.event_id == old)).first() is None:
            conn.execute(delete(event_actors).where(event_actors.c.event_id == old))
            if conn.execute(delete(events).where(events.c.event_id == old)).rowcount:
                counts["removed"] += 1
    row = conn.execute(select(events.c.version, events.c.data).where(events.c.event_id == event_id)).first()
    if row is not None:
        before = json.loads(row.data)
        if _content(before) == _content(record):
            return
        version = row.version + 1
        counts["updated"] += 1
    else:
        version = 1
        counts["new"] += 1
    now = _now()
    values = _columns(record) | {"version": version, "updated_at": now, "data": _content(record)}
    if row is None:
        conn.execute(events.insert().values(event_id=event_id, **values))
    else:
        conn.execute(update(events).where(events.c.event_id == event_id).values(**values))
    conn.execute(event_versions.insert().values(event_id=event_id, version=version, changed_at=now, reason=reason,
                                                data=_content(record)))
    conn.execute(delete(event_actors).where(event_actors.c.event_id == event_id))
    roles = {}
    for role, names in (("actor1", [record["actor1"]]), ("actor2", [record["actor2"]]),
                        ("assoc1", record["assoc_actor_1"]), ("assoc2", record["assoc_actor_2"])):
        for name in names or ():
            if name and name not in roles:
                roles[name] = role
    if roles:
        conn.execute(event_actors.insert(), [{"event_id": event_id, "actor": n, "role": r} for n, r in roles.items()])


def _columns(record: dict) -> dict:
    return {
        "event_type": record["event_type"], "sub_event_type": record["sub_event_type"],
        "event_date": record["event_date"], "time_precision": record["time_precision"],
        "country_code": record["country_code"], "country": record["country"], "admin1": record["admin1"],
        "admin2": record["admin2"], "location": record["location"], "latitude": record["latitude"],
        "longitude": record["longitude"], "geo_precision": record["geo_precision"], "actor1": record["actor1"],
        "actor2": record["actor2"], "fatalities": record["fatalities"],
        "civilian_targeting": bool(record["civilian_targeting"]), "background": bool(record["background"]),
        "aggregate": bool(record["aggregate"]), "confidence": record["confidence"], "n_sources": len(record["sources"]),
    }
