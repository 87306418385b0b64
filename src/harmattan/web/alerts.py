"""Saved searches as alerts: an analyst turns the current filters into a monitor alert rule, from the web app.

The rule is the monitor's own (:class:`harmattan.monitor.rules.AlertRule`),
saved in its table, so ``harmattan watch`` checks it on every new event and
sends it to a webhook and/or e-mail; every firing is also in the Atom feed at
``/alerts.atom``. A rule watches new events, so only the filters a rule has
carry over (country, region, type, actor, minimum deaths); the form says which
of the page's filters do not.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import QueryParams

from ..monitor.alerts import load_rules, render_alert_feed, save_rule
from ..store.alert_log import load_alert_log, remove_alert_rule
from ..monitor.rules import AlertRule
from .deps import engine_of
from .errors import APIError
from .filters import filter_params, parse_filter
from .views import as_list

router = APIRouter(include_in_schema=False)

#: Page filters an alert rule keeps, and the rule field each becomes.
KEPT = {"country": "country", "admin1": "admin1", "type": "event_type", "actor": "actor", "min_fatalities": "min_fatalities"}
_NAME = re.compile(r"^[\w .-]{1,60}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,}$")


def dropped_filters(params: Mapping) -> list[str]:
    """The page's filters an alert cannot keep (dates, words, sub-type, place radius...).

    >>> dropped_filters({"country": "ML", "since": "2025-01-01", "q": "x"})
    ['since', 'q']
    """
    return [k for k in params if k not in KEPT]


def rule_from_filters(name: str, params: Mapping, webhook: str = "", email: str = "") -> AlertRule:
    """An alert rule of the page's filters (checked as the page checks them) and its channels; APIError 422 if bad."""
    name = name.strip()
    if not _NAME.match(name):
        raise APIError(422, "name: 1-60 letters, digits, spaces, dots or dashes", "invalid_parameter")
    flt = parse_filter(params)  # same checks as the page
    webhook, email = webhook.strip(), email.strip()
    if webhook and (urlsplit(webhook).scheme not in ("http", "https") or not urlsplit(webhook).netloc):
        raise APIError(422, "webhook: an http(s) address", "invalid_parameter")
    if email and not _EMAIL.match(email):
        raise APIError(422, "email: an e-mail address", "invalid_parameter")
    countries = as_list(flt.country)
    return AlertRule(name=name, country=tuple(countries), admin1=tuple(as_list(flt.admin1)),
                     event_type=tuple(as_list(flt.event_type)), actor=tuple(as_list(flt.actor)),
                     min_fatalities=flt.min_fatalities, webhooks=(webhook,) if webhook else (),
                     emails=(email,) if email else ())


@router.get("/alerts")
def alerts_page(request: Request):
    from .pages import render
    engine = engine_of(request)
    params = filter_params(request.query_params)
    return render(request, "alerts.html", rules=load_rules(engine), log=load_alert_log(engine, 20), params=params,
                  kept=[k for k in params if k in KEPT], dropped=dropped_filters(params),
                  hidden=[(k, v) for k, values in params.items() if k in KEPT for v in as_list(values)])


@router.post("/alerts")
async def save_alert(request: Request):
    from .pages import _form, _writer
    form = await _form(request)
    _writer(request)
    multi = await request.form()
    params = QueryParams([(k, v) for k, v in multi.multi_items() if k in KEPT and isinstance(v, str)])
    rule = rule_from_filters(form.get("name", ""), params, form.get("webhook", ""), form.get("email", ""))
    try:
        save_rule(engine_of(request), rule)
    except ValueError as exc:
        raise APIError(409, str(exc), "conflict") from None
    return RedirectResponse("/alerts?done=alert_saved", status_code=303)


@router.post("/alerts/{name}/delete")
async def delete_alert(request: Request, name: str):
    from .pages import _form, _writer
    await _form(request)
    _writer(request)
    if not remove_alert_rule(engine_of(request), name[:60]):
        raise APIError(404, f"no alert named {name}", "not_found")
    return RedirectResponse("/alerts?done=alert_removed", status_code=303)


@router.get("/alerts.atom")
def alerts_feed(request: Request) -> Response:
    """Every firing of every alert, newest first (subscribe in a feed reader)."""
    return Response(render_alert_feed(engine_of(request), 100, str(request.url)),
                    media_type="application/atom+xml; charset=utf-8")
