"""Read-only JSON API: events, one event, actors, places, search, statistics, trends, exports, health.

Every list takes the filters of ``harmattan events`` as query parameters
(``country``, ``admin1``, ``since``, ``until``, ``type``, ``actor``,
``min_fatalities``, ``near``, ``background``); the OpenAPI description is at
``/api/openapi.json`` and browsable at ``/api/docs``.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from functools import lru_cache

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import select
from starlette.background import BackgroundTask

from .. import __version__
from ..exports import FORMATS, write_export
from ..store.query import EventFilter, actor_counts, load_event, query_events, search_documents, weekly_counts
from ..store.schema import documents, events
from . import queries
from .deps import config_of, current_user, engine_of
from .errors import APIError
from .filters import MAX_INT, check_date, parse_date, parse_filter

router = APIRouter(prefix="/api", tags=["read"])

EXPORT_MEDIA = {"acled-csv": ("text/csv; charset=utf-8", "csv"),
                "acled-xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
                "jsonl": ("application/x-ndjson", "jsonl"),
                "geojson": ("application/geo+json", "geojson"), "parquet": ("application/vnd.apache.parquet", "parquet")}


_TEXT = {"max_length": 200}
_MANY = "; repeat the parameter for any of several"


def event_filter(
    request: Request,
    country: list[str] | None = Query(None, description="ISO code (ML) or name (Mali)" + _MANY, max_length=50),
    admin1: list[str] | None = Query(None, description="First-level region (Mopti, Borno, ...)" + _MANY, max_length=50),
    since: dt.date | None = Query(None, description="Events on or after this day (1900-01-01 to 2100-12-31)"),
    until: dt.date | None = Query(None, description="Events on or before this day (1900-01-01 to 2100-12-31)"),
    type: list[str] | None = Query(None, description="Event type (Battles, Disaster, ...)" + _MANY, max_length=50),
    sub_event_type: list[str] | None = Query(None, description="Sub-event type (Armed clash, Flood, ...)" + _MANY,
                                             max_length=50),
    actor: list[str] | None = Query(None, description="Actor name or alias, any role (JNIM, GSIM, Wagner)" + _MANY,
                                    max_length=50),
    min_fatalities: int | None = Query(None, ge=0, le=MAX_INT, description="At least this many deaths"),
    near: str | None = Query(None, description="LAT,LON,KM: within KM kilometres of a point", **_TEXT),
    civilian_targeting: bool | None = Query(None, description="Only events targeting civilians (true) or not (false)"),
    q: str | None = Query(None, description="Words found in the place, actor or type names", **_TEXT),
    background: bool = Query(False, description="Include past-context events"),
) -> EventFilter:
    """The store filter of the request: FastAPI checks the types declared here, :func:`parse_filter` the rest."""
    return parse_filter(request.query_params)


@lru_cache(maxsize=1)
def actor_kb():
    from ..actors import load_actor_kb
    return load_actor_kb()


def actor_info(actor) -> dict:
    """An actor of the knowledge base as JSON: names, type, affiliations and successions with dates."""
    kb = actor_kb()
    successions = [{"to": to, "since": since.isoformat(), "country": country}
                   for to, since, country in kb.successions.get(actor.name, ())]
    predecessors = [{"from": name, "since": since.isoformat(), "country": country}
                    for name, rules in kb.successions.items() for to, since, country in rules if to == actor.name]
    return {"name": actor.name, "type": actor.actor_type, "kind": actor.kind, "country_code": actor.country_code,
            "aliases": list(actor.aliases), "affiliations": [dict(a) for a in actor.affiliations],
            "successor": actor.successor, "successor_since": actor.successor_since,
            "successions": successions, "predecessors": predecessors}


def find_actor(name: str):
    kb = actor_kb()
    return kb.get(name) or kb.resolve(name)


@router.get("/health", summary="Is the service up, and can it read the store?")
def health(request: Request) -> dict:
    engine = engine_of(request)
    with engine.connect() as conn:  # cheap reads: health is polled often, counting a big table is not
        has_events = conn.execute(select(events.c.event_id).limit(1)).first() is not None
        has_docs = conn.execute(select(documents.c.id).limit(1)).first() is not None
    return {"status": "ok", "version": __version__, "database": engine.dialect.name,
            "empty": not (has_events or has_docs)}


@router.get("/me", summary="The signed-in user, or null")
def me(request: Request) -> dict:
    user = current_user(request)
    return {"user": None if user is None else {"name": user.name, "role": user.role}}


@router.get("/events", summary="Events matching the filters, one page at a time")
def list_events(request: Request, flt: EventFilter = Depends(event_filter),
                sort: str = Query("-event_date", description="event_date, fatalities, n_sources, country, updated_at, "
                                                             "event_type; prefix - for descending"),
                offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=MAX_INT)) -> dict:
    if limit > config_of(request).max_page_size:
        raise APIError(422, f"limit: at most {config_of(request).max_page_size}", "invalid_parameter")
    try:
        key, desc = queries.parse_sort(sort)
    except ValueError as exc:
        raise APIError(422, f"sort: {exc}", "invalid_parameter") from None
    total, found = queries.page_events(engine_of(request), flt, key, desc, offset, limit)
    nxt = None
    if offset + len(found) < total:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return JSONResponse({"total": total, "offset": offset, "limit": limit, "sort": ("-" if desc else "") + key,
                         "next": nxt, "events": found})


@router.get("/events/points", summary="Compact points of the matching events, for maps")
def event_points(request: Request, flt: EventFilter = Depends(event_filter),
                 limit: int = Query(5000, ge=1, le=50_000)) -> dict:
    points = queries.map_points(engine_of(request), flt, limit)
    return JSONResponse({"count": len(points), "points": points})


@router.get("/events/{event_id}", summary="One event: every field, sources with evidence, history, versions, corrections")
def get_event(request: Request, event_id: str) -> dict:
    engine = engine_of(request)
    record = load_event(engine, event_id[:64])
    if record is None:
        raise APIError(404, f"no event {event_id}", "not_found")
    record["overrides"] = queries.event_overrides(engine, [c["claim"] for c in record["claims"]])
    return JSONResponse(record)


@router.get("/actors", summary="Actors of the matching events, most active first")
def list_actors(request: Request, flt: EventFilter = Depends(event_filter),
                limit: int = Query(200, ge=1, le=5000)) -> dict:
    rows = actor_counts(engine_of(request), flt)[:limit]
    kb = actor_kb()
    for row in rows:
        known = kb.get(row["actor"])
        row["type"] = known.actor_type if known else None
    return {"count": len(rows), "actors": rows}


@router.get("/actors/{name}", summary="One actor: names, type, affiliations and successions, its events")
def get_actor(request: Request, name: str, limit: int = Query(100, ge=1, le=5000)) -> dict:
    actor = find_actor(name[:200])
    if actor is None:
        raise APIError(404, f"unknown actor: {name}", "not_found")
    found = list(query_events(engine_of(request), EventFilter(actor=actor.name, limit=limit)))
    return {**actor_info(actor), "events": found}


@router.get("/places", summary="Places of the matching events with their counts")
def list_places(request: Request, flt: EventFilter = Depends(event_filter),
                limit: int = Query(500, ge=1, le=10_000)) -> dict:
    rows = queries.places(engine_of(request), flt, limit)
    return {"count": len(rows), "places": rows}


@router.get("/search", summary="Full-text search over stored articles")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500, description="Words to find"),
           limit: int = Query(20, ge=1, le=200)) -> dict:
    if not any(ch.isalnum() for ch in q):
        raise APIError(422, "q: give at least one word", "invalid_parameter")
    hits = search_documents(engine_of(request), q, limit)
    return {"query": q, "count": len(hits), "results": hits}


@router.get("/stats", summary="Events and fatalities per week, country, admin1, type or actor")
def stats(request: Request, flt: EventFilter = Depends(event_filter),
          by: str = Query("week", description="week, country, admin1, type or actor")) -> dict:
    if by not in queries.GROUPS:
        raise APIError(422, f"by: one of {', '.join(queries.GROUPS)}", "invalid_parameter")
    engine = engine_of(request)
    rows = weekly_counts(engine, flt, by_country=False) if by == "week" else queries.group_counts(engine, flt, by)
    return {"by": by, "count": len(rows), "rows": rows,
            "total": {"events": sum(r["events"] for r in rows) if by != "actor" else None,
                      "fatalities": sum(r["fatalities"] for r in rows) if by != "actor" else None}}


def resolve_week(request: Request, value: str | dt.date | None) -> dt.date:
    """The week asked for (1900 to 2100), else the week of the latest stored event, else this week."""
    if isinstance(value, dt.date):
        day = check_date("week", value).isoformat()
    else:
        day = parse_date({"week": value}, "week") if value else None
    if day is None:
        day = queries.latest_event_date(engine_of(request)) or dt.date.today().isoformat()
    day = dt.date.fromisoformat(day)
    return day - dt.timedelta(days=day.weekday())


@router.get("/trends", summary="The week's changes per country: events, fatalities, new places, most active actors")
def trends(request: Request, flt: EventFilter = Depends(event_filter),
           week: dt.date | None = Query(None, description="Any day of the week, 1900 to 2100 (default: the week of "
                                                          "the latest event)")) -> dict:
    monday = resolve_week(request, week)
    rows = queries.weekly_trends(engine_of(request), monday, flt)
    return {"week": monday.isoformat(), "week_end": (monday + dt.timedelta(days=6)).isoformat(), "countries": rows}


@router.get("/export", summary="The matching events as a file: acled-csv, acled-xlsx, jsonl, geojson or parquet "
                                "(GeoJSON leaves out events without coordinates and says how many in `left_out` "
                                "and the X-Events-Left-Out header)",
            response_class=FileResponse)
def export(request: Request, flt: EventFilter = Depends(event_filter),
           format: str = Query(..., description="acled-csv, acled-xlsx, jsonl, geojson or parquet"),
           limit: int | None = Query(None, ge=1, le=MAX_INT)):
    if format not in FORMATS:
        raise APIError(422, f"format: one of {', '.join(FORMATS)}", "invalid_parameter")
    cap = config_of(request).max_export_rows
    flt = EventFilter(**{**flt.__dict__, "limit": min(limit or cap, cap)})
    media, ext = EXPORT_MEDIA[format]
    handle, path = tempfile.mkstemp(prefix="harmattan-export-", suffix="." + ext)
    os.close(handle)
    stats: dict = {}
    engine = engine_of(request)
    try:
        write_export(queries.with_publishers(engine, query_events(engine, flt)), format, path, stats=stats)
    except Exception:
        os.unlink(path)
        raise
    stamp = dt.date.today().isoformat()
    headers = {"X-Events-Written": str(stats.get("written", 0))}
    if "skipped_no_coordinates" in stats:
        headers["X-Events-Left-Out"] = str(stats["skipped_no_coordinates"])
    return FileResponse(path, media_type=media, filename=f"harmattan-events-{stamp}.{ext}", headers=headers,
                        background=BackgroundTask(os.unlink, path))
