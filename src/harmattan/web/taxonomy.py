"""The event taxonomy corrections are checked against: ACLED's event and sub-event types, our Disaster extension.

Until the project ships its own taxonomy data file, this is the list the
coder produces (ACLED codebook 2023 event types and sub-event types, plus the
``Disaster`` type of Harmattan with its sub-types) and ACLED's actor types.

>>> sub_types_of("Battles")
('Armed clash', 'Government regains territory', 'Non-state actor overtakes territory')
>>> "Picnic" in EVENT_TYPES
False
"""
from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
    "Disaster": ("Flood", "Drought", "Epidemic", "Fire", "Storm", "Landslide", "Other"),
}

ACTOR_TYPES = ("State forces", "Rebel groups", "Political militias", "Identity militias", "Rioters", "Protesters",
               "Civilians", "External/Other forces")

#: ACLED's ``disorder_type`` values (the only ones an ACLED export may carry).
DISORDER_TYPES = ("Political violence", "Demonstrations", "Strategic developments",
                  "Political violence; Demonstrations")


def sub_types_of(event_type: str | None) -> tuple[str, ...]:
    """The sub-event types of an event type (empty for an unknown type)."""
    return EVENT_TYPES.get(event_type or "", ())


def all_sub_types() -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for subs in EVENT_TYPES.values() for s in subs))
