"""Derive events from claims: re-cluster the claims near a change, write what changed.

Events are a pure function of the stored claims (:func:`harmattan.merge.cluster_events`,
which takes reports in publication order), so they do not depend on the order
documents were ingested in. Derivation is incremental: a change reads only the
claims that could be the same incident as a changed one, found through the
claims' index (country, type family, date window, place cell, admin-1), and the
whole events they belong to; :func:`derive_from_scratch` clusters everything
again and is what the incremental way must agree with. An event's id is that of its earliest
claim, so it is stable as reports arrive; when a merge or split changes it,
the old id is kept as an alias of the new one. Every change of an event's
record is a new version with the reason. Claims written in bulk by a backfill
have no event until :mod:`.bulk` derives their partition; incremental derivation
leaves them out until then.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, delete, func, or_, select, true, union_all, update
from sqlalchemy.engine import Connection

from ..merge import (CONFLICT, AtTowns, cluster_events, consolidate, date_slack, joins_none, max_gap, max_km_apart,
                     nameable, plausible, precise)
from ..merge import at_town as merge_at_town
from ..output import event_from_dict, event_to_dict
from ..records import Event, SourceRef
from ..settings import Settings
from .rows import insert_rows
from .schema import claims, corrections, event_actors, event_aliases, event_versions, events, overrides

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


CELL_DEGREES = 0.25  # place cells of about 28 km: a town's candidates are in its cell and the ring around it


@dataclass(frozen=True)
class Spot:
    """Where and when a claim is, as the store indexes it: what its candidates are looked up by."""

    country_code: str | None
    event_date: str | None
    admin1: str | None = None
    place_cell: str | None = None  # None: not placed at a town (a region, a country)
    type_family: str | None = None
    time_precision: str | None = None
    location: str | None = None  # the town's name, when placed at one
    latitude: float | None = None  # the town's point, when placed at one
    longitude: float | None = None


def type_family(event_type: str | None, sub_event_type: str | None = None) -> str | None:
    """The family of types that may merge with each other (:data:`harmattan.merge.CONFLICT`, else the type).

    >>> type_family("Battles"), type_family("Protests"), type_family("Disaster", "Flood")
    ('conflict', 'Protests', 'Disaster/Flood')
    """
    if event_type in CONFLICT:
        return "conflict"
    if event_type == "Disaster":
        return f"Disaster/{sub_event_type}"
    return event_type


def place_cell(latitude: float | None, longitude: float | None) -> str | None:
    """The index cell of a point (numbered in quarter degrees from the equator and the meridian).

    >>> place_cell(13.1, -1.08)
    '52:-5'
    """
    if latitude is None or longitude is None:
        return None
    return f"{math.floor(latitude / CELL_DEGREES)}:{math.floor(longitude / CELL_DEGREES)}"


def spot_of(record: dict) -> Spot:
    """The indexed place and time of a claim's interchange record."""
    return _spot(record.get("country_code"), record.get("event_date"), record.get("admin1"), record.get("location"),
                 record.get("latitude"), record.get("longitude"), record.get("geo_precision"),
                 record.get("event_type"), record.get("sub_event_type"), record.get("time_precision"))


def _spot(country_code, event_date, admin1, location, latitude, longitude, geo_precision, event_type, sub_event_type,
          time_precision) -> Spot:
    at_town = merge_at_town(location, latitude, geo_precision)
    return Spot(country_code, event_date, admin1, place_cell(latitude, longitude) if at_town else None,
                type_family(event_type, sub_event_type), time_precision if time_precision in _PRECISIONS else None,
                location if at_town else None, latitude if at_town else None, longitude if at_town else None)


SKETCH_FIELDS = ("event_type", "sub_event_type", "country_code", "event_date", "time_precision", "location", "latitude",
                 "longitude", "geo_precision", "admin1", "actor1", "background", "aggregate")


def sketch_of(record: dict) -> str:
    """What merging compares a claim by before anything else, as stored beside its record (JSON).

    The fields :func:`harmattan.merge.plausible` reads, and each source's document and publication date
    (the order reports are clustered in): enough to decide whether a new report is plausibly the same
    incident as a stored claim without decoding the claim's whole record (quotes, notes, history).

    >>> json.loads(sketch_of({"event_type": "Battles", "notes": "long", "sources": [{"doc": "d#0", "published": None,
    ...                                                                              "evidence": []}]}))
    {'event_type': 'Battles', 'sources': [{'doc': 'd#0', 'published': None}]}
    """
    out = {f: record[f] for f in SKETCH_FIELDS if f in record}
    out["sources"] = [{"doc": s.get("doc"), "published": s.get("published"),
                       **({"published_bound": True} if s.get("published_bound") else {})}
                      for s in record.get("sources") or ()]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


_BLANK_EVENT = Event("", "", None)
_BLANK_SOURCE = SourceRef("", None, None, None)


def _filled(blank, values: dict):
    """A copy of a blank frozen record with ``values`` set (what its ``__init__`` would make, without its cost:
    a crowded region's sketches are decoded by the hundred for one report)."""
    out = object.__new__(type(blank))
    out.__dict__.update(blank.__dict__)
    out.__dict__.update(values)
    return out


@functools.lru_cache(maxsize=16384)
def sketch_event(key: str, sketch: str) -> Event:
    """A stored claim's sketch (:func:`sketch_of`; or its whole record) as an event whose id is its key: good for
    comparing, not for saving.

    >>> record = {"event_type": "Battles", "sub_event_type": "Armed clash", "country_code": "ML", "event_date": "2025-03-01",
    ...           "notes": "n", "sources": [{"doc": "d#0", "published": "2025-03-02", "evidence": []}]}
    >>> e = sketch_event("d#0/0", sketch_of(record))
    >>> e == Event("Battles", "Armed clash", "ML", event_date=dt.date(2025, 3, 1), event_id="d#0/0",
    ...            sources=(SourceRef("d#0", None, None, dt.date(2025, 3, 2)),))
    True
    """
    data = json.loads(sketch)
    values = {f: data[f] for f in SKETCH_FIELDS if f in data}
    if "event_date" in values:
        values["event_date"] = dt.date.fromisoformat(values["event_date"]) if values["event_date"] else None
    values["sources"] = tuple(
        _filled(_BLANK_SOURCE, {"doc": s.get("doc"),
                                "published": dt.date.fromisoformat(s["published"]) if s.get("published") else None,
                                "published_bound": bool(s.get("published_bound"))})
        for s in data.get("sources") or ())
    values["event_id"] = key
    return _filled(_BLANK_EVENT, values)


def _box(latitude: float, longitude: float, km: float) -> dict[str, float]:
    """The bounds of latitude and longitude holding every point within ``km`` of a point (a little wider).

    >>> box = _box(13.0, -1.0, 12.0)
    >>> round(box["lat_hi"] - 13.0, 3), round(box["lon_hi"] + 1.0, 3)
    (0.115, 0.118)
    """
    dlat = km / 110.0 * 1.05  # a degree of latitude is 110.6-111.7 km; 5 % to spare
    far = math.radians(min(89.0, abs(latitude) + dlat))
    dlon = min(180.0, dlat / max(math.cos(far), 0.01))
    return {"lat_lo": latitude - dlat, "lat_hi": latitude + dlat, "lon_lo": longitude - dlon, "lon_hi": longitude + dlon}


def _neighbour_cells(cell: str, km: float) -> list[str]:
    """The cells holding every point within ``km`` of any point of ``cell``."""
    lat, lon = (int(x) for x in cell.split(":"))
    edge = max(abs(lat), abs(lat + 1)) * CELL_DEGREES  # the cell's edge farthest from the equator
    rows = math.ceil(km / (111.0 * CELL_DEGREES))
    cols = math.ceil(km / max(1.0, 111.32 * math.cos(math.radians(min(89.0, edge + km / 111.0))) * CELL_DEGREES))
    return [f"{lat + i}:{lon + j}" for i in range(-rows, rows + 1) for j in range(-cols, cols + 1)]


_PRECISIONS = ("day", "week", "month", "year")


def _near_shape(spot: Spot, cells: int, part: str = "all") -> tuple:
    """What the statement of :func:`_near_statement` depends on (the values are its parameters): ``cells`` is
    how many place cells are looked in (one bound value each, so the statement is compiled once); ``part``
    which of a vague spot's neighbours: ``all``, the ``vague`` ones, or the ``towns`` (as many as asked)."""
    any_region = bool(spot.type_family and spot.type_family.startswith("Disaster"))
    return (spot.country_code is not None, spot.type_family is not None, any_region, spot.admin1 is not None,
            cells if spot.place_cell is not None else 0, spot.event_date is not None, part)


@functools.lru_cache(maxsize=128)
def _near_statement(shape: tuple[bool, ...], sketch: bool = False):
    """The keys (and events) of the claims that could be the same incident as a claim at a spot of this shape.

    Same country and type family; a date within the slack merging allows, or none; and a
    place that can agree: a town of the same name, a town in the cells around the spot's (as
    far as merging takes two towns of different names for one place), or a vaguer claim of its
    admin-1; a vague spot is compared with all of its admin-1; one placed only at the country
    joins none (disasters: all of the country). One ``UNION ALL`` part per way of agreeing and
    per precision of date (and one for the undated), each led by the columns of one index (an ``OR``
    across indexes would read the whole table); the vague and the undated claims have partial indexes
    of their own, so a town's report does not read every claim of its region. Built once per shape
    with bound parameters (:func:`_near_params`), so a document pays neither for building nor for
    compiling it.
    """
    has_cc, has_family, any_region, has_admin1, has_cell, has_date, part = shape
    c = claims.c
    common = [c.country_code == bindparam("cc") if has_cc else c.country_code.is_(None)]
    if has_family:
        common.append(or_(c.type_family == bindparam("fam"), c.type_family.is_(None)))
    if has_admin1:
        regions = [c.admin1 == bindparam("a1")] + ([c.admin1.is_(None)] if any_region else [])
    else:
        regions = [true()] if any_region else [c.admin1.is_(None)]
    places = []
    if has_cell:
        # Towns of other names: those within reach only (the cells hold it; the box narrows it to its square).
        places.append(and_(c.place_cell.in_([bindparam(f"cell{i}") for i in range(has_cell)]),
                           or_(c.latitude.is_(None),  # a claim stored without its point is kept
                               and_(c.latitude.between(bindparam("lat_lo"), bindparam("lat_hi")),
                                    c.longitude.between(bindparam("lon_lo"), bindparam("lon_hi"))))))
        places.append(c.location == bindparam("loc"))
        places += [and_(region, c.place_cell.is_(None)) for region in regions]
    elif part == "vague":
        places += [and_(region, c.place_cell.is_(None)) for region in regions]
    elif part == "towns":  # derived ones only, so that a full count says some may be left out
        places += [and_(region, c.place_cell.isnot(None), c.event_id.isnot(None)) for region in regions]
    else:
        places += regions
    if has_date:
        def within(name: str):
            return and_(c.event_date >= bindparam(f"lo_{name}"), c.event_date <= bindparam(f"hi_{name}"))

        dates = [and_(c.time_precision == p, within(p)) for p in _PRECISIONS]
        dates.append(and_(c.time_precision.is_(None), within("none")))
        dates.append(c.event_date.is_(None))  # undated claims may be of any date (indexed apart: few are)
    else:
        dates = [true()]
    statement = union_all(*(select(*_near_columns(sketch)).where(and_(*common, place, date))
                            for place in places for date in dates))
    return statement.limit(bindparam("k")) if part == "towns" else statement


def _near_columns(sketch: bool) -> tuple:
    """What is read of a neighbour: its key, event and spot; with ``sketch`` its sketch and its event's size."""
    c = claims.c
    columns = (c.claim_key, c.event_id, c.place_cell, c.country_code, c.event_date, c.admin1, c.type_family,
               c.time_precision, c.location)
    if sketch:
        fellow = claims.alias("fellow")
        members = select(func.count()).where(fellow.c.event_id == c.event_id).scalar_subquery()
        columns += (func.coalesce(c.sketch, c.data).label("sketch"), members.label("members"))
    return columns


@functools.lru_cache(maxsize=8)
def _named_statement(has_date: bool):
    """The claims at a town of a given name in a region, of any date within reach of a vaguer claim's
    (twice the widest gap merging allows: the cluster's date may come from another of its reports) or
    of none; with their sketches."""
    c = claims.c
    where = [c.country_code == bindparam("cc"), or_(c.type_family == bindparam("fam"), c.type_family.is_(None)),
             c.admin1 == bindparam("a1"), c.place_cell.isnot(None), c.location == bindparam("name")]
    if has_date:
        where.append(or_(c.event_date.between(bindparam("lo"), bindparam("hi")), c.event_date.is_(None)))
    return select(*_near_columns(True)).where(*where)


def _near_params(spot: Spot, settings: Settings) -> dict:
    """The values of :func:`_near_statement`'s parameters for a spot.

    >>> sorted(_near_params(Spot("BF", "2025-03-10", "Sahel", "56:-7", "conflict", "day", "Djibo"), Settings()))[:4]
    ['a1', 'cc', 'cell0', 'cell1']
    """
    params: dict = {"cc": spot.country_code, "fam": spot.type_family, "a1": spot.admin1, "loc": spot.location}
    if spot.place_cell:
        km = max_km_apart(settings)
        params.update((f"cell{i}", cell) for i, cell in enumerate(_neighbour_cells(spot.place_cell, km)))
        params.update(_box(spot.latitude, spot.longitude, km) if spot.latitude is not None and spot.longitude is not None
                      else {"lat_lo": -90.0, "lat_hi": 90.0, "lon_lo": -180.0, "lon_hi": 180.0})
    if spot.event_date:
        day = dt.date.fromisoformat(spot.event_date)
        slacks = {p: date_slack(spot.time_precision, p, settings) for p in _PRECISIONS}
        slacks["none"] = max_gap(settings)
        for name, days in slacks.items():
            params[f"lo_{name}"] = (day - dt.timedelta(days=days)).isoformat()
            params[f"hi_{name}"] = (day + dt.timedelta(days=days)).isoformat()
    return params


def _rows_near(conn: Connection, spot: Spot, settings: Settings, changed_keys: set[str], sketch: bool = False,
               part: str = "all", limit: int | None = None) -> list:
    """The claims that could be the same incident as one at ``spot`` (see :func:`harmattan.merge.plausible`):
    their key, event and spot (and with ``sketch`` their sketch, :func:`sketch_of`, and their event's size).
    Of a vague spot, ``part`` may ask for the vague claims only, or for ``limit`` claims at towns.

    Claims with no event yet (written in bulk, waiting for :mod:`.bulk` to derive their partition) are
    left out, unless they are ``changed_keys``: incremental derivation works on the derived claims only.
    """
    params = _near_params(spot, settings) | ({"k": limit} if part == "towns" else {})
    shape = _near_shape(spot, sum(name.startswith("cell") for name in params), part)
    rows = conn.execute(_near_statement(shape, sketch), params).all()
    return [r for r in rows if r.event_id is not None or r.claim_key in changed_keys]


@functools.lru_cache(maxsize=4096)
def claim_event(key: str, data: str) -> Event:
    """A stored claim as an event whose id is its key (decoded once while it stays unchanged: the
    claims around a busy place are read again for every report of it)."""
    return event_from_dict({**json.loads(data), "event_id": key})


def _load_claims(conn: Connection, where) -> list[tuple[str, Event]]:
    rows = conn.execute(select(claims.c.claim_key, claims.c.data).where(where)).all()
    return [(key, claim_event(key, data)) for key, data in rows]


@dataclass(frozen=True)
class Window:
    """The claims a change is clustered with, and where they stand now.

    ``claims`` are ``(claim_key, claim)``; ``event_of`` the event each of them belongs to now (None: not
    derived yet); ``members`` every claim of those events (event id -> claim keys), all of them in ``claims``.
    """

    claims: list[tuple[str, Event]]
    event_of: dict[str, str | None]
    members: dict[str, set[str]]


def _load_neighbourhood(conn: Connection, spots: Iterable[Spot], old_event_ids: set[str],
                        settings: Settings, changed_keys: set[str]) -> Window:
    """Every claim that could be the same incident as one at ``spots``, with every claim of the events
    they belong to now (so that each cluster is seen whole).

    The candidates are found through the index (country, type family, date, place cell, admin-1),
    so the cost of a change grows with the claims near it, not with the store. Claims not derived
    yet, but for ``changed_keys``, are not read (see :func:`_rows_near`). Each claim is read once.
    """
    found: dict[str, str | None] = {}  # claim key -> event id
    vague = set()
    for spot in sorted(set(spots), key=repr):
        for r in _rows_near(conn, spot, settings, changed_keys):
            found[r.claim_key] = r.event_id
            if r.place_cell is None:
                vague.add(Spot(r.country_code, r.event_date, r.admin1, None, r.type_family, r.time_precision))
    # A vaguer claim joins a cluster only when it is the one it could be of: its rivals are read too.
    for spot in sorted(vague, key=repr):
        found.update((r.claim_key, r.event_id) for r in _rows_near(conn, spot, settings, changed_keys))
    event_ids = (set(found.values()) | old_event_ids) - {None}
    window, event_of, members = [], {}, {}
    for chunk in _chunks(sorted(event_ids)):
        for key, event_id, data in conn.execute(select(claims.c.claim_key, claims.c.event_id, claims.c.data)
                                                .where(claims.c.event_id.in_(chunk))).all():
            window.append((key, claim_event(key, data)))
            event_of[key] = event_id
            members.setdefault(event_id, set()).add(key)
    underived = sorted(k for k, e in found.items() if e is None)  # changed claims with no event yet
    for chunk in _chunks(underived):
        window += _load_claims(conn, claims.c.claim_key.in_(chunk))
        event_of.update(dict.fromkeys(chunk))
    return Window(sorted(window, key=lambda kv: kv[0]), event_of, members)


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def rederive(conn: Connection, touched: Iterable[Spot], changed_keys: set[str],
             old_event_ids: set[str], reason: str, settings: Settings) -> dict[str, int]:
    """Re-cluster the claims near a change and save the events that changed (incremental derivation).

    ``touched`` are the spots of the claims just added or removed; ``changed_keys`` the claims just
    added; ``old_event_ids`` the events whose claims were just removed or replaced (re-checked, and
    deleted when no claim supports them any more). A new claim that certainly joins no event and
    changes none is saved alone (:func:`_derive_alone`). Otherwise the claims that could be the same
    incident as a changed one are read (:func:`_load_neighbourhood`), with the whole events they
    belong to, and clustered again; when an event comes out different (it took the new claim, or
    lost one), the claims around its other reports are read too, and clustered again with the rest,
    until no event that changes has neighbours not yet read (a cluster whose date or place got more
    precise may no longer be a candidate of a vaguer claim near it, which then chooses again). The
    events come out as :func:`derive_from_scratch` makes them.
    """
    links, unlinks = load_active_overrides(conn)
    if not old_event_ids:
        alone = _derive_alone(conn, set(touched), changed_keys, links, unlinks, reason, settings)
        if alone is not None:
            return alone
    spots = set(touched)
    for _ in range(_MAX_ROUNDS):
        near = _load_neighbourhood(conn, spots, old_event_ids, settings, changed_keys)
        linked = _load_linked(conn, {k for k, _ in near.claims}, links, changed_keys)
        window = near.claims + linked
        clusters = cluster_claims(window, settings, links, unlinks)
        reports = dict(window)
        keys = set(reports)
        more = {_spot_of_event(reports[k]) for cluster in clusters if _changes(cluster, near, changed_keys)
                for k in cluster.keys} - spots
        if not any(r.claim_key not in keys for spot in sorted(more, key=repr)
                   for r in _rows_near(conn, spot, settings, changed_keys)):
            break
        spots |= more
    # Claims linked in from elsewhere bring events of their own: where each claim stands is then read again.
    return save_clusters(conn, clusters, keys, changed_keys, old_event_ids, reason, links, None if linked else near)


_MAX_ROUNDS = 8  # of widening the neighbourhood of one change (each round reads the claims around the events it changes)


def _changes(cluster: Cluster, near: Window, changed_keys: set[str]) -> bool:
    """Does a cluster differ from the event its claims belong to now (a new claim in it, one gone, two joined)?"""
    if changed_keys.intersection(cluster.keys):
        return True
    events = {near.event_of.get(k) for k in cluster.keys}
    return len(events) != 1 or near.members.get(next(iter(events))) != set(cluster.keys)


def _spot_of_event(event: Event) -> Spot:
    """:func:`spot_of` of a claim decoded as an event.

    >>> e = Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, 1), location="Djibo", admin1="Sahel",
    ...           latitude=14.1, longitude=-1.63, geo_precision=1)
    >>> _spot_of_event(e) == spot_of(event_to_dict(e))
    True
    """
    return _spot(event.country_code, event.event_date.isoformat() if event.event_date else None, event.admin1,
                 event.location, event.latitude, event.longitude, event.geo_precision, event.event_type,
                 event.sub_event_type, event.time_precision)


_MEMBERS = select(claims.c.claim_key, claims.c.event_id, claims.c.data).where(
    claims.c.event_id.in_(bindparam("ids", expanding=True)))


def _derive_alone(conn: Connection, touched: set[Spot], changed_keys: set[str], links: list[tuple[str, str]],
                  unlinks: list[tuple[str, str]], reason: str, settings: Settings) -> dict[str, int] | None:
    """Save new claims as events of their own when that is certain without clustering their neighbourhood
    again (:func:`harmattan.merge.joins_none`); None when it is not (nothing is written then).

    The usual case in a crowded store: a report of a town no other report names, or a report of a
    region among many incidents there. Its neighbours are compared by their sketches
    (:func:`sketch_of`), as their events stand; only the claims of events of several reports are decoded
    whole. Claims an analyst merged or split are left to re-clustering.
    """
    overridden = {k for pair in links + unlinks for k in pair}
    if not changed_keys or changed_keys & overridden:
        return None
    new = _load_claims(conn, claims.c.claim_key.in_(sorted(changed_keys)))
    # The articles of one page may report one incident: new claims must leave each other alone too.
    if any(plausible(a, b, settings) for i, (_, a) in enumerate(new) for _, b in new[i + 1:]):
        return None
    # A report of a region among many incidents needs only a few of the region's towns (two candidates make it
    # ambiguous), besides the vaguer claims and the towns that could name its district.
    regional: dict[Spot, list[Event]] = {}
    for _, e in new:
        if not precise(e) and e.admin1 and e.event_type != "Disaster":
            regional.setdefault(_spot_of_event(e), []).append(e)
    found: dict = {}  # claim key -> row (key, event, spot, sketch, event's size)
    towns_left_out = False
    for spot in sorted(touched, key=repr):
        if spot in regional:
            rows, left_out = _regional_rows(conn, spot, regional[spot], changed_keys, settings)
            towns_left_out |= left_out
        else:
            rows = _rows_near(conn, spot, settings, changed_keys, sketch=True)
        found.update((r.claim_key, r) for r in rows)
    if not changed_keys <= found.keys() or any(found[k].event_id is not None for k in changed_keys):
        return None  # not new claims (or not found where their spot says): re-cluster
    clusters = _stored_clusters(conn, [r for r in found.values() if r.event_id is not None], overridden)
    if clusters is None:
        return None

    def around(report: Event) -> list[list[Event]] | None:
        """The stored clusters around a vaguer claim of the neighbourhood, read as for a new one (a few of its
        region's towns)."""
        row = found.get(report.event_id)
        if row is None:  # read as a member of an event, not where its spot says: not certain
            return None
        spot = Spot(row.country_code, row.event_date, row.admin1, row.place_cell, row.type_family, row.time_precision)
        if report.admin1 and report.event_type != "Disaster":
            rows = _regional_rows(conn, spot, [report], changed_keys, settings)[0]
        else:
            rows = _rows_near(conn, spot, settings, changed_keys, sketch=True)
        return _stored_clusters(conn, [r for r in rows if r.event_id is not None], overridden)

    # A town's report that vaguer claims could be of: each of them must keep its choice (one new claim at a time).
    if not all(joins_none(event, clusters, settings, around if len(new) == 1 else None, towns_left_out)
               for _, event in new):
        return None
    counts = {"new": 0, "updated": 0, "removed": 0}
    _save_events(conn, [(claim_event_id(key), as_cluster([event]), [key], set()) for key, event in new], reason, counts)
    return counts


_TOWNS_ENOUGH = 8  # claims at towns read for a report of a region, at first (two plausible ones make it ambiguous)


def _regional_rows(conn: Connection, spot: Spot, reports: list[Event], changed_keys: set[str],
                   settings: Settings) -> tuple[list, bool]:
    """What is read around reports of a region at ``spot``: the region's vaguer claims, the towns named like
    their districts and a few other towns; and whether towns were left out (then there were that many)."""
    rows = _rows_near(conn, spot, settings, changed_keys, sketch=True, part="vague")
    towns = _rows_near(conn, spot, settings, changed_keys, sketch=True, part="towns", limit=_TOWNS_ENOUGH)
    rows += towns + [r for report in reports if nameable(report) for r in _rows_named(conn, report, settings)]
    return rows, len(towns) == _TOWNS_ENOUGH


def _rows_named(conn: Connection, report: Event, settings: Settings) -> list:
    """The claims at a town named as a vaguer report's district, in its region, within reach of its date."""
    params = {"cc": report.country_code, "fam": type_family(report.event_type, report.sub_event_type),
              "a1": report.admin1, "name": report.location}
    if report.event_date:
        reach = dt.timedelta(days=2 * max_gap(settings))
        params |= {"lo": (report.event_date - reach).isoformat(), "hi": (report.event_date + reach).isoformat()}
    return [r for r in conn.execute(_named_statement(report.event_date is not None), params).all() if r.event_id]


def _stored_clusters(conn: Connection, rows: list, overridden: set[str]) -> list[list[Event]] | None:
    """The events the derived claims ``rows`` (with their sketches) belong to, as clusters of claims: those
    of one claim by its sketch, those of several decoded whole. None when an analyst merged or split one."""
    if any(r.claim_key in overridden for r in rows):
        return None
    several = {r.event_id for r in rows if r.members > 1}
    groups: dict[str, list[Event]] = {}
    for chunk in _chunks(sorted(several)):
        for key, event_id, data in conn.execute(_MEMBERS, {"ids": chunk}):
            if key in overridden:
                return None
            groups.setdefault(event_id, []).append(claim_event(key, data))
    singles = {r.event_id: r for r in rows if r.event_id not in several}
    # A claim at a town is read only if it must be (see AtTowns): most of a crowded region's are not.
    return list(groups.values()) + [_TownClaim(r.claim_key, r.sketch, r.location) if r.place_cell is not None
                                    else [sketch_event(r.claim_key, r.sketch)] for r in singles.values()]


class _TownClaim(AtTowns):
    """A stored claim placed at a town, alone in its event, decoded from its sketch when read."""

    def __init__(self, key: str, sketch: str, town: str):
        super().__init__(None, (town,))
        self._key, self._sketch = key, sketch

    def _all(self) -> tuple[Event, ...]:
        return (sketch_event(self._key, self._sketch),)


def derive_from_scratch(conn: Connection, settings: Settings, country: str | None = None,
                        reason: str = "derived again from all claims") -> dict[str, int]:
    """Cluster every claim of the store (or of one country) again and save the events that changed.

    The reference :func:`rederive` must agree with; also what a backfill runs per country once
    its claims are in.
    """
    links, unlinks = load_active_overrides(conn)
    where = true() if country is None else claims.c.country_code == country
    window = _load_claims(conn, where)
    window += _load_linked(conn, {k for k, _ in window}, links)
    keys = {k for k, _ in window}
    return save_clusters(conn, cluster_claims(window, settings, links, unlinks), keys, keys, set(), reason, links)


@dataclass(frozen=True)
class Cluster:
    """Claims that report one incident, as clustering found them: their keys, and their reports or their record.

    ``first`` is the claim the event's id comes from unless an analyst's merge decides (the earliest
    published). A cluster made where the store is out of reach (a worker) carries its consolidated
    ``merged`` record instead of its reports (:meth:`settled`), so only the record travels back.
    """

    keys: tuple[str, ...]  # sorted
    first: str
    reports: tuple[Event, ...] = ()
    merged: dict | None = None

    def record(self) -> dict:
        """The event's interchange record (before analysts' corrections)."""
        return self.merged if self.merged is not None else event_to_dict(consolidate(self.reports))

    def settled(self) -> Cluster:
        """The same cluster with its record computed and its reports dropped."""
        return Cluster(self.keys, self.first, merged=self.record())


def cluster_claims(window: list[tuple[str, Event]], settings: Settings, links: list[tuple[str, str]] = (),
                   unlinks: list[tuple[str, str]] = ()) -> list[Cluster]:
    """Cluster claims (``(claim_key, claim)``, each claim's ``event_id`` its key) per country, analysts' decisions on top
    (across countries too).

    Pure: what :func:`rederive` and :func:`derive_from_scratch` run on a window of the store, and a
    worker of a backfill on a partition of it (:mod:`.bulk`).

    >>> from harmattan.records import Event
    >>> a, b = (Event("Battles", "Armed clash", "ML", event_id=k) for k in "ab")
    >>> [c.keys for c in cluster_claims([("a", a), ("b", b)], Settings(), links=[("a", "b")])]
    [('a', 'b')]
    """
    by_country: dict[str | None, list[Event]] = {}
    for _, event in window:
        by_country.setdefault(event.country_code, []).append(event)
    automatic = [c for country in sorted(by_country, key=lambda c: c or "")
                 for c in cluster_events(by_country[country], settings)]
    # An analyst's merge may cross a border.
    return [as_cluster(cluster) for cluster in apply_overrides(automatic, links, unlinks)]


def as_cluster(reports: list[Event]) -> Cluster:
    """The cluster of claims already known to be one event (each claim's ``event_id`` its key): its id comes from
    the earliest published."""
    keys = tuple(sorted(e.event_id for e in reports))  # claim keys (see _load_claims)
    return Cluster(keys, min(keys, key=lambda k: (_published(reports, k), k)), tuple(reports))


def save_clusters(conn: Connection, clusters: list[Cluster], in_window: set[str], changed_keys: set[str],
                  old_event_ids: set[str], reason: str, links: list[tuple[str, str]],
                  known: Window | None = None) -> dict[str, int]:
    """Save the events of the clusters a change involves; remove the old events no claim supports any more.

    ``in_window`` are the keys of every claim clustered, ``changed_keys`` the claims just added (or all,
    from scratch), ``old_event_ids`` the events whose claims were just removed or replaced; ``known``
    where the window's claims stand now, when it was read with them (else it is read here). Returns
    the counts of events new, updated and removed.
    """
    counts = {"new": 0, "updated": 0, "removed": 0}
    seen_ids: set[str] = set()
    run: list[tuple[str, Cluster, list[str], set]] = []  # involved clusters, written together
    if known is not None:  # read with the window (:func:`_load_neighbourhood`)
        members, event_of = known.members, known.event_of
    else:
        members = _members(conn, in_window)
        event_of: dict[str, str | None] = {}  # the event each claim of the window belongs to now
        for chunk in _chunks(sorted(in_window)):
            event_of.update(conn.execute(select(claims.c.claim_key, claims.c.event_id)
                                         .where(claims.c.claim_key.in_(chunk))).all())
    for cluster in clusters:
        keys = list(cluster.keys)
        current = {event_of.get(k) for k in keys}
        new_id = _cluster_id(cluster, current, links)
        had = members.get(new_id, set())
        # An event that lost a claim to another cluster is saved again (when all its claims are in view).
        shrank = had != set(keys) and had <= in_window
        involved = (bool(changed_keys.intersection(keys)) or bool(current & old_event_ids) or current != {new_id}
                    or shrank)
        if not involved:
            continue  # a cluster the change did not touch
        seen_ids.add(new_id)
        taken = current - {new_id, None}
        if taken:  # it takes over other events: after those before it, as the first of the next run
            _save_events(conn, run, reason, counts)
            run = []
        run.append((new_id, cluster, keys, taken))
    _save_events(conn, run, reason, counts)
    for old in old_event_ids - seen_ids:
        left = conn.execute(select(claims.c.claim_key).where(claims.c.event_id == old)).first()
        if left is None and conn.execute(select(events.c.event_id).where(events.c.event_id == old)).first():
            conn.execute(delete(event_actors).where(event_actors.c.event_id == old))
            conn.execute(delete(events).where(events.c.event_id == old))
            counts["removed"] += 1
    return counts


def _cluster_id(cluster: Cluster, current: set, links: list[tuple[str, str]]) -> str:
    """The id of a cluster: the event an analyst merged others into keeps its id, else the earliest claim's.

    A merge records the claim its event's id comes from (``claim_a``); the latest merge of the
    cluster whose event still holds that id wins.
    """
    keys = set(cluster.keys)
    kept = [claim_event_id(a) for a, b in links if a in keys and b in keys and claim_event_id(a) in current]
    if kept:
        return kept[-1]
    return claim_event_id(cluster.first)


def _members(conn: Connection, keys: set[str]) -> dict[str, set[str]]:
    """Every claim of the events the claims ``keys`` belong to now: event id -> claim keys."""
    ids: set[str] = set()
    for chunk in _chunks(sorted(keys)):
        ids.update(conn.execute(select(claims.c.event_id).where(claims.c.claim_key.in_(chunk))).scalars())
    ids.discard(None)
    out: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(ids)):
        for key, event_id in conn.execute(select(claims.c.claim_key, claims.c.event_id).where(claims.c.event_id.in_(chunk))):
            out.setdefault(event_id, set()).add(key)
    return out


def load_active_overrides(conn: Connection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The analysts' merges (links) and splits (unlinks) in force, as pairs of claim keys, oldest first."""
    rows = conn.execute(select(overrides.c.kind, overrides.c.claim_a, overrides.c.claim_b)
                        .where(overrides.c.active.is_(True)).order_by(overrides.c.id)).all()
    return [(a, b) for k, a, b in rows if k == "link"], [(a, b) for k, a, b in rows if k == "unlink"]


def _load_linked(conn: Connection, have: set[str], links: list[tuple[str, str]],
                 changed_keys: set[str] | None = None) -> list[tuple[str, Event]]:
    """Claims linked by an analyst to a claim of the window, wherever they are (with ``changed_keys``:
    those derived already, or changed)."""
    want = {b for a, b in links if a in have and b not in have} | {a for a, b in links if b in have and a not in have}
    out = []
    for key, event_id, data in conn.execute(select(claims.c.claim_key, claims.c.event_id, claims.c.data)
                                            .where(claims.c.claim_key.in_(sorted(want)))):
        if changed_keys is None or event_id is not None or key in changed_keys:
            out.append((key, claim_event(key, data)))
    return out


def apply_overrides(clusters: list[list[Event]], links: list[tuple[str, str]],
                    unlinks: list[tuple[str, str]]) -> list[list[Event]]:
    """Analysts' decisions on top of the automatic clusters: splits first, then merges.

    >>> from harmattan.records import Event
    >>> a, b, c = (Event("Battles", "Armed clash", "ML", event_id=k) for k in "abc")
    >>> [[e.event_id for e in cl] for cl in apply_overrides([[a, b], [c]], links=[("a", "c")], unlinks=[("a", "b")])]
    [['a', 'c'], ['b']]
    """
    out = [list(c) for c in clusters]
    for a, b in unlinks:
        for cluster in out:
            keys = {e.event_id for e in cluster}
            if a in keys and b in keys:
                moved = [e for e in cluster if e.event_id == b]
                cluster[:] = [e for e in cluster if e.event_id != b]
                out.append(moved)
                break
    for a, b in links:
        ca = next((c for c in out if any(e.event_id == a for e in c)), None)
        cb = next((c for c in out if any(e.event_id == b for e in c)), None)
        if ca is not None and cb is not None and ca is not cb:
            ca.extend(cb)
            out.remove(cb)
    return [c for c in out if c]


def save_override(conn: Connection, kind: str, event_a: str, claim_b: str, note: str, settings: Settings) -> int:
    """Record an analyst's merge (``link``) or split (``unlink``) and re-derive the events concerned.

    A merge keeps ``event_a``: its ``claim_a`` is the claim the event's id comes from.
    """
    keys = list(conn.execute(select(claims.c.claim_key).where(claims.c.event_id == event_a)
                             .order_by(claims.c.claim_key)).scalars())
    if not keys:
        raise ValueError(f"no event {event_a}")
    claim_a = next((k for k in keys if claim_event_id(k) == event_a), keys[0]) if kind == "link" else keys[0]
    result = conn.execute(overrides.insert().values(kind=kind, claim_a=claim_a, claim_b=claim_b, active=True,
                                                    created_at=_now(), note=note))
    _rederive_claims(conn, {claim_a, claim_b}, f"analyst {'merge' if kind == 'link' else 'split'}: {note}".strip(": "),
                     settings)
    return result.inserted_primary_key[0]


def undo_override(conn: Connection, override_id: int, settings: Settings) -> None:
    """Reverse an analyst's merge or split."""
    row = conn.execute(select(overrides).where(overrides.c.id == override_id)).first()
    if row is None or not row.active:
        raise ValueError(f"no active merge or split #{override_id}")
    conn.execute(update(overrides).where(overrides.c.id == override_id).values(active=False))
    _rederive_claims(conn, {row.claim_a, row.claim_b}, f"undo analyst {row.kind} #{override_id}", settings)


def _rederive_claims(conn: Connection, keys: set[str], reason: str, settings: Settings) -> None:
    rows = conn.execute(select(claims.c.data, claims.c.event_id).where(claims.c.claim_key.in_(sorted(keys)))).all()
    rederive(conn, [spot_of(json.loads(r.data)) for r in rows], set(keys), {r.event_id for r in rows if r.event_id},
             reason, settings)


def _claim_date(event: Event) -> str | None:
    return event.event_date.isoformat() if event.event_date else None


def _published(cluster: list[Event], key: str) -> str:
    for e in cluster:
        if e.event_id == key:
            pub = e.sources[0].published if e.sources else None
            return pub.isoformat() if pub else "9999-12-31"
    return "9999-12-31"


def _save_events(conn: Connection, entries: list[tuple[str, Cluster, list[str], set]], reason: str,
                 counts: dict[str, int]) -> None:
    """Write the events of clusters, each ``(event id, cluster, claim keys, old ids it takes over)``, a few
    statements for all of them.

    The claims take the event's id; an old id the cluster takes over becomes an alias of it (and its
    event goes when no claim is left to it); an event whose record changed gets a new version, its
    actors written again. The entries' ids and keys are distinct, and only the first may take over
    old ids (see :func:`save_clusters`): the statements have the effect of one entry at a time, in order.
    """
    if not entries:
        return
    assert not any(taken for _, _, _, taken in entries[1:]), "only the first entry takes over old ids"
    ids = [event_id for event_id, _, _, _ in entries]
    for part in (entries[:1], entries[1:]):  # the first one's takeover before the others' claims move
        for chunk in _chunks([event_id for event_id, _, _, _ in part]):
            conn.execute(delete(event_aliases).where(event_aliases.c.old_id.in_(chunk)))  # an undone merge revives an id
        moves = [{"k": key, "e": event_id} for event_id, _, keys, _ in part for key in keys]
        if moves:
            conn.execute(update(claims).where(claims.c.claim_key == bindparam("k")).values(event_id=bindparam("e")),
                         moves)
        for event_id, _, _, taken in part:
            for old in sorted(taken):
                # The cluster used to be (part of) another event: keep the old id as an alias.
                conn.execute(delete(event_aliases).where(event_aliases.c.old_id == old))
                conn.execute(event_aliases.insert().values(old_id=old, new_id=event_id))
                conn.execute(update(event_aliases).where(event_aliases.c.new_id == old).values(new_id=event_id))
                if conn.execute(select(claims.c.claim_key).where(claims.c.event_id == old)).first() is None:
                    conn.execute(delete(event_actors).where(event_actors.c.event_id == old))
                    if conn.execute(delete(events).where(events.c.event_id == old)).rowcount:
                        counts["removed"] += 1
    fixes = _corrections_by_claim(conn, [key for _, _, keys, _ in entries for key in keys])
    rows: dict[str, tuple[int, str]] = {}
    last: dict[str, int] = {}
    for chunk in _chunks(ids):
        rows.update((r.event_id, (r.version, r.data)) for r in conn.execute(
            select(events.c.event_id, events.c.version, events.c.data).where(events.c.event_id.in_(chunk))))
        # An id can come back (an undone merge): its versions go on from where they were.
        last.update(conn.execute(select(event_versions.c.event_id, func.max(event_versions.c.version))
                                 .where(event_versions.c.event_id.in_(chunk)).group_by(event_versions.c.event_id)).all())
    inserted, changed, versions, actors = [], [], [], []
    for event_id, cluster, keys, _ in entries:
        mine = set(keys)
        record = apply_corrections(dict(cluster.record()), [f for key, f in fixes if key in mine])
        record["event_id"] = event_id
        data = _content(record)
        if event_id in rows:
            version, before = rows[event_id]
            if _content(json.loads(before)) == data:
                continue
            version += 1
            counts["updated"] += 1
        else:
            version = last.get(event_id, 0) + 1
            counts["new"] += 1
        now = _now()
        values = _columns(record) | {"version": version, "updated_at": now, "data": data}
        (changed if event_id in rows else inserted).append({"event_id": event_id, **values})
        versions.append({"event_id": event_id, "version": version, "changed_at": now, "reason": reason, "data": data})
        roles: dict[str, str] = {}
        for role, names in (("actor1", [record["actor1"]]), ("actor2", [record["actor2"]]),
                            ("assoc1", record["assoc_actor_1"]), ("assoc2", record["assoc_actor_2"])):
            for name in names or ():
                if name and name not in roles:
                    roles[name] = role
        actors += [{"event_id": event_id, "actor": n, "role": r} for n, r in roles.items()]
    insert_rows(conn, events, inserted)
    if changed:
        columns = [c for c in changed[0] if c != "event_id"]
        conn.execute(update(events).where(events.c.event_id == bindparam("id_"))
                     .values({c: bindparam(c) for c in columns}),
                     [{"id_": r["event_id"], **{c: r[c] for c in columns}} for r in changed])
    insert_rows(conn, event_versions, versions)
    written = [r["event_id"] for r in inserted + changed]
    for chunk in _chunks(written):
        conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(chunk)))
    insert_rows(conn, event_actors, actors)


CORRECTABLE = {
    "event_type", "sub_event_type", "event_date", "event_date_end", "time_precision", "actor1", "actor1_type",
    "actor2", "actor2_type", "assoc_actor_1", "assoc_actor_2", "country", "country_code", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
    "injured", "missing", "abducted", "civilian_targeting", "background", "aggregate", "notes", "status",
}


def corrections_of(conn: Connection, keys: list[str]) -> list[dict]:
    """The analysts' corrections in force anchored to ``keys``, oldest first."""
    return [fix for _, fix in _corrections_by_claim(conn, keys)]


def _corrections_by_claim(conn: Connection, keys: list[str]) -> list[tuple[str, dict]]:
    """The analysts' corrections in force anchored to ``keys``, oldest first: (claim key, correction)."""
    rows = []
    for chunk in _chunks(sorted(set(keys))):
        rows += conn.execute(select(corrections).where(corrections.c.claim_key.in_(chunk),
                                                       corrections.c.active.is_(True))).all()
    return [(r.claim_key, {"id": r.id, "field": r.field, "value": json.loads(r.value) if r.value is not None else None,
                           "user": r.user, "reason": r.reason, "created_at": r.created_at})
            for r in sorted(rows, key=lambda r: r.id)]


def apply_corrections(record: dict, items: list[dict]) -> dict:
    """The record with analysts' corrections on top (the latest per field wins), listed in ``corrections``.

    >>> apply_corrections({"fatalities": 12}, [{"field": "fatalities", "value": 14, "user": "a", "reason": "r",
    ...                                          "created_at": "t", "id": 1}])["fatalities"]
    14
    """
    if not items:
        return record
    out = dict(record)
    for item in items:
        if item["field"] == "status":
            out["review_status"] = item["value"]
        else:
            out.setdefault("machine_values", {}).setdefault(item["field"], record.get(item["field"]))
            out[item["field"]] = item["value"]
    out["corrections"] = items
    return out


def save_correction(conn: Connection, event_id: str, field: str, value, user: str, reason: str, settings: Settings) -> int:
    """Record an analyst's correction of one field of an event (or its review ``status``) and apply it.

    Corrections are anchored to the event's earliest claim, so they survive new reports, re-ingests
    and re-extraction; each one makes a new version of the event.
    """
    if field not in CORRECTABLE:
        raise ValueError(f"field {field!r} cannot be corrected")
    if field == "status" and value not in ("accepted", "not_event", None):
        raise ValueError("status is accepted or not_event")
    first = conn.execute(select(claims.c.claim_key).where(claims.c.event_id == event_id).order_by(claims.c.claim_key)).first()
    if first is None:
        raise ValueError(f"no event {event_id}")
    result = conn.execute(corrections.insert().values(
        claim_key=first.claim_key, field=field, value=json.dumps(value, ensure_ascii=False), user=user,
        reason=reason, created_at=_now(), active=True))
    _rederive_claims(conn, {first.claim_key}, f"correction by {user}: {field} = {value!r} ({reason})", settings)
    return result.inserted_primary_key[0]


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
        "review_status": record.get("review_status"),
    }
