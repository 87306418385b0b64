"""Facets (as in Datasette): the values of a field among the matching events, with their events and deaths.

Each facet is registered by name (the URL parameter it filters) and counts
within the current filter; a value links to the same view with that value
added to (or, when already chosen, removed from) the filter. The same counts
draw the bar charts of events and deaths by type, region and actor.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from ..store import Store, event_groups
from ..store.query import EventFilter
from .views import as_list


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter the facet's values set
    label: str  # shown above its values (an interface message, translated by the page)
    count: Callable[[Store, EventFilter], list[tuple[str, int, int]]]  # (value, events, deaths), largest first


FACETS: dict[str, Facet] = {}


def facet(name: str, label: str):
    """Register a counting function as the facet ``name``."""
    def register(fn: Callable[[Store, EventFilter], list[tuple[str, int, int]]]):
        FACETS[name] = Facet(name, label, fn)
        return fn
    return register


def _grouped(by: str) -> Callable[[Store, EventFilter], list[tuple[str, int, int]]]:
    def count(engine: Store, flt: EventFilter) -> list[tuple[str, int, int]]:
        return [(row[by], row["events"], row["fatalities"]) for row in event_groups.group_counts(engine, flt, by)
                if row[by] not in (None, "")]
    return count


facet("type", "Type")(_grouped("type"))
facet("sub_event_type", "Sub-type")(_grouped("sub_event_type"))
facet("country", "Country")(_grouped("country"))
facet("admin1", "Region")(_grouped("admin1"))
facet("actor", "Actor")(_grouped("actor"))


@dataclass(frozen=True)
class FacetValue:
    value: str
    events: int
    deaths: int
    selected: bool
    query: str  # the view's query string with this value toggled
    events_share: float  # of the largest value, for the bars
    deaths_share: float


def facet_values(engine: Store, flt: EventFilter, params: Mapping[str, str | list[str]], name: str,
                 limit: int = 8) -> list[FacetValue]:
    """The ``limit`` largest values of facet ``name`` among the events of ``flt``, with toggling links."""
    rows = FACETS[name].count(engine, flt)[:limit]
    chosen = as_list(params.get(name))
    top_events = max((r[1] for r in rows), default=0) or 1
    top_deaths = max((r[2] for r in rows), default=0) or 1
    out = []
    for value, n, deaths in rows:
        selected = value in chosen or (name == "country" and value.upper() in [c.upper() for c in chosen])
        values = [v for v in chosen if v != value] if selected else [*chosen, value]
        query = urlencode({**{k: v for k, v in params.items() if k not in (name, "page")}, name: values}, doseq=True)
        out.append(FacetValue(value, n, deaths, selected, query, round(n / top_events, 3), round(deaths / top_deaths, 3)))
    return out
