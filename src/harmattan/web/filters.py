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

FILTER_KEYS = ("country", "admin1", "since", "until", "type", "sub_event_type", "actor", "min_fatalities", "near",
               "civilian_targeting", "q", "background")
#: Parameters that may be repeated (``type=Battles&type=Riots``): any of the values matches.
MULTI_KEYS = ("country", "admin1", "type", "sub_event_type", "actor")
_MAX_TEXT = 200
_MAX_VALUES = 50
#: The largest whole number a parameter takes (far below the database's 64-bit limit).
MAX_INT = 1_000_000_000
#: Dates outside these years are refused (date arithmetic near year 1 or 9999 overflows).
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def _invalid(name: str, message: str) -> APIError:
    return APIError(422, f"{name}: {message}", "invalid_parameter", [{"parameter": name, "message": message}])


def _text(params: Mapping, name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > _MAX_TEXT:
        raise _invalid(name, f"longer than {_MAX_TEXT} characters")
    return value or None


def _many(params: Mapping, name: str) -> str | tuple[str, ...] | None:
    """A parameter that may be repeated: None, one value, or a tuple of distinct values (empty ones dropped)."""
    raw = params.getlist(name) if hasattr(params, "getlist") else [params.get(name)]
    values: list[str] = []
    for item in raw:
        value = (item or "").strip()
        if len(value) > _MAX_TEXT:
            raise _invalid(name, f"longer than {_MAX_TEXT} characters")
        if value and value not in values:
            values.append(value)
    if len(values) > _MAX_VALUES:
        raise _invalid(name, f"at most {_MAX_VALUES} values")
    if not values:
        return None
    return values[0] if len(values) == 1 else tuple(values)


def check_date(name: str, day: dt.date) -> dt.date:
    """``day`` when between :data:`MIN_DATE` and :data:`MAX_DATE`, else a 422 naming ``name``."""
    if not MIN_DATE <= day <= MAX_DATE:
        raise _invalid(name, f"must be between {MIN_DATE} and {MAX_DATE}")
    return day


def parse_date(params: Mapping, name: str, bounded: bool = False) -> str | None:
    """A day YYYY-MM-DD (any year: dates only compare; ``bounded`` keeps it within :data:`MIN_DATE`-:data:`MAX_DATE`)."""
    value = _text(params, name)
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _invalid(name, f"expected a date YYYY-MM-DD, got {value!r}") from None
    if len(value) != 10:
        raise _invalid(name, f"expected a date YYYY-MM-DD, got {value!r}")
    return (check_date(name, day) if bounded else day).isoformat()


def parse_int(params: Mapping, name: str, minimum: int = 0, maximum: int = MAX_INT, default: int | None = None):
    """A whole number between ``minimum`` and ``maximum`` (huge numbers are a 422, not an overflow)."""
    value = _text(params, name)
    if value is None:
        return default
    if not (value.lstrip("+-").isdigit() and len(value) <= 20):
        raise _invalid(name, f"expected a whole number, got {value[:40]!r}")
    number = int(value)
    if not minimum <= number <= maximum:
        raise _invalid(name, f"must be between {minimum} and {maximum}")
    return number


def parse_optional_bool(params: Mapping, name: str) -> bool | None:
    """True, False, or None when the parameter is absent or empty."""
    return parse_bool(params, name) if _text(params, name) is not None else None


def parse_bool(params: Mapping, name: str) -> bool:
    value = (_text(params, name) or "false").lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise _invalid(name, f"expected true or false, got {value!r}")


def _country(value: str) -> str:
    try:
        code = country_code(value)
    except ValueError as exc:
        raise _invalid("country", str(exc)) from None
    if not code.isalpha():
        raise _invalid("country", f"unknown country: {value}")
    return code


def parse_filter(params: Mapping, limit: int | None = None) -> EventFilter:
    """The store filter of request parameters (``type`` is the event type, ``q`` words in place/actor/type names).

    >>> from starlette.datastructures import QueryParams
    >>> parse_filter(QueryParams("type=Battles&type=Riots&civilian_targeting=true")).event_type
    ('Battles', 'Riots')
    """
    countries = _many(params, "country")
    country = None
    if countries:
        codes = tuple(dict.fromkeys(_country(c) for c in (countries if isinstance(countries, tuple) else (countries,))))
        country = codes[0] if len(codes) == 1 else codes
    near = _text(params, "near")
    if near:
        try:
            near = parse_near(near)
        except ValueError as exc:
            raise _invalid("near", f"expected LAT,LON,KM ({exc})") from None
    since, until = parse_date(params, "since"), parse_date(params, "until")
    # since after until is an empty window: no events, not an error (a client may build it from a brush).
    return EventFilter(
        country=country, admin1=_many(params, "admin1"), since=since, until=until, event_type=_many(params, "type"),
        sub_event_type=_many(params, "sub_event_type"), actor=_many(params, "actor"),
        min_fatalities=parse_int(params, "min_fatalities"), near=near or None, limit=limit,
        include_background=parse_bool(params, "background"),
        civilian_targeting=parse_optional_bool(params, "civilian_targeting"), text=_text(params, "q"),
    )


def filter_params(params: Mapping) -> dict[str, str | list[str]]:
    """The filter parameters present in a request (lists for repeated ones), to rebuild links that keep the view.

    >>> from starlette.datastructures import QueryParams
    >>> filter_params(QueryParams("type=Battles&type=Riots&since=&country=ML"))
    {'country': 'ML', 'type': ['Battles', 'Riots']}
    """
    out: dict[str, str | list[str]] = {}
    for key in FILTER_KEYS:
        raw = params.getlist(key) if hasattr(params, "getlist") else [params.get(key)]
        values = [str(v).strip() for v in raw if v is not None and str(v).strip()]
        if values:
            out[key] = values if key in MULTI_KEYS and len(values) > 1 else values[0]
    return out
