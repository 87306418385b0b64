"""Read-only JSON API: events, one event, actors, places, search, statistics, trends, exports, health.

Every list takes the filters of ``harmattan events`` as query parameters
(``country``, ``admin1``, ``since``, ``until``, ``type``, ``actor``,
``min_fatalities``, ``near``, ``background``); the OpenAPI description is at
``/api/openapi.json`` and browsable at ``/api/docs``.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from functools import lru_cache

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.background import BackgroundTask

from .. import __version__
from ..exports import FORMATS, write_export
from ..store import articles, event_groups, event_queries, status
from ..store.query import EventFilter, actor_counts, load_event, query_events, weekly_counts
from ..store.review import event_overrides
from ..store.trends import shift, weekly_trends
from . import schemas as S
from ..store.search import search as search_articles
from .deps import config_of, current_user, engine_of
from .errors import APIError
from .filters import FILTER_KEYS, MAX_INT, parse_date, parse_filter

router = APIRouter(prefix="/api", tags=["read"])

EXPORT_MEDIA = {"acled-csv": ("text/csv; charset=utf-8", "csv"),
                "acled-xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
                "jsonl": ("application/x-ndjson", "jsonl"),
                "geojson": ("application/geo+json", "geojson"), "parquet": ("application/vnd.apache.parquet", "parquet")}


# Some text, not only spaces: the class names the spaces of both Python's and JavaScript's regular expressions,
# so the server (Python) and clients checking the description (often JavaScript) agree on what is blank.
NOT_BLANK = "[^\\s\\x1c-\\x1f\\x85\\ufeff]"
_TEXT = {"max_length": 200, "pattern": NOT_BLANK}
_ITEMS = {"json_schema_extra": {"items": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": NOT_BLANK}}}
_LAT = r"-?(?:90(?:\.0+)?|[1-8]?\d(?:\.\d+)?)"
_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|[1-9]?\d)(?:\.\d+)?)"
_KM = r"(?:[1-9]\d{0,4}(?:\.\d+)?|0\.\d*[1-9]\d*)"
NEAR_PATTERN = f"^{_LAT},{_LON},{_KM}$"
SEARCH_PATTERN = "[0-9A-Za-z\u00c0-\u024f]"  # a letter or digit somewhere (the server takes any Unicode one)
_MANY = "; repeat the parameter for any of several"
_DATE = {"json_schema_extra": {"format": "date"}, "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _country_codes() -> list[str]:
    import pycountry
    return sorted(c.alpha_2 for c in pycountry.countries)


COUNTRY_CODES = _country_codes()


def event_filter(
    request: Request,
    country: list[str] | None = Query(None, description="ISO 3166 code (ML); the server also takes names (Mali)" + _MANY,
                                      max_length=50, json_schema_extra={"items": {"type": "string", "enum": COUNTRY_CODES}}),
    admin1: list[str] | None = Query(None, description="First-level region (Mopti, Borno, ...)" + _MANY, max_length=50,
                                     **_ITEMS),
    since: str | None = Query(None, description="Events on or after this day (YYYY-MM-DD)", **_DATE),
    until: str | None = Query(None, description="Events on or before this day (YYYY-MM-DD)", **_DATE),
    type: list[str] | None = Query(None, description="Event type (Battles, Disaster, ...)" + _MANY, max_length=50,
                                   **_ITEMS),
    sub_event_type: list[str] | None = Query(None, description="Sub-event type (Armed clash, Flood, ...)" + _MANY,
                                             max_length=50, **_ITEMS),
    actor: list[str] | None = Query(None, description="Actor name or alias, any role (JNIM, GSIM, Wagner)" + _MANY,
                                    max_length=50, **_ITEMS),
    min_fatalities: int | None = Query(None, ge=0, le=MAX_INT, description="At least this many deaths"),
    near: str | None = Query(None, description="LAT,LON,KM: within KM kilometres of a point", pattern=NEAR_PATTERN),
    civilian_targeting: bool | None = Query(None, description="Only events targeting civilians (true) or not (false)"),
    q: str | None = Query(None, description="Words found in the place, actor or type names", **_TEXT),
    background: bool = Query(False, description="Include past-context events"),
) -> EventFilter:
    """The store filter of the request: FastAPI checks the types declared here, :func:`parse_filter` the rest.

    Unlike the pages (whose forms send empty fields), the API refuses an empty value: leave the parameter out.
    """
    for name, value in request.query_params.multi_items():
        if name in FILTER_KEYS and not re.search(NOT_BLANK, value):
            raise APIError(422, f"{name}: empty; give a value or leave the parameter out", "invalid_parameter",
                           [{"parameter": name, "message": "empty"}])
    return parse_filter(request.query_params)


def conditional(request: Request, response: Response | None = None) -> Response | None:
    """HTTP validation of the reads computed from the events: an ETag naming the store's version, and a 304.

    The version (:func:`harmattan.store.status.load_version`) changes with every write of an event,
    so a client (or a cache) that sends ``If-None-Match`` with the tag it holds gets ``304 Not Modified``
    without the query being run. The version is read before the data: a write in between gives an
    older tag to newer data, which costs the client one more full answer, never a stale one.
    Returns the 304 to send, or None (the tag is then set on ``response`` when given).
    """
    tag = f'W/"{__version__}-{status.load_version(engine_of(request))}"'
    request.state.etag = tag
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    sent = {t.strip() for t in request.headers.get("if-none-match", "").split(",")}
    if tag in sent or "*" in sent:
        return Response(status_code=304, headers=headers)
    if response is not None:
        response.headers.update(headers)
    return None


def _tagged(request: Request, response: Response) -> Response:
    """``response`` with the validators :func:`conditional` chose."""
    response.headers["ETag"] = request.state.etag
    response.headers["Cache-Control"] = "no-cache"
    return response


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


@router.get("/health", response_model=S.Health, summary="Is the service up, and can it read the store?")
def health(request: Request) -> dict:
    engine = engine_of(request)
    empty = status.is_empty(engine)
    return {"status": "ok", "version": __version__, "database": status.backend_name(engine), "empty": empty}


@router.get("/me", response_model=S.Me, summary="The signed-in user, or null")
def me(request: Request) -> dict:
    user = current_user(request)
    return {"user": None if user is None else {"name": user.name, "role": user.role}}


@router.get("/events", response_model=S.EventPage, summary="Events matching the filters, one page at a time")
def list_events(request: Request, flt: EventFilter = Depends(event_filter),
                sort: S.SortKey = Query("-event_date", description="event_date, fatalities, n_sources, country, "
                                                                   "updated_at, event_type; prefix - for descending"),
                offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=1000)) -> dict:
    if limit > config_of(request).max_page_size:
        raise APIError(422, f"limit: at most {config_of(request).max_page_size}", "invalid_parameter")
    try:
        key, desc = event_queries.parse_sort(sort)
    except ValueError as exc:
        raise APIError(422, f"sort: {exc}", "invalid_parameter") from None
    if (unchanged := conditional(request)) is not None:
        return unchanged
    total, found = event_queries.page_events(engine_of(request), flt, key, desc, offset, limit)
    nxt = None
    if offset + len(found) < total:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return _tagged(request, JSONResponse({"total": total, "offset": offset, "limit": limit,
                                          "sort": ("-" if desc else "") + key, "next": nxt, "events": found}))


@router.get("/events/points", response_model=S.Points, summary="Compact points of the matching events, for maps")
def event_points(request: Request, flt: EventFilter = Depends(event_filter),
                 limit: int = Query(5000, ge=1, le=50_000)) -> dict:
    if (unchanged := conditional(request)) is not None:
        return unchanged
    count, points = event_queries.map_points(engine_of(request), flt, limit)
    return _tagged(request, Response(f'{{"count": {count}, "points": {points}}}', media_type="application/json"))


@router.get("/events/{event_id}", response_model=S.EventFull, summary="One event: every field, sources with evidence, history, versions, corrections")
def get_event(request: Request, event_id: str) -> dict:
    engine = engine_of(request)
    record = load_event(engine, event_id[:64])
    if record is None:
        raise APIError(404, f"no event {event_id}", "not_found")
    record["overrides"] = event_overrides(engine, [c["claim"] for c in record["claims"]])
    return JSONResponse(record)


@router.get("/actors", response_model=S.ActorList, summary="Actors of the matching events, most active first")
def list_actors(request: Request, response: Response, flt: EventFilter = Depends(event_filter),
                limit: int = Query(200, ge=1, le=5000)) -> dict:
    if (unchanged := conditional(request, response)) is not None:
        return unchanged
    rows = actor_counts(engine_of(request), flt)[:limit]
    kb = actor_kb()
    for row in rows:
        known = kb.get(row["actor"])
        row["type"] = known.actor_type if known else None
    return {"count": len(rows), "actors": rows}


@router.get("/actors/{name}", response_model=S.ActorInfo, summary="One actor: names, type, affiliations and successions, its events")
def get_actor(request: Request, name: str, limit: int = Query(100, ge=1, le=5000)) -> dict:
    actor = find_actor(name[:200])
    if actor is None:
        raise APIError(404, f"unknown actor: {name}", "not_found")
    found = list(query_events(engine_of(request), EventFilter(actor=actor.name, limit=limit)))
    return {**actor_info(actor), "events": found}


@router.get("/places", response_model=S.PlaceList, summary="Places of the matching events with their counts")
def list_places(request: Request, response: Response, flt: EventFilter = Depends(event_filter),
                limit: int = Query(500, ge=1, le=10_000)) -> dict:
    if (unchanged := conditional(request, response)) is not None:
        return unchanged
    rows = event_queries.places(engine_of(request), flt, limit)
    return {"count": len(rows), "places": rows}


@router.get("/search", response_model=S.SearchResult, summary="Full-text search over stored articles")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500, pattern=SEARCH_PATTERN,
                                           description="Words to find (all of them); OR between two words or phrases; "
                                                       "\"quoted phrases\"; accents and the gazetteer's spellings "
                                                       "of place names do not matter"),
           limit: int = Query(20, ge=1, le=200)) -> dict:
    if not any(ch.isalnum() for ch in q):
        raise APIError(422, "q: give at least one word", "invalid_parameter")
    hits = search_articles(engine_of(request), q, limit)
    return {"query": q, "count": len(hits), "results": hits}


@router.get("/stats", response_model=S.Stats, summary="Events and fatalities per week, country, admin1, type or actor")
def stats(request: Request, response: Response, flt: EventFilter = Depends(event_filter),
          by: S.GroupBy = Query("week", description="week, country, admin1, type or actor")) -> dict:
    if by not in event_groups.GROUPS:
        raise APIError(422, f"by: one of {', '.join(event_groups.GROUPS)}", "invalid_parameter")
    if (unchanged := conditional(request, response)) is not None:
        return unchanged
    engine = engine_of(request)
    rows = weekly_counts(engine, flt, by_country=False) if by == "week" else event_groups.group_counts(engine, flt, by)
    return {"by": by, "count": len(rows), "rows": rows,
            "total": {"events": sum(r["events"] for r in rows) if by != "actor" else None,
                      "fatalities": sum(r["fatalities"] for r in rows) if by != "actor" else None}}


def resolve_week(request: Request, value: str | None) -> dt.date:
    """The Monday of the week asked for, else of the latest stored event's week, else of this week."""
    day = parse_date({"week": value}, "week", bounded=False) if value else None
    if day is None:
        day = event_queries.latest_event_date(engine_of(request)) or dt.date.today().isoformat()
    day = dt.date.fromisoformat(day)
    return shift(day, -day.weekday())


@router.get("/trends", response_model=S.Trends, summary="The week's changes per country: events, fatalities, new places, most active actors")
def trends(request: Request, flt: EventFilter = Depends(event_filter),
           week: str | None = Query(None, description="Any day of the week, YYYY-MM-DD (default: the week of the "
                                                      "latest event)", **_DATE)) -> dict:
    monday = resolve_week(request, week)
    rows = weekly_trends(engine_of(request), monday, flt)
    return {"week": monday.isoformat(), "week_end": shift(monday, 6).isoformat(), "countries": rows}


@router.get("/export", summary="The matching events as a file: acled-csv, acled-xlsx, jsonl, geojson or parquet "
                                "(GeoJSON leaves out events without coordinates and says how many in `left_out` "
                                "and the X-Events-Left-Out header)",
            response_class=FileResponse)
def export(request: Request, flt: EventFilter = Depends(event_filter),
           format: S.ExportFormat = Query(..., description="acled-csv, acled-xlsx, jsonl, geojson or parquet"),
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
        write_export(articles.with_publishers(engine, query_events(engine, flt)), format, path, stats=stats)
    except Exception:
        os.unlink(path)
        raise
    stamp = dt.date.today().isoformat()
    headers = {"X-Events-Written": str(stats.get("written", 0))}
    if "skipped_no_coordinates" in stats:
        headers["X-Events-Left-Out"] = str(stats["skipped_no_coordinates"])
    return FileResponse(path, media_type=media, filename=f"harmattan-events-{stamp}.{ext}", headers=headers,
                        background=BackgroundTask(os.unlink, path))
