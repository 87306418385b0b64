"""Typed records passed between stages.

Stages never mutate a record; they build new ones (`dataclasses.replace`).
The interchange form of an event (``../shared/spec/event-record.md``) is made
by :func:`harmattan.output.event_to_dict`, not here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input document as read from a file, a JSON line or standard input.

    ``origin`` names where it came from (``path`` or ``path:line``) so that
    every message about it can point back at the input.

    >>> Document(doc_id="d1", origin="a.txt", text="Gunmen killed 5.").language is None
    True
    """

    doc_id: str
    origin: str
    text: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    language: str | None = None
    # Where ``published`` came from when the input did not give it (:func:`harmattan.extract.published.infer_published`):
    # "text" is a lower bound (the latest date the text tells), "url-month" only the month.
    published_from: str | None = None


@dataclass(frozen=True)
class Article:
    """One article of a document: a page may hold a main article and teasers.

    ``text`` is the body without title or byline. ``truncated`` is true for
    teasers cut short with an ellipsis.
    """

    doc: Document
    index: int
    text: str
    title: str | None = None
    byline: str | None = None
    category: str | None = None
    truncated: bool = False
    language: str | None = None

    @property
    def article_id(self) -> str:
        return f"{self.doc.doc_id}#{self.index}"


@dataclass(frozen=True)
class LoadError:
    """A problem with one input (a file, a JSON line): reported, never fatal to the batch."""

    origin: str
    message: str
    line: int | None = None
    fatal: bool = True  # False for a warning about a document that was still kept

    def __str__(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (a country, an admin unit or a locality).

    ``kind`` is one of ``country``, ``admin1``, ``admin2``, ``locality``.
    ``admin1_new`` holds the post-reform region name where a country redrew
    its regions (Mali 2023, Burkina Faso 2025); ``admin1`` keeps the older
    name that most tools and data sets still use.
    """

    name: str
    country_code: str
    kind: str
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin1_new: str | None = None
    population: int = 0
    feature_code: str | None = None
    source: str | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text span, with the gazetteer entry chosen for it."""

    start: int
    end: int
    surface: str
    place: Place
    score: float = 1.0
    cue: str | None = None  # what made it a place: "prep", "near", "state", "dateline", ...


@dataclass(frozen=True)
class Actor:
    """A knowledge-base actor: canonical name, ACLED actor type, aliases, relations."""

    name: str
    actor_type: str
    country_code: str | None = None
    aliases: tuple[str, ...] = ()
    affiliations: tuple[dict, ...] = ()
    successor: str | None = None
    successor_since: str | None = None
    kind: str = "armed"  # armed | state | civilians | militia | rioters | protesters | other


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text span. ``suspected`` when the text hedges ("suspected jihadists")."""

    start: int
    end: int
    surface: str
    actor: Actor
    suspected: bool = False


@dataclass(frozen=True)
class Evidence:
    field: str
    text: str


@dataclass(frozen=True)
class SourceRef:
    """One report supporting an event."""

    doc: str
    url: str | None
    title: str | None
    published: dt.date | None
    evidence: tuple[Evidence, ...] = ()
    fatalities: int | None = None
    published_bound: bool = False  # ``published`` is a lower bound (read from the text's dates)


@dataclass(frozen=True)
class Event:
    """A (possibly merged) event, fields named as in ACLED's codebook."""

    event_type: str
    sub_event_type: str
    country_code: str | None
    event_date: dt.date | None = None
    event_date_end: dt.date | None = None
    time_precision: str = "day"
    actor1: str | None = None
    actor1_type: str | None = None
    actor2: str | None = None
    actor2_type: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    country: str | None = None
    admin1: str | None = None
    admin1_new: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    missing: int | None = None
    abducted: int | None = None
    civilian_targeting: bool = False
    background: bool = False
    aggregate: bool = False
    suspected_perpetrator: bool = False
    confidence: float = 0.5
    notes: str = ""
    sources: tuple[SourceRef, ...] = ()
    history: tuple[dict, ...] = field(default=())
    event_id: str = ""
