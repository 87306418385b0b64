"""The taxonomy (``data/taxonomy.yaml``): event types, sub-types, disorder types, colours, cue families.

One file read by coding, exports and the web app alike. It is loaded once, on
first use, from the package's data (never at import).

>>> t = load_taxonomy()
>>> t.disorder_type("Protests", "Excessive force against protesters")
'Political violence; Demonstrations'
>>> "Air/drone strike" in t.sub_event_types("Explosions/Remote violence")
True
>>> sorted(t.family("demonstration"))
['protest', 'riot']
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.yaml"


@dataclass(frozen=True)
class Taxonomy:
    """Event types with their sub-types, disorder types, colours; cue families."""

    event_types: dict
    disorder_by_sub_event_type: dict
    disorder_types: tuple[str, ...]
    cue_families: dict
    actor_types: tuple[str, ...] = ()

    def types(self) -> list[str]:
        return list(self.event_types)

    def sub_event_types(self, event_type: str) -> list[str]:
        return list(self.event_types.get(event_type, {}).get("sub_event_types", []))

    def is_valid(self, event_type: str | None, sub_event_type: str | None = None) -> bool:
        """Is this a known type (and, when given, one of its sub-types)?"""
        if event_type not in self.event_types:
            return False
        return sub_event_type is None or sub_event_type in self.sub_event_types(event_type)

    def disorder_type(self, event_type: str | None, sub_event_type: str | None = None) -> str | None:
        """ACLED's disorder type; None for types outside ACLED's (our Disaster)."""
        if sub_event_type in self.disorder_by_sub_event_type:
            return self.disorder_by_sub_event_type[sub_event_type]
        return self.event_types.get(event_type or "", {}).get("disorder_type")

    def disorder_type_or_empty(self, event_type: str | None, sub_event_type: str | None = None) -> str:
        """ACLED's disorder type for an export column: empty for types outside ACLED's."""
        return self.disorder_type(event_type, sub_event_type) or ""

    def colour(self, event_type: str | None) -> str:
        return self.event_types.get(event_type or "", {}).get("colour", "#555555")

    def css(self, event_type: str | None) -> str:
        return self.event_types.get(event_type or "", {}).get("css", "other")

    def family(self, name: str) -> frozenset[str]:
        return frozenset(self.cue_families.get(name, ()))


@functools.cache
def load_taxonomy(path: str | Path = DEFAULT_PATH) -> Taxonomy:
    """Read the taxonomy file (once per path)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Taxonomy(
        event_types=data["event_types"],
        disorder_by_sub_event_type=data.get("disorder_by_sub_event_type", {}),
        disorder_types=tuple(data.get("disorder_types", ())),
        cue_families={k: tuple(v) for k, v in data.get("cue_families", {}).items()},
        actor_types=tuple(data.get("actor_types", ())),
    )
