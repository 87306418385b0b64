"""`joins_none` says "certain" only when clustering again would change nothing but add the new report alone.

Thousands of random crowded neighbourhoods (towns a few km apart with alike
names, reports of the region or of a district, named and unnamed armed groups,
day, week and month dates, rising and falling tolls): whenever `joins_none`
is certain, clustering every report again must give the stored clusters and
the new report on its own. The check must also be certain often, and not
always, or the shortcut it allows would be either useless or untested.
"""
from __future__ import annotations

import datetime as dt
import random

from harmattan.merge import AtTowns, cluster_events, joins_none, precise
from harmattan.records import Event, SourceRef
from harmattan.settings import Settings

# Made-up towns of two regions: two pairs are alike names a few km apart (one place spelt twice, for merging),
# and one town gives its name to its district.
TOWNS = [("Kolbo", "North", 13.00, -1.00), ("Kolbou", "North", 13.02, -1.01), ("Sanma", "North", 13.05, -1.10),
         ("Tigou", "North", 13.30, -1.40), ("Bam", "North", 13.20, -1.30), ("Dafra", "South", 12.00, -1.00),
         ("Dafrah", "South", 12.03, -1.02), ("Lessa", "South", 12.10, -1.05)]
DISTRICTS = {"North": ["Bam", "Loroum"], "South": ["Zoundweogo"]}
GROUPS = ["Unidentified Armed Group (Burkina Faso)", "JNIM: Group for Support of Islam and Muslims",
          "ISSP: Islamic State Sahel Province"]


def _report(rng: random.Random, n: int) -> Event:
    day = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(6))
    published = day + dt.timedelta(days=rng.randrange(4))
    source = SourceRef(doc=f"doc{n}#0", url=None, title=None, published=published)
    common = dict(event_date=day, time_precision=rng.choice(["day"] * 6 + ["week", "month"]),
                  actor1=rng.choice(GROUPS), fatalities=rng.choice([None, 0, 3, 5, 8, 12, 20]),
                  sources=(source,), event_id=f"r{n}", history=())
    event_type = rng.choice(["Violence against civilians", "Battles", "Battles", "Protests"])
    if rng.random() < 0.55:
        name, region, lat, lon = rng.choice(TOWNS)
        return Event(event_type, "Attack", "BF", location=name, admin1=region, latitude=lat, longitude=lon,
                     geo_precision=rng.choice([1, 1, 2]), **common)
    region = rng.choice(["North", "South"])
    location = rng.choice([None, region] + DISTRICTS[region])
    return Event(event_type, "Attack", "BF", location=location, admin1=region, geo_precision=3, **common)


def _shape(clusters) -> set[frozenset[str]]:
    return {frozenset(e.event_id for e in cluster) for cluster in clusters}


def _lazy(clusters):
    """The clusters as a store hands them over: those all at towns unread until needed."""
    return [AtTowns(lambda c=c: c, {e.location for e in c}) if all(precise(e) for e in c) else c for c in clusters]


def _near(new: Event, clusters):
    """The clusters a store finds around a report (as its index does): those with a report of the same town,
    of a town within 30 km, or placed vaguer in the same region (whole); a vaguer report's: all of its region's."""
    def close(r: Event) -> bool:
        if not precise(new) or not precise(r):
            return r.admin1 == new.admin1
        return r.location == new.location or abs(r.latitude - new.latitude) + abs(r.longitude - new.longitude) < 0.27
    return [c for c in clusters if any(close(r) for r in c)]


def _few_towns(new: Event, clusters):
    """What a store reads around a vaguer report: the clusters with a vaguer report, those of a town named like
    its district, and two of the others (a town's alone); and whether some were left out."""
    if precise(new):  # a town's report reads all of its surroundings
        return _lazy(clusters), False
    towns = [c for c in clusters if all(precise(e) for e in c) and len(c) == 1 and c[0].location != new.location]
    kept = [c for c in clusters if not any(c is t for t in towns)] + towns[:2]
    return _lazy(kept), len(towns) > 2


def test_certain_means_nothing_changes_but_the_new_report_alone():
    settings = Settings()
    rng = random.Random(20261204)
    certain = uncertain = 0
    for case in range(3000):
        stored = [_report(rng, n) for n in range(rng.randrange(2, 16))]
        clusters = cluster_events(stored, settings)
        new = _report(rng, 999)
        whole_around = lambda report: _lazy(_near(report, clusters))  # noqa: E731
        few_around = lambda report: _few_towns(report, _near(report, clusters))[0]  # noqa: E731
        for given, left_out, around in ((clusters, False, whole_around), (_lazy(clusters), False, whole_around),
                                        (_lazy(_near(new, clusters)), False, whole_around),
                                        (*_few_towns(new, _near(new, clusters)), few_around)):
            verdict = joins_none(new, given, settings, around=around, towns_left_out=left_out)
            if verdict:
                again = cluster_events(stored + [new], settings)
                assert _shape(again) == _shape(clusters) | {frozenset({"r999"})}, f"case {case}"
        certain += verdict
        uncertain += not verdict
    assert certain > 300 and uncertain > 300, (certain, uncertain)


def test_a_town_report_that_only_vaguer_reports_could_be_of_is_decided_from_their_surroundings():
    """The vaguer report had several choices and stays alone: certain without clustering again, but only
    when its surroundings can be read."""
    settings = Settings()

    def town(n, name, lat):
        src = SourceRef(doc=f"d{n}", url=None, title=None, published=dt.date(2025, 3, 2))
        return Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, 1), location=name, admin1="North",
                     latitude=lat, longitude=-1.0, geo_precision=1, sources=(src,), event_id=f"r{n}")

    region = Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, 1), admin1="North", geo_precision=3,
                   sources=(SourceRef(doc="d9", url=None, title=None, published=dt.date(2025, 3, 3)),), event_id="r9")
    stored = [town(1, "Kolbo", 13.0), town(2, "Tigou", 13.3), region]
    clusters = cluster_events(stored, settings)
    new = town(3, "Lessa", 13.6)
    assert not joins_none(new, clusters, settings)  # the region's report could be of it: unknown without more
    assert joins_none(new, clusters, settings, around=lambda report: clusters)
    assert _shape(cluster_events(stored + [new], settings)) == _shape(clusters) | {frozenset({"r3"})}


def _town(n: int, name: str, lat: float, lon: float, day: int, actor: str | None = None) -> Event:
    src = SourceRef(doc=f"d{n}", url=None, title=None, published=dt.date(2025, 3, day))
    return Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, day), location=name, admin1="North",
                 latitude=lat, longitude=lon, geo_precision=1, actor1=actor, sources=(src,), event_id=f"r{n}")


def test_a_town_plausible_with_another_town_is_never_certain():
    """Two spellings of one place: the new report would join the stored one, whatever the vaguer reports
    around (here one naming a district after the town, blaming another group) say."""
    settings = Settings()
    town = _town(1, "Kolbou", 13.02, -1.01, 1, GROUPS[2])
    district = Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, 1), location="Kolbou", admin1="North",
                     geo_precision=3, actor1=GROUPS[1], event_id="r2",
                     sources=(SourceRef(doc="d2", url=None, title=None, published=dt.date(2025, 2, 28)),))
    stored = [town, district]
    clusters = cluster_events(stored, settings)
    new = _town(3, "Kolbo", 13.0, -1.0, 1)
    assert not joins_none(new, clusters, settings, around=lambda report: clusters)
    assert _shape(cluster_events(stored + [new], settings)) != _shape(clusters) | {frozenset({"r3"})}


def test_a_town_named_like_a_district_may_make_a_report_of_that_district_ambiguous():
    """A report of the Bam district joined the one cluster naming Bam; a new report from the town of Bam is a
    second one, so the district's report would stay alone: not certain."""
    settings = Settings()
    earlier = _town(1, "Bam", 13.2, -1.3, 1)
    district = Event("Battles", "Armed clash", "BF", event_date=dt.date(2025, 3, 3), time_precision="week",
                     location="Bam", admin1="North", geo_precision=3, event_id="r2",
                     sources=(SourceRef(doc="d2", url=None, title=None, published=dt.date(2025, 3, 4)),))
    stored = [earlier, district]
    clusters = cluster_events(stored, settings)
    assert _shape(clusters) == {frozenset({"r1", "r2"})}
    new = _town(3, "Bam", 13.2, -1.3, 6)  # too late to be the town's earlier incident, not the district report's
    assert not joins_none(new, clusters, settings, around=lambda report: clusters)
    assert _shape(cluster_events(stored + [new], settings)) != _shape(clusters) | {frozenset({"r3"})}
