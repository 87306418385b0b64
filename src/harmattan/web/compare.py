"""Two periods side by side: events and deaths by type, country and region, with the change.

Period A is the page's ``since``/``until`` (by default the 90 days up to the
latest event); period B is ``since_b``/``until_b`` (by default the period of
the same length just before A). Every other filter of the page applies to both.

>>> previous_period(dt.date(2025, 4, 1), dt.date(2025, 6, 29))
(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from ..store import Store, event_groups, trends
from ..store.query import EventFilter

GROUPS = ("type", "country", "admin1")


def previous_period(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length ending the day before ``since``."""
    days = (until - since).days
    end = trends.shift(since, -1)
    return trends.shift(end, -days), end


def compare(engine: Store, flt: EventFilter, a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date],
            by: str) -> list[dict]:
    """Per value of ``by``: events and deaths in A and in B and their changes, largest of A first."""
    def counts(period):
        f = dataclasses.replace(flt, since=period[0].isoformat(), until=period[1].isoformat(), limit=None)
        return {(r.get("country_code"), r[by]) if by == "admin1" else r[by]: r for r in event_groups.group_counts(engine, f, by)}
    in_a, in_b = counts(a), counts(b)
    rows = []
    for key in set(in_a) | set(in_b):
        ra, rb = in_a.get(key, {"events": 0, "fatalities": 0}), in_b.get(key, {"events": 0, "fatalities": 0})
        label = key if by != "admin1" else ", ".join(p for p in (key[1], key[0]) if p)
        rows.append({"value": label or "—", "events_a": ra["events"], "events_b": rb["events"],
                     "events_change": ra["events"] - rb["events"], "deaths_a": ra["fatalities"],
                     "deaths_b": rb["fatalities"], "deaths_change": ra["fatalities"] - rb["fatalities"]})
    return sorted(rows, key=lambda r: (-r["events_a"], -r["deaths_a"], -r["events_b"], str(r["value"])))
