"""Merge reports of the same event into one event with a history.

Two single-report events are the same incident when they share a country,
have compatible types, dates within ``merge_max_days`` (wider when a date is
only known to the week) and places that agree (towns within ``merge_max_km``,
or the same admin-1 when one report is vaguer, or similar wording). The
merged event keeps every source, the history of reported tolls in report
order, the latest credible toll (tolls rise as bodies are found), the most
precise date and place. Rules are written down in ``docs/extraction.md``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence

from rapidfuzz import fuzz

from .records import Event
from .settings import Settings

CONFLICT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _km(a: Event, b: Event) -> float:
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _docs(event: Event) -> set[str]:
    return {s.doc for s in event.sources}


def same_incident(a: Event, b: Event, settings: Settings) -> bool:
    """Do two events describe the same incident?"""
    if a.country_code != b.country_code or a.background != b.background or a.aggregate != b.aggregate:
        return False
    if _docs(a) & _docs(b):
        return False  # one article's incidents were already told apart
    if a.event_type != b.event_type and not (a.event_type in CONFLICT and b.event_type in CONFLICT):
        return False
    if a.event_type == "Disaster" and a.sub_event_type != b.sub_event_type:
        return False
    if a.event_date and b.event_date:
        slack = settings.merge_max_days
        if a.time_precision == "day" and b.time_precision == "day":
            # Two reports that both give the day: a night attack spans two, a late report may say "yesterday"
            # of the day after; three days apart are two incidents (an attack, then the massacre that followed).
            slack = min(slack, settings.merge_max_days_exact)
        if "week" in (a.time_precision, b.time_precision):
            slack += 7
        if "month" in (a.time_precision, b.time_precision) or "year" in (a.time_precision, b.time_precision):
            slack += 31
        if abs((a.event_date - b.event_date).days) > slack:
            return False
    both_located = a.location and b.location and a.latitude is not None and b.latitude is not None
    if both_located and a.geo_precision <= 2 and b.geo_precision <= 2:
        if a.location != b.location and a.geo_precision == 1 and b.geo_precision == 1:
            # Two towns named precisely: only spellings of one place (a few km apart) merge.
            return _km(a, b) <= settings.merge_same_place_km
        return _km(a, b) <= settings.merge_max_km
    if a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return False
        if a.location and b.location and a.location != b.location and a.geo_precision == 1 and b.geo_precision == 1:
            return False
        return True
    if a.event_type == "Disaster":
        return True
    named = {x for x in (a.actor1, a.actor2) if x and not x.startswith(("Unidentified", "Civilians"))}
    if named & {x for x in (b.actor1, b.actor2) if x}:
        return True
    return fuzz.token_set_ratio(a.notes, b.notes) >= 60


def _order_key(e: Event):
    pub = e.sources[0].published if e.sources else None
    return (pub or dt.date.max, e.sources[0].doc if e.sources else "", e.event_id)


def consolidate(reports: Sequence[Event]) -> Event:
    """One event from several reports of it (in any order)."""
    reports = sorted(reports, key=_order_key)
    if len(reports) == 1:
        return reports[0]
    first = reports[0]
    # A report that names no death (0 by convention) gives way to one that counts some.
    with_toll = [r for r in reports if r.fatalities] or [r for r in reports if r.fatalities is not None]
    fatalities = low = high = None
    if with_toll:
        latest_pub = max((r.sources[0].published or dt.date.min) for r in with_toll)
        latest = [r for r in with_toll if (r.sources[0].published or dt.date.min) == latest_pub]
        fatalities = max(r.fatalities for r in latest)
        low = min(r.fatalities_low if r.fatalities_low is not None else r.fatalities for r in with_toll)
        high = max(r.fatalities_high if r.fatalities_high is not None else r.fatalities for r in with_toll)
    dated = [r for r in reports if r.event_date]
    when = min(dated, key=lambda r: (_PRECISION_RANK.get(r.time_precision, 4), _order_key(r))) if dated else first
    located = [r for r in reports if r.location or r.admin1]
    where = min(located, key=lambda r: (r.location is None, r.geo_precision, r.admin1 is None, _order_key(r))) if located else first
    acted = [r for r in reports if r.actor1]
    who = min(acted, key=lambda r: ((r.actor1 or "").startswith("Unidentified"), r.actor2 is None, _order_key(r))) if acted else first
    typed = max(reports, key=lambda r: (sum(x.event_type == r.event_type for x in reports), r.sub_event_type not in ("Attack", "Armed clash", "Other"), -reports.index(r)))

    def latest_of(field: str):
        values = [getattr(r, field) for r in reports if getattr(r, field) is not None]
        return values[-1] if values else None

    # Report order; reports of the same day (teasers of one page) in rising order of their toll.
    history = tuple(sorted((h for r in reports for h in r.history),
                           key=lambda h: (h.get("published") or "9999", h.get("fatalities") or 0)))
    return dataclasses.replace(
        first,
        event_type=typed.event_type, sub_event_type=typed.sub_event_type,
        event_date=when.event_date, event_date_end=when.event_date_end, time_precision=when.time_precision,
        actor1=who.actor1, actor1_type=who.actor1_type, actor2=who.actor2, actor2_type=who.actor2_type,
        assoc_actor_1=who.assoc_actor_1, assoc_actor_2=who.assoc_actor_2,
        suspected_perpetrator=who.suspected_perpetrator,
        country=where.country or first.country, admin1=where.admin1, admin1_new=where.admin1_new, admin2=where.admin2,
        location=where.location, latitude=where.latitude, longitude=where.longitude, geo_precision=where.geo_precision,
        fatalities=fatalities, fatalities_low=low, fatalities_high=high,
        injured=latest_of("injured"), missing=latest_of("missing"), abducted=latest_of("abducted"),
        civilian_targeting=sum(r.civilian_targeting for r in reports) * 2 >= len(reports),
        confidence=round(min(0.99, max(r.confidence for r in reports) + 0.05 * (len(reports) - 1)), 2),
        notes=max(reports, key=lambda r: r.confidence).notes,
        sources=tuple(s for r in reports for s in r.sources),
        history=history,
    )


def merge_events(events: Sequence[Event], settings: Settings | None = None) -> list[Event]:
    """Cluster single-report events into incidents and consolidate each cluster."""
    return [consolidate(cluster) for cluster in cluster_events(events, settings)]


def _max_gap(settings: Settings) -> int:
    """The widest date gap :func:`same_incident` ever accepts (a month-precision report)."""
    return settings.merge_max_days + 7 + 31


def cluster_events(events: Sequence[Event], settings: Settings | None = None) -> list[list[Event]]:
    """Group single-report events that describe the same incident.

    Reports are taken in publication order, so the result does not depend on
    the order they are given in. Each report is compared, most recent first,
    with the consolidated form of the clusters of its country whose date is
    close enough to match at all (weekly buckets), so the cost grows with the
    events of one country and season, not with the square of all events.
    """
    settings = settings or Settings()
    gap = _max_gap(settings)
    clusters: list[list[Event]] = []
    merged: list[Event] = []
    cluster_docs: list[set[str]] = []  # the documents of each cluster, kept beside it (one lookup per candidate)
    buckets: dict[tuple[str | None, int | None], set[int]] = {}
    where: dict[int, tuple[str | None, int | None]] = {}

    def bucket_of(e: Event) -> tuple[str | None, int | None]:
        return (e.country_code, e.event_date.toordinal() // 7 if e.event_date else None)

    def file(i: int) -> None:
        old = where.get(i)
        if old is not None:
            buckets[old].discard(i)
        where[i] = bucket_of(merged[i])
        buckets.setdefault(where[i], set()).add(i)

    for event in sorted(events, key=_order_key):
        country, week = bucket_of(event)
        if week is None:
            candidates = {i for (c, _), ids in buckets.items() if c == country for i in ids}
        else:
            candidates = set(buckets.get((country, None), ()))
            for w in range((event.event_date.toordinal() - gap) // 7, (event.event_date.toordinal() + gap) // 7 + 1):
                candidates |= buckets.get((country, w), set())
        placed = False
        docs = _docs(event)
        for i in sorted(candidates, reverse=True):
            if cluster_docs[i] & docs:
                continue
            if same_incident(merged[i], event, settings):
                clusters[i].append(event)
                cluster_docs[i] |= docs
                merged[i] = consolidate(clusters[i])
                file(i)
                placed = True
                break
        if not placed:
            clusters.append([event])
            merged.append(event)
            cluster_docs.append(set(docs))
            file(len(clusters) - 1)
    return clusters
