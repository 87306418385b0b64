"""Alert rules and when they fire (pure: records in, decisions out).

A rule's criteria all have to hold (an empty one holds); a list within a
criterion is "any of". An event rule fires once per event, and again when the
event's figures change materially; a weekly rule ("fatalities in Benin this
week above 20") fires once per country-week, and again when the week's total
changes materially.

>>> rule = AlertRule("mopti", admin1=("Mopti", "Ségou"), min_fatalities=5)
>>> event = {"event_id": "ev-1", "country_code": "ML", "admin1": "Segou", "fatalities": 7,
...          "event_type": "Battles", "actor1": "JNIM", "actor2": "Military Forces of Mali"}
>>> matches_event(rule, event)
True
>>> matches_event(rule, {**event, "fatalities": 4})
False
>>> reason_to_fire(None, event_snapshot(event), min_change=5, min_change_pct=20)
'new event'
>>> reason_to_fire(event_snapshot(event), event_snapshot({**event, "fatalities": 9}), 5, 20)
'fatalities 7 -> 9'
>>> reason_to_fire(event_snapshot(event), event_snapshot({**event, "fatalities": 8}), 5, 20) is None
True
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

Canonical = Callable[[str], "str | None"]


@dataclass(frozen=True)
class AlertRule:
    """What an analyst wants to hear about, and where to send it."""

    name: str
    admin1: tuple[str, ...] = ()
    country: tuple[str, ...] = ()  # ISO2 codes
    actor: tuple[str, ...] = ()  # any name or alias the knowledge base knows, or part of a name
    event_type: tuple[str, ...] = ()
    min_fatalities: int | None = None
    weekly_fatalities_above: int | None = None  # makes it a weekly rule (per country)
    webhooks: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    rule_id: int | None = field(default=None, compare=False)

    @property
    def weekly(self) -> bool:
        return self.weekly_fatalities_above is not None

    def criteria(self) -> dict:
        """The criteria as JSON-ready data (what the ``alert_rules`` table keeps)."""
        data = asdict(self)
        for key in ("name", "webhooks", "emails", "rule_id"):
            data.pop(key)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items() if v not in ((), None)}

    def describe(self) -> str:
        """One line for people.

        >>> AlertRule("bj", country=("BJ",), weekly_fatalities_above=20).describe()
        'country BJ; weekly fatalities above 20'
        """
        parts = []
        for key, label in (("admin1", "admin1"), ("country", "country"), ("actor", "actor"), ("event_type", "type")):
            values = getattr(self, key)
            if values:
                parts.append(f"{label} {' or '.join(values)}")
        if self.min_fatalities is not None:
            parts.append(f"{self.min_fatalities}+ deaths")
        if self.weekly:
            parts.append(f"weekly fatalities above {self.weekly_fatalities_above}")
        return "; ".join(parts) or "any event"


def rule_from_row(rule_id: int, name: str, criteria: dict, channels: dict) -> AlertRule:
    tupled = {k: tuple(v) if isinstance(v, list) else v for k, v in criteria.items()}
    return AlertRule(name=name, rule_id=rule_id, webhooks=tuple(channels.get("webhooks", ())),
                     emails=tuple(channels.get("emails", ())), **tupled)


def fold(text: str) -> str:
    """Lower case without accents: ``Ségou`` and ``SEGOU`` compare equal.

    >>> fold("Ségou") == fold("SEGOU")
    True
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().strip()


def _kb_canonical(name: str) -> str | None:
    from ..actors import load_actor_kb
    found = load_actor_kb().resolve(name)
    return found.name if found else None


def event_actors(record: dict) -> list[str]:
    names = [record.get("actor1"), record.get("actor2")]
    for key in ("assoc_actor_1", "assoc_actor_2"):
        value = record.get(key) or []
        names.extend(value if isinstance(value, list) else [value])
    return [n for n in names if n]


def _actor_matches(wanted: str, names: list[str], canonical: Canonical) -> bool:
    target = canonical(wanted)
    folded = [fold(n) for n in names]
    if target and fold(target) in folded:
        return True
    return any(fold(wanted) in n for n in folded)


def matches_event(rule: AlertRule, record: dict, canonical: Canonical = _kb_canonical) -> bool:
    """True when an event record meets the rule's criteria (the weekly threshold aside)."""
    if record.get("background") or record.get("review_status") == "not_event":
        return False
    if rule.country and (record.get("country_code") or "").upper() not in {c.upper() for c in rule.country}:
        return False
    if rule.admin1:
        places = {fold(p) for p in (record.get("admin1"), record.get("admin1_new")) if p}
        if not places & {fold(a) for a in rule.admin1}:
            return False
    if rule.event_type and fold(record.get("event_type") or "") not in {fold(t) for t in rule.event_type}:
        return False
    if rule.min_fatalities is not None and (record.get("fatalities") or 0) < rule.min_fatalities:
        return False
    if rule.actor:
        names = event_actors(record)
        if not any(_actor_matches(a, names, canonical) for a in rule.actor):
            return False
    return True


def event_snapshot(record: dict) -> dict:
    """The figures an alert reports and later compares against."""
    return {"fatalities": record.get("fatalities") or 0, "event_type": record.get("event_type"),
            "sub_event_type": record.get("sub_event_type")}


def reason_to_fire(previous: dict | None, current: dict, min_change: int, min_change_pct: float) -> str | None:
    """Why to fire again (``"new event"``, ``"fatalities 12 -> 19"``, ``"type ..."``), or None: nothing material changed."""
    if previous is None:
        return "new " + ("week" if "week" in current else "event")
    reasons = []
    before, after = previous.get("fatalities") or 0, current.get("fatalities") or 0
    delta = abs(after - before)
    if delta and (delta >= min_change or (before and 100.0 * delta / before >= min_change_pct) or not before):
        reasons.append(f"fatalities {before} -> {after}")
    if previous.get("event_type") != current.get("event_type"):
        reasons.append(f"type {previous.get('event_type')} -> {current.get('event_type')}")
    return "; ".join(reasons) or None
