"""Merge reports of the same event into one event with a history.

Two single-report events may be the same incident (:func:`plausible`) when they
share a country, have compatible types, dates within ``merge_max_days`` (wider
when a date is only known to the week) and places that agree (one town, two
spellings of one place, or one report vaguer and in the same admin-1); they
are (:func:`same_incident`) when, besides, nothing conflicts (a falling toll,
two named armed groups). Clustering (:func:`cluster_events`) never chains
matches the ends would not pass, and lets a vaguer report join only the one
incident it could be of. The merged event keeps every source, the history of
reported tolls in report order, the latest credible toll (tolls rise as bodies
are found), the most precise date and place. Rules are written down in
``docs/extraction.md``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence

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


def _published(event: Event) -> dt.date | None:
    """When the event's latest report came out (the toll it carries is that report's); None when unknown.

    A date read from the report's own text is only a lower bound (``published_bound``): it does not
    order the report against another.
    """
    if any(s.published_bound for s in event.sources):
        return None
    dates = [s.published for s in event.sources if s.published]
    return max(dates) if dates else None


def _named(actor: str | None) -> bool:
    return bool(actor) and not actor.startswith(("Unidentified", "Civilians"))


def _tolls(event: Event) -> set[int]:
    """Every toll the event's reports gave (its history)."""
    return {h["fatalities"] for h in event.history if h.get("fatalities")} | ({event.fatalities} if event.fatalities else set())


def conflicting(a: Event, b: Event, tolls: bool = True) -> str | None:
    """Why two reports cannot be one incident whatever their place and date (None when nothing conflicts).

    Tolls must be one rising figure: the later report may count more dead, never fewer, unless
    it quotes a figure the other already gave (reports of the same day may come in any order:
    the teasers of one page). ``tolls=False`` leaves tolls aside (for the reports of a cluster
    one by one: the figure rises across the cluster, not between any two of its reports). Two named armed groups
    that differ are two incidents.

    >>> import datetime as dt
    >>> from harmattan.records import SourceRef
    >>> def report(toll, day, actor1=None):
    ...     src = SourceRef(doc=f"d{day}", url=None, title=None, published=dt.date(2025, 3, day))
    ...     return Event("Battles", "Armed clash", "BF", fatalities=toll, actor1=actor1, sources=(src,))
    >>> conflicting(report(10, 1), report(25, 2)) is None
    True
    >>> conflicting(report(25, 1), report(10, 2))
    'the toll falls from 25 to 10'
    >>> conflicting(report(5, 1, "JNIM: Group for Support of Islam and Muslims"), report(5, 1, "ISSP: Islamic State Sahel Province"))
    'actor1 differs'
    """
    if tolls and a.fatalities and b.fatalities and a.fatalities != b.fatalities:
        pa, pb = _published(a), _published(b)
        if pa and pb and pa != pb:
            earlier, later = (a, b) if pa < pb else (b, a)
            # A later report may quote a figure the incident had (a desk page recalling an earlier toll).
            if later.fatalities < earlier.fatalities and later.fatalities not in _tolls(earlier):
                return f"the toll falls from {earlier.fatalities} to {later.fatalities}"
    if _named(a.actor1) and _named(b.actor1) and a.actor1 != b.actor1:
        return "actor1 differs"
    # Victims are not compared: reports of one massacre call them villagers, then soldiers.
    return None


def precise(event: Event) -> bool:
    """Is the event placed at a town (named, with coordinates, precision 1 or 2)?"""
    return at_town(event.location, event.latitude, event.geo_precision)


def at_town(location: str | None, latitude: float | None, geo_precision: int | None) -> bool:
    """The rule of :func:`precise` on a record's fields (the store indexes claims by it)."""
    precision = 9 if geo_precision is None else geo_precision
    return bool(location) and latitude is not None and precision <= 2


def date_slack(p: str | None, q: str | None, settings: Settings) -> int:
    """How many days apart two reports' dates may be, given their precisions (day, week, month, year).

    >>> date_slack("day", "day", Settings()), date_slack("day", "week", Settings()), date_slack("month", "day", Settings())
    (2, 11, 35)
    """
    slack = settings.merge_max_days
    if p == "day" and q == "day":
        # Two reports that both give the day: a night attack spans two, a late report may say "yesterday"
        # of the day after; three days apart are two incidents (an attack, then the massacre that followed).
        slack = min(slack, settings.merge_max_days_exact)
    if "week" in (p, q):
        slack += 7
    if "month" in (p, q) or "year" in (p, q):
        slack += 31
    return slack


def plausible(a: Event, b: Event, settings: Settings) -> bool:
    """Could two reports be of one incident, by country, type, date and place (figures and actors aside)?

    Places agree when both name one town (the same name within ``merge_max_km``, or two
    spellings of one place: alike names within ``merge_same_place_km``), when one is "near" a
    town within ``merge_near_km`` of the other's and the same named group struck on the same
    day (or night), or when one report is vaguer (a region) and they share the admin-1. A report
    placed only at the country joins none (a disaster aside: one per country and season).
    """
    if a.country_code != b.country_code or a.background != b.background or a.aggregate != b.aggregate:
        return False
    if _docs(a) & _docs(b):
        return False  # one article's incidents were already told apart
    if a.event_type != b.event_type and not (a.event_type in CONFLICT and b.event_type in CONFLICT):
        return False
    if a.event_type == "Disaster" and a.sub_event_type != b.sub_event_type:
        return False
    if a.event_date and b.event_date:
        if abs((a.event_date - b.event_date).days) > date_slack(a.time_precision, b.time_precision, settings):
            return False
    if precise(a) and precise(b):
        if a.location == b.location:
            return _km(a, b) <= settings.merge_max_km
        # Two towns named: spellings of one place (alike, a few km apart) merge; so do a place and one
        # "near" it that the same named armed group attacked on the same day (or night).
        km = _km(a, b)
        if km <= settings.merge_same_place_km and fuzz.ratio(a.location.lower(), b.location.lower()) >= settings.merge_same_place_spelling:
            return True
        return (2 in (a.geo_precision, b.geo_precision) and km <= settings.merge_near_km
                and (a.event_date is None or b.event_date is None or abs((a.event_date - b.event_date).days) <= 1)
                and _named(a.actor1) and a.actor1 == b.actor1)
    if not (a.admin1 and b.admin1) and a.event_type != "Disaster":
        # A report placed only at the country ("an attack in Nigeria") cannot be told from the country's other
        # incidents: it joins no other report (a flood is one per country and season, so disasters do).
        return False
    if a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return False
        return not (a.location and b.location and a.location != b.location and a.geo_precision == 1
                    and b.geo_precision == 1)
    return True  # a disaster of the country and season


def _same_district(a: Event, b: Event) -> bool:
    """Do two vague reports name the same place finer than a region (a district, a province)?"""
    return bool(a.location) and a.location == b.location and a.location not in (a.admin1, b.admin1)


def same_incident(a: Event, b: Event, settings: Settings, tolls: bool = True) -> bool:
    """Do two events describe the same incident?

    They must be :func:`plausible`; and unless both name the same town (one place and close
    dates outweigh figures and actors that reports of one incident often get wrong), nothing
    in them may conflict (:func:`conflicting`).
    """
    if not plausible(a, b, settings):
        return False
    if precise(a) and precise(b) and a.location == b.location:
        return True
    return conflicting(a, b, tolls) is None


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
        # The latest report's toll. A report of unknown date, or dated only by the dates it tells (published then
        # or later), may be the latest: its toll counts too (tolls rise far more often than they fall).
        exact = [r.sources[0].published for r in with_toll if r.sources[0].published and not r.sources[0].published_bound]
        latest_pub = max(exact, default=dt.date.min)
        latest = [r for r in with_toll if r.sources[0].published is None or r.sources[0].published_bound
                  or r.sources[0].published == latest_pub]
        # Of those, a report that calls its toll a revision ("nouveau bilan", "the toll rose to") is the later word.
        latest = [r for r in latest if any(h.get("revised") for h in r.history)] or latest
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


def max_gap(settings: Settings) -> int:
    """The widest date gap :func:`same_incident` ever accepts (a month-precision report)."""
    return settings.merge_max_days + 7 + 31


def max_km_apart(settings: Settings) -> float:
    """The farthest apart two towns of different names :func:`plausible` ever takes for one place."""
    return max(settings.merge_same_place_km, settings.merge_near_km)


def cluster_events(events: Sequence[Event], settings: Settings | None = None) -> list[list[Event]]:
    """Group single-report events that describe the same incident.

    Two steps, each taking reports in publication order (so the result does not depend on
    the order they are given in):

    1. reports placed at a town join the latest cluster of the same incident (:func:`same_incident`
       with its consolidated form *and* with every report in it, so no chain of pairwise matches
       joins reports that the ends would not pass);
    2. vaguer reports (a region; one placed only at the country joins none) join a cluster only
       when it is the *one* cluster they could plausibly be of (:func:`plausible`), and nothing
       conflicts: a report of "an attack in the Sahel region" among several attacks there stays apart.

    Candidates are looked up by country and week, so the cost grows with the events of one
    country and season, not with the square of all events.

    >>> import datetime as dt
    >>> from harmattan.records import SourceRef
    >>> def report(doc, location, admin1, toll, lat=None):
    ...     src = SourceRef(doc=doc, url=None, title=None, published=dt.date(2025, 3, 2))
    ...     return Event("Violence against civilians", "Attack", "BF", event_date=dt.date(2025, 3, 1),
    ...                  time_precision="day", location=location, admin1=admin1, fatalities=toll,
    ...                  latitude=lat, longitude=None if lat is None else -1.0, geo_precision=1 if lat else 3,
    ...                  sources=(src,))
    >>> towns = [report("a", "Kaya", "Centre-Nord", 10, 13.1), report("b", "Kaya", "Centre-Nord", 12, 13.1)]
    >>> [len(c) for c in cluster_events(towns + [report("c", None, "Centre-Nord", 12)])]
    [3]
    >>> other = report("d", "Pissila", "Centre-Nord", 4, 13.2)
    >>> sorted(len(c) for c in cluster_events(towns + [other, report("c", None, "Centre-Nord", 12)]))
    [1, 1, 2]
    """
    settings = settings or Settings()
    clusters = _Clusters(settings)
    ordered = sorted(events, key=_order_key)
    for event in (e for e in ordered if precise(e)):
        chosen = next((i for i in clusters.candidates(event) if clusters.joins(i, event)), None)
        clusters.add(event, chosen)
    for event in (e for e in ordered if not precise(e)):
        possible = [i for i in clusters.candidates(event) if plausible(clusters.merged[i], event, settings)]
        # A district named by both (not merely their region) is one place at that level: it goes first.
        named = [i for i in possible if _same_district(clusters.merged[i], event)]
        possible = named or possible
        clusters.add(event, possible[0] if len(possible) == 1 and clusters.joins(possible[0], event) else None)
    return clusters.clusters


class AtTowns(Sequence):
    """A cluster of reports all placed at towns, known to be so (and the towns' names) before they are read:
    a store hands its claims over this way, to be decoded only when needed (:func:`joins_none` leaves them
    unread where only vaguer reports matter, or once it has counted as many candidates as it needs and
    they cannot name the district it looks for).

    >>> lazy = AtTowns(lambda: [Event("Battles", "Armed clash", "ML", location="Gao", event_id="a")], {"Gao"})
    >>> lazy.towns, len(lazy), lazy[0].event_id
    (frozenset({'Gao'}), 1, 'a')
    """

    def __init__(self, read: Callable[[], Sequence[Event]] | None, towns: Iterable[str]):
        self._read = read
        self._reports: tuple[Event, ...] = ()
        self.towns = frozenset(towns)

    def _all(self) -> tuple[Event, ...]:
        if self._read is not None:
            self._reports, self._read = tuple(self._read()), None
        return self._reports

    def __getitem__(self, i):
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())


def joins_none(new: Event, clusters: Sequence[Sequence[Event]], settings: Settings | None = None,
               around: Callable[[Event], Sequence[Sequence[Event]] | None] | None = None,
               towns_left_out: bool = False) -> bool:
    """Is it certain, without clustering again, that :func:`cluster_events` leaves ``new`` a cluster of its own
    and every one of ``clusters`` as it is?

    ``clusters`` are what :func:`cluster_events` made of the reports around ``new`` (each whole, and
    together every report that could be the same incident as ``new``; those all at towns may come as
    :class:`AtTowns`). Certain when:

    - ``new`` is placed at a town and no report of them is :func:`plausible` with it: it joins no
      cluster in step 1, no report joins it, and no vaguer report gains a candidate. When only vaguer
      reports are plausible with it, each of them is looked at in its own surroundings (``around``:
      the clusters around a report, of which towns not named like its district may be left out,
      None when unknown): certain when each keeps its choice, ``new`` being one candidate more
      (:func:`_keeps_choice`);
    - ``new`` is vaguer and, of the clusters as they stood at its turn (their towns' reports and the
      vaguer reports published before it), none or several could be its incident (so it stays alone,
      :func:`cluster_events` step 2), and no vaguer report published after it could be of it. With
      ``towns_left_out``, clusters of towns not named like its district may be missing from
      ``clusters``: certain only when those given already make two candidates.

    False asks for clustering again (``new`` may join one, or change another's choice); it does not say
    that ``new`` joins one. A report always leaves an unrelated one alone; two candidates make a vaguer
    report ambiguous:

    >>> import datetime as dt
    >>> from harmattan.records import SourceRef
    >>> def report(doc, location, toll, lat=None):
    ...     src = SourceRef(doc=doc, url=None, title=None, published=dt.date(2025, 3, 2))
    ...     return Event("Violence against civilians", "Attack", "BF", event_date=dt.date(2025, 3, 1),
    ...                  time_precision="day", location=location, admin1="Centre-Nord", fatalities=toll,
    ...                  latitude=lat, longitude=None if lat is None else -1.0, geo_precision=1 if lat else 3,
    ...                  sources=(src,), event_id=doc)
    >>> kaya, pissila = [report("a", "Kaya", 10, 13.1)], [report("b", "Pissila", 4, 13.2)]
    >>> joins_none(report("c", "Korsimoro", 3, 12.8), [kaya, pissila])
    True
    >>> joins_none(report("c", None, 12), [kaya]), joins_none(report("c", None, 12), [kaya, pissila])
    (False, True)
    """
    settings = settings or Settings()
    if precise(new):
        hits = sorted((r for cluster in clusters for r in cluster if plausible(r, new, settings)), key=_order_key)
        if any(precise(r) for r in hits) or (hits and around is None):
            return False
        # Most often a vaguer report's other choices are among new's own surroundings: its own are read if not.
        return all(_keeps_choice(report, new, clusters, settings=settings, whole=False)
                   or _keeps_choice(report, new, around(report), settings=settings)
                   for report in hits)
    turn = _order_key(new)
    possible, named = _choices(new, clusters, settings, enough=2)
    if len(named or possible) == 1 or (towns_left_out and not named and len(possible) < 2):
        return False
    return not any(not precise(r) and _order_key(r) > turn and plausible(new, r, settings)
                   for cluster in clusters if not isinstance(cluster, AtTowns) for r in cluster)


def nameable(report: Event) -> bool:
    """Could a cluster name the report's district (:func:`_same_district`): does it name a place finer than its region?"""
    return bool(report.location) and report.location != report.admin1


def _choices(report: Event, clusters: Sequence[Sequence[Event]], settings: Settings,
             enough: int | None = None) -> tuple[list[int], list[int]]:
    """The clusters (their indexes) a vaguer report could be of at its turn in step 2 of :func:`cluster_events`
    (as they stood then: their towns' reports and the vaguer reports published before it), and those of
    them naming its district. It chooses among the named ones when there are some, else among all; it
    joins the one when there is one (and nothing conflicts).

    With ``enough``, the possible ones are counted up to that many only: clusters given as
    :class:`AtTowns` (read last) are then left unread unless they could name its district (the named
    ones are all found)."""
    turn = _order_key(report)
    may_be_named = nameable(report)
    possible, named = [], []
    order = sorted(range(len(clusters)), key=lambda i: isinstance(clusters[i], AtTowns))
    for i in order:
        cluster = clusters[i]
        if (enough is not None and len(possible) >= enough and isinstance(cluster, AtTowns)
                and not (may_be_named and report.location in cluster.towns)):
            continue
        then = [r for r in cluster if precise(r) or _order_key(r) < turn]
        if then:
            merged = consolidate(then)
            if plausible(merged, report, settings):
                possible.append(i)
                if _same_district(merged, report):
                    named.append(i)
    return possible, named


def _keeps_choice(report: Event, town: Event, clusters: Sequence[Sequence[Event]] | None,
                  settings: Settings | None = None, whole: bool = True) -> bool:
    """Does a vaguer report keep the choice it made among ``clusters`` (the clusters around it, itself in
    one) when ``town``, a report placed at a town that it could be of, becomes one candidate more (alone)?

    It does when ``town`` does not enter its choices (others name its district and ``town`` does not), or
    when it began a cluster of its own and, with ``town``, has several choices (so stays alone). Clusters
    of towns not named like its district may be left out of ``clusters`` (one of them found is enough);
    with ``whole=False`` any may be (its own is there): False then means "not certain".
    """
    settings = settings or Settings()
    if clusters is None or (not whole and nameable(report)):
        return False
    possible, named = _choices(report, clusters, settings, enough=1)
    town_named = _same_district(town, report)
    if named and not town_named:
        return True
    choices = len(named if town_named else possible) + 1
    mine = next((c for c in clusters if not isinstance(c, AtTowns) and any(r.event_id == report.event_id for r in c)),
                None)
    turn = _order_key(report)
    began = mine is not None and all(not precise(r) and _order_key(r) >= turn for r in mine)
    return began and choices >= 2


CELL_DEGREES = 0.25  # place cells of about 28 km, for looking up the towns near a town


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return (math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES))


def _cells_around(latitude: float, longitude: float, km: float) -> list[tuple[int, int]]:
    """The cells holding every point within ``km`` of a point."""
    lat, lon = _cell(latitude, longitude)
    rows = math.ceil(km / (111.0 * CELL_DEGREES))
    cols = math.ceil(km / max(1.0, 111.32 * math.cos(math.radians(min(89.0, abs(latitude) + km / 111.0))) * CELL_DEGREES))
    return [(lat + i, lon + j) for i in range(-rows, rows + 1) for j in range(-cols, cols + 1)]


class _Clusters:
    """Clusters being built, their consolidated forms, and an index of them by country and week."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.gap = max_gap(settings)
        self.km = max_km_apart(settings)
        self.clusters: list[list[Event]] = []
        self.merged: list[Event] = []
        self.docs: list[set[str]] = []  # the documents of each cluster, kept beside it (one lookup per candidate)
        self.buckets: dict[tuple[str | None, int | None], set[int]] = {}
        self.where: dict[int, tuple[str | None, int | None]] = {}
        self.cells: dict[tuple, set[int]] = {}  # towns' clusters by place cell ...
        self.names: dict[tuple, set[int]] = {}  # ... and by name
        self.regions: dict[tuple, set[int]] = {}  # every cluster by country and admin-1
        self.places: dict[int, list] = {}
        self.vague = 0  # clusters not at a town (reports of step 2): then every cluster of the weeks is a candidate

    @staticmethod
    def _bucket(e: Event) -> tuple[str | None, int | None]:
        return (e.country_code, e.event_date.toordinal() // 7 if e.event_date else None)

    def candidates(self, event: Event) -> list[int]:
        """Clusters close enough in date (and, for a town, in place; for a report placed less precisely,
        of its admin-1) to match at all, latest first, none sharing a document."""
        country, week = self._bucket(event)
        weeks = None if week is None else range((event.event_date.toordinal() - self.gap) // 7,
                                                (event.event_date.toordinal() + self.gap) // 7 + 1)
        if not precise(event) and event.event_type != "Disaster":
            # plausible() takes a report not placed at a town only with a cluster of its admin-1 (none without one).
            region = self.regions.get((country, event.admin1), ()) if event.admin1 else ()
            found = {i for i in region if weeks is None or self.where[i][1] is None or self.where[i][1] in weeks}
        elif week is None:
            found = {i for (c, _), ids in self.buckets.items() if c == country for i in ids}
        else:
            if precise(event) and not self.vague:
                # Only towns so far: those of the same name, or in the cells around this one.
                near = set(self.names.get((country, event.location), ()))
                for cell in _cells_around(event.latitude, event.longitude, self.km):
                    near |= self.cells.get((country, cell), set())
                found = {i for i in near if self.where[i][1] is None or self.where[i][1] in weeks}
            else:
                found = set(self.buckets.get((country, None), ()))
                for w in weeks:
                    found |= self.buckets.get((country, w), set())
        docs = _docs(event)
        return [i for i in sorted(found, reverse=True) if not self.docs[i] & docs]

    def joins(self, i: int, event: Event) -> bool:
        """Is the report the same incident as cluster ``i`` (its tolls one rising figure), and as every report in it?"""
        return (same_incident(self.merged[i], event, self.settings)
                and all(same_incident(r, event, self.settings, tolls=False) for r in self.clusters[i]))

    def add(self, event: Event, i: int | None) -> None:
        if i is None:
            self.clusters.append([event])
            self.merged.append(event)
            self.docs.append(set(_docs(event)))
            i = len(self.clusters) - 1
        else:
            self.clusters[i].append(event)
            self.docs[i] |= _docs(event)
            self.merged[i] = consolidate(self.clusters[i])
        old = self.where.get(i)
        if old is not None:
            self.buckets[old].discard(i)
        for key in self.places.pop(i, ()):
            key[0][key[1]].discard(i)
        merged = self.merged[i]
        self.where[i] = self._bucket(merged)
        self.buckets.setdefault(self.where[i], set()).add(i)
        self.regions.setdefault((merged.country_code, merged.admin1), set()).add(i)
        self.places[i] = [(self.regions, (merged.country_code, merged.admin1))]
        if precise(merged):
            cell = _cell(merged.latitude, merged.longitude)
            self.cells.setdefault((merged.country_code, cell), set()).add(i)
            self.names.setdefault((merged.country_code, merged.location), set()).add(i)
            self.places[i] += [(self.cells, (merged.country_code, cell)), (self.names, (merged.country_code, merged.location))]
        else:
            self.vague += 1
