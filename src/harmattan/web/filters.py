"""Query parameters of the API and pages turned into a store :class:`EventFilter`, with clear errors.

Empty parameters (as an HTML form sends them) mean "no filter"; anything
malformed is an :class:`APIError` 422 naming the parameter.

>>> parse_filter({"country": "ML", "since": "2025-05-01", "min_fatalities": "10", "until": ""}).min_fatalities
10
>>> parse_filter({"since": "yesterday"})
Traceback (most recent call last):
...
harmattan.web.errors.APIError: since: expected a date YYYY-MM-DD, got 'yesterday'
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..store.query import EventFilter, country_code, parse_near
from .errors import APIError

FILTER_KEYS = ("country", "admin1", "since", "until", "type", "actor", "min_fatalities", "near", "background")
_MAX_TEXT = 200


def _invalid(name: str, message: str) -> APIError:
    return APIError(422, f"{name}: {message}", "invalid_parameter", [{"parameter": name, "message": message}])


def _text(params: Mapping, name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > _MAX_TEXT:
        raise _invalid(name, f"longer than {_MAX_TEXT} characters")
    return value or None


def parse_date(params: Mapping, name: str) -> str | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise _invalid(name, f"expected a date YYYY-MM-DD, got {value!r}") from None


def parse_int(params: Mapping, name: str, minimum: int = 0, maximum: int | None = None, default: int | None = None):
    value = _text(params, name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise _invalid(name, f"expected a whole number, got {value!r}") from None
    if number < minimum or (maximum is not None and number > maximum):
        raise _invalid(name, f"must be between {minimum} and {maximum}" if maximum is not None else f"must be at least {minimum}")
    return number


def parse_bool(params: Mapping, name: str) -> bool:
    value = (_text(params, name) or "false").lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise _invalid(name, f"expected true or false, got {value!r}")


def parse_filter(params: Mapping, limit: int | None = None) -> EventFilter:
    """The store filter of request parameters (``type`` is the event type)."""
    country = _text(params, "country")
    if country:
        try:
            country = country_code(country)
        except ValueError as exc:
            raise _invalid("country", str(exc)) from None
        if not country.isalpha():
            raise _invalid("country", f"unknown country: {country}")
    near = _text(params, "near")
    if near:
        try:
            near = parse_near(near)
        except ValueError as exc:
            raise _invalid("near", f"expected LAT,LON,KM ({exc})") from None
    since, until = parse_date(params, "since"), parse_date(params, "until")
    if since and until and since > until:
        raise APIError(400, f"since ({since}) is after until ({until})", "bad_request")
    return EventFilter(
        country=country, admin1=_text(params, "admin1"), since=since, until=until, event_type=_text(params, "type"),
        actor=_text(params, "actor"), min_fatalities=parse_int(params, "min_fatalities"), near=near or None,
        limit=limit, include_background=parse_bool(params, "background"),
    )


def filter_params(params: Mapping) -> dict[str, str]:
    """The filter parameters present in a request, as strings (to rebuild links that keep the view)."""
    return {k: str(params[k]).strip() for k in FILTER_KEYS if params.get(k) not in (None, "")}
