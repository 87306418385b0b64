"""HTML pages: map, event list, event page (with review forms), actors, security trends, search, sign-in.

Pages read the store through the same filters as the API; filters live in
the URL so a view can be shared. Templates autoescape everything (article
text included) and pages carry no inline script: the map and charts are
driven by ``static/*.js`` reading ``data-*`` attributes.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..exports import FORMATS
from ..store import event_queries, trends
from ..store.articles import load_texts
from ..store.query import EventFilter, actor_counts, load_event, query_events, weekly_counts
from ..store.review import event_overrides, merge_preview
from . import i18n, views
from .api import actor_info, actor_kb, find_actor, resolve_week
from .auth import SESSION_COOKIE, delete_session, save_session
from .deps import check_csrf, config_of, current_user, engine_of, page_csrf, sign_in
from .errors import APIError
from .filters import MAX_INT, filter_params, parse_date, parse_filter, parse_int
from .views import as_list
from ..store.search import search as search_articles
from .review import FIELDS, do_correct, do_merge, do_split, do_status, do_undo, dumps

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).parent / "templates"

DONE = {"corrected": "Correction saved.", "accepted": "Event accepted.", "not_event": "Marked as not an event.",
        "merged": "Events merged.", "split": "Report split out into its own event.", "undone": "Undone.",
        "cleared": "Review status cleared.", "signed_in": "Signed in.", "signed_out": "Signed out.",
        "alert_saved": "Alert saved: the monitor checks it on every new event.", "alert_removed": "Alert removed."}


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(show=views.show, type_class=views.type_class, type_classes=views.TYPE_CLASSES,
                       as_list=views.as_list)
    return Jinja2Templates(env=env)


_TEMPLATES: Jinja2Templates | None = None


def templates() -> Jinja2Templates:
    global _TEMPLATES
    if _TEMPLATES is None:
        _TEMPLATES = _templates()
    return _TEMPLATES


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """A page with the context every template gets (user, CSRF token, flash message, language and formatters).

    The language (see :mod:`.i18n`) chosen with ``?lang=`` is kept in a cookie.
    """
    lang = i18n.choose_language(request.query_params, request.cookies, request.headers.get("accept-language"))
    gettext = i18n.translations(lang)
    done = DONE.get(request.query_params.get("done", ""))
    base = {"user": current_user(request), "csrf": page_csrf(request), "config": config_of(request),
            "done": gettext.gettext(done) if done else None, "path": request.url.path,
            "lang": lang, "languages": i18n.LANGUAGES, "_": gettext.gettext, "ngettext": gettext.ngettext,
            "num": i18n.number(lang), "day": i18n.day(lang),
            "lang_url": lambda code: request.url.path + "?" + request.url.include_query_params(lang=code)
            .remove_query_params("done").query}
    response = templates().TemplateResponse(request, name, {**base, **context}, status_code=status)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax",
                            secure=config_of(request).secure_cookies)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    try:
        return render(request, "error.html", status=status, status_code=status, message=message)
    except Exception:  # the error page itself failed (store down): plain text, same status
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)


def _query(params: dict, **changes) -> str:
    merged = {**params, **{k: v for k, v in changes.items()}}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", [])}, doseq=True)


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request):
    flt = parse_filter(request.query_params)
    params = filter_params(request.query_params)
    engine = engine_of(request)
    total, latest = event_queries.page_events(engine, flt, limit=25)
    weeks = weekly_counts(engine, flt, by_country=False)
    return render(request, "map.html", params=params, query=_query(params), total=total, events=latest,
                  chart=views.timeline(weeks), weeks=weeks, formats=FORMATS,
                  charts=_facets(engine, flt, params, ("type", "admin1", "actor")),
                  clear_dates_query=_query({k: v for k, v in params.items() if k not in ("since", "until")}),
                  **event_queries.filter_choices(engine))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    flt = parse_filter(request.query_params)
    params = filter_params(request.query_params)
    page = parse_int(request.query_params, "page", minimum=1, maximum=100_000, default=1)
    sort = request.query_params.get("sort") or "-event_date"
    try:
        key, desc = event_queries.parse_sort(sort)
    except ValueError as exc:
        raise APIError(422, f"sort: {exc}", "invalid_parameter") from None
    size = parse_int(request.query_params, "size", minimum=1, maximum=500, default=50)
    if size not in PAGE_SIZES:
        raise APIError(422, f"size: one of {', '.join(map(str, PAGE_SIZES))}", "invalid_parameter")
    engine = engine_of(request)
    total, found = event_queries.page_events(engine, flt, key, desc, (page - 1) * size, size)
    pages = max(1, -(-total // size))
    keep = {**params, "sort": sort if sort != "-event_date" else "", "size": size if size != 50 else ""}
    return render(request, "events.html", params=params, events=found, total=total, page=page, pages=pages,
                  prev_query=_query(keep, page=page - 1) if page > 1 else None,
                  next_query=_query(keep, page=page + 1) if page < pages else None,
                  sort=sort, query=_query(params), sort_query=lambda s: _query({**keep, "sort": s}),
                  size=size, sizes=PAGE_SIZES, size_query=lambda n: _query({**keep, "size": n}),
                  facets=_facets(engine, flt, params, ("type", "country", "admin1", "actor", "sub_event_type")),
                  formats=FORMATS, **event_queries.filter_choices(engine))


PAGE_SIZES = (25, 50, 100, 200)


def _facets(engine, flt, params: dict, names: tuple[str, ...]) -> list[dict]:
    """The facets of a page: each with its label and values (counts within the current filter)."""
    from .facets import FACETS, facet_values
    return [{"name": n, "label": FACETS[n].label, "values": facet_values(engine, flt, params, n)} for n in names]


def _articles(request: Request, record: dict) -> list[dict]:
    """Each source with its article text split around the evidence sentences."""
    keys = {s["doc"].rsplit("#", 1)[0] for s in record["sources"] if s.get("doc")}
    texts = load_texts(engine_of(request), keys)
    out = []
    for source in record["sources"]:
        sentences: dict[str, list[str]] = {}
        for ev in source.get("evidence", []):
            sentences.setdefault(ev["text"], []).append(ev["field"])
        text = texts.get((source.get("doc") or "").rsplit("#", 1)[0], "")
        out.append({**source, "segments": views.mark_sentences(text, sentences) if text else [],
                    "sentences": sorted(sentences.items(), key=lambda kv: kv[1])})
    return out


def _evidence_by_field(record: dict) -> dict[str, list[dict]]:
    by_field: dict[str, list[dict]] = {}
    for i, source in enumerate(record["sources"]):
        for ev in source.get("evidence", []):
            by_field.setdefault(ev["field"], []).append({"source": i + 1, "text": ev["text"],
                                                         "figure": source.get("fatalities")})
    return by_field


def _needle(field: str, value) -> str | None:
    if value is None or isinstance(value, (bool, list, dict)):
        return None
    text = str(value)
    return text if field in ("fatalities", "location", "admin1", "admin2", "injured", "missing", "abducted") else None


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    engine = engine_of(request)
    record = load_event(engine, event_id[:64])
    if record is None:
        raise APIError(404, f"no event {event_id}", "not_found")
    if record["event_id"] != event_id:
        return RedirectResponse(f"/events/{record['event_id']}?merged_from={event_id}", status_code=307)
    evidence = _evidence_by_field(record)
    rows = []
    machine = record.get("machine_values") or {}
    for field in views.field_rows(record):
        value = record.get(field)
        rows.append({"field": field, "value": value, "corrected": field in machine, "machine": machine.get(field),
                     "evidence": [{**e, "segments": views.highlight(e["text"], _needle(
                                     field, e["figure"] if field == "fatalities" and e["figure"] is not None else value))}
                                  for e in evidence.get(field, [])]})
    return render(request, "event.html", event=record, rows=rows, articles=_articles(request, record),
                  history_chart=views.history_chart(record.get("history") or []),
                  overrides=event_overrides(engine, [c["claim"] for c in record["claims"]]),
                  fields=FIELDS, dumps=dumps, merged_from=request.query_params.get("merged_from"))


async def _form(request: Request) -> dict:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _writer(request: Request):
    user = current_user(request)
    if user is None:
        raise APIError(401, "sign in to make changes", "unauthorized")
    if not user.can("analyst"):
        raise APIError(403, f"this needs the analyst role; {user.name} is {user.role}", "forbidden")
    return user


def _back(event_id: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"/events/{event_id}?done={done}", status_code=303)


@router.post("/events/{event_id}/correct")
async def correct_form(request: Request, event_id: str):
    form = await _form(request)
    user = _writer(request)
    current = do_correct(request, user, event_id, form.get("field", ""), form.get("value", ""), form.get("reason"))
    return _back(current, "corrected")


@router.post("/events/{event_id}/status")
async def status_form(request: Request, event_id: str):
    form = await _form(request)
    user = _writer(request)
    status = form.get("status") or None
    current = do_status(request, user, event_id, status, form.get("reason"))
    return _back(current, status or "cleared")


MERGE_FIELDS = ("event_type", "sub_event_type", "event_date", "event_date_end", "location", "admin2", "admin1",
                "country", "latitude", "longitude", "fatalities", "actor1", "actor2")


@router.get("/events/{event_id}/merge", response_class=HTMLResponse)
def merge_page(request: Request, event_id: str):
    """What merging another event into this one would make, before the analyst confirms."""
    engine = engine_of(request)
    this = load_event(engine, event_id[:64])
    other_id = (request.query_params.get("other") or "").strip()[:64]
    other = load_event(engine, other_id) if other_id else None
    if this is None:
        raise APIError(404, f"no event {event_id}", "not_found")
    if other is None:
        raise APIError(404, f"no event {other_id or '(none given)'} to merge", "not_found")
    if other["event_id"] == this["event_id"]:
        raise APIError(409, "these are already one event", "conflict")
    result = merge_preview(engine, this["event_id"], other["event_id"])
    rows = [{"field": f, "this": this.get(f), "other": other.get(f), "result": result.get(f),
             "changed": result.get(f) != this.get(f)} for f in MERGE_FIELDS]
    return render(request, "merge.html", this=this, other=other, result=result, rows=rows,
                  note=request.query_params.get("note", "")[:1000])


@router.post("/events/{event_id}/merge")
async def merge_form(request: Request, event_id: str):
    form = await _form(request)
    user = _writer(request)
    current, _ = do_merge(request, user, event_id, form.get("other", "").strip(), form.get("note"))
    return _back(current, "merged")


@router.post("/events/{event_id}/split")
async def split_form(request: Request, event_id: str):
    form = await _form(request)
    user = _writer(request)
    current, _ = do_split(request, user, event_id, form.get("claim", ""), form.get("note"))
    return _back(current, "split")


@router.post("/overrides/{number}/undo")
async def undo_form(request: Request, number: int = PathParam(..., ge=1, le=MAX_INT)):
    form = await _form(request)
    user = _writer(request)
    do_undo(request, user, number)
    back = form.get("back", "/")
    return RedirectResponse((back if back.startswith("/events/") else "/") + "?done=undone", status_code=303)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request):
    flt = parse_filter(request.query_params)
    rows = actor_counts(engine_of(request), flt)
    kb = actor_kb()
    for row in rows:
        known = kb.get(row["actor"])
        row["type"] = known.actor_type if known else ""
    return render(request, "actors.html", actors=rows, params=filter_params(request.query_params))


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor_page(request: Request, name: str):
    actor = find_actor(name[:200])
    if actor is None:
        raise APIError(404, f"unknown actor: {name}", "not_found")
    found = list(query_events(engine_of(request), EventFilter(actor=actor.name, limit=500)))
    return render(request, "actor.html", actor=actor_info(actor), events=found,
                  query=_query({"actor": actor.name}))


@router.get("/trends", response_class=HTMLResponse)
def trends_page(request: Request):
    flt = parse_filter(request.query_params)
    monday = resolve_week(request, request.query_params.get("week"))
    rows = trends.weekly_trends(engine_of(request), monday, flt)
    prev_week = trends.shift(monday, -7).isoformat()
    next_week = trends.shift(monday, 7).isoformat()
    return render(request, "trends.html", rows=rows, week=monday.isoformat(),
                  week_end=trends.shift(monday, 6).isoformat(), prev_week=prev_week, next_week=next_week,
                  params=filter_params(request.query_params))


@router.get("/map/labels.json")
def map_labels_json():
    """Place names of the offline map (capitals, regional capitals, large towns), shown by zoom level."""
    from fastapi.responses import JSONResponse
    from .labels import map_labels
    return JSONResponse({"labels": map_labels()}, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request):
    """Two periods side by side (A: since/until, B: since_b/until_b, by default the period just before A)."""
    from .compare import GROUPS, compare, previous_period
    params = filter_params(request.query_params)
    flt = parse_filter(request.query_params)
    engine = engine_of(request)
    latest = event_queries.latest_event_date(engine) or dt.date.today().isoformat()
    until = dt.date.fromisoformat(flt.until or latest)
    since = dt.date.fromisoformat(flt.since) if flt.since else trends.shift(until, -89)
    b_since = parse_date(request.query_params, "since_b")
    b_until = parse_date(request.query_params, "until_b")
    default_b = previous_period(since, until)
    b = (dt.date.fromisoformat(b_since) if b_since else default_b[0], dt.date.fromisoformat(b_until) if b_until else default_b[1])
    labels = {"type": "Type", "country": "Country", "admin1": "Region"}
    tables = {g: compare(engine, flt, (since, until), b, g) for g in GROUPS}
    hidden = [(k, v) for k, values in params.items() if k not in ("since", "until") for v in as_list(values)]
    return render(request, "compare.html", a=(since.isoformat(), until.isoformat()), b=(b[0].isoformat(), b[1].isoformat()),
                  groups=[(g, labels[g]) for g in GROUPS], tables=tables, hidden=hidden, params=params)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request):
    q = (request.query_params.get("q") or "").strip()[:500]
    hits = search_articles(engine_of(request), q, 50) if q else []
    return render(request, "search.html", q=q, hits=hits)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The OpenAPI description as a plain page (Swagger UI needs a CDN; this works offline)."""
    spec = request.app.openapi()
    ops = [{"method": m.upper(), "path": p, "summary": op.get("summary", ""),
            "params": [(x["name"], x.get("in"), x.get("description", "")) for x in op.get("parameters", [])]}
           for p, item in spec["paths"].items() for m, op in item.items()]
    return render(request, "apidocs.html", ops=ops)


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return render(request, "login.html", next=_safe_next(request.query_params.get("next")), error=None)


@router.post("/login")
async def login_form(request: Request):
    form = await _form(request)
    nxt = _safe_next(form.get("next"))
    try:
        user = sign_in(request, form.get("name", "")[:80], form.get("password", "")[:1000])
    except APIError as exc:
        if exc.status != 429:
            raise
        response = render(request, "login.html", status=429, next=nxt, error=exc.message[0].upper() + exc.message[1:] + ".")
        response.headers.update(exc.headers)
        return response
    if user is None:
        return render(request, "login.html", status=401, next=nxt, error="Wrong user name or password.")
    cfg = config_of(request)
    token, _ = save_session(engine_of(request), user, cfg.session_hours)
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(cfg.session_hours * 3600), httponly=True, samesite="lax",
                        secure=cfg.secure_cookies)
    return response


@router.post("/logout")
async def logout_form(request: Request):
    await _form(request)
    delete_session(engine_of(request), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/?done=signed_out", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
