"""The event taxonomy the review checks corrections against, from the one taxonomy file.

A view of :mod:`harmattan.taxonomy` (``data/taxonomy.yaml``), which coding and
exports read too: ACLED's event and sub-event types, Harmattan's Disaster
extension, ACLED's actor and disorder types.

>>> sub_types_of("Battles")
('Armed clash', 'Government regains territory', 'Non-state actor overtakes territory')
>>> "Picnic" in EVENT_TYPES
False
"""
from __future__ import annotations

from ..taxonomy import load_taxonomy

_TAXONOMY = load_taxonomy()

EVENT_TYPES: dict[str, tuple[str, ...]] = {t: tuple(_TAXONOMY.sub_event_types(t)) for t in _TAXONOMY.types()}
ACTOR_TYPES: tuple[str, ...] = _TAXONOMY.actor_types
#: ACLED's ``disorder_type`` values (the only ones an ACLED export may carry).
DISORDER_TYPES: tuple[str, ...] = _TAXONOMY.disorder_types


def sub_types_of(event_type: str | None) -> tuple[str, ...]:
    """The sub-event types of an event type (empty for an unknown type)."""
    return EVENT_TYPES.get(event_type or "", ())


def all_sub_types() -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for subs in EVENT_TYPES.values() for s in subs))
