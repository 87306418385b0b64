"""Analysts' review: sign in, correct a field, accept, mark not an event, merge, split, undo.

Each action calls the store (:mod:`harmattan.store.review`: ``correct_event``,
``merge_events``, ``split_event``, ``undo_merge_or_split``), which versions the
event with who, when and why and keeps the decision across re-extraction and
new reports.
The ``do_*`` functions are shared by the JSON routes here and the page forms.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, Field

from ..store.derive import CORRECTABLE
from ..store.query import load_event, resolve_event_id
from ..store.review import (AlreadyUndone, NoSuchChange, NotAReport, OnlyReport, correct_event, merge_events,
                            split_event, undo_merge_or_split)
from .auth import SESSION_COOKIE, User, delete_session, load_users, save_session
from .deps import _bearer, config_of, engine_of, require_role, sign_in
from . import schemas as S
from .errors import APIError
from .filters import MAX_INT
from .taxonomy import ACTOR_TYPES, EVENT_TYPES, all_sub_types, sub_types_of

router = APIRouter(prefix="/api", tags=["review"])

_INTS = {"fatalities", "fatalities_low", "fatalities_high", "injured", "missing", "abducted", "geo_precision"}
_FLOATS = {"latitude", "longitude"}
_BOOLS = {"civilian_targeting", "background", "aggregate"}
_LISTS = {"assoc_actor_1", "assoc_actor_2"}
_DATES = {"event_date", "event_date_end"}
_CHOICES = {"time_precision": ("day", "week", "month", "year"), "event_type": tuple(EVENT_TYPES),
            "sub_event_type": all_sub_types(), "actor1_type": ACTOR_TYPES, "actor2_type": ACTOR_TYPES}
_FIRST_DAY = dt.date(1900, 1, 1)
FIELDS = sorted(CORRECTABLE - {"status"})


def coerce_value(field: str, value: Any) -> Any:
    """A correction's value checked and typed for its field (form text or JSON); raises APIError 422.

    >>> coerce_value("fatalities", "14"), coerce_value("assoc_actor_1", "A; B"), coerce_value("notes", " ")
    (14, ['A', 'B'], None)
    """
    if field not in CORRECTABLE or field == "status":
        raise APIError(422, f"field: {field!r} cannot be corrected; one of {', '.join(FIELDS)}", "invalid_parameter")
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if value is None:
        return None
    bad = APIError(422, f"value: {value!r} is not a valid {field}", "invalid_parameter")
    try:
        if field in _INTS:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise bad
            number = int(value)
            if number < 0 or number > 10_000_000 or (field == "geo_precision" and number not in (1, 2, 3)):
                raise bad
            return number
        if field in _FLOATS:
            number = float(value)
            limit = 90 if field == "latitude" else 180
            if not -limit <= number <= limit:
                raise bad
            return number
        if field in _BOOLS:
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                raise bad
            return text in ("true", "1", "yes", "on")
        if field in _LISTS:
            items = value if isinstance(value, list) else str(value).split(";")
            return [str(v).strip() for v in items if str(v).strip()]
        if field in _DATES:
            day = dt.date.fromisoformat(str(value))
            if len(str(value)) != 10:
                raise bad
            if not _FIRST_DAY <= day <= dt.date.today() + dt.timedelta(days=1):
                raise APIError(422, f"value: {field} must be between {_FIRST_DAY} and today", "invalid_parameter")
            return day.isoformat()
        if field in _CHOICES and value not in _CHOICES[field]:
            raise APIError(422, f"value: {field} is one of {', '.join(_CHOICES[field])}", "invalid_parameter")
        if not isinstance(value, str) or len(value) > 2000:
            raise bad
        if field == "country_code":
            return _iso_country(value, bad)
        return value
    except (TypeError, ValueError):
        raise bad from None


def _iso_country(value: str, bad: APIError) -> str:
    """An ISO 3166-1 alpha-2 code that exists (``XX`` does not)."""
    import pycountry
    if not (len(value) == 2 and value.isalpha()) or pycountry.countries.get(alpha_2=value.upper()) is None:
        raise bad
    return value.upper()


def check_consistent(record: dict, field: str, value: Any) -> None:
    """A corrected value must agree with the rest of the event: dates in order, sub-type of the type, low <= high toll."""
    after = {**record, field: value}
    start, end = after.get("event_date"), after.get("event_date_end")
    if field in _DATES and start and end and end < start:
        raise APIError(422, f"value: the end ({end}) is before the start ({start})", "invalid_parameter")
    if field == "sub_event_type" and value is not None and value not in sub_types_of(after.get("event_type")):
        raise APIError(422, f"value: {value!r} is not a sub-event type of {after.get('event_type')}; one of "
                            f"{', '.join(sub_types_of(after.get('event_type')))}", "invalid_parameter")
    low, high = after.get("fatalities_low"), after.get("fatalities_high")
    if field in ("fatalities_low", "fatalities_high") and isinstance(low, int) and isinstance(high, int) and low > high:
        raise APIError(422, f"value: fatalities_low ({low}) is above fatalities_high ({high})", "invalid_parameter")


def _current_id(request: Request, event_id: str) -> str:
    current = resolve_event_id(engine_of(request), event_id[:64])
    if current is None:
        raise APIError(404, f"no event {event_id}", "not_found")
    return current


def _reason(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > 1000:
        raise APIError(422, "reason: at most 1000 characters", "invalid_parameter")
    return text


def do_correct(request: Request, user: User, event_id: str, field: str, value: Any, reason: str | None) -> str:
    """Correct one field (checked against the taxonomy and the rest of the event; a reason is required).

    Returns the event's current id.
    """
    current = _current_id(request, event_id)
    typed = coerce_value(field, value)
    why = _reason(reason)
    if not why:
        raise APIError(422, "reason: say why the value is corrected (the source, the date of the report)",
                       "invalid_parameter")
    check_consistent(load_event(engine_of(request), current) or {}, field, typed)
    correct_event(engine_of(request), current, field, typed, user.name, why, request.app.state.settings)
    return current


def do_status(request: Request, user: User, event_id: str, status: str | None, reason: str | None) -> str:
    """Accept an event or mark it as not an event (``None`` clears the status)."""
    if status not in ("accepted", "not_event", None):
        raise APIError(422, "status: accepted or not_event", "invalid_parameter")
    current = _current_id(request, event_id)
    correct_event(engine_of(request), current, "status", status, user.name, _reason(reason) or (status or "status cleared"),
                  request.app.state.settings)
    return current


def do_merge(request: Request, user: User, event_id: str, other_id: str, note: str | None) -> tuple[str, int]:
    a, b = _current_id(request, event_id), _current_id(request, other_id)
    if a == b:
        raise APIError(409, "these are already one event", "conflict")
    number = merge_events(engine_of(request), a, b, f"{_reason(note)} (by {user.name})".strip(),
                          request.app.state.settings)
    return resolve_event_id(engine_of(request), a) or a, number


def do_split(request: Request, user: User, event_id: str, claim_key: str, note: str | None) -> tuple[str, int]:
    current = _current_id(request, event_id)
    try:
        number = split_event(engine_of(request), current, claim_key, f"{_reason(note)} (by {user.name})".strip(),
                             request.app.state.settings)
    except NotAReport as exc:
        raise APIError(422, f"claim: {exc}", "invalid_parameter") from None
    except OnlyReport as exc:
        raise APIError(409, str(exc), "conflict") from None
    return current, number


def do_undo(request: Request, user: User, number: int) -> None:
    try:
        undo_merge_or_split(engine_of(request), number, request.app.state.settings)
    except NoSuchChange as exc:
        raise APIError(404, str(exc), "not_found") from None
    except AlreadyUndone as exc:
        raise APIError(409, str(exc), "conflict") from None


class Login(BaseModel):
    name: str = Field(..., min_length=1, max_length=80)
    password: str = Field(..., min_length=1, max_length=1000)


class Correction(BaseModel):
    field: str = Field(..., description="A correctable field of the event record", max_length=40)
    value: Any = Field(None, description="The right value (null clears it)")
    reason: str = Field("", max_length=1000, description="Why (required: an empty reason is refused with 422)")


class Status(BaseModel):
    status: str | None = Field(..., description="accepted, not_event, or null to clear")
    reason: str = Field("", max_length=1000)


class Merge(BaseModel):
    other: str = Field(..., min_length=1, max_length=64, description="The event to merge into this one")
    note: str = Field("", max_length=1000)


class Split(BaseModel):
    claim: str = Field(..., min_length=1, max_length=2000, description="The report (claim key) to take out")
    note: str = Field("", max_length=1000)


def _event(request: Request, event_id: str) -> dict:
    record = load_event(engine_of(request), event_id)
    if record is None:
        raise APIError(404, f"no event {event_id}", "not_found")
    return record


@router.post("/session", response_model=S.Session, summary="Sign in: a bearer token (and a session cookie) that expires; 429 with Retry-After "
                                  "after too many failures")
def login(request: Request, body: Login, response: Response) -> dict:
    user = sign_in(request, body.name, body.password)
    if user is None:
        raise APIError(401, "wrong user name or password", "unauthorized")
    cfg = config_of(request)
    token, expires = save_session(engine_of(request), user, cfg.session_hours)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(cfg.session_hours * 3600), httponly=True, samesite="lax",
                        secure=cfg.secure_cookies)
    return {"token": token, "expires_at": expires.isoformat(timespec="seconds"),
            "user": {"name": user.name, "role": user.role}}


@router.delete("/session", response_model=S.SignedOut, summary="Sign out (ends the session of the bearer token or cookie)")
def logout(request: Request, response: Response) -> dict:
    delete_session(engine_of(request), _bearer(request) or request.cookies.get(SESSION_COOKIE))
    response.delete_cookie(SESSION_COOKIE)
    return {"signed_out": True}


@router.post("/events/{event_id}/corrections", response_model=S.EventFull, status_code=201, summary="Correct one field of an event (analyst)")
def correct(request: Request, event_id: str, body: Correction) -> dict:
    user = require_role(request, "analyst")
    return _event(request, do_correct(request, user, event_id, body.field, body.value, body.reason))


@router.post("/events/{event_id}/status", response_model=S.EventFull, summary="Accept an event, or mark it as not an event (analyst)")
def set_status(request: Request, event_id: str, body: Status) -> dict:
    user = require_role(request, "analyst")
    current = do_status(request, user, event_id, body.status, body.reason)
    return _event(request, current)


@router.post("/events/{event_id}/merge", response_model=S.MergeResult, summary="Merge another event into this one (analyst; reversible)")
def merge(request: Request, event_id: str, body: Merge) -> dict:
    user = require_role(request, "analyst")
    current, number = do_merge(request, user, event_id, body.other, body.note)
    return {"override": number, "event": _event(request, current)}


@router.post("/events/{event_id}/split", response_model=S.MergeResult, summary="Take one report out of an event (analyst; reversible)")
def split(request: Request, event_id: str, body: Split) -> dict:
    user = require_role(request, "analyst")
    current, number = do_split(request, user, event_id, body.claim, body.note)
    return {"override": number, "event": _event(request, current)}


@router.post("/overrides/{number}/undo", response_model=S.Undone, summary="Undo an analyst's merge or split (analyst)")
def undo(request: Request, number: int = Path(..., ge=1, le=MAX_INT)) -> dict:
    user = require_role(request, "analyst")
    do_undo(request, user, number)
    return {"undone": number}


@router.get("/users", response_model=S.Users, summary="Users and roles (admin)")
def users(request: Request) -> dict:
    require_role(request, "admin")
    return {"users": load_users(engine_of(request))}


def dumps(value) -> str:
    """A correction value as an analyst typed it back in a form."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)
