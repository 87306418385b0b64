"""Partitions of the claims that can be derived apart from each other: by country, cut in time where nothing reaches across.

Clustering (:func:`harmattan.merge.cluster_events`) never puts claims of two
countries in one event, and never lets two dated claims further apart than
:func:`harmattan.merge.max_gap` days meet: not as one event, and not as rivals
(a cluster's date is one of its claims', and every rule that looks at a
cluster first asks :func:`harmattan.merge.plausible`, which compares dates).
So a country's claims, sorted by date, can be cut wherever two consecutive
dates are more than that apart, and the events on either side are those of
clustering them all together: partitions are independent, and deriving them
one by one, in any order or in parallel, gives what deriving everything from
scratch gives.

Undated claims may meet any claim of their country, so one that can meet
another (placed at a town, or in a region, or a disaster) keeps its country in
one partition; one placed only at the country meets none (a report of "an
attack in Nigeria" is never merged) and goes with the country's first span.
An analyst's merge or split of two claims puts their partitions together.

A busy country has no such quiet stretch: its claims would be one partition,
clustered by one worker and held in memory whole. A span of more than
``backfill_window_claims`` claims is cut into *windows* of about that many
(:func:`windows_of`); each is clustered with the claims of the
:func:`~harmattan.merge.max_gap` days on either side (its halo) and keeps the
events that start in it (:mod:`.bulk` writes them in date order, a claim
going to the first window that keeps it). Far from the cuts this is the
clustering of the whole span; at a cut it is very nearly so (clustering is
greedy in publication order, so a claim beyond the halo may, rarely, have
changed a choice). An undated claim is placed by its publication date; one with neither date (rare
in an archive: it may meet any claim of its country) is derived after the windows, incrementally. A span
holding an analyst's merge or split is not cut (its two claims may lie in two windows).

Each partition is a set of :class:`Span` (a country's claims in a date range)
read with one condition (:meth:`Partition.where`).

>>> cuts(["2025-01-01", "2025-01-20", "2025-04-01", "2025-04-03"], gap=42)
['2025-04-01']
>>> [(s.since, s.before, s.undated) for s in spans_of("ML", ["2025-01-01", "2025-04-01"], 42, undated_meet=False)]
[(None, '2025-04-01', True), ('2025-04-01', None, False)]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.engine import Connection

from ..merge import max_gap
from ..settings import Settings
from .schema import claims, documents, overrides


@dataclass(frozen=True)
class Span:
    """A country's claims dated from ``since`` (inclusive) to ``before`` (exclusive), None meaning open,
    with the country's undated claims when ``undated``."""

    country_code: str | None
    since: str | None
    before: str | None
    undated: bool
    by_published: bool = False  # a window: an undated claim is placed by its publication date (undated: neither)

    def holds(self, event_date: str | None) -> bool:
        """Is a claim of this country and date (a window's: else of publication) in the span?"""
        if event_date is None:
            return self.undated
        return (self.since is None or event_date >= self.since) and (self.before is None or event_date < self.before)

    def where(self, margin_days: int = 0, undated: bool = False):
        """The condition on claims of the span, its dates widened by ``margin_days`` on each side (with the
        country's undated claims when the span holds them, or ``undated``)."""
        country = (claims.c.country_code == self.country_code if self.country_code is not None
                   else claims.c.country_code.is_(None))
        day = func.coalesce(claims.c.event_date, claims.c.published) if self.by_published else claims.c.event_date
        dated = [day.isnot(None)]
        if self.since is not None:
            dated.append(day >= _shift(self.since, -margin_days))
        if self.before is not None:
            dated.append(day < _shift(self.before, margin_days))
        when = and_(*dated)
        if self.undated or undated:
            when = or_(when, day.is_(None))
        return and_(country, when)


@dataclass(frozen=True)
class Partition:
    """Claims that are derived together: one or more spans (several when an analyst's decision joins them)."""

    spans: tuple[Span, ...]
    halo_days: int = 0  # a window of a busy span (one span): its claims are clustered with those this near

    def where(self, margin_days: int = 0, undated: bool = False):
        """The condition on the claims of the partition (``margin_days``, ``undated``: see :meth:`Span.where`)."""
        return or_(false(), *(span.where(margin_days, undated) for span in self.spans))

    def home(self, event_date: str | None) -> bool:
        """Is a claim of the partition's countries, so dated, the partition's own (not of a window's halo)?"""
        return any(span.holds(event_date) for span in self.spans)

    @property
    def countries(self) -> tuple[str | None, ...]:
        return tuple(sorted({s.country_code for s in self.spans}, key=lambda c: c or ""))

    def describe(self) -> str:
        """Its countries, for versions' reasons and messages.

        >>> Partition((Span("ML", "2025-01-01", None, False), Span(None, None, None, True))).describe()
        'no country, ML'
        """
        return ", ".join(c or "no country" for c in self.countries)


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat() if days else day


def cuts(dates: Sequence[str], gap: int) -> list[str]:
    """The dates (sorted ``dates``) that start a run more than ``gap`` days after the date before them."""
    out = []
    for before, after in zip(dates, dates[1:]):
        if (dt.date.fromisoformat(after) - dt.date.fromisoformat(before)).days > gap:
            out.append(after)
    return out


def spans_of(country: str | None, dates: Sequence[str], gap: int, undated_meet: bool) -> list[Span]:
    """A country's spans, from the sorted distinct dates of its claims; one span when an undated claim may meet any."""
    edges = [] if undated_meet else cuts(dates, gap)
    bounds = [None, *edges, None]
    return [Span(country, bounds[i], bounds[i + 1], i == 0) for i in range(len(bounds) - 1)]


def windows_of(span: Span, per_date: Sequence[tuple[str, int]], size: int) -> list[Span]:
    """A busy span cut into windows of at least ``size`` claims, from the claims per date (sorted, within the span;
    an undated claim's date is its publication's); no window holds the claims with neither (see :mod:`.bulk`).

    >>> [(w.since, w.before, w.undated) for w in windows_of(Span("ML", None, None, True),
    ...     [("2025-01-01", 3), ("2025-01-02", 2), ("2025-01-03", 4)], 4)]
    [(None, '2025-01-03', False), ('2025-01-03', None, False)]
    """
    edges, count = [], 0
    for day, n in per_date:
        if count >= size:
            edges.append(day)
            count = 0
        count += n
    bounds = [span.since, *edges, span.before]
    return [Span(span.country_code, bounds[i], bounds[i + 1], False, by_published=True) for i in range(len(bounds) - 1)]


def _meets_any():
    """Claims that may be merged with another: placed at a town, in a region, or a disaster (see ``merge.plausible``)."""
    return or_(claims.c.place_cell.isnot(None), claims.c.admin1.isnot(None), claims.c.type_family.like("Disaster%"))


def load_spans(conn: Connection, country: str | None, settings: Settings) -> dict[Span, int]:
    """The spans of a country's claims as stored now, with the number of claims in each."""
    country_is = claims.c.country_code == country if country is not None else claims.c.country_code.is_(None)
    per_date = conn.execute(select(claims.c.event_date, func.count()).where(country_is)
                            .group_by(claims.c.event_date)).all()
    dated = sorted((d, n) for d, n in per_date if d is not None)
    undated_meet = conn.execute(select(claims.c.id).where(country_is, claims.c.event_date.is_(None), _meets_any())
                                .limit(1)).first() is not None
    spans = spans_of(country, [d for d, _ in dated], max_gap(settings), undated_meet)
    return {span: sum(n for d, n in per_date if span.holds(d)) for span in spans}


def load_overrides(conn: Connection) -> tuple[tuple, ...]:
    """Every analyst's merge and split, active or not (what a partition's derivation depends on besides its claims)."""
    return tuple(tuple(r) for r in conn.execute(select(overrides.c.id, overrides.c.kind, overrides.c.claim_a,
                                                       overrides.c.claim_b, overrides.c.active).order_by(overrides.c.id)))


def plan_partitions(conn: Connection, settings: Settings) -> list[Partition]:
    """The partitions holding claims not derived yet (no event), each with every claim it must be derived with.

    A partition is one span, or spans joined by analysts' merges and splits of claims in both;
    consecutive small ones are put together until they hold ``settings.backfill_partition_claims``
    claims (independent partitions cluster together as they do apart), so that a sparse archive is
    not derived in thousands of tiny transactions.
    """
    pending = list(conn.execute(select(claims.c.country_code, claims.c.event_date).distinct()
                                .where(claims.c.event_id.is_(None))))
    if not pending:
        return []
    pairs = []  # claims an analyst's decision binds together: (country, date) of each
    for _, kind, a, b, active in load_overrides(conn):
        if active:
            rows = {r.claim_key: (r.country_code, r.event_date) for r in conn.execute(
                select(claims.c.claim_key, claims.c.country_code, claims.c.event_date).where(claims.c.claim_key.in_([a, b])))}
            if a in rows and b in rows:
                pairs.append((rows[a], rows[b]))
    countries = {c for c, _ in pending} | {c for pair in pairs for c, _ in pair}
    sizes: dict[Span, int] = {}
    for country in sorted(countries, key=lambda c: c or ""):
        sizes.update(load_spans(conn, country, settings))

    def span_of(country, day) -> Span:
        return next(s for s in sizes if s.country_code == country and s.holds(day))

    parent: dict[Span, Span] = {s: s for s in sizes}

    def root(s: Span) -> Span:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    decided = set()  # spans holding an analyst's decision: derived whole (a window may not hold both claims)
    for x, y in pairs:
        decided |= {span_of(*x), span_of(*y)}
        parent[root(span_of(*x))] = root(span_of(*y))
    wanted = {root(span_of(c, d)) for c, d in pending}
    components: dict[Span, list[Span]] = {}
    for s in sizes:  # in country and date order
        if root(s) in wanted:
            components.setdefault(root(s), []).append(s)
    out: list[Partition] = []
    group: list[Span] = []
    for spans in components.values():
        if len(spans) == 1 and sizes[spans[0]] > settings.backfill_window_claims and spans[0] not in decided:
            out += _windows(conn, spans[0], settings)  # one busy span: windows, in date order
            continue
        group += spans
        if sum(sizes[s] for s in group) >= settings.backfill_partition_claims:
            out.append(Partition(tuple(group)))
            group = []
    if group:
        out.append(Partition(tuple(group)))
    return out


def _windows(conn: Connection, span: Span, settings: Settings) -> list[Partition]:
    day = func.coalesce(claims.c.event_date, claims.c.published)
    per_date = conn.execute(select(day, func.count()).where(span.where()).group_by(day)).all()
    dated = sorted((d, n) for d, n in per_date if d is not None)
    return [Partition((w,), halo_days=max_gap(settings)) for w in windows_of(span, dated, settings.backfill_window_claims)]


def load_partition(conn: Connection, partition: Partition) -> list[tuple[str, str, str | None]]:
    """(claim_key, interchange record as stored, date) of every claim of the partition (with its halo), in key
    order; the date is the event's, else (a window's claim) the publication's."""
    day = func.coalesce(claims.c.event_date, claims.c.published) if partition.halo_days else claims.c.event_date
    return [tuple(r) for r in conn.execute(select(claims.c.claim_key, claims.c.data, day)
                                           .where(partition.where(partition.halo_days)).order_by(claims.c.claim_key))]


def load_fingerprint(conn: Connection, partition: Partition, settings: Settings) -> tuple:
    """What a partition's derivation depends on: its claims and those within reach of its edges (each
    claim's key and its document's content), and the analysts' merges and splits.

    Equal fingerprints at reading and at writing mean no other writer changed what the events of the
    partition come from in between, nor moved its edges (a claim in reach of an edge, an undated claim
    of its countries).
    """
    rows = conn.execute(select(claims.c.claim_key, documents.c.content_hash)
                        .select_from(claims.join(documents, documents.c.id == claims.c.document_id))
                        .where(partition.where(partition.halo_days + max_gap(settings) + 1, undated=True)))
    return (frozenset(tuple(r) for r in rows), load_overrides(conn))
