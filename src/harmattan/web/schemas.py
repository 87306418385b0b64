"""Typed shapes of the API's answers (for the OpenAPI description and the clients generated from it).

Event records are open (``extra="allow"``): the interchange format may gain
fields; the ones a client relies on are typed here.

>>> ErrorBody(error=ErrorDetail(code="not_found", message="no event ev-1")).model_dump()["error"]["code"]
'not_found'
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["viewer", "analyst", "admin"]
SortKey = Literal["event_date", "-event_date", "fatalities", "-fatalities", "n_sources", "-n_sources", "country",
                  "-country", "updated_at", "-updated_at", "event_type", "-event_type"]
GroupBy = Literal["week", "country", "admin1", "type", "sub_event_type", "actor"]
ExportFormat = Literal["acled-csv", "acled-xlsx", "jsonl", "geojson", "parquet"]


class ErrorDetail(BaseModel):
    code: str = Field(..., description="Short machine-readable code (invalid_parameter, not_found, ...)")
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    """Every error answer."""
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    empty: bool


class UserInfo(BaseModel):
    name: str
    role: Role


class Me(BaseModel):
    user: UserInfo | None


class Evidence(BaseModel):
    model_config = ConfigDict(extra="allow")
    field: str
    text: str


class SourceRef(BaseModel):
    model_config = ConfigDict(extra="allow")
    doc: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    evidence: list[Evidence] = []


class EventRecord(BaseModel):
    """One event in the interchange format (ACLED-like fields, with sources and the toll's history)."""
    model_config = ConfigDict(extra="allow")
    event_id: str
    event_type: str
    sub_event_type: str | None = None
    event_date: str | None = None
    event_date_end: str | None = None
    time_precision: str | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: list[str] = []
    assoc_actor_2: list[str] = []
    fatalities: int | None = Field(None, description="Best figure; null when no report gives one (unknown, not 0)")
    civilian_targeting: bool | None = None
    background: bool | None = None
    review_status: str | None = None
    sources: list[SourceRef] = []
    updated_at: str | None = None


class EventPage(BaseModel):
    total: int
    offset: int
    limit: int
    sort: SortKey
    next: str | None
    events: list[EventRecord]


class EventVersion(BaseModel):
    model_config = ConfigDict(extra="allow")
    version: int
    changed_at: str
    reason: str
    fatalities: int | None = None


class ClaimRef(BaseModel):
    model_config = ConfigDict(extra="allow")
    claim: str
    document: str
    title: str | None = None
    published: str | None = None


class EventFull(EventRecord):
    """One event with its versions, supporting reports, analysts' corrections and merges."""
    version: int
    versions: list[EventVersion]
    claims: list[ClaimRef]
    overrides: list[dict[str, Any]] = []
    requested_id: str


class Point(BaseModel):
    id: str
    lat: float
    lon: float
    type: str
    fatalities: int | None
    date: str | None
    place: str
    level: Literal["point", "region", "country"] = Field(
        ..., description="point: a town or village; region or country: placed only that precisely (drawn as an area)")


class Points(BaseModel):
    count: int
    points: list[Point]


class ActorRow(BaseModel):
    actor: str
    events: int
    type: str | None = None


class ActorList(BaseModel):
    count: int
    actors: list[ActorRow]


class ActorInfo(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    type: str | None = None
    kind: str | None = None
    country_code: str | None = None
    aliases: list[str] = []
    affiliations: list[dict[str, Any]] = []
    successions: list[dict[str, Any]] = []
    predecessors: list[dict[str, Any]] = []
    events: list[EventRecord]


class Place(BaseModel):
    country_code: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    events: int
    fatalities: int
    last_event: str | None


class PlaceList(BaseModel):
    count: int
    places: list[Place]


class SearchEvent(BaseModel):
    event_id: str
    event_type: str
    event_date: str | None
    location: str | None
    country_code: str | None
    fatalities: int | None


class SearchHit(BaseModel):
    model_config = ConfigDict(extra="allow")
    document: str
    title: str = Field(..., description="The document's title, else its first sentence")
    publisher: str | None
    published: str | None
    url: str | None = Field(None, description="The web page, when the document came from one")
    snippet: str | None
    events: list[SearchEvent] = Field(..., description="The events this document reports")


class SearchResult(BaseModel):
    query: str
    count: int
    results: list[SearchHit]


class StatsRow(BaseModel):
    """Events and fatalities of one group; the group's value is under the key named by ``by``."""
    model_config = ConfigDict(extra="allow")
    events: int
    fatalities: int


class Totals(BaseModel):
    events: int | None
    fatalities: int | None


class Stats(BaseModel):
    by: GroupBy
    count: int
    rows: list[StatsRow]
    total: Totals


class TrendActor(BaseModel):
    actor: str
    events: int


class TrendCountry(BaseModel):
    country_code: str | None
    country: str | None
    events: int
    fatalities: int
    events_before: int
    fatalities_before: int
    events_change: int
    fatalities_change: int
    new_places: list[str]
    actors: list[TrendActor]


class Trends(BaseModel):
    week: str
    week_end: str
    countries: list[TrendCountry]


class Session(BaseModel):
    token: str = Field(..., description="Send as `Authorization: Bearer <token>`")
    expires_at: str
    user: UserInfo


class SignedOut(BaseModel):
    signed_out: bool


class MergeResult(BaseModel):
    override: int
    event: EventFull


class Undone(BaseModel):
    undone: int


class UserRow(BaseModel):
    name: str
    role: Role
    created_at: str


class Users(BaseModel):
    users: list[UserRow]
